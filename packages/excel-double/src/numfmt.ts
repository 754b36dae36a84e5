/**
 * A small Excel number-format renderer, for `range.text` and the TEXT function in the double.
 * Supports: General, "@", sections (positive;negative;zero;text), quoted literals, backslash
 * escapes, [Red]-style colours (ignored), [$£-809] currency tags, "_x" padding (a space), "*x"
 * fills (dropped), 0 # ? placeholders, thousands separators, scaling commas, percent, and dates
 * and times (d dd ddd dddd m mm mmm mmmm yy yyyy h hh mm ss AM/PM) on Excel serial numbers.
 * Not supported: scientific notation in custom formats, fractions, conditions like [>100].
 * Browser-safe: no Node APIs.
 */

export type CellScalar = number | string | boolean;

/** Excel's General format: up to 11 characters for numbers, TRUE/FALSE for booleans. */
export function formatGeneral(value: CellScalar): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return "#NUM!";
  if (Number.isInteger(value) && Math.abs(value) < 1e11) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1e11 || (abs !== 0 && abs < 1e-9)) {
    const s = value
      .toExponential(5)
      .replace(/\.?0+e/, "e")
      .replace("e+", "E+")
      .replace("e-", "E-");
    return s.replace(/E([+-])(\d)$/, "E$10$2");
  }
  const intDigits = abs >= 1 ? Math.floor(Math.log10(abs)) + 1 : 1;
  const decimals = Math.max(0, 10 - intDigits - (value < 0 ? 1 : 0));
  return String(Number(value.toFixed(Math.min(decimals, 20))));
}

function splitSections(format: string): string[] {
  const out: string[] = [];
  let cur = "";
  let inQuote = false;
  let inBracket = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === "\\" && !inQuote) {
      cur += ch + (format[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === '"') inQuote = !inQuote;
    else if (!inQuote && ch === "[") inBracket = true;
    else if (!inQuote && ch === "]") inBracket = false;
    if (ch === ";" && !inQuote && !inBracket) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

type Token =
  | { kind: "lit"; text: string }
  | { kind: "num"; text: string }
  | { kind: "date"; text: string }
  | { kind: "at" };

function tokenize(section: string): { tokens: Token[]; percent: number; isDate: boolean } {
  const tokens: Token[] = [];
  let percent = 0;
  let isDate = false;
  const lit = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last && last.kind === "lit") last.text += text;
    else tokens.push({ kind: "lit", text });
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      lit(section.slice(i + 1, stop));
      i = stop;
    } else if (ch === "\\") {
      lit(section[i + 1] ?? "");
      i++;
    } else if (ch === "[") {
      const end = section.indexOf("]", i);
      const inner = section.slice(i + 1, end < 0 ? section.length : end);
      if (inner.startsWith("$")) lit(inner.slice(1).split("-")[0]);
      i = end < 0 ? section.length : end;
    } else if (ch === "_") {
      lit(" ");
      i++;
    } else if (ch === "*") {
      i++;
    } else if (ch === "%") {
      percent++;
      lit("%");
    } else if (ch === "@") {
      tokens.push({ kind: "at" });
    } else if ("0#?,.".includes(ch)) {
      let j = i;
      while (j < section.length && "0#?,.".includes(section[j])) j++;
      const last = tokens[tokens.length - 1];
      if (last && last.kind === "num") last.text += section.slice(i, j);
      else tokens.push({ kind: "num", text: section.slice(i, j) });
      i = j - 1;
    } else if (/[dmyhsDMYHS]/.test(ch)) {
      let j = i;
      while (j < section.length && section[j].toLowerCase() === ch.toLowerCase()) j++;
      tokens.push({ kind: "date", text: section.slice(i, j).toLowerCase() });
      isDate = true;
      i = j - 1;
    } else if (/^(AM\/PM|A\/P)/i.test(section.slice(i))) {
      const m = /^(AM\/PM|A\/P)/i.exec(section.slice(i))!;
      tokens.push({ kind: "date", text: m[1].toLowerCase() });
      isDate = true;
      i += m[1].length - 1;
    } else {
      lit(ch);
    }
  }
  return { tokens, percent, isDate };
}

function roundHalfAway(abs: number, decimals: number): string {
  const shifted = Number(`${abs}e${decimals}`);
  const rounded = Math.round(shifted + 1e-9 * Math.sign(shifted));
  return (Number(`${rounded}e-${decimals}`) || 0).toFixed(decimals);
}

