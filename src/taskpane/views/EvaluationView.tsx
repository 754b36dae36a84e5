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
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { blankDraft, validateSetup, type EvaluationDraft } from "../../domain/evaluation/setup";
import { currentSettings, onSettingsChange } from "../../domain/settings/runtimeSettings";
import type { Finding } from "../../domain/evaluation/returnsChecks";
import {
  checkEvaluationReturns,
  generateEvaluationWorkbook,
  goToCell,
  loadSetups,
  saveSetup,
  writeAssessmentSummaries,
  type ChecksOutcome,
} from "../../excel/evaluation";
import { SetupForm } from "./evaluation/SetupForm";
import { ChecksPanel } from "./evaluation/ChecksPanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px", maxWidth: "520px" },
  heading: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: "4px 0 0",
  },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap", alignItems: "flex-end" },
  list: { margin: 0, paddingLeft: "18px" },
});

type Confirm = { what: "generate" | "summaries"; existing: string[] };
type Message = { intent: "error" | "warning" | "info" | "success"; text: string };

/**
 * Evaluation panels: set up a tender, generate the panel's workbook (criteria, a scoring sheet per
 * panel member, moderation, results), check the returns and write assessment summaries.
 */
export function EvaluationView() {
  const s = useStyles();
  const [settings, setSettings] = React.useState(currentSettings);
  React.useEffect(() => onSettingsChange(setSettings), []);
  const [draft, setDraft] = React.useState<EvaluationDraft>(() => blankDraft(settings));
  const [attempted, setAttempted] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [message, setMessage] = React.useState<Message | null>(null);
  const [confirm, setConfirm] = React.useState<Confirm | null>(null);
  const [checks, setChecks] = React.useState<Extract<ChecksOutcome, { status: "done" }> | null>(
    null
  );
  const [setups, setSetups] = React.useState<Record<string, EvaluationDraft>>({});
  const [setupName, setSetupName] = React.useState("");
  const [chosen, setChosen] = React.useState("");

  const validation = React.useMemo(() => validateSetup(draft, settings), [draft, settings]);

  React.useEffect(() => {
    let live = true;
    Excel.run((ctx) => loadSetups(ctx, settings))
      .then((all) => live && setSetups(all))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [settings]);

  const run = async (job: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await job();
    } catch (e) {
      setMessage({
        intent: "error",
        text: `Excel reported a problem: ${(e as Error)?.message ?? String(e)}`,
      });
    } finally {
      setBusy(false);
    }
  };

  const generate = (overwrite: boolean) =>
    run(async () => {
      setAttempted(true);
      setConfirm(null);
      if (!validation.model) {
        setMessage({
          intent: "error",
          text: "Nothing was written: correct the problems listed below first.",
        });
        return;
      }
      const out = await Excel.run((ctx) =>
        generateEvaluationWorkbook(ctx, draft, settings, { overwrite })
      );
      if (out.status === "invalid")
        setMessage({
          intent: "error",
          text: "Nothing was written: correct the problems listed below first.",
        });
      else if (out.status === "needs-confirmation")
        setConfirm({ what: "generate", existing: out.existing });
      else
        setMessage({
          intent: "success",
          text: `Generated ${out.sheets.length} sheets: ${out.sheets.join(", ")}.`,
        });
    });

  const summaries = (overwrite: boolean) =>
    run(async () => {
      setConfirm(null);
      const out = await Excel.run((ctx) => writeAssessmentSummaries(ctx, settings, { overwrite }));
      if (out.status === "needs-confirmation")
        setConfirm({ what: "summaries", existing: out.existing });
      else if (out.status === "done")
        setMessage({
          intent: "success",
          text: `Wrote ${out.sheets.length} assessment summaries${out.winner ? `, each compared with the winning bid (${out.winner})` : " (no bid has passed yet, so there is no winning bid to compare with)"}.`,
        });
      else setMessage({ intent: "error", text: out.message });
    });

  const checkReturns = () =>
    run(async () => {
      setChecks(null);
      const out = await Excel.run((ctx) => checkEvaluationReturns(ctx, settings));
      if (out.status === "done") setChecks(out);
      else setMessage({ intent: "error", text: out.message });
    });

  const go = (f: Finding) => run(() => Excel.run((ctx) => goToCell(ctx, f.sheet, f.address)));

  const save = () =>
    run(async () => {
      const name = setupName.trim() || draft.tenderName.trim() || "Untitled";
      await Excel.run((ctx) => saveSetup(ctx, name, draft, settings));
      const all = await Excel.run((ctx) => loadSetups(ctx, settings));
      setSetups(all);
      setChosen(name);
      setMessage({ intent: "success", text: `Saved the setup "${name}" in this workbook.` });
    });

  const load = () => {
    const d = setups[chosen];
    if (!d) return;
    setDraft(d);
    setMessage({ intent: "info", text: `Loaded the setup "${chosen}".` });
  };

  const names = Object.keys(setups);
  return (
    <div className={s.root}>
      <h2 className={s.heading}>Evaluation panel</h2>
      <SetupForm draft={draft} onChange={setDraft} issues={attempted ? validation.errors : []} />

      {attempted && validation.errors.length > 0 && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <ul className={s.list} aria-label="Problems to correct">
              {validation.errors.map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {validation.warnings.map((w, i) => (
        <MessageBar key={i} intent="warning">
          <MessageBarBody>{`Warning: ${w.message}`}</MessageBarBody>
        </MessageBar>
      ))}

      <div className={s.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => generate(false)}>
          Generate evaluation workbook
        </Button>
        <Button disabled={busy} onClick={checkReturns}>
          Check returns
        </Button>
        <Button disabled={busy} onClick={() => summaries(false)}>
          Write assessment summaries
        </Button>
      </div>

      {message && (
        <MessageBar intent={message.intent} role={message.intent === "error" ? "alert" : "status"}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}

      {checks && <ChecksPanel outcome={checks} onGo={go} />}

      <h2 className={s.heading}>Saved setups</h2>
      <div className={s.actions}>
        <Field label="Save this setup as">
          <Input
            value={setupName}
            onChange={(_, d) => setSetupName(d.value)}
            placeholder={draft.tenderName || "Setup name"}
          />
        </Field>
        <Button disabled={busy} onClick={save}>
          Save setup
        </Button>
      </div>
      <div className={s.actions}>
        <Field label="Saved setup">
          <Select
            value={chosen}
            onChange={(_, d) => setChosen(d.value)}
            disabled={names.length === 0}
          >
            <option value="">
              {names.length === 0 ? "None saved in this workbook" : "Choose a setup"}
            </option>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </Field>
        <Button disabled={busy || !setups[chosen]} onClick={load}>
          Load setup
        </Button>
      </div>

      <Dialog open={confirm !== null} onOpenChange={(_, d) => !d.open && setConfirm(null)}>
        <DialogSurface aria-describedby="evaluation-overwrite-text">
          <DialogBody>
            <DialogTitle>Replace existing sheets?</DialogTitle>
            <DialogContent id="evaluation-overwrite-text">
              {`These sheets exist already and would be replaced, losing what is on them: ${confirm?.existing.join(", ") ?? ""}.`}
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                onClick={() => (confirm?.what === "summaries" ? summaries(true) : generate(true))}
              >
                Replace the sheets
              </Button>
              <Button onClick={() => setConfirm(null)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
