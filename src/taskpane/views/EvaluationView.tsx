import * as React from "react";

/** Placeholder until this capability's view lands. */
export function EvaluationView() {
  return <p>Not available yet.</p>;
}
