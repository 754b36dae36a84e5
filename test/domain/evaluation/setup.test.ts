import fc from "fast-check";
import {
  validateEvaluationSetup,
  defaultDescriptors,
  methodologyText,
  percentToBp,
  modelToDraft,
  type EvaluationDraft,
} from "../../../src/domain/evaluation/setup";
import {
  completeDraft,
  CurrentEvaluationSchema,
  EvaluationDraftSchema,
  SavedSetupsSchema,
} from "../../../src/domain/evaluation/records";
import { DEFAULT_SETTINGS, type FrameworkSettings } from "../../../src/domain/settings/settings";
import { draft, model } from "../../support/evaluationModel";

/** validateEvaluationSetup on the sample draft with these changes, at the default settings unless given. */
const validate = (
  over: Partial<EvaluationDraft> = {},
  settings: FrameworkSettings = DEFAULT_SETTINGS
) => validateEvaluationSetup(draft(over), settings);

describe("validateEvaluationSetup", () => {
  it("accepts a good setup with weights in basis points and prices in pence", () => {
    const v = validate();
    expect(v.errors).toEqual([]);
    expect(v.warnings).toEqual([]);
    expect(v.model?.criteria.map((c) => c.weightBp)).toEqual([3000, 3000, 3000, 1000]);
    expect(v.model?.bidders.map((b) => b.pricePence)).toEqual([10000000, 7000000, 4000000]);
  });
  it("weights must add to exactly 100%, compared in basis points (33.33 + 33.33 + 33.33 is not 100)", () => {
    const thirds = draft({
      criteria: [
        { name: "A", group: "quality", weight: 33.33 },
        { name: "B", group: "quality", weight: 33.33 },
        { name: "C", group: "socialValue", weight: 33.33 },
      ],
      bidders: [{ name: "X", price: "" }],
    });
    const v = validateEvaluationSetup(thirds, DEFAULT_SETTINGS);
    expect(v.model).toBeNull();
    expect(v.errors).toContainEqual({
      field: "weights",
      message: "Weights add up to 99.99%; they must add up to exactly 100%",
    });
    const ok = validateEvaluationSetup(
      {
        ...thirds,
        criteria: thirds.criteria.map((c, i) => (i === 2 ? { ...c, weight: "33.34%" } : c)),
      },
      DEFAULT_SETTINGS
    );
    expect(ok.errors).toEqual([]);
  });
  it("property: any split of 10,000 basis points written as percentages is accepted", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 8 }),
        (parts) => {
          const total = parts.reduce((a, b) => a + b, 0);
          const bp = parts.map((p) => Math.floor((p * 10000) / total));
          bp[0] += 10000 - bp.reduce((a, b) => a + b, 0);
          const criteria = bp.map((b, i) => ({
            name: `C${i}`,
            group: i === 0 ? "socialValue" : "quality",
            weight: b / 100,
          }));
          const v = validate(
            { criteria, bidders: [{ name: "X" }] },
            { ...DEFAULT_SETTINGS, socialValueMinWeightPercent: 0 }
          );
          expect(v.errors).toEqual([]);
          expect(v.model?.criteria.reduce((s, c) => s + c.weightBp, 0)).toBe(10000);
        }
      )
    );
  });
  it("refuses weights with more than two decimals, negative or text", () => {
    expect(percentToBp(12.345, "Weight")).toEqual({
      ok: false,
      message: "Weight must have at most two decimal places; got 12.345",
    });
    expect(percentToBp(-1, "Weight").ok).toBe(false);
    expect(percentToBp("lots", "Weight").ok).toBe(false);
  });
  it("names must be unique and not blank; at least one bidder and one evaluator", () => {
    const v = validate({
      criteria: [
        { name: "Delivery", group: "quality", weight: 50 },
        { name: " delivery ", group: "quality", weight: 40 },
        { name: "", group: "socialValue", weight: 10 },
      ],
      bidders: [],
      evaluators: [],
    });
    const msgs = v.errors.map((e) => e.message);
    expect(msgs).toContain(
      'Criterion name "delivery" is used twice (rows 1 and 2); names must be unique'
    );
    expect(msgs).toContain("Criterion 3 has no name; every criterion needs a name");
    expect(msgs).toContain("Add at least one bidder");
    expect(msgs).toContain("Add at least one panel member");
    const dupEval = validate({ evaluators: ["Ann", "ANN"] });
    expect(dupEval.errors.map((e) => e.field)).toContain("evaluators.1");
    const dupBid = validate({
      bidders: [
        { name: "X", price: 1 },
        { name: "x", price: 2 },
      ],
    });
    expect(dupBid.errors.map((e) => e.field)).toContain("bidders.1.name");
  });
  it("social value under the settings' percentage is a warning, not a block", () => {
    const crit = [
      { name: "Quality", group: "quality", weight: 65 },
      { name: "Price", group: "price", weight: 30 },
      { name: "Social value", group: "socialValue", weight: 5 },
    ];
    const v = validate({ criteria: crit });
    expect(v.errors).toEqual([]);
    expect(v.model).not.toBeNull();
    expect(v.warnings).toHaveLength(1);
    expect(v.warnings[0].message).toContain("Social value weighs 5%, under the 10%");
    const v2 = validate(
      { criteria: crit },
      { ...DEFAULT_SETTINGS, socialValueMinWeightPercent: 5 }
    );
    expect(v2.warnings).toEqual([]);
  });
  it("refuses bad prices, groups, minimums, scales, descriptors, methods, limits and thresholds, naming each field", () => {
    const v = validate({
      tenderName: " ",
      criteria: [
        { name: "Delivery", group: "quality", weight: 60, minimum: 7 },
        { name: "Price", group: "price", weight: 30, minimum: 1 },
        { name: "Fit", group: "fit", weight: 10 },
      ],
      bidders: [
        { name: "A", price: 0 },
        { name: "B", price: "" },
        { name: "C", price: "cheap" },
      ],
      descriptors: ["a", "", "c", "d", "e", "f"],
      priceMethod: "median",
      spreadLimit: -1,
      qualityThreshold: 120,
    });
    const fields = v.errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        "tenderName",
        "criteria.0.minimum",
        "criteria.1.minimum",
        "criteria.2.group",
        "bidders.0.price",
        "bidders.1.price",
        "bidders.2.price",
        "descriptors.1",
        "priceMethod",
        "spreadLimit",
        "qualityThreshold",
      ])
    );
    expect(v.errors.find((e) => e.field === "bidders.0.price")?.message).toContain("more than £0");
    expect(v.errors.find((e) => e.field === "criteria.0.minimum")?.message).toContain("5 or less");
    const scale = validate({ scaleMax: 7 });
    expect(scale.errors.map((e) => e.message)).toContain(
      "Scoring scale must be 0-4, 0-5 or 0-10; got 0-7"
    );
    const wrongCount = validate({ scaleMax: 10 });
    expect(wrongCount.errors.map((e) => e.field)).toContain("descriptors");
    const ten = validate({ scaleMax: 10, descriptors: defaultDescriptors(10) });
    expect(ten.errors).toEqual([]);
    const twoPrices = validate({
      criteria: [
        { name: "Q", group: "quality", weight: 60 },
        { name: "P1", group: "price", weight: 20 },
        { name: "P2", group: "price", weight: 20 },
      ],
    });
    expect(twoPrices.errors.map((e) => e.message).join()).toContain("use one price criterion");
  });
  it("without a price criterion prices may be blank", () => {
    const v = validate({
      criteria: [
        { name: "Q", group: "quality", weight: 80 },
        { name: "SV", group: "socialValue", weight: 20 },
      ],
      bidders: [{ name: "A" }, { name: "B", price: "" }],
    });
    expect(v.errors).toEqual([]);
  });
  it("the published methodology states the method in words", () => {
    const text = methodologyText(model({ qualityThreshold: 50 })).join("\n");
    expect(text).toContain(
      "0 Unacceptable; 1 Serious reservations; 2 Minor reservations; 3 Acceptable; 4 Good; 5 Excellent"
    );
    expect(text).toContain("less than 50% of the quality and social value marks");
    expect(text).toContain("Outcomes (minimum 2)");
    expect(text).toContain("Price is worth 30%");
    expect(text).toContain("more than 1 point apart");
  });
});

