/**
 * A panel member's scoring sheet ("Scores <member>"): who, which tender, its identifier and
 * version at the top, then one row per bidder: the member's conflict-of-interest declaration for
 * that bid (a drop-down: a conflict with one bidder voids only that bid's scores), and a score
 * (whole numbers on the scale) and a reason for each criterion assigned to them. The declarations
 * and the grid are the only cells open for input. The same sheet goes into the master workbook
 * and into the member's own file (src/excel/evaluatorFiles.ts).
 */
import { cellAddress, rangeAddress } from "../a1";
import type { SheetSpec, Validation } from "../spec";
import { scoredCriteria, stagesOf, type EvaluationModel } from "../../domain/evaluation/setup";
import { BID_CONFLICT, BID_NO_CONFLICT } from "../../domain/evaluation/words";
import { inputColumn, text, values } from "./blocks";
import type { TenderIdentity } from "./criteriaSheet";
import { gridColumn, SCORING_SHEET, type SheetNames } from "./geometry";

/** Column widths in points: bidder names, declarations, scores, reasons. */
const WIDTHS = { bidder: 200, declaration: 190, score: 90, reason: 260 } as const;

/** The scoring sheet of evaluator e (setup order). */
export function scoringSheet(
  model: EvaluationModel,
  names: SheetNames,
  e: number,
  identity: TenderIdentity = { tenderId: "", version: 1 }
): SheetSpec {
  const scored = scoredCriteria(model);
  const mine = stagesOf(model).assignments[e].map((k) => scored[k]);
  const nB = model.bidders.length;
  const max = model.scale.max;
  const { headerRow, firstRow, firstCol } = SCORING_SHEET;
  const lastRow = firstRow + nB - 1;
  const header: string[] = ["Bidder", "Conflict of interest with this bidder? (choose first)"];
  mine.forEach((c) => header.push(`${c.name} (score 0-${max})`, `${c.name}: reason`));
  // Scores are numbers; reasons are free text, formatted as text so an entry starting with =
  // stays text. Both are open for input.
  const grid = mine.flatMap((_, j) => [
    inputColumn(firstRow, firstCol + gridColumn.score(j), nB, "value"),
    inputColumn(firstRow, firstCol + gridColumn.reason(j), nB, "text", ["input", "wrap"]),
  ]);
  const scoreRules: Validation[] = mine.map((c, j) => {
    const col = firstCol + gridColumn.score(j);
    return {
      address: rangeAddress(firstRow, col, lastRow, col),
      type: "wholeNumber",
      min: 0,
      max,
      message: `Enter a whole score from 0 to ${max} for ${c.name}`,
    };
  });
  const declarationCol = firstCol + gridColumn.declaration;
  const lastCol = firstCol + 2 * mine.length;
  return {
    name: names.evaluators[e],
    blocks: [
      text(0, 0, [
        ["Scoring sheet for", model.evaluators[e]],
        ["Tender", model.tenderName],
        ["Tender identifier", identity.tenderId],
      ]),
      text(SCORING_SHEET.version.row, 0, [["Version"]]),
      values(SCORING_SHEET.version.row, SCORING_SHEET.version.col, [[identity.version]], "0"),
      text(SCORING_SHEET.scaleRow, 0, [
        ["Scale", model.scale.descriptors.map((d, i) => `${i} ${d}`).join("; ")],
      ]),
      text(headerRow, 0, [header]),
      text(
        firstRow,
        0,
        model.bidders.map((b) => [b.name])
      ),
      inputColumn(firstRow, declarationCol, nB, "text"),
      ...grid,
    ],
    validations: [
      {
        address: rangeAddress(firstRow, declarationCol, lastRow, declarationCol),
        type: "list",
        options: [BID_NO_CONFLICT, BID_CONFLICT],
        message: "Choose one of the two declarations from the list",
      },
      ...scoreRules,
    ],
    styles: [
      { address: rangeAddress(headerRow, 0, headerRow, lastCol), look: ["header"] },
      { address: cellAddress(0, 1), look: ["bold"] },
    ],
    columnWidths: [
      { col: 0, width: WIDTHS.bidder },
      { col: declarationCol, width: WIDTHS.declaration },
      ...mine.flatMap((_, j) => [
        { col: firstCol + gridColumn.score(j), width: WIDTHS.score },
        { col: firstCol + gridColumn.reason(j), width: WIDTHS.reason },
      ]),
    ],
    // Rows only: the bidder names scroll with the grid (as the workbook always has).
    freeze: { rows: firstRow, columns: 0 },
    protect: true,
  };
}
