/**
 * The "Funding summary" of a classified register: counts and totals per funding type and mode by a
 * grouping column, the mix of shopping / investing / giving as shares of value (a healthy mix
 * needs all three, 000:390-398), counts of each flag, and the rows that could not be classified.
 *
 * Totals are kept in pence. The sheet layout uses ordinary Excel formulas (SUMIFS / COUNTIFS over
 * the register) so the summary stays live and works without the add-in; every formula cell carries
 * the engine's own figure so the workflow can check that Excel's evaluation reconciles exactly.
 */
import {
  FLAG_CODES,
  FLAG_NOTES,
  FLAG_SOURCES,
  FUNDING_TYPES,
  MODES,
  type FlagCode,
  type FundingType,
  type Mode,
} from "./classify";
import { cellAddress, columnLetters } from "../../sheets/a1";
import { formatPounds, PERCENT_FORMAT, POUNDS_FORMAT, type Pence } from "../kernel/money";
import { isBlank } from "../kernel/parse";
import type { RowOutcome } from "./register";

export type Totals = { count: number; pence: Pence };
export type GroupSummary = {
  /** Grouping key as Excel's SUMIFS matches it: case-insensitive text. */
  key: string;
  /** The text shown (first spelling seen), "(blank)" for empty cells. */
  label: string;
  byType: Record<FundingType, Totals>;
  byMode: Record<Mode, Totals>;
  total: Totals;
};
export type Unclassified = { row: number; reason: string };
export type RegisterSummary = {
  groups: GroupSummary[];
  all: GroupSummary;
  flags: Record<FlagCode, number>;
  classified: number;
  inferred: number;
  blankRows: number;
  unclassified: Unclassified[];
};

const zero = (): Totals => ({ count: 0, pence: 0 });
function emptyGroup(key: string, label: string): GroupSummary {
  return {
    key,
    label,
    byType: Object.fromEntries(FUNDING_TYPES.map((t) => [t, zero()])) as Record<
      FundingType,
      Totals
    >,
    byMode: Object.fromEntries(MODES.map((m) => [m, zero()])) as Record<Mode, Totals>,
    total: zero(),
  };
}
const add = (t: Totals, pence: Pence) => {
  t.count += 1;
  t.pence += pence;
};

export const BLANK_GROUP_LABEL = "(blank)";

/** Group key as SUMIFS compares text: without regard to case. */
export function groupKey(value: unknown): string {
  if (isBlank(value)) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  return String(value).toLowerCase();
}

/** Accumulates outcomes chunk by chunk, so a million-row register is never held twice. */
export class SummaryBuilder {
  private groups = new Map<string, GroupSummary>();
  private all = emptyGroup("*", "All rows");
  private flags = Object.fromEntries(FLAG_CODES.map((f) => [f, 0])) as Record<FlagCode, number>;
  private classified = 0;
  private inferred = 0;
  private blankRows = 0;
  private unclassified: Unclassified[] = [];

  add(outcome: RowOutcome, groupValue: unknown = null): void {
    if (outcome.ok === "blank") {
      this.blankRows++;
      return;
    }
    if (outcome.ok === false) {
      this.unclassified.push({ row: outcome.row, reason: outcome.reason });
      return;
    }
    const key = groupKey(groupValue);
    let g = this.groups.get(key);
    if (!g) {
      g = emptyGroup(key, key === "" ? BLANK_GROUP_LABEL : String(groupValue));
      this.groups.set(key, g);
    }
    const c = outcome.classification;
    for (const target of [g, this.all]) {
      add(target.byType[c.fundingType], outcome.valuePence);
      add(target.byMode[c.mode], outcome.valuePence);
      add(target.total, outcome.valuePence);
    }
    for (const f of c.flags) this.flags[f]++;
    this.classified++;
    if (outcome.inferred) this.inferred++;
  }

  result(): RegisterSummary {
    const groups = [...this.groups.values()].sort((a, b) =>
      a.key === ""
        ? 1
        : b.key === ""
          ? -1
          : a.label.localeCompare(b.label, "en-GB", { sensitivity: "base" })
    );
    return {
      groups,
      all: this.all,
      flags: { ...this.flags },
      classified: this.classified,
      inferred: this.inferred,
      blankRows: this.blankRows,
      unclassified: [...this.unclassified],
    };
  }
}

