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
import { isAssigned, scoredCriteria, stagesOf, type EvaluationModel } from "./setup";
import { parseBidDeclaration, parseGatewayAnswer } from "./words";

export type ReturnsProblemKind =
  | "gatewayMissing"
  | "gatewayNoReason"
  | "undeclaredConflict"
  | "conflictDeclared"
  | "missingScore"
  | "invalidScore"
  | "missingReason"
  | "notModerated"
  | "missingConsensus"
  | "invalidConsensus"
  | "noRationale"
  | "tooFewScores";

export const RETURNS_PROBLEM_TITLES: Record<ReturnsProblemKind, string> = {
  gatewayMissing: "Gateway not answered",
  gatewayNoReason: "Gateway answers without a reason",
  undeclaredConflict: "Conflict-of-interest declarations not completed",
  conflictDeclared: "Conflicts of interest declared (those scores not counted)",
  missingScore: "Missing scores",
  invalidScore: "Scores outside the scale",
  missingReason: "Scores without a reason",
  notModerated: "Wide spreads not yet moderated",
  missingConsensus: "Consensus scores not yet agreed",
  invalidConsensus: "Consensus scores outside the scale",
  noRationale: "Consensus scores without a rationale",
  tooFewScores: "Too few independent scores",
};

/** A problem in the returns: its kind, and the sheet and cell where it is (`where` is "sheet!cell"). */
export type ReturnsProblem = Problem & { kind: ReturnsProblemKind; sheet: string; address: string };

/**
 * What the panel entered, by position: evaluator e (setup order), bidder b, and k, the k-th scored
 * criterion (quality and social value, in setup order).
 */
export type ReturnsData = {
  /** declarations[e][b]: each evaluator's declaration for each bid, as read. */
  declarations: unknown[][];
  /** scores[e][b][k] and reasons[e][b][k]: each evaluator's own scores and reasons. */
  scores: unknown[][][];
  reasons: unknown[][][];
  /** consensus[b][k] and rationale[b][k]: what the panel agreed. */
  consensus: unknown[][];
  rationale: unknown[][];
  /** gateway.answers[b][g] and gateway.reasons[b][g], when the setup has a gateway. */
  gateway?: { answers: unknown[][]; reasons: unknown[][] };
};

/** A place in the returns that a problem can be in. */
export type ReturnsPlace =
  | { cell: "declaration"; evaluator: number; bidder: number }
  | { cell: "gatewayAnswer" | "gatewayReason"; bidder: number; question: number }
  | { cell: "score" | "reason"; evaluator: number; bidder: number; criterion: number }
  | { cell: "consensus" | "rationale"; bidder: number; criterion: number };

/** Where a place is in the workbook. */
export type LocateReturns = (place: ReturnsPlace) => { sheet: string; address: string };

/** The field each place is, as the panel sees it. */
const FIELDS: Record<ReturnsPlace["cell"], string> = {
  declaration: "Conflict-of-interest declaration",
  gatewayAnswer: "Gateway",
  gatewayReason: "Gateway reason",
  score: "Score",
  reason: "Reason",
  consensus: "Consensus score",
  rationale: "Rationale",
};

/** A whole score within the scale. */
export function isValidScore(v: unknown, max: number): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max;
}

/**
 * Scores that count for bid b, criterion k: from evaluators assigned the criterion who declared no
 * conflict with that bid, numbers only. A conflict with one bidder voids only that bid's scores.
 */
export function countedScores(
  data: ReturnsData,
  b: number,
  k: number,
  model?: EvaluationModel
): number[] {
  const out: number[] = [];
  data.declarations.forEach((d, e) => {
    if (parseBidDeclaration(d?.[b]) !== "noConflict") return;
    if (model && !isAssigned(model, e, k)) return;
    const v = data.scores[e]?.[b]?.[k];
    if (typeof v === "number" && Number.isFinite(v)) out.push(v);
  });
  return out;
}

type Report = (kind: ReturnsProblemKind, place: ReturnsPlace, message: string) => void;

/** Bids excluded at the gateway need no scores. */
function failedGateway(model: EvaluationModel, data: ReturnsData): boolean[] {
  const gateway = stagesOf(model).gateway;
  return model.bidders.map((_, b) =>
    gateway.some((_, g) => parseGatewayAnswer(data.gateway?.answers[b]?.[g]) === "fail")
  );
}

