/**
 * Send to evaluators and collect their returns: one .xlsx per panel member holding only their
 * scoring sheet (their criteria, every bid, a declaration per bid, validation, protection) and
 * the Criteria sheet with the scale and the locked tender identifier and version; and, back, the
 * members' returned files checked (src/sheets/evaluation/returnedFile.ts) and imported into the
 * master workbook, whose Moderation sheet reads them.
 *
 * The files are made with exceljs, loaded by dynamic import() only when a file is made or read
 * (the caller passes the loader), so the task pane's start-up bundle stays within its budget. In Excel each file opens as a new
 * workbook for the chair to save and send (Excel.createWorkbook with the file in base64, ExcelApi
 * 1.8: Microsoft, "Excel namespace", createWorkbook); where that is not available (the browser
 * preview) the caller downloads them instead.
 */
import type { Block, CellLook, CellValue, SheetSpec } from "../sheets/spec";
import { parseRange } from "../sheets/a1";
import { PALETTE } from "../sheets/palette";
import { scoredCriteria, stagesOf, type EvaluationModel } from "../domain/evaluation/setup";
import { ReturnsRecordSchema } from "../domain/evaluation/records";
import {
  checkReturns,
  type ReturnsData,
  type ReturnsProblem,
} from "../domain/evaluation/returnsChecks";
import { isBlank } from "../domain/kernel/parse";
import type { FrameworkSettings } from "../domain/settings/settings";
import { evaluationRefs, SCORING_SHEET, type SheetNames } from "../sheets/evaluation/geometry";
import { criteriaSheet, type TenderIdentity } from "../sheets/evaluation/criteriaSheet";
import { scoringSheet } from "../sheets/evaluation/scoringSheet";
import { checkReturnedFile, type ReturnedWorkbook } from "../sheets/evaluation/returnedFile";
import { locateReturns, memberFromGrid } from "../sheets/evaluation/readBack";
import {
  loadCurrent,
  missingOutcome,
  missingSheets,
  NO_EVALUATION,
  readReturns,
  type CurrentEvaluation,
} from "./evaluation";
import { queueRead, queueWrite, storeEntry } from "./store";
// Imported returns land in the evaluation's own scoring sheets: recorded as the add-in's write.
import { writeIntoOwned } from "./ownership";

// exceljs, as far as this file uses it. src/excel does not import exceljs (test/architecture.test.ts):
// the caller hands in a loader that import()s it only when a file is made or read (the task pane
// passes src/files/exceljs.ts), so the start-up bundle stays within its budget.
type XlsxCell = {
  value: unknown;
  numFmt: string;
  font: Record<string, unknown> | undefined;
  fill: unknown;
  alignment: Record<string, unknown> | undefined;
  protection: unknown;
  dataValidation: unknown;
};
type XlsxRow = {
  eachCell(opts: { includeEmpty: boolean }, f: (c: XlsxCell, col: number) => void): void;
};
type XlsxSheet = {
  name: string;
  getCell(row: number, col: number): XlsxCell;
  getColumn(col: number): { width?: number };
  views: unknown[];
  protect(password: string, options: Record<string, boolean>): Promise<void>;
  eachRow(opts: { includeEmpty: boolean }, f: (row: XlsxRow, r: number) => void): void;
};
type XlsxWorkbook = {
  creator: string;
  calcProperties: { fullCalcOnLoad?: boolean };
  addWorksheet(name: string): XlsxSheet;
  worksheets: XlsxSheet[];
  xlsx: { writeBuffer(): Promise<unknown>; load(data: ArrayBuffer): Promise<unknown> };
};
type XlsxLibrary = { Workbook: new () => XlsxWorkbook };

/** Loads exceljs (its module, or a module whose default is it). */
export type LoadXlsx = () => Promise<unknown>;

async function library(load: LoadXlsx): Promise<XlsxLibrary> {
  const mod = (await load()) as Partial<XlsxLibrary> & { default?: XlsxLibrary };
  const lib = mod.Workbook ? (mod as XlsxLibrary) : mod.default;
  if (!lib?.Workbook) throw new Error("The spreadsheet library could not be loaded");
  return lib;
}

/** One member's file. */
export type EvaluatorFile = { member: string; fileName: string; bytes: Uint8Array };

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

/** Excel's column width is in characters of the default font: points -> characters (about 7 px each). */
const widthInCharacters = (points: number) => Math.max(4, Math.round(((points * 4) / 3 - 5) / 7));

