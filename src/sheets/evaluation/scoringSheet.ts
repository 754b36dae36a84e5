/**
 * A panel member's scoring sheet ("Scores <member>"): their conflict-of-interest declaration (a
 * drop-down) and its status at the top, then a grid of bidders by scored criteria with a score
 * (whole numbers on the scale) and a reason for each. The declaration and the grid are the only
 * cells open for input.
 */
import { cellAddress, rangeAddress } from "../a1";
import { formulaText } from "../formula";
import type { SheetSpec, Validation } from "../spec";
import { scoredCriteria, type EvaluationModel } from "../../domain/evaluation/setup";
import { DECLARATION_CONFLICT, DECLARATION_NO_CONFLICT } from "../../domain/evaluation/words";
import { formulas, inputColumn, text } from "./blocks";
import { gridColumn, SCORING_SHEET, type SheetNames } from "./geometry";

/** The status line: whether this member's scores count yet. */
function statusFormula(declaration: string): string {
  return `=IF(${declaration}=${formulaText(DECLARATION_NO_CONFLICT)},"Declaration complete: your scores count",IF(${declaration}="","Declaration not completed: your scores do not count yet","Conflict declared: your scores are not counted"))`;
}

/** The scoring sheet of evaluator e (setup order). */
export function scoringSheet(model: EvaluationModel, names: SheetNames, e: number): SheetSpec {
  const scored = scoredCriteria(model);
  const nB = model.bidders.length;
  const max = model.scale.max;
  const { declaration, status, headerRow, firstRow, firstCol } = SCORING_SHEET;
  const declarationCell = cellAddress(declaration.row, declaration.col);
  const header: string[] = ["Bidder"];
  scored.forEach((c) => header.push(`${c.name} (score 0-${max})`, `${c.name}: reason`));
  // Scores are numbers; reasons are free text, formatted as text so an entry starting with =
  // stays text. Both are open for input.
  const grid = scored.flatMap((_, k) => [
    inputColumn(firstRow, firstCol + gridColumn.score(k), nB, "value"),
    inputColumn(firstRow, firstCol + gridColumn.reason(k), nB, "text"),
  ]);
  const scoreRules: Validation[] = scored.map((c, k) => {
    const col = firstCol + gridColumn.score(k);
    return {
      address: rangeAddress(firstRow, col, firstRow + nB - 1, col),
      type: "wholeNumber",
      min: 0,
      max,
      message: `Enter a whole score from 0 to ${max} for ${c.name}`,
    };
  });
  return {
    name: names.evaluators[e],
    blocks: [
      text(0, 0, [
        ["Scoring sheet for", model.evaluators[e]],
        ["Tender", model.tenderName],
      ]),
      text(declaration.row, 0, [["Conflict-of-interest declaration (choose one before scoring)"]]),
      inputColumn(declaration.row, declaration.col, 1, "text", ["input", "bold"]),
      text(status.row, 0, [["Status"], ["Scale"]]),
      text(SCORING_SHEET.scaleRow, 1, [
        [model.scale.descriptors.map((d, i) => `${i} ${d}`).join("; ")],
      ]),
      formulas(status.row, status.col, [[statusFormula(declarationCell)]]),
      text(headerRow, 0, [header]),
      text(
        firstRow,
        0,
        model.bidders.map((b) => [b.name])
      ),
      ...grid,
    ],
    validations: [
      {
        address: declarationCell,
        type: "list",
        options: [DECLARATION_NO_CONFLICT, DECLARATION_CONFLICT],
        message: "Choose one of the two declarations from the list",
      },
      ...scoreRules,
    ],
    styles: [
      { address: rangeAddress(headerRow, 0, headerRow, 2 * scored.length), look: ["header"] },
    ],
    columnWidths: [{ col: 0, width: 200 }],
    // Rows only: the bidder names scroll with the grid (as the workbook always has).
    freeze: { rows: firstRow, columns: 0 },
    protect: true,
  };
}
