/**
 * Engine: full cost recovery and cost splits (DOMAIN.md section 3, issue 4).
 */
import {
  apportion,
  BASIS_EXPECTED,
  fullCost,
  fullCostInTable,
  match,
  overheadRate,
  parseBasis,
  priceGap,
  split,
  unitCost,
  type Basis,
} from "../../../src/domain/cost-recovery/rules";
import { DEFAULT_SETTINGS, parseSettings } from "../../../src/domain/settings/settings";

const S = DEFAULT_SETTINGS;
function basis(v: unknown, settings = S): Basis {
  const r = parseBasis(v, settings);
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}
function problem(r: { ok: boolean; problem?: { field: string; message: string } }) {
  if (r.ok) throw new Error("expected a failure");
  return r.problem!;
}

describe("worked cases, DOMAIN.md section 3", () => {
  test("investment, full cost £12,000 at 50/50: funder £6,000, VCS £6,000", () => {
    expect(split(1_200_000, basis("Investment"))).toEqual({ vcs: 600_000, funder: 600_000 });
    expect(split(1_200_000, basis("50/50"))).toEqual({ vcs: 600_000, funder: 600_000 });
  });
  test("grant, full cost £10,000 at 80/20: funder £2,000, VCS £8,000", () => {
    expect(split(1_000_000, basis("Small grant"))).toEqual({ vcs: 800_000, funder: 200_000 });
    expect(split(1_000_000, basis("80/20"))).toEqual({ vcs: 800_000, funder: 200_000 });
    expect(split(1_000_000, basis("Giving"))).toEqual({ vcs: 800_000, funder: 200_000 });
  });
  test("commissioned service, full cost £50,000: funder £50,000", () => {
    expect(split(5_000_000, basis("Commissioned service"))).toEqual({ vcs: 0, funder: 5_000_000 });
    expect(split(5_000_000, basis("full"))).toEqual({ vcs: 0, funder: 5_000_000 });
    expect(split(5_000_000, basis("Shopping"))).toEqual({ vcs: 0, funder: 5_000_000 });
  });
  test("working back: grant award £4,000 at 80/20 -> full cost £20,000, match £16,000", () => {
    expect(match(400_000, basis("80/20"))).toEqual({
      ok: true,
      value: { fullCost: 2_000_000, matchNeeded: 1_600_000 },
    });
    expect(match(400_000, basis("Small grant"))).toEqual({
      ok: true,
      value: { fullCost: 2_000_000, matchNeeded: 1_600_000 },
    });
  });
  test("bid £36,000 against full cost £40,000 -> recovery 90%, shortfall £4,000", () => {
    expect(priceGap(3_600_000, 4_000_000)).toEqual({
      ok: true,
      value: { recovery: 0.9, shortfall: 400_000 },
    });
  });
  test("issue example: 3,333.33 at 50/50 -> VCS 1,666.66 and funder 1,666.67 (funder share rounded half up)", () => {
    expect(split(333_333, basis("50/50"))).toEqual({ vcs: 166_666, funder: 166_667 });
  });
  test("full gives the award and no match", () => {
    expect(match(123_456, basis("full"))).toEqual({
      ok: true,
      value: { fullCost: 123_456, matchNeeded: 0 },
    });
  });
});

describe("parseBasis", () => {
  test.each([
    ["full", 1, 1],
    ["Full Cost Recovery", 1, 1],
    ["80/20", 20, 100],
    ["80:20", 20, 100],
    [" 50 / 50 ", 50, 100],
    ["33.5/66.5", 665, 1000],
    ["investment", 5000, 10000],
    ["QUALIFYING  ACTIVITY", 2000, 10000],
    ["investing", 5000, 10000],
    [0.2, 2, 10],
    [0, 0, 1],
    [1, 1, 1],
    ["0.25", 25, 100],
  ])("%p -> funder part %p / %p", (v, num, den) => {
    const b = basis(v);
    expect(b.funderNum / b.funderDen).toBeCloseTo(num / den, 12);
    expect(b.funderNum * den).toBe(num * b.funderDen);
  });

  test("funding types and modes take the ratio from the settings", () => {
    const s = parseSettings({ funderShareInvestment: 60, funderShareSmallGrant: 33.33 });
    if (!s.ok) throw new Error("settings");
    expect(split(1_000_000, basis("Investment", s.settings))).toEqual({
      vcs: 400_000,
      funder: 600_000,
    });
    expect(split(1_000_000, basis("Investing", s.settings))).toEqual({
      vcs: 400_000,
      funder: 600_000,
    });
    // 33.33% of £10,000 = £3,333.00 exactly
    expect(split(1_000_000, basis("Giving", s.settings))).toEqual({
      vcs: 666_700,
      funder: 333_300,
    });
  });

  test.each([
    [null, "blank"],
    ["", "blank"],
    ["grant-ish", "not recognised"],
    [true, "not recognised"],
    ["60/30", "add up to 100"],
    ["80/20/0", "not recognised"],
    [1.5, "from 0 to 1"],
    [-0.1, "from 0 to 1"],
    [20, "for 20% write 0.2"],
    ["-5/105", "not recognised"],
  ])("%p is refused naming basis (%s)", (v, text) => {
    const p = problem(parseBasis(v, S));
    expect(p.field).toBe("basis");
    expect(p.message).toMatch(/^basis/);
    expect(p.message).toContain(text);
  });

  test("an unrecognised basis lists what is accepted", () => {
    expect(problem(parseBasis("half", S)).message).toContain(BASIS_EXPECTED);
  });
});

