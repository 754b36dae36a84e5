/**
 * The nine result columns the workflow writes beside the register (the eight of FUNDING.CLASSIFY
 * and Notes) as a SheetSpec, one batch of rows at a time.
 *
 * Labels and notes are written as text ("@" first): a cost-recovery label such as "10/90" would
 * otherwise become a date, and a note is never read as a formula. Funder share is a number (the
 * fraction FUNDING.CLASSIFY returns) shown as a percentage.
 */
import type { Block, CellValue, SheetSpec } from "../spec";
import { OUTPUT_HEADERS } from "../../domain/classification/register";

/** The result columns, 0-based from the first (Mode). */
export const RESULT_COLUMNS = {
  mode: 0,
  fundingType: 1,
  funderShare: 5,
  flags: 7,
  notes: 8,
  count: OUTPUT_HEADERS.length,
} as const;
/** Funder share (0.2) shown as 20%. */
export const FUNDER_SHARE_FORMAT = "0%";

/** Where the result columns go: the register's sheet, and the sheet row and column of the header's Mode cell (0-based). */
export type ResultColumnsAt = { sheet: string; headerRow: number; col: number };

/** The header row of the result columns (when they are not new table columns). */
export function resultHeaderSpec(at: ResultColumnsAt): SheetSpec {
  return {
    name: at.sheet,
    blocks: [{ row: at.headerRow, col: at.col, kind: "text", cells: [[...OUTPUT_HEADERS]] }],
  };
}

/**
 * Result rows for the register's data rows from `firstDataRow` (0-based within the data, below
 * the header): text either side of Funder share, which is a number formatted as a percentage.
 */
export function resultRowsSpec(
  at: ResultColumnsAt,
  firstDataRow: number,
  cells: readonly (readonly CellValue[])[]
): SheetSpec {
  const row = at.headerRow + 1 + firstDataRow;
  const share = RESULT_COLUMNS.funderShare;
  const slice = (from: number, to: number) => cells.map((r) => r.slice(from, to));
  const blocks: Block[] = [
    { row, col: at.col, kind: "text", cells: slice(0, share) },
    {
      row,
      col: at.col + share,
      kind: "value",
      cells: slice(share, share + 1),
      numberFormat: FUNDER_SHARE_FORMAT,
    },
    { row, col: at.col + share + 1, kind: "text", cells: slice(share + 1, RESULT_COLUMNS.count) },
  ];
  return { name: at.sheet, blocks: cells.length ? blocks : [] };
}
