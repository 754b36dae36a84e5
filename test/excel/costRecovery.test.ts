/**
 * The cost recovery workbook on the workbook double: its formulas, evaluated, equal what the
 * engine computes for the same inputs (to the penny), also after inputs change; it never
 * overwrites content without confirmation; inputs unlocked, formulas locked, sheet protected.
 */
import fc from "fast-check";
import { MemoryWorkbook, REQUEST_LIMIT_BYTES } from "../../packages/excel-double/src";
import {
  computeCostRecovery,
  type CostRecoverySetup,
  type ProjectSetup,
} from "../../src/domain/cost-recovery/organisation";
import type { CostRecoverySheet } from "../../src/sheets/cost-recovery/costRecoverySheet";
import { expectedResultRows } from "../../src/sheets/cost-recovery/resultsBlock";
import { columnLetters, parseCell } from "../../src/sheets/a1";
import {
  DEFAULT_SETTINGS,
  parseSettings,
  type FrameworkSettings,
} from "../../src/domain/settings/settings";
import { buildCostRecoveryWorkbook, type BuildOutcome } from "../../src/excel/costRecovery";
import { FUNDING_TYPES } from "../../src/domain/classification/classify";
import { toPence } from "../../src/domain/kernel/money";
import { riversideSample, smallGrantProject } from "../support/costRecoverySetups";

const SHEET = "Cost recovery";

async function build(
  wb: MemoryWorkbook,
  setup: CostRecoverySetup,
  settings: FrameworkSettings = DEFAULT_SETTINGS,
  target = { sheetName: SHEET, startCell: "A1" },
  confirm = false
) {
  return wb.run((context) =>
    buildCostRecoveryWorkbook(context, setup, settings, target, { confirm })
  ) as Promise<BuildOutcome>;
}
function layoutOf(o: BuildOutcome): CostRecoverySheet {
  if (o.status !== "built") throw new Error(`not built: ${JSON.stringify(o)}`);
  return o.sheet;
}

/** Compare the sheet's results block with the engine: money to the penny, ratios to 1e-9 relative, text exactly. */
function expectSheetEqualsEngine(
  wb: MemoryWorkbook,
  setup: CostRecoverySetup,
  layout: CostRecoverySheet,
  settings: FrameworkSettings = DEFAULT_SETTINGS
) {
  const result = computeCostRecovery(setup, settings);
  const expected = expectedResultRows(setup, result, settings);
  const got = wb.getValues(SHEET, layout.refs.results);
  const k = setup.pools.length;
  const ratioCols = new Set([2 + k + 2, 2 + k + 7]); // overhead rate, recovery
  expect(got).toHaveLength(expected.length);
  got.forEach((row, j) =>
    row.forEach((v, c) => {
      const e = expected[j][c];
      const where = `project ${j + 1} column ${layout.refs.resultHeaders[c]}`;
      if (typeof e === "number" && ratioCols.has(c)) {
        expect([where, typeof v]).toEqual([where, "number"]);
        // the double reports numbers to about 12 significant digits, as Excel shows 15
        expect(Math.abs((v as number) - e)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e)));
      } else if (typeof e === "number") {
        expect([where, toPence(v as number)]).toEqual([where, Math.round(e * 100)]);
      } else {
        expect([where, v]).toEqual([where, e]);
      }
    })
  );
  // every pool adds back, in the sheet and in the engine
  result.pools.forEach((p, kk) => {
    const [status] = wb.getValues(SHEET, layout.refs.pools[kk].status)[0];
    const [diff] = wb.getValues(SHEET, layout.refs.pools[kk].difference)[0];
    expect(status).toBe(p.status);
    expect(toPence(diff as number)).toBe(p.difference);
  });
  // bidder block
  const b = layout.refs.bidder;
  const one = (a: string) => wb.getValues(SHEET, a)[0][0];
  const money = (x: number | null) => (x === null ? "" : x);
  expect(toPence(one(b.fullCost) as number)).toBe(result.bidder.fullCost);
  const unit = one(b.unitPrice);
  expect(unit === "" ? "" : toPence(unit as number)).toBe(money(result.bidder.unitPrice));
  expect(toPence(one(b.funder) as number)).toBe(result.bidder.funder);
  expect(toPence(one(b.organisation) as number)).toBe(result.bidder.organisation);
  // totals
  const totals = wb.getValues(SHEET, layout.refs.totals)[0];
  expect(toPence(totals[1] as number)).toBe(result.totals.direct);
  expect(toPence(totals[2 + k] as number)).toBe(result.totals.overheads);
  expect(toPence(totals[3 + k] as number)).toBe(result.totals.fullCost);
  expect(toPence(totals[2 + k] as number)).toBe(
    setup.pools.reduce((s, p) => s + Math.round(p.amount * 100), 0) -
      result.pools.reduce((s, p) => s + p.difference, 0)
  );
}

