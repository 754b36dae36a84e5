/**
 * The derived columns written beside a register already in the workbook (annual value, how it
 * was worked out, term, financial year, label, competitively selected, and the empty answer
 * columns), as a SheetSpec: money shown in pounds, numbers as numbers, the rest as text.
 */
import type { Block, SheetSpec } from "../spec";
import type { DerivedColumn } from "../../domain/classification/registerTable";
import { POUNDS_FORMAT } from "../../domain/kernel/money";

/**
 * The cells of `columns` from sheet column `col`, for data rows starting at sheet row `row`
 * (0-based); with `headerRow`, the headers too.
 */
export function derivedColumnsSpec(
  sheet: string,
  col: number,
  row: number,
  columns: readonly DerivedColumn[],
  headerRow: number | null
): SheetSpec {
  const blocks: Block[] = [];
  if (headerRow !== null)
    blocks.push({ row: headerRow, col, kind: "text", cells: [columns.map((c) => c.header)] });
  columns.forEach((c, i) => {
    if (c.cells.length === 0) return;
    const cells = c.cells.map((v) => [v]);
    blocks.push(
      c.kind === "text"
        ? { row, col: col + i, kind: "text", cells }
        : {
            row,
            col: col + i,
            kind: "value",
            cells,
            ...(c.kind === "money" ? { numberFormat: POUNDS_FORMAT } : {}),
          }
    );
  });
  return { name: sheet, blocks };
}
