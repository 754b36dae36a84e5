/**
 * The Results sheet: for each bid, quality and social value points from the consensus scores,
 * whether it meets the threshold and minimums, its status, price points among the bids that
 * passed only, total and rank; the highest-ranked bid named at the top, and a stacked bar chart.
 * The arithmetic is in the same order as the engine's (src/domain/evaluation/results.ts).
 */
import { absoluteAddress, absoluteRange, cellAddress, columnLetters, rangeAddress } from "../a1";
import { formulaText, sheetRef } from "../formula";
import type { SheetSpec } from "../spec";
import { PALETTE } from "../palette";
import {
  priceWeightBp,
  scoredCriteria,
  stagesOf,
  type EvaluationModel,
} from "../../domain/evaluation/setup";
import { STATUS_TEXT } from "../../domain/evaluation/results";
import { POUNDS_FORMAT, toPounds } from "../../domain/kernel/money";
import { formulas, text, values } from "./blocks";
import {
  CRITERIA_SHEET,
  GATEWAY_SHEET,
  MODERATION_SHEET,
  moderationColumns,
  pointsPercentFormat,
  RESULTS_SHEET,
  type SheetNames,
} from "./geometry";

const COLUMNS = RESULTS_SHEET.columns;

const HEADER = [
  "Bidder",
  "Quality points",
  "Price points",
  "Social value points",
  "Total",
  "Quality and social value",
  "Meets quality threshold",
  "Criteria below minimum",
  "All consensus scores agreed",
  "Status",
  "Rank",
  "Price (£)",
  "Price if ranked (£)",
  "Gateway",
  "Price per quality point (£)",
  "Full cost (£)",
  "Abnormally low?",
];

/** Gateway column when the setup has no gateway. */
const NO_GATEWAY = "No gateway";

/** What every row's formulas share. */
type RowContext = {
  model: EvaluationModel;
  /** 'Criteria'! and 'Moderation'! and 'Gateway'! (null when there is no gateway) */
  criteria: string;
  moderation: string;
  gateway: string | null;
  /** A whole column of the results, absolute ($B$6:$B$8). */
  column: (col: number) => string;
};

/** An absolute reference to a cell on the Criteria sheet. */
const criteriaCell = (at: RowContext, cell: { row: number; col: number }) =>
  `${at.criteria}${absoluteAddress(cell.row, cell.col)}`;

/** Price points for the bid on row r: among the bids that passed only. */
function pricePointsFormula(at: RowContext, r: number): string {
  if (priceWeightBp(at.model) === 0) return "=0";
  const passed = `${cellAddress(r, COLUMNS.status)}=${formulaText(STATUS_TEXT.passed)}`;
  const price = cellAddress(r, COLUMNS.priceGbp);
  const passedPrices = at.column(COLUMNS.pricePassed);
  const lowest = `MIN(${passedPrices})`;
  if (at.model.priceMethod === "perQualityPoint") return "=0";
  const points = criteriaCell(at, CRITERIA_SHEET.priceWeight);
  const none = `OR(NOT(${passed}),COUNT(${passedPrices})=0)`;
  return at.model.priceMethod === "lowest"
    ? `=IF(${none},0,${points}*${lowest}/${price})`
    : `=IF(${none},0,${points}*MAX(0,1-(${price}-${lowest})/${lowest}))`;
}

/** Pass, Fail or Not answered from the bid's rows on the Gateway sheet. */
function gatewayFormula(at: RowContext, b: number): string {
  const nG = stagesOf(at.model).gateway.length;
  if (nG === 0 || at.gateway === null) return `=${formulaText(NO_GATEWAY)}`;
  const r1 = GATEWAY_SHEET.firstRow + b * nG;
  const col = GATEWAY_SHEET.columns.answer;
  const answers = `${at.gateway}${absoluteRange(r1, col, r1 + nG - 1, col)}`;
  return `=IF(COUNTIF(${answers},"Fail")>0,"Fail",IF(COUNTIF(${answers},"Pass")=${nG},"Pass","Not answered"))`;
}

/**
 * The rank among the bids ranked: 1 + how many are strictly better (a higher total, or a lower
 * price per quality point), then the tie-break: a higher quality percentage or a lower price.
 */
