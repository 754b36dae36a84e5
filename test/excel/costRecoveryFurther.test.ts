/**
 * "Going further" on the generated sheet, evaluated on the workbook double: one project over
 * several years with inflation (per line or general) and the funder rule picked in the pane. The
 * sheet's figures equal the pane's (deeperCosting) to the penny, for the hand-worked 3-year 3%
 * example and for random organisations, rules and rates; they follow the sheet's own inputs.
 */
import fc from "fast-check";
import { MemoryWorkbook } from "../../packages/excel-double/src";
import { FUNDING_TYPES } from "../../src/domain/classification/classify";
import { deeperCosting } from "../../src/domain/cost-recovery/deeper";
import { MTDC_CATEGORIES } from "../../src/domain/cost-recovery/mtdc";
import {
  computeCostRecovery,
  type CostRecoverySetup,
} from "../../src/domain/cost-recovery/organisation";
import { funderPresets } from "../../src/domain/cost-recovery/presets";
import { toPence } from "../../src/domain/kernel/money";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";
import { buildCostRecoveryWorkbook, type BuildOutcome } from "../../src/excel/costRecovery";
import type { CostRecoverySheet } from "../../src/sheets/cost-recovery/costRecoverySheet";
import { furtherRefs, type FurtherChoice } from "../../src/sheets/cost-recovery/furtherBlock";
import { riversideSample } from "../support/costRecoverySetups";

const SHEET = "Cost recovery";
const S = DEFAULT_SETTINGS;
const presets = funderPresets(S);
const preset = (id: string) => presets.find((p) => p.id === id)!;

async function build(wb: MemoryWorkbook, setup: CostRecoverySetup, further: FurtherChoice | null) {
  const o = (await wb.run((context) =>
    buildCostRecoveryWorkbook(context, setup, S, { sheetName: SHEET, startCell: "A1", further })
  )) as BuildOutcome;
  if (o.status !== "built") throw new Error(`not built: ${JSON.stringify(o)}`);
  return o.sheet;
}

function refsOf(sheet: CostRecoverySheet, years: number) {
  const r = furtherRefs(sheet.geometry, years);
  if (!r) throw new Error("no Going further block");
  return r;
}

const pence = (row: unknown[]) => row.map((v) => toPence(v as number));

/** The sheet's block against the pane's figures for the same choice. */
function expectSheetEqualsPane(
  wb: MemoryWorkbook,
  setup: CostRecoverySetup,
  sheet: CostRecoverySheet,
  choice: FurtherChoice,
  general = choice.inflationPercent
) {
  const r = computeCostRecovery(setup, S).projects[choice.project];
  const pane = deeperCosting(
    {
      directPence: r.directPence,
      directCategory: choice.directCategory,
      overheads: setup.pools.map((p, k) => ({ name: p.name, pence: r.shares[k] })),
      preset: choice.preset,
      price: r.awardPence === null ? null : r.awardPence * choice.years,
      years: choice.years,
      inflationPercent: general,
      lineInflationPercent: choice.lineInflationPercent,
    },
    S
  );
  if (!pane.ok) throw new Error(pane.problem.message);
  const refs = refsOf(sheet, choice.years);
  const c = pane.value.costing;
  expect(wb.getValues(SHEET, refs.lines).map(pence)).toEqual(
    c.perLine.map((row, i) => [...row, c.lineTotals[i]])
  );
  expect(pence(wb.getValues(SHEET, refs.fullCost)[0])).toEqual([...c.perYear, c.total]);
  expect(pence(wb.getValues(SHEET, refs.expects)[0])).toEqual([
    ...pane.value.perYear.map((a) => a.expectedFunder),
    pane.value.answer.expectedFunder,
  ]);
  const a = pane.value.answer;
  const [price, ...rest] = wb.getValues(SHEET, refs.answer).map((row) => row[0]);
  expect(price === "" ? null : toPence(price as number)).toBe(a.price);
  expect(pence(rest)).toEqual([a.funderPays, a.organisationFinds, a.covered, a.stillToFind]);
  return pane.value;
}

/** The hand-worked example's lines as one project: staff as direct costs, three pools it alone uses. */
function handWorked(): CostRecoverySetup {
  return {
    organisation: "Hand-worked",
    singleDriver: false,
    pools: [
      { name: "Overheads", amount: 10_000, driver: "headcount" },
      { name: "Supplies", amount: 12_345.67, driver: "headcount" },
      { name: "Rent (fixed)", amount: 6_000, driver: "headcount" },
    ],
    projects: [
      {
        name: "Youth mentoring",
        directCost: 30_000,
        units: null,
        fundingType: "Commissioned service",
        price: null,
        drivers: [1, 1, 1],
      },
    ],
    bidder: { service: "", directCost: 0, overheads: 0, units: null, fundingType: "Small grant" },
  };
}

