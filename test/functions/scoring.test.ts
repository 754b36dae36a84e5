import fc from "fast-check";
import {
  consensus,
  priceScore,
  rankDescending,
  round6,
  weightedScore,
} from "../../src/domain/evaluation/scoring";
import { consensusFn, priceScoreFn, weightedScoreFn } from "../../src/functions/scoring";
import { applySettings } from "../../src/domain/settings/runtimeSettings";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";

const isErr = (v: unknown, code: string) =>
  v instanceof CustomFunctions.Error && (v as CustomFunctions.Error).code === code;
const msg = (v: unknown) => (v as CustomFunctions.Error).message ?? "";

describe("weightedScore (engine)", () => {
  it("scores 4, 3, 5 with weights 0.3, 0.3, 0.4 out of 5 give 0.82", () => {
    const r = weightedScore([4, 3, 5], [0.3, 0.3, 0.4], 5);
    expect(r.ok && r.value).toBeCloseTo(0.82, 12);
  });
  it("a blank score is not scored yet (na) and names the criterion", () => {
    const r = weightedScore([4, "", 5], [0.3, 0.3, 0.4], 5, [
      "Delivery",
      "Outcomes",
      "Social value",
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.kind).toBe("na");
      expect(r.problem.message).toContain("Outcomes");
      expect(r.problem.message).toContain("not scored yet");
    }
  });
  it.each([
    [[6, 3, 5], [0.3, 0.3, 0.4], 5, "from 0 to 5"],
    [[-1, 3, 5], [0.3, 0.3, 0.4], 5, "from 0 to 5"],
    [[4, 3, 5], [0.3, -0.3, 0.4], 5, "0 or more"],
    [[4, 3, 5], [0.3, "", 0.4], 5, "blank"],
    [[4, 3, 5], [0.3, 0.3, 0.4], 0, "greater than 0"],
    [[4, 3, 5], [0.3, 0.3, 0.4], -5, "greater than 0"],
    [[4, 3, 5], [0.3, 0.3, 0.4], "", "blank"],
    [[4, "good", 5], [0.3, 0.3, 0.4], 5, 'got "good"'],
    [[4, 3], [0.3, 0.3, 0.4], 5, "one weight per criterion"],
  ])("refuses scores %j weights %j max %j as a value problem", (s, w, m, text) => {
    const r = weightedScore(s as unknown[], w as unknown[], m);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.kind).toBe("value");
      expect(r.problem.message).toContain(text);
    }
  });
  it("property: within [0, sum of weights]; all max gives the sum; all zero gives 0", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 10 })
          .chain((max) =>
            fc.tuple(
              fc.constant(max),
              fc.array(
                fc.tuple(fc.integer({ min: 0, max }), fc.double({ min: 0, max: 100, noNaN: true })),
                { minLength: 1, maxLength: 30 }
              )
            )
          ),
        ([max, pairs]) => {
          const scores = pairs.map((p) => p[0]);
          const weights = pairs.map((p) => p[1]);
          const sum = weights.reduce((a, b) => a + b, 0);
          const r = weightedScore(scores, weights, max);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.value).toBeGreaterThanOrEqual(-1e-9);
          expect(r.value).toBeLessThanOrEqual(sum + 1e-9);
          const top = weightedScore(
            scores.map(() => max),
            weights,
            max
          );
          expect(top.ok && top.value).toBeCloseTo(sum, 9);
          const zero = weightedScore(
            scores.map(() => 0),
            weights,
            max
          );
          expect(zero.ok && zero.value).toBe(0);
        }
      )
    );
  });
  it("property: raising one score never lowers the weighted score", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 10 }),
        fc.nat(),
        (scores, pick) => {
          const weights = scores.map((_, i) => i + 1);
          const i = pick % scores.length;
          const up = scores.map((s, j) => (j === i ? s + 1 : s));
          const a = weightedScore(scores, weights, 5);
          const b = weightedScore(up, weights, 5);
          expect(a.ok && b.ok).toBe(true);
          if (a.ok && b.ok) expect(b.value).toBeGreaterThan(a.value);
        }
      )
    );
  });
});

