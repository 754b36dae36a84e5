import * as React from "react";
import { MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import {
  RETURNS_PROBLEM_TITLES,
  type ReturnsProblem,
  type ReturnsProblemKind,
} from "../../../domain/evaluation/returnsChecks";
import {
  describeReversal,
  describeTippingPoint,
  STATUS_TEXT,
} from "../../../domain/evaluation/results";
import type { ChecksOutcome } from "../../../excel/evaluation";
import { ProblemList, useListStyles } from "./ProblemList";

type Done = Extract<ChecksOutcome, { status: "done" }>;

/** The problems "Check returns" found, grouped by kind, each with where it is and a button to go there. */
export function ChecksPanel({
  outcome,
  onGo,
}: {
  outcome: Done;
  onGo: (p: ReturnsProblem) => void;
}) {
  const s = useListStyles();
  const groups = new Map<ReturnsProblemKind, ReturnsProblem[]>();
  for (const p of outcome.problems) groups.set(p.kind, [...(groups.get(p.kind) ?? []), p]);
  const { results, reversal, tipping } = outcome;
  const low = results.bids.filter((b) => b.abnormallyLow !== null);
  return (
    // The region keeps the name users (and the browser tests) know it by.
    <section aria-label="Check returns findings">
      {outcome.problems.length === 0 ? (
        <MessageBar intent="success">
          <MessageBarBody>
            No problems found: every declaration, score, reason, consensus score and rationale is in
            place.
          </MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="warning">
          <MessageBarBody>{`${outcome.problems.length} problem${outcome.problems.length === 1 ? "" : "s"} found in the returns.`}</MessageBarBody>
        </MessageBar>
      )}
      {[...groups.entries()].map(([kind, list]) => (
        <div key={kind}>
          <ProblemList title={RETURNS_PROBLEM_TITLES[kind]} problems={list} onGo={onGo} />
        </div>
      ))}
      <h3 className={s.heading}>Results so far</h3>
      <ul className={s.list} aria-label="Results by bidder">
        {results.bids.map((b) => (
          <li key={b.name}>
            {b.status === "passed"
              ? b.pricePerPoint !== null
                ? `${b.name}: £${b.pricePerPoint.toFixed(2)} per quality point (quality and social value ${(b.quality + b.socialValue).toFixed(2)}), rank ${b.rank}`
                : `${b.name}: total ${b.total.toFixed(2)} (quality ${b.quality.toFixed(2)}, price ${b.pricePoints.toFixed(2)}, social value ${b.socialValue.toFixed(2)}), rank ${b.rank ?? "not ranked"}`
              : `${b.name}: ${STATUS_TEXT[b.status]}${b.belowMinimum.length ? ` (${b.belowMinimum.join(", ")})` : ""}${b.failedGateway.length ? ` (${b.failedGateway.join(", ")})` : ""}`}
          </li>
        ))}
      </ul>
      <h3 className={s.heading}>Abnormally low prices</h3>
      {low.length === 0 ? (
        <Text>No ranked bid is priced abnormally low.</Text>
      ) : (
        <MessageBar intent="warning">
          <MessageBarBody>
            {low.map((b) => (
              <div key={b.name}>{`${b.name}: ${b.abnormallyLow}.`}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      <h3 className={s.heading}>Tipping point</h3>
      <Text>{describeTippingPoint(tipping)}</Text>
      <h3 className={s.heading}>Rank reversal</h3>
      {reversal.winners.length === 0 ? (
        <Text>No bid has passed yet, so there is no winner to check.</Text>
      ) : reversal.reversals.length === 0 ? (
        <Text>{`The winner (${reversal.winners.join(" and ")}) would not change if any one other bid were withdrawn.`}</Text>
      ) : (
        <MessageBar intent="warning">
          <MessageBarBody>
            {reversal.reversals.map((r) => (
              <div key={r.withdrawn}>{describeReversal(r, reversal.winners)}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
