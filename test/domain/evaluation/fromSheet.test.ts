/**
 * "Use selected data": a setup read from the Tender sheet a commissioner keeps (the preview's
 * sample sheet, as its cells hold it: weights and the threshold as fractions formatted 0%).
 */
import { draftFromSheet } from "../../../src/domain/evaluation/fromSheet";
import { blankDraft, validateEvaluationSetup } from "../../../src/domain/evaluation/setup";
import { DEFAULT_SETTINGS } from "../../../src/domain/settings/settings";

const TENDER: unknown[][] = [
  ["Tender", "Community advice service 2025-28"],
  ["Scoring scale", "0-5"],
  ["Price method", "lowest"],
  ["Minimum quality (%)", 0.5],
  ["Discuss when scores differ by more than", 1],
  [],
  ["Criterion", "Group", "Weight", "Minimum score"],
  ["Understanding of local need", "Quality", 0.15, 2],
  ["Service delivery and outcomes", "Quality", 0.2, 2],
  ["User involvement and co-production", "Quality", 0.1, ""],
  ["Partnership working", "Quality", 0.05, ""],
  ["Social value", "Social value", 0.1, ""],
  ["Price", "Price", 0.4, ""],
  [],
  ["Bidder", "Price"],
  ["Citizens Advice Wiltshire", 412000],
  ["Wiltshire Law Centre", 389500],
  ["Community First Advice", 455000],
  [],
  ["Panel member"],
  ["A. Patel (commissioner)"],
  ["J. Morgan (finance)"],
  ["R. Hughes (sector representative)"],
];

describe("a setup from the Tender sheet", () => {
  it("reads the tender, criteria (fractions as percentages), bidders and panel into a valid setup", () => {
    const { draft, found } = draftFromSheet(TENDER, blankDraft(DEFAULT_SETTINGS));
    expect(found).toEqual(["tender name", "6 criteria", "3 bidders", "3 panel members"]);
    expect(draft.tenderName).toBe("Community advice service 2025-28");
    expect(draft.criteria.map((c) => c.weight)).toEqual([15, 20, 10, 5, 10, 40]);
    expect(draft.qualityThreshold).toBe(50);
    expect(draft.evaluators[2]).toBe("R. Hughes (sector representative)");
    const v = validateEvaluationSetup(draft, DEFAULT_SETTINGS);
    expect(v.errors).toEqual([]);
    expect(v.model?.bidders.map((b) => b.pricePence)).toEqual([41200000, 38950000, 45500000]);
  });
  it("finds nothing on a sheet without the tables, and keeps the form's own values", () => {
    const base = blankDraft(DEFAULT_SETTINGS);
    const { draft, found } = draftFromSheet(
      [
        ["Funder", "Amount"],
        ["X", 1],
      ],
      base
    );
    expect(found).toEqual([]);
    expect(draft).toEqual(base);
  });
  it("reads a gateway table and what each member scores", () => {
    const { draft } = draftFromSheet(
      [
        ["Panel member", "Scores"],
        ["Ann", "Quality"],
        ["Bob", ""],
        [],
        ["Gateway question"],
        ["Insurance certificate"],
      ],
      blankDraft(DEFAULT_SETTINGS)
    );
    expect(draft.assignments).toEqual(["Quality", ""]);
    expect(draft.gateway).toEqual(["Insurance certificate"]);
  });
});
