/**
 * The Excel JavaScript API objects of the double (Workbook, Worksheet(s), Range, formats, tables,
 * charts, data validation, conditional formats, protection, freeze panes, settings, names).
 * Every method queues an operation applied at context.sync(), in order; errors surface at sync.
 * Browser-safe: no Node APIs.
 */
import {
  Area,
  MAX_COLS,
  MAX_ROWS,
  areaAddress,
  contains,
  intersect,
  parseAddress,
} from "./address";
import {
  DoubleError,
  ErrorMessages,
  invalidArgument,
  invalidOperation,
  itemNotFound,
} from "./errors";
import {
  CfFormat,
  ChartState,
  ConditionalFormatState,
  DEFAULT_STYLE,
  Formula,
  Model,
  SheetState,
  STANDARD_HEIGHT,
  STANDARD_WIDTH,
  Style,
  TableState,
  ValidationRecord,
  cellInput,
  parseInput,
} from "./model";
import { formatValue } from "./numfmt";
import {
  ClientObjectBase,
  ClientResult,
  CollectionBase,
  RequestContext,
  defineProps,
} from "./proxy";

type RT = { sheet: SheetState; area: Area };

function alive(sheet: SheetState, where: string): SheetState {
  if (sheet.deleted) throw itemNotFound(where);
  return sheet;
}

function model(ctx: RequestContext): Model {
  return ctx._host.model;
}

function checkArea(a: Area, where: string): Area {
  if (
    !Number.isInteger(a.row) ||
    !Number.isInteger(a.col) ||
    !Number.isInteger(a.rows) ||
    !Number.isInteger(a.cols)
  )
    throw invalidArgument(where);
  if (
    a.row < 0 ||
    a.col < 0 ||
    a.rows < 1 ||
    a.cols < 1 ||
    a.row + a.rows > MAX_ROWS ||
    a.col + a.cols > MAX_COLS
  )
    throw invalidArgument(where);
  return a;
}

const COLOR_NAMES: Record<string, string> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  blue: "#0000FF",
  yellow: "#FFFF00",
  orange: "#FFA500",
  purple: "#800080",
  gray: "#808080",
  grey: "#808080",
  lightgray: "#D3D3D3",
  lightgrey: "#D3D3D3",
  lightgreen: "#90EE90",
  lightblue: "#ADD8E6",
  pink: "#FFC0CB",
  darkgreen: "#006400",
  darkblue: "#00008B",
  darkred: "#8B0000",
  navy: "#000080",
  teal: "#008080",
  silver: "#C0C0C0",
  maroon: "#800000",
  lime: "#00FF00",
  aqua: "#00FFFF",
  cyan: "#00FFFF",
  magenta: "#FF00FF",
  fuchsia: "#FF00FF",
  olive: "#808000",
  gold: "#FFD700",
  lightyellow: "#FFFFE0",
  darkgray: "#A9A9A9",
  darkgrey: "#A9A9A9",
  brown: "#A52A2A",
  salmon: "#FA8072",
};

/** Colours as Excel reports them: "#RRGGBB" upper case; names and "#RGB" accepted. */
export function normalizeColor(v: unknown, where: string): string {
  if (typeof v !== "string") throw invalidArgument(where);
  const s = v.trim();
  const named = COLOR_NAMES[s.toLowerCase()];
  if (named) return named;
  let m = /^#?([0-9a-fA-F]{6})$/.exec(s);
  if (m) return `#${m[1].toUpperCase()}`;
  m = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/.exec(s);
  if (m) return `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`.toUpperCase();
  throw invalidArgument(where, `${ErrorMessages.invalidArgument} (colour "${s}")`);
}

function oneOf(v: unknown, allowed: string[], where: string): string {
  if (typeof v !== "string" || !allowed.includes(v))
    throw invalidArgument(
      where,
      `${ErrorMessages.invalidArgument} ("${String(v)}" is not one of ${allowed.join(", ")})`
    );
  return v;
}

function bool(v: unknown, where: string): boolean {
  if (typeof v !== "boolean") throw invalidArgument(where);
  return v;
}

function num(v: unknown, where: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw invalidArgument(where);
  return v;
}

// ============================================================================ Workbook

export class WorkbookProxy extends ClientObjectBase<Model> {
  _navNames() {
    return ["worksheets", "tables", "names", "settings", "application", "properties"];
  }
  get worksheets(): WorksheetCollectionProxy {
    return this._nav(
      "worksheets",
      () => new WorksheetCollectionProxy(this._ctx, () => model(this._ctx), "workbook.worksheets")
    );
  }
  get tables(): TableCollectionProxy {
    return this._nav(
      "tables",
      () =>
        new TableCollectionProxy(this._ctx, () => ({ filter: () => true }), "workbook.tables", null)
    );
  }
  get names(): NamedItemCollectionProxy {
    return this._nav(
      "names",
      () => new NamedItemCollectionProxy(this._ctx, () => model(this._ctx), "workbook.names")
    );
  }
  get settings(): SettingCollectionProxy {
    return this._nav(
      "settings",
      () => new SettingCollectionProxy(this._ctx, () => model(this._ctx), "workbook.settings")
    );
  }
  get application(): ApplicationProxy {
    return this._nav(
      "application",
      () => new ApplicationProxy(this._ctx, () => model(this._ctx), "workbook.application")
    );
  }
  get properties(): DocumentPropertiesProxy {
    return this._nav(
      "properties",
      () => new DocumentPropertiesProxy(this._ctx, () => model(this._ctx), "workbook.properties")
    );
  }
  getSelectedRange(): RangeProxy {
    return new RangeProxy(
      this._ctx,
      () => {
        const sel = model(this._ctx).selection;
        if (!sel) throw itemNotFound("Workbook.getSelectedRange");
        return { sheet: sel.sheet, area: { ...sel.area } };
      },
      "workbook.getSelectedRange()"
    );
  }
  getActiveCell(): RangeProxy {
    return new RangeProxy(
      this._ctx,
      () => {
        const sel = model(this._ctx).selection;
        if (!sel) throw itemNotFound("Workbook.getActiveCell");
        return {
          sheet: sel.sheet,
          area: { row: sel.area.row, col: sel.area.col, rows: 1, cols: 1 },
        };
      },
      "workbook.getActiveCell()"
    );
  }
}
defineProps<Model>(WorkbookProxy, "Workbook", {
  name: { get: () => "Book1.xlsx" },
  readOnly: { get: () => false },
});

export class ApplicationProxy extends ClientObjectBase<Model> {
  calculate(calculationType?: string): void {
    this._q("calculate", [calculationType ?? "Full"], (m) => {
      oneOf(
        calculationType ?? "Full",
        ["Recalculate", "Full", "FullRebuild"],
        "Application.calculate"
      );
      m.resume();
    });
  }
  suspendApiCalculationUntilNextSync(): void {
    this._q("suspendApiCalculationUntilNextSync", [], () => undefined);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this._q("suspendScreenUpdatingUntilNextSync", [], () => undefined);
  }
}
defineProps<Model>(ApplicationProxy, "Application", {
  calculationMode: {
    get: (m) => m.calculationMode,
    set: (m, v) =>
      (m.calculationMode = oneOf(
        v,
        ["Automatic", "AutomaticExceptTables", "Manual"],
        "Application.calculationMode"
      )),
  },
  calculationState: { get: () => "Done" },
});

export class DocumentPropertiesProxy extends ClientObjectBase<Model> {}
defineProps<Model>(
  DocumentPropertiesProxy,
  "DocumentProperties",
  Object.fromEntries(
    ["title", "author", "subject", "comments", "keywords", "company", "category", "manager"].map(
      (k) => [
        k,
        {
          get: (m: Model) => m.properties[k],
          set: (m: Model, v: unknown) => (m.properties[k] = String(v)),
        },
      ]
    )
  )
);

// ============================================================================ Worksheets

export class WorksheetCollectionProxy extends CollectionBase<Model, WorksheetProxy> {
  _list(m: Model) {
    return m.sheets;
  }
  _wrap(item: unknown, path: string) {
    return new WorksheetProxy(this._ctx, () => item as SheetState, path);
  }
  add(name?: string): WorksheetProxy {
    let created: SheetState | null = null;
    this._q("add", [name ?? null], (m) => {
      created = m.addSheet(name);
    });
    return new WorksheetProxy(
      this._ctx,
      () => {
        if (!created) throw invalidOperation("WorksheetCollection.add");
        return created;
      },
      `worksheets.add(${JSON.stringify(name ?? "")})`
    );
  }
  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(
      this._ctx,
      () => {
        const m = model(this._ctx);
        const s = m.findSheet(String(key)) ?? m.sheetById(String(key));
        if (!s) throw itemNotFound(`Worksheet '${key}'`);
        return s;
      },
      `worksheets.getItem(${JSON.stringify(key)})`
    );
  }
  getItemOrNullObject(key: string): WorksheetProxy {
    return new WorksheetProxy(
      this._ctx,
      () => {
        const m = model(this._ctx);
        return m.findSheet(String(key)) ?? m.sheetById(String(key));
      },
      `worksheets.getItemOrNullObject(${JSON.stringify(key)})`
    )._checkNull();
  }
  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(
      this._ctx,
      () => {
        const s = model(this._ctx).activeSheet;
        if (!s) throw itemNotFound("Worksheet (active)");
        return s;
      },
      "worksheets.getActiveWorksheet()"
    );
  }
  private pick(which: "first" | "last", visibleOnly?: boolean, orNull = false): WorksheetProxy {
    const proxy = new WorksheetProxy(
      this._ctx,
      () => {
        const list = model(this._ctx).sheets.filter(
          (s) => !visibleOnly || s.visibility === "Visible"
        );
        const s = which === "first" ? list[0] : list[list.length - 1];
        if (!s && !orNull) throw itemNotFound("Worksheet");
        return s ?? null;
      },
      `worksheets.get${which}(${visibleOnly ? "true" : ""})`
    );
    return orNull ? proxy._checkNull() : proxy;
  }
  getFirst(visibleOnly?: boolean): WorksheetProxy {
    return this.pick("first", visibleOnly);
  }
  getLast(visibleOnly?: boolean): WorksheetProxy {
    return this.pick("last", visibleOnly);
  }
  getCount(visibleOnly?: boolean): ClientResult<number> {
    return this._qr(
      "getCount",
      [visibleOnly ?? false],
      (m) => m.sheets.filter((s) => !visibleOnly || s.visibility === "Visible").length
    );
  }
}
defineProps<Model>(WorksheetCollectionProxy, "WorksheetCollection", {});

export class WorksheetProxy extends ClientObjectBase<SheetState> {
  _navNames() {
    return ["tables", "charts", "protection", "freezePanes"];
  }
  _s(): SheetState | null {
    const t = this._t();
    return t === null ? null : alive(t, "Worksheet");
  }
  private range(path: string, make: (s: SheetState) => Area | null, orNull = false): RangeProxy {
    const r = new RangeProxy(
      this._ctx,
      () => {
        const s = this._s();
        if (s === null) return null;
        const a = make(s);
        return a === null ? null : { sheet: s, area: a };
      },
      `${this._path}.${path}`
    );
    return orNull ? r._checkNull() : r;
  }
  get tables(): TableCollectionProxy {
    return this._nav(
      "tables",
      () =>
        new TableCollectionProxy(
          this._ctx,
          this._child("tables", (s) => ({ filter: (t: TableState) => t.sheet === s, sheet: s })),
          `${this._path}.tables`,
          this
        )
    );
  }
  get charts(): ChartCollectionProxy {
    return this._nav(
      "charts",
      () => new ChartCollectionProxy(this._ctx, () => this._s(), `${this._path}.charts`)
    );
  }
  get protection(): WorksheetProtectionProxy {
    return this._nav(
      "protection",
      () => new WorksheetProtectionProxy(this._ctx, () => this._s(), `${this._path}.protection`)
    );
  }
  get freezePanes(): WorksheetFreezePanesProxy {
    return this._nav(
      "freezePanes",
      () => new WorksheetFreezePanesProxy(this._ctx, () => this._s(), `${this._path}.freezePanes`)
    );
  }
  getRange(address?: string): RangeProxy {
    return this.range(`getRange(${JSON.stringify(address ?? "")})`, (s) => {
      if (address === undefined || address === null || address === "")
        return { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS };
      const text = String(address);
      const named = model(this._ctx).names.get(text.toLowerCase());
      if (named) {
        const r = model(this._ctx).resolveReference(named.formula, s);
        if (r.sheet !== s)
          throw invalidArgument(
            "Worksheet.getRange",
            `The name "${text}" refers to another sheet.`
          );
        return r.area;
      }
      const p = parseAddress(text);
      if (p.sheet && p.sheet.toLowerCase() !== s.name.toLowerCase())
        throw invalidArgument("Worksheet.getRange");
      return { row: p.row, col: p.col, rows: p.rows, cols: p.cols };
    });
  }
  getRangeByIndexes(
    startRow: number,
    startColumn: number,
    rowCount: number,
    columnCount: number
  ): RangeProxy {
    return this.range(
      `getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`,
      () =>
        checkArea(
          { row: startRow, col: startColumn, rows: rowCount, cols: columnCount },
          "Worksheet.getRangeByIndexes"
        )
    );
  }
  getCell(row: number, column: number): RangeProxy {
    return this.range(`getCell(${row},${column})`, () =>
      checkArea({ row, col: column, rows: 1, cols: 1 }, "Worksheet.getCell")
    );
  }
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    return this.range(
      `getUsedRange(${valuesOnly ? "true" : ""})`,
      (s) => model(this._ctx).usedArea(s, !!valuesOnly) ?? { row: 0, col: 0, rows: 1, cols: 1 }
    );
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return this.range(
      `getUsedRangeOrNullObject(${valuesOnly ? "true" : ""})`,
      (s) => model(this._ctx).usedArea(s, !!valuesOnly),
      true
    );
  }
  activate(): void {
    this._q("activate", [], (s) => model(this._ctx).activate(alive(s, "Worksheet.activate")));
  }
  delete(): void {
    this._q("delete", [], (s) => model(this._ctx).deleteSheet(alive(s, "Worksheet.delete")));
  }
  calculate(): void {
    this._q("calculate", [], () => model(this._ctx).resume());
  }
  private neighbour(
    step: 1 | -1,
    visibleOnly: boolean | undefined,
    orNull: boolean
  ): WorksheetProxy {
    const p = new WorksheetProxy(
      this._ctx,
      () => {
        const s = this._s();
        if (!s) return null;
        const list = model(this._ctx).sheets.filter(
          (x) => x === s || !visibleOnly || x.visibility === "Visible"
        );
        const n = list[list.indexOf(s) + step] ?? null;
        if (!n && !orNull) throw itemNotFound("Worksheet");
        return n;
      },
      `${this._path}.${step > 0 ? "getNext" : "getPrevious"}()`
    );
    return orNull ? p._checkNull() : p;
  }
  getNext(visibleOnly?: boolean) {
    return this.neighbour(1, visibleOnly, false);
  }
  getNextOrNullObject(visibleOnly?: boolean) {
    return this.neighbour(1, visibleOnly, true);
  }
  getPrevious(visibleOnly?: boolean) {
    return this.neighbour(-1, visibleOnly, false);
  }
  getPreviousOrNullObject(visibleOnly?: boolean) {
    return this.neighbour(-1, visibleOnly, true);
  }
}
defineProps<SheetState>(WorksheetProxy, "Worksheet", {
  name: {
    get: (s) => s.name,
    set: (s, v, self) => model(self._ctx).renameSheet(alive(s, "Worksheet.name"), v),
  },
  id: { get: (s) => s.id },
  position: {
    get: (s, self) => model(self._ctx).sheets.indexOf(s),
    set: (s, v, self) => model(self._ctx).moveSheet(s, num(v, "Worksheet.position")),
  },
  visibility: {
    get: (s) => s.visibility,
    set: (s, v, self) => {
      const vis = oneOf(v, ["Visible", "Hidden", "VeryHidden"], "Worksheet.visibility");
      const m = model(self._ctx);
      if (
        vis !== "Visible" &&
        m.sheets.filter((x) => x.visibility === "Visible" && x !== s).length === 0
      ) {
        throw invalidOperation(
          "Worksheet.visibility",
          "A workbook must contain at least one visible worksheet."
        );
      }
      s.visibility = vis;
      if (vis !== "Visible" && m.activeSheet === s)
        m.activate(m.sheets.find((x) => x.visibility === "Visible")!);
    },
  },
  tabColor: {
    get: (s) => s.tabColor,
    set: (s, v) =>
      (s.tabColor = v === "" || v === null ? "" : normalizeColor(v, "Worksheet.tabColor")),
  },
  showGridlines: {
    get: (s) => s.showGridlines,
    set: (s, v) => (s.showGridlines = bool(v, "Worksheet.showGridlines")),
  },
  standardWidth: {
    get: (s) => s.standardWidth,
    set: (s, v) => (s.standardWidth = num(v, "Worksheet.standardWidth")),
  },
  standardHeight: { get: () => STANDARD_HEIGHT },
});

