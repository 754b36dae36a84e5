/**
 * The evaluation workbook in Excel: generate the panel's sheets from a checked setup, read a
 * completed workbook back and run the returns checks ("Check returns"), write assessment
 * summaries, and save setups in the workbook. Every Excel call for this capability is here.
 *
 * The sheets are SheetSpecs (src/sheets/evaluation) written by the one writer (queueSpecs), a
 * handful of context.sync() calls for a whole panel; reading back is one sync for the record and
 * sheet names and one for all the returns. Existing sheets are never replaced without the caller
 * confirming (a "needs-confirmation" result lists them).
 */
import {
  modelToDraft,
  validateEvaluationSetup,
  type EvaluationDraft,
  type EvaluationModel,
} from "../domain/evaluation/setup";
import type { Problem } from "../domain/kernel/problem";
import {
  completeDraft,
  CurrentEvaluationSchema,
  SavedSetupsSchema,
} from "../domain/evaluation/records";
import {
  checkReturns,
  consensusGrid,
  rationaleGrid,
  type ReturnsProblem,
} from "../domain/evaluation/returnsChecks";
import {
  assessmentSummaries,
  computeResults,
  rankReversal,
  type EvaluationResults,
  type RankReversal,
} from "../domain/evaluation/results";
import type { FrameworkSettings } from "../domain/settings/settings";
import type { SheetSpec } from "../sheets/spec";
import { evaluationSpecs } from "../sheets/evaluation/evaluationSheets";
import {
  evaluationRefs,
  evaluationSheetNames,
  summarySheetNames,
  type SheetNames,
} from "../sheets/evaluation/geometry";
import {
  locateReturns,
  moderationFromSheet,
  returnsFromSheets,
} from "../sheets/evaluation/readBack";
import { summarySheet } from "../sheets/evaluation/summarySheet";
import { queueRead, queueWrite, storeEntry } from "./store";
import { queueSpecs } from "./writer";

/** The setups saved in this workbook, by name. */
export const SETUPS_ENTRY = storeEntry(
  "FundingToolkit.evaluation.setups",
  SavedSetupsSchema,
  "the evaluation setups saved in this workbook, by name"
);
/** The evaluation generated last: its setup and its sheets' names. */
export const CURRENT_ENTRY = storeEntry(
  "FundingToolkit.evaluation.current",
  CurrentEvaluationSchema,
  "the evaluation generated last in this workbook (its setup and sheet names)"
);
export const SETUPS_KEY = SETUPS_ENTRY.key;
export const CURRENT_KEY = CURRENT_ENTRY.key;

export type GenerateOutcome =
  | { status: "invalid"; errors: Problem[]; warnings: Problem[] }
  | { status: "needs-confirmation"; existing: string[]; warnings: Problem[] }
  | { status: "done"; sheets: string[]; warnings: Problem[] };

/**
 * Write new sheets through the one writer. Sheets in `replace` exist already and the user agreed
 * to replace them: they are renamed out of the way first and deleted after the new sheets are in
 * place (so the workbook never loses its last sheet). `last` queues anything else that belongs in
 * the final batch (a record); the first new sheet is activated and one final sync sends it all.
 */
async function writeSheets(
  context: Excel.RequestContext,
  specs: SheetSpec[],
  replace: Excel.Worksheet[],
  last?: () => void
): Promise<void> {
  replace.forEach((ws, i) => {
    ws.name = `zzOld ${i + 1} ${Date.now() % 100000}`.slice(0, 31);
  });
  const targets = specs.map((spec) => ({
    sheet: context.workbook.worksheets.add(spec.name),
    spec,
  }));
  await queueSpecs(context, targets);
  replace.forEach((ws) => ws.delete());
  last?.();
  targets[0]?.sheet.activate();
  await context.sync();
}

/** Queue a load of the workbook's sheet names (the caller syncs). */
function queueSheetNames(context: Excel.RequestContext): Excel.WorksheetCollection {
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
  const check = validateEvaluationSetup(draft, settings);
  if (!check.model) return { status: "invalid", errors: check.errors, warnings: check.warnings };
  const model = check.model;
  const names = evaluationSheetNames(model);
  const specs = evaluationSpecs(model, names);
  const wanted = specs.map((s) => s.name);
  const sheets = queueSheetNames(context);
  await context.sync();
  const existing = clashes(sheets, wanted);
  if (existing.length > 0 && !opts.overwrite)
    return {
      status: "needs-confirmation",
      existing: existing.map((s) => s.name),
      warnings: check.warnings,
    };
  const record = { draft: modelToDraft(model), names, generatedAt: new Date().toISOString() };
  await writeSheets(context, specs, existing, () => queueWrite(context, CURRENT_ENTRY, record));
  return { status: "done", sheets: wanted, warnings: check.warnings };
}

