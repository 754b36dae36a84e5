/**
 * A1 addresses for the workbook double: parsing "A1", "$B$2", "A1:C3", "A:C", "2:5", with an
 * optional sheet prefix ("Sheet1!A1", "'Bidder 1'!A1:B2"), and formatting them back the way
 * Excel reports them (range.address is "Sheet1!A1:C3", a single cell "Sheet1!B2").
 * Browser-safe: no Node APIs.
 */
import { DoubleError } from "./errors";

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** A rectangular block of cells, zero-based. */
export interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface ParsedAddress extends Area {
  sheet?: string;
}

// The double stands in for Excel, so it keeps its own A1 arithmetic rather than borrowing the
// add-in's (src/sheets/a1.ts): the two are written apart and checked against each other.

/** 0-based column to letters as Excel names them: 0 -> "A", 26 -> "AA", 16383 -> "XFD". */
export function columnLetters(col: number): string {
  const letter = String.fromCharCode(65 + (col % 26));
  return col < 26 ? letter : columnLetters(Math.floor(col / 26) - 1) + letter;
}

/** Letters to a 0-based column, any case: "A" -> 0, "aa" -> 26. */
export function columnIndex(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/** 0-based row and column to "B3". */
export function cellAddress(row: number, col: number): string {
  return columnLetters(col) + String(row + 1);
}

/** "A1:C3" (or "B2" for one cell, "A:C" for whole columns, "1:3" for whole rows). */
export function areaAddress(a: Area): string {
  if (a.rows === MAX_ROWS && a.cols !== MAX_COLS) {
    return `${columnLetters(a.col)}:${columnLetters(a.col + a.cols - 1)}`;
  }
  if (a.cols === MAX_COLS && a.rows !== MAX_ROWS) return `${a.row + 1}:${a.row + a.rows}`;
  const first = cellAddress(a.row, a.col);
  if (a.rows === 1 && a.cols === 1) return first;
  return `${first}:${cellAddress(a.row + a.rows - 1, a.col + a.cols - 1)}`;
}

/** Quote a sheet name as Excel does in addresses and formulas when it needs quoting. */
export function quoteSheetName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name)) return name;
  return `'${name.replace(/'/g, "''")}'`;
}

export function fullAddress(sheet: string, a: Area): string {
  return `${quoteSheetName(sheet)}!${areaAddress(a)}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?([0-9]+)$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?([0-9]+)$/;

function badAddress(address: string): DoubleError {
  return new DoubleError(
    "InvalidArgument",
    `The argument is invalid or missing or has an incorrect format. (address "${address}")`
  );
}

/** Parse an A1 address, with or without a sheet prefix. Throws InvalidArgument when malformed. */
export function parseAddress(address: string): ParsedAddress {
  let text = String(address).trim();
  let sheet: string | undefined;
  const bang = text.lastIndexOf("!");
  if (bang >= 0) {
    let s = text.slice(0, bang);
    if (s.startsWith("'") && s.endsWith("'")) s = s.slice(1, -1).replace(/''/g, "'");
    sheet = s;
    text = text.slice(bang + 1);
  }
  if (text === "") throw badAddress(address);
  const parts = text.split(":");
  if (parts.length > 2) throw badAddress(address);
  const [p1, p2 = p1] = parts;
  let m1 = CELL.exec(p1);
  let m2 = CELL.exec(p2);
  if (m1 && m2) {
    const r1 = Number(m1[2]) - 1;
    const r2 = Number(m2[2]) - 1;
    const c1 = columnIndex(m1[1]);
    const c2 = columnIndex(m2[1]);
    if (r1 < 0 || r2 < 0 || r1 >= MAX_ROWS || r2 >= MAX_ROWS || c1 >= MAX_COLS || c2 >= MAX_COLS)
      throw badAddress(address);
    return {
      sheet,
      row: Math.min(r1, r2),
      col: Math.min(c1, c2),
      rows: Math.abs(r2 - r1) + 1,
      cols: Math.abs(c2 - c1) + 1,
    };
  }
  if (parts.length === 2) {
    m1 = COL.exec(p1);
    m2 = COL.exec(p2);
    if (m1 && m2) {
      const c1 = columnIndex(m1[1]);
      const c2 = columnIndex(m2[1]);
      if (c1 >= MAX_COLS || c2 >= MAX_COLS) throw badAddress(address);
      return { sheet, row: 0, rows: MAX_ROWS, col: Math.min(c1, c2), cols: Math.abs(c2 - c1) + 1 };
    }
    m1 = ROW.exec(p1);
    m2 = ROW.exec(p2);
    if (m1 && m2) {
      const r1 = Number(m1[1]) - 1;
      const r2 = Number(m2[1]) - 1;
      if (r1 < 0 || r2 < 0 || r1 >= MAX_ROWS || r2 >= MAX_ROWS) throw badAddress(address);
      return { sheet, col: 0, cols: MAX_COLS, row: Math.min(r1, r2), rows: Math.abs(r2 - r1) + 1 };
    }
  }
  throw badAddress(address);
}

export function intersect(a: Area, b: Area): Area | null {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const rowEnd = Math.min(a.row + a.rows, b.row + b.rows);
  const colEnd = Math.min(a.col + a.cols, b.col + b.cols);
  if (rowEnd <= row || colEnd <= col) return null;
  return { row, col, rows: rowEnd - row, cols: colEnd - col };
}

export function contains(outer: Area, inner: Area): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.col + inner.cols <= outer.col + outer.cols
  );
}
