/**
 * Staged evaluation, worked out by hand: conflicts per bid, assignments, the gateway, the
 * tie-break, price per quality point, the abnormally low tender flag, the tipping point, and the
 * assessment summaries' reg. 31 content.
 */
import fc from "fast-check";
import {
  computeResults,
  describeTippingPoint,
  rankBids,
  tippingPoint,
} from "../../../src/domain/evaluation/results";
import { assessmentSummaries } from "../../../src/domain/evaluation/summaries";
import {
  checkReturns,
  countedScores,
  type ReturnsData,
} from "../../../src/domain/evaluation/returnsChecks";
import {
  methodologyText,
  validateEvaluationSetup,
  modelToDraft,
} from "../../../src/domain/evaluation/setup";
import { BID_CONFLICT, BID_NO_CONFLICT } from "../../../src/domain/evaluation/words";
import { DEFAULT_SETTINGS } from "../../../src/domain/settings/settings";
import { domainExample, draft, model } from "../../support/evaluationModel";

const locate = () => ({ sheet: "S", address: "A1" });

/** Every member declares no conflict with every bid, and scores every assigned cell 3. */
function returns(m: ReturnType<typeof model>): ReturnsData {
  const nK = m.criteria.filter((c) => c.group !== "price").length;
  return {
    declarations: m.evaluators.map(() => m.bidders.map(() => BID_NO_CONFLICT)),
    scores: m.evaluators.map(() => m.bidders.map(() => Array.from({ length: nK }, () => 3))),
    reasons: m.evaluators.map(() => m.bidders.map(() => Array.from({ length: nK }, () => "ok"))),
    consensus: m.bidders.map(() => Array.from({ length: nK }, () => 3)),
    rationale: m.bidders.map(() => Array.from({ length: nK }, () => "agreed")),
  };
}

describe("conflicts per bid", () => {
  const m = model();
  it("a member conflicted with one bidder has only that bid's scores void", () => {
    const d = returns(m);
    d.scores[1] = [
      [5, 5, 5],
      [1, 1, 1],
      [4, 4, 4],
    ];
    d.declarations[1][1] = BID_CONFLICT; // Bob, Beta CIC
    expect(countedScores(d, 0, 0, m)).toEqual([3, 5, 3]);
    expect(countedScores(d, 1, 0, m)).toEqual([3, 3]); // Bob's 1 left out
    expect(countedScores(d, 2, 0, m)).toEqual([3, 4, 3]);
    const problems = checkReturns(m, d, locate);
    expect(problems.map((p) => [p.kind, p.message])).toEqual([
      [
        "conflictDeclared",
        "Bob declared a conflict of interest with Beta CIC; their scores for that bid only are not counted",
      ],
    ]);
  });
  it("the bid still needs enough independent scores (a setting)", () => {
    const m2 = model({ minIndependentScores: 3 });
    const d = returns(m2);
    d.declarations[2][0] = BID_CONFLICT; // Cat, Alpha Trust
    const problems = checkReturns(m2, d, locate).filter((p) => p.kind === "tooFewScores");
    expect(problems).toHaveLength(3); // Alpha on each of the three scored criteria
    expect(problems[0].message).toBe(
      "Alpha Trust on Delivery: only 2 panel members without a conflict can score it (Ann, Bob); each bid needs 3 independent scores: assign another member"
    );
  });
  it("an undeclared bid is reported for that bid only", () => {
    const d = returns(m);
    d.declarations[0][2] = "";
    const problems = checkReturns(m, d, locate);
    expect(problems.map((p) => p.message)).toEqual([
      "Ann has not declared whether they have a conflict of interest with Gamma Ltd (it is blank); their scores for that bid do not count until they do",
    ]);
  });
});

