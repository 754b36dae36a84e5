/**
 * Text as Excel reads it: the string constants inside a formula, and text written as a value that
 * Excel turns into a date or time. Browser-safe: no Node APIs.
 *
 * Three places where the double used to be more permissive than Excel (issue 11):
 *
 * 1. A string constant longer than 255 characters in a formula. Excel refuses the formula: typed,
 *    it answers "Text values in formulas are limited to 255 characters. To create text values
 *    longer than 255 characters in a formula, use the CONCATENATE function or the concatenation
 *    operator (&)"; written through the API, the write fails. Microsoft's "List of worksheet
 *    functions that support long strings"
 *    (https://learn.microsoft.com/office/vba/excel/concepts/events-worksheetfunctions-shapes/list-of-worksheet-functions-that-support-long-strings)
 *    names the only functions that take strings over 255 characters (from cells, not from
 *    constants); the limit on constants is Excel's own message above (no Microsoft reference page
 *    states it on its own; "Excel specifications and limits",
 *    https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3,
 *    gives the 8,192-character formula limit). The double imitates the API failure:
 *    InvalidArgument at the sync that writes it, as for any formula Excel cannot take.
 *
 * 2. Text written as a value is read as if typed (Excel.Range.values, "Represents the raw values
 *    of the specified range ... If the returned value starts with a plus ("+"), minus ("-"), or
 *    equal sign ("="), Excel interprets this value as a formula",
 *    https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values), so
 *    "10/90" or "1/2" becomes a date. Microsoft's Range.Formula reference
 *    (https://learn.microsoft.com/office/vba/api/excel.range.formula): "If you set the value or
 *    formula of a cell to a date, Microsoft Excel checks to see whether that cell is already
 *    formatted with one of the date or time number formats. If not, Microsoft Excel changes the
 *    number format to the default short date number format." A cell formatted as text ("@") keeps
 *    the text, as it keeps typed text. Dates are read in the workbook's locale: en-GB (day/month) by default, en-US (month/day)
 *    when asked for.
 *
 * 3. A doubled quote inside a string constant is one quote character (`="Say ""hi"""` is
 *    `Say "hi"`). Microsoft's formula grammar, [MS-XLSX] 2.2.2 "Formulas"
 *    (https://learn.microsoft.com/openspecs/office_standards/ms-xlsx/3d025add-118d-4413-9856-ab65712ec1b0),
 *    builds on ECMA-376 Part 1 §18.17.2, whose string-constant is `" [string-chars] "` with
 *    string-char `""` or any character except `"`: "To include a double-quote character (") in
 *    string-chars, precede it with another double-quote character". HyperFormula does not parse
 *    doubled quotes, so the formula given to it spells each one as CHAR(34).
 */

export type DateLocale = "en-GB" | "en-US";

/** Excel's limit on one string constant in a formula. */
export const MAX_FORMULA_STRING = 255;

interface Piece {
  kind: "text" | "string" | "sheet";
  /** The source text of the piece, quotes included. */
  source: string;
}

/**
 * Split a formula into string constants ("..."), quoted sheet names ('...') and everything else.
 * An unterminated constant runs to the end (HyperFormula then reports the parse error).
 */
function pieces(formula: string): Piece[] {
  const out: Piece[] = [];
  let text = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch !== '"' && ch !== "'") {
      text += ch;
      i++;
      continue;
    }
    if (text) out.push({ kind: "text", source: text });
    text = "";
    let j = i + 1;
    while (j < formula.length) {
      if (formula[j] === ch) {
        if (formula[j + 1] === ch) j += 2;
        else break;
      } else j++;
    }
    out.push({ kind: ch === '"' ? "string" : "sheet", source: formula.slice(i, j + 1) });
    i = j + 1;
  }
  if (text) out.push({ kind: "text", source: text });
  return out;
}

/** The value of a string constant's source ("Say ""hi""" -> Say "hi"). */
function constantValue(source: string): string {
  const inner = source.endsWith('"') && source.length > 1 ? source.slice(1, -1) : source.slice(1);
  return inner.replace(/""/g, '"');
}

/** The string constants of a formula, as values. */
export function formulaStrings(formula: string): string[] {
  return pieces(formula)
    .filter((p) => p.kind === "string")
    .map((p) => constantValue(p.source));
}

/** The first string constant over 255 characters, or null. */
export function tooLongString(formula: string): string | null {
  return formulaStrings(formula).find((s) => s.length > MAX_FORMULA_STRING) ?? null;
}

/**
 * The formula as HyperFormula can read it: each string constant holding doubled quotes is written
 * as ("part"&CHAR(34)&"part"), the same text. Formulas without doubled quotes are unchanged.
 */
export function toEngineFormula(formula: string): string {
  if (!formula.includes('""')) return formula;
  return pieces(formula)
    .map((p) => {
      if (p.kind !== "string" || !p.source.slice(1, -1).includes('""')) return p.source;
      const parts = constantValue(p.source).split('"');
      return `(${parts.map((s) => `"${s}"`).join("&CHAR(34)&")})`;
    })
    .join("");
}