describe("priceScore (engine)", () => {
  it("prices 100, 70, 40; price 70; 40 points -> 22.857...", () => {
    const r = priceScore(70, [100, 70, 40], 40);
    expect(r.ok && r.value).toBeCloseTo((40 * 40) / 70, 12);
    expect(r.ok && r.value.toFixed(3)).toBe("22.857");
  });
  it("deviation: 40 x (1 - (70 - 40) / 40) = 10, floored at 0 for a price over double the lowest", () => {
    const r = priceScore(70, [100, 70, 40], 40, "deviation");
    expect(r.ok && r.value).toBeCloseTo(10, 12);
    const r2 = priceScore(100, [100, 70, 40], 40, "Deviation");
    expect(r2.ok && r2.value).toBe(0);
  });
  it("the lowest price includes the price itself and ignores blanks", () => {
    const r = priceScore(30, [100, "", null, 70], 40);
    expect(r.ok && r.value).toBe(40);
    const r2 = priceScore("£70", ["£100", "£40.00"], 40);
    expect(r2.ok && r2.value).toBeCloseTo((40 * 40) / 70, 12);
  });
  it.each([
    [0, [100, 70], 40, "lowest", "price must be more than £0"],
    [-5, [100, 70], 40, "lowest", "price must be more than £0"],
    [70, [100, 0, 40], 40, "lowest", "allPrices (cell 2) must be more than £0"],
    [70, [100, -1], 40, "lowest", "must be more than £0"],
    [70, [100, "lots"], 40, "lowest", "allPrices (cell 2) must be an amount"],
    ["cheap", [100], 40, "lowest", "price must be an amount"],
    [70, [100], -1, "lowest", "maxPoints must be 0 or more"],
    [70, [100], "", "lowest", "maxPoints is blank"],
    [70, [100], 40, "cheapest", 'method must be "lowest" or "deviation"'],
  ])("refuses price %j among %j (%j points, %j)", (p, all, mp, m, text) => {
    const r = priceScore(p, all as unknown[], mp, m);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.kind).toBe("value");
      expect(r.problem.message).toContain(text);
    }
  });
  it("a blank price is not entered yet (na)", () => {
    const r = priceScore("", [100], 40);
    expect(!r.ok && r.problem.kind).toBe("na");
  });
  it("property: points within [0, max]; the lowest price gets max; dearer never scores more", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom("lowest", "deviation"),
        (pence, max, method) => {
          const prices = pence.map((p) => p / 100);
          const lowest = Math.min(...prices);
          const points = prices.map((p) => {
            const r = priceScore(p, prices, max, method);
            expect(r.ok).toBe(true);
            return r.ok ? r.value : NaN;
          });
          points.forEach((pt, i) => {
            expect(pt).toBeGreaterThanOrEqual(0);
            expect(pt).toBeLessThanOrEqual(max + 1e-9);
            if (prices[i] === lowest) expect(pt).toBeCloseTo(max, 9);
          });
          const order = prices.map((p, i) => ({ p, pt: points[i] })).sort((a, b) => a.p - b.p);
          for (let i = 1; i < order.length; i++)
            expect(order[i].pt).toBeLessThanOrEqual(order[i - 1].pt + 1e-9);
        }
      )
    );
  });
});

describe("consensus (engine)", () => {
  it("mean, lowest, highest; discuss when the spread is over the limit", () => {
    const r = consensus([3, "", 5, 4], 1);
    expect(r.ok && r.value).toEqual({ mean: 4, lowest: 3, highest: 5, discuss: true, count: 3 });
    const r2 = consensus([3, 4], 1);
    expect(r2.ok && r2.value.discuss).toBe(false);
  });
  it("no scores -> na; text or a negative limit -> value", () => {
    const none = consensus(["", null], 1);
    expect(!none.ok && none.problem.kind).toBe("na");
    const t = consensus([3, "four"], 1);
    expect(!t.ok && t.problem.message).toContain("evaluator 2");
    const l = consensus([3], -1);
    expect(!l.ok && l.problem.message).toContain("spreadLimit must be 0 or more");
  });
  it("property: lowest <= mean <= highest; discuss exactly when highest - lowest > limit", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(null)), {
          minLength: 1,
          maxLength: 9,
        }),
        fc.integer({ min: 0, max: 5 }),
        (row, limit) => {
          const nums = row.filter((v): v is number => v !== null);
          const r = consensus(row, limit);
          if (nums.length === 0) {
            expect(!r.ok && r.problem.kind).toBe("na");
            return;
          }
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.value.lowest).toBe(Math.min(...nums));
          expect(r.value.highest).toBe(Math.max(...nums));
          expect(r.value.mean).toBeGreaterThanOrEqual(r.value.lowest - 1e-9);
          expect(r.value.mean).toBeLessThanOrEqual(r.value.highest + 1e-9);
          expect(r.value.discuss).toBe(r.value.highest - r.value.lowest > limit);
        }
      )
    );
  });
});

