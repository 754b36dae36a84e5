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
  ambiguousColumns,
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
  type AmbiguousField,
  type ColumnMapping,
  type RegisterField,
} from "../domain/classification/register";
import {
  mergeAnswers,
  NO_ANSWERS,
  RegisterAnswersSchema,
  registerQuestions,
  type RegisterAnswers,
  type RegisterQuestions,
} from "../domain/classification/answers";
import { QualityBuilder, type QualityFinding } from "../domain/classification/quality";
import {
  deriveColumns,
  findHeaderRow,
  mappingWithDerived,
  needsDerivedColumns,
  type DerivedColumn,
} from "../domain/classification/registerTable";
import { derivedColumnsSpec } from "../sheets/register/derivedColumns";
import { SummaryBuilder, type RegisterSummary } from "../domain/classification/summary";
import { isBlank } from "../domain/kernel/parse";
import type { Problem } from "../domain/kernel/problem";
import { toPence } from "../domain/kernel/money";
import type { FrameworkSettings } from "../domain/settings/settings";
import { cellAddress, columnLetters, parseRange, rangeAddress } from "../sheets/a1";
import type { SheetSpec } from "../sheets/spec";
import { sheetRef } from "../sheets/formula";
import { checkPasses, describeMismatch } from "../sheets/register/checks";
import { columnRef } from "../sheets/register/criteria";
import {
  resultHeaderSpec,
  resultRowsSpec,
  RESULT_COLUMNS,
  type ResultColumnsAt,
} from "../sheets/register/resultColumns";
import { resultLooksSpec } from "../sheets/register/resultLooks";
import { buildSummarySheet, SUMMARY_TITLE } from "../sheets/register/summarySheet";
import { queueRead, queueWrite, storeEntry } from "./store";
// The derived columns become part of the register -- the user's to correct, never cleared or
// rewritten by a rerun -- so they go through the writer itself, outside the owned output.
import { queueSpecs as queueRegisterSpecs, REQUEST_BUDGET_BYTES } from "./writer";
// Every write goes through the writer inside the workflow's owned write (ownership.ts).
import {
  beginOwned,
  exclusive,
  finishOwned,
  ownedSession,
  queueOwnedSpecs as queueSpecs,
} from "./ownership";

