/**
 * Reading a downloaded register file -- CSV, Excel (.xlsx) or 360Giving JSON -- into headers and
 * rows, with well-kept libraries rather than hand-written parsers: papaparse for CSV (quoted
 * newlines, a UTF-8 byte-order mark, any delimiter) and exceljs for .xlsx. Both are loaded with a
 * dynamic import() only when a file of that kind is opened, so the task pane starts without them.
 *
 * No Office.js and no DOM beyond Blob/TextDecoder (both in node and the browser): the tests open
 * the real files through this same code.
 */
import { threeSixtyGivingTable } from "../domain/classification/threeSixtyGiving";
import {
  tableFromRows,
  typeColumns,
  type CellValue,
  type HeaderRow,
} from "../domain/classification/registerTable";

export type FileKind = "csv" | "xlsx" | "json";

/** A file as the task pane has it (a File is a Blob with a name) or as a test reads it. */
export type RegisterFileInput = { name: string; data: Blob | ArrayBuffer | Uint8Array };

export type ReadProgress = (p: { phase: string; done: number; total: number }) => void;

export type FileTable = {
  kind: FileKind;
  headers: string[];
  rows: CellValue[][];
  /** The header row found (0 for JSON) and the rows skipped above it. */
  header: HeaderRow;
  /** The sheet read, for an Excel file with several. */
  sheetName?: string;
};

export type ReadResult = { ok: true; table: FileTable } | { ok: false; message: string };

/** The kind of file by its name, else by its first bytes (PK = a zip = .xlsx; "{" = JSON). */
export function fileKind(name: string, head: Uint8Array): FileKind | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === "csv" || ext === "txt" || ext === "tsv") return "csv";
  if (ext === "xlsx" || ext === "xlsm") return "xlsx";
  if (ext === "json") return "json";
  if (head[0] === 0x50 && head[1] === 0x4b) return "xlsx";
  const first = new TextDecoder("utf-8")
    .decode(head.slice(0, 64))
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (first.startsWith("{")) return "json";
  return null;
}

async function bytesOf(data: RegisterFileInput["data"]): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(await data.arrayBuffer());
}

/** Text as UTF-8; TextDecoder drops a leading byte-order mark. */
const utf8 = (bytes: Uint8Array) => new TextDecoder("utf-8").decode(bytes);

/** Rows between progress reports while parsing a CSV. */
const CSV_CHUNK_BYTES = 256 * 1024;

/**
 * CSV rows with papaparse, reporting progress. A file in the browser is streamed (papaparse reads
 * it in chunks with FileReader, so the pane can redraw its progress bar between them); text is
 * parsed in chunks too.
 */
async function readCsv(input: string | Blob, progress: ReadProgress): Promise<string[][]> {
  const { default: Papa } = await import("papaparse");
  const rows: string[][] = [];
  const total = typeof input === "string" ? input.length : input.size;
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(input as string, {
      skipEmptyLines: "greedy",
      chunkSize: CSV_CHUNK_BYTES,
      chunk: (results: import("papaparse").ParseResult<string[]>) => {
        for (const r of results.data) rows.push(r);
        progress({ phase: "Reading the file", done: results.meta.cursor, total });
      },
      complete: () => resolve(rows),
      error: (e: Error) => reject(e),
    });
  });
}

/** A cell of exceljs as a plain value: rich text and hyperlinks as their text, formulas as their result, dates as dd/mm/yyyy. */
function excelCell(v: unknown): CellValue {
  if (v === null || v === undefined) return "";
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) {
    const dd = String(v.getUTCDate()).padStart(2, "0");
    const mm = String(v.getUTCMonth() + 1).padStart(2, "0");
    return `${dd}/${mm}/${v.getUTCFullYear()}`;
  }
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return (o.richText as { text?: string }[]).map((t) => t.text ?? "").join("");
    if ("result" in o) return excelCell(o.result);
    if ("text" in o) return excelCell(o.text);
    if ("error" in o) return String(o.error);
  }
  return String(v);
}

