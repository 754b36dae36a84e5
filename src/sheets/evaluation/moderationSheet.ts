/**
 * The Moderation sheet: one row for each bid and criterion with every member's original score (a
 * reference to their sheet, counted only once they have declared no conflict with that bid; "n/a"
 * where the criterion is not assigned to them), the spread of the scores counted and "Discuss"
 * when it is over the limit; the panel's consensus score and rationale (the input cells); the
 * weighted points and whether the score is below the minimum.
 */
import { absoluteAddress, cellAddress, columnLetters, rangeAddress } from "../a1";
import { formulaText, sheetRef } from "../formula";
import type { SheetSpec } from "../spec";
import { scoredCriteria, stagesOf, type EvaluationModel } from "../../domain/evaluation/setup";
import { BID_NO_CONFLICT, DISCUSS } from "../../domain/evaluation/words";
import { PALETTE } from "../palette";
import { formulas, inputColumn, text } from "./blocks";
import {
  CRITERIA_SHEET,
  MODERATION_SHEET,
  moderationColumns,
  evaluationRefs,
  pointsPercentFormat,
  type EvaluationRefs,
  type SheetNames,
} from "./geometry";

const STATS_HEADER = ["Scores counted", "Lowest", "Highest", "Mean", "Spread", "Discuss?"];

/** Shown in a member's column where the criterion is not assigned to them (a constant). */
const NOT_ASSIGNED = `=${formulaText("n/a")}`;

/** Number formats of the statistics: whole-number counts and scores, a mean to two places. */
const STATS_FORMATS = ["0", "0", "0", "0.00", "0", null];

/** What every row's formulas share: where things are for this panel. */
type RowContext = {
  names: SheetNames;
  refs: EvaluationRefs;
  cols: ReturnType<typeof moderationColumns>;
  evaluators: number;
};

/** The formulas of one moderation row: weight, minimum and scores referenced; spread; points. */
function moderationRow(at: RowContext, b: number, k: number, criterionRow: number) {
  const { names, refs, cols } = at;
  const row = refs.moderationRow(b, k);
  const criteria = sheetRef(names.criteria);
  const weight = `${criteria}${absoluteAddress(criterionRow, CRITERIA_SHEET.columns.weight)}`;
  const minimum = `${criteria}${absoluteAddress(criterionRow, CRITERIA_SHEET.columns.minimum)}`;
  const scores = names.evaluators.map((name, e) => {
    const member = sheetRef(name);
    const cell = refs.scoreCell(e, b, k);
    if (cell === null) return NOT_ASSIGNED;
    const score = `${member}${cell}`;
    return `=IF(${member}${refs.declarationCell(b)}=${formulaText(BID_NO_CONFLICT)},IF(ISNUMBER(${score}),${score},""),"")`;
  });
  const first = MODERATION_SHEET.firstEvaluatorCol;
  const panel = rangeAddress(row, first, row, first + at.evaluators - 1);
  const none = `COUNT(${panel})=0`;
  const spreadLimit = `${criteria}${absoluteAddress(CRITERIA_SHEET.spread.row, CRITERIA_SHEET.spread.col)}`;
  const scaleMax = `${criteria}${absoluteAddress(CRITERIA_SHEET.scaleMax.row, CRITERIA_SHEET.scaleMax.col)}`;
  const cons = cellAddress(row, cols.consensus);
  const weightHere = cellAddress(row, MODERATION_SHEET.columns.weight);
  const minimumHere = cellAddress(row, MODERATION_SHEET.columns.minimum);
  return {
    referenced: [`=${weight}`, `=IF(${minimum}="","",${minimum})`, ...scores],
    stats: [
      `=COUNT(${panel})`,
      `=IF(${none},"",MIN(${panel}))`,
      `=IF(${none},"",MAX(${panel}))`,
      `=IF(${none},"",AVERAGE(${panel}))`,
      `=IF(${none},"",MAX(${panel})-MIN(${panel}))`,
      `=IF(${none},"",IF(MAX(${panel})-MIN(${panel})>${spreadLimit},${formulaText(DISCUSS)},""))`,
    ],
    points: [
      `=IF(ISNUMBER(${cons}),${cons}/${scaleMax}*${weightHere},"")`,
      `=IF(AND(ISNUMBER(${cons}),ISNUMBER(${minimumHere})),IF(${cons}<${minimumHere},1,0),0)`,
    ],
  };
}

