/**
 * The Funding register view's state and its three actions on the workbook, through the shared
 * useExcelAction: use the register the selection is in, classify it (asking before overwriting
 * cells it did not write), and jump to a row that could not be classified. One message for the
 * view: the latest outcome, or what stopped an action.
 */
import * as React from "react";
import {
  mappingProblems,
  type ColumnMapping,
  type RegisterField,
} from "../../../domain/classification/register";
import {
  classifyRegister,
  findRegister,
  selectRegisterRow,
  type ClassifyOutcome,
  type Progress,
  type RegisterInfo,
} from "../../../excel/register";
import { useExcelAction, type ActionMessage } from "../../hooks/useExcelAction";
import { useSettings } from "../../hooks/useSettings";

export type Done = Extract<ClassifyOutcome, { status: "done" }>;
export type Confirm = Extract<ClassifyOutcome, { status: "needs-confirmation" }>;

/** The columns the user has chosen: the mapping, inference from the label, and the grouping. */
export type Choices = {
  mapping: ColumnMapping;
  inferOutputs: boolean;
  groupBy: RegisterField | null;
};

export function useRegisterWorkflow() {
  const settings = useSettings();
  const picking = useExcelAction("Could not read the selection");
  const classifying = useExcelAction("Classification stopped");
  const jumping = useExcelAction("Could not select the row");
  const [status, setStatus] = React.useState<ActionMessage | null>(null);
  const [info, setInfo] = React.useState<RegisterInfo | null>(null);
  const [choices, setChoices] = React.useState<Choices>({
    mapping: {},
    inferOutputs: false,
    groupBy: null,
  });
  const [progress, setProgress] = React.useState<Progress | null>(null);
  const [result, setResult] = React.useState<Done | null>(null);
  const [confirm, setConfirm] = React.useState<Confirm | null>(null);

  /** Show an outcome, replacing any earlier one. */
  const show = (m: ActionMessage | null) => {
    picking.setMessage(null);
    classifying.setMessage(null);
    jumping.setMessage(null);
    setStatus(m);
  };

  /** Use the register the selection is in, with its detected (or remembered) columns. */
  const pickData = async () => {
    show(null);
    setResult(null);
    const found = await picking.run((context) => findRegister(context));
    if (!found) return;
    if (!found.ok) {
      setInfo(null);
      show({ intent: "warning", text: found.message });
      return;
    }
    setInfo(found.info);
    setChoices({
      mapping: found.info.mapping,
      inferOutputs: found.info.inferOutputs,
      groupBy: found.info.groupBy,
    });
  };

  /** Classify every row; `confirmOverwrite` once the user agreed to overwrite the cells listed. */
  const classify = async (confirmOverwrite: boolean) => {
    if (!info) return;
    show(null);
    setResult(null);
    setConfirm(null);
    setProgress({ phase: "Starting", done: 0, total: info.rowCount - 1 });
    const ran = await classifying.run(async (context) => {
      const outcome = await classifyRegister(context, info, {
        ...choices,
        settings,
        confirmOverwrite,
        onProgress: setProgress,
      });
      // The result columns are now part of the register: refresh what we know of it.
      const found = outcome.status === "done" ? await findRegister(context) : null;
      return { outcome, found };
    });
    setProgress(null);
    if (!ran) return;
    const { outcome, found } = ran;
    if (outcome.status === "invalid")
      show({ intent: "warning", text: outcome.problems.map((p) => p.message).join(" ") });
    else if (outcome.status === "needs-confirmation") setConfirm(outcome);
    else {
      setResult(outcome);
      if (found?.ok && found.info.sheet === info.sheet) setInfo({ ...found.info, ...choices });
    }
  };

  /** Select a row of the register (one that could not be classified). */
  const jump = async (row: number) => {
    if (!info) return;
    await jumping.run(
      (context) => selectRegisterRow(context, info, row),
      `Could not select row ${row}`
    );
  };

  /** A new mapping; a grouping by a field no longer mapped is dropped. */
  const setMapping = (mapping: ColumnMapping) =>
    setChoices((c) => ({
      ...c,
      mapping,
      groupBy: c.groupBy && mapping[c.groupBy] === undefined ? null : c.groupBy,
    }));

  return {
    busy: picking.busy || classifying.busy,
    message: jumping.message ?? classifying.message ?? picking.message ?? status,
    info,
    choices,
    problems: info ? mappingProblems(choices.mapping, choices.inferOutputs) : [],
    progress,
    result,
    confirm,
    pickData,
    classify,
    jump,
    setMapping,
    setInferOutputs: (inferOutputs: boolean) => setChoices((c) => ({ ...c, inferOutputs })),
    setGroupBy: (groupBy: RegisterField | null) => setChoices((c) => ({ ...c, groupBy })),
    cancelConfirm: () => setConfirm(null),
  };
}