describe("the generated sheet equals the engine", () => {
  test("sample organisation: results, pool checks, totals and the bidder block", async () => {
    const wb = new MemoryWorkbook();
    const setup = riversideSample();
    const outcome = await build(wb, setup);
    const layout = layoutOf(outcome);
    expectSheetEqualsEngine(wb, setup, layout);
    // the worked numbers a user sees (computed by hand): lunch club full cost £63,662.88, 90%... no: recovery 36,000/63,662.88
    const lunch = wb.getValues(SHEET, layout.refs.results)[0];
    expect(lunch[0]).toBe("Lunch club");
    // premises £12,000 by headcount 3:2:1 -> £6,000 / £4,000 / £2,000
    expect(wb.getValues(SHEET, layout.refs.results).map((r) => r[2])).toEqual([6000, 4000, 2000]);
    // a name starting with = is text, not a formula
    expect(wb.getValues(SHEET, layout.refs.projects[1].name)).toEqual([["=Advice line"]]);
    expect(wb.getValues(SHEET, layout.refs.results)[1][0]).toBe("=Advice line");
  });

  test("worked cases on the sheet: £10,000 small grant at 80/20 and £12,000 investment at 50/50", async () => {
    const wb = new MemoryWorkbook();
    const pools = [{ name: "Premises", amount: 0, driver: "headcount" as const }];
    const setup: CostRecoverySetup = {
      organisation: "Worked cases",
      singleDriver: false,
      pools,
      projects: [
        smallGrantProject([1]),
        {
          name: "Investment",
          directCost: 12_000,
          units: null,
          fundingType: "Investment",
          price: null,
          drivers: [1],
        },
        {
          name: "Bid",
          directCost: 40_000,
          units: null,
          fundingType: "Commissioned service",
          price: 36_000,
          drivers: [1],
        },
      ],
      bidder: { service: "", directCost: 0, overheads: 0, units: null, fundingType: "Small grant" },
    };
    const layout = layoutOf(await build(wb, setup));
    const rows = wb.getValues(SHEET, layout.refs.results);
    const col = (name: string) => layout.refs.resultHeaders.indexOf(name);
    const answer = (j: number) =>
      ["Funder pays (£)", "Organisation finds (£)", "Already covered (£)", "Still to find (£)"].map(
        (h) => rows[j][col(h)]
      );
    // £10,000 at 80/20 with £4,000 awarded: the funder's part is £2,000; the other £2,000 of the
    // award covers part of the £8,000 the organisation finds
    expect(answer(0)).toEqual([2000, 8000, 2000, 6000]);
    // £12,000 at 50/50, nothing entered yet: all of the organisation's half is still to find
    expect(answer(1)).toEqual([6000, 6000, 0, 6000]);
    // a £36,000 bid for a £40,000 commissioned service: the funder pays the price, 90% recovery
    expect([...answer(2), rows[2][col("Recovery")]]).toEqual([36000, 4000, 0, 4000, 0.9]);
    expect(rows[2][col("In words")]).toBe(
      "Full cost £40,000.00. The funder pays £36,000.00 (full cost recovery; the price or award entered is £4,000.00 below the £40,000.00 expected); the organisation finds £4,000.00. Of that, £0.00 is already covered by the price or award entered (£36,000.00); £4,000.00 is still to find."
    );
    expect(rows[1][col("In words")]).toBe(
      "Full cost £12,000.00. The funder pays £6,000.00 (50/50 organisation/funder); the organisation finds £6,000.00. No price or award is entered yet, so all £6,000.00 is still to find."
    );
  });

  test("the recovery is red exactly where the price or award is below what the basis expects", async () => {
    const wb = new MemoryWorkbook();
    const setup = riversideSample();
    // a 50/50 investment paid exactly its half (not red), and one paid a penny less (red)
    const layout = layoutOf(await build(wb, setup));
    const half = computeCostRecovery(setup, DEFAULT_SETTINGS).projects[2].answer!.expectedFunder;
    for (const [price, red] of [
      [half / 100, false],
      [(half - 1) / 100, true],
    ] as const) {
      wb.setCells(SHEET, layout.refs.projects[2].price, [[price]]);
      setup.projects[2].price = price;
      const engine = computeCostRecovery(setup, DEFAULT_SETTINGS).projects;
      const g = layout.geometry;
      const rule = (j: number) =>
        `=AND(ISNUMBER(${columnLetters(g.workingColumns.award)}${g.firstWorkingRow + j + 1}),ISNUMBER(${columnLetters(g.workingColumns.expectedFunder)}${g.firstWorkingRow + j + 1}),${columnLetters(g.workingColumns.award)}${g.firstWorkingRow + j + 1}<${columnLetters(g.workingColumns.expectedFunder)}${g.firstWorkingRow + j + 1})`;
      const sheetRed = engine.map((_, j) => wb.calculateFormula(SHEET, rule(j)));
      expect(sheetRed).toEqual(engine.map((p) => p.answer!.belowBasis));
      expect(sheetRed[2]).toBe(red);
    }
    // the rule the sheet carries is that formula, relative to the first results row
    expect(wb.getConditionalFormats(SHEET).map((c) => JSON.stringify(c))).toEqual([
      expect.stringContaining("ISNUMBER"),
    ]);
  });

  test("the Check column warns of a funding type unusual for the amount, at the threshold from Settings", async () => {
    const wb = new MemoryWorkbook();
    const setup = riversideSample();
    const layout = layoutOf(await build(wb, setup));
    const check = () =>
      wb
        .getValues(SHEET, layout.refs.results)
        .map((r) => r[layout.refs.resultHeaders.indexOf("Check")]);
    expect(check()).toEqual(["", "", ""]);
    // the lunch club (£36,000) as a small grant; the advice line's £4,000 as an investment
    wb.setCells(SHEET, layout.refs.projects[0].type, [["Small grant"]]);
    wb.setCells(SHEET, layout.refs.projects[1].type, [["Investment"]]);
    expect(check()).toEqual([
      "Small grant over the small-grant threshold: check the funding type",
      "Not over the small-grant threshold: usually a small grant; check the funding type",
      "",
    ]);
  });

  test("after input cells change (direct costs, a driver, a pool, a price, a funding type) the sheet still equals the engine", async () => {
    const wb = new MemoryWorkbook();
    const setup = riversideSample();
    const layout = layoutOf(await build(wb, setup));
    const refs = layout.refs;
    wb.setCells(SHEET, refs.projects[0].direct, [[55_555.55]]);
    wb.setCells(SHEET, refs.projects[2].drivers[1], [[999.75]]);
    wb.setCells(SHEET, refs.pools[3].amount, [[7_777.77]]);
    wb.setCells(SHEET, refs.projects[2].price, [[20_000]]);
    wb.setCells(SHEET, refs.projects[1].type, [["Investment"]]);
    wb.setCells(SHEET, refs.bidder.units, [[7]]);
    const changed = riversideSample();
    changed.projects[0].directCost = 55_555.55;
    changed.projects[2].drivers[1] = 999.75;
    changed.pools[3].amount = 7_777.77;
    changed.projects[2].price = 20_000;
    changed.projects[1].fundingType = "Investment";
    changed.bidder.units = 7;
    expectSheetEqualsEngine(wb, changed, layout);
    // the pool by direct expenditure followed the new direct costs
    expect(computeCostRecovery(changed, DEFAULT_SETTINGS).projects[0].shares[3]).not.toBe(
      computeCostRecovery(riversideSample(), DEFAULT_SETTINGS).projects[0].shares[3]
    );
  });

  test("a pool whose drivers are all 0 is flagged on the sheet and shares nothing", async () => {
    const wb = new MemoryWorkbook();
    const setup = riversideSample();
    setup.projects.forEach((p) => (p.drivers[0] = 0));
    const layout = layoutOf(await build(wb, setup));
    expect(wb.getValues(SHEET, layout.refs.pools[0].status)).toEqual([["Drivers all 0"]]);
    expectSheetEqualsEngine(wb, setup, layout);
  });

  test("settings ratios are written to the sheet and used by the formulas", async () => {
    const s = parseSettings({ funderShareSmallGrant: 33.33, funderShareInvestment: 65 });
    if (!s.ok) throw new Error("settings");
    const wb = new MemoryWorkbook();
    const setup = riversideSample();
    const layout = layoutOf(await build(wb, setup, s.settings));
    expect(wb.getValues(SHEET, layout.refs.settings[2].funderShare)[0][0]).toBeCloseTo(0.3333, 10);
    expectSheetEqualsEngine(wb, setup, layout, s.settings);
  });

  test("single-driver option: every pool shared by people", async () => {
    const wb = new MemoryWorkbook();
    const setup = riversideSample();
    setup.singleDriver = true;
    setup.projects.forEach((p, j) => (p.drivers = [[2.5, 1, 0.5][j]]));
    const layout = layoutOf(await build(wb, setup));
    expect(layout.refs.projects[0].drivers).toHaveLength(1);
    expectSheetEqualsEngine(wb, setup, layout);
    // £12,000 by 2.5 : 1 : 0.5 -> 7,500 / 3,000 / 1,500
    expect(wb.getValues(SHEET, layout.refs.results).map((r) => r[2])).toEqual([7500, 3000, 1500]);
  });

  const project = (pools: number): fc.Arbitrary<ProjectSetup> =>
    fc.record({
      name: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0),
      directCost: fc.integer({ min: 0, max: 20_000_000 }).map((p) => p / 100),
      units: fc.option(
        fc.integer({ min: 1, max: 500_000 }).map((u) => u / 100),
        { nil: null }
      ),
      fundingType: fc.constantFrom(...FUNDING_TYPES),
      price: fc.option(
        fc.integer({ min: 0, max: 30_000_000 }).map((p) => p / 100),
        { nil: null }
      ),
      drivers: fc.array(
        fc.option(
          fc.oneof(
            fc.integer({ min: 0, max: 50 }),
            fc.integer({ min: 0, max: 300_000 }).map((x) => x / 100)
          ),
          { nil: null }
        ),
        {
          minLength: pools,
          maxLength: pools,
        }
      ),
    });
  const organisation: fc.Arbitrary<CostRecoverySetup> = fc
    .integer({ min: 1, max: 4 })
    .chain((k) =>
      fc.record({
        organisation: fc.string({ maxLength: 20 }),
        singleDriver: fc.boolean(),
        pools: fc.array(
          fc.record({
            name: fc.string({ minLength: 1, maxLength: 15 }).filter((s) => s.trim().length > 0),
            amount: fc.integer({ min: 0, max: 10_000_000 }).map((p) => p / 100),
            driver: fc.constantFrom(
              "headcount" as const,
              "staffTime" as const,
              "directExpenditure" as const,
              "floorArea" as const
            ),
          }),
          { minLength: k, maxLength: k }
        ),
        projects: fc.array(project(k), { minLength: 1, maxLength: 6 }),
        bidder: fc.record({
          service: fc.string({ maxLength: 10 }),
          directCost: fc.integer({ min: 0, max: 10_000_000 }).map((p) => p / 100),
          overheads: fc.integer({ min: 0, max: 5_000_000 }).map((p) => p / 100),
          units: fc.option(
            fc.integer({ min: 1, max: 100_000 }).map((u) => u / 100),
            { nil: null }
          ),
          fundingType: fc.constantFrom(...FUNDING_TYPES),
        }),
      })
    )
    .map((s) => ({
      ...s,
      projects: s.projects.map((p) => ({
        ...p,
        drivers: s.singleDriver ? p.drivers.slice(0, 1) : p.drivers,
      })),
    }));

  test("property: random small organisations, the sheet equals the engine to the penny", async () => {
    await fc.assert(
      fc.asyncProperty(organisation, async (setup) => {
        const wb = new MemoryWorkbook();
        const layout = layoutOf(await build(wb, setup));
        expectSheetEqualsEngine(wb, setup, layout);
      }),
      { numRuns: 40 }
    );
  });
});

