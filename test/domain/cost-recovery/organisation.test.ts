/**
 * An organisation's full cost recovery in the engine: pools shared by their drivers to the penny,
 * the funder's and the organisation's parts, the bidder block, and the checks on a setup.
 */
import { computeBidder } from "../../../src/domain/cost-recovery/bidder";
import {
  computeCostRecovery,
  driverWeight,
  spendWeight,
  weightOf,
} from "../../../src/domain/cost-recovery/organisation";
import { validateCostRecoverySetup } from "../../../src/domain/cost-recovery/validation";
import { DEFAULT_SETTINGS } from "../../../src/domain/settings/settings";
import { riversideGrantAndBid } from "../../support/costRecoverySetups";

describe("computeCostRecovery", () => {
  test("pools shared by headcount 3:1 and by direct expenditure 1:3, each adding back", () => {
    const r = computeCostRecovery(riversideGrantAndBid(), DEFAULT_SETTINGS);
    expect(r.projects.map((p) => p.shares)).toEqual([
      [900_000, 0, 25_000, 0],
      [300_000, 0, 75_000, 0],
    ]);
    expect(r.pools.map((p) => p.status)).toEqual([
      "Adds back",
      "Adds back",
      "Adds back",
      "Adds back",
    ]);
    expect(r.totals.overheads).toBe(1_300_000);
  });

  test("the one answer at the funding type's ratio: funder pays, organisation finds, already covered, still to find", () => {
    const [grant, bid] = computeCostRecovery(riversideGrantAndBid(), DEFAULT_SETTINGS).projects;
    // small grant 80/20: full cost £19,250, the funder's part is a fifth (£3,850); the award of
    // £4,000 is £150 above it, and that £150 covers part of the organisation's £15,400
    const a = grant.answer!;
    expect([a.fullCost, a.funderPays, a.organisationFinds, a.covered, a.stillToFind]).toEqual([
      1_925_000, 385_000, 1_540_000, 15_000, 1_525_000,
    ]);
    expect(a.belowBasis).toBe(false);
    // commissioned service: full cost £33,750 (£337.50 a unit) against a price of £36,000: the
    // funder pays it all, nothing is left to find, and £2,250 is above the full cost
    const b = bid.answer!;
    expect([bid.fullCost, bid.recovery, bid.unitCost]).toEqual([
      3_375_000,
      36_000 / 33_750,
      33_750,
    ]);
    expect([b.funderPays, b.organisationFinds, b.stillToFind, b.surplus]).toEqual([
      3_375_000, 0, 0, 225_000,
    ]);
  });

  test("weights: drivers to two decimal places, direct expenditure in whole pounds, one driver for all", () => {
    expect([
      driverWeight(2.5),
      driverWeight(null),
      driverWeight(-1),
      spendWeight(10_000.5),
    ]).toEqual([250, 0, 0, 10_001]);
    const s = riversideGrantAndBid();
    expect(weightOf(s, 2, 1)).toBe(30_000);
    expect(weightOf({ ...s, singleDriver: true }, 2, 1)).toBe(100);
  });

  test("a pool whose drivers are all 0 shares nothing and says so", () => {
    const s = riversideGrantAndBid();
    s.pools[1].amount = 500;
    expect(computeCostRecovery(s, DEFAULT_SETTINGS).pools[1]).toEqual(
      expect.objectContaining({ status: "Drivers all 0", sharedOut: 0, difference: 50_000 })
    );
  });
});

test("Price a service: unit price and the parts at 50/50", () => {
  expect(computeBidder(riversideGrantAndBid().bidder, DEFAULT_SETTINGS)).toEqual({
    fullCost: 2_500_000,
    unitPrice: 10_000,
    funder: 1_250_000,
    organisation: 1_250_000,
    overheadRate: 0.25,
  });
});

describe("validateCostRecoverySetup", () => {
  test("a good setup has no problems", () => {
    expect(validateCostRecoverySetup(riversideGrantAndBid())).toEqual([]);
  });

  test("every problem names its field", () => {
    const s = riversideGrantAndBid();
    s.pools[0].name = " ";
    s.projects[0].directCost = -5;
    s.projects[1].drivers[1] = Number.NaN;
    expect(validateCostRecoverySetup(s)).toEqual([
      { field: "Pool 1 name", message: "Pool 1 needs a name" },
      {
        field: "Project 1 (Grant) direct costs",
        message: "Project 1 (Grant) direct costs must be 0 or more; got -5",
      },
      {
        field: "Project 2 (Bid) driver for Central functions (finance, HR, IT)",
        message: "Project 2 (Bid) driver for Central functions (finance, HR, IT) must be a number",
      },
    ]);
  });

  test("no pools or projects, or too many", () => {
    const s = { ...riversideGrantAndBid(), pools: [], projects: [] };
    expect(validateCostRecoverySetup(s).map((p) => p.message)).toEqual([
      "Add at least one overhead pool",
      "Add at least one project",
    ]);
    const many = riversideGrantAndBid();
    many.projects = Array.from({ length: 501 }, () => riversideGrantAndBid().projects[0]);
    expect(validateCostRecoverySetup(many)).toContainEqual({
      field: "Projects",
      message: "At most 500 projects on one sheet",
    });
  });
});
