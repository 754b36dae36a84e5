/**
 * Formula pieces over a register: absolute column references and SUMIFS / COUNTIFS criteria that
 * match a text exactly, as the summary sheet's formulas use them.
 */
import { absoluteRange } from "../a1";
import { sheetRef } from "../formula";
import { isBlank } from "../../domain/kernel/parse";
import { excelWouldConvert } from "../excelText";
import { FORMULA_TEXT_LIMIT } from "../formula";

/**
 * Absolute reference to one column of rows on a sheet, e.g. 'Register'!$C$2:$C$101 (column
 * 0-based, rows 1-based as Excel numbers them).
 */
export function columnRef(sheet: string, col: number, firstRow: number, lastRow: number): string {
  return `${sheetRef(sheet)}${absoluteRange(firstRow - 1, col, lastRow - 1, col)}`;
}

/**
 * SUMIFS/COUNTIFS criterion matching exactly this text (as SUMIFS does, without regard to case):
 * wildcards ~ * ? escaped; "" matches empty cells. Text starting with = < > would be read as a
 * comparison, so it is given an explicit "=" (Excel reads "==x" as equal to "=x"); the summary
 * uses SUMPRODUCT for such names instead (see needsEquality), which every spreadsheet reads alike.
 */
export function exactCriterion(value: unknown): string {
  if (isBlank(value)) return "";
  const escaped = String(value).replace(/[~*?]/g, (c) => "~" + c);
  return /^[=<>]/.test(escaped) ? "=" + escaped : escaped;
}

/** Group names that a criterion would read as a comparison: summed with SUMPRODUCT(range=text) instead. */
export function needsEquality(value: unknown): boolean {
  return !isBlank(value) && /^[=<>]/.test(String(value));
}

/**
 * Can SUMIFS / COUNTIFS take this label (from a cell) as a criterion and match exactly the rows
 * the add-in grouped under it? Not when it would be read as a number, date, boolean or formula
 * ("007", "10/90", "TRUE"), holds a wildcard (* ? ~), starts with a comparison (= < >), or is
 * longer than 255 characters (SUMIFS then matches nothing).
 */
export function criterionSafe(label: string): boolean {
  return (
    label.length <= FORMULA_TEXT_LIMIT &&
    !/[~*?]/.test(label) &&
    !/^[=<>]/.test(label) &&
    !excelWouldConvert(label)
  );
}