function rankFormula(at: RowContext, r: number): string {
  const here = (col: number) => cellAddress(r, col);
  const ranked = `${at.column(COLUMNS.status)},${formulaText(STATUS_TEXT.passed)}`;
  const perPoint = at.model.priceMethod === "perQualityPoint";
  const key = perPoint ? COLUMNS.perPoint : COLUMNS.total;
  const better = perPoint ? `"<"&` : `">"&`;
  const tie = stagesOf(at.model).tieBreak;
  const tieTerm =
    tie === "quality"
      ? `+COUNTIFS(${ranked},${at.column(key)},${here(key)},${at.column(COLUMNS.percent)},">"&${here(COLUMNS.percent)})`
      : tie === "price"
        ? `+COUNTIFS(${ranked},${at.column(key)},${here(key)},${at.column(COLUMNS.priceGbp)},"<"&${here(COLUMNS.priceGbp)})`
        : "";
  const passed = `${here(COLUMNS.status)}=${formulaText(STATUS_TEXT.passed)}`;
  const can = perPoint ? `AND(${passed},ISNUMBER(${here(key)}))` : passed;
  return `=IF(${can},1+COUNTIFS(${ranked},${at.column(key)},${better}${here(key)})${tieTerm},"")`;
}

/** Price / (quality + social value points), for price per quality point; blank otherwise. */
function perPointFormula(at: RowContext, r: number): string {
  if (at.model.priceMethod !== "perQualityPoint") return `=""`;
  const here = (col: number) => cellAddress(r, col);
  const points = `(${here(COLUMNS.quality)}+${here(COLUMNS.social)})`;
  const passed = `${here(COLUMNS.status)}=${formulaText(STATUS_TEXT.passed)}`;
  return `=IF(AND(${passed},ISNUMBER(${here(COLUMNS.priceGbp)})),IF(${points}>0,ROUND(${here(COLUMNS.priceGbp)}/${points},6),""),"")`;
}

/**
 * Abnormally low: below the set % of the mean price of the bids ranked, or below the bidder's
 * own full cost (as results.ts flagAbnormallyLow).
 */
function abnormallyLowFormula(at: RowContext, r: number): string {
  const here = (col: number) => cellAddress(r, col);
  const price = here(COLUMNS.priceGbp);
  const pct = criteriaCell(at, CRITERIA_SHEET.abnormallyLow);
  const passed = `${here(COLUMNS.status)}=${formulaText(STATUS_TEXT.passed)}`;
  const fullCost = here(COLUMNS.fullCost);
  return `=IF(AND(${passed},ISNUMBER(${price})),IF(AND(${pct}>0,${price}<${pct}/100*AVERAGE(${at.column(COLUMNS.pricePassed)})),"Below "&${pct}&"% of the mean price: ask the bidder to explain",IF(AND(ISNUMBER(${fullCost}),${price}<${fullCost}),"Below the bidder's full cost: ask the bidder to explain","")),"")`;
}

/** The formulas of bid b's row: points, then status and rank. */
function resultsRow(at: RowContext, b: number) {
  const nK = scoredCriteria(at.model).length;
  const mc = moderationColumns(at.model.evaluators.length);
  const r = RESULTS_SHEET.firstRow + b;
  const here = (col: number) => cellAddress(r, col);
  const m1 = MODERATION_SHEET.firstRow + b * nK;
  const m2 = m1 + nK - 1;
  const moderationColumn = (col: number) => `${at.moderation}${absoluteRange(m1, col, m2, col)}`;
  const groups = moderationColumn(MODERATION_SHEET.columns.group);
  const weighted = moderationColumn(mc.weighted);
  const scoredWeight = criteriaCell(at, CRITERIA_SHEET.scoredWeight);
  const passed = `${here(COLUMNS.status)}=${formulaText(STATUS_TEXT.passed)}`;
  const gw = here(COLUMNS.gateway);
  const status = `=IF(${gw}="Fail",${formulaText(STATUS_TEXT.failedGateway)},IF(OR(${gw}="Not answered",${here(COLUMNS.complete)}<>"Yes"),${formulaText(STATUS_TEXT.incomplete)},IF(${here(COLUMNS.meets)}<>"Yes",${formulaText(STATUS_TEXT.belowThreshold)},IF(${here(COLUMNS.belowMin)}>0,${formulaText(STATUS_TEXT.belowMinimum)},${formulaText(STATUS_TEXT.passed)}))))`;
  return {
    points: [
      `=SUMIF(${groups},"Quality",${weighted})`,
      pricePointsFormula(at, r),
      `=SUMIF(${groups},"Social value",${weighted})`,
      `=ROUND(${here(COLUMNS.quality)}+${here(COLUMNS.price)}+${here(COLUMNS.social)},6)`,
      `=IF(${scoredWeight}=0,0,ROUND((${here(COLUMNS.quality)}+${here(COLUMNS.social)})/${scoredWeight}*100,6))`,
    ],
    status: [
      `=IF(${here(COLUMNS.percent)}>=${criteriaCell(at, CRITERIA_SHEET.threshold)},"Yes","No")`,
      `=SUM(${moderationColumn(mc.belowMin)})`,
      `=IF(COUNT(${moderationColumn(mc.consensus)})=${nK},"Yes","No")`,
      status,
      rankFormula(at, r),
    ],
    pricePassed: [
      `=IF(AND(${passed},ISNUMBER(${here(COLUMNS.priceGbp)})),${here(COLUMNS.priceGbp)},"")`,
      gatewayFormula(at, b),
      perPointFormula(at, r),
    ],
    abnormallyLow: [abnormallyLowFormula(at, r)],
  };
}

