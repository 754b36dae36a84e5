/**
 * The "Funding summary" sheet as a SheetSpec: the mix of shopping / investing / giving with a pie
 * chart, value and number of rows per funding type and mode by a grouping column, the mix by
 * financial year and by that column, the flags with their sources as a reader can look them up,
 * and the rows that could not be classified (000:390-398; 002:262).
 *
 * Shares are shown to 0.1% and add to exactly 100.0% on every line: each is the largest-remainder
 * share in tenths of a percent (summary.ts modePercentTenths), written as an ordinary formula over
 * the line's mode values (shareFormulas), so the shares stay live and still add up.
 *
 * Figures are ordinary Excel formulas over the register (ROUND(SUMIFS(...),2) for money, so
 * Excel's figure is exactly the penny amount; COUNTIFS for rows), so the summary stays live and
 * works without the add-in. Every computed cell comes with a Check carrying the engine's own
 * figure, so the workflow can read the sheet back and check that Excel's evaluation reconciles.
 * When formulas cannot reconcile (amounts written as text), the engine's values are written
 * instead and the sheet says why.
 */
import { cellAddress, rangeAddress } from "../a1";
import { formulaText } from "../formula";
import type { Block, CellValue, SheetSpec } from "../spec";
import { columnWidthsFor } from "./columnWidths";
import { criterionSafe } from "./criteria";
import type { Check } from "./checks";
import {
  FLAG_CODES,
  FLAG_NOTES,
  FLAG_SOURCES,
  FUNDING_TYPES,
  MODES,
  type FundingType,
  type Mode,
} from "../../domain/classification/classify";
import {
  modePercentTenths,
  type GroupSummary,
  type RegisterSummary,
  type Totals,
} from "../../domain/classification/summary";
import { readableSources } from "../../domain/classification/sources";
import { PERCENT_FORMAT, POUNDS_FORMAT, type Pence } from "../../domain/kernel/money";

export const SUMMARY_TITLE = "Funding summary";
export const MIX_CHART_TITLE = "Mix of shopping, investing and giving (share of value)";
/** The pie chart's name in the workbook. */
export const MIX_CHART_NAME = "FundingSummaryMix";

export type RegisterRefs = {
  /** Absolute references to the register's columns (same rows). */
  value: string;
  mode: string;
  fundingType: string;
  flags: string;
  group: string | null;
  /** The register's financial year column ("2024/25"), when it has one. */
  year?: string | null;
};

export type SummaryOptions = {
  /** Formulas over the register (live), or the engine's values. */
  useFormulas: boolean;
  /** Header of the grouping column (e.g. "Department"), or null for no grouping. */
  groupHeader: string | null;
  /** A description of the register, e.g. 'Register'!A1:H101. */
  source: string;
  /** Why values rather than formulas, shown on the sheet. */
  valuesReason?: string;
  /** The sheet's name (default SUMMARY_TITLE; "Funding summary (2)" when that name is someone else's). */
  sheetName?: string;
};

/** The summary sheet: its spec, the engine's figure for every computed cell, and where the mix is. */
export type SummarySheet = {
  spec: SheetSpec;
  checks: Check[];
  /** The mix table's label and value columns and rows (0-based, body rows without the header). */
  mix: { firstRow: number; labelCol: number; valueCol: number; rows: number };
};

// --- geometry -----------------------------------------------------------------------------------

/** The figure columns of the group tables: the funding types, then the modes. */
const FIGURE_COLUMNS: readonly (FundingType | Mode)[] = [...FUNDING_TYPES, ...MODES];