function applyLooks(cell: XlsxCell, looks: readonly CellLook[]): void {
  for (const look of looks) {
    if (look === "bold" || look === "header" || look === "title" || look === "heading")
      cell.font = { ...cell.font, bold: true, ...(look === "title" ? { size: 14 } : {}) };
    if (look === "header" || look === "input")
      cell.fill = {
        type: "pattern",
        pattern: "solid",
        fgColor: { argb: argb(look === "header" ? PALETTE.headerFill : PALETTE.inputFill) },
      };
    if (look === "header" || look === "wrap")
      cell.alignment = { ...cell.alignment, wrapText: true, vertical: "top" };
    if (look === "italic") cell.font = { ...cell.font, italic: true };
  }
}

function writeBlock(ws: XlsxSheet, block: Block): void {
  block.cells.forEach((row, i) =>
    row.forEach((value, j) => {
      const cell = ws.getCell(block.row + i + 1, block.col + j + 1);
      const f = block.numberFormat;
      const format = block.kind === "text" ? "@" : typeof f === "string" ? f : f?.[i]?.[j];
      if (format) cell.numFmt = format;
      if (block.kind === "formula" && typeof value === "string" && value.startsWith("="))
        cell.value = { formula: value.slice(1) };
      else if (value !== "") cell.value = value;
      if (block.look) applyLooks(cell, block.look);
      if (block.unlocked) cell.protection = { locked: false };
    })
  );
}

/** Each cell of an A1 range. */
function eachCell(ws: XlsxSheet, address: string, f: (c: XlsxCell) => void) {
  const r = parseRange(address);
  if (!r) return;
  for (let row = r.row1; row <= r.row2; row++)
    for (let col = r.col1; col <= r.col2; col++) f(ws.getCell(row + 1, col + 1));
}

/** A SheetSpec as an exceljs sheet: the same cells, looks, validation, widths and protection. */
async function writeSpec(wb: XlsxWorkbook, spec: SheetSpec): Promise<void> {
  const ws = wb.addWorksheet(spec.name);
  spec.blocks.forEach((b) => writeBlock(ws, b));
  spec.styles?.forEach((s) => eachCell(ws, s.address, (c) => applyLooks(c, s.look)));
  spec.validations?.forEach((v) =>
    eachCell(ws, v.address, (c) => {
      c.dataValidation =
        v.type === "list"
          ? {
              type: "list",
              allowBlank: true,
              formulae: [
                Array.isArray(v.options) ? `"${v.options.join(",")}"` : v.options.replace(/^=/, ""),
              ],
              showErrorMessage: true,
              error: v.message,
            }
          : v.type === "wholeNumber"
            ? {
                type: "whole",
                operator: "between",
                allowBlank: true,
                formulae: [v.min, v.max],
                showErrorMessage: true,
                error: v.message,
              }
            : {
                type: "decimal",
                operator: "greaterThanOrEqual",
                allowBlank: true,
                formulae: [v.min],
                showErrorMessage: true,
                error: v.message,
              };
    })
  );
  spec.columnWidths?.forEach((w) => (ws.getColumn(w.col + 1).width = widthInCharacters(w.width)));
  if (spec.freeze)
    ws.views = [{ state: "frozen", ySplit: spec.freeze.rows, xSplit: spec.freeze.columns }];
  // No password: protection keeps a member from changing what is locked by accident; a changed
  // locked cell is caught when the file comes back (checkReturnedFile).
  if (spec.protect)
    await ws.protect("", {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
    });
}

/** A file name from a member's name: letters, digits, spaces and hyphens only. */
export function evaluatorFileName(tenderName: string, member: string): string {
  const clean = (s: string) =>
    s
      .replace(/[^A-Za-z0-9 -]+/g, " ")
      .replace(/\s+/g, " ")
      .trim();
  return `${clean(tenderName).slice(0, 60) || "Tender"} - ${clean(member).slice(0, 40) || "member"}.xlsx`;
}

/**
 * One .xlsx per panel member: their scoring sheet first, then the Criteria sheet (the published
 * method and scale), and nothing of anyone else's.
 */
export async function buildEvaluatorFiles(
  load: LoadXlsx,
  model: EvaluationModel,
  names: SheetNames,
  identity: TenderIdentity
): Promise<EvaluatorFile[]> {
  const ExcelJS = await library(load);
  const files: EvaluatorFile[] = [];
  for (let e = 0; e < model.evaluators.length; e++) {
    const wb = new ExcelJS.Workbook();
    wb.creator = "Funding Toolkit";
    wb.calcProperties.fullCalcOnLoad = true;
    await writeSpec(wb, scoringSheet(model, names, e, identity));
    await writeSpec(wb, criteriaSheet(model, names, identity));
    const buffer = await wb.xlsx.writeBuffer();
    files.push({
      member: model.evaluators[e],
      fileName: evaluatorFileName(model.tenderName, model.evaluators[e]),
      bytes: new Uint8Array(buffer as ArrayBuffer),
    });
  }
  return files;
}

