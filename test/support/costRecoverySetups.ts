/**
 * Cost recovery setups shared by the tests and the bench. Each call returns a fresh object, so a
 * test may change its copy. Hand-worked figures for them are in the tests that use them.
 */
import type { BidderSetup } from "../../src/domain/cost-recovery/bidder";
import {
  defaultPools,
  type CostRecoverySetup,
  type ProjectSetup,
} from "../../src/domain/cost-recovery/organisation";

/** "Price a service": a befriending service, £20,000 direct and £5,000 overheads, 250 units, at 50/50. */
export const befriendingBidder = (): BidderSetup => ({
  service: "Befriending",
  directCost: 20_000,
  overheads: 5_000,
  units: 250,
  fundingType: "Investment",
});

/** The worked small grant: £10,000 direct costs at 80/20, priced at £4,000, no units. */
export const smallGrantProject = (drivers: (number | null)[]): ProjectSetup => ({
  name: "Grant",
  directCost: 10_000,
  units: null,
  fundingType: "Small grant",
  price: 4_000,
  drivers,
});

/** Riverside CVS: the four default pools at these amounts (£), these projects, the befriending bidder. */
function riverside(poolAmounts: number[], projects: ProjectSetup[]): CostRecoverySetup {
  return {
    organisation: "Riverside CVS",
    singleDriver: false,
    pools: defaultPools().map((pool, k) => ({ ...pool, amount: poolAmounts[k] })),
    projects,
    bidder: befriendingBidder(),
  };
}

/**
 * The sample organisation of the sheet tests: pools of £12,000, £30,000.01, £5,000 and £0, a lunch
 * club, an advice line whose name starts with = (text, not a formula) and a youth club with neither
 * units nor price; pennies in a pool, a direct cost and a driver.
 */
export function riversideSample(): CostRecoverySetup {
  return riverside(
    [12_000, 30_000.01, 5_000, 0],
    [
      {
        name: "Lunch club",
        directCost: 40_000,
        units: 1_200,
        fundingType: "Commissioned service",
        price: 36_000,
        drivers: [3, 1_000, null, null],
      },
      {
        name: "=Advice line",
        directCost: 25_000.5,
        units: 300,
        fundingType: "Small grant",
        price: 4_000,
        drivers: [2, 700.5, null, null],
      },
      {
        name: "Youth club",
        directCost: 10_000,
        units: null,
        fundingType: "Investment",
        price: null,
        drivers: [1, 300, null, null],
      },
    ]
  );
}

/**
 * The engine's small organisation: premises £12,000 and governance £1,000 (the other pools £0), the
 * worked small grant (headcount 3) and a £30,000 commissioned bid of 100 units priced at £36,000
 * (headcount 1); the central functions drivers are all 0.
 */
export function riversideGrantAndBid(): CostRecoverySetup {
  return riverside(
    [12_000, 0, 1_000, 0],
    [
      smallGrantProject([3, 0, null, null]),
      {
        name: "Bid",
        directCost: 30_000,
        units: 100,
        fundingType: "Commissioned service",
        price: 36_000,
        drivers: [1, 0, null, null],
      },
    ]
  );
}
