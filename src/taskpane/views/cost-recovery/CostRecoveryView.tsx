import * as React from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import type { FurtherChoice } from "../../../sheets/cost-recovery/furtherBlock";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { FromMySheet } from "./FromMySheet";
import { PoolsSection } from "./PoolsSection";
import { PriceAService } from "./PriceAService";
import { ProjectsSection } from "./ProjectsSection";
import { useCostRecoveryStyles } from "./styles";
import { useCostRecoveryBuild } from "./useCostRecoveryBuild";
import { useCostRecoveryDraft } from "./useCostRecoveryDraft";

/**
 * "Going further" (years, funder rules, cost lines bidders forget) is loaded when first shown, so
 * its rules stay out of the task pane's start-up bundle (250 KB gzipped budget).
 */
const GoingFurther = React.lazy(() =>
  import("./GoingFurther").then((m) => ({ default: m.GoingFurther }))
);

/** Cost recovery: build the full cost recovery workbook for an organisation, and price a service. */
export function CostRecoveryView() {
  const styles = useCostRecoveryStyles();
  const state = useCostRecoveryDraft();
  const actions = useCostRecoveryBuild();
  const { draft, update } = state;
  // What "Going further" hands over once the user changes it: years and a rule for the sheet.
  const [further, setFurther] = React.useState<FurtherChoice | null>(null);
  const build = (confirmed: boolean) =>
    void actions.build(
      state.setupToBuild(),
      { sheetName: draft.sheetName, startCell: draft.startCell, further },
      confirmed
    );

  return (
    <form
      className={styles.form}
      aria-label="Full cost recovery"
      onSubmit={(e) => {
        e.preventDefault();
        build(false);
      }}
    >
      <Text>
        Cost every project at its full cost: direct costs plus a fair share of each overhead pool
        (the ACEVO / New Philanthropy Capital method), and see for each what the funder pays, what
        the organisation finds, and how much of that is still to find.
      </Text>

      <FromMySheet state={state} />

      <h2 className={styles.group}>Organisation</h2>
      <Field label="Organisation">
        <Input
          id="cost-organisation"
          value={draft.organisation}
          onChange={(_, d) => update({ organisation: d.value })}
        />
      </Field>

      <PoolsSection state={state} errors={state.live.errors} />
      <ProjectsSection state={state} errors={state.live.errors} />

      <h2 className={styles.group}>Where to build it</h2>
      <div className={styles.row}>
        <Field label="Sheet name (new or existing)">
          <Input
            id="cost-sheet"
            value={draft.sheetName}
            onChange={(_, d) => update({ sheetName: d.value })}
          />
        </Field>
        <Field label="Start cell">
          <Input
            id="cost-start"
            value={draft.startCell}
            onChange={(_, d) => update({ startCell: d.value })}
          />
        </Field>
      </div>

      {actions.message && (
        <MessageBar intent={actions.message.intent} role="status">
          <MessageBarBody>{actions.message.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={actions.busy}>
          Build cost recovery sheet
        </Button>
      </div>

      <React.Suspense fallback={<Text>Loading years and funder rules...</Text>}>
        <GoingFurther state={state} onChoice={setFurther} />
      </React.Suspense>

      <PriceAService
        state={state}
        canWrite={!actions.busy && actions.built !== null}
        onWrite={() => void actions.writeBidder(state.bidder, state.bidderErrors)}
      />

      <ConfirmDialog
        open={actions.confirm !== null}
        title="Replace existing content?"
        confirmLabel="Replace"
        onConfirm={() => build(true)}
        onCancel={actions.cancelConfirm}
      >
        {actions.confirm?.message}
      </ConfirmDialog>
    </form>
  );
}