describe("never overwrites without asking", () => {
  test("existing content in the target: needs confirmation and nothing is written", async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet(SHEET);
    wb.setCells(SHEET, "C20", [["my notes"]]);
    wb.resetCounters();
    const outcome = await build(wb, riversideSample());
    expect(outcome.status).toBe("needs-confirmation");
    if (outcome.status !== "needs-confirmation") return;
    expect(outcome.occupied).toContain("C20");
    expect(outcome.message).toContain("Nothing has been changed");
    expect(wb.getValues(SHEET, "A1:D3")).toEqual([
      ["", "", "", ""],
      ["", "", "", ""],
      ["", "", "", ""],
    ]);
    expect(wb.getValues(SHEET, "C20")).toEqual([["my notes"]]);
    expect(wb.syncCount).toBeLessThanOrEqual(2);
  });

  test("with confirmation it replaces the content", async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet(SHEET);
    wb.setCells(SHEET, "C20", [["my notes"]]);
    const setup = riversideSample();
    const outcome = await build(
      wb,
      setup,
      DEFAULT_SETTINGS,
      { sheetName: SHEET, startCell: "A1" },
      true
    );
    const layout = layoutOf(outcome);
    expectSheetEqualsEngine(wb, setup, layout);
  });

  test("content outside the rectangle is left alone, and a start cell places the workbook", async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet(SHEET);
    wb.setCells(SHEET, "A1", [["keep me"]]);
    const setup = riversideSample();
    const outcome = await build(wb, setup, DEFAULT_SETTINGS, { sheetName: SHEET, startCell: "C4" });
    const layout = layoutOf(outcome);
    expect(layout.refs.range.startsWith("C4:")).toBe(true);
    expect(wb.getValues(SHEET, "A1")).toEqual([["keep me"]]);
    expect(wb.getValues(SHEET, "C4")[0][0]).toBe("Full cost recovery: Riverside CVS");
    expectSheetEqualsEngine(wb, setup, layout);
  });

  test("rebuilding over its own unchanged build replaces it; a cell changed since is asked about", async () => {
    const wb = new MemoryWorkbook();
    const setup = riversideSample();
    const first = layoutOf(await build(wb, setup));
    expect((await build(wb, setup)).status).toBe("built");
    wb.setCells(SHEET, first.refs.projects[0].direct, [[12_345]]);
    await expect(build(wb, setup)).rejects.toThrow(/has been changed since/);
    expect(wb.getValues(SHEET, first.refs.projects[0].direct)).toEqual([[12_345]]);
  });

  test("bad setup or target: invalid with the field named, nothing written", async () => {
    const wb = new MemoryWorkbook();
    const setup = riversideSample();
    setup.projects[0].directCost = -5;
    setup.pools[0].name = " ";
    const o1 = await build(wb, setup, DEFAULT_SETTINGS, {
      sheetName: "Bad/name",
      startCell: "ZZZZ1",
    });
    expect(o1.status).toBe("invalid");
    if (o1.status !== "invalid") return;
    const fields = o1.problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(["Sheet name", "Start cell", "Pool 1 name"]));
    expect(o1.problems.some((p) => p.message.includes("direct costs must be 0 or more"))).toBe(
      true
    );
    expect(wb.sheetNames()).not.toContain("Bad/name");
  });
});

