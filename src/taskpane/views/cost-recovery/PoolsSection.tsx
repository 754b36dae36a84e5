import * as React from "react";
import { Button, Field, Input, Select, Switch } from "@fluentui/react-components";
import {
  DEFAULT_DRIVER_UNITS,
  DRIVER_NAMES,
  SINGLE_DRIVER_LABEL,
  type DriverKind,
} from "../../../domain/cost-recovery/organisation";
import type { FieldErrors } from "./draft";
import { fieldError, useCostRecoveryStyles } from "./styles";
import type { CostRecoveryDraftState } from "./useCostRecoveryDraft";

/** The overhead pools: the single-driver switch, each pool's name, annual cost and cost driver. */
export function PoolsSection({
  state,
  errors,
}: {
  state: CostRecoveryDraftState;
  errors: FieldErrors;
}) {
  const styles = useCostRecoveryStyles();
  const { draft, update, edit } = state;
  return (
    <>
      <h2 className={styles.group}>Overhead pools (annual)</h2>
      <Switch
        id="cost-single-driver"
        label="Share every pool by one driver, people (small organisations)"
        checked={draft.singleDriver}
        onChange={(_, d) => update({ singleDriver: d.checked })}
      />
      {draft.pools.map((p, k) => (
        <fieldset key={p.id} className={styles.fieldset}>
          <legend>Pool {k + 1}</legend>
          <Field label={`Pool ${k + 1} name`}>
            <Input value={p.name} onChange={(_, d) => edit.setPool(p.id, { name: d.value })} />
          </Field>
          <div className={styles.row}>
            <Field
              label={`Pool ${k + 1} annual cost (£)`}
              {...fieldError(errors, `pool.${p.id}.amount`)}
            >
              <Input
                inputMode="decimal"
                value={p.amount}
                onChange={(_, d) => edit.setPool(p.id, { amount: d.value })}
              />
            </Field>
            <Field label={`Pool ${k + 1} cost driver`}>
              <Select
                value={draft.singleDriver ? "single" : p.driver}
                disabled={draft.singleDriver}
                onChange={(_, d) =>
                  edit.setPool(p.id, {
                    driver: d.value as DriverKind,
                    unit: DEFAULT_DRIVER_UNITS[d.value as DriverKind],
                  })
                }
              >
                {draft.singleDriver && <option value="single">{SINGLE_DRIVER_LABEL}</option>}
                {(Object.keys(DRIVER_NAMES) as DriverKind[]).map((kind) => (
                  <option key={kind} value={kind}>
                    {DRIVER_NAMES[kind]}
                  </option>
                ))}
              </Select>
            </Field>
            {!draft.singleDriver && p.driver !== "directExpenditure" && (
              <Field label={`Pool ${k + 1} driver counted in`}>
                <Input
                  value={p.unit}
                  placeholder="e.g. hours, days, people"
                  onChange={(_, d) => edit.setPool(p.id, { unit: d.value })}
                />
              </Field>
            )}
            <Button
              type="button"
              disabled={draft.pools.length <= 1}
              aria-label={`Remove pool ${k + 1} (${p.name || "unnamed"})`}
              onClick={() => edit.removePool(k)}
            >
              Remove
            </Button>
          </div>
        </fieldset>
      ))}
      <div className={styles.actions}>
        <Button type="button" onClick={edit.addPool}>
          Add pool
        </Button>
      </div>
    </>
  );
}
