import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { ReturnsProblem } from "../../../domain/evaluation/returnsChecks";
import type { CollectOutcome } from "../../../excel/evaluatorFiles";

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: "18px", display: "flex", flexDirection: "column", gap: "4px" },
  item: { display: "flex", gap: "6px", alignItems: "baseline", flexWrap: "wrap" },
  heading: {
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    margin: "8px 0 4px",
  },
});

/** How many missing items are listed before "and N more". */
const SHOWN = 25;

type Done = Extract<CollectOutcome, { status: "done" }>;

/** What "Collect returns" did: imported, refused (with the reason), not returned, still missing. */
export function ReturnsPanel({
  outcome,
  onGo,
}: {
  outcome: Done;
  onGo: (p: ReturnsProblem) => void;
}) {
  const s = useStyles();
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
        <>
          <h3 className={s.heading}>{`Still missing in the returns (${problems.length})`}</h3>
          <ul className={s.list}>
            {problems.slice(0, SHOWN).map((p, i) => (
              <li key={i} className={s.item}>
                <Text>{p.message}</Text>
                <Button
                  size="small"
                  appearance="subtle"
                  aria-label={`Go to ${p.sheet} ${p.address}`}
                  onClick={() => onGo(p)}
                >
                  {`${p.sheet}!${p.address}`}
                </Button>
              </li>
            ))}
            {problems.length > SHOWN && <li>{`and ${problems.length - SHOWN} more`}</li>}
          </ul>
        </>
      )}
    </section>
  );
}
