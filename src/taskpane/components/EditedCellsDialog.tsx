import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { EditedCells } from "../../excel/ownershipTypes";
import {
  EditedCellsContext,
  type AskAboutEdits,
  type EditedCellsAnswer,
} from "../hooks/editedCells";
import { ConfirmDialog } from "./ConfirmDialog";

/** Cells listed by name; the rest are counted ("and 12 more"). */
export const LISTED_CELLS = 20;

const useStyles = makeStyles({
  list: { margin: "8px 0", paddingLeft: "20px", maxHeight: "240px", overflowY: "auto" },
  more: { color: tokens.colorNeutralForeground2 },
});

/** A sheet name as Excel writes it before "!": quoted when it has spaces or punctuation. */
const sheetPrefix = (sheet: string) =>
  /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;

export type EditedCellsDialogProps = {
  question: EditedCells | null;
  onAnswer: (answer: EditedCellsAnswer) => void;
};

/**
 * Asks what to do with cells the user changed since the add-in wrote them: each listed as
 * Sheet!A1 with what the add-in wrote and what is there now (the first 20, then "and N more").
 * Keep my changes (the rest is written), Overwrite, or Cancel (nothing is changed).
 */
export function EditedCellsDialog({ question, onAnswer }: EditedCellsDialogProps) {
  const s = useStyles();
  const listed = question?.cells.slice(0, LISTED_CELLS) ?? [];
  const more = question ? question.count - listed.length : 0;
  return (
    <ConfirmDialog
      open={question !== null}
      title="Keep the changes you made?"
      confirmLabel="Keep my changes"
      alternativeLabel="Overwrite"
      onConfirm={() => onAnswer("keep")}
      onAlternative={() => onAnswer("overwrite")}
      onCancel={() => onAnswer("cancel")}
      modalType="alert"
    >
      {question && (
        <>
          {`${question.workflow} would write over ${question.count} cell${question.count === 1 ? "" : "s"} you changed since the add-in wrote ${question.count === 1 ? "it" : "them"}:`}
          <ul className={s.list}>
            {listed.map((c) => (
              <li key={`${c.sheet}!${c.address}`}>
                {`${sheetPrefix(c.sheet)}!${c.address}: the add-in wrote ${c.was}, now ${c.now}`}
              </li>
            ))}
          </ul>
          {more > 0 && <div className={s.more}>{`and ${more} more.`}</div>}
          {
            "Keep my changes writes everything else and leaves these cells as they are; Overwrite replaces them; Cancel changes nothing."
          }
        </>
      )}
    </ConfirmDialog>
  );
}

/**
 * Provides the question to every useExcelAction below it, and shows it: around the whole task
 * pane (App.tsx), so a view needs nothing to ask about its cells.
 */
export function EditedCellsProvider({ children }: { children: React.ReactNode }) {
  const [pending, setPending] = React.useState<{
    question: EditedCells;
    resolve: (a: EditedCellsAnswer) => void;
  } | null>(null);
  const ask = React.useCallback<AskAboutEdits>(
    (question) => new Promise((resolve) => setPending({ question, resolve })),
    []
  );
  const answer = (a: EditedCellsAnswer) => {
    pending?.resolve(a);
    setPending(null);
  };
  return (
    <EditedCellsContext.Provider value={ask}>
      {children}
      <EditedCellsDialog question={pending?.question ?? null} onAnswer={answer} />
    </EditedCellsContext.Provider>
  );
}
