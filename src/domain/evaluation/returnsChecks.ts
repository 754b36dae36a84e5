/**
 * "Check returns": what is still wrong with a completed evaluation, as pure functions over what
 * the panel entered. Each problem says where it is: the caller passes a `locate` that turns a
 * place in the evaluation (a member's declaration, a member's score for a bid and criterion, a
 * consensus score ...) into the sheet and cell that hold it, so the rules here know no sheets.
 *
 * From the sources: conflicts of interest must be handled on mixed panels (000:757; 003:333,
 * 003:636); organisations did not know why they lost, so reasons are recorded (003:377, 003:796).
 * UK practice (DOMAIN.md s.4): wide spreads are discussed; one consensus score per criterion with
 * its rationale; the original scores are kept.
 */
import { isBlank } from "../kernel/parse";
import type { Problem } from "../kernel/problem";
import { consensus } from "./scoring";
import { scoredCriteria, type EvaluationModel } from "./setup";
import { parseDeclaration } from "./words";

export type ReturnsProblemKind =
  | "undeclaredConflict"
  | "conflictDeclared"
  | "missingScore"
  | "invalidScore"
  | "missingReason"
  | "notModerated"
  | "missingConsensus"
  | "invalidConsensus"
  | "noRationale";

export const RETURNS_PROBLEM_TITLES: Record<ReturnsProblemKind, string> = {
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

/** A problem in the returns: its kind, and the sheet and cell where it is (`where` is "sheet!cell"). */
export type ReturnsProblem = Problem & { kind: ReturnsProblemKind; sheet: string; address: string };

/**
 * What the panel entered, by position: evaluator e (setup order), bidder b, and k, the k-th scored
 * criterion (quality and social value, in setup order).
 */
export type ReturnsData = {
  /** Each evaluator's declaration, as read. */
  declarations: unknown[];
  /** scores[e][b][k] and reasons[e][b][k]: each evaluator's own scores and reasons. */
  scores: unknown[][][];
  reasons: unknown[][][];
  /** consensus[b][k] and rationale[b][k]: what the panel agreed. */
  consensus: unknown[][];
  rationale: unknown[][];
};

/** A place in the returns that a problem can be in. */
export type ReturnsPlace =
  | { cell: "declaration"; evaluator: number }
  | { cell: "score" | "reason"; evaluator: number; bidder: number; criterion: number }
  | { cell: "consensus" | "rationale"; bidder: number; criterion: number };

/** Where a place is in the workbook. */
export type LocateReturns = (place: ReturnsPlace) => { sheet: string; address: string };

/** The field each place is, as the panel sees it. */
const FIELDS: Record<ReturnsPlace["cell"], string> = {
  declaration: "Conflict-of-interest declaration",
  score: "Score",
  reason: "Reason",
  consensus: "Consensus score",
  rationale: "Rationale",
};

/** A whole score within the scale. */
export function isValidScore(v: unknown, max: number): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max;
}

/** Scores that count for bid b, criterion k: from evaluators who declared no conflict, numbers only. */
export function countedScores(data: ReturnsData, b: number, k: number): number[] {
  const out: number[] = [];
  data.declarations.forEach((d, e) => {
    if (parseDeclaration(d) !== "noConflict") return;
    const v = data.scores[e]?.[b]?.[k];
    if (typeof v === "number" && Number.isFinite(v)) out.push(v);
  });
  return out;
}

type Report = (kind: ReturnsProblemKind, place: ReturnsPlace, message: string) => void;

