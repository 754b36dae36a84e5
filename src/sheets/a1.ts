/** A1 cell-address helpers: pure, zero-based rows and columns. */

/** 0-based column number to letters: 0 -> "A", 25 -> "Z", 26 -> "AA", 16383 -> "XFD". */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Column letters to a 0-based column number, case-insensitive: "A" -> 0, "aa" -> 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0-based row and column to a relative A1 address: (2, 1) -> "B3". */
export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** 0-based row and column to an absolute A1 address: (2, 1) -> "$B$3". */
export function absoluteAddress(row: number, col: number): string {
  return `$${columnLetters(col)}$${row + 1}`;
}

/** A rectangle as an A1 address, "B3" when it is one cell, else "B3:D7" (0-based, inclusive). */
export function rangeAddress(row1: number, col1: number, row2: number, col2: number): string {
  return row1 === row2 && col1 === col2
    ? cellAddress(row1, col1)
    : `${cellAddress(row1, col1)}:${cellAddress(row2, col2)}`;
}

/** A rectangle as an absolute A1 address: "$B$3:$D$7". */
export function absoluteRange(row1: number, col1: number, row2: number, col2: number): string {
  return `${absoluteAddress(row1, col1)}:${absoluteAddress(row2, col2)}`;
}

/** The largest row and column indexes Excel has (0-based): XFD1048576. */
export const LAST_ROW = 1048575;
export const LAST_COLUMN = 16383;

/**
 * "C5" or "$C$5" (any case) -> { row: 4, col: 2 }, 0-based; null when it is not one cell address
 * inside Excel's grid. The one A1 parser of the add-in.
 */
export function parseCell(address: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(String(address).trim());
  if (!m) return null;
  const col = columnIndex(m[1]);
  const row = Number(m[2]) - 1;
  if (col < 0 || col > LAST_COLUMN || row < 0 || row > LAST_ROW) return null;
  return { row, col };
}

/** "B3:D7" (or one cell "B3") -> its corners, 0-based; null when it is not such an address. */
export function parseRange(
  address: string
): { row1: number; col1: number; row2: number; col2: number } | null {
  const [a, b, extra] = String(address).split(":");
  if (extra !== undefined) return null;
  const start = parseCell(a);
  const end = parseCell(b ?? a);
  if (!start || !end) return null;
  return {
    row1: Math.min(start.row, end.row),
    col1: Math.min(start.col, end.col),
    row2: Math.max(start.row, end.row),
    col2: Math.max(start.col, end.col),
  };
}

/** Is the cell inside the range? Both in A1; false when either is not an address. */
export function rangeContains(range: string, cell: string): boolean {
  const r = parseRange(range);
  const c = parseCell(cell);
  return !!r && !!c && c.row >= r.row1 && c.row <= r.row2 && c.col >= r.col1 && c.col <= r.col2;
}
