import { classifyFunding } from "../../src/functions/classify";

/**
 * What a register row classifies as at the default settings, as toRow, FUNDING.CLASSIFY and the
 * register's result columns give it: mode, funding type, budget, route, cost recovery, funder
 * share, monitoring and flags (none here). The rules are in 002:256-327 (DOMAIN.md section 5).
 */

/** A value at or under the small-grant threshold, no outputs specified: giving, 80/20. */
export const SMALL_GRANT_ROW = [
  "Giving",
  "Small grant",
  "VCS",
  "Accreditation",
  "80/20",
  0.2,
  "Light",
  "",
] as const;

/** Outputs specified, whatever the value: shopping, a commissioned service at full cost recovery. */
export const COMMISSIONED_SERVICE_ROW = [
  "Shopping",
  "Commissioned service",
  "Departmental",
  "Procurement",
  "Full",
  1,
  "Standard",
  "",
] as const;

/**
 * =FUNDING.CLASSIFY over whole rows of its seven arguments, as a sheet passes them: one column
 * range per argument, rows in order.
 */
export function classifyRows(rows: unknown[][]): ReturnType<typeof classifyFunding> {
  const column = (k: number) => rows.map((r) => [r[k]]);
  return classifyFunding(
    column(0),
    column(1),
    column(2),
    column(3),
    column(4),
    column(5),
    column(6)
  );
}
