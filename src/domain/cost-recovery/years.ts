/**
 * A costing over 1 to 5 years: each line's first-year amount grows by its own inflation rate (or
 * the general one) each year, compounded, and each year's amount is rounded half up to the penny
 * from the first year's exactly (year n = year 1 x (1 + rate)^(n - 1)), so no rounding carries
 * from one year to the next. Yearly totals and the total over the years add up exactly.
 *
 * Funding agreements and contracts of three years as a minimum wherever circumstances allow are
 * the framework's norm (000:408): a costing shorter than the setting says so.
 */
import { divRoundHalfUp, formatPounds, type Pence } from "../kernel/money";
import { fail, ok, type Result } from "../kernel/result";
import type { FrameworkSettings } from "../settings/settings";

export const MAX_YEARS = 5;

export type YearLine = {
  name: string;
  /** The first year's amount, in pence. */
  year1: Pence;
  /** This line's inflation a year in percent (at most two decimal places), or null for the general rate. */
  inflationPercent: number | null;
};

export type YearsCosting = {
  years: number;
  /** perLine[i][y]: line i in year y + 1. */
  perLine: Pence[][];
  /** Each year's total. */
  perYear: Pence[];
  /** Each line's total over the years. */
  lineTotals: Pence[];
  total: Pence;
};

/** Year n's amount: year 1 x ((10000 + bp) / 10000)^(n - 1), rounded half up, exactly. */
export function inflate(year1: Pence, inflationPercent: number, yearIndex: number): Pence {
  const bp = BigInt(Math.round(inflationPercent * 100));
  const k = BigInt(yearIndex);
  const num = BigInt(year1) * (10_000n + bp) ** k;
  return Number(divRoundHalfUp(num, 10_000n ** k));
}

/** Cost the lines over `years` years (1 to MAX_YEARS) at their own or the general inflation rate. */
export function costOverYears(
  lines: readonly YearLine[],
  years: number,
  generalInflationPercent: number
): Result<YearsCosting> {
  if (!Number.isInteger(years) || years < 1 || years > MAX_YEARS)
    return fail("years", `Years must be a whole number from 1 to ${MAX_YEARS}; got ${years}`);
  const perLine: Pence[][] = [];
  for (const [i, line] of lines.entries()) {
    const rate = line.inflationPercent ?? generalInflationPercent;
    const label = `Line ${i + 1} (${line.name || "unnamed"})`;
    if (!Number.isFinite(rate) || rate < -100 || rate > 100)
      return fail("inflation", `${label} inflation must be a percentage from -100 to 100`);
    if (!Number.isSafeInteger(line.year1) || line.year1 < 0)
      return fail("year1", `${label} first-year amount must be £0 or more, in whole pence`);
    perLine.push(Array.from({ length: years }, (_, y) => inflate(line.year1, rate, y)));
  }
  const perYear = Array.from({ length: years }, (_, y) =>
    perLine.reduce((s, row) => s + row[y], 0)
  );
  const lineTotals = perLine.map((row) => row.reduce((s, x) => s + x, 0));
  return ok({
    years,
    perLine,
    perYear,
    lineTotals,
    total: perYear.reduce((s, x) => s + x, 0),
  });
}

/** The framework's three-year norm (000:408) in words, for a costing of `years` years. */
export function termNote(years: number, settings: FrameworkSettings): string {
  const norm = settings.fundingTermNormYears;
  const base = `The framework's norm is funding for ${norm} years as a minimum wherever circumstances allow`;
  return years < norm
    ? `${base}: this costing covers ${years} year${years === 1 ? "" : "s"}; ask whether a ${norm}-year agreement is possible.`
    : `${base}: this costing covers ${years} years.`;
}

/** The years in words: "Year 1 £40,000.00; Year 2 £41,200.00; ... Total £123,636.00". */
export function yearsInWords(c: YearsCosting): string {
  const parts = c.perYear.map((p, y) => `Year ${y + 1} ${formatPounds(p)}`);
  return `${parts.join("; ")}; total ${formatPounds(c.total)}`;
}
