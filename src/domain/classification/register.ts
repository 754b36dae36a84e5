/**
 * The funding register: a table of payments to VCS organisations, one row per service or award
 * (DOMAIN.md section 2; 002:243 "about 400 organisations, over 1,100 services"). This module maps
 * its columns by header (with synonyms and the 360Giving names, DOMAIN.md section 6), infers
 * "outputs specified" from the label when asked, and classifies every row with the engine's
 * classify(). Pure: no Office.js.
 */
import {
  classifyFacts,
  flagNotes,
  labelSaysContract,
  labelSaysGrant,
  labelSaysSla,
  RESULT_HEADERS,
  parseRecipientTier,
  toRow,
  type Classification,
  type ClassifyFacts,
} from "./classify";
import { NO_ANSWERS, organisationTier, programmeOutputs, type RegisterAnswers } from "./answers";
import { describeBasis } from "./derived";
import { deriveRow } from "./registerTable";
import { z } from "zod";
import { formatPounds, parseMoney, type Pence } from "../kernel/money";
import { isBlank, parseNumber, parseYesNo } from "../kernel/parse";
import type { Problem } from "../kernel/problem";
import type { FrameworkSettings } from "../settings/settings";

/** The fields a register can supply (the mapping's keys). */
export const REGISTER_FIELD_NAMES = [
  "annualValue",
  "outputsSpecified",
  "recipientTier",
  "currentLabel",
  "competitivelySelected",
  "accredited",
  "termYears",
  "termMonths",
  "organisation",
  "funder",
  "department",
  "programme",
  "amount",
  "timePeriod",
  "startDate",
  "endDate",
  "awardDate",
  "financialYear",
  "title",
  "openCall",
  "identifier",
  "recipientId",
  "charityNumber",
  "currency",
  "toIndividuals",
  "regrantType",
] as const;
export type RegisterField = (typeof REGISTER_FIELD_NAMES)[number];

/** Where a field is shown in the mapping form. */
export type FieldGroup = "framework" | "award" | "grouping" | "checks";

export type FieldSpec = {
  field: RegisterField;
  label: string;
  synonyms: readonly string[];
  required?: boolean;
  /** The mapping form's section; "framework" when not given. */
  group?: FieldGroup;
};

/**
 * The fields a register can supply, with the headers recognised for each (compared without case
 * or spaces). 360Giving column names are included so a 360Giving file maps itself.
 */
