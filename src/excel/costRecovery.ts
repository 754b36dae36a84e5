/**
 * Write the cost recovery sheet (src/sheets/cost-recovery/ builds its SheetSpec) into Excel,
 * through the one writer (writer.ts queueSpecs).
 *
 * Never overwrites: the target rectangle is read first; if anything is there the result is
 * "needs-confirmation" and nothing is written, unless the caller passes confirm: true (the task
 * pane asks the user first). Few syncs: one to find the sheet, one to read the target (an
 * existing sheet only), one (or a few for very large organisations) to write everything, protect
 * the sheet and add the chart.
 */
import type { BidderSetup } from "../domain/cost-recovery/bidder";
import { readBudgetSheet, type BudgetReading } from "../domain/cost-recovery/budgetSheet";
import type { CostRecoverySetup } from "../domain/cost-recovery/organisation";
import { validateCostRecoverySetup } from "../domain/cost-recovery/validation";
import type { Problem } from "../domain/kernel/problem";
import type { FrameworkSettings } from "../domain/settings/settings";
import { LAST_COLUMN, LAST_ROW, parseCell } from "../sheets/a1";
import {
  buildCostRecoverySheet,
  type CostRecoverySheet,
} from "../sheets/cost-recovery/costRecoverySheet";
import type { FurtherChoice } from "../sheets/cost-recovery/furtherBlock";
import type { CostRecoveryRefs } from "../sheets/cost-recovery/refs";
// Every write goes through the writer inside the workflow's owned write (ownership.ts).
import { beginOwned, exclusive, finishOwned, queueOwnedSpecs as queueSpecs } from "./ownership";

/** Where to build, and the "Going further" choice to put on the sheet (furtherBlock.ts), if any. */
export type CostRecoveryTarget = {
  sheetName: string;
  startCell?: string;
  further?: FurtherChoice | null;
};

export type BuildOutcome =
  | { status: "invalid"; problems: Problem[] }
  | {
      status: "needs-confirmation";
      sheetName: string;
      range: string;
      occupied: string;
      message: string;
    }
  | {
      status: "built";
      sheetName: string;
      range: string;
      sheet: CostRecoverySheet;
      message: string;
    }
  | { status: "failed"; message: string };

/** Excel's rules for a worksheet name; null when the name is fine. */
export function sheetNameProblem(name: string): string | null {
  if (!name.trim()) return "Sheet name is blank; enter a name for the sheet";
  if (name.length > 31)
    return `Sheet name must be 31 characters or fewer; "${name}" has ${name.length}`;
  if (/[[\]:*?/\\]/.test(name)) return "Sheet name cannot contain any of [ ] : * ? / \\";
  if (name.startsWith("'") || name.endsWith("'"))
    return "Sheet name cannot begin or end with an apostrophe";
  if (name.trim().toLowerCase() === "history") return 'Excel reserves the sheet name "History"';
  return null;
}

/** Check the setup and target; build the sheet's spec. */
export function planCostRecoverySheet(
  setup: CostRecoverySetup,
  settings: FrameworkSettings,
  target: CostRecoveryTarget
): { ok: true; sheet: CostRecoverySheet } | { ok: false; problems: Problem[] } {
  const problems = validateCostRecoverySetup(setup);
  const nameProblem = sheetNameProblem(target.sheetName);
  if (nameProblem) problems.push({ field: "Sheet name", message: nameProblem });
  const origin = parseCell(target.startCell?.trim() || "A1");
  if (!origin)
    problems.push({
      field: "Start cell",
      message: `Start cell must be a cell address such as A1 or C5; got "${target.startCell}"`,
    });
  if (problems.length) return { ok: false, problems };
  const sheet = buildCostRecoverySheet(
    setup,
    settings,
    origin!,
    target.sheetName.trim(),
    target.further ?? null
  );
  const { bottom, right } = sheet.geometry;
  if (bottom > LAST_ROW || right > LAST_COLUMN) {
    return {
      ok: false,
      problems: [
        {
          field: "Start cell",
          message:
            "The workbook does not fit on the sheet from that start cell; choose a cell nearer A1",
        },
      ],
    };
  }
  return { ok: true, sheet };
}

/**
 * Build the sheet at the target. With confirm false (the default) it only writes into an empty
 * rectangle; otherwise it reports what is there and writes nothing.
 */
export function buildCostRecoveryWorkbook(
  context: Excel.RequestContext,
  setup: CostRecoverySetup,
  settings: FrameworkSettings,
  target: CostRecoveryTarget,
  opts: { confirm?: boolean } = {}
): Promise<BuildOutcome> {
  return exclusive("costRecovery", "Building the cost recovery workbook", () =>
    buildCostRecoveryOnce(context, setup, settings, target, opts)
  );
}

