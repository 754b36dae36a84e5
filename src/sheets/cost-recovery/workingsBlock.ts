/**
 * The workings: every amount in pence (whole numbers), each pool shared by the largest remainder
 * written as formulas, so the sheet and the engine agree to the penny.
 *
 * For each pool: remainder = MOD(pool pence x weight, total weight); floor = (pool pence x weight -
 * remainder) / total weight; a project gets one more penny when (remainders above its own) +
 * (equal remainders of earlier projects) < pence left after the floors. That is exactly
 * allocateLargestRemainder (earlier projects first on ties), and every pool adds back by
 * construction (the pools table's check shows any difference). Weights are whole numbers so the
 * arithmetic is exact: driver values count to two decimal places (weight = ROUND(driver x 100, 0));
 * direct expenditure counts in whole pounds. MOD keeps the remainder exact (no cancellation in a
 * subtraction of two large numbers). Exact while pool pence x weight stays below 2^53, about
 * 9 x 10^15 (e.g. a £1m pool with drivers up to 900,000 hours or £90m of direct spend per
 * project); beyond that the pool check shows any lost penny.
 */
import { sharedBySpend, type CostRecoverySetup } from "../../domain/cost-recovery/organisation";
import { absoluteAddress, cellAddress } from "../a1";
import type { CellValue } from "../spec";
import {
  basisPointsRange,
  driverColumn,
  fundingTypesRange,
  poolWorkingColumn,
  workingsColumnRange,
  type CostRecoveryGeometry,
} from "./geometry";
import { poolPenceCell, poolPenceLeftCell, poolTotalWeightCell } from "./poolsBlock";
import { heading, headerRow, type SheetSection } from "./section";

export const WORKINGS_HEADING =
  "How the figures are worked out (formulas, do not edit): amounts in pence, each pool shared so it adds back to the penny";

function workingsHeaders(setup: CostRecoverySetup): CellValue[] {
  return [
    "Project",
    "Direct costs (pence)",
    "Price or award (pence)",
    "Units of output (hundredths)",
    "Funder share out of 10,000",
    ...setup.pools.flatMap((_, k) => {
      const pool = `Pool ${k + 1}`;
      return [
        `${pool}: the project's weight`,
        `${pool}: whole pence`,
        `${pool}: left over`,
        `${pool}: one more penny`,
        `${pool}: share (pence)`,
      ];
    }),
    "Overheads (pence)",
    "Full cost (pence)",
    "The basis expects the funder to pay (pence)",
    "Funder pays (pence)",
    "Organisation finds (pence)",
    "Already covered (pence)",
    "Still to find (pence)",
  ];
}

/** One pool's five working cells for one project: weight, floor, remainder, extra penny, share. */
function poolWorkings(
  g: CostRecoveryGeometry,
  setup: CostRecoverySetup,
  project: number,
  pool: number
): string[] {
  const row = g.firstWorkingRow + project;
  const driverCell = cellAddress(g.firstProjectRow + project, driverColumn(g, pool));
  const weight = cellAddress(row, poolWorkingColumn(g, pool, "weight"));
  const floor = cellAddress(row, poolWorkingColumn(g, pool, "floor"));
  const remainder = cellAddress(row, poolWorkingColumn(g, pool, "remainder"));
  const extraPenny = cellAddress(row, poolWorkingColumn(g, pool, "extraPenny"));
  const remainders = workingsColumnRange(g, poolWorkingColumn(g, pool, "remainder"));
  const firstRemainder = absoluteAddress(
    g.firstWorkingRow,
    poolWorkingColumn(g, pool, "remainder")
  );
  const totalWeight = poolTotalWeightCell(g, pool);
  const pence = poolPenceCell(g, pool);
  const penceLeft = poolPenceLeftCell(g, pool);
  return [
    sharedBySpend(setup, pool)
      ? `=MAX(0,ROUND(${driverCell},0))`
      : `=MAX(0,ROUND(${driverCell}*100,0))`,
    `=IF(${totalWeight}=0,0,(${pence}*${weight}-${remainder})/${totalWeight})`,
    `=IF(${totalWeight}=0,0,MOD(${pence}*${weight},${totalWeight}))`,
    `=IF(${totalWeight}=0,0,IF(COUNTIF(${remainders},">"&${remainder})+COUNTIF(${firstRemainder}:${remainder},${remainder})-1<${penceLeft},1,0))`,
    `=${floor}+${extraPenny}`,
  ];
}

/**
 * The one answer in pence (answer.ts): expected E = full cost x share, rounded half up; funder
 * pays the smaller of the price or award and E (E when none is entered); the organisation finds
 * the rest; the price or award above what the funder pays covers part of it, up to the full cost.
 */
function answerWorkings(
  working: (col: number) => string,
  w: CostRecoveryGeometry["workingColumns"]
): string[] {
  const [bp, full, award] = [working(w.basisPoints), working(w.fullCost), working(w.award)];
  const [expected, pays, finds, covered] = [
    working(w.expectedFunder),
    working(w.funderPays),
    working(w.organisationFinds),
    working(w.covered),
  ];
  const known = (f: string) => `=IF(${bp}="","",${f})`;
  return [
    known(`ROUND(${full}*${bp}/10000,0)`),
    known(`IF(${award}="",${expected},MIN(${award},${expected}))`),
    known(`${full}-${pays}`),
    known(`IF(${award}="",0,MIN(${award},${full})-${pays})`),
    known(`${finds}-${covered}`),
  ];
}

/** One project's row of workings. */
function workingsRow(
  g: CostRecoveryGeometry,
  setup: CostRecoverySetup,
  project: number
): CellValue[] {
  const p = g.projectColumns;
  const w = g.workingColumns;
  const input = (col: number) => cellAddress(g.firstProjectRow + project, col);
  const working = (col: number) => cellAddress(g.firstWorkingRow + project, col);
  const shares = setup.pools.map((_, k) => working(poolWorkingColumn(g, k, "share")));
  return [
    `=""&${input(p.name)}`,
    `=ROUND(MAX(0,${input(p.direct)})*100,0)`,
    `=IF(${input(p.price)}="","",ROUND(MAX(0,${input(p.price)})*100,0))`,
    `=IF(${input(p.units)}="",0,ROUND(${input(p.units)}*100,0))`,
    `=IFERROR(INDEX(${basisPointsRange(g)},MATCH(${input(p.type)},${fundingTypesRange(g)},0)),"")`,
    ...setup.pools.flatMap((_, k) => poolWorkings(g, setup, project, k)),
    shares.length ? `=${shares.join("+")}` : "=0",
    `=${working(w.direct)}+${working(w.overheads)}`,
    ...answerWorkings(working, w),
  ];
}

export function workingsSection(g: CostRecoveryGeometry, setup: CostRecoverySetup): SheetSection {
  return {
    blocks: [
      heading(g.workingsTop, g.left, WORKINGS_HEADING),
      headerRow(g.workingsHeaderRow, g.left, workingsHeaders(setup)),
      {
        row: g.firstWorkingRow,
        col: g.workingColumns.name,
        kind: "formula",
        cells: setup.projects.map((_, j) => workingsRow(g, setup, j)),
        numberFormat: "0",
        look: ["working"],
      },
    ],
  };
}
