/**
 * Where everything sits on the cost recovery sheet: one geometry object, built from the setup and
 * the start cell, that every section builder reads. Rows and columns are 0-based from the sheet's
 * A1 (the start cell already added), so a builder writes `cellAddress(g.firstProjectRow + j,
 * g.projectColumns.direct)` and never counts rows itself.
 *
 * Top to bottom: title and note; funder share by funding type (settings); overhead pools;
 * projects (inputs); results and totals; the chart; "Price a service" (bidder mode); workings.
 */
import { FUNDING_TYPES } from "../../domain/classification/classify";
import type { CostRecoverySetup } from "../../domain/cost-recovery/organisation";
import { absoluteAddress, absoluteRange } from "../a1";

/** The five working columns of each pool, in order: weight, floor, remainder, extra penny, share (pence). */
export const POOL_WORKING_PARTS = ["weight", "floor", "remainder", "extraPenny", "share"] as const;
export type PoolWorkingPart = (typeof POOL_WORKING_PARTS)[number];

/** Rows the chart takes. */
export const CHART_ROWS = 18;
/** Rows the notes take: a heading and one row per note (notesBlock.ts NOTES has as many). */
export const NOTE_ROWS = 9;
/** The "Going further" block's rows, by offset from its heading (furtherBlock.ts). */
export const FURTHER_ROWS = {
  rule: 1,
  term: 2,
  general: 3,
  header: 4,
  firstLine: 5,
} as const;
/** Cost lines in "Going further": the direct costs, then each overhead pool's share. */
export const furtherLineCount = (poolCount: number): number => 1 + poolCount;
/**
 * Rows "Going further" takes: the rows above the lines, the lines, the full cost and what the
 * funder's rule expects, a blank row, and the five rows of the answer over the period.
 */
export const furtherRows = (poolCount: number): number =>
  FURTHER_ROWS.firstLine + furtherLineCount(poolCount) + 2 + 1 + 5;
/** Rows from the bidder block's heading to the workings' heading. */
const BIDDER_ROWS = 13;

export type CostRecoveryGeometry = {
  /** The start cell. */
  top: number;
  left: number;
  poolCount: number;
  projectCount: number;
  singleDriver: boolean;
  /** Driver columns in the projects table: one per pool, or one (people) with the single driver. */
  driverColumnCount: number;

  titleRow: number;
  noteRow: number;
  settingsTop: number;
  settingsHeaderRow: number;
  firstTypeRow: number;
  lastTypeRow: number;
  poolsTop: number;
  poolsHeaderRow: number;
  firstPoolRow: number;
  projectsTop: number;
  projectsHeaderRow: number;
  firstProjectRow: number;
  lastProjectRow: number;
  resultsTop: number;
  resultsHeaderRow: number;
  firstResultRow: number;
  lastResultRow: number;
  totalsRow: number;
  chartTop: number;
  chartBottom: number;
  bidderTop: number;
  bidderRows: {
    service: number;
    direct: number;
    overheads: number;
    units: number;
    type: number;
    fullCost: number;
    unitPrice: number;
    funder: number;
    organisation: number;
    overheadRate: number;
  };
  workingsTop: number;
  workingsHeaderRow: number;
  firstWorkingRow: number;
  lastWorkingRow: number;
  /** The notes (the terms and the sources, in words) under the workings. */
  notesTop: number;
  /** "Going further" (years and a funder rule for one project) under the notes, or null. */
  furtherTop: number | null;
  /** The whole rectangle: rows and columns it spans, and its last row and column. */
  rows: number;
  columns: number;
  bottom: number;
  right: number;

  settingsColumns: {
    type: number;
    funderShare: number;
    organisationShare: number;
    basisWords: number;
    basisPoints: number;
    thresholdLabel: number;
    threshold: number;
  };
  poolColumns: {
    name: number;
    amount: number;
    driver: number;
    totalDriver: number;
    sharedOut: number;
    difference: number;
    check: number;
    pence: number;
    totalWeight: number;
    penceLeft: number;
  };
  projectColumns: {
    name: number;
    direct: number;
    units: number;
    type: number;
    price: number;
    firstDriver: number;
  };
  workingColumns: {
    name: number;
    direct: number;
    award: number;
    units: number;
    basisPoints: number;
    firstPool: number;
    overheads: number;
    fullCost: number;
    expectedFunder: number;
    funderPays: number;
    organisationFinds: number;
    covered: number;
    stillToFind: number;
  };
  resultColumns: {
    name: number;
    direct: number;
    firstPool: number;
    overheads: number;
    fullCost: number;
    overheadRate: number;
    unitCost: number;
    funderPays: number;
    organisationFinds: number;
    covered: number;
    recovery: number;
    stillToFind: number;
    inWords: number;
    check: number;
  };
  bidderColumns: { label: number; value: number; note: number };
};

