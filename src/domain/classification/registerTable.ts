/**
 * A register read from a file (CSV, Excel, 360Giving JSON) as a table: where its header row is,
 * which cells are numbers, and the derived columns written beside it -- annual value, how it was
 * worked out, term in years, financial year, label, competitively selected, and empty columns for
 * the per-row answers the data cannot give (outputs specified, recipient tier).
 *
 * Pure: rows in, rows out. The same derivation (deriveRow) serves a register already in the
 * workbook, at classification time.
 */
import { isBlank, parseNumber } from "../kernel/parse";
import { parseMoney, toPounds, type Pence } from "../kernel/money";
import {
  annualPence,
  asSentence,
  competitiveFromOpenCall,
  describeBasis,
  financialYear,
  labelFrom,
  monthsBetween,
  readDate,
  type AnnualBasis,
} from "./derived";
import {
  normaliseHeader,
  REGISTER_FIELDS,
  type ColumnMapping,
  type RegisterField,
} from "./register";

export type CellValue = string | number | boolean;

/** Rows looked at for the header row: a title and a few notes above the headers are common. */
const HEADER_SEARCH_ROWS = 20;

let knownHeaders: Set<string> | null = null;
/** Every header a field recognises (built on first use: register.ts imports this module too). */
const isKnownHeader = (cell: unknown): boolean => {
  knownHeaders ??= new Set(REGISTER_FIELDS.flatMap((f) => f.synonyms.map(normaliseHeader)));
  return knownHeaders.has(normaliseHeader(cell));
};

/** Where the header row is, and the rows skipped above it (a title, notes, blank rows). */
export type HeaderRow = { index: number; skipped: number };

/**
 * The header row of a sheet's rows: among the first rows, the one naming the most known columns
 * (Amount Awarded, Organisation ...); when none names any, the first row as wide as the widest
 * row (a title sits alone in its first cell). Blank rows are never the header.
 */
export function findHeaderRow(rows: readonly (readonly unknown[])[]): HeaderRow {
  const look = rows.slice(0, HEADER_SEARCH_ROWS);
  const filled = (r: readonly unknown[]) => r.filter((c) => !isBlank(c)).length;
  let best = -1;
  let bestKnown = 0;
  look.forEach((r, i) => {
    const known = r.filter(isKnownHeader).length;
    if (known > bestKnown) {
      best = i;
      bestKnown = known;
    }
  });
  if (best < 0) {
    const widest = Math.max(0, ...look.map(filled));
    best = Math.max(
      0,
      look.findIndex(
        (r) => filled(r) > 0 && filled(r) >= Math.min(2, widest) && filled(r) === widest
      )
    );
  }
  return { index: best, skipped: best };
}

/** Headers that read as identifiers or codes: always kept as text ("01234" keeps its zero). */
const TEXT_HEADER = /identifier|number|code|post ?code|\bid\b|reference|phone/i;
const PLAIN_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/**
 * Rows from a CSV (all text) with numbers as numbers where a whole column holds plain numbers
 * ("50000.0", "12"), so amounts add up in Excel; identifier columns and anything with a leading
 * zero stay text.
 */
export function typeColumns(headers: readonly string[], rows: CellValue[][]): CellValue[][] {
  const numeric = headers.map(
    (h, c) =>
      !TEXT_HEADER.test(h) &&
      rows.some((r) => !isBlank(r[c])) &&
      rows.every((r) => {
        const v = r[c];
        return isBlank(v) || typeof v === "number" || PLAIN_NUMBER.test(String(v).trim());
      })
  );
  return rows.map((r) =>
    r.map((v, c) => (numeric[c] && typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v))
  );
}

/**
 * Headers and rows from the raw rows of a sheet or CSV: the header row found, rows above it and
 * blank rows dropped, every row as wide as the header, empty headers named by column.
 */
export function tableFromRows(raw: readonly (readonly unknown[])[]): {
  headers: string[];
  rows: CellValue[][];
  header: HeaderRow;
} {
  const header = findHeaderRow(raw);
  const headerCells = raw[header.index] ?? [];
  let width = headerCells.length;
  while (width > 0 && isBlank(headerCells[width - 1])) width--;
  const headers = Array.from({ length: width }, (_, c) =>
    isBlank(headerCells[c]) ? `Column ${c + 1}` : String(headerCells[c]).trim()
  );
  const rows = raw
    .slice(header.index + 1)
    .filter((r) => r.some((c) => !isBlank(c)))
    .map((r) =>
      Array.from({ length: width }, (_, c) => {
        const v = r[c];
        return typeof v === "number" || typeof v === "boolean"
          ? v
          : v === null || v === undefined
            ? ""
            : String(v);
      })
    );
  return { headers, rows: typeColumns(headers, rows), header };
}

