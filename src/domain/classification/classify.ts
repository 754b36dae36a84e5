/**
 * The shopping / investing / giving framework (Wiltshire review, 002:250-327): place one funding
 * row in the framework, with its budget, route to funding, cost-recovery basis, monitoring band,
 * and the flags that show it may be mislabelled (002:262).
 *
 * Pure: no Office.js, no DOM. Money in pence; settings passed in explicitly.
 */
import { toPence, type Pence } from "../kernel/money";
import { isBlank, parseAmount, parseNumber, parseYesNo } from "../kernel/parse";
import { fail, ok, type Result } from "../kernel/result";
import type { FrameworkSettings } from "../settings/settings";

export type Mode = "Shopping" | "Investing" | "Giving";
export type FundingType =
  "Commissioned service" | "Investment" | "Small grant" | "Qualifying activity";
export type Budget = "Departmental" | "VCS";
export type Route = "Procurement" | "Partnering" | "Accreditation";
export type Monitoring = "Light" | "Standard" | "Full";
export type RecipientTier = "infrastructure" | "frontline";

export const MODES: readonly Mode[] = ["Shopping", "Investing", "Giving"];
export const FUNDING_TYPES: readonly FundingType[] = [
  "Commissioned service",
  "Investment",
  "Small grant",
  "Qualifying activity",
];
export const MODE_OF_TYPE: Readonly<Record<FundingType, Mode>> = {
  "Commissioned service": "Shopping",
  Investment: "Investing",
  "Small grant": "Giving",
  "Qualifying activity": "Giving",
};

