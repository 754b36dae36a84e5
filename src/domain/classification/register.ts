/**
 * The funding register: a table of payments to VCS organisations, one row per service or award
 * (DOMAIN.md section 2; 002:243 "about 400 organisations, over 1,100 services"). This module maps
 * its columns by header (with synonyms and the 360Giving names, DOMAIN.md section 6), infers
 * "outputs specified" from the label when asked, and classifies every row with the engine's
 * classify(). Pure: no Office.js.
 */
import {
  classify,
  flagNotes,
  labelSaysContract,
  labelSaysGrant,
  labelSaysSla,
  RESULT_HEADERS,
  toRow,
  type Classification,
  type ClassifyInput,
} from "./classify";
import { z } from "zod";
import { parseMoney, type Pence } from "../kernel/money";
import { isBlank, parseNumber } from "../kernel/parse";
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
] as const;
export type RegisterField = (typeof REGISTER_FIELD_NAMES)[number];

export type FieldSpec = {
  field: RegisterField;
  label: string;
  synonyms: readonly string[];
  required?: boolean;
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
      "amount awarded", // 360Giving
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
    synonyms: [
      "recipient org:name",
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
    synonyms: ["department", "directorate", "dept", "service area", "budget holder"],
  },
  {
    field: "programme",
    label: "Programme",
    synonyms: [
      "grant programme:title",
      "programme",
      "program",
      "grant programme",
      "scheme",
      "fund",
    ],
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
  return mapping;
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
export function mappingProblems(mapping: ColumnMapping, inferOutputs: boolean): Problem[] {
  const problems: Problem[] = [];
  const problem = (field: RegisterField, message: string) =>
    problems.push({ field: FIELD_LABELS[field], message });
  if (mapping.annualValue === undefined)
    problem("annualValue", "Choose the column that holds the annual value (£ per year).");
  if (mapping.outputsSpecified === undefined && !inferOutputs) {
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
    mapping.currentLabel === undefined
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

export type RowOutcome =
  | { ok: true; row: number; classification: Classification; valuePence: Pence; inferred: boolean }
  | { ok: false; row: number; problem: RowProblem }
  | { ok: "blank"; row: number };

/** The user's column header for a field, quoted, for messages ("Value"); the field's name when not mapped. */
function columnName(field: string, mapping: ColumnMapping, headers: readonly unknown[]): string {
  const col = mapping[field as RegisterField];
  if (col === undefined) return field;
  const h = String(headers[col] ?? "").trim();
  return h === "" ? field : `"${h}"`;
}

/** The field as the user sees it: their column header, else the field's label in the task pane. */
function fieldAsSeen(field: string, mapping: ColumnMapping, headers: readonly unknown[]): string {
  const col = mapping[field as RegisterField];
  const header = col === undefined ? "" : String(headers[col] ?? "").trim();
  if (header !== "") return header;
  return FIELD_LABELS[field as RegisterField] ?? field;
}

/**
 * Classify one register row. `rowNumber` is the sheet row (for messages and jumping to it).
 * Blank rows (every mapped cell empty) are skipped, not errors.
 */
export function classifyRegisterRow(
  cells: readonly unknown[],
  rowNumber: number,
  mapping: ColumnMapping,
  headers: readonly unknown[],
  inferOutputs: boolean,
  settings: FrameworkSettings
): RowOutcome {
  const get = (f: RegisterField) => (mapping[f] === undefined ? null : cells[mapping[f] as number]);
  const mappedCols = Object.values(mapping) as number[];
  if (mappedCols.every((c) => isBlank(cells[c]))) return { ok: "blank", row: rowNumber };

  const failed = (field: string, message: string): RowOutcome => ({
    ok: false,
    row: rowNumber,
    problem: { field: fieldAsSeen(field, mapping, headers), message, row: rowNumber },
  });

  let outputs = get("outputsSpecified");
  let inferred = false;
  if (isBlank(outputs) && inferOutputs) {
    const guess = inferOutputsFromLabel(get("currentLabel"));
    if (guess === null) {
      const label = get("currentLabel");
      return failed(
        "outputsSpecified",
        isBlank(label)
          ? "Outputs specified is not known and the label is blank: say whether the funder specifies the outputs."
          : `Outputs specified is not known and the label "${String(label).slice(0, 60)}" says neither contract/SLA nor grant: say whether the funder specifies the outputs.`
      );
    }
    outputs = guess;
    inferred = true;
  }

  let termYears: unknown = get("termYears");
  if (isBlank(termYears) && mapping.termMonths !== undefined) {
    const months = parseNumber(get("termMonths"), "termMonths", {
      min: 0,
      expected: "a number of months, 0 or more",
    });
    if (!months.ok)
      return failed(
        "termMonths",
        `${columnName("termMonths", mapping, headers)}: ${months.problem.message}`
      );
    termYears = months.value === null ? null : months.value / 12; // 360Giving duration in months -> years
  }

  const input: ClassifyInput = {
    annualValue: get("annualValue"),
    outputsSpecified: outputs,
    recipientTier: get("recipientTier"),
    currentLabel: get("currentLabel"),
    competitivelySelected: get("competitivelySelected"),
    accredited: get("accredited"),
    termYears,
  };
  const result = classify(input, settings);
  if (!result.ok) {
    const f = result.problem.field;
    const named =
      mapping[f as RegisterField] === undefined
        ? result.problem.message
        : `${columnName(f, mapping, headers)}: ${result.problem.message}`;
    return failed(f, named);
  }
  // classify() has accepted the value, so it parses; the pence are the ones the rules compared.
  return {
    ok: true,
    row: rowNumber,
    classification: result.value,
    valuePence: parseMoney(input.annualValue) ?? 0,
    inferred,
  };
}

/** The nine cells written beside a row: the eight results and the Notes; blanks for a skipped row. */
export function outputCells(outcome: RowOutcome): (string | number)[] {
  if (outcome.ok === "blank") return ["", "", "", "", "", "", "", "", ""];
  if (outcome.ok === false)
    return ["", "", "", "", "", "", "", "", `Not classified: ${outcome.problem.message}`];
  const notes = [outcome.inferred ? INFERRED_NOTE : "", flagNotes(outcome.classification.flags)]
    .filter((s) => s !== "")
    .join(" ");
  return [...toRow(outcome.classification), notes];
}
