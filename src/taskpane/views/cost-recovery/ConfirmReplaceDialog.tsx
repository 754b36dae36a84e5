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
import type { NeedsConfirmation } from "./useCostRecoveryBuild";

/** Asks before the build replaces what is in the target rectangle; only Replace overwrites. */
export function ConfirmReplaceDialog({
  confirm,
  onReplace,
  onCancel,
}: {
  confirm: NeedsConfirmation | null;
  onReplace: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog open={confirm !== null} onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface aria-describedby="cost-confirm-text">
        <DialogBody>
          <DialogTitle>Replace existing content?</DialogTitle>
          <DialogContent id="cost-confirm-text">{confirm?.message}</DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onReplace}>
              Replace
            </Button>
            <Button onClick={onCancel}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
