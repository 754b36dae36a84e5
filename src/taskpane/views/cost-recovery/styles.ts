/** The Cost recovery view's styles, shared by its sections. */
import { makeStyles, tokens } from "@fluentui/react-components";
import type { FieldErrors } from "./draft";

export const useCostRecoveryStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "10px", maxWidth: "520px" },
  group: {
    margin: "10px 0 0",
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "8px",
    display: "flex",
    flexDirection: "column",
    gap: "6px",
  },
  row: { display: "flex", gap: "8px", flexWrap: "wrap", alignItems: "flex-end" },
  actions: { display: "flex", gap: "8px", marginTop: "8px", flexWrap: "wrap" },
  results: { margin: 0, paddingLeft: "18px" },
});

/** A Field's validation props for the message keyed `key` (none when there is no message). */
export const fieldError = (errors: FieldErrors, key: string) => ({
  validationState: errors[key] ? ("error" as const) : ("none" as const),
  validationMessage: errors[key],
});
