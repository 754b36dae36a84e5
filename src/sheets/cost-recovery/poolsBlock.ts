/**
 * The overhead pools: name and annual cost (inputs), cost driver, total driver, shared out,
 * difference and a check, and three working columns (the pool in pence, its total weight, and the
 * pence left after each project's floor) that the workings' largest remainder reads.
 */
import {
  driverLabel,
  SINGLE_DRIVER_LABEL,
  type CostRecoverySetup,
} from "../../domain/cost-recovery/organisation";
import { POUNDS_FORMAT } from "../../domain/kernel/money";
import { absoluteAddress, cellAddress, rangeAddress } from "../a1";
import type { Block } from "../spec";
import {
  driverColumn,
  poolWorkingColumn,
  projectsColumnRange,
  workingsColumnRange,
  type CostRecoveryGeometry,
  type PoolWorkingPart,
} from "./geometry";
import { COUNT_FORMAT } from "./projectsBlock";
import { column, heading, headerRow, inputBlock, type SheetSection } from "./section";

export const POOL_HEADERS = [
  "Overhead pool",
  "Annual cost (£)",
  "Cost driver",
  "Total driver",
  "Shared out (£)",
  "Difference (£)",
  "Check",
  "For the formulas: pool in pence",
  "For the formulas: the projects' weights added up",
  "For the formulas: pennies still to place",
];

/** A pool's cells the workings refer to, absolute: its pence, its total weight and the pence left. */
export const poolPenceCell = (g: CostRecoveryGeometry, pool: number): string =>
  absoluteAddress(g.firstPoolRow + pool, g.poolColumns.pence);
export const poolTotalWeightCell = (g: CostRecoveryGeometry, pool: number): string =>
  absoluteAddress(g.firstPoolRow + pool, g.poolColumns.totalWeight);
export const poolPenceLeftCell = (g: CostRecoveryGeometry, pool: number): string =>
  absoluteAddress(g.firstPoolRow + pool, g.poolColumns.penceLeft);

/** One formula column of the pools table, one formula per pool. */
function poolColumn(
  g: CostRecoveryGeometry,
  setup: CostRecoverySetup,
  col: number,
  formula: (pool: number, row: number) => string,
  opts: { numberFormat?: string; working?: boolean } = {}
): Block {
  return {
    row: g.firstPoolRow,
    col,
    kind: "formula",
    cells: column(setup.pools.map((_, k) => formula(k, g.firstPoolRow + k))),
    ...(opts.numberFormat ? { numberFormat: opts.numberFormat } : {}),
    ...(opts.working ? { look: ["working" as const] } : {}),
  };
}

export function poolsSection(g: CostRecoveryGeometry, setup: CostRecoverySetup): SheetSection {
  const c = g.poolColumns;
  const at = cellAddress;
  const shares = (k: number, part: PoolWorkingPart) =>
    workingsColumnRange(g, poolWorkingColumn(g, k, part));
  const lastPoolRow = g.firstPoolRow + g.poolCount - 1;
  return {
    blocks: [
      heading(g.poolsTop, g.left, "Overhead pools (annual)"),
      headerRow(g.poolsHeaderRow, g.left, POOL_HEADERS),
      inputBlock(g.firstPoolRow, c.name, column(setup.pools.map((p) => p.name)), { text: true }),
      inputBlock(g.firstPoolRow, c.amount, column(setup.pools.map((p) => p.amount)), {
        numberFormat: POUNDS_FORMAT,
      }),
      {
        row: g.firstPoolRow,
        col: c.driver,
        kind: "value",
        cells: column(
          setup.pools.map((p) =>
            setup.singleDriver ? SINGLE_DRIVER_LABEL : driverLabel(p.driver, p.unit)
          )
        ),
      },
      poolColumn(
        g,
        setup,
        c.totalDriver,
        (k) => `=SUM(${projectsColumnRange(g, driverColumn(g, k))})`,
        {
          numberFormat: COUNT_FORMAT,
        }
      ),
      poolColumn(g, setup, c.sharedOut, (k) => `=SUM(${shares(k, "share")})/100`, {
        numberFormat: POUNDS_FORMAT,
      }),
      poolColumn(
        g,
        setup,
        c.difference,
        (k, r) => `=(${at(r, c.pence)}-SUM(${shares(k, "share")}))/100`,
        {
          numberFormat: POUNDS_FORMAT,
        }
      ),
      poolColumn(
        g,
        setup,
        c.check,
        (_, r) =>
          `=IF(AND(${at(r, c.pence)}>0,${at(r, c.totalWeight)}=0),"Drivers all 0",IF(${at(r, c.difference)}=0,"Adds back","Does not add back"))`
      ),
      poolColumn(g, setup, c.pence, (_, r) => `=ROUND(MAX(0,${at(r, c.amount)})*100,0)`, {
        numberFormat: "0",
        working: true,
      }),
      poolColumn(g, setup, c.totalWeight, (k) => `=SUM(${shares(k, "weight")})`, {
        numberFormat: "0",
        working: true,
      }),
      poolColumn(g, setup, c.penceLeft, (k, r) => `=${at(r, c.pence)}-SUM(${shares(k, "floor")})`, {
        numberFormat: "0",
        working: true,
      }),
    ],
    validations: [
      {
        address: rangeAddress(g.firstPoolRow, c.amount, lastPoolRow, c.amount),
        type: "decimalAtLeast",
        min: 0,
        message: "An amount in £, 0 or more",
        prompt: "An amount in £, 0 or more",
      },
    ],
  };
}