export type CurrentEvaluation = {
  model: EvaluationModel;
  names: SheetNames;
  draft: EvaluationDraft;
};

export type ChecksOutcome =
  | { status: "no-evaluation"; message: string }
  | { status: "missing-sheets"; missing: string[]; message: string }
  | {
      status: "done";
      problems: ReturnsProblem[];
      results: EvaluationResults;
      reversal: RankReversal;
      names: SheetNames;
    };

/** Read the record of the generated evaluation and the sheet names (one sync). */
async function loadCurrent(
  context: Excel.RequestContext,
  settings: FrameworkSettings
): Promise<{ current: CurrentEvaluation | null; sheets: Excel.WorksheetCollection }> {
  const read = queueRead(context, CURRENT_ENTRY);
  const sheets = queueSheetNames(context);
  await context.sync();
  const record = read.value();
  if (!record) return { current: null, sheets };
  const draft = completeDraft(record.draft, settings);
  const model = validateEvaluationSetup(draft, settings).model;
  return { current: model ? { model, names: record.names, draft } : null, sheets };
}

function missingSheets(sheets: Excel.WorksheetCollection, wanted: string[]): string[] {
  const have = new Set(sheets.items.map((s) => s.name.toLowerCase()));
  return wanted.filter((n) => !have.has(n.toLowerCase()));
}

const NO_EVALUATION = {
  status: "no-evaluation",
  message: "This workbook has no evaluation generated by the add-in yet; generate one first",
} as const;

const missingOutcome = (missing: string[]) =>
  ({
    status: "missing-sheets",
    missing,
    message: `These sheets of the evaluation are missing: ${missing.join(", ")}`,
  }) as const;

/** Read all returns in one sync: declarations and grids of every evaluator, and the moderation block. */
async function readReturns(context: Excel.RequestContext, cur: CurrentEvaluation) {
  const refs = evaluationRefs(cur.model, cur.names);
  const ws = context.workbook.worksheets;
  const decl = cur.names.evaluators.map((n) =>
    ws.getItem(n).getRange(refs.declaration).load("values")
  );
  const grids = cur.names.evaluators.map((n) => ws.getItem(n).getRange(refs.grid).load("values"));
  const mod = ws.getItem(cur.names.moderation).getRange(refs.consensusBlock).load("values");
  await context.sync();
  return returnsFromSheets(cur.model, {
    declarations: decl.map((r) => r.values[0][0]),
    grids: grids.map((g) => g.values),
    moderation: mod.values,
  });
}

/**
 * "Check returns": read a completed workbook back (two syncs) and list what is still wrong, each
 * problem with its sheet and cell; plus the results from the consensus scores and the
 * rank-reversal check.
 */
export async function checkEvaluationReturns(
  context: Excel.RequestContext,
  settings: FrameworkSettings
): Promise<ChecksOutcome> {
  const { current, sheets } = await loadCurrent(context, settings);
  if (!current) return NO_EVALUATION;
  const missing = missingSheets(sheets, [current.names.moderation, ...current.names.evaluators]);
  if (missing.length > 0) return missingOutcome(missing);
  const data = await readReturns(context, current);
  const refs = evaluationRefs(current.model, current.names);
  const problems = checkReturns(current.model, data, locateReturns(refs));
  const results = computeResults(current.model, consensusGrid(current.model, data));
  const reversal = rankReversal(results.bids, results.priceWeight, current.model.priceMethod);
  return { status: "done", problems, results, reversal, names: current.names };
}

/** Go to a problem: activate its sheet and select the cell. */
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
  if (!current) return NO_EVALUATION;
  const missing = missingSheets(sheets, [current.names.moderation]);
  if (missing.length > 0) return missingOutcome(missing);
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
  const data = moderationFromSheet(current.model, mod.values);
  const summaries = assessmentSummaries(
    current.model,
    consensusGrid(current.model, data),
    rationaleGrid(current.model, data)
  );
  const specs = summaries.map((s, i) => summarySheet(names[i], current.model.tenderName, s));
  await writeSheets(context, specs, existing);
  return { status: "done", sheets: names, winner: summaries[0]?.winner ?? null };
}

// ---------- saved setups ----------

/** All setups saved in this workbook, by name (one sync). */
export async function loadSetups(
  context: Excel.RequestContext,
  settings: FrameworkSettings
): Promise<Record<string, EvaluationDraft>> {
  const read = queueRead(context, SETUPS_ENTRY);
  await context.sync();
  const saved = read.value() ?? {};
  return Object.fromEntries(
    Object.entries(saved).map(([name, draft]) => [name, completeDraft(draft, settings)])
  );
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
  queueWrite(context, SETUPS_ENTRY, all);
  await context.sync();
  return Object.keys(all);
}
