/**
 * "Going further" on the sheet: one project costed over 1 to 5 years with inflation (per line or
 * general) and the funder rule the user picked in the task pane, with its source in words. The
 * figures are ordinary Excel formulas reading the sheet (the project's direct costs and its share
 * of each pool from the workings), and they equal the pane's (src/domain/cost-recovery/deeper.ts)
 * to the penny:
 *
 * - year n of a line = year 1 x (1 + rate)^(n - 1), rounded half up to the penny from year 1
 *   (years.ts); the rate is the line's own, or the general one when the line's is blank. The inner
 *   ROUND(..., 6) absorbs binary floating-point error, so an exact half penny rounds up in any
 *   spreadsheet; it is exact while a line stays under about £10m a year (the error in pence stays
 *   well under 0.000001);
 * - what the funder's rule expects (presets.ts), each year and over the period, in pence;
 * - over the period, the one answer (answer.ts) with the price or award entered for the project,
 *   which is a year's, counted once for each year.
 *
 * The framework's norm of funding for three years as a minimum (000:408) is stated in words.
 */
import { mtdcCategory } from "../../domain/cost-recovery/mtdc";
import type { FunderPreset } from "../../domain/cost-recovery/presets";
import { termNote } from "../../domain/cost-recovery/years";
import type { CostRecoverySetup } from "../../domain/cost-recovery/organisation";
import { POUNDS_FORMAT } from "../../domain/kernel/money";
import type { FrameworkSettings } from "../../domain/settings/settings";
import { absoluteAddress, cellAddress } from "../a1";
import type { CellValue } from "../spec";
import {
  FURTHER_ROWS,
  furtherLineCount,
  poolWorkingColumn,
  type CostRecoveryGeometry,
} from "./geometry";
import { headerRow, heading, inputBlock, type SheetSection } from "./section";

/** What the user chose in the pane's "Going further" panel, for one project. */
export type FurtherChoice = {
  /** The project, 0-based, in the setup's order. */
  project: number;
  /** 1 to 5. */
  years: number;
  /** The general inflation a year, in percent. */
  inflationPercent: number;
  /** Each line's own rate (direct costs first, then each pool), null or missing for the general one. */
  lineInflationPercent?: readonly (number | null)[];
  preset: FunderPreset;
  /** MTDC category of the direct costs (the US federal rule). */
  directCategory: string;
};

/** The block goes on the sheet when the user costs more than one year or picks a rule other than full cost. */
export const furtherShown = (c: FurtherChoice | null | undefined): c is FurtherChoice =>
  !!c && (c.years > 1 || c.preset.rule.kind !== "full");

export const INFLATION_FORMAT = "0.00%";

const bp = (percent: number) => Math.round(percent * 100);

/** The columns of the block: label, the line's rate, each year, the total. */
function furtherColumns(g: CostRecoveryGeometry, years: number) {
  const year = (y: number) => g.left + 2 + y;
  return { label: g.left, rate: g.left + 1, year, total: year(years) };
}

/**
 * What the rule expects the funder to pay, in pence, as a formula: `full` and `direct` are the
 * column's full cost and direct costs in pence, `lineP(i)` line i's figure in pence.
 */
function expectedFormula(
  choice: FurtherChoice,
  setup: CostRecoverySetup,
  full: string,
  direct: string,
  lineP: (i: number) => string,
  settings: FrameworkSettings
): string {
  const rule = choice.preset.rule;
  const overheads = `(${full}-${direct})`;
  switch (rule.kind) {
    case "full":
      return full;
    case "ratio":
      return `ROUND(${full}*${bp(rule.funderPercent)}/10000,0)`;
    case "ukri": {
      const names = ["Direct costs", ...setup.pools.map((p) => p.name)];
      const at100 = new Set(rule.linesAt100.map((n) => n.trim().toLowerCase()));
      const whole = names.flatMap((n, i) => (at100.has(n.trim().toLowerCase()) ? [lineP(i)] : []));
      const w = whole.length ? `(${whole.join("+")})` : "0";
      return `${w}+ROUND((${full}-${w})*${bp(rule.percent)}/10000,0)`;
    }
    case "overheadCap":
      return `${direct}+MIN(${overheads},ROUND(${direct}*${bp(rule.capPercent)}/10000,0))`;
    case "usDeMinimis": {
      // The MTDC base of the one direct line (mtdc.ts): counted, left out, or a subaward's first part.
      const c = mtdcCategory(choice.directCategory);
      const limit = Math.round(settings.costMtdcSubawardLimit * 100);
      const base =
        c?.kind === "included" ? direct : c?.kind === "subaward" ? `MIN(${direct},${limit})` : "0";
      return `${direct}+MIN(${overheads},ROUND(${base}*${bp(rule.ratePercent)}/10000,0))`;
    }
  }
}

