import fc from "fast-check";
import {
  allocateLargestRemainder,
  driversToWeights,
  formatPounds,
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
