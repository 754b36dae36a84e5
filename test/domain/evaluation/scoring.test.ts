/**
 * Scoring rules at the domain level (issue 10, point 5): results within their natural bounds,
 * nothing Infinity, linear time. The functions as a cell sees them are tested in
 * test/functions/scoring.test.ts.
 */
import fc from "fast-check";
import {
  consensus,
  lowestPrice,
  pricePoints,
  priceScore,
  priceScoreAmong,
  priceScores,
  rankDescending,
  weightedScore,
} from "../../../src/domain/evaluation/scoring";

const value = <T>(r: { ok: true; value: T } | { ok: false }): T => {
  if (!r.ok) throw new Error("expected a value");
  return r.value;
};
const positive = fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true });
const points = fc.oneof(
  fc.integer({ min: 0, max: 100 }),
  fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true })
);
const realisticPrice = fc.integer({ min: 1, max: 100_000_000 }).map((p) => p / 100);

describe("PRICESCORE: the lowest price scores exactly maxPoints; every score within 0..maxPoints", () => {
  test("the issue's case: the lowest bid of £3,333.33 scores 40, not 40.00000000000001", () => {
    expect((40 * 3333.33) / 3333.33).toBe(40.00000000000001); // the formula in doubles
    expect(value(priceScore(3333.33, [3333.33, 5000], 40))).toBe(40);
    expect(value(priceScore(0.49, [0.49, 1], 40))).toBe(40);
    expect(pricePoints(3333.33, 3333.33, 40, "lowest")).toBe(40);
  });

  test("no Infinity when maxPoints x lowest is beyond the largest double", () => {
    expect(value(priceScore(1e300, [1e300], 1e300))).toBe(1e300);
    const p = value(priceScore(4e300, [1e300, 4e300], 1e300));
    expect(p).toBeCloseTo(2.5e299, -290);
    expect(Number.isFinite(p)).toBe(true);
    expect(value(priceScore(1e308, [5e-324, 1e308], 10, "deviation"))).toBe(0);
  });

  test("property: any finite positive prices and maxPoints: within 0..maxPoints, finite, the lowest exactly maxPoints, dearer never more", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(positive, realisticPrice), { minLength: 1, maxLength: 20 }),
        points,
        fc.constantFrom("lowest", "deviation"),
        (prices, max, method) => {
          const lowest = Math.min(...prices);
          const scores = priceScores(prices, prices, max, method).map(value);
          scores.forEach((s, i) => {
            expect(Number.isFinite(s)).toBe(true);
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(max);
            if (prices[i] === lowest) expect(s).toBe(max);
          });
          const byPrice = prices.map((p, i) => ({ p, s: scores[i] })).sort((a, b) => a.p - b.p);
          for (let i = 1; i < byPrice.length; i++)
            expect(byPrice[i].s).toBeLessThanOrEqual(byPrice[i - 1].s);
        }
      ),
      { numRuns: 1000 }
    );
  });

  test("property: priceScores and priceScoreAmong give exactly what priceScore gives, problems included, in the same order", () => {
    const cell = fc.oneof(
      realisticPrice,
      fc.constantFrom("", null, 0, -5, "£1,200.50", "lots", "£0.00", true)
    );
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 1, maxLength: 8 }),
        fc.array(cell, { minLength: 0, maxLength: 8 }),
        fc.oneof(points, fc.constantFrom("", -1, "ten")),
        fc.constantFrom("lowest", "deviation", "median", "", null),
        (prices, all, max, method) => {
          const one = prices.map((p) => priceScore(p, all, max, method));
          expect(priceScores(prices, all, max, method)).toEqual(one);
          const lowest = lowestPrice(all);
          prices.forEach((p, i) => expect(priceScoreAmong(p, lowest, max, method)).toEqual(one[i]));
        }
      ),
      { numRuns: 3000 }
    );
  });

  test("linear: priceScores reads every cell of allPrices once, whatever the number of bids", () => {
    const n = 10_000;
    const prices = Array.from({ length: n }, (_, i) => 1000 + ((i * 7919) % n));
    let reads = 0;
    const counted = new Proxy(prices, {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const started = performance.now();
    const scores = priceScores(prices, counted, 40);
    const elapsed = performance.now() - started;
    expect(reads).toBe(n); // priceScore bid by bid would read n x n = 100,000,000 cells
    expect(scores.filter((s) => s.ok && s.value === 40)).toHaveLength(1);
    expect(elapsed).toBeLessThan(5_000); // about 20 ms here; the issue measured 37 s
  });
});

