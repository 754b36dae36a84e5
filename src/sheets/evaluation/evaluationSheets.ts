/**
 * The evaluation workbook as data: for each generated sheet, its cells (user text, numbers,
 * ordinary Excel formulas), number formats, which cells are open for input, data validation,
 * conditional formats and the chart. src/excel/evaluation.ts writes this model in a few batches;
 * the engine's tests can inspect it without Excel. Every address used to read a completed
 * workbook back comes from here, so writing and reading cannot disagree.
 *
 * Formulas use only ordinary Excel functions (IF, SUMIF, COUNTIFS, MIN, MAX, AVERAGE, ROUND, ...)
 * so the workbook works for panel members without the add-in (DOMAIN.md s.4).
 */
import {
  GROUP_LABELS,
  methodologyText,
  priceWeightBp,
  scoredCriteria,
  type EvaluationModel,
} from "../../domain/evaluation/setup";
import { cellAddress, columnIndex, columnLetters } from "../a1";
import { toPounds, POUNDS_FORMAT } from "../../domain/kernel/money";
import { STATUS_TEXT } from "../../domain/evaluation/results";

export type CellValue = string | number | boolean;
/** A rectangle of cells of one kind. "text" cells are written as text (format "@"), never as formulas. */
export type Block = {
  row: number;
  col: number;
  kind: "text" | "value" | "formula";
  data: CellValue[][];
  numberFormat?: string;
};
export type Validation =
  | { address: string; type: "wholeNumber"; min: number; max: number; message: string }
  | { address: string; type: "list"; options: string[]; message: string };
export type ConditionalFormat = {
  address: string;
  formula: string;
  fill: string;
  fontColor: string;
};
export type Style = {
  address: string;
  bold?: boolean;
  fill?: string;
  wrap?: boolean;
  italic?: boolean;
};
export type ChartSpec = {
  source: string;
  type: "BarStacked";
  title: string;
  top: number;
  left: number;
  seriesBy: "Columns";
};
export type SheetLayout = {
  name: string;
  blocks: Block[];
  /** Input cells, unlocked; every other cell stays locked when the sheet is protected. */
  unlocked: string[];
  validations: Validation[];
  conditionalFormats: ConditionalFormat[];
  styles: Style[];
  columnWidths: { col: number; width: number }[];
  freeze?: { rows: number; columns: number };
  chart?: ChartSpec;
};

export const DECLARATION_NO_CONFLICT = "I have no conflict of interest";
export const DECLARATION_CONFLICT = "I have a conflict of interest (declared to the chair)";
export const DISCUSS = "Discuss";
const INPUT_FILL = "#FFF2CC";
const HEADER_FILL = "#DDEBF7";

// ---------- addresses ----------

/** 0-based row and column to "B3". */
export const cell = cellAddress;
export const abs = (row: number, col: number): string => `$${columnLetters(col)}$${row + 1}`;
export const rangeOf = (r1: number, c1: number, r2: number, c2: number): string =>
  r1 === r2 && c1 === c2 ? cell(r1, c1) : `${cell(r1, c1)}:${cell(r2, c2)}`;
const absRange = (r1: number, c1: number, r2: number, c2: number): string =>
  `${abs(r1, c1)}:${abs(r2, c2)}`;

/** A sheet name as a formula reference: always quoted, apostrophes doubled. */
export const sheetRef = (name: string): string => `'${name.replace(/'/g, "''")}'!`;

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

export type SheetNames = {
  criteria: string;
  moderation: string;
  results: string;
  evaluators: string[];
};

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

export const CRIT = {
  tender: { row: 0, col: 1 },
  scaleMax: { row: 1, col: 1 },
  threshold: { row: 2, col: 1 },
  spread: { row: 3, col: 1 },
  method: { row: 4, col: 1 },
  priceWeight: { row: 5, col: 1 },
  scoredWeight: { row: 6, col: 1 },
  headerRow: 8,
  firstRow: 9,
};
export const EVAL = {
  declaration: { row: 2, col: 1 },
  status: { row: 3, col: 1 },
  headerRow: 6,
  firstRow: 7,
  firstCol: 1,
};
export const MOD = { headerRow: 3, firstRow: 4, firstEvalCol: 5 };
export const RES = { winner: { row: 2, col: 1 }, headerRow: 4, firstRow: 5 };

