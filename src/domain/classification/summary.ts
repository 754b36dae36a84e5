/**
 * The "Funding summary" of a classified register, computed: counts and totals per funding type
 * and mode by a grouping column, the mix of shopping / investing / giving as shares of value (a
 * healthy mix needs all three, 000:390-398), counts of each flag, and the rows that could not be
 * classified.
 *
 * Totals are kept in pence. The sheet that shows them (live SUMIFS / COUNTIFS formulas over the
 * register, each checked against these figures) is src/sheets/register/summarySheet.ts.
 */
import {
  FLAG_CODES,
  FUNDING_TYPES,
  MODES,
  type FlagCode,
  type FundingType,
  type Mode,
} from "./classify";
import { allocateLargestRemainder, type Pence } from "../kernel/money";
import { isBlank } from "../kernel/parse";
import type { RegisterFlag, RowOutcome, RowProblem } from "./register";

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
export type RegisterSummary = {
  groups: GroupSummary[];
  all: GroupSummary;
  flags: Record<FlagCode, number>;
  classified: number;
  inferred: number;
  blankRows: number;
  /** Rows that could not be classified, each with its problem. */
  unclassified: RowProblem[];
  /** The sheet rows of each flag (the first FLAG_ROWS_KEPT of them; the count is in `flags`). */
  flagRows: Record<FlagCode, number[]>;
  /** The register's own flags (regrant): count and rows. */
  registerFlags: Record<RegisterFlag, { count: number; rows: number[] }>;
  /** Rows outside the framework (grants to individuals): counted apart. */
  excluded: { count: number; rows: number[] };
  /** Value and rows per mode by financial year ("2013/14"; "" when not known), in year order. */
  byYear: { year: string; byMode: Record<Mode, Totals>; total: Totals }[];
};

/** Rows kept per flag for the task pane's go-to list (the count is always complete). */
export const FLAG_ROWS_KEPT = 500;

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
  private unclassified: RowProblem[] = [];
  private flagRows = Object.fromEntries(FLAG_CODES.map((f) => [f, [] as number[]])) as Record<
    FlagCode,
    number[]
  >;
  private registerFlags: Record<RegisterFlag, { count: number; rows: number[] }> = {
    regrant: { count: 0, rows: [] },
  };
  private excluded = { count: 0, rows: [] as number[] };
  private years = new Map<string, { byMode: Record<Mode, Totals>; total: Totals }>();

  add(outcome: RowOutcome, groupValue: unknown = null): void {
    if (outcome.ok === "blank") {
      this.blankRows++;
      return;
    }
    if (outcome.ok === "excluded") {
      this.excluded.count++;
      if (this.excluded.rows.length < FLAG_ROWS_KEPT) this.excluded.rows.push(outcome.row);
      return;
    }
    if (outcome.ok === false) {
      this.unclassified.push(outcome.problem);
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
    for (const f of c.flags) {
      this.flags[f]++;
      if (this.flagRows[f].length < FLAG_ROWS_KEPT) this.flagRows[f].push(outcome.row);
    }
    for (const f of outcome.registerFlags ?? []) {
      const r = this.registerFlags[f];
      r.count++;
      if (r.rows.length < FLAG_ROWS_KEPT) r.rows.push(outcome.row);
    }
    const year = outcome.financialYear ?? "";
    let y = this.years.get(year);
    if (!y) {
      y = { byMode: emptyGroup("", "").byMode, total: zero() };
      this.years.set(year, y);
    }
    add(y.byMode[c.mode], outcome.valuePence);
    add(y.total, outcome.valuePence);
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
      flagRows: Object.fromEntries(FLAG_CODES.map((f) => [f, [...this.flagRows[f]]])) as Record<
        FlagCode,
        number[]
      >,
      registerFlags: { regrant: { ...this.registerFlags.regrant } },
      excluded: { ...this.excluded },
      byYear: [...this.years.entries()]
        .sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)))
        .map(([year, v]) => ({ year, ...v })),
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

/**
 * Shares of value per mode in tenths of a percent that add to exactly 100.0% (1000 tenths): the
 * tenths are shared by largest remainder (the one allocation routine, kernel/money.ts), so the
 * mix never reads 100.1% or 99.9%. All zero when there is no value.
 */
export function modePercentTenths(byMode: Record<Mode, Totals>): Record<Mode, number> {
  const weights = MODES.map((m) => Math.max(0, byMode[m].pence));
  if (weights.every((w) => w === 0))
    return Object.fromEntries(MODES.map((m) => [m, 0])) as Record<Mode, number>;
  const parts = allocateLargestRemainder(1000, weights);
  return Object.fromEntries(MODES.map((m, i) => [m, parts[i]])) as Record<Mode, number>;
}

/** "57.1%" from tenths of a percent. */
export const tenthsText = (tenths: number): string => `${(tenths / 10).toFixed(1)}%`;
