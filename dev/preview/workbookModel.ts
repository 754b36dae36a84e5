/**
 * The preview grid's view of the in-memory workbook (packages/excel-double), read through the
 * double's public inspection helpers only: display text (range.text), formulas, fills, bold,
 * font colours, column widths, the used range, the active sheet and the selection. Conditional
 * formats are applied for the rule kinds the add-in writes (cell value comparisons and custom
 * formulas), evaluated with wb.calculateFormula, so highlights show as they would in Excel.
 */
import type { MemoryWorkbook } from "../../packages/excel-double/src";
import { columnIndex, columnLetters } from "../../src/sheets/a1";
import { parseAddress, rectAddress, type Rect } from "./address";
import type { CellView, ChartView, Selection, SheetView, WorkbookModel } from "./model";

const STANDARD_WIDTH_POINTS = 64;
/** Excel measures a chart's size in points; the grid is drawn in CSS pixels (96 per inch). */
const PIXELS_PER_POINT = 4 / 3;
const ERROR_TEXT =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|CYCLE!|ERROR!|PARSE!)$/;

/**
 * Move the relative references of a formula written for `from` so it applies to a cell
 * `dRows` rows down and `dCols` columns right, as Excel does for a conditional format's range.
 */
export function shiftFormula(formula: string, dRows: number, dCols: number): string {
  return formula
    .split('"')
    .map((part, i) =>
      i % 2 === 1
        ? part // inside a string literal
        : part.replace(
            /(^|[^A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_])/g,
            (_m, pre, dc, col, dr, row) => {
              const c = dc ? col.toUpperCase() : columnLetters(columnIndex(col) + dCols);
              const r = dr ? row : String(Number(row) + dRows);
              return `${pre}${dc}${c}${dr}${r}`;
            }
          )
    )
    .join('"');
}

function truthy(v: unknown): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  return false;
}

function compare(operator: string, v: unknown, a: unknown, b: unknown): boolean {
  const num = (x: unknown) =>
    typeof x === "number"
      ? x
      : typeof x === "string" && x.trim() !== "" && Number.isFinite(Number(x))
        ? Number(x)
        : NaN;
  const x = num(v);
  const lo = num(a);
  const hi = num(b);
  if (typeof v === "string" && v !== "" && Number.isNaN(x)) {
    // Text compared with text: equality only, case-insensitive, as Excel.
    if (operator === "EqualTo") return typeof a === "string" && v.toLowerCase() === a.toLowerCase();
    if (operator === "NotEqualTo")
      return !(typeof a === "string" && v.toLowerCase() === a.toLowerCase());
    return false;
  }
  if (v === "" || v === null || Number.isNaN(x)) return false;
  switch (operator) {
    case "Between":
      return x >= Math.min(lo, hi) && x <= Math.max(lo, hi);
    case "NotBetween":
      return x < Math.min(lo, hi) || x > Math.max(lo, hi);
    case "EqualTo":
      return x === lo;
    case "NotEqualTo":
      return x !== lo;
    case "GreaterThan":
      return x > lo;
    case "LessThan":
      return x < lo;
    case "GreaterThanOrEqual":
    case "GreaterThanOrEqualTo":
      return x >= lo;
    case "LessThanOrEqual":
    case "LessThanOrEqualTo":
      return x <= lo;
    default:
      return false;
  }
}

type DoubleChart = ReturnType<MemoryWorkbook["getCharts"]>[number];

/** The cells of an address (on `sheet` unless it names its own), read row by row into one list. */
function cellsOf(
  wb: MemoryWorkbook,
  sheet: string,
  address: string | null,
  read: "values" | "text"
): unknown[] {
  const parsed = address ? parseAddress(address) : null;
  if (!parsed) return [];
  const on = parsed.sheet ?? sheet;
  const where = rectAddress(parsed.rect);
  try {
    return (read === "text" ? wb.getText(on, where) : wb.getValues(on, where)).flat();
  } catch {
    return []; // the sheet was deleted or renamed since: Excel shows an empty series
  }
}

