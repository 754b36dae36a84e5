/**
 * Column widths that fit what a sheet shows, as Excel's "AutoFit Column Width" would set them:
 * the longest text shown in each column (figures as their number format shows them; a formula
 * cell as the figure it must evaluate to), in points.
 */
import type { Block, CellValue } from "../spec";
import type { Check } from "./checks";
import { formatPounds, PERCENT_FORMAT, POUNDS_FORMAT } from "../../domain/kernel/money";

/** Points per character of Excel's default font (Calibri 11), plus the cell's margins. */
const POINTS_PER_CHARACTER = 5.6;
const MARGIN_POINTS = 9;
/** Bold text is about a tenth wider. */
const BOLD_FACTOR = 1.1;
/** Excel's widest column is 255 characters; no column here needs more than this. */
const MAX_WIDTH_POINTS = 409;

/** A value as its number format shows it (the formats the summary uses). */
function shown(value: CellValue, numberFormat: string | null): string {
  if (typeof value !== "number") return String(value);
  if (numberFormat === POUNDS_FORMAT) return formatPounds(Math.round(value * 100));
  if (numberFormat === PERCENT_FORMAT) return `${(value * 100).toFixed(1)}%`;
  return String(value);
}

/** A check's figure as its cell shows it. */
function shownCheck(c: Check): string {
  if (c.kind === "pence") return formatPounds(c.expected);
  if (c.kind === "share") return `${(c.expected * 100).toFixed(1)}%`;
  return String(c.expected);
}

/**
 * Widths for every column with something shown in it. Rows in `overflow` hold sentences that run
 * on into the empty cells beside them and do not size their column.
 */
export function columnWidthsFor(
  blocks: readonly Block[],
  checks: readonly Check[],
  overflow: ReadonlySet<number> = new Set()
): { col: number; width: number }[] {
  const expected = new Map(checks.map((c) => [`${c.row},${c.col}`, shownCheck(c)]));
  const longest = new Map<number, number>();
  for (const b of blocks) {
    const bold = b.look?.some((l) => l === "bold" || l === "title" || l === "header") ?? false;
    b.cells.forEach((cells, i) =>
      cells.forEach((value, j) => {
        const row = b.row + i;
        const col = b.col + j;
        if (overflow.has(row)) return;
        const f = b.numberFormat;
        const format = typeof f === "string" ? f : (f?.[i]?.[j] ?? null);
        const text =
          b.kind === "formula" && typeof value === "string" && value.startsWith("=")
            ? (expected.get(`${row},${col}`) ?? "")
            : shown(value, format);
        const length = text.length * (bold ? BOLD_FACTOR : 1);
        longest.set(col, Math.max(longest.get(col) ?? 0, length));
      })
    );
  }
  return [...longest.entries()]
    .filter(([, length]) => length > 0)
    .sort(([a], [b]) => a - b)
    .map(([col, length]) => ({
      col,
      width: Math.min(
        MAX_WIDTH_POINTS,
        Math.round((length * POINTS_PER_CHARACTER + MARGIN_POINTS) * 4) / 4
      ),
    }));
}
