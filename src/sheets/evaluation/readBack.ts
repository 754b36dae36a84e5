/**
 * Reading a completed evaluation workbook back: the values of the ranges named in evaluationRefs
 * (each member's declaration and scoring grid, the moderation's consensus block) become the
 * domain's ReturnsData, and a place in the returns becomes its sheet and cell.
 */
import { scoredCriteria, type EvaluationModel } from "../../domain/evaluation/setup";
import type { LocateReturns, ReturnsData } from "../../domain/evaluation/returnsChecks";
import { gridColumn, type EvaluationRefs } from "./geometry";

/** The values as read from the workbook, range by range. */
export type ReturnsSheetValues = {
  /** The declaration cell's value, per evaluator. */
  declarations: unknown[];
  /** Each evaluator's grid (refs.grid): one row per bidder, score and reason per scored criterion. */
  grids: unknown[][][];
  /** The moderation block (refs.consensusBlock): one row per bid and criterion, [consensus, rationale]. */
  moderation: unknown[][];
};

/** The moderation block's rows per bidder and criterion. */
function moderationByBid(model: EvaluationModel, moderation: unknown[][], column: number) {
  const nK = scoredCriteria(model).length;
  return model.bidders.map((_, b) =>
    Array.from({ length: nK }, (_, k) => moderation[b * nK + k]?.[column])
  );
}

/** The consensus scores and rationale only (for the assessment summaries). */
export function moderationFromSheet(
  model: EvaluationModel,
  moderation: unknown[][]
): Pick<ReturnsData, "consensus" | "rationale"> {
  return {
    consensus: moderationByBid(model, moderation, 0),
    rationale: moderationByBid(model, moderation, 1),
  };
}

/** The returns as the domain sees them, from the values read back. */
export function returnsFromSheets(model: EvaluationModel, values: ReturnsSheetValues): ReturnsData {
  const nK = scoredCriteria(model).length;
  const fromGrid = (column: (k: number) => number) =>
    values.grids.map((grid) =>
      model.bidders.map((_, b) => Array.from({ length: nK }, (_, k) => grid?.[b]?.[column(k)]))
    );
  return {
    declarations: values.declarations,
    scores: fromGrid(gridColumn.score),
    reasons: fromGrid(gridColumn.reason),
    ...moderationFromSheet(model, values.moderation),
  };
}

/** Where each place in the returns is: a member's sheet, or Moderation. */
export function locateReturns(refs: EvaluationRefs): LocateReturns {
  return (place) => {
    switch (place.cell) {
      case "declaration":
        return { sheet: refs.names.evaluators[place.evaluator], address: refs.declaration };
      case "score":
        return {
          sheet: refs.names.evaluators[place.evaluator],
          address: refs.scoreCell(place.bidder, place.criterion),
        };
      case "reason":
        return {
          sheet: refs.names.evaluators[place.evaluator],
          address: refs.reasonCell(place.bidder, place.criterion),
        };
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
    }
  };
}
