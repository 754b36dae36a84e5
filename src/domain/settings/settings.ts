/**
 * The funding framework's parameters: one zod schema, the single source of truth for every
 * threshold, ratio and band the add-in uses. Nothing else in the code base hard-codes them;
 * the task pane's Settings panel edits them and they are saved with the workbook.
 *
 * Money settings are in pounds with at most two decimal places (the engine converts to pence);
 * shares are percentages of the full cost paid by the funder.
 */
import { z } from "zod";
import type { Problem } from "../kernel/problem";

const pounds = (field: string) =>
  z
    .number({ error: `${field} must be an amount in pounds, e.g. 5000` })
    .finite({ message: `${field} must be a finite amount in pounds` })
    .min(0, { message: `${field} must be £0 or more` })
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, {
      message: `${field} must be in pounds and pence (at most two decimal places)`,
    });

const percent = (field: string) =>
  z
    .number({ error: `${field} must be a percentage from 0 to 100` })
    .min(0, { message: `${field} must be 0% or more` })
    .max(100, { message: `${field} must be 100% or less` })
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, {
      message: `${field} must have at most two decimal places`,
    });

const years = (field: string) =>
  z
    .number({ error: `${field} must be a whole number of years` })
    .int({ message: `${field} must be a whole number of years` })
    .min(1, { message: `${field} must be at least 1 year` })
    .max(25, { message: `${field} must be 25 years or less` });

export const DEFAULT_DESCRIPTORS_0_5 = [
  "Unacceptable",
  "Serious reservations",
  "Minor reservations",
  "Acceptable",
  "Good",
  "Excellent",
];