/** Columns counted from the start cell's column. */
function columnsFrom<T extends Record<string, number>>(left: number, offsets: T): T {
  return Object.fromEntries(Object.entries(offsets).map(([k, v]) => [k, left + v])) as T;
}

/** The tables' columns, each counted from the start cell's column. */
function tableColumns(left: number, poolCount: number) {
  const firstPoolWorking = 5;
  const overheadsWorking = firstPoolWorking + POOL_WORKING_PARTS.length * poolCount;
  const overheadsResult = 2 + poolCount;
  return {
    settingsColumns: columnsFrom(left, {
      type: 0,
      funderShare: 1,
      organisationShare: 2,
      basisWords: 3,
      basisPoints: 4,
      thresholdLabel: 5,
      threshold: 6,
    }),
    poolColumns: columnsFrom(left, {
      name: 0,
      amount: 1,
      driver: 2,
      totalDriver: 3,
      sharedOut: 4,
      difference: 5,
      check: 6,
      pence: 7,
      totalWeight: 8,
      penceLeft: 9,
    }),
    projectColumns: columnsFrom(left, {
      name: 0,
      direct: 1,
      units: 2,
      type: 3,
      price: 4,
      firstDriver: 5,
    }),
    workingColumns: columnsFrom(left, {
      name: 0,
      direct: 1,
      award: 2,
      units: 3,
      basisPoints: 4,
      firstPool: firstPoolWorking,
      overheads: overheadsWorking,
      fullCost: overheadsWorking + 1,
      expectedFunder: overheadsWorking + 2,
      funderPays: overheadsWorking + 3,
      organisationFinds: overheadsWorking + 4,
      covered: overheadsWorking + 5,
      stillToFind: overheadsWorking + 6,
    }),
    resultColumns: columnsFrom(left, {
      name: 0,
      direct: 1,
      firstPool: 2,
      overheads: overheadsResult,
      fullCost: overheadsResult + 1,
      overheadRate: overheadsResult + 2,
      unitCost: overheadsResult + 3,
      funderPays: overheadsResult + 4,
      organisationFinds: overheadsResult + 5,
      covered: overheadsResult + 6,
      recovery: overheadsResult + 7,
      stillToFind: overheadsResult + 8,
      inWords: overheadsResult + 9,
      check: overheadsResult + 10,
    }),
    bidderColumns: columnsFrom(left, { label: 0, value: 1, note: 2 }),
  };
}

