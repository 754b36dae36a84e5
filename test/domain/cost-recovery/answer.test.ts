/**
 * One answer per project: full cost = funder pays + organisation finds, and organisation finds =
 * already covered + still to find, exactly in pence, for worked cases and random organisations;
 * red (below the basis) only when the price or award is below what the basis expects.
 */
import fc from "fast-check";
import { FUNDING_TYPES } from "../../../src/domain/classification/classify";
import { answerSentence, projectAnswer } from "../../../src/domain/cost-recovery/answer";
import {
  computeCostRecovery,
  defaultPools,
  type CostRecoverySetup,
} from "../../../src/domain/cost-recovery/organisation";
import { FULL_BASIS, type Basis } from "../../../src/domain/cost-recovery/rules";
import { DEFAULT_SETTINGS } from "../../../src/domain/settings/settings";
import { fundingTypeWarning } from "../../../src/domain/cost-recovery/warnings";
import { befriendingBidder } from "../../support/costRecoverySetups";

const ratio = (vcs: number, funder: number): Basis => ({
  label: `${vcs}/${funder}`,
  funderNum: funder,
  funderDen: 100,
});

describe("worked cases", () => {
  test("Youth mentoring: £5,000 awarded against a £45,497.24 small grant at 80/20 is below the basis", () => {
    const a = projectAnswer(4_549_724, ratio(80, 20), 500_000);
    // the funder's part would be £9,099.45 (a fifth, rounded half up); it pays the £5,000 awarded
    expect([a.expectedFunder, a.funderPays, a.organisationFinds, a.covered, a.stillToFind]).toEqual(
      [909_945, 500_000, 4_049_724, 0, 4_049_724]
    );
    expect(a.belowBasis).toBe(true);
    expect(answerSentence(a)).toBe(
      "Full cost £45,497.24. The funder pays £5,000.00 (80/20 organisation/funder; the price or award entered is £4,099.45 below the £9,099.45 expected); the organisation finds £40,497.24. Of that, £0.00 is already covered by the price or award entered (£5,000.00); £40,497.24 is still to find."
    );
  });

  test("a 50/50 investment paid exactly its half is not below the basis", () => {
    const a = projectAnswer(6_000_000, ratio(50, 50), 3_000_000);
    expect([a.funderPays, a.organisationFinds, a.covered, a.stillToFind, a.belowBasis]).toEqual([
      3_000_000,
      3_000_000,
      0,
      3_000_000,
      false,
    ]);
  });

  test("an award above the funder's part covers part of what the organisation finds", () => {
    // £75,000 at 80/20: the funder's part is £15,000; an award of £18,000 covers £3,000 more
    const a = projectAnswer(7_500_000, ratio(80, 20), 1_800_000);
    expect([a.funderPays, a.organisationFinds, a.covered, a.stillToFind, a.belowBasis]).toEqual([
      1_500_000,
      6_000_000,
      300_000,
      5_700_000,
      false,
    ]);
  });

  test("a price above the full cost leaves nothing to find and says by how much it is above", () => {
    const a = projectAnswer(100_000, FULL_BASIS, 120_000);
    expect([a.funderPays, a.organisationFinds, a.stillToFind, a.surplus]).toEqual([
      100_000, 0, 0, 20_000,
    ]);
    expect(answerSentence(a)).toMatch(/ The price or award is £200\.00 above the full cost\.$/);
  });

  test("nothing entered: the funder pays its part and the organisation's share is all still to find", () => {
    const a = projectAnswer(1_000_000, ratio(80, 20), null);
    expect([a.funderPays, a.organisationFinds, a.covered, a.stillToFind, a.belowBasis]).toEqual([
      200_000,
      800_000,
      0,
      800_000,
      false,
    ]);
    expect(answerSentence(a)).toBe(
      "Full cost £10,000.00. The funder pays £2,000.00 (80/20 organisation/funder); the organisation finds £8,000.00. No price or award is entered yet, so all £8,000.00 is still to find."
    );
  });
});