export const REGISTER_FIELDS: readonly FieldSpec[] = [
  {
    field: "annualValue",
    label: "Annual value (£)",
    required: true,
    synonyms: [
      "annual value",
      "annualvalue",
      "value per year",
      "annual amount",
      "annual funding",
      "amount per year",
      "value",
      "amount",
      "value (£)",
      "amount (£)",
      "£",
      "funding",
      "funding amount",
      "grant amount",
      "contract value",
      "award",
      "award value",
      "annual value (£)", // the column the add-in derives from a 360Giving file
    ],
  },
  {
    field: "outputsSpecified",
    label: "Outputs specified (yes/no)",
    synonyms: [
      "outputs specified",
      "outputsspecified",
      "outputs",
      "specified outputs",
      "outputs tied to funding",
      "service specified",
      "specified",
    ],
  },
  {
    field: "recipientTier",
    label: "Recipient tier (infrastructure/frontline)",
    synonyms: [
      "recipient tier",
      "recipienttier",
      "tier",
      "organisation tier",
      "organization tier",
      "recipient type",
      "organisation type",
      "infrastructure",
    ],
  },
  {
    field: "currentLabel",
    label: "Current label (grant, SLA, contract)",
    synonyms: [
      "current label",
      "currentlabel",
      "label",
      "type",
      "funding label",
      "agreement",
      "agreement type",
      "arrangement",
      "funding arrangement",
      "contract type",
      "funding basis",
      "basis",
    ],
  },
  {
    field: "competitivelySelected",
    label: "Competitively selected (yes/no)",
    synonyms: [
      "competitively selected",
      "competitivelyselected",
      "competitive",
      "competitive selection",
      "tendered",
      "procured",
      "formal selection",
    ],
  },
  {
    field: "accredited",
    label: "Accredited (yes/no)",
    synonyms: ["accredited", "accreditation", "quality mark", "pqasso"],
  },
  {
    field: "termYears",
    label: "Term (years)",
    synonyms: [
      "term years",
      "termyears",
      "term (years)",
      "term",
      "years",
      "duration (years)",
      "duration years",
      "length (years)",
    ],
  },
  {
    field: "termMonths",
    label: "Term (months, converted to years)",
    synonyms: [
      "planned dates:duration (months)",
      "duration (months)",
      "term (months)",
      "term months",
      "months",
      "duration months",
    ],
  },
  {
    field: "organisation",
    label: "Organisation",
    group: "grouping",
    synonyms: [
      "recipient org:name",
      "beneficiary", // Transparency Code
      "beneficiary name",
      "organisation",
      "organization",
      "organisation name",
      "organization name",
      "recipient",
      "provider",
      "name",
    ],
  },
  {
    field: "funder",
    label: "Funder",
    group: "grouping",
    synonyms: [
      "funding org:name",
      "funder",
      "funding organisation",
      "funding organization",
      "authority",
      "funding body",
      "commissioner",
    ],
  },
  {
    field: "department",
    label: "Department",
    group: "grouping",
    synonyms: [
      "funding org:department", // 360Giving
      "department",
      "local authority department which awarded the grant", // Transparency Code
      "local authority department",
      "awarding department",
      "directorate",
      "dept",
      "service area",
      "budget holder",
    ],
  },
  {
    field: "programme",
    label: "Programme",
    group: "grouping",
    synonyms: [
      "grant programme:title",
      "programme",
      "program",
      "grant programme",
      "scheme",
      "fund",
    ],
  },
  // --- what a published register (360Giving, the Transparency Code) gives instead -------------
  {
    field: "amount",
    label: "Amount awarded (£, the whole award)",
    group: "award",
    synonyms: [
      "amount awarded", // 360Giving: the whole award, not a value per year
      "total amount awarded",
      "total awarded",
      "award amount",
      "grant amount awarded",
    ],
  },
  {
    field: "timePeriod",
    label: "Time period (e.g. 12 months, 2 years)",
    group: "award",
    synonyms: [
      "time period for which the grant has been given", // Transparency Code
      "time period",
      "period",
      "grant period",
      "length of grant",
    ],
  },
  {
    field: "startDate",
    label: "Start date",
    group: "award",
    synonyms: ["planned dates:start date", "start date", "start", "date from"],
  },
  {
    field: "endDate",
    label: "End date",
    group: "award",
    synonyms: ["planned dates:end date", "end date", "end", "date to"],
  },
  {
    field: "awardDate",
    label: "Award date",
    group: "award",
    synonyms: [
      "award date", // 360Giving
      "date the grant was awarded", // Transparency Code
      "date awarded",
      "date of award",
      "date",
    ],
  },
  {
    field: "financialYear",
    label: "Financial year",
    group: "grouping",
    synonyms: ["financial year", "year", "fy"],
  },
  {
    field: "title",
    label: "Title (read for grant, contract or SLA)",
    group: "award",
    synonyms: [
      "title", // 360Giving
      "grant title",
      "summary of the purpose of the grant", // Transparency Code
      "purpose",
    ],
  },
  {
    field: "openCall",
    label: "From an open call (yes/no)",
    group: "award",
    synonyms: ["from an open call?", "from an open call", "open call"],
  },
  {
    field: "identifier",
    label: "Grant identifier",
    group: "checks",
    synonyms: ["identifier", "grant identifier", "grant id", "id", "reference", "grant reference"],
  },
  {
    field: "recipientId",
    label: "Recipient identifier",
    group: "checks",
    synonyms: ["recipient org:identifier", "recipient identifier", "organisation identifier"],
  },
  {
    field: "charityNumber",
    label: "Charity or registration number",
    group: "checks",
    synonyms: [
      "recipient org:charity number",
      "beneficiary's registration number", // Transparency Code
      "beneficiary registration number",
      "registration number",
      "charity number",
      "recipient org:company number",
      "company number",
    ],
  },
  {
    field: "currency",
    label: "Currency",
    group: "checks",
    synonyms: ["currency"],
  },
  {
    field: "toIndividuals",
    label: "Grant to an individual (any entry)",
    group: "checks",
    synonyms: [
      "recipient ind:identifier", // 360Giving: a grant to an individual
      "to individuals details:grant purpose",
      "to individuals details:primary grant reason",
      "recipient ind:name",
      "to individuals",
    ],
  },
  {
    field: "regrantType",
    label: "For regrant type",
    group: "checks",
    synonyms: ["for regrant type", "regrant type", "regrant"],
  },
];

