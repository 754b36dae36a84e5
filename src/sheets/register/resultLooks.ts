/**
 * How the result columns look once written: each column as wide as what it shows (Excel's
 * columns are 64 pixels by default, which cut "Commissioned service" to "Commi..."), and every
 * register row whose Flags cell is not empty highlighted, by a conditional format whose formula
 * reads the Flags column -- so the highlight follows when the user edits or clears a flag.
 */
import { columnLetters } from "../a1";
import type { SheetSpec } from "../spec";
import { OUTPUT_HEADERS } from "../../domain/classification/register";

/** The highlight: a pale amber fill with dark text (readable, and not the red of an error). */
export const FLAG_HIGHLIGHT = { fill: "#FFF2CC", fontColor: "#3D2E00" } as const;

/** Widths in points per result column: the widest text expected in each (header included). */
const RESULT_WIDTH_CHARACTERS = [10, 21, 13, 14, 13, 12, 11, 30, 60] as const;
const POINTS_PER_CHARACTER = 5.6;
const MARGIN_POINTS = 9;

export type FlagHighlightAt = {
  sheet: string;
  /** 0-based sheet row of the register's header. */
  headerRow: number;
  /** 0-based sheet column of the register's first column, and how many columns to highlight. */
  firstCol: number;
  columns: number;
  /** Data rows below the header. */
  rows: number;
  /** 0-based sheet column of the Flags cell. */
  flagsCol: number;
};

/**
 * Widths for the nine result columns from `col`, and a conditional format over the register's
 * data rows (including the result columns) that fills a row whose Flags cell is not empty.
 */
export function resultLooksSpec(at: FlagHighlightAt, resultCol: number): SheetSpec {
  const widths = OUTPUT_HEADERS.map((h, i) => ({
    col: resultCol + i,
    width: Math.round(
      Math.max(h.length * 1.1, RESULT_WIDTH_CHARACTERS[i] ?? 12) * POINTS_PER_CHARACTER +
        MARGIN_POINTS
    ),
  }));
  const first = at.headerRow + 1;
  if (at.rows <= 0) return { name: at.sheet, blocks: [], columnWidths: widths };
  const address = `${columnLetters(at.firstCol)}${first + 1}:${columnLetters(at.firstCol + at.columns - 1)}${first + at.rows}`;
  // Relative to the range's top-left cell: the Flags cell of the same row, column fixed.
  const flagsCell = `$${columnLetters(at.flagsCol)}${first + 1}`;
  return {
    name: at.sheet,
    blocks: [],
    columnWidths: widths,
    conditionalFormats: [
      {
        address,
        type: "formula",
        formula: `=LEN(TRIM(${flagsCell}))>0`,
        fill: FLAG_HIGHLIGHT.fill,
        fontColor: FLAG_HIGHLIGHT.fontColor,
      },
    ],
  };
}
