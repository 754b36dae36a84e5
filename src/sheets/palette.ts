/**
 * The one palette of every generated sheet: Excel's own built-in cell styles where there is one
 * (Home > Cell Styles), so a generated sheet reads like any other workbook.
 */
export const PALETTE = {
  /** "Input" cell style: cells the user fills in. */
  inputFill: "#FFCC99",
  inputFont: "#3F3F76",
  /** Table header band. */
  headerFill: "#D9E1F2",
  /** "Bad" cell style: below what is expected. */
  badFill: "#FFC7CE",
  badFont: "#9C0006",
  /** "Neutral" cell style: needs a look (e.g. a score to discuss). */
  neutralFill: "#FFEB9C",
  neutralFont: "#9C5700",
  /** "Good" cell style. */
  goodFill: "#C6EFCE",
  goodFont: "#006100",
  /** Notes and explanations. */
  noteFont: "#595959",
  /** Working figures the reader need not study. */
  workingFont: "#808080",
} as const;