export const FIELD_LABELS: Record<RegisterField, string> = Object.fromEntries(
  REGISTER_FIELDS.map((f) => [f.field, f.label])
) as Record<RegisterField, string>;

/** The task pane's label for the grouping choice (a problem with it names it so). */
export const GROUP_BY_LABEL = "Group the summary by";

/** Fields that can group the summary. */
export const GROUP_FIELDS: readonly RegisterField[] = [
  "department",
  "funder",
  "programme",
  "organisation",
  "financialYear",
];

/** Column index (0-based, within the register) for each mapped field. */
export type ColumnMapping = Partial<Record<RegisterField, number>>;

/** The headers the workflow writes beside the data: the function's eight, then Notes. */
export const OUTPUT_HEADERS: readonly string[] = [...RESULT_HEADERS, "Notes"];

/** Header text compared without case, spaces or underscores. */
export function normaliseHeader(h: unknown): string {
  if (h === null || h === undefined) return "";
  return String(h)
    .toLowerCase()
    .replace(/[\s_\u00a0]+/g, "");
}

/**
 * Where the workflow's own nine columns are (index of "Mode"), recognised by their headers in
 * order, so a re-run updates them instead of adding new ones. Null when not there.
 */
export function findResultBlock(headers: readonly unknown[]): number | null {
  const want = OUTPUT_HEADERS.map(normaliseHeader);
  for (let i = 0; i + want.length <= headers.length; i++) {
    if (want.every((w, k) => normaliseHeader(headers[i + k]) === w)) return i;
  }
  return null;
}

/**
 * Map columns by header. Each header is compared with every field's synonyms; an exact match
 * wins, earlier synonyms before later ones, and a column is used for one field only. Columns in
 * `exclude` (the workflow's own result columns) are never mapped.
 */
export function detectMapping(
  headers: readonly unknown[],
  exclude: ReadonlySet<number> = new Set()
): ColumnMapping {
  const norm = headers.map(normaliseHeader);
  const used = new Set<number>(exclude);
  const mapping: ColumnMapping = {};
  // Best (lowest) synonym rank first across all fields, so "amount awarded" is not taken by a weaker guess.
  const candidates: { field: RegisterField; col: number; rank: number; order: number }[] = [];
  REGISTER_FIELDS.forEach((spec, order) => {
    spec.synonyms.forEach((syn, rank) => {
      const n = normaliseHeader(syn);
      norm.forEach((h, col) => {
        if (h !== "" && h === n && !exclude.has(col))
          candidates.push({ field: spec.field, col, rank, order });
      });
    });
  });
  candidates.sort((a, b) => a.rank - b.rank || a.order - b.order || a.col - b.col);
  for (const c of candidates) {
    if (mapping[c.field] !== undefined || used.has(c.col)) continue;
    mapping[c.field] = c.col;
    used.add(c.col);
  }
  return amountOverAPeriod(headers, mapping);
}

