/** Where things are on a built cost recovery sheet (A1, without the sheet name): for the task pane and the tests. */
import { FUNDING_TYPES } from "../../domain/classification/classify";
import type { CostRecoverySetup } from "../../domain/cost-recovery/organisation";
import { cellAddress, rangeAddress } from "../a1";
import type { CostRecoveryGeometry } from "./geometry";
import { resultHeaders } from "./resultsBlock";

export type CostRecoveryRefs = {
  /** The whole rectangle the sheet occupies, e.g. "A1:AD67". */
  range: string;
  settings: { type: string; funderShare: string }[];
  pools: {
    name: string;
    amount: string;
    totalDriver: string;
    sharedOut: string;
    difference: string;
    status: string;
  }[];
  projects: {
    name: string;
    direct: string;
    units: string;
    type: string;
    price: string;
    drivers: string[];
  }[];
  /** Results block (without header): columns in RESULT_COLUMNS order then one per pool after Direct costs. */
  results: string;
  resultHeaders: string[];
  /** The recovery column of the results (red where the price or award is below what the basis expects). */
  recovery: string;
  totals: string;
  bidder: {
    service: string;
    direct: string;
    overheads: string;
    units: string;
    type: string;
    fullCost: string;
    unitPrice: string;
    funder: string;
    organisation: string;
    overheadRate: string;
  };
};

export function costRecoveryRefs(
  g: CostRecoveryGeometry,
  setup: CostRecoverySetup
): CostRecoveryRefs {
  const pool = g.poolColumns;
  const project = g.projectColumns;
  const result = g.resultColumns;
  const bidder = (row: number) => cellAddress(row, g.bidderColumns.value);
  return {
    range: rangeAddress(g.top, g.left, g.bottom, g.right),
    settings: FUNDING_TYPES.map((_, i) => ({
      type: cellAddress(g.firstTypeRow + i, g.settingsColumns.type),
      funderShare: cellAddress(g.firstTypeRow + i, g.settingsColumns.funderShare),
    })),
    pools: setup.pools.map((_, k) => {
      const at = (col: number) => cellAddress(g.firstPoolRow + k, col);
      return {
        name: at(pool.name),
        amount: at(pool.amount),
        totalDriver: at(pool.totalDriver),
        sharedOut: at(pool.sharedOut),
        difference: at(pool.difference),
        status: at(pool.check),
      };
    }),
    projects: setup.projects.map((_, j) => {
      const at = (col: number) => cellAddress(g.firstProjectRow + j, col);
      return {
        name: at(project.name),
        direct: at(project.direct),
        units: at(project.units),
        type: at(project.type),
        price: at(project.price),
        drivers: Array.from({ length: g.driverColumnCount }, (_, d) => at(project.firstDriver + d)),
      };
    }),
    results: rangeAddress(g.firstResultRow, result.name, g.lastResultRow, result.check),
    resultHeaders: resultHeaders(setup),
    recovery: rangeAddress(g.firstResultRow, result.recovery, g.lastResultRow, result.recovery),
    totals: rangeAddress(g.totalsRow, result.name, g.totalsRow, result.check),
    bidder: {
      service: bidder(g.bidderRows.service),
      direct: bidder(g.bidderRows.direct),
      overheads: bidder(g.bidderRows.overheads),
      units: bidder(g.bidderRows.units),
      type: bidder(g.bidderRows.type),
      fullCost: bidder(g.bidderRows.fullCost),
      unitPrice: bidder(g.bidderRows.unitPrice),
      funder: bidder(g.bidderRows.funder),
      organisation: bidder(g.bidderRows.organisation),
      overheadRate: bidder(g.bidderRows.overheadRate),
    },
  };
}
