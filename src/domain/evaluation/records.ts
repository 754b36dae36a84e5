/**
 * What an evaluation keeps in the workbook, as zod schemas (src/excel/store.ts reads and writes
 * them): the setups saved by name, and the record of the evaluation generated last (its setup and
 * the names its sheets were given, so "Check returns" can find them).
 *
 * A saved setup is read leniently, as it was typed: any cell may be text, and a field missing
 * from an older record is filled from a blank setup so the form can show it.
 */
import { z } from "zod";
import { DEFAULT_SETTINGS, type FrameworkSettings } from "../settings/settings";
import { blankDraft, type EvaluationDraft } from "./setup";

/** Text as the form holds it: null or missing is "". */
const Text = z
  .unknown()
  .optional()
  .transform((v) => (v === null || v === undefined ? "" : String(v)));

/** A value as typed (number or text); null or missing is "". */
const Typed = z
  .unknown()
  .optional()
  .transform((v): unknown => v ?? "");

/** Anything that is not an object reads as an empty one (every field then takes its default). */
const objectOrEmpty = (v: unknown) =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? v : {};

const CriterionRecord = z.preprocess(
  objectOrEmpty,
  z.object({
    name: Text,
    group: Text.transform((g) => g || "quality"),
    weight: Typed,
    minimum: Typed,
  })
);

const BidderRecord = z.preprocess(
  objectOrEmpty,
  z.object({ name: Text, price: Typed, fullCost: Typed })
);

/** A blank setup's parts, for a record that lacks them. */
const blank = () => blankDraft(DEFAULT_SETTINGS);

/**
 * A setup as saved. `spreadLimit` stays undefined when the record has none: the settings in force
 * fill it (completeDraft), as they do for a blank setup.
 */
export const EvaluationDraftSchema: z.ZodType<EvaluationDraft> = z.object({
  tenderName: Text,
  criteria: z
    .array(CriterionRecord)
    .catch(() => blank().criteria.map((c) => ({ ...c, minimum: c.minimum ?? "" }))),
  scaleMax: z
    .unknown()
    .optional()
    .transform((v): unknown => v ?? blank().scaleMax),
  descriptors: z.array(Text).catch(() => blank().descriptors),
  bidders: z
    .array(BidderRecord)
    .catch(() =>
      blank().bidders.map((b) => ({ ...b, price: b.price ?? "", fullCost: b.fullCost ?? "" }))
    ),
  evaluators: z.array(Text).catch(() => blank().evaluators),
  priceMethod: Text.transform((m) => m || "lowest"),
  spreadLimit: z
    .unknown()
    .optional()
    .transform((v): unknown => v),
  qualityThreshold: z
    .unknown()
    .optional()
    .transform((v): unknown => v ?? 0),
  // Stages added later: a record without them reads as before (every member scores everything,
  // no gateway, no tie-break, the default scores needed and abnormally low check).
  assignments: z.array(Text).optional().catch(undefined),
  gateway: z.array(Text).optional().catch(undefined),
  tieBreak: Text.transform((t) => t || "none"),
  minIndependentScores: Typed,
  abnormallyLowPercent: Typed,
});

/** A saved setup with the settings' defaults where the record left a field out. */
export function completeDraft(
  draft: EvaluationDraft,
  settings: FrameworkSettings
): EvaluationDraft {
  return draft.spreadLimit === undefined || draft.spreadLimit === null
    ? { ...draft, spreadLimit: settings.moderationSpreadLimit }
    : draft;
}

/** The setups saved in a workbook, by name; an entry that is not a setup is left out. */
export const SavedSetupsSchema: z.ZodType<Record<string, EvaluationDraft>> = z
  .record(z.string(), z.unknown())
  .transform((all) => {
    const out: Record<string, EvaluationDraft> = {};
    for (const [name, value] of Object.entries(all)) {
      const parsed = EvaluationDraftSchema.safeParse(value);
      if (parsed.success) out[name] = parsed.data;
    }
    return out;
  });

/** The names given to the generated sheets (each panel member's sheet is named after them). */
export const GeneratedSheetsSchema = z.object({
  criteria: z.string(),
  moderation: z.string(),
  results: z.string(),
  evaluators: z.array(z.string()),
  gateway: z.string().optional(),
});
export type GeneratedSheets = z.infer<typeof GeneratedSheetsSchema>;

/** The evaluation generated last in this workbook. */
export const CurrentEvaluationSchema = z.object({
  draft: EvaluationDraftSchema,
  names: GeneratedSheetsSchema,
  generatedAt: z.string().optional(),
  /** The tender's identifier and the version of its setup, carried by every evaluator file. */
  tenderId: z.string().optional(),
  version: z.number().int().positive().optional(),
});
export type CurrentEvaluationRecord = z.infer<typeof CurrentEvaluationSchema>;

/** One panel member's return as imported: from which file, when, and the file's save time. */
export const ReturnRecordSchema = z.object({
  file: z.string(),
  importedAt: z.string(),
  version: z.number(),
});
/** The returns imported into this workbook, by panel member. */
export const ReturnsRecordSchema = z.record(z.string(), ReturnRecordSchema);
export type ReturnsRecord = z.infer<typeof ReturnsRecordSchema>;