/** Column positions on the Moderation sheet (0-based), which depend on the number of evaluators. */
export function moderationCols(evaluators: number) {
  const e = MOD.firstEvalCol + evaluators;
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
export const RES_COLS = {
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
};

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
  const mc = moderationCols(model.evaluators.length);
  const modRow = (b: number, k: number) => MOD.firstRow + b * nK + k;
  return {
    names,
    declaration: cell(EVAL.declaration.row, EVAL.declaration.col),
    grid: rangeOf(EVAL.firstRow, EVAL.firstCol, EVAL.firstRow + nB - 1, EVAL.firstCol + 2 * nK - 1),
    scoreCell: (b, k) => cell(EVAL.firstRow + b, EVAL.firstCol + 2 * k),
    reasonCell: (b, k) => cell(EVAL.firstRow + b, EVAL.firstCol + 2 * k + 1),
    consensusBlock: rangeOf(MOD.firstRow, mc.consensus, MOD.firstRow + nB * nK - 1, mc.rationale),
    moderationRow: modRow,
    consensusCell: (b, k) => cell(modRow(b, k), mc.consensus),
    rationaleCell: (b, k) => cell(modRow(b, k), mc.rationale),
    resultsBlock: rangeOf(RES.firstRow, 0, RES.firstRow + nB - 1, RES_COLS.last),
  };
}

// ---------- the sheets ----------

function emptySheet(name: string): SheetLayout {
  return {
    name,
    blocks: [],
    unlocked: [],
    validations: [],
    conditionalFormats: [],
    styles: [],
    columnWidths: [],
  };
}
const text = (row: number, col: number, data: string[][]): Block => ({
  row,
  col,
  kind: "text",
  data,
});
const formulas = (row: number, col: number, data: string[][], numberFormat?: string): Block => ({
  row,
  col,
  kind: "formula",
  data,
  numberFormat,
});
const values = (row: number, col: number, data: CellValue[][], numberFormat?: string): Block => ({
  row,
  col,
  kind: "value",
  data,
  numberFormat,
});

function criteriaSheet(model: EvaluationModel, names: SheetNames): SheetLayout {
  const s = emptySheet(names.criteria);
  const nC = model.criteria.length;
  const pw = priceWeightBp(model);
  const scoredBp = scoredCriteria(model).reduce((t, c) => t + c.weightBp, 0);
  s.blocks.push(
    text(0, 0, [
      ["Tender"],
      ["Scoring scale: 0 to"],
      ["Minimum quality threshold (% of quality and social value marks)"],
      ["Discuss when highest minus lowest score is over (points)"],
      ["Price method"],
      ["Points for price"],
      ["Points for quality and social value"],
    ])
  );
  s.blocks.push(text(CRIT.tender.row, CRIT.tender.col, [[model.tenderName]]));
  s.blocks.push(
    text(CRIT.method.row, CRIT.method.col, [
      [
        model.priceMethod === "lowest"
          ? "Lowest price / bid price"
          : "Deviation from the lowest price",
      ],
    ])
  );
  // Numbers written as values (exact from basis points), not summed by formula, so float noise
  // in a sum of weights such as 33.33 + 33.33 + 33.34 cannot change a threshold decision.
  s.blocks.push(values(1, 1, [[model.scale.max], [model.qualityThreshold], [model.spreadLimit]]));
  s.blocks.push(values(5, 1, [[pw / 100], [scoredBp / 100]]));
  s.blocks.push(text(CRIT.headerRow, 0, [["Criterion", "Group", "Weight (%)", "Minimum score"]]));
  s.blocks.push(
    text(
      CRIT.firstRow,
      0,
      model.criteria.map((c) => [c.name, GROUP_LABELS[c.group]])
    )
  );
  s.blocks.push(
    values(
      CRIT.firstRow,
      2,
      model.criteria.map((c) => [c.weightBp / 100, c.minimum === null ? "" : c.minimum])
    )
  );
  const totalRow = CRIT.firstRow + nC;
  s.blocks.push(text(totalRow, 0, [["Total"]]));
  s.blocks.push(formulas(totalRow, 2, [[`=SUM(${rangeOf(CRIT.firstRow, 2, totalRow - 1, 2)})`]]));
  const scaleRow = totalRow + 2;
  s.blocks.push(text(scaleRow, 0, [["Score", "Descriptor"]]));
  s.blocks.push(
    values(
      scaleRow + 1,
      0,
      model.scale.descriptors.map((_, i) => [i])
    )
  );
  s.blocks.push(
    text(
      scaleRow + 1,
      1,
      model.scale.descriptors.map((d) => [d])
    )
  );
  const methodRow = scaleRow + model.scale.descriptors.length + 2;
  const lines = methodologyText(model);
  s.blocks.push(text(methodRow, 0, [["Assessment methodology"], ...lines.map((l) => [l])]));
  s.styles.push(
    { address: rangeOf(CRIT.headerRow, 0, CRIT.headerRow, 3), bold: true, fill: HEADER_FILL },
    { address: rangeOf(scaleRow, 0, scaleRow, 1), bold: true, fill: HEADER_FILL },
    { address: cell(methodRow, 0), bold: true },
    { address: rangeOf(totalRow, 0, totalRow, 2), bold: true }
  );
  s.columnWidths.push(
    { col: 0, width: 320 },
    { col: 1, width: 160 },
    { col: 2, width: 80 },
    { col: 3, width: 100 }
  );
  return s;
}

