/**
 * The funding register workflow in Excel: find the register the selection is in, map its columns,
 * classify every row in chunks, write the nine result columns beside the data, and build the
 * "Funding summary" sheet with live formulas that reconcile with the register to the penny.
 *
 * Every Office.js call is here; the rules are in src/domain/classification and the sheets they
 * write in src/sheets/register. Reads go in chunks of whole blocks of rows (one sync per chunk,
 * never per row); every write goes through the one writer (src/excel/writer.ts), which keeps each
 * request under its budget, well under Excel's 5 MB limit.
 */
import {
  classifyRegisterRow,
  FIELD_LABELS,
  findResultBlock,
  GROUP_BY_LABEL,
  mappingFromSaved,
  mappingProblems,
  mappingToSaved,
  outputCells,
  OUTPUT_HEADERS,
  SavedMappingsSchema,
  type ColumnMapping,
  type RegisterField,
} from "../domain/classification/register";
import { SummaryBuilder, type RegisterSummary } from "../domain/classification/summary";
import { isBlank } from "../domain/kernel/parse";
import type { Problem } from "../domain/kernel/problem";
import { toPence } from "../domain/kernel/money";
import type { FrameworkSettings } from "../domain/settings/settings";
import { cellAddress, columnLetters, rangeAddress } from "../sheets/a1";
import { sheetRef } from "../sheets/formula";
import { checkPasses, describeMismatch } from "../sheets/register/checks";
import { columnRef } from "../sheets/register/criteria";
import {
  resultHeaderSpec,
  resultRowsSpec,
  RESULT_COLUMNS,
  type ResultColumnsAt,
} from "../sheets/register/resultColumns";
import { buildSummarySheet, SUMMARY_TITLE } from "../sheets/register/summarySheet";
import { queueRead, queueWrite, storeEntry } from "./store";
import { queueSpecs } from "./writer";

export const MAPPING_KEY = "FundingToolkit.registerMapping";
/** The remembered column mappings, one per register (by header text). */
export const REGISTER_MAPPINGS = storeEntry(
  MAPPING_KEY,
  SavedMappingsSchema,
  "the funding register's column mapping, per register"
);
export const SUMMARY_SHEET = SUMMARY_TITLE;
/** Rows per read batch: 10,000 rows x 9 result cells is about 1 MB of results to write. */
export const DEFAULT_CHUNK_ROWS = 10000;
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

const registerId = (sheet: string, tableName: string | null) =>
  tableName ? `table:${tableName}` : `sheet:${sheet}`;

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
  const saved = queueRead(context, REGISTER_MAPPINGS);
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
  const mine = saved.value()?.[registerId(sheet.name, tableName)];
  const mapping = mappingFromSaved(headers, mine?.columns, exclude, mine?.headers);
  return {
    ok: true,
    info: {
      sheet: sheet.name,
      address: rangeAddress(
        area.rowIndex,
        area.columnIndex,
        area.rowIndex + area.rowCount - 1,
        area.columnIndex + area.columnCount - 1
      ),
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
  | { status: "invalid"; problems: Problem[] }
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
          cells.push(cellAddress(used.rowIndex + r, used.columnIndex + c));
      }
    })
  );
  return { cells, count };
}

/** Where the nine result columns go: the workflow's own columns when there, else just right of the register. */
function resultColumnsAt(info: RegisterInfo): ResultColumnsAt {
  const col =
    info.resultBlock !== null
      ? info.columnIndex + info.resultBlock
      : info.columnIndex + info.columnCount;
  return { sheet: info.sheet, headerRow: info.rowIndex, col };
}

/** Problems with the options that stop the workflow: the mapping's, and a grouping column not mapped. */
function optionProblems(options: ClassifyOptions): Problem[] {
  const problems = mappingProblems(options.mapping, options.inferOutputs);
  if (options.groupBy && options.mapping[options.groupBy] === undefined) {
    problems.push({
      field: GROUP_BY_LABEL,
      message: `Choose the ${FIELD_LABELS[options.groupBy].toLowerCase()} column to group the summary by, or no grouping.`,
    });
  }
  return problems;
}

/**
 * Never overwrite what we did not write without asking: the confirmation to ask for when cells
 * where new result columns would go are not empty, else null. One sync.
 */
