/**
 * The funding register workflow in Excel: find the register the selection is in, map its columns,
 * classify every row in chunks, write the nine result columns beside the data, and build the
 * "Funding summary" sheet with live formulas that reconcile with the register to the penny.
 *
 * Every Office.js call is here; the rules are in src/engine. Reads and writes go in chunks of
 * whole blocks of rows (one sync per chunk, never per row), and each request stays well under
 * Excel's 5 MB limit.
 */
import {
  classifyRegisterRow,
  FIELD_LABELS,
  findResultBlock,
  mappingFromSaved,
  mappingProblems,
  mappingToSaved,
  outputCells,
  OUTPUT_HEADERS,
  type ColumnMapping,
  type RegisterField,
  type SavedMapping,
} from "../domain/classification/register";
import {
  buildSummaryLayout,
  checkPasses,
  columnLetter,
  columnRef,
  describeMismatch,
  quoteSheet,
  SummaryBuilder,
  SUMMARY_TITLE,
  type RegisterSummary,
} from "../domain/classification/summary";
import { isBlank } from "../domain/kernel/parse";
import { toPence } from "../domain/kernel/money";
import type { FrameworkSettings } from "../domain/settings/settings";

export const MAPPING_KEY = "FundingToolkit.registerMapping";
export const SUMMARY_SHEET = SUMMARY_TITLE;
/** Rows per read/write batch: 10,000 rows x 9 result cells is about 1 MB per request. */
export const DEFAULT_CHUNK_ROWS = 10000;
/** Results of one chunk are split into requests of at most this size (Excel refuses requests over 5 MB). */
export const WRITE_LIMIT_BYTES = 2 * 1024 * 1024;
/** How many of the cells in the way are listed by name when asking before overwriting. */
const LIST_LIMIT = 20;

/** Where the register is and what its columns are. */
export type RegisterInfo = {
  sheet: string;
  /** A1 address of the whole register, header row included, e.g. A1:H101 (no sheet name). */
  address: string;
  tableName: string | null;
  /** 0-based sheet row and column of the header row's first cell. */
  rowIndex: number;
  columnIndex: number;
  /** Rows including the header row. */
  rowCount: number;
  columnCount: number;
  headers: string[];
  /** Index (within the register) of the workflow's own "Mode" column, when it is already there. */
  resultBlock: number | null;
  /** The mapping to use: saved for this register, else detected from the headers. */
  mapping: ColumnMapping;
  inferOutputs: boolean;
  groupBy: RegisterField | null;
};

export type FindResult = { ok: true; info: RegisterInfo } | { ok: false; message: string };

type SavedStore = Record<string, SavedMapping>;

const registerId = (sheet: string, tableName: string | null) =>
  tableName ? `table:${tableName}` : `sheet:${sheet}`;

function parseStore(raw: unknown): SavedStore {
  if (typeof raw !== "string" || raw === "")
    return typeof raw === "object" && raw !== null ? (raw as SavedStore) : {};
  try {
    const v = JSON.parse(raw);
    return v && typeof v === "object" ? (v as SavedStore) : {};
  } catch {
    return {};
  }
}

/**
 * Find the Excel table, or else the current region, that the selection is in, and read its header
 * row. Two syncs.
 */