/** Columns of the mix table. */
export const MIX_COLUMNS = { label: 0, value: 1, share: 2, rows: 3 } as const;
/** Columns of the two group tables: label, one per funding type and mode, and the row total. */
export const GROUP_COLUMNS = {
  label: 0,
  firstFigure: 1,
  firstMode: 1 + FUNDING_TYPES.length,
  lastMode: FIGURE_COLUMNS.length,
  total: FIGURE_COLUMNS.length + 1,
} as const;
/** Columns of the mix tables by financial year and by group: label, value per mode, total, share per mode. */
export const MIX_LINE_COLUMNS = {
  label: 0,
  firstValue: 1,
  total: 1 + MODES.length,
  firstShare: 2 + MODES.length,
} as const;
/** The label of the year line for rows whose financial year is not known. */
export const UNKNOWN_YEAR_LABEL = "(not known)";
/** Columns of the flags table. */
export const FLAG_COLUMNS = { code: 0, rows: 1, meaning: 2, source: 3 } as const;
/** Columns of the list of rows not classified. */
export const UNCLASSIFIED_COLUMNS = { row: 0, reason: 1 } as const;
/** The sheet's width in columns. */
export const SUMMARY_WIDTH = Math.max(GROUP_COLUMNS.total + 1, 4);

/** A section: its title row, header row, first body row and number of body rows (0-based). */
export type SectionRows = { titleRow: number; headerRow: number; firstRow: number; rows: number };

/** Where everything is on the summary sheet (0-based rows from A1), each section after a blank row. */
export type SummaryGeometry = {
  intro: { titleRow: number; sourceRow: number; countsRow: number; figuresRow: number };
  mix: SectionRows & { totalRow: number };
  byValue: SectionRows & { totalRow: number };
  byCount: SectionRows & { totalRow: number };
  /** The mix per financial year, and per group (null when there are none to list). */
  byYear: SectionRows | null;
  groupMix: SectionRows | null;
  flags: SectionRows;
  unclassified: SectionRows;
  /** Rows the sheet uses. */
  rows: number;
};

/**
 * Lay the sections out one after another for this many groups, rows not classified and
 * financial years.
 */
export function summaryGeometry(
  groups: number,
  unclassified: number,
  years: number = 0
): SummaryGeometry {
  let next = 5; // title, source, counts, figures note, blank
  const section = (bodyRows: number): SectionRows => {
    const s = { titleRow: next, headerRow: next + 1, firstRow: next + 2, rows: bodyRows };
    next += bodyRows + 3; // title, header, body, blank
    return s;
  };
  const withTotal = (s: SectionRows) => ({ ...s, totalRow: s.firstRow + s.rows - 1 });
  const mix = withTotal(section(MODES.length + 1));
  const byValue = withTotal(section(groups + 1));
  const byCount = withTotal(section(groups + 1));
  const byYear = years > 0 ? section(years) : null;
  const groupMix = groups > 0 ? section(groups) : null;
  const flags = section(FLAG_CODES.length);
  const unclassifiedRows = section(Math.max(1, unclassified));
  return {
    intro: { titleRow: 0, sourceRow: 1, countsRow: 2, figuresRow: 3 },
    mix,
    byValue,
    byCount,
    byYear,
    groupMix,
    flags,
    unclassified: unclassifiedRows,
    rows: next - 1, // no blank row after the last section
  };
}

// --- section builders ---------------------------------------------------------------------------

type Section = { blocks: Block[]; checks: Check[] };

/** What every section builder reads. */
type SummaryContext = {
  summary: RegisterSummary;
  refs: RegisterRefs;
  opts: SummaryOptions;
  at: SummaryGeometry;
  /** The groups listed (none without a grouping column). */
  groups: GroupSummary[];
  /** The financial years listed (none when no row has one). */
  years: RegisterSummary["byYear"];
};

/** A money cell: ROUND(formula, 2), or the pounds. */
const money = (c: SummaryContext, pence: Pence, formula: string): CellValue =>
  c.opts.useFormulas ? `=ROUND(${formula},2)` : pence / 100;
/** A count cell: the formula, or the count. */
const count = (c: SummaryContext, n: number, formula: string): CellValue =>
  c.opts.useFormulas ? `=${formula}` : n;
const figureKind = (c: SummaryContext): Block["kind"] => (c.opts.useFormulas ? "formula" : "value");
const column = (values: readonly CellValue[]): CellValue[][] => values.map((v) => [v]);

