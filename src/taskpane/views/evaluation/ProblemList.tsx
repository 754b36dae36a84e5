import * as React from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ReturnsProblem } from "../../../domain/evaluation/returnsChecks";

/** The look of the evaluation panels' lists: compact, wrapping at the pane's 320-350 px. */
export const useListStyles = makeStyles({
  list: { margin: 0, paddingLeft: "18px", display: "flex", flexDirection: "column", gap: "4px" },
  item: { display: "flex", gap: "6px", alignItems: "baseline", flexWrap: "wrap" },
  heading: {
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    margin: "8px 0 4px",
  },
});

/** How many problems are listed under one heading before "and N more". */
const SHOWN = 25;

/** A heading with its count and the problems under it, each with a button that goes to its cell. */
export function ProblemList({
  title,
  problems,
  onGo,
}: {
  title: string;
  problems: readonly ReturnsProblem[];
  onGo: (p: ReturnsProblem) => void;
}) {
  const s = useListStyles();
  return (
    <>
      <h3 className={s.heading}>{`${title} (${problems.length})`}</h3>
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
  );
}
