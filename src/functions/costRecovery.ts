/**
 * Full cost recovery and cost splits: FUNDING.SPLIT, MATCH, FULLCOST, APPORTION, PRICEGAP.
 * Thin: parse the arguments (args.ts conventions), call src/domain/cost-recovery/rules.ts, return cells.
 * Money is returned in pounds, exact to the penny (computed in pence).
 */
import {
  apportion,
  driverValue,
  match,
  parseBasis,
  priceGap,
  split,
  type Basis,
} from "../domain/cost-recovery/rules";
import { formatPounds, MAX_PENCE, toPounds, type Pence } from "../domain/kernel/money";
import { isBlank, mayBeEmptyCell, parseNumber, zeroAsBlank } from "../domain/kernel/parse";
import { fail, ok, type Result } from "../domain/kernel/result";
import { currentSettings } from "../domain/settings/runtimeSettings";
import type { FrameworkSettings } from "../domain/settings/settings";
import {
  asGrid,
  cellProblem,
  errorRow,
  flatten,
  listProblem,
  mapRows,
  readAmount,
  toExcelError,
  usedLength,
  type Cell,
} from "./args";

/**
 * parseBasis for one call: a basis column holds few distinct values ("80/20", "Investment"), so
 * each is read once (the same answer, or the same problem, for every row that holds it).
 */
function basisReader(settings: FrameworkSettings): (value: Cell) => Result<Basis> {
  const seen = new Map<Cell, Result<Basis>>();
  return (value) => {
    let b = seen.get(value);
    if (b === undefined) {
      b = parseBasis(value, settings);
      seen.set(value, b);
    }
    return b;
  };
}

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
  const readBasis = basisReader(currentSettings());
  return mapRows({ fullCost, basis }, 2, (row) => {
    const f = readAmount(row.fullCost, "fullCost");
    if (!f.ok) return f;
    const b = readBasis(row.basis);
    if (!b.ok) return b;
    const s = split(f.value, b.value);
    return ok([toPounds(s.vcs), toPounds(s.funder)]);
  });
}

/**
 * Work back from what a funder awards: the full cost the award pays its part of, and what the
 * organisation finds (full cost - the award; the README's cost recovery terms). full gives the
 * award and 0.
 * @customfunction MATCH MATCH
 * @param award Award in £, 0 or more (a cell or a column).
 * @param basis full; a ratio VCS organisation/funder such as 80/20; a funding type; a mode; or the funder's share from 0 to 1 (above 0).
 * @returns One row per input row: Full cost, Organisation finds.
 */