/**
 * Formulas for the shares of value of the modes whose values are in `cells` (contiguous, in mode
 * order; pounds in whole pence) out of the total in `total`: the largest-remainder shares in
 * tenths of a percent that summary.ts modePercentTenths gives, so they show to 0.1% and add to
 * exactly 100.0% (a share per mode of value / total, each rounded, can add to 99.9% or 100.1%).
 *
 * For each mode, in whole pence p and total T: the floor f = INT(1000 p / T) and the remainder
 * r = 1000 p - T f, exact in doubles (integers below 2^53); the 1000 - SUM(f) tenths left over
 * go one each to the largest remainders, ties to the earlier mode (as allocateLargestRemainder).
 * SUMPRODUCT takes the arrays without Ctrl+Shift+Enter, so each is an ordinary Excel 2010 formula.
 */
export function shareFormulas(cells: readonly string[], total: string): string[] {
  const range = (from: number, to: number) =>
    from === to ? cells[from] : `${cells[from]}:${cells[to]}`;
  const T = `ROUND(${total}*100,0)`;
  const floor = (x: string) => `INT(1000*ROUND(${x}*100,0)/${T})`;
  const rem = (x: string) => `(1000*ROUND(${x}*100,0)-${T}*${floor(x)})`;
  const all = range(0, cells.length - 1);
  const left = `(1000-SUMPRODUCT(${floor(all)}))`;
  return cells.map((cell, i) => {
    const above = `SUMPRODUCT(--(${rem(all)}>${rem(cell)}))`;
    const tiedBefore = i > 0 ? `+SUMPRODUCT(--(${rem(range(0, i - 1))}=${rem(cell)}))` : "";
    return `=IF(${T}<=0,0,(${floor(cell)}+IF(${above}${tiedBefore}<${left},1,0))/1000)`;
  });
}

/** A section's title (bold) and header row (bold; text when it holds the user's header). */
function sectionHead(
  rows: SectionRows,
  title: string,
  header: CellValue[],
  headerKind: Block["kind"] = "value"
): Block[] {
  return [
    { row: rows.titleRow, col: 0, kind: "value", cells: [[title]], look: ["bold"] },
    { row: rows.headerRow, col: 0, kind: headerKind, cells: [header], look: ["bold"] },
  ];
}

/** Title, the register it summarises (user text), how many rows, and what the figures are. */
function introSection(c: SummaryContext): Section {
  const { summary: s, opts, at } = c;
  const notClassified = s.unclassified.length;
  const counts =
    `${s.classified} rows classified, ${notClassified} not classified${notClassified ? " (listed below)" : ""}` +
    (s.inferred ? `; outputs inferred from label on ${s.inferred} rows.` : ".");
  const figures = opts.useFormulas
    ? "Figures are formulas over the register (SUMIFS / COUNTIFS), so they follow changes to it."
    : `Figures are values computed by the add-in${opts.valuesReason ? ` (${opts.valuesReason})` : ""}; run Classify again after changing the register.`;
  const source = `Register: ${opts.source}${opts.groupHeader ? `, grouped by ${opts.groupHeader}` : ""}.`;
  return {
    blocks: [
      { row: at.intro.titleRow, col: 0, kind: "value", cells: [[SUMMARY_TITLE]], look: ["title"] },
      { row: at.intro.sourceRow, col: 0, kind: "text", cells: [[source]] },
      { row: at.intro.countsRow, col: 0, kind: "value", cells: [[counts]] },
      { row: at.intro.figuresRow, col: 0, kind: "value", cells: [[figures]] },
    ],
    checks: [],
  };
}

