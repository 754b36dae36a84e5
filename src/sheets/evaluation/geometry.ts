/**
 * Where everything is in the evaluation workbook: the names of the generated sheets, and the rows
 * and columns of each (0-based). The sheet builders beside this file write to these positions and
 * the workflow reads a completed workbook back from them (evaluationRefs, readBack.ts), so writing
 * and reading cannot disagree.
 */
import { cellAddress, rangeAddress } from "../a1";
import { scoredCriteria, type EvaluationModel } from "../../domain/evaluation/setup";
import type { GeneratedSheets } from "../../domain/evaluation/records";

// ---------- sheet names ----------

const RESERVED = ["history"];

/**
 * A valid Excel sheet name from user text: no [ ] : * ? / \, at most 31 characters, not starting
 * or ending with an apostrophe, not blank, not "History", and unique (ignoring case) among `taken`
 * (which it extends).
 */
export function sanitiseSheetName(text: string, taken: Set<string>): string {
  let base = String(text ?? "")
    .replace(/[[\]:*?/\\]/g, " ")
    .split("")
    .map((ch) => (ch.charCodeAt(0) < 32 ? " " : ch))
    .join("")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^'+|'+$/g, "")
    .trim();
  if (base === "") base = "Sheet";
  if (RESERVED.includes(base.toLowerCase())) base = `${base} 1`;
  let name = base.slice(0, 31).trim();
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = base.slice(0, 31 - suffix.length).trim() + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** The generated sheets' names (kept in the workbook's record of the evaluation). */
export type SheetNames = GeneratedSheets;

/** Names of the generated sheets, with each panel member's sheet named after them. */
export function evaluationSheetNames(model: EvaluationModel): SheetNames {
  const taken = new Set<string>(["criteria", "moderation", "results"]);
  return {
    criteria: "Criteria",
    moderation: "Moderation",
    results: "Results",
    evaluators: model.evaluators.map((e) => sanitiseSheetName(`Scores ${e}`, taken)),
  };
}

/** Names of the assessment summary sheets, one per bidder, avoiding the generated sheets. */
export function summarySheetNames(model: EvaluationModel, names: SheetNames): string[] {
  const taken = new Set<string>(
    [names.criteria, names.moderation, names.results, ...names.evaluators].map((n) =>
      n.toLowerCase()
    )
  );
  return model.bidders.map((b) => sanitiseSheetName(`Summary ${b.name}`, taken));
}

// ---------- where things are ----------

/** Criteria: the tender's settings in column B, then one row per criterion. */
export const CRITERIA_SHEET = {
  tender: { row: 0, col: 1 },
  scaleMax: { row: 1, col: 1 },
  threshold: { row: 2, col: 1 },
  spread: { row: 3, col: 1 },
  method: { row: 4, col: 1 },
  priceWeight: { row: 5, col: 1 },
  scoredWeight: { row: 6, col: 1 },
  headerRow: 8,
  firstRow: 9,
  columns: { name: 0, group: 1, weight: 2, minimum: 3 },
} as const;

/**
 * A panel member's scoring sheet: the declaration and status at the top, then one row per bidder
 * with a score and a reason column for each scored criterion.
 */
export const SCORING_SHEET = {
  declaration: { row: 2, col: 1 },
  status: { row: 3, col: 1 },
  scaleRow: 4,
  headerRow: 6,
  firstRow: 7,
  firstCol: 1,
} as const;

/** On a scoring grid row, the columns (from the grid's first) of criterion k's score and reason. */
export const gridColumn = {
  score: (k: number) => 2 * k,
  reason: (k: number) => 2 * k + 1,
};

/** Moderation: one row per bid and criterion; a column per panel member from firstEvaluatorCol. */
export const MODERATION_SHEET = {
  headerRow: 3,
  firstRow: 4,
  columns: { bidder: 0, criterion: 1, group: 2, weight: 3, minimum: 4 },
  firstEvaluatorCol: 5,
} as const;

/** Column positions on the Moderation sheet after the panel's columns (they move with its size). */
export function moderationColumns(evaluators: number) {
  const e = MODERATION_SHEET.firstEvaluatorCol + evaluators;
  return {
    counted: e,
    lowest: e + 1,
    highest: e + 2,
    mean: e + 3,
    spread: e + 4,
    discuss: e + 5,
    consensus: e + 6,
    rationale: e + 7,
    weighted: e + 8,
    belowMin: e + 9,
    last: e + 9,
  };
}

/** Results: the highest-ranked bid at the top, then one row per bidder. */
export const RESULTS_SHEET = {
  winner: { row: 2, col: 1 },
  headerRow: 4,
  firstRow: 5,
  columns: {
    bidder: 0,
    quality: 1,
    price: 2,
    social: 3,
    total: 4,
    percent: 5,
    meets: 6,
    belowMin: 7,
    complete: 8,
    status: 9,
    rank: 10,
    priceGbp: 11,
    pricePassed: 12,
    last: 12,
  },
} as const;

/** An assessment summary: header, one row per scored criterion, then the points. */
export const SUMMARY_SHEET = { headerRow: 5, firstRow: 6 } as const;

/** Addresses (A1, without the sheet) of what the workflow reads back and points the user to. */
export type EvaluationRefs = {
  names: SheetNames;
  /** Declaration cell on each evaluator sheet. */
  declaration: string;
  /** Whole scoring grid (scores and reasons) on each evaluator sheet. */
  grid: string;
  scoreCell: (b: number, k: number) => string;
  reasonCell: (b: number, k: number) => string;
  /** Consensus and rationale columns on the Moderation sheet, one row per bid and criterion. */
  consensusBlock: string;
  moderationRow: (b: number, k: number) => number;
  consensusCell: (b: number, k: number) => string;
  rationaleCell: (b: number, k: number) => string;
  resultsBlock: string;
};

export function evaluationRefs(
  model: EvaluationModel,
  names: SheetNames = evaluationSheetNames(model)
): EvaluationRefs {
  const nK = scoredCriteria(model).length;
  const nB = model.bidders.length;
  const mc = moderationColumns(model.evaluators.length);
  const { firstRow, firstCol } = SCORING_SHEET;
  const modRow = (b: number, k: number) => MODERATION_SHEET.firstRow + b * nK + k;
  return {
    names,
    declaration: cellAddress(SCORING_SHEET.declaration.row, SCORING_SHEET.declaration.col),
    grid: rangeAddress(firstRow, firstCol, firstRow + nB - 1, firstCol + 2 * nK - 1),
    scoreCell: (b, k) => cellAddress(firstRow + b, firstCol + gridColumn.score(k)),
    reasonCell: (b, k) => cellAddress(firstRow + b, firstCol + gridColumn.reason(k)),
    consensusBlock: rangeAddress(
      MODERATION_SHEET.firstRow,
      mc.consensus,
      MODERATION_SHEET.firstRow + nB * nK - 1,
      mc.rationale
    ),
    moderationRow: modRow,
    consensusCell: (b, k) => cellAddress(modRow(b, k), mc.consensus),
    rationaleCell: (b, k) => cellAddress(modRow(b, k), mc.rationale),
    resultsBlock: rangeAddress(
      RESULTS_SHEET.firstRow,
      0,
      RESULTS_SHEET.firstRow + nB - 1,
      RESULTS_SHEET.columns.last
    ),
  };
}
