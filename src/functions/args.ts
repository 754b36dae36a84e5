/**
 * Argument conventions shared by every FUNDING function (set by FUNDING.CLASSIFY):
 * - any argument may be one cell or a range; ranges of the same height are taken row by row and
 *   the result spills one row per input row; a single cell applies to every row;
 * - trailing rows in which every column argument is empty (blank, or 0 as Excel on the desktop
 *   passes an empty cell) are not returned, so a whole column (D:D, 1,048,576 rows) returns as many
 *   rows as it has data;
 * - a row that cannot be computed returns #VALUE! (or #N/A) in each of its cells, with a message
 *   naming the argument; the other rows still compute. That includes an error value in a cell
 *   (#N/A, #DIV/0! ...): Excel passes it in because functions.json sets allowErrorForDataTypeAny
 *   (scripts/functions-metadata.js), and it becomes that row's error, naming the argument and row;
 * - every function returns its errors as error values in its result (a row of #VALUE! or #N/A),
 *   never throws, and never returns NaN or Infinity (test/functions/noThrow.test.ts).
 */
import { mayBeEmptyCell, parseAmount } from "../domain/kernel/parse";
import type { Result, ValueProblem } from "../domain/kernel/result";

// Globals used per row or per cell, looked up once: a global lookup is slow in some hosts (Node's
// vm contexts, where jest and the bench run, take about 0.4 microseconds each).
const { abs, round } = Math;
const isArray = Array.isArray;
const finite = Number.isFinite;
const toNumber = Number;

/**
 * An error value in a cell, as Excel passes it in when the metadata allows errors. Microsoft's
 * "Handle and return errors from your custom function"
 * (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors, "Errors as custom
 * function inputs") lists the error codes a function can receive as CustomFunctions.Error codes
 * (#NAME? and #REF! "supported as a custom function input error"); with data types enabled
 * (allowCustomDataForDataTypeAny, which the generated metadata sets) "a custom function can accept
 * a data types error object" (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-data-types-concepts),
 * an Excel.ErrorCellValue. Both shapes are recognised.
 */
export type ErrorValue = { code: string; message?: string } | { type: "Error"; basicValue: string };

/** A cell as Excel hands it to a custom function: a value, blank, or an error value. */
export type Cell = string | number | boolean | null | undefined | ErrorValue;

/** The error code ("#N/A", "#DIV/0!" ...) of an error value in a cell, or null for anything else. */
export function errorCodeOf(value: unknown): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const v = value as { code?: unknown; type?: unknown; basicValue?: unknown };
  if (typeof v.code === "string" && v.code.charAt(0) === "#") return v.code;
  if (v.type === "Error" && typeof v.basicValue === "string") return v.basicValue;
  return null;
}

/**
 * The problem with a cell that is not a plain value: an error value in the sheet, or a data type
 * (a linked entity, an image). `at` says where it is in its argument ("row 3", "cell 4"; "" for a
 * single cell) and `stops` what it stops: one result row, or everything (a cell every row uses).
 * Plain values (text, numbers, TRUE/FALSE, blank) give null. #N/A stays #N/A (something not there
 * yet); any other error gives #VALUE!, whose message names the error, the argument and the row.
 */
export function cellProblem(
  field: string,
  value: unknown,
  at: string,
  stops: "row" | "all" | "cell" = at.startsWith("row") ? "row" : "all"
): ValueProblem | null {
  if (typeof value !== "object" || value === null) return null;
  const where = at ? `${field} ${at}` : field;
  const code = errorCodeOf(value);
  const consequence =
    stops === "row"
      ? "so this row cannot be computed until that cell has a value"
      : stops === "cell"
        ? "so this result cannot be computed until that cell has a value"
        : "so nothing can be computed until that cell has a value";
  if (code !== null) {
    return {
      kind: code === "#N/A" ? "na" : "value",
      field,
      message: `${where} is ${code} in the sheet, ${consequence}`,
    };
  }
  return {
    kind: "value",
    field,
    message: `${where} is a data type (such as a linked entity or an image), not a value; give a number or text`,
  };
}

