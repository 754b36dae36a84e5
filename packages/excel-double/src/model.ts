/**
 * The state of the in-memory workbook: sheets with sparse cells, number formats, styles,
 * data validation, conditional formats, charts, tables, protection, names, settings; and the
 * cell-level operations the Excel API proxies (api.ts) apply at sync. HyperFormula is started the
 * first time a formula (or a name) is written, so plain-data workbooks stay fast and small.
 * Browser-safe: no Node APIs.
 */
import type { HyperFormula } from "hyperformula";
import { DetailedCellError } from "hyperformula";
import {
  Area,
  cellAddress,
  fullAddress,
  intersect,
  MAX_COLS,
  MAX_ROWS,
  parseAddress,
  quoteSheetName,
} from "./address";
import { createEngine, excelErrorString } from "./calc";
import { CustomFunctionRegistry } from "./customFunctions";
import {
  DoubleError,
  ErrorMessages,
  invalidArgument,
  invalidOperation,
  itemNotFound,
} from "./errors";
import { Grid } from "./grid";
import { formatValue } from "./numfmt";
import {
  fromEngineFormula,
  MAX_FORMULA_STRING,
  parseTypedDate,
  toEngineFormula,
  tooLongString,
  type DateLocale,
} from "./typed";

/** A formula stored in a cell (its text as written, starting with "="). */
export class Formula {
  constructor(readonly text: string) {}
}
export type Raw = number | string | boolean | Formula;
export type CellValue = number | string | boolean;

export interface BorderStyle {
  style: string;
  color: string;
  weight: string;
}

export interface Style {
  readonly fill: string | null;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly underline: string;
  readonly strikethrough: boolean;
  readonly fontColor: string;
  readonly fontSize: number;
  readonly fontName: string;
  readonly locked: boolean;
  readonly formulaHidden: boolean;
  readonly horizontalAlignment: string;
  readonly verticalAlignment: string;
  readonly wrapText: boolean;
  readonly indentLevel: number;
  readonly borders: Readonly<Record<string, BorderStyle>>;
}

export const DEFAULT_STYLE: Style = Object.freeze({
  fill: null,
  bold: false,
  italic: false,
  underline: "None",
  strikethrough: false,
  fontColor: "#000000",
  fontSize: 11,
  fontName: "Aptos Narrow",
  locked: true,
  formulaHidden: false,
  horizontalAlignment: "General",
  verticalAlignment: "Bottom",
  wrapText: false,
  indentLevel: 0,
  borders: Object.freeze({}),
});

export const STANDARD_WIDTH = 48; // points: Excel's default column (8.43 characters, 64 pixels)
export const STANDARD_HEIGHT = 15;

export interface ValidationRecord {
  rule: Record<string, unknown>;
  type: string;
  errorAlert: { showAlert: boolean; style: string; title: string; message: string };
  prompt: { showPrompt: boolean; title: string; message: string };
  ignoreBlanks: boolean;
}

export interface CfFormat {
  fill: { color: string | null };
  font: {
    bold: boolean | null;
    italic: boolean | null;
    color: string | null;
    strikethrough: boolean | null;
    underline: string | null;
  };
  numberFormat: string | null;
}

export interface ConditionalFormatState {
  id: string;
  type: string;
  sheet: SheetState;
  area: Area;
  priority: number;
  stopIfTrue: boolean;
  /** The type-specific part: { rule, format } for cellValue/custom/textComparison/topBottom/presetCriteria; criteria etc. for scales. */
  detail: Record<string, unknown> & { format?: CfFormat };
}

export interface ChartState {
  id: string;
  name: string;
  sheet: SheetState;
  chartType: string;
  source: { sheet: SheetState; area: Area } | null;
  seriesBy: string;
  title: { text: string; visible: boolean; overlay: boolean };
  legend: { visible: boolean; position: string };
  top: number;
  left: number;
  width: number;
  height: number;
  start: string | null;
  end: string | null;
  axes: Record<
    string,
    {
      title: { text: string; visible: boolean };
      numberFormat: string;
      minimum: number | null;
      maximum: number | null;
      visible: boolean;
    }
  >;
  series: {
    name: string;
    values: string | null;
    xValues: string | null;
    chartType: string | null;
  }[];
  style: number;
}

export interface TableState {
  id: string;
  name: string;
  sheet: SheetState;
  /** The whole table: header row (when shown), data body, totals row (when shown). */
  area: Area;
  showHeaders: boolean;
  showTotals: boolean;
  style: string;
  columns: { id: number; name: string }[];
  nextColumnId: number;
  /** Excel's blank insert row of a header-only table: the first rows.add fills it. */
  emptyInsertRow: boolean;
  showBandedRows: boolean;
  showFilterButton: boolean;
}

export interface ProtectionState {
  protected: boolean;
  options: Record<string, boolean | string>;
  password: string | null;
}

let nextId = 1;
function newId(): string {
  const n = (nextId++).toString(16).toUpperCase().padStart(12, "0");
  return `{00000000-0001-0000-0000-${n}}`;
}