/** A chart as the double records it, with its series read from the cells as they are now. */
export function chartView(wb: MemoryWorkbook, sheet: string, c: DoubleChart): ChartView {
  const series = c.series.map((s) => ({
    name: s.name,
    values: cellsOf(wb, sheet, s.values, "values").map((v) =>
      typeof v === "number" && Number.isFinite(v) ? v : null
    ),
  }));
  const length = Math.max(0, ...series.map((s) => s.values.length));
  const xValues = c.series.find((s) => s.xValues)?.xValues ?? null;
  const labels = cellsOf(wb, sheet, xValues, "text").map(String);
  const categories = Array.from({ length }, (_, i) => labels[i] ?? String(i + 1));
  const firstValues = parseAddress(c.series[0]?.values ?? "");
  let valueFormat = "General";
  if (firstValues) {
    const top = { ...firstValues.rect, rows: 1, cols: 1 };
    try {
      valueFormat = String(
        wb.getNumberFormats(firstValues.sheet ?? sheet, rectAddress(top))[0][0] ?? "General"
      );
    } catch {
      // keep General
    }
  }
  const axisTitle = (axis: string) => {
    const a = (c.axes as Record<string, { title: { text: string; visible: boolean } }>)[axis];
    return a?.title.visible ? a.title.text : "";
  };
  const startRect = c.position.start ? parseAddress(c.position.start)?.rect : null;
  const endRect = c.position.end ? parseAddress(c.position.end)?.rect : null;
  const source = c.source ? parseAddress(c.source)?.rect : null;
  // Without a position, beside its data (one column between), as the preview's stand-in for
  // Excel's "where the user is looking".
  const start = startRect
    ? { row: startRect.row, col: startRect.col }
    : source
      ? { row: source.row, col: source.col + source.cols + 1 }
      : { row: 0, col: 0 };
  return {
    name: c.name,
    type: c.chartType,
    title: c.titleVisible ? c.title : "",
    categories,
    series,
    legend: { visible: c.legend.visible, position: c.legend.position },
    axisTitles: { category: axisTitle("categoryAxis"), value: axisTitle("valueAxis") },
    valueFormat,
    start,
    end: startRect && endRect ? { row: endRect.row, col: endRect.col } : null,
    width: Math.round(c.position.width * PIXELS_PER_POINT),
    height: Math.round(c.position.height * PIXELS_PER_POINT),
  };
}