/** The first worksheet that has data, as rows of plain values. */
async function readXlsx(
  bytes: Uint8Array
): Promise<{ rows: CellValue[][]; sheetName: string } | null> {
  const ExcelJS = await import("exceljs");
  const Workbook =
    (ExcelJS as unknown as { Workbook: typeof import("exceljs").Workbook }).Workbook ??
    (ExcelJS as unknown as { default: { Workbook: typeof import("exceljs").Workbook } }).default
      .Workbook;
  const wb = new Workbook();
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  await wb.xlsx.load(buffer as ArrayBuffer);
  const sheet = wb.worksheets.find((w) => w.actualRowCount > 0);
  if (!sheet) return null;
  const rows: CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as unknown[]; // 1-based: values[0] is empty
    rows[n - 1] = values.slice(1).map(excelCell);
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { rows, sheetName: sheet.name };
}

/** The table of a file's raw rows: header row found, rows typed; a file with no data refused. */
function tableOf(name: string, kind: FileKind, raw: unknown[][], sheetName?: string): ReadResult {
  if (raw.length === 0)
    return {
      ok: false,
      message: `"${name}" has no rows: check it is the register you downloaded.`,
    };
  const t = tableFromRows(raw);
  if (t.rows.length === 0 || t.headers.length === 0)
    return { ok: false, message: `"${name}" has a header row but no rows of data.` };
  return { ok: true, table: { kind, ...t, sheetName } };
}
const csvTable = (name: string, rows: string[][]) => tableOf(name, "csv", rows);

/**
 * Read a register file. Problems (not a register, unreadable) come back as a message in plain
 * words; nothing throws for a bad file.
 */
export async function readRegisterFile(
  file: RegisterFileInput,
  progress: ReadProgress = () => undefined
): Promise<ReadResult> {
  const streamed =
    file.data instanceof Blob &&
    typeof FileReader !== "undefined" &&
    /\.(csv|txt|tsv)$/i.test(file.name);
  if (streamed) {
    const rows = await readCsv(file.data as Blob, progress).catch((e: unknown) => e as Error);
    if (rows instanceof Error)
      return {
        ok: false,
        message: `"${file.name}" could not be read (${rows.message}). Check the file opens in Excel, then try again.`,
      };
    return csvTable(file.name, rows);
  }
  const bytes = await bytesOf(file.data);
  const kind = fileKind(file.name, bytes.slice(0, 64));
  if (kind === null)
    return {
      ok: false,
      message: `"${file.name}" is not a file the add-in can open: choose a .csv, .xlsx or 360Giving .json file.`,
    };
  progress({ phase: "Reading the file", done: 0, total: bytes.length });
  try {
    if (kind === "json") {
      let doc: unknown;
      try {
        doc = JSON.parse(utf8(bytes));
      } catch {
        return {
          ok: false,
          message: `"${file.name}" is not valid JSON: download it again, or open the CSV version.`,
        };
      }
      const t = threeSixtyGivingTable(doc);
      if (!t.ok) return t;
      progress({ phase: "Reading the file", done: bytes.length, total: bytes.length });
      return {
        ok: true,
        table: {
          kind,
          headers: t.headers,
          rows: typeColumns(t.headers, t.rows),
          header: { index: 0, skipped: 0 },
        },
      };
    }
    if (kind === "csv") return csvTable(file.name, await readCsv(utf8(bytes), progress));
    const raw = await readXlsx(bytes);
    if (!raw)
      return {
        ok: false,
        message: `"${file.name}" has no rows: check it is the register you downloaded.`,
      };
    return tableOf(file.name, "xlsx", raw.rows, raw.sheetName);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      message: `"${file.name}" could not be read (${why}). Check the file opens in Excel, then try again.`,
    };
  }
}
