/**
 * An organisation's full cost recovery (DOMAIN.md s.3; ACEVO / NPC full cost recovery): its
 * overhead pools with their cost drivers, its projects, and the engine's computation of every
 * figure the cost recovery sheet shows (src/sheets/cost-recovery/ writes the same as formulas), so
 * the two can be checked against each other to the penny.
 *
 * Exactness: every amount is carried in pence. Each pool is shared by the largest remainder,
 * earlier projects first on ties (allocateLargestRemainder), so every pool adds back. Weights are
 * whole numbers: driver values count to two decimal places (weight = round(driver x 100)); direct
 * expenditure counts in whole pounds.
 */
import { funderPercent, type FundingType } from "../classification/classify";
import { allocateLargestRemainder, type Pence } from "../kernel/money";
import type { FrameworkSettings } from "../settings/settings";
import { projectAnswer, type ProjectAnswer } from "./answer";
import { computeBidder, penceOf, unitsWeight, type BidderResult, type BidderSetup } from "./bidder";
import { fundingTypeNamed, overheadRate, priceGap, unitCost, type Basis } from "./rules";

export type DriverKind = "headcount" | "floorArea" | "staffTime" | "directExpenditure" | "other";

/** What each driver counts, without its unit. */
export const DRIVER_NAMES: Readonly<Record<DriverKind, string>> = {
  headcount: "Headcount",
  floorArea: "Floor area",
  staffTime: "Staff time",
  directExpenditure: "Direct expenditure",
  other: "Other driver",
};
/** The unit a driver is counted in unless the organisation's sheet or the user says otherwise. */
export const DEFAULT_DRIVER_UNITS: Readonly<Record<DriverKind, string>> = {
  headcount: "",
  floorArea: "m²",
  staffTime: "hours",
  directExpenditure: "£",
  other: "",
};
/** A driver with its unit: "Staff time (days)"; "Headcount" has none. */
export const driverLabel = (kind: DriverKind, unit?: string): string => {
  const u = (unit ?? DEFAULT_DRIVER_UNITS[kind]).trim();
  return u ? `${DRIVER_NAMES[kind]} (${u})` : DRIVER_NAMES[kind];
};
export const DRIVER_LABELS: Readonly<Record<DriverKind, string>> = Object.fromEntries(
  (Object.keys(DRIVER_NAMES) as DriverKind[]).map((k) => [k, driverLabel(k)])
) as Record<DriverKind, string>;
export const SINGLE_DRIVER_LABEL = "People (headcount or FTE)";

/**
 * An overhead pool: its annual cost in £, its cost driver, and the unit the driver is counted in
 * (read from the organisation's sheet, e.g. "days" from "Staff time (days)"; the driver's default
 * when not given). Only the proportions matter, so any unit will do if every project uses it.
 */
export type PoolSetup = { name: string; amount: number; driver: DriverKind; unit?: string };
export type ProjectSetup = {
  name: string;
  directCost: number;
  units: number | null;
  fundingType: FundingType;
  /** The price offered or award, in £; null when not known yet. */
  price: number | null;
  /** One value per pool (or one value, people, with the single-driver option). Ignored for direct-expenditure pools. */
  drivers: (number | null)[];
};
export type CostRecoverySetup = {
  organisation: string;
  pools: PoolSetup[];
  projects: ProjectSetup[];
  /** Small organisations may share every pool by one driver, people (DOMAIN.md s.3 step 2). */
  singleDriver: boolean;
  bidder: BidderSetup;
};

/**
 * Default pools following the ACEVO / NPC full cost recovery method (DOMAIN.md s.3 step 2):
 * premises and office by headcount, central functions by staff time, governance and strategic
 * development by direct expenditure, general fundraising as a further pool where needed.
 */
export function defaultPools(): PoolSetup[] {
  return [
    { name: "Premises and office costs", amount: 0, driver: "headcount" },
    { name: "Central functions (finance, HR, IT)", amount: 0, driver: "staffTime" },
    { name: "Governance and strategic development", amount: 0, driver: "directExpenditure" },
    { name: "General fundraising", amount: 0, driver: "directExpenditure" },
  ];
}

/** Is this pool shared by each project's direct expenditure (rather than a driver value typed in)? */
export const sharedBySpend = (setup: CostRecoverySetup, pool: number): boolean =>
  !setup.singleDriver && setup.pools[pool].driver === "directExpenditure";

export type PoolResult = {
  pence: Pence;
  totalWeight: number;
  sharedOut: Pence;
  difference: Pence;
  status: "Adds back" | "Drivers all 0" | "Does not add back";
};
export type ProjectResult = {
  directPence: Pence;
  awardPence: Pence | null;
  weights: number[];
  shares: Pence[];
  overheads: Pence;
  fullCost: Pence;
  overheadRate: number | null;
  unitCost: Pence | null;
  /** The one answer (answer.ts): funder pays, organisation finds, already covered, still to find; null when the funding type is unknown. */
  answer: ProjectAnswer | null;
  /** Price or award / full cost; null when no price is entered or the full cost is £0. */
  recovery: number | null;
};
export type CostRecoveryTotals = {
  direct: Pence;
  shares: Pence[];
  overheads: Pence;
  fullCost: Pence;
  funderPays: Pence;
  organisationFinds: Pence;
  covered: Pence;
  stillToFind: Pence;
};
export type CostRecoveryResult = {
  pools: PoolResult[];
  projects: ProjectResult[];
  totals: CostRecoveryTotals;
  bidder: BidderResult;
};

