/**
 * The evaluation model for a tender: criteria in groups (quality, price, social value) with
 * weights and optional minimum scores, a scoring scale with descriptors, bidders with prices, and
 * the panel. A setup as the user types it (a draft, any cell may be text) is checked before
 * anything is written to the workbook; the checked model has exact weights in basis points.
 *
 * Practice followed (DOMAIN.md section 4; not in the seeds): weights add up to 100%; price is
 * scored relative to the lowest price; bids below a quality threshold are excluded before price;
 * warn (not block) when social value weighs under the settings' percentage (PPN 002, 2025).
 */
import { DEFAULT_DESCRIPTORS_0_5, type FrameworkSettings } from "../settings/settings";
import { isBlank, parseNumber } from "../kernel/parse";
import { parseMoney, type Pence } from "../kernel/money";
import type { Problem } from "../kernel/problem";
import type { PriceMethod } from "./scoring";

export type CriterionGroup = "quality" | "price" | "socialValue";
export const GROUPS: readonly CriterionGroup[] = ["quality", "price", "socialValue"];
export const GROUP_LABELS: Record<CriterionGroup, string> = {
  quality: "Quality",
  price: "Price",
  socialValue: "Social value",
};

/** Scales in use: 0-5 (UK practice), 0-4 (Scotland's matrix), 0-10 (DOMAIN.md s.4). */
export const SCALE_MAXIMA = [4, 5, 10] as const;
export type ScaleMax = (typeof SCALE_MAXIMA)[number];

/**
 * Starting descriptors for each scale; the user may edit them. 0-5 is the brief's own list
 * (settings.ts DEFAULT_DESCRIPTORS_0_5); 0-4 follows Scotland's matrix wording; 0-10 spreads the
 * same ideas over eleven points (our wording, not a published source).
 */
export function defaultDescriptors(max: number): string[] {
  if (max === 5) return [...DEFAULT_DESCRIPTORS_0_5];
  if (max === 4) return ["Unacceptable", "Poor", "Acceptable", "Good", "Excellent"];
  if (max === 10)
    return [
      "Unacceptable",
      "Very poor",
      "Poor",
      "Serious reservations",
      "Weak",
      "Minor reservations",
      "Acceptable",
      "Good",
      "Very good",
      "Excellent",
      "Outstanding",
    ];
  return Array.from({ length: max + 1 }, (_, i) => `Score ${i}`);
}

/**
 * How price enters the evaluation: "lowest" and "deviation" give price points added to quality
 * (scoring.ts); "perQualityPoint" divides each bid's price by its quality and social value points
 * and the lowest price per point wins (Cabinet Office, Bid Evaluation Guidance Note, 2021, which
 * describes price per quality point beside the weighted methods; DOMAIN.md s.6b).
 */
export type EvaluationPriceMethod = PriceMethod | "perQualityPoint";
export const PRICE_METHOD_LABELS: Record<EvaluationPriceMethod, string> = {
  lowest: "Lowest price / bid price",
  deviation: "Deviation from the lowest price",
  perQualityPoint: "Price per quality point",
};

/**
 * What decides between bids with equal totals, chosen at setup and published with the method
 * (Procurement Act 2023 s.23: the assessment methodology is set out in advance): the higher
 * quality and social value score, the lower price, or none (the bids share the rank).
 */
export type TieBreak = "quality" | "price" | "none";
export const TIE_BREAK_LABELS: Record<TieBreak, string> = {
  quality: "Higher quality and social value score",
  price: "Lower price",
  none: "None: equal totals share the rank",
};

