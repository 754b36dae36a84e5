import * as React from "react";
import type { EvaluationDraft } from "../../../domain/evaluation/setup";
import type { FrameworkSettings } from "../../../domain/settings/settings";
import { loadSetups } from "../../../excel/evaluation";
import { runInExcel } from "../../../excel/run";

/**
 * The setups saved in this workbook, loaded when the view opens (and when the settings change).
 * Loading is quiet: a workbook without saved setups, or one Excel cannot read yet, shows none.
 */
export function useSavedSetups(settings: FrameworkSettings) {
  const [setups, setSetups] = React.useState<Record<string, EvaluationDraft>>({});
  React.useEffect(() => {
    let live = true;
    runInExcel((ctx) => loadSetups(ctx, settings))
      .then((all) => live && setSetups(all))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [settings]);
  return [setups, setSetups] as const;
}