/** Flag codes, in the order they are reported. */
export const FLAG_CODES = [
  "grant-with-outputs",
  "sla-not-procured",
  "contract-without-outputs",
  "not-tendered",
  "unaccredited",
  "grant-term-over-max",
  "short-term",
  "at-threshold",
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

/** One sentence per flag for the register's Notes column and the documentation. */
export const FLAG_NOTES: Readonly<Record<FlagCode, string>> = {
  // 002:262 "Budgets labelled grants ... paying for mainstream commissioning"; a true grant is
  // "not tied to specific outcomes" (002:262, 004:255).
  "grant-with-outputs":
    "Labelled a grant but the funder specifies the outputs: this is really a commissioned service.",
  // 002:262 SLAs "which define objectives and outputs tied to funding ... not been through a formal
  // procurement exercise, albeit these are really contracts for commissioned services".
  "sla-not-procured":
    "Service level agreement with outputs tied to the funding but no competitive selection: really a contract that should be procured.",
  // 002:256 and 004:255: a contract buys specified services; without specified outputs it reads as a grant.
  "contract-without-outputs":
    "Labelled a contract but no outputs are specified: check whether it is really a grant or investment.",
  // 003:253 local thresholds for full competitive tendering (£50k to £144,459); 002:316.
  "not-tendered":
    "Commissioned service at or above the tendering threshold that was not competitively selected.",
  // 002:324-326 small grants only for accredited organisations (e.g. PQASSO Quality Mark).
  unaccredited:
    "Small grant to an organisation that is not accredited; small grants are for accredited organisations only.",
  // 002:323 "The norm would be two years funding ... with a maximum of three years".
  "grant-term-over-max": "Small grant for longer than the maximum term for small grants.",
  // 000:408, 001:165 three-year agreements as a minimum wherever circumstances allow.
  "short-term":
    "Term shorter than the norm for funding agreements and contracts (three years wherever circumstances allow).",
  // 002:320-322 say ">£5000" and "<£5000"; exactly the threshold is left open by the source.
  "at-threshold":
    "Value exactly equals the small-grant threshold, which the source leaves open; treated as a small grant.",
};

/** Where each flag comes from (file:line in the seed documents). */
export const FLAG_SOURCES: Readonly<Record<FlagCode, string>> = {
  "grant-with-outputs": "002:262",
  "sla-not-procured": "002:262",
  "contract-without-outputs": "002:256; 004:255",
  "not-tendered": "003:253; 002:316",
  unaccredited: "002:324-326",
  "grant-term-over-max": "002:323",
  "short-term": "000:408; 001:165",
  "at-threshold": "002:320-322",
};

/** Raw arguments as they arrive from a cell or a register row. */
export type ClassifyInput = {
  annualValue: unknown;
  outputsSpecified: unknown;
  recipientTier?: unknown;
  currentLabel?: unknown;
  competitivelySelected?: unknown;
  accredited?: unknown;
  termYears?: unknown;
};

/** Parsed arguments. Optional yes/no and term are null when not known. */
export type ClassifyFacts = {
  valuePence: Pence;
  outputsSpecified: boolean;
  tier: RecipientTier;
  label: string;
  competitivelySelected: boolean | null;
  accredited: boolean | null;
  termYears: number | null;
};

export type Classification = {
  mode: Mode;
  fundingType: FundingType;
  budget: Budget;
  route: Route;
  /** "Full" when the funder pays 100%, otherwise VCS share / funder share, e.g. "80/20". */
  costRecovery: string;
  /** The funder's share as a fraction: 1, 0.5, 0.2. */
  funderShare: number;
  monitoring: Monitoring;
  flags: FlagCode[];
};

/** The eight cells, in the order of the function's result and the register's columns. */
export type ClassificationRow = [string, string, string, string, string, number, string, string];

export const RESULT_HEADERS = [
  "Mode",
  "Funding type",
  "Budget",
  "Route",
  "Cost recovery",
  "Funder share",
  "Monitoring",
  "Flags",
] as const;

// --- parsing ---------------------------------------------------------------------------------

/**
 * Infrastructure bodies support frontline groups (002:258); a CVS (Council for Voluntary
 * Service), Voluntary Action body, volunteer centre or rural community council is the standard
 * example, so those names are accepted as the tier too.
 */
const INFRASTRUCTURE = new Set([
  "infrastructure",
  "infrastructure body",
  "infrastructure organisation",
  "umbrella",
  "umbrella body",
  "second tier",
  "2nd tier",
  "cvs",
  "council for voluntary service",
  "council for voluntary services",
  "voluntary action",
  "volunteer centre",
  "rural community council",
  "community action",
]);
const FRONTLINE = new Set(["frontline", "front line"]);

/** recipientTier: infrastructure (umbrella, second tier, CVS ...) or frontline (front line, front-line); blank = frontline. */
export function parseRecipientTier(value: unknown, field = "recipientTier"): Result<RecipientTier> {
  if (isBlank(value)) return ok("frontline");
  if (typeof value !== "string") {
    return fail(field, `${field} must be infrastructure or frontline; got ${String(value)}`);
  }
  const s = value
    .trim()
    .toLowerCase()
    .replace(/[\s\-_]+/g, " ");
  if (INFRASTRUCTURE.has(s)) return ok("infrastructure");
  if (FRONTLINE.has(s)) return ok("frontline");
  return fail(
    field,
    `${field} must be infrastructure (or CVS, umbrella, second tier) or frontline; got "${value.trim().slice(0, 60)}"`
  );
}

/** Parse and check every argument; the first problem found is returned, naming its argument. */
export function parseClassifyInput(input: ClassifyInput): Result<ClassifyFacts> {
  const value = parseAmount(input.annualValue, "annualValue");
  if (!value.ok) return value;
  if (isBlank(input.outputsSpecified)) {
    return fail(
      "outputsSpecified",
      "outputsSpecified is blank; expected yes or no (does the funder specify the service or outputs?)"
    );
  }
  const outputs = parseYesNo(input.outputsSpecified, "outputsSpecified");
  if (!outputs.ok) return outputs;
  const tier = parseRecipientTier(input.recipientTier);
  if (!tier.ok) return tier;
  const label = input.currentLabel;
  if (!isBlank(label) && typeof label !== "string" && typeof label !== "number") {
    return fail(
      "currentLabel",
      `currentLabel must be text such as grant, SLA or contract; got ${String(label)}`
    );
  }
  const competitive = parseYesNo(input.competitivelySelected, "competitivelySelected");
  if (!competitive.ok) return competitive;
  const accredited = parseYesNo(input.accredited, "accredited");
  if (!accredited.ok) return accredited;
  const term = parseNumber(input.termYears, "termYears", {
    min: 0,
    expected: "a number of years, 0 or more",
  });
  if (!term.ok) return term;
  return ok({
    valuePence: value.value,
    outputsSpecified: outputs.value as boolean,
    tier: tier.value,
    label: isBlank(label) ? "" : String(label),
    competitivelySelected: competitive.value,
    accredited: accredited.value,
    termYears: term.value,
  });
}

// --- label tests (002:262) ---------------------------------------------------------------------

const norm = (label: string) =>
  label
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, " ")
    .trim();