/** What the user typed: numbers may be text; used by the task pane and saved setups. */
export type CriterionDraft = { name: string; group: string; weight: unknown; minimum?: unknown };
export type BidderDraft = { name: string; price?: unknown; fullCost?: unknown };
export type EvaluationDraft = {
  tenderName: string;
  criteria: CriterionDraft[];
  scaleMax: unknown;
  descriptors: string[];
  bidders: BidderDraft[];
  evaluators: string[];
  priceMethod: string;
  spreadLimit: unknown;
  qualityThreshold: unknown;
  /**
   * What each panel member scores, parallel to evaluators: criterion names or groups ("Quality",
   * "Social value") separated by commas or semicolons; blank is every scored criterion.
   */
  assignments?: string[];
  /** Pass/fail questions answered for every bid before scoring (blank list: no gateway). */
  gateway?: string[];
  tieBreak?: string;
  /** Scores each bid needs on each criterion from members without a conflict with it. */
  minIndependentScores?: unknown;
  /** Flag a bid priced below this percentage of the mean of the bids that pass (0 = off). */
  abnormallyLowPercent?: unknown;
};

export type Criterion = {
  name: string;
  group: CriterionGroup;
  weightBp: number;
  minimum: number | null;
};
/** A bid: its price, and the bidder's own full cost of the service when a costing gives one. */
export type Bidder = { name: string; pricePence: Pence | null; fullCostPence?: Pence | null };

/** A checked setup. Weights are basis points (1% = 100) and add up to exactly 10,000. */
export type EvaluationModel = {
  tenderName: string;
  criteria: Criterion[];
  scale: { max: number; descriptors: string[] };
  bidders: Bidder[];
  evaluators: string[];
  priceMethod: EvaluationPriceMethod;
  spreadLimit: number;
  /** Minimum quality: percentage of the quality and social value marks available (0 = none). */
  qualityThreshold: number;
  /** assignments[e]: the scored criteria (indices into scoredCriteria) member e scores. */
  assignments?: number[][];
  gateway?: string[];
  tieBreak?: TieBreak;
  minIndependentScores?: number;
  abnormallyLowPercent?: number;
};

/** The parts of a model that older records and hand-built models may leave out, filled in. */
export function stagesOf(model: EvaluationModel): {
  assignments: number[][];
  gateway: string[];
  tieBreak: TieBreak;
  minIndependentScores: number;
  abnormallyLowPercent: number;
} {
  const nK = scoredCriteria(model).length;
  const all = Array.from({ length: nK }, (_, k) => k);
  return {
    assignments: model.evaluators.map((_, e) => model.assignments?.[e] ?? all),
    gateway: model.gateway ?? [],
    tieBreak: model.tieBreak ?? "none",
    minIndependentScores: model.minIndependentScores ?? Math.min(1, model.evaluators.length),
    abnormallyLowPercent: model.abnormallyLowPercent ?? 0,
  };
}

/** Is scored criterion k assigned to member e? */
export function isAssigned(model: EvaluationModel, e: number, k: number): boolean {
  const a = model.assignments?.[e];
  return a === undefined || a.includes(k);
}

/** A setup checked: errors block generation, warnings do not; the model when there are no errors. */
export type EvaluationSetupCheck = {
  errors: Problem[];
  warnings: Problem[];
  model: EvaluationModel | null;
};

/** Weight in percent with at most two decimal places, as basis points. */
export function percentToBp(
  value: unknown,
  field: string
): { ok: true; bp: number } | { ok: false; message: string } {
  const r = parseNumber(typeof value === "string" ? value.replace(/%\s*$/, "") : value, field, {
    blank: "error",
    min: 0,
    max: 100,
    expected: "a percentage from 0 to 100, e.g. 30",
  });
  if (!r.ok) return { ok: false, message: r.problem.message };
  const scaled = Number(((r.value as number) * 100).toPrecision(15));
  if (!Number.isInteger(scaled))
    return { ok: false, message: `${field} must have at most two decimal places; got ${r.value}` };
  return { ok: true, bp: scaled };
}

export const bpToPercent = (bp: number): number => bp / 100;
export const formatBp = (bp: number): string => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;

function parseGroup(text: string): CriterionGroup | null {
  const s = String(text ?? "")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, "");
  if (s === "quality") return "quality";
  if (s === "price" || s === "cost") return "price";
  if (s === "socialvalue" || s === "social") return "socialValue";
  return null;
}

