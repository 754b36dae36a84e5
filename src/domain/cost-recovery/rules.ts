/**
 * Full cost recovery and cost splits (DOMAIN.md section 3).
 *
 * Everything here is exact in pence. A single rounded share is rounded half up (away from zero)
 * to the penny (mulDivRound); several shares of one amount are rounded by the largest remainder,
 * earlier items first on ties (allocateLargestRemainder), so they always add back to the whole.
 *
 * Method (the seeds give none; DOMAIN.md s.3 follows the ACEVO / New Philanthropy Capital full
 * cost recovery toolkit): direct costs in full, plus each overhead pool shared out by a cost
 * driver; full cost = direct + overheads; overhead rate = overheads / direct; unit cost = full
 * cost / units of output; each pool's shares add back to the pool to the penny.
 * Balance of benefit (002:353-355): the funder's part of the full cost is 100% for a commissioned
 * service, a fixed proportion for investment and grants ("50/50 VCS organisation / Council for
 * investment and 80/20 for grants", 002:355), or a negotiated ratio.
 */
import { FUNDING_TYPES, funderPercent, type FundingType } from "../classification/classify";
import {
  allocateLargestRemainder,
  driversToWeights,
  mulDivRound,
  type Pence,
} from "../kernel/money";
import { isBlank } from "../kernel/parse";
import { fail, ok, type Result } from "../kernel/result";
import type { FrameworkSettings } from "../settings/settings";

/**
 * How a full cost is split between the funder and the VCS organisation. The funder's part is the
 * exact fraction funderNum / funderDen (0 <= funderNum <= funderDen), so a typed 0.2 or a
 * setting of 33.33% is used exactly, with no binary noise.
 */
export type Basis = {
  /** What the user wrote, normalised for messages: "full", "80/20", "Small grant (80/20)". */
  label: string;
  funderNum: number;
  funderDen: number;
};

export const FULL_BASIS: Basis = { label: "full cost recovery", funderNum: 1, funderDen: 1 };

/** The accepted forms of `basis`, quoted in every error about it. */
export const BASIS_EXPECTED =
  "full (or full cost recovery); a ratio VCS organisation/funder adding up to 100 such as 80/20 or 50:50; " +
  "a funding type (Commissioned service, Investment, Small grant, Qualifying activity); " +
  "a mode (Shopping, Investing, Giving); or the funder's share as a number from 0 to 1";

/** The mode names map to the funding type whose ratio they take (002:254-261, Table 2). */
const MODE_TYPES: Record<string, FundingType> = {
  shopping: "Commissioned service",
  investing: "Investment",
  giving: "Small grant",
};

/** A decimal written as an exact fraction num / 10^places (0.2 -> 2/10; 33.33 -> 3333/100). */
export function decimalFraction(x: number): { num: number; den: number } | null {
  const w = driversToWeights([x, 1]);
  if (!w) return null;
  return { num: w[0], den: w[1] };
}

/** The funder's percentage for a funding type from the settings, as an exact fraction of 10,000. */
export function basisForType(type: FundingType, settings: FrameworkSettings): Basis {
  const pct = funderPercent(type, settings);
  const bp = Math.round(pct * 100); // settings allow at most two decimal places (settings.ts)
  return { label: `${type} (${ratioLabel(bp, 10000)})`, funderNum: bp, funderDen: 10000 };
}

/** "80/20" style label, VCS organisation / funder, in percent. */
export function ratioLabel(num: number, den: number): string {
  const funder = (num / den) * 100;
  const f = Number(funder.toFixed(4));
  const v = Number((100 - funder).toFixed(4));
  return `${v}/${f}`;
}

/** The funding type named (case and spacing ignored), or null. */
export function fundingTypeNamed(text: string): FundingType | null {
  const s = text.trim().replace(/\s+/g, " ").toLowerCase();
  return FUNDING_TYPES.find((t) => t.toLowerCase() === s) ?? null;
}

function basisError(got: string) {
  return fail("basis", `basis ${got} is not recognised; expected ${BASIS_EXPECTED}`);
}