/**
 * A register that gives an "Amount" with a duration, a time period or start and end dates (the
 * Transparency Code's "Amount" and "Time period") gives the whole award, not a value per year:
 * the amount is mapped as the amount awarded, and the value per year worked out from it.
 */
function amountOverAPeriod(headers: readonly unknown[], mapping: ColumnMapping): ColumnMapping {
  const value = mapping.annualValue;
  const period =
    mapping.timePeriod !== undefined ||
    mapping.termMonths !== undefined ||
    (mapping.startDate !== undefined && mapping.endDate !== undefined);
  if (value === undefined || mapping.amount !== undefined || !period) return mapping;
  if (/annual|per year|a year|p\.?a\.?\b|yearly|per annum/i.test(String(headers[value] ?? "")))
    return mapping;
  const next = { ...mapping, amount: value };
  delete next.annualValue;
  return next;
}

/** A field whose column is one of several headed alike: the user chooses which. */
export type AmbiguousField = { field: RegisterField; header: string; columns: number[] };

/**
 * Fields mapped to a header that more than one column carries ("Amount" twice): the first was
 * taken, and the task pane shows the others for the user to choose from.
 */
export function ambiguousColumns(
  headers: readonly unknown[],
  mapping: ColumnMapping,
  exclude: ReadonlySet<number> = new Set()
): AmbiguousField[] {
  const norm = headers.map(normaliseHeader);
  const out: AmbiguousField[] = [];
  for (const [field, col] of Object.entries(mapping) as [RegisterField, number][]) {
    const same = norm
      .map((h, i) => (h !== "" && h === norm[col] && !exclude.has(i) ? i : -1))
      .filter((i) => i >= 0);
    if (same.length > 1) out.push({ field, header: String(headers[col]), columns: same });
  }
  return out;
}

/**
 * The mapping as saved in the workbook: by header text, so it survives columns moving. Every
 * field's header, or null where the user chose "not in the register"; unknown fields are dropped.
 */
const SavedColumnsSchema = z.object(
  Object.fromEntries(REGISTER_FIELD_NAMES.map((f) => [f, z.string().nullable().optional()])) as {
    [F in RegisterField]: z.ZodOptional<z.ZodNullable<z.ZodString>>;
  }
);
export type SavedColumns = Partial<Record<RegisterField, string | null>>;

export const SavedMappingSchema = z.object({
  columns: SavedColumnsSchema,
  /** The headers when saved: a field left unmapped stays unmapped unless a new column appears. */
  headers: z.array(z.string()).optional(),
  inferOutputs: z.boolean().optional(),
  groupBy: z.enum(REGISTER_FIELD_NAMES).nullable().optional(),
});
export type SavedMapping = z.infer<typeof SavedMappingSchema>;

/**
 * Every register's saved mapping, by register ("table:Grants" or "sheet:Register"). A register's
 * entry that does not read (an older version, a hand edit) is dropped alone, never the others.
 */
export const SavedMappingsSchema = z.record(
  z.string(),
  SavedMappingSchema.optional().catch(undefined)
);
export type SavedMappings = z.infer<typeof SavedMappingsSchema>;

/** Every field's header, or null where the user chose "not in the register" (so it is not detected again). */
export function mappingToSaved(headers: readonly unknown[], mapping: ColumnMapping): SavedColumns {
  const out: SavedColumns = {};
  for (const spec of REGISTER_FIELDS) {
    const col = mapping[spec.field];
    out[spec.field] = col !== undefined && col < headers.length ? String(headers[col] ?? "") : null;
  }
  return out;
}

/**
 * Apply a saved mapping to the headers found now: saved fields whose header is still there win;
 * the rest are detected as usual.
 */