export function moderationSheet(model: EvaluationModel, names: SheetNames): SheetSpec {
  const scored = scoredCriteria(model);
  const nB = model.bidders.length;
  const cols = moderationColumns(model.evaluators.length);
  const { headerRow, firstRow } = MODERATION_SHEET;
  const lastRow = firstRow + nB * scored.length - 1;
  const header = [
    "Bidder",
    "Criterion",
    "Group",
    "Weight",
    "Minimum",
    ...model.evaluators,
    ...STATS_HEADER,
    `Consensus score (0-${model.scale.max})`,
    "Rationale",
    "Weighted points",
    "Below minimum",
  ];
  // The row of each scored criterion on the Criteria sheet (price has a row there too).
  const criterionRows = model.criteria
    .map((c, i) => ({ c, row: CRITERIA_SHEET.firstRow + i }))
    .filter((x) => x.c.group !== "price")
    .map((x) => x.row);
  const at: RowContext = {
    names,
    refs: evaluationRefs(model, names),
    cols,
    evaluators: model.evaluators.length,
  };
  const labels: string[][] = [];
  const rows: ReturnType<typeof moderationRow>[] = [];
  model.bidders.forEach((bidder, b) =>
    scored.forEach((c, k) => {
      labels.push([bidder.name, c.name, c.group === "quality" ? "Quality" : "Social value"]);
      rows.push(moderationRow(at, b, k, criterionRows[k]));
    })
  );
  const count = labels.length;
  const weightFormat = pointsPercentFormat(scored.every((c) => c.weightBp % 100 === 0) ? 0 : 2);
  return {
    name: names.moderation,
    blocks: [
      text(0, 0, [
        ["Moderation"],
        [
          "Each panel member's original score is shown by reference and is never overwritten; it counts only once they have declared no conflict of interest. Agree one consensus score per bid and criterion and record the rationale.",
        ],
      ]),
      text(headerRow, 0, [header]),
      text(firstRow, MODERATION_SHEET.columns.bidder, labels),
      formulas(
        firstRow,
        MODERATION_SHEET.columns.weight,
        rows.map((r) => r.referenced),
        rows.map((r) => r.referenced.map((_, i) => (i === 0 ? weightFormat : "0")))
      ),
      formulas(
        firstRow,
        cols.counted,
        rows.map((r) => r.stats),
        rows.map(() => STATS_FORMATS)
      ),
      inputColumn(firstRow, cols.consensus, count, "value"),
      inputColumn(firstRow, cols.rationale, count, "text"),
      formulas(
        firstRow,
        cols.weighted,
        rows.map((r) => r.points),
        rows.map(() => ["0.00", "0"])
      ),
    ],
    validations: [
      {
        address: rangeAddress(firstRow, cols.consensus, lastRow, cols.consensus),
        type: "wholeNumber",
        min: 0,
        max: model.scale.max,
        message: `Enter a whole consensus score from 0 to ${model.scale.max}`,
      },
    ],
    conditionalFormats: [
      {
        // Fewer independent scores than each bid needs (a setting on the Criteria sheet).
        address: rangeAddress(firstRow, cols.counted, lastRow, cols.counted),
        type: "lessThan",
        value: stagesOf(model).minIndependentScores,
        fill: PALETTE.badFill,
        fontColor: PALETTE.badFont,
      },
      {
        address: rangeAddress(firstRow, cols.lowest, lastRow, cols.discuss),
        type: "formula",
        formula: `=$${columnLetters(cols.discuss)}${firstRow + 1}=${formulaText(DISCUSS)}`,
        fill: PALETTE.badFill,
        fontColor: PALETTE.badFont,
      },
    ],
    styles: [{ address: rangeAddress(headerRow, 0, headerRow, cols.last), look: ["header"] }],
    columnWidths: [
      { col: 0, width: 160 },
      { col: 1, width: 160 },
      { col: 2, width: 80 },
      ...model.evaluators.map((_, e) => ({
        col: MODERATION_SHEET.firstEvaluatorCol + e,
        width: 80,
      })),
      { col: cols.consensus, width: 90 },
      { col: cols.rationale, width: 260 },
    ],
    freeze: { rows: firstRow, columns: 0 },
    protect: true,
  };
}
