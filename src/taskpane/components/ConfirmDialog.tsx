import * as React from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";

export type ConfirmDialogProps = {
  /** Whether the question is being asked. */
  open: boolean;
  /** The question, as the dialog's title (and so its accessible name). */
  title: string;
  /** What would happen on confirm: the dialog's body, also its accessible description. */
  children: React.ReactNode;
  /** The label of the primary button, e.g. "Replace". */
  confirmLabel: string;
  /** The label of the button that backs out. */
  cancelLabel?: string;
  onConfirm: () => void;
  /** Called on the cancel button, and when Fluent closes the dialog (Escape, or a click outside). */
  onCancel: () => void;
  /** "alert" for a dialog that interrupts (role alertdialog; a click outside does not close it). */
  modalType?: "modal" | "alert";
  /** Put the cancel button before the confirm button. */
  cancelFirst?: boolean;
  /** A second way forward between confirm and cancel (e.g. "Overwrite" beside "Keep my changes"). */
  alternativeLabel?: string;
  onAlternative?: () => void;
};

/**
 * Asks before the add-in writes over something in the workbook: nothing is replaced until the
 * user confirms; cancelling, by the button or by closing the dialog, leaves everything as it was.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = "Cancel",
  onConfirm,
  onCancel,
  modalType = "modal",
  cancelFirst = false,
  alternativeLabel,
  onAlternative,
}: ConfirmDialogProps) {
  const bodyId = React.useId();
  const confirmButton = (
    <Button appearance="primary" onClick={onConfirm}>
      {confirmLabel}
    </Button>
  );
  const alternativeButton =
    alternativeLabel && onAlternative ? (
      <Button appearance="secondary" onClick={onAlternative}>
        {alternativeLabel}
      </Button>
    ) : null;
  const cancelButton = (
    <Button appearance="secondary" onClick={onCancel}>
      {cancelLabel}
    </Button>
  );
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onCancel()} modalType={modalType}>
      <DialogSurface aria-describedby={bodyId}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent id={bodyId}>{children}</DialogContent>
          <DialogActions>
            {cancelFirst ? cancelButton : confirmButton}
            {alternativeButton}
            {cancelFirst ? confirmButton : cancelButton}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