export function mappingFromSaved(
  headers: readonly unknown[],
  saved: SavedColumns | undefined,
  exclude: ReadonlySet<number> = new Set(),
  savedHeaders?: readonly string[]
): ColumnMapping {
  const detected = detectMapping(headers, exclude);
  if (!saved) return detected;
  const norm = headers.map(normaliseHeader);
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  const decided = new Set<RegisterField>();
  for (const [field, header] of Object.entries(saved) as [RegisterField, string | null][]) {
    if (header === null) {
      decided.add(field); // the user said this column is not in the register
      continue;
    }
    const col = norm.findIndex(
      (h, i) => h !== "" && h === normaliseHeader(header) && !exclude.has(i)
    );
    if (col >= 0 && !used.has(col)) {
      mapping[field] = col;
      used.add(col);
    }
  }
  const known = new Set((savedHeaders ?? headers.map(String)).map(normaliseHeader));
  for (const [field, col] of Object.entries(detected) as [RegisterField, number][]) {
    // a field the user set to "not in the register" is not detected again from a column they saw then
    const refused = decided.has(field) && known.has(norm[col]);
    if (mapping[field] === undefined && !refused && !used.has(col)) {
      mapping[field] = col;
      used.add(col);
    }
  }
  return mapping;
}

/**
 * Problems with a mapping that stop the workflow (e.g. no value column), in plain English; each
 * names the field as the task pane labels it.
 */
export function mappingProblems(
  mapping: ColumnMapping,
  inferOutputs: boolean,
  answerBy: RegisterField | null = null
): Problem[] {
  const problems: Problem[] = [];
  const problem = (field: RegisterField, message: string) =>
    problems.push({ field: FIELD_LABELS[field], message });
  if (mapping.annualValue === undefined && mapping.amount === undefined)
    problem(
      "annualValue",
      "Choose the column that holds the annual value (£ per year), or the amount awarded to work it out from."
    );
  const answered = answerBy !== null && mapping[answerBy] !== undefined;
  if (mapping.outputsSpecified === undefined && !inferOutputs && !answered) {
    problem(
      "outputsSpecified",
      mapping.currentLabel === undefined
        ? "Choose the column that says whether outputs are specified, or a label column to infer it from."
        : "Choose the column that says whether outputs are specified, or tick 'Infer outputs from the label'."
    );
  }
  if (
    mapping.outputsSpecified === undefined &&
    inferOutputs &&
    !answered &&
    mapping.currentLabel === undefined &&
    mapping.title === undefined &&
    mapping.programme === undefined
  ) {
    problem(
      "currentLabel",
      "To infer outputs from the label, choose the column that holds the label (grant, SLA, contract)."
    );
  }
  const cols = Object.entries(mapping).filter(([, c]) => c !== undefined) as [
    RegisterField,
    number,
  ][];
  const seen = new Map<number, RegisterField>();
  for (const [f, c] of cols) {
    const other = seen.get(c);
    if (other !== undefined)
      problem(f, `${FIELD_LABELS[f]} and ${FIELD_LABELS[other]} use the same column.`);
    else seen.set(c, f);
  }
  return problems;
}

/**
 * Outputs specified, read from the label: contract or SLA -> yes, grant -> no (002:256, 002:262).
 * Null when the label says neither, or both, so the user decides.
 */
export function inferOutputsFromLabel(label: unknown): boolean | null {
  if (isBlank(label) || (typeof label !== "string" && typeof label !== "number")) return null;
  const text = String(label);
  const contract = labelSaysContract(text) || labelSaysSla(text);
  const grant = labelSaysGrant(text);
  if (contract && !grant) return true;
  if (grant && !contract) return false;
  return null;
}

export const INFERRED_NOTE = "Outputs inferred from label.";

/** A row that could not be classified: the problem, in the row (as numbered in Excel). */
export type RowProblem = Problem & { row: number };

