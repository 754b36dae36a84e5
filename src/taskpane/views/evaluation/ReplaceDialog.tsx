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

/** Sheets that exist already and would be replaced, and by what. */
export type Confirm = { what: "generate" | "summaries"; existing: string[] };

type Props = {
  confirm: Confirm | null;
  onReplace: (what: Confirm["what"]) => void;
  onCancel: () => void;
};

/** Asks before existing sheets are replaced: nothing is overwritten without the user's say-so. */
export function ReplaceDialog({ confirm, onReplace, onCancel }: Props) {
  return (
    <Dialog open={confirm !== null} onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface aria-describedby="evaluation-overwrite-text">
        <DialogBody>
          <DialogTitle>Replace existing sheets?</DialogTitle>
          <DialogContent id="evaluation-overwrite-text">
            {`These sheets exist already and would be replaced, losing what is on them: ${confirm?.existing.join(", ") ?? ""}.`}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              onClick={() => onReplace(confirm?.what === "summaries" ? "summaries" : "generate")}
            >
              Replace the sheets
            </Button>
            <Button onClick={onCancel}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