/** A cell's value as Excel shows it: formulas by their result, rich text as its text. */
function plainValue(v: unknown): unknown {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  if (typeof v !== "object") return v;
  if ("richText" in v)
    return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join("");
  if ("result" in v) return plainValue((v as { result?: unknown }).result ?? null);
  if ("formula" in v || "sharedFormula" in v) return "";
  if ("text" in v) return String((v as { text: unknown }).text);
  if ("error" in v) return String((v as { error: unknown }).error);
  return "";
}

/** A returned .xlsx read into plain values, sheet by sheet (null when it is not a workbook). */
export async function readWorkbookFile(
  load: LoadXlsx,
  fileName: string,
  data: ArrayBuffer | Uint8Array
): Promise<ReturnedWorkbook | null> {
  const ExcelJS = await library(load);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data instanceof Uint8Array ? (data.slice().buffer as ArrayBuffer) : data);
  } catch {
    return null;
  }
  return {
    fileName,
    sheets: wb.worksheets.map((ws) => {
      const values: unknown[][] = [];
      ws.eachRow({ includeEmpty: false }, (row, r) => {
        const cells: unknown[] = [];
        row.eachCell({ includeEmpty: false }, (c, col) => (cells[col - 1] = plainValue(c.value)));
        values[r - 1] = Array.from(cells, (v) => v ?? "");
      });
      return { name: ws.name, values: Array.from(values, (r) => r ?? []) };
    }),
  };
}

/** Base64 of a file, as Excel.createWorkbook takes it. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Open each file as a new workbook in Excel for the chair to save and send ("opened"), or say
 * that this host cannot ("download": the preview, or Excel without ExcelApi 1.8).
 */
export async function openEvaluatorFiles(files: EvaluatorFile[]): Promise<"opened" | "download"> {
  const create = (globalThis as { Excel?: { createWorkbook?: (b64: string) => Promise<void> } })
    .Excel?.createWorkbook;
  if (typeof create !== "function") return "download";
  for (const f of files) await create(toBase64(f.bytes));
  return "opened";
}

// ---------- the workflows: send, collect ----------

export type SendOutcome =
  | { status: "no-evaluation" | "missing-sheets"; message: string }
  | { status: "done"; files: EvaluatorFile[]; tenderId: string; version: number };

/** Make every member's file from the evaluation generated in this workbook (one sync). */
export async function prepareEvaluatorFiles(
  context: Excel.RequestContext,
  settings: FrameworkSettings,
  load: LoadXlsx
): Promise<SendOutcome> {
  const { current } = await loadCurrent(context, settings);
  if (!current) return NO_EVALUATION;
  const files = await buildEvaluatorFiles(load, current.model, current.names, current.identity);
  return { status: "done", files, ...current.identity };
}

/** The returns imported so far, by panel member. */
export const RETURNS_ENTRY = storeEntry(
  "FundingToolkit.evaluation.returns",
  ReturnsRecordSchema,
  "the panel members' returned files imported into this workbook (file, when, version)"
);

/** A file the chair picked: its name, contents and (when the browser gives it) its save time. */
export type PickedFile = { name: string; data: ArrayBuffer | Uint8Array; lastModified?: number };

export type CollectOutcome =
  | { status: "no-evaluation" | "missing-sheets"; message: string }
  | {
      status: "needs-confirmation";
      /** Already moderated bids and criteria whose scores a return would change. */
      moderated: string[];
      refused: { fileName: string; reason: string }[];
    }
  | {
      status: "done";
      imported: { member: string; fileName: string }[];
      refused: { fileName: string; reason: string }[];
      /** Members with no return yet. */
      notReturned: string[];
      /** What is still missing in the returns (declarations, scores, reasons). */
      problems: ReturnsProblem[];
    };

/** Member problems only: the chair's own moderation is not a member's return. */
const MEMBER_KINDS = new Set([
  "undeclaredConflict",
  "missingScore",
  "invalidScore",
  "missingReason",
]);

/** Read and check each picked file; the later of two returns from one member wins. */
async function checkPicked(load: LoadXlsx, cur: CurrentEvaluation, files: PickedFile[]) {
  const ordered = [...files].sort((a, b) => (a.lastModified ?? 0) - (b.lastModified ?? 0));
  const accepted = new Map<number, { fileName: string; grid: unknown[][] }>();
  const refused: { fileName: string; reason: string }[] = [];
  for (const f of ordered) {
    const wb = await readWorkbookFile(load, f.name, f.data);
    if (!wb) {
      refused.push({
        fileName: f.name,
        reason: "it is not an Excel workbook (.xlsx) that can be read",
      });
      continue;
    }
    const checked = checkReturnedFile(cur.model, cur.names, cur.identity, wb);
    if (checked.ok) accepted.set(checked.evaluator, { fileName: f.name, grid: checked.grid });
    else refused.push({ fileName: f.name, reason: checked.reason });
  }
  return { accepted, refused };
}

