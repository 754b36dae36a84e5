/**
 * What the add-in generated is OWNED: each workflow records in the workbook store the sheets it
 * created (by worksheet id, which survives a rename), the ranges it wrote (with a fingerprint of
 * every cell's content, src/sheets/fingerprint.ts), its validation and highlight ranges, and its
 * charts. A rerun then:
 *  - finds the cells the user changed since (compared with the fingerprints) and, unless told,
 *    stops to ask (EditedCellsError): keep the user's values, overwrite them, or cancel;
 *  - clears its own previous output completely (values, formats, validation, highlights; charts
 *    deleted) except the cells the user chose to keep, and nothing else;
 *  - writes the new output through the one writer, skipping the kept cells;
 *  - never deletes or writes over a sheet it did not create: a name taken by someone else's sheet
 *    gets a new name ("Funding summary (2)"), reported in `renamed`.
 * Excel's own guidance for request sizes applies to the reads too: the old output is read back in
 * pieces under the writer's budget.
 */
import { z } from "zod";
import { parseRange, rangeAddress } from "../sheets/a1";
import {
  cellFingerprint,
  changedCells,
  encodePrint,
  printAt,
  printBytes,
  type BlockPrint,
  type EditedCell,
} from "../sheets/fingerprint";
import type { SheetSpec } from "../sheets/spec";
import {
  EDITED_LIST_LIMIT,
  EditedCellsError,
  WorkflowBusyError,
  type EditedCells,
  type OwnedDecision,
} from "./ownershipTypes";
import { addNote, decisionFor } from "./run";
import { queueRead, queueWrite, storeFamily } from "./store";
import {
  payloadBytes,
  queueSpecs,
  REQUEST_BUDGET_BYTES,
  type WriteReport,
  type WriteTarget,
} from "./writer";

export * from "./ownershipTypes";

const PrintSchema = z.object({
  rows: z.number().int().min(0),
  cols: z.array(z.object({ d: z.array(z.string()), w: z.number().int().min(1), c: z.string() })),
});

export const OwnedRecordSchema = z.object({
  /** Sheets the workflow created: its key for the sheet, the sheet's id and last name. */
  sheets: z.array(z.object({ key: z.string(), id: z.string(), name: z.string() })),
  /** Ranges of cells written, with the fingerprint of what was written (null: too large to keep). */
  blocks: z.array(
    z.object({
      sheetId: z.string(),
      address: z.string(),
      print: PrintSchema.nullable(),
      bytes: z.number(),
    })
  ),
  /** Other ranges it formatted: looks, validation, highlights. */
  areas: z.array(
    z.object({
      sheetId: z.string(),
      address: z.string(),
      kind: z.enum(["style", "validation", "highlight"]),
    })
  ),
  charts: z.array(z.object({ sheetId: z.string(), name: z.string() })),
  /** Sheets it protected. */
  protected: z.array(z.string()),
});
export type OwnedRecord = z.infer<typeof OwnedRecordSchema>;

/** One record per workflow (its key: "register:table:Grants", "costRecovery:Costs", ...). */
export const OWNED = storeFamily(
  "FundingToolkit.owned",
  OwnedRecordSchema,
  "what a workflow generated: its sheets, ranges with fingerprints of their cells, and charts"
);

/**
 * A record larger than this keeps fingerprints only for its smaller blocks (the largest lose
 * theirs: they are still replaced on a rerun, but edits in them are not detected). Workbook
 * settings are meant for small data; this keeps one record's write well inside one request.
 */
export const OWNED_RECORD_BUDGET = 1_000_000;

const EMPTY: OwnedRecord = { sheets: [], blocks: [], areas: [], charts: [], protected: [] };

// ---------------------------------------------------------------------------------------------
// One run at a time

const running = new Set<string>();

/**
 * Run a workflow unless the same workflow is already running (in this task pane's runtime): then
 * stop at once with WorkflowBusyError, "Classification is already running: wait for it to
 * finish", and change nothing. Two runs started together so end with one result and one status.
 */
export async function exclusive<T>(key: string, label: string, work: () => Promise<T>): Promise<T> {
  if (running.has(key))
    throw new WorkflowBusyError(`${label} is already running: wait for it to finish`);
  running.add(key);
  try {
    return await work();
  } finally {
    running.delete(key);
  }
}