/** Names: trimmed, not blank, unique ignoring case. Adds an error per problem. */
function checkNames(
  names: string[],
  what: string,
  fieldOf: (i: number) => string,
  errors: Problem[]
): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const name = String(raw ?? "").trim();
    if (name === "")
      errors.push({
        field: fieldOf(i),
        message: `${what} ${i + 1} has no name; every ${what.toLowerCase()} needs a name`,
      });
    else {
      const key = name.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined)
        errors.push({
          field: fieldOf(i),
          message: `${what} name "${name}" is used twice (rows ${first + 1} and ${i + 1}); names must be unique`,
        });
      else seen.set(key, i);
    }
    return name;
  });
}

/** The scale's top (0-4, 0-5 or 0-10) and its descriptors, one per score. */
function checkScale(draft: EvaluationDraft, errors: Problem[]): EvaluationModel["scale"] {
  const maxR = parseNumber(draft.scaleMax, "Scoring scale", {
    blank: "error",
    integer: true,
    expected: "0-4, 0-5 or 0-10",
  });
  let max = 5;
  if (!maxR.ok) errors.push({ field: "scaleMax", message: maxR.problem.message });
  else if (!(SCALE_MAXIMA as readonly number[]).includes(maxR.value as number))
    errors.push({
      field: "scaleMax",
      message: `Scoring scale must be 0-4, 0-5 or 0-10; got 0-${maxR.value}`,
    });
  else max = maxR.value as number;
  const descriptors = (draft.descriptors ?? []).map((d) => String(d ?? "").trim());
  if (descriptors.length !== max + 1)
    errors.push({
      field: "descriptors",
      message: `The 0-${max} scale needs ${max + 1} descriptors (one for each score); got ${descriptors.length}`,
    });
  descriptors.forEach((d, i) => {
    if (d === "")
      errors.push({ field: `descriptors.${i}`, message: `Descriptor for score ${i} is blank` });
  });
  return { max, descriptors };
}

/** Each criterion: a name, a group, a weight in percent, an optional minimum score. */
function checkCriteria(draft: EvaluationDraft, scaleMax: number, errors: Problem[]): Criterion[] {
  const crit = draft.criteria ?? [];
  if (crit.length === 0) errors.push({ field: "criteria", message: "Add at least one criterion" });
  const critNames = checkNames(
    crit.map((c) => c.name),
    "Criterion",
    (i) => `criteria.${i}.name`,
    errors
  );
  return crit.map((c, i) => {
    const label = critNames[i] ? `"${critNames[i]}"` : `${i + 1}`;
    const group = parseGroup(c.group);
    if (!group)
      errors.push({
        field: `criteria.${i}.group`,
        message: `Group for criterion ${label} must be Quality, Price or Social value; got "${c.group ?? ""}"`,
      });
    const w = percentToBp(c.weight, `Weight for criterion ${label}`);
    if (!w.ok) errors.push({ field: `criteria.${i}.weight`, message: w.message });
    let minimum: number | null = null;
    if (!isBlank(c.minimum)) {
      if (group === "price")
        errors.push({
          field: `criteria.${i}.minimum`,
          message: `Criterion ${label} is price: a minimum score applies only to scored criteria; leave it blank`,
        });
      const m = parseNumber(c.minimum, `Minimum score for criterion ${label}`, {
        integer: true,
        min: 0,
        max: scaleMax,
        expected: `a whole score from 0 to ${scaleMax}`,
      });
      if (!m.ok) errors.push({ field: `criteria.${i}.minimum`, message: m.problem.message });
      else minimum = m.value as number;
    }
    return { name: critNames[i], group: group ?? "quality", weightBp: w.ok ? w.bp : 0, minimum };
  });
}

/**
 * The criteria together: weights add up to exactly 100%, one price criterion at most, something
 * for the panel to score; a warning when social value weighs under the settings' minimum.
 */