function renderNumberPattern(abs: number, pattern: string): string {
  // Scaling commas: commas straight after the last digit placeholder divide by 1,000 each.
  let p = pattern;
  while (p.endsWith(",")) {
    abs /= 1000;
    p = p.slice(0, -1);
  }
  const dot = p.indexOf(".");
  const intPat = dot < 0 ? p : p.slice(0, dot);
  const decPat = dot < 0 ? "" : p.slice(dot + 1).replace(/,/g, "");
  const thousands = intPat.includes(",");
  const intDigitsPat = intPat.replace(/,/g, "");
  const decimals = (decPat.match(/[0#?]/g) ?? []).length;
  const minDecimals = (decPat.match(/0/g) ?? []).length;
  const minInt = (intDigitsPat.match(/0/g) ?? []).length;
  const fixed = roundHalfAway(abs, decimals);
  let [intPart, decPart = ""] = fixed.split(".");
  if (intPart === "0" && minInt === 0) intPart = "";
  while (intPart.length < minInt) intPart = "0" + intPart;
  if (thousands) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  while (decPart.length > minDecimals && decPart.endsWith("0")) decPart = decPart.slice(0, -1);
  return dot < 0 ? intPart : `${intPart}.${decPart}`;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Excel serial (1900 date system) to calendar parts, UTC. */
export function serialToDate(serial: number): {
  y: number;
  m: number;
  d: number;
  dow: number;
  h: number;
  min: number;
  s: number;
} {
  let days = Math.floor(serial);
  const frac = serial - days;
  let y: number, m: number, d: number, dow: number;
  if (days === 60) {
    y = 1900;
    m = 2;
    d = 29;
    dow = 3;
  } else {
    if (days < 60) days += 1; // Excel's fictional 29 Feb 1900
    const date = new Date(Date.UTC(1899, 11, 30) + days * 86400000);
    y = date.getUTCFullYear();
    m = date.getUTCMonth() + 1;
    d = date.getUTCDate();
    dow = date.getUTCDay();
  }
  let secs = Math.round(frac * 86400);
  const h = Math.floor(secs / 3600);
  secs -= h * 3600;
  const min = Math.floor(secs / 60);
  return { y, m, d, dow, h, min, s: secs - min * 60 };
}

function renderDate(value: number, tokens: Token[]): string {
  const t = serialToDate(value);
  const hasAmPm = tokens.some((k) => k.kind === "date" && (k.text === "am/pm" || k.text === "a/p"));
  const pad = (n: number) => String(n).padStart(2, "0");
  let out = "";
  tokens.forEach((tok, idx) => {
    if (tok.kind === "lit") out += tok.text;
    else if (tok.kind === "num") out += tok.text.replace(/[#?]/g, "");
    else if (tok.kind === "date") {
      const c = tok.text;
      const prevDate = tokens
        .slice(0, idx)
        .reverse()
        .find((k) => k.kind === "date");
      const nextDate = tokens.slice(idx + 1).find((k) => k.kind === "date");
      const isMinute =
        c[0] === "m" &&
        c.length <= 2 &&
        ((prevDate && prevDate.text[0] === "h") || (nextDate && nextDate.text[0] === "s"));
      const hour12 = hasAmPm ? ((t.h + 11) % 12) + 1 : t.h;
      if (isMinute) out += c.length === 2 ? pad(t.min) : String(t.min);
      else if (c[0] === "y") out += c.length <= 2 ? pad(t.y % 100) : String(t.y);
      else if (c[0] === "m")
        out +=
          c.length === 1
            ? String(t.m)
            : c.length === 2
              ? pad(t.m)
              : c.length === 3
                ? MONTHS[t.m - 1].slice(0, 3)
                : c.length === 5
                  ? MONTHS[t.m - 1][0]
                  : MONTHS[t.m - 1];
      else if (c[0] === "d")
        out +=
          c.length === 1
            ? String(t.d)
            : c.length === 2
              ? pad(t.d)
              : c.length === 3
                ? DAYS[t.dow].slice(0, 3)
                : DAYS[t.dow];
      else if (c[0] === "h") out += c.length >= 2 ? pad(hour12) : String(hour12);
      else if (c[0] === "s") out += c.length >= 2 ? pad(t.s) : String(t.s);
      else if (c === "am/pm") out += t.h < 12 ? "AM" : "PM";
      else if (c === "a/p") out += t.h < 12 ? "A" : "P";
    }
  });
  return out;
}

function renderSection(value: number, section: string, withSign: boolean): string {
  const { tokens, percent, isDate } = tokenize(section);
  if (isDate) return value < 0 ? "#".repeat(10) : renderDate(value, tokens);
  let abs = Math.abs(value) * Math.pow(100, percent);
  const numTokens = tokens.filter((t): t is { kind: "num"; text: string } => t.kind === "num");
  if (numTokens.length === 0) {
    const text = tokens.map((t) => (t.kind === "lit" ? t.text : "")).join("");
    return (withSign && value < 0 ? "-" : "") + text;
  }
  const pattern = numTokens.map((t) => t.text).join("");
  let rendered = renderNumberPattern(abs, pattern);
  if (
    /^[0.,]*$/.test(rendered.replace(/[^0-9.,]/g, "")) &&
    Number(rendered.replace(/,/g, "")) === 0
  )
    abs = 0;
  let out = "";
  let placed = false;
  for (const tok of tokens) {
    if (tok.kind === "lit") out += tok.text;
    else if (tok.kind === "num" && !placed) {
      out += rendered;
      placed = true;
      rendered = "";
    }
  }
  return (withSign && value < 0 && abs !== 0 ? "-" : "") + out;
}

/** Render a cell value with an Excel number format, as the cell would display it. */
export function formatValue(value: CellScalar, format: string | null | undefined): string {
  const fmt = format ?? "General";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") {
    if (/^#[A-Z/0!?]+[!?A]?$/.test(value)) return value;
    const sections = splitSections(fmt);
    const textSection = sections.length >= 4 ? sections[3] : sections.find((s) => s.includes("@"));
    if (!textSection) return value;
    const { tokens } = tokenize(textSection);
    return tokens.map((t) => (t.kind === "at" ? value : t.kind === "lit" ? t.text : "")).join("");
  }
  if (fmt === "" || /^general$/i.test(fmt) || fmt === "@") return formatGeneral(value);
  const sections = splitSections(fmt);
  if (value > 0 || sections.length === 1 || (value === 0 && sections.length < 3)) {
    const section = sections[0];
    if (/^general$/i.test(section.trim())) return formatGeneral(value);
    return renderSection(value, section, sections.length === 1);
  }
  if (value < 0) return renderSection(value, sections[1], false);
  return renderSection(value, sections[2], false);
}
