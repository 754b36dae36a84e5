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

/** One series of a chart, its values read from the workbook now. */
export interface ChartSeriesView {
  name: string;
  /** One per category; null where the cell is empty or not a number (nothing drawn). */
  values: (number | null)[];
}

/** A chart the add-in created, as the preview draws it (see Chart.tsx). */
export interface ChartView {
  name: string;
  /** Excel's chart type ("ColumnStacked", "BarStacked", "Pie" ...). */
  type: string;
  /** The title, "" when hidden. */
  title: string;
  /** The category labels as the cells display them (1, 2, 3 ... when the source has none). */
  categories: string[];
  series: ChartSeriesView[];
  legend: { visible: boolean; position: string };
  /** Axis titles, "" when none is shown. */
  axisTitles: { category: string; value: string };
  /** The number format of the first value cell (Excel's axis labels are "linked to source"). */
  valueFormat: string;
  /** Where it sits: its top-left cell, and its bottom-right cell (inclusive) when set. */
  start: { row: number; col: number };
  end: { row: number; col: number } | null;
  /** Its size in pixels when no bottom-right cell is set. */
  width: number;
  height: number;
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
  /** The charts on a sheet, with their series values as the source cells hold them now. */
  charts(sheet: string): ChartView[];
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
