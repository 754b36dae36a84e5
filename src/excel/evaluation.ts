/**
 * The evaluation workbook in Excel: generate the panel's sheets from a checked setup, read a
 * completed workbook back and run the returns checks ("Check returns"), write assessment
 * summaries, and save setups in the workbook. Every Excel call for this capability is here.
 *
 * The sheets are SheetSpecs (src/sheets/evaluation) written by the one writer (queueSpecs), a
 * handful of context.sync() calls for a whole panel; reading back is one sync for the record and
 * sheet names and one for all the returns. The sheets are the workflow's own output
 * (ownership.ts): regenerating asks before replacing any cell the user changed since (a typed
 * score, a consensus, a gateway answer), and carries over the returns collected from members'
 * files (evaluatorFiles.ts records them as the add-in's write), so neither is lost unasked.
 */
import {
  modelToDraft,
  scoredCriteria,
  stagesOf,
  validateEvaluationSetup,
  type EvaluationDraft,
  type EvaluationModel,
} from "../domain/evaluation/setup";
import type { Problem } from "../domain/kernel/problem";
import {
  completeDraft,
  CurrentEvaluationSchema,
  SavedSetupsSchema,
  type CurrentEvaluationRecord,
} from "../domain/evaluation/records";
import {
  checkReturns,
  consensusGrid,
  rationaleGrid,
  type ReturnsData,
  type ReturnsProblem,
} from "../domain/evaluation/returnsChecks";
import {
  computeResults,
  rankReversal,
  tippingPoint,
  type EvaluationResults,
  type RankReversal,
  type TippingPoint,
} from "../domain/evaluation/results";
import { assessmentSummaries } from "../domain/evaluation/summaries";
import { draftFromSheet } from "../domain/evaluation/fromSheet";
import type { TenderIdentity } from "../sheets/evaluation/criteriaSheet";
import type { FrameworkSettings } from "../domain/settings/settings";
import type { CellValue, SheetSpec } from "../sheets/spec";
import { cellFingerprint } from "../sheets/fingerprint";
import { evaluationSpecs } from "../sheets/evaluation/evaluationSheets";
import {
  evaluationRefs,
  evaluationSheetNames,
  gridColumn,
  SCORING_SHEET,
  summarySheetNames,
  type SheetNames,
} from "../sheets/evaluation/geometry";
import {
  gatewayFromSheet,
  locateReturns,
  moderationFromSheet,
  returnsFromSheets,
} from "../sheets/evaluation/readBack";
import { summarySheet } from "../sheets/evaluation/summarySheet";
import { queueRead, queueWrite, storeEntry } from "./store";
// Every write goes through the writer inside the workflow's owned write (ownership.ts).
import {
  beginOwned,
  exclusive,
  finishOwned,
  queueOwnedSpecs as queueSpecs,
  type OwnedSession,
} from "./ownership";
import { addNote } from "./run";

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
  last?: () => void
): Promise<void> {
  // The sheets are the workflow's own (beginOwned placed them): each spec goes to its sheet.
  const targets = specs.map((spec) => ({
    sheet: context.workbook.worksheets.getItem(spec.name),
    spec,
  }));
  await queueSpecs(context, targets);
  last?.();
  targets[0]?.sheet.activate();
  await finishOwned(context);
}

/** Every sheet name in a set of names (strings and lists of strings). */
function sheetList(names: object): string[] {
  return Object.values(names).flatMap((v: unknown) =>
    typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === "string") : []
  );
}

/** The same set of names with each sheet's final name (ownership may rename around a user's sheet). */
function withNames<T extends object>(names: T, final: Record<string, string>): T {
  const rename = (v: unknown): unknown =>
    typeof v === "string" ? (final[v] ?? v) : Array.isArray(v) ? v.map(rename) : v;
  if (Array.isArray(names)) return rename(names) as T;
  return Object.fromEntries(Object.entries(names).map(([k, v]) => [k, rename(v)])) as T;
}

/** Queue a load of the workbook's sheet names (the caller syncs). */
function queueSheetNames(context: Excel.RequestContext): Excel.WorksheetCollection {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  return sheets;
}

/** A new tender identifier: the time and a random part, e.g. "T-lq3k9x-4f2a". */
function newTenderId(): string {
  return `T-${Date.now().toString(36)}-${Math.floor(Math.random() * 36 ** 4)
    .toString(36)
    .padStart(4, "0")}`;
}

/**
 * The identifier and version for a generation: the same tender (same name) keeps its identifier,
 * and its version goes up whenever the setup changes, so a file sent for an older setup is
 * refused when it comes back.
 */
