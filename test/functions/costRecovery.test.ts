/**
 * The custom functions as a cell sees them: shapes, spills, values in pounds, and #VALUE! with a
 * message naming the argument, per row, the other rows still computing.
 */
import {
  costApportion,
  costFullCost,
  costMatch,
  costPriceGap,
  costSplit,
} from "../../src/functions/costRecovery";
import fc from "fast-check";
import { fullCostInTable } from "../../src/domain/cost-recovery/rules";
import { applySettings } from "../../src/domain/settings/runtimeSettings";
import { DEFAULT_SETTINGS, parseSettings } from "../../src/domain/settings/settings";

type Err = { code: string; message: string };
const isErr = (v: unknown): v is Err => v instanceof CustomFunctions.Error;
function expectError(v: unknown, field: string, text?: string) {
  expect(isErr(v)).toBe(true);
  const e = v as Err;
  expect(e.code).toBe("#VALUE!");
  expect(e.message).toContain(field);
  if (text) expect(e.message).toContain(text);
}
afterEach(() => applySettings(DEFAULT_SETTINGS));

describe("=FUNDING.SPLIT(fullCost, basis)", () => {
  test("one row per input row: VCS organisation share | Funder share", () => {
    expect(costSplit([[3333.33]], [["50/50"]])).toEqual([[1666.66, 1666.67]]);
    expect(
      costSplit(
        [[12000], [10000], [50000]],
        [["Investment"], ["Small grant"], ["Commissioned service"]]
      )
    ).toEqual([
      [6000, 6000],
      [8000, 2000],
      [0, 50000],
    ]);
  });
  test("money as text and a single basis for every row", () => {
    expect(costSplit([["£12,000.00"], ["£1,000.01"]], [["80:20"]])).toEqual([
      [9600, 2400],
      [800.01, 200],
    ]);
  });
  test("takes the workbook's settings for funding types", () => {
    const s = parseSettings({ funderShareInvestment: 75 });
    if (!s.ok) throw new Error();
    applySettings(s.settings);
    expect(costSplit([[1000]], [["Investing"]])).toEqual([[250, 750]]);
  });
  test("a bad row is #VALUE! naming the argument; the others compute", () => {
    const out = costSplit(
      [[100], ["lots"], [-5], [100], [null]],
      [["full"], ["full"], ["full"], ["60/30"], ["full"]]
    );
    expect(out[0]).toEqual([0, 100]);
    expectError(out[1][0], "fullCost", "amount in pounds");
    expectError(out[1][1], "fullCost");
    expectError(out[2][0], "fullCost", "£0 or more");
    expectError(out[3][0], "basis", "add up to 100");
    expectError(out[4][0], "fullCost", "blank");
  });
  test("an unknown basis lists what is accepted", () => {
    expectError(
      costSplit([[1]], [["grant"]])[0][0],
      "basis",
      "Commissioned service, Investment, Small grant, Qualifying activity"
    );
  });
  test("ranges of different heights are refused naming the argument", () => {
    expectError(costSplit([[1], [2], [3]], [["full"], ["full"]])[0][0], "basis", "same height");
  });
});

describe("=FUNDING.MATCH(award, basis)", () => {
  test("4,000 at 80/20 -> 20,000 and 16,000; full -> award and 0", () => {
    expect(costMatch([[4000], [4000], [999.99]], [["80/20"], ["Small grant"], ["full"]])).toEqual([
      [20000, 16000],
      [20000, 16000],
      [999.99, 0],
    ]);
  });
  test("full cost rounded half up to the penny: £1.00 at a funder share of 0.25 is £4.00; 1p at 30% is 3p", () => {
    expect(costMatch([[1]], [[0.25]])).toEqual([[4, 3]]);
    expect(costMatch([[0.01]], [["50/50"]])).toEqual([[0.02, 0.01]]);
    // 0.01 / 0.3 = 0.0333.. -> 3p
    expect(costMatch([[0.01]], [["70/30"]])).toEqual([[0.03, 0.02]]);
  });
  test("a funder's part of 0 is an error naming basis; a bad award names award", () => {
    const out = costMatch([[100], ["x"], [100]], [["100/0"], ["full"], [0]]);
    expectError(out[0][0], "basis", "nothing to work back from");
    expectError(out[1][1], "award");
    expectError(out[2][0], "basis");
  });
});