// --- derived facts --------------------------------------------------------------------------

/** The derived columns' headers, as the user sees them in the register. */
export const DERIVED_HEADERS = {
  annualValue: "Annual value (£)",
  basis: "Annual value worked out",
  termYears: "Term (years)",
  financialYear: "Financial year",
  label: "Label",
  competitive: "Competitively selected",
  outputs: "Outputs specified",
  tier: "Recipient tier",
} as const;

/** What the row's cells say, by field (the mapped column's cell, or null). */
export type FieldReader = (field: RegisterField) => unknown;

/** A problem with a cell the derivation reads, in the user's words (the column as they see it). */
export type DerivedProblem = { field: RegisterField; message: string };

export type DerivedRow = {
  annual: { pence: Pence; basis: AnnualBasis } | null;
  months: number | null;
  financialYear: string | null;
  label: string | null;
  competitive: boolean | null;
  problem: DerivedProblem | null;
};

/** "12 months", "2 years", "1 yr", "18m", "one year", or a number of months. */
export function monthsFromPeriod(value: unknown): number | null {
  if (isBlank(value)) return null;
  if (typeof value === "number") return value > 0 ? value : null;
  const s = String(value).trim().toLowerCase();
  const words: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
  const m = /^(\d+(?:\.\d+)?|one|two|three|four|five|six)\s*(months?|m|mths?|years?|yrs?|y)$/.exec(
    s
  );
  if (!m) return null;
  const n = words[m[1]] ?? Number(m[1]);
  return m[2].startsWith("y") ? n * 12 : n;
}

/**
 * Derive the facts of one row. `columnName` names a field's column as the user sees it (for
 * the basis text and problems). The months come from the duration, else the time period, else
 * the start and end dates; with none, the amount is taken as one year's funding.
 */
export function deriveRow(get: FieldReader, columnName: (f: RegisterField) => string): DerivedRow {
  const out: DerivedRow = {
    annual: null,
    months: null,
    financialYear: null,
    label: null,
    competitive: null,
    problem: null,
  };
  const fail = (field: RegisterField, message: string) => {
    out.problem = out.problem ?? { field, message };
  };
  const start = readDate(get("startDate"));
  const end = readDate(get("endDate"));
  const award = readDate(get("awardDate"));
  if (!start.ok)
    fail(
      "startDate",
      `${columnName("startDate")} is "${start.text}": enter a date such as 17/03/2014 or 2014-03-17`
    );
  if (!end.ok)
    fail(
      "endDate",
      `${columnName("endDate")} is "${end.text}": enter a date such as 17/03/2014 or 2014-03-17`
    );
  if (!award.ok)
    fail(
      "awardDate",
      `${columnName("awardDate")} is "${award.text}": enter a date such as 17/03/2014 or 2014-03-17`
    );
  const s = start.ok ? start.date : null;
  const e = end.ok ? end.date : null;

  const duration = parseNumber(get("termMonths"), "months", { min: 0 });
  let basis: Exclude<AnnualBasis, { kind: "one-year" }> | null = null;
  if (duration.ok && duration.value !== null && duration.value > 0)
    basis = { kind: "duration", months: duration.value };
  else if (!duration.ok)
    fail(
      "termMonths",
      `${columnName("termMonths")} is "${String(get("termMonths"))}": enter a number of months, e.g. 12`
    );
  if (!basis) {
    const period = monthsFromPeriod(get("timePeriod"));
    if (period !== null) basis = { kind: "duration", months: period };
  }
  if (!basis && s && e && e.getTime() >= s.getTime())
    basis = { kind: "dates", months: monthsBetween(s, e), start: s, end: e };
  out.months = basis ? basis.months : null;

  const amount = get("amount");
  if (!isBlank(amount)) {
    const pence = parseMoney(amount);
    if (pence === null)
      fail(
        "amount",
        `${columnName("amount")} is "${String(amount)}": enter an amount in pounds, e.g. 12000 or £12,000.50`
      );
    else {
      const b: AnnualBasis = basis ?? { kind: "one-year" };
      out.annual = {
        pence: b.kind === "one-year" ? pence : annualPence(pence, b.months),
        basis: b,
      };
    }
  }
  const when = s ?? (award.ok ? award.date : null);
  out.financialYear = when ? financialYear(when) : null;
  const label = labelFrom(get("title"), get("programme"));
  out.label = label === "" ? null : label;
  out.competitive = competitiveFromOpenCall(get("openCall"));
  return out;
}

