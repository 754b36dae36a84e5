/**
 * Where everything is in the evaluation workbook: the names of the generated sheets, and the rows
 * and columns of each (0-based). The sheet builders beside this file write to these positions and
 * the workflow reads a completed workbook back from them (evaluationRefs, readBack.ts), so writing
 * and reading cannot disagree.
 */
import { cellAddress, rangeAddress } from "../a1";
import { scoredCriteria, stagesOf, type EvaluationModel } from "../../domain/evaluation/setup";
import type { GeneratedSheets } from "../../domain/evaluation/records";

// ---------- sheet names ----------

const RESERVED = ["history"];

/** Excel's limit on a sheet name's length. */
const SHEET_NAME_MAX = 31;

/**
 * Text cut to at most `max` characters at a word boundary (a cut word or an unclosed bracket is
 * left out: "Scores R. Hughes (sector representative)" -> "Scores R. Hughes"); a single word
 * longer than max is cut.
 */
export function shortenAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(" ");
  cut = space > 0 ? cut.slice(0, space) : text.slice(0, max);
  const open = cut.lastIndexOf("(");
  if (open > 0 && cut.indexOf(")", open) < 0) cut = cut.slice(0, open);
  cut = cut.replace(/[\s,;:(\-–]+$/, "").trim();
  return cut === "" ? text.slice(0, max).trim() : cut;
}

/**
 * A valid Excel sheet name from user text: no [ ] : * ? / \, at most 31 characters (shortened at
 * a word boundary), not starting or ending with an apostrophe, not blank, not "History", and
 * unique (ignoring case) among `taken` (which it extends).
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
  const fit = (max: number) => shortenAtWord(base, max).replace(/'+$/, "").trim() || "Sheet";
  let name = fit(SHEET_NAME_MAX);
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = fit(SHEET_NAME_MAX - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** The generated sheets' names (kept in the workbook's record of the evaluation). */
export type SheetNames = GeneratedSheets;

/** Names of the generated sheets, with each panel member's sheet named after them. */
export function evaluationSheetNames(model: EvaluationModel): SheetNames {
  const taken = new Set<string>(["criteria", "moderation", "results", "gateway"]);
  return {
    criteria: "Criteria",
    moderation: "Moderation",
    results: "Results",
    evaluators: model.evaluators.map((e) => sanitiseSheetName(`Scores ${e}`, taken)),
    ...(stagesOf(model).gateway.length > 0 ? { gateway: "Gateway" } : {}),
  };
}

/** Names of the assessment summary sheets, one per bidder, avoiding the generated sheets. */
export function summarySheetNames(model: EvaluationModel, names: SheetNames): string[] {
  const taken = new Set<string>(
    [
      names.criteria,
      names.moderation,
      names.results,
      ...names.evaluators,
      ...(names.gateway ? [names.gateway] : []),
    ].map((n) => n.toLowerCase())
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
  tieBreak: { row: 7, col: 1 },
  minIndependent: { row: 8, col: 1 },
  abnormallyLow: { row: 9, col: 1 },
  /** The tender's identifier and version (locked; a returned file must carry the same). */
  tenderId: { row: 10, col: 1 },
  version: { row: 11, col: 1 },
  headerRow: 13,
  firstRow: 14,
  columns: { name: 0, group: 1, weight: 2, minimum: 3 },
} as const;

/**
 * A panel member's scoring sheet: who and which tender at the top, then one row per bidder with
 * the member's declaration for that bid (column B) and a score and a reason column for each
 * criterion assigned to them.
 */
export const SCORING_SHEET = {
  member: { row: 0, col: 1 },
  tender: { row: 1, col: 1 },
  tenderId: { row: 2, col: 1 },
  version: { row: 3, col: 1 },
  scaleRow: 4,
  headerRow: 6,
  firstRow: 7,
  /** The declaration column; the grid (declaration, then scores and reasons) starts here. */
  firstCol: 1,
} as const;

/**
 * On a scoring grid row, the columns (from the grid's first) of the declaration and of the j-th
 * assigned criterion's score and reason.
 */
export const gridColumn = {
  declaration: 0,
  score: (j: number) => 1 + 2 * j,
  reason: (j: number) => 2 + 2 * j,
};

/** The Gateway sheet: one row per bid and question, Pass/Fail and a reason. */
export const GATEWAY_SHEET = {
  headerRow: 3,
  firstRow: 4,
  columns: { bidder: 0, question: 1, answer: 2, reason: 3 },
} as const;

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
    gateway: 13,
    perPoint: 14,
    fullCost: 15,
    abnormallyLow: 16,
    last: 16,
  },
} as const;