/** The mix of shopping / investing / giving: value, share of value and rows per mode, and the total (000:390-398). */
function mixSection(c: SummaryContext): Section {
  const { summary: s, refs, at } = c;
  const { firstRow, totalRow } = at.mix;
  const lastMode = totalRow - 1;
  const tenths = modePercentTenths(s.all.byMode);
  const shares = shareFormulas(
    MODES.map((_, i) => cellAddress(firstRow + i, MIX_COLUMNS.value)),
    cellAddress(totalRow, MIX_COLUMNS.value)
  );
  const checks: Check[] = [];
  const check = (row: number, col: number, kind: Check["kind"], expected: number, what: string) =>
    checks.push({ row, col, kind, expected, what });
  const live = c.opts.useFormulas;

  const figures: CellValue[][] = MODES.map((m, i) => {
    const row = firstRow + i;
    const t = s.all.byMode[m];
    check(row, MIX_COLUMNS.value, "pence", t.pence, `${m} value`);
    check(row, MIX_COLUMNS.share, "share", tenths[m] / 1000, `${m} share`);
    check(row, MIX_COLUMNS.rows, "count", t.count, `${m} rows`);
    return [
      money(c, t.pence, `SUMIFS(${refs.value},${refs.mode},${formulaText(m)})`),
      live ? shares[i] : tenths[m] / 1000,
      count(c, t.count, `COUNTIFS(${refs.mode},${formulaText(m)})`),
    ];
  });
  const sumOf = (col: number) => `SUM(${cellAddress(firstRow, col)}:${cellAddress(lastMode, col)})`;
  figures.push([
    live ? `=ROUND(${sumOf(MIX_COLUMNS.value)},2)` : s.all.total.pence / 100,
    live ? `=${sumOf(MIX_COLUMNS.share)}` : s.all.total.pence === 0 ? 0 : 1,
    live ? `=${sumOf(MIX_COLUMNS.rows)}` : s.all.total.count,
  ]);
  check(totalRow, MIX_COLUMNS.value, "pence", s.all.total.pence, "Total value");
  check(totalRow, MIX_COLUMNS.rows, "count", s.all.total.count, "Total rows");

  return {
    blocks: [
      ...sectionHead(at.mix, "Mix of shopping, investing and giving", [
        "Mode",
        "Value (£)",
        "Share of value",
        "Rows",
      ]),
      { row: firstRow, col: MIX_COLUMNS.label, kind: "value", cells: column([...MODES, "Total"]) },
      {
        row: firstRow,
        col: MIX_COLUMNS.value,
        kind: figureKind(c),
        cells: figures,
        numberFormat: figures.map(() => [POUNDS_FORMAT, PERCENT_FORMAT, null]),
      },
    ],
    checks,
  };
}

/**
 * The SUMIFS (or SUMPRODUCT) and COUNTIFS of one figure cell: rows of this group (all rows for
 * the total line) whose funding type or mode is `figure`. The group is matched by reference to
 * its label cell (`labelCell`, e.g. $A12), never by a text constant, so a label of any length
 * works (Excel refuses text constants over 255 characters in a formula).
 *
 * SUMIFS reads its criterion: "007", "1,000", "10/90" or "TRUE" would be taken as a number, date
 * or boolean, "a*" as a wildcard, ">5" as a comparison, and a criterion over 255 characters
 * matches nothing. Such labels are matched with SUMPRODUCT over (group&"")=label instead: "="
 * compares text exactly (without regard to case, as the add-in groups), and &"" turns a number in
 * the register into the text the add-in grouped it by. Both forms are Excel 2010 formulas.
 */
function groupFormulas(
  refs: RegisterRefs,
  groupLabel: string | null,
  figure: FundingType | Mode,
  labelCell: string
): { sum: string; rows: string } {
  const ref = (FUNDING_TYPES as readonly string[]).includes(figure) ? refs.fundingType : refs.mode;
  if (groupLabel !== null && groupLabel !== "" && refs.group && !criterionSafe(groupLabel)) {
    const cond = `--((${refs.group}&"")=${labelCell}),--(${ref}=${formulaText(figure)})`;
    return { sum: `SUMPRODUCT(${cond},${refs.value})`, rows: `SUMPRODUCT(${cond})` };
  }
  const inGroup =
    groupLabel !== null && refs.group
      ? `${refs.group},${groupLabel === "" ? '""' : labelCell},`
      : "";
  const where = `${inGroup}${ref},${formulaText(figure)}`;
  return { sum: `SUMIFS(${refs.value},${where})`, rows: `COUNTIFS(${where})` };
}

/**
 * Value (or number of rows) per funding type and mode for each group, then the total line:
 * one of the two group tables.
 */
