import * as React from "react";

/** Placeholder until this capability's view lands. */
export function CostRecoveryView() {
  return <p>Not available yet.</p>;
}
