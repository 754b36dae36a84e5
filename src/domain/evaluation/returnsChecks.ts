/**
 * "Check returns": what is still wrong with a completed evaluation workbook, as pure functions
 * over the values read back from it. Each finding says where it is (sheet and cell).
 *
 * From the sources: conflicts of interest must be handled on mixed panels (000:757; 003:333,
 * 003:636); organisations did not know why they lost, so reasons are recorded (003:377, 003:796).
 * UK practice (DOMAIN.md s.4): wide spreads are discussed; one consensus score per criterion with
 * its rationale; the original scores are kept.
 */
import { isBlank } from "../kernel/parse";
import { consensus } from "./scoring";
import { scoredCriteria, type EvaluationModel } from "./setup";
import {
  DECLARATION_CONFLICT,
  DECLARATION_NO_CONFLICT,
  type EvaluationRefs,
} from "../../sheets/evaluation/evaluationSheets";

export type FindingKind =
  | "undeclaredConflict"
  | "conflictDeclared"
  | "missingScore"
  | "invalidScore"
  | "missingReason"
  | "notModerated"
  | "missingConsensus"
  | "invalidConsensus"
  | "noRationale";

export const FINDING_TITLES: Record<FindingKind, string> = {
  undeclaredConflict: "Conflict-of-interest declaration not completed",
  conflictDeclared: "Conflict of interest declared (scores not counted)",
  missingScore: "Missing scores",
  invalidScore: "Scores outside the scale",
  missingReason: "Scores without a reason",
  notModerated: "Wide spreads not yet moderated",
  missingConsensus: "Consensus scores not yet agreed",
  invalidConsensus: "Consensus scores outside the scale",
  noRationale: "Consensus scores without a rationale",
};

export type Finding = { kind: FindingKind; sheet: string; address: string; message: string };

/** Values read back from a completed workbook, laid out as evaluationRefs describes. */
export type ReturnsData = {
  /** Declaration cell value, per evaluator. */
  declarations: unknown[];
  /** Scoring grid per evaluator: one row per bidder, score and reason per scored criterion. */
  grids: unknown[][][];
  /** Moderation consensus block: one row per bid and criterion, [consensus, rationale]. */
  moderation: unknown[][];
};

export type Declaration = "noConflict" | "conflict" | "none";

export function parseDeclaration(v: unknown): Declaration {
  const s = isBlank(v) ? "" : String(v).trim().toLowerCase();
  if (s === DECLARATION_NO_CONFLICT.toLowerCase()) return "noConflict";
  if (s === "") return "none";
  if (s === DECLARATION_CONFLICT.toLowerCase()) return "conflict";
  return "none";
}

/** A whole score within the scale. */
export function isValidScore(v: unknown, max: number): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max;
}

/** Scores that count for bid b, criterion k: from evaluators who declared no conflict, numbers only. */
export function countedScores(data: ReturnsData, b: number, k: number): number[] {
  const out: number[] = [];
  data.declarations.forEach((d, e) => {
    if (parseDeclaration(d) !== "noConflict") return;
    const v = data.grids[e]?.[b]?.[2 * k];
    if (typeof v === "number" && Number.isFinite(v)) out.push(v);
  });
  return out;
}