/**
 * Read a basis (see BASIS_EXPECTED). A ratio a/b is always VCS organisation / funder (DOMAIN.md
 * s.3: the label "VCS organisation / Council" is given once for both examples, 002:355).
 */
export function parseBasis(
  value: unknown,
  settings: FrameworkSettings,
  field = "basis"
): Result<Basis> {
  const rename = (r: Result<Basis>): Result<Basis> =>
    r.ok || field === "basis"
      ? r
      : fail(field, r.problem.message.replace(/^basis/, field), r.problem.kind);
  if (isBlank(value)) return rename(fail("basis", `basis is blank; expected ${BASIS_EXPECTED}`));
  if (typeof value === "boolean") return rename(basisError(value ? "TRUE" : "FALSE"));
  if (typeof value === "number") return rename(numberBasis(value, String(value)));
  if (typeof value !== "string") return rename(basisError(`"${String(value)}"`));
  const s = value.trim().replace(/\s+/g, " ").toLowerCase();
  if (s === "full" || s === "full cost recovery" || s === "full cost") return ok(FULL_BASIS);
  const type = fundingTypeNamed(s) ?? MODE_TYPES[s];
  if (type) {
    const b = basisForType(type, settings);
    return ok(
      MODE_TYPES[s]
        ? { ...b, label: `${value.trim()} (${ratioLabel(b.funderNum, b.funderDen)})` }
        : b
    );
  }
  const ratio = /^(\d+(?:\.\d+)?|\.\d+)\s*[/:]\s*(\d+(?:\.\d+)?|\.\d+)$/.exec(s);
  if (ratio) {
    const a = Number(ratio[1]);
    const b = Number(ratio[2]);
    const w = driversToWeights([a, b, 100]);
    if (!w) return rename(basisError(`"${value}"`));
    if (w[0] + w[1] !== w[2]) {
      return rename(
        fail(
          "basis",
          `basis ${value.trim()} must add up to 100 (VCS organisation/funder, e.g. 80/20); ${a} + ${b} = ${Number((a + b).toFixed(10))}`
        )
      );
    }
    return ok({ label: `${a}/${b}`, funderNum: w[1], funderDen: w[2] });
  }
  if (/^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(s))
    return rename(numberBasis(Number(s), value.trim()));
  return rename(basisError(`"${value}"`));
}

function numberBasis(n: number, shown: string): Result<Basis> {
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    const hint =
      Number.isFinite(n) && n > 1 && n <= 100
        ? ` (for ${n}% write ${Number((n / 100).toFixed(6))} or a ratio such as ${Number((100 - n).toFixed(4))}/${n})`
        : "";
    return fail(
      "basis",
      `basis as a number is the funder's share from 0 to 1; got ${shown}${hint}`
    );
  }
  const f = decimalFraction(n);
  if (!f) return fail("basis", `basis as a number is the funder's share from 0 to 1; got ${shown}`);
  return ok({ label: `funder share ${shown}`, funderNum: f.num, funderDen: f.den });
}

export type Split = { vcs: Pence; funder: Pence };

/**
 * Split a full cost: funder share = full cost x the funder's part, rounded half up to the penny;
 * the VCS organisation's share is the rest, so the two always add back. (Issue 4: 3,333.33 at
 * 50/50 -> funder 1,666.67 (166,666.5p rounds up), VCS 1,666.66.)
 */
export function split(fullCostPence: Pence, basis: Basis): Split {
  const funder = mulDivRound(fullCostPence, basis.funderNum, basis.funderDen);
  return { vcs: fullCostPence - funder, funder };
}

export type Match = { fullCost: Pence; matchNeeded: Pence };

/**
 * Work back from an award: full cost = award / the funder's part, rounded half up to the penny;
 * match needed = full cost - award. A funder's part of 0 leaves nothing to work back from.
 * Worked case (DOMAIN.md s.3): 4,000 at 80/20 -> full cost 20,000, match 16,000.
 */
