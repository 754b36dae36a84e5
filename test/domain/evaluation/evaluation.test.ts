import fc from "fast-check";
import {
  validateSetup,
  defaultDescriptors,
  methodologyText,
  percentToBp,
} from "../../../src/domain/evaluation/setup";
import {
  computeResults,
  rankBids,
  rankReversal,
  assessmentSummaries,
  describeReversal,
} from "../../../src/domain/evaluation/results";
import { checkReturns, type ReturnsData } from "../../../src/domain/evaluation/returnsChecks";
import {
  evaluationLayout,
  evaluationRefs,
  evaluationSheetNames,
  layoutCells,
  isUnlocked,
  sanitiseSheetName,
  DECLARATION_NO_CONFLICT,
  DECLARATION_CONFLICT,
  cell,
} from "../../../src/sheets/evaluation/evaluationSheets";
import { DEFAULT_SETTINGS } from "../../../src/domain/settings/settings";
import { draft, model, domainExample } from "../../support/evaluationModel";

describe("validateSetup", () => {
  it("accepts a good setup with weights in basis points and prices in pence", () => {
    const v = validateSetup(draft(), DEFAULT_SETTINGS);
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
    const v = validateSetup(thirds, DEFAULT_SETTINGS);
    expect(v.model).toBeNull();
    expect(v.errors).toContainEqual({
      field: "weights",
      message: "Weights add up to 99.99%; they must add up to exactly 100%",
    });
    const ok = validateSetup(
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
          const v = validateSetup(draft({ criteria, bidders: [{ name: "X" }] }), {
            ...DEFAULT_SETTINGS,
            socialValueMinWeightPercent: 0,
          });
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
    const v = validateSetup(
      draft({
        criteria: [
          { name: "Delivery", group: "quality", weight: 50 },
          { name: " delivery ", group: "quality", weight: 40 },
          { name: "", group: "socialValue", weight: 10 },
        ],
        bidders: [],
        evaluators: [],
      }),
      DEFAULT_SETTINGS
    );
    const msgs = v.errors.map((e) => e.message);
    expect(msgs).toContain(
      'Criterion name "delivery" is used twice (rows 1 and 2); names must be unique'
    );
    expect(msgs).toContain("Criterion 3 has no name; every criterion needs a name");
    expect(msgs).toContain("Add at least one bidder");
    expect(msgs).toContain("Add at least one panel member");
    const dupEval = validateSetup(draft({ evaluators: ["Ann", "ANN"] }), DEFAULT_SETTINGS);
    expect(dupEval.errors.map((e) => e.field)).toContain("evaluators.1");
    const dupBid = validateSetup(
      draft({
        bidders: [
          { name: "X", price: 1 },
          { name: "x", price: 2 },
        ],
      }),
      DEFAULT_SETTINGS
    );
    expect(dupBid.errors.map((e) => e.field)).toContain("bidders.1.name");
  });
  it("social value under the settings' percentage is a warning, not a block", () => {
    const crit = [
      { name: "Quality", group: "quality", weight: 65 },
      { name: "Price", group: "price", weight: 30 },
      { name: "Social value", group: "socialValue", weight: 5 },
    ];
    const v = validateSetup(draft({ criteria: crit }), DEFAULT_SETTINGS);
    expect(v.errors).toEqual([]);
    expect(v.model).not.toBeNull();
    expect(v.warnings).toHaveLength(1);
    expect(v.warnings[0].message).toContain("Social value weighs 5%, under the 10%");
    const v2 = validateSetup(draft({ criteria: crit }), {
      ...DEFAULT_SETTINGS,
      socialValueMinWeightPercent: 5,
    });
    expect(v2.warnings).toEqual([]);
  });
  it("refuses bad prices, groups, minimums, scales, descriptors, methods, limits and thresholds, naming each field", () => {
    const v = validateSetup(
      draft({
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
      }),
      DEFAULT_SETTINGS
    );
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
    const scale = validateSetup(draft({ scaleMax: 7 }), DEFAULT_SETTINGS);
    expect(scale.errors.map((e) => e.message)).toContain(
      "Scoring scale must be 0-4, 0-5 or 0-10; got 0-7"
    );
    const wrongCount = validateSetup(draft({ scaleMax: 10 }), DEFAULT_SETTINGS);
    expect(wrongCount.errors.map((e) => e.field)).toContain("descriptors");
    const ten = validateSetup(
      draft({ scaleMax: 10, descriptors: defaultDescriptors(10) }),
      DEFAULT_SETTINGS
    );
    expect(ten.errors).toEqual([]);
    const twoPrices = validateSetup(
      draft({
        criteria: [
          { name: "Q", group: "quality", weight: 60 },
          { name: "P1", group: "price", weight: 20 },
          { name: "P2", group: "price", weight: 20 },
        ],
      }),
      DEFAULT_SETTINGS
    );
    expect(twoPrices.errors.map((e) => e.message).join()).toContain("use one price criterion");
  });
  it("without a price criterion prices may be blank", () => {
    const v = validateSetup(
      draft({
        criteria: [
          { name: "Q", group: "quality", weight: 80 },
          { name: "SV", group: "socialValue", weight: 20 },
        ],
        bidders: [{ name: "A" }, { name: "B", price: "" }],
      }),
      DEFAULT_SETTINGS
    );
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

describe("results: quality threshold before price, ranks", () => {
  it("DOMAIN.md s.4: A 90/£100 vs B 72/£70 at 60/40 -> B wins; add C 30/£40 -> A wins", () => {
    const two = rankBids(
      [
        { name: "A", quality: 54, socialValue: 0, price: 100, passed: true },
        { name: "B", quality: 43.2, socialValue: 0, price: 70, passed: true },
      ],
      40,
      "lowest"
    );
    expect(two.map((b) => [b.name, b.total, b.rank])).toEqual([
      ["A", 82, 2],
      ["B", 83.2, 1],
    ]);
    const three = rankBids(
      [
        { name: "A", quality: 54, socialValue: 0, price: 100, passed: true },
        { name: "B", quality: 43.2, socialValue: 0, price: 70, passed: true },
        { name: "C", quality: 18, socialValue: 0, price: 40, passed: true },
      ],
      40,
      "lowest"
    );
    expect(three.find((b) => b.rank === 1)?.name).toBe("A");
    expect(three[1].total).toBeCloseTo(43.2 + (40 * 40) / 70, 5);
  });
  it("the same example through the full model from consensus scores, and the rank-reversal check finds C", () => {
    const two = domainExample(false);
    const r2 = computeResults(two.model, two.consensus);
    expect(r2.bids.map((b) => b.qualityPercent)).toEqual([90, 72]);
    expect(r2.winners).toEqual(["B"]);
    const three = domainExample(true);
    const r3 = computeResults(three.model, three.consensus);
    expect(r3.winners).toEqual(["A"]);
    const rr = rankReversal(r3.bids, r3.priceWeight, "lowest");
    expect(rr.winners).toEqual(["A"]);
    expect(rr.reversals).toEqual([{ withdrawn: "C", winnersWithout: ["B"], changes: true }]);
    expect(rr.checks.find((c) => c.withdrawn === "B")?.changes).toBe(false);
    expect(describeReversal(rr.reversals[0], rr.winners)).toContain(
      'If "C" were withdrawn, the winner would change from A to B'
    );
  });
  it("a threshold that excludes the cheapest bid changes the others' price points: C below 50% cannot move A and B", () => {
    const open = computeResults(domainExample(true).model, domainExample(true).consensus);
    const { model: m, consensus } = domainExample(true, 50);
    const r = computeResults(m, consensus);
    const c = r.bids[2];
    expect(c.status).toBe("belowThreshold");
    expect(c.pricePoints).toBe(0);
    expect(c.rank).toBeNull();
    // Lowest price among passing bids is now B's £70, not C's £40.
    expect(r.bids[1].pricePoints).toBe(40);
    expect(r.bids[0].pricePoints).toBeCloseTo((40 * 70) / 100, 12);
    expect(open.bids[1].pricePoints).toBeCloseTo((40 * 40) / 70, 12);
    expect(r.winners).toEqual(["B"]);
    expect(rankReversal(r.bids, r.priceWeight, "lowest").reversals).toEqual([]);
  });
  it("a consensus score below a criterion's minimum excludes the bid; a missing score makes it incomplete", () => {
    const m = model();
    const r = computeResults(m, [
      [5, 1, 5], // Outcomes minimum 2
      [4, 4, 4],
      [4, null, 4],
    ]);
    expect(r.bids.map((b) => b.status)).toEqual(["belowMinimum", "passed", "incomplete"]);
    expect(r.bids[0].belowMinimum).toEqual(["Outcomes"]);
    expect(r.bids[1].pricePoints).toBe(30); // the only passing bid has the lowest passing price
    expect(r.winners).toEqual(["Beta CIC"]);
  });
  it("equal totals share a rank", () => {
    const m = model({
      criteria: [
        { name: "Q", group: "quality", weight: 90 },
        { name: "SV", group: "socialValue", weight: 10 },
      ],
      bidders: [{ name: "A" }, { name: "B" }, { name: "C" }],
    });
    const r = computeResults(m, [
      [4, 4],
      [5, 2],
      [4, 4],
    ]);
    expect(r.bids.map((b) => b.rank)).toEqual([2, 1, 2]);
  });
  it("property: totals are within [0, 100]; the passing bid with the lowest price gets all price points; ranks start at 1", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }), {
          minLength: 6,
          maxLength: 6,
        }),
        fc.integer({ min: 0, max: 80 }),
        (prices, scores, threshold) => {
          const m = model({
            bidders: prices.map((p, i) => ({ name: `B${i}`, price: p })),
            qualityThreshold: threshold,
          });
          const r = computeResults(m, scores.slice(0, prices.length));
          const passing = r.bids.filter((b) => b.passed);
          r.bids.forEach((b) => {
            expect(b.total).toBeGreaterThanOrEqual(0);
            expect(b.total).toBeLessThanOrEqual(100 + 1e-9);
            if (!b.passed) expect(b.pricePoints).toBe(0);
          });
          if (passing.length > 0) {
            const low = Math.min(...passing.map((b) => b.price as number));
            passing
              .filter((b) => b.price === low)
              .forEach((b) => expect(b.pricePoints).toBeCloseTo(30, 9));
            expect(Math.min(...passing.map((b) => b.rank as number))).toBe(1);
          } else expect(r.winners).toEqual([]);
        }
      ),
      { numRuns: 60 }
    );
  });
});

