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
import { parsePriceMethod, type PriceMethod } from "./scoring";

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

/** What the user typed: numbers may be text; used by the task pane and saved setups. */
export type CriterionDraft = { name: string; group: string; weight: unknown; minimum?: unknown };
export type BidderDraft = { name: string; price?: unknown };
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
};

export type Criterion = {
  name: string;
  group: CriterionGroup;
  weightBp: number;
  minimum: number | null;
};
export type Bidder = { name: string; pricePence: Pence | null };

/** A checked setup. Weights are basis points (1% = 100) and add up to exactly 10,000. */
export type EvaluationModel = {
  tenderName: string;
  criteria: Criterion[];
  scale: { max: number; descriptors: string[] };
  bidders: Bidder[];
  evaluators: string[];
  priceMethod: PriceMethod;
  spreadLimit: number;
  /** Minimum quality: percentage of the quality and social value marks available (0 = none). */
  qualityThreshold: number;
};

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

/** Bidders: unique names, and a price above £0 for each when price is a criterion. */
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
    let pricePence: Pence | null = null;
    if (isBlank(b.price)) {
      if (hasPrice)
        errors.push({
          field: `bidders.${i}.price`,
          message: `Price for bidder ${label} is blank; every bid needs a price when price is a criterion`,
        });
    } else {
      const p =
        typeof b.price === "number"
          ? Number.isFinite(b.price)
            ? Math.round(b.price * 100)
            : null
          : parseMoney(b.price);
      if (p === null)
        errors.push({
          field: `bidders.${i}.price`,
          message: `Price for bidder ${label} must be an amount in pounds, e.g. 12000 or £12,000.50; got "${String(b.price)}"`,
        });
      else if (p <= 0)
        errors.push({
          field: `bidders.${i}.price`,
          message: `Price for bidder ${label} must be more than £0 (a zero or negative price is an error, not a score)`,
        });
      else pricePence = p;
    }
    return { name: bidNames[i], pricePence };
  });
}

/** The price method, the spread that triggers discussion and the quality threshold. */
function checkMethod(
  draft: EvaluationDraft,
  scaleMax: number,
  settings: FrameworkSettings,
  errors: Problem[]
): Pick<EvaluationModel, "priceMethod" | "spreadLimit" | "qualityThreshold"> {
  const method = parsePriceMethod(draft.priceMethod, "Price method");
  if (!method.ok) errors.push({ field: "priceMethod", message: method.problem.message });
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
  return {
    priceMethod: method.ok ? method.value : "lowest",
    spreadLimit: spread.ok ? (spread.value as number) : settings.moderationSpreadLimit,
    qualityThreshold: threshold.ok ? (threshold.value as number) : 0,
  };
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
  const hasPrice = criteria.some((c) => c.group === "price");
  const bidders = checkBidders(draft, hasPrice, errors);
  const ev = draft.evaluators ?? [];
  if (ev.length === 0)
    errors.push({ field: "evaluators", message: "Add at least one panel member" });
  const evaluators = checkNames(ev, "Panel member", (i) => `evaluators.${i}`, errors);
  const method = checkMethod(draft, scale.max, settings, errors);
  if (errors.length > 0) return { errors, warnings, model: null };
  return {
    errors,
    warnings,
    model: { tenderName, criteria, scale, bidders, evaluators, ...method },
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
  };
}

/** The method in words: the published assessment methodology (Procurement Act 2023 s.23). */
export function methodologyText(model: EvaluationModel): string[] {
  const scored = scoredCriteria(model);
  const pw = priceWeightBp(model);
  const lines: string[] = [];
  lines.push(
    `Each bid is scored against ${scored.length} criteri${scored.length === 1 ? "on" : "a"} on a scale of 0 to ${model.scale.max} (${model.scale.descriptors
      .map((d, i) => `${i} ${d}`)
      .join("; ")}).`
  );
  lines.push(
    `The weighted score of a criterion is the score divided by ${model.scale.max}, multiplied by the criterion's weight. Weights add up to 100%.`
  );
  lines.push(
    `Each panel member first completes a conflict-of-interest declaration and then scores every bid alone, giving a reason for each score. A member's scores count only once they have declared no conflict of interest.`
  );
  lines.push(
    `The panel then compares scores. Where the highest and lowest scores for a bid and criterion are more than ${model.spreadLimit} point${model.spreadLimit === 1 ? "" : "s"} apart, the panel discusses them. The panel agrees one consensus score per bid and criterion and records its rationale; the original scores are kept.`
  );
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
  if (pw > 0) {
    lines.push(
      model.priceMethod === "lowest"
        ? `Price is worth ${formatBp(pw)}. Among the bids not excluded, the lowest price receives ${formatBp(pw).replace("%", "")} points; other bids receive ${formatBp(pw).replace("%", "")} x lowest price / their price.`
        : `Price is worth ${formatBp(pw)}. Among the bids not excluded, the lowest price receives ${formatBp(pw).replace("%", "")} points; other bids lose points in proportion to how far their price is above the lowest: ${formatBp(pw).replace("%", "")} x (1 - (price - lowest) / lowest), and never less than 0.`
    );
  }
  lines.push(
    `The total is the sum of quality, price and social value points. Bids are ranked by total; equal totals share a rank. The highest-ranked bid is the most advantageous tender.`
  );
  return lines;
}

/** A checked model back as a draft (for saving with the workbook and re-checking later). */
export function modelToDraft(model: EvaluationModel): EvaluationDraft {
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
    })),
    evaluators: [...model.evaluators],
    priceMethod: model.priceMethod,
    spreadLimit: model.spreadLimit,
    qualityThreshold: model.qualityThreshold,
  };
}