describe("=FUNDING.FULLCOST(directCosts, pools, drivers, [project])", () => {
  const pools = [[6000], [9000], [2000]];
  // Three projects; each pool's drivers are one row, as for APPORTION.
  const drivers = [
    [2, 1, 2],
    [300, 200, 400],
    [10000, 10000, 20000],
  ];
  test("one row: each project's direct cost plus its share of each pool to the penny", () => {
    // 6,000 x 2/5 + 9,000 x 300/900 + 2,000 x 1/4 = 5,900 over 10,000 direct
    expect(costFullCost([[10000, 500, 0]], pools, drivers)).toEqual([[15900, 4200, 7400]]);
    // direct costs as a column, money as text
    expect(costFullCost([["£10,000"], [500], [0]], pools, drivers)).toEqual([[15900, 4200, 7400]]);
  });
  test("the full costs add up to the direct costs plus every pool", () => {
    const row = costFullCost([[10000, 500, 0]], pools, drivers)[0] as number[];
    expect(Math.round(row.reduce((s, x) => s + x * 100, 0))).toBe((10500 + 17000) * 100);
  });
  test("project picks one project's full cost: its own cell, or one direct cost cell", () => {
    expect(costFullCost([[10000, 500, 0]], pools, drivers, 2)).toEqual([[4200]]);
    expect(costFullCost([[500]], pools, drivers, [[2]])).toEqual([[4200]]);
    expect(costFullCost(10000 as never, pools, drivers, 1)).toEqual([[15900]]);
  });
  test("project blank or 0 (an empty cell on the desktop) means every project", () => {
    for (const blank of [null, "", 0, undefined])
      expect(costFullCost([[10000, 500, 0]], pools, drivers, blank)).toEqual([[15900, 4200, 7400]]);
  });
  test("a bad direct cost is that project's #VALUE!, naming it; the other projects compute", () => {
    const out = costFullCost([[10000, "ten", -5]], pools, drivers);
    expect(out[0][0]).toBe(15900);
    expectError(out[0][1], "directCosts project 2", "amount in pounds");
    expectError(out[0][2], "directCosts project 3", "£0 or more");
    expectError(costFullCost([[null]], pools, drivers, 1)[0][0], "directCosts", "blank");
  });
  test("errors in the pools or drivers: every project's #VALUE!, returned, naming the argument", () => {
    const every = (out: unknown[][], field: string, text: string) => {
      expect(out).toHaveLength(1);
      expect(out[0]).toHaveLength(3);
      out[0].forEach((v) => expectError(v, field, text));
    };
    every(costFullCost([[1, 1, 1]], [[1], [2]], [[1, 1, 1]]), "drivers", "one row per pool");
    every(costFullCost([[1, 1, 1]], [[100]], [[0, 0, 0]]), "drivers", "all 0");
    every(costFullCost([[1, 1, 1]], [[100]], [[1, -1, 1]]), "drivers", "0 or more");
    every(costFullCost([[1, 1, 1]], [["rent"]], [[1, 1, 1]]), "pools", "pools 1");
    every(costFullCost([[1, 1, 1]], [[100]], [[1, "half", 1]]), "drivers", "project 2");
  });
  test("errors in the shape of directCosts or in project: returned, naming the argument", () => {
    expectError(
      costFullCost([[1, 2]], pools, drivers)[0][0],
      "directCosts",
      "has 2 cells but drivers has 3 projects"
    );
    expectError(costFullCost(null as never, pools, drivers)[0][0], "directCosts", "is empty");
    expectError(costFullCost([[1, 2, 3]], pools, drivers, 4)[0][0], "project", "3 or less");
    expectError(costFullCost([[1, 2, 3]], pools, drivers, 1.5)[0][0], "project", "whole number");
    expectError(costFullCost([[1, 2, 3]], pools, drivers, "first")[0][0], "project", "1 to 3");
    expectError(costFullCost([[1, 2, 3]], pools, drivers, [[1, 2]])[0][0], "project", "one cell");
  });
  test("a full cost beyond the largest exact amount is that project's error, not a wrong number", () => {
    const out = costFullCost([[90_071_992_547_409, 0]], [[100]], [[1, 1]]);
    expectError(out[0][0], "directCosts project 1", "largest amount");
    expect(out[0][1]).toBe(50);
  });
});

