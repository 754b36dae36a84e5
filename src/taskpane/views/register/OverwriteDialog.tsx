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

export type OverwriteDialogProps = {
  /** The question (which cells are in the way), or null when there is nothing to ask. */
  message: string | null;
  onCancel: () => void;
  onOverwrite: () => void;
};

/** Asks before the result columns overwrite cells beside the register that the add-in did not write. */
export function OverwriteDialog({ message, onCancel, onOverwrite }: OverwriteDialogProps) {
  return (
    <Dialog
      open={message !== null}
      onOpenChange={(_, d) => !d.open && onCancel()}
      modalType="alert"
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Overwrite cells beside the register?</DialogTitle>
          <DialogContent>{message}</DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>
              Cancel
            </Button>
            <Button appearance="primary" onClick={onOverwrite}>
              Overwrite
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
