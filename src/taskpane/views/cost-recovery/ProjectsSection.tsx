import * as React from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
} from "@fluentui/react-components";
import { FUNDING_TYPES, type FundingType } from "../../../domain/classification/classify";
import { answerSentence } from "../../../domain/cost-recovery/answer";
import { driverLabel } from "../../../domain/cost-recovery/organisation";
import { formatPounds } from "../../../domain/kernel/money";
import type { FieldErrors, ProjectDraft } from "./draft";
import { fieldError, useCostRecoveryStyles } from "./styles";
import type { CostRecoveryDraftState } from "./useCostRecoveryDraft";

type ProjectProps = {
  state: CostRecoveryDraftState;
  errors: FieldErrors;
  project: ProjectDraft;
  index: number;
};

/** A project's driver values: people with the single driver, else one per pool not shared by spend. */
function DriverFields({ state, errors, project: p, index: j }: ProjectProps) {
  const { draft, edit } = state;
  const setP = (patch: Partial<ProjectDraft>) => edit.setProject(p.id, patch);
  if (draft.singleDriver)
    return (
      <Field
        label={`Project ${j + 1} people (headcount or FTE)`}
        {...fieldError(errors, `project.${p.id}.driver.0`)}
      >
        <Input
          inputMode="decimal"
          value={p.drivers[0] ?? ""}
          onChange={(_, d) => setP({ drivers: [d.value, ...p.drivers.slice(1)] })}
        />
      </Field>
    );
  return (
    <>
      {draft.pools.map((pool, k) =>
        pool.driver === "directExpenditure" ? null : (
          <Field
            key={pool.id}
            label={`Project ${j + 1} ${driverLabel(pool.driver, pool.unit).toLowerCase()} for ${pool.name || `pool ${k + 1}`}`}
            {...fieldError(errors, `project.${p.id}.driver.${k}`)}
          >
            <Input
              inputMode="decimal"
              value={p.drivers[k] ?? ""}
              onChange={(_, d) =>
                setP({ drivers: p.drivers.map((x, i) => (i === k ? d.value : x)) })
              }
            />
          </Field>
        )
      )}
    </>
  );
}

/** One project: name, direct costs, units, funding type, price, driver values, and its live full cost. */
function ProjectFieldset(props: ProjectProps) {
  const styles = useCostRecoveryStyles();
  const { state, errors, project: p, index: j } = props;
  const setP = (patch: Partial<ProjectDraft>) => state.edit.setProject(p.id, patch);
  const r = state.live.result?.projects[j];
  return (
    <fieldset className={styles.fieldset}>
      <legend>Project {j + 1}</legend>
      <Field label={`Project ${j + 1} name`}>
        <Input value={p.name} onChange={(_, d) => setP({ name: d.value })} />
      </Field>
      <div className={styles.row}>
        <Field
          label={`Project ${j + 1} direct costs (£)`}
          {...fieldError(errors, `project.${p.id}.direct`)}
        >
          <Input
            inputMode="decimal"
            value={p.direct}
            onChange={(_, d) => setP({ direct: d.value })}
          />
        </Field>
        <Field
          label={`Project ${j + 1} units of output`}
          {...fieldError(errors, `project.${p.id}.units`)}
        >
          <Input
            inputMode="decimal"
            value={p.units}
            onChange={(_, d) => setP({ units: d.value })}
          />
        </Field>
      </div>
      <div className={styles.row}>
        <Field label={`Project ${j + 1} funding type`}>
          <Select value={p.type} onChange={(_, d) => setP({ type: d.value as FundingType })}>
            {FUNDING_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </Select>
        </Field>
        <Field
          label={`Project ${j + 1} price offered or award (£)`}
          {...fieldError(errors, `project.${p.id}.price`)}
        >
          <Input
            inputMode="decimal"
            value={p.price}
            onChange={(_, d) => setP({ price: d.value })}
          />
        </Field>
      </div>
      <div className={styles.row}>
        <DriverFields {...props} />
      </div>
      <div aria-live="polite">
        {r ? (
          <>
            <Text size={200} block>
              Full cost {formatPounds(r.fullCost)} (overheads {formatPounds(r.overheads)})
            </Text>
            {r.answer && (
              <Text size={200} block>
                {answerSentence(r.answer)}
              </Text>
            )}
          </>
        ) : (
          <Text size={200}>Figures appear when every entry is valid: fix the fields marked.</Text>
        )}
      </div>
      <Button
        type="button"
        disabled={state.draft.projects.length <= 1}
        aria-label={`Remove project ${j + 1} (${p.name || "unnamed"})`}
        onClick={() => state.edit.removeProject(p.id)}
      >
        Remove project
      </Button>
    </fieldset>
  );
}

/** The projects, each with its live full cost, and Add project. */
export function ProjectsSection({
  state,
  errors,
}: {
  state: CostRecoveryDraftState;
  errors: FieldErrors;
}) {
  const styles = useCostRecoveryStyles();
  return (
    <>
      <h2 className={styles.group}>Projects</h2>
      {state.draft.projects.map((p, j) => (
        <ProjectFieldset key={p.id} state={state} errors={errors} project={p} index={j} />
      ))}
      {state.live.warnings.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <ul className={styles.results} aria-label="Funding type warnings">
              {state.live.warnings.map((w) => (
                <li key={w.field}>{w.message}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button type="button" onClick={state.edit.addProject}>
          Add project
        </Button>
      </div>
    </>
  );
}