export function createWorkbookModel(wb: MemoryWorkbook): WorkbookModel {
  const lastSelection = new Map<string, Rect>();

  const visibleSheets = () =>
    wb.sheetNames().filter((n) => wb.getSheetInfo(n).visibility === "Visible");

  /** A rule's formula evaluated on the sheet (errors as "#DIV/0!"-style text); null when it cannot be. */
  const evaluate = (sheet: string, formula: string): unknown => {
    try {
      return wb.calculateFormula(sheet, formula);
    } catch {
      return null;
    }
  };

  const operand = (sheet: string, f: unknown): unknown => {
    if (f === null || f === undefined || f === "") return null;
    const text = String(f);
    if (text.startsWith("=")) return evaluate(sheet, text);
    const n = Number(text);
    return Number.isFinite(n) ? n : text.replace(/^"(.*)"$/, "$1");
  };

  /** Apply the sheet's conditional formats to the cells shown, highest priority first. */
  const applyConditionalFormats = (sheet: string, cells: CellView[][], values: unknown[][]) => {
    const decided = new Set<string>();
    for (const cf of wb.getConditionalFormats(sheet)) {
      const fill = cf.format?.fill.color ?? null;
      const color = cf.format?.font.color ?? null;
      const bold = cf.format?.font.bold ?? null;
      if (!fill && !color && !bold) continue;
      // The double reports types as Excel names them ("CellValue", "Custom").
      const type = cf.type.toLowerCase();
      if (type !== "cellvalue" && type !== "custom") continue;
      const parsed = parseAddress(cf.address);
      if (!parsed) continue;
      const area = parsed.rect;
      const rowEnd = Math.min(area.row + area.rows, cells.length);
      const colEnd = Math.min(area.col + area.cols, cells[0]?.length ?? 0);
      const rule = cf.rule ?? {};
      // A cell-value rule's operands are the same for every cell; work them out once.
      const a = type === "cellvalue" ? operand(sheet, rule.formula1) : null;
      const b = type === "cellvalue" ? operand(sheet, rule.formula2) : null;
      for (let r = area.row; r < rowEnd; r++) {
        for (let c = area.col; c < colEnd; c++) {
          const key = `${r},${c}`;
          if (decided.has(key)) continue;
          let applies = false;
          if (type === "cellvalue") applies = compare(rule.operator ?? "", values[r][c], a, b);
          else if (rule.formula)
            applies = truthy(
              evaluate(sheet, shiftFormula(rule.formula, r - area.row, c - area.col))
            );
          if (!applies) continue;
          const cell = cells[r][c];
          if (fill) cell.fill = fill;
          if (color) cell.color = color;
          if (bold) cell.bold = true;
          if (cf.stopIfTrue) decided.add(key);
        }
      }
    }
  };

  /** Excel refuses typing into locked cells of a protected sheet, with this message. */
  const lockedProblem = (sheet: string, rect: Rect): string | null => {
    if (!wb.isProtected(sheet)) return null;
    const locked = wb.getLocked(sheet, rectAddress(rect));
    return locked.some((row) => row.some(Boolean))
      ? "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet."
      : null;
  };

  const model: WorkbookModel = {
    sheetNames: visibleSheets,
    activeSheet() {
      const active = wb.activeSheetName();
      return active && visibleSheets().includes(active)
        ? active
        : (visibleSheets()[0] ?? wb.sheetNames()[0]);
    },
    activate(sheet) {
      const rect = lastSelection.get(sheet) ?? { row: 0, col: 0, rows: 1, cols: 1 };
      wb.select(sheet, rectAddress(rect));
    },
    selection(): Selection {
      const address = wb.selectedAddress();
      const parsed = address ? parseAddress(address) : null;
      const sheet = parsed?.sheet ?? model.activeSheet();
      return { sheet, rect: parsed?.rect ?? { row: 0, col: 0, rows: 1, cols: 1 } };
    },
    select(sheet, rect) {
      lastSelection.set(sheet, rect);
      wb.select(sheet, rectAddress(rect));
    },
    subscribe(listener) {
      return wb.subscribe(() => listener());
    },
    charts(sheet) {
      try {
        return wb.getCharts(sheet).map((c) => chartView(wb, sheet, c));
      } catch {
        return []; // the sheet is gone
      }
    },
    type(sheet, rect, texts) {
      const refused = lockedProblem(sheet, rect);
      if (refused) return refused;
      try {
        wb.setCells(sheet, rectAddress(rect), texts);
        return null;
      } catch (e) {
        // What Excel refuses (e.g. a text constant over 255 characters in a formula).
        return e instanceof Error ? e.message : String(e);
      }
    },
    clear(sheet, rect) {
      return model.type(
        sheet,
        rect,
        Array.from({ length: rect.rows }, () => new Array<string>(rect.cols).fill(""))
      );
    },
    sheetView(sheet, maxRows, maxCols): SheetView {
      const used = wb.usedAddress(sheet, false);
      const usedRect = used ? parseAddress(used)?.rect : null;
      const usedRows = usedRect ? usedRect.row + usedRect.rows : 0;
      const usedCols = usedRect ? usedRect.col + usedRect.cols : 0;
      const address = rectAddress({ row: 0, col: 0, rows: maxRows, cols: maxCols });
      const shown = wb.getText(sheet, address);
      const values = wb.getValues(sheet, address);
      const formulas = wb.getFormulas(sheet, address);
      const fills = wb.getFill(sheet, address);
      const bold = wb.getBold(sheet, address);
      const fonts = wb.getFontColor(sheet, address);
      const cells: CellView[][] = values.map((row, r) =>
        row.map((v, c) => {
          const kind: CellView["kind"] =
            v === "" || v === null
              ? "empty"
              : typeof v === "number"
                ? "number"
                : typeof v === "boolean"
                  ? "boolean"
                  : typeof v === "string" && ERROR_TEXT.test(v)
                    ? "error"
                    : "text";
          const font = fonts[r][c];
          return {
            // wb.getText is the double's inspection helper, a plain array, not an Excel proxy.
            // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
            text: kind === "empty" ? "" : shown[r][c],
            formula: formulas[r][c] === "" || formulas[r][c] === null ? "" : String(formulas[r][c]),
            kind,
            fill: fills[r][c] ?? undefined,
            color: font && font.toUpperCase() !== "#000000" ? font : undefined,
            bold: bold[r][c] || undefined,
            message:
              kind === "error"
                ? wb.errorMessage(sheet, rectAddress({ row: r, col: c, rows: 1, cols: 1 })) ||
                  undefined
                : undefined,
          };
        })
      );
      applyConditionalFormats(sheet, cells, values);
      const columnWidths = Array.from({ length: maxCols }, (_, c) => {
        const pt = wb.getColumnWidth(sheet, c);
        return pt === STANDARD_WIDTH_POINTS ? undefined : Math.round((pt * 4) / 3);
      });
      return { name: sheet, usedRows, usedCols, cells, columnWidths };
    },
  };
  return model;
}
