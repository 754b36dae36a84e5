/**
 * The one writer: takes SheetSpecs (src/sheets/spec.ts) and writes them into Excel in requests
 * under a size budget.
 *
 * Microsoft's "Excel JavaScript API performance optimization" guidance: write 2-D ranges, not cell
 * by cell; queue many commands and sync once per batch. Its "Resource limits and performance
 * optimization for Office Add-ins" page gives Excel on the web a 5 MB limit for a request's
 * payload, so the writer keeps each request under REQUEST_BUDGET_BYTES (well below it: the
 * estimate counts the JSON of values, formulas and formats, and Office.js adds its own framing),
 * splitting a large block by rows.
 */
import type { Block, CellLook, CellValue, SheetSpec, Validation } from "../sheets/spec";
import { blockSize } from "../sheets/spec";
import { PALETTE } from "../sheets/palette";
import { cellAddress } from "../sheets/a1";
import { excelWouldConvert, longTextConstant } from "../sheets/excelText";
import { FORMULA_TEXT_LIMIT } from "../sheets/formula";

/** Budget for one request's payload: well under Excel on the web's 5 MB. */
export const REQUEST_BUDGET_BYTES = 2_000_000;

/** UTF-8 bytes of a string (the payload travels as UTF-8 JSON). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The estimated payload of a value as it travels in a request (its JSON). */
export function payloadBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "");
}

/** One queued command and its estimated size. */
type Command = { bytes: number; queue: (sheet: Excel.Worksheet) => void };

/** Split a block's rows into slices whose payload stays under `limit` bytes. */
export function sliceRows<T>(rows: T[][], limit: number): { start: number; rows: T[][] }[] {
  const slices: { start: number; rows: T[][] }[] = [];
  let current: T[][] = [];
  let start = 0;
  let size = 2;
  rows.forEach((row, i) => {
    const bytes = payloadBytes(row) + 1;
    if (current.length > 0 && size + bytes > limit) {
      slices.push({ start, rows: current });
      current = [];
      start = i;
      size = 2;
    }
    current.push(row);
    size += bytes;
  });
  if (current.length > 0 || slices.length === 0) slices.push({ start, rows: current });
  return slices;
}

function applyLooks(range: Excel.Range, looks: readonly CellLook[]): void {
  for (const look of looks) {
    switch (look) {
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
        range.format.fill.color = PALETTE.headerFill;
        range.format.wrapText = true;
        break;
      case "note":
        range.format.font.italic = true;
        range.format.font.color = PALETTE.noteFont;
        break;
      case "input":
        range.format.fill.color = PALETTE.inputFill;
        range.format.font.color = PALETTE.inputFont;
        break;
      case "working":
        range.format.font.color = PALETTE.workingFont;
        break;
      case "bold":
        range.format.font.bold = true;
        break;
      case "italic":
        range.format.font.italic = true;
        break;
      case "wrap":
        range.format.wrapText = true;
        break;
    }
  }
}

/** Cells the writer leaves as they are (the user's values kept on a rerun): sheet row and column. */
export type SkipCell = (row: number, col: number) => boolean;

/**
 * Each cell's number format: "@" for every cell of a text block, and for any text cell that
 * Excel would otherwise convert (src/sheets/excelText.ts) in any block; else the block's format
 * (null: General). Null for skipped cells (Office.js leaves a cell whose entry is null as it is).
 * Undefined when the block sets no format at all.
 */
function cellFormats(block: Block, skip?: SkipCell): (string | null)[][] | undefined {
  const f = block.numberFormat;
  let any = f !== undefined || block.kind === "text";
  const grid = block.cells.map((row, i) =>
    row.map((v, j) => {
      if (skip?.(block.row + i, block.col + j)) return null;
      const isText = typeof v === "string" && !(block.kind === "formula" && v.startsWith("="));
      if (block.kind === "text" || (isText && excelWouldConvert(v as string))) {
        any = true;
        return "@";
      }
      return typeof f === "string" ? f : (f?.[i]?.[j] ?? "General");
    })
  );
  return any ? grid : undefined;
}