export const MAPPING_KEY = "FundingToolkit.registerMapping";
/** The remembered column mappings, one per register (by header text). */
export const REGISTER_MAPPINGS = storeEntry(
  MAPPING_KEY,
  SavedMappingsSchema,
  "the funding register's column mapping, per register"
);
/** The answers given once per programme and organisation, reused on the next file. */
export const REGISTER_ANSWERS = storeEntry(
  "FundingToolkit.registerAnswers",
  RegisterAnswersSchema,
  "answers for what a register cannot say: outputs per programme, infrastructure per organisation"
);
export const SUMMARY_SHEET = SUMMARY_TITLE;
/** Rows above the header row looked at for a title or notes to skip. */
const HEADER_SEARCH_ROWS = 20;
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
  /** Rows above the header row that were skipped (a title, notes, blank rows). */
  headerSkipped: number;
  /** Fields whose header more than one column carries: the user chooses. */
  ambiguous: AmbiguousField[];
  /** The column the programme questions are asked by, when the register has one. */
  answerBy: "programme" | "department" | null;
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
  // A table's header row is its own; a plain region may have a title or notes above its headers.
  const top = table
    ? table.getHeaderRowRange()
    : region.getRow(0).getResizedRange(Math.min(HEADER_SEARCH_ROWS, region.rowCount) - 1, 0);
  top.load("values");
  await context.sync();

  const skipped = table ? 0 : findHeaderRow(top.values).index;
  const headers = (top.values[skipped] ?? []).map((h: unknown) =>
    h === null || h === undefined ? "" : String(h)
  );
  const firstRow = area.rowIndex + skipped;
  const rowCount = area.rowCount - skipped;
  if (rowCount < 2 || headers.every((h: string) => h.trim() === "")) {
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
        firstRow,
        area.columnIndex,
        firstRow + rowCount - 1,
        area.columnIndex + area.columnCount - 1
      ),
      tableName,
      rowIndex: firstRow,
      columnIndex: area.columnIndex,
      rowCount,
      columnCount: area.columnCount,
      headers,
      resultBlock,
      mapping,
      headerSkipped: skipped,
      ambiguous: ambiguousColumns(headers, mapping, exclude),
      answerBy:
        mapping.programme !== undefined
          ? "programme"
          : mapping.department !== undefined
            ? "department"
            : null,
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
  /** Answers for what the data cannot say (per programme and organisation). */
  answers?: RegisterAnswers;
  /** The column the programme answers are keyed by. */
  answerBy?: "programme" | "department" | null;
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
      /** Data-quality findings, each with its rows. */
      quality: QualityFinding[];
      /** The register as classified (with any derived columns added). */
      info: RegisterInfo;
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
  const problems = mappingProblems(options.mapping, options.inferOutputs, options.answerBy ?? null);
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
  at: ResultColumnsAt,
  width: number = RESULT_COLUMNS.count
): Promise<Extract<ClassifyOutcome, { status: "needs-confirmation" }> | null> {
  const sheet = context.workbook.worksheets.getItem(info.sheet);
  const target = sheet.getRangeByIndexes(info.rowIndex, at.col, info.rowCount, width);
  const inTheWay = await cellsInTheWay(context, target);
  if (inTheWay.count === 0) return null;
  return {
    status: "needs-confirmation",
    cells: inTheWay.cells,
    count: inTheWay.count,
    message: `The ${width} new columns go in ${columnLetters(at.col)}:${columnLetters(at.col + width - 1)}, where ${inTheWay.count} cell${
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
): Promise<{ summary: RegisterSummary; plainNumbers: boolean; quality: QualityFinding[] }> {
  const chunk = Math.max(1, Math.floor(options.chunkRows ?? DEFAULT_CHUNK_ROWS));
  const seen = (f: RegisterField) => {
    const c = options.mapping[f];
    return (c === undefined ? "" : info.headers[c]) || FIELD_LABELS[f];
  };
  const quality = new QualityBuilder(seen, (f) => options.mapping[f] !== undefined);
  const rowContext = { answers: options.answers ?? NO_ANSWERS, answerBy: options.answerBy ?? null };
  const sheet = context.workbook.worksheets.getItem(info.sheet);
  const dataRows = info.rowCount - 1;
  const builder = new SummaryBuilder();
  const groupCol = options.groupBy ? options.mapping[options.groupBy] : undefined;
  const valueCol = options.mapping.annualValue;
  let plainNumbers = true;
  progress("Classifying", 0);
  for await (const { start, n, fill } of mappedChunks(context, info, options.mapping, chunk)) {
    const cells: (string | number)[][] = new Array(n);
    const row: unknown[] = new Array(info.columnCount).fill("");
    for (let i = 0; i < n; i++) {
      fill(row, i);
      const sheetRow = info.rowIndex + 2 + start + i;
      const outcome = classifyRegisterRow(
        row,
        sheetRow,
        options.mapping,
        info.headers,
        options.inferOutputs,
        options.settings,
        rowContext
      );
      quality.add(sheetRow, (f) =>
        options.mapping[f] === undefined ? null : row[options.mapping[f] as number]
      );
      builder.add(outcome, groupCol === undefined ? null : row[groupCol]);
      if (outcome.ok === true && (valueCol === undefined || !plainPence(row[valueCol])))
        plainNumbers = false;
      cells[i] = outputCells(outcome);
    }
    await queueSpecs(context, [{ sheet, spec: resultRowsSpec(at, start, cells) }]);
    progress("Classifying", Math.min(dataRows, start + n));
  }
  return { summary: builder.result(), plainNumbers, quality: quality.result() };
}

/**
 * Classify every row of the register and write the result columns and the summary sheet.
 * Returns "needs-confirmation" (writing nothing) when cells it did not write are in the way.
 */
export function classifyRegister(
  context: Excel.RequestContext,
  given: RegisterInfo,
  givenOptions: ClassifyOptions
): Promise<ClassifyOutcome> {
  return exclusive("register", "Classification", () =>
    classifyRegisterOnce(context, given, givenOptions)
  );
}

async function classifyRegisterOnce(
  context: Excel.RequestContext,
  given: RegisterInfo,
  givenOptions: ClassifyOptions
): Promise<ClassifyOutcome> {
  const problems = optionProblems(givenOptions);
  if (problems.length) return { status: "invalid", problems };

  const dataRows = given.rowCount - 1;
  const ours = given.resultBlock !== null;
  const progress = (phase: string, done: number) =>
    givenOptions.onProgress?.({ phase, done, total: dataRows });
  // Derived columns (value per year from the whole award ...) go first, where none are yet.
  const derive = !ours && needsDerivedColumns(givenOptions.mapping);
  const derivedHeaders = derive ? deriveColumns(given.headers, [], givenOptions.mapping) : [];

  // 1. Never overwrite what we did not write without asking.
  if (!ours && !givenOptions.confirmOverwrite) {
    const width = derivedHeaders.length + RESULT_COLUMNS.count;
    const question = await overwriteQuestion(context, given, resultColumnsAt(given), width);
    if (question) return question;
  }
  // What the add-in wrote last time is replaced; cells the user changed since are asked about.
  await beginOwned(context, `register:${registerId(given.sheet, given.tableName)}`, {
    label: "Classification",
    sheets: [SUMMARY_SHEET],
  });
  const { info, options } = derive
    ? await addDerivedColumns(context, given, givenOptions, derivedHeaders, progress)
    : { info: given, options: givenOptions };
  const at = resultColumnsAt(info);

  // 2. Headers (as new table columns when it is a table).
  const sheet = context.workbook.worksheets.getItem(info.sheet);
  if (!ours && info.tableName) {
    const table = context.workbook.tables.getItem(info.tableName);
    for (const h of OUTPUT_HEADERS) table.columns.add(undefined, undefined, h);
  } else {
    await queueSpecs(context, [{ sheet, spec: resultHeaderSpec(at) }]);
  }

  // 3. The rows, chunk by chunk; the columns sized and flagged rows highlighted; then the
  //    mapping and answers saved and the summary sheet.
  const { summary, plainNumbers, quality } = await classifyRows(
    context,
    info,
    options,
    at,
    progress
  );
  await highlightFlags(context, info, at);
  progress("Writing the summary", dataRows);
  const written = await writeSummary(context, info, options, summary, at.col, plainNumbers);
  await finishOwned(context);
  progress("Done", dataRows);
  const full = {
    ...info,
    columnCount: Math.max(info.columnCount, at.col - info.columnIndex + RESULT_COLUMNS.count),
  };
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
    quality,
    info: full,
  };
}

/**
 * Size the result columns and highlight every row whose Flags cell is not empty, with a
 * conditional format over the register's rows.
 */
async function highlightFlags(
  context: Excel.RequestContext,
  info: RegisterInfo,
  at: ResultColumnsAt
): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(info.sheet);
  const rows = info.rowCount - 1;
  const columns = at.col - info.columnIndex + RESULT_COLUMNS.count;
  // An earlier run's highlight is the owned write's to clear (ownership.ts): the user's own
  // conditional formats on the register are left alone.
  const spec = resultLooksSpec(
    {
      sheet: info.sheet,
      headerRow: info.rowIndex,
      firstCol: info.columnIndex,
      columns,
      rows,
      flagsCol: at.col + RESULT_COLUMNS.flags,
    },
    at.col
  );
  // The highlight is owned output (recorded, cleared by the next run). The widths are those of
  // the add-in's own result columns only: the owned write drops widths on a sheet the add-in did
  // not create (it never resizes the user's columns), so they go through the writer itself.
  const { columnWidths, ...looks } = spec;
  await queueSpecs(context, [{ sheet, spec: looks }]);
  await queueRegisterSpecs(context, [
    { sheet, spec: { name: spec.name, blocks: [], columnWidths } },
  ]);
}

/**
 * The register's mapped columns, chunk by chunk, so no response nears Excel's 5 MB limit. The
 * one sync per chunk also carries whatever the caller queued for the previous chunk (its result
 * cells), so a register of any length costs one round trip per chunk. `fill(row, i)` puts the
 * chunk's row i into `row` at each mapped column's index (other entries untouched).
 */
async function* mappedChunks(
  context: Excel.RequestContext,
  info: RegisterInfo,
  mapping: ColumnMapping,
  chunk: number
): AsyncGenerator<{ start: number; n: number; fill: (row: unknown[], i: number) => void }> {
  const sheet = context.workbook.worksheets.getItem(info.sheet);
  const columns = [...new Set(Object.values(mapping) as number[])].sort((x, y) => x - y);
  const dataRows = info.rowCount - 1;
  for (let start = 0; start < dataRows; start += chunk) {
    const n = Math.min(chunk, dataRows - start);
    const reads = columns.map((c) => {
      const r = sheet.getRangeByIndexes(info.rowIndex + 1 + start, info.columnIndex + c, n, 1);
      r.load("values");
      return { c, r };
    });
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    yield {
      start,
      n,
      fill: (row, i) => {
        for (const { c, r } of reads) row[c] = r.values[i][0];
      },
    };
  }
}

/**
 * Write the derived columns right of the register (new table columns when it is a table): the
 * mapped columns are read chunk by chunk, the facts worked out (registerTable.ts) and written.
 * They are written once; from then on they are the register's columns, which a rerun reads.
 * Returns the register and options with the derived columns in them (annual value mapped).
 */
async function addDerivedColumns(
  context: Excel.RequestContext,
  info: RegisterInfo,
  options: ClassifyOptions,
  headers: readonly DerivedColumn[],
  progress: (phase: string, done: number) => void
): Promise<{ info: RegisterInfo; options: ClassifyOptions }> {
  const sheet = context.workbook.worksheets.getItem(info.sheet);
  const col = info.columnIndex + info.columnCount;
  if (info.tableName) {
    const table = context.workbook.tables.getItem(info.tableName);
    for (const h of headers) table.columns.add(undefined, undefined, h.header);
  } else {
    await queueRegisterSpecs(context, [
      { sheet, spec: derivedColumnsSpec(info.sheet, col, info.rowIndex, headers, info.rowIndex) },
    ]);
  }
  const chunk = Math.max(1, Math.floor(options.chunkRows ?? DEFAULT_CHUNK_ROWS));
  progress("Working out values per year", 0);
  for await (const { start, n, fill } of mappedChunks(context, info, options.mapping, chunk)) {
    const rows = Array.from({ length: n }, (_, i) => {
      const row: unknown[] = new Array(info.columnCount).fill("");
      fill(row, i);
      return row;
    });
    const columns = deriveColumns(info.headers, rows, options.mapping);
    const spec = derivedColumnsSpec(info.sheet, col, info.rowIndex + 1 + start, columns, null);
    await queueRegisterSpecs(context, [{ sheet, spec }]);
    progress("Working out values per year", start + n);
  }
  const columnCount = info.columnCount + headers.length;
  const next: RegisterInfo = {
    ...info,
    columnCount,
    headers: [...info.headers, ...headers.map((h) => h.header)],
    address: rangeAddress(
      info.rowIndex,
      info.columnIndex,
      info.rowIndex + info.rowCount - 1,
      info.columnIndex + columnCount - 1
    ),
  };
  const mapping = mappingWithDerived(options.mapping, headers, info.columnCount);
  return { info: { ...next, mapping }, options: { ...options, mapping } };
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
  const savedAnswers = queueRead(context, REGISTER_ANSWERS);
  await context.sync();

  // Remember the mapping (by header text) for this register, keeping other registers' entries.
  const store = { ...(saved.value() ?? {}) };
  store[registerId(info.sheet, info.tableName)] = savedMapping(info, options);
  queueWrite(context, REGISTER_MAPPINGS, store);
  // Remember the answers, for this register and the next file.
  if (options.answers)
    queueWrite(
      context,
      REGISTER_ANSWERS,
      mergeAnswers(savedAnswers.value() ?? NO_ANSWERS, options.answers)
    );

  // The summary sheet is the workflow's own: reused by id, or named around a sheet of the user's.
  const session = ownedSession(context)!;
  const name = session.names[SUMMARY_SHEET];
  const ws = session.worksheet(SUMMARY_SHEET);
  const first = info.rowIndex + 2;
  const last = info.rowIndex + info.rowCount;
  const ref = (col: number) => columnRef(info.sheet, col, first, last);
  const groupIndex = options.groupBy ? options.mapping[options.groupBy] : undefined;
  const useFormulas = plainNumbers && info.rowCount > 1;
  const layout = buildSummarySheet(
    summary,
    {
      value: ref(
        info.columnIndex + ((options.mapping.annualValue ?? options.mapping.amount) as number)
      ),
      mode: ref(blockCol + RESULT_COLUMNS.mode),
      fundingType: ref(blockCol + RESULT_COLUMNS.fundingType),
      flags: ref(blockCol + RESULT_COLUMNS.flags),
      group: groupIndex === undefined ? null : ref(info.columnIndex + groupIndex),
      year:
        options.mapping.financialYear === undefined
          ? null
          : ref(info.columnIndex + options.mapping.financialYear),
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
  const values = await readBackInSlices(context, ws, layout.spec);

  const mismatches: string[] = [];
  for (const c of layout.checks) {
    const actual = values[c.row]?.[c.col];
    if (!checkPasses(c, actual)) mismatches.push(describeMismatch(c, actual));
  }
  return {
    sheet: name,
    usedFormulas: useFormulas,
    reconciliation: { ok: mismatches.length === 0, checked: layout.checks.length, mismatches },
  };
}

/**
 * Read a written sheet's values (its extent) back in row slices whose responses stay under the request budget
 * (Excel refuses a response over 5 MB: 5,000 groups make a summary too large to read at once).
 * A row's response is estimated from what was written: each text cell its length, any other cell
 * (a number, or the value of a formula) at most 32 bytes. One sync per slice; the first carries
 * the queued writes.
 */
async function readBackInSlices(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  spec: SheetSpec
): Promise<unknown[][]> {
  const box = spec.extent === undefined ? null : parseRange(spec.extent);
  if (!box) return [];
  const width = box.col2 - box.col1 + 1;
  const rowBytes = new Array<number>(box.row2 - box.row1 + 1).fill(width * 32);
  for (const block of spec.blocks)
    block.cells.forEach((cells, i) => {
      const r = block.row + i - box.row1;
      if (r < 0 || r >= rowBytes.length) return;
      for (const v of cells)
        if (typeof v === "string" && !v.startsWith("=")) rowBytes[r] += v.length * 4;
    });
  const values: unknown[][] = [];
  let start = 0;
  while (start < rowBytes.length) {
    let end = start;
    let bytes = rowBytes[start];
    while (end + 1 < rowBytes.length && bytes + rowBytes[end + 1] <= REQUEST_BUDGET_BYTES)
      bytes += rowBytes[++end];
    const range = ws.getRange(rangeAddress(box.row1 + start, box.col1, box.row1 + end, box.col2));
    range.load("values");
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    values.push(...range.values);
    start = end + 1;
  }
  return values;
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

/**
 * The questions to ask before classifying: each programme (or department) with its rows, and
 * each organisation whose name suggests an infrastructure body, with the answers remembered in
 * the workbook filled in. Reads the two columns and the stored answers in one sync.
 */
export async function readRegisterQuestions(
  context: Excel.RequestContext,
  info: Pick<RegisterInfo, "sheet" | "rowIndex" | "columnIndex" | "rowCount">,
  mapping: ColumnMapping,
  answerBy: "programme" | "department" | null
): Promise<{ questions: RegisterQuestions; answers: RegisterAnswers }> {
  const sheet = context.workbook.worksheets.getItem(info.sheet);
  const rows = info.rowCount - 1;
  const column = (c: number | undefined) => {
    if (c === undefined || rows < 1) return null;
    const r = sheet.getRangeByIndexes(info.rowIndex + 1, info.columnIndex + c, rows, 1);
    r.load("values");
    return r;
  };
  const by = column(answerBy === null ? undefined : mapping[answerBy]);
  const orgs = column(mapping.organisation);
  const stored = queueRead(context, REGISTER_ANSWERS);
  await context.sync();
  const answers = stored.value() ?? NO_ANSWERS;
  const flat = (r: Excel.Range | null) => (r ? r.values.map((v) => v[0]) : null);
  return { questions: registerQuestions(flat(by), flat(orgs), answers), answers };
}
