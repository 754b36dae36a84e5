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
  Model,
  SheetState,
  STANDARD_HEIGHT,
  STANDARD_WIDTH,
  Style,
  TableState,
  ValidationRecord,
} from "./model";
import { formatValue } from "./numfmt";
import {
  ClientObjectBase,
  ClientResult,
  CollectionBase,
  KeyedCollectionBase,
  PropDef,
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

function oneOf(v: unknown, allowed: readonly string[], where: string): string {
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

/** How a property setter checks what it is given: the value to store, or InvalidArgument at `where`. */
type Check<V> = (v: unknown, where: string) => V;
const asText: Check<string> = (v) => String(v);
const among =
  (allowed: readonly string[]): Check<string> =>
  (v, where) =>
    oneOf(v, allowed, where);

/**
 * Properties kept as fields of a plain object reached from the proxy's target (`of`): each
 * reads the field of its name and writes it through its check (`null`: read-only).
 */
function fields<T, O extends object>(
  typeName: string,
  of: (t: T) => O,
  checks: { [K in keyof O]?: Check<O[K]> | null }
): Record<string, PropDef<T>> {
  return Object.fromEntries(
    Object.entries(checks).map(([key, check]) => {
      const slot = (t: T) => of(t) as Record<string, unknown>;
      const def: PropDef<T> = { get: (t) => slot(t)[key] };
      if (check)
        def.set = (t, v) => {
          slot(t)[key] = (check as Check<unknown>)(v, `${typeName}.${key}`);
        };
      return [key, def];
    })
  );
}

/** A Range argument, resolved at sync. */
function rangeOnly(arg: RangeProxy, where: string): RT {
  if (!(arg instanceof RangeProxy)) throw invalidArgument(where);
  return arg._need(where);
}

/** A "Range | string" argument: an address (which may name another sheet) or a defined name. */
function rangeArg(
  m: Model,
  arg: RangeProxy | string,
  defaultSheet: SheetState | null,
  where: string
): RT {
  return typeof arg === "string" ? m.resolveReference(arg, defaultSheet) : rangeOnly(arg, where);
}

// ============================================================================ Workbook

export class WorkbookProxy extends ClientObjectBase<Model> {
  _navNames() {
    return ["worksheets", "tables", "names", "settings", "application"];
  }
  get worksheets(): WorksheetCollectionProxy {
    return this._part("worksheets", WorksheetCollectionProxy);
  }
  get tables(): TableCollectionProxy {
    return this._part("tables", TableCollectionProxy, () => ({ filter: () => true }));
  }
  get names(): NamedItemCollectionProxy {
    return this._part("names", NamedItemCollectionProxy);
  }
  get settings(): SettingCollectionProxy {
    return this._part("settings", SettingCollectionProxy);
  }
  get application(): ApplicationProxy {
    return this._part("application", ApplicationProxy);
  }
  private selected(call: string, pick: (area: Area) => Area): RangeProxy {
    return new RangeProxy(
      this._ctx,
      () => {
        const sel = model(this._ctx).selection;
        if (!sel) throw itemNotFound(`Workbook.${call}`);
        return { sheet: sel.sheet, area: pick(sel.area) };
      },
      `${this._path}.${call}()`
    );
  }
  getSelectedRange(): RangeProxy {
    return this.selected("getSelectedRange", (a) => ({ ...a }));
  }
  getActiveCell(): RangeProxy {
    return this.selected("getActiveCell", (a) => ({ row: a.row, col: a.col, rows: 1, cols: 1 }));
  }
}
defineProps<Model>(WorkbookProxy, "Workbook", {});

export class ApplicationProxy extends ClientObjectBase<Model> {
  calculate(calculationType: string): void {
    this._q("calculate", [calculationType], (m) => {
      oneOf(calculationType, ["Recalculate", "Full", "FullRebuild"], "Application.calculate");
      m.resume();
      // A full calculation calls custom functions again (they are not volatile, so "Recalculate"
      // leaves them): Excel.Application.calculate, CalculationType "Full" recalculates "all
      // formulas" (https://learn.microsoft.com/javascript/api/excel/excel.calculationtype).
      if (calculationType !== "Recalculate") m.recalculateCustomFunctions();
    });
  }
}
defineProps<Model>(ApplicationProxy, "Application", {});

// ============================================================================ Worksheets

export class WorksheetCollectionProxy extends KeyedCollectionBase<Model, WorksheetProxy> {
  _list(m: Model) {
    return m.sheets;
  }
  _item(resolver: () => unknown, path: string) {
    return new WorksheetProxy(this._ctx, resolver as () => SheetState | null, path);
  }
  add(name?: string): WorksheetProxy {
    return this._add([name ?? null], (m) => m.addSheet(name), `add(${JSON.stringify(name ?? "")})`);
  }
  _find(m: Model, key: string | number) {
    return m.findSheet(String(key)) ?? m.sheetById(String(key));
  }
  getActiveWorksheet(): WorksheetProxy {
    return this._lookup("getActiveWorksheet()", (m) => m.activeSheet, "Worksheet (active)");
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
  private range(call: string, make: (s: SheetState) => Area | null, orNull = false): RangeProxy {
    const r = new RangeProxy(
      this._ctx,
      () => {
        const s = this._s();
        if (s === null) return null;
        const a = make(s);
        return a === null ? null : { sheet: s, area: a };
      },
      `${this._path}.${call}`
    );
    return orNull ? r._checkNull() : r;
  }
  get tables(): TableCollectionProxy {
    return this._part(
      "tables",
      TableCollectionProxy,
      this._child("tables", (s) => ({ filter: (t: TableState) => t.sheet === s, sheet: s }))
    );
  }
  get charts(): ChartCollectionProxy {
    return this._part("charts", ChartCollectionProxy, () => this._s());
  }
  get protection(): WorksheetProtectionProxy {
    return this._part("protection", WorksheetProtectionProxy, () => this._s());
  }
  get freezePanes(): WorksheetFreezePanesProxy {
    return this._part("freezePanes", WorksheetFreezePanesProxy, () => this._s());
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
});

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
}
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
  private freeze(call: "freezeRows" | "freezeColumns", count: number): void {
    this._q(call, [count], (s) => {
      const n = num(count, `WorksheetFreezePanes.${call}`);
      s.freeze = call === "freezeRows" ? { rows: n, cols: 0 } : { rows: 0, cols: n };
    });
  }
  freezeRows(count = 1): void {
    this.freeze("freezeRows", count);
  }
  freezeColumns(count = 1): void {
    this.freeze("freezeColumns", count);
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
  /** A range worked out from this one at sync (getCell, getRowsAbove...). */
  private derived(call: string, make: (a: Area, t: RT) => Area | null, orNull = false): RangeProxy {
    const r = new RangeProxy(
      this._ctx,
      () => {
        const t = this._t();
        if (t === null) return null;
        alive(t.sheet, "Range");
        const a = make(t.area, t);
        return a === null
          ? null
          : { sheet: t.sheet, area: checkArea(a, `Range.${call.split("(")[0]}`) };
      },
      `${this._path}.${call}`
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
    return this._part("format", RangeFormatProxy);
  }
  get worksheet(): WorksheetProxy {
    return this._part(
      "worksheet",
      WorksheetProxy,
      this._child("worksheet", (t) => t.sheet)
    );
  }
  get dataValidation(): DataValidationProxy {
    return this._part("dataValidation", DataValidationProxy);
  }
  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return this._part("conditionalFormats", ConditionalFormatCollectionProxy);
  }
  getCell(row: number, column: number) {
    return this.derived(`getCell(${row},${column})`, (a) => ({
      row: a.row + row,
      col: a.col + column,
      rows: 1,
      cols: 1,
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number) {
    return this.derived(`getOffsetRange(${rowOffset},${columnOffset})`, (a) => ({
      ...a,
      row: a.row + rowOffset,
      col: a.col + columnOffset,
    }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number) {
    return this.derived(`getResizedRange(${deltaRows},${deltaColumns})`, (a) => ({
      ...a,
      rows: a.rows + deltaRows,
      cols: a.cols + deltaColumns,
    }));
  }
  getAbsoluteResizedRange(numRows: number, numColumns: number) {
    return this.derived(`getAbsoluteResizedRange(${numRows},${numColumns})`, (a) => ({
      ...a,
      rows: numRows,
      cols: numColumns,
    }));
  }
  getRow(row: number) {
    return this.derived(`getRow(${row})`, (a) => ({ ...a, row: a.row + row, rows: 1 }));
  }
  getColumn(column: number) {
    return this.derived(`getColumn(${column})`, (a) => ({ ...a, col: a.col + column, cols: 1 }));
  }
  getRowsAbove(count = 1) {
    return this.derived(`getRowsAbove(${count})`, (a) => ({
      ...a,
      row: a.row - count,
      rows: count,
    }));
  }
  getRowsBelow(count = 1) {
    return this.derived(`getRowsBelow(${count})`, (a) => ({
      ...a,
      row: a.row + a.rows,
      rows: count,
    }));
  }
  getColumnsBefore(count = 1) {
    return this.derived(`getColumnsBefore(${count})`, (a) => ({
      ...a,
      col: a.col - count,
      cols: count,
    }));
  }
  getColumnsAfter(count = 1) {
    return this.derived(`getColumnsAfter(${count})`, (a) => ({
      ...a,
      col: a.col + a.cols,
      cols: count,
    }));
  }
  getLastRow() {
    return this.derived("getLastRow()", (a) => ({ ...a, row: a.row + a.rows - 1, rows: 1 }));
  }
  getLastColumn() {
    return this.derived("getLastColumn()", (a) => ({ ...a, col: a.col + a.cols - 1, cols: 1 }));
  }
  getLastCell() {
    return this.derived("getLastCell()", (a) => ({
      row: a.row + a.rows - 1,
      col: a.col + a.cols - 1,
      rows: 1,
      cols: 1,
    }));
  }
  getEntireColumn() {
    return this.derived("getEntireColumn()", (a) => ({ ...a, row: 0, rows: MAX_ROWS }));
  }
  getEntireRow() {
    return this.derived("getEntireRow()", (a) => ({ ...a, col: 0, cols: MAX_COLS }));
  }
  getSurroundingRegion() {
    return this.derived("getSurroundingRegion()", (a, t) =>
      model(this._ctx).surroundingRegion(t.sheet, a)
    );
  }
  getIntersection(other: RangeProxy | string) {
    return this.derived("getIntersection()", (a, t) => {
      const i = intersect(a, this.otherArea(other, t, "Range.getIntersection"));
      if (!i) throw itemNotFound("Range.getIntersection");
      return i;
    });
  }
  getIntersectionOrNullObject(other: RangeProxy | string) {
    return this.derived(
      "getIntersectionOrNullObject()",
      (a, t) => intersect(a, this.otherArea(other, t, "Range.getIntersectionOrNullObject")),
      true
    );
  }
  getBoundingRect(other: RangeProxy | string) {
    return this.derived("getBoundingRect()", (a, t) => {
      const o = this.otherArea(other, t, "Range.getBoundingRect");
      const r0 = Math.min(a.row, o.row);
      const c0 = Math.min(a.col, o.col);
      const r1 = Math.max(a.row + a.rows, o.row + o.rows);
      const c1 = Math.max(a.col + a.cols, o.col + o.cols);
      return { row: r0, col: c0, rows: r1 - r0, cols: c1 - c0 };
    });
  }
  /** The used part of this range: `orNull` gives a null object where Excel's getUsedRange throws ItemNotFound. */
  private used(call: string, valuesOnly: boolean | undefined, orNull: boolean) {
    return this.derived(
      `${call}()`,
      (a, t) => {
        const used = model(this._ctx).usedArea(t.sheet, !!valuesOnly);
        const i = used ? intersect(used, a) : null;
        if (!i && !orNull) throw itemNotFound(`Range.${call}`);
        return i;
      },
      orNull
    );
  }
  getUsedRange(valuesOnly?: boolean) {
    return this.used("getUsedRange", valuesOnly, false);
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean) {
    return this.used("getUsedRangeOrNullObject", valuesOnly, true);
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
      `${this._path}.getTables(${fullyContained ? "true" : ""})`
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
  const vertical = shift === "Up" || shift === "Down";
  const what = vertical ? "Rows" : "Columns";
  m.checkUnprotected(s, `Range.${kind}`, `allow${kind === "insert" ? "Insert" : "Delete"}${what}`);
  const a = t.area;
  const delta = (kind === "insert" ? 1 : -1) * (vertical ? a.rows : a.cols);
  const from = vertical
    ? a.row + (kind === "insert" ? 0 : a.rows)
    : a.col + (kind === "insert" ? 0 : a.cols);
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
  for (const w of moving ? [a, moving] : [a]) {
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

type CellReader =
  "readValues" | "readFormulas" | "readNumberFormats" | "readText" | "readValueTypes";
type CellWriter = "writeInput" | "writeNumberFormat";

/** A property over the range's cells (values, formulas, numberFormat...): read and written by the model. */
function cellsProp(name: string, read: CellReader, write?: CellWriter): PropDef<RT> {
  const where = `Range.${name}`;
  const def: PropDef<RT> = {
    get: (t, self) => model(self._ctx)[read](alive(t.sheet, where), t.area),
  };
  if (write)
    def.set = (t, v, self) => model(self._ctx)[write](alive(t.sheet, where), t.area, v, where);
  return def;
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
  values: cellsProp("values", "readValues", "writeInput"),
  formulas: cellsProp("formulas", "readFormulas", "writeInput"),
  formulasLocal: cellsProp("formulasLocal", "readFormulas", "writeInput"),
  numberFormat: cellsProp("numberFormat", "readNumberFormats", "writeNumberFormat"),
  numberFormatLocal: cellsProp("numberFormatLocal", "readNumberFormats", "writeNumberFormat"),
  text: cellsProp("text", "readText"),
  valueTypes: cellsProp("valueTypes", "readValueTypes"),
});

// ============================================================================ Range formats

export class RangeFormatProxy extends ClientObjectBase<RT> {
  _navNames() {
    return ["fill", "font", "protection", "borders"];
  }
  get fill(): RangeFillProxy {
    return this._part("fill", RangeFillProxy);
  }
  get font(): RangeFontProxy {
    return this._part("font", RangeFontProxy);
  }
  get protection(): FormatProtectionProxy {
    return this._part("protection", FormatProtectionProxy);
  }
  get borders(): RangeBorderCollectionProxy {
    return this._part("borders", RangeBorderCollectionProxy);
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

/** A cell style property (font.bold, format.wrapText...): the common value over the range, or null when cells differ. */
function styleProp<K extends keyof Style>(
  key: K,
  where: string,
  check: Check<Style[K]>,
  option = "allowFormatCells"
): PropDef<RT> {
  return {
    get: (t, self) => model(self._ctx).styleProperty(t.sheet, t.area, key),
    set: (t, v, self) => {
      const value = check(v, where);
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

/** columnWidth / rowHeight: in points; null when the columns (rows) differ. */
function sizeProp(axis: "columnWidth" | "rowHeight"): PropDef<RT> {
  const where = `RangeFormat.${axis}`;
  const wide = axis === "columnWidth";
  const sizes = (t: RT) => (wide ? t.sheet.colWidths : t.sheet.rowHeights);
  const standard = wide ? STANDARD_WIDTH : STANDARD_HEIGHT;
  const span = (t: RT) => (wide ? [t.area.col, t.area.cols] : [t.area.row, t.area.rows]);
  return {
    get: (t) => {
      const [first, count] = span(t);
      const size = sizes(t).get(first) ?? standard;
      for (let i = first; i < first + Math.min(count, 10000); i++)
        if ((sizes(t).get(i) ?? standard) !== size) return null;
      return size;
    },
    set: (t, v, self) => {
      const option = wide ? "allowFormatColumns" : "allowFormatRows";
      model(self._ctx).checkFormattable(t.sheet, where, option);
      const size = num(v, where);
      const [first, count] = span(t);
      for (let i = first; i < first + count; i++) sizes(t).set(i, size);
    },
  };
}

defineProps<RT>(RangeFormatProxy, "RangeFormat", {
  columnWidth: sizeProp("columnWidth"),
  rowHeight: sizeProp("rowHeight"),
  wrapText: styleProp("wrapText", "RangeFormat.wrapText", bool),
  horizontalAlignment: styleProp(
    "horizontalAlignment",
    "RangeFormat.horizontalAlignment",
    among([
      "General",
      "Left",
      "Center",
      "Right",
      "Fill",
      "Justify",
      "CenterAcrossSelection",
      "Distributed",
    ])
  ),
  verticalAlignment: styleProp(
    "verticalAlignment",
    "RangeFormat.verticalAlignment",
    among(["Center", "Bottom", "Top", "Justify", "Distributed"])
  ),
  indentLevel: styleProp("indentLevel", "RangeFormat.indentLevel", num),
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
    set: styleProp("fill", "RangeFill.color", (v, where) =>
      v === null || v === "" ? null : normalizeColor(v, where)
    ).set,
  },
});

export class RangeFontProxy extends ClientObjectBase<RT> {}
defineProps<RT>(RangeFontProxy, "RangeFont", {
  bold: styleProp("bold", "RangeFont.bold", bool),
  italic: styleProp("italic", "RangeFont.italic", bool),
  strikethrough: styleProp("strikethrough", "RangeFont.strikethrough", bool),
  underline: styleProp(
    "underline",
    "RangeFont.underline",
    among(["None", "Single", "Double", "SingleAccountant", "DoubleAccountant"])
  ),
  color: styleProp("fontColor", "RangeFont.color", normalizeColor),
  size: styleProp("fontSize", "RangeFont.size", num),
  name: styleProp("fontName", "RangeFont.name", asText),
});

export class FormatProtectionProxy extends ClientObjectBase<RT> {}
defineProps<RT>(FormatProtectionProxy, "FormatProtection", {
  locked: styleProp("locked", "FormatProtection.locked", bool),
  formulaHidden: styleProp("formulaHidden", "FormatProtection.formulaHidden", bool),
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

type BorderRef = RT & { side: string };

export class RangeBorderCollectionProxy extends CollectionBase<RT, RangeBorderProxy> {
  _list(t: RT) {
    return BORDER_INDEXES.map((side) => ({ ...t, side }));
  }
  _item(resolver: () => unknown, path: string) {
    return new RangeBorderProxy(this._ctx, resolver as () => BorderRef | null, path);
  }
  getItem(index: string): RangeBorderProxy {
    return this._lookup(
      `getItem(${JSON.stringify(index)})`,
      (t) => ({ ...t, side: oneOf(index, BORDER_INDEXES, "RangeBorderCollection.getItem") }),
      "RangeBorder"
    );
  }
}
defineProps<RT>(RangeBorderCollectionProxy, "RangeBorderCollection", {
  count: { get: () => BORDER_INDEXES.length },
});

export class RangeBorderProxy extends ClientObjectBase<BorderRef> {}
function borderProp(key: "style" | "color" | "weight", check: Check<string>, dflt: string) {
  const where = `RangeBorder.${key}`;
  const def: PropDef<BorderRef> = {
    get: (t, self) =>
      model(self._ctx).styleAt(t.sheet, t.area.row, t.area.col).borders[t.side]?.[key] ?? dflt,
    set: (t, v, self) => {
      const value = check(v, where);
      model(self._ctx).updateStyle(
        alive(t.sheet, where),
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
        where
      );
    },
  };
  return def;
}
defineProps<BorderRef>(RangeBorderProxy, "RangeBorder", {
  sideIndex: { get: (t) => t.side },
  style: borderProp(
    "style",
    among(["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"]),
    "None"
  ),
  color: borderProp("color", normalizeColor, "#000000"),
  weight: borderProp("weight", among(["Hairline", "Thin", "Medium", "Thick"]), "Thin"),
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

const blank = (v: unknown) => v === undefined || v === null || v === "";

/** Check a DataValidationRule as Excel does: exactly one rule type, with the fields it needs. */
export function checkValidationRule(rule: unknown): {
  rule: Record<string, unknown>;
  type: string;
} {
  const where = "DataValidation.rule";
  const missing = (what: string) =>
    invalidArgument(where, `${ErrorMessages.invalidArgument} (${what} is required)`);
  if (!rule || typeof rule !== "object") throw invalidArgument(where);
  const keys = Object.keys(rule).filter((k) => !blank((rule as Record<string, unknown>)[k]));
  if (keys.length !== 1 || !DV_TYPES[keys[0]])
    throw invalidArgument(
      where,
      `${ErrorMessages.invalidArgument} (a rule needs exactly one of ${Object.keys(DV_TYPES).join(", ")})`
    );
  const key = keys[0];
  const body = (rule as Record<string, Record<string, unknown>>)[key];
  if (!body || typeof body !== "object") throw invalidArgument(where);
  if (key === "list") {
    if (blank(body.source)) throw missing("list.source");
    if (typeof body.source === "string" && body.source.length > 255 && !body.source.startsWith("="))
      throw invalidArgument(
        where,
        `${ErrorMessages.invalidArgument} (a list source is limited to 255 characters)`
      );
  } else if (key === "custom") {
    if (typeof body.formula !== "string" || body.formula === "") throw missing("custom.formula");
  } else {
    oneOf(body.operator, DV_OPERATORS, where);
    if (blank(body.formula1)) throw missing(`${key}.formula1`);
    if ((body.operator === "Between" || body.operator === "NotBetween") && blank(body.formula2))
      throw missing(`${key}.formula2`);
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

const NO_VALIDATION: ValidationRecord = {
  rule: {},
  type: "None",
  errorAlert: { showAlert: true, style: "Stop", title: "", message: "" },
  prompt: { showPrompt: false, title: "", message: "" },
  ignoreBlanks: true,
};

export class DataValidationProxy extends ClientObjectBase<RT> {
  clear(): void {
    this._q("clear", [], (t) => {
      const m = model(this._ctx);
      m.checkUnprotected(alive(t.sheet, "DataValidation.clear"), "DataValidation.clear");
      m.setValidation(t.sheet, t.area, null);
    });
  }
}

/**
 * A DataValidation property: the range's common value (`mixed` when its cells differ, as
 * Excel reports); writing it merges `change` into the range's record (or a new one).
 */
function validationProp<K extends keyof ValidationRecord>(
  key: K,
  mixed: unknown,
  change?: (v: unknown, rec: ValidationRecord, where: string) => Partial<ValidationRecord>
): PropDef<RT> {
  const where = `DataValidation.${key}`;
  const def: PropDef<RT> = {
    get: (t, self) => {
      const v = validationOf(t, model(self._ctx));
      return v === "mixed" ? mixed : copyOf((v ?? NO_VALIDATION)[key]);
    },
  };
  if (change)
    def.set = (t, v, self) => {
      const m = model(self._ctx);
      m.checkUnprotected(alive(t.sheet, where), where);
      const current = validationOf(t, m);
      const rec = current && current !== "mixed" ? current : NO_VALIDATION;
      m.setValidation(t.sheet, t.area, { ...rec, ...change(v, rec, where) });
    };
  return def;
}

const copyOf = <V>(v: V): V => (v && typeof v === "object" ? JSON.parse(JSON.stringify(v)) : v);

function objectArg(v: unknown, where: string): Record<string, unknown> {
  if (!v || typeof v !== "object") throw invalidArgument(where);
  return v as Record<string, unknown>;
}

defineProps<RT>(DataValidationProxy, "DataValidation", {
  rule: validationProp("rule", null, (v) => checkValidationRule(v)),
  type: validationProp("type", "Inconsistent"),
  errorAlert: validationProp("errorAlert", null, (v, rec, where) => {
    const alert = objectArg(v, where);
    if (alert.style !== undefined) oneOf(alert.style, ["Stop", "Warning", "Information"], where);
    return { errorAlert: { ...rec.errorAlert, ...alert } };
  }),
  prompt: validationProp("prompt", null, (v, rec, where) => ({
    prompt: { ...rec.prompt, ...objectArg(v, where) },
  })),
  ignoreBlanks: validationProp("ignoreBlanks", null, (v, _rec, where) => ({
    ignoreBlanks: bool(v, where),
  })),
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

/** Excel's conditional format types and the property holding each one's settings. */
const CF_PARTS: Record<string, string> = {
  CellValue: "cellValue",
  Custom: "custom",
  ContainsText: "textComparison",
  TopBottom: "topBottom",
  PresetCriteria: "preset",
  ColorScale: "colorScale",
  DataBar: "dataBar",
  IconSet: "iconSet",
};

function emptyCfFormat(): CfFormat {
  return {
    fill: { color: null },
    font: { bold: null, italic: null, color: null, strikethrough: null, underline: null },
    numberFormat: null,
  };
}

/** What a new conditional format of each kind holds before anything is set. */
function newCfDetail(part: string): ConditionalFormatState["detail"] {
  if (part === "colorScale") return { criteria: null };
  if (part === "dataBar")
    return {
      barDirection: "Context",
      showDataBarOnly: false,
      positiveFormat: { fillColor: "#638EC6", gradientFill: true },
    };
  if (part === "iconSet")
    return {
      style: "ThreeTrafficLights1",
      reverseIconOrder: false,
      showIconOnly: false,
      criteria: [],
    };
  return { format: emptyCfFormat(), rule: part === "custom" ? { formula: null } : null };
}

let nextCfId = 1;

export class ConditionalFormatCollectionProxy extends CollectionBase<RT, ConditionalFormatProxy> {
  _list(t: RT) {
    return t.sheet.conditionalFormats.filter((cf) => intersect(cf.area, t.area));
  }
  _item(resolver: () => unknown, path: string) {
    return new ConditionalFormatProxy(
      this._ctx,
      resolver as () => ConditionalFormatState | null,
      path
    );
  }
  add(type: string): ConditionalFormatProxy {
    return this._add(
      [type],
      (t) => {
        const where = "ConditionalFormatCollection.add";
        model(this._ctx).checkUnprotected(alive(t.sheet, where), where);
        const part = CF_PARTS[oneOf(type, Object.keys(CF_PARTS), where)];
        for (const cf of t.sheet.conditionalFormats) cf.priority++;
        const created: ConditionalFormatState = {
          id: `CF${nextCfId++}`,
          type,
          sheet: t.sheet,
          area: { ...t.area },
          priority: 0,
          stopIfTrue: false,
          detail: newCfDetail(part),
        };
        t.sheet.conditionalFormats.unshift(created);
        return created;
      },
      `add(${JSON.stringify(type)})`
    );
  }
  getItem(id: string): ConditionalFormatProxy {
    return this._lookup(
      `getItem(${JSON.stringify(id)})`,
      (t) => t.sheet.conditionalFormats.find((x) => x.id === id),
      "ConditionalFormat"
    );
  }
  getItemAt(index: number): ConditionalFormatProxy {
    return this._itemAt(index);
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
    return Object.values(CF_PARTS);
  }
  /** The type's settings (cellValue, custom...); another type's part fails at sync, as in Excel. */
  private part<P extends ClientObjectBase<CfPart>>(key: string, Ctor: ProxyClassOf<P>): P {
    return this._part(key, Ctor, () => {
      const cf = this._t();
      if (!cf) return null;
      if (CF_PARTS[cf.type] !== key)
        throw invalidOperation(
          `ConditionalFormat.${key}`,
          `This conditional format is of type ${cf.type}; it has no ${key} part.`
        );
      return { cf, key };
    });
  }
  get cellValue() {
    return this.part("cellValue", CfRulePartProxy);
  }
  get custom() {
    return this.part("custom", CfCustomProxy);
  }
  get textComparison() {
    return this.part("textComparison", CfRulePartProxy);
  }
  get topBottom() {
    return this.part("topBottom", CfRulePartProxy);
  }
  get preset() {
    return this.part("preset", CfRulePartProxy);
  }
  get colorScale() {
    return this.part("colorScale", CfScalePartProxy);
  }
  get dataBar() {
    return this.part("dataBar", CfScalePartProxy);
  }
  get iconSet() {
    return this.part("iconSet", CfScalePartProxy);
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
defineProps<ConditionalFormatState>(
  ConditionalFormatProxy,
  "ConditionalFormat",
  fields("ConditionalFormat", (cf: ConditionalFormatState) => cf, {
    id: null,
    type: null,
    priority: num,
    stopIfTrue: bool,
  })
);

type CfPart = { cf: ConditionalFormatState; key: string };
type ProxyClassOf<P> = new (ctx: RequestContext, resolver: () => CfPart | null, path: string) => P;

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
  const r = objectArg(v, where);
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
  } else if (key === "preset") {
    if (typeof r.criterion !== "string") throw invalidArgument(where);
  }
  return JSON.parse(JSON.stringify(v));
}

/** The settings of a conditional format that highlights cells with a format. */
class CfFormattedPart extends ClientObjectBase<CfPart> {
  _navNames() {
    return ["format"];
  }
  get format(): CfFormatProxy {
    return this._part(
      "format",
      CfFormatProxy,
      this._child("format", (p) => p.cf.detail.format ?? null)
    );
  }
}

/** cellValue, textComparison, topBottom, preset: the rule is a plain object. */
export class CfRulePartProxy extends CfFormattedPart {}
defineProps<CfPart>(CfRulePartProxy, "ConditionalFormatPart", {
  rule: {
    get: (p) => p.cf.detail.rule ?? null,
    set: (p, v) => {
      p.cf.detail.rule = checkCfRule(p.key, v);
    },
  },
});

/** custom: the rule is an object of its own (ConditionalFormatRule), whose formula is set. */
export class CfCustomProxy extends CfFormattedPart {
  _navNames() {
    return ["format", "rule"];
  }
  get rule(): CfCustomRuleProxy {
    return this._part("rule", CfCustomRuleProxy);
  }
}
defineProps<CfPart>(CfCustomProxy, "CustomConditionalFormat", {});

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
});

/** The settings of a colour scale, data bar or icon set (recorded as written, not drawn). */
export class CfScalePartProxy extends ClientObjectBase<CfPart> {}
defineProps<CfPart>(
  CfScalePartProxy,
  "ConditionalFormatScale",
  Object.fromEntries(
    [
      "criteria",
      "barDirection",
      "showDataBarOnly",
      "style",
      "reverseIconOrder",
      "showIconOnly",
    ].map((name) => [
      name,
      {
        get: (p: CfPart) => p.cf.detail[name] ?? null,
        set: (p: CfPart, v: unknown) => {
          p.cf.detail[name] = JSON.parse(JSON.stringify(v));
        },
      },
    ])
  )
);

export class CfFormatProxy extends ClientObjectBase<CfFormat> {
  _navNames() {
    return ["fill", "font"];
  }
  get fill(): CfFillProxy {
    return this._part("fill", CfFillProxy);
  }
  get font(): CfFontProxy {
    return this._part("font", CfFontProxy);
  }
}
defineProps<CfFormat>(
  CfFormatProxy,
  "ConditionalRangeFormat",
  fields("ConditionalRangeFormat", (f: CfFormat) => f, { numberFormat: asText })
);
export class CfFillProxy extends ClientObjectBase<CfFormat> {
  clear(): void {
    this._q("clear", [], (f) => (f.fill.color = null));
  }
}
defineProps<CfFormat>(
  CfFillProxy,
  "ConditionalRangeFill",
  fields("ConditionalRangeFill", (f: CfFormat) => f.fill, { color: normalizeColor })
);
export class CfFontProxy extends ClientObjectBase<CfFormat> {
  clear(): void {
    this._q("clear", [], (f) => (f.font = emptyCfFormat().font));
  }
}
defineProps<CfFormat>(
  CfFontProxy,
  "ConditionalRangeFont",
  fields("ConditionalRangeFont", (f: CfFormat) => f.font, {
    bold: bool,
    italic: bool,
    strikethrough: bool,
    underline: asText,
    color: normalizeColor,
  })
);

// ============================================================================ Tables

type TableScope = { filter: (t: TableState) => boolean; sheet?: SheetState };

export class TableCollectionProxy extends KeyedCollectionBase<TableScope, TableProxy> {
  _list(scope: TableScope) {
    return model(this._ctx).tables.filter(scope.filter);
  }
  _item(resolver: () => unknown, path: string) {
    return new TableProxy(this._ctx, resolver as () => TableState | null, path);
  }
  add(address: RangeProxy | string, hasHeaders: boolean): TableProxy {
    return this._add(
      [address, hasHeaders],
      (scope) => {
        const m = model(this._ctx);
        const where = "TableCollection.add";
        const { sheet, area } = rangeArg(m, address, scope.sheet ?? m.activeSheet, where);
        if (scope.sheet && scope.sheet !== sheet)
          throw invalidArgument(where, "The range is not on this worksheet.");
        return createTable(m, sheet, { ...area }, hasHeaders);
      },
      `add(${JSON.stringify(typeof address === "string" ? address : address._path)})`
    );
  }
  _find(scope: TableScope, key: string | number) {
    const t = model(this._ctx).findTable(String(key));
    return t && scope.filter(t) ? t : null;
  }
  getItemAt(index: number): TableProxy {
    return this._itemAt(index);
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
    const raws = copyCells(sheet, area);
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
    id: `{T${Math.random().toString(16).slice(2, 10).toUpperCase()}}`,
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
  m.tables.push(table);
  m.writeHeaders(table);
  return table;
}

/** The raw contents of a block, to be written back elsewhere (tables moving their cells). */
function copyCells(sheet: SheetState, a: Area) {
  return Array.from({ length: a.rows }, (_, r) =>
    Array.from({ length: a.cols }, (_, c) => sheet.cells.get(a.row + r, a.col + c))
  );
}

export class TableProxy extends ClientObjectBase<TableState> {
  _navNames() {
    return ["columns", "rows", "worksheet"];
  }
  get columns(): TableColumnCollectionProxy {
    return this._part("columns", TableColumnCollectionProxy);
  }
  get rows(): TableRowCollectionProxy {
    return this._part("rows", TableRowCollectionProxy);
  }
  get worksheet(): WorksheetProxy {
    return this._part(
      "worksheet",
      WorksheetProxy,
      this._child("worksheet", (t) => t.sheet)
    );
  }
  private rangeOf(call: string, pick: (t: TableState, m: Model) => Area | null): RangeProxy {
    return new RangeProxy(
      this._ctx,
      () => {
        const t = this._t();
        if (t === null) return null;
        const m = model(this._ctx);
        if (!m.tables.includes(t)) throw itemNotFound(`Table.${call}`);
        const a = pick(t, m);
        if (!a || a.rows < 1)
          throw invalidOperation(`Table.${call}`, "The table has no such range.");
        return { sheet: t.sheet, area: { ...a } };
      },
      `${this._path}.${call}()`
    );
  }
  getRange() {
    return this.rangeOf("getRange", (t) => t.area);
  }
  getHeaderRowRange() {
    return this.rangeOf("getHeaderRowRange", (t, m) => m.tableHeaderArea(t));
  }
  getDataBodyRange() {
    return this.rangeOf("getDataBodyRange", (t, m) => m.tableBodyArea(t));
  }
  getTotalRowRange() {
    return this.rangeOf("getTotalRowRange", (t, m) => m.tableTotalsArea(t));
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
}
defineProps<TableState>(TableProxy, "Table", {
  ...fields("Table", (t: TableState) => t, {
    id: null,
    style: asText,
    showBandedRows: bool,
    showFilterButton: bool,
  }),
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
      if (bool(v, "Table.showHeaders") === t.showHeaders) return;
      t.showHeaders = v as boolean;
      t.area = v
        ? { ...t.area, row: t.area.row - 1, rows: t.area.rows + 1 }
        : { ...t.area, row: t.area.row + 1, rows: t.area.rows - 1 };
    },
  },
  showTotals: {
    get: (t) => t.showTotals,
    set: (t, v, self) => {
      if (bool(v, "Table.showTotals") === t.showTotals) return;
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
});

type ColumnRef = { table: TableState; id: number };

/** Where a table column is now: its index in the table and its sheet column. */
function columnAt(ref: ColumnRef): { index: number; col: number } {
  const index = ref.table.columns.findIndex((c) => c.id === ref.id);
  if (index < 0) throw itemNotFound("TableColumn");
  return { index, col: ref.table.area.col + index };
}

export class TableColumnCollectionProxy extends KeyedCollectionBase<TableState, TableColumnProxy> {
  _list(t: TableState) {
    return t.columns.map((c) => ({ table: t, id: c.id }));
  }
  _item(resolver: () => unknown, path: string) {
    return new TableColumnProxy(this._ctx, resolver as () => ColumnRef | null, path);
  }
  add(index?: number | null, values?: unknown, name?: string): TableColumnProxy {
    return this._add([index ?? null, values ?? null, name ?? null], (t) =>
      addTableColumn(model(this._ctx), t, index ?? null, values, name)
    );
  }
  _find(t: TableState, key: string | number) {
    const col = t.columns.find(
      (c) => String(c.id) === String(key) || c.name.toLowerCase() === String(key).toLowerCase()
    );
    return col ? { table: t, id: col.id } : null;
  }
  getItemAt(index: number): TableColumnProxy {
    return this._itemAt(index);
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
    const raws = copyCells(t.sheet, moving);
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
  const dateFormats: { row: number; col: number; format: string }[] = [];
  m.writeRaw(t.sheet, { row: t.area.row, col, rows: height, cols: 1 }, (r) => {
    if (r === 0 && t.showHeaders) return unique;
    const v = grid ? grid[r][0] : null;
    // The same conversions as the values setter.
    return v === null || v === undefined || v === ""
      ? null
      : m.parseTyped(t.sheet, t.area.row + r, col, v, where, dateFormats);
  });
  m.applyDateFormats(t.sheet, dateFormats);
  return { table: t, id: ref.id };
}

export class TableColumnProxy extends ClientObjectBase<ColumnRef> {
  private rangeOf(call: string, pick: (ref: ColumnRef, m: Model) => Area | null): RangeProxy {
    return new RangeProxy(
      this._ctx,
      this._child(call, (ref) => {
        const { col } = columnAt(ref);
        const a = pick(ref, model(this._ctx));
        if (!a) throw invalidOperation(`TableColumn.${call}`);
        return { sheet: ref.table.sheet, area: { ...a, col, cols: 1 } };
      }),
      `${this._path}.${call}()`
    );
  }
  getRange() {
    return this.rangeOf("getRange", (ref) => ref.table.area);
  }
  getDataBodyRange() {
    return this.rangeOf("getDataBodyRange", (ref, m) => m.tableBodyArea(ref.table));
  }
  getHeaderRowRange() {
    return this.rangeOf("getHeaderRowRange", (ref, m) => m.tableHeaderArea(ref.table));
  }
  getTotalRowRange() {
    return this.rangeOf("getTotalRowRange", (ref, m) => m.tableTotalsArea(ref.table));
  }
  delete(): void {
    this._q("delete", [], (ref) => {
      const m = model(this._ctx);
      const t = ref.table;
      const { index, col } = columnAt(ref);
      if (t.columns.length === 1)
        throw invalidOperation("TableColumn.delete", "A table must have at least one column.");
      const right = { ...t.area, col: col + 1, cols: t.area.cols - index - 1 };
      const raws = copyCells(t.sheet, right);
      if (right.cols > 0) m.writeRaw(t.sheet, { ...right, col }, (r, c) => raws[r][c] ?? null);
      m.writeRaw(t.sheet, { ...t.area, col: t.area.col + t.area.cols - 1, cols: 1 }, () => null);
      t.columns.splice(index, 1);
      t.area = { ...t.area, cols: t.area.cols - 1 };
    });
  }
}
defineProps<ColumnRef>(TableColumnProxy, "TableColumn", {
  id: { get: (ref) => ref.id },
  index: { get: (ref) => columnAt(ref).index },
  name: {
    get: (ref) => ref.table.columns.find((c) => c.id === ref.id)?.name ?? null,
    set: (ref, v, self) => {
      const m = model(self._ctx);
      const col = ref.table.columns[columnAt(ref).index];
      const [unique] = m.uniqueHeaders(
        [String(v)],
        ref.table.columns.filter((c) => c !== col).map((c) => c.name)
      );
      col.name = unique;
      m.writeHeaders(ref.table);
    },
  },
  values: {
    get: (ref, self) =>
      model(self._ctx).readValues(ref.table.sheet, {
        ...ref.table.area,
        col: columnAt(ref).col,
        cols: 1,
      }),
    set: (ref, v, self) =>
      model(self._ctx).writeInput(
        ref.table.sheet,
        { ...ref.table.area, col: columnAt(ref).col, cols: 1 },
        v,
        "TableColumn.values"
      ),
  },
});

type RowRef = { table: TableState; index: number };

/** The number of data rows (Excel's blank insert row of a header-only table is not one). */
function tableRowCount(m: Model, t: TableState): number {
  return t.emptyInsertRow ? 0 : m.tableBodyArea(t).rows;
}

export class TableRowCollectionProxy extends CollectionBase<TableState, TableRowProxy> {
  _list(t: TableState) {
    const n = tableRowCount(model(this._ctx), t);
    return Array.from({ length: n }, (_, index) => ({ table: t, index }));
  }
  _item(resolver: () => unknown, path: string) {
    return new TableRowProxy(this._ctx, resolver as () => RowRef | null, path);
  }
  add(index?: number | null, values?: unknown): TableRowProxy {
    return this._add([index ?? null, values ?? null], (t) =>
      addTableRows(model(this._ctx), t, index ?? null, values)
    );
  }
  getItemAt(index: number): TableRowProxy {
    return this._itemAt(index);
  }
}
defineProps<TableState>(TableRowCollectionProxy, "TableRowCollection", {
  count: { get: (t, self) => tableRowCount(model(self._ctx), t) },
});

function addTableRows(m: Model, t: TableState, index: number | null, values: unknown): RowRef {
  const where = "TableRowCollection.add";
  m.checkUnprotected(t.sheet, where);
  const body = m.tableBodyArea(t);
  const existing = tableRowCount(m, t);
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
  const insertRow = body.row + at;
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
      row: insertRow,
      col: t.area.col,
      rows: Math.max(0, lastRow - insertRow),
      cols: t.area.cols,
    };
    if (below.rows > 0) {
      const raws = copyCells(t.sheet, below);
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
  m.writeInput(
    t.sheet,
    { row: insertRow, col: t.area.col, rows: grid.length, cols: t.area.cols },
    grid.map((r) => r.map((v) => (v === null || v === undefined ? "" : v))),
    where
  );
  return { table: t, index: at };
}

/** A table row's cells. */
function rowArea(m: Model, ref: RowRef): Area {
  const body = m.tableBodyArea(ref.table);
  return { ...body, row: body.row + ref.index, rows: 1 };
}

export class TableRowProxy extends ClientObjectBase<RowRef> {
  getRange(): RangeProxy {
    return new RangeProxy(
      this._ctx,
      this._child("getRange", (ref) => ({
        sheet: ref.table.sheet,
        area: rowArea(model(this._ctx), ref),
      })),
      `${this._path}.getRange()`
    );
  }
  delete(): void {
    this._q("delete", [], (ref) => {
      const m = model(this._ctx);
      const t = ref.table;
      const body = m.tableBodyArea(t);
      const row = body.row + ref.index;
      const below = { ...t.area, row: row + 1, rows: t.area.row + t.area.rows - row - 1 };
      const raws = copyCells(t.sheet, below);
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
    get: (ref, self) =>
      model(self._ctx).readValues(ref.table.sheet, rowArea(model(self._ctx), ref)),
    set: (ref, v, self) =>
      model(self._ctx).writeInput(
        ref.table.sheet,
        rowArea(model(self._ctx), ref),
        v,
        "TableRow.values"
      ),
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
const SERIES_BY = ["Auto", "Columns", "Rows"];

/** A chart's series as Excel derives them from its source: names from the header row (or column), the first column (row) of text as categories. */
function seriesFor(m: Model, chart: ChartState): ChartState["series"] {
  if (!chart.source) return [];
  const { sheet, area } = chart.source;
  const values = m.readValues(sheet, area);
  const byRows = chart.seriesBy === "Rows" || (chart.seriesBy === "Auto" && area.cols > area.rows);
  const firstRowText = values[0]?.some((v) => typeof v === "string" && v !== "");
  const firstColText = values.some((r) => typeof r[0] === "string" && r[0] !== "");
  // Work across columns; for series by rows, the same with rows and columns swapped.
  const along = byRows ? firstColText : firstRowText; // names in the first row (column)
  const across = byRows ? firstRowText : firstColText; // categories in the first column (row)
  const count = byRows ? area.rows : area.cols;
  const length = byRows ? area.cols : area.rows;
  const start = across && count > 1 ? 1 : 0;
  const top = along ? 1 : 0;
  const line = (i: number, from: number): Area =>
    byRows
      ? { row: area.row + i, col: area.col + from, rows: 1, cols: length - from }
      : { row: area.row + from, col: area.col + i, rows: length - from, cols: 1 };
  const out: ChartState["series"] = [];
  for (let i = start; i < count; i++) {
    out.push({
      name: along ? String(byRows ? values[i][0] : values[0][i]) : `Series${i - start + 1}`,
      values: m.addressOf(sheet, line(i, top)),
      xValues: start ? m.addressOf(sheet, line(0, top)) : null,
      chartType: null,
    });
  }
  return out;
}

export class ChartCollectionProxy extends KeyedCollectionBase<SheetState, ChartProxy> {
  _list(s: SheetState) {
    return s.charts;
  }
  _item(resolver: () => unknown, path: string) {
    return new ChartProxy(this._ctx, resolver as () => ChartState | null, path);
  }
  add(type: string, sourceData: RangeProxy, seriesBy?: string): ChartProxy {
    return this._add(
      [type, sourceData, seriesBy ?? "Auto"],
      (s) => {
        const m = model(this._ctx);
        const where = "ChartCollection.add";
        m.checkUnprotected(alive(s, where), where, "allowEditObjects");
        oneOf(type, CHART_TYPES, where);
        const source = rangeOnly(sourceData, where);
        const chart: ChartState = {
          id: `{C${Math.random().toString(16).slice(2, 10).toUpperCase()}}`,
          name: m.nextChartName(),
          sheet: s,
          chartType: type,
          source: { sheet: source.sheet, area: { ...source.area } },
          seriesBy: oneOf(seriesBy ?? "Auto", SERIES_BY, where),
          title: { text: "", visible: false, overlay: false },
          legend: { visible: true, position: "Right" },
          top: 0,
          left: 0,
          width: 360,
          height: 216,
          start: null,
          end: null,
          axes: {},
          series: [],
          style: 2,
        };
        chart.series = seriesFor(m, chart);
        s.charts.push(chart);
        return chart;
      },
      `add(${JSON.stringify(type)})`
    );
  }
  _find(s: SheetState, key: string | number) {
    const name = String(key).toLowerCase();
    return s.charts.find((x) => x.name.toLowerCase() === name || x.id === key);
  }
  getItemAt(index: number): ChartProxy {
    return this._itemAt(index);
  }
}
defineProps<SheetState>(ChartCollectionProxy, "ChartCollection", {
  count: { get: (s) => s.charts.length },
});

export class ChartProxy extends ClientObjectBase<ChartState> {
  _navNames() {
    return ["title", "legend", "axes", "series", "worksheet"];
  }
  get title(): ChartTitleProxy {
    return this._part("title", ChartTitleProxy);
  }
  get legend(): ChartLegendProxy {
    return this._part("legend", ChartLegendProxy);
  }
  get axes(): ChartAxesProxy {
    return this._part("axes", ChartAxesProxy);
  }
  get series(): ChartSeriesCollectionProxy {
    return this._part("series", ChartSeriesCollectionProxy);
  }
  get worksheet(): WorksheetProxy {
    return this._part(
      "worksheet",
      WorksheetProxy,
      this._child("worksheet", (c) => c.sheet)
    );
  }
  setPosition(startCell: RangeProxy | string, endCell?: RangeProxy | string): void {
    this._q("setPosition", [startCell, endCell ?? null], (c) => {
      const m = model(this._ctx);
      const start = rangeArg(m, startCell, c.sheet, "Chart.setPosition").area;
      const end = endCell ? rangeArg(m, endCell, c.sheet, "Chart.setPosition").area : null;
      c.start = areaAddress({ ...start, rows: 1, cols: 1 });
      c.end = end
        ? areaAddress({
            row: end.row + end.rows - 1,
            col: end.col + end.cols - 1,
            rows: 1,
            cols: 1,
          })
        : null;
      c.top = start.row * STANDARD_HEIGHT;
      c.left = start.col * STANDARD_WIDTH;
      if (end) {
        c.height = (end.row + end.rows - start.row) * STANDARD_HEIGHT;
        c.width = (end.col + end.cols - start.col) * STANDARD_WIDTH;
      }
    });
  }
  setData(sourceData: RangeProxy, seriesBy?: string): void {
    this._q("setData", [sourceData, seriesBy ?? "Auto"], (c) => {
      const m = model(this._ctx);
      const source = rangeOnly(sourceData, "Chart.setData");
      c.source = { sheet: source.sheet, area: { ...source.area } };
      c.seriesBy = oneOf(seriesBy ?? "Auto", SERIES_BY, "Chart.setData");
      c.series = seriesFor(m, c);
    });
  }
  delete(): void {
    this._q("delete", [], (c) => {
      c.sheet.charts = c.sheet.charts.filter((x) => x !== c);
    });
  }
}
defineProps<ChartState>(
  ChartProxy,
  "Chart",
  fields("Chart", (c: ChartState) => c, {
    id: null,
    name: asText,
    chartType: among(CHART_TYPES),
    top: num,
    left: num,
    width: num,
    height: num,
    style: num,
  })
);

/** A title's text: setting it shows the title (an empty text hides it). */
function titleText<T>(of: (t: T) => { text: string; visible: boolean }): PropDef<T> {
  return {
    get: (t) => of(t).text,
    set: (t, v) => {
      of(t).text = String(v);
      of(t).visible = v !== "";
    },
  };
}

export class ChartTitleProxy extends ClientObjectBase<ChartState> {}
defineProps<ChartState>(ChartTitleProxy, "ChartTitle", {
  text: titleText((c) => c.title),
  ...fields("ChartTitle", (c: ChartState) => c.title, { visible: bool, overlay: bool }),
});

export class ChartLegendProxy extends ClientObjectBase<ChartState> {}
defineProps<ChartState>(
  ChartLegendProxy,
  "ChartLegend",
  fields("ChartLegend", (c: ChartState) => c.legend, {
    visible: bool,
    position: among(["Invalid", "Top", "Bottom", "Left", "Right", "Corner", "Custom"]),
  })
);

type AxisRef = { chart: ChartState; axis: string };
type AxisState = ChartState["axes"][string];
function axisOf(ref: AxisRef): AxisState {
  return (ref.chart.axes[ref.axis] ??= {
    title: { text: "", visible: false },
    numberFormat: "General",
    minimum: null,
    maximum: null,
    visible: true,
  });
}
export class ChartAxesProxy extends ClientObjectBase<ChartState> {
  _navNames() {
    return ["categoryAxis", "valueAxis"];
  }
  private axis(name: string): ChartAxisProxy {
    return this._part(
      name,
      ChartAxisProxy,
      this._child(name, (c) => ({ chart: c, axis: name }))
    );
  }
  get categoryAxis() {
    return this.axis("categoryAxis");
  }
  get valueAxis() {
    return this.axis("valueAxis");
  }
}
export class ChartAxisProxy extends ClientObjectBase<AxisRef> {
  _navNames() {
    return ["title"];
  }
  get title(): ChartAxisTitleProxy {
    return this._part("title", ChartAxisTitleProxy);
  }
}
defineProps<AxisRef>(
  ChartAxisProxy,
  "ChartAxis",
  fields("ChartAxis", axisOf, { numberFormat: asText, minimum: num, maximum: num, visible: bool })
);
export class ChartAxisTitleProxy extends ClientObjectBase<AxisRef> {}
defineProps<AxisRef>(ChartAxisTitleProxy, "ChartAxisTitle", {
  text: titleText((r) => axisOf(r).title),
  ...fields("ChartAxisTitle", (r: AxisRef) => axisOf(r).title, { visible: bool }),
});

type SeriesRef = { chart: ChartState; index: number };
export class ChartSeriesCollectionProxy extends CollectionBase<ChartState, ChartSeriesProxy> {
  _list(c: ChartState) {
    return c.series.map((_, index) => ({ chart: c, index }));
  }
  _item(resolver: () => unknown, path: string) {
    return new ChartSeriesProxy(this._ctx, resolver as () => SeriesRef | null, path);
  }
  add(name?: string, index?: number): ChartSeriesProxy {
    return this._add([name ?? null, index ?? null], (c) => {
      const at = index ?? c.series.length;
      c.series.splice(at, 0, {
        name: name ?? `Series${c.series.length + 1}`,
        values: null,
        xValues: null,
        chartType: null,
      });
      return { chart: c, index: at };
    });
  }
  getItemAt(index: number): ChartSeriesProxy {
    return this._itemAt(index);
  }
}
defineProps<ChartState>(ChartSeriesCollectionProxy, "ChartSeriesCollection", {
  count: { get: (c) => c.series.length },
});

export class ChartSeriesProxy extends ClientObjectBase<SeriesRef> {
  private source(
    call: "setValues" | "setXAxisValues",
    key: "values" | "xValues",
    data: RangeProxy
  ) {
    this._q(call, [data], (r) => {
      const m = model(this._ctx);
      const src = rangeOnly(data, `ChartSeries.${call}`);
      r.chart.series[r.index][key] = m.addressOf(src.sheet, src.area);
    });
  }
  setValues(sourceData: RangeProxy): void {
    this.source("setValues", "values", sourceData);
  }
  setXAxisValues(sourceData: RangeProxy): void {
    this.source("setXAxisValues", "xValues", sourceData);
  }
  delete(): void {
    this._q("delete", [], (r) => {
      r.chart.series.splice(r.index, 1);
    });
  }
}
defineProps<SeriesRef>(ChartSeriesProxy, "ChartSeries", {
  ...fields("ChartSeries", (r: SeriesRef) => r.chart.series[r.index], { name: asText }),
  chartType: {
    get: (r) => r.chart.series[r.index]?.chartType ?? r.chart.chartType,
    set: (r, v) =>
      (r.chart.series[r.index].chartType = oneOf(v, CHART_TYPES, "ChartSeries.chartType")),
  },
});

// ============================================================================ Settings and names

type SettingRef = { key: string };

export class SettingCollectionProxy extends KeyedCollectionBase<Model, SettingProxy> {
  _list(m: Model) {
    return [...m.settings.keys()].map((key) => ({ key }));
  }
  _item(resolver: () => unknown, path: string) {
    return new SettingProxy(this._ctx, resolver as () => SettingRef | null, path);
  }
  add(key: string, value: unknown): SettingProxy {
    return this._add(
      [key, value],
      (m) => {
        if (typeof key !== "string" || key === "" || value === undefined)
          throw invalidArgument("SettingCollection.add");
        m.settings.set(key, JSON.parse(JSON.stringify(value)));
        return { key };
      },
      `add(${JSON.stringify(key)})`
    );
  }
  _find(m: Model, key: string | number) {
    return m.settings.has(String(key)) ? { key: String(key) } : null;
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
export class NamedItemCollectionProxy extends KeyedCollectionBase<Model, NamedItemProxy> {
  _list(m: Model) {
    return [...m.names.values()].map((n) => ({ name: n.name }));
  }
  _item(resolver: () => unknown, path: string) {
    return new NamedItemProxy(this._ctx, resolver as () => NameRef | null, path);
  }
  add(name: string, reference: RangeProxy | string, comment?: string): NamedItemProxy {
    return this._add(
      [name, reference, comment ?? ""],
      (m) => {
        let ref: string;
        if (typeof reference === "string") ref = reference;
        else {
          const r = reference._need("NamedItemCollection.add");
          ref = `=${m.addressOf(r.sheet, r.area).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`;
        }
        m.addName(name, ref, comment ?? "");
        return { name };
      },
      `add(${JSON.stringify(name)})`
    );
  }
  _find(m: Model, key: string | number) {
    const n = m.names.get(String(key).toLowerCase());
    return n ? { name: n.name } : null;
  }
}
defineProps<Model>(NamedItemCollectionProxy, "NamedItemCollection", {});

/** A defined name's record (formula, comment), or ItemNotFound once it is deleted. */
function nameOf(m: Model, r: NameRef) {
  const n = m.names.get(r.name.toLowerCase());
  if (!n) throw itemNotFound(`NamedItem '${r.name}'`);
  return n;
}

export class NamedItemProxy extends ClientObjectBase<NameRef> {
  private range(call: string, orNull: boolean): RangeProxy {
    const r = new RangeProxy(
      this._ctx,
      this._child(call, (ref) => {
        const m = model(this._ctx);
        try {
          return m.resolveReference(nameOf(m, ref).formula, null);
        } catch (e) {
          if (orNull) return null;
          throw e;
        }
      }),
      `${this._path}.${call}()`
    );
    return orNull ? r._checkNull() : r;
  }
  getRange(): RangeProxy {
    return this.range("getRange", false);
  }
  getRangeOrNullObject(): RangeProxy {
    return this.range("getRangeOrNullObject", true);
  }
  delete(): void {
    this._q("delete", [], (r) => model(this._ctx).deleteName(r.name));
  }
}
defineProps<NameRef>(NamedItemProxy, "NamedItem", {
  name: { get: (r) => r.name },
  formula: { get: (r, self) => nameOf(model(self._ctx), r).formula },
  value: { get: (r, self) => nameOf(model(self._ctx), r).formula.replace(/^=/, "") },
  type: { get: () => "Range" },
  comment: { get: (r, self) => nameOf(model(self._ctx), r).comment },
  visible: { get: () => true },
});
