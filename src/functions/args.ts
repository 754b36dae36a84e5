/**
 * Argument conventions shared by every FUNDING function (set by FUNDING.CLASSIFY):
 * - any argument may be one cell or a range; ranges of the same height are taken row by row and
 *   the result spills one row per input row; a single cell applies to every row;
 * - a row that cannot be computed returns #VALUE! (or #N/A) in each of its cells, with a message
 *   naming the argument; the other rows still compute;
 * - nothing throws and nothing returns NaN or Infinity.
 */
import type { Result, ValueProblem } from "../domain/kernel/result";

/** A cell as Excel hands it to a custom function. */
export type Cell = string | number | boolean | null | undefined;

/** Any argument as a grid: omitted (null) -> null, a scalar -> [[v]], a range -> itself. */
export function asGrid(arg: unknown): Cell[][] | null {
  if (arg === null || arg === undefined) return null;
  if (Array.isArray(arg)) {
    if (arg.length === 0) return null;
    return (arg as unknown[]).map((row) => (Array.isArray(row) ? (row as Cell[]) : [row as Cell]));
  }
  return [[arg as Cell]];
}

/** All cells of a grid, row by row (for arguments that are lists: pools, weights). */
export function flatten(arg: unknown): Cell[] {
  const g = asGrid(arg);
  return g ? g.flat() : [];
}

export type RowArgs = Record<string, Cell>;

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
    if (g.length > 1 && g.some((r) => r.length !== 1)) {
      return {
        ok: false,
        problem: {
          kind: "value",
          field: name,
          message: `${name} must be one cell or one column; got ${g.length} rows x ${g[0].length} columns`,
        },
      };
    }
    if (g.length === 1 && g[0].length > 1) {
      return {
        ok: false,
        problem: {
          kind: "value",
          field: name,
          message: `${name} must be one cell or one column; got a row of ${g[0].length} cells`,
        },
      };
    }
    if (g.length > 1) {
      if (rows > 1 && g.length !== rows) {
        return {
          ok: false,
          problem: {
            kind: "value",
            field: name,
            message: `${name} has ${g.length} rows but ${setBy} has ${rows}; ranges must be the same height`,
          },
        };
      }
      rows = g.length;
      setBy = name;
    }
  }
  return { ok: true, value: { rows, grids } };
}

/** The value of a grid argument for row r (a single cell applies to every row). */
export function cellFor(grid: Cell[][] | null, r: number): Cell {
  if (!grid) return null;
  return grid.length === 1 ? grid[0][0] : grid[r][0];
}

/**
 * Map row by row: compute(row) gives the cells of a result row or a problem. A problem becomes a
 * row of errors of the same width; an unexpected exception becomes #VALUE! in that row only, and
 * any non-finite number is refused rather than returned.
 */
export function mapRows(
  args: Record<string, unknown>,
  width: number,
  compute: (row: RowArgs, index: number) => Result<(string | number | boolean)[]>
): (string | number | boolean | CustomFunctions.Error)[][] {
  const shape = rowsOf(args);
  if (!shape.ok) return [errorRow(shape.problem, width)];
  const { rows, grids } = shape.value;
  const names = Object.keys(args);
  const out: (string | number | boolean | CustomFunctions.Error)[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const row: RowArgs = {};
    for (const n of names) row[n] = cellFor(grids[n], r);
    let res: Result<(string | number | boolean)[]>;
    try {
      res = compute(row, r);
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
    if (!res.ok) {
      out[r] = errorRow(res.problem, width);
    } else if (res.value.some((v) => typeof v === "number" && !Number.isFinite(v))) {
      out[r] = errorRow(
        { kind: "value", field: "", message: "The result is not a finite number" },
        width
      );
    } else {
      out[r] = res.value;
    }
  }
  return out;
}