function checkWeights(
  criteria: Criterion[],
  settings: FrameworkSettings,
  errors: Problem[],
  warnings: Problem[]
): void {
  const allWeightsOk = !errors.some((e) => /^criteria\.\d+\.weight$/.test(e.field));
  const totalBp = criteria.reduce((s, c) => s + c.weightBp, 0);
  if (criteria.length > 0 && allWeightsOk && totalBp !== 10000)
    errors.push({
      field: "weights",
      message: `Weights add up to ${formatBp(totalBp)}; they must add up to exactly 100%`,
    });
  const priceCriteria = criteria.filter((c) => c.group === "price");
  if (priceCriteria.length > 1)
    errors.push({
      field: "criteria",
      message: `There are ${priceCriteria.length} price criteria; use one price criterion with the whole price weight`,
    });
  if (criteria.length > 0 && criteria.every((c) => c.group === "price"))
    errors.push({
      field: "criteria",
      message: "Add at least one quality or social value criterion for the panel to score",
    });
  const svBp = criteria
    .filter((c) => c.group === "socialValue")
    .reduce((s, c) => s + c.weightBp, 0);
  const svMinBp = Math.round(settings.socialValueMinWeightPercent * 100);
  if (allWeightsOk && criteria.length > 0 && svBp < svMinBp)
    warnings.push({
      field: "socialValue",
      message: `Social value weighs ${formatBp(svBp)}, under the ${formatBp(svMinBp)} that central government requires (PPN 002, 2025); many councils follow it`,
    });
}

/** An amount in pounds above £0 for a bidder's field, or null when blank; errors pushed. */
function bidderAmount(
  value: unknown,
  what: string,
  field: string,
  errors: Problem[]
): Pence | null | undefined {
  if (isBlank(value)) return null;
  const p =
    typeof value === "number"
      ? Number.isFinite(value)
        ? Math.round(value * 100)
        : null
      : parseMoney(value);
  if (p === null) {
    errors.push({
      field,
      message: `${what} must be an amount in pounds, e.g. 12000 or £12,000.50; got "${String(value)}"`,
    });
    return undefined;
  }
  if (p <= 0) {
    errors.push({
      field,
      message: `${what} must be more than £0 (a zero or negative amount is an error, not a score)`,
    });
    return undefined;
  }
  return p;
}

/**
 * Bidders: unique names, a price above £0 for each when price counts, and optionally the
 * bidder's own full cost (from a cost recovery sheet) for the abnormally low tender check.
 */
function checkBidders(draft: EvaluationDraft, hasPrice: boolean, errors: Problem[]): Bidder[] {
  const bid = draft.bidders ?? [];
  if (bid.length === 0) errors.push({ field: "bidders", message: "Add at least one bidder" });
  const bidNames = checkNames(
    bid.map((b) => b.name),
    "Bidder",
    (i) => `bidders.${i}.name`,
    errors
  );
  return bid.map((b, i) => {
    const label = bidNames[i] ? `"${bidNames[i]}"` : `${i + 1}`;
    if (isBlank(b.price) && hasPrice)
      errors.push({
        field: `bidders.${i}.price`,
        message: `Price for bidder ${label} is blank; every bid needs a price when price is a criterion`,
      });
    const price = bidderAmount(b.price, `Price for bidder ${label}`, `bidders.${i}.price`, errors);
    const fullCost = bidderAmount(
      b.fullCost,
      `Full cost for bidder ${label}`,
      `bidders.${i}.fullCost`,
      errors
    );
    return { name: bidNames[i], pricePence: price ?? null, fullCostPence: fullCost ?? null };
  });
}

/** "lowest", "deviation" or "perQualityPoint" (any case; blank is lowest). */
export function parseEvaluationPriceMethod(
  value: unknown,
  field = "Price method"
): { ok: true; value: EvaluationPriceMethod } | { ok: false; message: string } {
  const s = isBlank(value)
    ? "lowest"
    : String(value)
        .toLowerCase()
        .replace(/[^a-z]/g, "");
  if (s === "lowest" || s === "lowestprice") return { ok: true, value: "lowest" };
  if (s === "deviation") return { ok: true, value: "deviation" };
  if (s === "perqualitypoint" || s === "priceperqualitypoint")
    return { ok: true, value: "perQualityPoint" };
  return {
    ok: false,
    message: `${field} must be lowest price, deviation or price per quality point; got "${String(value)}"`,
  };
}

