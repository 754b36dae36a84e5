import * as React from "react";
import {
  Button,
  Dropdown,
  Field,
  Option,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  programmeQuestionText,
  type OrganisationQuestion,
  type ProgrammeQuestion,
} from "../../../domain/classification/answers";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "8px" },
  heading: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: "8px 0 0",
  },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});

export type QuestionsPanelProps = {
  programmes: ProgrammeQuestion[];
  organisations: OrganisationQuestion[];
  answerBy: "programme" | "department" | null;
  /** Which of the two columns the register has (the choice is offered when both). */
  canAskBy: { programme: boolean; department: boolean };
  disabled?: boolean;
  onAnswerBy: (by: "programme" | "department") => void;
  onProgramme: (key: string, label: string, value: boolean | null) => void;
  onOrganisation: (key: string, label: string, tier: "infrastructure" | "frontline" | null) => void;
};

/**
 * One answer chosen from a short list. (A drop-down, which the mapping form already loads, rather
 * than radio buttons, which would add to the task pane's start-up bundle.)
 */
function Choice(p: {
  label: string;
  value: string;
  options: [string, string][];
  disabled?: boolean;
  onChange: (value: string) => void;
}) {
  const shown = p.options.find(([v]) => v === p.value)?.[1] ?? "";
  return (
    <Field label={p.label}>
      <Dropdown
        value={shown}
        selectedOptions={[p.value]}
        disabled={p.disabled}
        onOptionSelect={(_, d) => d.optionValue && p.onChange(d.optionValue)}
      >
        {p.options.map(([v, text]) => (
          <Option key={v} value={v}>
            {text}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

const YES_NO_VALUE = (v: boolean | null) => (v === null ? "unknown" : v ? "yes" : "no");
const YES_NO: [string, string][] = [
  ["yes", "Yes"],
  ["no", "No"],
  ["unknown", "Not answered"],
];
const TIERS: [string, string][] = [
  ["infrastructure", "Yes, infrastructure"],
  ["frontline", "No, frontline"],
  ["unknown", "Not answered"],
];
const rows = (n: number) => `${n.toLocaleString("en-GB")} row${n === 1 ? "" : "s"}`;

/**
 * What the data cannot say, asked once per programme (or department) and once per organisation
 * whose name suggests an infrastructure body. A yes or no in the register's own column wins.
 */
export function QuestionsPanel(p: QuestionsPanelProps) {
  const s = useStyles();
  if (p.answerBy === null && p.organisations.length === 0) return null;
  const unanswered = p.programmes.filter((q) => q.answer === null);
  return (
    <section className={s.section} aria-label="Questions the data cannot answer">
      <h2 className={s.heading}>What the data cannot say</h2>
      <Text>
        The register does not say whether the funder specifies the outputs it pays for. Answer once
        for each {p.answerBy ?? "programme"}; a yes or no typed in the register&apos;s Outputs
        specified column wins for that row. Answers are remembered in this workbook for the next
        file.
      </Text>
      {p.canAskBy.programme && p.canAskBy.department && (
        <Choice
          label="Ask by"
          value={p.answerBy ?? "programme"}
          options={[
            ["programme", "Programme"],
            ["department", "Department"],
          ]}
          disabled={p.disabled}
          onChange={(v) => p.onAnswerBy(v as "programme" | "department")}
        />
      )}
      {p.programmes.map((q) => (
        <Choice
          key={q.key}
          label={`${programmeQuestionText(q.label, p.answerBy ?? "programme")} (${rows(q.rows)})`}
          value={YES_NO_VALUE(q.answer)}
          options={YES_NO}
          disabled={p.disabled}
          onChange={(v) => p.onProgramme(q.key, q.label, v === "unknown" ? null : v === "yes")}
        />
      ))}
      {unanswered.length > 1 && (
        <div className={s.actions}>
          <Button
            disabled={p.disabled}
            onClick={() => unanswered.forEach((q) => p.onProgramme(q.key, q.label, false))}
          >
            Answer No for the {unanswered.length} not answered
          </Button>
        </div>
      )}
      {p.organisations.length > 0 && (
        <>
          <h3 className={s.heading}>Infrastructure bodies suggested by name</h3>
          <Text>
            An infrastructure body supports frontline groups (a CVS, volunteer centre, umbrella or
            second-tier body); funding over the small-grant threshold to one is investment. Confirm
            each suggestion.
          </Text>
          {p.organisations.map((q) => (
            <Choice
              key={q.key}
              label={`Is ${q.label} an infrastructure body? (the name says "${q.why}"; ${rows(q.rows)})`}
              value={q.answer ?? "unknown"}
              options={TIERS}
              disabled={p.disabled}
              onChange={(v) =>
                p.onOrganisation(
                  q.key,
                  q.label,
                  v === "unknown" ? null : (v as "infrastructure" | "frontline")
                )
              }
            />
          ))}
        </>
      )}
    </section>
  );
}
