/**
 * Formula text: the one place that quotes sheet names and text for Excel formulas.
 * Excel's rules: a sheet name in a reference is wrapped in apostrophes with any apostrophe doubled
 * ('Bob''s bids'!A1); a text constant is wrapped in double quotes with any double quote doubled
 * ("Say ""hi"""). Both work the same in Excel 2010 and later.
 */

/** A sheet name as a formula reference prefix: 'Funding register'! (always quoted). */
export function sheetRef(name: string): string {
  return `${quoteSheetName(name)}!`;
}

/** A sheet name quoted for a formula: 'Funding register', apostrophes doubled. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A text constant for a formula: "..." with double quotes doubled. */
export function formulaText(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Excel refuses a text constant longer than 255 characters inside a formula ("Text values in
 * formulas are limited to 255 characters": Microsoft, "Excel specifications and limits").
 */
export const FORMULA_TEXT_LIMIT = 255;