describe("Going further on the sheet", () => {
  test("the 3-year costing at 3% matches the hand-worked example: £179,795.23", async () => {
    const wb = new MemoryWorkbook();
    const setup = handWorked();
    const choice: FurtherChoice = {
      project: 0,
      years: 3,
      inflationPercent: 3,
      // supplies at its own 3%, rent at its own 0%; staff and overheads at the general 3%
      lineInflationPercent: [null, null, 3, 0],
      preset: preset("full"),
      directCategory: "salaries and wages",
    };
    const sheet = await build(wb, setup, choice);
    const refs = refsOf(sheet, 3);
    expect(wb.getValues(SHEET, refs.lines)).toEqual([
      [30_000, 30_900, 31_827, 92_727],
      [10_000, 10_300, 10_609, 30_909],
      [12_345.67, 12_716.04, 13_097.52, 38_159.23],
      [6_000, 6_000, 6_000, 18_000],
    ]);
    expect(wb.getValues(SHEET, refs.fullCost)[0].map((v) => toPence(v as number))).toEqual(
      [58_345.67, 59_916.04, 61_533.52, 179_795.23].map((x) => Math.round(x * 100))
    );
    expectSheetEqualsPane(wb, setup, sheet, choice);
    // the words: the project, the years, the rule and its source, the three-year norm; no codes
    const words = wb.getValues(SHEET, refs.words).map((r) => r[0]);
    expect(words[0]).toBe("Going further: Youth mentoring over 3 years");
    expect(words[1]).toBe(
      "Funder rule: Full cost recovery (commissioned service). Source: Wiltshire review (2007): full cost recovery where the service is for the commissioner."
    );
    expect(words[2]).toMatch(
      /^The framework's norm is funding for 3 years as a minimum wherever circumstances allow: this costing covers 3 years\./
    );
    const all = wb.getValues(SHEET, sheet.refs.range).flat().join(" ");
    expect(all).not.toMatch(/\b00[0-4]:\d/);
    // the rates are inputs the user can change, shown as percentages
    expect(wb.getLocked(SHEET, refs.general)[0][0]).toBe(false);
    expect(wb.getText(SHEET, refs.general)[0][0]).toBe("3.00%");
  });

  test("the figures follow the sheet: a new general rate re-costs every line without a rate of its own", async () => {
    const wb = new MemoryWorkbook();
    const setup = handWorked();
    const choice: FurtherChoice = {
      project: 0,
      years: 5,
      inflationPercent: 3,
      lineInflationPercent: [null, null, 3, 0],
      preset: preset("80/20"),
      directCategory: "salaries and wages",
    };
    const sheet = await build(wb, setup, choice);
    wb.setCells(SHEET, refsOf(sheet, 5).general, [[0.0525]]);
    const pane = expectSheetEqualsPane(wb, setup, sheet, choice, 5.25);
    // 80/20 organisation/funder: the funder is expected to pay a fifth of the full cost
    expect(pane.answer.expectedFunder).toBe(Math.round(pane.costing.total / 5));
  });

  test("half a penny rounds up, from the first year's amount, in every year", async () => {
    const wb = new MemoryWorkbook();
    const setup = handWorked();
    setup.projects[0].directCost = 0.5;
    const choice: FurtherChoice = {
      project: 0,
      years: 3,
      inflationPercent: 3,
      lineInflationPercent: [null, 0, 0, 0],
      preset: preset("full"),
      directCategory: "salaries and wages",
    };
    const sheet = await build(wb, setup, choice);
    // 50p -> 51.5p -> 53.045p: 52p and 53p, each from the first year's 50p
    expect(wb.getValues(SHEET, refsOf(sheet, 3).lines)[0]).toEqual([0.5, 0.52, 0.53, 1.55]);
    expectSheetEqualsPane(wb, setup, sheet, choice);
  });

  test("a price or award entered for the project: the answer over the period counts it once a year", async () => {
    const wb = new MemoryWorkbook();
    const setup = riversideSample();
    const choice: FurtherChoice = {
      project: 2,
      years: 3,
      inflationPercent: 2,
      preset: preset("cap"),
      directCategory: "salaries and wages",
    };
    const sheet = await build(wb, setup, choice);
    expectSheetEqualsPane(wb, setup, sheet, choice);
    wb.setCells(SHEET, sheet.refs.projects[2].price, [[15_000]]);
    const pane = expectSheetEqualsPane(
      wb,
      {
        ...setup,
        projects: setup.projects.map((p, j) => (j === 2 ? { ...p, price: 15_000 } : p)),
      },
      sheet,
      choice
    );
    expect(pane.answer.price).toBe(4_500_000);
  });

  test("one year at full cost recovery: no block, the sheet as before", async () => {
    const wb = new MemoryWorkbook();
    const plain = await build(wb, riversideSample(), null);
    const oneYear = await build(new MemoryWorkbook(), riversideSample(), {
      project: 0,
      years: 1,
      inflationPercent: 3,
      preset: preset("full"),
      directCategory: "salaries and wages",
    });
    expect(oneYear.refs.range).toBe(plain.refs.range);
    expect(furtherRefs(oneYear.geometry, 1)).toBeNull();
    // one year under another rule does get the block, below the notes
    const ruled = await build(new MemoryWorkbook(), riversideSample(), {
      project: 0,
      years: 1,
      inflationPercent: 3,
      preset: preset("us"),
      directCategory: "equipment",
    });
    expect(ruled.geometry.furtherTop).toBe(plain.geometry.bottom + 2);
    expect(ruled.geometry.bottom).toBeGreaterThan(plain.geometry.bottom);
  });

  test("built again without Going further, the block is gone from the sheet", async () => {
    const wb = new MemoryWorkbook();
    const choice: FurtherChoice = {
      project: 0,
      years: 4,
      inflationPercent: 3,
      preset: preset("ukri"),
      directCategory: "salaries and wages",
    };
    const first = await build(wb, riversideSample(), choice);
    const refs = refsOf(first, 4);
    expect(wb.getValues(SHEET, refs.words)[0][0]).toMatch(/^Going further: /);
    await build(wb, riversideSample(), null);
    expect(
      wb
        .getValues(SHEET, refs.words)
        .flat()
        .every((v) => v === "")
    ).toBe(true);
    expect(
      wb
        .getValues(SHEET, refs.lines)
        .flat()
        .every((v) => v === "")
    ).toBe(true);
  });

  const project = (pools: number) =>
    fc.record({
      name: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0),
      directCost: fc.integer({ min: 0, max: 50_000_000 }).map((p) => p / 100),
      units: fc.constant(null),
      fundingType: fc.constantFrom(...FUNDING_TYPES),
      price: fc.option(
        fc.integer({ min: 0, max: 60_000_000 }).map((p) => p / 100),
        { nil: null }
      ),
      drivers: fc.array(fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }), {
        minLength: pools,
        maxLength: pools,
      }),
    });
  const organisation: fc.Arbitrary<CostRecoverySetup> = fc.integer({ min: 1, max: 3 }).chain((k) =>
    fc.record({
      organisation: fc.constant("Random"),
      singleDriver: fc.constant(false),
      pools: fc.array(
        fc.record({
          name: fc.string({ minLength: 1, maxLength: 15 }).filter((s) => s.trim().length > 0),
          amount: fc.integer({ min: 0, max: 20_000_000 }).map((p) => p / 100),
          driver: fc.constantFrom("headcount" as const, "directExpenditure" as const),
        }),
        { minLength: k, maxLength: k }
      ),
      projects: fc.array(project(k), { minLength: 1, maxLength: 3 }),
      bidder: fc.constant({
        service: "",
        directCost: 0,
        overheads: 0,
        units: null,
        fundingType: "Small grant" as const,
      }),
    })
  );
  const rate = fc.integer({ min: 0, max: 1500 }).map((b) => b / 100);

  test("property: random organisations, years, rates and funder rules -- the sheet equals the pane to the penny", async () => {
    await fc.assert(
      fc.asyncProperty(
        organisation,
        fc.nat(),
        fc.integer({ min: 1, max: 5 }),
        rate,
        fc.array(fc.option(rate, { nil: null }), { minLength: 4, maxLength: 4 }),
        fc.constantFrom(...presets),
        fc.constantFrom(...Object.keys(MTDC_CATEGORIES), "subaward"),
        async (setup, j, years, inflation, own, chosen, category) => {
          const choice: FurtherChoice = {
            project: j % setup.projects.length,
            years,
            inflationPercent: inflation,
            lineInflationPercent: own.slice(0, setup.pools.length + 1),
            preset: chosen,
            directCategory: category,
          };
          fc.pre(years > 1 || chosen.rule.kind !== "full");
          const wb = new MemoryWorkbook();
          const sheet = await build(wb, setup, choice);
          expectSheetEqualsPane(wb, setup, sheet, choice);
        }
      ),
      { numRuns: 40 }
    );
  });
});