/** Summarise outcomes in one go (tests, small registers). */
export function summarise(
  outcomes: readonly RowOutcome[],
  groupValues?: readonly unknown[] | null
): RegisterSummary {
  const b = new SummaryBuilder();
  outcomes.forEach((o, i) => b.add(o, groupValues ? groupValues[i] : null));
  return b.result();
}

/**
 * Share of value per mode as exact fractions of the total (0 when the total is 0). They are
 * pence / pence, so shopping + investing + giving is 1 up to floating point.
 */
export function modeShares(s: RegisterSummary): Record<Mode, number> {
  const total = s.all.total.pence;
  return Object.fromEntries(
    MODES.map((m) => [m, total === 0 ? 0 : s.all.byMode[m].pence / total])
  ) as Record<Mode, number>;
}

// --- A1 references ------------------------------------------------------------------------------

/** 0 -> A, 25 -> Z, 26 -> AA (kept under this name for existing importers). */
export const columnLetter = columnLetters;

/** A quoted sheet name for formulas: 'Funding register' (quotes doubled). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Absolute reference to one column of rows, e.g. 'Register'!$C$2:$C$101 (rows 1-based). */
export function columnRef(
  sheet: string,
  colIndex: number,
  firstRow: number,
  lastRow: number
): string {
  const c = columnLetter(colIndex);
  return `${quoteSheet(sheet)}!$${c}$${firstRow}:$${c}$${lastRow}`;
}

/**
 * SUMIFS/COUNTIFS criterion matching exactly this text (as SUMIFS does, without regard to case):
 * wildcards ~ * ? escaped; "" matches empty cells. Text starting with = < > would be read as a
 * comparison, so it is given an explicit "=" (Excel reads "==x" as equal to "=x"); the summary
 * uses SUMPRODUCT for such names instead (see needsEquality), which every spreadsheet reads alike.
 */
export function exactCriterion(value: unknown): string {
  if (isBlank(value)) return "";
  const escaped = String(value).replace(/[~*?]/g, (c) => "~" + c);
  return /^[=<>]/.test(escaped) ? "=" + escaped : escaped;
}

/** Group names that a criterion would read as a comparison: summed with SUMPRODUCT(range=text) instead. */
export function needsEquality(value: unknown): boolean {
  return !isBlank(value) && /^[=<>]/.test(String(value));
}

