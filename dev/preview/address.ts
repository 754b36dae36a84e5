/** A1 addresses for the preview grid (zero-based rows and columns). */
import { cellAddress, columnIndex, columnLetters } from "../../src/sheets/a1";

export interface CellRef {
  row: number;
  col: number;
}

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export { columnLetters };

/** 0-based row and column to "B3". */
export const cellName = cellAddress;

/** "B3" or "B3:D9" for a rectangle. */
export function rectAddress(r: Rect): string {
  const first = cellName(r.row, r.col);
  return r.rows === 1 && r.cols === 1
    ? first
    : `${first}:${cellName(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

/** The rectangle spanned by two corners. */
export function span(a: CellRef, b: CellRef): Rect {
  const row = Math.min(a.row, b.row);
  const col = Math.min(a.col, b.col);
  return { row, col, rows: Math.abs(a.row - b.row) + 1, cols: Math.abs(a.col - b.col) + 1 };
}

/**
 * Parse "B3", "$B$3", "b3:d9" or "Sheet!B3:D9" (the sheet part is returned separately).
 * Returns null for anything else.
 */
export function parseAddress(text: string): { sheet?: string; rect: Rect } | null {
  const trimmed = text.trim();
  const bang = trimmed.lastIndexOf("!");
  let sheet: string | undefined;
  let ref = trimmed;
  if (bang >= 0) {
    sheet = trimmed
      .slice(0, bang)
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'");
    ref = trimmed.slice(bang + 1);
  }
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(ref);
  if (!m) return null;
  const a = { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
  const b = m[3] ? { row: Number(m[4]) - 1, col: columnIndex(m[3]) } : a;
  if (a.row < 0 || b.row < 0) return null;
  return { sheet, rect: span(a, b) };
}

export function contains(r: Rect, row: number, col: number): boolean {
  return row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
}