export function resultsSheet(model: EvaluationModel, names: SheetNames): SheetSpec {
  const { firstRow, headerRow, winner } = RESULTS_SHEET;
  const lastRow = firstRow + model.bidders.length - 1;
  const at: RowContext = {
    model,
    criteria: sheetRef(names.criteria),
    moderation: sheetRef(names.moderation),
    gateway: names.gateway ? sheetRef(names.gateway) : null,
    column: (col) => absoluteRange(firstRow, col, lastRow, col),
  };
  const rows = model.bidders.map((_, b) => resultsRow(at, b));
  return {
    name: names.results,
    blocks: [
      text(0, 0, [
        ["Results"],
        [
          "Quality and social value come from the consensus scores. A bid that fails the gateway, or falls below the quality threshold or a criterion's minimum, is excluded before price is scored, so it cannot move the price points of others.",
        ],
        ["Highest-ranked bid"],
      ]),
      formulas(winner.row, winner.col, [
        [`=IFERROR(INDEX(${at.column(COLUMNS.bidder)},MATCH(1,${at.column(COLUMNS.rank)},0)),"")`],
      ]),
      text(headerRow, 0, [HEADER]),
      text(
        firstRow,
        COLUMNS.bidder,
        model.bidders.map((b) => [b.name])
      ),
      formulas(
        firstRow,
        COLUMNS.quality,
        rows.map((r) => r.points),
        rows.map(() => ["0.00", "0.00", "0.00", "0.00", pointsPercentFormat(1)])
      ),
      formulas(
        firstRow,
        COLUMNS.meets,
        rows.map((r) => r.status),
        rows.map(() => [null, "0", null, null, "0"])
      ),
      values(
        firstRow,
        COLUMNS.priceGbp,
        model.bidders.map((b) => [b.pricePence === null ? "" : toPounds(b.pricePence)]),
        POUNDS_FORMAT
      ),
      formulas(
        firstRow,
        COLUMNS.pricePassed,
        rows.map((r) => r.pricePassed),
        rows.map(() => [POUNDS_FORMAT, null, POUNDS_FORMAT])
      ),
      values(
        firstRow,
        COLUMNS.fullCost,
        model.bidders.map((b) => [b.fullCostPence ? toPounds(b.fullCostPence) : ""]),
        POUNDS_FORMAT
      ),
      formulas(
        firstRow,
        COLUMNS.abnormallyLow,
        rows.map((r) => r.abnormallyLow)
      ),
    ],
    styles: [
      { address: rangeAddress(headerRow, 0, headerRow, COLUMNS.last), look: ["header"] },
      { address: rangeAddress(winner.row, 0, winner.row, 1), look: ["bold"] },
    ],
    conditionalFormats: [
      {
        address: rangeAddress(firstRow, COLUMNS.status, lastRow, COLUMNS.status),
        type: "formula",
        formula: `=LEFT($${columnLetters(COLUMNS.status)}${firstRow + 1},8)="Excluded"`,
        fill: PALETTE.badFill,
        fontColor: PALETTE.badFont,
      },
    ],
    columnWidths: [
      { col: 0, width: 180 },
      ...[COLUMNS.quality, COLUMNS.price, COLUMNS.social, COLUMNS.total].map((col) => ({
        col,
        width: 80,
      })),
      { col: COLUMNS.percent, width: 110 },
      { col: COLUMNS.status, width: 220 },
      { col: COLUMNS.priceGbp, width: 100 },
      { col: COLUMNS.pricePassed, width: 100 },
      { col: COLUMNS.perPoint, width: 110 },
      { col: COLUMNS.fullCost, width: 100 },
      { col: COLUMNS.abnormallyLow, width: 320 },
    ],
    charts: [
      {
        type: "BarStacked",
        source: rangeAddress(headerRow, 0, lastRow, COLUMNS.social),
        seriesBy: "Columns",
        title: "Total points: quality, price and social value",
        topLeft: `${columnLetters(COLUMNS.last + 2)}5`,
      },
    ],
    freeze: { rows: firstRow, columns: 0 },
    protect: true,
  };
}
