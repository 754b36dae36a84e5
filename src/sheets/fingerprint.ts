/**
 * Fingerprints of what the add-in wrote, so a rerun can tell which of its cells the user has
 * changed since. Pure: no Office.js.
 *
 * A cell's fingerprint is its content as written (short text and numbers as they are, so the
 * task pane can show what the add-in had written), or a hash of it (long text and formulas).
 * Formulas are compared in a normal form: outside text constants, case and spaces are ignored,
 * sheet-name apostrophes dropped, and cell references made relative to the cell (R1C1 style), so
 * the formula Excel hands back reads the same and a column of filled-down formulas has one
 * fingerprint. A block is stored column by column, each column as a small dictionary of
 * fingerprints and one fixed-width index per cell: a column of "Shopping" / "Investing" /
 * "Giving" costs one character a cell.
 */
import { cellAddress } from "./a1";

/** Content up to this length is kept as it is (and shown to the user); longer is hashed. */
const LITERAL_LIMIT = 40;
const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/** 30-bit FNV-1a hash of a text, as 5 characters. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let out = "";
  for (let i = 0; i < 5; i++) {
    out += DIGITS[h & 63];
    h >>>= 6;
  }
  return out;
}

const colNumber = (letters: string) =>
  [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** A formula in a normal form (see the file comment), for the cell at row, col (0-based). */
export function normalFormula(formula: string, row: number, col: number): string {
  // split into text constants (kept as they are) and the rest
  const parts = formula.split(/("(?:[^"]|"")*")/);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return (
        part
          .replace(/'((?:[^']|'')+)'!/g, (_, name: string) => `${name.replace(/''/g, "'")}!`)
          // Excel may hand formulas back with spaces dropped and the implicit-intersection "@"
          .replace(/[\s@]+/g, "")
          .toUpperCase()
          .replace(
            /(^|[^A-Z0-9_.$])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Z0-9_(!])/g,
            (_, pre: string, ac: string, letters: string, ar: string, digits: string) => {
              const c = colNumber(letters);
              const r = Number(digits) - 1;
              const rp = ar ? `R${r + 1}` : `R[${r - row}]`;
              const cp = ac ? `C${c + 1}` : `C[${c - col}]`;
              return `${pre}${rp}${cp}`;
            }
          )
      );
    })
    .join("");
}

/** The fingerprint of one cell's content (as written, or as read back through Range.formulas). */
export function cellFingerprint(value: unknown, row: number, col: number): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "number") return `${Number(value.toPrecision(15))}`;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const text = String(value);
  if (text.startsWith("=")) return `=#${hashText(normalFormula(text, row, col))}`;
  // a text made of a leading "#" or "=" could pass for a hash: mark it
  const literal = /^[#=~]/.test(text) ? `~${text}` : text;
  return literal.length <= LITERAL_LIMIT ? literal : `#${hashText(text)}`;
}

/** What a fingerprint can show of the content it stands for. */
export function describeFingerprint(fp: string): string {
  if (fp === "") return "(empty)";
  if (fp.startsWith("=#")) return "(a formula)";
  if (fp.startsWith("#")) return "(a longer text)";
  return fp.startsWith("~") ? fp.slice(1) : fp;
}

/** A block's fingerprints, column by column: dictionary, index width, indices. */
export type ColumnPrint = { d: string[]; w: number; c: string };
export type BlockPrint = { rows: number; cols: ColumnPrint[] };

const encodeIndex = (n: number, width: number) => {
  let s = "";
  for (let i = 0; i < width; i++) {
    s = DIGITS[n & 63] + s;
    n >>>= 6;
  }
  return s;
};
const decodeIndex = (s: string) => [...s].reduce((n, ch) => n * 64 + DIGITS.indexOf(ch), 0);

/** Encode a grid of fingerprints (rows of columns). */
export function encodePrint(grid: readonly (readonly string[])[]): BlockPrint {
  const rows = grid.length;
  const width = rows ? grid[0].length : 0;
  const cols: ColumnPrint[] = [];
  for (let j = 0; j < width; j++) {
    const dict = new Map<string, number>();
    const ids: number[] = new Array(rows);
    for (let i = 0; i < rows; i++) {
      const fp = grid[i][j];
      let id = dict.get(fp);
      if (id === undefined) dict.set(fp, (id = dict.size));
      ids[i] = id;
    }
    let w = 1;
    while (64 ** w < dict.size) w++;
    cols.push({ d: [...dict.keys()], w, c: ids.map((id) => encodeIndex(id, w)).join("") });
  }
  return { rows, cols };
}

/** The fingerprint of the cell at row i, column j of an encoded block. */
export function printAt(print: BlockPrint, i: number, j: number): string {
  const col = print.cols[j];
  if (!col) return "";
  return col.d[decodeIndex(col.c.slice(i * col.w, (i + 1) * col.w))] ?? "";
}

/** Bytes an encoded block takes in the store (its JSON). */
export const printBytes = (p: BlockPrint) => JSON.stringify(p).length;

/** A cell the user changed since the add-in wrote it. */
export type EditedCell = { sheet: string; address: string; was: string; now: string };

/**
 * Compare what is in a block now (read through Range.formulas) with what was written there;
 * the cells that differ, in reading order.
 */
export function changedCells(
  print: BlockPrint,
  top: number,
  left: number,
  now: readonly (readonly unknown[])[],
  sheet: string,
  firstRow = 0
): EditedCell[] {
  const out: EditedCell[] = [];
  now.forEach((cells, k) => {
    const i = firstRow + k;
    cells.forEach((value, j) => {
      const was = printAt(print, i, j);
      if (cellFingerprint(value, top + i, left + j) === was) return;
      out.push({
        sheet,
        address: cellAddress(top + i, left + j),
        was: describeFingerprint(was),
        now: describeNow(value),
      });
    });
  });
  return out;
}

function describeNow(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  const text = String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