/** "quality", "price" or "none" (any case; blank is none). */
export function parseTieBreak(value: unknown): TieBreak | null {
  const s = isBlank(value) ? "none" : String(value).trim().toLowerCase();
  if (s.startsWith("quality") || s.startsWith("higher")) return "quality";
  if (s.startsWith("price") || s.startsWith("lower")) return "price";
  if (s === "none" || s.startsWith("none")) return "none";
  return null;
}

/**
 * What each member scores: criterion names or the groups Quality and Social value, separated by
 * commas or semicolons (a criterion name containing a comma is matched whole first). Blank is
 * every scored criterion. Each scored criterion needs at least `minScores` members.
 */
function checkAssignments(
  draft: EvaluationDraft,
  scored: Criterion[],
  evaluators: string[],
  minScores: number,
  errors: Problem[]
): number[][] {
  const all = scored.map((_, k) => k);
  const out = evaluators.map((member, e) => {
    let text = String(draft.assignments?.[e] ?? "").trim();
    if (text === "") return all;
    const chosen = new Set<number>();
    const byLength = scored
      .map((c, k) => ({ c, k }))
      .sort((a, b) => b.c.name.length - a.c.name.length);
    for (const { c, k } of byLength) {
      const at = text.toLowerCase().indexOf(c.name.toLowerCase());
      if (c.name !== "" && at >= 0) {
        chosen.add(k);
        text = `${text.slice(0, at)};${text.slice(at + c.name.length)}`;
      }
    }
    for (const token of text
      .split(/[;,]/)
      .map((t) => t.trim())
      .filter((t) => t !== "")) {
      const group = parseGroup(token);
      if (group === "price")
        errors.push({
          field: `assignments.${e}`,
          message: `${member || `Panel member ${e + 1}`} is assigned "${token}": price is worked out from the bids' prices, not scored by the panel; leave it out`,
        });
      else if (group) scored.forEach((c, k) => c.group === group && chosen.add(k));
      else if (/^(all|everything)$/i.test(token)) all.forEach((k) => chosen.add(k));
      else
        errors.push({
          field: `assignments.${e}`,
          message: `${member || `Panel member ${e + 1}`} is assigned "${token}", which is not a scored criterion or group (Quality, Social value); check the spelling against the criteria`,
        });
    }
    return [...chosen].sort((a, b) => a - b);
  });
  scored.forEach((c, k) => {
    const who = evaluators.filter((_, e) => out[e].includes(k));
    if (evaluators.length > 0 && who.length < minScores)
      errors.push({
        field: "assignments",
        message: `"${c.name}" is scored by ${who.length} panel member${who.length === 1 ? "" : "s"}${who.length ? ` (${who.join(", ")})` : ""}, but each bid needs ${minScores} independent score${minScores === 1 ? "" : "s"}: assign it to more members or lower the number`,
      });
  });
  return out;
}

/** The pass/fail gateway questions: none blank, none repeated. */
function checkGateway(draft: EvaluationDraft, errors: Problem[]): string[] {
  const questions = draft.gateway ?? [];
  return checkNames(questions, "Gateway question", (i) => `gateway.${i}`, errors);
}

/** The price method, the spread that triggers discussion, the threshold and the stage settings. */
function checkMethod(
  draft: EvaluationDraft,
  scaleMax: number,
  settings: FrameworkSettings,
  errors: Problem[]
): Pick<
  EvaluationModel,
  "priceMethod" | "spreadLimit" | "qualityThreshold" | "tieBreak" | "abnormallyLowPercent"