export const FrameworkSettingsSchema = z
  .object({
    /** Schema version, so a workbook saved by a later release is recognised. */
    version: z.literal(1).default(1),

    // --- Shopping, investing, giving (002:250-327) ---
    /**
     * Small-grant threshold, £ per year. The source writes "<£5000" and ">£5000" (002:322,
     * 002:320, Table 2 at 002:276-313); exactly £5,000 is left open there, so a value equal to
     * the threshold is treated as a small grant ("up to £5,000") and flagged at-threshold.
     */
    smallGrantThreshold: pounds("Small-grant threshold").default(5000),
    /** Small grants: "The norm would be two years funding ... with a maximum of three" (002:323). */
    smallGrantTermNormYears: years("Small-grant normal term").default(2),
    smallGrantTermMaxYears: years("Small-grant maximum term").default(3),
    /** Funding agreements of three years as a minimum wherever circumstances allow (000:408; 001:165). */
    fundingTermNormYears: years("Funding term norm").default(3),
    /**
     * Full competitive tendering threshold. Local thresholds ranged from £50k to £144,459
     * (003:253); a dated setting, so the date it was last confirmed travels with it.
     */
    tenderingThreshold: pounds("Tendering threshold").default(50000),
    tenderingThresholdAsOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, {
        message: "Tendering threshold date must be a date written YYYY-MM-DD",
      })
      .default("2007-04-01"),
    /**
     * Proportionate monitoring bands: "under £25k, £25-£100K and over £100k" (000:572);
     * monitoring proportionate to value and risk (002:330-341; 004:278).
     */
    monitoringLightBelow: pounds("Light monitoring band (under)").default(25000),
    monitoringFullAbove: pounds("Full monitoring band (over)").default(100000),

    // --- Balance of benefit (002:353-355); ratios written VCS organisation / funder ---
    /** Principal benefit to the commissioner: full cost recovery (002:353). */
    funderShareCommissionedService: percent("Funder share for commissioned services").default(100),
    /** "50/50 VCS organisation / Council for investment" (002:355). */
    funderShareInvestment: percent("Funder share for investment").default(50),
    /** "80/20 for grants" (002:355): 80% VCS organisation, 20% funder. */
    funderShareSmallGrant: percent("Funder share for small grants").default(20),
    /** Qualifying activity is grant funding too (002:327, 002:355). */
    funderShareQualifyingActivity: percent("Funder share for qualifying activity").default(20),

    // --- Cost recovery: cost lines bidders forget, and funder rules (not in the seeds) ---
    /** General inflation a year for a costing over several years: a planning assumption to change. */
    costInflationPercent: percent("General inflation a year").default(3),
    /** Pay award a year for staff lines (a planning assumption; 0 when none is expected). */
    costPayAwardPercent: percent("Pay award a year").default(0),
    /** Employer National Insurance: 15% above the secondary threshold from 6 April 2025 (HMRC). */
    costEmployerNiPercent: percent("Employer National Insurance rate").default(15),
    /** Employer National Insurance secondary threshold, £5,000 a year from 6 April 2025 (HMRC). */
    costEmployerNiThreshold: pounds("Employer National Insurance threshold").default(5000),
    /** Employer pension contribution: at least 3% under automatic enrolment (The Pensions Regulator). */
    costEmployerPensionPercent: percent("Employer pension contribution").default(3),
    /** VAT standard rate (HMRC): the part a charity cannot reclaim is a cost of the project. */
    costVatPercent: percent("VAT rate").default(20),
    /** UKRI-style funding: the funder pays 80% of the full economic cost (UKRI funding guidance). */
    costUkriFecPercent: percent("Share of full economic cost paid (UKRI-style)").default(80),
    /** US federal de minimis indirect rate: up to 15% of MTDC (2 CFR 200.414(f), from 1 October 2024). */
    costUsDeMinimisPercent: percent("US federal de minimis indirect rate").default(15),
    /** MTDC counts the first $50,000 of each subaward (2 CFR 200.1, from 1 October 2024). */
    costMtdcSubawardLimit: pounds("MTDC limit per subaward (US$)").default(50000),

    // --- Bid evaluation (DOMAIN.md section 4; UK practice, not in the seeds) ---
    /** Spread (highest - lowest) above which a score is discussed at moderation. */
    moderationSpreadLimit: z
      .number({ error: "Moderation spread limit must be a number of points" })
      .min(0, { message: "Moderation spread limit must be 0 or more" })
      .default(1),
    /** Warn when social value weighs under this share of the total (PPN 002, 2025). */
    socialValueMinWeightPercent: percent("Social value minimum weight").default(10),
  })
  .superRefine((s, ctx) => {
    if (s.smallGrantTermNormYears > s.smallGrantTermMaxYears) {
      ctx.addIssue({
        code: "custom",
        path: ["smallGrantTermNormYears"],
        message: "Small-grant normal term must not exceed the small-grant maximum term",
      });
    }
    if (s.monitoringLightBelow > s.monitoringFullAbove) {
      ctx.addIssue({
        code: "custom",
        path: ["monitoringLightBelow"],
        message: "Light monitoring band must not be above the full monitoring band",
      });
    }
  });

export type FrameworkSettings = z.infer<typeof FrameworkSettingsSchema>;
export type FrameworkSettingsInput = z.input<typeof FrameworkSettingsSchema>;

/** The defaults, as the sources state them. */
export const DEFAULT_SETTINGS: FrameworkSettings = Object.freeze(FrameworkSettingsSchema.parse({}));

