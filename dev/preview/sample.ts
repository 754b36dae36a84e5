/**
 * Load the sample workbook (assets/samples/sample-workbook.json) into the in-memory workbook:
 * sheets, blocks of values, number formats and Excel tables. Values starting with "=" are
 * formulas, as when typed into Excel.
 */
import type { MemoryWorkbook } from "../../packages/excel-double/src";
import { columnIndex, columnLetters } from "../../src/sheets/a1";

export interface SampleBlock {
  /** Top-left cell of the block, e.g. "A3". */
  at: string;
  values: (string | number | boolean | null)[][];
  /** Make the block an Excel table (first row = headers) with this name. */
  table?: string;
}

export interface SampleSheet {
  name: string;
  /** Column widths in pixels, from column A; the preview shows them, the workbook keeps them too. */
  columnWidths?: number[];
  blocks: SampleBlock[];
  numberFormats?: { range: string; format: string }[];
}

export interface SampleWorkbook {
  title?: string;
  description?: string;
  activeSheet?: string;
  selection?: string;
  sheets: SampleSheet[];
}

/** "A3" + a rows x cols block -> "A3:H7". */
export function blockAddress(at: string, rows: number, cols: number): string {
  const m = /^([A-Z]+)(\d+)$/i.exec(at.trim());
  if (!m) throw new Error(`Sample workbook: "${at}" is not a cell address such as A1.`);
  const col = columnIndex(m[1]);
  const row = Number(m[2]);
  return `${at.toUpperCase()}:${columnLetters(col + cols - 1)}${row + rows - 1}`;
}

/** Rows and columns of "B4:C7" or "B4". */
export function rangeSize(address: string): { rows: number; cols: number } {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(address.trim());
  if (!m) throw new Error(`Sample workbook: "${address}" is not a range address such as B4:C7.`);
  if (!m[3]) return { rows: 1, cols: 1 };
  return {
    rows: Math.abs(Number(m[4]) - Number(m[2])) + 1,
    cols: Math.abs(columnIndex(m[3]) - columnIndex(m[1])) + 1,
  };
}

/** Check the sample's shape, naming what is wrong, before anything is loaded. */
export function checkSample(sample: SampleWorkbook): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  sample.sheets.forEach((sheet, i) => {
    if (!sheet.name) problems.push(`sheets[${i}]: a sheet needs a name.`);
    if (names.has(sheet.name))
      problems.push(`sheets[${i}]: the sheet name "${sheet.name}" is used twice.`);
    names.add(sheet.name);
    sheet.blocks.forEach((b, j) => {
      const widths = new Set(b.values.map((r) => r.length));
      if (widths.size > 1)
        problems.push(
          `${sheet.name} block ${j} at ${b.at}: every row needs the same number of cells.`
        );
      if (!/^[A-Z]+\d+$/i.test(b.at))
        problems.push(`${sheet.name} block ${j}: "at" must be a cell address such as A1.`);
    });
  });
  if (sample.activeSheet && !names.has(sample.activeSheet))
    problems.push(`activeSheet: there is no sheet "${sample.activeSheet}".`);
  return problems;
}

export async function loadSample(wb: MemoryWorkbook, sample: SampleWorkbook): Promise<void> {
  const problems = checkSample(sample);
  if (problems.length > 0)
    throw new Error(`The sample workbook is not valid: ${problems.join(" ")}`);
  const existing = new Set(wb.sheetNames());
  for (const sheet of sample.sheets) {
    if (!existing.has(sheet.name)) wb.addSheet(sheet.name);
    for (const block of sheet.blocks) {
      const rows = block.values.length;
      const cols = block.values[0]?.length ?? 0;
      if (rows === 0 || cols === 0) continue;
      wb.setCells(sheet.name, blockAddress(block.at, rows, cols), block.values);
    }
  }
  // Formats, tables and column widths through the Excel API, in one batch, as an add-in would.
  await wb.run(async (context) => {
    for (const sheet of sample.sheets) {
      const ws = context.workbook.worksheets.getItem(sheet.name);
      for (const nf of sheet.numberFormats ?? []) {
        const { rows, cols } = rangeSize(nf.range);
        ws.getRange(nf.range).numberFormat = Array.from({ length: rows }, () =>
          Array<string>(cols).fill(nf.format)
        );
      }
      for (const block of sheet.blocks) {
        if (!block.table) continue;
        const address = blockAddress(block.at, block.values.length, block.values[0].length);
        const table = ws.tables.add(address, true);
        table.name = block.table;
      }
      (sheet.columnWidths ?? []).forEach((px, c) => {
        // Excel measures column widths in points (3/4 of a pixel).
        ws.getRange(`${columnLetters(c)}:${columnLetters(c)}`).format.columnWidth = Math.round(
          px * 0.75
        );
      });
    }
    // Remove the default sheet the workbook starts with if the sample does not use it.
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    const wanted = new Set(sample.sheets.map((s) => s.name));
    for (const ws of sheets.items)
      if (!wanted.has(ws.name) && sheets.items.length > wanted.size) ws.delete();
    if (sample.activeSheet) context.workbook.worksheets.getItem(sample.activeSheet).activate();
    await context.sync();
  });
  if (sample.activeSheet) wb.select(sample.activeSheet, sample.selection ?? "A1");
}