describe("sheet quality", () => {
  test("no formula evaluates to an error; ordinary Excel functions only", async () => {
    const wb = new MemoryWorkbook();
    const layout = layoutOf(await build(wb, riversideSample()));
    const values = wb.getValues(SHEET, layout.refs.range);
    const formulas = wb.getFormulas(SHEET, layout.refs.range);
    values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v === "string" && /^#(NAME\?|VALUE!|REF!|DIV\/0!|N\/A|NUM!|NULL!)/.test(v)) {
          throw new Error(`${columnLetters(c)}${r + 1} shows ${v}: ${formulas[r][c]}`);
        }
      })
    );
    const all = formulas
      .flat()
      .filter((f): f is string => typeof f === "string" && f.startsWith("="));
    expect(all.length).toBeGreaterThan(50);
    expect(all.some((f) => /FUNDING\./i.test(f))).toBe(false);
  });

  test("inputs unlocked and shaded, formulas locked, sheet protected, validation, highlight and chart", async () => {
    const wb = new MemoryWorkbook();
    const layout = layoutOf(await build(wb, riversideSample()));
    const refs = layout.refs;
    // The office-addins rules cannot follow the loads below (nested paths, loaded in a loop) and
    // flag each read after the sync; every property read here is loaded before the one sync.
    /* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read */
    const facts = await wb.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(SHEET);
      const input = sheet.getRange(refs.projects[0].direct);
      const name = sheet.getRange(refs.pools[0].name);
      const result = sheet.getRange(refs.results.split(":")[0]);
      const full = sheet.getRange(refs.bidder.fullCost);
      for (const r of [input, name, result, full])
        r.load("format/protection/locked, format/fill/color");
      sheet.protection.load("protected");
      const dv = sheet.getRange(refs.projects[0].type).dataValidation;
      dv.load("rule");
      const charts = sheet.charts;
      charts.load("items/name");
      const cfs = sheet.getRange(layout.refs.recovery).conditionalFormats;
      cfs.load("items/type");
      await context.sync();
      return {
        inputLocked: input.format.protection.locked,
        inputFill: input.format.fill.color,
        nameLocked: name.format.protection.locked,
        resultLocked: result.format.protection.locked,
        bidderLocked: full.format.protection.locked,
        protectedSheet: sheet.protection.protected,
        rule: dv.rule,
        charts: charts.items.map((c) => c.name),
        cfTypes: cfs.items.map((c) => c.type),
      };
    });
    /* eslint-enable office-addins/load-object-before-read, office-addins/call-sync-before-read */
    expect(facts.inputLocked).toBe(false);
    expect(facts.nameLocked).toBe(false);
    expect(facts.inputFill.toUpperCase()).toBe("#FFCC99");
    expect(facts.resultLocked).toBe(true);
    expect(facts.bidderLocked).toBe(true);
    expect(facts.protectedSheet).toBe(true);
    expect(facts.rule.list?.source).toMatch(/^=\$A\$\d+:\$A\$\d+$/);
    expect(facts.charts).toHaveLength(1);
    expect(facts.cfTypes).toEqual(["Custom"]);
  });

  test("number formats: money in pounds and pence, rates as percentages", async () => {
    const wb = new MemoryWorkbook();
    const layout = layoutOf(await build(wb, riversideSample()));
    const first = parseCell(layout.refs.results.split(":")[0])!;
    const row = `${columnLetters(first.col)}${first.row + 1}:${columnLetters(first.col + layout.refs.resultHeaders.length - 1)}${first.row + 1}`;
    const formats = wb.getNumberFormats(SHEET, row)[0];
    const k = 4;
    expect(formats[1]).toBe("£#,##0.00;-£#,##0.00");
    expect(formats[2 + k + 2]).toBe("0.0%");
    expect(formats[2 + k + 7]).toBe("0.0%");
  });
});

