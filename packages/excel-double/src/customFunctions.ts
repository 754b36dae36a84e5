/**
 * Custom functions in the double's formula engine, called the way Excel calls an add-in's custom
 * functions, so the preview (and tests) can type `=FUNDING.CLASSIFY(D2:D9, E2:E9, F2:F9)` into a
 * cell and run the add-in's own functions (the ones functions.js registers through
 * CustomFunctions.associate), described by the add-in's own functions.json.
 *
 * The calling convention, as Microsoft documents it:
 * - a parameter with `dimensionality: "matrix"` receives a 2-D array, row by row, even for one
 *   cell ("Custom functions parameter options", https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-parameter-options);
 *   a scalar parameter receives one value (a range given to it is refused here with #VALUE!:
 *   Excel would call the function once per cell and spill the results, which the double does not do);
 * - an optional argument that is omitted, or left empty (`=F(A1,,C1)`), arrives as null (same page,
 *   "Optional parameters": "the value of the parameter will be null");
 * - an empty cell arrives as `blank` (null by default; Excel on the web passes null or "", the
 *   desktop 0: office-js #4702, #5262, #1951), chosen with the `blank` option;
 * - an error value in a cell arrives as an error object (`{ code: "#N/A", message }`, what
 *   CustomFunctions.Error holds) only when the metadata sets allowErrorForDataTypeAny and the
 *   parameter is typed any; otherwise the function is not called and the cell shows the first
 *   error among the arguments ("Handle and return errors from your custom function",
 *   https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors, "Errors as custom
 *   function inputs");
 * - the result is a value, a CustomFunctions.Error (returned or thrown), or a 2-D array that
 *   spills right and down from the cell, #SPILL! when any cell of that area is not empty
 *   ("Return multiple results from your custom function",
 *   https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-dynamic-arrays); an
 *   error object inside the array is that cell's error; a thrown exception is #VALUE!;
 * - a Promise is waited for (the cell shows #N/A, "busy", until it settles, then recalculates).
 *
 * How the spill is done: HyperFormula sizes an array formula when it is entered, so the plugin's
 * size method calls the function to learn the result's size. When an input changes and the result
 * no longer has that size, or a blocked spill area may have cleared, the model enters the formula
 * again (settleSpills in model.ts), which sizes it afresh: the spill grows and shrinks as Excel's.
 * Browser-safe: no Node APIs.
 */
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from "hyperformula";

/** One function of functions.json, as much as the convention needs. */
export interface CustomFunctionMetadata {
  id: string;
  name?: string;
  parameters?: {
    name: string;
    type?: string;
    dimensionality?: string;
    optional?: boolean;
  }[];
  result?: { type?: string; dimensionality?: string };
}

/** functions.json: the functions and the flags that apply to all of them. */
export interface CustomFunctionsMetadata {
  allowErrorForDataTypeAny?: boolean;
  functions: CustomFunctionMetadata[];
}

export type CustomFunctionImplementation = (...args: unknown[]) => unknown;

export interface CustomFunctionsOptions {
  /** The namespace of the manifest (<Namespace resid=...>): FUNDING for `=FUNDING.CLASSIFY(...)`. */
  namespace: string;
  /** What an empty cell arrives as: null (default), "" or 0. */
  blank?: null | "" | 0;
}

interface Registered {
  meta: CustomFunctionMetadata;
  fn: CustomFunctionImplementation;
}

/** The custom functions of one workbook, reached by the plugin through HyperFormula's `context`. */
export class CustomFunctionRegistry {
  readonly functions = new Map<string, Registered>();
  allowErrors = false;
  blank: null | "" | 0 = null;
  /**
   * Anchors (sheet id, row, col) of custom-function formulas, with the size of their last result:
   * checked by settleSpills, and counted in the used range (spilled cells are used cells).
   */
  readonly anchors = new Map<
    string,
    { sheet: number; row: number; col: number; rows?: number; cols?: number }
  >();
  /** Anchors whose last result did not fit the size the engine gave them. */
  readonly resized = new Set<string>();
  /** Results of Promises that settled, waiting for the anchor to be entered again. */
  readonly settled = new Map<string, unknown>();
  /** Called when a Promise settles: the model enters the anchor again. */
  onSettled: (key: string) => void = () => undefined;

