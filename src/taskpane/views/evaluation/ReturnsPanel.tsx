import * as React from "react";
import { MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import type { ReturnsProblem } from "../../../domain/evaluation/returnsChecks";
import type { CollectOutcome } from "../../../excel/evaluatorFiles";
import { ProblemList, useListStyles } from "./ProblemList";

type Done = Extract<CollectOutcome, { status: "done" }>;

/** What "Collect returns" did: imported, refused (with the reason), not returned, still missing. */
export function ReturnsPanel({
  outcome,
  onGo,
}: {
  outcome: Done;
  onGo: (p: ReturnsProblem) => void;
}) {
  const s = useListStyles();
  const { imported, refused, notReturned, problems } = outcome;
  return (
    <section aria-label="Collected returns">
      <MessageBar intent={refused.length > 0 ? "warning" : "success"}>
        <MessageBarBody>
          {`Imported ${imported.length} return${imported.length === 1 ? "" : "s"} into Moderation${imported.length ? `: ${imported.map((i) => i.member).join(", ")}` : ""}.`}
        </MessageBarBody>
      </MessageBar>
      {refused.length > 0 && (
        <>
          <h3 className={s.heading}>{`Refused (${refused.length})`}</h3>
          <ul className={s.list}>
            {refused.map((r) => (
              <li key={r.fileName}>{`${r.fileName}: refused because ${r.reason}`}</li>
            ))}
          </ul>
        </>
      )}
      <h3 className={s.heading}>Not returned yet</h3>
      <Text>
        {notReturned.length === 0
          ? "Every panel member has returned their file."
          : notReturned.join(", ")}
      </Text>
      {problems.length > 0 && (
        <ProblemList title="Still missing in the returns" problems={problems} onGo={onGo} />
      )}
    </section>
  );
}