describe("FULLCOST is the same allocation as APPORTION (property, random tables)", () => {
  /** Drivers as sheets hold them: whole numbers, =1/3-style decimals, 37.5, large values, blanks. */
  const driver = fc.oneof(
    fc.integer({ min: 0, max: 2000 }),
    fc.constantFrom(0, 1 / 3, 2 / 3, 20 / 37.5, 37.5, 0.1, 12.25, 9007.5, 1e6 / 7, null, ""),
    fc.double({ min: 0, max: 1e12, noNaN: true })
  );
  const table = fc.integer({ min: 1, max: 6 }).chain((projects) =>
    fc.record({
      pools: fc.array(fc.integer({ min: 0, max: 100_000_000_000 }), { minLength: 1, maxLength: 5 }),
      direct: fc.array(fc.integer({ min: 0, max: 100_000_000_000 }), {
        minLength: projects,
        maxLength: projects,
      }),
      rows: fc.array(fc.array(driver, { minLength: projects, maxLength: projects }), {
        minLength: 5,
        maxLength: 5,
      }),
    })
  );
  const pence = (pounds: unknown) => Math.round((pounds as number) * 100);

  test("for every project FULLCOST = direct cost + APPORTION's share exactly, and the shares add back to the pools", () => {
    fc.assert(
      fc.property(table, ({ pools, direct, rows }) => {
        // Every pool needs a driver above 0 somewhere in its row.
        const drivers = pools.map((_, k) => rows[k].map((v, j) => (j === 0 && !v ? 1 : v)));
        const poolCells = pools.map((p) => [p / 100]);
        const apportioned = costApportion(poolCells, drivers)[0];
        const full = costFullCost([direct.map((d) => d / 100)], poolCells, drivers)[0];
        expect(full).toHaveLength(direct.length);
        const numbers = [...drivers.map((r) => r.map((v) => (v === "" || v === null ? 0 : v)))];
        let total = 0;
        direct.forEach((d, j) => {
          expect(typeof full[j]).toBe("number");
          expect(pence(full[j])).toBe(d + pence(apportioned[j]));
          expect(full[j]).toBe((d + pence(apportioned[j])) / 100);
          const inTable = fullCostInTable(d, pools, numbers as number[][], j);
          expect(inTable.ok && inTable.value.fullCost).toBe(pence(full[j]));
          expect(costFullCost([[d / 100]], poolCells, drivers, j + 1)).toEqual([[full[j]]]);
          total += pence(full[j]) - d;
        });
        expect(total).toBe(pools.reduce((s, p) => s + p, 0));
        pools.forEach((p, k) => {
          const one = costApportion([[p / 100]], [drivers[k]])[0];
          expect(one.reduce((s: number, x: unknown) => s + pence(x), 0)).toBe(p);
        });
      }),
      { numRuns: 400 }
    );
  });
});

describe("=FUNDING.APPORTION(pools, drivers)", () => {
  test("one row, one cell per project; each pool adds back by the largest remainder", () => {
    const out = costApportion(
      [[100], [200]],
      [
        [1, 1, 1],
        [1, 2, 3],
      ]
    );
    expect(out).toEqual([[66.67, 100, 133.33]]);
    expect(Math.round(out[0].reduce((s: number, x: number) => s + x * 100, 0))).toBe(30000);
  });
  test("blank drivers count as 0", () => {
    expect(costApportion([[90]], [["", 1, 2]])).toEqual([[0, 30, 60]]);
  });
  test("errors fill the row with #VALUE! naming the argument", () => {
    const rows = costApportion([[1], [2]], [[1, 1]]);
    expect(rows[0]).toHaveLength(2);
    rows[0].forEach((v: unknown) => expectError(v, "drivers", "one row per pool"));
    expectError(costApportion([[100]], [[1, -1]])[0][0], "drivers", "0 or more");
    expectError(costApportion([[100]], [[0, 0]])[0][1], "drivers", "all 0");
    expectError(costApportion([["lots"]], [[1]])[0][0], "pools");
    expectError(costApportion([[100]], [[1, "many"]])[0][0], "drivers", "project 2");
  });
});

describe("=FUNDING.PRICEGAP(price, fullCost)", () => {
  test("bid £36,000 against £40,000 -> 90% and £4,000; above full cost -> no shortfall", () => {
    expect(costPriceGap([[36000], [50000]], [[40000]])).toEqual([
      [0.9, 4000],
      [1.25, 0],
    ]);
  });
  test("errors: full cost 0 or less, negative price", () => {
    const out = costPriceGap([[1], [-1], [1]], [[0], [10], [-10]]);
    expectError(out[0][0], "fullCost", "above £0");
    expectError(out[1][1], "price", "£0 or more");
    expectError(out[2][0], "fullCost");
  });
});
