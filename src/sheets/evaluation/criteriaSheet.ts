/**
 * The Criteria sheet: the published assessment methodology (Procurement Act 2023 s.23): the
 * tender, scale, threshold, spread limit and price method; every criterion with its group, weight
 * and minimum; the scale's descriptors; the method in words. The other sheets' formulas read the
 * numbers here (CRITERIA_SHEET).
 */
import { cellAddress, rangeAddress } from "../a1";
import type { SheetSpec } from "../spec";
import {
  GROUP_LABELS,
  methodologyText,
  PRICE_METHOD_LABELS,
  priceWeightBp,
  scoredCriteria,
  stagesOf,
  TIE_BREAK_LABELS,
  type EvaluationModel,
} from "../../domain/evaluation/setup";
import { formulas, text, values } from "./blocks";
import { CRITERIA_SHEET, pointsPercentFormat, type SheetNames } from "./geometry";

const LABELS = [
  ["Tender"],
  ["Scoring scale: 0 to"],
  ["Minimum quality threshold (% of quality and social value marks)"],
  ["Discuss when highest minus lowest score is over (points)"],
  ["Price method"],
  ["Points for price"],
  ["Points for quality and social value"],
  ["Tie-break"],
  ["Independent scores each bid needs per criterion"],
  ["Abnormally low: below this % of the mean price (0 = no check)"],
  ["Tender identifier"],
  ["Version"],
];

/** The tender's identity, carried by the master and every evaluator file (locked). */
export type TenderIdentity = { tenderId: string; version: number };

/** A percentage format with as many decimals as the weights need (30 -> "30%", 33.33 -> "33.33%"). */
const weightFormat = (bps: number[]) =>
  pointsPercentFormat(bps.every((b) => b % 100 === 0) ? 0 : 2);

export function criteriaSheet(
  model: EvaluationModel,
  names: SheetNames,
  identity: TenderIdentity = { tenderId: "", version: 1 }
): SheetSpec {
  const { firstRow, headerRow, columns } = CRITERIA_SHEET;
  const st = stagesOf(model);
  const nC = model.criteria.length;
  const scoredBp = scoredCriteria(model).reduce((t, c) => t + c.weightBp, 0);
  const totalRow = firstRow + nC;
  const scaleRow = totalRow + 2;
  const methodRow = scaleRow + model.scale.descriptors.length + 2;
  const pct = weightFormat(model.criteria.map((c) => c.weightBp));
  return {
    name: names.criteria,
    blocks: [
      text(0, 0, LABELS),
      text(CRITERIA_SHEET.tender.row, CRITERIA_SHEET.tender.col, [[model.tenderName]]),
      text(CRITERIA_SHEET.method.row, CRITERIA_SHEET.method.col, [
        [PRICE_METHOD_LABELS[model.priceMethod]],
      ]),
      text(CRITERIA_SHEET.tieBreak.row, CRITERIA_SHEET.tieBreak.col, [
        [TIE_BREAK_LABELS[st.tieBreak]],
      ]),
      {
        ...values(CRITERIA_SHEET.minIndependent.row, CRITERIA_SHEET.minIndependent.col, [
          [st.minIndependentScores],
          [st.abnormallyLowPercent],
        ]),
        numberFormat: [["0"], [null]],
      },
      text(CRITERIA_SHEET.tenderId.row, CRITERIA_SHEET.tenderId.col, [[identity.tenderId]]),
      values(CRITERIA_SHEET.version.row, CRITERIA_SHEET.version.col, [[identity.version]], "0"),
      // Numbers written as values (exact from basis points), not summed by formula, so float noise
      // in a sum of weights such as 33.33 + 33.33 + 33.34 cannot change a threshold decision.
      {
        ...values(CRITERIA_SHEET.scaleMax.row, CRITERIA_SHEET.scaleMax.col, [
          [model.scale.max],
          [model.qualityThreshold],
          [model.spreadLimit],
        ]),
        numberFormat: [
          ["0"],
          [pointsPercentFormat(Number.isInteger(model.qualityThreshold) ? 0 : 2)],
          [null],
        ],
      },
      values(
        CRITERIA_SHEET.priceWeight.row,
        CRITERIA_SHEET.priceWeight.col,
        [[priceWeightBp(model) / 100], [scoredBp / 100]],
        pct
      ),
      text(headerRow, 0, [["Criterion", "Group", "Weight", "Minimum score"]]),
      text(
        firstRow,
        columns.name,
        model.criteria.map((c) => [c.name, GROUP_LABELS[c.group]])
      ),
      values(
        firstRow,
        columns.weight,
        model.criteria.map((c) => [c.weightBp / 100]),
        pct
      ),
      values(
        firstRow,
        columns.minimum,
        model.criteria.map((c) => [c.minimum === null ? "" : c.minimum]),
        "0"
      ),
      text(totalRow, 0, [["Total"]]),
      formulas(
        totalRow,
        columns.weight,
        [[`=SUM(${rangeAddress(firstRow, columns.weight, totalRow - 1, columns.weight)})`]],
        pct
      ),
      text(scaleRow, 0, [["Score", "Descriptor"]]),
      values(
        scaleRow + 1,
        0,
        model.scale.descriptors.map((_, i) => [i])
      ),
      text(
        scaleRow + 1,
        1,
        model.scale.descriptors.map((d) => [d])
      ),
      text(methodRow, 0, [["Assessment methodology"], ...methodologyText(model).map((l) => [l])]),
    ],
    styles: [
      { address: rangeAddress(headerRow, 0, headerRow, columns.minimum), look: ["header"] },
      { address: rangeAddress(scaleRow, 0, scaleRow, 1), look: ["header"] },
      { address: cellAddress(methodRow, 0), look: ["bold"] },
      { address: rangeAddress(totalRow, 0, totalRow, columns.weight), look: ["bold"] },
    ],
    columnWidths: [
      { col: 0, width: 320 },
      { col: 1, width: 200 },
      { col: 2, width: 80 },
      { col: 3, width: 100 },
    ],
    protect: true,
  };
}
