/**
 * Small constructors for the blocks of the evaluation sheets (src/sheets/spec.ts), and the one
 * spec-level question the tests ask of them: is a cell open for input?
 */
import { cellAddress } from "../a1";
import type { Block, CellLook, CellValue, SheetSpec } from "../spec";

/** User text and fixed labels, stored as text (never read as a formula, date or number). */
export const text = (row: number, col: number, cells: string[][], look?: CellLook[]): Block => ({
  row,
  col,
  kind: "text",
  cells,
  ...(look ? { look } : {}),
});

/** Ordinary Excel formulas. */
export const formulas = (
  row: number,
  col: number,
  cells: string[][],
  numberFormat?: Block["numberFormat"]
): Block => ({ row, col, kind: "formula", cells, ...(numberFormat ? { numberFormat } : {}) });

/** Numbers and fixed values. */
export const values = (
  row: number,
  col: number,
  cells: CellValue[][],
  numberFormat?: Block["numberFormat"]
): Block => ({ row, col, kind: "value", cells, ...(numberFormat ? { numberFormat } : {}) });

/**
 * A column of blank input cells, open when the sheet is protected and shaded as input: "text"
 * for free text (a reason, a rationale), "value" for a score.
 */
export const inputColumn = (
  row: number,
  col: number,
  rows: number,
  kind: "text" | "value",
  look: CellLook[] = ["input"]
): Block => ({
  row,
  col,
  kind,
  cells: Array.from({ length: rows }, () => [""]),
  look,
  unlocked: true,
});

/** Is this cell open for input (inside one of the spec's unlocked blocks)? */
export function isUnlockedCell(spec: SheetSpec, address: string): boolean {
  const target = address.toUpperCase().replace(/\$/g, "");
  return spec.blocks.some(
    (b) =>
      b.unlocked === true &&
      b.cells.some((row, i) => row.some((_, j) => cellAddress(b.row + i, b.col + j) === target))
  );
}
