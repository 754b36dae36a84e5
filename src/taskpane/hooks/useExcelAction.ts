import * as React from "react";
import { runInExcelWithNotes } from "../../excel/run";
import {
  isEditedCellsError,
  isWorkflowBusyError,
  type OwnedDecision,
} from "../../excel/ownershipTypes";
import { EditedCellsContext } from "./editedCells";

export type ActionMessage = { intent: "error" | "warning" | "info" | "success"; text: string };

/** The status when a run of this action is asked for while one is still going. */
export const alreadyRunning = (name = "This action") =>
  `${name} is already running: wait for it to finish`;

/**
 * One action against the workbook at a time, with a busy flag and a message: the shape every
 * view's buttons share. `run(work)` runs `work` in an Excel batch; while it runs `busy` is true (the
 * view disables its buttons; a second run asked for meanwhile does nothing and says so,
 * "Classification is already running: wait for it to finish", naming the action by `name`); if
 * Excel throws, the message says so in words, after `failure` (e.g. "Classification stopped"),
 * which a call may override for its own action ("Could not save").
 *
 * When the workflow stops because cells it wrote were changed by the user since
 * (src/excel/ownership.ts), the question is put to the user (the EditedCellsProvider's dialog):
 * "Keep my changes" or "Overwrite" runs the work again with that answer, and `run` resolves with
 * its result; "Cancel" resolves with undefined and nothing has been changed. The view passes
 * nothing more: the answer travels with the Excel batch. What the batch noted for the user (a new
 * sheet named around one of theirs) becomes the message.
 */
export function useExcelAction(defaultFailure = "Excel reported a problem", name?: string) {
  const [busy, setBusy] = React.useState(false);
  const [message, setMessage] = React.useState<ActionMessage | null>(null);
  const running = React.useRef(false);
  const ask = React.useContext(EditedCellsContext);

  const run = React.useCallback(
    async <T>(
      work: (context: Excel.RequestContext) => Promise<T>,
      failure = defaultFailure
    ): Promise<T | undefined> => {
      if (running.current) {
        setMessage({ intent: "warning", text: alreadyRunning(name) });
        return undefined;
      }
      running.current = true;
      setBusy(true);
      setMessage(null);
      try {
        let decision: OwnedDecision = "ask";
        for (;;) {
          try {
            const { value, notes } = await runInExcelWithNotes(work, decision);
            // e.g. a sheet named around one of the user's: said, so nothing happens unseen
            if (notes.length) setMessage({ intent: "info", text: notes.join(" ") });
            return value;
          } catch (e) {
            if (!isEditedCellsError(e) || decision !== "ask") throw e;
            const answer = ask ? await ask(e.question) : "cancel";
            if (answer === "cancel") {
              setMessage({
                intent: "info",
                text: ask
                  ? "Cancelled: nothing has been changed."
                  : `${e.question.message.replace(/ Keep .*$/, "")} Nothing has been changed.`,
              });
              return undefined;
            }
            decision = answer;
          }
        }
      } catch (e) {
        if (isWorkflowBusyError(e)) setMessage({ intent: "warning", text: e.message });
        else
          setMessage({
            intent: "error",
            text: `${failure}: ${(e as Error)?.message ?? String(e)}`,
          });
        return undefined;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [defaultFailure, name, ask]
  );

  return { busy, message, setMessage, run };
}
