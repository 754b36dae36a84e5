/**
 * Full cost recovery and cost splits (DOMAIN.md section 3).
 *
 * Everything here is exact in pence. A single rounded share is rounded half up (away from zero)
 * to the penny (mulDivRound); several shares of one amount are rounded by the largest remainder,
 * earlier items first on ties (allocateLargestRemainder), so they always add back to the whole.
 * Cost drivers of any size are shared exactly (driverWeights: BigInt when they need it), and
 * FULLCOST and APPORTION share a pool through the one routine, sharePool.
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
import { decimalReading, toCommonScale, type Decimal } from "../kernel/exactFraction";
import {
  allocateLargestRemainder,
  divRoundHalfUp,
  driversToWeights,
  formatPounds,
  largestRemainders,
  MAX_PENCE,
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
  if (!Number.isSafeInteger(fullCost))
    return tooLarge(
      "award",
      `award ${formatPounds(awardPence)} at ${basis.label} works back to a full cost`
    );
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

/** Amounts reach the rules as whole pence (parseAmount); anything else is refused, not thrown. */
function wholePenceProblem(directPence: Pence, pools: readonly Pence[]) {
  if (!Number.isSafeInteger(directPence))
    return fail("directCost", `directCost must be a whole number of pence; got ${directPence}`);
  const k = pools.findIndex((p) => !Number.isSafeInteger(p));
  return k < 0
    ? null
    : fail("pools", `pools ${k + 1} must be a whole number of pence; got ${pools[k]}`);
}

/** An amount beyond MAX_PENCE cannot be returned to the penny. */
function tooLarge(field: string, what: string) {
  return fail(
    field,
    `${what} beyond ${formatPounds(MAX_PENCE)}, the largest amount handled exactly to the penny`
  );
}

/**
 * Whole-number weights in exactly the proportions of the drivers, as decimalReading reads them
 * (kernel/exactFraction.ts: below 10^15 the 15 significant digits Excel shows, so a typed 37.5 is
 * 37.5 and =1/3 is 0.333333333333333; from 10^15 up the number itself). Any finite driver is
 * accepted: 1e300 next to 1/3 or a subnormal simply gives BigInt weights. Whole-number drivers
 * are their own weights. Null when a driver is NaN or infinite.
 */
export function driverWeights(drivers: readonly number[]): readonly number[] | bigint[] | null {
  let whole = true;
  for (let i = 0; i < drivers.length && whole; i++) whole = Number.isSafeInteger(drivers[i]);
  if (whole) return drivers;
  const readings: Decimal[] = [];
  for (const d of drivers) {
    const r = decimalReading(d);
    if (!r) return null;
    readings.push(r);
  }
  const weights = toCommonScale(readings);
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  return weights.every((w) => w <= limit && w >= -limit) ? weights.map(Number) : weights;
}

/**
 * THE way a pool is shared, for APPORTION and FULLCOST alike: by the largest remainder over
 * whole-number weights (earlier items first on ties), so the parts add back to the pool exactly.
 * Weights >= 0 with a positive sum (from driverWeights).
 */
export function sharePool(pool: Pence, weights: readonly number[] | readonly bigint[]): Pence[] {
  if (weights.length > 0 && typeof weights[0] === "number")
    return allocateSafe(pool, weights as readonly number[]);
  return allocateLargestRemainder(pool, weights);
}

/** Whether driver a reads above driver b (their decimal readings compared exactly). */
function readsAbove(a: number, b: number): boolean {
  const w = Number.isFinite(a) && Number.isFinite(b) ? driverWeights([a, b]) : null;
  return w ? w[0] > w[1] : a > b;
}

export type FullCost = { fullCost: Pence; overheads: Pence; shares: Pence[] };

/**
 * One project's full cost: direct cost plus, for each pool k, the project's share of pool_k when
 * the pool is shared (sharePool, as APPORTION shares it) between the project, with
 * projectDriver_k, and the rest of the organisation, with totalDriver_k - projectDriver_k. Shared
 * between two that way, the project's share is pool_k x projectDriver_k / totalDriver_k rounded
 * half up to the penny. Over the whole table of projects APPORTION's shares may differ from that
 * by a penny; fullCostInTable gives APPORTION's own.
 */
export function fullCost(
  directPence: Pence,
  pools: readonly Pence[],
  projectDrivers: readonly number[],
  totalDrivers: readonly number[]
): Result<FullCost> {
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
  const notPence = wholePenceProblem(directPence, pools);
  if (notPence) return notPence;
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
    if (readsAbove(pd, td)) {
      return fail(
        "projectDrivers",
        `projectDrivers for pool ${k + 1} is ${pd}, above its total ${td}; a project's driver cannot exceed the total`
      );
    }
    if (pools[k] === 0 || pd === 0) {
      shares.push(0);
      continue;
    }
    const w = driverWeights([pd, td]);
    if (!w)
      return fail(
        "projectDrivers",
        `projectDrivers for pool ${k + 1} is ${pd} and its total ${td}; both must be numbers`
      );
    const [project, total] = [BigInt(w[0]), BigInt(w[1])];
    shares.push(sharePool(pools[k], [project, total - project])[0]);
  }
  return withDirect(directPence, shares);
}

function withDirect(directPence: Pence, shares: Pence[]): Result<FullCost> {
  const overheads = shares.reduce((s, x) => s + x, 0);
  const total = directPence + overheads;
  if (!Number.isSafeInteger(overheads) || !Number.isSafeInteger(total))
    return tooLarge("pools", "directCost and pools add up to a full cost");
  return ok({ fullCost: total, overheads, shares });
}