describe("few syncs, its own chart, widths only on a new sheet", () => {
  /** 500 projects (the most one sheet takes) x 4 pools. */
  function large(): CostRecoverySetup {
    const setup = riversideSample();
    setup.projects = Array.from({ length: 500 }, (_, j) => ({
      name: `Project ${j + 1}`,
      directCost: 10_000 + ((j * 7919) % 90_000) + 0.5 * (j % 2),
      units: 100 + (j % 37),
      fundingType: FUNDING_TYPES[j % 4],
      price: j % 3 === 0 ? null : 20_000 + ((j * 104729) % 80_000),
      drivers: [1 + (j % 9), 100 + ((j * 31) % 1700) + 0.25 * (j % 4), null, null],
    }));
    return setup;
  }

  // The record of what the add-in wrote (src/excel/ownership.ts) takes one sync of its own.
  test("500 projects: 3 syncs on a new sheet, 4 into an existing one, each request under Excel's limit", async () => {
    const setup = large();
    const fresh = new MemoryWorkbook();
    fresh.resetCounters();
    expect((await build(fresh, setup)).status).toBe("built");
    expect(fresh.syncCount).toBeLessThanOrEqual(3);
    expect(fresh.largestRequestBytes).toBeLessThan(REQUEST_LIMIT_BYTES);
    const existing = new MemoryWorkbook();
    existing.addSheet(SHEET);
    existing.resetCounters();
    expect(
      (await build(existing, setup, DEFAULT_SETTINGS, { sheetName: SHEET, startCell: "B3" })).status
    ).toBe("built");
    expect(existing.syncCount).toBeLessThanOrEqual(4);
  }, 180_000);

  test("a confirmed rebuild replaces its own chart and leaves another chart alone", async () => {
    const wb = new MemoryWorkbook();
    const first = layoutOf(await build(wb, riversideSample()));
    await wb.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(SHEET);
      sheet.protection.unprotect();
      sheet.charts.add("Pie", sheet.getRange("AG1:AH3"), "Columns").name = "Mine";
      await context.sync();
    });
    const again = layoutOf(
      await build(
        wb,
        riversideSample(),
        DEFAULT_SETTINGS,
        { sheetName: SHEET, startCell: "A1" },
        true
      )
    );
    expect(again.refs.range).toBe(first.refs.range);
    expect(
      wb
        .getCharts(SHEET)
        .map((c) => c.name)
        .sort()
    ).toEqual([`Full cost ${first.refs.range}`, "Mine"]);
  });

  test("column widths are set on a new sheet only", async () => {
    const fresh = new MemoryWorkbook();
    await build(fresh, riversideSample());
    expect([fresh.getColumnWidth(SHEET, "A"), fresh.getColumnWidth(SHEET, "B")]).toEqual([
      260, 110,
    ]);
    const existing = new MemoryWorkbook();
    existing.addSheet(SHEET);
    const before = [existing.getColumnWidth(SHEET, "A"), existing.getColumnWidth(SHEET, "B")];
    await build(existing, riversideSample());
    expect([existing.getColumnWidth(SHEET, "A"), existing.getColumnWidth(SHEET, "B")]).toEqual(
      before
    );
  });
});
