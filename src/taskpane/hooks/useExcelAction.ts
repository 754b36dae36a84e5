import * as React from "react";
import { runInExcel } from "../../excel/run";

export type ActionMessage = { intent: "error" | "warning" | "info" | "success"; text: string };

/**
 * One action against the workbook at a time, with a busy flag and a message: the shape every
 * view's buttons share. `run(work)` runs `work` in an Excel batch; while it runs `busy` is true (the
 * view disables its buttons, and a second run asked for meanwhile is ignored); if Excel throws,
 * the message says so in words, after `failure` (e.g. "Classification stopped"), which a call
 * may override for its own action ("Could not save").
 */
export function useExcelAction(defaultFailure = "Excel reported a problem") {
  const [busy, setBusy] = React.useState(false);
  const [message, setMessage] = React.useState<ActionMessage | null>(null);
  const running = React.useRef(false);

  const run = React.useCallback(
    async <T>(
      work: (context: Excel.RequestContext) => Promise<T>,
      failure = defaultFailure
    ): Promise<T | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      setBusy(true);
      setMessage(null);
      try {
        return await runInExcel(work);
      } catch (e) {
        setMessage({ intent: "error", text: `${failure}: ${(e as Error)?.message ?? String(e)}` });
        return undefined;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [defaultFailure]
  );

  return { busy, message, setMessage, run };
}
