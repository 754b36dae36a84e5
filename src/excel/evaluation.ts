/**
 * The evaluation workbook in Excel: generate the panel's sheets from a checked setup, read a
 * completed workbook back and run the engine's checks ("Check returns"), write assessment
 * summaries, and save setups in the workbook. Every Excel call for this capability is here.
 *
 * Batched: the layout model (src/engine/evaluationLayout.ts) is written as 2D blocks, a handful
 * of context.sync() calls for a whole panel; reading back is one sync for the record and sheet
 * names and one for all the returns. Existing sheets are never replaced without the caller
 * confirming (a "needs-confirmation" result lists them).
 */
import {
  modelToDraft,
  draftFromJson,
  validateSetup,
  type EvaluationDraft,
  type EvaluationModel,
  type Issue,
} from "../domain/evaluation/setup";
import {
  evaluationLayout,
  evaluationRefs,
  summarySheet,
  summarySheetNames,
  type SheetLayout,
  type SheetNames,
} from "../sheets/evaluation/evaluationSheets";
import {
  checkReturns,
  consensusGrid,
  rationaleGrid,
  type Finding,
  type ReturnsData,
} from "../domain/evaluation/returnsChecks";
import {
  assessmentSummaries,
  computeResults,
  rankReversal,
  type EvaluationResults,
  type RankReversal,
} from "../domain/evaluation/results";
import type { FrameworkSettings } from "../domain/settings/settings";

export const SETUPS_KEY = "FundingToolkit.evaluation.setups";
export const CURRENT_KEY = "FundingToolkit.evaluation.current";

/** Keep each request well under Excel's 5 MB limit: sync when this many bytes are queued. */
export const BATCH_BYTES = 2_000_000;

type Record_ = { draft: EvaluationDraft; names: SheetNames; generatedAt: string };

export type GenerateOutcome =
  | { status: "invalid"; errors: Issue[]; warnings: Issue[] }
  | { status: "needs-confirmation"; existing: string[]; warnings: Issue[] }
  | { status: "done"; sheets: string[]; warnings: Issue[] };

/** Rough size of a block of data as it travels in a request. */
function bytesOf(data: unknown[][]): number {
  let n = 0;
  for (const row of data) for (const v of row) n += typeof v === "string" ? v.length + 3 : 8;
  return n;
}

const fill2D = <T>(rows: number, cols: number, v: T): T[][] =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => v));

/** Queue the writes for one sheet (no sync). Returns the approximate request bytes queued. */
function queueSheet(ws: Excel.Worksheet, layout: SheetLayout): number {
  let bytes = 0;
  for (const b of layout.blocks) {
    const rows = b.data.length;
    const cols = rows > 0 ? b.data[0].length : 0;
    if (rows === 0 || cols === 0) continue;
    const range = ws.getRangeByIndexes(b.row, b.col, rows, cols);
    if (b.kind === "text") {
      // Text format first, so a name such as "=1+1" or "+44 Ltd" is stored as text, not a formula.
      range.numberFormat = fill2D(rows, cols, "@");
      range.values = b.data as string[][];
      bytes += bytesOf(b.data) + rows * cols * 4;
    } else {
      if (b.numberFormat) {
        range.numberFormat = fill2D(rows, cols, b.numberFormat);
        bytes += rows * cols * (b.numberFormat.length + 3);
      }
      if (b.kind === "formula") range.formulas = b.data as string[][];
      else range.values = b.data as (string | number | boolean)[][];
      bytes += bytesOf(b.data);
    }
  }
  for (const s of layout.styles) {
    const r = ws.getRange(s.address);
    if (s.bold !== undefined) r.format.font.bold = s.bold;
    if (s.italic !== undefined) r.format.font.italic = s.italic;
    if (s.fill) r.format.fill.color = s.fill;
    if (s.wrap !== undefined) r.format.wrapText = s.wrap;
    bytes += 120;
  }
  for (const w of layout.columnWidths) {
    ws.getRangeByIndexes(0, w.col, 1, 1).getEntireColumn().format.columnWidth = w.width;
    bytes += 80;
  }
  for (const a of layout.unlocked) {
    ws.getRange(a).format.protection.locked = false;
    bytes += 80;
  }
  for (const v of layout.validations) {
    const dv = ws.getRange(v.address).dataValidation;
    if (v.type === "wholeNumber")
      dv.rule = { wholeNumber: { formula1: v.min, formula2: v.max, operator: "Between" } };
    else dv.rule = { list: { inCellDropDown: true, source: v.options.join(",") } };
    dv.errorAlert = {
      message: v.message,
      showAlert: true,
      style: "Stop",
      title: "Check the entry",
    };
    bytes += 200 + v.message.length;
  }
  for (const c of layout.conditionalFormats) {
    const cf = ws.getRange(c.address).conditionalFormats.add("Custom");
    cf.custom.rule.formula = c.formula;
    cf.custom.format.fill.color = c.fill;
    cf.custom.format.font.color = c.fontColor;
    bytes += 200 + c.formula.length;
  }
  if (layout.chart) {
    const chart = ws.charts.add(
      layout.chart.type,
      ws.getRange(layout.chart.source),
      layout.chart.seriesBy
    );
    chart.title.text = layout.chart.title;
    chart.setPosition("O5");
    bytes += 300;
  }
  if (layout.freeze) {
    ws.freezePanes.freezeRows(layout.freeze.rows);
    bytes += 60;
  }
  ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
  return bytes + 100;
}

