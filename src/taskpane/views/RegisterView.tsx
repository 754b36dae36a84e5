import * as React from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { mappingProblems, type ColumnMapping, type RegisterField } from "../../domain/classification/register";
import { currentSettings } from "../../domain/settings/runtimeSettings";
import {
  classifyRegister,
  findRegister,
  selectRegisterRow,
  type ClassifyOutcome,
  type Progress,
  type RegisterInfo,
} from "../../excel/register";
import { MappingForm } from "./register/MappingForm";
import { ResultSummary } from "./register/ResultSummary";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px", maxWidth: "460px" },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: "4px 0 0" },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});

type Done = Extract<ClassifyOutcome, { status: "done" }>;
type Confirm = Extract<ClassifyOutcome, { status: "needs-confirmation" }>;

/**
 * The funding register: classify every row of the register the selection is in under shopping /
 * investing / giving, write the results beside it and build the "Funding summary" sheet.
 */
export function RegisterView() {
  const s = useStyles();
  const [info, setInfo] = React.useState<RegisterInfo | null>(null);
  const [mapping, setMapping] = React.useState<ColumnMapping>({});
  const [inferOutputs, setInferOutputs] = React.useState(false);
  const [groupBy, setGroupBy] = React.useState<RegisterField | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [progress, setProgress] = React.useState<Progress | null>(null);
  const [message, setMessage] = React.useState<{ intent: "error" | "warning" | "info"; text: string } | null>(null);
  const [result, setResult] = React.useState<Done | null>(null);
  const [confirm, setConfirm] = React.useState<Confirm | null>(null);

  const pickData = async () => {
    setBusy(true);
    setMessage(null);
    setResult(null);
    try {
      const found = await Excel.run((context) => findRegister(context));
      if (!found.ok) {
        setInfo(null);
        setMessage({ intent: "warning", text: found.message });
      } else {
        setInfo(found.info);
        setMapping(found.info.mapping);
        setInferOutputs(found.info.inferOutputs);
        setGroupBy(found.info.groupBy);
      }
    } catch (e) {
      setMessage({ intent: "error", text: `Could not read the selection: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  const run = async (confirmOverwrite: boolean) => {
    if (!info) return;
    setBusy(true);
    setMessage(null);
    setResult(null);
    setConfirm(null);
    setProgress({ phase: "Starting", done: 0, total: info.rowCount - 1 });
    try {
      const outcome = await Excel.run((context) =>
        classifyRegister(context, info, { mapping, inferOutputs, groupBy, settings: currentSettings(), confirmOverwrite, onProgress: setProgress }),
      );
      if (outcome.status === "invalid") setMessage({ intent: "warning", text: outcome.problems.join(" ") });
      else if (outcome.status === "needs-confirmation") setConfirm(outcome);
      else {
        setResult(outcome);
        // The result columns are now part of the register: refresh what we know of it.
        const found = await Excel.run((context) => findRegister(context));
        if (found.ok && found.info.sheet === info.sheet) setInfo({ ...found.info, mapping, inferOutputs, groupBy });
      }
    } catch (e) {
      setMessage({ intent: "error", text: `Classification stopped: ${(e as Error).message}` });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const jump = async (row: number) => {
    if (!info) return;
    try {
      await Excel.run((context) => selectRegisterRow(context, info, row));
    } catch (e) {
      setMessage({ intent: "error", text: `Could not select row ${row}: ${(e as Error).message}` });
    }
  };

  const problems = info ? mappingProblems(mapping, inferOutputs) : [];
  const rows = info ? info.rowCount - 1 : 0;

  return (
    <div className={s.root}>
      <Text>
        Select a cell in your funding register, then use it. Each row is placed under shopping, investing or giving (Wiltshire review,
        Table 2) with its budget, route, cost recovery and flags for rows that look mislabelled.
      </Text>
      <div className={s.actions}>
        <Button appearance={info ? "secondary" : "primary"} onClick={pickData} disabled={busy}>
          Use selected data
        </Button>
      </div>
      {message && (
        <MessageBar intent={message.intent} role="alert">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {info && (
        <>
          <Text>
            Register: {info.sheet}!{info.address}
            {info.tableName ? ` (table ${info.tableName})` : ""}, {rows} rows.
            {info.resultBlock !== null ? " Results from an earlier run will be updated in place." : ""}
          </Text>
          <h2 className={s.heading}>Columns</h2>
          <MappingForm
            headers={info.headers}
            resultBlock={info.resultBlock}
            mapping={mapping}
            inferOutputs={inferOutputs}
            groupBy={groupBy}
            disabled={busy}
            onMapping={(m) => {
              setMapping(m);
              if (groupBy && m[groupBy] === undefined) setGroupBy(null);
            }}
            onInferOutputs={setInferOutputs}
            onGroupBy={setGroupBy}
          />
          {problems.length > 0 && (
            <MessageBar intent="info">
              <MessageBarBody>{problems.join(" ")}</MessageBarBody>
            </MessageBar>
          )}
          <div className={s.actions}>
            <Button appearance="primary" onClick={() => run(false)} disabled={busy || problems.length > 0}>
              Classify
            </Button>
          </div>
        </>
      )}
      {progress && (
        <Field label={`${progress.phase}: ${progress.done.toLocaleString("en-GB")} of ${progress.total.toLocaleString("en-GB")} rows`} validationState="none">
          <ProgressBar value={progress.total ? progress.done / progress.total : 0} max={1} />
        </Field>
      )}
      {result && (
        <ResultSummary
          summary={result.summary}
          summarySheet={result.summarySheet}
          usedFormulas={result.usedFormulas}
          reconciliation={result.reconciliation}
          onJump={jump}
        />
      )}
      <Dialog open={confirm !== null} onOpenChange={(_, d) => !d.open && setConfirm(null)} modalType="alert">
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Overwrite cells beside the register?</DialogTitle>
            <DialogContent>{confirm?.message}</DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setConfirm(null)}>
                Cancel
              </Button>
              <Button appearance="primary" onClick={() => run(true)}>
                Overwrite
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