> {
  const method = parseEvaluationPriceMethod(draft.priceMethod);
  if (!method.ok) errors.push({ field: "priceMethod", message: method.message });
  const spread = parseNumber(
    isBlank(draft.spreadLimit) ? settings.moderationSpreadLimit : draft.spreadLimit,
    "Spread that triggers discussion",
    {
      min: 0,
      max: scaleMax,
      expected: `a number of points from 0 to ${scaleMax}`,
    }
  );
  if (!spread.ok) errors.push({ field: "spreadLimit", message: spread.problem.message });
  const threshold = parseNumber(
    isBlank(draft.qualityThreshold) ? 0 : draft.qualityThreshold,
    "Minimum quality threshold",
    {
      min: 0,
      max: 100,
      expected: "a percentage of the quality marks from 0 to 100 (0 for none)",
    }
  );
  if (!threshold.ok) errors.push({ field: "qualityThreshold", message: threshold.problem.message });
  const tieBreak = parseTieBreak(draft.tieBreak);
  if (!tieBreak)
    errors.push({
      field: "tieBreak",
      message: `Tie-break must be higher quality, lower price or none; got "${String(draft.tieBreak)}"`,
    });
  const low = parseNumber(
    isBlank(draft.abnormallyLowPercent)
      ? DEFAULT_ABNORMALLY_LOW_PERCENT
      : draft.abnormallyLowPercent,
    "Abnormally low price",
    { min: 0, max: 100, expected: "a percentage of the mean price from 0 to 100 (0 for no check)" }
  );
  if (!low.ok) errors.push({ field: "abnormallyLowPercent", message: low.problem.message });
  return {
    priceMethod: method.ok ? method.value : "lowest",
    spreadLimit: spread.ok ? (spread.value as number) : settings.moderationSpreadLimit,
    qualityThreshold: threshold.ok ? (threshold.value as number) : 0,
    tieBreak: tieBreak ?? "none",
    abnormallyLowPercent: low.ok ? (low.value as number) : DEFAULT_ABNORMALLY_LOW_PERCENT,
  };
}

/**
 * Default for the abnormally low tender flag: a price under 80% of the mean of the passing bids
 * (20% below the average) is flagged for the panel to ask the bidder to explain. Not a published
 * figure: a starting point the panel changes at setup (0 turns the check off).
 */
export const DEFAULT_ABNORMALLY_LOW_PERCENT = 80;

/** Independent scores each bid needs per criterion: 1 up to the panel's size (blank: 2, or 1 for a panel of one). */
function checkMinIndependent(draft: EvaluationDraft, panel: number, errors: Problem[]): number {
  const fallback = Math.max(1, Math.min(2, panel));
  if (isBlank(draft.minIndependentScores)) return fallback;
  const r = parseNumber(draft.minIndependentScores, "Independent scores each bid needs", {
    integer: true,
    min: 1,
    max: Math.max(1, panel),
    expected: `a whole number from 1 to ${Math.max(1, panel)} (the panel's size)`,
  });
  if (!r.ok) {
    errors.push({ field: "minIndependentScores", message: r.problem.message });
    return fallback;
  }
  return r.value as number;
}

/** With price per quality point, price has no weight: the quality criteria carry 100%. */
function checkPerQualityPoint(criteria: Criterion[], errors: Problem[]): void {
  const price = criteria.find((c) => c.group === "price" && c.weightBp > 0);
  if (price)
    errors.push({
      field: "priceMethod",
      message: `With price per quality point, price is divided by the quality score rather than weighted: give "${price.name}" a weight of 0% and the quality and social value criteria 100%`,
    });
}

/**
 * Check a setup before anything is written. Errors block; warnings (social value under the
 * settings' minimum weight) do not. Every problem names its field.
 */
export function validateEvaluationSetup(
  draft: EvaluationDraft,
  settings: FrameworkSettings
): EvaluationSetupCheck {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const tenderName = String(draft.tenderName ?? "").trim();
  if (tenderName === "")
    errors.push({ field: "tenderName", message: "Tender name is blank; give the tender a name" });
  const scale = checkScale(draft, errors);
  const criteria = checkCriteria(draft, scale.max, errors);
  checkWeights(criteria, settings, errors, warnings);
  const method = checkMethod(draft, scale.max, settings, errors);
  if (method.priceMethod === "perQualityPoint") checkPerQualityPoint(criteria, errors);
  const hasPrice =
    criteria.some((c) => c.group === "price") || method.priceMethod === "perQualityPoint";
  const bidders = checkBidders(draft, hasPrice, errors);
  const ev = draft.evaluators ?? [];
  if (ev.length === 0)
    errors.push({ field: "evaluators", message: "Add at least one panel member" });
  const evaluators = checkNames(ev, "Panel member", (i) => `evaluators.${i}`, errors);
  const minIndependentScores = checkMinIndependent(draft, evaluators.length, errors);
  const scored = criteria.filter((c) => c.group !== "price");
  const assignments = checkAssignments(draft, scored, evaluators, minIndependentScores, errors);
  const gateway = checkGateway(draft, errors);
  if (errors.length > 0) return { errors, warnings, model: null };
  return {
    errors,
    warnings,
    model: {
      tenderName,
      criteria,
      scale,
      bidders,
      evaluators,
      ...method,
      assignments,
      gateway,
      minIndependentScores,
    },
  };
}