/** One evaluator's declaration, then (unless they declared a conflict) their scores and reasons. */
function checkEvaluator(
  model: EvaluationModel,
  data: ReturnsData,
  e: number,
  report: Report
): void {
  const evaluator = model.evaluators[e];
  const declared = data.declarations[e];
  const decl = parseDeclaration(declared);
  if (decl === "none") {
    const got = isBlank(declared) ? "it is blank" : `it reads "${String(declared)}"`;
    report(
      "undeclaredConflict",
      { cell: "declaration", evaluator: e },
      `${evaluator} has not completed the conflict-of-interest declaration (${got}); their scores do not count until they do`
    );
  } else if (decl === "conflict") {
    report(
      "conflictDeclared",
      { cell: "declaration", evaluator: e },
      `${evaluator} declared a conflict of interest; their scores are not counted`
    );
    return; // a conflicted member's scores are not needed
  }
  const max = model.scale.max;
  model.bidders.forEach((bidder, b) => {
    scoredCriteria(model).forEach((c, k) => {
      const score = data.scores[e]?.[b]?.[k];
      const at = { evaluator: e, bidder: b, criterion: k };
      if (isBlank(score))
        report(
          "missingScore",
          { cell: "score", ...at },
          `${evaluator} has not scored ${bidder.name} on ${c.name}`
        );
      else if (!isValidScore(score, max))
        report(
          "invalidScore",
          { cell: "score", ...at },
          `${evaluator}'s score for ${bidder.name} on ${c.name} is "${String(score)}"; expected a whole score from 0 to ${max}`
        );
      else if (isBlank(data.reasons[e]?.[b]?.[k]))
        report(
          "missingReason",
          { cell: "reason", ...at },
          `${evaluator} gave ${bidder.name} ${score} on ${c.name} without a reason`
        );
    });
  });
}

/** The panel's consensus score and rationale for every bid and criterion. */
function checkModeration(model: EvaluationModel, data: ReturnsData, report: Report): void {
  const max = model.scale.max;
  model.bidders.forEach((bidder, b) => {
    scoredCriteria(model).forEach((c, k) => {
      const cons = data.consensus[b]?.[k];
      const at = { bidder: b, criterion: k };
      if (isBlank(cons)) {
        const spread = consensus(countedScores(data, b, k), model.spreadLimit);
        if (spread.ok && spread.value.discuss)
          report(
            "notModerated",
            { cell: "consensus", ...at },
            `${bidder.name} on ${c.name}: scores range from ${spread.value.lowest} to ${spread.value.highest} (more than ${model.spreadLimit} apart) and no consensus has been recorded`
          );
        else
          report(
            "missingConsensus",
            { cell: "consensus", ...at },
            `${bidder.name} on ${c.name}: no consensus score yet`
          );
      } else if (!isValidScore(cons, max))
        report(
          "invalidConsensus",
          { cell: "consensus", ...at },
          `${bidder.name} on ${c.name}: consensus score "${String(cons)}" is not a whole score from 0 to ${max}`
        );
      else if (isBlank(data.rationale[b]?.[k]))
        report(
          "noRationale",
          { cell: "rationale", ...at },
          `${bidder.name} on ${c.name}: consensus score ${cons} has no rationale recorded`
        );
    });
  });
}

/** Every problem in the returns, in order: each evaluator's in turn, then the moderation's. */
export function checkReturns(
  model: EvaluationModel,
  data: ReturnsData,
  locate: LocateReturns
): ReturnsProblem[] {
  const problems: ReturnsProblem[] = [];
  const report: Report = (kind, place, message) => {
    const { sheet, address } = locate(place);
    problems.push({
      kind,
      field: FIELDS[place.cell],
      message,
      where: `${sheet}!${address}`,
      sheet,
      address,
    });
  };
  model.evaluators.forEach((_, e) => checkEvaluator(model, data, e, report));
  checkModeration(model, data, report);
  return problems;
}

/** Consensus scores per bidder and scored criterion (null when blank or invalid). */
export function consensusGrid(
  model: EvaluationModel,
  data: Pick<ReturnsData, "consensus">
): (number | null)[][] {
  const nK = scoredCriteria(model).length;
  return model.bidders.map((_, b) =>
    Array.from({ length: nK }, (_, k) => {
      const v = data.consensus[b]?.[k];
      return isValidScore(v, model.scale.max) ? v : null;
    })
  );
}

/** Rationale per bidder and scored criterion ("" when blank). */
export function rationaleGrid(
  model: EvaluationModel,
  data: Pick<ReturnsData, "rationale">
): string[][] {
  const nK = scoredCriteria(model).length;
  return model.bidders.map((_, b) =>
    Array.from({ length: nK }, (_, k) => {
      const v = data.rationale[b]?.[k];
      return isBlank(v) ? "" : String(v);
    })
  );
}