describe("CONSENSUS: a mean within lowest..highest, never Infinity", () => {
  test("the issue's cases", () => {
    expect(value(consensus([9e307, 9e307], 1)).mean).toBe(9e307);
    expect(value(consensus([0.1, 0.1, 0.1], 1)).mean).toBe(0.1);
    expect(value(consensus([-Number.MAX_VALUE, Number.MAX_VALUE], 1))).toMatchObject({
      mean: 0,
      discuss: true,
    });
    expect(value(consensus([3, "", 5, 4], 1))).toEqual({
      mean: 4,
      lowest: 3,
      highest: 5,
      discuss: true,
      count: 3,
    });
  });

  test("property: any finite scores: lowest <= mean <= highest, finite, and the exact mean rounded once", () => {
    const score = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: 0, max: 10 }),
      fc.integer({ min: 0, max: 100 }).map((x) => x / 10),
      fc.constantFrom(9e307, 1.7e308, 0.1, 0.7)
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(score, fc.constant(null)), { minLength: 1, maxLength: 9 }),
        (row) => {
          const nums = row.filter((v): v is number => v !== null);
          fc.pre(nums.length > 0);
          const r = value(consensus(row, 1));
          expect(Number.isFinite(r.mean)).toBe(true);
          expect(r.mean).toBeGreaterThanOrEqual(r.lowest);
          expect(r.mean).toBeLessThanOrEqual(r.highest);
          expect(r.lowest).toBe(Math.min(...nums));
          expect(r.highest).toBe(Math.max(...nums));
          // small whole and tenth scores: the same as the plain sum where that sum is exact
          if (nums.every((x) => Number.isInteger(x) && Math.abs(x) < 1e6))
            expect(r.mean).toBe(nums.reduce((a, b) => a + b, 0) / nums.length);
        }
      ),
      { numRuns: 3000 }
    );
  });

  test("linear: 100,000 rows of five evaluators with decimal scores", () => {
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) consensus([0.1, 0.2, 0.7, (i % 10) / 10, 0.3], 1);
    expect(performance.now() - started).toBeLessThan(10_000); // about 0.3 s here
  });
});

describe("WEIGHTEDSCORE: finite or a problem", () => {
  test("weights so large that the total is beyond the largest double are a problem naming weights", () => {
    const r = weightedScore([5, 5], [Number.MAX_VALUE, Number.MAX_VALUE], 5);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.field).toBe("weights");
      expect(r.problem.message).toContain("largest number");
    }
    expect(value(weightedScore([5, 0], [Number.MAX_VALUE, Number.MAX_VALUE], 5))).toBe(
      Number.MAX_VALUE
    );
  });
});

describe("rankDescending", () => {
  test("competition ranks, as RANK.EQ", () => {
    expect(rankDescending([80, 90, 80, null, 70])).toEqual([2, 1, 2, null, 4]);
    expect(rankDescending([])).toEqual([]);
    expect(rankDescending([null, 5, 5, 5])).toEqual([null, 1, 1, 1]);
  });

  test("property: rank = 1 + the number of values above", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ noNaN: true }), fc.constant(null)),
          { maxLength: 30 }
        ),
        (values) => {
          const expected = values.map((v) =>
            v === null ? null : 1 + values.filter((o) => o !== null && o > v).length
          );
          expect(rankDescending(values)).toEqual(expected);
        }
      ),
      { numRuns: 3000 }
    );
  });

  test("100,000 values in one sort, not n x n comparisons", () => {
    const values = Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 1000);
    const started = performance.now();
    const ranks = rankDescending(values);
    expect(performance.now() - started).toBeLessThan(5_000); // about 50 ms here
    expect(ranks[values.indexOf(999)]).toBe(1);
  });
});