describe("properties", () => {
  const pence = fc.integer({ min: 0, max: 10_000_000_000 });
  const basis = fc
    .tuple(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(10_000, 100, 3))
    .map(([n, d]) => ({ label: "b", funderNum: n % (d + 1), funderDen: d }));

  test("full cost = funder pays + organisation finds; organisation finds = already covered + still to find", () => {
    fc.assert(
      fc.property(pence, basis, fc.option(pence), (full, b, price) => {
        const a = projectAnswer(full, b, price);
        const parts = [a.funderPays, a.organisationFinds, a.covered, a.stillToFind];
        return (
          parts.every((x) => Number.isSafeInteger(x) && x >= 0) &&
          a.funderPays + a.organisationFinds === full &&
          a.covered + a.stillToFind === a.organisationFinds &&
          a.belowBasis === (price !== null && price < a.expectedFunder) &&
          // with a price, what is still to find is exactly the full cost the price leaves
          (price === null || a.stillToFind === Math.max(0, full - price))
        );
      }),
      { numRuns: 2000 }
    );
  });

  const money = fc.integer({ min: 0, max: 5_000_000 }).map((p) => p / 100);
  const project = fc.record({
    name: fc.constantFrom("A", "B", "C"),
    directCost: money,
    units: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: null }),
    fundingType: fc.constantFrom(...FUNDING_TYPES),
    price: fc.option(money, { nil: null }),
    drivers: fc.array(fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }), {
      minLength: 4,
      maxLength: 4,
    }),
  });
  const organisation: fc.Arbitrary<CostRecoverySetup> = fc
    .record({
      amounts: fc.array(money, { minLength: 4, maxLength: 4 }),
      projects: fc.array(project, { minLength: 1, maxLength: 8 }),
      singleDriver: fc.boolean(),
    })
    .map(({ amounts, projects, singleDriver }) => ({
      organisation: "Random",
      singleDriver,
      pools: defaultPools().map((p, k) => ({ ...p, amount: amounts[k] })),
      projects,
      bidder: befriendingBidder(),
    }));

  test("random organisations: every project and the totals reconcile to the penny", () => {
    fc.assert(
      fc.property(organisation, (setup) => {
        const r = computeCostRecovery(setup, DEFAULT_SETTINGS);
        for (const p of r.projects) {
          const a = p.answer!;
          expect(a.fullCost).toBe(p.fullCost);
          expect(a.funderPays + a.organisationFinds).toBe(p.fullCost);
          expect(a.covered + a.stillToFind).toBe(a.organisationFinds);
        }
        const t = r.totals;
        expect(t.funderPays + t.organisationFinds).toBe(t.fullCost);
        expect(t.covered + t.stillToFind).toBe(t.organisationFinds);
      }),
      { numRuns: 300 }
    );
  });
});

describe("a funding type unusual for the amount", () => {
  const s = DEFAULT_SETTINGS;
  test("a small grant of £104,000 is over the small-grant threshold", () => {
    expect(
      fundingTypeWarning("Project 2 (Youth mentoring)", "Small grant", 10_400_000, 1, s)
    ).toEqual({
      field: "Project 2 (Youth mentoring) funding type",
      message:
        "Project 2 (Youth mentoring) is a small grant but its price or award of £104,000.00 is over the small-grant threshold of £5,000.00 a year: check the funding type (investment or qualifying activity above it)",
    });
  });
  test("with no price entered the full cost is used; exactly the threshold is still a small grant", () => {
    expect(fundingTypeWarning("P", "Small grant", null, 500_000, s)).toBeNull();
    expect(fundingTypeWarning("P", "Small grant", null, 500_001, s)?.message).toMatch(
      /its full cost of £5,000\.01 is over/
    );
  });
  test("a commissioned service of £3,000 is usually a small grant; £0 (nothing entered) warns of nothing", () => {
    expect(fundingTypeWarning("P", "Commissioned service", 300_000, 0, s)?.message).toMatch(
      /^P is a commissioned service but its price or award of £3,000\.00 is not over/
    );
    expect(fundingTypeWarning("P", "Investment", null, 0, s)).toBeNull();
  });
  test("the threshold comes from the settings", () => {
    const raised = { ...s, smallGrantThreshold: 10_000 };
    expect(fundingTypeWarning("P", "Small grant", 800_000, 0, raised)).toBeNull();
  });
});