export function match(awardPence: Pence, basis: Basis): Result<Match> {
  if (basis.funderNum === 0) {
    return fail(
      "basis",
      `basis ${basis.label} gives the funder a part of 0, so there is nothing to work back from; use a basis where the funder pays something`
    );
  }
  const fullCost = mulDivRound(awardPence, basis.funderDen, basis.funderNum);
  return ok({ fullCost, matchNeeded: fullCost - awardPence });
}

/** Numbers from cells for drivers: blank is 0; numbers and numeric text are taken; anything else is refused. */
export function driverValue(value: unknown): number | null {
  if (isBlank(value)) return 0;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (
    typeof value === "string" &&
    /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(value.replace(/,/g, ""))
  ) {
    return Number(value.replace(/,/g, ""));
  }
  return null;
}

/**
 * One project's full cost: direct cost plus, for each pool k, pool_k x projectDriver_k /
 * totalDriver_k, each pool's share rounded half up to the penny (one project alone cannot use the
 * largest remainder; APPORTION does, across all projects, and may differ by a penny per pool).
 */
export function fullCost(
  directPence: Pence,
  pools: readonly Pence[],
  projectDrivers: readonly number[],
  totalDrivers: readonly number[]
): Result<{ fullCost: Pence; overheads: Pence; shares: Pence[] }> {
  if (projectDrivers.length !== pools.length) {
    return fail(
      "projectDrivers",
      `projectDrivers has ${projectDrivers.length} cells but pools has ${pools.length}; they must be the same size`
    );
  }
  if (totalDrivers.length !== pools.length) {
    return fail(
      "totalDrivers",
      `totalDrivers has ${totalDrivers.length} cells but pools has ${pools.length}; they must be the same size`
    );
  }
  const shares: Pence[] = [];
  for (let k = 0; k < pools.length; k++) {
    const pd = projectDrivers[k];
    const td = totalDrivers[k];
    if (pools[k] !== 0 && !(td > 0)) {
      return fail(
        "totalDrivers",
        `totalDrivers for pool ${k + 1} is ${td}; a pool that is not £0 needs a total driver above 0`
      );
    }
    if (pd < 0)
      return fail(
        "projectDrivers",
        `projectDrivers for pool ${k + 1} is ${pd}; a driver must be 0 or more`
      );
    if (pd > td) {
      return fail(
        "projectDrivers",
        `projectDrivers for pool ${k + 1} is ${pd}, above its total ${td}; a project's driver cannot exceed the total`
      );
    }
    if (pools[k] === 0 || pd === 0) {
      shares.push(0);
      continue;
    }
    const w = driversToWeights([pd, td]);
    if (!w || w[1] === 0)
      return fail(
        "projectDrivers",
        `projectDrivers for pool ${k + 1} is not a number Excel can hold exactly`
      );
    shares.push(mulDivRound(pools[k], w[0], w[1]));
  }
  const overheads = shares.reduce((s, x) => s + x, 0);
  return ok({ fullCost: directPence + overheads, overheads, shares });
}

export type Apportionment = {
  /** perPool[k][j]: project j's share of pool k, in pence; each row adds back to pools[k]. */
  perPool: Pence[][];
  /** Overheads each project carries: the column sums of perPool; adds up to the sum of the pools. */
  perProject: Pence[];
};

/**
 * Share each pool out over the projects in proportion to that pool's row of drivers, by the
 * largest remainder (earlier projects first on ties), so every pool adds back exactly
 * (DOMAIN.md s.3 step 5). drivers[k][j] is project j's value of pool k's cost driver.
 */