/**
 * Write sheets in as few batches as the request size allows. Sheets named in `replace` exist
 * already and the user agreed to replace them: they are renamed out of the way first and deleted
 * after the new sheets are in place (so the workbook never loses its last sheet).
 */
async function writeSheets(
  context: Excel.RequestContext,
  layouts: SheetLayout[],
  replace: Excel.Worksheet[],
  extra?: () => void
): Promise<void> {
  replace.forEach((ws, i) => {
    ws.name = `zzOld ${i + 1} ${Date.now() % 100000}`.slice(0, 31);
  });
  let queued = 0;
  for (const layout of layouts) {
    const ws = context.workbook.worksheets.add(layout.name);
    queued += queueSheet(ws, layout);
    if (queued > BATCH_BYTES) {
      // Chunking a large write into a few big batches (each under the 5 MB request limit), not a sync per row.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      queued = 0;
    }
  }
  replace.forEach((ws) => ws.delete());
  extra?.();
  context.workbook.worksheets.getItem(layouts[0].name).activate();
  await context.sync();
}

/** Names of the workbook's sheets (one sync). */
async function sheetNames(context: Excel.RequestContext): Promise<Excel.WorksheetCollection> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  return sheets;
}

function clashes(sheets: Excel.WorksheetCollection, wanted: string[]): Excel.Worksheet[] {
  const lower = new Set(wanted.map((n) => n.toLowerCase()));
  return sheets.items.filter((s) => lower.has(s.name.toLowerCase()));
}

/**
 * Generate the evaluation workbook from a setup. Nothing is written when the setup has errors;
 * when any sheet to be generated exists already and overwrite is not set, nothing is written and
 * the existing sheets are listed for the user to confirm.
 */
export async function generateEvaluationWorkbook(
  context: Excel.RequestContext,
  draft: EvaluationDraft,
  settings: FrameworkSettings,
  opts: { overwrite?: boolean } = {}
): Promise<GenerateOutcome> {
  const v = validateSetup(draft, settings);
  if (!v.model) return { status: "invalid", errors: v.errors, warnings: v.warnings };
  const model = v.model;
  const layouts = evaluationLayout(model);
  const wanted = layouts.map((l) => l.name);
  const sheets = await sheetNames(context);
  await context.sync();
  const existing = clashes(sheets, wanted);
  if (existing.length > 0 && !opts.overwrite)
    return {
      status: "needs-confirmation",
      existing: existing.map((s) => s.name),
      warnings: v.warnings,
    };
  const names = evaluationRefs(model).names;
  const record: Record_ = {
    draft: modelToDraft(model),
    names,
    generatedAt: new Date().toISOString(),
  };
  await writeSheets(context, layouts, existing, () =>
    context.workbook.settings.add(CURRENT_KEY, JSON.stringify(record))
  );
  return { status: "done", sheets: wanted, warnings: v.warnings };
}

export type CurrentEvaluation = {
  model: EvaluationModel;
  names: SheetNames;
  draft: EvaluationDraft;
};