describe("assessment summaries", () => {
  it("each bidder's scores and rationale beside the winning bid's, criterion by criterion", () => {
    const m = model();
    const consensus = [
      [5, 1, 5],
      [4, 4, 4],
      [3, 3, 3],
    ];
    const why = [
      ["a1", "a2", "a3"],
      ["b1", "b2", "b3"],
      ["c1", "c2", "c3"],
    ];
    const s = assessmentSummaries(m, consensus, why);
    expect(s[1].isWinner).toBe(true);
    expect(s[0].statusText).toBe("Excluded: below a minimum score (Outcomes)");
    expect(s[2].rows[1]).toEqual({
      criterion: "Outcomes",
      group: "quality",
      weight: 30,
      score: 3,
      rationale: "c2",
      winnerScore: 4,
      winnerRationale: "b2",
    });
    expect(s[2].winner).toBe("Beta CIC");
  });
});

describe("sheet names", () => {
  it("sanitises user text into valid, unique Excel sheet names of at most 31 characters", () => {
    const taken = new Set<string>(["criteria"]);
    expect(sanitiseSheetName("Scores a/b:c*d?[e]\\f", taken)).toBe("Scores a b c d e f");
    expect(sanitiseSheetName("Criteria", taken)).toBe("Criteria (2)");
    const long = sanitiseSheetName("Scores " + "x".repeat(40), taken);
    expect(long.length).toBe(31);
    const long2 = sanitiseSheetName("Scores " + "x".repeat(40), taken);
    expect(long2.length).toBeLessThanOrEqual(31);
    expect(long2).not.toBe(long);
    expect(sanitiseSheetName("'quoted'", taken)).toBe("quoted");
    expect(sanitiseSheetName("History", taken)).toBe("History 1");
    expect(sanitiseSheetName("///", taken)).toBe("Sheet");
  });
  it("property: every generated name is valid and unique", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 50 }), { maxLength: 12 }), (texts) => {
        const taken = new Set<string>();
        const names = texts.map((t) => sanitiseSheetName(t, taken));
        names.forEach((n) => {
          expect(n.length).toBeGreaterThan(0);
          expect(n.length).toBeLessThanOrEqual(31);
          expect(n).not.toMatch(/[[\]:*?/\\]/);
          expect(n.startsWith("'") || n.endsWith("'")).toBe(false);
        });
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
      })
    );
  });
});

