/**
 * The words shared by the writer's ownership (ownership.ts), run.ts and the task pane: what the
 * user answers, the question asked, and the two errors a workflow may stop with. No Office.js.
 */
import type { EditedCell } from "../sheets/fingerprint";

export type { EditedCell };

/** The user's answer about cells they changed: ask first, keep their values, or overwrite them. */
export type OwnedDecision = "ask" | "keep" | "overwrite";

/** The question: the add-in's cells the user changed since it wrote them. */
export type EditedCells = {
  status: "edited-cells";
  /** The workflow asking, in the user's words ("Classification"). */
  workflow: string;
  /** The first cells changed (in reading order), at most EDITED_LIST_LIMIT of them. */
  cells: EditedCell[];
  /** How many cells were changed in all. */
  count: number;
  message: string;
};

/** Cells carried in a question (the task pane lists about 20 and says how many more). */
export const EDITED_LIST_LIMIT = 200;

/** A workflow stopped to ask the user about cells they changed: nothing has been written. */
export class EditedCellsError extends Error {
  readonly question: EditedCells;
  constructor(question: EditedCells) {
    super(question.message);
    this.name = "EditedCellsError";
    this.question = question;
  }
}

/** A workflow asked to start while it is still running: nothing was done. */
export class WorkflowBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkflowBusyError";
  }
}

export const isEditedCellsError = (e: unknown): e is EditedCellsError =>
  e instanceof Error && e.name === "EditedCellsError" && "question" in e;
export const isWorkflowBusyError = (e: unknown): e is WorkflowBusyError =>
  e instanceof Error && e.name === "WorkflowBusyError";
