/**
 * MemoryWorkbook: an in-memory Excel workbook implementing the part of the Excel JavaScript API
 * the add-in uses, for tests and a browser preview. `wb.run(batch)` is Excel.run; the inspection
 * helpers (getValues, getFill, getValidation, ...) read the state directly, outside the API.
 * Browser-safe: no Node APIs.
 */
import { Area, parseAddress } from "./address";
import { WorkbookProxy, passesValidation } from "./api";
import {
  CellValue,
  CfFormat,
  DEFAULT_STYLE,
  FormulaProblem,
  Model,
  RequestRecord,
  SheetState,
  STANDARD_HEIGHT,
  STANDARD_WIDTH,
  Style,
  cellInput,
  fromEngine,
  parseInput,
} from "./model";
import { Host, REQUEST_LIMIT_BYTES, RequestContext } from "./proxy";
import {
  CustomFunctionRegistry,
  type CustomFunctionImplementation,
  type CustomFunctionsMetadata,
  type CustomFunctionsOptions,
} from "./customFunctions";
import { toEngineFormula } from "./typed";

export interface MemoryWorkbookOptions {
  /** Sheets to create up front (default: ["Sheet1"]). Pass [] for none. */
  sheets?: string[];
  /** Request payload limit in bytes (Excel on the web: 5 MB). */
  requestLimitBytes?: number;
  /** Response payload limit in bytes (Excel on the web: 5 MB). */
  responseLimitBytes?: number;
  /**
   * The locale text written as a value is read in: "1/2" is 1 February in "en-GB" (the default)
   * and 2 January in "en-US".
   */
  locale?: "en-GB" | "en-US";
}

export interface ChangeEvent {
  kind: "sync" | "helper";
  syncCount: number;
}

type Listener = (e: ChangeEvent) => void;

/** A conditional format's rule as written through the API (which fields depend on the type). */
export interface ConditionalFormatRule {
  /** Custom: the formula, e.g. '=$M5="Discuss"'. */
  formula?: string | null;
  /** CellValue: operator ("GreaterThan", "Between", ...) and its operands. */
  operator?: string;
  formula1?: string;
  formula2?: string;
  /** ContainsText (textComparison): the text compared with. */
  text?: string;
  /** TopBottom: "TopItems", "BottomPercent", ... and the rank. */
  type?: string;
  rank?: number;
  /** PresetCriteria: the criterion, e.g. "Blanks". */
  criterion?: string;
}

/** The format a conditional format applies: fill colour, font, number format (null: unchanged). */
export type ConditionalFormatStyle = CfFormat;

/** A conditional format as wb.getConditionalFormats reports it. */
export interface ConditionalFormatInfo {
  id: string;
  /** As Excel names it: "CellValue", "Custom", "ContainsText", "TopBottom", "PresetCriteria", "ColorScale", "DataBar", "IconSet". */
  type: string;
  /** The range it applies to, e.g. "Sheet1!B2:B9". */
  address: string;
  priority: number;
  stopIfTrue: boolean;
  /** The rule, or null until one is set (and for colour scales, data bars and icon sets). */
  rule: ConditionalFormatRule | null;
  /** The format applied when the rule holds (null for colour scales, data bars and icon sets). */
  format: ConditionalFormatStyle | null;
  /** Everything the type keeps, as written (criteria of a colour scale, ...). */
  detail: Record<string, unknown>;
}

export class MemoryWorkbook {
  private readonly model = new Model();
  /** What the proxies see of the workbook (proxy.ts): its state, the limits, and where syncs are reported. */
  private readonly host: Host;
  readonly requestLimitBytes: number;
  readonly responseLimitBytes: number;
  /** Number of context.sync() calls (and the implicit final sync of run() when operations were pending). */
  syncCount = 0;
  /** Every request: its size in bytes, response size, number of operations, and whether it failed. */
  requests: RequestRecord[] = [];
  largestRequestBytes = 0;
  private listeners = new Set<Listener>();

  constructor(options: MemoryWorkbookOptions = {}) {
    this.requestLimitBytes = options.requestLimitBytes ?? REQUEST_LIMIT_BYTES;
    this.responseLimitBytes = options.responseLimitBytes ?? REQUEST_LIMIT_BYTES;
    this.model.dateLocale = options.locale ?? "en-GB";
    for (const name of options.sheets ?? ["Sheet1"]) this.model.addSheet(name);
    this.host = {
      model: this.model,
      requestLimitBytes: this.requestLimitBytes,
      responseLimitBytes: this.responseLimitBytes,
      recordSync: (rec) => {
        this.syncCount++;
        this.requests.push(rec);
        if (rec.bytes > this.largestRequestBytes) this.largestRequestBytes = rec.bytes;
      },
      changed: () => this.changed("sync"),
    };
  }