/** A derived column: its header, the field it feeds, and its cells. */
export type DerivedColumn = {
  header: string;
  field: RegisterField | null;
  kind: "money" | "number" | "text";
  cells: CellValue[];
};

/** The fields each derived column feeds (null: shown, not read). */
const DERIVED_FIELD: Record<keyof typeof DERIVED_HEADERS, RegisterField | null> = {
  annualValue: "annualValue",
  basis: null,
  termYears: "termYears",
  financialYear: "financialYear",
  label: "currentLabel",
  competitive: "competitivelySelected",
  outputs: "outputsSpecified",
  tier: "recipientTier",
};

/**
 * Does this mapping need the derived columns? When the register gives the whole award (Amount
 * Awarded) and no value per year.
 */
export function needsDerivedColumns(mapping: ColumnMapping): boolean {
  return mapping.amount !== undefined && mapping.annualValue === undefined;
}

/**
 * The derived columns for a register, for the fields the mapping does not already have a
 * column for. Cells are blank where the data does not allow a value (no amount, no dates).
 */
export function deriveColumns(
  headers: readonly string[],
  rows: readonly (readonly unknown[])[],
  mapping: ColumnMapping
): DerivedColumn[] {
  const name = (f: RegisterField) => {
    const c = mapping[f];
    return c === undefined ? f : headers[c] || f;
  };
  const derived = rows.map((r) =>
    deriveRow((f) => (mapping[f] === undefined ? null : r[mapping[f] as number]), name)
  );
  const want = (key: keyof typeof DERIVED_HEADERS): boolean => {
    const field = DERIVED_FIELD[key];
    if (key === "basis") return mapping.annualValue === undefined;
    if (field && mapping[field] !== undefined) return false;
    if (key === "financialYear")
      return mapping.startDate !== undefined || mapping.awardDate !== undefined;
    if (key === "label") return mapping.title !== undefined || mapping.programme !== undefined;
    if (key === "competitive") return mapping.openCall !== undefined;
    return true;
  };
  const column = (
    key: keyof typeof DERIVED_HEADERS,
    kind: DerivedColumn["kind"],
    cell: (d: DerivedRow) => CellValue
  ): DerivedColumn => ({
    header: DERIVED_HEADERS[key],
    field: DERIVED_FIELD[key],
    kind,
    cells: derived.map(cell),
  });
  const all: DerivedColumn[] = [
    column("annualValue", "money", (d) => (d.annual ? toPounds(d.annual.pence) : "")),
    column("basis", "text", (d) =>
      d.problem
        ? d.problem.message
        : d.annual
          ? asSentence(describeBasis(d.annual.basis, name("amount")))
          : ""
    ),
    column("termYears", "number", (d) =>
      d.months === null ? "" : Math.round((d.months / 12) * 100) / 100
    ),
    column("financialYear", "text", (d) => d.financialYear ?? ""),
    column("label", "text", (d) => d.label ?? ""),
    column("competitive", "text", (d) =>
      d.competitive === null ? "" : d.competitive ? "yes" : "no"
    ),
    column("outputs", "text", () => ""),
    column("tier", "text", () => ""),
  ];
  const keys = Object.keys(DERIVED_HEADERS) as (keyof typeof DERIVED_HEADERS)[];
  return all.filter((_, i) => want(keys[i]));
}

/** The mapping once the derived columns sit from column `first` onward. */
export function mappingWithDerived(
  mapping: ColumnMapping,
  columns: readonly DerivedColumn[],
  first: number
): ColumnMapping {
  const next: ColumnMapping = { ...mapping };
  columns.forEach((c, i) => {
    if (c.field && next[c.field] === undefined) next[c.field] = first + i;
  });
  return next;
}

/**
 * A table read from a file with its derived columns appended (when the mapping detected from its
 * headers calls for them): the headers, the rows, and the derived columns' headers.
 */
export function withDerivedColumns(
  headers: readonly string[],
  rows: readonly (readonly CellValue[])[],
  detect: (headers: readonly string[]) => ColumnMapping
): { headers: string[]; rows: CellValue[][]; derived: string[] } {
  const mapping = detect(headers);
  if (!needsDerivedColumns(mapping))
    return { headers: [...headers], rows: rows.map((r) => [...r]), derived: [] };
  const taken = new Set(headers.map(normaliseHeader));
  const columns = deriveColumns(headers, rows, mapping).filter(
    (c) => !taken.has(normaliseHeader(c.header))
  );
  return {
    headers: [...headers, ...columns.map((c) => c.header)],
    rows: rows.map((r, i) => [...r, ...columns.map((c) => c.cells[i])]),
    derived: columns.map((c) => c.header),
  };
}