describe("assignments", () => {
  it("criteria or groups are assigned; Check returns follows them", () => {
    const m = model({
      assignments: ["Delivery; Outcomes", "Quality", "Social value, Delivery"],
      minIndependentScores: 1,
    });
    expect(m.assignments).toEqual([
      [0, 1],
      [0, 1],
      [0, 2],
    ]);
    const d = returns(m);
    // Cat does not score Outcomes: a blank there is not missing; Ann's blank Social value neither.
    d.scores[2][0][1] = "";
    d.scores[0][0][2] = "";
    d.scores[2][0][0] = ""; // but Cat's Delivery is
    const problems = checkReturns(m, d, locate);
    expect(problems.map((p) => p.message)).toEqual(["Cat has not scored Alpha Trust on Delivery"]);
    // Scores on criteria not assigned do not count.
    d.scores[0][0][2] = 0;
    expect(countedScores(d, 0, 2, m)).toEqual([3]);
  });
  it("refuses unknown names, price, and a criterion with fewer members than the scores it needs", () => {
    const v = validateEvaluationSetup(
      draft({ assignments: ["Delivery", "Price", "Outcomes, Quallity"], minIndependentScores: 2 }),
      DEFAULT_SETTINGS
    );
    expect(v.errors.map((e) => e.message)).toEqual([
      'Bob is assigned "Price": price is worked out from the bids\' prices, not scored by the panel; leave it out',
      'Cat is assigned "Quallity", which is not a scored criterion or group (Quality, Social value); check the spelling against the criteria',
      '"Delivery" is scored by 1 panel member (Ann), but each bid needs 2 independent scores: assign it to more members or lower the number',
      '"Outcomes" is scored by 1 panel member (Cat), but each bid needs 2 independent scores: assign it to more members or lower the number',
      '"Social value" is scored by 0 panel members, but each bid needs 2 independent scores: assign it to more members or lower the number',
    ]);
  });
  it("round-trips through a saved draft and is written into the published method", () => {
    const m = model({
      assignments: ["Delivery; Outcomes", "", "Social value; Outcomes"],
      minIndependentScores: 1,
    });
    const again = validateEvaluationSetup(modelToDraft(m), DEFAULT_SETTINGS).model;
    expect(again?.assignments).toEqual(m.assignments);
    expect(methodologyText(m).join(" ")).toContain(
      "Ann scores Delivery, Outcomes; Bob scores Delivery, Outcomes, Social value; Cat scores Outcomes, Social value"
    );
  });
});

describe("gateway, thresholds, then price among passing bids", () => {
  // Quality 60 (Delivery 30, Outcomes 30 min 2), price 30, social value 10; 0-5 scale.
  const m = model({ gateway: ["Insurance certificate", "Accredited"] });
  const consensus = [
    [4, 4, 4], // Alpha: 24 + 24 + 8 = 56
    [3, 3, 3], // Beta: 18 + 18 + 6 = 42
    [5, 5, 5], // Gamma: 60 + 10 = 70, cheapest but fails the gateway
  ];
  const gateway = {
    answers: [
      ["Pass", "Pass"],
      ["Pass", "pass"],
      ["Pass", "Fail"],
    ],
    reasons: [
      ["Seen", "PQASSO"],
      ["Seen", "PQASSO"],
      ["Seen", "No quality mark"],
    ],
  };
  it("a bid failing the gateway is excluded, and its price cannot move the others' price points", () => {
    const r = computeResults(m, consensus, gateway);
    expect(r.bids.map((b) => b.status)).toEqual(["passed", "passed", "failedGateway"]);
    // lowest passing price is Beta's £70,000: Alpha 30 x 70/100 = 21, Beta 30.
    expect(r.bids.map((b) => b.pricePoints)).toEqual([21, 30, 0]);
    expect(r.bids.map((b) => b.total)).toEqual([77, 72, 70]);
    expect(r.bids.map((b) => b.rank)).toEqual([1, 2, null]);
  });
  it("an unanswered gateway leaves the bid incomplete, and summaries are refused until complete", () => {
    const partial = {
      answers: [
        ["Pass", "Pass"],
        ["Pass", ""],
        ["Pass", "Fail"],
      ],
    };
    expect(computeResults(m, consensus, partial).bids[1].status).toBe("incomplete");
    expect(assessmentSummaries(m, consensus, [], partial)).toEqual({
      ok: false,
      missing: ["Beta CIC"],
    });
    const noScore = [
      [4, 4, 4],
      [3, null, 3],
      [null, null, null],
    ];
    // Gamma needs no scores once it failed the gateway; Beta's missing score holds everything up.
    expect(assessmentSummaries(m, noScore, [], gateway)).toEqual({
      ok: false,
      missing: ["Beta CIC"],
    });
  });
  it("summaries give per criterion the score and reasons, the winner's, and why a bid was excluded", () => {
    const rationale = consensus.map((row, b) => row.map((s, k) => `bid ${b} criterion ${k}: ${s}`));
    const out = assessmentSummaries(m, consensus, rationale, gateway);
    if (!out.ok) throw new Error("expected summaries");
    const [alpha, beta, gamma] = out.summaries;
    expect(alpha.statusText).toBe("Most advantageous tender: ranked first");
    expect(beta.statusText).toBe("Not successful: ranked 2 of 2");
    expect(JSON.stringify(out.summaries)).not.toMatch(/Passed/);
    expect(beta.rows[1]).toEqual({
      criterion: "Outcomes",
      group: "quality",
      weight: 30,
      minimum: 2,
      score: 3,
      rationale: "bid 1 criterion 1: 3",
      winnerScore: 4,
      winnerRationale: "bid 0 criterion 1: 4",
    });
    expect(gamma.statusText).toBe("Excluded: this bid was not ranked");
    expect(gamma.exclusion).toEqual(['Failed the gateway question "Accredited": No quality mark']);
    expect(beta.exclusion).toEqual([]);
  });
  it("a bid below a criterion minimum says which criterion, its score and the minimum", () => {
    const out = assessmentSummaries(
      m,
      [
        [4, 4, 4],
        [3, 1, 3],
        [5, 5, 5],
      ],
      [],
      {
        answers: gateway.answers.map(() => ["Pass", "Pass"]),
      }
    );
    if (!out.ok) throw new Error("expected summaries");
    expect(out.summaries[1].exclusion).toEqual([
      'Scored 1 on "Outcomes", below the minimum score of 2; price was therefore not scored',
    ]);
  });
  it("the gateway is published in the method", () => {
    expect(methodologyText(m)[0]).toBe(
      "Stage 1, gateway: each bid is checked pass or fail, with a reason, against: Insurance certificate; Accredited. A bid that fails any of them is excluded and not scored."
    );
  });
});