function groupSection(c: SummaryContext, measure: "value" | "count"): Section {
  const { summary: s, refs, at, groups } = c;
  const rows = measure === "value" ? at.byValue : at.byCount;
  const header = c.opts.groupHeader ?? "Register";
  const checks: Check[] = [];
  const checkKind = measure === "value" ? "pence" : "count";
  const lines = [
    ...groups.map((g) => ({ g, label: g.label, criterion: g.key === "" ? "" : g.label })),
    { g: s.all, label: "Total", criterion: null },
  ];
  const figures = lines.map(({ g, label, criterion }, i) => {
    const row = rows.firstRow + i;
    const cells = FIGURE_COLUMNS.map((figure, k) => {
      const isType = (FUNDING_TYPES as readonly string[]).includes(figure);
      const t = isType ? g.byType[figure as FundingType] : g.byMode[figure as Mode];
      const f = groupFormulas(refs, criterion, figure, `$A${row + 1}`);
      const expected = measure === "value" ? t.pence : t.count;
      checks.push({
        row,
        col: GROUP_COLUMNS.firstFigure + k,
        kind: checkKind,
        expected,
        what: `${label}: ${figure}`,
      });
      return measure === "value" ? money(c, t.pence, f.sum) : count(c, t.count, f.rows);
    });
    const modes = `SUM(${cellAddress(row, GROUP_COLUMNS.firstMode)}:${cellAddress(row, GROUP_COLUMNS.lastMode)})`;
    const expected = measure === "value" ? g.total.pence : g.total.count;
    checks.push({
      row,
      col: GROUP_COLUMNS.total,
      kind: checkKind,
      expected,
      what: `${label}: total`,
    });
    // The row's total is the sum of its modes (every row has exactly one mode).
    cells.push(
      measure === "value" ? money(c, g.total.pence, modes) : count(c, g.total.count, modes)
    );
    return cells;
  });

  // Group names are the user's text; "(blank)" (listed last) and "Total" are the add-in's labels.
  const named = groups.filter((g) => g.key !== "").map((g) => g.label);
  const ours = [...groups.filter((g) => g.key === "").map((g) => g.label), "Total"];
  const title =
    measure === "value"
      ? `Value by ${header.toLowerCase()} (£)`
      : `Number of rows by ${header.toLowerCase()}`;
  const blocks: Block[] = [
    ...sectionHead(rows, title, [header, ...FIGURE_COLUMNS, "Total"], "text"),
    { row: rows.firstRow, col: GROUP_COLUMNS.label, kind: "text", cells: column(named) },
    {
      row: rows.firstRow + named.length,
      col: GROUP_COLUMNS.label,
      kind: "value",
      cells: column(ours),
    },
    {
      row: rows.firstRow,
      col: GROUP_COLUMNS.firstFigure,
      kind: figureKind(c),
      cells: figures,
      ...(measure === "value" ? { numberFormat: POUNDS_FORMAT } : {}),
    },
  ];
  return { blocks: blocks.filter((b) => b.cells.length > 0), checks };
}

/** One line of a mix table: its label (text), what its values are, and how to compute them. */
type MixLine = {
  label: string;
  byMode: Record<Mode, Totals>;
  total: Totals;
  /** The formula of each mode's value, or null when the line's values are the engine's. */
  formula: ((m: Mode, row: number) => string) | null;
};

/**
 * The mix of one line per financial year (or per group): value per mode, the total and each
 * mode's share of it (shareFormulas: shown to 0.1%, adding to 100.0%). Live formulas when the
 * line's values are; the engine's figures otherwise.
 */