/**
 * Bids and criteria already moderated (a consensus score is entered) whose counted scores an
 * import would change: the chair is asked before they are overwritten.
 */
function moderatedChanges(
  cur: CurrentEvaluation,
  data: ReturnsData,
  accepted: Map<number, { grid: unknown[][] }>
): string[] {
  const scored = scoredCriteria(cur.model);
  const out: string[] = [];
  for (const [e, { grid }] of accepted) {
    const incoming = memberFromGrid(cur.model, e, grid);
    cur.model.bidders.forEach((bidder, b) =>
      scored.forEach((c, k) => {
        if (isBlank(data.consensus[b]?.[k])) return;
        const before = [data.declarations[e]?.[b], data.scores[e]?.[b]?.[k]];
        const after = [incoming.declarations[b], incoming.scores[b]?.[k]];
        if (
          String(before[0] ?? "") !== String(after[0] ?? "") ||
          String(before[1] ?? "") !== String(after[1] ?? "")
        )
          out.push(
            `${cur.model.evaluators[e]}'s return changes ${bidder.name} on ${c.name}, already moderated`
          );
      })
    );
  }
  return out;
}

/** A member's grid written back into their sheet in the master: declarations, scores, reasons. */
function importSpec(cur: CurrentEvaluation, e: number, grid: unknown[][]): SheetSpec {
  const { firstRow, firstCol } = SCORING_SHEET;
  const width = 1 + 2 * stagesOf(cur.model).assignments[e].length;
  const column = (j: number) => grid.map((row) => [row[j] ?? ""] as CellValue[]);
  const asCell = (v: unknown): CellValue =>
    typeof v === "number" || typeof v === "boolean" ? v : isBlank(v) ? "" : String(v);
  const blocks: Block[] = Array.from({ length: width }, (_, j) => ({
    row: firstRow,
    col: firstCol + j,
    // Scores are numbers; declarations and reasons stay text, whatever they look like.
    kind: j > 0 && j % 2 === 1 ? "value" : "text",
    cells: column(j).map((r) => [asCell(r[0])]),
    look: ["input"],
    unlocked: true,
  }));
  return { name: cur.names.evaluators[e], blocks, protect: true };
}

/**
 * Collect returns: check each picked file (this tender, this version, a member of the panel,
 * nothing locked changed), then import its declarations, scores and reasons into that member's
 * sheet in the master, which the Moderation sheet reads. A return replaces the member's earlier
 * one; nothing already moderated is overwritten unless `overwrite` is set (the chair agreed).
 * Then list who has not returned and what is still missing. The imported cells are recorded as
 * the add-in's own output (ownership.ts, writeIntoOwned), so regenerating keeps them unasked.
 */
export async function collectReturns(
  context: Excel.RequestContext,
  settings: FrameworkSettings,
  load: LoadXlsx,
  files: PickedFile[],
  opts: { overwrite?: boolean } = {}
): Promise<CollectOutcome> {
  const { current, sheets } = await loadCurrent(context, settings);
  if (!current) return NO_EVALUATION;
  const missing = missingSheets(sheets, [current.names.moderation, ...current.names.evaluators]);
  if (missing.length > 0) return missingOutcome(missing);
  const { accepted, refused } = await checkPicked(load, current, files);
  const before = await readReturns(context, current);
  const moderated = moderatedChanges(current, before, accepted);
  if (moderated.length > 0 && !opts.overwrite)
    return { status: "needs-confirmation", moderated, refused };
  const record = queueRead(context, RETURNS_ENTRY);
  const targets = [...accepted].map(([e, { grid }]) => {
    const sheet = context.workbook.worksheets.getItem(current.names.evaluators[e]);
    sheet.protection.unprotect();
    return { sheet, spec: importSpec(current, e, grid) };
  });
  // The imported cells become the add-in's last write in the evaluation's record: a later
  // regeneration carries them over without asking, and asks about any the chair changes after.
  await writeIntoOwned(context, "evaluation", targets);
  await context.sync();
  const now = new Date().toISOString();
  const returned = { ...(record.value() ?? {}) };
  for (const [e, { fileName }] of accepted)
    returned[current.model.evaluators[e]] = {
      file: fileName,
      importedAt: now,
      version: current.identity.version,
    };
  queueWrite(context, RETURNS_ENTRY, returned);
  const after = await readReturns(context, current);
  const refs = evaluationRefs(current.model, current.names);
  const problems = checkReturns(current.model, after, locateReturns(refs)).filter((p) =>
    MEMBER_KINDS.has(p.kind)
  );
  return {
    status: "done",
    imported: [...accepted].map(([e, a]) => ({
      member: current.model.evaluators[e],
      fileName: a.fileName,
    })),
    refused,
    notReturned: current.model.evaluators.filter((m) => !returned[m]),
    problems,
  };
}