function nextIdentity(
  previous: CurrentEvaluationRecord | null,
  model: EvaluationModel
): TenderIdentity {
  if (!previous?.tenderId || previous.draft.tenderName.trim() !== model.tenderName)
    return { tenderId: newTenderId(), version: 1 };
  const same = JSON.stringify(previous.draft) === JSON.stringify(modelToDraft(model));
  const version = previous.version ?? 1;
  return { tenderId: previous.tenderId, version: same ? version : version + 1 };
}

/**
 * Generate the evaluation workbook from a setup. Nothing is written when the setup has errors.
 * The sheets are owned (ownership.ts): a rerun replaces its own sheets and asks only about cells
 * the user changed; a sheet of the user's with the same name is kept and the new one named around it.
 */
export function generateEvaluationWorkbook(
  context: Excel.RequestContext,
  draft: EvaluationDraft,
  settings: FrameworkSettings
): Promise<GenerateOutcome> {
  return exclusive("evaluation", "Generating the evaluation workbook", () =>
    generateOnce(context, draft, settings)
  );
}

async function generateOnce(
  context: Excel.RequestContext,
  draft: EvaluationDraft,
  settings: FrameworkSettings
): Promise<GenerateOutcome> {
  const check = validateEvaluationSetup(draft, settings);
  if (!check.model) return { status: "invalid", errors: check.errors, warnings: check.warnings };
  const model = check.model;
  const names = evaluationSheetNames(model);
  const previous = queueRead(context, CURRENT_ENTRY);
  // The sheets of the last generation are the add-in's own and are rewritten (cells the user
  // changed since are asked about); a sheet of the user's with a wanted name is never touched:
  // the new sheet is named around it. beginOwned's first sync carries the read above.
  const session = await beginOwned(context, "evaluation", {
    label: "Generating the evaluation workbook",
    sheets: sheetList(names),
  });
  const identity = nextIdentity(previous.value(), model);
  const placed = withNames(names, session.names);
  const carried = await carriedReturns(context, session, previous.value(), model, settings);
  const specs = evaluationSpecs(model, placed, identity);
  carryInto(context, specs, model, placed, carried);
  const wanted = specs.map((s) => s.name);
  const record = {
    draft: modelToDraft(model),
    names: placed,
    generatedAt: new Date().toISOString(),
    ...identity,
  };
  await writeSheets(context, specs, () => queueWrite(context, CURRENT_ENTRY, record));
  return { status: "done", sheets: wanted, warnings: check.warnings };
}

// ---------- returns carried over a regeneration ----------

/** A cell of a member's grid by what it means: the member, the bid and the column. */
const gridKey = (member: string, bidder: string, column: string) =>
  JSON.stringify([member, bidder, column]);

/** What each column of member e's grid holds: "declaration", "score:<criterion>", "reason:<criterion>". */
function gridMeanings(model: EvaluationModel, e: number): string[] {
  const scored = scoredCriteria(model);
  const out: string[] = [];
  out[gridColumn.declaration] = "declaration";
  stagesOf(model).assignments[e].forEach((k, j) => {
    out[gridColumn.score(j)] = `score:${scored[k].name}`;
    out[gridColumn.reason(j)] = `reason:${scored[k].name}`;
  });
  return out;
}

/**
 * The members' entries still as the add-in last wrote them -- returns imported by "Collect
 * returns" (src/excel/evaluatorFiles.ts), or carried over before -- read from the last
 * generation's scoring sheets (one sync), by member, bid and column, so a regeneration keeps
 * them without asking. A cell the user changed since is not among them: beginOwned has asked
 * about it (Keep leaves it in place; Overwrite replaces it with a blank cell). Entries for a
 * member, bid or criterion no longer in the setup, or every entry when the scale changed, are
 * not carried over, and a note says how many.
 */
async function carriedReturns(
  context: Excel.RequestContext,
  session: OwnedSession,
  previous: CurrentEvaluationRecord | null,
  model: EvaluationModel,
  settings: FrameworkSettings
): Promise<Map<string, CellValue>> {
  const carried = new Map<string, CellValue>();
  const before = previous
    ? validateEvaluationSetup(completeDraft(previous.draft, settings), settings).model
    : null;
  if (!previous || !before) return carried;
  const own = new Set(session.oldBlocks.map((b) => b.sheet.toLowerCase()));
  const refs = evaluationRefs(before, previous.names);
  const reads = previous.names.evaluators.flatMap((name, e) =>
    own.has(name.toLowerCase())
      ? [{ e, name, range: context.workbook.worksheets.getItem(name).getRange(refs.grid(e)) }]
      : []
  );
  if (reads.length === 0) return carried;
  for (const r of reads) r.range.load("formulas");
  await context.sync();
  const { firstRow, firstCol } = SCORING_SHEET;
  // Scores on another scale mean something else: none is carried over (the note says how many).
  const sameScale = before.scale.max === model.scale.max;
  let dropped = 0;
  for (const { e, name, range } of reads) {
    const meanings = gridMeanings(before, e);
    range.formulas.forEach((row: unknown[], b: number) =>
      row.forEach((value, j) => {
        const at = [firstRow + b, firstCol + j] as const;
        const was = session.recordedPrint(name, ...at);
        if (!was || cellFingerprint(value, ...at) !== was) return;
        if (!sameScale) {
          if (value !== "") dropped++;
          return;
        }
        const key = gridKey(before.evaluators[e], before.bidders[b].name, meanings[j]);
        carried.set(key, value as CellValue);
      })
    );
  }
  if (dropped > 0) addNote(context, notCarried(dropped, "the scoring scale changed"));
  return carried;
}