async function overwriteQuestion(
  context: Excel.RequestContext,
  info: RegisterInfo,
  at: ResultColumnsAt
): Promise<Extract<ClassifyOutcome, { status: "needs-confirmation" }> | null> {
  const width = RESULT_COLUMNS.count;
  const sheet = context.workbook.worksheets.getItem(info.sheet);
  const target = sheet.getRangeByIndexes(info.rowIndex, at.col, info.rowCount, width);
  const inTheWay = await cellsInTheWay(context, target);
  if (inTheWay.count === 0) return null;
  return {
    status: "needs-confirmation",
    cells: inTheWay.cells,
    count: inTheWay.count,
    message: `The ${width} result columns go in ${columnLetters(at.col)}:${columnLetters(at.col + width - 1)}, where ${inTheWay.count} cell${
      inTheWay.count === 1 ? " is" : "s are"
    } not empty (${inTheWay.cells.join(", ")}${inTheWay.count > inTheWay.cells.length ? ", ..." : ""}). Overwrite them?`,
  };
}

/** Is the value a number in whole pence? SUMIFS adds numbers only, and adds them unrounded. */
function plainPence(v: unknown): boolean {
  if (typeof v !== "number") return false;
  const p = toPence(v);
  return p !== null && Math.abs(p - v * 100) <= 1e-6;
}

/**
 * Read, classify and write chunk by chunk. Only the mapped columns are read (a long Description
 * column is never fetched); each chunk's results are queued through the writer and go with the
 * next chunk's read, so there are about rows/chunk syncs. The last chunk's results are left
 * queued for the caller's next sync. `plainNumbers`: every classified row's value is a number in
 * whole pence, so formulas over the register reconcile.
 */
async function classifyRows(
  context: Excel.RequestContext,
  info: RegisterInfo,
  options: ClassifyOptions,
  at: ResultColumnsAt,
  progress: (phase: string, done: number) => void
): Promise<{ summary: RegisterSummary; plainNumbers: boolean }> {
  const chunk = Math.max(1, Math.floor(options.chunkRows ?? DEFAULT_CHUNK_ROWS));
  const sheet = context.workbook.worksheets.getItem(info.sheet);
  const dataRows = info.rowCount - 1;
  const builder = new SummaryBuilder();
  const groupCol = options.groupBy ? options.mapping[options.groupBy] : undefined;
  const valueCol = options.mapping.annualValue as number;
  const readCols = [...new Set(Object.values(options.mapping) as number[])].sort((x, y) => x - y);
  let plainNumbers = true;
  progress("Classifying", 0);
  for (let start = 0; start < dataRows; start += chunk) {
    const n = Math.min(chunk, dataRows - start);
    const reads = readCols.map((c) => {
      const r = sheet.getRangeByIndexes(info.rowIndex + 1 + start, info.columnIndex + c, n, 1);
      r.load("values");
      return { c, r };
    });
    // The one sync per chunk: it carries the previous chunk's results and this chunk's read (a
    // register is read in chunks so no response nears Excel's 5 MB limit).
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
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
      if (outcome.ok === true && !plainPence(row[valueCol])) plainNumbers = false;
      cells[i] = outputCells(outcome);
    }
    await queueSpecs(context, [{ sheet, spec: resultRowsSpec(at, start, cells) }]);
    progress("Classifying", Math.min(dataRows, start + n));
  }
  return { summary: builder.result(), plainNumbers };
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
  const problems = optionProblems(options);
  if (problems.length) return { status: "invalid", problems };

  const dataRows = info.rowCount - 1;
  const at = resultColumnsAt(info);
  const ours = info.resultBlock !== null;
  const progress = (phase: string, done: number) =>
    options.onProgress?.({ phase, done, total: dataRows });

  // 1. Never overwrite what we did not write without asking.
  if (!ours && !options.confirmOverwrite) {
    const question = await overwriteQuestion(context, info, at);
    if (question) return question;
  }

  // 2. Headers (as new table columns when it is a table).
  const sheet = context.workbook.worksheets.getItem(info.sheet);
  if (!ours && info.tableName) {
    const table = context.workbook.tables.getItem(info.tableName);
    for (const h of OUTPUT_HEADERS) table.columns.add(undefined, undefined, h);
  } else {
    await queueSpecs(context, [{ sheet, spec: resultHeaderSpec(at) }]);
  }

  // 3. The rows, chunk by chunk; then the mapping saved and the summary sheet.
  const { summary, plainNumbers } = await classifyRows(context, info, options, at, progress);
  progress("Writing the summary", dataRows);
  const written = await writeSummary(context, info, options, summary, at.col, plainNumbers);
  progress("Done", dataRows);
  return {
    status: "done",
    summary,
    resultAddress: `${sheetRef(info.sheet)}${rangeAddress(
      info.rowIndex,
      at.col,
      info.rowIndex + info.rowCount - 1,
      at.col + RESULT_COLUMNS.count - 1
    )}`,
    summarySheet: written.sheet,
    usedFormulas: written.usedFormulas,
    reconciliation: written.reconciliation,
  };
}