/** Flags the register raises beside the framework's (not FUNDING.CLASSIFY's). */
export const REGISTER_FLAG_NOTES = {
  // 360Giving "For Regrant Type": the recipient passes the money on to others.
  regrant: "Regrant: the money is passed on to other organisations; check it is not counted twice.",
} as const;
export type RegisterFlag = keyof typeof REGISTER_FLAG_NOTES;

export type RowOutcome =
  | {
      ok: true;
      row: number;
      classification: Classification;
      valuePence: Pence;
      inferred: boolean;
      /** Where answers or derived facts stood in for a blank cell, in words. */
      notes?: string[];
      /** The register's own flags (regrant). */
      registerFlags?: RegisterFlag[];
      /** The row's financial year ("2013/14"), when known. */
      financialYear?: string | null;
    }
  | { ok: false; row: number; problem: RowProblem }
  | { ok: "blank"; row: number }
  /** Outside the framework (a grant to an individual): counted apart, not classified. */
  | { ok: "excluded"; row: number; reason: string };

/** Answers for what the data cannot say, and which column keys the programme answers. */
export type RowContext = {
  answers?: RegisterAnswers;
  answerBy?: "programme" | "department" | null;
};

/** The field as the user sees it: their column header, else the field's label in the task pane. */
function fieldAsSeen(field: string, mapping: ColumnMapping, headers: readonly unknown[]): string {
  const col = mapping[field as RegisterField];
  const header = col === undefined ? "" : String(headers[col] ?? "").trim();
  if (header !== "") return header;
  return FIELD_LABELS[field as RegisterField] ?? field;
}

const quoted = (v: unknown) => `"${String(v).trim().slice(0, 60)}"`;
const YES_NO = "enter yes or no";
export const INDIVIDUAL_NOTE =
  "Grant to an individual: outside the framework, which is for funding of organisations; counted apart.";

/** The parsed facts of a row, or the problem that stops it, in the user's words. */
type Facts = { facts: ClassifyFacts; inferred: boolean; notes: string[]; year: string | null };
type RowRead = { ok: true; value: Facts } | { ok: false; field: RegisterField; message: string };

/**
 * Read one row's facts. Each fact comes from the row's own cell first; where that is blank, from
 * the derived facts (value per year from the whole award, term from the dates, label from the
 * title), then from the answers given once per programme and organisation, then (outputs only)
 * from the label when the user asked for that.
 */
