/**
 * Answers for what a published register cannot say. No 360Giving or Transparency Code column
 * says whether the funder specifies the outputs it pays for (002:262) or whether the recipient is
 * an infrastructure body (002:258), yet the framework needs both. They are properties of a
 * programme and of an organisation far more than of a row, so the user is asked once per
 * programme (or department) and once per organisation the name suggests is infrastructure; a
 * value typed in the row's own column still wins. The answers are kept in the workbook (the zod
 * schema below) and offered again for the next file.
 */
import { z } from "zod";
import { isBlank } from "../kernel/parse";

/** Programmes, departments and organisations are matched without case or extra spaces. */
export function answerKey(value: unknown): string {
  if (isBlank(value)) return "";
  return String(value).trim().toLowerCase().replace(/\s+/g, " ");
}

const ProgrammeAnswerSchema = z.object({
  /** The programme as the user saw it. */
  label: z.string(),
  outputsSpecified: z.boolean(),
});
const OrganisationAnswerSchema = z.object({
  label: z.string(),
  tier: z.enum(["infrastructure", "frontline"]),
});

/** The answers remembered in the workbook; an entry that does not read is dropped alone. */
export const RegisterAnswersSchema = z.object({
  programmes: z.record(z.string(), ProgrammeAnswerSchema.optional().catch(undefined)).default({}),
  organisations: z
    .record(z.string(), OrganisationAnswerSchema.optional().catch(undefined))
    .default({}),
});
export type RegisterAnswers = z.infer<typeof RegisterAnswersSchema>;
export type ProgrammeAnswer = z.infer<typeof ProgrammeAnswerSchema>;
export type OrganisationAnswer = z.infer<typeof OrganisationAnswerSchema>;

export const NO_ANSWERS: RegisterAnswers = { programmes: {}, organisations: {} };

/** The programme's answer on outputs, or null when not answered. */
export function programmeOutputs(answers: RegisterAnswers, programme: unknown): boolean | null {
  return answers.programmes[answerKey(programme)]?.outputsSpecified ?? null;
}

/** The organisation's confirmed tier, or null when not confirmed. */
export function organisationTier(
  answers: RegisterAnswers,
  organisation: unknown
): "infrastructure" | "frontline" | null {
  if (isBlank(organisation)) return null;
  return answers.organisations[answerKey(organisation)]?.tier ?? null;
}

/**
 * Words in an organisation's name that suggest an infrastructure body -- one that supports
 * frontline groups (002:258): a CVS, volunteer centre, umbrella or "second tier" body.
 * A suggestion only: the user confirms it.
 */
const INFRASTRUCTURE_WORDS: readonly { re: RegExp; why: string }[] = [
  { re: /\bcvs\b/i, why: "CVS" },
  { re: /council for voluntary service/i, why: "Council for Voluntary Service" },
  { re: /voluntary action/i, why: "Voluntary Action" },
  { re: /volunteer(ing)? centre/i, why: "volunteer centre" },
  { re: /rural community council/i, why: "rural community council" },
  { re: /community action/i, why: "community action" },
  { re: /\bumbrella\b/i, why: "umbrella" },
  { re: /\bnetwork\b/i, why: "network" },
  { re: /\bforum\b/i, why: "forum" },
  { re: /second[\s-]tier|2nd[\s-]tier/i, why: "second tier" },
];

/** The words that make the name look like an infrastructure body, or null. */
export function suggestInfrastructure(name: unknown): string | null {
  if (isBlank(name)) return null;
  const hit = INFRASTRUCTURE_WORDS.find((w) => w.re.test(String(name)));
  return hit ? hit.why : null;
}

/** One question per programme: its rows and the answer remembered, if any. */
export type ProgrammeQuestion = {
  key: string;
  label: string;
  rows: number;
  answer: boolean | null;
};
/** One question per organisation whose name suggests infrastructure. */
export type OrganisationQuestion = {
  key: string;
  label: string;
  rows: number;
  why: string;
  answer: "infrastructure" | "frontline" | null;
};
export type RegisterQuestions = {
  programmes: ProgrammeQuestion[];
  organisations: OrganisationQuestion[];
};

/** The label for rows with no programme (or department). */
export const NO_PROGRAMME = "(no programme given)";

/**
 * The questions to ask for a register: each programme (value of the programme or department
 * column) with its row count, largest first; each organisation whose name suggests
 * infrastructure. Remembered answers are filled in.
 */
export function registerQuestions(
  programmes: readonly unknown[] | null,
  organisations: readonly unknown[] | null,
  answers: RegisterAnswers
): RegisterQuestions {
  const count = (values: readonly unknown[]) => {
    const m = new Map<string, { label: string; rows: number }>();
    for (const v of values) {
      const k = answerKey(v);
      const e = m.get(k);
      if (e) e.rows++;
      else m.set(k, { label: k === "" ? NO_PROGRAMME : String(v).trim(), rows: 1 });
    }
    return [...m.entries()].sort(
      (a, b) => b[1].rows - a[1].rows || a[1].label.localeCompare(b[1].label, "en-GB")
    );
  };
  const progs = programmes
    ? count(programmes).map(([key, e]) => ({
        key,
        label: e.label,
        rows: e.rows,
        answer: answers.programmes[key]?.outputsSpecified ?? null,
      }))
    : [];
  const orgs = organisations
    ? count(organisations.filter((o) => suggestInfrastructure(o) !== null)).map(([key, e]) => ({
        key,
        label: e.label,
        rows: e.rows,
        why: suggestInfrastructure(e.label) as string,
        answer: answers.organisations[key]?.tier ?? null,
      }))
    : [];
  return { programmes: progs, organisations: orgs };
}

/** The question as the task pane asks it. */
export function programmeQuestionText(label: string, by: "programme" | "department"): string {
  if (label === NO_PROGRAMME)
    return `Do the rows with no ${by} given pay for outputs the funder specifies?`;
  return by === "programme"
    ? `Does the ${label} programme specify the outputs it pays for?`
    : `Does the ${label} department specify the outputs it pays for?`;
}

/** New answers merged into the remembered ones (later wins). */
export function mergeAnswers(base: RegisterAnswers, next: RegisterAnswers): RegisterAnswers {
  const clean = <T>(r: Record<string, T | undefined>) =>
    Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, T>;
  return {
    programmes: { ...clean(base.programmes), ...clean(next.programmes) },
    organisations: { ...clean(base.organisations), ...clean(next.organisations) },
  };
}