export class WorksheetProtectionProxy extends ClientObjectBase<SheetState> {
  protect(options?: Record<string, unknown>, password?: string): void {
    this._q("protect", [options ?? null, password ? "***" : null], (s) => {
      if (s.protection.protected)
        throw invalidOperation(
          "WorksheetProtection.protect",
          "The worksheet is already protected."
        );
      const opts: Record<string, boolean | string> = {};
      for (const [k, v] of Object.entries(options ?? {})) {
        if (!PROTECTION_OPTIONS.includes(k))
          throw invalidArgument(
            "WorksheetProtection.protect",
            `${ErrorMessages.invalidArgument} (unknown option "${k}")`
          );
        opts[k] = v as boolean | string;
      }
      s.protection = { protected: true, options: opts, password: password ?? null };
    });
  }
  unprotect(password?: string): void {
    this._q("unprotect", [password ? "***" : null], (s) => {
      if (s.protection.protected && s.protection.password && s.protection.password !== password) {
        throw new DoubleError(
          "InvalidArgument",
          "The password you supplied is not correct.",
          "WorksheetProtection.unprotect"
        );
      }
      s.protection = { protected: false, options: {}, password: null };
    });
  }
  pauseProtection(): void {
    this._q("pauseProtection", [], () => undefined);
  }
}
const PROTECTION_OPTIONS = [
  "allowAutoFilter",
  "allowDeleteColumns",
  "allowDeleteRows",
  "allowEditObjects",
  "allowEditScenarios",
  "allowFormatCells",
  "allowFormatColumns",
  "allowFormatRows",
  "allowInsertColumns",
  "allowInsertHyperlinks",
  "allowInsertRows",
  "allowPivotTables",
  "allowSort",
  "selectionMode",
];
defineProps<SheetState>(WorksheetProtectionProxy, "WorksheetProtection", {
  protected: { get: (s) => s.protection.protected },
  options: {
    get: (s) => ({
      ...Object.fromEntries(
        PROTECTION_OPTIONS.map((k) => [k, k === "selectionMode" ? "Normal" : false])
      ),
      ...s.protection.options,
    }),
  },
  isPasswordProtected: { get: (s) => !!s.protection.password },
});

export class WorksheetFreezePanesProxy extends ClientObjectBase<SheetState> {
  freezeRows(count = 1): void {
    this._q("freezeRows", [count], (s) => {
      s.freeze = { rows: num(count, "WorksheetFreezePanes.freezeRows"), cols: 0 };
    });
  }
  freezeColumns(count = 1): void {
    this._q("freezeColumns", [count], (s) => {
      s.freeze = { rows: 0, cols: num(count, "WorksheetFreezePanes.freezeColumns") };
    });
  }
  freezeAt(frozenRange: RangeProxy | string): void {
    this._q("freezeAt", [frozenRange], (s) => {
      const a =
        typeof frozenRange === "string"
          ? parseAddress(frozenRange)
          : frozenRange._need("WorksheetFreezePanes.freezeAt").area;
      s.freeze = { rows: a.row + a.rows, cols: a.col + a.cols };
    });
  }
  unfreeze(): void {
    this._q("unfreeze", [], (s) => {
      s.freeze = { rows: 0, cols: 0 };
    });
  }
  getLocationOrNullObject(): RangeProxy {
    return new RangeProxy(
      this._ctx,
      () => {
        const s = this._t();
        if (!s || (s.freeze.rows === 0 && s.freeze.cols === 0)) return null;
        const rows = s.freeze.rows || MAX_ROWS;
        const cols = s.freeze.cols || MAX_COLS;
        return { sheet: s, area: { row: 0, col: 0, rows, cols } };
      },
      `${this._path}.getLocationOrNullObject()`
    )._checkNull();
  }
}
defineProps<SheetState>(WorksheetFreezePanesProxy, "WorksheetFreezePanes", {});

// ============================================================================ Range

