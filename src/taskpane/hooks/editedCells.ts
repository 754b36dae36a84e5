/**
 * How the task pane asks about cells the user changed since the add-in wrote them: a function
 * provided by <EditedCellsProvider> (components/EditedCellsDialog.tsx, around the whole pane in
 * App.tsx) that shows the question and resolves with the user's answer.
 */
import * as React from "react";
import type { EditedCells } from "../../excel/ownershipTypes";

export type EditedCellsAnswer = "keep" | "overwrite" | "cancel";
export type AskAboutEdits = (question: EditedCells) => Promise<EditedCellsAnswer>;

export const EditedCellsContext = React.createContext<AskAboutEdits | null>(null);
