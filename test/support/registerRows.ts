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
