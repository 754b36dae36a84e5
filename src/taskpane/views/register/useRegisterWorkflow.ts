/**
 * The Funding register view's state and its actions on the workbook, through the shared
 * useExcelAction: open a downloaded register file (written as a table on a new sheet), use the
 * register the selection is in, answer what the data cannot say once per programme and
 * organisation, classify it (asking before overwriting cells it did not write), and jump to a
 * row. One message for the view: the latest outcome, or what stopped an action.
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
  readRegisterQuestions,
  selectRegisterRow,
  type ClassifyOutcome,
  type Progress,
  type RegisterInfo,
} from "../../../excel/register";
import { useRegisterAnswers } from "./useRegisterAnswers";
import { openRegisterFile } from "./openRegisterFile";
import { useExcelAction, type ActionMessage } from "../../hooks/useExcelAction";
import { useSettings } from "../../hooks/useSettings";

export type Done = Extract<ClassifyOutcome, { status: "done" }>;
export type Confirm = Extract<ClassifyOutcome, { status: "needs-confirmation" }>;

/** The columns the user has chosen: the mapping, inference from the label, and the grouping. */
export type Choices = {
  mapping: ColumnMapping;
  inferOutputs: boolean;
  groupBy: RegisterField | null;
  /** The column the programme questions are asked by. */
  answerBy: "programme" | "department" | null;
};

// Longer than 120 lines because: it is the view's one state (open a file, use the selection, ask,
// classify, go to a row), each action a few lines; the answers and the file reading are apart.
export function useRegisterWorkflow() {
  const settings = useSettings();
  const picking = useExcelAction("Could not read the selection");
  const classifying = useExcelAction("Classification stopped", "Classification");
  const jumping = useExcelAction("Could not select the row");
  const opening = useExcelAction("Could not open the file");
  const asking = useExcelAction("Could not read the programmes");
  const [status, setStatus] = React.useState<ActionMessage | null>(null);
  const [info, setInfo] = React.useState<RegisterInfo | null>(null);
  const [choices, setChoices] = React.useState<Choices>({
    mapping: {},
    inferOutputs: false,
    groupBy: null,
    answerBy: null,
  });
  const asked = useRegisterAnswers();
  const [progress, setProgress] = React.useState<Progress | null>(null);
  const [result, setResult] = React.useState<Done | null>(null);
  const [confirm, setConfirm] = React.useState<Confirm | null>(null);

  /** Show an outcome, replacing any earlier one. */
  const show = (m: ActionMessage | null) => {
    picking.setMessage(null);
    classifying.setMessage(null);
    jumping.setMessage(null);
    opening.setMessage(null);
    asking.setMessage(null);
    setStatus(m);
  };

  /** The programmes and organisations to ask about, with the answers remembered. */
  const loadQuestions = async (at: RegisterInfo, c: Choices) => {
    const read = await asking.run((context) =>
      readRegisterQuestions(context, at, c.mapping, c.answerBy)
    );
    if (read) asked.load(read.questions, read.answers);
  };

  /** A register found: show it, with its detected (or remembered) columns and its questions. */
  const adopt = async (found: RegisterInfo) => {
    setInfo(found);
    const c: Choices = {
      mapping: found.mapping,
      inferOutputs: found.inferOutputs,
      groupBy: found.groupBy,
      answerBy: found.answerBy,
    };
    setChoices(c);
    await loadQuestions(found, c);
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
    await adopt(found.info);
  };

  /**
   * Open a downloaded register file: read it (CSV, .xlsx or 360Giving JSON), work out the
   * derived columns, write it as a table on a new sheet and use it.
   */
  const openFile = async (file: { name: string; data: Blob }) => {
    show(null);
    setResult(null);
    const opened = await openRegisterFile(file, opening.run, setProgress);
    setProgress(null);
    if (!opened) return;
    show({ intent: opened.ok ? "success" : "warning", text: opened.message });
    if (opened.ok) await adopt(opened.info);
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
        answers: asked.answers,
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
      const next = found?.ok && found.info.sheet === info.sheet ? found.info : outcome.info;
      setInfo({ ...next, mapping: outcome.info.mapping });
      setChoices((c) => ({ ...c, mapping: outcome.info.mapping }));
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

  /** Ask by programme or by department: the questions change. */
  const setAnswerBy = (answerBy: Choices["answerBy"]) => {
    const c = { ...choices, answerBy };
    setChoices(c);
    if (info) void loadQuestions(info, c);
  };

  return {
    busy: picking.busy || classifying.busy || opening.busy || asking.busy,
    message:
      jumping.message ??
      classifying.message ??
      opening.message ??
      asking.message ??
      picking.message ??
      status,
    info,
    choices,
    questions: asked.questions,
    answerProgramme: asked.answerProgramme,
    answerOrganisation: asked.answerOrganisation,
    setAnswerBy,
    openFile,
    problems: info ? mappingProblems(choices.mapping, choices.inferOutputs, choices.answerBy) : [],
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