/** An assessment summary: header, one row per scored criterion, then the points. */
export const SUMMARY_SHEET = { headerRow: 5, firstRow: 6 } as const;

/** Addresses (A1, without the sheet) of what the workflow reads back and points the user to. */
export type EvaluationRefs = {
  names: SheetNames;
  /** The scored criteria (indices k) on member e's sheet, in column order. */
  assigned: (e: number) => number[];
  /** Member e's whole grid: declaration, scores and reasons, one row per bidder. */
  grid: (e: number) => string;
  declarationCell: (b: number) => string;
  /** Member e's score or reason cell for bid b and criterion k; null when k is not theirs. */
  scoreCell: (e: number, b: number, k: number) => string | null;
  reasonCell: (e: number, b: number, k: number) => string | null;
  /** Consensus and rationale columns on the Moderation sheet, one row per bid and criterion. */
  consensusBlock: string;
  moderationRow: (b: number, k: number) => number;
  consensusCell: (b: number, k: number) => string;
  rationaleCell: (b: number, k: number) => string;
  resultsBlock: string;
  /** The Gateway sheet's answers and reasons, one row per bid and question (null: no gateway). */
  gatewayBlock: string | null;
  gatewayAnswerCell: (b: number, g: number) => string;
  gatewayReasonCell: (b: number, g: number) => string;
};

export function evaluationRefs(
  model: EvaluationModel,
  names: SheetNames = evaluationSheetNames(model)
): EvaluationRefs {
  const nK = scoredCriteria(model).length;
  const nB = model.bidders.length;
  const st = stagesOf(model);
  const nG = st.gateway.length;
  const mc = moderationColumns(model.evaluators.length);
  const { firstRow, firstCol } = SCORING_SHEET;
  const modRow = (b: number, k: number) => MODERATION_SHEET.firstRow + b * nK + k;
  const gwRow = (b: number, g: number) => GATEWAY_SHEET.firstRow + b * nG + g;
  const column = (e: number, k: number, at: (j: number) => number) => {
    const j = st.assignments[e].indexOf(k);
    return j < 0 ? null : firstCol + at(j);
  };
  return {
    names,
    assigned: (e) => st.assignments[e],
    grid: (e) =>
      rangeAddress(firstRow, firstCol, firstRow + nB - 1, firstCol + 2 * st.assignments[e].length),
    declarationCell: (b) => cellAddress(firstRow + b, firstCol + gridColumn.declaration),
    scoreCell: (e, b, k) => {
      const c = column(e, k, gridColumn.score);
      return c === null ? null : cellAddress(firstRow + b, c);
    },
    reasonCell: (e, b, k) => {
      const c = column(e, k, gridColumn.reason);
      return c === null ? null : cellAddress(firstRow + b, c);
    },
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
    gatewayBlock:
      nG === 0
        ? null
        : rangeAddress(
            GATEWAY_SHEET.firstRow,
            GATEWAY_SHEET.columns.answer,
            GATEWAY_SHEET.firstRow + nB * nG - 1,
            GATEWAY_SHEET.columns.reason
          ),
    gatewayAnswerCell: (b, g) => cellAddress(gwRow(b, g), GATEWAY_SHEET.columns.answer),
    gatewayReasonCell: (b, g) => cellAddress(gwRow(b, g), GATEWAY_SHEET.columns.reason),
  };
}

/** A number format that shows a percentage held as a number of points (30 -> "30%"). */
export const pointsPercentFormat = (decimals = 0): string =>
  decimals === 0 ? '0"%"' : `0.${"0".repeat(decimals)}"%"`;