function evaluatorSheet(
  model: EvaluationModel,
  names: SheetNames,
  e: number,
  refs: EvaluationRefs
): SheetLayout {
  const s = emptySheet(names.evaluators[e]);
  const scored = scoredCriteria(model);
  const nK = scored.length;
  const nB = model.bidders.length;
  const max = model.scale.max;
  const decl = cell(EVAL.declaration.row, EVAL.declaration.col);
  s.blocks.push(
    text(0, 0, [
      ["Scoring sheet for", model.evaluators[e]],
      ["Tender", model.tenderName],
      ["Conflict-of-interest declaration (choose one before scoring)", ""],
    ])
  );
  s.blocks.push(text(3, 0, [["Status"], ["Scale"]]));
  s.blocks.push(text(4, 1, [[model.scale.descriptors.map((d, i) => `${i} ${d}`).join("; ")]]));
  s.blocks.push(
    formulas(EVAL.status.row, EVAL.status.col, [
      [
        `=IF(${decl}="${DECLARATION_NO_CONFLICT}","Declaration complete: your scores count",IF(${decl}="","Declaration not completed: your scores do not count yet","Conflict declared: your scores are not counted"))`,
      ],
    ])
  );
  const header: string[] = ["Bidder"];
  scored.forEach((c) => header.push(`${c.name} (score 0-${max})`, `${c.name}: reason`));
  s.blocks.push(text(EVAL.headerRow, 0, [header]));
  s.blocks.push(
    text(
      EVAL.firstRow,
      0,
      model.bidders.map((b) => [b.name])
    )
  );
  // Reasons are free text: format the reason columns as text so an entry starting with = stays text.
  scored.forEach((_, k) => {
    const col = EVAL.firstCol + 2 * k + 1;
    s.blocks.push({ row: EVAL.firstRow, col, kind: "text", data: model.bidders.map(() => [""]) });
  });
  s.unlocked.push(decl, refs.grid);
  s.validations.push({
    address: decl,
    type: "list",
    options: [DECLARATION_NO_CONFLICT, DECLARATION_CONFLICT],
    message: "Choose one of the two declarations from the list",
  });
  scored.forEach((c, k) => {
    const col = EVAL.firstCol + 2 * k;
    s.validations.push({
      address: rangeOf(EVAL.firstRow, col, EVAL.firstRow + nB - 1, col),
      type: "wholeNumber",
      min: 0,
      max,
      message: `Enter a whole score from 0 to ${max} for ${c.name}`,
    });
  });
  s.styles.push(
    { address: decl, fill: INPUT_FILL, bold: true },
    {
      address: rangeOf(EVAL.headerRow, 0, EVAL.headerRow, 2 * nK),
      bold: true,
      fill: HEADER_FILL,
      wrap: true,
    },
    { address: refs.grid, fill: INPUT_FILL }
  );
  s.columnWidths.push({ col: 0, width: 200 });
  s.freeze = { rows: EVAL.firstRow, columns: 1 };
  return s;
}