function mixLinesSection(
  rows: SectionRows,
  title: string,
  header: string,
  lines: readonly MixLine[]
): Section {
  const C = MIX_LINE_COLUMNS;
  const checks: Check[] = [];
  const figures = lines.map((line, i) => {
    const row = rows.firstRow + i;
    const live = line.formula !== null;
    const tenths = modePercentTenths(line.byMode);
    const valueCells = MODES.map((_, k) => cellAddress(row, C.firstValue + k));
    const totalCell = cellAddress(row, C.total);
    const shares = shareFormulas(valueCells, totalCell);
    MODES.forEach((m, k) => {
      checks.push({
        row,
        col: C.firstValue + k,
        kind: "pence",
        expected: line.byMode[m].pence,
        what: `${line.label}: ${m}`,
      });
      checks.push({
        row,
        col: C.firstShare + k,
        kind: "share",
        expected: tenths[m] / 1000,
        what: `${line.label}: ${m} share`,
      });
    });
    checks.push({
      row,
      col: C.total,
      kind: "pence",
      expected: line.total.pence,
      what: `${line.label}: total`,
    });
    const first = valueCells[0];
    const last = valueCells[valueCells.length - 1];
    return [
      ...MODES.map((m) =>
        live ? `=ROUND(${line.formula!(m, row)},2)` : line.byMode[m].pence / 100
      ),
      live ? `=ROUND(SUM(${first}:${last}),2)` : line.total.pence / 100,
      ...MODES.map((m, k) => (live ? shares[k] : tenths[m] / 1000)),
    ];
  });
  const formats = [
    ...MODES.map(() => POUNDS_FORMAT),
    POUNDS_FORMAT,
    ...MODES.map(() => PERCENT_FORMAT),
  ];
  return {
    blocks: [
      ...sectionHead(
        rows,
        title,
        [header, ...MODES.map((m) => `${m} (£)`), "Total (£)", ...MODES.map((m) => `${m} share`)],
        "text"
      ),
      { row: rows.firstRow, col: C.label, kind: "text", cells: column(lines.map((l) => l.label)) },
      ...lines.map((line, i): Block => ({
        row: rows.firstRow + i,
        col: C.firstValue,
        kind: line.formula ? "formula" : "value",
        cells: [figures[i]],
        numberFormat: [formats],
      })),
    ],
    checks,
  };
}

/** The mix per financial year: live SUMIFS over the register's year column when it has one. */
function yearMixSection(c: SummaryContext): Section | null {
  const { at, refs, years } = c;
  if (!at.byYear) return null;
  const yearRef = c.opts.useFormulas ? (refs.year ?? null) : null;
  const lines = years.map((y, i): MixLine => {
    const labelCell = `$A${at.byYear!.firstRow + i + 1}`;
    return {
      label: y.year === "" ? UNKNOWN_YEAR_LABEL : y.year,
      byMode: y.byMode,
      total: y.total,
      formula: yearRef
        ? (m) => groupFormulas({ ...refs, group: yearRef }, y.year, m, labelCell).sum
        : null,
    };
  });
  return mixLinesSection(at.byYear, "Mix by financial year", "Financial year", lines);
}

/** The mix per group: each line's values are the mode cells of the "Value by" table above. */
function groupMixSection(c: SummaryContext): Section | null {
  const { at, groups } = c;
  if (!at.groupMix) return null;
  const header = c.opts.groupHeader ?? "Register";
  const lines = groups.map((g, i): MixLine => ({
    label: g.label,
    byMode: g.byMode,
    total: g.total,
    formula: c.opts.useFormulas
      ? (m) => cellAddress(at.byValue.firstRow + i, GROUP_COLUMNS.firstMode + MODES.indexOf(m))
      : null,
  }));
  return mixLinesSection(at.groupMix, `Mix by ${header.toLowerCase()}`, header, lines);
}

