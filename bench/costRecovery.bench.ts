/**
 * Cost recovery: APPORTION on large inputs (engine and the custom function), and the syncs and
 * largest request for building a 50-project cost recovery workbook on the workbook double.
 */
import { apportion } from "../src/domain/cost-recovery/rules";
import {
  computeCostRecovery,
  defaultPools,
  type CostRecoverySetup,
} from "../src/domain/cost-recovery/organisation";
import { DEFAULT_SETTINGS } from "../src/domain/settings/settings";
import { readBudgetSheet } from "../src/domain/cost-recovery/budgetSheet";
import { costApportion } from "../src/functions/costRecovery";
import { costMtdc } from "../src/functions/mtdc";
import { buildCostRecoveryWorkbook } from "../src/excel/costRecovery";
import { MemoryWorkbook } from "../packages/excel-double/src";
import { befriendingBidder } from "../test/support/costRecoverySetups";

function inputs(pools: number, projects: number, decimals: boolean) {
  const p: number[] = [];
  const d: number[][] = [];
  for (let k = 0; k < pools; k++) {
    p.push(1_000_000 + k * 123_457); // pence
    const row: number[] = new Array(projects);
    for (let j = 0; j < projects; j++)
      row[j] = decimals ? ((j * 7919 + k * 31) % 5000) / 100 : (j * 7919 + k * 31) % 5000;
    d.push(row);
  }
  return { p, d };
}

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

test("APPORTION: 10 pools x 10,000 projects, and 10 x 100,000", () => {
  for (const [k, n, dec] of [
    [10, 10_000, false],
    [10, 10_000, true],
    [10, 100_000, false],
  ] as const) {
    const { p, d } = inputs(k, n, dec);
    let t = process.hrtime.bigint();
    const r = apportion(p, d);
    const engineMs = ms(t);
    if (!r.ok) throw new Error(r.problem.message);
    const addsBack = r.value.perPool.every((parts, i) => parts.reduce((s, x) => s + x, 0) === p[i]);
    t = process.hrtime.bigint();
    const out = costApportion(
      p.map((x) => [x / 100]),
      d
    );
    const fnMs = ms(t);
    console.log(
      `apportion ${k} pools x ${n.toLocaleString("en-GB")} projects (${dec ? "2-dp" : "whole"} drivers): engine ${engineMs.toFixed(0)} ms, ` +
        `=FUNDING.APPORTION ${fnMs.toFixed(0)} ms; every pool adds back: ${addsBack}; cells out: ${out[0].length.toLocaleString("en-GB")}`
    );
  }
});

function setupOf(projects: number): CostRecoverySetup {
  const pools = defaultPools().map((p, k) => ({
    ...p,
    amount: [42_000, 65_000.5, 18_000, 9_999.99][k],
  }));
  return {
    organisation: "Bench CVS",
    singleDriver: false,
    pools,
    projects: Array.from({ length: projects }, (_, j) => ({
      name: `Project ${j + 1}`,
      directCost: 10_000 + ((j * 7919) % 90_000) + 0.5 * (j % 2),
      units: 100 + (j % 37),
      fundingType: (
        ["Commissioned service", "Investment", "Small grant", "Qualifying activity"] as const
      )[j % 4],
      price: j % 3 === 0 ? null : 20_000 + ((j * 104729) % 80_000),
      drivers: [1 + (j % 9), 100 + ((j * 31) % 1700) + 0.25 * (j % 4), null, null],
    })),
    bidder: befriendingBidder(),
  };
}

test("building the cost recovery workbook on the double: syncs and largest request", async () => {
  for (const n of [50, 500]) {
    const wb = new MemoryWorkbook();
    const setup = setupOf(n);
    wb.resetCounters();
    const t = process.hrtime.bigint();
    const outcome = await wb.run((context) =>
      buildCostRecoveryWorkbook(context, setup, DEFAULT_SETTINGS, { sheetName: "Cost recovery" })
    );
    const buildMs = ms(t);
    const engineT = process.hrtime.bigint();
    computeCostRecovery(setup, DEFAULT_SETTINGS);
    console.log(
      `build ${n} projects x 4 pools: ${outcome.status}, ${wb.syncCount} syncs, largest request ${(wb.largestRequestBytes / 1024).toFixed(0)} KB, ` +
        `${buildMs.toFixed(0)} ms on the double (incl. formula evaluation); engine computation ${ms(engineT).toFixed(1)} ms`
    );
    // into an existing sheet with room: one more sync to check the target is empty
    const wb2 = new MemoryWorkbook();
    wb2.addSheet("Cost recovery");
    wb2.resetCounters();
    await wb2.run((context) =>
      buildCostRecoveryWorkbook(context, setup, DEFAULT_SETTINGS, {
        sheetName: "Cost recovery",
        startCell: "B3",
      })
    );
    console.log(`build ${n} projects into an existing empty sheet: ${wb2.syncCount} syncs`);
  }
});

test("reading a budget sheet, the one answer and FUNDING.MTDC at size", () => {
  const header = [
    "Project",
    "Direct costs",
    "Funding type",
    "Price offered or award",
    "Headcount",
    "Staff time (days)",
  ];
  for (const n of [500, 5_000]) {
    const values: unknown[][] = [header];
    for (let j = 0; j < n; j++)
      values.push([
        `Project ${j + 1}`,
        10_000 + j,
        "Investment",
        j % 3 ? 5_000 + j : "",
        1 + (j % 9),
        100 + (j % 700),
      ]);
    values.push(
      [],
      ["Overhead pool", "Annual cost", "Cost driver"],
      ["Premises", 42_000, "Headcount"],
      ["Central", 65_000.5, "Staff time"],
      ["Governance", 18_000, "Direct expenditure"]
    );
    let t = process.hrtime.bigint();
    const reading = readBudgetSheet(values, "Budget");
    const readMs = ms(t);
    t = process.hrtime.bigint();
    const r = computeCostRecovery(reading!.setup, DEFAULT_SETTINGS);
    const answerMs = ms(t);
    const reconciles = r.projects.every(
      (p) =>
        p.answer!.funderPays + p.answer!.organisationFinds === p.fullCost &&
        p.answer!.covered + p.answer!.stillToFind === p.answer!.organisationFinds
    );
    console.log(
      `budget sheet of ${n.toLocaleString("en-GB")} projects: read in ${readMs.toFixed(1)} ms (${reading!.problems.length} problems); ` +
        `full cost and one answer for every project ${answerMs.toFixed(1)} ms; all reconcile: ${reconciles}`
    );
  }
  const categories = ["Salaries", "Travel", "Equipment", "Subaward: A", "subaward", "Rental costs"];
  const lines = 100_000;
  const amounts = Array.from({ length: lines }, (_, i) => [1_000 + (i % 97)]);
  const cats = Array.from({ length: lines }, (_, i) => [categories[i % categories.length]]);
  const t = process.hrtime.bigint();
  const out = costMtdc(amounts, cats);
  console.log(
    `=FUNDING.MTDC over ${lines.toLocaleString("en-GB")} lines: ${ms(t).toFixed(0)} ms, base ${String(out[0][0])}`
  );
});