describe("match errors", () => {
  test("a funder's part of 0 is an error: nothing to work back from", () => {
    const p = problem(match(100_000, basis("100/0")));
    expect(p.field).toBe("basis");
    expect(p.message).toContain("nothing to work back from");
    expect(problem(match(100, basis(0))).field).toBe("basis");
  });
});

describe("fullCost", () => {
  test("direct plus each pool's share, each rounded half up to the penny", () => {
    // £10,000 direct; premises £6,000 by headcount 2 of 5; central £9,000 by hours 300 of 900
    const r = fullCost(1_000_000, [600_000, 900_000], [2, 300], [5, 900]);
    expect(r).toEqual({
      ok: true,
      value: {
        fullCost: 1_000_000 + 240_000 + 300_000,
        overheads: 540_000,
        shares: [240_000, 300_000],
      },
    });
    // £100.00 pool, 1 of 3 -> 3333.33..p rounds to 3333; 1 of 6 -> 1666.67 -> 1667
    expect(fullCost(0, [10_000, 10_000], [1, 1], [3, 6])).toEqual({
      ok: true,
      value: { fullCost: 5_000, overheads: 5_000, shares: [3333, 1667] },
    });
    // half a penny rounds up: 1p pool, half the driver
    expect(fullCost(0, [1], [1], [2])).toMatchObject({ ok: true, value: { fullCost: 1 } });
  });
  test("a £0 pool with a total driver of 0 is fine", () => {
    expect(fullCost(500, [0], [0], [0])).toMatchObject({ ok: true, value: { fullCost: 500 } });
  });
  test("sizes differ", () => {
    expect(problem(fullCost(0, [1, 2], [1], [1, 2])).field).toBe("projectDrivers");
    expect(problem(fullCost(0, [1, 2], [1, 1], [2])).field).toBe("totalDrivers");
  });
  test("a total driver of 0 or less for a pool that is not 0", () => {
    const p = problem(fullCost(0, [100, 500], [0, 0], [1, 0]));
    expect(p.field).toBe("totalDrivers");
    expect(p.message).toContain("pool 2");
    expect(problem(fullCost(0, [100], [0], [-3])).field).toBe("totalDrivers");
  });
  test("a project driver below 0 or above its total", () => {
    expect(problem(fullCost(0, [100], [-1], [3])).message).toContain("0 or more");
    expect(problem(fullCost(0, [100], [4], [3])).message).toContain("above its total");
  });
});

describe("apportion", () => {
  test("each pool adds back by the largest remainder; the row adds to the sum of the pools", () => {
    // £100.00 over three equal projects: 33.34 / 33.33 / 33.33 (earlier first on ties)
    const r = apportion(
      [10_000, 20_000],
      [
        [1, 1, 1],
        [1, 2, 3],
      ]
    );
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.value.perPool[0]).toEqual([3334, 3333, 3333]);
    expect(r.value.perPool[1]).toEqual([3333, 6667, 10000]);
    expect(r.value.perProject).toEqual([6667, 10000, 13333]);
  });
  test("decimal drivers are used exactly", () => {
    const r = apportion([10_000], [[0.1, 0.2, 0.7]]);
    expect(r).toEqual({
      ok: true,
      value: { perPool: [[1000, 2000, 7000]], perProject: [1000, 2000, 7000] },
    });
  });
  test("a £0 pool may have all-zero drivers", () => {
    expect(
      apportion(
        [0, 300],
        [
          [0, 0],
          [1, 2],
        ]
      )
    ).toEqual({
      ok: true,
      value: {
        perPool: [
          [0, 0],
          [100, 200],
        ],
        perProject: [100, 200],
      },
    });
  });
  test("errors: rows differ, negative driver, non-zero pool with all drivers 0, negative pool", () => {
    expect(problem(apportion([1, 2], [[1, 1]])).message).toContain("1 rows but pools has 2");
    const neg = problem(apportion([100], [[1, -2]]));
    expect(neg.field).toBe("drivers");
    expect(neg.message).toContain("project 2");
    const zero = problem(
      apportion(
        [0, 100],
        [
          [0, 0],
          [0, 0],
        ]
      )
    );
    expect(zero.field).toBe("drivers");
    expect(zero.message).toContain("row 2 is all 0");
    expect(problem(apportion([-100], [[1]])).field).toBe("pools");
  });
});