describe("tie-break chosen at setup", () => {
  // Quality 50, price 50. A: 4/5 -> 40 + 50 (lowest price 100) = 90. B: 5/5 -> 50 + 50 x 100/125 = 90.
  const bids = [
    { name: "A", quality: 40, socialValue: 0, price: 100, passed: true, qualityPercent: 80 },
    { name: "B", quality: 50, socialValue: 0, price: 125, passed: true, qualityPercent: 100 },
    { name: "C", quality: 10, socialValue: 0, price: 200, passed: true, qualityPercent: 20 },
  ];
  it("none: equal totals share the rank", () => {
    expect(rankBids(bids, 50, "lowest", "none").map((b) => [b.total, b.rank])).toEqual([
      [90, 1],
      [90, 1],
      [35, 3],
    ]);
  });
  it("quality: the higher quality score ranks first; price: the lower price", () => {
    expect(rankBids(bids, 50, "lowest", "quality").map((b) => b.rank)).toEqual([2, 1, 3]);
    expect(rankBids(bids, 50, "lowest", "price").map((b) => b.rank)).toEqual([1, 2, 3]);
  });
  it("price: a bid without a price neither wins nor loses the tie (as the workbook ranks it)", () => {
    const unpriced = [
      { name: "D", quality: 40, socialValue: 0, price: null, passed: true },
      { name: "E", quality: 40, socialValue: 0, price: null, passed: true },
      { name: "F", quality: 40, socialValue: 0, price: 90, passed: true },
    ];
    expect(rankBids(unpriced, 0, "lowest", "price").map((b) => b.rank)).toEqual([1, 1, 1]);
  });
  it("is written into the published method", () => {
    expect(methodologyText(model({ tieBreak: "price" })).join(" ")).toContain(
      "Where two bids are equal, the bid with the lower price is ranked higher"
    );
  });
});

describe("price per quality point (Cabinet Office Bid Evaluation Guidance Note, 2021)", () => {
  const criteria = [
    { name: "Q1", group: "quality", weight: 60, minimum: "" },
    { name: "Q2", group: "quality", weight: 30, minimum: "" },
    { name: "SV", group: "socialValue", weight: 10, minimum: "" },
  ];
  it("lowest price per quality point wins, by hand", () => {
    const m = model({
      criteria,
      priceMethod: "perQualityPoint",
      bidders: [
        { name: "A", price: 90000 },
        { name: "B", price: 60000 },
        { name: "C", price: 50000 },
      ],
    });
    // A 60 + 24 + 6 = 90 points, £1,000 a point; B 36 + 18 + 10 = 64, £937.50; C 24 + 12 + 4 = 40, £1,250.
    const r = computeResults(m, [
      [5, 4, 3],
      [3, 3, 5],
      [2, 2, 2],
    ]);
    expect(r.bids.map((b) => b.pricePerPoint)).toEqual([1000, 937.5, 1250]);
    expect(r.bids.map((b) => b.rank)).toEqual([2, 1, 3]);
    expect(r.winners).toEqual(["B"]);
    expect(methodologyText(m).join(" ")).toContain("price per quality point");
  });
  it("needs a price from every bid, and no price weight", () => {
    const v = validateEvaluationSetup(
      draft({
        priceMethod: "perQualityPoint",
        bidders: [{ name: "A", price: "" }],
      }),
      DEFAULT_SETTINGS
    );
    expect(v.errors.map((e) => e.message)).toEqual([
      'With price per quality point, price is divided by the quality score rather than weighted: give "Price" a weight of 0% and the quality and social value criteria 100%',
      'Price for bidder "A" is blank; every bid needs a price when price is a criterion',
    ]);
  });
});

