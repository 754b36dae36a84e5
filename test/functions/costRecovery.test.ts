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
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected the function to throw an Excel error");
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

describe("=FUNDING.FULLCOST(directCost, pools, projectDrivers, totalDrivers)", () => {
  test("one number: direct plus each pool's share to the penny", () => {
    expect(
      costFullCost(10000, [[6000], [9000], [2000]], [[2], [300], [10000]], [[5], [900], [40000]])
    ).toBe(15900);
    // pools as a row, drivers as columns: any shape of the same number of cells
    expect(costFullCost("£100", [[100, 100]], [[1], [1]], [[3, 6]])).toBe(150);
  });
  test("errors: sizes differ; total 0 for a non-zero pool; project driver below 0 or above total; bad direct cost", () => {
    expectError(
      thrown(() => costFullCost(1, [[1], [2]], [[1]], [[1], [2]])),
      "projectDrivers",
      "same size"
    );
    expectError(
      thrown(() => costFullCost(1, [[1], [2]], [[1], [1]], [[1]])),
      "totalDrivers",
      "same size"
    );
    expectError(
      thrown(() => costFullCost(1, [[100]], [[0]], [[0]])),
      "totalDrivers",
      "above 0"
    );
    expectError(
      thrown(() => costFullCost(1, [[100]], [[-1]], [[4]])),
      "projectDrivers",
      "0 or more"
    );
    expectError(
      thrown(() => costFullCost(1, [[100]], [[5]], [[4]])),
      "projectDrivers",
      "above its total"
    );
    expectError(
      thrown(() => costFullCost("ten", [[100]], [[1]], [[4]])),
      "directCost"
    );
    expectError(
      thrown(() => costFullCost(1, [["rent"]], [[1]], [[4]])),
      "pools 1"
    );
    expectError(
      thrown(() => costFullCost(1, [[100]], [["half"]], [[4]])),
      "projectDrivers 1"
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
