/**
 * Exact arithmetic on the numbers a cell can hold. Every finite double is an exact fraction, so
 * with BigInt nothing needs refusing as "too large or too precise": a driver of 1e300 next to one
 * of 1/3, or a subnormal next to 9E+307, is shared exactly, and a mean of 9E+307 and 9E+307 is
 * 9E+307, not Infinity.
 *
 * Two readings of a number:
 * - decimalReading, for cost drivers: a driver below 10^15 counts as the decimal Excel shows for
 *   it (15 significant digits), so a typed 0.3 is three tenths, =0.1+0.2 ties with it and the
 *   "earlier projects first on ties" rule decides as a person reading the sheet expects; from
 *   10^15 up, where Excel shows no fraction, the number counts exactly. Below 10^15 a double's
 *   first 15 significant digits identify the decimal that was typed, which is why Excel keeps 15.
 * - binaryParts, for means of scores: the double itself, m x 2^e, exactly; ratioToNumber rounds an
 *   exact quotient back to the nearest double once (ties to even), as IEEE division does.
 */

/** coefficient x 10^exponent, exactly. */
export type Decimal = { coefficient: bigint; exponent: number };

const BELOW_EXACT = 1e15;

/**
 * The decimal a driver counts as (see the module comment): below 10^15 the number rounded to 15
 * significant digits; from 10^15 up its exact value. Null for NaN and +-Infinity. Monotone: a
 * larger number never reads smaller.
 */
export function decimalReading(x: number): Decimal | null {
  if (!Number.isFinite(x)) return null;
  if (Number.isSafeInteger(x)) return { coefficient: BigInt(x), exponent: 0 };
  const size = Math.abs(x);
  if (size >= BELOW_EXACT) {
    if (Number.isInteger(x)) return { coefficient: BigInt(x), exponent: 0 };
    // 10^15 <= |x| < 2^52: the spacing of doubles is at least 1/8, so 8x is a whole number.
    return { coefficient: BigInt(x * 8) * 125n, exponent: -3 };
  }
  // Quick: a decimal with few places (37.5, 12.25) is k / 10^p for the first p that gives x back;
  // below 10^15 such a k/10^p is the 15-digit decimal nearest x, as toPrecision(15) would say.
  for (let p = 1, scale = 10; p <= 4; p++, scale *= 10) {
    const k = Math.round(x * scale);
    if (k / scale === x && Math.abs(k) < BELOW_EXACT)
      return { coefficient: BigInt(k), exponent: -p };
  }
  // toPrecision(15) is exact decimal rounding of the double (ECMA-262 Number.prototype.toPrecision).
  const text = x.toPrecision(15); // "-3.33333333333333", "4.94065645841247e-324", "12.2500000000000"
  const e = text.indexOf("e");
  const mantissa = e < 0 ? text : text.slice(0, e);
  const power = e < 0 ? 0 : Number(text.slice(e + 1));
  const point = mantissa.indexOf(".");
  const places = point < 0 ? 0 : mantissa.length - point - 1;
  let digits = point < 0 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  let exponent = power - places;
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48 /* "0" */) end--;
  exponent += digits.length - end;
  digits = digits.slice(0, end);
  const coefficient = BigInt(digits);
  return { coefficient, exponent: coefficient === 0n ? 0 : exponent };
}

/**
 * Whole numbers in exactly the same proportions as the values: each coefficient scaled to the
 * smallest exponent among the values that are not 0 (a common denominator, a power of ten).
 */
export function toCommonScale(values: readonly Decimal[]): bigint[] {
  let low = Infinity;
  for (const v of values) if (v.coefficient !== 0n && v.exponent < low) low = v.exponent;
  if (low === Infinity) return values.map(() => 0n);
  const powers = new Map<number, bigint>();
  return values.map((v) => {
    const shift = v.exponent - low;
    if (v.coefficient === 0n || shift === 0) return v.coefficient;
    let p = powers.get(shift);
    if (p === undefined) {
      p = 10n ** BigInt(shift);
      powers.set(shift, p);
    }
    return v.coefficient * p;
  });
}

const bits = new DataView(new ArrayBuffer(8));