// ---------------------------------------------------------------------------------------------
// Geometry helpers

type Rect = { row1: number; col1: number; row2: number; col2: number };

/** A rectangle without some of its cells, as few rectangles (rows without kept cells stay whole bands). */
export function rectWithout(rect: Rect, cells: readonly { row: number; col: number }[]): Rect[] {
  const inside = cells.filter(
    (c) => c.row >= rect.row1 && c.row <= rect.row2 && c.col >= rect.col1 && c.col <= rect.col2
  );
  if (inside.length === 0) return [rect];
  const byRow = new Map<number, number[]>();
  for (const c of inside) byRow.set(c.row, [...(byRow.get(c.row) ?? []), c.col]);
  const out: Rect[] = [];
  let bandStart = rect.row1;
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  for (const row of rows) {
    if (row > bandStart) out.push({ ...rect, row1: bandStart, row2: row - 1 });
    let from = rect.col1;
    for (const col of [...new Set(byRow.get(row))].sort((a, b) => a - b)) {
      if (col > from) out.push({ row1: row, row2: row, col1: from, col2: col - 1 });
      from = col + 1;
    }
    if (from <= rect.col2) out.push({ row1: row, row2: row, col1: from, col2: rect.col2 });
    bandStart = row + 1;
  }
  if (bandStart <= rect.row2) out.push({ ...rect, row1: bandStart });
  return out;
}

const rectAddress = (r: Rect) => rangeAddress(r.row1, r.col1, r.row2, r.col2);