export function apportion(
  pools: readonly Pence[],
  drivers: readonly (readonly number[])[]
): Result<Apportionment> {
  if (drivers.length !== pools.length) {
    return fail(
      "drivers",
      `drivers has ${drivers.length} rows but pools has ${pools.length}; drivers needs one row per pool`
    );
  }
  const n = drivers.length ? drivers[0].length : 0;
  const perPool: Pence[][] = [];
  const perProject: Pence[] = new Array(n).fill(0);
  for (let k = 0; k < pools.length; k++) {
    const row = drivers[k];
    if (row.length !== n)
      return fail("drivers", `drivers row ${k + 1} has ${row.length} cells but row 1 has ${n}`);
    for (let j = 0; j < n; j++) {
      if (!Number.isFinite(row[j]))
        return fail("drivers", `drivers row ${k + 1}, project ${j + 1} is not a number`);
      if (row[j] < 0)
        return fail(
          "drivers",
          `drivers row ${k + 1}, project ${j + 1} is ${row[j]}; a driver must be 0 or more`
        );
    }
    if (pools[k] < 0)
      return fail("pools", `pools ${k + 1} is ${pools[k] / 100}; a pool must be £0 or more`);
    if (pools[k] === 0) {
      perPool.push(new Array(n).fill(0));
      continue;
    }
    // whole-number drivers are already weights; decimals are scaled to whole numbers exactly
    const weights = row.every((d) => Number.isSafeInteger(d)) ? row : driversToWeights(row);
    if (!weights)
      return fail(
        "drivers",
        `drivers row ${k + 1} has a value too large or too precise to share exactly`
      );
    if (weights.every((w) => w === 0)) {
      return fail(
        "drivers",
        `drivers row ${k + 1} is all 0 but pool ${k + 1} is not £0; give at least one project a driver above 0`
      );
    }
    const parts = allocateSafe(pools[k], weights);
    perPool.push(parts);
    for (let j = 0; j < n; j++) perProject[j] += parts[j];
  }
  return ok({ perPool, perProject });
}

/**
 * allocateLargestRemainder with a fast path in ordinary numbers when every product pool x weight
 * (and the remainders) are exact safe integers; the same parts, earlier items first on ties.
 */
export function allocateSafe(total: Pence, weights: readonly number[]): Pence[] {
  let sum = 0;
  for (const w of weights) sum += w;
  if (total < 0 || !(sum > 0) || total * sum >= Number.MAX_SAFE_INTEGER)
    return allocateLargestRemainder(total, weights);
  const n = weights.length;
  const parts = new Array<number>(n);
  const rems = new Float64Array(n);
  let left = total;
  for (let i = 0; i < n; i++) {
    const a = total * weights[i]; // exact: below total x sum < 2^53
    const q = Math.floor(a / sum); // exact for a < 2^53
    parts[i] = q;
    rems[i] = a - q * sum;
    left -= q;
  }
  if (left > 0) {
    const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => rems[j] - rems[i] || i - j);
    for (let t = 0; t < left; t++) parts[order[t]] += 1;
  }
  return parts;
}

export type PriceGap = { recovery: number; shortfall: Pence };

/** Recovery = price / full cost (a fraction); shortfall = full cost - price when below, else 0. */
export function priceGap(pricePence: Pence, fullCostPence: Pence): Result<PriceGap> {
  if (!(fullCostPence > 0))
    return fail(
      "fullCost",
      `fullCost must be above £0 to compare a price with; got ${fullCostPence / 100}`
    );
  if (pricePence < 0) return fail("price", `price must be £0 or more; got ${pricePence / 100}`);
  return ok({
    recovery: pricePence / fullCostPence,
    shortfall: Math.max(0, fullCostPence - pricePence),
  });
}

/** Overhead rate = overheads / direct costs (DOMAIN.md s.3 step 3); null when direct costs are 0. */
export function overheadRate(overheadsPence: Pence, directPence: Pence): number | null {
  return directPence > 0 ? overheadsPence / directPence : null;
}

/**
 * Unit cost = full cost / units of output, rounded half up to the penny (DOMAIN.md s.3 step 4).
 * Units may be decimal (hours); they are used exactly.
 */
export function unitCost(fullCostPence: Pence, units: number): Result<Pence> {
  if (!Number.isFinite(units) || units <= 0)
    return fail("units", `units of output must be above 0; got ${units}`);
  const f = decimalFraction(units);
  if (!f || f.num === 0)
    return fail("units", `units of output must be a number Excel can hold exactly; got ${units}`);
  return ok(mulDivRound(fullCostPence, f.den, f.num));
}
