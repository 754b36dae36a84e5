import * as React from "react";
import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import {
  blankDraft,
  validateEvaluationSetup,
  type EvaluationDraft,
} from "../../../domain/evaluation/setup";
import type { ReturnsProblem } from "../../../domain/evaluation/returnsChecks";
import {
  checkEvaluationReturns,
  generateEvaluationWorkbook,
  goToCell,
  readSetupFromSelection,
  writeAssessmentSummaries,
  type ChecksOutcome,
} from "../../../excel/evaluation";
import { EvaluatorFiles } from "./EvaluatorFiles";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useExcelAction } from "../../hooks/useExcelAction";
import { useSettings } from "../../hooks/useSettings";
import { ChecksPanel } from "./ChecksPanel";
import { SavedSetups } from "./SavedSetups";
import { SetupForm } from "./SetupForm";
import { SetupProblems } from "./SetupProblems";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "12px",
    maxWidth: "520px",
    minWidth: 0,
    boxSizing: "border-box",
  },
  heading: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: "4px 0 0",
  },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap", alignItems: "flex-end" },
});

/** Sheets that exist already and would be replaced, and by what. */
/** Summaries about to replace sheets that exist already. */
type Confirm = { existing: string[] };

const NOTHING_WRITTEN = "Nothing was written: correct the problems listed below first.";

type ChecksDone = Extract<ChecksOutcome, { status: "done" }>;

/**
 * Evaluation panels: set up a tender (typed, or read from the Tender sheet), generate the panel's
 * workbook (criteria, gateway, a scoring sheet per panel member, moderation, results), send each
 * member their own file and collect the returns, check the returns and write assessment
 * summaries.
 */
export function EvaluationView() {
  const s = useStyles();
  const settings = useSettings();
  const { busy, message, setMessage, run } = useExcelAction();
  const [draft, setDraft] = React.useState<EvaluationDraft>(() => blankDraft(settings));
  const [attempted, setAttempted] = React.useState(false);
  const [confirm, setConfirm] = React.useState<Confirm | null>(null);
  const [checks, setChecks] = React.useState<ChecksDone | null>(null);
  const check = React.useMemo(() => validateEvaluationSetup(draft, settings), [draft, settings]);

  const generate = async () => {
    setAttempted(true);
    setConfirm(null);
    if (!check.model) {
      setMessage({ intent: "error", text: NOTHING_WRITTEN });
      return;
    }
    const out = await run((ctx) => generateEvaluationWorkbook(ctx, draft, settings));
    if (!out) return;
    if (out.status === "invalid") setMessage({ intent: "error", text: NOTHING_WRITTEN });
    else
      setMessage({
        intent: "success",
        text: `Generated ${out.sheets.length} sheets: ${out.sheets.join(", ")}.`,
      });
  };

  const summaries = async (overwrite: boolean) => {
    setConfirm(null);
    const out = await run((ctx) => writeAssessmentSummaries(ctx, settings, { overwrite }));
    if (!out) return;
    if (out.status === "needs-confirmation") setConfirm({ existing: out.existing });
    else if (out.status === "done")
      setMessage({
        intent: "success",
        text: `Wrote ${out.sheets.length} assessment summaries${out.winner ? `, each compared with the winning bid (${out.winner})` : " (no bid has passed yet, so there is no winning bid to compare with)"}.`,
      });
    else setMessage({ intent: "error", text: out.message });
  };

  const checkReturns = async () => {
    setChecks(null);
    const out = await run((ctx) => checkEvaluationReturns(ctx, settings));
    if (!out) return;
    if (out.status === "done") setChecks(out);
    else setMessage({ intent: "error", text: out.message });
  };

  const go = (p: ReturnsProblem) => run((ctx) => goToCell(ctx, p.sheet, p.address));

  const useSelected = async () => {
    const out = await run((ctx) => readSetupFromSelection(ctx, draft));
    if (!out) return;
    if (out.status === "done") {
      setDraft(out.draft);
      setMessage({
        intent: "success",
        text: `Read from "${out.sheet}": ${out.found.join(", ")}. Check the setup below, then generate.`,
      });
    } else setMessage({ intent: "error", text: out.message });
  };

  return (
    <div className={s.root}>
      <h2 className={s.heading}>Evaluation panel</h2>
      <div className={s.actions}>
        <Button disabled={busy} onClick={useSelected}>
          Use selected data
        </Button>
      </div>
      <SetupForm draft={draft} onChange={setDraft} problems={attempted ? check.errors : []} />
      <SetupProblems errors={attempted ? check.errors : []} warnings={check.warnings} />

      <div className={s.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => generate()}>
          Generate evaluation workbook
        </Button>
        <Button disabled={busy} onClick={checkReturns}>
          Check returns
        </Button>
        <Button disabled={busy} onClick={() => summaries(false)}>
          Write assessment summaries
        </Button>
      </div>
      <EvaluatorFiles settings={settings} busy={busy} run={run} onMessage={setMessage} onGo={go} />

      {message && (
        <MessageBar intent={message.intent} role={message.intent === "error" ? "alert" : "status"}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}

      {checks && <ChecksPanel outcome={checks} onGo={go} />}

      <SavedSetups
        draft={draft}
        settings={settings}
        busy={busy}
        run={run}
        onMessage={setMessage}
        onLoad={setDraft}
      />

      <ConfirmDialog
        open={confirm !== null}
        title="Replace existing sheets?"
        confirmLabel="Replace the sheets"
        onConfirm={() => summaries(true)}
        onCancel={() => setConfirm(null)}
      >
        {`These sheets exist already and would be replaced, losing what is on them: ${confirm?.existing.join(", ") ?? ""}.`}
      </ConfirmDialog>
    </div>
  );
}
