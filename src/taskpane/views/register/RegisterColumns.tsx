import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Problem } from "../../../domain/kernel/problem";
import type { RegisterInfo } from "../../../excel/register";
import { MappingForm } from "./MappingForm";
import type { Choices } from "./useRegisterWorkflow";

const useStyles = makeStyles({
  heading: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: "4px 0 0",
  },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});

export type RegisterColumnsProps = {
  info: RegisterInfo;
  choices: Choices;
  /** What stops classifying with these choices (the Classify button waits for none). */
  problems: Problem[];
  busy: boolean;
  onMapping: (m: Choices["mapping"]) => void;
  onInferOutputs: (v: boolean) => void;
  onGroupBy: (f: Choices["groupBy"]) => void;
  onClassify: () => void;
  /** The questions the data cannot answer, shown between the columns and the Classify button. */
  children?: React.ReactNode;
};

/** The register in use, its columns to check or correct, and the Classify button. */
export function RegisterColumns(p: RegisterColumnsProps) {
  const s = useStyles();
  const { info } = p;
  return (
    <>
      <Text>
        Register: {info.sheet}!{info.address}
        {info.tableName ? ` (table ${info.tableName})` : ""}, {info.rowCount - 1} rows.
        {info.resultBlock !== null ? " Results from an earlier run will be updated in place." : ""}
      </Text>
      <Text>
        Header row: row {info.rowIndex + 1}
        {info.headerSkipped > 0
          ? ` (${info.headerSkipped} row${info.headerSkipped === 1 ? "" : "s"} above it skipped: a title or notes)`
          : ""}
        .
      </Text>
      {info.ambiguous.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {info.ambiguous
              .map(
                (a) =>
                  `${a.columns.length} columns are headed "${a.header}" (columns ${a.columns.map((c) => c + 1).join(", ")}): column ${(p.choices.mapping[a.field] ?? a.columns[0]) + 1} is used; choose another below if that is not the right one.`
              )
              .join(" ")}
          </MessageBarBody>
        </MessageBar>
      )}
      <h2 className={s.heading}>Columns</h2>
      <MappingForm
        headers={info.headers}
        resultBlock={info.resultBlock}
        mapping={p.choices.mapping}
        inferOutputs={p.choices.inferOutputs}
        groupBy={p.choices.groupBy}
        disabled={p.busy}
        onMapping={p.onMapping}
        onInferOutputs={p.onInferOutputs}
        onGroupBy={p.onGroupBy}
      />
      {p.children}
      {p.problems.length > 0 && (
        <MessageBar intent="info">
          <MessageBarBody>{p.problems.map((x) => x.message).join(" ")}</MessageBarBody>
        </MessageBar>
      )}
      <div className={s.actions}>
        <Button
          appearance="primary"
          onClick={p.onClassify}
          disabled={p.busy || p.problems.length > 0}
        >
          Classify
        </Button>
      </div>
    </>
  );
}
