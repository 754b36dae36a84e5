/**
 * Full cost recovery and cost splits: FUNDING.SPLIT, MATCH, FULLCOST, APPORTION, PRICEGAP.
 * Thin: parse the arguments (args.ts conventions), call src/domain/cost-recovery/rules.ts, return cells.
 * Money is returned in pounds, exact to the penny (computed in pence).
 */
import {
  apportion,
  driverValue,
  fullCost,
  match,
  parseBasis,
  priceGap,
  split,
} from "../domain/cost-recovery/rules";
import { toPounds, type Pence } from "../domain/kernel/money";
import { isBlank, mayBeEmptyCell, parseAmount } from "../domain/kernel/parse";
import { fail, ok, type Result } from "../domain/kernel/result";
import { currentSettings } from "../domain/settings/runtimeSettings";
import {
  asGrid,
  cellProblem,
  errorRow,
  flatten,
  listProblem,
  mapRows,
  toExcelError,
  usedLength,
  type Cell,
} from "./args";

/**
 * Split a full cost between the VCS organisation and the funder. One row per input row:
 * VCS organisation share, Funder share. The funder share is rounded half up to the penny and the
 * VCS share is the rest, so they add back to the full cost.
 * @customfunction SPLIT SPLIT
 * @param fullCost Full cost in £, 0 or more (a cell or a column).
 * @param basis full; a ratio VCS organisation/funder such as 80/20 or 50:50; a funding type (Commissioned service, Investment, Small grant, Qualifying activity); a mode (Shopping, Investing, Giving); or the funder's share from 0 to 1.
 * @returns One row per input row: VCS organisation share, Funder share.
 */
export function costSplit(fullCost: any[][], basis: any[][]): any[][] {
  const settings = currentSettings();
  return mapRows({ fullCost, basis }, 2, (row) => {
    const f = parseAmount(row.fullCost, "fullCost");
    if (!f.ok) return f;
    const b = parseBasis(row.basis, settings);
    if (!b.ok) return b;
    const s = split(f.value, b.value);
    return ok([toPounds(s.vcs), toPounds(s.funder)]);
  });
}

/**
 * Work back from what a funder awards: the full cost the award pays its part of, and the match
 * the organisation must find. full gives the award and 0.
 * @customfunction MATCH MATCH
 * @param award Award in £, 0 or more (a cell or a column).
 * @param basis full; a ratio VCS organisation/funder such as 80/20; a funding type; a mode; or the funder's share from 0 to 1 (above 0).
 * @returns One row per input row: Full cost, Match needed.
 */
export function costMatch(award: any[][], basis: any[][]): any[][] {
  const settings = currentSettings();
  return mapRows({ award, basis }, 2, (row) => {
    const a = parseAmount(row.award, "award");
    if (!a.ok) return a;
    const b = parseBasis(row.basis, settings);
    if (!b.ok) return b;
    const m = match(a.value, b.value);
    if (!m.ok) return m;
    return ok([toPounds(m.value.fullCost), toPounds(m.value.matchNeeded)]);
  });
}

/** Money cells of a list argument; blank cells are £0. */
function moneyList(cells: readonly Cell[], field: string): Result<Pence[]> {
  const out: Pence[] = [];
  for (let i = 0; i < cells.length; i++) {
    if (isBlank(cells[i])) {
      out.push(0);
      continue;
    }
    const p = parseAmount(cells[i], `${field} ${i + 1}`);
    if (!p.ok) return fail(field, p.problem.message);
    out.push(p.value);
  }
  return ok(out);
}

/** Driver cells of a list argument; blank cells are 0. */
function driverList(cells: readonly Cell[], field: string): Result<number[]> {
  const out: number[] = [];
  for (let i = 0; i < cells.length; i++) {
    const v = driverValue(cells[i]);
    if (v === null)
      return fail(
        field,
        `${field} ${i + 1} must be a number (a cost-driver value such as hours, headcount or £); got "${String(cells[i])}"`
      );
    out.push(v);
  }
  return ok(out);
}

/**
 * Lists that go together position by position (pools and their drivers), without the trailing
 * positions at which every list is empty (blank, or 0 as Excel on the desktop passes an empty
 * cell): a pool of £0 with drivers of 0 adds nothing, and a whole-column reference ends in a
 * million of them. Lists of different lengths keep their own lengths up to the last position that
 * is not empty, so a real difference in size is still reported.
 */
function trimTogether(lists: Cell[][]): Cell[][] {
  const end = Math.max(...lists.map(usedLength));
  return lists.map((l) => (l.length > end ? l.slice(0, end) : l));
}

/**
 * One project's full cost: direct cost plus, for each overhead pool, pool x project driver /
 * total driver, each share rounded half up to the penny.
 * @customfunction FULLCOST FULLCOST
 * @param directCost The project's direct costs in £, 0 or more.
 * @param pools The overhead pools in £ (a range).
 * @param projectDrivers The project's value of each pool's cost driver (a range the size of pools).
 * @param totalDrivers The organisation's total of each cost driver (a range the size of pools).
 * @returns The full cost in £.
 */
