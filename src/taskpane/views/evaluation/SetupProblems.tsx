import * as React from "react";
import { MessageBar, MessageBarBody, makeStyles } from "@fluentui/react-components";
import type { Problem } from "../../../domain/kernel/problem";

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: "18px" },
});

/** The setup's problems to correct (once the user has tried to generate) and its warnings. */
export function SetupProblems({ errors, warnings }: { errors: Problem[]; warnings: Problem[] }) {
  const s = useStyles();
  return (
    <>
      {errors.length > 0 && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <ul className={s.list} aria-label="Problems to correct">
              {errors.map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {warnings.map((w, i) => (
        <MessageBar key={i} intent="warning">
          <MessageBarBody>{`Warning: ${w.message}`}</MessageBarBody>
        </MessageBar>
      ))}
    </>
  );
}