/**
 * Any argument as a grid: omitted (null) -> null, a scalar -> [[v]], a list -> one row per value,
 * a range -> itself. Excel passes a range as an array of row arrays of one width, so a range is
 * only checked (one pass, nothing copied: a whole column is a million rows), and copied into a
 * rectangle (short rows filled with blanks) only when it is not one, as a caller other than
 * Excel might pass. An empty range, or one whose rows are all empty, is null, like an omitted one.
 */
export function asGrid(arg: unknown): Cell[][] | null {
  if (arg === null || arg === undefined) return null;
  if (!isArray(arg)) return [[arg as Cell]];
  if (arg.length === 0) return null;
  if (!isArray(arg[0]) && !arg.some(isArray)) return (arg as Cell[]).map((v) => [v]);
  const width = isArray(arg[0]) ? arg[0].length : 0;
  let rectangle = width > 0;
  for (let r = 0; r < arg.length && rectangle; r++)
    rectangle = isArray(arg[r]) && (arg[r] as unknown[]).length === width;
  if (rectangle) return arg as Cell[][];
  const rows = (arg as unknown[]).map((row) => (isArray(row) ? (row as Cell[]) : [row as Cell]));
  let wide = 0;
  for (const row of rows) wide = Math.max(wide, row.length);
  if (wide === 0) return null;
  return rows.map((row) =>
    row.length === wide ? row : [...row, ...new Array<Cell>(wide - row.length).fill(null)]
  );
}

/** All cells of a grid, row by row (for arguments that are lists: pools, weights). */
export function flatten(arg: unknown): Cell[] {
  const g = asGrid(arg);
  return g ? g.flat() : [];
}

/** How many of the cells to keep: up to the last one that is not empty (mayBeEmptyCell). */
export function usedLength(cells: readonly Cell[]): number {
  let end = cells.length;
  while (end > 0 && mayBeEmptyCell(cells[end - 1])) end--;
  return end;
}

/** The problem with the first error value or data type among cells, naming the cell, or null. */
export function listProblem(cells: readonly Cell[], field: string): ValueProblem | null {
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (typeof v === "object" && v !== null)
      return cellProblem(field, v, cells.length > 1 ? `cell ${i + 1}` : "", "all");
  }
  return null;
}

/**
 * The rows of a grid to compute: up to the last row with a cell that is not empty (mayBeEmptyCell),
 * at least 1 (see usedRows).
 */
export function usedGridRows(grid: readonly (readonly Cell[])[]): number {
  for (let r = grid.length - 1; r > 0; r--) {
    const row = grid[r];
    for (let j = 0; j < row.length; j++) if (!mayBeEmptyCell(row[j])) return r + 1;
  }
  return Math.min(1, grid.length);
}

/** The cells of one row of a column argument, as read by readRow (reused from row to row). */
export type RowArgs = Record<string, Cell>;

/**
 * An amount in pence, as parseAmount (kernel/parse.ts) reads it, when the value is a number whose
 * value x 100, y, lies within |y| x 2.5e-16 of a whole number r with |r| < 10^15; otherwise null
 * (read it with parseAmount). parseAmount gives r for such a number: toPence rounds y to 15
 * significant digits (toPrecision(15)), and the step between 15-digit numbers near y is more than
 * |y| x 1e-15, over four times the distance to r, a whole number and so one of them. Every number
 * typed with at most two decimal places below £10 trillion takes this path (a double differs from
 * the decimal typed by at most 1.2e-16 of it, and x 100 adds at most as much), without the string
 * toPence builds. Negative amounts are left to parseAmount, which refuses them or reads them (min0: false).
 * test/functions/args.test.ts checks it against parseAmount over random numbers.
 */
export function fastPence(value: unknown): number | null {
  if (typeof value !== "number") return null;
  const y = value * 100;
  const r = round(y);
  if (!(r >= 0 && r < 1e15) || abs(y - r) > y * 2.5e-16) return null;
  return r === 0 ? 0 : r;
}