  register(
    metadata: CustomFunctionsMetadata,
    implementations: Record<string, CustomFunctionImplementation>,
    options: CustomFunctionsOptions
  ): string[] {
    this.allowErrors = metadata.allowErrorForDataTypeAny === true;
    this.blank = options.blank === undefined ? null : options.blank;
    const names: string[] = [];
    const byId = new Map(Object.entries(implementations).map(([k, v]) => [k.toUpperCase(), v]));
    for (const meta of metadata.functions) {
      const fn = byId.get(meta.id.toUpperCase());
      if (!fn) continue;
      const name = `${options.namespace}.${(meta.name ?? meta.id).toUpperCase()}`;
      this.functions.set(name, { meta, fn });
      names.push(name);
    }
    registerNames(names);
    return names;
  }
}

export const anchorKey = (sheet: number, row: number, col: number) => `${sheet}:${row}:${col}`;

const ERROR_TYPES: Record<string, ErrorType> = {
  "#N/A": ErrorType.NA,
  "#VALUE!": ErrorType.VALUE,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#NUM!": ErrorType.NUM,
  "#NAME?": ErrorType.NAME,
  "#REF!": ErrorType.REF,
  "#NULL!": ErrorType.VALUE,
};

const ERROR_CODES: Partial<Record<string, string>> = {
  NA: "#N/A",
  VALUE: "#VALUE!",
  DIV_BY_ZERO: "#DIV/0!",
  NUM: "#NUM!",
  NAME: "#NAME?",
  REF: "#REF!",
  SPILL: "#SPILL!",
  CYCLE: "#VALUE!",
  ERROR: "#NAME?",
  LIC: "#NAME?",
};

/** An error value as a custom function receives it: CustomFunctions.Error when the runtime has it. */
function errorInput(e: CellError): unknown {
  const code = ERROR_CODES[e.type] ?? "#VALUE!";
  const Ctor = (
    globalThis as { CustomFunctions?: { Error?: new (c: string, m?: string) => unknown } }
  ).CustomFunctions?.Error;
  return Ctor ? new Ctor(code, e.message || undefined) : { code, message: e.message || undefined };
}

/** The error code of a value a custom function returned or threw, or null. */
function errorCodeOf(value: unknown): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const code = (value as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("#") ? code : null;
}

function cellError(code: string, message?: string): CellError {
  return new CellError(ERROR_TYPES[code] ?? ErrorType.VALUE, message);
}

/** One value of the engine as the function receives it (numbers, text, booleans, blank, errors). */
function toInput(v: unknown, blank: null | "" | 0): unknown {
  if (v === EmptyValue || v === null || v === undefined) return blank;
  if (v instanceof CellError) return v;
  if (typeof v === "object" && v !== null && "val" in v) return (v as { val: unknown }).val;
  return v;
}

/** One value the function returned, as the engine holds it. */
function fromOutput(v: unknown): unknown {
  if (v === null || v === undefined) return EmptyValue;
  if (typeof v === "number") return Number.isFinite(v) ? v : new CellError(ErrorType.NUM);
  if (typeof v === "string" || typeof v === "boolean") return v;
  const code = errorCodeOf(v);
  if (code) return cellError(code, (v as { message?: string }).message);
  // A data type or anything else Excel cannot show in a cell.
  return new CellError(ErrorType.VALUE, "The function returned something that is not a value.");
}

type Outcome = { grid: unknown[][] } | { error: CellError } | { busy: true };