/** Stop before Excel does: a formula holding a text constant over 255 characters. */
function checkFormulas(block: Block): void {
  if (block.kind !== "formula") return;
  block.cells.forEach((row, i) =>
    row.forEach((v, j) => {
      if (typeof v !== "string" || !v.startsWith("=")) return;
      const long = longTextConstant(v);
      if (long !== null)
        throw new Error(
          `The formula for ${cellAddress(block.row + i, block.col + j)} holds a text of ${long.length} characters; Excel allows ${FORMULA_TEXT_LIMIT} in a formula`
        );
    })
  );
}

/**
 * What each queued action adds to a request besides its values: the object path it acts on
 * (worksheet, range by indexes) and the property set. A summary of thousands of small blocks is
 * mostly these, so they count against the budget too (measured on the double: about 110 bytes).
 */
const ACTION_BYTES = 200;

/** The commands that write one block: its cells (in row slices under the budget) and looks. */
function blockCommands(block: Block, budget: number, skip?: SkipCell): Command[] {
  const { rows, cols } = blockSize(block);
  if (rows === 0 || cols === 0) return [];
  checkFormulas(block);
  const formats = cellFormats(block, skip);
  const cells = skip
    ? block.cells.map((row, i) =>
        row.map((v, j) => (skip(block.row + i, block.col + j) ? null : v))
      )
    : block.cells;
  const commands: Command[] = sliceRows(cells, budget / 2).map(({ start, rows: part }) => {
    const partFormats = formats?.slice(start, start + part.length);
    return {
      bytes:
        payloadBytes(part) +
        ACTION_BYTES +
        (partFormats ? payloadBytes(partFormats) + ACTION_BYTES : 0),
      queue: (sheet) => {
        const range = sheet.getRangeByIndexes(block.row + start, block.col, part.length, cols);
        // The number format goes first, so text set as "@" is stored as text, never a formula,
        // date or number ("10/90" would otherwise become a date in Excel).
        if (partFormats) range.numberFormat = partFormats as string[][];
        if (block.kind === "formula") range.formulas = part as string[][];
        else range.values = part as CellValue[][];
      },
    };
  });
  if (block.look?.length || block.unlocked) {
    commands.push({
      bytes: 200,
      queue: (sheet) => {
        const range = sheet.getRangeByIndexes(block.row, block.col, rows, cols);
        applyLooks(range, block.look ?? []);
        if (block.unlocked) range.format.protection.locked = false;
      },
    });
  }
  return commands;
}

function validationRule(v: Validation): Excel.DataValidationRule {
  switch (v.type) {
    case "wholeNumber":
      return { wholeNumber: { formula1: v.min, formula2: v.max, operator: "Between" } };
    case "decimalAtLeast":
      return { decimal: { formula1: v.min, operator: "GreaterThanOrEqualTo" } };
    case "list":
      return {
        list: {
          inCellDropDown: true,
          source: typeof v.options === "string" ? v.options : v.options.join(","),
        },
      };
  }
}

