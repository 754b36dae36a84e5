/**
 * Exact readings of the numbers a cell can hold (issue 10, point 5): decimal readings for cost
 * drivers, binary parts and one final rounding for means.
 */
import fc from "fast-check";
import {
  binaryParts,
  decimalReading,
  exactMean,
  ratioToNumber,
  toCommonScale,
  type Decimal,
} from "../../../src/domain/kernel/exactFraction";

const reading = (x: number): Decimal => {
  const r = decimalReading(x);
  if (!r) throw new Error(`no reading for ${x}`);
  return r;
};
/** a - b compared exactly, as -1, 0 or 1. */
const compare = (a: Decimal, b: Decimal): number => {
  const [x, y] = toCommonScale([a, b]);
  return x === y ? 0 : x > y ? 1 : -1;
};
/** The exact value of a double as a fraction num / den. */
const exactly = (x: number): { num: bigint; den: bigint } => {
  const { mantissa, exponent } = binaryParts(x);
  return exponent >= 0
    ? { num: mantissa << BigInt(exponent), den: 1n }
    : { num: mantissa, den: 1n << BigInt(-exponent) };
};
const anyFinite = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1e9, max: 1e9 }).map((x) => x / 100),
  fc.constantFrom(999999999999999.9, 999999999999999.5, 1e15, 1e15 + 0.5, 1e15 + 1, 1 / 3, 0.3)
);

describe("decimalReading: what a cost driver counts as", () => {
  test.each([
    ["37.5", 37.5, 375n, -1],
    ["12.25", 12.25, 1225n, -2],
    ["0.1", 0.1, 1n, -1],
    ["=0.1+0.2 (reads as the 0.3 Excel shows)", 0.1 + 0.2, 3n, -1],
    ["=1/3", 1 / 3, 333333333333333n, -15],
    ["=20/37.5", 20 / 37.5, 533333333333333n, -15],
    ["9007.5", 9007.5, 90075n, -1],
    ["-2.5", -2.5, -25n, -1],
    ["0", 0, 0n, 0],
    ["2^53 - 1", 9007199254740991, 9007199254740991n, 0],
    ["the smallest subnormal, to 15 digits", 5e-324, 494065645841247n, -338],
    ["1e300 (from 10^15 up: the number itself)", 1e300, BigInt(1e300), 0],
    ["10^15 + 0.5", 1e15 + 0.5, BigInt(1e15) * 1000n + 500n, -3],
  ])("%s", (_label, x, coefficient, exponent) => {
    expect(decimalReading(x)).toEqual({ coefficient, exponent });
  });

  test("NaN and infinities have no reading", () => {
    for (const x of [NaN, Infinity, -Infinity]) expect(decimalReading(x)).toBeNull();
  });

  test("property: below 10^15 it is the 15 significant digits toPrecision(15) gives (a fraction without trailing zeros)", () => {
    fc.assert(
      fc.property(
        anyFinite.filter((x) => Math.abs(x) < 1e15),
        (x) => {
          const r = reading(x);
          expect(Number(`${r.coefficient}e${r.exponent}`)).toBe(Number(x.toPrecision(15)));
          if (r.exponent < 0) expect(r.coefficient % 10n).not.toBe(0n);
          expect(r.coefficient.toString().replace("-", "").length).toBeLessThanOrEqual(15);
        }
      ),
      { numRuns: 5000 }
    );
  });

  test("property: from 10^15 up it is the number exactly", () => {
    fc.assert(
      fc.property(
        anyFinite.filter((x) => Math.abs(x) >= 1e15),
        (x) => {
          const r = reading(x);
          const { num, den } = exactly(x);
          // coefficient x 10^exponent = num / den
          const ten = 10n ** BigInt(Math.abs(r.exponent));
          if (r.exponent >= 0) expect(r.coefficient * ten * den).toBe(num);
          else expect(r.coefficient * den).toBe(num * ten);
        }
      ),
      { numRuns: 3000 }
    );
  });

  test("property: monotone, so a larger driver never reads smaller", () => {
    fc.assert(
      fc.property(anyFinite, anyFinite, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(compare(reading(lo), reading(hi))).toBeLessThanOrEqual(0);
      }),
      { numRuns: 5000 }
    );
  });

  test("toCommonScale gives whole numbers in the same proportions", () => {
    expect(toCommonScale([reading(37.5), reading(12.25), reading(3)])).toEqual([
      3750n,
      1225n,
      300n,
    ]);
    expect(toCommonScale([reading(0), reading(0)])).toEqual([0n, 0n]);
    const [big, small] = toCommonScale([reading(1e300), reading(5e-324)]);
    expect(small).toBe(494065645841247n);
    expect(big).toBe(BigInt(1e300) * 10n ** 338n);
  });
});