// Longer than 120 lines because: one fact after another, each with its fallbacks and message.
function readRow(
  get: (f: RegisterField) => unknown,
  seen: (f: RegisterField) => string,
  mapping: ColumnMapping,
  inferOutputs: boolean,
  context: RowContext
): RowRead {
  const bad = (field: RegisterField, message: string): RowRead => ({ ok: false, field, message });
  const answers = context.answers ?? NO_ANSWERS;
  const notes: string[] = [];
  const derived = deriveRow(get, seen);

  // Currency: the thresholds are in pounds.
  const currency = get("currency");
  if (!isBlank(currency) && String(currency).trim().toUpperCase() !== "GBP")
    return bad(
      "currency",
      `${seen("currency")} is ${quoted(currency)}: the framework's thresholds are in pounds; convert the amount to pounds and set ${seen("currency")} to GBP`
    );

  // Value per year: the row's own, else worked out from the whole award.
  let valuePence: Pence;
  const own = get("annualValue");
  if (!isBlank(own)) {
    if (typeof own === "boolean")
      return bad(
        "annualValue",
        `${seen("annualValue")} is ${own ? "TRUE" : "FALSE"}: enter an amount in pounds`
      );
    const p = parseMoney(own);
    if (p === null)
      return bad(
        "annualValue",
        `${seen("annualValue")} is ${quoted(own)}: enter an amount in pounds, e.g. 12000 or £12,000.50`
      );
    valuePence = p;
  } else if (derived.annual) {
    valuePence = derived.annual.pence;
    if (mapping.annualValue === undefined || !isBlank(get("amount")))
      notes.push(`Value per year: ${describeBasis(derived.annual.basis, seen("amount"))}.`);
  } else if (derived.problem?.field === "amount") {
    return bad("amount", derived.problem.message);
  } else if (mapping.annualValue === undefined && mapping.amount !== undefined) {
    return bad("amount", `${seen("amount")} is blank: enter the amount awarded in pounds`);
  } else {
    return bad(
      "annualValue",
      `${seen("annualValue")} is blank: enter the value per year in pounds, e.g. 12000`
    );
  }
  if (valuePence < 0)
    return bad(
      isBlank(own) ? "amount" : "annualValue",
      `${seen(isBlank(own) ? "amount" : "annualValue")} is ${formatPounds(valuePence)}: an award cannot be negative; correct the amount`
    );

  // Outputs specified: the row's own answer, else the programme's, else inferred from the label.
  const label = isBlank(get("currentLabel")) ? (derived.label ?? "") : String(get("currentLabel"));
  let outputs: boolean | null = null;
  let inferred = false;
  const ownOutputs = get("outputsSpecified");
  if (!isBlank(ownOutputs)) {
    const r = parseYesNo(ownOutputs, seen("outputsSpecified"));
    if (!r.ok)
      return bad(
        "outputsSpecified",
        `${seen("outputsSpecified")} is ${quoted(ownOutputs)}: ${YES_NO}`
      );
    outputs = r.value;
  }
  const by = context.answerBy ?? null;
  if (outputs === null && by && mapping[by] !== undefined) {
    outputs = programmeOutputs(answers, get(by));
    if (outputs !== null)
      notes.push(
        `Outputs specified: the answer for ${isBlank(get(by)) ? `rows with no ${by}` : `the ${String(get(by)).trim()} ${by}`}.`
      );
  }
  if (outputs === null && inferOutputs) {
    const guess = inferOutputsFromLabel(label);
    if (guess !== null) {
      outputs = guess;
      inferred = true;
    }
  }
  if (outputs === null) {
    const ask =
      by && mapping[by] !== undefined
        ? `answer the question for ${isBlank(get(by)) ? `rows with no ${by}` : `the ${String(get(by)).trim()} ${by}`} in the task pane, or enter yes or no in ${seen("outputsSpecified")}`
        : `enter yes or no in ${seen("outputsSpecified")}`;
    const why = !inferOutputs
      ? ""
      : label === ""
        ? " and the label is blank"
        : ` and the label ${quoted(label)} says neither contract/SLA nor grant`;
    return bad(
      "outputsSpecified",
      `Whether the funder specifies the outputs is not known${why}: ${ask}.`
    );
  }

  // Recipient tier: the row's own, else the organisation's confirmed tier, else frontline.
  let tier = organisationTier(answers, get("organisation")) ?? "frontline";
  const ownTier = get("recipientTier");
  if (!isBlank(ownTier)) {
    const r = parseRecipientTier(ownTier, seen("recipientTier"));
    if (!r.ok)
      return bad(
        "recipientTier",
        `${seen("recipientTier")} is ${quoted(ownTier)}: enter infrastructure (or CVS, umbrella, second tier) or frontline`
      );
    tier = r.value;
  } else if (organisationTier(answers, get("organisation")) === "infrastructure") {
    notes.push("Infrastructure body: confirmed for this organisation in the task pane.");
  }

  // Competitively selected: the row's own, else "From An Open Call?".
  let competitive: boolean | null = derived.competitive;
  const ownCompetitive = get("competitivelySelected");
  if (!isBlank(ownCompetitive)) {
    const r = parseYesNo(ownCompetitive, seen("competitivelySelected"));
    if (!r.ok)
      return bad(
        "competitivelySelected",
        `${seen("competitivelySelected")} is ${quoted(ownCompetitive)}: ${YES_NO}`
      );
    competitive = r.value;
  }
  const acc = parseYesNo(get("accredited"), seen("accredited"));
  if (!acc.ok)
    return bad("accredited", `${seen("accredited")} is ${quoted(get("accredited"))}: ${YES_NO}`);

  // Term: the row's own years, else the months (duration, time period or dates).
  let termYears: number | null = null;
  const ownTerm = get("termYears");
  if (!isBlank(ownTerm)) {
    const r = parseNumber(ownTerm, seen("termYears"), { min: 0 });
    if (!r.ok)
      return bad(
        "termYears",
        `${seen("termYears")} is ${quoted(ownTerm)}: enter a number of years, 0 or more`
      );
    termYears = r.value;
  } else if (derived.problem && derived.problem.field === "termMonths") {
    return bad("termMonths", derived.problem.message);
  } else if (derived.months !== null) {
    termYears = derived.months / 12; // months -> years for the term flags
  }
  const year = isBlank(get("financialYear"))
    ? derived.financialYear
    : String(get("financialYear")).trim();
  return {
    ok: true,
    value: {
      facts: {
        valuePence,
        outputsSpecified: outputs,
        tier,
        label,
        competitivelySelected: competitive,
        accredited: acc.value,
        termYears,
      },
      inferred,
      notes,
      year,
    },
  };
}