describe("workbook layout model", () => {
  const m = model({
    bidders: [
      { name: "=1+1", price: 10 },
      { name: "+44 Ltd", price: 20 },
    ],
    evaluators: ["Ann", "Scores Ann"],
  });
  const sheets = evaluationLayout(m);
  it("has Criteria, one scoring sheet per evaluator, Moderation and Results", () => {
    expect(sheets.map((s) => s.name)).toEqual([
      "Criteria",
      "Scores Ann",
      "Scores Scores Ann",
      "Moderation",
      "Results",
    ]);
  });
  it("blocks never overlap, so no formula or number lands in a text-formatted cell", () => {
    for (const s of sheets) {
      const seen = new Set<string>();
      for (const b of s.blocks)
        b.data.forEach((row, i) =>
          row.forEach((_, j) => {
            const a = cell(b.row + i, b.col + j);
            expect(seen.has(`${s.name}!${a}`)).toBe(false);
            seen.add(`${s.name}!${a}`);
          })
        );
    }
  });
  it("user text is in text blocks, never formulas; only formula blocks start with =", () => {
    const eval1 = layoutCells(sheets[1]);
    expect(eval1.get("A8")).toEqual({ kind: "text", value: "=1+1", numberFormat: undefined });
    for (const s of sheets)
      for (const b of s.blocks) {
        if (b.kind === "formula")
          b.data.flat().forEach((v) => expect(String(v).startsWith("=")).toBe(true));
      }
  });
  it("formula cells are locked and input cells open: declaration, scores and reasons, consensus and rationale", () => {
    const refs = evaluationRefs(m);
    const ev = sheets[1];
    expect(isUnlocked(ev, refs.declaration)).toBe(true);
    expect(isUnlocked(ev, refs.scoreCell(1, 2))).toBe(true);
    expect(isUnlocked(ev, refs.reasonCell(1, 2))).toBe(true);
    expect(isUnlocked(ev, "B4")).toBe(false); // status formula
    const mod = sheets[3];
    expect(isUnlocked(mod, refs.consensusCell(1, 2))).toBe(true);
    expect(isUnlocked(mod, refs.rationaleCell(1, 2))).toBe(true);
    for (const s of sheets) {
      for (const b of s.blocks)
        if (b.kind === "formula")
          b.data.forEach((row, i) =>
            row.forEach((_, j) => expect(isUnlocked(s, cell(b.row + i, b.col + j))).toBe(false))
          );
    }
    expect(sheets[0].unlocked).toEqual([]);
    expect(sheets[4].unlocked).toEqual([]);
  });
  it("scores are limited to the scale; the declaration is a list; discuss is highlighted", () => {
    const ev = sheets[1];
    expect(
      ev.validations
        .filter((v) => v.type === "wholeNumber")
        .every((v) => v.type === "wholeNumber" && v.min === 0 && v.max === 5)
    ).toBe(true);
    expect(ev.validations.filter((v) => v.type === "wholeNumber")).toHaveLength(3);
    expect(ev.validations.find((v) => v.type === "list")).toMatchObject({
      address: "B3",
      options: [DECLARATION_NO_CONFLICT, DECLARATION_CONFLICT],
    });
    expect(sheets[3].conditionalFormats[0].formula).toContain('="Discuss"');
    expect(sheets[4].chart).toMatchObject({ type: "BarStacked", source: "A5:D7" });
  });
  it("moderation reads each evaluator's score only once their declaration is complete", () => {
    const mod = layoutCells(sheets[3]);
    const f = String(mod.get("F5")?.value);
    expect(f).toBe(
      `=IF('Scores Ann'!$B$3="${DECLARATION_NO_CONFLICT}",IF(ISNUMBER('Scores Ann'!B8),'Scores Ann'!B8,""),"")`
    );
  });
});

