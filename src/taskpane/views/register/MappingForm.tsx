import * as React from "react";
import { Checkbox, Dropdown, Field, Option, makeStyles } from "@fluentui/react-components";
import {
  FIELD_LABELS,
  GROUP_BY_LABEL,
  GROUP_FIELDS,
  OUTPUT_HEADERS,
  REGISTER_FIELDS,
  type ColumnMapping,
  type FieldGroup,
  type RegisterField,
} from "../../../domain/classification/register";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "1fr", gap: "8px", maxWidth: "420px" },
  group: { fontSize: "14px", fontWeight: 600, margin: "8px 0 0" },
});

/** The mapping form's sections, in order. */
const GROUPS: { group: FieldGroup; title: string }[] = [
  { group: "framework", title: "What the framework reads" },
  {
    group: "award",
    title: "What a published register gives instead (360Giving, Transparency Code)",
  },
  { group: "grouping", title: "Names, programmes and years" },
  { group: "checks", title: "Used for the checks on the data" },
];

const NONE = "__none__";

export type MappingFormProps = {
  headers: string[];
  /** Index of the workflow's own result columns (not offered for mapping). */
  resultBlock: number | null;
  mapping: ColumnMapping;
  inferOutputs: boolean;
  groupBy: RegisterField | null;
  disabled?: boolean;
  onMapping: (m: ColumnMapping) => void;
  onInferOutputs: (v: boolean) => void;
  onGroupBy: (f: RegisterField | null) => void;
};

const columnText = (headers: string[], i: number) =>
  `${headers[i] || "(no header)"} (column ${i + 1})`;

/** The detected column mapping, one labelled dropdown per field, so the user can correct it. */
export function MappingForm(p: MappingFormProps) {
  const styles = useStyles();
  const columns = p.headers
    .map((h, i) => i)
    .filter(
      (i) =>
        p.resultBlock === null || i < p.resultBlock || i >= p.resultBlock + OUTPUT_HEADERS.length
    );

  const setField = (field: RegisterField, value: string | undefined) => {
    const next: ColumnMapping = { ...p.mapping };
    if (value === undefined || value === NONE) delete next[field];
    else {
      const col = Number(value);
      // a column feeds one field: take it from any other field first
      for (const [f, c] of Object.entries(next) as [RegisterField, number][])
        if (c === col) delete next[f];
      next[field] = col;
    }
    p.onMapping(next);
  };

  const fieldControl = (spec: (typeof REGISTER_FIELDS)[number]) => {
    const col = p.mapping[spec.field];
    const value = col === undefined ? NONE : String(col);
    const id = `map-${spec.field}`;
    return (
      <Field key={spec.field} label={spec.label} required={spec.required}>
        <Dropdown
          id={id}
          disabled={p.disabled}
          value={col === undefined ? "Not in the register" : columnText(p.headers, col)}
          selectedOptions={[value]}
          onOptionSelect={(_, d) => setField(spec.field, d.optionValue)}
        >
          <Option value={NONE}>Not in the register</Option>
          {columns.map((i) => (
            <Option key={i} value={String(i)}>
              {columnText(p.headers, i)}
            </Option>
          ))}
        </Dropdown>
      </Field>
    );
  };

  return (
    <div className={styles.grid}>
      {GROUPS.map(({ group, title }) => (
        <React.Fragment key={group}>
          <h3 className={styles.group}>{title}</h3>
          {REGISTER_FIELDS.filter((f) => (f.group ?? "framework") === group).map((spec) =>
            fieldControl(spec)
          )}
        </React.Fragment>
      ))}
      <Checkbox
        disabled={p.disabled}
        checked={p.inferOutputs}
        onChange={(_, d) => p.onInferOutputs(d.checked === true)}
        label="Infer outputs from the label where not given (contract or SLA = yes, grant = no)"
      />
      <Field label={GROUP_BY_LABEL}>
        <Dropdown
          disabled={p.disabled}
          value={p.groupBy ? FIELD_LABELS[p.groupBy] : "No grouping"}
          selectedOptions={[p.groupBy ?? NONE]}
          onOptionSelect={(_, d) =>
            p.onGroupBy(
              d.optionValue === NONE || !d.optionValue ? null : (d.optionValue as RegisterField)
            )
          }
        >
          <Option value={NONE}>No grouping</Option>
          {GROUP_FIELDS.map((f) => (
            <Option key={f} value={f} disabled={p.mapping[f] === undefined}>
              {FIELD_LABELS[f]}
            </Option>
          ))}
        </Dropdown>
      </Field>
    </div>
  );
}
