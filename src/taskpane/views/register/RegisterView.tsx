import * as React from "react";
import { Button, MessageBar, MessageBarBody, Text, makeStyles } from "@fluentui/react-components";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ClassifyProgress } from "./ClassifyProgress";
import { QuestionsPanel } from "./QuestionsPanel";
import { RegisterColumns } from "./RegisterColumns";
import { ResultSummary } from "./ResultSummary";
import { useRegisterWorkflow } from "./useRegisterWorkflow";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px", maxWidth: "460px" },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});

/** The kinds of file the register view opens. */
const FILE_TYPES = ".csv,.xlsx,.json,text/csv,application/json";

/**
 * The funding register: open a downloaded register (or use the one the selection is in),
 * answer what the data cannot say, classify every row under shopping / investing / giving, write
 * the results beside it and build the "Funding summary" sheet.
 */
export function RegisterView() {
  const s = useStyles();
  const w = useRegisterWorkflow();
  const fileInput = React.useRef<HTMLInputElement>(null);
  return (
    <div className={s.root}>
      <Text>
        Open a register you downloaded (CSV, Excel or 360Giving JSON), or select a cell in your
        funding register and use it. Each row is placed under shopping, investing or giving
        (Wiltshire review, Table 2) with its budget, route, cost recovery and flags for rows that
        look mislabelled.
      </Text>
      <div className={s.actions}>
        <Button
          appearance={w.info ? "secondary" : "primary"}
          onClick={() => fileInput.current?.click()}
          disabled={w.busy}
        >
          Open a register file
        </Button>
        <Button appearance="secondary" onClick={w.pickData} disabled={w.busy}>
          Use selected data
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept={FILE_TYPES}
          aria-label="Register file"
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void w.openFile({ name: file.name, data: file });
          }}
        />
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
        >
          <QuestionsPanel
            programmes={w.questions.programmes}
            organisations={w.questions.organisations}
            answerBy={w.choices.answerBy}
            canAskBy={{
              programme: w.choices.mapping.programme !== undefined,
              department: w.choices.mapping.department !== undefined,
            }}
            disabled={w.busy}
            onAnswerBy={w.setAnswerBy}
            onProgramme={w.answerProgramme}
            onOrganisation={w.answerOrganisation}
          />
        </RegisterColumns>
      )}
      {w.progress && <ClassifyProgress progress={w.progress} />}
      {w.result && (
        <ResultSummary
          quality={w.result.quality}
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
