/**
 * The Gateway sheet: stage 1 of the evaluation, before scoring. One row per bid and gateway
 * question (legal and financial documents present, 003:365; accreditation or minimum standards,
 * 002:324-326) with Pass or Fail from a drop-down and the reason. A bid that fails any question
 * is excluded (the Results sheet reads this sheet) and needs no scores.
 */
import { rangeAddress } from "../a1";
import type { SheetSpec } from "../spec";
import { stagesOf, type EvaluationModel } from "../../domain/evaluation/setup";
import { GATEWAY_FAIL, GATEWAY_PASS } from "../../domain/evaluation/words";
import { inputColumn, text } from "./blocks";
import { GATEWAY_SHEET, type SheetNames } from "./geometry";

export function gatewaySheet(model: EvaluationModel, names: SheetNames): SheetSpec | null {
  const questions = stagesOf(model).gateway;
  if (questions.length === 0 || !names.gateway) return null;
  const { headerRow, firstRow, columns } = GATEWAY_SHEET;
  const rows = model.bidders.flatMap((b) => questions.map((q) => [b.name, q]));
  const lastRow = firstRow + rows.length - 1;
  return {
    name: names.gateway,
    blocks: [
      text(0, 0, [
        ["Gateway"],
        [
          "Answer every question Pass or Fail for every bid, with the reason, before scoring. A bid that fails any question is excluded and is not scored.",
        ],
      ]),
      text(headerRow, 0, [["Bidder", "Question", "Pass or fail", "Reason"]]),
      text(firstRow, columns.bidder, rows),
      inputColumn(firstRow, columns.answer, rows.length, "text"),
      inputColumn(firstRow, columns.reason, rows.length, "text", ["input", "wrap"]),
    ],
    validations: [
      {
        address: rangeAddress(firstRow, columns.answer, lastRow, columns.answer),
        type: "list",
        options: [GATEWAY_PASS, GATEWAY_FAIL],
        message: "Choose Pass or Fail",
      },
    ],
    styles: [{ address: rangeAddress(headerRow, 0, headerRow, columns.reason), look: ["header"] }],
    columnWidths: [
      { col: columns.bidder, width: 180 },
      { col: columns.question, width: 240 },
      { col: columns.answer, width: 90 },
      { col: columns.reason, width: 300 },
    ],
    freeze: { rows: firstRow, columns: 0 },
    protect: true,
  };
}
