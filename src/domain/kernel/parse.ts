/**
 * Parsing what users type into cells: yes/no, money, counts. Shared by the custom functions and
 * the task pane's register reader, so a value means the same thing in both.
 */
import { parseMoney, type Pence } from "./money";
import { fail, ok, type Result } from "./result";

/**
 * Blank: null or undefined (an omitted argument, or an empty cell as Excel on the web passes it to
 * a custom function), "" or only spaces (an empty cell as Office.js reads it, or a formula giving
 * ""). A 0 is not blank here: see emptyCellMayBe0 for the custom functions.
 */
export function isBlank(value: unknown): boolean {
  return (
    value === null || value === undefined || (typeof value === "string" && value.trim() === "")
  );
}

/**
 * The blank rule of the FUNDING custom functions. Excel on the desktop passes an empty cell to a
 * custom function as 0 (office-js issues #4702, #5262 and #1951), Excel on the web as null or "",
 * so a function cannot tell a typed 0 from an empty cell. Where a blank means something other
 * than 0 -- an optional answer not known, a default to use, a score not entered -- a 0 is read as
 * blank, the reading that raises no false flag. (The register workflow reads cells through
 * Office.js, where an empty cell is "", so it keeps using isBlank and parseYesNo.)
 */
export function mayBeEmptyCell(value: unknown): boolean {
  return value === 0 || isBlank(value);
}

/** A value with 0 read as blank (null), for arguments where a blank is not the same as 0. */
export function zeroAsBlank<T>(value: T): T | null {
  return value === 0 ? null : value;
}

const YES = new Set(["yes", "y", "true", "1"]);
const NO = new Set(["no", "n", "false", "0"]);

/**
 * Yes/no: TRUE/FALSE, 1/0, and the text yes/no/y/n/true/false in any case. Blank means not known
 * (null). Anything else is refused, naming the field.
 */
export function parseYesNo(value: unknown, field: string): Result<boolean | null> {
  if (isBlank(value)) return ok(null);
  if (typeof value === "boolean") return ok(value);
  if (typeof value === "number") {
    if (value === 1) return ok(true);
    if (value === 0) return ok(false);
    return fail(field, `${field} must be yes or no (TRUE/FALSE, 1/0, yes/no, y/n); got ${value}`);
  }
  if (typeof value === "string") {
    const s = value.trim().toLowerCase();
    if (YES.has(s)) return ok(true);
    if (NO.has(s)) return ok(false);
  }
  return fail(
    field,
    `${field} must be yes or no (TRUE/FALSE, 1/0, yes/no, y/n); got "${String(value)}"`
  );
}

/**
 * An optional yes/no as a custom function receives it: like parseYesNo, except that 0 is blank
 * (not known), because an empty cell can arrive as 0 (mayBeEmptyCell). Reading it as "no" would
 * raise flags such as not-tendered or unaccredited for a question nobody answered; type FALSE or
 * no for "no".
 */
export function parseOptionalYesNo(value: unknown, field: string): Result<boolean | null> {
  return parseYesNo(zeroAsBlank(value), field);
}

/** Money in pounds as a number or text ("£12,000.50"); required. Returns pence. */
export function parseAmount(
  value: unknown,
  field: string,
  opts: { min0?: boolean; allowBlank?: false } = {}
): Result<Pence> {
  if (isBlank(value))
    return fail(field, `${field} is blank; expected an amount in pounds, e.g. 12000 or £12,000.50`);
  if (typeof value === "boolean")
    return fail(field, `${field} must be an amount in pounds, not ${value ? "TRUE" : "FALSE"}`);
  const p = parseMoney(value);
  if (p === null)
    return fail(
      field,
      `${field} must be an amount in pounds, e.g. 12000 or £12,000.50; got "${String(value)}"`
    );
  if (opts.min0 !== false && p < 0)
    return fail(field, `${field} must be £0 or more; got ${String(value)}`);
  return ok(p);
}

/** A plain number (not money), optionally blank. Accepts numeric text. */
export function parseNumber(
  value: unknown,
  field: string,
  opts: {
    min?: number;
    max?: number;
    integer?: boolean;
    blank?: "null" | "error";
    expected?: string;
  } = {}
): Result<number | null> {
  const expected = opts.expected ?? "a number";
  if (isBlank(value)) {
    if (opts.blank === "error") return fail(field, `${field} is blank; expected ${expected}`);
    return ok(null);
  }
  let n: number;
  if (typeof value === "number") n = value;
  else if (
    typeof value === "string" &&
    /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(value.replace(/,/g, ""))
  )
    n = Number(value.replace(/,/g, ""));
  else return fail(field, `${field} must be ${expected}; got "${String(value)}"`);
  if (!Number.isFinite(n)) return fail(field, `${field} must be ${expected}; got ${String(value)}`);
  if (opts.integer && !Number.isInteger(n))
    return fail(field, `${field} must be a whole number; got ${n}`);
  if (opts.min !== undefined && n < opts.min)
    return fail(field, `${field} must be ${opts.min} or more; got ${n}`);
  if (opts.max !== undefined && n > opts.max)
    return fail(field, `${field} must be ${opts.max} or less; got ${n}`);
  return ok(n);
}