export function costFullCost(
  directCost: any,
  pools: any[][],
  projectDrivers: any[][],
  totalDrivers: any[][]
): number {
  // A scalar parameter: an empty cell is null (or 0), a cell a value; a range is refused.
  const d = Array.isArray(directCost) ? flatten(directCost) : [directCost as Cell];
  if (d.length !== 1)
    throw toExcelError({
      kind: "value",
      field: "directCost",
      message: `directCost must be one cell; got ${d.length} cells`,
    });
  const [poolCells, projectCells, totalCells] = trimTogether([
    flatten(pools),
    flatten(projectDrivers),
    flatten(totalDrivers),
  ]);
  const inSheet =
    cellProblem("directCost", d[0], "") ??
    listProblem(poolCells, "pools") ??
    listProblem(projectCells, "projectDrivers") ??
    listProblem(totalCells, "totalDrivers");
  if (inSheet) throw toExcelError(inSheet);
  const direct = parseAmount(d[0], "directCost");
  if (!direct.ok) throw toExcelError(direct.problem);
  const p = moneyList(poolCells, "pools");
  if (!p.ok) throw toExcelError(p.problem);
  const pd = driverList(projectCells, "projectDrivers");
  if (!pd.ok) throw toExcelError(pd.problem);
  const td = driverList(totalCells, "totalDrivers");
  if (!td.ok) throw toExcelError(td.problem);
  const r = fullCost(direct.value, p.value, pd.value, td.value);
  if (!r.ok) throw toExcelError(r.problem);
  return toPounds(r.value.fullCost);
}

/**
 * The pools and driver rows of APPORTION without their trailing empty rows (a pool that is empty
 * and a driver row that is all empty; see trimTogether), or the problem with the first error value
 * or data type in them.
 */
function apportionCells(
  poolArg: unknown,
  grid: Cell[][]
): Result<{ pools: Cell[]; drivers: Cell[][] }> {
  const poolCells = flatten(poolArg);
  let end = Math.max(poolCells.length, grid.length);
  while (
    end > 1 &&
    (end > poolCells.length || mayBeEmptyCell(poolCells[end - 1])) &&
    (end > grid.length || grid[end - 1].every(mayBeEmptyCell))
  )
    end--;
  const pools = poolCells.length > end ? poolCells.slice(0, end) : poolCells;
  const drivers = grid.length > end ? grid.slice(0, end) : grid;
  const poolProblem = listProblem(pools, "pools");
  if (poolProblem) return { ok: false, problem: poolProblem };
  for (let k = 0; k < drivers.length; k++) {
    for (let j = 0; j < drivers[k].length; j++) {
      const problem = cellProblem("drivers", drivers[k][j], `row ${k + 1}, column ${j + 1}`, "all");
      if (problem) return { ok: false, problem };
    }
  }
  return ok({ pools, drivers });
}

/**
 * Share overhead pools out over projects by their cost drivers, largest remainder per pool so
 * every pool adds back to the penny. One row with one cell per project: the overheads it carries.
 * @customfunction APPORTION APPORTION
 * @param pools A column of overhead pool amounts in £, one per pool.
 * @param drivers One row per pool and one column per project: that pool's cost-driver values (staff time, headcount, floor area, direct spend).
 * @returns One row: the overheads each project carries, in £.
 */
export function costApportion(pools: any[][], drivers: any[][]): any[][] {
  const grid = asGrid(drivers) ?? [[null]];
  const width = Math.max(1, grid[0]?.length ?? 1);
  const cells = apportionCells(pools, grid);
  if (!cells.ok) return [errorRow(cells.problem, width)];
  const p = moneyList(cells.value.pools, "pools");
  if (!p.ok) return [errorRow(p.problem, width)];
  const rows: number[][] = [];
  for (let k = 0; k < cells.value.drivers.length; k++) {
    const r = driverList(cells.value.drivers[k], `drivers row ${k + 1}, project`);
    if (!r.ok) return [errorRow({ ...r.problem, field: "drivers" }, width)];
    rows.push(r.value);
  }
  try {
    const a = apportion(p.value, rows);
    if (!a.ok) return [errorRow(a.problem, width)];
    return [a.value.perProject.map(toPounds)];
  } catch (e) {
    return [
      errorRow(
        {
          kind: "value",
          field: "",
          message: `Could not apportion: ${(e as Error)?.message ?? String(e)}`,
        },
        width
      ),
    ];
  }
}

/**
 * Compare a price (or award) with the full cost. One row per input row: Recovery (a fraction,
 * format as %), Shortfall in £ (0 when the price covers the full cost).
 * @customfunction PRICEGAP PRICEGAP
 * @param price The price offered or award in £, 0 or more (a cell or a column).
 * @param fullCost The full cost in £, above 0 (a cell or a column).
 * @returns One row per input row: Recovery, Shortfall.
 */
export function costPriceGap(price: any[][], fullCost: any[][]): any[][] {
  return mapRows({ price, fullCost }, 2, (row) => {
    const p = parseAmount(row.price, "price", { min0: false });
    if (!p.ok) return p;
    const f = parseAmount(row.fullCost, "fullCost", { min0: false });
    if (!f.ok) return f;
    const g = priceGap(p.value, f.value);
    if (!g.ok) return g;
    return ok([g.value.recovery, toPounds(g.value.shortfall)]);
  });
}
