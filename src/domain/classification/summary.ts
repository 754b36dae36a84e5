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
import type { Pence } from "../kernel/money";
import { isBlank } from "../kernel/parse";
import type { RowOutcome, RowProblem } from "./register";

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
  private unclassified: RowProblem[] = [];

  add(outcome: RowOutcome, groupValue: unknown = null): void {
    if (outcome.ok === "blank") {
      this.blankRows++;
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
