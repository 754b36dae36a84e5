import * as React from "react";
import { Button, Field, Input, Select, Text } from "@fluentui/react-components";
import { answerSentence } from "../../../domain/cost-recovery/answer";
import { FORGOTTEN_LINES, salaryOnCosts } from "../../../domain/cost-recovery/costLines";
import { deeperCosting } from "../../../domain/cost-recovery/deeper";
import { MTDC_CATEGORIES } from "../../../domain/cost-recovery/mtdc";
import { funderPresets } from "../../../domain/cost-recovery/presets";
import { MAX_YEARS, yearsInWords } from "../../../domain/cost-recovery/years";
import { formatPounds, parseMoney } from "../../../domain/kernel/money";
import { furtherShown, type FurtherChoice } from "../../../sheets/cost-recovery/furtherBlock";
import { useSettings } from "../../hooks/useSettings";
import { useCostRecoveryStyles } from "./styles";
import type { CostRecoveryDraftState } from "./useCostRecoveryDraft";

/** A percentage typed in the pane: a number from 0 to 100, else null. */
const percentOf = (text: string): number | null => {
  const n = Number(text.trim().replace(/%$/, ""));
  return text.trim() !== "" && Number.isFinite(n) && n >= 0 && n <= 100 ? n : null;
};

/** The salary on-cost builder: a salary's employer NI and pension, added to a project's direct costs. */
function OnCostBuilder({ state, project }: { state: CostRecoveryDraftState; project: number }) {
  const settings = useSettings();
  const [salary, setSalary] = React.useState("");
  const pence = parseMoney(salary);
  const built = pence !== null && pence >= 0 ? salaryOnCosts(pence, settings) : null;
  const p = state.draft.projects[project];
  const add = () => {
    if (!built?.ok || !p) return;
    const now = parseMoney(p.direct || "0");
    if (now === null) return;
    state.edit.setProject(p.id, { direct: ((now + built.value.total) / 100).toFixed(2) });
  };
  return (
    <>
      <Field
        label="Salary a year (£)"
        validationState={salary && !built?.ok ? "error" : "none"}
        validationMessage={
          salary && !built?.ok ? "Salary must be an amount in pounds, £0 or more" : undefined
        }
      >
        <Input inputMode="decimal" value={salary} onChange={(_, d) => setSalary(d.value)} />
      </Field>
      {built?.ok && (
        <Text size={200}>
          Employer National Insurance {formatPounds(built.value.employerNi)} (
          {settings.costEmployerNiPercent}% above{" "}
          {formatPounds(Math.round(settings.costEmployerNiThreshold * 100))}
          ), pension {formatPounds(built.value.pension)} ({settings.costEmployerPensionPercent}%):
          the post costs {formatPounds(built.value.total)} a year.
        </Text>
      )}
      <div className={useCostRecoveryStyles().actions}>
        <Button type="button" disabled={!built?.ok || !p} onClick={add}>
          Add the post to project {project + 1}&apos;s direct costs
        </Button>
      </div>
    </>
  );
}

/**
 * The choices made in Going further, and the project costed further with them. Once the user
 * changes a choice, it is handed to `onChoice` so the next build puts the years and the rule on
 * the sheet (when more than one year or a rule other than full cost is chosen); until then the
 * sheet is built without them.
 */
function useFurther(
  state: CostRecoveryDraftState,
  onChoice?: (choice: FurtherChoice | null) => void
) {
  const settings = useSettings();
  const presets = funderPresets(settings);
  const [project, setProject] = React.useState(0);
  const [years, setYears] = React.useState(String(settings.fundingTermNormYears));
  const [inflation, setInflation] = React.useState(String(settings.costInflationPercent));
  const [presetId, setPresetId] = React.useState("full");
  const [category, setCategory] = React.useState("salaries and wages");
  const [touched, setTouched] = React.useState(false);
  const touch =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setTouched(true);
      set(v);
    };
  const j = Math.min(project, state.draft.projects.length - 1);
  const r = state.live.result?.projects[j];
  const rate = percentOf(inflation);
  const preset = presets.find((p) => p.id === presetId) ?? presets[0];
  const costed =
    r && rate !== null
      ? deeperCosting(
          {
            directPence: r.directPence,
            directCategory: category,
            overheads: state.live.setup.pools.map((pool, k) => ({
              name: pool.name,
              pence: r.shares[k],
            })),
            preset,
            // the price or award entered is a year's: over the period, once for each year
            price: r.awardPence === null ? null : r.awardPence * Number(years),
            years: Number(years),
            inflationPercent: rate,
          },
          settings
        )
      : null;
  const choice: FurtherChoice | null =
    touched && rate !== null && state.draft.projects[j]
      ? {
          project: j,
          years: Number(years),
          inflationPercent: rate,
          preset,
          directCategory: category,
        }
      : null;
  const choiceKey = JSON.stringify(choice);
  React.useEffect(() => {
    onChoice?.(choiceKey === "null" ? null : (JSON.parse(choiceKey) as FurtherChoice));
  }, [choiceKey, onChoice]);
  return {
    presets,
    j,
    years,
    inflation,
    presetId,
    category,
    rate,
    preset,
    costed,
    onSheet: furtherShown(choice),
    set: {
      project: touch(setProject),
      years: touch(setYears),
      inflation: touch(setInflation),
      preset: touch(setPresetId),
      category: touch(setCategory),
    },
  };
}

