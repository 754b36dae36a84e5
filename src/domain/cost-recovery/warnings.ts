/**
 * Warnings about a project's funding type that do not stop the sheet being built: a funding type
 * unusual for the amount under the framework's Table 2 (002:276-313, 002:320-322): a small grant
 * is for funding up to the small-grant threshold a year; commissioned services, investment and
 * qualifying activity over a small grant are above it. The amount is the price or award entered,
 * or, with none entered, the full cost.
 */
import { formatPounds, toPence, type Pence } from "../kernel/money";
import type { Problem } from "../kernel/problem";
import type { FrameworkSettings } from "../settings/settings";
import type { CostRecoveryResult, CostRecoverySetup } from "./organisation";

/** One project's warning about its funding type for the amount, or null. */
export function fundingTypeWarning(
  label: string,
  fundingType: string,
  pricePence: Pence | null,
  fullCostPence: Pence,
  settings: FrameworkSettings
): Problem | null {
  const amount = pricePence ?? fullCostPence;
  const what = pricePence === null ? "full cost" : "price or award";
  const threshold = toPence(settings.smallGrantThreshold) ?? 0;
  const field = `${label} funding type`;
  const limit = `the small-grant threshold of ${formatPounds(threshold)} a year`;
  if (fundingType === "Small grant" && amount > threshold)
    return {
      field,
      message: `${label} is a small grant but its ${what} of ${formatPounds(amount)} is over ${limit}: check the funding type (investment or qualifying activity above it)`,
    };
  if (fundingType !== "Small grant" && amount > 0 && amount <= threshold)
    return {
      field,
      message: `${label} is ${fundingType.toLowerCase() === "investment" ? "an investment" : `a ${fundingType.toLowerCase()}`} but its ${what} of ${formatPounds(amount)} is not over ${limit}, where funding is usually a small grant: check the funding type`,
    };
  return null;
}

/** Every project's funding-type warning, in order. */
export function fundingTypeWarnings(
  setup: CostRecoverySetup,
  result: CostRecoveryResult,
  settings: FrameworkSettings
): Problem[] {
  const out: Problem[] = [];
  setup.projects.forEach((p, j) => {
    const r = result.projects[j];
    const label = `Project ${j + 1} (${p.name.trim() || "unnamed"})`;
    const w = fundingTypeWarning(label, p.fundingType, r.awardPence, r.fullCost, settings);
    if (w) out.push(w);
  });
  return out;
}

/** The sheet's short check for a project's funding type (its "Check" column), or "". */
export function fundingTypeCheck(
  fundingType: string,
  pricePence: Pence | null,
  fullCostPence: Pence,
  settings: FrameworkSettings
): string {
  const w = fundingTypeWarning("", fundingType, pricePence, fullCostPence, settings);
  if (!w) return "";
  return fundingType === "Small grant" ? CHECK_SMALL_GRANT_OVER : CHECK_UNDER_THRESHOLD;
}

export const CHECK_SMALL_GRANT_OVER =
  "Small grant over the small-grant threshold: check the funding type";
export const CHECK_UNDER_THRESHOLD =
  "Not over the small-grant threshold: usually a small grant; check the funding type";