  // ------------------------------------------------------------------ Excel.run
  /** Excel.run: runs the batch with a fresh RequestContext, then syncs anything still queued. */
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const ctx = this.newContext();
    const result = await batch(ctx as unknown as Excel.RequestContext);
    if (ctx._queue.length) await ctx.sync();
    return result;
  }

  /** A RequestContext on this workbook (what `new Excel.RequestContext()` gives). */
  createContext(): Excel.RequestContext {
    return this.newContext() as unknown as Excel.RequestContext;
  }

  private newContext(): RequestContext {
    return new RequestContext(
      this.host,
      (ctx) => new WorkbookProxy(ctx, () => this.model, "workbook")
    );
  }

  resetCounters(): void {
    this.syncCount = 0;
    this.requests = [];
    this.largestRequestBytes = 0;
  }

  // ------------------------------------------------------------------ change notifications
  /** Called after every sync that carried operations and after helper writes. Returns an unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(kind: "sync" | "helper"): void {
    for (const l of [...this.listeners]) l({ kind, syncCount: this.syncCount });
  }

  // ------------------------------------------------------------------ helpers outside the API
  private sheet(name: string): SheetState {
    return this.model.requireSheet(name);
  }

  private area(address: string): Area {
    const p = parseAddress(address);
    return { row: p.row, col: p.col, rows: p.rows, cols: p.cols };
  }

  addSheet(name: string): void {
    this.model.addSheet(name);
    this.changed("helper");
  }

  sheetNames(): string[] {
    return this.model.sheets.map((s) => s.name);
  }

  /** Write values (and formulas, strings starting with "=") as a user typing them; the array must match the address. */
  setCells(sheet: string, address: string, values: unknown[][] | unknown): void {
    const s = this.sheet(sheet);
    const a = this.area(address);
    const get = cellInput(values, a, "setCells");
    const dateFormats: { row: number; col: number; format: string }[] = [];
    const parsed = Array.from({ length: a.rows }, (_, r) =>
      Array.from({ length: a.cols }, (_, c) =>
        this.model.parseTyped(s, a.row + r, a.col + c, get(r, c), "setCells", dateFormats)
      )
    );
    this.model.writeRaw(s, a, (r, c) => parsed[r][c]);
    this.model.applyDateFormats(s, dateFormats);
    this.model.resume();
    this.changed("helper");
  }

  /** Computed values (formulas evaluated): numbers, strings, booleans, "" for empty, "#DIV/0!"-style errors. */
  getValues(sheet: string, address: string): CellValue[][] {
    return this.model.readValues(this.sheet(sheet), this.area(address));
  }

  /** Formula text for formula cells, the value otherwise. */
  getFormulas(sheet: string, address: string): CellValue[][] {
    return this.model.readFormulas(this.sheet(sheet), this.area(address));
  }

  getNumberFormats(sheet: string, address: string): string[][] {
    return this.model.readNumberFormats(this.sheet(sheet), this.area(address));
  }

  /** The displayed text (number formats applied). */
  getText(sheet: string, address: string): string[][] {
    return this.model.readText(this.sheet(sheet), this.area(address));
  }

  setNumberFormats(sheet: string, address: string, formats: unknown[][] | string): void {
    this.model.writeNumberFormat(
      this.sheet(sheet),
      this.area(address),
      formats,
      "setNumberFormats"
    );
    this.changed("helper");
  }

  private styles<K extends keyof Style>(sheet: string, address: string, key: K): Style[K][][] {
    const s = this.sheet(sheet);
    return this.model.readBlock(s, this.area(address), (r, c) => this.model.styleAt(s, r, c)[key]);
  }

  /** Fill colours ("#RRGGBB"), null where there is no fill. */
  getFill(sheet: string, address: string): (string | null)[][] {
    return this.styles(sheet, address, "fill");
  }

  getBold(sheet: string, address: string): boolean[][] {
    return this.styles(sheet, address, "bold");
  }

  getFontColor(sheet: string, address: string): string[][] {
    return this.styles(sheet, address, "fontColor");
  }

  /** Cell protection flags (true = locked, Excel's default). */
  getLocked(sheet: string, address: string): boolean[][] {
    return this.styles(sheet, address, "locked");
  }

  /** Every style property of one cell plus its number format. */
  getCellFormat(
    sheet: string,
    address: string
  ): Style & { numberFormat: string; columnWidth: number; rowHeight: number } {
    const s = this.sheet(sheet);
    const a = this.area(address);
    return {
      ...(this.model.styleAt(s, a.row, a.col) ?? DEFAULT_STYLE),
      numberFormat: this.model.numberFormatAt(s, a.row, a.col),
      columnWidth: s.colWidths.get(a.col) ?? STANDARD_WIDTH,
      rowHeight: s.rowHeights.get(a.row) ?? STANDARD_HEIGHT,
    };
  }

  getColumnWidth(sheet: string, column: string | number): number {
    const s = this.sheet(sheet);
    const col = typeof column === "number" ? column : parseAddress(`${column}1`).col;
    return s.colWidths.get(col) ?? STANDARD_WIDTH;
  }

  /** The data validation of one cell: { type, rule, errorAlert, prompt, ignoreBlanks }, or null. */
  getValidation(sheet: string, address: string) {
    const s = this.sheet(sheet);
    const a = this.area(address);
    const rec = this.model.validationAt(s, a.row, a.col);
    return rec ? copy(rec) : null;
  }

  /** Whether a value typed into the cell would pass its data validation (true when there is none). */
  isValidInput(sheet: string, address: string, value: unknown): boolean {
    const s = this.sheet(sheet);
    const a = this.area(address);
    const rec = this.model.validationAt(s, a.row, a.col);
    if (!rec) return true;
    return passesValidation(
      this.model,
      s,
      rec,
      parseInput(value, false, "isValidInput", { locale: this.model.dateLocale }) ?? ""
    );
  }

  /** Conditional formats on a sheet, highest priority first. */
  getConditionalFormats(sheet: string): ConditionalFormatInfo[] {
    const s = this.sheet(sheet);
    return [...s.conditionalFormats]
      .sort((a, b) => a.priority - b.priority)
      .map((cf) => ({
        id: cf.id,
        type: cf.type,
        address: this.model.addressOf(s, cf.area),
        priority: cf.priority,
        stopIfTrue: cf.stopIfTrue,
        rule: copy((cf.detail.rule as ConditionalFormatRule | undefined) ?? null),
        format: copy(cf.detail.format ?? null),
        detail: copy(cf.detail),
      }));
  }

  getCharts(sheet: string) {
    const s = this.sheet(sheet);
    return s.charts.map((c) => ({
      name: c.name,
      chartType: c.chartType,
      source: c.source ? this.model.addressOf(c.source.sheet, c.source.area) : null,
      seriesBy: c.seriesBy,
      title: c.title.text,
      titleVisible: c.title.visible,
      legend: { ...c.legend },
      position: {
        start: c.start,
        end: c.end,
        top: c.top,
        left: c.left,
        width: c.width,
        height: c.height,
      },
      axes: copy(c.axes),
      series: c.series.map((x) => ({ ...x })),
    }));
  }

  /** Tables in the workbook (or on one sheet) with their address and header names. */
  getTables(sheet?: string) {
    return this.model.tables
      .filter((t) => !sheet || t.sheet.name.toLowerCase() === sheet.toLowerCase())
      .map((t) => ({
        name: t.name,
        sheet: t.sheet.name,
        address: this.model.addressOf(t.sheet, t.area),
        headers: t.columns.map((c) => c.name),
        showHeaders: t.showHeaders,
        showTotals: t.showTotals,
        style: t.style,
        rowCount: t.emptyInsertRow ? 0 : this.model.tableBodyArea(t).rows,
      }));
  }

  isProtected(sheet: string): boolean {
    return this.sheet(sheet).protection.protected;
  }

  getProtection(sheet: string): {
    protected: boolean;
    options: Record<string, boolean | string>;
    hasPassword: boolean;
  } {
    const p = this.sheet(sheet).protection;
    return { protected: p.protected, options: { ...p.options }, hasPassword: !!p.password };
  }

  getFreezePanes(sheet: string): { rows: number; columns: number } {
    const f = this.sheet(sheet).freeze;
    return { rows: f.rows, columns: f.cols };
  }

  getSheetInfo(sheet: string) {
    const s = this.sheet(sheet);
    return {
      name: s.name,
      position: this.model.sheets.indexOf(s),
      visibility: s.visibility,
    };
  }

  getSettings(): Record<string, unknown> {
    return Object.fromEntries([...this.model.settings.entries()].map(([k, v]) => [k, copy(v)]));
  }

  getNames(): { name: string; formula: string; comment: string }[] {
    return [...this.model.names.values()].map((n) => ({
      name: n.name,
      formula: n.formula,
      comment: n.comment,
    }));
  }

  /** The used range's address ("Sheet1!A1:C3"), or null for an empty sheet. */
  usedAddress(sheet: string, valuesOnly = true): string | null {
    const s = this.sheet(sheet);
    const a = this.model.usedArea(s, valuesOnly);
    return a ? this.model.addressOf(s, a) : null;
  }

  /** Make a sheet active and select a range on it. */
  select(sheet: string, address: string): void {
    this.model.activate(this.sheet(sheet), this.area(address));
    this.changed("helper");
  }

  activeSheetName(): string | null {
    return this.model.activeSheet?.name ?? null;
  }

  /** The selection, e.g. "Sheet1!B2:C4". */
  selectedAddress(): string | null {
    const sel = this.model.selection;
    return sel ? this.model.addressOf(sel.sheet, sel.area) : null;
  }

  /** Protect a sheet directly (as a user would), e.g. to test code that must cope with protection. */
  protectSheet(sheet: string, options: Record<string, boolean> = {}, password?: string): void {
    this.sheet(sheet).protection = {
      protected: true,
      options: { ...options },
      password: password ?? null,
    };
  }

  /**
   * Formulas that do not evaluate: unknown functions or names (#NAME?), parse errors (#PARSE!),
   * circular references (#CYCLE!). Generators should assert this is empty.
   */
  formulaErrors(): FormulaProblem[] {
    return this.model.formulaProblems();
  }

  /**
   * Register an add-in's custom functions, as Excel does from its functions.json and
   * CustomFunctions.associate: `=<namespace>.<ID>(...)` then calls `implementations[ID]` with
   * Excel's calling convention (customFunctions.ts). Returns the formula names registered
   * (e.g. "FUNDING.CLASSIFY"). Formulas already in the workbook are calculated again.
   */
  registerCustomFunctions(
    metadata: CustomFunctionsMetadata,
    implementations: Record<string, CustomFunctionImplementation>,
    options: CustomFunctionsOptions
  ): string[] {
    const m = this.model;
    if (!m.customFunctions) {
      const reg = new CustomFunctionRegistry();
      // A Promise settled: enter its formula again so the cell shows the value.
      reg.onSettled = (key) => {
        const a = reg.anchors.get(key);
        const sheet = a && m.sheets.find((sh) => sh.hfId === a.sheet);
        if (!a || !sheet || !m.engine) return;
        m.resume();
        m.reenter(sheet, a.row, a.col);
        m.settleSpills();
        this.changed("helper");
      };
      m.customFunctions = reg;
    }
    const names = m.customFunctions.register(metadata, implementations, options);
    // HyperFormula learns function names when an engine is built.
    m.restartEngine();
    this.changed("helper");
    return names;
  }

  /**
   * The message behind an error a cell shows (e.g. a custom function's CustomFunctions.Error
   * message, which Excel shows in the cell's error menu), or "" when there is none.
   */
  errorMessage(sheet: string, cell: string): string {
    return this.model.errorMessageAt(this.sheet(sheet), this.area(cell));
  }

  /**
   * Evaluate a formula as if it were in a cell of `sheet` (relative references from A1), without
   * writing it: e.g. a conditional format's custom rule, shifted to the cell being drawn.
   * Returns a value, a 2D array for array results, or an error string.
   */
  calculateFormula(sheet: string, formula: string): CellValue | CellValue[][] {
    const s = this.sheet(sheet);
    const hf = this.model.ensureEngine();
    this.model.resume();
    const text = toEngineFormula(formula.startsWith("=") ? formula : `=${formula}`);
    const out = hf.calculateFormula(text, s.hfId!);
    if (Array.isArray(out)) return out.map((row) => row.map((v) => fromEngine(v)));
    return fromEngine(out);
  }
}

/** A deep copy of plain data, so what a helper returns cannot change the workbook. */
function copy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
