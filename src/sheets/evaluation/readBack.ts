/**
 * Reading a completed evaluation workbook back: the values of the ranges named in evaluationRefs
 * (each member's grid of declarations, scores and reasons, the moderation's consensus block, the
 * gateway's answers) become the domain's ReturnsData, and a place in the returns becomes its
 * sheet and cell.
 */
import { scoredCriteria, stagesOf, type EvaluationModel } from "../../domain/evaluation/setup";
import type { LocateReturns, ReturnsData } from "../../domain/evaluation/returnsChecks";
import { gridColumn, type EvaluationRefs } from "./geometry";

/** The values as read from the workbook, range by range. */
export type ReturnsSheetValues = {
  /**
   * Each evaluator's grid (refs.grid(e)): one row per bidder, the declaration for that bid, then
   * score and reason per assigned criterion.
   */
  grids: unknown[][][];
  /** The moderation block (refs.consensusBlock): one row per bid and criterion, [consensus, rationale]. */
  moderation: unknown[][];
  /** The gateway block (refs.gatewayBlock): one row per bid and question, [answer, reason]. */
  gateway?: unknown[][];
};

/** A block with one row per bid and item (criterion or question), as [bid][item]. */
function byBid(model: EvaluationModel, rows: unknown[][], perBid: number, column: number) {
  return model.bidders.map((_, b) =>
    Array.from({ length: perBid }, (_, k) => rows[b * perBid + k]?.[column])
  );
}

/** The consensus scores and rationale only (for the assessment summaries). */
export function moderationFromSheet(
  model: EvaluationModel,
  moderation: unknown[][]
): Pick<ReturnsData, "consensus" | "rationale"> {
  const nK = scoredCriteria(model).length;
  return {
    consensus: byBid(model, moderation, nK, 0),
    rationale: byBid(model, moderation, nK, 1),
  };
}

/** The gateway's answers and reasons, [bid][question]. */
export function gatewayFromSheet(
  model: EvaluationModel,
  gateway: unknown[][] | undefined
): NonNullable<ReturnsData["gateway"]> {
  const nG = stagesOf(model).gateway.length;
  return {
    answers: byBid(model, gateway ?? [], nG, 0),
    reasons: byBid(model, gateway ?? [], nG, 1),
  };
}

/**
 * One member's grid as the domain sees it: declarations[b], and scores[b][k] and reasons[b][k]
 * indexed by scored criterion (undefined where k is not assigned to them).
 */
export function memberFromGrid(
  model: EvaluationModel,
  e: number,
  grid: unknown[][] | undefined
): { declarations: unknown[]; scores: unknown[][]; reasons: unknown[][] } {
  const nK = scoredCriteria(model).length;
  const mine = stagesOf(model).assignments[e];
  const at = (b: number, column: (j: number) => number) => {
    const row: unknown[] = Array.from({ length: nK }, () => undefined);
    mine.forEach((k, j) => (row[k] = grid?.[b]?.[column(j)]));
    return row;
  };
  return {
    declarations: model.bidders.map((_, b) => grid?.[b]?.[gridColumn.declaration]),
    scores: model.bidders.map((_, b) => at(b, gridColumn.score)),
    reasons: model.bidders.map((_, b) => at(b, gridColumn.reason)),
  };
}

/** The returns as the domain sees them, from the values read back. */
export function returnsFromSheets(model: EvaluationModel, values: ReturnsSheetValues): ReturnsData {
  const members = model.evaluators.map((_, e) => memberFromGrid(model, e, values.grids[e]));
  return {
    declarations: members.map((m) => m.declarations),
    scores: members.map((m) => m.scores),
    reasons: members.map((m) => m.reasons),
    ...moderationFromSheet(model, values.moderation),
    ...(stagesOf(model).gateway.length > 0
      ? { gateway: gatewayFromSheet(model, values.gateway) }
      : {}),
  };
}

/** Where each place in the returns is: a member's sheet, Moderation or Gateway. */
export function locateReturns(refs: EvaluationRefs): LocateReturns {
  return (place) => {
    switch (place.cell) {
      case "declaration":
        return {
          sheet: refs.names.evaluators[place.evaluator],
          address: refs.declarationCell(place.bidder),
        };
      case "score":
      case "reason": {
        const cell =
          place.cell === "score"
            ? refs.scoreCell(place.evaluator, place.bidder, place.criterion)
            : refs.reasonCell(place.evaluator, place.bidder, place.criterion);
        return {
          sheet: refs.names.evaluators[place.evaluator],
          address: cell ?? refs.declarationCell(place.bidder),
        };
      }
      case "consensus":
        return {
          sheet: refs.names.moderation,
          address: refs.consensusCell(place.bidder, place.criterion),
        };
      case "rationale":
        return {
          sheet: refs.names.moderation,
          address: refs.rationaleCell(place.bidder, place.criterion),
        };
      case "gatewayAnswer":
      case "gatewayReason":
        return {
          sheet: refs.names.gateway ?? "Gateway",
          address:
            place.cell === "gatewayAnswer"
              ? refs.gatewayAnswerCell(place.bidder, place.question)
              : refs.gatewayReasonCell(place.bidder, place.question),
        };
    }
  };
}
