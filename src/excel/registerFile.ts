/**
 * Opening a downloaded register: the rows read from the file (src/files) are written as an Excel
 * table on a new sheet, with the derived columns beside them, and the new table becomes the
 * register in use. Every cell, width and the frozen header row go through the one writer
 * (src/excel/writer.ts), in slices of rows so the task pane can show progress on a large file.
 * The writer has no Excel table command, so the table itself is made here (tables.add), with the
 * selection, in the last request.
 */
import type { CellValue } from "../domain/classification/registerTable";
import { DERIVED_HEADERS } from "../domain/classification/registerTable";
import { rangeAddress } from "../sheets/a1";
import {
  columnKinds,
  fileColumnWidths,
  fileTableSpec,
  sheetNameFor,
  tableNameFor,
} from "../sheets/register/fileTable";
import { queueSpecs } from "./writer";

/** Rows per slice written between progress reports. */
export const FILE_SLICE_ROWS = 5000;

export type OpenedRegister = { sheet: string; tableName: string; rows: number; columns: number };

/**
 * Write the table on a new sheet named after the file and make it an Excel table; select its
 * first data cell so the register view picks it up. About rows x columns / budget syncs.
 */
export async function writeRegisterTable(
  context: Excel.RequestContext,
  fileName: string,
  headers: readonly string[],
  rows: readonly (readonly CellValue[])[],
  onProgress: (p: { phase: string; done: number; total: number }) => void = () => undefined
): Promise<OpenedRegister> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  const tables = context.workbook.tables;
  tables.load("items/name");
  await context.sync();
  const name = sheetNameFor(
    fileName,
    sheets.items.map((s) => s.name)
  );
  const tableName = tableNameFor(
    name,
    tables.items.map((t) => t.name)
  );
  const sheet = sheets.add(name);
  const kinds = columnKinds(headers, rows, new Set([DERIVED_HEADERS.annualValue]));
  const total = rows.length;
  onProgress({ phase: "Writing the register", done: 0, total });
  for (let start = 0; start < Math.max(1, total); start += FILE_SLICE_ROWS) {
    const slice = rows.slice(start, start + FILE_SLICE_ROWS);
    const spec = fileTableSpec(name, headers, kinds, slice, 1 + start, start === 0);
    if (start === 0) {
      spec.columnWidths = fileColumnWidths(headers, rows);
      spec.freeze = { rows: 1, columns: 0 };
    }
    await queueSpecs(context, [{ sheet, spec }]);
    onProgress({
      phase: "Writing the register",
      done: Math.min(total, start + slice.length),
      total,
    });
  }
  const table = sheet.tables.add(rangeAddress(0, 0, total, headers.length - 1), true);
  table.name = tableName;
  sheet.activate();
  sheet.getRange("A2").select();
  await context.sync();
  return { sheet: name, tableName, rows: total, columns: headers.length };
}