/** A free sheet name: the name itself, else "name (2)", "name (3)"... within Excel's 31 characters. */
export function freeSheetName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name.toLowerCase())) return name;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = `${name.slice(0, 31 - suffix.length)}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

// ---------------------------------------------------------------------------------------------
// Finding the user's edits

type SheetItem = { id: string; name: string; ws: Excel.Worksheet };

/**
 * Read the old blocks back (formulas: a formula's text, else the value) in pieces under the
 * budget, and list the cells whose content is not what the add-in wrote.
 */
async function findEdits(
  context: Excel.RequestContext,
  record: OwnedRecord,
  byId: Map<string, SheetItem>
): Promise<EditedCell[]> {
  type Piece = {
    sheet: SheetItem;
    print: BlockPrint;
    rect: Rect;
    start: number;
    range: Excel.Range;
  };
  const pieces: Piece[][] = [[]];
  let queued = 0;
  for (const b of record.blocks) {
    const sheet = byId.get(b.sheetId);
    const rect = parseRange(b.address);
    if (!sheet || !rect || !b.print) continue;
    const rows = rect.row2 - rect.row1 + 1;
    const perRow = Math.max(1, b.bytes / Math.max(1, rows));
    const step = Math.max(1, Math.floor(REQUEST_BUDGET_BYTES / 2 / perRow));
    for (let start = 0; start < rows; start += step) {
      const n = Math.min(step, rows - start);
      if (queued > 0 && queued + n * perRow > REQUEST_BUDGET_BYTES / 2) {
        pieces.push([]);
        queued = 0;
      }
      const range = sheet.ws.getRangeByIndexes(
        rect.row1 + start,
        rect.col1,
        n,
        rect.col2 - rect.col1 + 1
      );
      pieces[pieces.length - 1].push({ sheet, print: b.print, rect, start, range });
      queued += n * perRow;
    }
  }
  const edits: EditedCell[] = [];
  for (const batch of pieces) {
    if (batch.length === 0) continue;
    for (const p of batch) p.range.load("formulas");
    // One sync per piece of the old output: its responses stay under the budget.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    for (const p of batch)
      edits.push(
        ...changedCells(p.print, p.rect.row1, p.rect.col1, p.range.formulas, p.sheet.name, p.start)
      );
  }
  return edits;
}

function question(workflow: string, edits: EditedCell[]): EditedCells {
  const n = edits.length;
  return {
    status: "edited-cells",
    workflow,
    cells: edits.slice(0, EDITED_LIST_LIMIT),
    count: n,
    message: `${n} cell${n === 1 ? "" : "s"} the add-in wrote ${n === 1 ? "has" : "have"} been changed since ${workflow.toLowerCase()} last ran. Keep your changes, overwrite them, or cancel? Nothing has been changed yet.`,
  };
}

// ---------------------------------------------------------------------------------------------
// The session

/** Where a spec goes: the workflow's own sheet (by key), or into a sheet of the user's by name. */
export type OwnedTarget = { spec: SheetSpec } & ({ sheet: string } | { into: string });

/** A sheet the workflow generates: its key (the name it wants); "into": an existing sheet of that name is written into rather than renamed around. */
export type OwnedSheetRequest = string | { key: string; existing: "rename" | "into" };

export type BeginOptions = {
  /** The workflow in the user's words, for statuses and questions ("Classification"). */
  label: string;
  sheets?: readonly OwnedSheetRequest[];
  /** Default: the decision the batch carries (runInExcel), else "ask". */
  decision?: OwnedDecision;
};

/** A workflow's write in progress: its sheets' final names, and write/finish. */
export class OwnedSession {
  /** The final name of each sheet requested, by key. */
  readonly names: Record<string, string> = {};
  /** Sheets given another name because someone else's sheet has the name wanted. */
  readonly renamed: { wanted: string; name: string }[] = [];
  private readonly next: OwnedRecord = {
    sheets: [],
    blocks: [],
    areas: [],
    charts: [],
    protected: [],
  };
  private readonly own = new Map<string, { ws: Excel.Worksheet; id: string | null }>();
  private readonly pending: { ws: Excel.Worksheet; fill: (id: string) => void }[] = [];
  /** Whether a sync has happened since the new sheets' ids were asked for. */
  private idsLoaded = false;
  /** Clearing the old output: queued with the first write, so a workflow may still stop before. */
  clearOld: (() => void) | null = null;
  /** The old output's blocks by sheet name (to tell the workflow's own cells from the user's). */
  oldBlocks: { sheet: string; address: string }[] = [];
  /** The old output's fingerprints by sheet name (see recordedPrint). */
  oldPrints: { sheet: string; rect: Rect; print: BlockPrint }[] = [];

  /**
   * The fingerprint of what the workflow last wrote in a cell (sheet by its name now; 0-based
   * row and column), or null when the cell is not in its record (or its block lost its print).
   * With the cell's content now (cellFingerprint), it tells a cell still as the add-in left it
   * (an imported return, say, to carry into the new output) from one the user changed.
   */
  recordedPrint(sheet: string, row: number, col: number): string | null {
    const b = this.oldPrints.find(
      (p) =>
        p.sheet.toLowerCase() === sheet.toLowerCase() &&
        row >= p.rect.row1 &&
        row <= p.rect.row2 &&
        col >= p.rect.col1 &&
        col <= p.rect.col2
    );
    return b ? printAt(b.print, row - b.rect.row1, col - b.rect.col1) : null;
  }

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly workflow: string,
    private readonly items: Map<string, SheetItem>,
    private readonly kept: Map<string, Set<string>>,
    private readonly dropSheets: Excel.Worksheet[]
  ) {}

  /** @internal Used by beginOwned: a sheet of the workflow's own. */
  addOwn(key: string, name: string, ws: Excel.Worksheet, id: string | null, created: boolean) {
    this.names[key] = name;
    this.own.set(key, { ws, id });
    const entry = { key, id: id ?? "", name };
    this.next.sheets.push(entry);
    if (created || id === null) {
      ws.load("id");
      this.pending.push({ ws, fill: (got) => (entry.id = got) });
    }
  }

  /** @internal Used by beginOwned: a user's sheet written into under this key. */
  addInto(key: string, item: SheetItem) {
    this.names[key] = item.name;
  }

  /** The worksheet of a key (own sheet), or a sheet by name (own or the user's). */
  private target(t: OwnedTarget): { ws: Excel.Worksheet; id: () => string; mine: boolean } {
    const key = "sheet" in t ? t.sheet : null;
    const name = key !== null ? (this.names[key] ?? key) : (t as { into: string }).into;
    const ownKey =
      key !== null && this.own.has(key)
        ? key
        : Object.keys(this.names).find(
            (k) => this.own.has(k) && this.names[k].toLowerCase() === name.toLowerCase()
          );
    if (ownKey !== undefined) {
      const own = this.own.get(ownKey)!;
      const entry = this.next.sheets.find((s) => s.key === ownKey)!;
      return { ws: own.ws, id: () => entry.id, mine: true };
    }
    const item = [...this.items.values()].find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!item) throw new Error(`Sheet ${name} is not in the workbook`);
    return { ws: item.ws, id: () => item.id, mine: false };
  }

  private flushClear() {
    this.clearOld?.();
    this.clearOld = null;
  }

  /**
   * Is everything in `used` (an A1 range, with or without the sheet) the workflow's own old
   * output? True when it lies within the rectangle around the old blocks on that sheet.
   */
  ownsAll(sheet: string, used: string): boolean {
    const r = parseRange(used.includes("!") ? used.split("!").pop()! : used);
    const mine = this.oldBlocks
      .filter((b) => b.sheet.toLowerCase() === sheet.toLowerCase())
      .map((b) => parseRange(b.address)!)
      .filter(Boolean);
    if (!r || mine.length === 0) return false;
    const box = {
      row1: Math.min(...mine.map((m) => m.row1)),
      col1: Math.min(...mine.map((m) => m.col1)),
      row2: Math.max(...mine.map((m) => m.row2)),
      col2: Math.max(...mine.map((m) => m.col2)),
    };
    return r.row1 >= box.row1 && r.col1 >= box.col1 && r.row2 <= box.row2 && r.col2 <= box.col2;
  }

  /** The worksheet the workflow generates under this key. */
  worksheet(key: string): Excel.Worksheet {
    return this.target({ sheet: key, spec: { name: key, blocks: [] } }).ws;
  }

  /**
   * Write specs through the one writer, skipping the cells the user chose to keep, and remember
   * what was written. Own sheets' specs take their sheet's final name.
   */
  async write(targets: readonly OwnedTarget[], budget?: number): Promise<WriteReport> {
    this.flushClear();
    const queued = targets.map((t) => {
      const { ws, id, mine } = this.target(t);
      const spec: SheetSpec = {
        ...t.spec,
        name: "sheet" in t ? (this.names[t.sheet] ?? t.spec.name) : t.spec.name,
        ...(mine ? {} : { columnWidths: undefined, freeze: undefined }),
      };
      const keptHere = this.kept.get(id());
      const skip = keptHere?.size
        ? (row: number, col: number) => keptHere.has(rangeAddress(row, col, row, col))
        : undefined;
      this.remember(spec, ws, id);
      return { sheet: ws, spec, skip };
    });
    const report = await queueSpecs(this.context, queued, budget);
    if (report.requests > 0) this.idsLoaded = true;
    return report;
  }

  private remember(spec: SheetSpec, ws: Excel.Worksheet, id: () => string) {
    const ref = { sheetId: "" };
    const later: (() => void)[] = [];
    for (const b of spec.blocks) {
      if (!b.cells.length || !b.cells[0].length) continue;
      // A kept cell is printed with what the add-in would have written, so the next rerun
      // asks about it again rather than taking the user's value for its own.
      const grid = b.cells.map((row, i) =>
        row.map((v, j) => cellFingerprint(v, b.row + i, b.col + j))
      );
      const block = {
        sheetId: "",
        address: rangeAddress(
          b.row,
          b.col,
          b.row + b.cells.length - 1,
          b.col + b.cells[0].length - 1
        ),
        print: encodePrint(grid) as BlockPrint | null,
        bytes: payloadBytes(b.cells),
      };
      this.next.blocks.push(block);
      later.push(() => (block.sheetId = ref.sheetId));
    }
    type Kind = OwnedRecord["areas"][number]["kind"];
    const extra: [string, Kind][] = [
      ...(spec.styles ?? []).map((s): [string, Kind] => [s.address, "style"]),
      ...(spec.validations ?? []).map((v): [string, Kind] => [v.address, "validation"]),
      ...(spec.conditionalFormats ?? []).map((c): [string, Kind] => [c.address, "highlight"]),
    ];
    for (const [address, kind] of extra) {
      const area = { sheetId: "", address, kind };
      this.next.areas.push(area);
      later.push(() => (area.sheetId = ref.sheetId));
    }
    for (const ch of spec.charts ?? []) {
      const chart = { sheetId: "", name: ch.name ?? ch.title };
      this.next.charts.push(chart);
      later.push(() => (chart.sheetId = ref.sheetId));
    }
    if (spec.protect) later.push(() => this.next.protected.push(ref.sheetId));
    const fill = (got: string) => {
      ref.sheetId = got;
      later.forEach((f) => f());
    };
    const known = id();
    if (known) fill(known);
    else this.pending.push({ ws, fill: () => fill(id()) });
  }

  /**
   * Delete the workflow's old sheets it no longer generates and queue the record (the caller's
   * next sync saves it); one sync first when new sheets' ids are still to be read.
   */
  async finish(): Promise<void> {
    this.flushClear();
    for (const ws of this.dropSheets) ws.delete();
    if (this.pending.length && !this.idsLoaded) await this.context.sync();
    for (const p of this.pending) p.fill(p.ws.id);
    const record = fitRecord(this.next);
    // A large record (up to OWNED_RECORD_BUDGET) goes in a request of its own: queued behind the
    // writer's last batch it could take that request past the budget.
    if (payloadBytes(record) > REQUEST_BUDGET_BYTES - OWNED_RECORD_BUDGET)
      await this.context.sync();
    queueWrite(this.context, OWNED(this.workflow), record);
  }
}

/** The session begun in a batch, so the workflow's write calls find it. */
const sessions = new WeakMap<object, OwnedSession>();

/** The owned write begun in this batch, if any. */
export function ownedSession(context: Excel.RequestContext): OwnedSession | null {
  return sessions.get(context) ?? null;
}

/**
 * The writer's queueSpecs for a workflow: inside an owned write (beginOwned in this batch) each
 * spec goes to the sheet its name gives and is remembered; otherwise it is queueSpecs itself.
 */
export function queueOwnedSpecs(
  context: Excel.RequestContext,
  targets: readonly WriteTarget[],
  budget?: number
): Promise<WriteReport> {
  const session = sessions.get(context);
  if (!session) return queueSpecs(context, targets, budget);
  return session.write(
    targets.map((t) => ({ into: t.spec.name, spec: t.spec })),
    budget
  );
}

/** Finish the owned write begun in this batch and save its record (one or two syncs). */
export async function finishOwned(context: Excel.RequestContext): Promise<void> {
  const session = sessions.get(context);
  if (!session) return;
  sessions.delete(context);
  await session.finish();
  await context.sync();
}

/** Drop the largest blocks' fingerprints until the record is within its budget. */
function fitRecord(record: OwnedRecord): OwnedRecord {
  let size = payloadBytes(record);
  if (size <= OWNED_RECORD_BUDGET) return record;
  const byCost = [...record.blocks].sort(
    (a, b) => (b.print ? printBytes(b.print) : 0) - (a.print ? printBytes(a.print) : 0)
  );
  for (const b of byCost) {
    if (size <= OWNED_RECORD_BUDGET || !b.print) break;
    size -= printBytes(b.print);
    b.print = null;
  }
  return record;
}

/** Clear a workflow's old output (except kept cells) and delete its old charts. */
function clearOld(
  record: OwnedRecord,
  byId: Map<string, SheetItem>,
  kept: Map<string, Set<string>>,
  charts: Map<string, Excel.ChartCollection>
) {
  for (const id of new Set(record.protected)) byId.get(id)?.ws.protection.unprotect();
  const cellsOf = (id: string) =>
    [...(kept.get(id) ?? [])].map((a) => {
      const r = parseRange(a)!;
      return { row: r.row1, col: r.col1 };
    });
  // Cells written: cleared completely (but for kept cells).
  for (const b of record.blocks) {
    const sheet = byId.get(b.sheetId);
    const rect = parseRange(b.address);
    if (!sheet || !rect) continue;
    for (const part of rectWithout(rect, cellsOf(b.sheetId)))
      sheet.ws.getRange(rectAddress(part)).clear("All");
  }
  // Validation and highlights: removed from their ranges; looks: cleared on the workflow's own
  // sheets only (a look over a user's sheet may sit on the user's own cells).
  const ownSheets = new Set(record.sheets.map((s) => s.id));
  for (const a of record.areas) {
    const sheet = byId.get(a.sheetId);
    if (!sheet || !parseRange(a.address)) continue;
    const range = sheet.ws.getRange(a.address);
    if (a.kind === "validation") range.dataValidation.clear();
    else if (a.kind === "highlight") range.conditionalFormats.clearAll();
    else if (ownSheets.has(a.sheetId)) range.clear("Formats");
  }
  for (const c of record.charts) {
    const list = charts.get(c.sheetId);
    // items were loaded ("items/name") in beginOwned's first sync.
    for (const chart of list?.items ?? []) if (chart.name === c.name) chart.delete();
  }
}

/**
 * Start a workflow's owned write: read its record and the sheets, find the user's edits (stop
 * with EditedCellsError when asking), clear the old output, and place the sheets it generates.
 */
export async function beginOwned(
  context: Excel.RequestContext,
  workflow: string,
  opts: BeginOptions
): Promise<OwnedSession> {
  const decision = opts.decision ?? decisionFor(context);
  const read = queueRead(context, OWNED(workflow));
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/id");
  await context.sync();
  const record = read.value() ?? EMPTY;
  const byId = new Map<string, SheetItem>(
    sheets.items.map((ws) => [ws.id, { id: ws.id, name: ws.name, ws }])
  );
  const charts = new Map<string, Excel.ChartCollection>();
  for (const c of record.charts) {
    const sheet = byId.get(c.sheetId);
    if (sheet && !charts.has(c.sheetId)) {
      const list = sheet.ws.charts;
      list.load("items/name");
      charts.set(c.sheetId, list);
    }
  }
  if (charts.size) await context.sync();
  const edits = decision === "overwrite" ? [] : await findEdits(context, record, byId);
  if (edits.length && decision === "ask") throw new EditedCellsError(question(opts.label, edits));

  const kept = new Map<string, Set<string>>();
  if (decision === "keep")
    for (const e of edits) {
      const id = [...byId.values()].find((s) => s.name === e.sheet)!.id;
      kept.set(id, (kept.get(id) ?? new Set()).add(e.address));
    }
  const session = placeSheets(context, workflow, opts.sheets ?? [], record, byId, kept);
  session.clearOld = () => clearOld(record, byId, kept, charts);
  session.oldBlocks = record.blocks.flatMap((b) => {
    const sheet = byId.get(b.sheetId);
    return sheet ? [{ sheet: sheet.name, address: b.address }] : [];
  });
  session.oldPrints = record.blocks.flatMap((b) => {
    const sheet = byId.get(b.sheetId);
    const rect = parseRange(b.address);
    // A kept cell is recorded as what the add-in would have written, so it never reads as unchanged.
    return sheet && rect && b.print ? [{ sheet: sheet.name, rect, print: b.print }] : [];
  });
  sessions.set(context, session);
  return session;
}

/** Reuse the workflow's own sheets (by id), name new ones around other sheets, and list old ones to drop. */
function placeSheets(
  context: Excel.RequestContext,
  workflow: string,
  requests: readonly OwnedSheetRequest[],
  record: OwnedRecord,
  byId: Map<string, SheetItem>,
  kept: Map<string, Set<string>>
): OwnedSession {
  const taken = new Set([...byId.values()].map((s) => s.name.toLowerCase()));
  const wanted = requests.map((r) => (typeof r === "string" ? { key: r, existing: "rename" } : r));
  const keys = new Set(wanted.map((w) => w.key));
  const drop = record.sheets
    .filter((s) => !keys.has(s.key) && byId.has(s.id) && !kept.get(s.id)?.size)
    .map((s) => byId.get(s.id)!.ws);
  const session = new OwnedSession(context, workflow, byId, kept, drop);
  for (const w of wanted) {
    const mine = record.sheets.find((s) => s.key === w.key && byId.has(s.id));
    if (mine) {
      const item = byId.get(mine.id)!;
      session.addOwn(w.key, item.name, item.ws, item.id, false);
      continue;
    }
    const existing = [...byId.values()].find((s) => s.name.toLowerCase() === w.key.toLowerCase());
    if (existing && w.existing === "into") {
      session.addInto(w.key, existing);
      continue;
    }
    const name = freeSheetName(w.key, taken);
    taken.add(name.toLowerCase());
    if (name !== w.key) {
      session.renamed.push({ wanted: w.key, name });
      addNote(
        context,
        `A sheet called "${w.key}" is not the add-in's, so it was left as it is: the new sheet is "${name}".`
      );
    }
    session.addOwn(w.key, name, context.workbook.worksheets.add(name), null, true);
  }
  return session;
}

