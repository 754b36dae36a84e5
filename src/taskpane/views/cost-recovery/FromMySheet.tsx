import * as React from "react";
import { Button, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { readBudgetFromSheet } from "../../../excel/costRecovery";
import { useExcelAction } from "../../hooks/useExcelAction";
import { draftFromSetup } from "./draft";
import { useCostRecoveryStyles } from "./styles";
import type { CostRecoveryDraftState } from "./useCostRecoveryDraft";

type Read =
  | { ok: true; sheetName: string; mapping: string[] }
  | { ok: false; text: string; problems: string[] };

/**
 * "Start from my sheet": read the overhead pools, drivers and projects from the organisation's
 * own budget sheet (the active sheet) into the form, and show how each column was read. Values
 * that cannot be read are listed and nothing is filled in (never counted as £0); the form below
 * stays for organisations starting from nothing.
 */
export function FromMySheet({ state }: { state: CostRecoveryDraftState }) {
  const styles = useCostRecoveryStyles();
  const action = useExcelAction("Could not read the sheet");
  const [read, setRead] = React.useState<Read | null>(null);

  const readSheet = async () => {
    setRead(null);
    const outcome = await action.run((context) => readBudgetFromSheet(context));
    if (!outcome) return;
    if (!outcome.ok) {
      setRead({ ok: false, text: outcome.message, problems: [] });
      return;
    }
    const { reading } = outcome;
    if (reading.problems.length) {
      setRead({
        ok: false,
        text: `Not read: fix these on ${outcome.sheetName} and read it again.`,
        problems: reading.problems.map((p) => p.message),
      });
      return;
    }
    state.update(draftFromSetup(reading.setup, state.draft));
    setRead({ ok: true, sheetName: outcome.sheetName, mapping: reading.mapping });
  };

  return (
    <>
      <h2 className={styles.group}>Start from my sheet</h2>
      <Text>
        Open the sheet with your budget (a projects table and an overhead pools table) and read it:
        the form below is filled in from it, and you can check or change anything before building.
      </Text>
      <div className={styles.actions}>
        <Button type="button" disabled={action.busy} onClick={() => void readSheet()}>
          Read the budget from the active sheet
        </Button>
      </div>
      {action.message && (
        <MessageBar intent={action.message.intent}>
          <MessageBarBody>{action.message.text}</MessageBarBody>
        </MessageBar>
      )}
      {read && !read.ok && (
        <MessageBar intent="error">
          <MessageBarBody>
            {read.text}
            {read.problems.length > 0 && (
              <ul className={styles.results} aria-label="What could not be read">
                {read.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {read && read.ok && (
        <ul className={styles.results} aria-label={`How ${read.sheetName} was read`}>
          {read.mapping.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </>
  );
}