/** Every problem in the returns, in sheet order: evaluators' sheets, then Moderation. */
export function checkReturns(
  model: EvaluationModel,
  refs: EvaluationRefs,
  data: ReturnsData
): Finding[] {
  const findings: Finding[] = [];
  const scored = scoredCriteria(model);
  const max = model.scale.max;
  model.evaluators.forEach((evaluator, e) => {
    const sheet = refs.names.evaluators[e];
    const decl = parseDeclaration(data.declarations[e]);
    if (decl === "none") {
      const got = isBlank(data.declarations[e])
        ? "it is blank"
        : `it reads "${String(data.declarations[e])}"`;
      findings.push({
        kind: "undeclaredConflict",
        sheet,
        address: refs.declaration,
        message: `${evaluator} has not completed the conflict-of-interest declaration (${got}); their scores do not count until they do`,
      });
    } else if (decl === "conflict") {
      findings.push({
        kind: "conflictDeclared",
        sheet,
        address: refs.declaration,
        message: `${evaluator} declared a conflict of interest; their scores are not counted`,
      });
      return; // a conflicted member's scores are not needed
    }
    const grid = data.grids[e] ?? [];
    model.bidders.forEach((bidder, b) => {
      scored.forEach((c, k) => {
        const score = grid[b]?.[2 * k];
        const reason = grid[b]?.[2 * k + 1];
        const where = refs.scoreCell(b, k);
        if (isBlank(score)) {
          findings.push({
            kind: "missingScore",
            sheet,
            address: where,
            message: `${evaluator} has not scored ${bidder.name} on ${c.name}`,
          });
        } else if (!isValidScore(score, max)) {
          findings.push({
            kind: "invalidScore",
            sheet,
            address: where,
            message: `${evaluator}'s score for ${bidder.name} on ${c.name} is "${String(score)}"; expected a whole score from 0 to ${max}`,
          });
        } else if (isBlank(reason)) {
          findings.push({
            kind: "missingReason",
            sheet,
            address: refs.reasonCell(b, k),
            message: `${evaluator} gave ${bidder.name} ${score} on ${c.name} without a reason`,
          });
        }
      });
    });
  });
  const sheet = refs.names.moderation;
  model.bidders.forEach((bidder, b) => {
    scored.forEach((c, k) => {
      const row = data.moderation[b * scored.length + k] ?? [];
      const [cons, why] = row;
      if (isBlank(cons)) {
        const spread = consensus(countedScores(data, b, k), model.spreadLimit);
        if (spread.ok && spread.value.discuss) {
          findings.push({
            kind: "notModerated",
            sheet,
            address: refs.consensusCell(b, k),
            message: `${bidder.name} on ${c.name}: scores range from ${spread.value.lowest} to ${spread.value.highest} (more than ${model.spreadLimit} apart) and no consensus has been recorded`,
          });
        } else {
          findings.push({
            kind: "missingConsensus",
            sheet,
            address: refs.consensusCell(b, k),
            message: `${bidder.name} on ${c.name}: no consensus score yet`,
          });
        }
      } else if (!isValidScore(cons, max)) {
        findings.push({
          kind: "invalidConsensus",
          sheet,
          address: refs.consensusCell(b, k),
          message: `${bidder.name} on ${c.name}: consensus score "${String(cons)}" is not a whole score from 0 to ${max}`,
        });
      } else if (isBlank(why)) {
        findings.push({
          kind: "noRationale",
          sheet,
          address: refs.rationaleCell(b, k),
          message: `${bidder.name} on ${c.name}: consensus score ${cons} has no rationale recorded`,
        });
      }
    });
  });
  return findings;
}

/** Consensus scores per bidder and scored criterion, from the moderation block (null when blank or invalid). */
export function consensusGrid(
  model: EvaluationModel,
  data: Pick<ReturnsData, "moderation">
): (number | null)[][] {
  const nK = scoredCriteria(model).length;
  return model.bidders.map((_, b) =>
    Array.from({ length: nK }, (_, k) => {
      const v = data.moderation[b * nK + k]?.[0];
      return isValidScore(v, model.scale.max) ? v : null;
    })
  );
}

/** Rationale per bidder and scored criterion. */
export function rationaleGrid(
  model: EvaluationModel,
  data: Pick<ReturnsData, "moderation">
): string[][] {
  const nK = scoredCriteria(model).length;
  return model.bidders.map((_, b) =>
    Array.from({ length: nK }, (_, k) =>
      isBlank(data.moderation[b * nK + k]?.[1]) ? "" : String(data.moderation[b * nK + k][1])
    )
  );
}