describe("checkReturns", () => {
  const m = model({
    bidders: [
      { name: "Alpha", price: 10 },
      { name: "Beta", price: 20 },
    ],
    evaluators: ["Ann", "Bob", "Cat"],
  });
  const refs = evaluationRefs(m, evaluationSheetNames(m));
  const fullGrid = (score: number) => [0, 1].map(() => [score, "ok", score, "ok", score, "ok"]);
  const complete = (): ReturnsData => ({
    declarations: [DECLARATION_NO_CONFLICT, DECLARATION_NO_CONFLICT, DECLARATION_NO_CONFLICT],
    grids: [fullGrid(3), fullGrid(3), fullGrid(4)],
    moderation: Array.from({ length: 6 }, () => [3, "agreed"]),
  });
  it("a complete return has no findings", () => {
    expect(checkReturns(m, refs, complete())).toEqual([]);
  });
  it("finds each kind of problem and says where it is", () => {
    const d = complete();
    d.declarations[1] = "";
    d.declarations[2] = DECLARATION_CONFLICT;
    d.grids[0][1][2] = ""; // Ann, Beta, Outcomes: missing score
    d.grids[0][0][4] = 9; // Ann, Alpha, Social value: outside scale
    d.grids[1][0][1] = ""; // Bob, Alpha, Delivery: no reason
    d.grids[1][1][0] = 5; // Bob scores Beta Delivery 5 vs Ann 3: spread 2 (but Bob undeclared, so not counted)
    d.grids[0][1][0] = 1; // Ann 1 vs Bob 5 on Beta Delivery
    d.moderation[3] = ["", ""]; // Beta Delivery
    d.moderation[4] = ["", ""]; // Beta Outcomes
    d.moderation[0] = [4, ""]; // Alpha Delivery without rationale
    d.moderation[1] = [7, "x"]; // Alpha Outcomes outside scale
    const f = checkReturns(m, refs, d);
    const by = (k: string) => f.filter((x) => x.kind === k);
    expect(by("undeclaredConflict")).toEqual([
      {
        kind: "undeclaredConflict",
        sheet: "Scores Bob",
        address: "B3",
        message:
          "Bob has not completed the conflict-of-interest declaration (it is blank); their scores do not count until they do",
      },
    ]);
    expect(by("conflictDeclared").map((x) => x.sheet)).toEqual(["Scores Cat"]);
    expect(by("missingScore")).toEqual([
      {
        kind: "missingScore",
        sheet: "Scores Ann",
        address: "D9",
        message: "Ann has not scored Beta on Outcomes",
      },
    ]);
    expect(by("invalidScore").map((x) => [x.sheet, x.address])).toEqual([["Scores Ann", "F8"]]);
    expect(by("missingReason").map((x) => [x.sheet, x.address])).toEqual([["Scores Bob", "C8"]]);
    // Bob is undeclared, so the spread on Beta Delivery counts Ann only: not a wide spread.
    expect(by("notModerated")).toEqual([]);
    expect(by("missingConsensus").map((x) => x.address)).toEqual([
      refs.consensusCell(1, 0),
      refs.consensusCell(1, 1),
    ]);
    expect(by("noRationale").map((x) => x.address)).toEqual([refs.rationaleCell(0, 0)]);
    expect(by("invalidConsensus").map((x) => x.address)).toEqual([refs.consensusCell(0, 1)]);
    // Once Bob declares, the spread of 1 to 5 is wide and not moderated.
    d.declarations[1] = DECLARATION_NO_CONFLICT;
    const f2 = checkReturns(m, refs, d);
    expect(f2.filter((x) => x.kind === "notModerated")).toEqual([
      {
        kind: "notModerated",
        sheet: "Moderation",
        address: refs.consensusCell(1, 0),
        message:
          "Beta on Delivery: scores range from 1 to 5 (more than 1 apart) and no consensus has been recorded",
      },
    ]);
  });
  it("text in a declaration cell that is neither option is not a declaration", () => {
    const d = complete();
    d.declarations[0] = "maybe";
    expect(checkReturns(m, refs, d).map((x) => x.kind)).toEqual(["undeclaredConflict"]);
  });
});
