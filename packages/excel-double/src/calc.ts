/**
 * The calculation engine of the double: HyperFormula (GPL-3 licence key, devDependency only),
 * with the Excel functions HyperFormula lacks registered to Excel's documented behaviour:
 *  - RANK.EQ(number, ref, [order]) and RANK (same): rank of number among the numbers in ref,
 *    descending when order is 0 or omitted, ascending otherwise; ties share the best rank;
 *    non-numbers in ref are ignored; #N/A when number is not in ref.
 *  - RANK.AVG: as RANK.EQ but ties get the average of their ranks.
 *  - TEXT(value, format): HyperFormula's TEXT only knows a few formats; replaced by the double's
 *    number-format renderer (numfmt.ts).
 *  - TRUE / FALSE as literals (HyperFormula parses them as names): named expressions.
 * Browser-safe: no Node APIs.
 */
import {
  CellError,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
} from "hyperformula";
import type { SimpleRangeValue } from "hyperformula";
import { formatValue } from "./numfmt";

type AnyArgs = (...args: unknown[]) => unknown;

function numbersOf(range: SimpleRangeValue): number[] {
  const out: number[] = [];
  for (const v of range.valuesFromTopLeftCorner()) {
    if (typeof v === "number") out.push(v);
    else if (
      v !== null &&
      typeof v === "object" &&
      "val" in (v as object) &&
      typeof (v as { val: unknown }).val === "number"
    ) {
      out.push((v as { val: number }).val); // HyperFormula's typed numbers (currency, percent, date)
    }
  }
  return out;
}

function rawNumber(v: unknown): number {
  if (typeof v === "number") return v;
  if (v !== null && typeof v === "object" && "val" in (v as object))
    return Number((v as { val: unknown }).val);
  return Number(v);
}

function rank(
  value: unknown,
  range: SimpleRangeValue,
  order: unknown,
  average: boolean
): number | CellError {
  const x = rawNumber(value);
  const list = numbersOf(range);
  const ascending = rawNumber(order ?? 0) !== 0;
  let better = 0;
  let equal = 0;
  for (const n of list) {
    if (n === x) equal++;
    else if (ascending ? n < x : n > x) better++;
  }
  if (equal === 0) return new CellError(ErrorType.NA, "RANK: the number is not in the list.");
  return average ? better + (equal + 1) / 2 : better + 1;
}

class ExcelExtrasPlugin extends FunctionPlugin {
  /** Run one of the registered functions through HyperFormula's argument handling. */
  private call(name: string, ast: unknown, state: unknown, fn: AnyArgs): unknown {
    const run = this.runFunction as unknown as (
      a: unknown,
      s: unknown,
      m: unknown,
      f: AnyArgs
    ) => unknown;
    return run(ast && (ast as { args: unknown }).args, state, this.metadata(name), fn);
  }
  rankEq(ast: unknown, state: unknown) {
    return this.call("RANK.EQ", ast, state, (value, range, order) =>
      rank(value, range as SimpleRangeValue, order, false)
    );
  }
  rank(ast: unknown, state: unknown) {
    return this.call("RANK", ast, state, (value, range, order) =>
      rank(value, range as SimpleRangeValue, order, false)
    );
  }
  rankAvg(ast: unknown, state: unknown) {
    return this.call("RANK.AVG", ast, state, (value, range, order) =>
      rank(value, range as SimpleRangeValue, order, true)
    );
  }
  text(ast: unknown, state: unknown) {
    return this.call("TEXT", ast, state, (value, format) => {
      const v = typeof value === "object" && value !== null ? rawNumber(value) : value;
      if (typeof v === "number" || typeof v === "string" || typeof v === "boolean")
        return formatValue(v, String(format));
      return formatValue("", String(format));
    });
  }
}

const rankParams = [
  { argumentType: FunctionArgumentType.NUMBER },
  { argumentType: FunctionArgumentType.RANGE },
  { argumentType: FunctionArgumentType.NUMBER, defaultValue: 0 },
];

(ExcelExtrasPlugin as unknown as { implementedFunctions: unknown }).implementedFunctions = {
  "RANK.EQ": { method: "rankEq", parameters: rankParams },
  RANK: { method: "rank", parameters: rankParams },
  "RANK.AVG": { method: "rankAvg", parameters: rankParams },
  TEXT: {
    method: "text",
    parameters: [
      { argumentType: FunctionArgumentType.SCALAR },
      { argumentType: FunctionArgumentType.STRING },
    ],
  },
};

let registered = false;
function registerExtras(): void {
  if (registered) return;
  registered = true;
  try {
    HyperFormula.unregisterFunction("TEXT");
  } catch {
    // already unregistered
  }
  const names = { "RANK.EQ": "RANK.EQ", RANK: "RANK", "RANK.AVG": "RANK.AVG", TEXT: "TEXT" };
  HyperFormula.registerFunctionPlugin(
    ExcelExtrasPlugin as never,
    { enGB: names, enUS: names } as never
  );
}

/**
 * A new engine. `context` reaches the function plugins: the workbook's custom functions
 * (customFunctions.ts).
 */
export function createEngine(context?: unknown): HyperFormula {
  registerExtras();
  const hf = HyperFormula.buildEmpty({
    licenseKey: "gpl-v3",
    context,
    useArrayArithmetic: true,
    maxRows: 1048576,
    maxColumns: 16384,
    // Excel's date system: serial 1 is 1 January 1900 (with the 1900 leap-year quirk).
    leapYear1900: true,
    nullDate: { year: 1899, month: 12, day: 31 },
    // Excel compares text case-insensitively and treats "a*" etc. as wildcards in COUNTIF-style criteria.
    caseSensitive: false,
    useWildcards: true,
    useRegularExpressions: false,
    matchWholeCell: true,
    // HyperFormula's smart rounding keeps only 10 significant digits (12345678901.23 -> 12345678901);
    // Excel keeps 15. Results are rounded to 15 significant digits in fromEngine instead.
    smartRounding: false,
  });
  hf.addNamedExpression("TRUE", "=TRUE()");
  hf.addNamedExpression("FALSE", "=FALSE()");
  return hf;
}

/** Excel's error strings; HyperFormula's parse error (#ERROR!) shows as #NAME? as Excel would refuse or misread it. */
export function excelErrorString(value: string): string {
  if (value === "#ERROR!") return "#NAME?";
  return value;
}