/** Undo toEngineFormula on a formula HyperFormula gives back (after a sheet rename). */
export function fromEngineFormula(formula: string): string {
  if (!formula.includes("CHAR(34)")) return formula;
  return formula.replace(/\(("[^"]*"(?:&CHAR\(34\)&"[^"]*")+)\)/g, (_m, inner: string) => {
    const parts = inner.split("&CHAR(34)&").map((s) => s.slice(1, -1).replace(/"/g, '""'));
    return `"${parts.join('""')}"`;
  });
}

// ---------------------------------------------------------------- dates and times typed as text

/** Excel's serial number of a date (1900 system, with its 29 February 1900). */
export function dateSerial(year: number, month: number, day: number): number {
  const utc = Date.UTC(year, month - 1, day);
  const serial = Math.round((utc - Date.UTC(1899, 11, 31)) / 86400000);
  return serial >= 60 ? serial + 1 : serial;
}

function validDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/** A typed year: two digits 00-29 are 2000-2029, 30-99 are 1930-1999 (Excel's default cut-off). */
function fullYear(text: string): number {
  const n = Number(text);
  if (text.length <= 2) return n < 30 ? 2000 + n : 1900 + n;
  return n;
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** 1-12 for a month's name or its first three letters ("Feb", "february"; "Sept" too); 0 otherwise. */
function monthOf(name: string): number {
  const lower = name.toLowerCase();
  const i = MONTHS.findIndex(
    (m) => lower === m || lower === m.slice(0, 3) || (m === "september" && lower === "sept")
  );
  return i + 1;
}

export interface TypedDate {
  serial: number;
  /** The number format Excel gives the cell when it was General. */
  format: string;
}

/**
 * Text Excel reads as a date or time when typed (or written as a value): "1/2", "10/90",
 * "01/04/2024", "2024-04-01", "1 Feb", "Feb 2024", "1-Feb-24", "10:30", "10:30:15". null for
 * anything else. `today` gives the year for a day and month without one.
 */
export function parseTypedDate(
  text: string,
  locale: DateLocale = "en-GB",
  today: Date = new Date()
): TypedDate | null {
  const t = text.trim();
  if (t === "" || t.length > 40) return null;
  const thisYear = today.getFullYear();
  const dayFirst = locale === "en-GB";
  const shortDate = dayFirst ? "dd/mm/yyyy" : "m/d/yyyy";

  let m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (m) {
    const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    if (h > 23 || min > 59 || s > 59) return null;
    return { serial: (h * 3600 + min * 60 + s) / 86400, format: m[3] ? "h:mm:ss" : "h:mm" };
  }
  // Three numbers: day/month/year (en-GB) or month/day/year (en-US); or ISO year-month-day.
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDate(y, mo, d) ? { serial: dateSerial(y, mo, d), format: shortDate } : null;
  }
  m = /^(\d{1,2})([/-])(\d{1,2})\2(\d{2}|\d{4})$/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = fullYear(m[4]);
    const [d, mo] = dayFirst ? [a, b] : [b, a];
    return validDate(y, mo, d) ? { serial: dateSerial(y, mo, d), format: shortDate } : null;
  }
  // Two numbers: a day and month of this year, else a month and year ("10/90" is October 1990).
  m = /^(\d{1,2})([/-])(\d{1,4})$/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const [d, mo] = dayFirst ? [a, b] : [b, a];
    if (m[3].length <= 2 && validDate(thisYear, mo, d))
      return { serial: dateSerial(thisYear, mo, d), format: "dd-mmm" };
    const y = fullYear(m[3]);
    if (m[3].length !== 3 && validDate(y, a, 1))
      return { serial: dateSerial(y, a, 1), format: "mmm-yy" };
    return null;
  }
  // With a month name: "1 Feb", "1-Feb-24", "1 February 2024", "Feb 2024", "Feb-24".
  m = /^(\d{1,2})[ -]([A-Za-z]{3,9})(?:[ -](\d{2}|\d{4}))?$/.exec(t);
  if (m) {
    const mo = monthOf(m[2]);
    const y = m[3] ? fullYear(m[3]) : thisYear;
    const d = Number(m[1]);
    if (!mo || !validDate(y, mo, d)) return null;
    return { serial: dateSerial(y, mo, d), format: m[3] ? "dd-mmm-yy" : "dd-mmm" };
  }
  m = /^([A-Za-z]{3,9})[ -](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const mo = monthOf(m[1]);
    const n = Number(m[2]);
    if (!mo) return null;
    // "Feb 12" is 12 February this year; "Feb 2024" / "Feb 90" a month.
    if (m[2].length === 2 && validDate(thisYear, mo, n) && n <= 31 && !dayFirst)
      return { serial: dateSerial(thisYear, mo, n), format: "dd-mmm" };
    const y = fullYear(m[2]);
    return validDate(y, mo, 1) ? { serial: dateSerial(y, mo, 1), format: "mmm-yy" } : null;
  }
  return null;
}