/** The cost lines' rows: name, own rate (blank: general), each year, total. */
function lineRows(
  g: CostRecoveryGeometry,
  setup: CostRecoverySetup,
  choice: FurtherChoice
): { names: CellValue[][]; rates: CellValue[][]; figures: CellValue[][] } {
  const top = g.furtherTop!;
  const c = furtherColumns(g, choice.years);
  const general = absoluteAddress(top + FURTHER_ROWS.general, c.rate);
  const working = g.firstWorkingRow + choice.project;
  const year1 = [
    absoluteAddress(working, g.workingColumns.direct),
    ...setup.pools.map((_, k) => absoluteAddress(working, poolWorkingColumn(g, k, "share"))),
  ];
  const names: CellValue[][] = [
    ["Direct costs"],
    ...setup.pools.map((_, k) => [`=""&${cellAddress(g.firstPoolRow + k, g.poolColumns.name)}`]),
  ];
  const rates = year1.map((_, i) => {
    const own = choice.lineInflationPercent?.[i];
    return [own === null || own === undefined ? "" : own / 100];
  });
  const figures = year1.map((p, i) => {
    const row = top + FURTHER_ROWS.firstLine + i;
    const own = cellAddress(row, c.rate);
    const rateBp = `ROUND(IF(${own}="",${general},${own})*10000,0)`;
    const years = Array.from({ length: choice.years }, (_, y) =>
      y === 0 ? `=${p}/100` : `=ROUND(ROUND(${p}*POWER(1+${rateBp}/10000,${y}),6),0)/100`
    );
    const span = `${cellAddress(row, c.year(0))}:${cellAddress(row, c.year(choice.years - 1))}`;
    return [...years, `=SUM(${span})`];
  });
  return { names, rates, figures };
}

/** Full cost and what the rule expects, for each year and the total. */
function ruleRows(
  g: CostRecoveryGeometry,
  setup: CostRecoverySetup,
  choice: FurtherChoice,
  settings: FrameworkSettings
): CellValue[][] {
  const top = g.furtherTop!;
  const c = furtherColumns(g, choice.years);
  const first = top + FURTHER_ROWS.firstLine;
  const fullRow = first + furtherLineCount(setup.pools.length);
  const cols = [...Array.from({ length: choice.years }, (_, y) => c.year(y)), c.total];
  const pence = (row: number, col: number) => `ROUND(${cellAddress(row, col)}*100,0)`;
  const full = cols.map(
    (col) => `=SUM(${cellAddress(first, col)}:${cellAddress(fullRow - 1, col)})`
  );
  const expects = cols.map((col) => {
    const f = pence(fullRow, col);
    const e = expectedFormula(
      choice,
      setup,
      f,
      pence(first, col),
      (i) => pence(first + i, col),
      settings
    );
    return `=MAX(0,MIN(${e},${f}))/100`;
  });
  return [full, expects];
}

/** The one answer over the period (answer.ts), from the Total column and the price or award. */
function answerRows(g: CostRecoveryGeometry, setup: CostRecoverySetup, choice: FurtherChoice) {
  const top = g.furtherTop!;
  const c = furtherColumns(g, choice.years);
  const fullRow = top + FURTHER_ROWS.firstLine + furtherLineCount(setup.pools.length);
  const first = fullRow + 3;
  const v = (i: number) => `ROUND(${cellAddress(first + i, c.rate)}*100,0)`;
  const award = absoluteAddress(g.firstWorkingRow + choice.project, g.workingColumns.award);
  const full = `ROUND(${cellAddress(fullRow, c.total)}*100,0)`;
  const expected = `ROUND(${cellAddress(fullRow + 1, c.total)}*100,0)`;
  const price = `${award}*${choice.years}`;
  return {
    first,
    labels: [
      ["Over the period: price or award entered (a year's, once for each year)"],
      ["Funder pays"],
      ["Organisation finds"],
      ["Already covered by the price or award"],
      ["Still to find"],
    ],
    values: [
      [`=IF(${award}="","",${price}/100)`],
      [`=IF(${award}="",${expected},MIN(${price},${expected}))/100`],
      [`=(${full}-${v(1)})/100`],
      [`=IF(${award}="",0,MIN(${price},${full})-${v(1)})/100`],
      [`=(${v(2)}-${v(3)})/100`],
    ],
  };
}