/** The label contains "grant" (grant, grants, grant aid, small grant ...). */
export const labelSaysGrant = (label: string): boolean => norm(label).includes("grant");
/** The label contains "contract". */
export const labelSaysContract = (label: string): boolean => norm(label).includes("contract");
/** The label is an SLA or service level agreement (also "S.L.A.", "SLA 2007/08"). */
export const labelSaysSla = (label: string): boolean => {
  const s = norm(label).replace(/\./g, "");
  return /(^|[^a-z])sla($|[^a-z])/.test(s) || /service[\s-]*level[\s-]*agreement/.test(s);
};

// --- rules --------------------------------------------------------------------------------------

/** The settings' money thresholds in pence, worked out once per settings object. */
type Limits = {
  threshold: Pence;
  tender: Pence;
  light: Pence;
  full: Pence;
  labels: Map<number, string>;
};
const LIMITS = new WeakMap<FrameworkSettings, Limits>();
function limits(settings: FrameworkSettings): Limits {
  let l = LIMITS.get(settings);
  if (!l) {
    l = {
      threshold: toPence(settings.smallGrantThreshold) ?? 0,
      tender: toPence(settings.tenderingThreshold) ?? 0,
      light: toPence(settings.monitoringLightBelow) ?? 0,
      full: toPence(settings.monitoringFullAbove) ?? 0,
      labels: new Map(),
    };
    LIMITS.set(settings, l);
  }
  return l;
}

/** Cost-recovery label from the funder's share in percent: 100 -> "Full", 20 -> "80/20" (VCS/funder, 002:353-355). */
export function costRecoveryLabel(funderPercent: number): string {
  if (funderPercent >= 100) return "Full";
  const fmt = (n: number) => String(Number(n.toFixed(2)));
  return `${fmt(100 - funderPercent)}/${fmt(funderPercent)}`;
}

/** Monitoring band: Light under £25,000, Standard £25,000 to £100,000, Full over £100,000 (000:572). */
export function monitoringBand(valuePence: Pence, settings: FrameworkSettings): Monitoring {
  const { light, full } = limits(settings);
  if (valuePence < light) return "Light";
  if (valuePence > full) return "Full";
  return "Standard";
}

/** Rules 1-4 in order. */
export function fundingTypeOf(
  facts: Pick<ClassifyFacts, "valuePence" | "outputsSpecified" | "tier">,
  settings: FrameworkSettings
): FundingType {
  const { threshold } = limits(settings);
  // 1. The funder specifies the service: procured / commissioned (shopping) (002:256, 002:316).
  if (facts.outputsSpecified) return "Commissioned service";
  // 2. Over the threshold to an infrastructure organisation: investing, by partnering (002:258, 002:320).
  if (facts.tier === "infrastructure" && facts.valuePence > threshold) return "Investment";
  // 3. Up to the threshold: small grant for qualifying activity, accreditation route (002:261, 002:322-326).
  //    The source says "<£5000"; exactly the threshold is treated as a small grant and flagged.
  if (facts.valuePence <= threshold) return "Small grant";
  // 4. Otherwise: qualifying activity over the threshold, departmental decision then partner evaluation (002:327).
  return "Qualifying activity";
}