/** The figures for the project costed further, live, and whether the next build puts them on the sheet. */
function FurtherFigures({ f }: { f: ReturnType<typeof useFurther> }) {
  const styles = useCostRecoveryStyles();
  const { costed } = f;
  return (
    <div aria-live="polite">
      {!costed && <Text size={200}>Figures appear when every entry is valid.</Text>}
      {costed && !costed.ok && <Text size={200}>{costed.problem.message}</Text>}
      {costed?.ok && (
        <ul className={styles.results} aria-label="Going further results">
          <li>Full cost by year: {yearsInWords(costed.value.costing)}.</li>
          <li>Over the period: {answerSentence(costed.value.answer)}</li>
          <li>{costed.value.termNote}</li>
        </ul>
      )}
      {f.onSheet && (
        <Text size={200}>
          Building the sheet adds these years and this funder rule for project {f.j + 1}, below the
          notes.
        </Text>
      )}
    </div>
  );
}

/**
 * Going further for one project: years with inflation, a funder rule with its source, the lines
 * bidders forget, and a salary on-cost builder feeding the project's direct costs.
 */
export function GoingFurther({
  state,
  onChoice,
}: {
  state: CostRecoveryDraftState;
  onChoice?: (choice: FurtherChoice | null) => void;
}) {
  const styles = useCostRecoveryStyles();
  const f = useFurther(state, onChoice);
  const { j, rate, preset } = f;
  return (
    <>
      <h2 className={styles.group}>Going further: years, funder rules, lines bidders forget</h2>
      <div className={styles.row}>
        <Field label="Project to cost further">
          <Select value={String(j)} onChange={(_, d) => f.set.project(Number(d.value))}>
            {state.draft.projects.map((p, i) => (
              <option key={p.id} value={String(i)}>
                Project {i + 1}: {p.name || "unnamed"}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Years">
          <Select value={f.years} onChange={(_, d) => f.set.years(d.value)}>
            {Array.from({ length: MAX_YEARS }, (_, y) => (
              <option key={y} value={String(y + 1)}>
                {y + 1}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Inflation a year (%)"
          validationState={rate === null ? "error" : "none"}
          validationMessage={
            rate === null ? "Inflation must be a percentage from 0 to 100" : undefined
          }
        >
          <Input
            inputMode="decimal"
            value={f.inflation}
            onChange={(_, d) => f.set.inflation(d.value)}
          />
        </Field>
      </div>
      <div className={styles.row}>
        <Field label="Funder rule" hint={`Source: ${preset.source}`}>
          <Select value={f.presetId} onChange={(_, d) => f.set.preset(d.value)}>
            {f.presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </Select>
        </Field>
        {preset.rule.kind === "usDeMinimis" && (
          <Field label="Direct costs count in MTDC as">
            <Select value={f.category} onChange={(_, d) => f.set.category(d.value)}>
              {Object.keys(MTDC_CATEGORIES).map((c) => (
                <option key={c}>{c}</option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      <FurtherFigures f={f} />
      <h3 className={styles.group}>Lines bidders forget</h3>
      <ul className={styles.results} aria-label="Lines bidders forget">
        {FORGOTTEN_LINES.map((l) => (
          <li key={l.id}>
            <strong>{l.label}</strong>: {l.prompt}.
          </li>
        ))}
      </ul>
      <OnCostBuilder state={state} project={j} />
    </>
  );
}