function moderationSheet(
  model: EvaluationModel,
  names: SheetNames,
  refs: EvaluationRefs
): SheetLayout {
  const s = emptySheet(names.moderation);
  const scored = scoredCriteria(model);
  const nK = scored.length;
  const nB = model.bidders.length;
  const nE = model.evaluators.length;
  const mc = moderationCols(nE);
  const first = MOD.firstRow;
  const last = first + nB * nK - 1;
  const C = sheetRef(names.criteria);
  const header = ["Bidder", "Criterion", "Group", "Weight (%)", "Minimum"];
  model.evaluators.forEach((e) => header.push(e));
  header.push(
    "Scores counted",
    "Lowest",
    "Highest",
    "Mean",
    "Spread",
    "Discuss?",
    `Consensus score (0-${model.scale.max})`,
    "Rationale",
    "Weighted points",
    "Below minimum"
  );
  s.blocks.push(
    text(0, 0, [
      ["Moderation"],
      [
        "Each panel member's original score is shown by reference and is never overwritten; it counts only once they have declared no conflict of interest. Agree one consensus score per bid and criterion and record the rationale.",
      ],
    ])
  );
  s.blocks.push(text(MOD.headerRow, 0, [header]));
  const labels: string[][] = [];
  const f1: string[][] = [];
  const f2: string[][] = [];
  const f3: string[][] = [];
  const scoredIndex = model.criteria.map((c, i) => ({ c, i })).filter((x) => x.c.group !== "price");
  for (let b = 0; b < nB; b++) {
    for (let k = 0; k < nK; k++) {
      const row = refs.moderationRow(b, k);
      const critRow = CRIT.firstRow + scoredIndex[k].i;
      const r = row + 1;
      labels.push([
        model.bidders[b].name,
        scored[k].name,
        scored[k].group === "quality" ? "Quality" : "Social value",
      ]);
      const evalCells = model.evaluators.map((_, e) => {
        const E = sheetRef(names.evaluators[e]);
        const sc = refs.scoreCell(b, k);
        return `=IF(${E}${abs(EVAL.declaration.row, EVAL.declaration.col)}="${DECLARATION_NO_CONFLICT}",IF(ISNUMBER(${E}${sc}),${E}${sc},""),"")`;
      });
      f1.push([
        `=${C}${abs(critRow, 2)}`,
        `=IF(${C}${abs(critRow, 3)}="","",${C}${abs(critRow, 3)})`,
        ...evalCells,
      ]);
      const rng = rangeOf(row, MOD.firstEvalCol, row, MOD.firstEvalCol + nE - 1);
      const L = columnLetters;
      f2.push([
        `=COUNT(${rng})`,
        `=IF(COUNT(${rng})=0,"",MIN(${rng}))`,
        `=IF(COUNT(${rng})=0,"",MAX(${rng}))`,
        `=IF(COUNT(${rng})=0,"",AVERAGE(${rng}))`,
        `=IF(COUNT(${rng})=0,"",MAX(${rng})-MIN(${rng}))`,
        `=IF(COUNT(${rng})=0,"",IF(MAX(${rng})-MIN(${rng})>${C}${abs(CRIT.spread.row, CRIT.spread.col)},"${DISCUSS}",""))`,
      ]);
      const cons = `${L(mc.consensus)}${r}`;
      f3.push([
        `=IF(ISNUMBER(${cons}),${cons}/${C}${abs(CRIT.scaleMax.row, CRIT.scaleMax.col)}*${L(3)}${r},"")`,
        `=IF(AND(ISNUMBER(${cons}),ISNUMBER(${L(4)}${r})),IF(${cons}<${L(4)}${r},1,0),0)`,
      ]);
    }
  }
  s.blocks.push(text(first, 0, labels));
  s.blocks.push(formulas(first, 3, f1));
  s.blocks.push(formulas(first, mc.counted, f2, "0.00"));
  s.blocks.push({ row: first, col: mc.rationale, kind: "text", data: labels.map(() => [""]) });
  s.blocks.push(formulas(first, mc.weighted, f3, "0.00"));
  const consensusCol = rangeOf(first, mc.consensus, last, mc.consensus);
  s.unlocked.push(rangeOf(first, mc.consensus, last, mc.rationale));
  s.validations.push({
    address: consensusCol,
    type: "wholeNumber",
    min: 0,
    max: model.scale.max,
    message: `Enter a whole consensus score from 0 to ${model.scale.max}`,
  });
  s.conditionalFormats.push({
    address: rangeOf(first, mc.lowest, last, mc.discuss),
    formula: `=$${columnLetters(mc.discuss)}${first + 1}="${DISCUSS}"`,
    fill: "#FFC7CE",
    fontColor: "#9C0006",
  });
  s.styles.push(
    {
      address: rangeOf(MOD.headerRow, 0, MOD.headerRow, mc.last),
      bold: true,
      fill: HEADER_FILL,
      wrap: true,
    },
    { address: rangeOf(first, mc.consensus, last, mc.rationale), fill: INPUT_FILL }
  );
  s.columnWidths.push(
    { col: 0, width: 160 },
    { col: 1, width: 160 },
    { col: mc.rationale, width: 260 }
  );
  s.freeze = { rows: first, columns: 2 };
  return s;
}