/** Put the carried entries into the new scoring sheets; a note counts those with nowhere to go. */
function carryInto(
  context: Excel.RequestContext,
  specs: SheetSpec[],
  model: EvaluationModel,
  names: SheetNames,
  carried: Map<string, CellValue>
): void {
  const { firstRow, firstCol } = SCORING_SHEET;
  const placed = new Set<string>();
  model.evaluators.forEach((member, e) => {
    const spec = specs.find((s) => s.name === names.evaluators[e]);
    const meanings = gridMeanings(model, e);
    for (const block of spec?.blocks ?? []) {
      if (!block.unlocked || block.row !== firstRow) continue;
      const meaning = meanings[block.col - firstCol];
      if (meaning === undefined) continue;
      model.bidders.forEach((bidder, b) => {
        const key = gridKey(member, bidder.name, meaning);
        const value = carried.get(key);
        if (value === undefined || !block.cells[b]) return;
        block.cells[b][0] = value;
        placed.add(key);
      });
    }
  });
  const left = [...carried].filter(([key, v]) => !placed.has(key) && v !== "").length;
  if (left > 0)
    addNote(context, notCarried(left, "the member, bid or criterion is no longer in the setup"));
}

const notCarried = (n: number, why: string) =>
  `${n} entr${n === 1 ? "y" : "ies"} from the panel's returns ${n === 1 ? "was" : "were"} not carried into the new scoring sheets because ${why}.`;

export type CurrentEvaluation = {
  model: EvaluationModel;
  names: SheetNames;
  draft: EvaluationDraft;
  /** The tender's identifier and version (an older record without them: none yet, version 1). */
  identity: TenderIdentity;
};

export type ChecksOutcome =
  | { status: "no-evaluation"; message: string }
  | { status: "missing-sheets"; missing: string[]; message: string }
  | {
      status: "done";
      problems: ReturnsProblem[];
      results: EvaluationResults;
      reversal: RankReversal;
      tipping: TippingPoint;
      names: SheetNames;
    };

/** Read the record of the generated evaluation and the sheet names (one sync). */
export async function loadCurrent(
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
  const identity = { tenderId: record.tenderId ?? "", version: record.version ?? 1 };
  return { current: model ? { model, names: record.names, draft, identity } : null, sheets };
}

export function missingSheets(sheets: Excel.WorksheetCollection, wanted: string[]): string[] {
  const have = new Set(sheets.items.map((s) => s.name.toLowerCase()));
  return wanted.filter((n) => !have.has(n.toLowerCase()));
}

export const NO_EVALUATION = {
  status: "no-evaluation",
  message: "This workbook has no evaluation generated by the add-in yet; generate one first",
} as const;

export const missingOutcome = (missing: string[]) =>
  ({
    status: "missing-sheets",
    missing,
    message: `These sheets of the evaluation are missing: ${missing.join(", ")}`,
  }) as const;

/**
 * Read all returns in one sync: every evaluator's grid (declarations, scores, reasons), the
 * moderation block and the gateway's answers.
 */
