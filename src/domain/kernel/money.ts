/**
 * Money in pence. Every amount the engine adds, splits or compares is an integer number of
 * pence; pounds appear only at the edges (parsing input, returning results to Excel).
 */

/** An integer number of pence. */
export type Pence = number;

/** Largest amount handled exactly: £90 trillion in pence is still a safe integer. */
export const MAX_PENCE = Number.MAX_SAFE_INTEGER;

/**
 * Pounds (a number, possibly with float noise such as 0.1 + 0.2) to pence, rounding half up
 * (away from zero) at the penny. Returns null for NaN, Infinity or amounts too large to hold.
 */
export function toPence(pounds: number): Pence | null {
  if (!Number.isFinite(pounds)) return null;
  // Scale through a string of limited precision to remove binary noise (1.005 is 1.00499999...).
  const scaled = Number((pounds * 100).toPrecision(15));
  const rounded = roundHalfAwayFromZero(scaled);
  if (!Number.isSafeInteger(rounded)) return null;
  return rounded === 0 ? 0 : rounded;
}

/** Pence to pounds as a number Excel can hold (e.g. 166667 -> 1666.67). */
export function toPounds(pence: Pence): number {
  return pence / 100;
}

/** Round half away from zero to an integer. */
export function roundHalfAwayFromZero(x: number): number {
  const r = Math.sign(x) * Math.floor(Math.abs(x) + 0.5);
  return r === 0 ? 0 : r;
}

/**
 * a * num / den rounded half up (away from zero) to an integer, exactly, for integer inputs.
 * Uses BigInt so that large amounts times large drivers never lose precision.
 */
export function mulDivRound(a: number, num: number, den: number): number {
  if (den === 0) throw new RangeError("mulDivRound: denominator is zero");
  const A = BigInt(a);
  const N = BigInt(num);
  const D = BigInt(den);
  let p = A * N;
  let d = D;
  if (d < 0n) {
    d = -d;
    p = -p;
  }
  const neg = p < 0n;
  const abs = neg ? -p : p;
  const q = (abs * 2n + d) / (d * 2n); // floor((abs + d/2) / d): half up on magnitude
  return Number(neg ? -q : q);
}

/**
 * Share `total` pence out in proportion to integer `weights`, by the largest-remainder method:
 * each part is floor(total * w / sum), then the pence left over go one each to the largest
 * remainders, earlier items first on ties. The parts always add back to `total` exactly.
 * Weights must be integers >= 0 with a positive sum (callers scale decimal drivers first).
 */
export function allocateLargestRemainder(total: Pence, weights: readonly number[]): Pence[] {
  const sum = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (sum <= 0n) throw new RangeError("allocateLargestRemainder: weights must have a positive sum");
  const T = BigInt(Math.abs(total));
  const sign = total < 0 ? -1 : 1;
  const parts: bigint[] = [];
  const rems: bigint[] = [];
  let allocated = 0n;
  for (const w of weights) {
    const prod = T * BigInt(w);
    parts.push(prod / sum);
    rems.push(prod % sum);
    allocated += prod / sum;
  }
  let left = T - allocated;
  const order = weights
    .map((_, i) => i)
    .sort((i, j) => (rems[j] === rems[i] ? i - j : rems[j] > rems[i] ? 1 : -1));
  for (const i of order) {
    if (left <= 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return parts.map((p) => (p === 0n ? 0 : sign * Number(p)));
}

/**
 * Turn decimal drivers (staff hours 37.5, floor area 12.25 m2) into integer weights with the same
 * proportions, by scaling to a common number of decimal places. Returns null when a driver is not
 * finite or the scaled value would not be a safe integer.
 */
export function driversToWeights(drivers: readonly number[]): number[] | null {
  let places = 0;
  for (const d of drivers) {
    if (!Number.isFinite(d)) return null;
    const s = String(Number(d.toPrecision(15)));
    const m = /\.(\d+)$/.exec(s);
    if (s.includes("e")) {
      const exp = /e-(\d+)$/.exec(s);
      if (exp) places = Math.max(places, Number(exp[1]) + (/\.(\d+)e/.exec(s)?.[1].length ?? 0));
    } else if (m) places = Math.max(places, m[1].length);
  }
  places = Math.min(places, 12);
  const f = 10 ** places;
  const out: number[] = [];
  for (const d of drivers) {
    const w = Math.round(d * f);
    if (!Number.isSafeInteger(w)) return null;
    out.push(w);
  }
  return out;
}

/**
 * Parse money as users type it: numbers, or text such as "£12,000.50", "12000", "-£5.00",
 * "(1,234.56)". Returns pence, or null when the text is not an amount of money.
 */
export function parseMoney(value: unknown): Pence | null {
  if (typeof value === "number") return toPence(value);
  if (typeof value !== "string") return null;
  let s = value.trim().replace(/\u00a0/g, " ");
  if (s === "") return null;
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1).trim();
  }
  s = s.replace(/^(GBP|£)\s*/i, "");
  if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1).trim();
  }
  s = s.replace(/\s*(GBP)$/i, "");
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^\.\d+$/.test(s)) return null;
  const n = Number(s.replace(/,/g, ""));
  const p = toPence(n);
  if (p === null) return null;
  return negative && p !== 0 ? -p : p;
}

/** Format pence as British currency text: 1200050 -> "£12,000.50", -500 -> "-£5.00". */
export function formatPounds(pence: Pence): string {
  const neg = pence < 0;
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100);
  const p = abs % 100;
  const body = pounds.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}£${body}.${p.toString().padStart(2, "0")}`;
}

/** Excel number format for pounds and pence. */
export const POUNDS_FORMAT = "£#,##0.00;-£#,##0.00";
/** Excel number format for percentages with one decimal place. */
export const PERCENT_FORMAT = "0.0%";
