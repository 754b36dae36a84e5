/**
 * The results (formulas over the workings, in pounds): per project its direct costs, each pool's
 * share, overheads carried, full cost, overhead rate, unit cost, and the one answer (answer.ts):
 * funder pays, organisation finds, already covered, recovery (red only when the price or award
 * is below what the basis expects) and still to find, then the answer in words; a totals row
 * summing the pence workings (so the totals are exact); and the stacked column chart of full
 * cost per project.
 */
import { answerSentence } from "../../domain/cost-recovery/answer";
import {
  CHECK_SMALL_GRANT_OVER,
  CHECK_UNDER_THRESHOLD,
  fundingTypeCheck,
} from "../../domain/cost-recovery/warnings";
import type { FrameworkSettings } from "../../domain/settings/settings";
import type {
  CostRecoveryResult,
  CostRecoverySetup,
} from "../../domain/cost-recovery/organisation";
import { PERCENT_FORMAT, POUNDS_FORMAT, type Pence } from "../../domain/kernel/money";
import { cellAddress, rangeAddress } from "../a1";
import { PALETTE } from "../palette";
import type { CellValue } from "../spec";
import {
  basisWordsRange,
  fundingTypesRange,
  poolWorkingColumn,
  thresholdCell,
  workingsColumnRange,
  type CostRecoveryGeometry,
} from "./geometry";
import { heading, headerRow, type SheetSection } from "./section";

/** The result columns after Project, Direct costs and one column per pool. */
export const RESULT_COLUMNS = [
  "Overheads carried (£)",
  "Full cost (£)",
  "Overhead rate",
  "Unit cost (£)",
  "Funder pays (£)",
  "Organisation finds (£)",
  "Already covered (£)",
  "Recovery",
  "Still to find (£)",
  "In words",
  "Check",
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
    h === "Overhead rate" || h === "Recovery"
      ? PERCENT_FORMAT
      : h === "In words" || h === "Check"
        ? "General"
        : POUNDS_FORMAT
  );
  return ["General", POUNDS_FORMAT, ...pools, ...rest];
}

/** Pence in a cell as pounds text, as formatPounds writes them ("£12,000.50"). */
const poundsText = (pence: string): string => `TEXT((${pence})/100,"£#,##0.00")`;

/**
 * The one answer in words, as answer.ts answerSentence writes it, from the project's workings
 * (pence) and the basis in words looked up by funding type.
 */
function inWordsFormula(g: CostRecoveryGeometry, project: number): string {
  const w = g.workingColumns;
  const at = (col: number) => cellAddress(g.firstWorkingRow + project, col);
  const [full, award, expected, pays, finds, covered, still] = [
    at(w.fullCost),
    at(w.award),
    at(w.expectedFunder),
    at(w.funderPays),
    at(w.organisationFinds),
    at(w.covered),
    at(w.stillToFind),
  ];
  const type = cellAddress(g.firstProjectRow + project, g.projectColumns.type);
  const basis = `INDEX(${basisWordsRange(g)},MATCH(${type},${fundingTypesRange(g)},0))`;
  const below = `IF(${award}="","",IF(${award}<${expected},"; the price or award entered is "&${poundsText(`${expected}-${pays}`)}&" below the "&${poundsText(expected)}&" expected",""))`;
  const head = `"Full cost "&${poundsText(full)}&". The funder pays "&${poundsText(pays)}&" ("&${basis}&${below}&"); the organisation finds "&${poundsText(finds)}&"."`;
  const none = `" No price or award is entered yet, so all "&${poundsText(still)}&" is still to find."`;
  const surplus = `IF(${award}>${full}," The price or award is "&${poundsText(`${award}-${full}`)}&" above the full cost.","")`;
  const some = `" Of that, "&${poundsText(covered)}&" is already covered by the price or award entered ("&${poundsText(award)}&"); "&${poundsText(still)}&" is still to find."&${surplus}`;
  return `=IF(${at(w.basisPoints)}="","",${head}&IF(${award}="",${none},${some}))`;
}

/**
 * A funding type unusual for the amount (warnings.ts fundingTypeCheck): the price or award, or
 * with none the full cost, against the small-grant threshold from the settings.
 */
function checkFormula(g: CostRecoveryGeometry, project: number): string {
  const w = g.workingColumns;
  const at = (col: number) => cellAddress(g.firstWorkingRow + project, col);
  const type = cellAddress(g.firstProjectRow + project, g.projectColumns.type);
  const amount = `IF(${at(w.award)}="",${at(w.fullCost)},${at(w.award)})`;
  const limit = `ROUND(${thresholdCell(g)}*100,0)`;
  return `=IF(${at(w.basisPoints)}="","",IF(${type}="Small grant",IF(${amount}>${limit},"${CHECK_SMALL_GRANT_OVER}",""),IF(AND(${amount}>0,${amount}<=${limit}),"${CHECK_UNDER_THRESHOLD}","")))`;
}

/** One project's results row: formulas over its workings row. */
function resultRow(g: CostRecoveryGeometry, project: number): string[] {
  const w = g.workingColumns;
  const working = (col: number) => cellAddress(g.firstWorkingRow + project, col);
  const bp = working(w.basisPoints);
  const award = working(w.award);
  const full = working(w.fullCost);
  const answer = (col: number) => `=IF(${bp}="","",${working(col)}/100)`;
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
    answer(w.funderPays),
    answer(w.organisationFinds),
    answer(w.covered),
    `=IF(OR(${award}="",${full}=0),"",${award}/${full})`,
    answer(w.stillToFind),
    inWordsFormula(g, project),
    checkFormula(g, project),
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
    `=SUM(${total(w.funderPays)})/100`,
    `=SUM(${total(w.organisationFinds)})/100`,
    `=SUM(${total(w.covered)})/100`,
    "",
    `=SUM(${total(w.stillToFind)})/100`,
    "",
    "",
  ];
}

/**
 * Red only where the price or award is below what the basis expects (answer.ts belowBasis): a
 * 50/50 or 80/20 project paid its expected part is not red. Relative to the first results row.
 */
function belowBasisFormula(g: CostRecoveryGeometry): string {
  const w = g.workingColumns;
  const award = cellAddress(g.firstWorkingRow, w.award);
  const expected = cellAddress(g.firstWorkingRow, w.expectedFunder);
  return `=AND(ISNUMBER(${award}),ISNUMBER(${expected}),${award}<${expected})`;
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
        type: "formula",
        formula: belowBasisFormula(g),
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
  result: CostRecoveryResult,
  settings: FrameworkSettings
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
    gbp(p.answer?.funderPays ?? null),
    gbp(p.answer?.organisationFinds ?? null),
    gbp(p.answer?.covered ?? null),
    p.recovery ?? "",
    gbp(p.answer?.stillToFind ?? null),
    p.answer ? answerSentence(p.answer) : "",
    p.answer
      ? fundingTypeCheck(setup.projects[j].fundingType, p.awardPence, p.fullCost, settings)
      : "",
  ]);
}
