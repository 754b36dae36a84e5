/**
 * Text that Excel would not keep as typed. Writing a string into a cell in General format, Excel
 * reads it as it reads typed input: "10/90" becomes a date, "007" and "1,000" numbers, "TRUE" a
 * boolean, "=x" / "+x" / "-x" / "@x" a formula, "#N/A" an error (Microsoft, "Range.values":
 * values are "parsed as if typed into the cell"). The writer formats such cells as Text ("@")
 * before writing them, cell by cell, in every block.
 */
import { FORMULA_TEXT_LIMIT } from "./formula";

const MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*";
const PATTERNS: readonly RegExp[] = [
  // a formula, or a sign Excel reads as one
  /^[=+\-@]/,
  // TRUE / FALSE in any case
  /^\s*(true|false)\s*$/i,
  // anything starting with a digit, a decimal point or a currency sign and digit: numbers
  // ("007", "1,000", "1e5", "12%"), dates ("10/90", "1/4", "2024-04-01", "1 Jan"), times ("9:30")
  /^\s*[($£€]?\s*[.,]?\d/,
  // dates starting with a month name ("Jan 2024", "March 5")
  new RegExp(`^\\s*${MONTH}[\\s\\-/.,]+\\d`, "i"),
  // error values
  /^\s*#(n\/a|value!|ref!|div\/0!|num!|name\?|null!|getting_data|spill!|calc!)\s*$/i,
];

/** Would Excel change this text (into a number, date, boolean, error or formula) if written as a value? */
export function excelWouldConvert(text: string): boolean {
  return PATTERNS.some((p) => p.test(text));
}

/** The text constants ("...") inside a formula, unquoted. */
export function textConstants(formula: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"]|"")*)"/g;
  for (let m = re.exec(formula); m; m = re.exec(formula)) out.push(m[1].replace(/""/g, '"'));
  return out;
}

/**
 * Excel refuses a formula holding a text constant over 255 characters ("Excel specifications and
 * limits": text values in formulas are limited to 255 characters). The first such constant, or null.
 */
export function longTextConstant(formula: string): string | null {
  return textConstants(formula).find((t) => t.length > FORMULA_TEXT_LIMIT) ?? null;
}