/** A text literal for a formula: "..." with quotes doubled. */
export function formulaText(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

// --- sheet layout -------------------------------------------------------------------------------

export type LayoutCell = string | number;
/** What a formula cell must evaluate to: pence, a count, or a share (fraction). */
export type Check = {
  row: number;
  col: number;
  kind: "pence" | "count" | "share";
  expected: number;
  what: string;
};

export type SummaryLayout = {
  cells: LayoutCell[][];
  /** Cells holding user text (group names, reasons) to be written as text, never as a formula. */
  text: boolean[][];
  /** Number format per cell, or null for General. */
  formats: (string | null)[][];
  /** The engine's figure for every computed cell. */
  checks: Check[];
  /** The mix table's label and value columns (0-based rows/cols in the layout) for the chart. */
  mix: { firstRow: number; labelCol: number; valueCol: number; rows: number };
  /** Rows (0-based) where section titles are, for formatting. */
  titles: number[];
  /** Header rows (0-based), for formatting. */
  headerRows: number[];
  width: number;
};

export type RegisterRefs = {
  /** Absolute references to the register's columns (same rows). */
  value: string;
  mode: string;
  fundingType: string;
  flags: string;
  group: string | null;
};

export type LayoutOptions = {
  /** Formulas over the register (live), or the engine's values. */
  useFormulas: boolean;
  /** Header of the grouping column (e.g. "Department"), or null for no grouping. */
  groupHeader: string | null;
  /** A description of the register, e.g. 'Register'!A1:H101. */
  source: string;
  /** Why values rather than formulas, shown on the sheet. */
  valuesReason?: string;
};

export const SUMMARY_TITLE = "Funding summary";

/**
 * Lay out the summary sheet. Row 0 is the title; all positions are 0-based within the sheet from
 * A1. Formulas are ROUND(SUMIFS(...),2) for money so Excel's figure is exactly the penny amount.
 */
export function buildSummaryLayout(
  s: RegisterSummary,
  refs: RegisterRefs,
  opts: LayoutOptions
): SummaryLayout {
  const cols = [...FUNDING_TYPES, ...MODES];
  const width = Math.max(cols.length + 2, 4);
  const cells: LayoutCell[][] = [];
  const text: boolean[][] = [];
  const formats: (string | null)[][] = [];
  const checks: Check[] = [];
  const titles: number[] = [];
  const headerRows: number[] = [];
  const F = opts.useFormulas;

  const push = (row: LayoutCell[], fmt: (string | null)[] = [], txt: boolean[] = []) => {
    const r: LayoutCell[] = [];
    for (let c = 0; c < width; c++) r.push(row[c] ?? "");
    cells.push(r);
    formats.push(Array.from({ length: width }, (_, c) => fmt[c] ?? null));
    text.push(Array.from({ length: width }, (_, c) => txt[c] ?? false));
    return cells.length - 1;
  };
  const cell = cellAddress;
  const check = (row: number, col: number, kind: Check["kind"], expected: number, what: string) =>
    checks.push({ row, col, kind, expected, what });
  const money = (p: Pence, formula: string) => (F ? `=ROUND(${formula},2)` : p / 100);
  const count = (n: number, formula: string) => (F ? `=${formula}` : n);

  titles.push(push([SUMMARY_TITLE]));
  push(
    [`Register: ${opts.source}${opts.groupHeader ? `, grouped by ${opts.groupHeader}` : ""}.`],
    [],
    [true]
  );
  push([
    `${s.classified} rows classified, ${s.unclassified.length} not classified${s.unclassified.length ? " (listed below)" : ""}` +
      (s.inferred ? `; outputs inferred from label on ${s.inferred} rows.` : "."),
  ]);
  push([
    F
      ? "Figures are formulas over the register (SUMIFS / COUNTIFS), so they follow changes to it."
      : `Figures are values computed by the add-in${opts.valuesReason ? ` (${opts.valuesReason})` : ""}; run Classify again after changing the register.`,
  ]);
  push([]);

  // Mix of shopping / investing / giving (000:390-398)
  titles.push(push(["Mix of shopping, investing and giving"]));
  headerRows.push(push(["Mode", "Value (£)", "Share of value", "Rows"]));
  const mixFirst = cells.length;
  const totalRow = mixFirst + MODES.length;
  const shares = modeShares(s);
  for (const m of MODES) {
    const r = cells.length;
    const t = s.all.byMode[m];
    push(
      [
        m,
        money(t.pence, `SUMIFS(${refs.value},${refs.mode},${formulaText(m)})`),
        F ? `=IF(${cell(totalRow, 1)}=0,0,${cell(r, 1)}/${cell(totalRow, 1)})` : shares[m],
        count(t.count, `COUNTIFS(${refs.mode},${formulaText(m)})`),
      ],
      [null, POUNDS_FORMAT, PERCENT_FORMAT, null]
    );
    check(r, 1, "pence", t.pence, `${m} value`);
    check(r, 2, "share", shares[m], `${m} share`);
    check(r, 3, "count", t.count, `${m} rows`);
  }
  {
    const r = push(
      [
        "Total",
        F
          ? `=ROUND(SUM(${cell(mixFirst, 1)}:${cell(totalRow - 1, 1)}),2)`
          : s.all.total.pence / 100,
        F ? `=SUM(${cell(mixFirst, 2)}:${cell(totalRow - 1, 2)})` : s.all.total.pence === 0 ? 0 : 1,
        F ? `=SUM(${cell(mixFirst, 3)}:${cell(totalRow - 1, 3)})` : s.all.total.count,
      ],
      [null, POUNDS_FORMAT, PERCENT_FORMAT, null]
    );
    check(r, 1, "pence", s.all.total.pence, "Total value");
    check(r, 3, "count", s.all.total.count, "Total rows");
  }
  push([]);

  // By group: value, then number of rows, per funding type and mode
  const groupHeader = opts.groupHeader ?? "Register";
  const groupRows = refs.group && opts.groupHeader ? s.groups : [];
  for (const kind of ["value", "count"] as const) {
    titles.push(
      push([
        kind === "value"
          ? `Value by ${groupHeader.toLowerCase()} (£)`
          : `Number of rows by ${groupHeader.toLowerCase()}`,
      ])
    );
    headerRows.push(push([groupHeader, ...cols, "Total"], [], [true]));
    const first = cells.length;
    const fmt = kind === "value" ? POUNDS_FORMAT : null;
    const line = (
      g: GroupSummary,
      group: { label: string } | null,
      label: string,
      isText: boolean
    ) => {
      const r = cells.length;
      const row: LayoutCell[] = [label];
      cols.forEach((col, i) => {
        const isType = (FUNDING_TYPES as readonly string[]).includes(col);
        const t = isType ? g.byType[col as FundingType] : g.byMode[col as Mode];
        const ref = isType ? refs.fundingType : refs.mode;
        let sum: string;
        let n: string;
        if (group && refs.group && needsEquality(group.label)) {
          // Exact, case-insensitive equality without criteria parsing (names such as "=Adults" or "<18s").
          const cond = `(${refs.group}=${formulaText(group.label)})*(${ref}=${formulaText(col)})`;
          sum = `SUMPRODUCT(${cond},${refs.value})`;
          n = `SUMPRODUCT(${cond})`;
        } else {
          const where = `${group && refs.group ? `${refs.group},${formulaText(exactCriterion(group.label))},` : ""}${ref},${formulaText(col)}`;
          sum = `SUMIFS(${refs.value},${where})`;
          n = `COUNTIFS(${where})`;
        }
        row.push(kind === "value" ? money(t.pence, sum) : count(t.count, n));
        check(
          r,
          i + 1,
          kind === "value" ? "pence" : "count",
          kind === "value" ? t.pence : t.count,
          `${label}: ${col}`
        );
      });
      const lastMode = cols.length; // column index of the last mode
      const firstMode = FUNDING_TYPES.length + 1;
      row.push(
        F
          ? kind === "value"
            ? `=ROUND(SUM(${cell(r, firstMode)}:${cell(r, lastMode)}),2)`
            : `=SUM(${cell(r, firstMode)}:${cell(r, lastMode)})`
          : kind === "value"
            ? g.total.pence / 100
            : g.total.count
      );
      check(
        r,
        cols.length + 1,
        kind === "value" ? "pence" : "count",
        kind === "value" ? g.total.pence : g.total.count,
        `${label}: total`
      );
      push(row, [null, ...cols.map(() => fmt), fmt], [isText]);
    };
    for (const g of groupRows)
      line(g, { label: g.key === "" ? "" : g.label }, g.label, g.key !== "");
    line(s.all, null, "Total", false);
    void first;
    push([]);
  }

  // Flags (002:262 and the rules' sources)
  titles.push(push(["Flags"]));
  headerRows.push(push(["Flag", "Rows", "Meaning", "Source"]));
  for (const f of FLAG_CODES) {
    const r = cells.length;
    push([
      f,
      count(s.flags[f], `COUNTIFS(${refs.flags},${formulaText(`*${f}*`)})`),
      FLAG_NOTES[f],
      FLAG_SOURCES[f],
    ]);
    check(r, 1, "count", s.flags[f], `flag ${f}`);
  }
  push([]);

  // Rows that could not be classified
  titles.push(push(["Rows not classified"]));
  headerRows.push(push(["Row", "Reason"]));
  if (s.unclassified.length === 0) push(["None"]);
  for (const u of s.unclassified) push([u.row, u.reason], [], [false, true]);

  return {
    cells,
    text,
    formats,
    checks,
    mix: { firstRow: mixFirst, labelCol: 0, valueCol: 1, rows: MODES.length },
    titles,
    headerRows,
    width,
  };
}

/** Does an evaluated value match the engine's figure? Money to the penny, counts exactly. */
export function checkPasses(c: Check, actual: unknown): boolean {
  if (typeof actual !== "number" || !Number.isFinite(actual)) return false;
  if (c.kind === "pence")
    return (
      Math.round(actual * 100) === c.expected &&
      Math.abs(actual * 100 - c.expected) < 1e-6 * Math.max(1, Math.abs(c.expected))
    );
  if (c.kind === "count") return actual === c.expected;
  // Shares are shown to 0.1%; spreadsheet engines keep 10-15 significant digits.
  return Math.abs(actual - c.expected) < 1e-9;
}

/** One line per failed check, for the user: "Shopping value: sheet £1.00, register £1.01". */
export function describeMismatch(c: Check, actual: unknown): string {
  const show = (v: unknown) =>
    c.kind === "pence" && typeof v === "number" ? formatPounds(Math.round(v * 100)) : String(v);
  const expected = c.kind === "pence" ? formatPounds(c.expected) : String(c.expected);
  return `${c.what}: summary shows ${show(actual)}, register gives ${expected}`;
}