describe("round6 and ranks", () => {
  it("round6 rounds half away from zero at 6 places, like Excel's ROUND", () => {
    expect(round6(1.0000005)).toBe(1.000001);
    expect(round6(82.4)).toBe(82.4);
    expect(round6(1 / 3)).toBe(0.333333);
  });
  it("equal values share a rank and the next rank skips", () => {
    expect(rankDescending([80, 90, 80, null, 70])).toEqual([2, 1, 2, null, 4]);
  });
});

describe("=FUNDING.WEIGHTEDSCORE", () => {
  it("a row of scores with a row of weights gives one value: 0.82", () => {
    const out = weightedScoreFn([[4, 3, 5]], [[0.3, 0.3, 0.4]], 5);
    expect(out).toHaveLength(1);
    expect(out[0][0]).toBeCloseTo(0.82, 12);
  });
  it("a column of scores with a column of weights gives one value", () => {
    const out = weightedScoreFn([[4], [3], [5]], [[0.3], [0.3], [0.4]], 5);
    expect(out[0][0]).toBeCloseTo(0.82, 12);
  });
  it("several rows of scores with one row of weights give a column, one per bid; a bad row does not stop the others", () => {
    const out = weightedScoreFn(
      [
        [4, 3, 5],
        [5, 5, 5],
        [4, "", 5],
        [4, 9, 5],
      ],
      [[0.3, 0.3, 0.4]],
      5
    );
    expect(out).toHaveLength(4);
    expect(out[0][0]).toBeCloseTo(0.82, 12);
    expect(out[1][0]).toBeCloseTo(1, 12);
    expect(isErr(out[2][0], "#N/A")).toBe(true);
    expect(msg(out[2][0])).toContain("criterion 2");
    expect(isErr(out[3][0], "#VALUE!")).toBe(true);
  });
  it("mismatched sizes, a negative weight and a zero maximum are #VALUE!", () => {
    expect(isErr(weightedScoreFn([[4, 3]], [[0.3, 0.3, 0.4]], 5)[0][0], "#VALUE!")).toBe(true);
    expect(msg(weightedScoreFn([[4, 3]], [[0.3, 0.3, 0.4]], 5)[0][0])).toContain(
      "one weight per criterion"
    );
    expect(isErr(weightedScoreFn([[4, 3, 5]], [[0.3, -0.3, 0.4]], 5)[0][0], "#VALUE!")).toBe(true);
    expect(isErr(weightedScoreFn([[4, 3, 5]], [[0.3, 0.3, 0.4]], 0)[0][0], "#VALUE!")).toBe(true);
    expect(msg(weightedScoreFn([[4, 3, 5]], [[0.3, 0.3, 0.4]], 0)[0][0])).toContain("maxScore");
  });
});