export class SheetState {
  readonly id = newId();
  name: string;
  visibility = "Visible";
  cells = new Grid<Raw>();
  formats = new Grid<string>();
  styles = new Grid<Style>();
  colStyles = new Map<number, Style>();
  rowStyles = new Map<number, Style>();
  colFormats = new Map<number, string>();
  colWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  validations: { area: Area; rec: ValidationRecord | null }[] = [];
  conditionalFormats: ConditionalFormatState[] = [];
  charts: ChartState[] = [];
  protection: ProtectionState = { protected: false, options: {}, password: null };
  freeze = { rows: 0, cols: 0 };
  deleted = false;
  hfId: number | null = null;
  /** Cells holding formulas, for formulaErrors() and refreshes after renames. */
  formulaCells = new Set<number>();
  constructor(name: string) {
    this.name = name;
  }
}

export const cellKey = (row: number, col: number) => row * MAX_COLS + col;
export const keyRow = (key: number) => Math.floor(key / MAX_COLS);
export const keyCol = (key: number) => key % MAX_COLS;

export interface SelectionState {
  sheet: SheetState;
  area: Area;
}

export interface RequestRecord {
  bytes: number;
  responseBytes: number;
  operations: number;
  ok: boolean;
  error?: string;
}

export interface FormulaProblem {
  sheet: string;
  address: string;
  formula: string;
  error: string;
  message: string;
}

const NUMERIC = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?%?$/;

/** How typed text is read: the locale of dates, and where a date's number format goes. */
export interface TypedInput {
  locale?: DateLocale;
  /** Called with the number format Excel gives a cell when text in it was read as a date or time. */
  onDateFormat?: (format: string) => void;
}

/**
 * Parse one input cell as the Excel values/formulas setters do (as if typed: see typed.ts).
 * undefined = leave the cell unchanged. Throws InvalidArgument for a formula Excel refuses (a
 * string constant over 255 characters).
 */
export function parseInput(
  v: unknown,
  textFormat: boolean,
  where: string,
  typed: TypedInput = {}
): Raw | null | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw invalidArgument(where);
    return v;
  }
  if (typeof v === "boolean") return v;
  if (v instanceof Date) throw invalidArgument(where);
  if (typeof v !== "string") throw invalidArgument(where);
  if (v === "") return null;
  if (textFormat) return v;
  if (v.startsWith("'")) return v.slice(1);
  const first = v[0];
  if (first === "=" && v.length > 1) return checkedFormula(v, where);
  const trimmed = v.trim();
  if (trimmed !== "" && /\d/.test(trimmed) && NUMERIC.test(trimmed)) {
    const pct = trimmed.endsWith("%");
    const n = Number(trimmed.replace(/,/g, "").replace("%", ""));
    if (Number.isFinite(n)) return pct ? n / 100 : n;
  }
  if (/^true$/i.test(trimmed)) return true;
  if (/^false$/i.test(trimmed)) return false;
  if (/\d/.test(trimmed)) {
    const date = parseTypedDate(trimmed, typed.locale);
    if (date) {
      typed.onDateFormat?.(date.format);
      return date.serial;
    }
  }
  if ((first === "+" || first === "-") && v.length > 1) return checkedFormula(`=${v}`, where);
  if (first === "@" && v.length > 1) return checkedFormula(`=${v.slice(1)}`, where);
  return v;
}

/** A formula Excel accepts; a string constant over 255 characters is refused (typed.ts). */
function checkedFormula(text: string, where: string): Formula {
  const long = tooLongString(text);
  if (long !== null)
    throw invalidArgument(
      where,
      `Text values in formulas are limited to ${MAX_FORMULA_STRING} characters; this formula has one of ${long.length} ("${long.slice(0, 40)}..."). Put the text in a cell and refer to the cell, or join shorter pieces with &.`
    );
  return new Formula(text);
}

/** Shape check: a 2D array exactly rows x cols, or a scalar (broadcast). */
export function cellInput(
  input: unknown,
  area: Area,
  where: string
): (r: number, c: number) => unknown {
  if (Array.isArray(input)) {
    if (
      input.length !== area.rows ||
      input.some((row) => !Array.isArray(row) || row.length !== area.cols)
    ) {
      throw invalidArgument(where, ErrorMessages.sizeMismatch);
    }
    return (r, c) => (input[r] as unknown[])[c];
  }
  if (input !== null && typeof input === "object") throw invalidArgument(where);
  return () => input;
}

export class Model {
  sheets: SheetState[] = [];
  tables: TableState[] = [];
  settings = new Map<string, unknown>();
  names = new Map<string, { name: string; formula: string; comment: string }>();
  selection: SelectionState | null = null;
  activeSheet: SheetState | null = null;
  engine: HyperFormula | null = null;
  /** How text typed or written as a value is read as a date (day/month in en-GB). */
  dateLocale: DateLocale = "en-GB";
  /** Custom functions registered with the workbook (customFunctions.ts), or null. */
  customFunctions: CustomFunctionRegistry | null = null;
  private suspended = false;
  private tableCounter = 0;
  private chartCounter = 0;