describe("stored records", () => {
  it("a saved setup reads back as it was saved", () => {
    const d = draft({
      tenderName: "Advice services",
      bidders: [{ name: "=1+1", price: "£70,000" }],
    });
    // A criterion without a minimum reads back with a blank one, as the form shows it.
    expect(EvaluationDraftSchema.parse(JSON.parse(JSON.stringify(d)))).toEqual({
      ...d,
      criteria: d.criteria.map((c) => ({ minimum: "", ...c })),
      bidders: d.bidders.map((b) => ({ fullCost: "", ...b })),
      tieBreak: "none",
      minIndependentScores: "",
      abnormallyLowPercent: "",
    });
    const m = model();
    expect(
      validateEvaluationSetup(EvaluationDraftSchema.parse(modelToDraft(m)), DEFAULT_SETTINGS).model
    ).toEqual(m);
  });
  it("an older setup is read leniently: missing parts from a blank setup, the spread limit from the settings", () => {
    const old = EvaluationDraftSchema.parse({
      tenderName: 12,
      criteria: [{ name: "Delivery", weight: "60" }, null],
      bidders: "none",
    });
    expect(old).toMatchObject({
      tenderName: "12",
      criteria: [
        { name: "Delivery", group: "quality", weight: "60", minimum: "" },
        { name: "", group: "quality", weight: "", minimum: "" },
      ],
      scaleMax: 5,
      descriptors: defaultDescriptors(5),
      bidders: [{ name: "", price: "" }],
      evaluators: [""],
      priceMethod: "lowest",
      qualityThreshold: 0,
    });
    expect(old.spreadLimit).toBeUndefined();
    expect(completeDraft(old, { ...DEFAULT_SETTINGS, moderationSpreadLimit: 2 }).spreadLimit).toBe(
      2
    );
    expect(completeDraft({ ...old, spreadLimit: 1.5 }, DEFAULT_SETTINGS).spreadLimit).toBe(1.5);
    expect(EvaluationDraftSchema.safeParse("a setup").success).toBe(false);
    expect(EvaluationDraftSchema.safeParse(null).success).toBe(false);
  });
  it("saved setups keep the entries that are setups; the current record needs its sheet names", () => {
    const saved = SavedSetupsSchema.parse({ Transport: draft(), Broken: 3 });
    expect(Object.keys(saved)).toEqual(["Transport"]);
    expect(SavedSetupsSchema.safeParse([draft()]).success).toBe(false);
    const names = {
      criteria: "Criteria",
      moderation: "Moderation",
      results: "Results",
      evaluators: ["Scores Ann"],
    };
    expect(
      CurrentEvaluationSchema.safeParse({ draft: draft(), names, generatedAt: "2025-01-01" })
        .success
    ).toBe(true);
    expect(CurrentEvaluationSchema.safeParse({ draft: draft(), names: "Criteria" }).success).toBe(
      false
    );
    expect(CurrentEvaluationSchema.safeParse({ draft: draft() }).success).toBe(false);
  });
});