/** Driver weight as the sheet counts it: two decimal places (ROUND(driver*100,0)), at least 0. */
export const driverWeight = (d: number | null | undefined): number =>
  Math.max(0, Math.round((d ?? 0) * 100));
/** Direct expenditure as a weight: whole pounds (ROUND(direct,0)), at least 0. */
export const spendWeight = (pounds: number | null | undefined): number =>
  Math.max(0, Math.round(pounds ?? 0));

/** The weight of a pool for a project, as the sheet computes it. */
export function weightOf(setup: CostRecoverySetup, pool: number, project: number): number {
  const p = setup.projects[project];
  if (setup.singleDriver) return driverWeight(p.drivers[0]);
  if (setup.pools[pool].driver === "directExpenditure") return spendWeight(p.directCost);
  return driverWeight(p.drivers[pool]);
}

function funderBasisPoints(type: string, settings: FrameworkSettings): number | null {
  const t = fundingTypeNamed(type);
  return t ? Math.round(funderPercent(t, settings) * 100) : null;
}

/** Each pool shared out over the projects (largest remainder), with its check. */
function sharePools(setup: CostRecoverySetup): { pools: PoolResult[]; sharesByPool: Pence[][] } {
  const pools: PoolResult[] = [];
  const sharesByPool: Pence[][] = [];
  setup.pools.forEach((pool, k) => {
    const pence = penceOf(pool.amount);
    const weights = setup.projects.map((_, j) => weightOf(setup, k, j));
    const totalWeight = weights.reduce((s, w) => s + w, 0);
    const shares =
      totalWeight > 0
        ? allocateLargestRemainder(pence, weights)
        : new Array(setup.projects.length).fill(0);
    const sharedOut = shares.reduce((s, x) => s + x, 0);
    sharesByPool.push(shares);
    pools.push({
      pence,
      totalWeight,
      sharedOut,
      difference: pence - sharedOut,
      status:
        pence > 0 && totalWeight === 0
          ? "Drivers all 0"
          : pence === sharedOut
            ? "Adds back"
            : "Does not add back",
    });
  });
  return { pools, sharesByPool };
}

/** One project's figures, given its share of each pool. */
function projectResult(
  setup: CostRecoverySetup,
  j: number,
  shares: Pence[],
  settings: FrameworkSettings
): ProjectResult {
  const p = setup.projects[j];
  const directPence = penceOf(p.directCost);
  const awardPence = p.price === null || p.price === undefined ? null : penceOf(p.price);
  const overheads = shares.reduce((s, x) => s + x, 0);
  const full = directPence + overheads;
  const bp = funderBasisPoints(p.fundingType, settings);
  const basis: Basis | null =
    bp === null ? null : { label: p.fundingType, funderNum: bp, funderDen: 10000 };
  const gap = awardPence !== null ? priceGap(awardPence, full) : null;
  const uw = unitsWeight(p.units);
  const unit = uw > 0 ? unitCost(full, uw / 100) : null;
  return {
    directPence,
    awardPence,
    weights: setup.pools.map((_, k) => weightOf(setup, k, j)),
    shares,
    overheads,
    fullCost: full,
    overheadRate: overheadRate(overheads, directPence),
    unitCost: unit && unit.ok ? unit.value : null,
    answer: basis ? projectAnswer(full, basis, awardPence) : null,
    recovery: gap && gap.ok ? gap.value.recovery : null,
  };
}

/** Everything the sheet shows, computed by the engine (the functions behind FUNDING.*). */
export function computeCostRecovery(
  setup: CostRecoverySetup,
  settings: FrameworkSettings
): CostRecoveryResult {
  const { pools, sharesByPool } = sharePools(setup);
  const projects = setup.projects.map((_, j) =>
    projectResult(
      setup,
      j,
      setup.pools.map((_, k) => sharesByPool[k][j]),
      settings
    )
  );
  const sum = (f: (p: ProjectResult) => Pence | null) =>
    projects.reduce((s, p) => s + (f(p) ?? 0), 0);
  const totals: CostRecoveryTotals = {
    direct: sum((p) => p.directPence),
    shares: setup.pools.map((_, k) => sum((p) => p.shares[k])),
    overheads: sum((p) => p.overheads),
    fullCost: sum((p) => p.fullCost),
    funderPays: sum((p) => p.answer?.funderPays ?? null),
    organisationFinds: sum((p) => p.answer?.organisationFinds ?? null),
    covered: sum((p) => p.answer?.covered ?? null),
    stillToFind: sum((p) => p.answer?.stillToFind ?? null),
  };
  return { pools, projects, totals, bidder: computeBidder(setup.bidder, settings) };
}
