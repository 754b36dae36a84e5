/**
 * Write the cost recovery workbook (src/engine/costsWorkbook.ts lays it out) into Excel.
 *
 * Never overwrites: the target rectangle is read first; if anything is there the result is
 * "needs-confirmation" and nothing is written, unless the caller passes confirm: true (the task
 * pane asks the user first). Few syncs: one to find the sheet, one to read the target, one (or a
 * few for very large organisations) to write everything, protect the sheet and add the chart.
 */
import {
  HEADER_FILL,
  INPUT_FILL,
  INPUT_FONT,
  layoutCostWorkbook,
  parseCell,
  validateSetup,
  type Block,
  type BidderSetup,
  type CostWorkbookLayout,
  type CostWorkbookSetup,
  type SetupProblem,
} from "../sheets/cost-recovery/costRecoverySheet";
import type { FrameworkSettings } from "../domain/settings/settings";

export type CostTarget = { sheetName: string; startCell?: string };

export type BuildOutcome =
  | { status: "invalid"; problems: SetupProblem[] }
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
      layout: CostWorkbookLayout;
      message: string;
    }
  | { status: "failed"; message: string };

/** Largest batch of cell text queued before a sync, well under Excel's 5 MB request limit. */
const BATCH_BYTES = 3_000_000;

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

/** The chart's name, tied to where the workbook sits so a rebuild replaces its own chart only. */
export const chartName = (layout: CostWorkbookLayout): string => `Full cost ${layout.range}`;

function fill<T>(rows: number, cols: number, v: T): T[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => v));
}