/** The criteria the panel scores (quality and social value), in setup order. */
export function scoredCriteria(model: EvaluationModel): Criterion[] {
  return model.criteria.filter((c) => c.group !== "price");
}

/** Points available for price (the price criterion's weight, 0 when price is not a criterion). */
export function priceWeightBp(model: EvaluationModel): number {
  return model.criteria.filter((c) => c.group === "price").reduce((s, c) => s + c.weightBp, 0);
}

/** A new blank setup: the 0-5 scale, a 60/30/10 quality/price/social value split to start from. */
export function blankDraft(settings: FrameworkSettings): EvaluationDraft {
  return {
    tenderName: "",
    criteria: [
      { name: "Quality of service", group: "quality", weight: 60, minimum: "" },
      { name: "Price", group: "price", weight: 30, minimum: "" },
      { name: "Social value", group: "socialValue", weight: 10, minimum: "" },
    ],
    scaleMax: 5,
    descriptors: defaultDescriptors(5),
    bidders: [{ name: "", price: "" }],
    evaluators: [""],
    priceMethod: "lowest",
    spreadLimit: settings.moderationSpreadLimit,
    qualityThreshold: 0,
    assignments: [""],
    gateway: [],
    tieBreak: "quality",
    minIndependentScores: "",
    abnormallyLowPercent: DEFAULT_ABNORMALLY_LOW_PERCENT,
  };
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** The price paragraph of the method. */
function priceText(model: EvaluationModel): string | null {
  const pw = priceWeightBp(model);
  const points = formatBp(pw).replace("%", "");
  if (model.priceMethod === "perQualityPoint")
    return "Price is not weighted. Among the bids not excluded, each bid's price is divided by its quality and social value points (out of 100); the lowest price per quality point is ranked first (price per quality point, as the Cabinet Office's Bid Evaluation Guidance Note describes).";
  if (pw === 0) return null;
  return model.priceMethod === "lowest"
    ? `Price is worth ${formatBp(pw)}. Among the bids not excluded, the lowest price receives ${points} points; other bids receive ${points} x lowest price / their price.`
    : `Price is worth ${formatBp(pw)}. Among the bids not excluded, the lowest price receives ${points} points; other bids lose points in proportion to how far their price is above the lowest: ${points} x (1 - (price - lowest) / lowest), and never less than 0.`;
}

/** Who scores what, conflicts per bid and the scores each bid needs. */
function panelText(model: EvaluationModel): string[] {
  const st = stagesOf(model);
  const scored = scoredCriteria(model);
  const lines = [
    `Before scoring, each panel member declares for each bid whether they have a conflict of interest with that bidder. A member's scores for a bid count only once they have declared no conflict with it; a conflict with one bidder voids only that member's scores for that bid. Each bid needs at least ${st.minIndependentScores} ${plural(st.minIndependentScores, "score", "scores")} on each criterion from members without a conflict.`,
  ];
  const partial = st.assignments.some((a) => a.length !== scored.length);
  if (partial)
    lines.push(
      `Criteria are assigned to panel members: ${model.evaluators
        .map((m, e) => `${m} scores ${st.assignments[e].map((k) => scored[k].name).join(", ")}`)
        .join("; ")}.`
    );
  lines.push(
    `Each member scores alone, giving a reason for each score. The panel then compares scores. Where the highest and lowest scores for a bid and criterion are more than ${model.spreadLimit} ${plural(model.spreadLimit, "point", "points")} apart, the panel discusses them. The panel agrees one consensus score per bid and criterion and records its rationale; the original scores are kept.`
  );
  return lines;
}

/** The method in words: the published assessment methodology (Procurement Act 2023 s.23). */
export function methodologyText(model: EvaluationModel): string[] {
  const scored = scoredCriteria(model);
  const st = stagesOf(model);
  const lines: string[] = [];
  if (st.gateway.length > 0)
    lines.push(
      `Stage 1, gateway: each bid is checked pass or fail, with a reason, against: ${st.gateway.join("; ")}. A bid that fails any of them is excluded and not scored.`
    );
  lines.push(
    `Each bid is scored against ${scored.length} criteri${scored.length === 1 ? "on" : "a"} on a scale of 0 to ${model.scale.max} (${model.scale.descriptors
      .map((d, i) => `${i} ${d}`)
      .join("; ")}).`
  );
  lines.push(
    `The weighted score of a criterion is the score divided by ${model.scale.max}, multiplied by the criterion's weight. Weights add up to 100%.`
  );
  lines.push(...panelText(model));
  const mins = scored.filter((c) => c.minimum !== null);
  if (model.qualityThreshold > 0 || mins.length > 0) {
    const parts: string[] = [];
    if (model.qualityThreshold > 0)
      parts.push(
        `scores less than ${model.qualityThreshold}% of the quality and social value marks available`
      );
    if (mins.length > 0)
      parts.push(
        `scores below the minimum on any of: ${mins.map((c) => `${c.name} (minimum ${c.minimum})`).join(", ")}`
      );
    lines.push(
      `A bid that ${parts.join(" or ")} is excluded before price is scored, so it cannot change the price points of other bids.`
    );
  }
  const price = priceText(model);
  if (price) lines.push(price);
  if (st.abnormallyLowPercent > 0)
    lines.push(
      `A bid priced below ${st.abnormallyLowPercent}% of the mean price of the bids not excluded, or below the bidder's own full cost where it is known, is flagged as possibly abnormally low; the bidder is asked to explain its price before any decision to disregard it.`
    );
  lines.push(
    model.priceMethod === "perQualityPoint"
      ? `Bids are ranked by price per quality point, lowest first. ${tieBreakText(st.tieBreak)} The highest-ranked bid is the most advantageous tender.`
      : `The total is the sum of quality, price and social value points. Bids are ranked by total. ${tieBreakText(st.tieBreak)} The highest-ranked bid is the most advantageous tender.`
  );
  return lines;
}

function tieBreakText(t: TieBreak): string {
  if (t === "quality")
    return "Where two bids are equal, the bid with the higher quality and social value score is ranked higher; bids equal on both share a rank.";
  if (t === "price")
    return "Where two bids are equal, the bid with the lower price is ranked higher; bids equal on both share a rank.";
  return "Equal bids share a rank.";
}

/** A checked model back as a draft (for saving with the workbook and re-checking later). */
export function modelToDraft(model: EvaluationModel): EvaluationDraft {
  const st = stagesOf(model);
  const scored = scoredCriteria(model);
  return {
    tenderName: model.tenderName,
    criteria: model.criteria.map((c) => ({
      name: c.name,
      group: c.group,
      weight: c.weightBp / 100,
      minimum: c.minimum ?? "",
    })),
    scaleMax: model.scale.max,
    descriptors: [...model.scale.descriptors],
    bidders: model.bidders.map((b) => ({
      name: b.name,
      price: b.pricePence === null ? "" : b.pricePence / 100,
      fullCost: b.fullCostPence ? b.fullCostPence / 100 : "",
    })),
    evaluators: [...model.evaluators],
    priceMethod: model.priceMethod,
    spreadLimit: model.spreadLimit,
    qualityThreshold: model.qualityThreshold,
    // Blank is every criterion; otherwise the names, separated by semicolons.
    assignments: st.assignments.map((a) =>
      a.length === scored.length ? "" : a.map((k) => scored[k].name).join("; ")
    ),
    gateway: [...st.gateway],
    tieBreak: st.tieBreak,
    minIndependentScores: st.minIndependentScores,
    abnormallyLowPercent: st.abnormallyLowPercent,
  };
}
