/** What the preview's grid needs to know about the workbook; implemented over the double in workbookModel.ts. */
import type { Rect } from "./address";

export interface CellView {
  /** What Excel shows: the value under its number format. */
  text: string;
  /** The formula (e.g. "=SUM(B2:B9)") or the constant as typed; "" when empty. */
  formula: string;
  /** Numbers are right-aligned, text left-aligned, as in Excel. */
  kind: "number" | "text" | "boolean" | "error" | "empty";
  /** Background fill (cell fill, or a conditional-format highlight), "#rrggbb". */
  fill?: string;
  /** Font colour set on the cell, "#rrggbb". */
  color?: string;
  bold?: boolean;
  /** For an error: the message behind it (a FUNDING function's explanation), shown on hover. */
  message?: string;
}

export interface SheetView {
  name: string;
  /** The rows and columns that hold anything (the used range), from A1. */
  usedRows: number;
  usedCols: number;
  /** The cells shown, from A1: at most the limits asked for. */
  cells: CellView[][];
  /** Column widths in pixels where the workbook sets them. */
  columnWidths: (number | undefined)[];
}

export interface Selection {
  sheet: string;
  rect: Rect;
}

export interface WorkbookModel {
  sheetNames(): string[];
  activeSheet(): string;
  activate(sheet: string): void;
  sheetView(sheet: string, maxRows: number, maxCols: number): SheetView;
  selection(): Selection;
  select(sheet: string, rect: Rect): void;
  /** Called after anything in the workbook changes (values, formats, sheets, selection). */
  subscribe(listener: () => void): () => void;
  /**
   * Type into cells, as a user does in Excel: each text is read as typed ("=..." a formula,
   * "12" a number, "1/2" a date, "" clears). Returns a problem to show, or null when written.
   */
  type(sheet: string, rect: Rect, texts: string[][]): string | null;
  /** Clear the contents of cells (the Delete key). Returns a problem to show, or null. */
  clear(sheet: string, rect: Rect): string | null;
}