describe("exact sharing of any driver Excel can hold (issue 10)", () => {
  test("=1/3 and =20/37.5 next to a driver above 9,007 are shared, no longer refused as too precise", () => {
    expect(apportion([1_000_000], [[1 / 3, 9008, 20 / 37.5]])).toEqual({
      ok: true,
      value: { perPool: [[37, 999_904, 59]], perProject: [37, 999_904, 59] },
    });
    expect(fullCost(0, [1_000_000], [1 / 3], [9008 + 1 / 3])).toMatchObject({
      ok: true,
      value: { fullCost: 37 },
    });
  });
  test("1e300 next to the smallest subnormal, and subnormals alone", () => {
    expect(apportion([100], [[1e300, 5e-324]])).toMatchObject({
      ok: true,
      value: { perProject: [100, 0] },
    });
    expect(apportion([101], [[5e-324, 5e-324]])).toMatchObject({
      ok: true,
      value: { perProject: [51, 50] },
    });
  });
  test("a driver counts as the decimal Excel shows: 0.3 and 0.1 share 2p as 1.5p and 0.5p, the tie to the earlier", () => {
    // read as binary fractions, 0.1 would win the tie by the noise of the double 0.3
    expect(apportion([2], [[0.3, 0.1]])).toMatchObject({ ok: true, value: { perProject: [2, 0] } });
    expect(apportion([1], [[0.3, 0.1 + 0.2]])).toMatchObject({
      ok: true,
      value: { perProject: [1, 0] },
    });
  });
  test("=0.1+0.2 as the project's driver is not above a total of 0.3: the project carries the whole pool", () => {
    expect(fullCost(0, [100], [0.1 + 0.2], [0.3])).toEqual({
      ok: true,
      value: { fullCost: 100, overheads: 100, shares: [100] },
    });
  });
  test("FULLCOST over the table gives APPORTION's shares; of one project alone, half up, which may differ by a penny", () => {
    const pools = [10_000, 20_000];
    const drivers = [
      [1, 1, 1],
      [1, 2, 3],
    ];
    expect(fullCostInTable(500, pools, drivers, 0)).toEqual({
      ok: true,
      value: { fullCost: 500 + 6667, overheads: 6667, shares: [3334, 3333] },
    });
    expect(fullCostInTable(0, pools, drivers, 2)).toMatchObject({ value: { fullCost: 13333 } });
    // one project alone against the totals: £100 x 1/3 = 3,333.33p rounds to 3,333
    expect(fullCost(0, pools, [1, 1], [3, 6])).toMatchObject({ value: { shares: [3333, 3333] } });
    const bad = problem(fullCostInTable(0, pools, drivers, 3));
    expect(bad.field).toBe("project");
    expect(bad.message).toContain("from 1 to 3");
    expect(problem(fullCostInTable(0, [100], [[-1]], 0)).field).toBe("drivers");
  });
  test("amounts beyond £90 trillion (the largest exact to the penny) are a problem, not an inexact number", () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(problem(apportion([max, max], [[1], [1]])).message).toContain(
      "beyond £90,071,992,547,409.91"
    );
    expect(problem(fullCost(max, [max], [1], [1])).field).toBe("pools");
    expect(problem(match(9e15, basis(0.0001))).field).toBe("award");
    expect(problem(unitCost(100, 5e-324)).field).toBe("units");
  });
});

describe("priceGap, overhead rate, unit cost", () => {
  test("no shortfall when the price covers the full cost", () => {
    expect(priceGap(5_000_000, 4_000_000)).toEqual({
      ok: true,
      value: { recovery: 1.25, shortfall: 0 },
    });
  });
  test("errors name the argument", () => {
    expect(problem(priceGap(100, 0)).field).toBe("fullCost");
    expect(problem(priceGap(100, -5)).field).toBe("fullCost");
    expect(problem(priceGap(-1, 100)).field).toBe("price");
  });
  test("overhead rate and unit cost", () => {
    expect(overheadRate(540_000, 1_000_000)).toBe(0.54);
    expect(overheadRate(100, 0)).toBeNull();
    expect(unitCost(1_540_000, 400)).toEqual({ ok: true, value: 3850 });
    expect(unitCost(100, 3)).toEqual({ ok: true, value: 33 });
    expect(unitCost(100, 2.5)).toEqual({ ok: true, value: 40 });
    expect(unitCost(1, 2)).toEqual({ ok: true, value: 1 }); // half a penny rounds up
    expect(unitCost(100, 1 / 3)).toEqual({ ok: true, value: 300 });
    expect(unitCost(100, 1e300)).toEqual({ ok: true, value: 0 });
    expect(problem(unitCost(100, 0)).field).toBe("units");
  });
});
