/**
 * Opening a downloaded register from the task pane, the path the tests follow too: read the file
 * (src/files), work out the derived columns (the domain), write it as a table on a new sheet and
 * pick it up as the register (src/excel). Progress is reported for each step.
 */
import { detectMapping } from "../../../domain/classification/register";
import { withDerivedColumns } from "../../../domain/classification/registerTable";
import { findRegister, type Progress, type RegisterInfo } from "../../../excel/register";
import { writeRegisterTable } from "../../../excel/registerFile";

export type Opened =
  | { ok: true; info: RegisterInfo; message: string }
  | { ok: false; message: string }
  /** The Excel step did not run (already running, or Excel failed: its own message says so). */
  | null;

type Run = <T>(work: (context: Excel.RequestContext) => Promise<T>) => Promise<T | undefined>;

/** Read, derive, write and find: the new register, or what stopped it in plain words. */
export async function openRegisterFile(
  file: { name: string; data: Blob },
  run: Run,
  progress: (p: Progress) => void
): Promise<Opened> {
  progress({ phase: "Reading the file", done: 0, total: 1 });
  // The file readers load only when a file is opened (papaparse and exceljs load later still).
  const { readRegisterFile } = await import("../../../files/readRegisterFile");
  const read = await readRegisterFile(file, progress);
  if (!read.ok) return read;
  const table = withDerivedColumns(read.table.headers, read.table.rows, (h) => detectMapping(h));
  const found = await run(async (context) => {
    await writeRegisterTable(context, file.name, table.headers, table.rows, progress);
    return findRegister(context);
  });
  if (!found) return null;
  if (!found.ok) return found;
  const skipped = read.table.header.skipped;
  const rows = table.rows.length.toLocaleString("en-GB");
  const header = skipped
    ? ` (${skipped} row${skipped === 1 ? "" : "s"} above the headers skipped: a title or notes)`
    : "";
  const derived = table.derived.length
    ? `, with ${table.derived.length} worked-out columns to check: ${table.derived.join(", ")}`
    : "";
  return {
    ok: true,
    info: found.info,
    message: `Opened "${file.name}": ${rows} rows written as a table on the "${found.info.sheet}" sheet${header}${derived}.`,
  };
}