/**
 * Project `project`'s full cost (0-based column of `drivers`): its direct cost plus exactly the
 * overheads APPORTION gives it over the whole table, pool by pool; so for every project this is
 * the direct cost plus apportion(pools, drivers).perProject[project], by construction.
 */
export function fullCostInTable(
  directPence: Pence,
  pools: readonly Pence[],
  drivers: readonly (readonly number[])[],
  project: number
): Result<FullCost> {
  const a = apportion(pools, drivers);
  if (!a.ok) return a;
  const n = drivers.length ? drivers[0].length : 0;
  if (!Number.isInteger(project) || project < 0 || project >= n)
    return fail(
      "project",
      `project ${project + 1} is not a column of drivers; expected a number from 1 to ${n}`
    );
  return withDirect(
    directPence,
    a.value.perPool.map((parts) => parts[project])
  );
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
 * (DOMAIN.md s.3 step 5). drivers[k][j] is project j's value of pool k's cost driver. Any finite
 * drivers are shared exactly (driverWeights). Linear in the size of the table: the pence left
 * over are placed without sorting the remainders (largestRemainders).
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
  const notPence = wholePenceProblem(0, pools);
  if (notPence) return notPence;
  const n = drivers.length ? drivers[0].length : 0;
  const perPool: Pence[][] = [];
  const perProject: Pence[] = new Array(n).fill(0);
  for (let k = 0; k < pools.length; k++) {
    const row = drivers[k];
    if (row.length !== n)
      return fail("drivers", `drivers row ${k + 1} has ${row.length} cells but row 1 has ${n}`);
    let anyAbove0 = false;
    for (let j = 0; j < n; j++) {
      if (!Number.isFinite(row[j]))
        return fail("drivers", `drivers row ${k + 1}, project ${j + 1} is not a number`);
      if (row[j] < 0)
        return fail(
          "drivers",
          `drivers row ${k + 1}, project ${j + 1} is ${row[j]}; a driver must be 0 or more`
        );
      if (row[j] > 0) anyAbove0 = true;
    }
    if (pools[k] < 0)
      return fail("pools", `pools ${k + 1} is ${pools[k] / 100}; a pool must be £0 or more`);
    if (pools[k] === 0) {
      perPool.push(new Array(n).fill(0));
      continue;
    }
    if (!anyAbove0) {
      return fail(
        "drivers",
        `drivers row ${k + 1} is all 0 but pool ${k + 1} is not £0; give at least one project a driver above 0`
      );
    }
    const parts = sharePool(pools[k], driverWeights(row) as readonly number[] | bigint[]);
    perPool.push(parts);
    for (let j = 0; j < n; j++) perProject[j] += parts[j];
  }
  for (let j = 0; j < n; j++)
    if (!Number.isSafeInteger(perProject[j]))
      return tooLarge("pools", `pools give project ${j + 1} overheads`);
  return ok({ perPool, perProject });
}

/**
 * allocateLargestRemainder with a fast path in ordinary numbers when every product it forms is an
 * exact safe integer; the same parts, earlier items first on ties. With total = whole x sum +
 * part (part < sum), a share is whole x w + floor(part x w / sum), so the products stay below
 * sum x (largest weight + 1) even for a large pool.
 */
export function allocateSafe(total: Pence, weights: readonly number[]): Pence[] {
  let sum = 0;
  let largest = 0;
  for (const w of weights) {
    sum += w;
    if (w > largest) largest = w;
  }
  const limit = Number.MAX_SAFE_INTEGER;
  const exact = total * sum < limit || (total + sum < limit && sum * (largest + 1) < limit);
  if (total < 0 || !(sum > 0) || !exact) return allocateLargestRemainder(total, weights);
  const n = weights.length;
  const parts = new Array<number>(n);
  const rems = new Float64Array(n);
  let whole = Math.floor(total / sum);
  let part = total - whole * sum;
  if (part < 0) {
    whole -= 1; // the division rounded up to a whole number
    part += sum;
  }
  let left = total;
  for (let i = 0; i < n; i++) {
    const a = part * weights[i]; // exact: below sum x (largest + 1), or total x sum
    let q = Math.floor(a / sum);
    let r = a - q * sum;
    if (r < 0) {
      q -= 1;
      r += sum;
    }
    const share = whole * weights[i] + q;
    parts[i] = share || 0; // never -0 (a driver typed as -0)
    rems[i] = r;
    left -= share;
  }
  const chosen = largestRemainders(
    n,
    left,
    (i) => rems[i] / sum,
    (i, j) => rems[j] - rems[i] || i - j
  );
  for (const i of chosen) parts[i] += 1;
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
 * Units may be decimal (hours); they are read as drivers are (decimalReading) and used exactly.
 */
export function unitCost(fullCostPence: Pence, units: number): Result<Pence> {
  if (!Number.isFinite(units) || units <= 0)
    return fail("units", `units of output must be above 0; got ${units}`);
  if (!Number.isSafeInteger(fullCostPence))
    return fail("fullCost", `fullCost must be a whole number of pence; got ${fullCostPence}`);
  const r = decimalReading(units) as Decimal;
  // full cost / (c x 10^e) = full cost x 10^-e / c
  const scale = 10n ** BigInt(Math.abs(r.exponent));
  const num = BigInt(fullCostPence) * (r.exponent < 0 ? scale : 1n);
  const den = r.coefficient * (r.exponent > 0 ? scale : 1n);
  const pence = Number(divRoundHalfUp(num, den));
  if (!Number.isSafeInteger(pence))
    return tooLarge("units", `units of output ${units} give a unit cost`);
  return ok(pence);
}
