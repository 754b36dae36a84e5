import * as React from "react";
import { Field, ProgressBar } from "@fluentui/react-components";
import type { Progress } from "../../../excel/register";

/** How far the classification has got: "Classifying: 20,000 of 100,000 rows". */
export function ClassifyProgress({ progress }: { progress: Progress }) {
  const rows = (n: number) => n.toLocaleString("en-GB");
  return (
    <Field
      label={`${progress.phase}: ${rows(progress.done)} of ${rows(progress.total)} rows`}
      validationState="none"
    >
      <ProgressBar value={progress.total ? progress.done / progress.total : 0} max={1} />
    </Field>
  );
}
