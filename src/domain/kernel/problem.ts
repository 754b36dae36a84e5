/**
 * One word for something wrong in what the user gave us: a Problem. It names the field as the
 * user sees it (a column header, a box in the task pane, a function's argument) and says what was
 * expected, in their words; `row` and `where` locate it when there is a row or a cell.
 * Every capability reports its input problems with this type.
 */
export type Problem = {
  /** The field as the user sees it: "Amount", "Start cell", "annualValue". */
  field: string;
  /** What is wrong and what was expected. */
  message: string;
  /** The row of a register or table (as numbered in Excel), when the problem is in one row. */
  row?: number;
  /** A sheet and cell, e.g. "Scores A. Khan!D7", when the problem is in a cell. */
  where?: string;
};

/** "Amount, row 12: ..." -- a problem as one line for a list or a status message. */
export function describeProblem(p: Problem): string {
  const at =
    p.row !== undefined
      ? `${p.field}, row ${p.row}`
      : p.where
        ? `${p.field} (${p.where})`
        : p.field;
  return at ? `${at}: ${p.message}` : p.message;
}