/** The commands for everything but the blocks: looks, widths, validation, highlights, charts. */
function sheetCommands(spec: SheetSpec): Command[] {
  const commands: Command[] = [];
  for (const s of spec.styles ?? [])
    commands.push({ bytes: 150, queue: (sheet) => applyLooks(sheet.getRange(s.address), s.look) });
  for (const w of spec.columnWidths ?? [])
    commands.push({
      bytes: 80,
      queue: (sheet) => {
        sheet.getRangeByIndexes(0, w.col, 1, 1).getEntireColumn().format.columnWidth = w.width;
      },
    });
  for (const v of spec.validations ?? [])
    commands.push({
      bytes: 250 + payloadBytes(v),
      queue: (sheet) => {
        const dv = sheet.getRange(v.address).dataValidation;
        dv.clear();
        dv.rule = validationRule(v);
        if (v.prompt) dv.prompt = { showPrompt: true, title: "Input", message: v.prompt };
        dv.errorAlert = {
          showAlert: true,
          style: "Stop",
          title: "Check the entry",
          message: v.message,
        };
      },
    });
  for (const c of spec.conditionalFormats ?? [])
    commands.push({
      bytes: 250 + payloadBytes(c),
      queue: (sheet) => {
        const range = sheet.getRange(c.address);
        if (c.type === "formula") {
          const cf = range.conditionalFormats.add("Custom");
          cf.custom.rule.formula = c.formula;
          cf.custom.format.fill.color = c.fill;
          cf.custom.format.font.color = c.fontColor;
        } else {
          const cf = range.conditionalFormats.add("CellValue");
          cf.cellValue.format.fill.color = c.fill;
          cf.cellValue.format.font.color = c.fontColor;
          cf.cellValue.rule = { formula1: String(c.value), operator: "LessThan" };
        }
      },
    });
  for (const ch of spec.charts ?? [])
    commands.push({
      bytes: 400,
      queue: (sheet) => {
        const chart = sheet.charts.add(ch.type, sheet.getRange(ch.source), ch.seriesBy);
        if (ch.name) chart.name = ch.name;
        chart.title.text = ch.title;
        chart.setPosition(ch.topLeft, ch.bottomRight);
      },
    });
  if (spec.freeze)
    commands.push({
      bytes: 60,
      queue: (sheet) => {
        if (spec.freeze!.rows) sheet.freezePanes.freezeRows(spec.freeze!.rows);
        if (spec.freeze!.columns) sheet.freezePanes.freezeColumns(spec.freeze!.columns);
      },
    });
  if (spec.protect)
    commands.push({
      bytes: 100,
      queue: (sheet) =>
        sheet.protection.protect({
          allowFormatColumns: true,
          allowFormatRows: true,
          allowFormatCells: typeof spec.protect === "object" && spec.protect.allowFormatCells,
        }),
    });
  return commands;
}

/** Every command that writes a spec, in order: cells first, then the rest. */
export function specCommands(
  spec: SheetSpec,
  budget = REQUEST_BUDGET_BYTES,
  skip?: SkipCell
): Command[] {
  return [...spec.blocks.flatMap((b) => blockCommands(b, budget, skip)), ...sheetCommands(spec)];
}

/** A spec and the sheet it goes on; `skip`: cells to leave as they are. */
export type WriteTarget = { sheet: Excel.Worksheet; spec: SheetSpec; skip?: SkipCell };
export type WriteReport = { requests: number; largestRequestBytes: number };

/**
 * Queue the specs' commands, syncing whenever the next command would take the request over the
 * budget. The last batch is left queued for the caller's own final sync (so a workflow adds its
 * own last commands -- activate a sheet, save a record -- and syncs once).
 */
export async function queueSpecs(
  context: Excel.RequestContext,
  targets: readonly WriteTarget[],
  budget = REQUEST_BUDGET_BYTES
): Promise<WriteReport> {
  const report: WriteReport = { requests: 0, largestRequestBytes: 0 };
  let queued = 0;
  for (const { sheet, spec, skip } of targets) {
    for (const command of specCommands(spec, budget, skip)) {
      if (queued > 0 && queued + command.bytes > budget) {
        report.requests++;
        report.largestRequestBytes = Math.max(report.largestRequestBytes, queued);
        // The one deliberate sync inside a loop: a write larger than one request's budget goes
        // in a few large batches (Microsoft's guidance: as few syncs as the 5 MB limit allows).
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        queued = 0;
      }
      command.queue(sheet);
      queued += command.bytes;
    }
  }
  report.largestRequestBytes = Math.max(report.largestRequestBytes, queued);
  return report;
}