export function costMatch(award: any[][], basis: any[][]): any[][] {
  const readBasis = basisReader(currentSettings());
  return mapRows({ award, basis }, 2, (row) => {
    const a = readAmount(row.award, "award");
    if (!a.ok) return a;
    const b = readBasis(row.basis);
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
    const p = readAmount(cells[i], `${field} ${i + 1}`);
    if (!p.ok) return fail(field, p.problem.message);
    out.push(p.value);
  }
  return ok(out);
}

const finite = Number.isFinite;

/** Driver cells of a list argument; blank cells are 0. */
function driverList(cells: readonly Cell[], field: string): Result<number[]> {
  const out: number[] = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    const v = typeof c === "number" && finite(c) ? c : driverValue(c); // driverValue's reading, sooner
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
 * The pools and driver rows of APPORTION and FULLCOST without their trailing empty rows (a pool
 * that is empty and a driver row that is all empty; see trimTogether), or the problem with the
 * first error value or data type in them.
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
 * THE overheads of APPORTION and FULLCOST alike: the pools shared out over the projects by the
 * drivers (the engine's apportion, largest remainder per pool), as pence per project (one per
 * column of drivers), or the problem. FULLCOST adds each project's direct cost to exactly this,
 * so FULLCOST = direct cost + APPORTION, project by project, to the penny, by construction.
 */
function overheadsOf(poolArg: unknown, grid: Cell[][]): Result<Pence[]> {
  const cells = apportionCells(poolArg, grid);
  if (!cells.ok) return cells;
  const p = moneyList(cells.value.pools, "pools");
  if (!p.ok) return p;
  const rows: number[][] = [];
  for (let k = 0; k < cells.value.drivers.length; k++) {
    const r = driverList(cells.value.drivers[k], `drivers row ${k + 1}, project`);
    if (!r.ok) return { ok: false, problem: { ...r.problem, field: "drivers" } };
    rows.push(r.value);
  }
  try {
    const a = apportion(p.value, rows);
    return a.ok ? ok(a.value.perProject) : a;
  } catch (e) {
    return fail("", `Could not share out the pools: ${(e as Error)?.message ?? String(e)}`);
  }
}

/** drivers as a grid, and the number of projects (its columns, at least 1). */
function driverGrid(drivers: unknown): { grid: Cell[][]; projects: number } {
  const grid = asGrid(drivers) ?? [[null]];
  return { grid, projects: Math.max(1, grid[0]?.length ?? 1) };
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
  const { grid, projects } = driverGrid(drivers);
  const overheads = overheadsOf(pools, grid);
  if (!overheads.ok) return [errorRow(overheads.problem, projects)];
  return [overheads.value.map(toPounds)];
}

/**
 * FULLCOST's optional project: blank (or 0, an empty cell on the desktop) for every project,
 * else a project number from 1 to the number of projects; 0-based, or null for every project.
 */
function projectChosen(project: unknown, projects: number): Result<number | null> {
  const cells = flatten(project);
  if (cells.length > 1)
    return fail("project", `project must be one cell; got ${cells.length} cells`);
  const v = cells.length ? cells[0] : null;
  const inSheet = cellProblem("project", v, "");
  if (inSheet) return { ok: false, problem: inSheet };
  const n = parseNumber(zeroAsBlank(v), "project", {
    integer: true,
    min: 1,
    max: projects,
    expected: `a project number from 1 to ${projects} (a column of drivers)`,
  });
  if (!n.ok) return n;
  return ok(n.value === null ? null : n.value - 1);
}

/**
 * FULLCOST's direct costs, one cell per project returned: one cell per column of drivers (a row
 * or a column; trailing empty cells beyond the projects, as a whole-row reference gives, left
 * out), or, for one chosen project, that project's cell or a single cell.
 */
function directCells(arg: unknown, projects: number, chosen: number | null): Result<Cell[]> {
  let cells = flatten(arg);
  if (chosen !== null && cells.length === 1) return ok(cells);
  if (cells.length > projects) cells = cells.slice(0, Math.max(projects, usedLength(cells)));
  if (cells.length !== projects) {
    const given =
      cells.length === 0 ? "is empty" : `has ${cells.length} cell${cells.length === 1 ? "" : "s"}`;
    const alone = chosen !== null ? `, or one cell for project ${chosen + 1}` : "";
    return fail(
      "directCosts",
      `directCosts ${given} but drivers has ${projects} projects (columns); give one direct cost per project${alone}`
    );
  }
  return ok(chosen === null ? cells : [cells[chosen]]);
}

/**
 * One project's full cost in £: its direct cost (a cell) plus its overheads, or its error. `at`
 * says which cell of directCosts it is ("project 2"; "" for a single cell).
 */
function fullCostCell(cell: Cell, overheads: Pence, at: string): number | CustomFunctions.Error {
  const field = at ? `directCosts ${at}` : "directCosts";
  const inSheet = cellProblem("directCosts", cell, at, "cell");
  if (inSheet) return toExcelError(inSheet);
  const direct = readAmount(cell, field);
  if (!direct.ok) return toExcelError(direct.problem);
  const total = direct.value + overheads;
  if (!Number.isSafeInteger(total))
    return toExcelError({
      kind: "value",
      field,
      message: `${field} and the project's overheads add up to more than ${formatPounds(MAX_PENCE)}, the largest amount handled exactly to the penny`,
    });
  return toPounds(total);
}

/**
 * Each project's full cost: its direct cost plus exactly the overheads APPORTION gives it over the
 * same pools and drivers (the same allocation, largest remainder per pool), so for every project
 * FULLCOST = direct cost + APPORTION, to the penny.
 * @customfunction FULLCOST FULLCOST
 * @param directCosts Each project's direct costs in £, 0 or more: one cell per project, in the order of the columns of drivers (a row or a column); one cell when project is given.
 * @param pools A column of overhead pool amounts in £, one per pool.
 * @param drivers One row per pool and one column per project: that pool's cost-driver values, as for APPORTION.
 * @param [project] A project's number (1 for the first column of drivers) for that project's full cost alone; blank for every project.
 * @returns One row: each project's full cost in £ (one cell when project is given).
 */
export function costFullCost(
  directCosts: any[][],
  pools: any[][],
  drivers: any[][],
  project?: any
): any[][] {
  const { grid, projects } = driverGrid(drivers);
  const chosen = projectChosen(project, projects);
  if (!chosen.ok) return [errorRow(chosen.problem, 1)];
  const only = chosen.value;
  const width = only === null ? projects : 1;
  const direct = directCells(directCosts, projects, only);
  if (!direct.ok) return [errorRow(direct.problem, width)];
  const overheads = overheadsOf(pools, grid);
  if (!overheads.ok) return [errorRow(overheads.problem, width)];
  const several = flatten(directCosts).length > 1;
  const at = (j: number) => (several ? `project ${j + 1}` : "");
  if (only !== null) return [[fullCostCell(direct.value[0], overheads.value[only], at(only))]];
  return [direct.value.map((cell, j) => fullCostCell(cell, overheads.value[j], at(j)))];
}

/**
 * Compare a price (or award) with the full cost. One row per input row: Recovery (a fraction,
 * format as %), Still to find in £: full cost - price, 0 when the price covers the full cost.
 * @customfunction PRICEGAP PRICEGAP
 * @param price The price offered or award in £, 0 or more (a cell or a column).
 * @param fullCost The full cost in £, above 0 (a cell or a column).
 * @returns One row per input row: Recovery, Still to find.
 */
export function costPriceGap(price: any[][], fullCost: any[][]): any[][] {
  return mapRows({ price, fullCost }, 2, (row) => {
    const p = readAmount(row.price, "price", { min0: false });
    if (!p.ok) return p;
    const f = readAmount(row.fullCost, "fullCost", { min0: false });
    if (!f.ok) return f;
    const g = priceGap(p.value, f.value);
    if (!g.ok) return g;
    return ok([g.value.recovery, toPounds(g.value.shortfall)]);
  });
}
