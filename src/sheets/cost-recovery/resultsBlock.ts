/**
 * The results (formulas over the workings, in pounds): per project its direct costs, each pool's
 * share, overheads carried, full cost, overhead rate, unit cost, the funder's and the VCS
 * organisation's shares, match needed, recovery (highlighted below 100%) and shortfall; a totals
 * row summing the pence workings (so the totals are exact); and the stacked column chart of full
 * cost per project.
 */
import type {
  CostRecoveryResult,
  CostRecoverySetup,
} from "../../domain/cost-recovery/organisation";
import { PERCENT_FORMAT, POUNDS_FORMAT, type Pence } from "../../domain/kernel/money";
import { cellAddress, rangeAddress } from "../a1";
import { PALETTE } from "../palette";
import type { CellValue } from "../spec";
import { poolWorkingColumn, workingsColumnRange, type CostRecoveryGeometry } from "./geometry";
import { heading, headerRow, type SheetSection } from "./section";

/** The result columns after Project, Direct costs and one column per pool. */
export const RESULT_COLUMNS = [
  "Overheads carried (£)",
  "Full cost (£)",
  "Overhead rate",
  "Unit cost (£)",
  "Funder share (£)",
  "VCS organisation share (£)",
  "Match needed (£)",
  "Recovery",
  "Shortfall (£)",
] as const;

export const CHART_TITLE = "Full cost per project: direct costs and each overhead pool";

/** The chart's name, tied to where the sheet sits, so a rebuild replaces its own chart only. */
export const costRecoveryChartName = (extent: string): string => `Full cost ${extent}`;

/** The results' column headers as text (the sheet's pool headers follow each pool's name by formula). */
export const resultHeaders = (setup: CostRecoverySetup): string[] => [
  "Project",
  "Direct costs (£)",
  ...setup.pools.map((p) => p.name),
  ...RESULT_COLUMNS,
];

/** Number format of each results column, in order: rates as percentages, money in pounds. */
function resultFormats(g: CostRecoveryGeometry): string[] {
  const pools = Array.from({ length: g.poolCount }, () => POUNDS_FORMAT);
  const rest = RESULT_COLUMNS.map((h) =>
    h === "Overhead rate" || h === "Recovery" ? PERCENT_FORMAT : POUNDS_FORMAT
  );
  return ["General", POUNDS_FORMAT, ...pools, ...rest];
}

/** One project's results row: formulas over its workings row. */
function resultRow(g: CostRecoveryGeometry, project: number): string[] {
  const w = g.workingColumns;
  const working = (col: number) => cellAddress(g.firstWorkingRow + project, col);
  const bp = working(w.basisPoints);
  const award = working(w.award);
  const full = working(w.fullCost);
  return [
    `=""&${cellAddress(g.firstProjectRow + project, g.projectColumns.name)}`,
    `=${working(w.direct)}/100`,
    ...Array.from(
      { length: g.poolCount },
      (_, k) => `=${working(poolWorkingColumn(g, k, "share"))}/100`
    ),
    `=${working(w.overheads)}/100`,
    `=${full}/100`,
    `=IF(${working(w.direct)}=0,"",${working(w.overheads)}/${working(w.direct)})`,
    `=IF(${working(w.units)}<=0,"",ROUND(${full}*100/${working(w.units)},0)/100)`,
    `=IF(${bp}="","",${working(w.funder)}/100)`,
    `=IF(${bp}="","",${working(w.vcs)}/100)`,
    `=IF(OR(${bp}="",${award}=""),"",IF(${bp}=0,"n/a",(ROUND(${award}*10000/${bp},0)-${award})/100))`,
    `=IF(OR(${award}="",${full}=0),"",${award}/${full})`,
    `=IF(${award}="","",${working(w.shortfall)}/100)`,
  ];
}

/** The totals row: sums of the pence workings, so they are exact. */
function totalsRow(g: CostRecoveryGeometry): CellValue[] {
  const w = g.workingColumns;
  const total = (col: number) => workingsColumnRange(g, col);
  return [
    "Total",
    `=SUM(${total(w.direct)})/100`,
    ...Array.from(
      { length: g.poolCount },
      (_, k) => `=SUM(${total(poolWorkingColumn(g, k, "share"))})/100`
    ),
    `=SUM(${total(w.overheads)})/100`,
    `=SUM(${total(w.fullCost)})/100`,
    `=IF(SUM(${total(w.direct)})=0,"",SUM(${total(w.overheads)})/SUM(${total(w.direct)}))`,
    "",
    `=SUM(${total(w.funder)})/100`,
    `=SUM(${total(w.vcs)})/100`,
    "",
    "",
    `=SUM(${total(w.shortfall)})/100`,
  ];
}

export function resultsSection(g: CostRecoveryGeometry, setup: CostRecoverySetup): SheetSection {
  const formats = resultFormats(g);
  const c = g.resultColumns;
  return {
    blocks: [
      heading(g.resultsTop, g.left, "Results (formulas)"),
      headerRow(g.resultsHeaderRow, g.left, [
        "Project",
        "Direct costs (£)",
        ...setup.pools.map(
          (_, k) => `=${cellAddress(g.firstPoolRow + k, g.poolColumns.name)}&" (£)"`
        ),
        ...RESULT_COLUMNS,
      ]),
      {
        row: g.firstResultRow,
        col: c.name,
        kind: "formula",
        cells: setup.projects.map((_, j) => resultRow(g, j)),
        numberFormat: setup.projects.map(() => formats),
      },
      {
        row: g.totalsRow,
        col: c.name,
        kind: "formula",
        cells: [totalsRow(g)],
        numberFormat: [formats],
      },
    ],
    conditionalFormats: [
      {
        address: rangeAddress(g.firstResultRow, c.recovery, g.lastResultRow, c.recovery),
        type: "lessThan",
        value: 1,
        fill: PALETTE.badFill,
        fontColor: PALETTE.badFont,
      },
    ],
  };
}

/** The stacked column chart of full cost per project: direct costs and each pool (results header to last row). */
export function chartSection(g: CostRecoveryGeometry, extent: string): SheetSection {
  const c = g.resultColumns;
  return {
    blocks: [],
    charts: [
      {
        type: "ColumnStacked",
        source: rangeAddress(
          g.resultsHeaderRow,
          c.name,
          g.lastResultRow,
          c.firstPool + g.poolCount - 1
        ),
        seriesBy: "Columns",
        title: CHART_TITLE,
        name: costRecoveryChartName(extent),
        topLeft: cellAddress(g.chartTop, g.left),
        bottomRight: cellAddress(g.chartBottom, g.left + Math.min(g.columns - 1, 7)),
      },
    ],
  };
}

/**
 * The results rows as the sheet should show them (pounds; "" for an empty result), in the order
 * of refs.results: Project, Direct costs, each pool, then RESULT_COLUMNS.
 */
export function expectedResultRows(
  setup: CostRecoverySetup,
  result: CostRecoveryResult
): CellValue[][] {
  const gbp = (p: Pence | null) => (p === null ? "" : p / 100);
  return result.projects.map((p, j) => [
    setup.projects[j].name,
    gbp(p.directPence),
    ...p.shares.map(gbp),
    gbp(p.overheads),
    gbp(p.fullCost),
    p.overheadRate ?? "",
    gbp(p.unitCost),
    gbp(p.funder),
    gbp(p.vcs),
    p.matchNeeded === "n/a" ? "n/a" : gbp(p.matchNeeded),
    p.recovery ?? "",
    gbp(p.shortfall),
  ]);
}
