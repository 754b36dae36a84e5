/**
 * Whole-column references (issue 10, point 4). =FUNDING.CLASSIFY(D:D, E:E, F:F) hands the function
 * 1,048,576 rows; the empty cells below the data arrive as null or "" (Excel on the web) or as 0
 * (Excel on the desktop). Trailing rows in which every column argument is empty are not returned,
 * so the result spills as many rows as there is data (1,048,576 rows could not spill below a
 * header: #SPILL!), quickly. Empty rows within the data are still returned.
 */
import { classifyFunding } from "../../src/functions/classify";
import {
  costApportion,
  costFullCost,
  costMatch,
  costPriceGap,
  costSplit,
} from "../../src/functions/costRecovery";
import { consensusFn, priceScoreFn, weightedScoreFn } from "../../src/functions/scoring";
import { SMALL_GRANT_ROW } from "../support/registerRows";

const EXCEL_ROWS = 1_048_576;
type Err = { code: string; message: string };
const isErr = (v: unknown): v is Err => v instanceof CustomFunctions.Error;

/** A whole column: the data, then empty cells to row 1,048,576 (one shared row array each). */
function column(data: unknown[], empty: unknown, width = 1): unknown[][] {
  const out: unknown[][] = new Array(EXCEL_ROWS);
  for (let i = 0; i < data.length; i++)
    out[i] = Array.isArray(data[i]) ? (data[i] as unknown[]) : [data[i]];
  const blankRow = new Array(width).fill(empty);
  out.fill(blankRow, data.length);
  return out;
}

const EMPTY: [string, unknown][] = [
  ["null (Excel on the web)", null],
  ['""', ""],
  ["0 (Excel on the desktop)", 0],
];

describe.each(EMPTY)("whole columns whose empty cells arrive as %s", (_, empty) => {
  test("=FUNDING.CLASSIFY(D:D,E:E,F:F) with data in the first 100 rows returns 100 rows, within 2 s", () => {
    const n = 100;
    const d = column(
      Array.from({ length: n }, (_, i) => 1000 + i * 10),
      empty
    );
    const e = column(
      Array.from({ length: n }, () => "no"),
      empty
    );
    const f = column(
      Array.from({ length: n }, (_, i) => (i % 2 ? "frontline" : "")),
      empty
    );
    const t = process.hrtime.bigint();
    const out = classifyFunding(d, e, f);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    expect(out).toHaveLength(n);
    expect(out[0]).toEqual([...SMALL_GRANT_ROW]);
    expect(out.every((r) => r.length === 8 && !isErr(r[0]))).toBe(true);
    // Measured exactly in bench/functions.bench.ts; a generous bound here (the 2 s).
    expect(ms).toBeLessThan(2000);
  });

  test("an empty row within the data is still returned", () => {
    const values: unknown[] = [3000, empty, 4000];
    const out = classifyFunding(column(values, empty), column(["no", empty, "no"], empty), [[""]]);
    expect(out).toHaveLength(3);
    expect(out[0][1]).toBe("Small grant");
    if (empty === 0) {
      // The required value and answer read as typed: £0, outputs not specified (README).
      expect(out[1][1]).toBe("Small grant");
    } else {
      expect(isErr(out[1][0]) && out[1][0].message).toMatch(/annualValue is blank/);
    }
    expect(out[2][1]).toBe("Small grant");
  });

  test("columns with no data at all give one row, saying so", () => {
    const out = classifyFunding(column([], empty), column([], empty), [[""]]);
    expect(out).toHaveLength(1);
    expect(out[0].every(isErr)).toBe(true);
    expect((out[0][0] as Err).message).toBe(
      "annualValue, outputsSpecified: no data yet (every row is blank or 0)"
    );
    expect(costSplit(column([], empty), [["full"]])[0][0]).toMatchObject({
      message: expect.stringMatching(/^fullCost: no data yet/),
    });
  });

  test("a single cell for every row does not make rows of its own", () => {
    const out = classifyFunding(column([3000, 4000], empty), [["no"]], [["frontline"]]);
    expect(out).toHaveLength(2);
  });

  test("SPLIT, MATCH and PRICEGAP return as many rows as the data", () => {
    const costs = column([1000, 2000, 3000], empty);
    expect(costSplit(costs, [["80/20"]])).toEqual([
      [800, 200],
      [1600, 400],
      [2400, 600],
    ]);
    expect(costMatch(costs, [["full"]])).toHaveLength(3);
    expect(costPriceGap(costs, [[4000]])).toEqual([
      [0.25, 3000],
      [0.5, 2000],
      [0.75, 1000],
    ]);
  });

  test("PRICESCORE over a whole column of prices: one score per bid", () => {
    const prices = column([100, 70, 40], empty);
    const out = priceScoreFn(prices, prices, 40, null);
    expect(out.map((r) => r[0])).toEqual([16, expect.closeTo((40 * 40) / 70, 9), 40]);
  });

  test("CONSENSUS and WEIGHTEDSCORE (one bid per row) over whole columns: one row per bid", () => {
    const scores = column(
      [
        [3, 4, 5],
        [4, 4, 4],
      ],
      empty,
      3
    );
    expect(consensusFn(scores)).toEqual([
      [4, 3, 5, true],
      [4, 4, 4, false],
    ]);
    const totals = weightedScoreFn(scores, [[0.3, 0.3, 0.4]], 5);
    expect(totals).toHaveLength(2);
    expect(totals[0][0]).toBeCloseTo(0.82, 12);
  });

  test("WEIGHTEDSCORE for one bid over whole columns of scores and weights", () => {
    const out = weightedScoreFn(column([4, 3, 5], empty), column([0.3, 0.3, 0.4], empty), 5);
    expect(out).toHaveLength(1);
    expect(out[0][0]).toBeCloseTo(0.82, 12);
  });

  test("APPORTION and FULLCOST over whole columns of pools and drivers", () => {
    const pools = column([100, 200], empty);
    const drivers = column(
      [
        [1, 1, 1],
        [1, 2, 3],
      ],
      empty,
      3
    );
    expect(costApportion(pools, drivers)).toEqual([[66.67, 100, 133.33]]);
    expect(costFullCost([[10, 20, 30]], pools, drivers)).toEqual([[76.67, 120, 163.33]]);
    // directCosts as a whole row (16,384 cells), empty beyond the projects
    const directRow = [[10, 20, 30, ...new Array(16_384 - 3).fill(empty)]];
    expect(costFullCost(directRow, pools, drivers)).toEqual([[76.67, 120, 163.33]]);
  });
});