async function buildCostRecoveryOnce(
  context: Excel.RequestContext,
  setup: CostRecoverySetup,
  settings: FrameworkSettings,
  target: CostRecoveryTarget,
  opts: { confirm?: boolean }
): Promise<BuildOutcome> {
  const plan = planCostRecoverySheet(setup, settings, target);
  if (!plan.ok) return { status: "invalid", problems: plan.problems };
  const { spec, refs } = plan.sheet;
  const range = refs.range;
  const sheetName = target.sheetName.trim();
  const chartName = spec.charts?.[0]?.name;

  // Sync 1: does the sheet exist?
  const existing = context.workbook.worksheets.getItemOrNullObject(sheetName);
  existing.load("name");
  // The add-in's earlier build here is replaced (cells the user changed since are asked about);
  // beginOwned's first sync carries the load above.
  const session = await beginOwned(context, `costRecovery:${sheetName}`, {
    label: "Building the cost recovery workbook",
    sheets: [{ key: sheetName, existing: "into" }],
  });

  let sheet: Excel.Worksheet;
  // Synced by beginOwned above (the rule cannot see through it).
  // eslint-disable-next-line office-addins/call-sync-before-read
  if (!existing.isNullObject) {
    sheet = existing;
    // Sync 2: what is in the target rectangle, and is the sheet protected?
    const area = sheet.getRange(range);
    const used = area.getUsedRangeOrNullObject(true);
    used.load("address");
    sheet.protection.load("protected");
    sheet.charts.load("items/name");
    await context.sync();
    const ours = !used.isNullObject && session.ownsAll(sheetName, used.address);
    if (!used.isNullObject && !ours && !opts.confirm) {
      const occupied = used.address.includes("!") ? used.address.split("!")[1] : used.address;
      return {
        status: "needs-confirmation",
        sheetName,
        range,
        occupied,
        message: `${sheetName}!${range} is needed for the workbook, but ${occupied} already holds content. Replace it? Nothing has been changed.`,
      };
    }
    if (sheet.protection.protected) sheet.protection.unprotect();
    if (!used.isNullObject && !ours) {
      area.conditionalFormats.clearAll();
      area.dataValidation.clear();
      area.clear("All");
      // a chart from an earlier build at this place goes too (charts are not cell content)
      for (const c of sheet.charts.items) if (c.name === chartName) c.delete();
    }
  } else {
    sheet = session.worksheet(sheetName);
  }

  // Sync 3 (more only for very large organisations): write the spec. Column widths only on a new
  // sheet, so an existing sheet keeps its own.
  await queueSpecs(context, [
    { sheet, spec: existing.isNullObject ? spec : { ...spec, columnWidths: undefined } },
  ]);
  sheet.activate();
  await finishOwned(context);

  return {
    status: "built",
    sheetName,
    range,
    sheet: plan.sheet,
    message:
      `Built the cost recovery workbook for ${setup.projects.length} project${setup.projects.length === 1 ? "" : "s"} on ${sheetName}!${range}. ` +
      "Shaded cells are inputs; results are formulas and the sheet is protected (no password).",
  };
}

/** Write the "Price a service" inputs into a sheet built earlier (the cells are unlocked inputs). */
export async function writeBidderInputs(
  context: Excel.RequestContext,
  sheetName: string,
  refs: CostRecoveryRefs,
  bidder: BidderSetup
): Promise<{ ok: true } | { ok: false; message: string }> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
  sheet.load("name");
  await context.sync();
  if (sheet.isNullObject)
    return {
      ok: false,
      message: `Sheet ${sheetName} is not there any more; build the workbook again`,
    };
  const b = refs.bidder;
  // the service cell was formatted as text when the sheet was built, so the name stays text
  sheet.getRange(b.service).values = [[bidder.service]];
  sheet.getRange(b.direct).values = [[bidder.directCost]];
  sheet.getRange(b.overheads).values = [[bidder.overheads]];
  sheet.getRange(b.units).values = [[bidder.units ?? ""]];
  sheet.getRange(b.type).values = [[bidder.fundingType]];
  await context.sync();
  return { ok: true };
}

export type BudgetOutcome =
  { ok: true; sheetName: string; reading: BudgetReading } | { ok: false; message: string };

/**
 * Read the organisation's budget from the active sheet (its used range, values only): the
 * projects and overhead pools tables (src/domain/cost-recovery/budgetSheet.ts), with how each
 * column was read. One sync. Nothing is written.
 */
export async function readBudgetFromSheet(context: Excel.RequestContext): Promise<BudgetOutcome> {
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("values,rowIndex,columnIndex");
  await context.sync();
  const none = (why: string): BudgetOutcome => ({
    ok: false,
    message: `${why} Open the sheet with the organisation's budget (a projects table with Project and Direct costs headers, and an overhead pools table with Overhead pool, Annual cost and Cost driver) and read it again.`,
  });
  if (used.isNullObject) return none(`${sheet.name} is empty.`);
  const reading = readBudgetSheet(used.values, sheet.name, {
    row: used.rowIndex,
    col: used.columnIndex,
  });
  if (!reading) return none(`No projects table found on ${sheet.name}.`);
  return { ok: true, sheetName: sheet.name, reading };
}