describe("checks: abnormally low tender and the tipping point", () => {
  it("flags a price below x% of the mean of passing bids, or below the bidder's full cost", () => {
    const { model: m, consensus } = domainExample(true);
    m.bidders[1].fullCostPence = 8000; // B: £70 bid against a full cost of £80
    const r = computeResults(m, consensus);
    // mean of £100, £70, £40 = £70; 80% of it = £56: C's £40 is below.
    expect(r.bids.map((b) => b.abnormallyLow !== null)).toEqual([false, true, true]);
    expect(r.bids[1].abnormallyLow).toMatch(/below the bidder's own full cost/);
    expect(r.bids[2].abnormallyLow).toMatch(/below 80% of the mean price/);
    m.abnormallyLowPercent = 50; // £35: C is no longer flagged
    expect(computeResults(m, consensus).bids[2].abnormallyLow).toBeNull();
  });
  it("tipping point: B wins at 40% price; A would win if price weighed less than 37.5%", () => {
    // A 90% quality, £100; B 72%, £70. diff(P) = -0.18 (100 - P) + 0.3 P = 0 at P = 37.5.
    const { model: m, consensus } = domainExample(false);
    const t = tippingPoint(m, computeResults(m, consensus));
    expect(t).toEqual({
      applicable: true,
      winner: "B",
      priceWeight: 40,
      lower: { priceWeight: 37.5, winner: "A" },
      higher: null,
    });
    expect(describeTippingPoint(t)).toBe(
      "Price weighs 40%. The winner (B) would change to A if price weighed less than 37.5% (quality and social value scaled to fill the rest)."
    );
  });
  it("property: just past the tipping point the named bid wins; just before it the winner holds", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ q: fc.integer({ min: 1, max: 100 }), p: fc.integer({ min: 1, max: 1000 }) }),
          {
            minLength: 2,
            maxLength: 6,
          }
        ),
        fc.integer({ min: 1, max: 99 }),
        (bids, P) => {
          const totals = (w: number) =>
            bids.map((b) => {
              const low = Math.min(...bids.map((x) => x.p));
              return (b.q / 100) * (100 - w) + (low / b.p) * w;
            });
          const t0 = totals(P);
          const best = Math.max(...t0);
          if (t0.filter((t) => Math.abs(t - best) < 1e-9).length > 1) return;
          const results = {
            bids: bids.map((b, i) => ({
              name: `B${i}`,
              qualityPercent: b.q,
              price: b.p,
              rank: t0[i] === best ? 1 : 2,
            })),
            winners: [],
            scoredWeight: 100 - P,
            priceWeight: P,
          } as unknown as Parameters<typeof tippingPoint>[1];
          const m = { priceMethod: "lowest" } as Parameters<typeof tippingPoint>[0];
          const t = tippingPoint(m, results);
          if (!t.applicable) return;
          for (const side of [t.lower, t.higher]) {
            if (!side) continue;
            const past = side === t.lower ? side.priceWeight - 0.01 : side.priceWeight + 0.01;
            if (past < 0 || past > 100) continue;
            const tp = totals(past);
            const i = Number(side.winner.slice(1));
            expect(tp[i]).toBeGreaterThanOrEqual(Math.max(...tp) - 1e-6);
          }
        }
      )
    );
  });
});

describe("rankBids on a huge list", () => {
  it("ranks 150,000 bids without spreading them into Math.min (which throws for huge lists)", () => {
    const n = 150_000;
    const bids = Array.from({ length: n }, (_, i) => ({
      name: `B${i}`,
      quality: 50,
      socialValue: 0,
      price: 1000 + (i % 977),
      passed: true,
    }));
    const ranked = rankBids(bids, 50, "lowest");
    expect(ranked[0].pricePoints).toBe(50);
    expect(ranked[0].rank).toBe(1);
    expect(ranked.filter((b) => b.rank === 1)).toHaveLength(Math.ceil(n / 977));
    // the spread the old code used cannot take this many arguments
    expect(() => Math.min(...bids.map((b) => b.price))).toThrow(RangeError);
  });
});
