/** Checks on a cost recovery setup before its sheet is laid out; every problem names the field. */
import { FUNDING_TYPES } from "../classification/classify";
import type { Problem } from "../kernel/problem";
import { DRIVER_LABELS, SINGLE_DRIVER_LABEL, type CostRecoverySetup } from "./organisation";

/** The most projects and pools one sheet takes. */
export const MAX_PROJECTS = 500;
export const MAX_POOLS = 12;

/** Problems with a number: blank (unless allowed), not a number, or below 0. */
function numberProblems(v: unknown, field: string, opts: { blankOk?: boolean } = {}): Problem[] {
  if (v === null || v === undefined)
    return opts.blankOk ? [] : [{ field, message: `${field} is blank; enter a number, 0 or more` }];
  if (typeof v !== "number" || !Number.isFinite(v))
    return [{ field, message: `${field} must be a number` }];
  if (v < 0) return [{ field, message: `${field} must be 0 or more; got ${v}` }];
  return [];
}

function poolProblems(setup: CostRecoverySetup): Problem[] {
  const problems: Problem[] = [];
  setup.pools.forEach((p, k) => {
    const label = `Pool ${k + 1} (${p.name || "unnamed"})`;
    if (!p.name.trim())
      problems.push({ field: `Pool ${k + 1} name`, message: `Pool ${k + 1} needs a name` });
    problems.push(...numberProblems(p.amount, `${label} annual cost`));
    if (!(p.driver in DRIVER_LABELS))
      problems.push({
        field: `${label} cost driver`,
        message: `${label} cost driver must be one of ${Object.values(DRIVER_LABELS).join(", ")}`,
      });
  });
  return problems;
}

function projectProblems(setup: CostRecoverySetup): Problem[] {
  const problems: Problem[] = [];
  setup.projects.forEach((p, j) => {
    const label = `Project ${j + 1} (${p.name || "unnamed"})`;
    if (!p.name.trim())
      problems.push({ field: `Project ${j + 1} name`, message: `Project ${j + 1} needs a name` });
    problems.push(...numberProblems(p.directCost, `${label} direct costs`));
    problems.push(...numberProblems(p.units, `${label} units of output`, { blankOk: true }));
    problems.push(...numberProblems(p.price, `${label} price offered or award`, { blankOk: true }));
    if (!FUNDING_TYPES.includes(p.fundingType))
      problems.push({
        field: `${label} funding type`,
        message: `${label} funding type must be one of ${FUNDING_TYPES.join(", ")}`,
      });
    const needed = setup.singleDriver ? 1 : setup.pools.length;
    for (let k = 0; k < needed; k++) {
      if (!setup.singleDriver && setup.pools[k]?.driver === "directExpenditure") continue;
      const driver = setup.singleDriver
        ? SINGLE_DRIVER_LABEL
        : setup.pools[k]?.name || `pool ${k + 1}`;
      problems.push(
        ...numberProblems(p.drivers[k], `${label} driver for ${driver}`, { blankOk: true })
      );
    }
  });
  return problems;
}

/** Check a setup before laying it out; every problem names the field. */
export function validateCostRecoverySetup(setup: CostRecoverySetup): Problem[] {
  const problems: Problem[] = [];
  if (setup.pools.length === 0)
    problems.push({ field: "Overhead pools", message: "Add at least one overhead pool" });
  if (setup.pools.length > MAX_POOLS)
    problems.push({ field: "Overhead pools", message: `At most ${MAX_POOLS} overhead pools` });
  if (setup.projects.length === 0)
    problems.push({ field: "Projects", message: "Add at least one project" });
  if (setup.projects.length > MAX_PROJECTS)
    problems.push({ field: "Projects", message: `At most ${MAX_PROJECTS} projects on one sheet` });
  return [...problems, ...poolProblems(setup), ...projectProblems(setup)];
}
