/**
 * Data-quality checks on a register before it is classified, each listed with its rows so the
 * user can go to them: duplicate identifiers, zero or negative awards, start after end, a
 * currency other than pounds, grants to individuals (outside the framework, counted apart) and
 * regrants (money passed on, which may be counted twice). Messages name the columns as the user
 * sees them. Pure; fed row by row, so a large register is never held twice.
 */
import { isBlank } from "../kernel/parse";
import { parseMoney } from "../kernel/money";
import { readDate } from "./derived";
import type { RegisterField } from "./register";

export const QUALITY_CHECKS = [
  "duplicate-identifier",
  "zero-or-negative",
  "start-after-end",
  "not-gbp",
  "to-individuals",
  "regrant",
] as const;
export type QualityCheck = (typeof QUALITY_CHECKS)[number];

export type QualityFinding = {
  check: QualityCheck;
  /** What was found, in plain words naming the column. */
  title: string;
  /** What the add-in does about it, or what the user should do. */
  advice: string;
  count: number;
  /** The sheet rows (the first ROWS_KEPT). */
  rows: number[];
};

/** Rows kept per finding for the go-to list (the count is always complete). */
export const ROWS_KEPT = 500;

type Reader = (f: RegisterField) => unknown;

/** Accumulates the checks row by row; `result()` lists the findings that have rows. */
export class QualityBuilder {
  private found = new Map<QualityCheck, { count: number; rows: number[] }>();
  private firstRowOfId = new Map<string, number>();

  constructor(
    private readonly seen: (f: RegisterField) => string,
    private readonly mapped: (f: RegisterField) => boolean
  ) {}

  private hit(check: QualityCheck, row: number) {
    let f = this.found.get(check);
    if (!f) this.found.set(check, (f = { count: 0, rows: [] }));
    f.count++;
    if (f.rows.length < ROWS_KEPT) f.rows.push(row);
  }

  add(row: number, get: Reader): void {
    const id = get("identifier");
    if (!isBlank(id)) {
      const key = String(id).trim().toLowerCase();
      const first = this.firstRowOfId.get(key);
      if (first === undefined) this.firstRowOfId.set(key, row);
      else {
        if (!this.found.get("duplicate-identifier")?.rows.includes(first))
          this.hit("duplicate-identifier", first);
        this.hit("duplicate-identifier", row);
      }
    }
    const amountCell = isBlank(get("amount")) ? get("annualValue") : get("amount");
    const pence = isBlank(amountCell) ? null : parseMoney(amountCell);
    if (pence !== null && pence <= 0) this.hit("zero-or-negative", row);
    const start = readDate(get("startDate"));
    const end = readDate(get("endDate"));
    if (start.ok && end.ok && start.date && end.date && start.date.getTime() > end.date.getTime())
      this.hit("start-after-end", row);
    const currency = get("currency");
    if (!isBlank(currency) && String(currency).trim().toUpperCase() !== "GBP")
      this.hit("not-gbp", row);
    if (!isBlank(get("toIndividuals"))) this.hit("to-individuals", row);
    if (!isBlank(get("regrantType"))) this.hit("regrant", row);
  }

  result(): QualityFinding[] {
    const s = this.seen;
    const words: Record<QualityCheck, { title: string; advice: string }> = {
      "duplicate-identifier": {
        title: `The same ${s("identifier")} appears on more than one row`,
        advice: "Check whether the grant is listed twice; both rows are classified and counted.",
      },
      "zero-or-negative": {
        title: `${s(this.mapped("amount") ? "amount" : "annualValue")} is £0 or less`,
        advice:
          "A negative amount is not classified; a £0 award is classified as a small grant. Check the amounts.",
      },
      "start-after-end": {
        title: `${s("startDate")} is after ${s("endDate")}`,
        advice: "The dates are not used for the term: check and correct them.",
      },
      "not-gbp": {
        title: `${s("currency")} is not GBP`,
        advice:
          "These rows are not classified: the framework's thresholds are in pounds. Convert the amounts to pounds.",
      },
      "to-individuals": {
        title: "Grants to individuals",
        advice:
          "Outside the framework, which is for funding of organisations: not classified, counted apart.",
      },
      regrant: {
        title: `Regrants (${s("regrantType")} is filled in)`,
        advice:
          "Flagged: the money is passed on to other organisations, so check it is not counted twice.",
      },
    };
    return QUALITY_CHECKS.filter((c) => this.found.has(c)).map((c) => {
      const f = this.found.get(c) as { count: number; rows: number[] };
      return { check: c, ...words[c], count: f.count, rows: [...f.rows].sort((a, b) => a - b) };
    });
  }
}