const BUDGET: Record<FundingType, Budget> = {
  "Commissioned service": "Departmental", // Table 2, 002:276-313
  Investment: "VCS",
  "Small grant": "VCS",
  "Qualifying activity": "Departmental",
};
const ROUTE: Record<FundingType, Route> = {
  "Commissioned service": "Procurement", // 002:316
  Investment: "Partnering", // 002:320
  "Small grant": "Accreditation", // 002:322-326
  "Qualifying activity": "Partnering", // 002:327
};

/** The funder's share in percent for a funding type, from the settings (002:353-355). */
export function funderPercent(type: FundingType, settings: FrameworkSettings): number {
  switch (type) {
    case "Commissioned service":
      return settings.funderShareCommissionedService;
    case "Investment":
      return settings.funderShareInvestment;
    case "Small grant":
      return settings.funderShareSmallGrant;
    case "Qualifying activity":
      return settings.funderShareQualifyingActivity;
  }
}

/** The flags that apply, in the reporting order. A flag needing an optional argument is not raised when it is blank. */
export function flagsFor(
  facts: ClassifyFacts,
  type: FundingType,
  settings: FrameworkSettings
): FlagCode[] {
  const flags: FlagCode[] = [];
  const { threshold, tender } = limits(settings);
  // 002:262
  if (labelSaysGrant(facts.label) && facts.outputsSpecified) flags.push("grant-with-outputs");
  // 002:262
  if (labelSaysSla(facts.label) && facts.outputsSpecified && facts.competitivelySelected === false)
    flags.push("sla-not-procured");
  // 002:256; 004:255
  if (labelSaysContract(facts.label) && !facts.outputsSpecified)
    flags.push("contract-without-outputs");
  // 003:253
  if (
    type === "Commissioned service" &&
    facts.valuePence >= tender &&
    facts.competitivelySelected === false
  )
    flags.push("not-tendered");
  // 002:324-326
  if (type === "Small grant" && facts.accredited === false) flags.push("unaccredited");
  // 002:323
  if (
    type === "Small grant" &&
    facts.termYears !== null &&
    facts.termYears > settings.smallGrantTermMaxYears
  )
    flags.push("grant-term-over-max");
  // 000:408; 001:165
  if (
    (type === "Commissioned service" || type === "Investment") &&
    facts.termYears !== null &&
    facts.termYears < settings.fundingTermNormYears
  ) {
    flags.push("short-term");
  }
  // 002:320-322 (the boundary the source leaves open)
  if (facts.valuePence === threshold) flags.push("at-threshold");
  return flags;
}

/** Classify parsed facts. */
export function classifyFacts(facts: ClassifyFacts, settings: FrameworkSettings): Classification {
  const fundingType = fundingTypeOf(facts, settings);
  const pct = funderPercent(fundingType, settings);
  const cache = limits(settings).labels;
  let costRecovery = cache.get(pct);
  if (costRecovery === undefined) cache.set(pct, (costRecovery = costRecoveryLabel(pct)));
  return {
    mode: MODE_OF_TYPE[fundingType],
    fundingType,
    budget: BUDGET[fundingType],
    route: ROUTE[fundingType],
    costRecovery,
    funderShare: Number((pct / 100).toFixed(4)),
    monitoring: monitoringBand(facts.valuePence, settings),
    flags: flagsFor(facts, fundingType, settings),
  };
}

/** Parse and classify one row; a problem names the argument and what was expected. */
export function classify(
  input: ClassifyInput,
  settings: FrameworkSettings
): Result<Classification> {
  const facts = parseClassifyInput(input);
  if (!facts.ok) return facts;
  return ok(classifyFacts(facts.value, settings));
}

/** The eight result cells of a classification. */
export function toRow(c: Classification): ClassificationRow {
  return [
    c.mode,
    c.fundingType,
    c.budget,
    c.route,
    c.costRecovery,
    c.funderShare,
    c.monitoring,
    c.flags.join(", "),
  ];
}

/** Plain-English notes for the flags, one sentence each, for the register's Notes column. */
export function flagNotes(flags: readonly FlagCode[]): string {
  return flags.map((f) => FLAG_NOTES[f]).join(" ");
}