function resultsSheet(model: EvaluationModel, names: SheetNames): SheetLayout {
  const s = emptySheet(names.results);
  const nB = model.bidders.length;
  const nK = scoredCriteria(model).length;
  const nE = model.evaluators.length;
  const mc = moderationCols(nE);
  const C = sheetRef(names.criteria);
  const M = sheetRef(names.moderation);
  const first = RES.firstRow;
  const last = first + nB - 1;
  const hasPrice = priceWeightBp(model) > 0;
  const col = (c: number, r: number) => `${columnLetters(c)}${r + 1}`;
  const colAbs = (c: number) => absRange(first, c, last, c);
  s.blocks.push(
    text(0, 0, [
      ["Results"],
      [
        "Quality and social value come from the consensus scores. A bid below the quality threshold or a criterion's minimum is excluded before price is scored, so it cannot move the price points of others.",
      ],
      ["Highest-ranked bid"],
    ])
  );
  s.blocks.push(
    formulas(RES.winner.row, RES.winner.col, [
      [`=IFERROR(INDEX(${colAbs(RES_COLS.bidder)},MATCH(1,${colAbs(RES_COLS.rank)},0)),"")`],
    ])
  );
  s.blocks.push(
    text(RES.headerRow, 0, [
      [
        "Bidder",
        "Quality points",
        "Price points",
        "Social value points",
        "Total",
        "Quality and social value (%)",
        "Meets quality threshold",
        "Criteria below minimum",
        "All consensus scores agreed",
        "Status",
        "Rank",
        "Price (£)",
        "Price if passed (£)",
      ],
    ])
  );
  s.blocks.push(
    text(
      first,
      0,
      model.bidders.map((b) => [b.name])
    )
  );
  const main: string[][] = [];
  const status: string[][] = [];
  for (let b = 0; b < nB; b++) {
    const r = first + b;
    const m1 = MOD.firstRow + b * nK;
    const m2 = m1 + nK - 1;
    const groupRange = `${M}${absRange(m1, 2, m2, 2)}`;
    const weightedRange = `${M}${absRange(m1, mc.weighted, m2, mc.weighted)}`;
    const lowest = `MIN(${colAbs(RES_COLS.pricePassed)})`;
    const passed = `${col(RES_COLS.status, r)}="${STATUS_TEXT.passed}"`;
    const price = col(RES_COLS.priceGbp, r);
    const pw = `${C}${abs(CRIT.priceWeight.row, CRIT.priceWeight.col)}`;
    const pricePoints = !hasPrice
      ? "=0"
      : model.priceMethod === "lowest"
        ? `=IF(OR(NOT(${passed}),COUNT(${colAbs(RES_COLS.pricePassed)})=0),0,${pw}*${lowest}/${price})`
        : `=IF(OR(NOT(${passed}),COUNT(${colAbs(RES_COLS.pricePassed)})=0),0,${pw}*MAX(0,1-(${price}-${lowest})/${lowest}))`;
    main.push([
      `=SUMIF(${groupRange},"Quality",${weightedRange})`,
      pricePoints,
      `=SUMIF(${groupRange},"Social value",${weightedRange})`,
      `=ROUND(${col(1, r)}+${col(2, r)}+${col(3, r)},6)`,
      `=IF(${C}${abs(CRIT.scoredWeight.row, CRIT.scoredWeight.col)}=0,0,ROUND((${col(1, r)}+${col(3, r)})/${C}${abs(CRIT.scoredWeight.row, CRIT.scoredWeight.col)}*100,6))`,
    ]);
    status.push([
      `=IF(${col(RES_COLS.percent, r)}>=${C}${abs(CRIT.threshold.row, CRIT.threshold.col)},"Yes","No")`,
      `=SUM(${M}${absRange(m1, mc.belowMin, m2, mc.belowMin)})`,
      `=IF(COUNT(${M}${absRange(m1, mc.consensus, m2, mc.consensus)})=${nK},"Yes","No")`,
      `=IF(${col(RES_COLS.complete, r)}<>"Yes","${STATUS_TEXT.incomplete}",IF(${col(RES_COLS.meets, r)}<>"Yes","${STATUS_TEXT.belowThreshold}",IF(${col(RES_COLS.belowMin, r)}>0,"${STATUS_TEXT.belowMinimum}","${STATUS_TEXT.passed}")))`,
      `=IF(${passed},1+COUNTIFS(${colAbs(RES_COLS.status)},"${STATUS_TEXT.passed}",${colAbs(RES_COLS.total)},">"&${col(RES_COLS.total, r)}),"")`,
    ]);
  }
  s.blocks.push(formulas(first, RES_COLS.quality, main, "0.00"));
  s.blocks.push(formulas(first, RES_COLS.meets, status));
  s.blocks.push(
    values(
      first,
      RES_COLS.priceGbp,
      model.bidders.map((b) => [b.pricePence === null ? "" : toPounds(b.pricePence)]),
      POUNDS_FORMAT
    )
  );
  s.blocks.push(
    formulas(
      first,
      RES_COLS.pricePassed,
      model.bidders.map((_, b) => [
        `=IF(AND(${col(RES_COLS.status, first + b)}="${STATUS_TEXT.passed}",ISNUMBER(${col(RES_COLS.priceGbp, first + b)})),${col(RES_COLS.priceGbp, first + b)},"")`,
      ]),
      POUNDS_FORMAT
    )
  );
  s.styles.push(
    {
      address: rangeOf(RES.headerRow, 0, RES.headerRow, RES_COLS.last),
      bold: true,
      fill: HEADER_FILL,
      wrap: true,
    },
    { address: rangeOf(RES.winner.row, 0, RES.winner.row, 1), bold: true }
  );
  s.conditionalFormats.push({
    address: rangeOf(first, RES_COLS.status, last, RES_COLS.status),
    formula: `=LEFT($${columnLetters(RES_COLS.status)}${first + 1},8)="Excluded"`,
    fill: "#FFC7CE",
    fontColor: "#9C0006",
  });
  s.columnWidths.push({ col: 0, width: 180 }, { col: RES_COLS.status, width: 220 });
  s.chart = {
    source: rangeOf(RES.headerRow, 0, last, RES_COLS.social),
    type: "BarStacked",
    title: "Total points: quality, price and social value",
    top: 20,
    left: 0,
    seriesBy: "Columns",
  };
  s.freeze = { rows: first, columns: 1 };
  return s;
}

