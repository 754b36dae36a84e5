import * as React from "react";
import { Button, Field, Input, Select, Text } from "@fluentui/react-components";
import { FUNDING_TYPES, type FundingType } from "../../../domain/classification/classify";
import { formatPounds } from "../../../domain/kernel/money";
import { fieldError, useCostRecoveryStyles } from "./styles";
import type { CostRecoveryDraftState } from "./useCostRecoveryDraft";

/**
 * "Price a service" (bidder mode): one service's direct costs, expected units and share of
 * overheads (typed, or a project's), priced live; and a button to write it into the sheet built.
 */
export function PriceAService({
  state,
  canWrite,
  onWrite,
}: {
  state: CostRecoveryDraftState;
  canWrite: boolean;
  onWrite: () => void;
}) {
  const styles = useCostRecoveryStyles();
  const { draft, edit, bidderErrors, bidderResult } = state;
  return (
    <>
      <h2 className={styles.group}>Price a service</h2>
      <Text>
        From one service&apos;s direct costs, its share of overheads and expected units: the unit
        price at full cost and who pays what.
      </Text>
      <Field label="Service name">
        <Input
          value={draft.bidder.service}
          onChange={(_, d) => edit.setBidder({ service: d.value })}
        />
      </Field>
      <div className={styles.row}>
        <Field label="Service direct costs (£)" {...fieldError(bidderErrors, "bidder.direct")}>
          <Input
            inputMode="decimal"
            value={draft.bidder.direct}
            onChange={(_, d) => edit.setBidder({ direct: d.value })}
          />
        </Field>
        <Field label="Expected units of output" {...fieldError(bidderErrors, "bidder.units")}>
          <Input
            inputMode="decimal"
            value={draft.bidder.units}
            onChange={(_, d) => edit.setBidder({ units: d.value })}
          />
        </Field>
      </div>
      <div className={styles.row}>
        <Field label="Share of overheads from">
          <Select
            value={draft.bidder.overheadsFrom}
            onChange={(_, d) => edit.setBidder({ overheadsFrom: d.value })}
          >
            <option value="">An amount I type</option>
            {draft.projects.map((p, j) => (
              <option key={p.id} value={String(p.id)}>
                Project {j + 1}: {p.name || "unnamed"}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Share of overheads (£)" {...fieldError(bidderErrors, "bidder.overheads")}>
          <Input
            inputMode="decimal"
            value={state.bidderOverheads()}
            readOnly={draft.bidder.overheadsFrom !== ""}
            onChange={(_, d) => edit.setBidder({ overheads: d.value })}
          />
        </Field>
        <Field label="Service funding type">
          <Select
            value={draft.bidder.type}
            onChange={(_, d) => edit.setBidder({ type: d.value as FundingType })}
          >
            {FUNDING_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </Select>
        </Field>
      </div>
      <ul className={styles.results} aria-label="Price a service results" aria-live="polite">
        <li>Full cost: {formatPounds(bidderResult.fullCost)}</li>
        <li>
          Unit price at full cost:{" "}
          {bidderResult.unitPrice === null
            ? "enter the expected units"
            : formatPounds(bidderResult.unitPrice)}
        </li>
        <li>
          Funder pays: {bidderResult.funder === null ? "-" : formatPounds(bidderResult.funder)}
        </li>
        <li>
          Organisation finds:{" "}
          {bidderResult.organisation === null ? "-" : formatPounds(bidderResult.organisation)}
        </li>
      </ul>
      <div className={styles.actions}>
        <Button type="button" disabled={!canWrite} onClick={onWrite}>
          Write the service to the sheet
        </Button>
      </div>
    </>
  );
}
