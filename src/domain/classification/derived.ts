/**
 * Facts a published register does not state but which follow from what it does: the value per
 * year (the framework's thresholds are per year, 002 Table 2, 002:276-313), the term in years,
 * the financial year, the label to test for "grant" / "contract" / "SLA", and whether the award
 * was competed. Each is written beside the data as a column the user can see and correct.
 *
 * Dates are read as the registers publish them: ISO (2014-03-17, 2014-03-17T00:00:00Z) or UK
 * day-first (17/03/2014, 17-03-2014, 17.03.2014), or an Excel date serial. Pure; date-fns.
 */
import { addDays, differenceInCalendarDays, isExists, isValid, parseISO } from "date-fns";
import { mulDivRound, type Pence } from "../kernel/money";
import { isBlank, parseYesNo } from "../kernel/parse";
import { labelSaysContract, labelSaysGrant, labelSaysSla } from "./classify";

/** Average days in a month (365.25 / 12), to turn a span of days into whole months. */
const DAYS_PER_MONTH = 365.25 / 12;
/** Excel's serial 25569 is 1 January 1970; serials in this range are dates from 1954 to 2173. */
const EXCEL_EPOCH_SERIAL = 25569;
const SERIAL_RANGE = { min: 20000, max: 100000 } as const;
/**
 * UK day-first dates: 17/03/2014, 1/4/2013, 17-03-2014, 17.03.2014; a two-digit year is 20yy.
 * (A pattern and date-fns' isExists rather than date-fns' parse, which brings its locale and
 * every token parser into the task pane's start-up bundle.)
 */
const UK_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/;

/** A calendar date (no time of day), or null when blank; "bad" when the text is not a date. */
export type DateReading = { ok: true; date: Date | null } | { ok: false; text: string };

/**
 * Read a date as registers publish it. Day-first for slashes (UK), ISO for dashes starting with
 * the year; an Excel serial number; a JavaScript Date (from a spreadsheet reader).
 */
export function readDate(value: unknown): DateReading {
  if (isBlank(value)) return { ok: true, date: null };
  if (value instanceof Date)
    return isValid(value)
      ? {
          ok: true,
          date: new Date(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()),
        }
      : { ok: false, text: String(value) };
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < SERIAL_RANGE.min || value > SERIAL_RANGE.max)
      return { ok: false, text: String(value) };
    const utc = new Date((Math.floor(value) - EXCEL_EPOCH_SERIAL) * 86400000);
    return {
      ok: true,
      date: new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate()),
    };
  }
  const text = String(value).trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const d = parseISO(text.slice(0, 10));
    if (isValid(d)) return { ok: true, date: d };
  }
  const m = UK_DATE.exec(text);
  if (m) {
    const [day, month] = [Number(m[1]), Number(m[2])];
    const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    if (year > 1900 && isExists(year, month - 1, day))
      return { ok: true, date: new Date(year, month - 1, day) };
  }
  return { ok: false, text };
}

/** "17/03/2014": dates in UK style for messages and cells. */
export const ukDate = (d: Date): string =>
  `${String(d.getDate()).padStart(2, "0")}/${String(d.getMonth() + 1).padStart(2, "0")}/${d.getFullYear()}`;

/**
 * Whole months from start to end, both days included, to the nearest month (at least 1):
 * 01/04/2013 to 31/03/2014 is 12 months; 30/09/2013 to 03/10/2014 is 12.
 */
export function monthsBetween(start: Date, end: Date): number {
  const days = differenceInCalendarDays(addDays(end, 1), start);
  return Math.max(1, Math.round(days / DAYS_PER_MONTH));
}

/**
 * The financial year (April to March, as UK councils and the NHS keep their accounts) a date
 * falls in: 17/03/2014 is "2013/14", 01/04/2014 is "2014/15".
 */
export function financialYear(d: Date): string {
  const start = d.getMonth() >= 3 ? d.getFullYear() : d.getFullYear() - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

/**
 * Value per year of an award of `amount` pence over `months` months. An award longer than a year
 * is spread evenly: amount x 12 / months, to the penny (half up). An award of a year or less is
 * its own value for the year it falls in: a one-off £1,000 over 3 months is £1,000 in that year,
 * not £4,000 a year (the framework's test is the funding in a year, 002:320-322).
 */
export function annualPence(amount: Pence, months: number): Pence {
  if (months <= 12) return amount;
  return mulDivRound(amount, 12, Math.round(months));
}

/** How the annual value was worked out, in words for the "Annual value worked out" column. */
export type AnnualBasis =
  | { kind: "duration"; months: number }
  | { kind: "dates"; months: number; start: Date; end: Date }
  | { kind: "one-year" };

export function describeBasis(basis: AnnualBasis, amountColumn: string): string {
  if (basis.kind === "one-year")
    return `no duration or dates given, so ${amountColumn} is taken as one year's funding`;
  const spread =
    basis.months > 12
      ? `${amountColumn} x 12 / ${basis.months} months`
      : `${amountColumn} as awarded (${basis.months} month${basis.months === 1 ? "" : "s"}, a year or less)`;
  return basis.kind === "duration"
    ? `${spread}, from the duration`
    : `${spread}, from ${ukDate(basis.start)} to ${ukDate(basis.end)}`;
}

/** A phrase as a sentence: capital first letter, full stop. */
export const asSentence = (s: string): string => `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;

/**
 * The label to test for grant / contract / SLA (002:262): the title when it says one of them,
 * else the programme's title when it does, else the programme (or title) as it is.
 */
export function labelFrom(title: unknown, programme: unknown): string {
  const t = isBlank(title) ? "" : String(title).trim();
  const p = isBlank(programme) ? "" : String(programme).trim();
  const says = (s: string) => labelSaysGrant(s) || labelSaysContract(s) || labelSaysSla(s);
  if (says(t)) return t;
  if (says(p)) return p;
  return p || t;
}

/** "From An Open Call?" as competitively selected: Yes -> yes, No -> no, blank or other -> not known. */
export function competitiveFromOpenCall(value: unknown): boolean | null {
  const r = parseYesNo(value, "From An Open Call?");
  return r.ok ? r.value : null;
}