/** Every generated sheet, in the order they are added to the workbook. */
export function evaluationLayout(
  model: EvaluationModel,
  names: SheetNames = evaluationSheetNames(model)
): SheetLayout[] {
  const refs = evaluationRefs(model, names);
  return [
    criteriaSheet(model, names),
    ...model.evaluators.map((_, e) => evaluatorSheet(model, names, e, refs)),
    moderationSheet(model, names, refs),
    resultsSheet(model, names),
  ];
}

/** Cells of a layout as a map "A1" -> { kind, value } (for tests and inspection). */
export function layoutCells(
  sheet: SheetLayout
): Map<string, { kind: Block["kind"]; value: CellValue; numberFormat?: string }> {
  const out = new Map<string, { kind: Block["kind"]; value: CellValue; numberFormat?: string }>();
  for (const b of sheet.blocks)
    b.data.forEach((row, i) =>
      row.forEach((v, j) =>
        out.set(cell(b.row + i, b.col + j), {
          kind: b.kind,
          value: v,
          numberFormat: b.numberFormat,
        })
      )
    );
  return out;
}

/** Is this cell open for input (inside one of the sheet's unlocked ranges)? */
export function isUnlocked(sheet: SheetLayout, address: string): boolean {
  const p = parseAddress(address);
  return sheet.unlocked.some((u) => {
    const [a, b] = u.split(":");
    const s = parseAddress(a);
    const e = parseAddress(b ?? a);
    return p.row >= s.row && p.row <= e.row && p.col >= s.col && p.col <= e.col;
  });
}

