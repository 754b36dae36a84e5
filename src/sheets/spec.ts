/**
 * The one sheet model. Every sheet (or block on a sheet) the add-in generates is first described
 * as a SheetSpec -- pure data, no Office.js -- by a builder in src/sheets/<capability>/, then
 * written by the one writer, src/excel/writer.ts. Positions are 0-based rows and columns from the
 * sheet's A1; addresses are A1 without the sheet name.
 */
import { cellAddress } from "./a1";

export type CellValue = string | number | boolean;

/**
 * How a block's cells are written:
 * - "text": text the user typed or that must stay text (names, "10/90", "007", "=x"): the cells
 *   get the Text number format ("@") first, then the values, so Excel never reads them as a
 *   formula, date or number;
 * - "value": numbers, booleans and fixed labels, written as values;
 * - "formula": cells written through range.formulas (strings starting with "=" are formulas,
 *   anything else a constant).
 * In every kind, a text cell that Excel would convert ("10/90", "007", "TRUE", "1,000": see
 * excelText.ts) is formatted "@" by the writer before it is written, so it stays as written.
 */
export type BlockKind = "text" | "value" | "formula";

/** Named looks from the palette (src/sheets/palette.ts); the writer turns them into formats. */
export type CellLook =
  "title" | "heading" | "header" | "note" | "input" | "working" | "bold" | "italic" | "wrap";

/** A rectangle of cells of one kind, written in one 2-D request (split by rows when large). */
export type Block = {
  row: number;
  col: number;
  kind: BlockKind;
  cells: CellValue[][];
  /** One number format for the whole block, or one per cell (null: leave General). */
  numberFormat?: string | (string | null)[][];
  /** Looks for the whole block. */
  look?: CellLook[];
  /** Input cells: left unlocked when the sheet is protected. */
  unlocked?: boolean;
};

/** A look applied to a range that is not one block (a title row, a header band). */
export type Styled = { address: string; look: CellLook[] };

export type Validation =
  | {
      address: string;
      type: "wholeNumber";
      min: number;
      max: number;
      message: string;
      prompt?: string;
    }
  | { address: string; type: "decimalAtLeast"; min: number; message: string; prompt?: string }
  /** A drop-down list: fixed options, or a source range/formula ("=$A$1:$A$4"). */
  | { address: string; type: "list"; options: string[] | string; message: string; prompt?: string };

export type ConditionalFormat =
  /** Highlight where the formula (relative to the range's top-left cell) is TRUE. */
  | { address: string; type: "formula"; formula: string; fill: string; fontColor: string }
  /** Highlight numbers below a value. */
  | { address: string; type: "lessThan"; value: number; fill: string; fontColor: string };

export type ChartSpec = {
  type: "BarStacked" | "ColumnStacked" | "Pie";
  /** The data range, A1 on this sheet. */
  source: string;
  seriesBy: "Columns" | "Rows" | "Auto";
  title: string;
  /** The chart's name in the workbook, so a rebuild can find and replace its own chart. */
  name?: string;
  /** Where it sits: the top-left cell, and optionally the bottom-right. */
  topLeft: string;
  bottomRight?: string;
};

export type SheetSpec = {
  /** The sheet's name (for a new sheet) or the sheet written into. */
  name: string;
  blocks: Block[];
  styles?: Styled[];
  validations?: Validation[];
  conditionalFormats?: ConditionalFormat[];
  /** Widths in points (Excel's format.columnWidth). */
  columnWidths?: { col: number; width: number }[];
  freeze?: { rows: number; columns: number };
  charts?: ChartSpec[];
  /**
   * Protect the sheet after writing (unlocked blocks stay editable); no password. The user may
   * always resize rows and columns; `allowFormatCells` also lets them format cells.
   */
  protect?: boolean | { allowFormatCells: boolean };
  /** The rectangle the spec occupies, e.g. "A1:K40" (for checking it is free before writing). */
  extent?: string;
};

/** Rows and columns of a block. */
export function blockSize(b: Block): { rows: number; cols: number } {
  return { rows: b.cells.length, cols: b.cells.length ? b.cells[0].length : 0 };
}

/**
 * Every cell of a spec by A1 address (the block's kind, value and number format), for tests and
 * for reading back what a builder put where.
 */
export function specCells(
  spec: SheetSpec
): Map<string, { kind: BlockKind; value: CellValue; numberFormat: string | null }> {
  const out = new Map<string, { kind: BlockKind; value: CellValue; numberFormat: string | null }>();
  for (const b of spec.blocks)
    b.cells.forEach((row, i) =>
      row.forEach((value, j) => {
        const f = b.numberFormat;
        const numberFormat = typeof f === "string" ? f : (f?.[i]?.[j] ?? null);
        out.set(cellAddress(b.row + i, b.col + j), { kind: b.kind, value, numberFormat });
      })
    );
  return out;
}
