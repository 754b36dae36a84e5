/**
 * Use selected data: the sample "Organisation budget" sheet (assets/samples, as the preview loads
 * it) is read without retyping anything -- pools, drivers with their units ("Staff time (days)"),
 * projects -- with the mapping shown, and builds the same sheet as the form filled in by hand.
 * A value that cannot be read is named by its column and row, and nothing is counted as £0.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { MemoryWorkbook } from "../../packages/excel-double/src";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";
import {
  buildCostRecoveryWorkbook,
  readBudgetFromSheet,
  type BudgetOutcome,
  type BuildOutcome,
} from "../../src/excel/costRecovery";
import { columnIndex, columnLetters } from "../../src/sheets/a1";
import { initialDraft, toSetup } from "../../src/taskpane/views/cost-recovery/draft";

const BUDGET = "Organisation budget";

type Block = { at: string; values: unknown[][] };
const sample = JSON.parse(
  readFileSync(join(__dirname, "../../assets/samples/sample-workbook.json"), "utf8")
) as { sheets: { name: string; blocks: Block[] }[] };

/** A workbook holding the sample budget sheet, active, as the user has it open. */
function withBudget(change?: (blocks: Block[]) => void): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  const sheet = sample.sheets.find((s) => s.name === BUDGET)!;
  const blocks: Block[] = JSON.parse(JSON.stringify(sheet.blocks));
  change?.(blocks);
  wb.addSheet(BUDGET);
  for (const b of blocks) {
    const m = /^([A-Z]+)(\d+)$/.exec(b.at)!;
    const last = `${columnLetters(columnIndex(m[1]) + b.values[0].length - 1)}${Number(m[2]) + b.values.length - 1}`;
    wb.setCells(BUDGET, `${b.at}:${last}`, b.values);
  }
  wb.select(BUDGET, "A1");
  return wb;
}

const read = (wb: MemoryWorkbook) =>
  wb.run((context) => readBudgetFromSheet(context)) as Promise<BudgetOutcome>;

/** The form as a finance officer would fill it in from the budget sheet by hand. */
function typedByHand() {
  const d = initialDraft();
  d.organisation = "Riverside Community Trust";
  const pools: [string, string, "headcount" | "staffTime" | "directExpenditure", string][] = [
    ["Premises and office", "18000", "headcount", ""],
    ["Central functions (finance, HR, IT)", "24000", "staffTime", "days"],
    ["Governance and strategic development", "9500", "directExpenditure", "£"],
    ["Fundraising", "6000", "directExpenditure", "£"],
  ];
  d.pools = pools.map(([name, amount, driver, unit], k) => ({
    id: 900 + k,
    name,
    amount,
    driver,
    unit,
  }));
  const rows: [string, string, string, string, string, string, string][] = [
    ["Befriending service", "84000", "120", "Commissioned service", "92000", "4", "760"],
    ["Youth mentoring", "36500", "40", "Small grant", "5000", "2", "310"],
    ["Community hub", "52000", "2600", "Investment", "30000", "3", "450"],
    ["Welfare advice", "61250", "900", "Qualifying activity", "18000", "3", "560"],
  ];
  d.projects = rows.map(([name, direct, units, type, price, heads, days], j) => ({
    id: 950 + j,
    name,
    direct,
    units,
    type: type as (typeof d.projects)[number]["type"],
    price,
    drivers: [heads, days, "", ""],
  }));
  return toSetup(d);
}

async function buildInto(
  wb: MemoryWorkbook,
  setup: Parameters<typeof buildCostRecoveryWorkbook>[1]
) {
  const o = (await wb.run((context) =>
    buildCostRecoveryWorkbook(context, setup, DEFAULT_SETTINGS, {
      sheetName: "Cost recovery",
      startCell: "A1",
    })
  )) as BuildOutcome;
  if (o.status !== "built") throw new Error(JSON.stringify(o));
  return wb.getValues("Cost recovery", o.range);
}

