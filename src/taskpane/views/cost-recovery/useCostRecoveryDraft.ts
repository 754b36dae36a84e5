/**
 * The Cost recovery form's draft and what follows from it live: the engine's figures for every
 * project (the sheet computes the same with formulas) and the "Price a service" result, at the
 * framework settings in force.
 */
import * as React from "react";
import { computeBidder } from "../../../domain/cost-recovery/bidder";
import {
  computeCostRecovery,
  DEFAULT_DRIVER_UNITS,
} from "../../../domain/cost-recovery/organisation";
import { fundingTypeWarnings } from "../../../domain/cost-recovery/warnings";
import { useSettings } from "../../hooks/useSettings";
import {
  emptyProject,
  initialDraft,
  newId,
  toBidder,
  toSetup,
  type BidderDraft,
  type CostRecoveryDraft,
  type FieldErrors,
  type PoolDraft,
  type ProjectDraft,
} from "./draft";

export function useCostRecoveryDraft() {
  const settings = useSettings();
  const [draft, setDraft] = React.useState<CostRecoveryDraft>(initialDraft);
  const update = (patch: Partial<CostRecoveryDraft>) => setDraft((d) => ({ ...d, ...patch }));

  /**
   * The figures live, only when every pool and project entry is valid: an entry that is not a
   * number is shown as an error beside its field and never counted as £0 (every project's share
   * of a pool depends on every project's drivers, so one bad entry holds back all the figures).
   */
  const live = React.useMemo(() => {
    const { setup, errors } = toSetup(draft);
    const blocking = Object.keys(errors).filter((k) => !k.startsWith("bidder."));
    const result = computeCostRecovery(setup, settings);
    return {
      setup,
      errors,
      result: blocking.length ? null : result,
      warnings: blocking.length ? [] : fundingTypeWarnings(setup, result, settings),
    };
  }, [draft, settings]);

  /** The share of overheads as typed, or a chosen project's overheads. */
  const bidderOverheads = (): string => {
    const j = draft.projects.findIndex((p) => String(p.id) === draft.bidder.overheadsFrom);
    if (j < 0) return draft.bidder.overheads;
    return live.result ? (live.result.projects[j].overheads / 100).toFixed(2) : "";
  };
  const bidderErrors: FieldErrors = {};
  const bidder = toBidder({ ...draft.bidder, overheads: bidderOverheads() }, bidderErrors);
  const bidderResult = computeBidder(bidder, settings);

  const edit = {
    setPool: (id: number, patch: Partial<PoolDraft>) =>
      update({ pools: draft.pools.map((q) => (q.id === id ? { ...q, ...patch } : q)) }),
    /** Remove the k-th pool and its driver values. */
    removePool: (k: number) =>
      update({
        pools: draft.pools.filter((_, i) => i !== k),
        projects: draft.projects.map((pr) => ({
          ...pr,
          drivers: pr.drivers.filter((_, i) => i !== k),
        })),
      }),
    addPool: () =>
      update({
        pools: [
          ...draft.pools,
          {
            id: newId(),
            name: `Pool ${draft.pools.length + 1}`,
            amount: "",
            driver: "headcount",
            unit: DEFAULT_DRIVER_UNITS.headcount,
          },
        ],
        projects: draft.projects.map((pr) => ({ ...pr, drivers: [...pr.drivers, ""] })),
      }),
    setProject: (id: number, patch: Partial<ProjectDraft>) =>
      update({ projects: draft.projects.map((q) => (q.id === id ? { ...q, ...patch } : q)) }),
    removeProject: (id: number) => update({ projects: draft.projects.filter((q) => q.id !== id) }),
    addProject: () => update({ projects: [...draft.projects, emptyProject(draft.pools.length)] }),
    setBidder: (patch: Partial<BidderDraft>) => update({ bidder: { ...draft.bidder, ...patch } }),
  };

  return {
    draft,
    update,
    edit,
    live,
    bidder,
    bidderErrors,
    bidderResult,
    bidderOverheads,
    /** The setup to build, with the share of overheads the bidder uses. */
    setupToBuild: () =>
      toSetup({ ...draft, bidder: { ...draft.bidder, overheads: bidderOverheads() } }),
  };
}

export type CostRecoveryDraftState = ReturnType<typeof useCostRecoveryDraft>;