/** Money text in its plainest forms: "12000", "12,000.5", "£12,000.50" (no spaces, no sign, at most 2 decimals). */
const PLAIN_MONEY = /^£?(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?$/;
const COMMAS = /,/g;

/**
 * fastPence for money text in its plainest forms too (PLAIN_MONEY), which parseMoney
 * (kernel/money.ts) reads as the number written (Number of the text without "£" and commas) and
 * then as toPence does: the same result, by fastPence. Null: read it with parseAmount.
 */
export function fastAmount(value: unknown): number | null {
  if (typeof value === "number") return fastPence(value);
  if (typeof value !== "string") return null;
  const m = PLAIN_MONEY.exec(value);
  if (m === null) return null;
  return fastPence(toNumber(m[1].replace(COMMAS, "") + (m[2] ?? "")));
}

/** parseAmount (kernel/parse.ts), the same result, faster for numbers and plain money text (fastAmount). */
export function readAmount(
  value: unknown,
  field: string,
  opts?: { min0?: boolean }
): Result<number> {
  const p = fastAmount(value);
  return p !== null ? { ok: true, value: p } : parseAmount(value, field, opts);
}

/** Excel error for one problem (CustomFunctions.Error exists in the custom-functions runtime). */
export function toExcelError(problem: ValueProblem): CustomFunctions.Error {
  const code =
    problem.kind === "na"
      ? CustomFunctions.ErrorCode.notAvailable
      : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, problem.message.slice(0, 255));
}

/** A row of `width` copies of the error, so the whole row reads #VALUE! with the message. */
export function errorRow(problem: ValueProblem, width: number): CustomFunctions.Error[] {
  const e = toExcelError(problem);
  return Array.from({ length: width }, () => e);
}

function shapeProblem(field: string, message: string): { ok: false; problem: ValueProblem } {
  return { ok: false, problem: { kind: "value", field, message } };
}

/**
 * Take several column arguments row by row. Each argument must be a single cell or one column;
 * columns must have the same height (single cells apply to every row). Returns the row count or a
 * problem naming the argument whose shape is wrong.
 */
export function rowsOf(
  args: Record<string, unknown>
): Result<{ rows: number; grids: Record<string, Cell[][] | null> }> {
  const grids: Record<string, Cell[][] | null> = {};
  let rows = 1;
  let setBy = "";
  for (const [name, arg] of Object.entries(args)) {
    const g = asGrid(arg);
    grids[name] = g;
    if (!g) continue;
    // Excel passes a range as a rectangle, so its first row gives its width.
    if (g.length > 1 && g[0].length !== 1) {
      return shapeProblem(
        name,
        `${name} must be one cell or one column; got ${g.length} rows x ${g[0].length} columns`
      );
    }
    if (g.length === 1 && g[0].length > 1) {
      return shapeProblem(
        name,
        `${name} must be one cell or one column; got a row of ${g[0].length} cells`
      );
    }
    if (g.length > 1) {
      if (rows > 1 && g.length !== rows) {
        return shapeProblem(
          name,
          `${name} has ${g.length} rows but ${setBy} has ${rows}; ranges must be the same height`
        );
      }
      rows = g.length;
      setBy = name;
    }
  }
  return { ok: true, value: { rows, grids } };
}

/**
 * The rows to compute: up to the last row in which some column argument (an argument of more than
 * one row) is not empty. A trailing row in which every column argument is blank, "" or 0 -- which
 * is how Excel passes the empty cells below the data of a whole-column reference -- is not
 * returned. Single cells apply to every row and do not make rows of their own. 0 when every row of
 * every column argument is empty (see noData).
 */
export function usedRows(grids: readonly (Cell[][] | null)[], rows: number): number {
  const columns = grids.filter((g): g is Cell[][] => g !== null && g.length > 1);
  if (columns.length === 0) return rows;
  for (let r = rows - 1; r >= 0; r--) {
    for (let k = 0; k < columns.length; k++) {
      if (!mayBeEmptyCell(columns[k][r][0])) return r + 1;
    }
  }
  return 0;
}

/** The problem for column arguments with no data at all (every row empty), naming them. */
export function noData(columns: Columns): ValueProblem {
  const names = columns.names.filter((_, k) => (columns.grids[k]?.length ?? 0) > 1);
  return {
    kind: "value",
    field: names.join(", "),
    message: `${names.join(", ")}: no data yet (every row is blank or 0)`,
  };
}