export async function readReturns(
  context: Excel.RequestContext,
  cur: CurrentEvaluation
): Promise<ReturnsData> {
  const refs = evaluationRefs(cur.model, cur.names);
  const ws = context.workbook.worksheets;
  const grids = cur.names.evaluators.map((n, e) =>
    ws.getItem(n).getRange(refs.grid(e)).load("values")
  );
  const mod = ws.getItem(cur.names.moderation).getRange(refs.consensusBlock).load("values");
  const gateway =
    cur.names.gateway && refs.gatewayBlock
      ? ws.getItem(cur.names.gateway).getRange(refs.gatewayBlock).load("values")
      : null;
  await context.sync();
  return returnsFromSheets(cur.model, {
    grids: grids.map((g) => g.values),
    moderation: mod.values,
    gateway: gateway?.values,
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
  const missing = missingSheets(sheets, [
    current.names.moderation,
    ...current.names.evaluators,
    ...(current.names.gateway ? [current.names.gateway] : []),
  ]);
  if (missing.length > 0) return missingOutcome(missing);
  const data = await readReturns(context, current);
  const refs = evaluationRefs(current.model, current.names);
  const problems = checkReturns(current.model, data, locateReturns(refs));
  const results = computeResults(current.model, consensusGrid(current.model, data), data.gateway);
  const reversal = rankReversal(
    results.bids,
    results.priceWeight,
    current.model.priceMethod,
    current.model.tieBreak
  );
  const tipping = tippingPoint(current.model, results);
  return { status: "done", problems, results, reversal, tipping, names: current.names };
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
  | { status: "incomplete"; missing: string[]; message: string }
  | { status: "done"; sheets: string[]; winner: string | null };

/**
 * Assessment summaries (Procurement Act 2023 s.50, with the content of the Procurement
 * Regulations 2024 reg. 31): one sheet per bidder giving, per criterion, its consensus score and
 * rationale beside the most advantageous tender's, and why it was excluded where it was. Refused
 * until every bid's result is complete.
 */
export function writeAssessmentSummaries(
  context: Excel.RequestContext,
  settings: FrameworkSettings,
  // Kept for callers: existing sheets are now handled by ownership (asked about only when the user changed them).
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  opts: { overwrite?: boolean } = {}
): Promise<SummariesOutcome> {
  return exclusive("evaluation", "Writing the assessment summaries", () =>
    summariesOnce(context, settings)
  );
}

async function summariesOnce(
  context: Excel.RequestContext,
  settings: FrameworkSettings
): Promise<SummariesOutcome> {
  const { current, sheets } = await loadCurrent(context, settings);
  if (!current) return NO_EVALUATION;
  const gatewayName = current.names.gateway;
  const missing = missingSheets(sheets, [
    current.names.moderation,
    ...(gatewayName ? [gatewayName] : []),
  ]);
  if (missing.length > 0) return missingOutcome(missing);
  const refs = evaluationRefs(current.model, current.names);
  const mod = context.workbook.worksheets
    .getItem(current.names.moderation)
    .getRange(refs.consensusBlock)
    .load("values");
  const gw =
    gatewayName && refs.gatewayBlock
      ? context.workbook.worksheets.getItem(gatewayName).getRange(refs.gatewayBlock).load("values")
      : null;
  await context.sync();
  const data = moderationFromSheet(current.model, mod.values);
  const out = assessmentSummaries(
    current.model,
    consensusGrid(current.model, data),
    rationaleGrid(current.model, data),
    gw ? gatewayFromSheet(current.model, gw.values) : undefined
  );
  if (!out.ok)
    return {
      status: "incomplete",
      missing: out.missing,
      message: `Assessment summaries are written only once every result is complete. Still to do: ${out.missing.join(", ")} (a consensus score not agreed, or the gateway not answered). Nothing was written.`,
    };
  const session = await beginOwned(context, "evaluation.summaries", {
    label: "Writing the assessment summaries",
    sheets: summarySheetNames(current.model, current.names),
  });
  const names = withNames(summarySheetNames(current.model, current.names), session.names);
  const perPoint = current.model.priceMethod === "perQualityPoint";
  const specs = out.summaries.map((s, i) =>
    summarySheet(names[i], current.model.tenderName, s, perPoint)
  );
  await writeSheets(context, specs);
  return { status: "done", sheets: names, winner: out.summaries[0]?.winner ?? null };
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

// ---------- a setup from the sheet ----------

export type SetupFromSelection =
  | { status: "done"; draft: EvaluationDraft; found: string[]; sheet: string }
  | { status: "not-found"; message: string };

/**
 * "Use selected data": read the tender's criteria, bidders and panel from the sheet the selection
 * is on (its used range, one sync), laid out as the Tender sheet is: label rows, then tables
 * headed Criterion, Bidder, Panel member (and Gateway).
 */
export async function readSetupFromSelection(
  context: Excel.RequestContext,
  base: EvaluationDraft
): Promise<SetupFromSelection> {
  const selection = context.workbook.getSelectedRange();
  // A navigation property: a proxy to the sheet, nothing to load (the rule cannot tell).
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
  const sheet = selection.worksheet;
  sheet.load("name");
  const used = sheet.getUsedRange(true);
  used.load("values,rowIndex,columnIndex");
  await context.sync();
  // The used range may start below or right of A1: pad so the parser sees sheet positions.
  const values = [
    ...Array.from({ length: used.rowIndex }, () => [] as unknown[]),
    ...used.values.map((r: unknown[]) => [
      ...Array.from({ length: used.columnIndex }, () => ""),
      ...r,
    ]),
  ];
  const { draft, found } = draftFromSheet(values, base);
  if (!found.some((f) => /criteria|bidders|panel/.test(f)))
    return {
      status: "not-found",
      message: `No tender found on "${sheet.name}". Select a cell on a sheet laid out with tables headed Criterion, Bidder and Panel member (as the Tender sheet is).`,
    };
  return { status: "done", draft, found, sheet: sheet.name };
}