export type OwnedDone = {
  status: "done";
  names: Record<string, string>;
  renamed: { wanted: string; name: string }[];
  report: WriteReport;
};

/**
 * The one call for a workflow that writes its output at once: begin, write, finish, sync.
 * Returns the edited cells to ask about (nothing written), or done with the sheets' final names.
 */
export async function writeOwned(
  context: Excel.RequestContext,
  workflow: string,
  label: string,
  targets: readonly OwnedTarget[],
  decision?: OwnedDecision
): Promise<OwnedDone | EditedCells> {
  let session: OwnedSession;
  try {
    session = await beginOwned(context, workflow, {
      label,
      decision,
      sheets: targets.flatMap((t) => ("sheet" in t ? [t.sheet] : [])),
    });
  } catch (e) {
    if (e instanceof EditedCellsError) return e.question;
    throw e;
  }
  const report = await session.write(targets);
  await finishOwned(context);
  return { status: "done", names: session.names, renamed: session.renamed, report };
}

/**
 * A later step of a workflow writing into the workflow's own output (the evaluation's collected
 * returns imported into its scoring sheets): written through the one writer, and the record's
 * fingerprints of the cells written replaced by what was written. A rerun then takes those cells
 * for the add-in's own (no question about them), and still asks about any of them the user
 * changes afterwards. Cells outside the record's blocks are written but not recorded. The record
 * is queued; the caller's next sync saves it (one sync here first, for the record and sheet ids).
 */
