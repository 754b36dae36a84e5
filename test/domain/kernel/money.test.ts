import fc from "fast-check";
import {
  allocateLargestRemainder,
  driversToWeights,
  formatPounds,
  largestRemainders,
  mulDivRound,
  parseMoney,
  toPence,
  toPounds,
} from "../../../src/domain/kernel/money";

describe("money in pence", () => {
  test("pounds to pence rounds half away from zero and removes float noise", () => {
    expect(toPence(0.1 + 0.2)).toBe(30);
    expect(toPence(1.005)).toBe(101);
    expect(toPence(-1.005)).toBe(-101);
    expect(toPence(3333.335)).toBe(333334);
    expect(toPence(12000)).toBe(1200000);
    expect(toPence(Number.NaN)).toBeNull();
    expect(toPence(Infinity)).toBeNull();
    expect(toPence(1e20)).toBeNull();
  });

  test("mulDivRound is exact half up, also for huge products", () => {
    expect(mulDivRound(333333, 50, 100)).toBe(166667); // 1666.665 -> 1666.67
    expect(mulDivRound(5, 1, 2)).toBe(3);
    expect(mulDivRound(-5, 1, 2)).toBe(-3);
    expect(mulDivRound(9007199254740991, 3, 3)).toBe(9007199254740991);
    expect(() => mulDivRound(1, 1, 0)).toThrow(RangeError);
  });

  test("largest remainder: parts add back and earlier items win ties", () => {
    expect(allocateLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateLargestRemainder(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocateLargestRemainder(1, [0, 5, 5])).toEqual([0, 1, 0]);
    expect(() => allocateLargestRemainder(100, [0, 0])).toThrow(RangeError);
  });

  test("BigInt weights of any size share the same way", () => {
    expect(allocateLargestRemainder(100, [1n, 1n, 1n])).toEqual([34, 33, 33]);
    const huge = 10n ** 400n;
    expect(allocateLargestRemainder(100, [huge, huge, huge])).toEqual([34, 33, 33]);
    expect(allocateLargestRemainder(1, [huge, 1n])).toEqual([1, 0]);
    expect(allocateLargestRemainder(2, [3n * huge, huge])).toEqual([2, 0]); // 1.5 and 0.5: earlier first
  });

  test("property: the pence left over go to the largest remainders, earlier first on ties (against a full sort)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc
          .array(
            fc.oneof(
              fc.integer({ min: 0, max: 3 }),
              fc.bigInt({ min: 0n, max: 10n ** 30n }),
              fc.constant(10n ** 20n)
            ),
            { minLength: 1, maxLength: 40 }
          )
          .filter((w) => w.some((x) => BigInt(x) > 0n)),
        (total, weights) => {
          const w = weights.map((x) => BigInt(x));
          const sum = w.reduce((a, b) => a + b, 0n);
          const T = BigInt(total);
          const floors = w.map((x) => (T * x) / sum);
          const rems = w.map((x) => (T * x) % sum);
          const left = Number(T - floors.reduce((a, b) => a + b, 0n));
          const order = w
            .map((_, i) => i)
            .sort((i, j) => (rems[i] === rems[j] ? i - j : rems[j] > rems[i] ? 1 : -1));
          const expected = floors.map(Number);
          order.slice(0, left).forEach((i) => (expected[i] += 1));
          expect(allocateLargestRemainder(total, weights)).toEqual(expected);
        }
      ),
      { numRuns: 3000 }
    );
  });

  test("largestRemainders is linear: it counts about 3n comparisons where a sort takes n log2 n = 17n", () => {
    const n = 100_000;
    for (const rems of [
      Array.from({ length: n }, () => Math.floor(Math.random() * 1e9)), // spread out
      new Array<number>(n).fill(7), // all tied: earlier first
      Array.from({ length: n }, (_, i) => (i % 2 ? 5 : 6)), // two values, one bucket
      Array.from({ length: n }, (_, i) => n - i), // descending, all in one bucket
    ]) {
      let comparisons = 0;
      const count = n / 2;
      const chosen = largestRemainders(
        n,
        count,
        (i) => rems[i] / 1e9,
        (i, j) => {
          comparisons++;
          return rems[j] - rems[i] || i - j;
        }
      );
      expect(chosen).toHaveLength(count);
      const expected = Array.from({ length: n }, (_, i) => i)
        .sort((i, j) => rems[j] - rems[i] || i - j)
        .slice(0, count);
      expect([...chosen].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
      expect(comparisons).toBeLessThan(6 * n);
    }
  });

  test("property: allocation always adds back exactly and each part is within a penny of its exact share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc
          .array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 30 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = allocateLargestRemainder(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((p, i) =>
            expect(Math.abs(p - (total * weights[i]) / sum)).toBeLessThan(
              1 + 1e-6 * Math.abs(total)
            )
          );
          weights.forEach((w, i) => w === 0 && expect(parts[i]).toBe(0));
        }
      ),
      { numRuns: 2000 }
    );
  });

  test("decimal drivers become integer weights in the same proportions", () => {
    expect(driversToWeights([37.5, 12.25, 3])).toEqual([3750, 1225, 300]);
    expect(driversToWeights([1e-7, 1])).toEqual([1, 10000000]);
    expect(driversToWeights([Number.NaN])).toBeNull();
  });

  test("parseMoney reads what people type", () => {
    expect(parseMoney("£12,000.50")).toBe(1200050);
    expect(parseMoney(" 12000 ")).toBe(1200000);
    expect(parseMoney("-£5.00")).toBe(-500);
    expect(parseMoney("£-5")).toBe(-500);
    expect(parseMoney("(1,234.56)")).toBe(-123456);
    expect(parseMoney("GBP 40")).toBe(4000);
    expect(parseMoney(".5")).toBe(50);
    expect(parseMoney(4000)).toBe(400000);
    for (const bad of ["", "twelve", "12,00", "£", "1.2.3", "$12", true, null, undefined, {}])
      expect(parseMoney(bad)).toBeNull();
  });

  test("property: formatting then parsing gives the same pence", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (p) => {
        expect(parseMoney(formatPounds(p))).toBe(p);
        expect(toPence(toPounds(p))).toBe(p);
      }),
      { numRuns: 3000 }
    );
  });

  test("formatPounds writes British currency", () => {
    expect(formatPounds(1200050)).toBe("£12,000.50");
    expect(formatPounds(-500)).toBe("-£5.00");
    expect(formatPounds(0)).toBe("£0.00");
  });
});