/** Check the setup and target; lay the workbook out. */
export function planCostWorkbook(
  setup: CostWorkbookSetup,
  settings: FrameworkSettings,
  target: CostTarget
): { ok: true; layout: CostWorkbookLayout } | { ok: false; problems: SetupProblem[] } {
  const problems = validateSetup(setup);
  const nameProblem = sheetNameProblem(target.sheetName);
  if (nameProblem) problems.push({ field: "Sheet name", message: nameProblem });
  const origin = parseCell(target.startCell?.trim() || "A1");
  if (!origin)
    problems.push({
      field: "Start cell",
      message: `Start cell must be a cell address such as A1 or C5; got "${target.startCell}"`,
    });
  if (problems.length) return { ok: false, problems };
  const layout = layoutCostWorkbook(setup, settings, origin!);
  const end = parseCell(layout.range.split(":")[1]);
  if (!end || end.row >= 1048576 || end.col >= 16384) {
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
  return { ok: true, layout };
}

/** Queue one block's cells, formats and protection. Returns the bytes of cell text queued. */
function writeBlock(sheet: Excel.Worksheet, block: Block): number {
  const range = sheet.getRange(block.address);
  const rows = block.cells.length;
  const cols = block.cells[0].length;
  if (block.kind === "text-input") {
    // User text: format as text first so a name starting with = + - @ stays text, never a formula.
    range.numberFormat = fill(rows, cols, "@");
    range.values = block.cells;
  } else {
    if (block.numberFormat) range.numberFormat = fill(rows, cols, block.numberFormat);
    if (block.kind === "input") range.values = block.cells;
    else range.formulas = block.cells;
  }
  switch (block.kind) {
    case "input":
    case "text-input":
      range.format.fill.color = INPUT_FILL;
      range.format.font.color = INPUT_FONT;
      range.format.protection.locked = false;
      break;
    case "title":
      range.format.font.bold = true;
      range.format.font.size = 14;
      break;
    case "heading":
      range.format.font.bold = true;
      range.format.font.size = 12;
      break;
    case "header":
      range.format.font.bold = true;
      range.format.fill.color = HEADER_FILL;
      range.format.wrapText = true;
      break;
    case "note":
      range.format.font.italic = true;
      range.format.font.color = "#595959";
      break;
    case "working":
      range.format.font.color = "#808080";
      break;
    default:
      break;
  }
  return JSON.stringify(block.cells).length;
}

/**
 * Build the workbook at the target. With confirm false (the default) it only writes into an
 * empty rectangle; otherwise it reports what is there and writes nothing.
 */
export async function buildCostRecoveryWorkbook(
  context: Excel.RequestContext,
  setup: CostWorkbookSetup,
  settings: FrameworkSettings,
  target: CostTarget,
  opts: { confirm?: boolean } = {}
): Promise<BuildOutcome> {
  const plan = planCostWorkbook(setup, settings, target);
  if (!plan.ok) return { status: "invalid", problems: plan.problems };
  const layout = plan.layout;
  const sheetName = target.sheetName.trim();

  // Sync 1: does the sheet exist?
  const existing = context.workbook.worksheets.getItemOrNullObject(sheetName);
  existing.load("name");
  await context.sync();

  let sheet: Excel.Worksheet;
  if (!existing.isNullObject) {
    sheet = existing;
    // Sync 2: what is in the target rectangle, and is the sheet protected?
    const area = sheet.getRange(layout.range);
    const used = area.getUsedRangeOrNullObject(true);
    used.load("address");
    sheet.protection.load("protected");
    sheet.charts.load("items/name");
    await context.sync();
    if (!used.isNullObject && !opts.confirm) {
      const occupied = used.address.includes("!") ? used.address.split("!")[1] : used.address;
      return {
        status: "needs-confirmation",
        sheetName,
        range: layout.range,
        occupied,
        message: `${sheetName}!${layout.range} is needed for the workbook, but ${occupied} already holds content. Replace it? Nothing has been changed.`,
      };
    }
    if (sheet.protection.protected) sheet.protection.unprotect();
    if (!used.isNullObject) {
      area.conditionalFormats.clearAll();
      area.dataValidation.clear();
      area.clear("All");
      // a chart from an earlier build at this place goes too (charts are not cell content)
      for (const c of sheet.charts.items) if (c.name === chartName(layout)) c.delete();
    }
  } else {
    sheet = context.workbook.worksheets.add(sheetName);
  }

  // Sync 3 (more only for very large organisations): write every block.
  let queued = 0;
  for (const block of layout.blocks) {
    queued += writeBlock(sheet, block);
    if (queued > BATCH_BYTES) {
      // a few big batches for very large organisations (each request stays under 5 MB), not one per row
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      queued = 0;
    }
  }
  for (const v of layout.validations) {
    const dv = sheet.getRange(v.address).dataValidation;
    dv.clear();
    dv.rule =
      v.type === "list"
        ? { list: { inCellDropDown: true, source: v.source } }
        : { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } };
    dv.prompt = { showPrompt: true, title: "Input", message: v.prompt };
    dv.errorAlert = { showAlert: true, style: "Stop", title: "Not accepted", message: v.prompt };
  }
  const hl = layout.recoveryHighlight;
  const cf = sheet.getRange(hl.address).conditionalFormats.add("CellValue");
  cf.cellValue.format.fill.color = hl.fill;
  cf.cellValue.format.font.color = hl.fontColor;
  cf.cellValue.rule = { formula1: String(hl.below), operator: "LessThan" };

  if (existing.isNullObject) {
    for (const w of layout.columnWidths)
      sheet.getRange(`${w.column}:${w.column}`).format.columnWidth = w.width;
  }
  const chart = sheet.charts.add("ColumnStacked", sheet.getRange(layout.chart.source), "Columns");
  chart.name = chartName(layout);
  chart.title.text = layout.chart.title;
  chart.setPosition(layout.chart.topLeft, layout.chart.bottomRight);

  sheet.protection.protect({
    allowFormatColumns: true,
    allowFormatRows: true,
    allowFormatCells: false,
  });
  sheet.activate();
  await context.sync();

  return {
    status: "built",
    sheetName,
    range: layout.range,
    layout,
    message:
      `Built the cost recovery workbook for ${setup.projects.length} project${setup.projects.length === 1 ? "" : "s"} on ${sheetName}!${layout.range}. ` +
      "Shaded cells are inputs; results are formulas and the sheet is protected (no password).",
  };
}

/** Write the "Price a service" inputs into a workbook built earlier (the cells are unlocked inputs). */
export async function writeBidderInputs(
  context: Excel.RequestContext,
  sheetName: string,
  layout: CostWorkbookLayout,
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
  const b = layout.refs.bidder;
  // the service cell was formatted as text when the workbook was built, so the name stays text
  sheet.getRange(b.service).values = [[bidder.service]];
  sheet.getRange(b.direct).values = [[bidder.directCost]];
  sheet.getRange(b.overheads).values = [[bidder.overheads]];
  sheet.getRange(b.units).values = [[bidder.units ?? ""]];
  sheet.getRange(b.type).values = [[bidder.fundingType]];
  await context.sync();
  return { ok: true };
}