/**
 * Classify one register row. `rowNumber` is the sheet row (for messages and jumping to it).
 * Blank rows (every mapped cell empty) are skipped, not errors; grants to individuals are
 * outside the framework and counted apart. `context` carries the answers given once per
 * programme and organisation.
 */
export function classifyRegisterRow(
  cells: readonly unknown[],
  rowNumber: number,
  mapping: ColumnMapping,
  headers: readonly unknown[],
  inferOutputs: boolean,
  settings: FrameworkSettings,
  context: RowContext = {}
): RowOutcome {
  const get = (f: RegisterField) => (mapping[f] === undefined ? null : cells[mapping[f] as number]);
  const mappedCols = Object.values(mapping) as number[];
  if (mappedCols.every((c) => isBlank(cells[c]))) return { ok: "blank", row: rowNumber };
  if (!isBlank(get("toIndividuals")))
    return { ok: "excluded", row: rowNumber, reason: INDIVIDUAL_NOTE };

  const seen = (f: RegisterField) => fieldAsSeen(f, mapping, headers);
  const read = readRow(get, seen, mapping, inferOutputs, context);
  if (!read.ok)
    return {
      ok: false,
      row: rowNumber,
      problem: { field: seen(read.field), message: read.message, row: rowNumber },
    };
  const { facts, inferred, notes, year } = read.value;
  return {
    ok: true,
    row: rowNumber,
    classification: classifyFacts(facts, settings),
    valuePence: facts.valuePence,
    inferred,
    notes,
    registerFlags: isBlank(get("regrantType")) ? [] : ["regrant"],
    financialYear: year,
  };
}

/** The nine cells written beside a row: the eight results and the Notes; blanks for a skipped row. */
export function outputCells(outcome: RowOutcome): (string | number)[] {
  if (outcome.ok === "blank") return ["", "", "", "", "", "", "", "", ""];
  if (outcome.ok === "excluded") return ["", "", "", "", "", "", "", "", outcome.reason];
  if (outcome.ok === false)
    return ["", "", "", "", "", "", "", "", `Not classified: ${outcome.problem.message}`];
  const extra = outcome.registerFlags ?? [];
  const notes = [
    outcome.inferred ? INFERRED_NOTE : "",
    ...(outcome.notes ?? []),
    flagNotes(outcome.classification.flags),
    ...extra.map((f) => REGISTER_FLAG_NOTES[f]),
  ]
    .filter((s) => s !== "")
    .join(" ");
  const row = toRow(outcome.classification);
  if (extra.length) row[7] = [row[7], ...extra].filter((s) => s !== "").join(", ");
  return [...row, notes];
}
