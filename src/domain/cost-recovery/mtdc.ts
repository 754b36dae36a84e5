/**
 * Modified total direct costs (MTDC), the base of the US federal de minimis indirect rate
 * (2 CFR 200.414(f): up to 15% of MTDC), as 2 CFR 200.1 defines it from 1 October 2024: "all
 * direct salaries and wages, applicable fringe benefits, materials and supplies, services,
 * travel, and up to the first $50,000 of each subaward (regardless of the period of performance
 * of the subawards under the award). MTDC excludes equipment, capital expenditures, charges for
 * patient care, rental costs, tuition remission, scholarships and fellowships, participant
 * support costs and the portion of each subaward in excess of $50,000."
 *
 * Amounts are in cents (whole numbers), exact. A subaward is written "subaward" (each such line a
 * subaward of its own) or "subaward: <name>" (lines with the same name are one subaward, e.g. one
 * partner over several years, and share one $50,000).
 */
import { fail, ok, type Result } from "../kernel/result";

export type MtdcTreatment = "included" | "excluded";

/** Every category recognised (compared without case or extra spaces), with how MTDC treats it. */
export const MTDC_CATEGORIES: Readonly<Record<string, MtdcTreatment>> = {
  "salaries and wages": "included",
  salaries: "included",
  wages: "included",
  "fringe benefits": "included",
  fringe: "included",
  "materials and supplies": "included",
  materials: "included",
  supplies: "included",
  services: "included",
  travel: "included",
  equipment: "excluded",
  "capital expenditure": "excluded",
  "capital expenditures": "excluded",
  "patient care": "excluded",
  "rental costs": "excluded",
  rental: "excluded",
  rent: "excluded",
  "tuition remission": "excluded",
  tuition: "excluded",
  "scholarships and fellowships": "excluded",
  scholarships: "excluded",
  fellowships: "excluded",
  "participant support costs": "excluded",
  "participant support": "excluded",
};

export const MTDC_EXPECTED =
  "salaries, wages, fringe benefits, materials, supplies, services or travel (counted); " +
  "equipment, capital expenditure, patient care, rental costs, tuition remission, scholarships, " +
  "fellowships or participant support (left out); or subaward, or subaward: name (the first " +
  "$50,000 of each subaward counted)";

export type MtdcLine = { cents: number; category: string };
export type Mtdc = {
  /** The MTDC base, in cents. */
  base: number;
  /** What MTDC leaves out, in cents: excluded categories and each subaward above the limit. */
  leftOut: number;
};

/** The category read: its treatment, or a subaward (with its name, or null for a line of its own). */
export function mtdcCategory(
  text: string
): { kind: MtdcTreatment } | { kind: "subaward"; name: string | null } | null {
  const s = text.trim().replace(/\s+/g, " ").toLowerCase();
  const sub = /^sub-?awards?(?:\s*[:\-–]\s*(.*))?$/.exec(s);
  if (sub) return { kind: "subaward", name: sub[1]?.trim() || null };
  const t = MTDC_CATEGORIES[s];
  return t ? { kind: t } : null;
}

/**
 * The MTDC base of a list of cost lines. `limitCents` is the part of each subaward counted
 * ($50,000 = 5,000,000 cents). Refuses (never throws) a negative or fractional amount and an
 * unknown category, naming the line.
 */
export function mtdc(lines: readonly MtdcLine[], limitCents: number): Result<Mtdc> {
  let base = 0;
  let total = 0;
  const bySubaward = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const { cents, category } = lines[i];
    const line = `line ${i + 1}`;
    if (!Number.isSafeInteger(cents) || cents < 0)
      return fail("amounts", `amounts ${line} must be an amount, 0 or more, in whole cents`);
    const c = mtdcCategory(category);
    if (!c)
      return fail("categories", `categories ${line} is "${category}"; expected ${MTDC_EXPECTED}`);
    total += cents;
    if (c.kind === "included") base += cents;
    else if (c.kind === "subaward") {
      const key = c.name === null ? `#${i}` : c.name;
      const before = bySubaward.get(key) ?? 0;
      const counted = Math.max(0, Math.min(cents, limitCents - before));
      bySubaward.set(key, before + cents);
      base += counted;
    }
  }
  if (!Number.isSafeInteger(total))
    return fail("amounts", "amounts add up to more than can be counted exactly to the cent");
  return ok({ base, leftOut: total - base });
}