/** Column arguments ready to be read row by row (see columnsOf and readRow). */
export type Columns = {
  /** Rows to compute, trailing empty rows left out (usedRows); 0 when there is no data (noData). */
  rows: number;
  names: readonly string[];
  grids: readonly (Cell[][] | null)[];
  /** For each single-cell argument that is an error value or a data type: its problem, else null. */
  shared: readonly (ValueProblem | null)[];
};

/** Check the shapes of column arguments (rowsOf) and leave out trailing empty rows (usedRows). */
export function columnsOf(args: Record<string, unknown>): Result<Columns> {
  const shape = rowsOf(args);
  if (!shape.ok) return shape;
  const names = Object.keys(args);
  const grids = names.map((n) => shape.value.grids[n]);
  const shared = grids.map((g, k) =>
    g !== null && g.length === 1 ? cellProblem(names[k], g[0][0], "") : null
  );
  return {
    ok: true,
    value: { rows: usedRows(grids, shape.value.rows), names, grids, shared },
  };
}

/**
 * Read row r of the columns into `into` (one cell per argument, in order), and return the problem
 * with the first argument, in argument order, that holds an error value or a data type for this
 * row, or null. No object is made per row: `into` is reused.
 */
export function readRow(columns: Columns, r: number, into: Cell[]): ValueProblem | null {
  const { grids, names, shared } = columns;
  let problem: ValueProblem | null = null;
  for (let k = 0; k < grids.length; k++) {
    const g = grids[k];
    let v: Cell = null;
    if (g !== null) {
      if (g.length === 1) {
        v = g[0][0];
        if (problem === null) problem = shared[k];
      } else {
        v = g[r][0];
        if (problem === null && typeof v === "object" && v !== null)
          problem = cellProblem(names[k], v, `row ${r + 1}`);
      }
    }
    into[k] = v;
  }
  return problem;
}

type Out = (string | number | boolean | CustomFunctions.Error)[];

/**
 * One result row from compute: a problem becomes a row of errors of the same width; an unexpected
 * exception becomes #VALUE! in that row only, and any non-finite number is refused rather than
 * returned.
 */
export function resultRow<T>(
  compute: (input: T, index: number) => Result<(string | number | boolean)[]>,
  input: T,
  r: number,
  width: number
): Out {
  let res: Result<(string | number | boolean)[]>;
  try {
    res = compute(input, r);
  } catch (e) {
    res = {
      ok: false,
      problem: {
        kind: "value",
        field: "",
        message: `Could not compute this row: ${(e as Error)?.message ?? String(e)}`,
      },
    };
  }
  if (!res.ok) return errorRow(res.problem, width);
  const cells = res.value;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (typeof v === "number" && !finite(v))
      return errorRow(
        { kind: "value", field: "", message: "The result is not a finite number" },
        width
      );
  }
  return cells;
}

/**
 * Map row by row: compute(row) gives the cells of a result row or a problem (see resultRow). A row
 * with an error value or a data type in one of its arguments is that row's error, naming the
 * argument and the row, and compute is not called for it. The row object passed to compute is
 * reused from row to row: copy what you keep.
 */
export function mapRows(
  args: Record<string, unknown>,
  width: number,
  compute: (row: RowArgs, index: number) => Result<(string | number | boolean)[]>
): Out[] {
  const shape = columnsOf(args);
  if (!shape.ok) return [errorRow(shape.problem, width)];
  const columns = shape.value;
  if (columns.rows === 0) return [errorRow(noData(columns), width)];
  const { rows, names } = columns;
  const cells: Cell[] = new Array(names.length);
  // The row object reads through to `cells`, which readRow fills: nothing is written per row.
  const row: RowArgs = {};
  names.forEach((n, k) => Object.defineProperty(row, n, { get: () => cells[k], enumerable: true }));
  const out: Out[] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const problem = readRow(columns, r, cells);
    out[r] = problem !== null ? errorRow(problem, width) : resultRow(compute, row, r, width);
  }
  return out;
}
