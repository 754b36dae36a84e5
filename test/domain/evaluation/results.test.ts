import fc from "fast-check";
import {
  computeResults,
  rankBids,
  rankReversal,
  describeReversal,
} from "../../../src/domain/evaluation/results";
import { assessmentSummaries } from "../../../src/domain/evaluation/summaries";
import { model, domainExample } from "../../support/evaluationModel";

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
    const out = assessmentSummaries(m, consensus, why);
    if (!out.ok) throw new Error("expected summaries");
    const s = out.summaries;
    expect(s[1].isWinner).toBe(true);
    expect(s[0].statusText).toBe("Excluded: this bid was not ranked");
    expect(s[0].exclusion).toEqual([
      'Scored 1 on "Outcomes", below the minimum score of 2; price was therefore not scored',
    ]);
    expect(s[2].statusText).toBe("Not successful: ranked 2 of 2");
    expect(s[2].rows[1]).toEqual({
      criterion: "Outcomes",
      group: "quality",
      weight: 30,
      minimum: 2,
      score: 3,
      rationale: "c2",
      winnerScore: 4,
      winnerRationale: "b2",
    });
    expect(s[2].winner).toBe("Beta CIC");
  });
});