/** The arguments of one call, converted to Excel's convention, or the error that stops the call. */
function argumentsFor(
  reg: CustomFunctionRegistry,
  meta: CustomFunctionMetadata,
  values: unknown[]
): { args: unknown[] } | { error: CellError } {
  const params = meta.parameters ?? [];
  const required = params.filter((p) => !p.optional).length;
  if (values.length > params.length)
    return {
      error: new CellError(
        ErrorType.VALUE,
        `Too many arguments: the function takes ${params.length}.`
      ),
    };
  const args: unknown[] = [];
  const errorsIn = (p: { type?: string }) =>
    reg.allowErrors && (p.type === undefined || p.type === "any");
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    const v = values[i];
    if (v === undefined) {
      if (i < required && !p.optional)
        return {
          error: new CellError(ErrorType.VALUE, `Missing argument: ${p.name} is required.`),
        };
      args.push(null);
      continue;
    }
    const grid =
      v instanceof SimpleRangeValue
        ? v.data.map((row) => row.map((x) => toInput(x, reg.blank)))
        : null;
    let value: unknown;
    if (p.dimensionality === "matrix") value = grid ?? [[toInput(v, reg.blank)]];
    else if (grid) {
      if (grid.length !== 1 || grid[0].length !== 1)
        return {
          error: new CellError(
            ErrorType.VALUE,
            `${p.name} takes one value; the preview does not call the function once per cell of a range as Excel does.`
          ),
        };
      value = grid[0][0];
    } else value = toInput(v, reg.blank);
    // Error values: passed in only where the metadata allows them, else the result is the error.
    const cells = Array.isArray(value) ? (value as unknown[][]) : [[value]];
    for (const row of cells) {
      for (let c = 0; c < row.length; c++) {
        const x = row[c];
        if (!(x instanceof CellError)) continue;
        if (!errorsIn(p)) return { error: x };
        row[c] = errorInput(x);
      }
    }
    args.push(Array.isArray(value) ? cells : cells[0][0]);
  }
  return { args };
}

/** The result of one call as a grid of engine values, an error, or busy (a Promise pending). */
function outcomeOf(result: unknown): Outcome {
  const code = errorCodeOf(result);
  if (code) return { error: cellError(code, (result as { message?: string }).message) };
  if (!Array.isArray(result)) return { grid: [[fromOutput(result)]] };
  if (result.length === 0) return { error: new CellError(ErrorType.VALUE, "An empty result.") };
  const rows = result.map((row) => (Array.isArray(row) ? (row as unknown[]) : [row]));
  const width = Math.max(...rows.map((r) => r.length));
  if (width === 0) return { error: new CellError(ErrorType.VALUE, "An empty result.") };
  // Rows shorter than the widest are padded with #N/A, as Excel pads ragged arrays.
  return {
    grid: rows.map((r) => {
      const out = r.map(fromOutput);
      while (out.length < width) out.push(new CellError(ErrorType.NA));
      return out;
    }),
  };
}

/** Names already known to HyperFormula (its function registry is global). */
const knownNames = new Set<string>();
let pluginCount = 0;

interface AstLike {
  procedureName: string;
  args: { type: string }[];
}
interface StateLike {
  formulaAddress: { sheet: number; row: number; col: number };
  formulaVertex?: { width?: number; height?: number; formula?: unknown };
}

/** The plugin: one method for every custom function; the workbook's registry is the engine's context. */
class CustomFunctionsPlugin extends FunctionPlugin {
  private registry(): CustomFunctionRegistry | null {
    const ctx = (this as unknown as { config: { context: unknown } }).config.context;
    return ctx instanceof CustomFunctionRegistry ? ctx : null;
  }

  /** Call the function for this formula (values of its arguments read from the engine now). */
  private run(ast: AstLike, state: StateLike, consume: boolean): Outcome {
    const reg = this.registry();
    const entry = reg?.functions.get(ast.procedureName.toUpperCase());
    if (!reg || !entry)
      return { error: new CellError(ErrorType.NAME, `${ast.procedureName} is not registered.`) };
    const { sheet, row, col } = state.formulaAddress;
    const key = anchorKey(sheet, row, col);
    reg.anchors.set(key, { sheet, row, col });
    const values = ast.args.map((a) =>
      a.type === "EMPTY" ? undefined : (this.evaluateAst(a as never, state as never) as unknown)
    );
    // An omitted optional argument and an empty one (`F(A1,,C1)`) both arrive as null.
    const prepared = argumentsFor(
      reg,
      entry.meta,
      values.map((v, i) => (ast.args[i].type === "EMPTY" ? null : v))
    );
    if ("error" in prepared) return prepared;
    if (reg.settled.has(key)) {
      // A Promise from an earlier call settled: its value, once (the size and the evaluation).
      const done = reg.settled.get(key);
      if (consume) reg.settled.delete(key);
      return outcomeOf(done);
    }
    let result: unknown;
    try {
      result = entry.fn(...prepared.args);
    } catch (e) {
      const code = errorCodeOf(e);
      return {
        error: code
          ? cellError(code, (e as { message?: string }).message)
          : new CellError(ErrorType.VALUE, e instanceof Error ? e.message : String(e)),
      };
    }
    if (result instanceof Promise) {
      result.then(
        (v) => {
          reg.settled.set(key, v);
          reg.onSettled(key);
        },
        (e) => {
          reg.settled.set(key, errorCodeOf(e) ? e : { code: "#VALUE!", message: String(e) });
          reg.onSettled(key);
        }
      );
      return { busy: true };
    }
    return outcomeOf(result);
  }