export async function findRegister(context: Excel.RequestContext): Promise<FindResult> {
  const selection = context.workbook.getSelectedRange();
  // A navigation property: a proxy to the sheet, nothing to load (the rule cannot tell).
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
  const sheet = selection.worksheet;
  sheet.load("name");
  const tables = selection.getTables(false);
  tables.load("items/name");
  const region = selection.getSurroundingRegion();
  region.load("rowIndex,columnIndex,rowCount,columnCount");
  const saved = context.workbook.settings.getItemOrNullObject(MAPPING_KEY);
  saved.load("value");
  await context.sync();

  // items were loaded with "items/name" above.
  // eslint-disable-next-line office-addins/load-object-before-read
  const tableName = tables.items.length > 0 ? tables.items[0].name : null;
  const table = tableName ? context.workbook.tables.getItem(tableName) : null;
  const area = table ? table.getRange() : region;
  if (table) area.load("rowIndex,columnIndex,rowCount,columnCount");
  const header = table ? table.getHeaderRowRange() : region.getRow(0);
  header.load("values");
  await context.sync();

  const headers = (header.values[0] ?? []).map((h: unknown) =>
    h === null || h === undefined ? "" : String(h)
  );
  if (area.rowCount < 2 || headers.every((h: string) => h.trim() === "")) {
    return {
      ok: false,
      message:
        "No register found here. Select a cell inside your funding register (a table with a header row and at least one row of data).",
    };
  }
  const resultBlock = findResultBlock(headers);
  const exclude = new Set<number>(
    resultBlock === null ? [] : OUTPUT_HEADERS.map((_, i) => resultBlock + i)
  );
  const store = saved.isNullObject ? {} : parseStore(saved.value);
  const mine = store[registerId(sheet.name, tableName)];
  const mapping = mappingFromSaved(headers, mine?.columns, exclude, mine?.headers);
  return {
    ok: true,
    info: {
      sheet: sheet.name,
      address: `${columnLetter(area.columnIndex)}${area.rowIndex + 1}:${columnLetter(area.columnIndex + area.columnCount - 1)}${area.rowIndex + area.rowCount}`,
      tableName,
      rowIndex: area.rowIndex,
      columnIndex: area.columnIndex,
      rowCount: area.rowCount,
      columnCount: area.columnCount,
      headers,
      resultBlock,
      mapping,
      inferOutputs: mine?.inferOutputs ?? mapping.outputsSpecified === undefined,
      groupBy:
        mine && mine.groupBy !== undefined
          ? mine.groupBy !== null && mapping[mine.groupBy] !== undefined
            ? mine.groupBy
            : null
          : ((["department", "funder", "programme"] as RegisterField[]).find(
              (f) => mapping[f] !== undefined
            ) ?? null),
    },
  };
}

export type Progress = { phase: string; done: number; total: number };

export type ClassifyOptions = {
  mapping: ColumnMapping;
  inferOutputs: boolean;
  groupBy: RegisterField | null;
  settings: FrameworkSettings;
  /** Set after the user agreed to overwrite the cells listed in a needs-confirmation result. */
  confirmOverwrite?: boolean;
  chunkRows?: number;
  onProgress?: (p: Progress) => void;
};

export type Reconciliation = { ok: boolean; checked: number; mismatches: string[] };

export type ClassifyOutcome =
  | { status: "invalid"; problems: string[] }
  | { status: "needs-confirmation"; cells: string[]; count: number; message: string }
  | {
      status: "done";
      summary: RegisterSummary;
      /** Address of the nine result columns, header included. */
      resultAddress: string;
      summarySheet: string;
      usedFormulas: boolean;
      reconciliation: Reconciliation;
    };

/** Bytes of a string in UTF-8 (the size it takes in a request), without allocating. */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Split rows into consecutive pieces whose JSON is at most `limit` bytes (a row is never split). */
export function splitBySize<T>(rows: T[][], limit: number): T[][][] {
  const pieces: T[][][] = [];
  let current: T[][] = [];
  let size = 2;
  for (const r of rows) {
    const b = utf8Length(JSON.stringify(r)) + 1;
    if (current.length > 0 && size + b > limit) {
      pieces.push(current);
      current = [];
      size = 2;
    }
    current.push(r);
    size += b;
  }
  if (current.length > 0 || pieces.length === 0) pieces.push(current);
  return pieces;
}

/** Non-empty cells in the way of new result columns, as sheet addresses (one sync). */
async function cellsInTheWay(
  context: Excel.RequestContext,
  target: Excel.Range
): Promise<{ cells: string[]; count: number }> {
  const used = target.getUsedRangeOrNullObject(true);
  used.load("values,rowIndex,columnIndex");
  await context.sync();
  if (used.isNullObject) return { cells: [], count: 0 };
  const cells: string[] = [];
  let count = 0;
  used.values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (!isBlank(v)) {
        count++;
        if (cells.length < LIST_LIMIT)
          cells.push(`${columnLetter(used.columnIndex + c)}${used.rowIndex + r + 1}`);
      }
    })
  );
  return { cells, count };
}