describe("=FUNDING.PRICESCORE", () => {
  it("prices 100, 70, 40; price 70; 40 points -> 22.857...", () => {
    const out = priceScoreFn([[70]], [[100], [70], [40]], 40, null);
    expect(out[0][0]).toBeCloseTo(22.857142857, 8);
  });
  it("a column of prices gives a column; deviation on request", () => {
    const prices = [[100], [70], [40]];
    const out = priceScoreFn(prices, prices, 40, "deviation");
    expect(out.map((r) => r[0])).toEqual([0, 10, 40].map((x) => expect.closeTo(x, 9)));
  });
  it("a negative price anywhere is #VALUE!; a blank or 0 price is #N/A, and ignored among allPrices; a price row of several cells is refused", () => {
    // Excel on the desktop passes an empty cell as 0: a 0 among allPrices is read as blank
    // (ignored), and a bid's own price of 0 as not entered (#N/A), never as a price.
    const out = priceScoreFn([[70], [40]], [[100], [-1]], 40, null);
    expect(isErr(out[0][0], "#VALUE!") && isErr(out[1][0], "#VALUE!")).toBe(true);
    expect(msg(out[0][0])).toContain("allPrices (cell 2) must be more than £0");
    expect(priceScoreFn([[70], [40]], [[100], [0], [70], [40]], 40, null).map((r) => r[0])).toEqual(
      [expect.closeTo((40 * 40) / 70, 9), 40]
    );
    expect(isErr(priceScoreFn([[""]], [[100]], 40, null)[0][0], "#N/A")).toBe(true);
    const zero = priceScoreFn([[0]], [[100]], 40, null)[0][0];
    expect(isErr(zero, "#N/A")).toBe(true);
    expect(msg(zero)).toContain("price is 0 or blank");
    const row = priceScoreFn([[70, 40]], [[100]], 40, null);
    expect(isErr(row[0][0], "#VALUE!")).toBe(true);
    expect(msg(row[0][0])).toContain("price must be one cell or one column");
  });
  it("an unknown method is #VALUE! naming it", () => {
    const out = priceScoreFn([[70]], [[100]], 40, "median");
    expect(isErr(out[0][0], "#VALUE!")).toBe(true);
    expect(msg(out[0][0])).toContain("lowest");
  });
});

describe("=FUNDING.CONSENSUS", () => {
  afterEach(() => applySettings(DEFAULT_SETTINGS));
  it("one row per criterion: Mean | Lowest | Highest | Discuss; blanks ignored; empty row #N/A", () => {
    const out = consensusFn([
      [3, 4, 5],
      [4, "", 4],
      ["", "", ""],
      [2, "x", 3],
    ]);
    expect(out[0]).toEqual([4, 3, 5, true]);
    expect(out[1]).toEqual([4, 4, 4, false]);
    expect(out[2].every((c) => isErr(c, "#N/A"))).toBe(true);
    expect(out[3].every((c) => isErr(c, "#VALUE!"))).toBe(true);
    expect(msg(out[3][0])).toContain("scores row 4");
  });
  it("the spread limit defaults to the setting and can be given", () => {
    expect(consensusFn([[3, 5]])[0][3]).toBe(true);
    expect(consensusFn([[3, 5]], 2)[0][3]).toBe(false);
    applySettings({ ...DEFAULT_SETTINGS, moderationSpreadLimit: 2 });
    expect(consensusFn([[3, 5]])[0][3]).toBe(false);
    expect(isErr(consensusFn([[3, 5]], -1)[0][0], "#VALUE!")).toBe(true);
  });
});

describe("=FUNDING.PRICESCORE reads allPrices once for every bid", () => {
  const priceCell = fc.oneof(
    fc.integer({ min: 1, max: 10_000_000 }).map((p) => p / 100),
    fc.integer({ min: 1, max: 10_000_000 }).map((p) => `£${(p / 100).toFixed(2)}`),
    fc.constantFrom<unknown>("", null, 0, -5, "lots")
  );
  test("property: each bid's points are the engine's priceScore over the whole list (0 read as blank)", () => {
    fc.assert(
      fc.property(
        fc.array(priceCell, { minLength: 1, maxLength: 8 }),
        fc.array(priceCell, { minLength: 0, maxLength: 12 }),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom<unknown>("lowest", "deviation", null, 0, "median"),
        (prices, pool, max, method) => {
          // A last bid with a price, so that every row is returned.
          prices.push(50);
          const out = priceScoreFn(
            prices.map((p) => [p]),
            pool.length ? pool.map((p) => [p]) : [[null]],
            max,
            method
          );
          expect(out).toHaveLength(prices.length);
          const blank0 = (v: unknown) => (v === 0 ? null : v);
          prices.forEach((p, i) => {
            const r = priceScore(blank0(p), pool.map(blank0), max, blank0(method) ?? "lowest");
            const got = out[i][0];
            if (r.ok) expect(got).toBe(r.value);
            else {
              expect(isErr(got, r.problem.kind === "na" ? "#N/A" : "#VALUE!")).toBe(true);
              if (p !== 0) expect(msg(got)).toBe(r.problem.message);
            }
          });
        }
      ),
      // No shrinking: a counterexample is shown as found (shrinking these lists can take minutes).
      { numRuns: 1000, endOnFailure: true }
    );
  });
});
