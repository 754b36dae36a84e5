/**
 * Scoring arithmetic for bid evaluation panels (DOMAIN.md section 4; UK practice, not in the
 * seeds): the weighted score of a bid, points for price, and the spread of a panel's scores.
 * Pure functions: every bad input comes back as a Problem naming the field, never a throw. Every
 * result stays within its natural bounds and is finite: the lowest price scores exactly maxPoints,
 * a mean lies within the lowest and highest score, and each function is linear in its input.
 */
import { exactMean } from "../kernel/exactFraction";
import { isBlank, parseNumber } from "../kernel/parse";
import { parseMoney } from "../kernel/money";
import { fail, ok, type Result } from "../kernel/result";

/** Price scoring methods. */
export type PriceMethod = "lowest" | "deviation";
export const PRICE_METHODS: readonly PriceMethod[] = ["lowest", "deviation"];

/**
 * Round to 6 decimal places, half away from zero, as Excel's ROUND(x, 6) does. Totals and
 * percentages are rounded this way in both the engine and the generated workbook so that ties and
 * thresholds are decided the same way in both despite binary floating-point noise.
 */
export function round6(x: number): number {
  const scaled = Number((x * 1e6).toPrecision(15));
  const r = Math.sign(scaled) * Math.floor(Math.abs(scaled) + 0.5);
  return r === 0 ? 0 : r / 1e6;
}

function criterionLabel(names: readonly string[] | undefined, i: number): string {
  const n = names?.[i];
  return n && n.trim() !== "" ? `criterion "${n.trim()}"` : `criterion ${i + 1}`;
}

/** A maximum score: a number greater than 0. */
export function parseMaxScore(value: unknown, field = "maxScore"): Result<number> {
  const n = parseNumber(value, field, {
    blank: "error",
    expected: "the top of the scoring scale, e.g. 5",
  });
  if (!n.ok) return n;
  if ((n.value as number) <= 0)
    return fail(
      field,
      `${field} must be greater than 0 (the top of the scoring scale, e.g. 5); got ${n.value}`
    );
  return ok(n.value as number);
}

/**
 * Weighted score: the sum over criteria of score / maxScore x weight (DOMAIN.md s.4, "Weighted
 * score of a criterion = score / maximum score x weight"). A blank score is "not scored yet"
 * (kind "na", naming the criterion); a score outside 0..maxScore, a negative or blank weight, or
 * maxScore <= 0 is a value problem.
 */
export function weightedScore(
  scores: readonly unknown[],
  weights: readonly unknown[],
  maxScore: unknown,
  names?: readonly string[]
): Result<number> {
  const max = parseMaxScore(maxScore);
  if (!max.ok) return max;
  if (scores.length === 0)
    return fail("scores", "scores is empty; expected one score per criterion");
  if (scores.length !== weights.length) {
    return fail(
      "weights",
      `scores has ${scores.length} cells but weights has ${weights.length}; give one weight per criterion`
    );
  }
  // Weights first: a bad weight is a setup error and should be reported even before scoring ends.
  const w: number[] = [];
  for (let i = 0; i < weights.length; i++) {
    const label = `Weight for ${criterionLabel(names, i)}`;
    const r = parseNumber(weights[i], label, {
      blank: "error",
      min: 0,
      expected: "a weight of 0 or more",
    });
    if (!r.ok) return r;
    w.push(r.value as number);
  }
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    const label = `Score for ${criterionLabel(names, i)}`;
    if (isBlank(scores[i])) return fail(label, `${label} is blank (not scored yet)`, "na");
    const r = parseNumber(scores[i], label, { expected: `a score from 0 to ${max.value}` });
    if (!r.ok) return r;
    const v = r.value as number;
    if (v < 0 || v > max.value)
      return fail(label, `${label} must be a score from 0 to ${max.value}; got ${v}`);
    total += (v / max.value) * w[i];
  }
  if (!Number.isFinite(total))
    return fail(
      "weights",
      "weights are too large: the weighted score is beyond the largest number Excel can hold"
    );
  return ok(total);
}

/** A price in pounds: a number or money text such as "£12,000.50". Blank -> null. */
function priceValue(value: unknown, field: string): Result<number | null> {
  if (isBlank(value)) return ok(null);
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      return fail(field, `${field} must be an amount in pounds; got ${value}`);
    return ok(value);
  }
  if (typeof value === "string") {
    const p = parseMoney(value);
    if (p !== null) return ok(p / 100);
  }
  return fail(
    field,
    `${field} must be an amount in pounds, e.g. 12000 or £12,000.50; got "${String(value)}"`
  );
}

/**
 * The lowest price in allPrices, blanks ignored: null when every cell is blank, or the first bad
 * cell as a problem (not an amount, or £0 or less). Read once for a whole column of bids.
 */
export function lowestPrice(allPrices: readonly unknown[]): Result<number | null> {
  let lowest: number | null = null;
  for (let i = 0; i < allPrices.length; i++) {
    const field = `allPrices (cell ${i + 1})`;
    const q = priceValue(allPrices[i], field);
    if (!q.ok) return q;
    if (q.value === null) continue;
    if (q.value <= 0)
      return fail(
        "allPrices",
        `${field} must be more than £0; got ${q.value} (a zero or negative price is an error, not a score)`
      );
    if (lowest === null || q.value < lowest) lowest = q.value;
  }
  return ok(lowest);
}

/**
 * Points for price (DOMAIN.md s.4). `lowest`: maxPoints x lowest / price. `deviation`:
 * maxPoints x max(0, 1 - (price - lowest) / lowest). The lowest price is taken over allPrices and
 * price; blanks in allPrices are ignored. A price of 0 or less anywhere is an error, not a score.
 * For a column of bids, priceScores reads allPrices once (priceScore reads it on every call).
 */