/** The block, or nothing when the geometry has no room for it (no choice to show). */
export function furtherSection(
  g: CostRecoveryGeometry,
  setup: CostRecoverySetup,
  choice: FurtherChoice | null,
  settings: FrameworkSettings
): SheetSection {
  if (g.furtherTop === null || !choice) return { blocks: [] };
  const top = g.furtherTop;
  const c = furtherColumns(g, choice.years);
  const project = setup.projects[choice.project]?.name || `Project ${choice.project + 1}`;
  const n = choice.years;
  const lines = lineRows(g, setup, choice);
  const first = top + FURTHER_ROWS.firstLine;
  const fullRow = first + lines.names.length;
  const answer = answerRows(g, setup, choice);
  const header: CellValue[] = [
    "Cost line",
    "Inflation a year (blank: the general rate)",
    ...Array.from({ length: n }, (_, y) => `Year ${y + 1}`),
    "Total",
  ];
  const note = (row: number, text: string) => ({
    row,
    col: c.label,
    kind: "value" as const,
    cells: [[text]],
    look: ["note" as const],
  });
  return {
    blocks: [
      heading(top, c.label, `Going further: ${project} over ${n} year${n === 1 ? "" : "s"}`),
      note(
        top + FURTHER_ROWS.rule,
        `Funder rule: ${choice.preset.label}. Source: ${choice.preset.source}.`
      ),
      note(
        top + FURTHER_ROWS.term,
        `${termNote(n, settings)} Each year's figure is the first year's grown by the line's inflation rate each year, rounded to the penny.`
      ),
      {
        row: top + FURTHER_ROWS.general,
        col: c.label,
        kind: "value",
        cells: [["General inflation a year"]],
        look: ["bold"],
      },
      inputBlock(top + FURTHER_ROWS.general, c.rate, [[choice.inflationPercent / 100]], {
        numberFormat: INFLATION_FORMAT,
      }),
      headerRow(top + FURTHER_ROWS.header, c.label, header),
      { row: first, col: c.label, kind: "formula", cells: lines.names },
      inputBlock(first, c.rate, lines.rates, { numberFormat: INFLATION_FORMAT }),
      {
        row: first,
        col: c.year(0),
        kind: "formula",
        cells: lines.figures,
        numberFormat: POUNDS_FORMAT,
      },
      {
        row: fullRow,
        col: c.label,
        kind: "value",
        cells: [["Full cost"], ["The funder's rule expects it to pay"]],
        look: ["bold"],
      },
      {
        row: fullRow,
        col: c.year(0),
        kind: "formula",
        cells: ruleRows(g, setup, choice, settings),
        numberFormat: POUNDS_FORMAT,
        look: ["bold"],
      },
      { row: answer.first, col: c.label, kind: "value", cells: answer.labels, look: ["bold"] },
      {
        row: answer.first,
        col: c.rate,
        kind: "formula",
        cells: answer.values,
        numberFormat: POUNDS_FORMAT,
      },
    ],
    validations: [
      cellAddress(top + FURTHER_ROWS.general, c.rate),
      `${cellAddress(first, c.rate)}:${cellAddress(fullRow - 1, c.rate)}`,
    ].map((address) => ({
      address,
      type: "decimalAtLeast" as const,
      min: -1,
      message: "Inflation a year: a percentage such as 3%, or blank for the general rate",
    })),
  };
}

/** Where the block's inputs and figures are, A1 (for the pane and the tests); null without the block. */
export function furtherRefs(g: CostRecoveryGeometry, years: number) {
  if (g.furtherTop === null) return null;
  const c = furtherColumns(g, years);
  const first = g.furtherTop + FURTHER_ROWS.firstLine;
  const fullRow = first + furtherLineCount(g.poolCount);
  const range = (r1: number, c1: number, r2: number, c2: number) =>
    `${cellAddress(r1, c1)}:${cellAddress(r2, c2)}`;
  return {
    general: cellAddress(g.furtherTop + FURTHER_ROWS.general, c.rate),
    lineRates: range(first, c.rate, fullRow - 1, c.rate),
    /** Each line's years then its total. */
    lines: range(first, c.year(0), fullRow - 1, c.total),
    fullCost: range(fullRow, c.year(0), fullRow, c.total),
    expects: range(fullRow + 1, c.year(0), fullRow + 1, c.total),
    /** Price over the period, funder pays, organisation finds, already covered, still to find. */
    answer: range(fullRow + 3, c.rate, fullRow + 7, c.rate),
    /** The heading and the two notes, as text. */
    words: range(g.furtherTop, c.label, g.furtherTop + FURTHER_ROWS.term, c.label),
  };
}
