import * as React from "react";
import { Button, makeStyles } from "@fluentui/react-components";
import type { ReturnsProblem } from "../../../domain/evaluation/returnsChecks";
import type { FrameworkSettings } from "../../../domain/settings/settings";
import {
  collectReturns,
  openEvaluatorFiles,
  prepareEvaluatorFiles,
  type CollectOutcome,
  type EvaluatorFile,
  type PickedFile,
} from "../../../excel/evaluatorFiles";
import { loadExcelJS } from "../../../files/exceljs";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import type { ActionMessage, useExcelAction } from "../../hooks/useExcelAction";
import { ReturnsPanel } from "./ReturnsPanel";

const useStyles = makeStyles({
  actions: { display: "flex", gap: "8px", flexWrap: "wrap", alignItems: "flex-end" },
});

type Props = {
  settings: FrameworkSettings;
  busy: boolean;
  run: ReturnType<typeof useExcelAction>["run"];
  onMessage: (m: ActionMessage) => void;
  onGo: (p: ReturnsProblem) => void;
};

type CollectDone = Extract<CollectOutcome, { status: "done" }>;

/** Save each file in the browser's downloads (the preview, or Excel without createWorkbook). */
function download(files: EvaluatorFile[]): void {
  if (typeof URL.createObjectURL !== "function") return;
  for (const f of files) {
    const url = URL.createObjectURL(
      new Blob([f.bytes as BlobPart], {
        type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      })
    );
    const a = document.createElement("a");
    a.href = url;
    a.download = f.fileName;
    a.click();
    URL.revokeObjectURL(url);
  }
}

/** The chosen files as the workflow takes them: name, contents and save time. */
const readPicked = (list: FileList | null): Promise<PickedFile[]> =>
  Promise.all(
    [...(list ?? [])].map(async (f) => ({
      name: f.name,
      data: await f.arrayBuffer(),
      lastModified: f.lastModified,
    }))
  );

/**
 * Send to evaluators (one file per panel member: opened as new workbooks in Excel, downloaded in
 * the preview) and Collect returns (the chair picks the returned files; refused ones are listed
 * with the reason; moderated scores are changed only after the chair agrees).
 */
export function EvaluatorFiles({ settings, busy, run, onMessage, onGo }: Props) {
  const s = useStyles();
  const [collected, setCollected] = React.useState<CollectDone | null>(null);
  const [pending, setPending] = React.useState<{ files: PickedFile[]; moderated: string[] } | null>(
    null
  );
  const fileInput = React.useRef<HTMLInputElement>(null);

  const send = async () => {
    const out = await run((ctx) => prepareEvaluatorFiles(ctx, settings, loadExcelJS));
    if (!out) return;
    if (out.status !== "done") return onMessage({ intent: "error", text: out.message });
    const how = await openEvaluatorFiles(out.files);
    if (how === "download") download(out.files);
    onMessage({
      intent: "success",
      text:
        how === "opened"
          ? `Opened ${out.files.length} evaluator files as new workbooks (version ${out.version}): save each and send it to its panel member.`
          : `Downloaded ${out.files.length} evaluator files (version ${out.version}): ${out.files.map((f) => f.fileName).join(", ")}. Send each to its panel member.`,
    });
  };

  const collect = async (files: PickedFile[], overwrite: boolean) => {
    setPending(null);
    setCollected(null);
    const out = await run((ctx) =>
      collectReturns(ctx, settings, loadExcelJS, files, { overwrite })
    );
    if (!out) return;
    if (out.status === "needs-confirmation") setPending({ files, moderated: out.moderated });
    else if (out.status === "done") setCollected(out);
    else onMessage({ intent: "error", text: out.message });
  };

  const onFiles = async (list: FileList | null) => {
    const files = await readPicked(list);
    if (fileInput.current) fileInput.current.value = "";
    if (files.length > 0) await collect(files, false);
  };

  return (
    <>
      <div className={s.actions} role="group" aria-label="Evaluator files">
        <Button disabled={busy} onClick={send}>
          Send to evaluators
        </Button>
        <Button disabled={busy} onClick={() => fileInput.current?.click()}>
          Collect returns
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".xlsx"
          multiple
          hidden
          aria-label="Returned evaluator files"
          onChange={(e) => void onFiles(e.target.files)}
        />
      </div>
      {collected && <ReturnsPanel outcome={collected} onGo={onGo} />}
      <ConfirmDialog
        open={pending !== null}
        title="Change moderated scores?"
        confirmLabel="Import the returns"
        onConfirm={() => pending && collect(pending.files, true)}
        onCancel={() => setPending(null)}
      >
        {`These bids and criteria are already moderated, and the returns would change the scores behind them: ${pending?.moderated.join("; ") ?? ""}. Import anyway? The consensus scores stay as they are.`}
      </ConfirmDialog>
    </>
  );
}
