/**
 * Cost lines bidders forget, as the full cost recovery guidance (ACEVO / New Philanthropy Capital,
 * the National Lottery Community Fund, UKRI's full economic costing) asks them to think about:
 * salary on-costs (employer National Insurance above its threshold, employer pension, a pay award
 * each year), irrecoverable VAT, non-cash costs (depreciation, a notional rent for premises the
 * organisation owns), and an optional contingency or surplus stated as such. Rates come from the
 * settings (settings.ts, cost recovery section). Exact in pence: a single rounded amount is
 * rounded half up to the penny (mulDivRound); an amount spread over years adds back exactly.
 */
import { allocateLargestRemainder, formatPounds, mulDivRound, type Pence } from "../kernel/money";
import { fail, ok, type Result } from "../kernel/result";
import type { FrameworkSettings } from "../settings/settings";
import { inflate } from "./years";

/** The prompts shown to a bidder, so none of these is left out by accident. */
export const FORGOTTEN_LINES = [
  {
    id: "onCosts",
    label: "Salary on-costs",
    prompt: "Employer National Insurance above its threshold and employer pension on every salary",
  },
  {
    id: "payAward",
    label: "Pay award",
    prompt: "Salaries rise each year: include the pay award in years 2 onwards",
  },
  {
    id: "vat",
    label: "Irrecoverable VAT",
    prompt: "VAT the organisation pays on purchases and cannot reclaim is a cost",
  },
  {
    id: "depreciation",
    label: "Depreciation",
    prompt: "Equipment and vehicles used up over their life: a yearly share of what they cost",
  },
  {
    id: "notionalRent",
    label: "Notional rent",
    prompt: "Premises the organisation owns still cost what they could be let for",
  },
  {
    id: "contingency",
    label: "Contingency or surplus",
    prompt: "Optional, and stated as such: a contingency for risk, or a surplus for reserves",
  },
] as const;

const bp = (percent: number) => Math.round(percent * 100);

export type SalaryOnCosts = {
  salary: Pence;
  employerNi: Pence;
  pension: Pence;
  total: Pence;
};

/**
 * A salary with its on-costs: employer National Insurance at the rate on the salary above the
 * threshold (HMRC: 15% above £5,000 a year from 6 April 2025), and the employer pension
 * contribution on the salary (at least 3% under automatic enrolment; a simplification: schemes
 * that pay on qualifying earnings only should enter their own rate).
 */
export function salaryOnCosts(salary: Pence, settings: FrameworkSettings): Result<SalaryOnCosts> {
  if (!Number.isSafeInteger(salary) || salary < 0)
    return fail("salary", "Salary must be £0 or more, in pounds and pence");
  const threshold = Math.round(settings.costEmployerNiThreshold * 100);
  const employerNi = mulDivRound(
    Math.max(0, salary - threshold),
    bp(settings.costEmployerNiPercent),
    10_000
  );
  const pension = mulDivRound(salary, bp(settings.costEmployerPensionPercent), 10_000);
  return ok({ salary, employerNi, pension, total: salary + employerNi + pension });
}

/**
 * A staff line over the years: the salary rises by the pay award each year (year n = year 1 x (1 +
 * award)^(n - 1), rounded half up), and each year's on-costs are worked out on that year's salary.
 * `fte` scales the salary (0.5 for half time) before the on-costs, as payroll would.
 */
export function staffLineOverYears(
  fullTimeSalary: Pence,
  fte: number,
  years: number,
  settings: FrameworkSettings
): Result<SalaryOnCosts[]> {
  if (!Number.isFinite(fte) || fte < 0 || fte > 10)
    return fail("fte", "Full-time equivalent must be a number from 0 to 10, e.g. 0.5");
  const scaled = mulDivRound(fullTimeSalary, Math.round(fte * 10_000), 10_000);
  const out: SalaryOnCosts[] = [];
  for (let y = 0; y < years; y++) {
    const s = salaryOnCosts(inflate(scaled, settings.costPayAwardPercent, y), settings);
    if (!s.ok) return s;
    out.push(s.value);
  }
  return ok(out);
}

/**
 * VAT the organisation cannot reclaim on purchases of `net` (before VAT): net x the VAT rate x
 * the part it cannot reclaim (100% for most small charities, which are not VAT-registered).
 */
export function irrecoverableVat(
  net: Pence,
  irrecoverablePercent: number,
  settings: FrameworkSettings
): Pence {
  const vat = mulDivRound(net, bp(settings.costVatPercent), 10_000);
  return mulDivRound(vat, bp(irrecoverablePercent), 10_000);
}

/**
 * Straight-line depreciation: what an asset cost, shared over its useful life in whole years so
 * the yearly charges add back to the cost exactly (largest remainder, earlier years first).
 */
export function depreciation(cost: Pence, lifeYears: number): Result<Pence[]> {
  if (!Number.isInteger(lifeYears) || lifeYears < 1 || lifeYears > 100)
    return fail("lifeYears", "Useful life must be a whole number of years from 1 to 100");
  if (!Number.isSafeInteger(cost) || cost < 0)
    return fail("cost", "What the asset cost must be £0 or more, in pounds and pence");
  return ok(allocateLargestRemainder(cost, new Array<number>(lifeYears).fill(1)));
}

export type Margin = {
  kind: "contingency" | "surplus";
  percent: number;
  pence: Pence;
  label: string;
};

/**
 * An optional contingency or surplus on top of the costs, stated as such (never hidden in a cost
 * line): percent x the costs, rounded half up.
 */
export function margin(
  costs: Pence,
  kind: "contingency" | "surplus",
  percent: number
): Result<Margin> {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100)
    return fail(kind, `The ${kind} must be a percentage from 0 to 100`);
  const pence = mulDivRound(costs, bp(percent), 10_000);
  const what = kind === "contingency" ? "Contingency (for risk)" : "Surplus (for reserves)";
  return ok({ kind, percent, pence, label: `${what}: ${percent}% of ${formatPounds(costs)}` });
}
