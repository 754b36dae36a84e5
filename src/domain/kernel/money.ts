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
  return Number(divRoundHalfUp(BigInt(a) * BigInt(num), BigInt(den)));
}

/** p / d rounded half up (away from zero) to a whole number, exactly; d must not be 0. */
export function divRoundHalfUp(p: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError("divRoundHalfUp: denominator is zero");
  if (d < 0n) {
    d = -d;
    p = -p;
  }
  const neg = p < 0n;
  const abs = neg ? -p : p;
  const q = (abs * 2n + d) / (d * 2n); // floor((abs + d/2) / d): half up on magnitude
  return neg ? -q : q;
}

/**
 * Share `total` pence out in proportion to integer `weights`, by the largest-remainder method:
 * each part is floor(total * w / sum), then the pence left over go one each to the largest
 * remainders, earlier items first on ties. The parts always add back to `total` exactly.
 * Weights must be integers >= 0 (numbers or BigInt, any size) with a positive sum (callers scale
 * decimal drivers first: see driverWeights in cost-recovery/rules.ts). Exact in BigInt, and
 * linear in the number of weights (largestRemainders).
 */
export function allocateLargestRemainder(
  total: Pence,
  weights: readonly (number | bigint)[]
): Pence[] {
  const n = weights.length;
  const big: bigint[] = new Array<bigint>(n);
  let sum = 0n;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    big[i] = typeof w === "bigint" ? w : BigInt(w);
    sum += big[i];
  }
  if (sum <= 0n) throw new RangeError("allocateLargestRemainder: weights must have a positive sum");
  const T = BigInt(Math.abs(total));
  const sign = total < 0 ? -1 : 1;
  const parts: bigint[] = new Array<bigint>(n);
  const rems: bigint[] = new Array<bigint>(n);
  let left = T;
  for (let i = 0; i < n; i++) {
    const prod = T * big[i];
    const q = prod / sum;
    parts[i] = q;
    rems[i] = prod - q * sum;
    left -= q;
  }
  if (left > 0n) {
    // Remainders as fractions of the sum, in doubles: both scaled down by the same power of two,
    // which keeps their order (ties kept or made, never reversed).
    const shift = BigInt(Math.max(0, sum.toString(2).length - 64));
    const whole = Number(sum >> shift);
    const chosen = largestRemainders(
      n,
      Number(left),
      (i) => Number(rems[i] >> shift) / whole,
      (i, j) => (rems[i] === rems[j] ? i - j : rems[j] > rems[i] ? 1 : -1)
    );
    for (const i of chosen) parts[i] += 1n;
  }
  return parts.map((p) => (p === 0n ? 0 : sign * Number(p)));
}

/**
 * The `count` items with the largest remainders, earlier items first on ties, in linear expected
 * time (no sort): items go into n buckets by `fraction` (the remainder as a fraction of the
 * divisor, in [0, 1], never decreasing as the exact remainder grows), whole buckets are taken from
 * the top, and in the bucket the cut falls in the items to take are selected exactly by `compare`
 * (remainder descending, then index ascending: a total order). count must be below the number of
 * non-zero remainders. The items come back in no particular order.
 */
export function largestRemainders(
  n: number,
  count: number,
  fraction: (i: number) => number,
  compare: (i: number, j: number) => number
): number[] {
  const chosen: number[] = [];
  if (count <= 0 || n === 0) return chosen;
  const bucket = new Int32Array(n);
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const b = Math.min(n - 1, Math.max(0, Math.floor(fraction(i) * n)));
    bucket[i] = b;
    start[b + 1]++;
  }
  for (let b = 0; b < n; b++) start[b + 1] += start[b];
  const next = start.slice(0, n);
  const order = new Int32Array(n); // items grouped by bucket, in index order within each
  for (let i = 0; i < n; i++) order[next[bucket[i]]++] = i;
  let need = count;
  for (let b = n - 1; b >= 0 && need > 0; b--) {
    const from = start[b];
    const size = start[b + 1] - from;
    if (size <= need) {
      for (let t = from; t < from + size; t++) chosen.push(order[t]);
      need -= size;
    } else {
      const group = Array.from(order.subarray(from, from + size));
      selectFirst(group, need, compare);
      for (let t = 0; t < need; t++) chosen.push(group[t]);
      need = 0;
    }
  }
  return chosen;
}

/**
 * Reorder `items` so that its first k are the k first in `compare`'s order (a total order):
 * quickselect, linear in expected time. Pivots come from a fixed pseudo-random sequence, so the
 * work done is the same on every run.
 */
function selectFirst(items: number[], k: number, compare: (i: number, j: number) => number) {
  let lo = 0;
  let hi = items.length - 1;
  let seed = 0x9e3779b9;
  while (lo < hi) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const pivot = items[lo + (seed % (hi - lo + 1))];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (compare(items[i], pivot) < 0) i++;
      while (compare(items[j], pivot) > 0) j--;
      if (i <= j) {
        const t = items[i];
        items[i] = items[j];
        items[j] = t;
        i++;
        j--;
      }
    }
    // now items[lo..j] come no later than the pivot and items[i..hi] no earlier
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else return;
  }
}

/**
 * Turn decimals (a ratio 33.5/66.5, a funder share 0.2) into integer weights with the same
 * proportions, by scaling to a common number of decimal places (at most 12). Returns null when a
 * value is not finite or the scaled value would not be a safe integer. Cost drivers do not come
 * here: they are shared exactly whatever their size (driverWeights, cost-recovery/rules.ts).
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
