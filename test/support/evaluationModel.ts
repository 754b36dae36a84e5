/** Shared test setups for the evaluation tests. */
import {
  validateEvaluationSetup,
  defaultDescriptors,
  type EvaluationDraft,
  type EvaluationModel,
} from "../../src/domain/evaluation/setup";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";

export function draft(over: Partial<EvaluationDraft> = {}): EvaluationDraft {
  return {
    tenderName: "Community transport 2025/26",
    criteria: [
      { name: "Delivery", group: "quality", weight: 30, minimum: "" },
      { name: "Outcomes", group: "quality", weight: 30, minimum: 2 },
      { name: "Price", group: "price", weight: 30 },
      { name: "Social value", group: "socialValue", weight: 10 },
    ],
    scaleMax: 5,
    descriptors: defaultDescriptors(5),
    bidders: [
      { name: "Alpha Trust", price: 100000 },
      { name: "Beta CIC", price: "£70,000" },
      { name: "Gamma Ltd", price: 40000 },
    ],
    evaluators: ["Ann", "Bob", "Cat"],
    priceMethod: "lowest",
    spreadLimit: 1,
    qualityThreshold: 0,
    ...over,
  };
}

export function model(over: Partial<EvaluationDraft> = {}): EvaluationModel {
  const v = validateEvaluationSetup(draft(over), DEFAULT_SETTINGS);
  if (!v.model) throw new Error(`test setup invalid: ${v.errors.map((e) => e.message).join("; ")}`);
  return v.model;
}

/**
 * The DOMAIN.md s.4 example as a full panel: ten quality criteria of 6% each (quality 60%) on a
 * 0-5 scale and price 40%. A sums to 45 of 50 points (90%), B 36 (72%), C 15 (30%).
 */
export function domainExample(
  withC: boolean,
  qualityThreshold = 0
): { model: EvaluationModel; consensus: number[][] } {
  const criteria = Array.from({ length: 10 }, (_, i) => ({
    name: `Q${i + 1}`,
    group: "quality",
    weight: 6,
    minimum: "",
  }));
  const bidders = [
    { name: "A", price: 100 },
    { name: "B", price: 70 },
    ...(withC ? [{ name: "C", price: 40 }] : []),
  ];
  const m = model({
    criteria: [...criteria, { name: "Price", group: "price", weight: 40, minimum: "" }],
    bidders,
    qualityThreshold,
  });
  const spread = (sum: number) =>
    Array.from({ length: 10 }, (_, i) => Math.floor(sum / 10) + (i < sum % 10 ? 1 : 0));
  const consensus = [spread(45), spread(36), ...(withC ? [spread(15)] : [])];
  return { model: m, consensus };
}
