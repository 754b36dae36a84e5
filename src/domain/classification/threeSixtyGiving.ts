/**
 * 360Giving JSON as a table with the standard's spreadsheet column titles.
 *
 * The 360Giving Data Standard publishes grants as JSON (a "grants" array of nested objects) or as
 * a spreadsheet whose columns are the JSON paths written as titles joined by ":" --
 * `recipientOrganization[0].name` is "Recipient Org:Name", `plannedDates[0].duration` is
 * "Planned Dates:Duration (months)". Finance staff know the titles (GrantNav and every
 * published spreadsheet use them), so a JSON file is flattened to the same titles and then read
 * exactly like a spreadsheet. Older publications (GrantNav's 2016 sample data) use a few variant
 * keys ("Planned Dates": {"Duration months"}, "From an open call"); they map to the same titles.
 *
 * Pure: JSON in, rows out.
 */
import type { CellValue } from "./registerTable";

/** Objects (the first item of each array) and their spreadsheet titles. */
const OBJECT_TITLES: Record<string, string> = {
  recipientOrganization: "Recipient Org",
  recipientIndividual: "Recipient Ind",
  fundingOrganization: "Funding Org",
  grantProgramme: "Grant Programme",
  plannedDates: "Planned Dates",
  "Planned Dates": "Planned Dates",
  actualDates: "Actual Dates",
  beneficiaryLocation: "Beneficiary Location",
  "Recipient Org Beneficiary Location": "Recipient Org Beneficiary Location",
  toIndividualsDetails: "To Individuals Details",
  classifications: "Classifications",
};

/** Fields and their spreadsheet titles (at the top level, or inside any object above). */
const FIELD_TITLES: Record<string, string> = {
  id: "Identifier",
  title: "Title",
  description: "Description",
  currency: "Currency",
  amountAwarded: "Amount Awarded",
  amountAppliedFor: "Amount Applied For",
  amountDisbursed: "Amount Disbursed",
  awardDate: "Award Date",
  dateModified: "Last Modified",
  url: "URL",
  dataSource: "Data Source",
  fromOpenCall: "From An Open Call?",
  "From an open call": "From An Open Call?",
  regrantType: "For Regrant Type",
  forRegrantType: "For Regrant Type",
  startDate: "Start Date",
  endDate: "End Date",
  duration: "Duration (months)",
  "Duration months": "Duration (months)",
  name: "Name",
  charityNumber: "Charity Number",
  companyNumber: "Company Number",
  postalCode: "Postal Code",
  streetAddress: "Street Address",
  addressLocality: "City",
  addressRegion: "Region",
  addressCountry: "Country",
  department: "Department",
  code: "Code",
  geoCode: "Geographic Code",
  geoCodeType: "Geographic Code Type",
  countryCode: "Country Code",
  primaryGrantReason: "Primary Grant Reason",
  secondaryGrantReason: "Secondary Grant Reason",
  grantPurpose: "Grant Purpose",
};

/** "amountAppliedFor" -> "Amount Applied For" for keys the table above does not know. */
function titleCase(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/_/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

const fieldTitle = (key: string) => FIELD_TITLES[key] ?? titleCase(key);
const objectTitle = (key: string) => OBJECT_TITLES[key] ?? titleCase(key);

function cell(value: unknown): CellValue {
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (value === null || value === undefined) return "";
  return String(value);
}

/**
 * One grant as title -> value. Nested objects give "Parent:Child" titles; for arrays of objects
 * the first item gives the titles and later items "Parent:Child (2)", "(3)"; arrays of plain
 * values are joined with "; ".
 */
export function flattenGrant(grant: Record<string, unknown>): Map<string, CellValue> {
  const out = new Map<string, CellValue>();
  const put = (title: string, value: unknown) => {
    if (Array.isArray(value)) {
      if (value.every((v) => v === null || typeof v !== "object"))
        out.set(title, value.map((v) => String(v ?? "")).join("; "));
      return;
    }
    if (value !== null && typeof value === "object") return;
    out.set(title, cell(value));
  };
  const walk = (prefix: string, obj: Record<string, unknown>, suffix: string) => {
    for (const [key, value] of Object.entries(obj)) {
      const nested =
        value !== null &&
        typeof value === "object" &&
        (!Array.isArray(value) || value.some((v) => v !== null && typeof v === "object"));
      if (!nested) {
        const title = prefix ? `${prefix}:${fieldTitle(key)}` : fieldTitle(key);
        put(`${title}${suffix}`, value);
        continue;
      }
      const inner = `${prefix}${prefix ? ":" : ""}${objectTitle(key)}`;
      const items = Array.isArray(value) ? value : [value];
      items.forEach((item, i) => {
        if (item === null || typeof item !== "object" || Array.isArray(item)) return;
        walk(inner, item as Record<string, unknown>, i === 0 ? suffix : ` (${i + 1})`);
      });
    }
  };
  walk("", grant, "");
  return out;
}

/** The order of the standard's spreadsheet template; other titles follow in the order first met. */
const TITLE_ORDER = [
  "Identifier",
  "Title",
  "Description",
  "Currency",
  "Amount Awarded",
  "Amount Applied For",
  "Amount Disbursed",
  "Award Date",
  "Planned Dates:Start Date",
  "Planned Dates:End Date",
  "Planned Dates:Duration (months)",
  "Recipient Org:Identifier",
  "Recipient Org:Name",
  "Recipient Org:Charity Number",
  "Recipient Org:Company Number",
  "Recipient Org:Postal Code",
  "Recipient Ind:Identifier",
  "Recipient Ind:Name",
  "To Individuals Details:Primary Grant Reason",
  "To Individuals Details:Grant Purpose",
  "Funding Org:Identifier",
  "Funding Org:Name",
  "Funding Org:Department",
  "Grant Programme:Title",
  "Beneficiary Location:Name",
  "From An Open Call?",
  "For Regrant Type",
];

export type ThreeSixtyGivingResult =
  { ok: true; headers: string[]; rows: CellValue[][] } | { ok: false; message: string };

/**
 * A 360Giving JSON document (already parsed) as headers and rows. Refuses, in plain words, a
 * document that is not a 360Giving grants file.
 */
export function threeSixtyGivingTable(doc: unknown): ThreeSixtyGivingResult {
  const grants =
    doc !== null && typeof doc === "object" && !Array.isArray(doc)
      ? (doc as Record<string, unknown>).grants
      : undefined;
  if (!Array.isArray(grants))
    return {
      ok: false,
      message:
        'This JSON file is not a 360Giving grants file: it has no "grants" list. Download the file from GrantNav or the funder\'s 360Giving publication.',
    };
  const flat = grants
    .filter((g): g is Record<string, unknown> => g !== null && typeof g === "object")
    .map(flattenGrant);
  const seen = new Set<string>();
  for (const f of flat) for (const k of f.keys()) seen.add(k);
  const known = TITLE_ORDER.filter((t) => seen.has(t));
  const headers = [...known, ...[...seen].filter((t) => !TITLE_ORDER.includes(t))];
  return { ok: true, headers, rows: flat.map((f) => headers.map((h) => f.get(h) ?? "")) };
}