describe("binaryParts and ratioToNumber", () => {
  test("property: every finite double is mantissa x 2^exponent exactly, and rounds back to itself", () => {
    fc.assert(
      fc.property(anyFinite, (x) => {
        const { mantissa, exponent } = binaryParts(x);
        const m = mantissa < 0n ? -mantissa : mantissa;
        expect(m < 1n << 53n).toBe(true);
        expect(exponent).toBeGreaterThanOrEqual(-1074);
        expect(exponent).toBeLessThanOrEqual(971);
        const { num, den } = exactly(x);
        expect(ratioToNumber(num, den)).toBe(x === 0 ? 0 : x);
      }),
      { numRuns: 5000 }
    );
  });

  test("property: a quotient of whole numbers rounds as IEEE division does", () => {
    const whole = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(
        whole,
        whole.filter((d) => d > 0),
        (a, b) => {
          expect(ratioToNumber(BigInt(a), BigInt(b))).toBe(a / b === 0 ? 0 : a / b);
        }
      ),
      { numRuns: 5000 }
    );
  });

  test("subnormals round to even; beyond the largest double is Infinity; a denominator of 0 is refused", () => {
    expect(ratioToNumber(1n, 1n << 1074n)).toBe(5e-324);
    expect(ratioToNumber(1n, 1n << 1075n)).toBe(0); // half the smallest: ties to even, 0
    expect(ratioToNumber(3n, 1n << 1075n)).toBe(1e-323); // one and a half: ties to even, 2
    expect(ratioToNumber(2n ** 1024n, 1n)).toBe(Infinity);
    expect(ratioToNumber(-7n, 2n)).toBe(-3.5);
    expect(() => ratioToNumber(1n, 0n)).toThrow(RangeError);
  });
});

describe("exactMean", () => {
  test("the issue's cases: no Infinity, no mean above the highest", () => {
    expect(exactMean([9e307, 9e307])).toBe(9e307);
    expect(exactMean([0.1, 0.1, 0.1])).toBe(0.1);
    expect(exactMean([Number.MAX_VALUE, Number.MAX_VALUE, Number.MAX_VALUE])).toBe(
      Number.MAX_VALUE
    );
    expect(exactMean([-Number.MAX_VALUE, Number.MAX_VALUE])).toBe(0);
    expect(exactMean([3, 4, 5])).toBe(4);
    expect(exactMean([5e-324, 5e-324])).toBe(5e-324);
  });

  test("property: the exact mean rounded once; within lowest..highest; finite", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            anyFinite,
            fc.integer({ min: 0, max: 10 }),
            fc.integer({ min: 0, max: 20 }).map((x) => x / 2),
            fc.constantFrom(0.1, 0.2, 0.7, 9e307, -9e307, 5e-324)
          ),
          { minLength: 1, maxLength: 12 }
        ),
        (values) => {
          const mean = exactMean(values);
          let total = 0n;
          for (const v of values) {
            const { mantissa, exponent } = binaryParts(v);
            total += mantissa << BigInt(exponent + 1074);
          }
          expect(mean).toBe(ratioToNumber(total, BigInt(values.length) << 1074n));
          expect(Number.isFinite(mean)).toBe(true);
          expect(mean).toBeGreaterThanOrEqual(Math.min(...values));
          expect(mean).toBeLessThanOrEqual(Math.max(...values));
        }
      ),
      { numRuns: 5000 }
    );
  });
});
