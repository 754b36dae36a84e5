/**
 * The Cost recovery view's two actions on the workbook, through the shared useExcelAction: build
 * the sheet (asking before replacing anything), and write the "Price a service" inputs into the
 * sheet built. One message for the view: the latest outcome, or what stopped an action.
 */
import * as React from "react";
import type { BidderSetup } from "../../../domain/cost-recovery/bidder";
import type { CostRecoverySetup } from "../../../domain/cost-recovery/organisation";
import { DEFAULT_SETTINGS } from "../../../domain/settings/settings";
import {
  buildCostRecoveryWorkbook,
  writeBidderInputs,
  type BuildOutcome,
  type CostRecoveryTarget,
} from "../../../excel/costRecovery";
import { loadSettings } from "../../../excel/settings";
import type { CostRecoveryRefs } from "../../../sheets/cost-recovery/refs";
import { useExcelAction, type ActionMessage } from "../../hooks/useExcelAction";
import type { FieldErrors } from "./draft";

export type NeedsConfirmation = Extract<BuildOutcome, { status: "needs-confirmation" }>;
type Built = { sheetName: string; refs: CostRecoveryRefs };

export function useCostRecoveryBuild() {
  const building = useExcelAction(
    "Could not build the workbook",
    "Building the cost recovery workbook"
  );
  const writing = useExcelAction("Could not write the service");
  const [status, setStatus] = React.useState<ActionMessage | null>(null);
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [confirm, setConfirm] = React.useState<NeedsConfirmation | null>(null);
  const [built, setBuilt] = React.useState<Built | null>(null);

  /** Show an outcome, replacing any earlier one. */
  const show = (m: ActionMessage | null) => {
    building.setMessage(null);
    writing.setMessage(null);
    setStatus(m);
  };

  const showOutcome = (outcome: BuildOutcome) => {
    if (outcome.status === "needs-confirmation") {
      setConfirm(outcome);
      show({ intent: "warning", text: outcome.message });
    } else if (outcome.status === "invalid") {
      show({
        intent: "error",
        text: `Not built: ${outcome.problems.map((p) => p.message).join("; ")}`,
      });
    } else if (outcome.status === "failed") {
      show({ intent: "error", text: outcome.message });
    } else {
      setBuilt({ sheetName: outcome.sheetName, refs: outcome.sheet.refs });
      show({ intent: "success", text: outcome.message });
    }
  };

  /** Build the sheet from a setup checked in the pane (field errors stop it before Excel). */
  const build = async (
    draft: { setup: CostRecoverySetup; errors: FieldErrors },
    target: CostRecoveryTarget,
    confirmed: boolean
  ) => {
    setConfirm(null);
    setErrors(draft.errors);
    if (Object.keys(draft.errors).length) {
      show({ intent: "error", text: `Not built: ${Object.values(draft.errors).join("; ")}` });
      return;
    }
    show(null);
    const outcome = await building.run(async (context) => {
      const s = await loadSettings(context);
      return buildCostRecoveryWorkbook(
        context,
        draft.setup,
        s.ok ? s.settings : DEFAULT_SETTINGS,
        target,
        {
          confirm: confirmed,
        }
      );
    });
    if (outcome) showOutcome(outcome);
  };

  /** Write the service's inputs into the sheet built. */
  const writeBidder = async (bidder: BidderSetup, bidderErrors: FieldErrors) => {
    if (!built) return;
    if (Object.keys(bidderErrors).length) {
      show({ intent: "error", text: Object.values(bidderErrors).join("; ") });
      return;
    }
    const r = await writing.run((context) =>
      writeBidderInputs(context, built.sheetName, built.refs, bidder)
    );
    if (!r) return;
    show(
      r.ok
        ? {
            intent: "success",
            text: `Wrote the service to "Price a service" on ${built.sheetName}.`,
          }
        : { intent: "error", text: r.message }
    );
  };

  return {
    busy: building.busy || writing.busy,
    message: writing.message ?? building.message ?? status,
    errors,
    confirm,
    cancelConfirm: () => setConfirm(null),
    built,
    build,
    writeBidder,
  };
}
