import * as React from "react";
import { Button, Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import type { EvaluationDraft } from "../../../domain/evaluation/setup";
import type { FrameworkSettings } from "../../../domain/settings/settings";
import { loadSetups, saveSetup } from "../../../excel/evaluation";
import type { ActionMessage, useExcelAction } from "../../hooks/useExcelAction";
import { useSavedSetups } from "./useSavedSetups";

const useStyles = makeStyles({
  heading: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: "4px 0 0",
  },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap", alignItems: "flex-end" },
});

type Props = {
  draft: EvaluationDraft;
  settings: FrameworkSettings;
  busy: boolean;
  run: ReturnType<typeof useExcelAction>["run"];
  onMessage: (m: ActionMessage) => void;
  onLoad: (draft: EvaluationDraft) => void;
};

/** Save the setup in the workbook under a name, and load a saved one back into the form. */
export function SavedSetups({ draft, settings, busy, run, onMessage, onLoad }: Props) {
  const s = useStyles();
  const [setups, setSetups] = useSavedSetups(settings);
  const [setupName, setSetupName] = React.useState("");
  const [chosen, setChosen] = React.useState("");

  const save = async () => {
    const name = setupName.trim() || draft.tenderName.trim() || "Untitled";
    const all = await run(async (ctx) => {
      await saveSetup(ctx, name, draft, settings);
      return loadSetups(ctx, settings);
    });
    if (!all) return;
    setSetups(all);
    setChosen(name);
    onMessage({ intent: "success", text: `Saved the setup "${name}" in this workbook.` });
  };

  const load = () => {
    const d = setups[chosen];
    if (!d) return;
    onLoad(d);
    onMessage({ intent: "info", text: `Loaded the setup "${chosen}".` });
  };

  const names = Object.keys(setups);
  return (
    <>
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
    </>
  );
}