export function priceScore(
  price: unknown,
  allPrices: readonly unknown[],
  maxPoints: unknown,
  method: unknown = "lowest"
): Result<number> {
  return priceScoreAmong(price, lowestPrice(allPrices), maxPoints, method);
}

/**
 * priceScore against the lowest of allPrices already read by lowestPrice: the same checks in the
 * same order (method, maxPoints, price, then allPrices), so the same result and the same problem.
 */
export function priceScoreAmong(
  price: unknown,
  lowestOfAll: Result<number | null>,
  maxPoints: unknown,
  method: unknown = "lowest"
): Result<number> {
  const m = parsePriceMethod(method);
  if (!m.ok) return m;
  const mp = parseNumber(maxPoints, "maxPoints", {
    blank: "error",
    min: 0,
    expected: "the points available for price, 0 or more",
  });
  if (!mp.ok) return mp;
  const p = priceValue(price, "price");
  if (!p.ok) return p;
  if (p.value === null)
    return fail("price", "price is blank (no price entered for this bid)", "na");
  if (p.value <= 0)
    return fail(
      "price",
      `price must be more than £0; got ${p.value} (a zero or negative price is an error, not a score)`
    );
  if (!lowestOfAll.ok) return lowestOfAll;
  const others = lowestOfAll.value;
  const lowest = others !== null && others < p.value ? others : p.value;
  return ok(pricePoints(p.value, lowest, mp.value as number, m.value));
}

/**
 * priceScore for every price in `prices` against the same allPrices, in linear time: allPrices
 * is read once. maxPoints and method apply to every price.
 */
export function priceScores(
  prices: readonly unknown[],
  allPrices: readonly unknown[],
  maxPoints: unknown,
  method: unknown = "lowest"
): Result<number>[] {
  const lowest = lowestPrice(allPrices);
  return prices.map((p) => priceScoreAmong(p, lowest, maxPoints, method));
}

/**
 * The formula itself, for prices already checked (> 0, lowest <= price), in the workbook's order
 * of operations (maxPoints x lowest / price). Always within 0..maxPoints and finite: the lowest
 * price scores exactly maxPoints (the formula in doubles can give 40.00000000000001 of 40), and
 * when maxPoints x lowest is beyond the largest double it is computed as maxPoints x (lowest /
 * price) instead.
 */
export function pricePoints(
  price: number,
  lowest: number,
  maxPoints: number,
  method: PriceMethod
): number {
  if (price <= lowest) return maxPoints;
  if (method === "deviation") return maxPoints * Math.max(0, 1 - (price - lowest) / lowest);
  const product = maxPoints * lowest;
  const points = Number.isFinite(product) ? product / price : maxPoints * (lowest / price);
  return Math.min(maxPoints, points);
}

/** "lowest" (default when blank) or "deviation", in any case. */
export function parsePriceMethod(value: unknown, field = "method"): Result<PriceMethod> {
  if (isBlank(value)) return ok("lowest");
  if (typeof value === "string") {
    const s = value.trim().toLowerCase();
    if (s === "lowest" || s === "deviation") return ok(s);
  }
  return fail(field, `${field} must be "lowest" or "deviation"; got "${String(value)}"`);
}

export type Consensus = {
  mean: number;
  lowest: number;
  highest: number;
  discuss: boolean;
  count: number;
};

/**
 * The spread of the panel's scores for one bid and criterion (DOMAIN.md s.4, moderation): mean,
 * lowest, highest, and discuss when highest - lowest is greater than spreadLimit. Blank cells are
 * ignored; no scores at all is "na". The mean is the exact mean rounded once (exactMean).
 */
export function consensus(
  row: readonly unknown[],
  spreadLimit: unknown,
  field = "scores"
): Result<Consensus> {
  const limit = parseNumber(spreadLimit, "spreadLimit", {
    blank: "error",
    min: 0,
    expected: "a number of points, 0 or more",
  });
  if (!limit.ok) return limit;
  const values: number[] = [];
  let lowest = Infinity;
  let highest = -Infinity;
  for (let i = 0; i < row.length; i++) {
    if (isBlank(row[i])) continue;
    const r = parseNumber(row[i], `${field} (evaluator ${i + 1})`, {
      expected: "a score (a number)",
    });
    if (!r.ok) return r;
    const v = r.value as number;
    values.push(v);
    if (v < lowest) lowest = v;
    if (v > highest) highest = v;
  }
  if (values.length === 0) return fail(field, `${field}: no scores entered yet`, "na");
  // exactly rounded, so within lowest..highest (0.1, 0.1, 0.1 -> 0.1) and finite (9E+307 twice)
  // (|| 0: a mean of -0 reads as 0, as the plain sum 0 + -0 does)
  const mean = Math.min(highest, Math.max(lowest, exactMean(values))) || 0;
  return ok({
    mean,
    lowest,
    highest,
    discuss: highest - lowest > (limit.value as number),
    count: values.length,
  });
}

/**
 * Competition ranks, highest first: equal values share a rank and the next rank skips
 * (1, 2, 2, 4), as Excel's RANK.EQ. null entries are not ranked. One sort: O(n log n).
 */
export function rankDescending(values: readonly (number | null)[]): (number | null)[] {
  // rank = 1 + how many values are greater (NaN is greater than nothing and below nothing)
  const ranked = values.filter((v): v is number => v !== null && !Number.isNaN(v));
  ranked.sort((a, b) => b - a);
  const rankOf = new Map<number, number>();
  ranked.forEach((v, i) => {
    if (!rankOf.has(v)) rankOf.set(v, i + 1);
  });
  return values.map((v) => (v === null ? null : (rankOf.get(v) ?? 1)));
}