/** Human labels for every field, used by the Settings panel and error messages. */
export const SETTING_LABELS: Record<keyof FrameworkSettings, string> = {
  version: "Settings version",
  smallGrantThreshold: "Small-grant threshold (£ per year)",
  smallGrantTermNormYears: "Small-grant normal term (years)",
  smallGrantTermMaxYears: "Small-grant maximum term (years)",
  fundingTermNormYears: "Funding term norm (years)",
  tenderingThreshold: "Competitive tendering threshold (£)",
  tenderingThresholdAsOf: "Tendering threshold confirmed on",
  monitoringLightBelow: "Light monitoring under (£)",
  monitoringFullAbove: "Full monitoring over (£)",
  funderShareCommissionedService: "Funder share: commissioned service (%)",
  funderShareInvestment: "Funder share: investment (%)",
  funderShareSmallGrant: "Funder share: small grant (%)",
  funderShareQualifyingActivity: "Funder share: qualifying activity (%)",
  costInflationPercent: "General inflation a year (%)",
  costPayAwardPercent: "Pay award a year (%)",
  costEmployerNiPercent: "Employer National Insurance rate (%)",
  costEmployerNiThreshold: "Employer National Insurance threshold (£ a year)",
  costEmployerPensionPercent: "Employer pension contribution (%)",
  costVatPercent: "VAT rate (%)",
  costUkriFecPercent: "UKRI-style share of full economic cost (%)",
  costUsDeMinimisPercent: "US federal de minimis indirect rate (% of MTDC)",
  costMtdcSubawardLimit: "MTDC: first part of each subaward counted (US$)",
  moderationSpreadLimit: "Moderation: discuss when spread is over (points)",
  socialValueMinWeightPercent: "Warn when social value weighs under (%)",
};

/** Where each default comes from, shown beside the field. */
export const SETTING_SOURCES: Record<keyof FrameworkSettings, string> = {
  version: "",
  smallGrantThreshold: "Wiltshire review 002:320-322, Table 2",
  smallGrantTermNormYears: "002:323",
  smallGrantTermMaxYears: "002:323",
  fundingTermNormYears: "000:408; 001:165",
  tenderingThreshold: "London boroughs 003:253 (£50k to £144,459)",
  tenderingThresholdAsOf: "003:253",
  monitoringLightBelow: "Tower Hamlets 000:572",
  monitoringFullAbove: "Tower Hamlets 000:572",
  funderShareCommissionedService: "002:353 (full cost recovery)",
  funderShareInvestment: "002:355 (50/50)",
  funderShareSmallGrant: "002:355 (80/20)",
  funderShareQualifyingActivity: "002:355 (80/20)",
  costInflationPercent: "Planning assumption",
  costPayAwardPercent: "Planning assumption",
  costEmployerNiPercent: "HMRC, from 6 April 2025",
  costEmployerNiThreshold: "HMRC secondary threshold, from 6 April 2025",
  costEmployerPensionPercent: "Automatic enrolment minimum (The Pensions Regulator)",
  costVatPercent: "HMRC standard rate",
  costUkriFecPercent: "UKRI: 80% of full economic cost",
  costUsDeMinimisPercent: "2 CFR 200.414(f), from 1 October 2024",
  costMtdcSubawardLimit: "2 CFR 200.1 (MTDC), from 1 October 2024",
  moderationSpreadLimit: "UK practice (DOMAIN.md s.4)",
  socialValueMinWeightPercent: "PPN 002 (2025)",
};

export type SettingsResult =
  { ok: true; settings: FrameworkSettings } | { ok: false; errors: Problem[] };

/**
 * Validate settings from any source (the Settings panel, a saved workbook). Missing fields take
 * their defaults; bad fields are refused with a message naming the field.
 */
export function parseSettings(input: unknown): SettingsResult {
  const result = FrameworkSettingsSchema.safeParse(input ?? {});
  if (result.success) return { ok: true, settings: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? "");
      const label = (SETTING_LABELS as Record<string, string>)[key] ?? (key || "Settings");
      // The schema's own messages name the field; zod's generic ones get the label in front.
      const named = /^[A-Z]/.test(issue.message) && !/^(Invalid|Expected|Too )/.test(issue.message);
      return {
        field: key || "settings",
        message: named ? issue.message : `${label}: ${issue.message}`,
      };
    }),
  };
}

/** Serialise for saving in the workbook. */
export function serializeSettings(settings: FrameworkSettings): string {
  return JSON.stringify(settings);
}

/** Read settings saved in a workbook; anything unreadable falls back to the defaults with the reason. */
export function deserializeSettings(text: string | null | undefined): SettingsResult {
  if (text == null || text === "") return { ok: true, settings: DEFAULT_SETTINGS };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      ok: false,
      errors: [{ field: "settings", message: "Saved settings are not valid JSON" }],
    };
  }
  return parseSettings(raw);
}