function parseRecord(raw: unknown, settings: FrameworkSettings): CurrentEvaluation | null {
  let obj: unknown = raw;
  if (typeof raw === "string") {
    try {
      obj = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (!obj || typeof obj !== "object") return null;
  const r = obj as Partial<Record_>;
  const draft = draftFromJson(r.draft, settings);
  if (!draft || !r.names) return null;
  const v = validateSetup(draft, settings);
  if (!v.model) return null;
  return { model: v.model, names: r.names, draft };
}

export type ChecksOutcome =
  | { status: "no-evaluation"; message: string }
  | { status: "missing-sheets"; missing: string[]; message: string }
  | {
      status: "done";
      findings: Finding[];
      results: EvaluationResults;
      reversal: RankReversal;
      names: SheetNames;
    };

/** Read the record of the generated evaluation and the sheet names (one sync). */
async function loadCurrent(
  context: Excel.RequestContext,
  settings: FrameworkSettings
): Promise<{ current: CurrentEvaluation | null; sheets: Excel.WorksheetCollection }> {
  const item = context.workbook.settings.getItemOrNullObject(CURRENT_KEY);
  item.load("value");
  const sheets = await sheetNames(context);
  await context.sync();
  return { current: item.isNullObject ? null : parseRecord(item.value, settings), sheets };
}

function missingSheets(sheets: Excel.WorksheetCollection, wanted: string[]): string[] {
  const have = new Set(sheets.items.map((s) => s.name.toLowerCase()));
  return wanted.filter((n) => !have.has(n.toLowerCase()));
}

/** Read all returns in one sync: declarations and grids of every evaluator, and the moderation block. */
async function readReturns(
  context: Excel.RequestContext,
  cur: CurrentEvaluation
): Promise<ReturnsData> {
  const refs = evaluationRefs(cur.model, cur.names);
  const ws = context.workbook.worksheets;
  const decl = cur.names.evaluators.map((n) =>
    ws.getItem(n).getRange(refs.declaration).load("values")
  );
  const grids = cur.names.evaluators.map((n) => ws.getItem(n).getRange(refs.grid).load("values"));
  const mod = ws.getItem(cur.names.moderation).getRange(refs.consensusBlock).load("values");
  await context.sync();
  return {
    declarations: decl.map((r) => r.values[0][0]),
    grids: grids.map((g) => g.values),
    moderation: mod.values,
  };
}

/**
 * "Check returns": read a completed workbook back (two syncs) and list what is still wrong, each
 * finding with its sheet and cell; plus the results from the consensus scores and the
 * rank-reversal check.
 */
export async function checkEvaluationReturns(
  context: Excel.RequestContext,
  settings: FrameworkSettings
): Promise<ChecksOutcome> {
  const { current, sheets } = await loadCurrent(context, settings);
  if (!current)
    return {
      status: "no-evaluation",
      message: "This workbook has no evaluation generated by the add-in yet; generate one first",
    };
  const missing = missingSheets(sheets, [current.names.moderation, ...current.names.evaluators]);
  if (missing.length > 0)
    return {
      status: "missing-sheets",
      missing,
      message: `These sheets of the evaluation are missing: ${missing.join(", ")}`,
    };
  const data = await readReturns(context, current);
  const findings = checkReturns(current.model, evaluationRefs(current.model, current.names), data);
  const results = computeResults(current.model, consensusGrid(current.model, data));
  const reversal = rankReversal(results.bids, results.priceWeight, current.model.priceMethod);
  return { status: "done", findings, results, reversal, names: current.names };
}

/** Go to a finding: activate its sheet and select the cell. */
export async function goToCell(
  context: Excel.RequestContext,
  sheet: string,
  address: string
): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(address).select();
  await context.sync();
}

export type SummariesOutcome =
  | { status: "no-evaluation"; message: string }
  | { status: "missing-sheets"; missing: string[]; message: string }
  | { status: "needs-confirmation"; existing: string[] }
  | { status: "done"; sheets: string[]; winner: string | null };

/**
 * Assessment summaries (Procurement Act 2023 s.50): one sheet per bidder comparing its consensus
 * scores and rationale with the winning bid's, criterion by criterion.
 */
export async function writeAssessmentSummaries(
  context: Excel.RequestContext,
  settings: FrameworkSettings,
  opts: { overwrite?: boolean } = {}
): Promise<SummariesOutcome> {
  const { current, sheets } = await loadCurrent(context, settings);
  if (!current)
    return {
      status: "no-evaluation",
      message: "This workbook has no evaluation generated by the add-in yet; generate one first",
    };
  const missing = missingSheets(sheets, [current.names.moderation]);
  if (missing.length > 0)
    return {
      status: "missing-sheets",
      missing,
      message: `These sheets of the evaluation are missing: ${missing.join(", ")}`,
    };
  const names = summarySheetNames(current.model, current.names);
  const existing = clashes(sheets, names);
  if (existing.length > 0 && !opts.overwrite)
    return { status: "needs-confirmation", existing: existing.map((s) => s.name) };
  const refs = evaluationRefs(current.model, current.names);
  const mod = context.workbook.worksheets
    .getItem(current.names.moderation)
    .getRange(refs.consensusBlock)
    .load("values");
  await context.sync();
  const data = { moderation: mod.values };
  const summaries = assessmentSummaries(
    current.model,
    consensusGrid(current.model, data),
    rationaleGrid(current.model, data)
  );
  const layouts = summaries.map((s, i) => summarySheet(names[i], current.model.tenderName, s));
  await writeSheets(context, layouts, existing);
  return { status: "done", sheets: names, winner: summaries[0]?.winner ?? null };
}

// ---------- saved setups ----------

/** All setups saved in this workbook, by name (one sync). */
export async function loadSetups(
  context: Excel.RequestContext,
  settings: FrameworkSettings
): Promise<Record<string, EvaluationDraft>> {
  const item = context.workbook.settings.getItemOrNullObject(SETUPS_KEY);
  item.load("value");
  await context.sync();
  if (item.isNullObject) return {};
  let raw: unknown = item.value;
  if (typeof raw === "string") {
    try {
      raw = JSON.parse(raw);
    } catch {
      return {};
    }
  }
  const out: Record<string, EvaluationDraft> = {};
  if (raw && typeof raw === "object")
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      const d = draftFromJson(v, settings);
      if (d) out[k] = d;
    }
  return out;
}

/** Save a setup under a name (replacing one of the same name), as typed: it need not be valid yet. */
export async function saveSetup(
  context: Excel.RequestContext,
  name: string,
  draft: EvaluationDraft,
  settings: FrameworkSettings
): Promise<string[]> {
  const all = await loadSetups(context, settings);
  all[name.trim() || draft.tenderName.trim() || "Untitled"] = draft;
  context.workbook.settings.add(SETUPS_KEY, JSON.stringify(all));
  await context.sync();
  return Object.keys(all);
}