/** "B3" -> { row: 2, col: 1 }. */
export function parseAddress(address: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(address.toUpperCase());
  if (!m) throw new RangeError(`Not a cell address: ${address}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** An assessment summary sheet for one bidder. */
export function summarySheet(
  name: string,
  tenderName: string,
  summary: import("../../domain/evaluation/results").AssessmentSummary
): SheetLayout {
  const s = emptySheet(name);
  const t = summary.totals;
  const w = summary.winnerTotals;
  const winnerName = summary.winner ?? "(no winning bid yet)";
  s.blocks.push(
    text(0, 0, [
      [`Assessment summary: ${summary.bidder}`, ""],
      ["Tender", tenderName],
      ["Outcome", summary.isWinner ? "This is the highest-ranked bid" : summary.statusText],
      ["Compared with the winning bid", summary.isWinner ? "(this bid)" : winnerName],
    ])
  );
  s.blocks.push(
    text(5, 0, [
      [
        "Criterion",
        "Weight (%)",
        "Your score",
        "Reasons for your score",
        "Winning bid's score",
        "Reasons for the winning bid's score",
      ],
    ])
  );
  if (summary.rows.length > 0) {
    s.blocks.push(
      text(
        6,
        0,
        summary.rows.map((r) => [r.criterion])
      )
    );
    s.blocks.push(
      values(
        6,
        1,
        summary.rows.map((r) => [r.weight, r.score ?? ""])
      )
    );
    s.blocks.push(
      text(
        6,
        3,
        summary.rows.map((r) => [r.rationale])
      )
    );
    s.blocks.push(
      values(
        6,
        4,
        summary.rows.map((r) => [r.winnerScore ?? ""])
      )
    );
    s.blocks.push(
      text(
        6,
        5,
        summary.rows.map((r) => [r.winnerRationale])
      )
    );
  }
  const tr = 6 + summary.rows.length + 1;
  s.blocks.push(
    text(tr, 0, [["Points"], ["Quality"], ["Price"], ["Social value"], ["Total"], ["Rank"]])
  );
  s.blocks.push(text(tr, 2, [["Your bid"]]));
  s.blocks.push(text(tr, 4, [["Winning bid"]]));
  s.blocks.push(
    values(
      tr + 1,
      2,
      [
        [round2(t.quality)],
        [round2(t.pricePoints)],
        [round2(t.socialValue)],
        [round2(t.total)],
        [t.rank ?? "Not ranked"],
      ],
      "0.00"
    )
  );
  if (w)
    s.blocks.push(
      values(
        tr + 1,
        4,
        [
          [round2(w.quality)],
          [round2(w.pricePoints)],
          [round2(w.socialValue)],
          [round2(w.total)],
          [w.rank ?? ""],
        ],
        "0.00"
      )
    );
  s.styles.push(
    { address: rangeOf(5, 0, 5, 5), bold: true, fill: HEADER_FILL, wrap: true },
    { address: cell(0, 0), bold: true },
    { address: rangeOf(tr, 0, tr, 4), bold: true }
  );
  s.columnWidths.push({ col: 0, width: 200 }, { col: 3, width: 280 }, { col: 5, width: 280 });
  return s;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