/** The mapping to remember for this register (by header text), beside other registers' entries. */
function savedMapping(info: RegisterInfo, options: ClassifyOptions) {
  return {
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
}

/**
 * The summary sheet's name: our own summary sheet (title in A1) is replaced (deleted here); someone
 * else's sheet of that name is left alone and the summary goes to "Funding summary (2)". At most
 * one sync.
 */
async function summarySheetName(
  context: Excel.RequestContext,
  existing: readonly string[]
): Promise<string> {
  const names = new Set(existing.map((n) => n.toLowerCase()));
  if (!names.has(SUMMARY_SHEET.toLowerCase())) return SUMMARY_SHEET;
  const sheet = context.workbook.worksheets.getItem(SUMMARY_SHEET);
  const a1 = sheet.getRange("A1");
  a1.load("values");
  await context.sync();
  if (a1.values[0][0] === SUMMARY_TITLE) {
    sheet.protection.unprotect();
    sheet.delete();
    return SUMMARY_SHEET;
  }
  let name = SUMMARY_SHEET;
  for (let i = 2; names.has(name.toLowerCase()); i++) name = `${SUMMARY_SHEET} (${i})`;
  return name;
}

/**
 * Write (or rewrite) the summary sheet, then read it back and compare every figure with the
 * engine's. Two or three syncs.
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
  const saved = queueRead(context, REGISTER_MAPPINGS);
  await context.sync();

  // Remember the mapping (by header text) for this register, keeping other registers' entries.
  const store = { ...(saved.value() ?? {}) };
  store[registerId(info.sheet, info.tableName)] = savedMapping(info, options);
  queueWrite(context, REGISTER_MAPPINGS, store);

  const name = await summarySheetName(
    context,
    sheets.items.map((w) => w.name)
  );
  const ws = sheets.add(name);
  const first = info.rowIndex + 2;
  const last = info.rowIndex + info.rowCount;
  const ref = (col: number) => columnRef(info.sheet, col, first, last);
  const groupIndex = options.groupBy ? options.mapping[options.groupBy] : undefined;
  const useFormulas = plainNumbers && info.rowCount > 1;
  const layout = buildSummarySheet(
    summary,
    {
      value: ref(info.columnIndex + (options.mapping.annualValue as number)),
      mode: ref(blockCol + RESULT_COLUMNS.mode),
      fundingType: ref(blockCol + RESULT_COLUMNS.fundingType),
      flags: ref(blockCol + RESULT_COLUMNS.flags),
      group: groupIndex === undefined ? null : ref(info.columnIndex + groupIndex),
    },
    {
      useFormulas,
      groupHeader:
        groupIndex === undefined
          ? null
          : info.headers[groupIndex] || FIELD_LABELS[options.groupBy as RegisterField],
      source: `${sheetRef(info.sheet)}${info.address}${info.tableName ? ` (table ${info.tableName})` : ""}`,
      valuesReason: useFormulas
        ? undefined
        : "some amounts in the register are text or have fractions of a penny, which SUMIFS would not add as the add-in does",
      sheetName: name,
    }
  );
  await queueSpecs(context, [{ sheet: ws, spec: layout.spec }]);
  const range = ws.getRange(layout.spec.extent);
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