export class RangeProxy extends ClientObjectBase<RT> {
  _navNames() {
    return ["format", "worksheet", "dataValidation", "conditionalFormats"];
  }
  _need(where: string): RT {
    const t = this._t();
    if (t === null) throw itemNotFound(where);
    alive(t.sheet, where);
    return t;
  }
  private derived(path: string, make: (t: RT) => Area | null, orNull = false): RangeProxy {
    const r = new RangeProxy(
      this._ctx,
      () => {
        const t = this._t();
        if (t === null) return null;
        alive(t.sheet, "Range");
        const a = make(t);
        return a === null
          ? null
          : { sheet: t.sheet, area: checkArea(a, `Range.${path.split("(")[0]}`) };
      },
      `${this._path}.${path}`
    );
    return orNull ? r._checkNull() : r;
  }
  private otherArea(other: RangeProxy | string, t: RT, where: string): Area {
    if (typeof other === "string") {
      const p = parseAddress(other);
      if (p.sheet && p.sheet.toLowerCase() !== t.sheet.name.toLowerCase())
        throw invalidArgument(where);
      return p;
    }
    const o = other._need(where);
    if (o.sheet !== t.sheet) throw invalidArgument(where);
    return o.area;
  }
  get format(): RangeFormatProxy {
    return this._nav(
      "format",
      () => new RangeFormatProxy(this._ctx, () => this._t(), `${this._path}.format`)
    );
  }
  get worksheet(): WorksheetProxy {
    return this._nav(
      "worksheet",
      () =>
        new WorksheetProxy(
          this._ctx,
          this._child("worksheet", (t) => t.sheet),
          `${this._path}.worksheet`
        )
    );
  }
  get dataValidation(): DataValidationProxy {
    return this._nav(
      "dataValidation",
      () => new DataValidationProxy(this._ctx, () => this._t(), `${this._path}.dataValidation`)
    );
  }
  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return this._nav(
      "conditionalFormats",
      () =>
        new ConditionalFormatCollectionProxy(
          this._ctx,
          () => this._t(),
          `${this._path}.conditionalFormats`
        )
    );
  }
  getCell(row: number, column: number) {
    return this.derived(`getCell(${row},${column})`, (t) => ({
      row: t.area.row + row,
      col: t.area.col + column,
      rows: 1,
      cols: 1,
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number) {
    return this.derived(`getOffsetRange(${rowOffset},${columnOffset})`, (t) => ({
      ...t.area,
      row: t.area.row + rowOffset,
      col: t.area.col + columnOffset,
    }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number) {
    return this.derived(`getResizedRange(${deltaRows},${deltaColumns})`, (t) => ({
      ...t.area,
      rows: t.area.rows + deltaRows,
      cols: t.area.cols + deltaColumns,
    }));
  }
  getAbsoluteResizedRange(numRows: number, numColumns: number) {
    return this.derived(`getAbsoluteResizedRange(${numRows},${numColumns})`, (t) => ({
      ...t.area,
      rows: numRows,
      cols: numColumns,
    }));
  }
  getRow(row: number) {
    return this.derived(`getRow(${row})`, (t) => ({
      row: t.area.row + row,
      col: t.area.col,
      rows: 1,
      cols: t.area.cols,
    }));
  }
  getColumn(column: number) {
    return this.derived(`getColumn(${column})`, (t) => ({
      row: t.area.row,
      col: t.area.col + column,
      rows: t.area.rows,
      cols: 1,
    }));
  }
  getRowsAbove(count = 1) {
    return this.derived(`getRowsAbove(${count})`, (t) => ({
      row: t.area.row - count,
      col: t.area.col,
      rows: count,
      cols: t.area.cols,
    }));
  }
  getRowsBelow(count = 1) {
    return this.derived(`getRowsBelow(${count})`, (t) => ({
      row: t.area.row + t.area.rows,
      col: t.area.col,
      rows: count,
      cols: t.area.cols,
    }));
  }
  getColumnsBefore(count = 1) {
    return this.derived(`getColumnsBefore(${count})`, (t) => ({
      row: t.area.row,
      col: t.area.col - count,
      rows: t.area.rows,
      cols: count,
    }));
  }
  getColumnsAfter(count = 1) {
    return this.derived(`getColumnsAfter(${count})`, (t) => ({
      row: t.area.row,
      col: t.area.col + t.area.cols,
      rows: t.area.rows,
      cols: count,
    }));
  }
  getLastRow() {
    return this.derived("getLastRow()", (t) => ({
      row: t.area.row + t.area.rows - 1,
      col: t.area.col,
      rows: 1,
      cols: t.area.cols,
    }));
  }
  getLastColumn() {
    return this.derived("getLastColumn()", (t) => ({
      row: t.area.row,
      col: t.area.col + t.area.cols - 1,
      rows: t.area.rows,
      cols: 1,
    }));
  }
  getLastCell() {
    return this.derived("getLastCell()", (t) => ({
      row: t.area.row + t.area.rows - 1,
      col: t.area.col + t.area.cols - 1,
      rows: 1,
      cols: 1,
    }));
  }
  getEntireColumn() {
    return this.derived("getEntireColumn()", (t) => ({
      row: 0,
      col: t.area.col,
      rows: MAX_ROWS,
      cols: t.area.cols,
    }));
  }
  getEntireRow() {
    return this.derived("getEntireRow()", (t) => ({
      row: t.area.row,
      col: 0,
      rows: t.area.rows,
      cols: MAX_COLS,
    }));
  }
  getSurroundingRegion() {
    return this.derived("getSurroundingRegion()", (t) =>
      model(this._ctx).surroundingRegion(t.sheet, t.area)
    );
  }
  getIntersection(other: RangeProxy | string) {
    return this.derived("getIntersection()", (t) => {
      const i = intersect(t.area, this.otherArea(other, t, "Range.getIntersection"));
      if (!i) throw itemNotFound("Range.getIntersection");
      return i;
    });
  }
  getIntersectionOrNullObject(other: RangeProxy | string) {
    return this.derived(
      "getIntersectionOrNullObject()",
      (t) => intersect(t.area, this.otherArea(other, t, "Range.getIntersectionOrNullObject")),
      true
    );
  }
  getBoundingRect(other: RangeProxy | string) {
    return this.derived("getBoundingRect()", (t) => {
      const o = this.otherArea(other, t, "Range.getBoundingRect");
      const r0 = Math.min(t.area.row, o.row);
      const c0 = Math.min(t.area.col, o.col);
      const r1 = Math.max(t.area.row + t.area.rows, o.row + o.rows);
      const c1 = Math.max(t.area.col + t.area.cols, o.col + o.cols);
      return { row: r0, col: c0, rows: r1 - r0, cols: c1 - c0 };
    });
  }
  getUsedRange(valuesOnly?: boolean) {
    return this.derived("getUsedRange()", (t) => {
      const used = model(this._ctx).usedArea(t.sheet, !!valuesOnly);
      const i = used ? intersect(used, t.area) : null;
      if (!i) throw itemNotFound("Range.getUsedRange");
      return i;
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean) {
    return this.derived(
      "getUsedRangeOrNullObject()",
      (t) => {
        const used = model(this._ctx).usedArea(t.sheet, !!valuesOnly);
        return used ? intersect(used, t.area) : null;
      },
      true
    );
  }
  select(): void {
    this._q("select", [], (t) =>
      model(this._ctx).activate(alive(t.sheet, "Range.select"), { ...t.area })
    );
  }
  clear(applyTo?: string): void {
    this._q("clear", [applyTo ?? "All"], (t) =>
      model(this._ctx).clear(alive(t.sheet, "Range.clear"), t.area, applyTo ?? "All", "Range.clear")
    );
  }
  calculate(): void {
    this._q("calculate", [], () => model(this._ctx).resume());
  }
  merge(across = false): void {
    this._q("merge", [across], (t) => {
      const m = model(this._ctx);
      m.checkFormattable(t.sheet, "Range.merge");
      const blocks = across
        ? Array.from({ length: t.area.rows }, (_, i) => ({
            ...t.area,
            row: t.area.row + i,
            rows: 1,
          }))
        : [t.area];
      for (const b of blocks) {
        t.sheet.merged = t.sheet.merged.filter((x) => !intersect(x, b));
        t.sheet.merged.push(b);
        // Excel keeps only the upper-left value.
        m.writeRaw(t.sheet, b, (r, c) =>
          r === 0 && c === 0
            ? undefined
            : t.sheet.cells.get(b.row + r, b.col + c) === undefined
              ? undefined
              : null
        );
      }
    });
  }
  unmerge(): void {
    this._q("unmerge", [], (t) => {
      t.sheet.merged = t.sheet.merged.filter((x) => !intersect(x, t.area));
    });
  }
  getTables(fullyContained?: boolean): TableCollectionProxy {
    return new TableCollectionProxy(
      this._ctx,
      () => {
        const t = this._need("Range.getTables");
        return {
          filter: (tb: TableState) =>
            tb.sheet === t.sheet &&
            (fullyContained ? contains(t.area, tb.area) : !!intersect(t.area, tb.area)),
        };
      },
      `${this._path}.getTables(${fullyContained ? "true" : ""})`,
      null
    );
  }
  /** Range.delete(shift): removes the cells and moves the others up or left (formula references are not adjusted). */
  delete(shift: string): void {
    this._q("delete", [shift], (t) =>
      shiftCells(model(this._ctx), t, oneOf(shift, ["Up", "Left"], "Range.delete"), "delete")
    );
  }
  /** Range.insert(shift): inserts blank cells, moving the others down or right (formula references are not adjusted). */
  insert(shift: string): RangeProxy {
    this._q("insert", [shift], (t) =>
      shiftCells(model(this._ctx), t, oneOf(shift, ["Down", "Right"], "Range.insert"), "insert")
    );
    return new RangeProxy(this._ctx, () => this._t(), `${this._path}.insert()`);
  }
}

/** Move cells for Range.insert / Range.delete: values, number formats and styles move; formulas keep their text. */
function shiftCells(m: Model, t: RT, shift: string, kind: "insert" | "delete"): void {
  const s = alive(t.sheet, `Range.${kind}`);
  m.checkUnprotected(
    s,
    `Range.${kind}`,
    shift === "Up" || shift === "Down"
      ? kind === "insert"
        ? "allowInsertRows"
        : "allowDeleteRows"
      : kind === "insert"
        ? "allowInsertColumns"
        : "allowDeleteColumns"
  );
  const a = t.area;
  const vertical = shift === "Up" || shift === "Down";
  const delta = (kind === "insert" ? 1 : -1) * (vertical ? a.rows : a.cols);
  const from = vertical
    ? kind === "insert"
      ? a.row
      : a.row + a.rows
    : kind === "insert"
      ? a.col
      : a.col + a.cols;
  const block: Area = vertical
    ? { row: from, col: a.col, rows: MAX_ROWS - from, cols: a.cols }
    : { row: a.row, col: from, rows: a.rows, cols: MAX_COLS - from };
  const used = m.usedArea(s, false);
  const moving = used ? intersect(block, used) : null;
  const snapshot: { r: number; c: number; raw: unknown; fmt?: string; style?: Style }[] = [];
  if (moving) {
    for (let r = moving.row; r < moving.row + moving.rows; r++) {
      for (let c = moving.col; c < moving.col + moving.cols; c++) {
        const raw = s.cells.get(r, c);
        const fmt = s.formats.get(r, c);
        const style = s.styles.get(r, c);
        if (raw !== undefined || fmt !== undefined || style !== undefined)
          snapshot.push({ r, c, raw, fmt, style });
      }
    }
  }
  const clearArea = kind === "insert" ? a : a;
  const wipe: Area[] = [clearArea];
  if (moving) wipe.push(moving);
  for (const w of wipe) {
    const b = s.cells.bounds();
    const i = b ? intersect(w, b) : null;
    if (i) m.writeRaw(s, i, () => null);
    s.formats.clearArea(w);
    s.styles.clearArea(w);
  }
  for (const x of snapshot) {
    const r = vertical ? x.r + delta : x.r;
    const c = vertical ? x.c : x.c + delta;
    if (r < 0 || c < 0 || r >= MAX_ROWS || c >= MAX_COLS) continue;
    if (x.raw !== undefined)
      m.writeRaw(s, { row: r, col: c, rows: 1, cols: 1 }, () => x.raw as never);
    if (x.fmt !== undefined) s.formats.set(r, c, x.fmt);
    if (x.style !== undefined) s.styles.set(r, c, x.style);
  }
}

defineProps<RT>(RangeProxy, "Range", {
  address: { get: (t, self) => model(self._ctx).addressOf(t.sheet, t.area) },
  addressLocal: { get: (t, self) => model(self._ctx).addressOf(t.sheet, t.area) },
  rowIndex: { get: (t) => t.area.row },
  columnIndex: { get: (t) => t.area.col },
  rowCount: { get: (t) => t.area.rows },
  columnCount: { get: (t) => t.area.cols },
  cellCount: { get: (t) => t.area.rows * t.area.cols },
  isEntireColumn: { get: (t) => t.area.rows === MAX_ROWS },
  isEntireRow: { get: (t) => t.area.cols === MAX_COLS },
  values: {
    get: (t, self) => model(self._ctx).readValues(alive(t.sheet, "Range.values"), t.area),
    set: (t, v, self) =>
      model(self._ctx).writeInput(alive(t.sheet, "Range.values"), t.area, v, "Range.values"),
  },
  formulas: {
    get: (t, self) => model(self._ctx).readFormulas(alive(t.sheet, "Range.formulas"), t.area),
    set: (t, v, self) =>
      model(self._ctx).writeInput(alive(t.sheet, "Range.formulas"), t.area, v, "Range.formulas"),
  },
  formulasLocal: {
    get: (t, self) => model(self._ctx).readFormulas(alive(t.sheet, "Range.formulasLocal"), t.area),
    set: (t, v, self) =>
      model(self._ctx).writeInput(
        alive(t.sheet, "Range.formulasLocal"),
        t.area,
        v,
        "Range.formulasLocal"
      ),
  },
  numberFormat: {
    get: (t, self) =>
      model(self._ctx).readNumberFormats(alive(t.sheet, "Range.numberFormat"), t.area),
    set: (t, v, self) =>
      model(self._ctx).writeNumberFormat(
        alive(t.sheet, "Range.numberFormat"),
        t.area,
        v,
        "Range.numberFormat"
      ),
  },
  numberFormatLocal: {
    get: (t, self) =>
      model(self._ctx).readNumberFormats(alive(t.sheet, "Range.numberFormatLocal"), t.area),
    set: (t, v, self) =>
      model(self._ctx).writeNumberFormat(
        alive(t.sheet, "Range.numberFormatLocal"),
        t.area,
        v,
        "Range.numberFormatLocal"
      ),
  },
  text: { get: (t, self) => model(self._ctx).readText(alive(t.sheet, "Range.text"), t.area) },
  valueTypes: {
    get: (t, self) => model(self._ctx).readValueTypes(alive(t.sheet, "Range.valueTypes"), t.area),
  },
  hidden: {
    get: (t) => {
      for (let r = t.area.row; r < t.area.row + Math.min(t.area.rows, 5000); r++)
        if (!t.sheet.hiddenRows.has(r)) {
          for (let c = t.area.col; c < t.area.col + Math.min(t.area.cols, 500); c++)
            if (!t.sheet.hiddenCols.has(c)) return false;
        }
      return true;
    },
  },
  rowHidden: {
    get: (t) => t.sheet.hiddenRows.has(t.area.row),
    set: (t, v, self) => {
      model(self._ctx).checkFormattable(t.sheet, "Range.rowHidden", "allowFormatRows");
      for (let r = t.area.row; r < t.area.row + t.area.rows; r++)
        bool(v, "Range.rowHidden") ? t.sheet.hiddenRows.add(r) : t.sheet.hiddenRows.delete(r);
    },
  },
  columnHidden: {
    get: (t) => t.sheet.hiddenCols.has(t.area.col),
    set: (t, v, self) => {
      model(self._ctx).checkFormattable(t.sheet, "Range.columnHidden", "allowFormatColumns");
      for (let c = t.area.col; c < t.area.col + t.area.cols; c++)
        bool(v, "Range.columnHidden") ? t.sheet.hiddenCols.add(c) : t.sheet.hiddenCols.delete(c);
    },
  },
  hyperlink: {
    get: (t) =>
      t.sheet.hyperlinks.get(areaAddress({ row: t.area.row, col: t.area.col, rows: 1, cols: 1 })) ??
      null,
    set: (t, v, self) => {
      const key = areaAddress({ row: t.area.row, col: t.area.col, rows: 1, cols: 1 });
      if (v === null || v === undefined) {
        t.sheet.hyperlinks.delete(key);
        return;
      }
      if (typeof v !== "object") throw invalidArgument("Range.hyperlink");
      const link = { ...(v as Record<string, string>) };
      t.sheet.hyperlinks.set(key, link);
      const text = link.textToDisplay ?? link.address ?? link.documentReference;
      if (text !== undefined)
        model(self._ctx).writeRaw(t.sheet, { ...t.area, rows: 1, cols: 1 }, () => String(text));
    },
  },
  style: { get: () => "Normal", set: () => undefined },
});

// ============================================================================ Range formats

export class RangeFormatProxy extends ClientObjectBase<RT> {
  _navNames() {
    return ["fill", "font", "protection", "borders"];
  }
  get fill(): RangeFillProxy {
    return this._nav(
      "fill",
      () => new RangeFillProxy(this._ctx, () => this._t(), `${this._path}.fill`)
    );
  }
  get font(): RangeFontProxy {
    return this._nav(
      "font",
      () => new RangeFontProxy(this._ctx, () => this._t(), `${this._path}.font`)
    );
  }
  get protection(): FormatProtectionProxy {
    return this._nav(
      "protection",
      () => new FormatProtectionProxy(this._ctx, () => this._t(), `${this._path}.protection`)
    );
  }
  get borders(): RangeBorderCollectionProxy {
    return this._nav(
      "borders",
      () => new RangeBorderCollectionProxy(this._ctx, () => this._t(), `${this._path}.borders`)
    );
  }
  autofitColumns(): void {
    this._q("autofitColumns", [], (t) => {
      const m = model(this._ctx);
      m.checkFormattable(t.sheet, "RangeFormat.autofitColumns", "allowFormatColumns");
      const used = m.usedArea(t.sheet, true);
      const rows = used ? intersect({ ...t.area, cols: MAX_COLS, col: 0 }, used) : null;
      for (let c = t.area.col; c < t.area.col + Math.min(t.area.cols, 1000); c++) {
        let longest = 0;
        if (rows) {
          for (let r = rows.row; r < rows.row + rows.rows; r++) {
            if (t.sheet.cells.get(r, c) === undefined) continue;
            const text = formatValue(m.valueAt(t.sheet, r, c), m.numberFormatAt(t.sheet, r, c));
            const bold = m.styleAt(t.sheet, r, c).bold ? 1.1 : 1;
            longest = Math.max(longest, text.length * bold);
          }
        }
        if (longest > 0)
          t.sheet.colWidths.set(c, Math.min(409, Math.round((longest * 5.6 + 9) * 4) / 4));
      }
    });
  }
  autofitRows(): void {
    this._q("autofitRows", [], (t) => {
      model(this._ctx).checkFormattable(t.sheet, "RangeFormat.autofitRows", "allowFormatRows");
      for (let r = t.area.row; r < t.area.row + Math.min(t.area.rows, 100000); r++) {
        let lines = 1;
        for (let c = t.area.col; c < t.area.col + Math.min(t.area.cols, 200); c++) {
          const raw = t.sheet.cells.get(r, c);
          if (typeof raw === "string" && model(this._ctx).styleAt(t.sheet, r, c).wrapText) {
            const width = t.sheet.colWidths.get(c) ?? STANDARD_WIDTH;
            lines = Math.max(lines, Math.ceil((raw.length * 5.6) / width), raw.split("\n").length);
          }
        }
        if (lines > 1) t.sheet.rowHeights.set(r, lines * STANDARD_HEIGHT);
        else t.sheet.rowHeights.delete(r);
      }
    });
  }
}

function styleProp<K extends keyof Style>(
  key: K,
  where: string,
  check: (v: unknown) => Style[K],
  option = "allowFormatCells"
) {
  return {
    get: (t: RT, self: ClientObjectBase<RT>) =>
      model(self._ctx).styleProperty(t.sheet, t.area, key),
    set: (t: RT, v: unknown, self: ClientObjectBase<RT>) => {
      const value = check(v);
      model(self._ctx).updateStyle(
        alive(t.sheet, where),
        t.area,
        (s) => ({ ...s, [key]: value }),
        where,
        option
      );
    },
  };
}

defineProps<RT>(RangeFormatProxy, "RangeFormat", {
  columnWidth: {
    get: (t) => {
      const w = t.sheet.colWidths.get(t.area.col) ?? STANDARD_WIDTH;
      for (let c = t.area.col; c < t.area.col + Math.min(t.area.cols, 1000); c++)
        if ((t.sheet.colWidths.get(c) ?? STANDARD_WIDTH) !== w) return null;
      return w;
    },
    set: (t, v, self) => {
      model(self._ctx).checkFormattable(t.sheet, "RangeFormat.columnWidth", "allowFormatColumns");
      const w = num(v, "RangeFormat.columnWidth");
      for (let c = t.area.col; c < t.area.col + t.area.cols; c++) t.sheet.colWidths.set(c, w);
    },
  },
  rowHeight: {
    get: (t) => {
      const h = t.sheet.rowHeights.get(t.area.row) ?? STANDARD_HEIGHT;
      for (let r = t.area.row; r < t.area.row + Math.min(t.area.rows, 10000); r++)
        if ((t.sheet.rowHeights.get(r) ?? STANDARD_HEIGHT) !== h) return null;
      return h;
    },
    set: (t, v, self) => {
      model(self._ctx).checkFormattable(t.sheet, "RangeFormat.rowHeight", "allowFormatRows");
      const h = num(v, "RangeFormat.rowHeight");
      for (let r = t.area.row; r < t.area.row + t.area.rows; r++) t.sheet.rowHeights.set(r, h);
    },
  },
  wrapText: styleProp("wrapText", "RangeFormat.wrapText", (v) => bool(v, "RangeFormat.wrapText")),
  horizontalAlignment: styleProp("horizontalAlignment", "RangeFormat.horizontalAlignment", (v) =>
    oneOf(
      v,
      [
        "General",
        "Left",
        "Center",
        "Right",
        "Fill",
        "Justify",
        "CenterAcrossSelection",
        "Distributed",
      ],
      "RangeFormat.horizontalAlignment"
    )
  ),
  verticalAlignment: styleProp("verticalAlignment", "RangeFormat.verticalAlignment", (v) =>
    oneOf(v, ["Center", "Bottom", "Top", "Justify", "Distributed"], "RangeFormat.verticalAlignment")
  ),
  indentLevel: styleProp("indentLevel", "RangeFormat.indentLevel", (v) =>
    num(v, "RangeFormat.indentLevel")
  ),
});

export class RangeFillProxy extends ClientObjectBase<RT> {
  clear(): void {
    this._q("clear", [], (t) =>
      model(this._ctx).updateStyle(
        alive(t.sheet, "RangeFill.clear"),
        t.area,
        (s) => ({ ...s, fill: null }),
        "RangeFill.clear"
      )
    );
  }
}
defineProps<RT>(RangeFillProxy, "RangeFill", {
  color: {
    get: (t, self) => {
      const c = model(self._ctx).styleCommon(t.sheet, t.area, "fill");
      return c.same ? (c.value ?? "#FFFFFF") : null;
    },
    set: (t, v, self) => {
      const color = v === null || v === "" ? null : normalizeColor(v, "RangeFill.color");
      model(self._ctx).updateStyle(
        alive(t.sheet, "RangeFill.color"),
        t.area,
        (s) => ({ ...s, fill: color }),
        "RangeFill.color"
      );
    },
  },
  pattern: {
    get: (t, self) =>
      model(self._ctx).styleAt(t.sheet, t.area.row, t.area.col).fill ? "Solid" : "None",
    set: () => undefined,
  },
});

export class RangeFontProxy extends ClientObjectBase<RT> {}
defineProps<RT>(RangeFontProxy, "RangeFont", {
  bold: styleProp("bold", "RangeFont.bold", (v) => bool(v, "RangeFont.bold")),
  italic: styleProp("italic", "RangeFont.italic", (v) => bool(v, "RangeFont.italic")),
  strikethrough: styleProp("strikethrough", "RangeFont.strikethrough", (v) =>
    bool(v, "RangeFont.strikethrough")
  ),
  underline: styleProp("underline", "RangeFont.underline", (v) =>
    oneOf(
      v,
      ["None", "Single", "Double", "SingleAccountant", "DoubleAccountant"],
      "RangeFont.underline"
    )
  ),
  color: styleProp("fontColor", "RangeFont.color", (v) => normalizeColor(v, "RangeFont.color")),
  size: styleProp("fontSize", "RangeFont.size", (v) => num(v, "RangeFont.size")),
  name: styleProp("fontName", "RangeFont.name", (v) => String(v)),
});

export class FormatProtectionProxy extends ClientObjectBase<RT> {}
defineProps<RT>(FormatProtectionProxy, "FormatProtection", {
  locked: styleProp("locked", "FormatProtection.locked", (v) => bool(v, "FormatProtection.locked")),
  formulaHidden: styleProp("formulaHidden", "FormatProtection.formulaHidden", (v) =>
    bool(v, "FormatProtection.formulaHidden")
  ),
});

const BORDER_INDEXES = [
  "EdgeTop",
  "EdgeBottom",
  "EdgeLeft",
  "EdgeRight",
  "InsideVertical",
  "InsideHorizontal",
  "DiagonalDown",
  "DiagonalUp",
];

export class RangeBorderCollectionProxy extends CollectionBase<RT, RangeBorderProxy> {
  _list(t: RT) {
    return BORDER_INDEXES.map((side) => ({ ...t, side }));
  }
  _wrap(item: unknown, path: string) {
    return new RangeBorderProxy(this._ctx, () => item as RT & { side: string }, path);
  }
  getItem(index: string): RangeBorderProxy {
    return new RangeBorderProxy(
      this._ctx,
      () => {
        const t = this._t();
        if (!t) return null;
        return { ...t, side: oneOf(index, BORDER_INDEXES, "RangeBorderCollection.getItem") };
      },
      `${this._path}.getItem(${JSON.stringify(index)})`
    );
  }
}
defineProps<RT>(RangeBorderCollectionProxy, "RangeBorderCollection", {
  count: { get: () => BORDER_INDEXES.length },
});

export class RangeBorderProxy extends ClientObjectBase<RT & { side: string }> {}
function borderProp(
  key: "style" | "color" | "weight",
  check: (v: unknown) => string,
  dflt: string
) {
  return {
    get: (t: RT & { side: string }, self: ClientObjectBase<RT & { side: string }>) =>
      model(self._ctx).styleAt(t.sheet, t.area.row, t.area.col).borders[t.side]?.[key] ?? dflt,
    set: (t: RT & { side: string }, v: unknown, self: ClientObjectBase<RT & { side: string }>) => {
      const value = check(v);
      model(self._ctx).updateStyle(
        alive(t.sheet, "RangeBorder"),
        t.area,
        (s) => ({
          ...s,
          borders: {
            ...s.borders,
            [t.side]: {
              ...{ style: "Continuous", color: "#000000", weight: "Thin" },
              ...s.borders[t.side],
              [key]: value,
            },
          },
        }),
        "RangeBorder"
      );
    },
  };
}
defineProps<RT & { side: string }>(RangeBorderProxy, "RangeBorder", {
  sideIndex: { get: (t) => t.side },
  style: borderProp(
    "style",
    (v) =>
      oneOf(
        v,
        ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"],
        "RangeBorder.style"
      ),
    "None"
  ),
  color: borderProp("color", (v) => normalizeColor(v, "RangeBorder.color"), "#000000"),
  weight: borderProp(
    "weight",
    (v) => oneOf(v, ["Hairline", "Thin", "Medium", "Thick"], "RangeBorder.weight"),
    "Thin"
  ),
});

// ============================================================================ Data validation

const DV_TYPES: Record<string, string> = {
  wholeNumber: "WholeNumber",
  decimal: "Decimal",
  textLength: "TextLength",
  date: "Date",
  time: "Time",
  list: "List",
  custom: "Custom",
};
const DV_OPERATORS = [
  "Between",
  "NotBetween",
  "EqualTo",
  "NotEqualTo",
  "GreaterThan",
  "LessThan",
  "GreaterThanOrEqualTo",
  "LessThanOrEqualTo",
];

/** Check a DataValidationRule as Excel does: exactly one rule type, with the fields it needs. */
export function checkValidationRule(rule: unknown): {
  rule: Record<string, unknown>;
  type: string;
} {
  const where = "DataValidation.rule";
  if (!rule || typeof rule !== "object") throw invalidArgument(where);
  const keys = Object.keys(rule).filter(
    (k) =>
      (rule as Record<string, unknown>)[k] !== undefined &&
      (rule as Record<string, unknown>)[k] !== null
  );
  if (keys.length !== 1 || !DV_TYPES[keys[0]])
    throw invalidArgument(
      where,
      `${ErrorMessages.invalidArgument} (a rule needs exactly one of ${Object.keys(DV_TYPES).join(", ")})`
    );
  const key = keys[0];
  const body = (rule as Record<string, Record<string, unknown>>)[key];
  if (!body || typeof body !== "object") throw invalidArgument(where);
  if (key === "list") {
    if (body.source === undefined || body.source === null || body.source === "")
      throw invalidArgument(where, `${ErrorMessages.invalidArgument} (list.source is required)`);
    if (typeof body.source === "string" && body.source.length > 255 && !body.source.startsWith("="))
      throw invalidArgument(
        where,
        `${ErrorMessages.invalidArgument} (a list source is limited to 255 characters)`
      );
  } else if (key === "custom") {
    if (typeof body.formula !== "string" || body.formula === "")
      throw invalidArgument(where, `${ErrorMessages.invalidArgument} (custom.formula is required)`);
  } else {
    oneOf(body.operator, DV_OPERATORS, where);
    if (body.formula1 === undefined || body.formula1 === null || body.formula1 === "")
      throw invalidArgument(
        where,
        `${ErrorMessages.invalidArgument} (${key}.formula1 is required)`
      );
    if (
      (body.operator === "Between" || body.operator === "NotBetween") &&
      (body.formula2 === undefined || body.formula2 === null || body.formula2 === "")
    ) {
      throw invalidArgument(
        where,
        `${ErrorMessages.invalidArgument} (${key}.formula2 is required for ${String(body.operator)})`
      );
    }
  }
  return { rule: JSON.parse(JSON.stringify({ [key]: body })), type: DV_TYPES[key] };
}

function validationOf(t: RT, m: Model): ValidationRecord | null | "mixed" {
  const first = m.validationAt(t.sheet, t.area.row, t.area.col);
  for (let r = t.area.row; r < t.area.row + Math.min(t.area.rows, 2000); r++) {
    for (let c = t.area.col; c < t.area.col + Math.min(t.area.cols, 200); c++)
      if (m.validationAt(t.sheet, r, c) !== first) return "mixed";
  }
  return first;
}

const DEFAULT_ALERT = { showAlert: true, style: "Stop", title: "", message: "" };
const DEFAULT_PROMPT = { showPrompt: false, title: "", message: "" };

export class DataValidationProxy extends ClientObjectBase<RT> {
  clear(): void {
    this._q("clear", [], (t) => {
      const m = model(this._ctx);
      m.checkUnprotected(alive(t.sheet, "DataValidation.clear"), "DataValidation.clear");
      m.setValidation(t.sheet, t.area, null);
    });
  }
}
function updateValidation(
  t: RT,
  self: ClientObjectBase<RT>,
  where: string,
  patch: (rec: ValidationRecord) => ValidationRecord
): void {
  const m = model(self._ctx);
  m.checkUnprotected(alive(t.sheet, where), where);
  const current = validationOf(t, m);
  const base: ValidationRecord =
    current && current !== "mixed"
      ? current
      : {
          rule: {},
          type: "None",
          errorAlert: { ...DEFAULT_ALERT },
          prompt: { ...DEFAULT_PROMPT },
          ignoreBlanks: true,
        };
  m.setValidation(t.sheet, t.area, patch({ ...base }));
}
defineProps<RT>(DataValidationProxy, "DataValidation", {
  rule: {
    get: (t, self) => {
      const v = validationOf(t, model(self._ctx));
      return v === "mixed" ? null : v ? v.rule : {};
    },
    set: (t, v, self) => {
      const checked = checkValidationRule(v);
      updateValidation(t, self, "DataValidation.rule", (rec) => ({ ...rec, ...checked }));
    },
  },
  type: {
    get: (t, self) => {
      const v = validationOf(t, model(self._ctx));
      return v === "mixed" ? "Inconsistent" : v ? v.type : "None";
    },
  },
  errorAlert: {
    get: (t, self) => {
      const v = validationOf(t, model(self._ctx));
      return v === "mixed" ? null : v ? v.errorAlert : { ...DEFAULT_ALERT };
    },
    set: (t, v, self) => {
      if (!v || typeof v !== "object") throw invalidArgument("DataValidation.errorAlert");
      const alert = v as Record<string, unknown>;
      if (alert.style !== undefined)
        oneOf(alert.style, ["Stop", "Warning", "Information"], "DataValidation.errorAlert");
      updateValidation(t, self, "DataValidation.errorAlert", (rec) => ({
        ...rec,
        errorAlert: { ...rec.errorAlert, ...(alert as object) },
      }));
    },
  },
  prompt: {
    get: (t, self) => {
      const v = validationOf(t, model(self._ctx));
      return v === "mixed" ? null : v ? v.prompt : { ...DEFAULT_PROMPT };
    },
    set: (t, v, self) => {
      if (!v || typeof v !== "object") throw invalidArgument("DataValidation.prompt");
      updateValidation(t, self, "DataValidation.prompt", (rec) => ({
        ...rec,
        prompt: { ...rec.prompt, ...(v as object) },
      }));
    },
  },
  ignoreBlanks: {
    get: (t, self) => {
      const v = validationOf(t, model(self._ctx));
      return v === "mixed" ? null : v ? v.ignoreBlanks : true;
    },
    set: (t, v, self) =>
      updateValidation(t, self, "DataValidation.ignoreBlanks", (rec) => ({
        ...rec,
        ignoreBlanks: bool(v, "DataValidation.ignoreBlanks"),
      })),
  },
  valid: {
    get: (t, self) => {
      const m = model(self._ctx);
      for (let r = t.area.row; r < t.area.row + Math.min(t.area.rows, 100000); r++) {
        for (let c = t.area.col; c < t.area.col + t.area.cols; c++) {
          const rec = m.validationAt(t.sheet, r, c);
          if (rec && !passesValidation(m, t.sheet, rec, m.valueAt(t.sheet, r, c))) return false;
        }
      }
      return true;
    },
  },
});

function literal(m: Model, sheet: SheetState, f: unknown): number | null {
  if (typeof f === "number") return f;
  if (typeof f !== "string") return null;
  const text = f.startsWith("=") ? f.slice(1) : f;
  if (text.trim() !== "" && Number.isFinite(Number(text))) return Number(text);
  try {
    const ref = m.resolveReference(text, sheet);
    const v = m.valueAt(ref.sheet, ref.area.row, ref.area.col);
    return typeof v === "number" ? v : null;
  } catch {
    return null;
  }
}

/** Whether a value satisfies a validation rule (for DataValidation.valid and wb.isValidInput). Formulas in rules: numbers and cell references only. */
export function passesValidation(
  m: Model,
  sheet: SheetState,
  rec: ValidationRecord,
  value: unknown
): boolean {
  if (value === "" || value === null || value === undefined) return rec.ignoreBlanks;
  const [key, bodyRaw] = Object.entries(rec.rule)[0] ?? [];
  if (!key) return true;
  const body = bodyRaw as Record<string, unknown>;
  if (key === "list") {
    let options: string[] = [];
    if (typeof body.source === "string" && body.source.startsWith("=")) {
      try {
        const ref = m.resolveReference(body.source, sheet);
        options = m
          .readValues(ref.sheet, ref.area)
          .flat()
          .map((x) => String(x));
      } catch {
        return true;
      }
    } else
      options = String(body.source)
        .split(",")
        .map((s) => s.trim());
    return options.some((o) => o.toLowerCase() === String(value).toLowerCase());
  }
  if (key === "custom") return true;
  const x =
    key === "textLength" ? String(value).length : typeof value === "number" ? value : Number.NaN;
  if (Number.isNaN(x)) return false;
  if (key === "wholeNumber" && !Number.isInteger(x)) return false;
  const a = literal(m, sheet, body.formula1);
  const b = literal(m, sheet, body.formula2);
  if (a === null) return true;
  switch (body.operator) {
    case "Between":
      return b === null || (x >= a && x <= b);
    case "NotBetween":
      return b === null || x < a || x > b;
    case "EqualTo":
      return x === a;
    case "NotEqualTo":
      return x !== a;
    case "GreaterThan":
      return x > a;
    case "LessThan":
      return x < a;
    case "GreaterThanOrEqualTo":
      return x >= a;
    case "LessThanOrEqualTo":
      return x <= a;
    default:
      return true;
  }
}

// ============================================================================ Conditional formats

const CF_TYPES: Record<string, string> = {
  CellValue: "cellValue",
  Custom: "custom",
  TextComparison: "textComparison",
  TopBottom: "topBottom",
  PresetCriteria: "presetCriteria",
  ColorScale: "colorScale",
  DataBar: "dataBar",
  IconSet: "iconSet",
  ContainsText: "textComparison",
};

function emptyCfFormat(): CfFormat {
  return {
    fill: { color: null },
    font: { bold: null, italic: null, color: null, strikethrough: null, underline: null },
    numberFormat: null,
    borders: {},
  };
}

export class ConditionalFormatCollectionProxy extends CollectionBase<RT, ConditionalFormatProxy> {
  _list(t: RT) {
    return t.sheet.conditionalFormats.filter((cf) => intersect(cf.area, t.area));
  }
  _wrap(item: unknown, path: string) {
    return new ConditionalFormatProxy(this._ctx, () => item as ConditionalFormatState, path);
  }
  add(type: string): ConditionalFormatProxy {
    let created: ConditionalFormatState | null = null;
    this._q("add", [type], (t) => {
      const m = model(this._ctx);
      m.checkUnprotected(
        alive(t.sheet, "ConditionalFormatCollection.add"),
        "ConditionalFormatCollection.add"
      );
      oneOf(type, Object.keys(CF_TYPES), "ConditionalFormatCollection.add");
      const detail: ConditionalFormatState["detail"] = {};
      const key = CF_TYPES[type];
      if (["cellValue", "custom", "textComparison", "topBottom", "presetCriteria"].includes(key)) {
        detail.format = emptyCfFormat();
        detail.rule = key === "custom" ? { formula: null } : null;
      } else if (key === "colorScale") detail.criteria = null;
      else if (key === "dataBar")
        Object.assign(detail, {
          barDirection: "Context",
          showDataBarOnly: false,
          positiveFormat: { fillColor: "#638EC6", gradientFill: true },
        });
      else if (key === "iconSet")
        Object.assign(detail, {
          style: "ThreeTrafficLights1",
          reverseIconOrder: false,
          showIconOnly: false,
          criteria: [],
        });
      for (const cf of t.sheet.conditionalFormats) cf.priority++;
      created = {
        id: `${t.sheet.conditionalFormats.length + 1}`,
        type: key === "textComparison" ? "ContainsText" : type,
        sheet: t.sheet,
        area: { ...t.area },
        priority: 0,
        stopIfTrue: false,
        detail,
      };
      created.id = `CF${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
      t.sheet.conditionalFormats.unshift(created);
    });
    return new ConditionalFormatProxy(
      this._ctx,
      () => {
        if (!created) throw invalidOperation("ConditionalFormatCollection.add");
        return created;
      },
      `${this._path}.add(${JSON.stringify(type)})`
    );
  }
  getItem(id: string): ConditionalFormatProxy {
    return new ConditionalFormatProxy(
      this._ctx,
      () => {
        const t = this._t();
        const cf = t?.sheet.conditionalFormats.find((x) => x.id === id);
        if (!cf) throw itemNotFound("ConditionalFormat");
        return cf;
      },
      `${this._path}.getItem(${JSON.stringify(id)})`
    );
  }
  getItemAt(index: number): ConditionalFormatProxy {
    return new ConditionalFormatProxy(
      this._ctx,
      () => {
        const t = this._t();
        const cf = t ? this._list(t)[index] : undefined;
        if (!cf) throw itemNotFound("ConditionalFormat");
        return cf;
      },
      `${this._path}.getItemAt(${index})`
    );
  }
  clearAll(): void {
    this._q("clearAll", [], (t) => {
      model(this._ctx).checkUnprotected(t.sheet, "ConditionalFormatCollection.clearAll");
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter(
        (cf) => !intersect(cf.area, t.area)
      );
    });
  }
}
defineProps<RT>(ConditionalFormatCollectionProxy, "ConditionalFormatCollection", {});

export class ConditionalFormatProxy extends ClientObjectBase<ConditionalFormatState> {
  _navNames() {
    return [
      "cellValue",
      "custom",
      "textComparison",
      "topBottom",
      "presetCriteria",
      "colorScale",
      "dataBar",
      "iconSet",
    ];
  }
  private part(key: string): CfPartProxy {
    return this._nav(
      key,
      () =>
        new CfPartProxy(
          this._ctx,
          () => {
            const cf = this._t();
            if (!cf) return null;
            if (
              CF_TYPES[cf.type] !== key &&
              !(key === "textComparison" && cf.type === "ContainsText")
            ) {
              throw invalidOperation(
                `ConditionalFormat.${key}`,
                `This conditional format is of type ${cf.type}; it has no ${key} part.`
              );
            }
            return { cf, key };
          },
          `${this._path}.${key}`
        )
    );
  }
  get cellValue() {
    return this.part("cellValue");
  }
  get custom() {
    return this.part("custom");
  }
  get textComparison() {
    return this.part("textComparison");
  }
  get topBottom() {
    return this.part("topBottom");
  }
  get presetCriteria() {
    return this.part("presetCriteria");
  }
  get colorScale() {
    return this.part("colorScale");
  }
  get dataBar() {
    return this.part("dataBar");
  }
  get iconSet() {
    return this.part("iconSet");
  }
  getRange(): RangeProxy {
    return new RangeProxy(
      this._ctx,
      this._child("getRange", (cf) => ({ sheet: cf.sheet, area: { ...cf.area } })),
      `${this._path}.getRange()`
    );
  }
  delete(): void {
    this._q("delete", [], (cf) => {
      cf.sheet.conditionalFormats = cf.sheet.conditionalFormats.filter((x) => x !== cf);
    });
  }
}
defineProps<ConditionalFormatState>(ConditionalFormatProxy, "ConditionalFormat", {
  id: { get: (cf) => cf.id },
  type: { get: (cf) => cf.type },
  priority: {
    get: (cf) => cf.priority,
    set: (cf, v) => {
      cf.priority = num(v, "ConditionalFormat.priority");
    },
  },
  stopIfTrue: {
    get: (cf) => cf.stopIfTrue,
    set: (cf, v) => (cf.stopIfTrue = bool(v, "ConditionalFormat.stopIfTrue")),
  },
});

type CfPart = { cf: ConditionalFormatState; key: string };

const CELL_VALUE_OPERATORS = [
  "Between",
  "NotBetween",
  "EqualTo",
  "NotEqualTo",
  "GreaterThan",
  "LessThan",
  "GreaterThanOrEqual",
  "LessThanOrEqual",
];

function checkCfRule(key: string, v: unknown): unknown {
  const where = `ConditionalFormat.${key}.rule`;
  if (!v || typeof v !== "object") throw invalidArgument(where);
  const r = v as Record<string, unknown>;
  if (key === "cellValue") {
    oneOf(r.operator, CELL_VALUE_OPERATORS, where);
    if (r.formula1 === undefined || r.formula1 === "")
      throw invalidArgument(where, `${ErrorMessages.invalidArgument} (formula1 is required)`);
    if (
      (r.operator === "Between" || r.operator === "NotBetween") &&
      (r.formula2 === undefined || r.formula2 === "")
    )
      throw invalidArgument(where, `${ErrorMessages.invalidArgument} (formula2 is required)`);
  } else if (key === "textComparison") {
    oneOf(r.operator, ["Contains", "NotContains", "BeginsWith", "EndsWith"], where);
    if (typeof r.text !== "string") throw invalidArgument(where);
  } else if (key === "topBottom") {
    oneOf(r.type, ["TopItems", "TopPercent", "BottomItems", "BottomPercent"], where);
    num(r.rank, where);
  } else if (key === "presetCriteria") {
    if (typeof r.criterion !== "string") throw invalidArgument(where);
  }
  return JSON.parse(JSON.stringify(v));
}

/** The type-specific part of a conditional format (cellValue, custom, textComparison, ...). */
export class CfPartProxy extends ClientObjectBase<CfPart> {
  _navNames() {
    return ["format", "rule"];
  }
  get format(): CfFormatProxy {
    return this._nav(
      "format",
      () =>
        new CfFormatProxy(
          this._ctx,
          this._child("format", (p) => {
            if (!p.cf.detail.format) throw invalidOperation(`ConditionalFormat.${p.key}.format`);
            return p.cf.detail.format;
          }),
          `${this._path}.format`
        )
    );
  }
  /** For `custom`, rule is an object with `formula`; for the others it is a plain property (see defineProps below). */
  get rule(): unknown {
    if (this._path.endsWith(".custom")) {
      return this._nav(
        "rule",
        () =>
          new CfCustomRuleProxy(
            this._ctx,
            this._child("rule", (p) => p),
            `${this._path}.rule`
          )
      );
    }
    return this._read("rule");
  }
  set rule(v: unknown) {
    if (this._path.endsWith(".custom"))
      throw invalidOperation("ConditionalFormat.custom.rule", "Set custom.rule.formula instead.");
    this._f.rule = v;
    this._q("set:rule", [v], (p) => {
      p.cf.detail.rule = checkCfRule(p.key, v);
    });
  }
}
function detailProp(
  name: string,
  check: (v: unknown) => unknown = (v) => JSON.parse(JSON.stringify(v))
) {
  return {
    get: (p: CfPart) => p.cf.detail[name] ?? null,
    set: (p: CfPart, v: unknown) => {
      p.cf.detail[name] = check(v);
    },
  };
}
defineProps<CfPart>(CfPartProxy, "ConditionalFormatPart", {
  criteria: detailProp("criteria"),
  barDirection: detailProp("barDirection"),
  showDataBarOnly: detailProp("showDataBarOnly"),
  style: detailProp("style"),
  reverseIconOrder: detailProp("reverseIconOrder"),
  showIconOnly: detailProp("showIconOnly"),
});
// `rule` is handled by the accessor above; register it for load().
(CfPartProxy.prototype as unknown as { _propDefs: Record<string, unknown> })._propDefs.rule = {
  get: (p: CfPart) => p.cf.detail.rule ?? null,
  set: (p: CfPart, v: unknown) => {
    p.cf.detail.rule = checkCfRule(p.key, v);
  },
};

export class CfCustomRuleProxy extends ClientObjectBase<CfPart> {}
defineProps<CfPart>(CfCustomRuleProxy, "ConditionalFormatRule", {
  formula: {
    get: (p) => (p.cf.detail.rule as { formula: string | null })?.formula ?? null,
    set: (p, v) => {
      if (typeof v !== "string" || !v.startsWith("="))
        throw invalidArgument(
          "ConditionalFormatRule.formula",
          `${ErrorMessages.invalidArgument} (a formula starting with "=")`
        );
      p.cf.detail.rule = { formula: v };
    },
  },
  formulaLocal: {
    get: (p) => (p.cf.detail.rule as { formula: string | null })?.formula ?? null,
    set: (p, v) => {
      p.cf.detail.rule = { formula: String(v) };
    },
  },
});

export class CfFormatProxy extends ClientObjectBase<CfFormat> {
  _navNames() {
    return ["fill", "font"];
  }
  get fill(): CfFillProxy {
    return this._nav(
      "fill",
      () => new CfFillProxy(this._ctx, () => this._t(), `${this._path}.fill`)
    );
  }
  get font(): CfFontProxy {
    return this._nav(
      "font",
      () => new CfFontProxy(this._ctx, () => this._t(), `${this._path}.font`)
    );
  }
}
defineProps<CfFormat>(CfFormatProxy, "ConditionalRangeFormat", {
  numberFormat: { get: (f) => f.numberFormat, set: (f, v) => (f.numberFormat = String(v)) },
});
export class CfFillProxy extends ClientObjectBase<CfFormat> {
  clear(): void {
    this._q("clear", [], (f) => (f.fill.color = null));
  }
}
defineProps<CfFormat>(CfFillProxy, "ConditionalRangeFill", {
  color: {
    get: (f) => f.fill.color,
    set: (f, v) => (f.fill.color = normalizeColor(v, "ConditionalRangeFill.color")),
  },
});
export class CfFontProxy extends ClientObjectBase<CfFormat> {
  clear(): void {
    this._q("clear", [], (f) => (f.font = emptyCfFormat().font));
  }
}
defineProps<CfFormat>(CfFontProxy, "ConditionalRangeFont", {
  bold: {
    get: (f) => f.font.bold,
    set: (f, v) => (f.font.bold = bool(v, "ConditionalRangeFont.bold")),
  },
  italic: {
    get: (f) => f.font.italic,
    set: (f, v) => (f.font.italic = bool(v, "ConditionalRangeFont.italic")),
  },
  strikethrough: {
    get: (f) => f.font.strikethrough,
    set: (f, v) => (f.font.strikethrough = bool(v, "ConditionalRangeFont.strikethrough")),
  },
  underline: { get: (f) => f.font.underline, set: (f, v) => (f.font.underline = String(v)) },
  color: {
    get: (f) => f.font.color,
    set: (f, v) => (f.font.color = normalizeColor(v, "ConditionalRangeFont.color")),
  },
});

// ============================================================================ Tables

type TableScope = { filter: (t: TableState) => boolean; sheet?: SheetState };

export class TableCollectionProxy extends CollectionBase<TableScope, TableProxy> {
  constructor(
    ctx: RequestContext,
    resolver: () => TableScope | null,
    path: string,
    private readonly owner: WorksheetProxy | null
  ) {
    super(ctx, resolver, path);
  }
  _list(scope: TableScope) {
    return model(this._ctx).tables.filter(scope.filter);
  }
  _wrap(item: unknown, path: string) {
    return new TableProxy(this._ctx, () => item as TableState, path);
  }
  add(address: RangeProxy | string, hasHeaders: boolean): TableProxy {
    let created: TableState | null = null;
    this._q("add", [address, hasHeaders], (scope) => {
      const m = model(this._ctx);
      let sheet: SheetState;
      let area: Area;
      if (typeof address === "string") {
        const p = parseAddress(address);
        const s = p.sheet ? m.requireSheet(p.sheet) : (scope.sheet ?? m.activeSheet);
        if (!s) throw invalidArgument("TableCollection.add");
        sheet = s;
        area = { row: p.row, col: p.col, rows: p.rows, cols: p.cols };
      } else {
        const t = address._need("TableCollection.add");
        sheet = t.sheet;
        area = { ...t.area };
      }
      if (scope.sheet && scope.sheet !== sheet)
        throw invalidArgument("TableCollection.add", "The range is not on this worksheet.");
      created = createTable(m, sheet, area, hasHeaders);
    });
    return new TableProxy(
      this._ctx,
      () => {
        if (!created) throw invalidOperation("TableCollection.add");
        return created;
      },
      `${this._path}.add(${JSON.stringify(typeof address === "string" ? address : address._path)})`
    );
  }
  getItem(key: string): TableProxy {
    return new TableProxy(
      this._ctx,
      () => {
        const scope = this._t();
        const t = model(this._ctx).findTable(String(key));
        if (!t || (scope && !scope.filter(t))) throw itemNotFound(`Table '${key}'`);
        return t;
      },
      `${this._path}.getItem(${JSON.stringify(key)})`
    );
  }
  getItemOrNullObject(key: string): TableProxy {
    return new TableProxy(
      this._ctx,
      () => {
        const scope = this._t();
        const t = model(this._ctx).findTable(String(key));
        return t && (!scope || scope.filter(t)) ? t : null;
      },
      `${this._path}.getItemOrNullObject(${JSON.stringify(key)})`
    )._checkNull();
  }
  getItemAt(index: number): TableProxy {
    return new TableProxy(
      this._ctx,
      () => {
        const scope = this._t();
        const t = scope ? this._list(scope)[index] : undefined;
        if (!t) throw itemNotFound(`Table at ${index}`);
        return t;
      },
      `${this._path}.getItemAt(${index})`
    );
  }
  getFirst(): TableProxy {
    return this.getItemAt(0);
  }
}
defineProps<TableScope>(TableCollectionProxy, "TableCollection", {
  count: { get: (scope, self) => model(self._ctx).tables.filter(scope.filter).length },
});

function createTable(m: Model, sheet: SheetState, areaIn: Area, hasHeaders: boolean): TableState {
  const where = "TableCollection.add";
  alive(sheet, where);
  m.checkUnprotected(sheet, where);
  checkArea(areaIn, where);
  if (areaIn.rows === MAX_ROWS || areaIn.cols === MAX_COLS)
    throw invalidArgument(where, "A table cannot cover whole rows or columns.");
  let area = { ...areaIn };
  if (m.tables.some((t) => t.sheet === sheet && intersect(t.area, area)))
    throw invalidArgument(where, "A table can't overlap another table.");
  if (!hasHeaders) {
    // Excel adds a header row above the data by moving the data down one row.
    const raws = Array.from({ length: area.rows }, (_, r) =>
      Array.from({ length: area.cols }, (_, c) => sheet.cells.get(area.row + r, area.col + c))
    );
    m.writeRaw(sheet, { ...area, row: area.row + 1 }, (r, c) => raws[r][c] ?? null);
    m.writeRaw(sheet, { ...area, rows: 1 }, () => null);
    area = { ...area, rows: area.rows + 1 };
  }
  let emptyInsertRow = false;
  if (area.rows === 1) {
    area = { ...area, rows: 2 }; // a header-only table gets one blank data row
    emptyInsertRow = true;
  }
  const headerValues = hasHeaders
    ? m.readValues(sheet, { ...area, rows: 1 })[0]
    : new Array(area.cols).fill("");
  const names = m.uniqueHeaders(headerValues);
  const table: TableState = {
    id: `${m.tables.length + 1}`,
    name: m.nextTableName(),
    sheet,
    area,
    showHeaders: true,
    showTotals: false,
    style: "TableStyleMedium2",
    columns: names.map((name, i) => ({ id: i + 1, name })),
    nextColumnId: names.length + 1,
    emptyInsertRow,
    showBandedRows: true,
    showFilterButton: true,
  };
  table.id = `{T${Math.random().toString(16).slice(2, 10).toUpperCase()}}`;
  m.tables.push(table);
  m.writeHeaders(table);
  return table;
}

export class TableProxy extends ClientObjectBase<TableState> {
  _navNames() {
    return ["columns", "rows", "worksheet"];
  }
  private t(where: string): TableState {
    const t = this._t();
    if (!t || !model(this._ctx).tables.includes(t)) throw itemNotFound(where);
    return t;
  }
  get columns(): TableColumnCollectionProxy {
    return this._nav(
      "columns",
      () => new TableColumnCollectionProxy(this._ctx, () => this._t(), `${this._path}.columns`)
    );
  }
  get rows(): TableRowCollectionProxy {
    return this._nav(
      "rows",
      () => new TableRowCollectionProxy(this._ctx, () => this._t(), `${this._path}.rows`)
    );
  }
  get worksheet(): WorksheetProxy {
    return this._nav(
      "worksheet",
      () =>
        new WorksheetProxy(
          this._ctx,
          this._child("worksheet", (t) => t.sheet),
          `${this._path}.worksheet`
        )
    );
  }
  private rangeOf(name: string, pick: (t: TableState) => Area | null): RangeProxy {
    return new RangeProxy(
      this._ctx,
      () => {
        if (this._t() === null) return null;
        const t = this.t(`Table.${name}`);
        const a = pick(t);
        if (!a || a.rows < 1)
          throw invalidOperation(`Table.${name}`, "The table has no such range.");
        return { sheet: t.sheet, area: { ...a } };
      },
      `${this._path}.${name}()`
    );
  }
  getRange() {
    return this.rangeOf("getRange", (t) => t.area);
  }
  getHeaderRowRange() {
    return this.rangeOf("getHeaderRowRange", (t) => model(this._ctx).tableHeaderArea(t));
  }
  getDataBodyRange() {
    return this.rangeOf("getDataBodyRange", (t) => model(this._ctx).tableBodyArea(t));
  }
  getTotalRowRange() {
    return this.rangeOf("getTotalRowRange", (t) => model(this._ctx).tableTotalsArea(t));
  }
  delete(): void {
    this._q("delete", [], (t) => {
      const m = model(this._ctx);
      m.checkUnprotected(t.sheet, "Table.delete");
      m.tables = m.tables.filter((x) => x !== t);
      m.clear(t.sheet, t.area, "All", "Table.delete");
    });
  }
  convertToRange(): RangeProxy {
    this._q("convertToRange", [], (t) => {
      const m = model(this._ctx);
      m.tables = m.tables.filter((x) => x !== t);
    });
    return new RangeProxy(
      this._ctx,
      this._child("convertToRange", (t) => ({ sheet: t.sheet, area: { ...t.area } })),
      `${this._path}.convertToRange()`
    );
  }
  clearFilters(): void {
    this._q("clearFilters", [], () => undefined);
  }
  reapplyFilters(): void {
    this._q("reapplyFilters", [], () => undefined);
  }
}
defineProps<TableState>(TableProxy, "Table", {
  id: { get: (t) => t.id },
  name: {
    get: (t) => t.name,
    set: (t, v, self) => {
      const m = model(self._ctx);
      if (!Model.validName(v))
        throw invalidArgument("Table.name", `The table name "${String(v)}" is not valid.`);
      const other = m.findTable(v) ?? (m.names.has(v.toLowerCase()) ? ({} as TableState) : null);
      if (other && other !== t)
        throw invalidArgument("Table.name", `The name "${v}" is already used.`);
      t.name = v;
    },
  },
  showHeaders: {
    get: (t) => t.showHeaders,
    set: (t, v) => {
      bool(v, "Table.showHeaders");
      if (v === t.showHeaders) return;
      t.showHeaders = v as boolean;
      t.area = v
        ? { ...t.area, row: t.area.row - 1, rows: t.area.rows + 1 }
        : { ...t.area, row: t.area.row + 1, rows: t.area.rows - 1 };
    },
  },
  showTotals: {
    get: (t) => t.showTotals,
    set: (t, v, self) => {
      bool(v, "Table.showTotals");
      if (v === t.showTotals) return;
      t.showTotals = v as boolean;
      t.area = { ...t.area, rows: t.area.rows + (v ? 1 : -1) };
      if (!v)
        model(self._ctx).writeRaw(
          t.sheet,
          { ...t.area, row: t.area.row + t.area.rows, rows: 1 },
          () => null
        );
    },
  },
  style: { get: (t) => t.style, set: (t, v) => (t.style = String(v)) },
  showBandedRows: {
    get: (t) => t.showBandedRows,
    set: (t, v) => (t.showBandedRows = bool(v, "Table.showBandedRows")),
  },
  showFilterButton: {
    get: (t) => t.showFilterButton,
    set: (t, v) => (t.showFilterButton = bool(v, "Table.showFilterButton")),
  },
  highlightFirstColumn: { get: () => false, set: () => undefined },
  highlightLastColumn: { get: () => false, set: () => undefined },
  showBandedColumns: { get: () => false, set: () => undefined },
});

type ColumnRef = { table: TableState; id: number };

export class TableColumnCollectionProxy extends CollectionBase<TableState, TableColumnProxy> {
  _list(t: TableState) {
    return t.columns.map((c) => ({ table: t, id: c.id }));
  }
  _wrap(item: unknown, path: string) {
    return new TableColumnProxy(this._ctx, () => item as ColumnRef, path);
  }
  add(index?: number | null, values?: unknown, name?: string): TableColumnProxy {
    let created: ColumnRef | null = null;
    this._q("add", [index ?? null, values ?? null, name ?? null], (t) => {
      created = addTableColumn(model(this._ctx), t, index ?? null, values, name);
    });
    return new TableColumnProxy(
      this._ctx,
      () => {
        if (!created) throw invalidOperation("TableColumnCollection.add");
        return created;
      },
      `${this._path}.add()`
    );
  }
  private find(key: string | number, orNull: boolean): TableColumnProxy {
    const p = new TableColumnProxy(
      this._ctx,
      () => {
        const t = this._t();
        if (!t) return null;
        const col = t.columns.find(
          (c) => String(c.id) === String(key) || c.name.toLowerCase() === String(key).toLowerCase()
        );
        if (!col) {
          if (orNull) return null;
          throw itemNotFound(`TableColumn '${key}'`);
        }
        return { table: t, id: col.id };
      },
      `${this._path}.getItem(${JSON.stringify(key)})`
    );
    return orNull ? p._checkNull() : p;
  }
  getItem(key: string | number) {
    return this.find(key, false);
  }
  getItemOrNullObject(key: string | number) {
    return this.find(key, true);
  }
  getItemAt(index: number): TableColumnProxy {
    return new TableColumnProxy(
      this._ctx,
      () => {
        const t = this._t();
        if (!t) return null;
        const col = t.columns[index];
        if (!col) throw itemNotFound(`TableColumn at ${index}`);
        return { table: t, id: col.id };
      },
      `${this._path}.getItemAt(${index})`
    );
  }
}
defineProps<TableState>(TableColumnCollectionProxy, "TableColumnCollection", {
  count: { get: (t) => t.columns.length },
});

function addTableColumn(
  m: Model,
  t: TableState,
  index: number | null,
  values: unknown,
  name: string | undefined
): ColumnRef {
  const where = "TableColumnCollection.add";
  m.checkUnprotected(t.sheet, where);
  const at = index === null || index === undefined ? t.columns.length : index;
  if (!Number.isInteger(at) || at < 0 || at > t.columns.length) throw invalidArgument(where);
  const height = t.area.rows;
  let grid: unknown[][] | null = null;
  if (values !== undefined && values !== null) {
    if (Array.isArray(values)) {
      if (values.length !== height || values.some((r) => !Array.isArray(r) || r.length !== 1))
        throw invalidArgument(where, ErrorMessages.sizeMismatch);
      grid = values as unknown[][];
    } else grid = Array.from({ length: height }, () => [values]);
  }
  const col = t.area.col + at;
  // Shift the table's cells right of the insertion point (within the table's rows).
  if (at < t.columns.length) {
    const moving = { row: t.area.row, col, rows: height, cols: t.area.cols - at };
    const raws = Array.from({ length: moving.rows }, (_, r) =>
      Array.from({ length: moving.cols }, (_, c) =>
        t.sheet.cells.get(moving.row + r, moving.col + c)
      )
    );
    m.writeRaw(t.sheet, { ...moving, col: col + 1 }, (r, c) => raws[r][c] ?? null);
  }
  t.area = { ...t.area, cols: t.area.cols + 1 };
  const header = name ?? (grid && t.showHeaders ? grid[0][0] : "") ?? "";
  const [unique] = m.uniqueHeaders(
    [header as string],
    t.columns.map((c) => c.name)
  );
  const ref = { id: t.nextColumnId++, name: unique };
  t.columns.splice(at, 0, ref);
  m.writeRaw(t.sheet, { row: t.area.row, col, rows: height, cols: 1 }, (r) => {
    if (r === 0 && t.showHeaders) return unique;
    const v = grid ? grid[r][0] : null;
    return v === null || v === undefined || v === ""
      ? null
      : m_parse(m, t.sheet, t.area.row + r, col, v, where);
  });
  return { table: t, id: ref.id };
}

/** Same conversions as the values setter. */
function m_parse(m: Model, sheet: SheetState, row: number, col: number, v: unknown, where: string) {
  return parseInput(v, m.numberFormatAt(sheet, row, col) === "@", where);
}

export class TableColumnProxy extends ClientObjectBase<ColumnRef> {
  private area(ref: ColumnRef): { col: number; index: number } {
    const index = ref.table.columns.findIndex((c) => c.id === ref.id);
    if (index < 0) throw itemNotFound("TableColumn");
    return { col: ref.table.area.col + index, index };
  }
  private rangeOf(name: string, pick: (ref: ColumnRef, col: number) => Area | null): RangeProxy {
    return new RangeProxy(
      this._ctx,
      this._child(name, (ref) => {
        const { col } = this.area(ref);
        const a = pick(ref, col);
        if (!a) throw invalidOperation(`TableColumn.${name}`);
        return { sheet: ref.table.sheet, area: a };
      }),
      `${this._path}.${name}()`
    );
  }
  getRange() {
    return this.rangeOf("getRange", (ref, col) => ({ ...ref.table.area, col, cols: 1 }));
  }
  getDataBodyRange() {
    return this.rangeOf("getDataBodyRange", (ref, col) => ({
      ...model(this._ctx).tableBodyArea(ref.table),
      col,
      cols: 1,
    }));
  }
  getHeaderRowRange() {
    return this.rangeOf("getHeaderRowRange", (ref, col) => {
      const h = model(this._ctx).tableHeaderArea(ref.table);
      return h ? { ...h, col, cols: 1 } : null;
    });
  }
  getTotalRowRange() {
    return this.rangeOf("getTotalRowRange", (ref, col) => {
      const h = model(this._ctx).tableTotalsArea(ref.table);
      return h ? { ...h, col, cols: 1 } : null;
    });
  }
  delete(): void {
    this._q("delete", [], (ref) => {
      const m = model(this._ctx);
      const t = ref.table;
      const { index, col } = this.area(ref);
      if (t.columns.length === 1)
        throw invalidOperation("TableColumn.delete", "A table must have at least one column.");
      const right = {
        row: t.area.row,
        col: col + 1,
        rows: t.area.rows,
        cols: t.area.cols - index - 1,
      };
      const raws = Array.from({ length: right.rows }, (_, r) =>
        Array.from({ length: right.cols }, (_, c) =>
          t.sheet.cells.get(right.row + r, right.col + c)
        )
      );
      if (right.cols > 0) m.writeRaw(t.sheet, { ...right, col }, (r, c) => raws[r][c] ?? null);
      m.writeRaw(
        t.sheet,
        { row: t.area.row, col: t.area.col + t.area.cols - 1, rows: t.area.rows, cols: 1 },
        () => null
      );
      t.columns.splice(index, 1);
      t.area = { ...t.area, cols: t.area.cols - 1 };
    });
  }
}
defineProps<ColumnRef>(TableColumnProxy, "TableColumn", {
  id: { get: (ref) => ref.id },
  index: { get: (ref) => ref.table.columns.findIndex((c) => c.id === ref.id) },
  name: {
    get: (ref) => ref.table.columns.find((c) => c.id === ref.id)?.name ?? null,
    set: (ref, v, self) => {
      const m = model(self._ctx);
      const col = ref.table.columns.find((c) => c.id === ref.id);
      if (!col) throw itemNotFound("TableColumn");
      const [unique] = m.uniqueHeaders(
        [String(v)],
        ref.table.columns.filter((c) => c !== col).map((c) => c.name)
      );
      col.name = unique;
      m.writeHeaders(ref.table);
    },
  },
  values: {
    get: (ref, self) => {
      const index = ref.table.columns.findIndex((c) => c.id === ref.id);
      return model(self._ctx).readValues(ref.table.sheet, {
        ...ref.table.area,
        col: ref.table.area.col + index,
        cols: 1,
      });
    },
    set: (ref, v, self) => {
      const index = ref.table.columns.findIndex((c) => c.id === ref.id);
      model(self._ctx).writeInput(
        ref.table.sheet,
        { ...ref.table.area, col: ref.table.area.col + index, cols: 1 },
        v,
        "TableColumn.values"
      );
    },
  },
});

type RowRef = { table: TableState; index: number };

export class TableRowCollectionProxy extends CollectionBase<TableState, TableRowProxy> {
  _list(t: TableState) {
    const body = model(this._ctx).tableBodyArea(t);
    const n = t.emptyInsertRow ? 0 : body.rows;
    return Array.from({ length: n }, (_, index) => ({ table: t, index }));
  }
  _wrap(item: unknown, path: string) {
    return new TableRowProxy(this._ctx, () => item as RowRef, path);
  }
  add(index?: number | null, values?: unknown): TableRowProxy {
    let created: RowRef | null = null;
    this._q("add", [index ?? null, values ?? null], (t) => {
      created = addTableRows(model(this._ctx), t, index ?? null, values);
    });
    return new TableRowProxy(
      this._ctx,
      () => {
        if (!created) throw invalidOperation("TableRowCollection.add");
        return created;
      },
      `${this._path}.add()`
    );
  }
  getItemAt(index: number): TableRowProxy {
    return new TableRowProxy(
      this._ctx,
      () => {
        const t = this._t();
        if (!t) return null;
        if (!Number.isInteger(index) || index < 0 || index >= this._list(t).length)
          throw itemNotFound(`TableRow at ${index}`);
        return { table: t, index };
      },
      `${this._path}.getItemAt(${index})`
    );
  }
}
defineProps<TableState>(TableRowCollectionProxy, "TableRowCollection", {
  count: { get: (t, self) => (t.emptyInsertRow ? 0 : model(self._ctx).tableBodyArea(t).rows) },
});

function addTableRows(m: Model, t: TableState, index: number | null, values: unknown): RowRef {
  const where = "TableRowCollection.add";
  m.checkUnprotected(t.sheet, where);
  const body = m.tableBodyArea(t);
  const existing = t.emptyInsertRow ? 0 : body.rows;
  const at = index === null || index === undefined ? existing : index;
  if (!Number.isInteger(at) || at < 0 || at > existing) throw invalidArgument(where);
  let grid: unknown[][];
  if (values === undefined || values === null) grid = [new Array(t.area.cols).fill(null)];
  else {
    if (
      !Array.isArray(values) ||
      values.length === 0 ||
      values.some((r) => !Array.isArray(r) || r.length !== t.area.cols)
    ) {
      throw invalidArgument(where, ErrorMessages.sizeMismatch);
    }
    grid = values as unknown[][];
  }
  let n = grid.length;
  let insertRow = body.row + at;
  if (t.emptyInsertRow) {
    // Fill Excel's blank insert row first.
    t.emptyInsertRow = false;
    n -= 1;
  }
  if (n > 0) {
    // Move everything below the insertion point (within the table's columns) down n rows.
    const tableEnd = t.area.row + t.area.rows;
    const used = m.usedArea(t.sheet, true);
    const lastRow = used ? Math.max(used.row + used.rows, tableEnd) : tableEnd;
    const below = {
      row: insertRow + (t.emptyInsertRow ? 1 : 0),
      col: t.area.col,
      rows: Math.max(0, lastRow - insertRow),
      cols: t.area.cols,
    };
    if (below.rows > 0) {
      const raws = Array.from({ length: below.rows }, (_, r) =>
        Array.from({ length: below.cols }, (_, c) =>
          t.sheet.cells.get(below.row + r, below.col + c)
        )
      );
      m.writeRaw(t.sheet, below, () => null);
      m.writeRaw(t.sheet, { ...below, row: below.row + n }, (r, c) => raws[r][c] ?? null);
    }
    t.area = { ...t.area, rows: t.area.rows + n };
    for (const other of m.tables)
      if (
        other !== t &&
        other.sheet === t.sheet &&
        other.area.row >= tableEnd &&
        intersect({ ...other.area, row: 0, rows: MAX_ROWS }, t.area)
      )
        other.area = { ...other.area, row: other.area.row + n };
  }
  insertRow = body.row + at;
  m.writeInput(
    t.sheet,
    { row: insertRow, col: t.area.col, rows: grid.length, cols: t.area.cols },
    grid.map((r) => r.map((v) => (v === null || v === undefined ? "" : v))),
    where
  );
  return { table: t, index: at };
}

export class TableRowProxy extends ClientObjectBase<RowRef> {
  getRange(): RangeProxy {
    return new RangeProxy(
      this._ctx,
      this._child("getRange", (ref) => {
        const body = model(this._ctx).tableBodyArea(ref.table);
        return { sheet: ref.table.sheet, area: { ...body, row: body.row + ref.index, rows: 1 } };
      }),
      `${this._path}.getRange()`
    );
  }
  delete(): void {
    this._q("delete", [], (ref) => {
      const m = model(this._ctx);
      const t = ref.table;
      const body = m.tableBodyArea(t);
      const row = body.row + ref.index;
      const below = {
        row: row + 1,
        col: t.area.col,
        rows: t.area.row + t.area.rows - row - 1,
        cols: t.area.cols,
      };
      const raws = Array.from({ length: below.rows }, (_, r) =>
        Array.from({ length: below.cols }, (_, c) =>
          t.sheet.cells.get(below.row + r, below.col + c)
        )
      );
      m.writeRaw(t.sheet, { ...below, row: row, rows: below.rows + 1 }, (r, c) =>
        r < below.rows ? (raws[r][c] ?? null) : null
      );
      if (body.rows === 1) t.emptyInsertRow = true;
      else t.area = { ...t.area, rows: t.area.rows - 1 };
    });
  }
}
defineProps<RowRef>(TableRowProxy, "TableRow", {
  index: { get: (ref) => ref.index },
  values: {
    get: (ref, self) => {
      const body = model(self._ctx).tableBodyArea(ref.table);
      return model(self._ctx).readValues(ref.table.sheet, {
        ...body,
        row: body.row + ref.index,
        rows: 1,
      });
    },
    set: (ref, v, self) => {
      const body = model(self._ctx).tableBodyArea(ref.table);
      model(self._ctx).writeInput(
        ref.table.sheet,
        { ...body, row: body.row + ref.index, rows: 1 },
        v,
        "TableRow.values"
      );
    },
  },
});

// ============================================================================ Charts

const CHART_TYPES = [
  "ColumnClustered",
  "ColumnStacked",
  "ColumnStacked100",
  "BarClustered",
  "BarStacked",
  "BarStacked100",
  "Line",
  "LineMarkers",
  "LineStacked",
  "LineMarkersStacked",
  "Pie",
  "PieExploded",
  "Doughnut",
  "Area",
  "AreaStacked",
  "XYScatter",
  "XYScatterLines",
  "XYScatterSmooth",
  "Radar",
  "Histogram",
  "Waterfall",
  "Treemap",
  "Sunburst",
  "BoxWhisker",
  "Funnel",
  "3DColumnClustered",
  "3DPie",
  "Bubble",
  "StockHLC",
];

function seriesFor(m: Model, chart: ChartState): ChartState["series"] {
  if (!chart.source) return [];
  const { sheet, area } = chart.source;
  const values = m.readValues(sheet, area);
  const byRows = chart.seriesBy === "Rows" || (chart.seriesBy === "Auto" && area.cols > area.rows);
  const firstRowText = values[0]?.some((v) => typeof v === "string" && v !== "");
  const firstColText = values.some((r) => typeof r[0] === "string" && r[0] !== "");
  const out: ChartState["series"] = [];
  if (!byRows) {
    const startCol = firstColText && area.cols > 1 ? 1 : 0;
    for (let c = startCol; c < area.cols; c++) {
      const name = firstRowText ? String(values[0][c]) : `Series${c - startCol + 1}`;
      const top = firstRowText ? 1 : 0;
      out.push({
        name,
        values: m.addressOf(sheet, {
          row: area.row + top,
          col: area.col + c,
          rows: area.rows - top,
          cols: 1,
        }),
        xValues: startCol
          ? m.addressOf(sheet, {
              row: area.row + top,
              col: area.col,
              rows: area.rows - top,
              cols: 1,
            })
          : null,
        chartType: null,
      });
    }
  } else {
    const startRow = firstRowText && area.rows > 1 ? 1 : 0;
    for (let r = startRow; r < area.rows; r++) {
      const left = firstColText ? 1 : 0;
      out.push({
        name: firstColText ? String(values[r][0]) : `Series${r - startRow + 1}`,
        values: m.addressOf(sheet, {
          row: area.row + r,
          col: area.col + left,
          rows: 1,
          cols: area.cols - left,
        }),
        xValues: startRow
          ? m.addressOf(sheet, {
              row: area.row,
              col: area.col + left,
              rows: 1,
              cols: area.cols - left,
            })
          : null,
        chartType: null,
      });
    }
  }
  return out;
}

function rangeArg(
  m: Model,
  arg: RangeProxy | string,
  defaultSheet: SheetState,
  where: string
): { sheet: SheetState; area: Area } {
  if (typeof arg === "string") return m.resolveReference(arg, defaultSheet);
  if (!(arg instanceof RangeProxy)) throw invalidArgument(where);
  return arg._need(where);
}

export class ChartCollectionProxy extends CollectionBase<SheetState, ChartProxy> {
  _list(s: SheetState) {
    return s.charts;
  }
  _wrap(item: unknown, path: string) {
    return new ChartProxy(this._ctx, () => item as ChartState, path);
  }
  add(type: string, sourceData: RangeProxy | string, seriesBy?: string): ChartProxy {
    let created: ChartState | null = null;
    this._q("add", [type, sourceData, seriesBy ?? "Auto"], (s) => {
      const m = model(this._ctx);
      const where = "ChartCollection.add";
      m.checkUnprotected(alive(s, where), where, "allowEditObjects");
      oneOf(type, CHART_TYPES, where);
      const by = oneOf(seriesBy ?? "Auto", ["Auto", "Columns", "Rows"], where);
      const source = rangeArg(m, sourceData, s, where);
      const chart: ChartState = {
        id: `{C${Math.random().toString(16).slice(2, 10).toUpperCase()}}`,
        name: m.nextChartName(),
        sheet: s,
        chartType: type,
        source: { sheet: source.sheet, area: { ...source.area } },
        seriesBy: by,
        title: { text: "", visible: false, overlay: false, fontBold: null, fontSize: null },
        legend: { visible: true, position: "Right" },
        top: 0,
        left: 0,
        width: 360,
        height: 216,
        start: null,
        end: null,
        axes: {},
        series: [],
        dataLabels: {
          showValue: false,
          showPercentage: false,
          showCategoryName: false,
          showSeriesName: false,
          numberFormat: "General",
        },
        style: 2,
      };
      chart.series = seriesFor(m, chart);
      s.charts.push(chart);
      created = chart;
    });
    return new ChartProxy(
      this._ctx,
      () => {
        if (!created) throw invalidOperation("ChartCollection.add");
        return created;
      },
      `${this._path}.add(${JSON.stringify(type)})`
    );
  }
  private find(name: string, orNull: boolean) {
    const p = new ChartProxy(
      this._ctx,
      () => {
        const s = this._t();
        const c =
          s?.charts.find(
            (x) => x.name.toLowerCase() === String(name).toLowerCase() || x.id === name
          ) ?? null;
        if (!c && !orNull) throw itemNotFound(`Chart '${name}'`);
        return c;
      },
      `${this._path}.getItem(${JSON.stringify(name)})`
    );
    return orNull ? p._checkNull() : p;
  }
  getItem(name: string) {
    return this.find(name, false);
  }
  getItemOrNullObject(name: string) {
    return this.find(name, true);
  }
  getItemAt(index: number): ChartProxy {
    return new ChartProxy(
      this._ctx,
      () => {
        const c = this._t()?.charts[index];
        if (!c) throw itemNotFound(`Chart at ${index}`);
        return c;
      },
      `${this._path}.getItemAt(${index})`
    );
  }
}
defineProps<SheetState>(ChartCollectionProxy, "ChartCollection", {
  count: { get: (s) => s.charts.length },
});

export class ChartProxy extends ClientObjectBase<ChartState> {
  _navNames() {
    return ["title", "legend", "axes", "series", "dataLabels", "worksheet"];
  }
  get title(): ChartTitleProxy {
    return this._nav(
      "title",
      () => new ChartTitleProxy(this._ctx, () => this._t(), `${this._path}.title`)
    );
  }
  get legend(): ChartLegendProxy {
    return this._nav(
      "legend",
      () => new ChartLegendProxy(this._ctx, () => this._t(), `${this._path}.legend`)
    );
  }
  get axes(): ChartAxesProxy {
    return this._nav(
      "axes",
      () => new ChartAxesProxy(this._ctx, () => this._t(), `${this._path}.axes`)
    );
  }
  get series(): ChartSeriesCollectionProxy {
    return this._nav(
      "series",
      () => new ChartSeriesCollectionProxy(this._ctx, () => this._t(), `${this._path}.series`)
    );
  }
  get dataLabels(): ChartDataLabelsProxy {
    return this._nav(
      "dataLabels",
      () => new ChartDataLabelsProxy(this._ctx, () => this._t(), `${this._path}.dataLabels`)
    );
  }
  get worksheet(): WorksheetProxy {
    return this._nav(
      "worksheet",
      () =>
        new WorksheetProxy(
          this._ctx,
          this._child("worksheet", (c) => c.sheet),
          `${this._path}.worksheet`
        )
    );
  }
  setPosition(startCell: RangeProxy | string, endCell?: RangeProxy | string): void {
    this._q("setPosition", [startCell, endCell ?? null], (c) => {
      const m = model(this._ctx);
      const start = rangeArg(m, startCell, c.sheet, "Chart.setPosition");
      const end = endCell ? rangeArg(m, endCell, c.sheet, "Chart.setPosition") : null;
      c.start = areaAddress({ ...start.area, rows: 1, cols: 1 });
      c.end = end
        ? areaAddress({
            row: end.area.row + end.area.rows - 1,
            col: end.area.col + end.area.cols - 1,
            rows: 1,
            cols: 1,
          })
        : null;
      c.top = start.area.row * STANDARD_HEIGHT;
      c.left = start.area.col * STANDARD_WIDTH;
      if (end) {
        c.height = (end.area.row + end.area.rows - start.area.row) * STANDARD_HEIGHT;
        c.width = (end.area.col + end.area.cols - start.area.col) * STANDARD_WIDTH;
      }
    });
  }
  setData(sourceData: RangeProxy | string, seriesBy?: string): void {
    this._q("setData", [sourceData, seriesBy ?? "Auto"], (c) => {
      const m = model(this._ctx);
      const source = rangeArg(m, sourceData, c.sheet, "Chart.setData");
      c.source = { sheet: source.sheet, area: { ...source.area } };
      c.seriesBy = oneOf(seriesBy ?? "Auto", ["Auto", "Columns", "Rows"], "Chart.setData");
      c.series = seriesFor(m, c);
    });
  }
  delete(): void {
    this._q("delete", [], (c) => {
      c.sheet.charts = c.sheet.charts.filter((x) => x !== c);
    });
  }
  activate(): void {
    this._q("activate", [], () => undefined);
  }
}
defineProps<ChartState>(ChartProxy, "Chart", {
  id: { get: (c) => c.id },
  name: { get: (c) => c.name, set: (c, v) => (c.name = String(v)) },
  chartType: {
    get: (c) => c.chartType,
    set: (c, v) => (c.chartType = oneOf(v, CHART_TYPES, "Chart.chartType")),
  },
  top: { get: (c) => c.top, set: (c, v) => (c.top = num(v, "Chart.top")) },
  left: { get: (c) => c.left, set: (c, v) => (c.left = num(v, "Chart.left")) },
  width: { get: (c) => c.width, set: (c, v) => (c.width = num(v, "Chart.width")) },
  height: { get: (c) => c.height, set: (c, v) => (c.height = num(v, "Chart.height")) },
  style: { get: (c) => c.style, set: (c, v) => (c.style = num(v, "Chart.style")) },
});

export class ChartTitleProxy extends ClientObjectBase<ChartState> {
  _navNames() {
    return ["format"];
  }
  get format(): { font: ChartFontProxy } {
    const font = this._nav(
      "format.font",
      () => new ChartFontProxy(this._ctx, () => this._t(), `${this._path}.format.font`)
    );
    return { font };
  }
}
defineProps<ChartState>(ChartTitleProxy, "ChartTitle", {
  text: {
    get: (c) => c.title.text,
    set: (c, v) => {
      c.title.text = String(v);
      c.title.visible = v !== "";
    },
  },
  visible: {
    get: (c) => c.title.visible,
    set: (c, v) => (c.title.visible = bool(v, "ChartTitle.visible")),
  },
  overlay: {
    get: (c) => c.title.overlay,
    set: (c, v) => (c.title.overlay = bool(v, "ChartTitle.overlay")),
  },
});
export class ChartFontProxy extends ClientObjectBase<ChartState> {}
defineProps<ChartState>(ChartFontProxy, "ChartFont", {
  bold: {
    get: (c) => c.title.fontBold,
    set: (c, v) => (c.title.fontBold = bool(v, "ChartFont.bold")),
  },
  size: {
    get: (c) => c.title.fontSize,
    set: (c, v) => (c.title.fontSize = num(v, "ChartFont.size")),
  },
  color: { get: () => "#000000", set: (_c, v) => normalizeColor(v, "ChartFont.color") },
});

export class ChartLegendProxy extends ClientObjectBase<ChartState> {}
defineProps<ChartState>(ChartLegendProxy, "ChartLegend", {
  visible: {
    get: (c) => c.legend.visible,
    set: (c, v) => (c.legend.visible = bool(v, "ChartLegend.visible")),
  },
  position: {
    get: (c) => c.legend.position,
    set: (c, v) =>
      (c.legend.position = oneOf(
        v,
        ["Invalid", "Top", "Bottom", "Left", "Right", "Corner", "Custom"],
        "ChartLegend.position"
      )),
  },
});

type AxisRef = { chart: ChartState; axis: string };
function axisOf(ref: AxisRef) {
  const a = (ref.chart.axes[ref.axis] ??= {
    title: "",
    titleVisible: false,
    numberFormat: "General",
    minimum: null,
    maximum: null,
    visible: true,
  });
  return a;
}
export class ChartAxesProxy extends ClientObjectBase<ChartState> {
  _navNames() {
    return ["categoryAxis", "valueAxis", "seriesAxis"];
  }
  private axis(name: string): ChartAxisProxy {
    return this._nav(
      name,
      () =>
        new ChartAxisProxy(
          this._ctx,
          this._child(name, (c) => ({ chart: c, axis: name })),
          `${this._path}.${name}`
        )
    );
  }
  get categoryAxis() {
    return this.axis("categoryAxis");
  }
  get valueAxis() {
    return this.axis("valueAxis");
  }
  get seriesAxis() {
    return this.axis("seriesAxis");
  }
  getItem(type: string): ChartAxisProxy {
    const name =
      type === "Category" ? "categoryAxis" : type === "Value" ? "valueAxis" : "seriesAxis";
    return this.axis(name);
  }
}
export class ChartAxisProxy extends ClientObjectBase<AxisRef> {
  _navNames() {
    return ["title"];
  }
  get title(): ChartAxisTitleProxy {
    return this._nav(
      "title",
      () => new ChartAxisTitleProxy(this._ctx, () => this._t(), `${this._path}.title`)
    );
  }
}
defineProps<AxisRef>(ChartAxisProxy, "ChartAxis", {
  numberFormat: {
    get: (r) => axisOf(r).numberFormat,
    set: (r, v) => (axisOf(r).numberFormat = String(v)),
  },
  minimum: {
    get: (r) => axisOf(r).minimum,
    set: (r, v) => (axisOf(r).minimum = num(v, "ChartAxis.minimum")),
  },
  maximum: {
    get: (r) => axisOf(r).maximum,
    set: (r, v) => (axisOf(r).maximum = num(v, "ChartAxis.maximum")),
  },
  visible: {
    get: (r) => axisOf(r).visible,
    set: (r, v) => (axisOf(r).visible = bool(v, "ChartAxis.visible")),
  },
});
export class ChartAxisTitleProxy extends ClientObjectBase<AxisRef> {}
defineProps<AxisRef>(ChartAxisTitleProxy, "ChartAxisTitle", {
  text: {
    get: (r) => axisOf(r).title,
    set: (r, v) => {
      axisOf(r).title = String(v);
      axisOf(r).titleVisible = v !== "";
    },
  },
  visible: {
    get: (r) => axisOf(r).titleVisible,
    set: (r, v) => (axisOf(r).titleVisible = bool(v, "ChartAxisTitle.visible")),
  },
});

type SeriesRef = { chart: ChartState; index: number };
export class ChartSeriesCollectionProxy extends CollectionBase<ChartState, ChartSeriesProxy> {
  _list(c: ChartState) {
    return c.series.map((_, index) => ({ chart: c, index }));
  }
  _wrap(item: unknown, path: string) {
    return new ChartSeriesProxy(this._ctx, () => item as SeriesRef, path);
  }
  add(name?: string, index?: number): ChartSeriesProxy {
    let created: SeriesRef | null = null;
    this._q("add", [name ?? null, index ?? null], (c) => {
      const at = index ?? c.series.length;
      c.series.splice(at, 0, {
        name: name ?? `Series${c.series.length + 1}`,
        values: null,
        xValues: null,
        chartType: null,
      });
      created = { chart: c, index: at };
    });
    return new ChartSeriesProxy(
      this._ctx,
      () => {
        if (!created) throw invalidOperation("ChartSeriesCollection.add");
        return created;
      },
      `${this._path}.add()`
    );
  }
  getItemAt(index: number): ChartSeriesProxy {
    return new ChartSeriesProxy(
      this._ctx,
      () => {
        const c = this._t();
        if (!c) return null;
        if (!c.series[index]) throw itemNotFound(`ChartSeries at ${index}`);
        return { chart: c, index };
      },
      `${this._path}.getItemAt(${index})`
    );
  }
}
defineProps<ChartState>(ChartSeriesCollectionProxy, "ChartSeriesCollection", {
  count: { get: (c) => c.series.length },
});

export class ChartSeriesProxy extends ClientObjectBase<SeriesRef> {
  setValues(sourceData: RangeProxy | string): void {
    this._q("setValues", [sourceData], (r) => {
      const src = rangeArg(model(this._ctx), sourceData, r.chart.sheet, "ChartSeries.setValues");
      r.chart.series[r.index].values = model(this._ctx).addressOf(src.sheet, src.area);
    });
  }
  setXAxisValues(sourceData: RangeProxy | string): void {
    this._q("setXAxisValues", [sourceData], (r) => {
      const src = rangeArg(
        model(this._ctx),
        sourceData,
        r.chart.sheet,
        "ChartSeries.setXAxisValues"
      );
      r.chart.series[r.index].xValues = model(this._ctx).addressOf(src.sheet, src.area);
    });
  }
  delete(): void {
    this._q("delete", [], (r) => {
      r.chart.series.splice(r.index, 1);
    });
  }
}
defineProps<SeriesRef>(ChartSeriesProxy, "ChartSeries", {
  name: {
    get: (r) => r.chart.series[r.index]?.name ?? null,
    set: (r, v) => (r.chart.series[r.index].name = String(v)),
  },
  chartType: {
    get: (r) => r.chart.series[r.index]?.chartType ?? r.chart.chartType,
    set: (r, v) =>
      (r.chart.series[r.index].chartType = oneOf(v, CHART_TYPES, "ChartSeries.chartType")),
  },
});

export class ChartDataLabelsProxy extends ClientObjectBase<ChartState> {}
defineProps<ChartState>(ChartDataLabelsProxy, "ChartDataLabels", {
  showValue: {
    get: (c) => c.dataLabels.showValue,
    set: (c, v) => (c.dataLabels.showValue = bool(v, "ChartDataLabels.showValue")),
  },
  showPercentage: {
    get: (c) => c.dataLabels.showPercentage,
    set: (c, v) => (c.dataLabels.showPercentage = bool(v, "ChartDataLabels.showPercentage")),
  },
  showCategoryName: {
    get: (c) => c.dataLabels.showCategoryName,
    set: (c, v) => (c.dataLabels.showCategoryName = bool(v, "ChartDataLabels.showCategoryName")),
  },
  showSeriesName: {
    get: (c) => c.dataLabels.showSeriesName,
    set: (c, v) => (c.dataLabels.showSeriesName = bool(v, "ChartDataLabels.showSeriesName")),
  },
  numberFormat: {
    get: (c) => c.dataLabels.numberFormat,
    set: (c, v) => (c.dataLabels.numberFormat = String(v)),
  },
});

// ============================================================================ Settings and names

type SettingRef = { key: string };

export class SettingCollectionProxy extends CollectionBase<Model, SettingProxy> {
  _list(m: Model) {
    return [...m.settings.keys()].map((key) => ({ key }));
  }
  _wrap(item: unknown, path: string) {
    return new SettingProxy(this._ctx, () => item as SettingRef, path);
  }
  add(key: string, value: unknown): SettingProxy {
    this._q("add", [key, value], (m) => {
      if (typeof key !== "string" || key === "") throw invalidArgument("SettingCollection.add");
      if (value === undefined) throw invalidArgument("SettingCollection.add");
      m.settings.set(key, JSON.parse(JSON.stringify(value)));
    });
    return new SettingProxy(
      this._ctx,
      () => ({ key }),
      `${this._path}.add(${JSON.stringify(key)})`
    );
  }
  getItem(key: string): SettingProxy {
    return new SettingProxy(
      this._ctx,
      () => {
        if (!model(this._ctx).settings.has(key)) throw itemNotFound(`Setting '${key}'`);
        return { key };
      },
      `${this._path}.getItem(${JSON.stringify(key)})`
    );
  }
  getItemOrNullObject(key: string): SettingProxy {
    return new SettingProxy(
      this._ctx,
      () => (model(this._ctx).settings.has(key) ? { key } : null),
      `${this._path}.getItemOrNullObject(${JSON.stringify(key)})`
    )._checkNull();
  }
}
defineProps<Model>(SettingCollectionProxy, "SettingCollection", {});

export class SettingProxy extends ClientObjectBase<SettingRef> {
  delete(): void {
    this._q("delete", [], (r) => {
      model(this._ctx).settings.delete(r.key);
    });
  }
}
defineProps<SettingRef>(SettingProxy, "Setting", {
  key: { get: (r) => r.key },
  value: {
    get: (r, self) => {
      const m = model(self._ctx);
      if (!m.settings.has(r.key)) throw itemNotFound(`Setting '${r.key}'`);
      return JSON.parse(JSON.stringify(m.settings.get(r.key)));
    },
    set: (r, v, self) => {
      model(self._ctx).settings.set(r.key, JSON.parse(JSON.stringify(v)));
    },
  },
});

type NameRef = { name: string };
export class NamedItemCollectionProxy extends CollectionBase<Model, NamedItemProxy> {
  _list(m: Model) {
    return [...m.names.values()].map((n) => ({ name: n.name }));
  }
  _wrap(item: unknown, path: string) {
    return new NamedItemProxy(this._ctx, () => item as NameRef, path);
  }
  add(name: string, reference: RangeProxy | string, comment?: string): NamedItemProxy {
    this._q("add", [name, reference, comment ?? ""], (m) => {
      let ref: string;
      if (typeof reference === "string") ref = reference;
      else {
        const r = reference._need("NamedItemCollection.add");
        ref = `=${m.addressOf(r.sheet, r.area).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`;
      }
      m.addName(name, ref, comment ?? "");
    });
    return new NamedItemProxy(
      this._ctx,
      () => ({ name }),
      `${this._path}.add(${JSON.stringify(name)})`
    );
  }
  private find(name: string, orNull: boolean) {
    const p = new NamedItemProxy(
      this._ctx,
      () => {
        const n = model(this._ctx).names.get(String(name).toLowerCase());
        if (!n && !orNull) throw itemNotFound(`NamedItem '${name}'`);
        return n ? { name: n.name } : null;
      },
      `${this._path}.getItem(${JSON.stringify(name)})`
    );
    return orNull ? p._checkNull() : p;
  }
  getItem(name: string) {
    return this.find(name, false);
  }
  getItemOrNullObject(name: string) {
    return this.find(name, true);
  }
}
defineProps<Model>(NamedItemCollectionProxy, "NamedItemCollection", {});

export class NamedItemProxy extends ClientObjectBase<NameRef> {
  getRange(): RangeProxy {
    return new RangeProxy(
      this._ctx,
      this._child("getRange", (r) => {
        const m = model(this._ctx);
        const n = m.names.get(r.name.toLowerCase());
        if (!n) throw itemNotFound(`NamedItem '${r.name}'`);
        return m.resolveReference(n.formula, null);
      }),
      `${this._path}.getRange()`
    );
  }
  getRangeOrNullObject(): RangeProxy {
    return new RangeProxy(
      this._ctx,
      this._child("getRangeOrNullObject", (r) => {
        const m = model(this._ctx);
        const n = m.names.get(r.name.toLowerCase());
        try {
          return n ? m.resolveReference(n.formula, null) : null;
        } catch {
          return null;
        }
      }),
      `${this._path}.getRangeOrNullObject()`
    )._checkNull();
  }
  delete(): void {
    this._q("delete", [], (r) => model(this._ctx).deleteName(r.name));
  }
}
defineProps<NameRef>(NamedItemProxy, "NamedItem", {
  name: { get: (r) => r.name },
  formula: { get: (r, self) => model(self._ctx).names.get(r.name.toLowerCase())?.formula ?? null },
  value: {
    get: (r, self) =>
      (model(self._ctx).names.get(r.name.toLowerCase())?.formula ?? "").replace(/^=/, ""),
  },
  type: { get: () => "Range" },
  comment: { get: (r, self) => model(self._ctx).names.get(r.name.toLowerCase())?.comment ?? "" },
  visible: { get: () => true },
});

export { DEFAULT_STYLE, Formula, cellInput };