  customFunction(ast: AstLike, state: StateLike): unknown {
    const outcome = this.run(ast, state, true);
    if ("busy" in outcome) return new CellError(ErrorType.NA, "#BUSY! Waiting for the function.");
    if ("error" in outcome) return outcome.error;
    const grid = outcome.grid;
    const vertex = state.formulaVertex;
    // Inside another function (=SUM(FUNDING.SPLIT(...))) the whole result goes to that function.
    if (!vertex || vertex.formula !== ast) {
      if (grid.length === 1 && grid[0].length === 1) return grid[0][0];
      return SimpleRangeValue.onlyValues(grid as never);
    }
    const width = vertex.width ?? 1;
    const height = vertex.height ?? 1;
    const reg = this.registry();
    const { sheet, row, col } = state.formulaAddress;
    const anchor = reg?.anchors.get(anchorKey(sheet, row, col));
    if (anchor) {
      anchor.rows = height;
      anchor.cols = width;
    }
    if (grid.length !== height || grid[0].length !== width)
      reg?.resized.add(anchorKey(sheet, row, col));
    if (width === 1 && height === 1) return grid[0][0];
    // Fit the size the engine holds for now; the model enters the formula again to resize it.
    const fitted: unknown[][] = [];
    for (let r = 0; r < height; r++) {
      const line: unknown[] = [];
      for (let c = 0; c < width; c++) line.push(grid[r]?.[c] ?? EmptyValue);
      fitted.push(line);
    }
    return SimpleRangeValue.onlyValues(fitted as never);
  }

  customFunctionSize(ast: AstLike, state: StateLike): ArraySize {
    try {
      const outcome = this.run(ast, state, false);
      if ("grid" in outcome) return new ArraySize(outcome.grid[0].length, outcome.grid.length);
    } catch {
      // An argument not computed yet: one cell for now; the evaluation finds the real size.
    }
    return ArraySize.scalar();
  }
}

/** Make HyperFormula know these function names (once each; its registry is global). */
function registerNames(names: string[]): void {
  const fresh = names.filter((n) => !knownNames.has(n));
  if (fresh.length === 0) return;
  // A subclass per registration: HyperFormula reads implementedFunctions from the class.
  const Plugin = class extends CustomFunctionsPlugin {};
  Object.defineProperty(Plugin, "name", { value: `CustomFunctionsPlugin${++pluginCount}` });
  // HyperFormula looks for the methods on the class's own prototype.
  for (const method of ["customFunction", "customFunctionSize"] as const)
    Object.defineProperty(Plugin.prototype, method, {
      value: CustomFunctionsPlugin.prototype[method],
    });
  const implemented: Record<string, unknown> = {};
  for (const n of fresh) {
    implemented[n] = {
      method: "customFunction",
      sizeOfResultArrayMethod: "customFunctionSize",
      parameters: [{ argumentType: FunctionArgumentType.ANY, optionalArg: true }],
      repeatLastArgs: 1,
      // The arguments are read by the method itself, as Excel hands them over.
      doesNotNeedArgumentsToBeComputed: false,
    };
  }
  (Plugin as unknown as { implementedFunctions: unknown }).implementedFunctions = implemented;
  const translations = Object.fromEntries(fresh.map((n) => [n, n]));
  HyperFormula.registerFunctionPlugin(
    Plugin as never,
    {
      enGB: translations,
      enUS: translations,
    } as never
  );
  for (const n of fresh) knownNames.add(n);
}
