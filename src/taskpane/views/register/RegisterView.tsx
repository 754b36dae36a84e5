import * as React from "react";
import { Button, MessageBar, MessageBarBody, Text, makeStyles } from "@fluentui/react-components";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ClassifyProgress } from "./ClassifyProgress";
import { RegisterColumns } from "./RegisterColumns";
import { ResultSummary } from "./ResultSummary";
import { useRegisterWorkflow } from "./useRegisterWorkflow";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px", maxWidth: "460px" },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});

/**
 * The funding register: classify every row of the register the selection is in under shopping /
 * investing / giving, write the results beside it and build the "Funding summary" sheet.
 */
export function RegisterView() {
  const s = useStyles();
  const w = useRegisterWorkflow();
  return (
    <div className={s.root}>
      <Text>
        Select a cell in your funding register, then use it. Each row is placed under shopping,
        investing or giving (Wiltshire review, Table 2) with its budget, route, cost recovery and
        flags for rows that look mislabelled.
      </Text>
      <div className={s.actions}>
        <Button
          appearance={w.info ? "secondary" : "primary"}
          onClick={w.pickData}
          disabled={w.busy}
        >
          Use selected data
        </Button>
      </div>
      {w.message && (
        <MessageBar intent={w.message.intent} role="alert">
          <MessageBarBody>{w.message.text}</MessageBarBody>
        </MessageBar>
      )}
      {w.info && (
        <RegisterColumns
          info={w.info}
          choices={w.choices}
          problems={w.problems}
          busy={w.busy}
          onMapping={w.setMapping}
          onInferOutputs={w.setInferOutputs}
          onGroupBy={w.setGroupBy}
          onClassify={() => w.classify(false)}
        />
      )}
      {w.progress && <ClassifyProgress progress={w.progress} />}
      {w.result && (
        <ResultSummary
          summary={w.result.summary}
          summarySheet={w.result.summarySheet}
          usedFormulas={w.result.usedFormulas}
          reconciliation={w.result.reconciliation}
          onJump={w.jump}
        />
      )}
      <ConfirmDialog
        open={w.confirm !== null}
        title="Overwrite cells beside the register?"
        confirmLabel="Overwrite"
        onConfirm={() => w.classify(true)}
        onCancel={w.cancelConfirm}
        modalType="alert"
        cancelFirst
      >
        {w.confirm?.message}
      </ConfirmDialog>
    </div>
  );
}