/**
 * Classify every row of the register and write the result columns and the summary sheet.
 * Returns "needs-confirmation" (writing nothing) when cells it did not write are in the way.
 */
export async function classifyRegister(
  context: Excel.RequestContext,
  info: RegisterInfo,
  options: ClassifyOptions
): Promise<ClassifyOutcome> {
  const problems = mappingProblems(options.mapping, options.inferOutputs);
  if (options.groupBy && options.mapping[options.groupBy] === undefined) {
    problems.push(
      `Choose the ${FIELD_LABELS[options.groupBy].toLowerCase()} column to group the summary by, or no grouping.`
    );
  }
  if (problems.length) return { status: "invalid", problems };

  const chunk = Math.max(1, Math.floor(options.chunkRows ?? DEFAULT_CHUNK_ROWS));
  const sheet = context.workbook.worksheets.getItem(info.sheet);
  const dataRows = info.rowCount - 1;
  const width = OUTPUT_HEADERS.length;
  const ours = info.resultBlock !== null;
  const blockCol = ours
    ? info.columnIndex + (info.resultBlock as number)
    : info.columnIndex + info.columnCount;
  const progress = (phase: string, done: number) =>
    options.onProgress?.({ phase, done, total: dataRows });

  // 1. Never overwrite what we did not write without asking.
  if (!ours && !options.confirmOverwrite) {
    const target = sheet.getRangeByIndexes(info.rowIndex, blockCol, info.rowCount, width);
    const inTheWay = await cellsInTheWay(context, target);
    if (inTheWay.count > 0) {
      return {
        status: "needs-confirmation",
        cells: inTheWay.cells,
        count: inTheWay.count,
        message: `The ${width} result columns go in ${columnLetter(blockCol)}:${columnLetter(blockCol + width - 1)}, where ${inTheWay.count} cell${
          inTheWay.count === 1 ? " is" : "s are"
        } not empty (${inTheWay.cells.join(", ")}${inTheWay.count > inTheWay.cells.length ? ", ..." : ""}). Overwrite them?`,
      };
    }
  }

  // 2. Headers (as new table columns when it is a table).
  if (!ours && info.tableName) {
    const table = context.workbook.tables.getItem(info.tableName);
    for (const h of OUTPUT_HEADERS) table.columns.add(undefined, undefined, h);
  } else {
    sheet.getRangeByIndexes(info.rowIndex, blockCol, 1, width).values = [[...OUTPUT_HEADERS]];
  }

  // 3. Read, classify and write chunk by chunk: each sync carries the previous chunk's results and
  //    the next chunk's read, so there are about rows/chunk + 1 syncs. Only the mapped columns are
  //    read (a long Description column is never fetched), and a chunk of results larger than
  //    WRITE_LIMIT_BYTES is written in pieces, each in its own request.
  const builder = new SummaryBuilder();
  const groupCol = options.groupBy ? options.mapping[options.groupBy] : undefined;
  const valueCol = options.mapping.annualValue as number;
  const readCols = [...new Set(Object.values(options.mapping) as number[])].sort((x, y) => x - y);
  let allValuesPlainNumbers = true;
  let pending: { start: number; cells: (string | number)[][] } | null = null;
  const queueWrite = async (p: { start: number; cells: (string | number)[][] }) => {
    const pieces = splitBySize(p.cells, WRITE_LIMIT_BYTES);
    let offset = 0;
    for (let k = 0; k < pieces.length; k++) {
      const piece = pieces[k];
      sheet.getRangeByIndexes(
        info.rowIndex + 1 + p.start + offset,
        blockCol,
        piece.length,
        width
      ).values = piece;
      offset += piece.length;
      if (k < pieces.length - 1) await context.sync(); // the last piece goes with the next request
    }
  };
  progress("Classifying", 0);
  for (let start = 0; start < dataRows || pending; start += chunk) {
    const n = Math.min(chunk, dataRows - start);
    if (pending) {
      await queueWrite(pending);
      pending = null;
    }
    if (n <= 0) {
      await context.sync();
      break;
    }
    const reads = readCols.map((c) => {
      const r = sheet.getRangeByIndexes(info.rowIndex + 1 + start, info.columnIndex + c, n, 1);
      r.load("values");
      return { c, r };
    });
    await context.sync();
    const cells: (string | number)[][] = new Array(n);
    const row: unknown[] = new Array(info.columnCount).fill("");
    for (let i = 0; i < n; i++) {
      for (const { c, r } of reads) row[c] = r.values[i][0];
      const sheetRow = info.rowIndex + 2 + start + i;
      const outcome = classifyRegisterRow(
        row,
        sheetRow,
        options.mapping,
        info.headers,
        options.inferOutputs,
        options.settings
      );
      builder.add(outcome, groupCol === undefined ? null : row[groupCol]);
      if (outcome.ok === true) {
        const v = row[valueCol];
        // SUMIFS adds numbers only, and adds them unrounded: formulas reconcile when every value is a number in whole pence.
        if (
          typeof v !== "number" ||
          toPence(v) === null ||
          Math.abs((toPence(v) as number) - v * 100) > 1e-6
        )
          allValuesPlainNumbers = false;
      }
      cells[i] = outputCells(outcome);
    }
    pending = { start, cells };
    progress("Classifying", Math.min(dataRows, start + n));
  }

  // 4. Formats for the result columns, the mapping saved, and the summary sheet.
  const body =
    dataRows > 0 ? sheet.getRangeByIndexes(info.rowIndex + 1, blockCol + 5, dataRows, 1) : null;
  // A single value applies to every cell of the range (no 100,000-row array in the request).
  if (body) body.numberFormat = "0%" as unknown as string[][];
  const summary = builder.result();
  progress("Writing the summary", dataRows);
  const written = await writeSummary(
    context,
    info,
    options,
    summary,
    blockCol,
    allValuesPlainNumbers
  );
  progress("Done", dataRows);
  return {
    status: "done",
    summary,
    resultAddress: `${quoteSheet(info.sheet)}!${columnLetter(blockCol)}${info.rowIndex + 1}:${columnLetter(blockCol + width - 1)}${info.rowIndex + info.rowCount}`,
    summarySheet: written.sheet,
    usedFormulas: written.usedFormulas,
    reconciliation: written.reconciliation,
  };
}