describe("reading the organisation's own budget sheet", () => {
  test("the sample is read without retyping, with the mapping shown in words", async () => {
    const outcome = await read(withBudget());
    if (!outcome.ok) throw new Error(outcome.message);
    const { setup, mapping, problems } = outcome.reading;
    expect(problems).toEqual([]);
    expect(setup.organisation).toBe("Riverside Community Trust");
    expect(setup.pools).toEqual([
      { name: "Premises and office", amount: 18000, driver: "headcount" },
      {
        name: "Central functions (finance, HR, IT)",
        amount: 24000,
        driver: "staffTime",
        unit: "days",
      },
      {
        name: "Governance and strategic development",
        amount: 9500,
        driver: "directExpenditure",
        unit: "£",
      },
      { name: "Fundraising", amount: 6000, driver: "directExpenditure", unit: "£" },
    ]);
    expect(setup.projects[1]).toEqual({
      name: "Youth mentoring",
      directCost: 36500,
      units: 40,
      fundingType: "Small grant",
      price: 5000,
      drivers: [2, 310, null, null],
    });
    expect(setup.projects.map((p) => p.name)).toEqual([
      "Befriending service",
      "Youth mentoring",
      "Community hub",
      "Welfare advice",
    ]);
    expect(mapping).toEqual(
      expect.arrayContaining([
        "Projects: rows 4 to 7 of Organisation budget.",
        'Direct costs: column B "Direct costs".',
        'Central functions (finance, HR, IT): shared by column H "Staff time (days)", counted in days.',
        "Fundraising: shared by each project's direct costs.",
        "Overheads read: £57,500.00 in 4 pools.",
      ])
    );
  });

  test("it builds the same sheet, cell for cell, as the form filled in by hand", async () => {
    const outcome = await read(withBudget());
    if (!outcome.ok) throw new Error(outcome.message);
    const byHand = typedByHand();
    expect(byHand.errors).toEqual({});
    const fromSheet = await buildInto(withBudget(), outcome.reading.setup);
    const fromForm = await buildInto(new MemoryWorkbook(), byHand.setup);
    expect(fromSheet).toEqual(fromForm);
    // and the sheet says days, as the budget does, not hours
    expect(fromSheet.flat()).toContain("Staff time (days)");
    expect(fromSheet.flat().some((v) => /hours/.test(String(v)))).toBe(false);
  });

  test("a value that cannot be read is named by its column and row, never counted as £0", async () => {
    const wb = withBudget((blocks) => {
      blocks[1].values[2][1] = "tbc"; // Youth mentoring's direct costs
      blocks[2].values[2][2] = "Vibes"; // Central functions' cost driver
    });
    const outcome = await read(wb);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.reading.problems.map((p) => p.message)).toEqual([
      'Cost driver in row 13 is "Vibes": enter Headcount, Staff time, Floor area or Direct expenditure',
      'Direct costs in row 5 is "tbc": enter an amount in pounds, £0 or more',
    ]);
  });

  test("a driver whose header gives no unit is read, and the unit is asked for, not assumed", async () => {
    const wb = withBudget((blocks) => {
      blocks[1].values[0][7] = "Staff time";
    });
    const outcome = await read(wb);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.reading.setup.pools[1]).toEqual({
      name: "Central functions (finance, HR, IT)",
      amount: 24000,
      driver: "staffTime",
    });
    expect(outcome.reading.mapping).toContain(
      'Central functions (finance, HR, IT): shared by column H "Staff time"; its unit is not in the header: type it beside the pool (every project must use the same one).'
    );
  });

  test("a sheet with no projects table says what it looks for", async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet("Notes");
    wb.setCells("Notes", "A1:B2", [
      ["Hello", "there"],
      [1, 2],
    ]);
    wb.select("Notes", "A1");
    const outcome = await read(wb);
    expect(outcome).toEqual({
      ok: false,
      message: expect.stringMatching(/^No projects table found on Notes\. Open the sheet/),
    });
  });
});