  // ---------------------------------------------------------------- sheets
  findSheet(name: string): SheetState | null {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower) ?? null;
  }

  sheetById(id: string): SheetState | null {
    return this.sheets.find((s) => s.id === id) ?? null;
  }

  requireSheet(name: string): SheetState {
    const s = this.findSheet(name);
    if (!s) throw itemNotFound(`Worksheet '${name}'`);
    return s;
  }

  static validSheetName(name: unknown): name is string {
    return (
      typeof name === "string" &&
      name.length > 0 &&
      name.length <= 31 &&
      !/[\\/?*[\]:]/.test(name) &&
      !name.startsWith("'") &&
      !name.endsWith("'") &&
      name.toLowerCase() !== "history"
    );
  }

  addSheet(name?: string): SheetState {
    let n = name;
    if (n === undefined || n === null || n === "") {
      let i = this.sheets.length + 1;
      while (this.findSheet(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    if (!Model.validSheetName(n))
      throw invalidArgument(
        "WorksheetCollection.add",
        `The sheet name "${String(n)}" is not valid.`
      );
    if (this.findSheet(n))
      throw new DoubleError(
        "ItemAlreadyExists",
        ErrorMessages.itemAlreadyExists,
        "WorksheetCollection.add"
      );
    const sheet = new SheetState(n);
    this.sheets.push(sheet);
    if (this.engine) this.attachSheet(sheet);
    if (!this.activeSheet) {
      this.activeSheet = sheet;
      this.selection = { sheet, area: { row: 0, col: 0, rows: 1, cols: 1 } };
    }
    return sheet;
  }

  renameSheet(sheet: SheetState, name: unknown): void {
    if (!Model.validSheetName(name))
      throw invalidArgument("Worksheet.name", `The sheet name "${String(name)}" is not valid.`);
    const other = this.findSheet(name);
    if (other && other !== sheet)
      throw new DoubleError("ItemAlreadyExists", ErrorMessages.itemAlreadyExists, "Worksheet.name");
    const old = sheet.name;
    sheet.name = name;
    if (this.engine && sheet.hfId !== null) {
      this.resume();
      this.engine.renameSheet(sheet.hfId, name);
      this.refreshFormulaTexts(old);
    }
  }

  deleteSheet(sheet: SheetState): void {
    const visible = this.sheets.filter((s) => s.visibility === "Visible");
    if (this.sheets.length <= 1 || (visible.length === 1 && visible[0] === sheet)) {
      throw invalidOperation(
        "Worksheet.delete",
        "A workbook must contain at least one visible worksheet."
      );
    }
    const idx = this.sheets.indexOf(sheet);
    this.sheets.splice(idx, 1);
    sheet.deleted = true;
    this.tables = this.tables.filter((t) => t.sheet !== sheet);
    if (this.engine && sheet.hfId !== null) {
      this.resume();
      this.engine.removeSheet(sheet.hfId);
      sheet.hfId = null;
      this.refreshFormulaTexts(sheet.name);
    }
    if (this.activeSheet === sheet) {
      const next = this.sheets[Math.min(idx, this.sheets.length - 1)];
      this.activeSheet = next;
      this.selection = { sheet: next, area: { row: 0, col: 0, rows: 1, cols: 1 } };
    }
  }

  moveSheet(sheet: SheetState, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length)
      throw invalidArgument("Worksheet.position");
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(position, 0, sheet);
  }

  activate(sheet: SheetState, area?: Area): void {
    if (sheet.visibility !== "Visible")
      throw invalidOperation("Worksheet.activate", "A hidden worksheet cannot be activated.");
    this.activeSheet = sheet;
    this.selection = {
      sheet,
      area:
        area ??
        (this.selection?.sheet === sheet
          ? this.selection.area
          : { row: 0, col: 0, rows: 1, cols: 1 }),
    };
  }

  // ---------------------------------------------------------------- engine
  private attachSheet(sheet: SheetState): void {
    const hf = this.engine!;
    const name = hf.addSheet(sheet.name);
    sheet.hfId = hf.getSheetId(name)!;
  }

  /** Start HyperFormula and load every sheet into it (the first time a formula or a name is written). */
  ensureEngine(): HyperFormula {
    if (this.engine) return this.engine;
    const hf = createEngine(this.customFunctions ?? undefined);
    this.engine = hf;
    for (const sheet of this.sheets) this.attachSheet(sheet);
    hf.suspendEvaluation();
    this.suspended = true;
    for (const sheet of this.sheets) {
      const b = sheet.cells.bounds();
      if (!b) continue;
      const rows: unknown[][] = [];
      for (let r = 0; r < b.row + b.rows; r++) {
        const row: unknown[] = new Array(b.col + b.cols).fill(null);
        if (r >= b.row)
          for (let c = b.col; c < b.col + b.cols; c++) row[c] = toEngine(sheet.cells.get(r, c));
        rows.push(row);
      }
      hf.setSheetContent(sheet.hfId!, rows as never);
    }
    for (const n of this.names.values()) this.addEngineName(n.name, n.formula);
    return hf;
  }

  private addEngineName(name: string, formula: string): void {
    try {
      this.engine!.addNamedExpression(name, formula.startsWith("=") ? formula : `=${formula}`);
    } catch (e) {
      throw invalidArgument(
        "NamedItemCollection.add",
        `The name "${name}" or its reference is not valid: ${(e as Error).message}`
      );
    }
  }

  private suspend(): void {
    if (this.engine && !this.suspended) {
      this.engine.suspendEvaluation();
      this.suspended = true;
    }
  }

  /** Recalculate (if writes are pending) before any read. */
  resume(): void {
    if (this.engine && this.suspended) {
      this.engine.resumeEvaluation();
      this.suspended = false;
      this.settleSpills();
    }
  }

  /**
   * Start the engine again, e.g. after custom functions were registered (HyperFormula learns a
   * function's name when an engine is built): every sheet and name is loaded into the new one.
   */
  restartEngine(): void {
    if (!this.engine) return;
    this.resume();
    this.engine.destroy();
    this.engine = null;
    this.suspended = false;
    this.ensureEngine();
    this.resume();
  }

  /**
   * Custom-function formulas whose result changed size, and spills that were blocked, are
   * entered again so HyperFormula sizes them afresh: the spill follows the result, and a blocked
   * spill (#SPILL!) spills once its area is clear, as in Excel (customFunctions.ts).
   */
  settleSpills(): void {
    const reg = this.customFunctions;
    const hf = this.engine;
    if (!reg || !hf || reg.anchors.size === 0) return;
    for (let round = 0; round < 5; round++) {
      const again: { key: string; sheet: SheetState; row: number; col: number }[] = [];
      for (const [key, a] of reg.anchors) {
        const sheet = this.sheets.find((s) => s.hfId === a.sheet);
        const raw = sheet?.cells.get(a.row, a.col);
        if (!sheet || !(raw instanceof Formula)) {
          reg.anchors.delete(key);
          reg.resized.delete(key);
          continue;
        }
        const blocked = round === 0 && errorText(hf.getCellValue(a)) === "#SPILL!";
        if (reg.resized.has(key) || blocked || reg.settled.has(key))
          again.push({ key, sheet, row: a.row, col: a.col });
      }
      if (again.length === 0) return;
      for (const { key, sheet, row, col } of again) {
        reg.resized.delete(key);
        this.reenter(sheet, row, col);
      }
    }
  }

  /** Call every custom-function formula again (a full calculation), and settle their spills. */
  recalculateCustomFunctions(): void {
    const reg = this.customFunctions;
    if (!reg || !this.engine) return;
    this.resume();
    for (const a of [...reg.anchors.values()]) {
      const sheet = this.sheets.find((s) => s.hfId === a.sheet);
      if (sheet) this.reenter(sheet, a.row, a.col);
    }
    this.settleSpills();
  }

  /** The areas custom-function results spill into on a sheet (used cells, as in Excel). */
  spillAreas(sheet: SheetState): Area[] {
    const reg = this.customFunctions;
    if (!reg || !this.engine || sheet.hfId === null) return [];
    this.resume();
    const out: Area[] = [];
    for (const a of reg.anchors.values()) {
      if (a.sheet !== sheet.hfId || !a.rows || !a.cols || (a.rows === 1 && a.cols === 1)) continue;
      if (errorText(this.engine.getCellValue(a)) === "#SPILL!") continue;
      out.push({ row: a.row, col: a.col, rows: a.rows, cols: a.cols });
    }
    return out;
  }

  /** Enter a formula cell's formula again (HyperFormula parses and sizes it afresh). */
  reenter(sheet: SheetState, row: number, col: number): void {
    const raw = sheet.cells.get(row, col);
    if (!this.engine || sheet.hfId === null || !(raw instanceof Formula)) return;
    this.engine.setCellContents({ sheet: sheet.hfId, row, col }, [[toEngine(raw)]] as never);
  }

  private refreshFormulaTexts(sheetName: string): void {
    const hf = this.engine;
    if (!hf) return;
    const lower = sheetName.toLowerCase();
    for (const sheet of this.sheets) {
      if (sheet.hfId === null) continue;
      for (const key of sheet.formulaCells) {
        const row = keyRow(key);
        const col = keyCol(key);
        const raw = sheet.cells.get(row, col);
        if (raw instanceof Formula && raw.text.toLowerCase().includes(lower)) {
          const text = hf.getCellFormula({ sheet: sheet.hfId, row, col });
          if (text) sheet.cells.set(row, col, new Formula(fromEngineFormula(text)));
        }
      }
    }
  }

  // ---------------------------------------------------------------- cells: write
  /** Write raw contents (undefined = leave unchanged, null = clear) into a block, keeping the engine in step. */
  writeRaw(
    sheet: SheetState,
    area: Area,
    get: (r: number, c: number) => Raw | null | undefined
  ): void {
    let hasFormula = false;
    for (let r = 0; r < area.rows; r++) {
      for (let c = 0; c < area.cols; c++) {
        const v = get(r, c);
        if (v === undefined) continue;
        const row = area.row + r;
        const col = area.col + c;
        const key = cellKey(row, col);
        if (v instanceof Formula) {
          hasFormula = true;
          sheet.formulaCells.add(key);
        } else if (sheet.formulaCells.size) sheet.formulaCells.delete(key);
        sheet.cells.set(row, col, v === null ? undefined : v);
      }
    }
    if (hasFormula && !this.engine) {
      this.ensureEngine(); // loads the sheet contents just written
      return;
    }
    if (this.engine && sheet.hfId !== null) {
      this.suspend();
      const block: unknown[][] = [];
      for (let r = 0; r < area.rows; r++) {
        const row: unknown[] = new Array(area.cols);
        for (let c = 0; c < area.cols; c++)
          row[c] = toEngine(sheet.cells.get(area.row + r, area.col + c));
        block.push(row);
      }
      this.engine.setCellContents(
        { sheet: sheet.hfId, row: area.row, col: area.col },
        block as never
      );
    }
  }

  /** The values / formulas setters: exact-size 2D array or a scalar broadcast to every cell. */
  writeInput(sheet: SheetState, area: Area, input: unknown, where: string): void {
    const get = cellInput(input, area, where);
    this.checkWritable(sheet, area, where);
    const parsed: (Raw | null | undefined)[][] = [];
    const dateFormats: { row: number; col: number; format: string }[] = [];
    for (let r = 0; r < area.rows; r++) {
      const row: (Raw | null | undefined)[] = new Array(area.cols);
      for (let c = 0; c < area.cols; c++) {
        row[c] = this.parseTyped(sheet, area.row + r, area.col + c, get(r, c), where, dateFormats);
      }
      parsed.push(row);
    }
    this.writeRaw(sheet, area, (r, c) => parsed[r][c]);
    this.applyDateFormats(sheet, dateFormats);
  }

  /** One typed cell (parseInput with this workbook's locale), noting a date's format for the cell. */
  parseTyped(
    sheet: SheetState,
    row: number,
    col: number,
    value: unknown,
    where: string,
    dateFormats: { row: number; col: number; format: string }[]
  ): Raw | null | undefined {
    const format = this.numberFormatAt(sheet, row, col);
    return parseInput(value, format === "@", where, {
      locale: this.dateLocale,
      onDateFormat: (f) => dateFormats.push({ row, col, format: f }),
    });
  }

  /**
   * A cell whose text was read as a date gets a date format unless it already has one
   * ("If not, Microsoft Excel changes the number format to the default short date number
   * format": Range.Formula, see typed.ts).
   */
  applyDateFormats(
    sheet: SheetState,
    dateFormats: readonly { row: number; col: number; format: string }[]
  ): void {
    for (const { row, col, format } of dateFormats) {
      const current = this.numberFormatAt(sheet, row, col);
      if (current === "General" || !/[dmyhs]/i.test(current.replace(/"[^"]*"/g, "")))
        sheet.formats.set(row, col, format);
    }
  }

  writeNumberFormat(sheet: SheetState, area: Area, input: unknown, where: string): void {
    const get = cellInput(input, area, where);
    this.checkFormattable(sheet, where);
    if (area.rows === MAX_ROWS && !Array.isArray(input)) {
      for (let c = area.col; c < area.col + area.cols; c++) sheet.colFormats.set(c, String(input));
      sheet.formats.clearArea(area);
      return;
    }
    for (let r = 0; r < area.rows; r++) {
      for (let c = 0; c < area.cols; c++) {
        const v = get(r, c);
        if (v === null || v === undefined) continue;
        if (typeof v !== "string" && typeof v !== "number") throw invalidArgument(where);
        const f = String(v);
        sheet.formats.set(area.row + r, area.col + c, f === "General" ? undefined : f);
      }
    }
  }

  clear(sheet: SheetState, area: Area, applyTo: string, where: string): void {
    const what = applyTo || "All";
    if (!["All", "Formats", "Contents", "Hyperlinks", "RemoveHyperlinks"].includes(what))
      throw invalidArgument(where);
    if (what === "All" || what === "Contents") {
      this.checkWritable(sheet, area, where);
      const b = sheet.cells.bounds();
      const target = b ? intersect(area, b) : null;
      if (target) this.writeRaw(sheet, target, () => null);
    }
    if (what === "All" || what === "Formats") {
      this.checkFormattable(sheet, where);
      sheet.formats.clearArea(area);
      sheet.styles.clearArea(area);
      if (area.rows === MAX_ROWS)
        for (let c = area.col; c < area.col + area.cols; c++) {
          sheet.colStyles.delete(c);
          sheet.colFormats.delete(c);
        }
    }
    // "Hyperlinks" and "RemoveHyperlinks": the double keeps no hyperlinks, so there is nothing to remove.
  }

  // ---------------------------------------------------------------- protection checks
  lockedAt(sheet: SheetState, row: number, col: number): boolean {
    return this.styleAt(sheet, row, col).locked;
  }

  checkWritable(sheet: SheetState, area: Area, where: string): void {
    if (!sheet.protection.protected) return;
    const limitRows = Math.min(area.rows, 100000);
    for (let r = 0; r < limitRows; r++) {
      for (let c = 0; c < area.cols; c++) {
        if (this.lockedAt(sheet, area.row + r, area.col + c))
          throw invalidOperation(where, ErrorMessages.protectedSheet);
      }
    }
  }

  checkFormattable(sheet: SheetState, where: string, option = "allowFormatCells"): void {
    if (sheet.protection.protected && !sheet.protection.options[option])
      throw invalidOperation(where, ErrorMessages.protectedSheet);
  }

  checkUnprotected(sheet: SheetState, where: string, option?: string): void {
    if (sheet.protection.protected && !(option && sheet.protection.options[option]))
      throw invalidOperation(where, ErrorMessages.protectedSheet);
  }

  // ---------------------------------------------------------------- cells: read
  valueAt(sheet: SheetState, row: number, col: number): CellValue {
    const raw = sheet.cells.get(row, col);
    if (raw === undefined) {
      if (
        this.engine &&
        sheet.hfId !== null &&
        this.engine.isCellPartOfArray({ sheet: sheet.hfId, row, col })
      ) {
        return fromEngine(this.engine.getCellValue({ sheet: sheet.hfId, row, col }));
      }
      return "";
    }
    if (raw instanceof Formula) {
      if (!this.engine || sheet.hfId === null) return "#NAME?";
      this.resume();
      return fromEngine(this.engine.getCellValue({ sheet: sheet.hfId, row, col }));
    }
    return raw;
  }

  /** The message of the error in the area's top-left cell (HyperFormula keeps it), or "". */
  errorMessageAt(sheet: SheetState, area: Area): string {
    if (!this.engine || sheet.hfId === null) return "";
    this.resume();
    const v = this.engine.getCellValue({ sheet: sheet.hfId, row: area.row, col: area.col });
    return v instanceof DetailedCellError ? v.message : "";
  }

  readBlock<T>(sheet: SheetState, area: Area, fn: (row: number, col: number) => T): T[][] {
    this.resume();
    const out: T[][] = new Array(area.rows);
    for (let r = 0; r < area.rows; r++) {
      const row: T[] = new Array(area.cols);
      for (let c = 0; c < area.cols; c++) row[c] = fn(area.row + r, area.col + c);
      out[r] = row;
    }
    return out;
  }

  readValues(sheet: SheetState, area: Area): CellValue[][] {
    return this.readBlock(sheet, area, (r, c) => this.valueAt(sheet, r, c));
  }

  formulaAt(sheet: SheetState, row: number, col: number): CellValue {
    const raw = sheet.cells.get(row, col);
    if (raw === undefined) return "";
    if (raw instanceof Formula) return raw.text;
    return raw;
  }

  readFormulas(sheet: SheetState, area: Area): CellValue[][] {
    return this.readBlock(sheet, area, (r, c) => this.formulaAt(sheet, r, c));
  }

  numberFormatAt(sheet: SheetState, row: number, col: number): string {
    return sheet.formats.get(row, col) ?? sheet.colFormats.get(col) ?? "General";
  }

  readNumberFormats(sheet: SheetState, area: Area): string[][] {
    return this.readBlock(sheet, area, (r, c) => this.numberFormatAt(sheet, r, c));
  }

  readText(sheet: SheetState, area: Area): string[][] {
    return this.readBlock(sheet, area, (r, c) =>
      formatValue(this.valueAt(sheet, r, c), this.numberFormatAt(sheet, r, c))
    );
  }

  readValueTypes(sheet: SheetState, area: Area): string[][] {
    return this.readBlock(sheet, area, (r, c) => {
      const v = this.valueAt(sheet, r, c);
      if (v === "" && sheet.cells.get(r, c) === undefined) return "Empty";
      if (typeof v === "number") return "Double";
      if (typeof v === "boolean") return "Boolean";
      if (typeof v === "string" && isErrorValue(v) && sheet.cells.get(r, c) instanceof Formula)
        return "Error";
      return v === "" ? "Empty" : "String";
    });
  }

  // ---------------------------------------------------------------- styles
  styleAt(sheet: SheetState, row: number, col: number): Style {
    return (
      sheet.styles.get(row, col) ??
      sheet.rowStyles.get(row) ??
      sheet.colStyles.get(col) ??
      DEFAULT_STYLE
    );
  }

  /** Apply a style change to every cell of the area (whole columns/rows are stored per column/row). */
  updateStyle(
    sheet: SheetState,
    area: Area,
    patch: (s: Style) => Style,
    where: string,
    option = "allowFormatCells"
  ): void {
    this.checkFormattable(sheet, where, option);
    const cache = new Map<Style, Style>();
    const next = (s: Style) => {
      let n = cache.get(s);
      if (!n) {
        n = Object.freeze(patch(s));
        cache.set(s, n);
      }
      return n;
    };
    if (area.rows === MAX_ROWS) {
      for (let c = area.col; c < area.col + area.cols; c++)
        sheet.colStyles.set(c, next(sheet.colStyles.get(c) ?? DEFAULT_STYLE));
      sheet.styles.forEach((s, r, c) => sheet.styles.set(r, c, next(s)), area);
      return;
    }
    if (area.cols === MAX_COLS) {
      for (let r = area.row; r < area.row + area.rows; r++)
        sheet.rowStyles.set(r, next(sheet.rowStyles.get(r) ?? DEFAULT_STYLE));
      sheet.styles.forEach((s, r, c) => sheet.styles.set(r, c, next(s)), area);
      return;
    }
    for (let r = area.row; r < area.row + area.rows; r++) {
      for (let c = area.col; c < area.col + area.cols; c++)
        sheet.styles.set(r, c, next(this.styleAt(sheet, r, c)));
    }
  }

  /** A style property over an area: the common value, or null when cells differ (as Excel reports). */
  styleProperty<K extends keyof Style>(sheet: SheetState, area: Area, key: K): Style[K] | null {
    const c = this.styleCommon(sheet, area, key);
    return c.same ? c.value : null;
  }

  /** Whether every cell of the area (up to 2,000 x 200 checked) has the same style value. */
  styleCommon<K extends keyof Style>(
    sheet: SheetState,
    area: Area,
    key: K
  ): { same: boolean; value: Style[K] } {
    const first = this.styleAt(sheet, area.row, area.col)[key];
    const rows = Math.min(area.rows, 2000);
    const cols = Math.min(area.cols, 200);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        if (this.styleAt(sheet, area.row + r, area.col + c)[key] !== first)
          return { same: false, value: first };
      }
    }
    return { same: true, value: first };
  }

  // ---------------------------------------------------------------- extents
  usedArea(sheet: SheetState, valuesOnly: boolean): Area | null {
    const boxes = [sheet.cells.bounds(), ...this.spillAreas(sheet)];
    if (!valuesOnly) boxes.push(sheet.formats.bounds(), sheet.styles.bounds());
    let out: Area | null = null;
    for (const b of boxes) {
      if (!b) continue;
      if (!out) out = { ...b };
      else {
        const r0 = Math.min(out.row, b.row);
        const c0 = Math.min(out.col, b.col);
        const r1 = Math.max(out.row + out.rows, b.row + b.rows);
        const c1 = Math.max(out.col + out.cols, b.col + b.cols);
        out = { row: r0, col: c0, rows: r1 - r0, cols: c1 - c0 };
      }
    }
    return out;
  }

  /** Excel's current region (Ctrl+*): grow the area while any neighbouring cell (incl. diagonals) holds content. */
  surroundingRegion(sheet: SheetState, area: Area): Area {
    let r0 = area.row;
    let c0 = area.col;
    let r1 = area.row + area.rows - 1;
    let c1 = area.col + area.cols - 1;
    const filled = (r: number, c: number) =>
      r >= 0 && c >= 0 && r < MAX_ROWS && c < MAX_COLS && sheet.cells.get(r, c) !== undefined;
    const rowHas = (r: number, from: number, to: number) => {
      for (let c = Math.max(0, from); c <= Math.min(MAX_COLS - 1, to); c++)
        if (filled(r, c)) return true;
      return false;
    };
    const colHas = (c: number, from: number, to: number) => {
      for (let r = Math.max(0, from); r <= Math.min(MAX_ROWS - 1, to); r++)
        if (filled(r, c)) return true;
      return false;
    };
    let changed = true;
    while (changed) {
      changed = false;
      // Rows grow as far as they go before columns are looked at again (same fixpoint, linear time).
      while (r0 > 0 && rowHas(r0 - 1, c0 - 1, c1 + 1)) {
        r0--;
        changed = true;
      }
      while (r1 < MAX_ROWS - 1 && rowHas(r1 + 1, c0 - 1, c1 + 1)) {
        r1++;
        changed = true;
      }
      if (c0 > 0 && colHas(c0 - 1, r0 - 1, r1 + 1)) {
        c0--;
        changed = true;
      }
      if (c1 < MAX_COLS - 1 && colHas(c1 + 1, r0 - 1, r1 + 1)) {
        c1++;
        changed = true;
      }
    }
    // Excel trims the region to the cells with content when the start cell was part of it.
    return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  // ---------------------------------------------------------------- validation
  validationAt(sheet: SheetState, row: number, col: number): ValidationRecord | null {
    for (let i = sheet.validations.length - 1; i >= 0; i--) {
      const v = sheet.validations[i];
      const a = v.area;
      if (row >= a.row && row < a.row + a.rows && col >= a.col && col < a.col + a.cols)
        return v.rec;
    }
    return null;
  }

  setValidation(sheet: SheetState, area: Area, rec: ValidationRecord | null): void {
    // Drop records wholly covered by the new one so the list stays short.
    sheet.validations = sheet.validations.filter(
      (v) =>
        !(
          v.area.row >= area.row &&
          v.area.col >= area.col &&
          v.area.row + v.area.rows <= area.row + area.rows &&
          v.area.col + v.area.cols <= area.col + area.cols
        )
    );
    sheet.validations.push({ area: { ...area }, rec });
  }

  // ---------------------------------------------------------------- tables
  findTable(name: string): TableState | null {
    const lower = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === lower || t.id === name) ?? null;
  }

  nextTableName(): string {
    let n = ++this.tableCounter;
    while (this.findTable(`Table${n}`)) n = ++this.tableCounter;
    return `Table${n}`;
  }

  nextChartName(): string {
    return `Chart ${++this.chartCounter}`;
  }

  static validName(name: unknown): name is string {
    return (
      typeof name === "string" &&
      /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) &&
      !/^[A-Za-z]{1,3}[0-9]+$/.test(name) &&
      !/^[RrCc]$/.test(name) &&
      name.length <= 255
    );
  }

  /** Make header names unique and non-blank as Excel does ("Column1"; duplicates get "2", "3"...). */
  uniqueHeaders(raw: CellValue[], existing: string[] = []): string[] {
    const used = new Set(existing.map((s) => s.toLowerCase()));
    const out: string[] = [];
    raw.forEach((v, i) => {
      let name =
        v === "" || v === null || v === undefined
          ? ""
          : typeof v === "boolean"
            ? v
              ? "TRUE"
              : "FALSE"
            : String(v);
      if (name === "") {
        let n = existing.length + i + 1;
        while (used.has(`column${n}`)) n++;
        name = `Column${n}`;
      } else if (used.has(name.toLowerCase())) {
        let n = 2;
        while (used.has(`${name}${n}`.toLowerCase())) n++;
        name = `${name}${n}`;
      }
      used.add(name.toLowerCase());
      out.push(name);
    });
    return out;
  }

  tableHeaderArea(t: TableState): Area | null {
    return t.showHeaders ? { row: t.area.row, col: t.area.col, rows: 1, cols: t.area.cols } : null;
  }

  tableBodyArea(t: TableState): Area {
    const top = t.area.row + (t.showHeaders ? 1 : 0);
    const rows = t.area.rows - (t.showHeaders ? 1 : 0) - (t.showTotals ? 1 : 0);
    return { row: top, col: t.area.col, rows: Math.max(rows, 0), cols: t.area.cols };
  }

  tableTotalsArea(t: TableState): Area | null {
    return t.showTotals
      ? { row: t.area.row + t.area.rows - 1, col: t.area.col, rows: 1, cols: t.area.cols }
      : null;
  }

  writeHeaders(t: TableState): void {
    const h = this.tableHeaderArea(t);
    if (h) this.writeRaw(t.sheet, h, (_r, c) => t.columns[c].name);
  }

  // ---------------------------------------------------------------- names and addresses
  addressOf(sheet: SheetState, area: Area): string {
    return fullAddress(sheet.name, area);
  }

  /** Resolve "Sheet!A1:B2" or a defined name to a sheet and area. */
  resolveReference(
    ref: string,
    defaultSheet: SheetState | null
  ): { sheet: SheetState; area: Area } {
    const text = ref.startsWith("=") ? ref.slice(1) : ref;
    const named = this.names.get(text.toLowerCase());
    if (named) return this.resolveReference(named.formula, defaultSheet);
    const p = parseAddress(text);
    const sheet = p.sheet ? this.requireSheet(p.sheet) : defaultSheet;
    if (!sheet) throw invalidArgument("reference");
    return { sheet, area: { row: p.row, col: p.col, rows: p.rows, cols: p.cols } };
  }

  addName(name: string, reference: string, comment: string): void {
    if (!Model.validName(name))
      throw invalidArgument("NamedItemCollection.add", `The name "${name}" is not valid.`);
    if (this.names.has(name.toLowerCase()))
      throw new DoubleError(
        "ItemAlreadyExists",
        ErrorMessages.itemAlreadyExists,
        "NamedItemCollection.add"
      );
    const formula = reference.startsWith("=") ? reference : `=${reference}`;
    this.ensureEngine();
    this.resume();
    this.addEngineName(name, formula);
    this.names.set(name.toLowerCase(), { name, formula, comment });
  }

  deleteName(name: string): void {
    const n = this.names.get(name.toLowerCase());
    if (!n) throw itemNotFound(`NamedItem '${name}'`);
    this.names.delete(name.toLowerCase());
    if (this.engine) {
      this.resume();
      this.engine.removeNamedExpression(n.name);
    }
  }

  // ---------------------------------------------------------------- diagnostics
  formulaProblems(): FormulaProblem[] {
    const out: FormulaProblem[] = [];
    const hf = this.engine;
    if (!hf) return out;
    this.resume();
    for (const sheet of this.sheets) {
      if (sheet.hfId === null) continue;
      for (const key of sheet.formulaCells) {
        const row = keyRow(key);
        const col = keyCol(key);
        const raw = sheet.cells.get(row, col);
        if (!(raw instanceof Formula)) continue;
        const v = hf.getCellValue({ sheet: sheet.hfId, row, col });
        if (
          v instanceof DetailedCellError &&
          (v.type === "NAME" || v.type === "ERROR" || v.type === "CYCLE" || v.type === "LIC")
        ) {
          out.push({
            sheet: sheet.name,
            address: `${quoteSheetName(sheet.name)}!${cellAddress(row, col)}`,
            formula: raw.text,
            error: v.type === "ERROR" ? "#PARSE!" : v.value,
            message: v.message,
          });
        }
      }
    }
    return out;
  }
}

/** The double's cells to HyperFormula contents: text always goes in as text (leading apostrophe). */
export function toEngine(raw: Raw | undefined): unknown {
  if (raw === undefined) return null;
  if (raw instanceof Formula) return toEngineFormula(raw.text);
  if (typeof raw === "string") return `'${raw}`;
  return raw;
}

/** The error text of an engine value ("#SPILL!"), or "" for anything else. */
function errorText(v: unknown): string {
  return v instanceof DetailedCellError ? v.value : "";
}

export function isErrorValue(v: unknown): boolean {
  return (
    typeof v === "string" &&
    /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|CYCLE!|ERROR!|BUSY!|BLOCKED!|CONNECT!|FIELD!|UNKNOWN!|LIC!)$/.test(
      v
    )
  );
}

export function fromEngine(v: unknown): CellValue {
  if (v === null || v === undefined) return 0; // a formula pointing at an empty cell shows 0, as in Excel
  if (v instanceof DetailedCellError) return excelErrorString(v.value);
  // Excel's precision: 15 significant digits (so 0.1+0.2 reads 0.3, and large sums keep their pence).
  if (typeof v === "number") return Number.isFinite(v) ? Number(v.toPrecision(15)) : "#NUM!";
  if (typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}