/**
 * Write (or rewrite) the summary sheet, then read it back and compare every figure with the
 * engine's. Three syncs.
 */
async function writeSummary(
  context: Excel.RequestContext,
  info: RegisterInfo,
  options: ClassifyOptions,
  summary: RegisterSummary,
  blockCol: number,
  plainNumbers: boolean
): Promise<{ sheet: string; usedFormulas: boolean; reconciliation: Reconciliation }> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  const savedItem = context.workbook.settings.getItemOrNullObject(MAPPING_KEY);
  savedItem.load("value");
  await context.sync();

  // Remember the mapping (by header text) for this register, keeping other registers' entries.
  const store = savedItem.isNullObject ? {} : parseStore(savedItem.value);
  store[registerId(info.sheet, info.tableName)] = {
    columns: mappingToSaved(info.headers, options.mapping),
    headers: info.headers.filter(
      (_, i) =>
        info.resultBlock === null ||
        i < info.resultBlock ||
        i >= info.resultBlock + OUTPUT_HEADERS.length
    ),
    inferOutputs: options.inferOutputs,
    groupBy: options.groupBy,
  };
  context.workbook.settings.add(MAPPING_KEY, JSON.stringify(store));

  // Our own summary sheet (title in A1) is replaced; someone else's sheet of that name is left alone.
  const names = new Set(sheets.items.map((w) => w.name.toLowerCase()));
  let name = SUMMARY_SHEET;
  if (names.has(SUMMARY_SHEET.toLowerCase())) {
    const existing = sheets.getItem(SUMMARY_SHEET);
    const a1 = existing.getRange("A1");
    a1.load("values");
    await context.sync();
    if (a1.values[0][0] === SUMMARY_TITLE) {
      existing.protection.unprotect();
      existing.delete();
    } else {
      for (let i = 2; names.has(name.toLowerCase()); i++) name = `${SUMMARY_SHEET} (${i})`;
    }
  }
  const ws = sheets.add(name);

  const first = info.rowIndex + 2;
  const last = info.rowIndex + info.rowCount;
  const ref = (col: number) => columnRef(info.sheet, col, first, last);
  const groupIndex = options.groupBy ? options.mapping[options.groupBy] : undefined;
  const useFormulas = plainNumbers && info.rowCount > 1;
  const layout = buildSummaryLayout(
    summary,
    {
      value: ref(info.columnIndex + (options.mapping.annualValue as number)),
      mode: ref(blockCol),
      fundingType: ref(blockCol + 1),
      flags: ref(blockCol + 7),
      group: groupIndex === undefined ? null : ref(info.columnIndex + groupIndex),
    },
    {
      useFormulas,
      groupHeader:
        groupIndex === undefined
          ? null
          : info.headers[groupIndex] || FIELD_LABELS[options.groupBy as RegisterField],
      source: `${quoteSheet(info.sheet)}!${info.address}${info.tableName ? ` (table ${info.tableName})` : ""}`,
      valuesReason: useFormulas
        ? undefined
        : "some amounts in the register are text or have fractions of a penny, which SUMIFS would not add as the add-in does",
    }
  );
  const rows = layout.cells.length;
  const range = ws.getRangeByIndexes(0, 0, rows, layout.width);
  // Text cells first get the Text format so user text is never read as a formula.
  range.numberFormat = layout.formats.map((r, i) =>
    r.map((f, j) => (layout.text[i][j] ? "@" : (f ?? "General")))
  );
  range.formulas = layout.cells as unknown as string[][];
  for (const r of layout.titles) ws.getRangeByIndexes(r, 0, 1, 1).format.font.bold = true;
  for (const r of layout.headerRows)
    ws.getRangeByIndexes(r, 0, 1, layout.width).format.font.bold = true;
  ws.getRangeByIndexes(0, 0, 1, 1).format.font.size = 14;
  // A native pie chart of the mix: mode labels and their values (header row included for the series name).
  const mix = ws.getRangeByIndexes(
    layout.mix.firstRow - 1,
    layout.mix.labelCol,
    layout.mix.rows + 1,
    2
  );
  const chart = ws.charts.add("Pie", mix, "Columns");
  chart.title.text = "Mix of shopping, investing and giving (share of value)";
  chart.setPosition(`${columnLetter(layout.width + 1)}${layout.mix.firstRow}`);
  range.format.autofitColumns();
  ws.protection.protect({
    allowFormatColumns: true,
    allowFormatRows: true,
    allowFormatCells: true,
  });
  range.load("values");
  await context.sync();

  const mismatches: string[] = [];
  for (const c of layout.checks) {
    const actual = range.values[c.row]?.[c.col];
    if (!checkPasses(c, actual)) mismatches.push(describeMismatch(c, actual));
  }
  return {
    sheet: name,
    usedFormulas: useFormulas,
    reconciliation: { ok: mismatches.length === 0, checked: layout.checks.length, mismatches },
  };
}

/** Select a register row (to jump to a row that could not be classified). One sync. */
export async function selectRegisterRow(
  context: Excel.RequestContext,
  info: Pick<RegisterInfo, "sheet" | "columnIndex" | "columnCount">,
  sheetRow: number
): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(info.sheet);
  sheet.activate();
  sheet.getRangeByIndexes(sheetRow - 1, info.columnIndex, 1, info.columnCount).select();
  await context.sync();
}