/** A finite double as mantissa x 2^exponent, exactly (subnormals included). */
export function binaryParts(x: number): { mantissa: bigint; exponent: number } {
  bits.setFloat64(0, x);
  const high = bits.getUint32(0);
  const biased = (high >>> 20) & 0x7ff;
  // the 52 stored bits (and the leading 1 of a normal number) fit a double exactly
  let m = (high & 0xfffff) * 4294967296 + bits.getUint32(4);
  let exponent = -1074;
  if (biased !== 0) {
    m += 4503599627370496; // 2^52
    exponent = biased - 1075;
  }
  const mantissa = BigInt(m);
  return { mantissa: high >>> 31 ? -mantissa : mantissa, exponent };
}

/** The number of bits of n > 0, or one more (quick: from the double nearest n when it has one). */
function roughBitLength(n: bigint): number {
  const x = Number(n);
  return Number.isFinite(x) ? Math.floor(Math.log2(x)) + 1 : n.toString(2).length;
}

const SMALLEST_NORMAL = 2 ** -1022;

/** x x 2^e in two steps, so that 2^e alone cannot overflow or underflow on the way. */
function timesPowerOfTwo(x: number, e: number): number {
  const half = Math.trunc(e / 2);
  return x * 2 ** half * 2 ** (e - half);
}

/**
 * num / den (den > 0) rounded once to the nearest double, ties to even, as IEEE 754 division
 * rounds; +-Infinity only when the quotient is beyond the largest double.
 */
export function ratioToNumber(num: bigint, den: bigint): number {
  if (den <= 0n) throw new RangeError("ratioToNumber: the denominator must be above 0");
  if (num === 0n) return 0;
  const negative = num < 0n;
  const n = negative ? -num : num;
  // A quotient of at least 55 bits, with a last bit set when anything remains: Number() rounds
  // that once, exactly as it would round the whole quotient, and 2^-shift scales it exactly
  // unless the result is subnormal.
  const shift = 57 + roughBitLength(den) - roughBitLength(n);
  const a = shift > 0 ? n << BigInt(shift) : n;
  const d = shift < 0 ? den << BigInt(-shift) : den;
  const q = a / d;
  const sticky = a === q * d ? 0n : 1n;
  let value = timesPowerOfTwo(Number((q << 1n) | sticky), -shift - 1);
  if (value < SMALLEST_NORMAL) value = subnormalRatio(n, den);
  return negative ? -value : value;
}

/** n / den > 0 rounded to a double when the result is below the smallest normal double. */
function subnormalRatio(n: bigint, den: bigint): number {
  // every double there is a whole number of 2^-1074: round n x 2^1074 / den to a whole number
  const a = n << 1074n;
  let q = a / den;
  const twice = (a - q * den) * 2n;
  if (twice > den || (twice === den && (q & 1n) === 1n)) q += 1n;
  return timesPowerOfTwo(Number(q), -1074);
}

/**
 * The mean of finite numbers, exactly rounded: the float sum when every addition was exact (the
 * usual case: whole and half scores), else the exact sum in BigInt divided once. Always within
 * the lowest and highest of the values, and never Infinity. Undefined for an empty list.
 */
export function exactMean(values: readonly number[]): number {
  const n = values.length;
  let sum = 0;
  let exact = true;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const s = sum + v;
    // Knuth's TwoSum: the rounding error of this addition (NaN once the sum overflows).
    const back = s - sum;
    const error = sum - (s - back) + (v - back);
    if (error !== 0) exact = false;
    sum = s;
  }
  if (exact && Number.isFinite(sum)) return sum / n;
  // Exactly: every value as mantissa x 2^exponent, over the smallest exponent among them.
  const parts = values.map(binaryParts);
  let low = Infinity;
  for (const p of parts) if (p.mantissa !== 0n && p.exponent < low) low = p.exponent;
  if (low === Infinity) return 0;
  let total = 0n;
  for (const p of parts) total += p.mantissa << BigInt(p.exponent - low);
  return low >= 0
    ? ratioToNumber(total << BigInt(low), BigInt(n))
    : ratioToNumber(total, BigInt(n) << BigInt(-low));
}