/** The geometry of the sheet for this setup, from the start cell (0-based row and column). */
export function costRecoveryGeometry(
  setup: CostRecoverySetup,
  origin: { row: number; col: number } = { row: 0, col: 0 },
  further: { years: number } | null = null
): CostRecoveryGeometry {
  const poolCount = setup.pools.length;
  const projectCount = setup.projects.length;
  const driverColumnCount = setup.singleDriver ? 1 : poolCount;
  const top = origin.row;
  const settingsTop = top + 3;
  const firstTypeRow = settingsTop + 2;
  const poolsTop = firstTypeRow + FUNDING_TYPES.length + 1;
  const firstPoolRow = poolsTop + 2;
  const projectsTop = firstPoolRow + poolCount + 1;
  const firstProjectRow = projectsTop + 2;
  const resultsTop = firstProjectRow + projectCount + 1;
  const firstResultRow = resultsTop + 2;
  const totalsRow = firstResultRow + projectCount;
  const chartTop = totalsRow + 2;
  const bidderTop = chartTop + CHART_ROWS + 1;
  const firstBidderInput = bidderTop + 1;
  const firstBidderOutput = firstBidderInput + 6;
  const workingsTop = bidderTop + BIDDER_ROWS;
  const firstWorkingRow = workingsTop + 2;
  const columns = tableColumns(origin.col, poolCount);
  const notesTop = firstWorkingRow + projectCount + 1;
  // "Going further" after a blank row under the notes: its rows depend on the pools only.
  const furtherTop = further ? notesTop + NOTE_ROWS + 1 : null;
  const rows =
    (furtherTop === null ? notesTop + NOTE_ROWS : furtherTop + furtherRows(poolCount)) - top;
  const width = Math.max(
    4,
    10,
    columns.projectColumns.firstDriver + driverColumnCount - origin.col,
    columns.resultColumns.check + 1 - origin.col,
    columns.workingColumns.stillToFind + 1 - origin.col,
    3,
    further ? further.years + 3 : 0
  );
  return {
    top,
    left: origin.col,
    poolCount,
    projectCount,
    singleDriver: setup.singleDriver,
    driverColumnCount,
    titleRow: top,
    noteRow: top + 1,
    settingsTop,
    settingsHeaderRow: settingsTop + 1,
    firstTypeRow,
    lastTypeRow: firstTypeRow + FUNDING_TYPES.length - 1,
    poolsTop,
    poolsHeaderRow: poolsTop + 1,
    firstPoolRow,
    projectsTop,
    projectsHeaderRow: projectsTop + 1,
    firstProjectRow,
    lastProjectRow: firstProjectRow + projectCount - 1,
    resultsTop,
    resultsHeaderRow: resultsTop + 1,
    firstResultRow,
    lastResultRow: firstResultRow + projectCount - 1,
    totalsRow,
    chartTop,
    chartBottom: chartTop + CHART_ROWS - 1,
    bidderTop,
    bidderRows: {
      service: firstBidderInput,
      direct: firstBidderInput + 1,
      overheads: firstBidderInput + 2,
      units: firstBidderInput + 3,
      type: firstBidderInput + 4,
      fullCost: firstBidderOutput,
      unitPrice: firstBidderOutput + 1,
      funder: firstBidderOutput + 2,
      organisation: firstBidderOutput + 3,
      overheadRate: firstBidderOutput + 4,
    },
    workingsTop,
    workingsHeaderRow: workingsTop + 1,
    firstWorkingRow,
    lastWorkingRow: firstWorkingRow + projectCount - 1,
    notesTop,
    furtherTop,
    rows,
    columns: width,
    bottom: top + rows - 1,
    right: origin.col + width - 1,
    ...columns,
  };
}

/** The projects-table column holding a pool's driver values (the one people column with the single driver). */
export const driverColumn = (g: CostRecoveryGeometry, pool: number): number =>
  g.projectColumns.firstDriver + (g.singleDriver ? 0 : pool);

/** The workings column of one part of a pool's sharing. */
export const poolWorkingColumn = (
  g: CostRecoveryGeometry,
  pool: number,
  part: PoolWorkingPart
): number =>
  g.workingColumns.firstPool + pool * POOL_WORKING_PARTS.length + POOL_WORKING_PARTS.indexOf(part);

/** A whole workings column, absolute ("$F$80:$F$82"). */
export const workingsColumnRange = (g: CostRecoveryGeometry, col: number): string =>
  absoluteRange(g.firstWorkingRow, col, g.lastWorkingRow, col);

/** A whole projects column, absolute. */
export const projectsColumnRange = (g: CostRecoveryGeometry, col: number): string =>
  absoluteRange(g.firstProjectRow, col, g.lastProjectRow, col);

/** The funding type names in the settings block, absolute: the lookup and drop-down list source. */
export const fundingTypesRange = (g: CostRecoveryGeometry): string =>
  absoluteRange(g.firstTypeRow, g.settingsColumns.type, g.lastTypeRow, g.settingsColumns.type);

/** The small-grant threshold (£ a year, from Settings) on the settings block's heading row, absolute. */
export const thresholdCell = (g: CostRecoveryGeometry): string =>
  absoluteAddress(g.settingsTop, g.settingsColumns.threshold);

/** The basis in words beside each funding type ("80/20 organisation/funder"), absolute. */
export const basisWordsRange = (g: CostRecoveryGeometry): string =>
  absoluteRange(
    g.firstTypeRow,
    g.settingsColumns.basisWords,
    g.lastTypeRow,
    g.settingsColumns.basisWords
  );

/** The funder's share in basis points beside each funding type, absolute. */
export const basisPointsRange = (g: CostRecoveryGeometry): string =>
  absoluteRange(
    g.firstTypeRow,
    g.settingsColumns.basisPoints,
    g.lastTypeRow,
    g.settingsColumns.basisPoints
  );