/** How many rows raise each flag, with what it means and its source (002:262 and the rules' sources). */
function flagsSection(c: SummaryContext): Section {
  const { summary: s, refs, at } = c;
  const checks: Check[] = FLAG_CODES.map((f, i) => ({
    row: at.flags.firstRow + i,
    col: FLAG_COLUMNS.rows,
    kind: "count" as const,
    expected: s.flags[f],
    what: `flag ${f}`,
  }));
  return {
    blocks: [
      ...sectionHead(at.flags, "Flags", ["Flag", "Rows", "Meaning", "Source"]),
      { row: at.flags.firstRow, col: FLAG_COLUMNS.code, kind: "value", cells: column(FLAG_CODES) },
      {
        row: at.flags.firstRow,
        col: FLAG_COLUMNS.rows,
        kind: figureKind(c),
        cells: column(
          FLAG_CODES.map((f) =>
            count(c, s.flags[f], `COUNTIFS(${refs.flags},${formulaText(`*${f}*`)})`)
          )
        ),
      },
      {
        // The source as a reader looks it up (document, section, paragraph), not its code.
        row: at.flags.firstRow,
        col: FLAG_COLUMNS.meaning,
        kind: "text",
        cells: FLAG_CODES.map((f) => [FLAG_NOTES[f], readableSources(FLAG_SOURCES[f])]),
      },
    ],
    checks,
  };
}

/** The rows that could not be classified: row number and reason (the user's text), or "None". */
function unclassifiedSection(c: SummaryContext): Section {
  const { summary: s, at } = c;
  const { firstRow } = at.unclassified;
  const head = sectionHead(at.unclassified, "Rows not classified", ["Row", "Reason"]);
  if (s.unclassified.length === 0)
    return {
      blocks: [...head, { row: firstRow, col: 0, kind: "value", cells: [["None"]] }],
      checks: [],
    };
  return {
    blocks: [
      ...head,
      {
        row: firstRow,
        col: UNCLASSIFIED_COLUMNS.row,
        kind: "value",
        cells: column(s.unclassified.map((u) => u.row)),
      },
      {
        row: firstRow,
        col: UNCLASSIFIED_COLUMNS.reason,
        kind: "text",
        cells: column(s.unclassified.map((u) => u.message)),
      },
    ],
    checks: [],
  };
}

// --- the sheet ----------------------------------------------------------------------------------

/**
 * The summary sheet for a classified register. `refs` are the register's columns as absolute
 * references; groups are listed only when there is a grouping column.
 */
export function buildSummarySheet(
  summary: RegisterSummary,
  refs: RegisterRefs,
  opts: SummaryOptions
): SummarySheet {
  const groups = refs.group && opts.groupHeader ? summary.groups : [];
  // Years are listed when at least one row has one.
  const years = summary.byYear.some((y) => y.year !== "") ? summary.byYear : [];
  const at = summaryGeometry(groups.length, summary.unclassified.length, years.length);
  const c: SummaryContext = { summary, refs, opts, at, groups, years };
  const sections = [
    introSection(c),
    mixSection(c),
    groupSection(c, "value"),
    groupSection(c, "count"),
    yearMixSection(c),
    groupMixSection(c),
    flagsSection(c),
    unclassifiedSection(c),
  ].filter((x): x is Section => x !== null);
  const blocks = sections.flatMap((s) => s.blocks);
  const checks = sections.flatMap((s) => s.checks);
  const mix = { header: at.mix.headerRow, last: at.mix.totalRow - 1 };
  return {
    spec: {
      name: opts.sheetName ?? SUMMARY_TITLE,
      blocks,
      // The intro's sentences run on into the empty cells beside them: they do not size column A.
      columnWidths: columnWidthsFor(
        blocks,
        checks,
        new Set([at.intro.sourceRow, at.intro.countsRow, at.intro.figuresRow])
      ),
      charts: [
        {
          // A native pie chart of the mix: mode labels and values, header row included for the series name.
          type: "Pie",
          name: MIX_CHART_NAME,
          source: rangeAddress(mix.header, MIX_COLUMNS.label, mix.last, MIX_COLUMNS.value),
          seriesBy: "Columns",
          title: MIX_CHART_TITLE,
          topLeft: cellAddress(mix.header, SUMMARY_WIDTH + 1),
        },
      ],
      extent: rangeAddress(0, 0, at.rows - 1, SUMMARY_WIDTH - 1),
      // Protected against accidental edits; the user may still format it.
      protect: { allowFormatCells: true },
    },
    checks,
    mix: {
      firstRow: at.mix.firstRow,
      labelCol: MIX_COLUMNS.label,
      valueCol: MIX_COLUMNS.value,
      rows: MODES.length,
    },
  };
}