export async function writeIntoOwned(
  context: Excel.RequestContext,
  workflow: string,
  targets: readonly WriteTarget[],
  budget?: number
): Promise<WriteReport> {
  const read = queueRead(context, OWNED(workflow));
  for (const t of targets) t.sheet.load("id");
  await context.sync();
  const report = await queueSpecs(context, targets, budget);
  const record = read.value();
  if (!record) return report;
  // Each recorded block's fingerprints as a grid, decoded when first written into.
  const grids = new Map<number, string[][]>();
  const gridOf = (i: number) => {
    let grid = grids.get(i);
    if (!grid) {
      const b = record.blocks[i];
      const rect = parseRange(b.address)!;
      grid = Array.from({ length: rect.row2 - rect.row1 + 1 }, (_, r) =>
        Array.from({ length: rect.col2 - rect.col1 + 1 }, (_, c) => printAt(b.print!, r, c))
      );
      grids.set(i, grid);
    }
    return grid;
  };
  const rects = record.blocks.map((b) => (b.print ? parseRange(b.address) : null));
  for (const { sheet, spec, skip } of targets) {
    const id = sheet.id;
    for (const block of spec.blocks)
      block.cells.forEach((row, i) =>
        row.forEach((value, j) => {
          const r = block.row + i;
          const c = block.col + j;
          if (skip?.(r, c)) return;
          const k = record.blocks.findIndex((b, n) => {
            const rect = rects[n];
            return (
              b.sheetId === id &&
              rect !== null &&
              r >= rect.row1 &&
              r <= rect.row2 &&
              c >= rect.col1 &&
              c <= rect.col2
            );
          });
          if (k < 0) return;
          const rect = rects[k]!;
          gridOf(k)[r - rect.row1][c - rect.col1] = cellFingerprint(value, r, c);
        })
      );
  }
  for (const [k, grid] of grids) record.blocks[k].print = encodePrint(grid);
  queueWrite(context, OWNED(workflow), fitRecord(record));
  return report;
}