/** Every gateway question answered Pass or Fail for every bid, with a reason. */
function checkGateway(model: EvaluationModel, data: ReturnsData, report: Report): void {
  const gateway = stagesOf(model).gateway;
  model.bidders.forEach((bidder, b) =>
    gateway.forEach((q, g) => {
      const answer = data.gateway?.answers[b]?.[g];
      const at = { bidder: b, question: g };
      if (parseGatewayAnswer(answer) === "none")
        report(
          "gatewayMissing",
          { cell: "gatewayAnswer", ...at },
          `${bidder.name}: "${q}" is ${isBlank(answer) ? "not answered" : `"${String(answer)}"`}; choose Pass or Fail`
        );
      else if (isBlank(data.gateway?.reasons[b]?.[g]))
        report(
          "gatewayNoReason",
          { cell: "gatewayReason", ...at },
          `${bidder.name}: "${q}" is answered ${String(answer).trim()} without a reason`
        );
    })
  );
}

/** One bid's declaration by evaluator e; false when their scores for it are not counted. */
function checkDeclaration(
  model: EvaluationModel,
  data: ReturnsData,
  e: number,
  b: number,
  report: Report
): boolean {
  const evaluator = model.evaluators[e];
  const bidder = model.bidders[b].name;
  const declared = data.declarations[e]?.[b];
  const decl = parseBidDeclaration(declared);
  if (decl === "none") {
    const got = isBlank(declared) ? "it is blank" : `it reads "${String(declared)}"`;
    report(
      "undeclaredConflict",
      { cell: "declaration", evaluator: e, bidder: b },
      `${evaluator} has not declared whether they have a conflict of interest with ${bidder} (${got}); their scores for that bid do not count until they do`
    );
    return true;
  }
  if (decl === "conflict") {
    report(
      "conflictDeclared",
      { cell: "declaration", evaluator: e, bidder: b },
      `${evaluator} declared a conflict of interest with ${bidder}; their scores for that bid only are not counted`
    );
    return false; // a conflicted member's scores for this bid are not needed
  }
  return true;
}

/** One evaluator's declarations, then their scores and reasons on their assigned criteria. */
function checkEvaluator(
  model: EvaluationModel,
  data: ReturnsData,
  e: number,
  excluded: boolean[],
  report: Report
): void {
  const evaluator = model.evaluators[e];
  const max = model.scale.max;
  model.bidders.forEach((bidder, b) => {
    if (excluded[b]) return;
    if (!checkDeclaration(model, data, e, b, report)) return;
    scoredCriteria(model).forEach((c, k) => {
      if (!isAssigned(model, e, k)) return;
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

/**
 * Each bid needs enough independent scores per criterion (a setting): members assigned the
 * criterion who did not declare a conflict with the bid. Reported where too few such members
 * are left, which no amount of scoring by them can put right.
 */
function checkIndependence(
  model: EvaluationModel,
  data: ReturnsData,
  excluded: boolean[],
  report: Report
): void {
  const need = stagesOf(model).minIndependentScores;
  model.bidders.forEach((bidder, b) => {
    if (excluded[b]) return;
    scoredCriteria(model).forEach((c, k) => {
      const able = model.evaluators.filter(
        (_, e) =>
          isAssigned(model, e, k) && parseBidDeclaration(data.declarations[e]?.[b]) !== "conflict"
      );
      if (able.length < need)
        report(
          "tooFewScores",
          { cell: "consensus", bidder: b, criterion: k },
          `${bidder.name} on ${c.name}: only ${able.length} panel member${able.length === 1 ? "" : "s"} without a conflict can score it${able.length ? ` (${able.join(", ")})` : ""}; each bid needs ${need} independent score${need === 1 ? "" : "s"}: assign another member`
        );
    });
  });
}

/** The panel's consensus score and rationale for every bid and criterion. */
function checkModeration(
  model: EvaluationModel,
  data: ReturnsData,
  excluded: boolean[],
  report: Report
): void {
  const max = model.scale.max;
  model.bidders.forEach((bidder, b) => {
    if (excluded[b]) return;
    scoredCriteria(model).forEach((c, k) => {
      const cons = data.consensus[b]?.[k];
      const at = { bidder: b, criterion: k };
      if (isBlank(cons)) {
        const spread = consensus(countedScores(data, b, k, model), model.spreadLimit);
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

/**
 * Every problem in the returns, in order: the gateway's, each evaluator's in turn, too few
 * independent scores, then the moderation's. Bids excluded at the gateway need nothing more.
 */
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
  const excluded = failedGateway(model, data);
  checkGateway(model, data, report);
  model.evaluators.forEach((_, e) => checkEvaluator(model, data, e, excluded, report));
  checkIndependence(model, data, excluded, report);
  checkModeration(model, data, excluded, report);
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
