import * as React from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Switch,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { FUNDING_TYPES, type FundingType } from "../../domain/classification/classify";
import {
  computeBidder,
  computeCostWorkbook,
  DRIVER_LABELS,
  SINGLE_DRIVER_LABEL,
  type CostWorkbookLayout,
  type DriverKind,
} from "../../sheets/cost-recovery/costRecoverySheet";
import { formatPounds } from "../../domain/kernel/money";
import { DEFAULT_SETTINGS } from "../../domain/settings/settings";
import { currentSettings } from "../../domain/settings/runtimeSettings";
import {
  buildCostRecoveryWorkbook,
  writeBidderInputs,
  type BuildOutcome,
} from "../../excel/costRecovery";
import { loadSettings } from "../../excel/settings";
import {
  emptyProject,
  initialDraft,
  newId,
  toBidder,
  toSetup,
  type CostDraft,
  type FieldErrors,
} from "./costs/draft";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "10px", maxWidth: "520px" },
  group: {
    margin: "10px 0 0",
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "8px",
    display: "flex",
    flexDirection: "column",
    gap: "6px",
  },
  row: { display: "flex", gap: "8px", flexWrap: "wrap", alignItems: "flex-end" },
  actions: { display: "flex", gap: "8px", marginTop: "8px", flexWrap: "wrap" },
  results: { margin: 0, paddingLeft: "18px" },
});

type Status = { intent: "success" | "error" | "info" | "warning"; text: string } | null;

/** Cost recovery: build the full cost recovery workbook for an organisation, and price a service. */
export function CostRecoveryView() {
  const styles = useStyles();
  const [draft, setDraft] = React.useState<CostDraft>(initialDraft);
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [status, setStatus] = React.useState<Status>(null);
  const [busy, setBusy] = React.useState(false);
  const [confirm, setConfirm] = React.useState<Extract<
    BuildOutcome,
    { status: "needs-confirmation" }
  > | null>(null);
  const [built, setBuilt] = React.useState<{
    sheetName: string;
    layout: CostWorkbookLayout;
  } | null>(null);

  const update = (patch: Partial<CostDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const settings = currentSettings();

  // Live engine figures for the pane (the sheet computes the same with formulas).
  const live = React.useMemo(() => {
    const { setup, errors: e } = toSetup(draft);
    return { setup, errors: e, result: computeCostWorkbook(setup, settings) };
  }, [draft, settings]);

  const bidderOverheads = (): string => {
    const j = draft.projects.findIndex((p) => String(p.id) === draft.bidder.overheadsFrom);
    if (j < 0) return draft.bidder.overheads;
    return (live.result.projects[j].overheads / 100).toFixed(2);
  };
  const bidderErrors: FieldErrors = {};
  const bidder = toBidder({ ...draft.bidder, overheads: bidderOverheads() }, bidderErrors);
  const bidderResult = computeBidder(bidder, settings);

  const build = async (confirmed: boolean) => {
    setConfirm(null);
    const { setup, errors: e } = toSetup({
      ...draft,
      bidder: { ...draft.bidder, overheads: bidderOverheads() },
    });
    setErrors(e);
    if (Object.keys(e).length) {
      setStatus({ intent: "error", text: `Not built: ${Object.values(e).join("; ")}` });
      return;
    }
    setBusy(true);
    setStatus(null);
    try {
      const outcome = await Excel.run(async (context) => {
        const s = await loadSettings(context);
        return buildCostRecoveryWorkbook(
          context,
          setup,
          s.ok ? s.settings : DEFAULT_SETTINGS,
          { sheetName: draft.sheetName, startCell: draft.startCell },
          { confirm: confirmed }
        );
      });
      if (outcome.status === "needs-confirmation") {
        setConfirm(outcome);
        setStatus({ intent: "warning", text: outcome.message });
      } else if (outcome.status === "invalid") {
        setStatus({
          intent: "error",
          text: `Not built: ${outcome.problems.map((p) => p.message).join("; ")}`,
        });
      } else if (outcome.status === "failed") {
        setStatus({ intent: "error", text: outcome.message });
      } else {
        setBuilt({ sheetName: outcome.sheetName, layout: outcome.layout });
        setStatus({ intent: "success", text: outcome.message });
      }
    } catch (err) {
      setStatus({
        intent: "error",
        text: `Could not build the workbook: ${(err as Error).message}`,
      });
    } finally {
      setBusy(false);
    }
  };

  const writeBidder = async () => {
    if (!built) return;
    if (Object.keys(bidderErrors).length) {
      setStatus({ intent: "error", text: Object.values(bidderErrors).join("; ") });
      return;
    }
    setBusy(true);
    try {
      const r = await Excel.run((context) =>
        writeBidderInputs(context, built.sheetName, built.layout, bidder)
      );
      setStatus(
        r.ok
          ? {
              intent: "success",
              text: `Wrote the service to "Price a service" on ${built.sheetName}.`,
            }
          : { intent: "error", text: r.message }
      );
    } catch (err) {
      setStatus({
        intent: "error",
        text: `Could not write the service: ${(err as Error).message}`,
      });
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (key: string) => ({
    validationState: errors[key] ? ("error" as const) : ("none" as const),
    validationMessage: errors[key],
  });
  const driverPools = draft.singleDriver
    ? []
    : draft.pools.map((p, k) => ({ p, k })).filter(({ p }) => p.driver !== "directExpenditure");

  return (
    <form
      className={styles.form}
      aria-label="Full cost recovery"
      onSubmit={(e) => {
        e.preventDefault();
        void build(false);
      }}
    >
      <Text>
        Cost every project at its full cost: direct costs plus a fair share of each overhead pool
        (ACEVO / NPC method), and see what the funder and the organisation pay under the funding
        framework (002:353-355).
      </Text>

      <Field label="Organisation">
        <Input
          id="cost-organisation"
          value={draft.organisation}
          onChange={(_, d) => update({ organisation: d.value })}
        />
      </Field>

      <h2 className={styles.group}>Overhead pools (annual)</h2>
      <Switch
        id="cost-single-driver"
        label="Share every pool by one driver, people (small organisations)"
        checked={draft.singleDriver}
        onChange={(_, d) => update({ singleDriver: d.checked })}
      />
      {draft.pools.map((p, k) => (
        <fieldset key={p.id} className={styles.fieldset}>
          <legend>Pool {k + 1}</legend>
          <Field label={`Pool ${k + 1} name`}>
            <Input
              value={p.name}
              onChange={(_, d) =>
                update({
                  pools: draft.pools.map((q) => (q.id === p.id ? { ...q, name: d.value } : q)),
                })
              }
            />
          </Field>
          <div className={styles.row}>
            <Field label={`Pool ${k + 1} annual cost (£)`} {...fieldError(`pool.${p.id}.amount`)}>
              <Input
                inputMode="decimal"
                value={p.amount}
                onChange={(_, d) =>
                  update({
                    pools: draft.pools.map((q) => (q.id === p.id ? { ...q, amount: d.value } : q)),
                  })
                }
              />
            </Field>
            <Field label={`Pool ${k + 1} cost driver`}>
              <Select
                value={draft.singleDriver ? "single" : p.driver}
                disabled={draft.singleDriver}
                onChange={(_, d) =>
                  update({
                    pools: draft.pools.map((q) =>
                      q.id === p.id ? { ...q, driver: d.value as DriverKind } : q
                    ),
                  })
                }
              >
                {draft.singleDriver && <option value="single">{SINGLE_DRIVER_LABEL}</option>}
                {(Object.keys(DRIVER_LABELS) as DriverKind[]).map((kind) => (
                  <option key={kind} value={kind}>
                    {DRIVER_LABELS[kind]}
                  </option>
                ))}
              </Select>
            </Field>
            <Button
              type="button"
              disabled={draft.pools.length <= 1}
              aria-label={`Remove pool ${k + 1} (${p.name || "unnamed"})`}
              onClick={() =>
                update({
                  pools: draft.pools.filter((q) => q.id !== p.id),
                  projects: draft.projects.map((pr) => ({
                    ...pr,
                    drivers: pr.drivers.filter((_, i) => i !== k),
                  })),
                })
              }
            >
              Remove
            </Button>
          </div>
        </fieldset>
      ))}
      <div className={styles.actions}>
        <Button
          type="button"
          onClick={() =>
            update({
              pools: [
                ...draft.pools,
                {
                  id: newId(),
                  name: `Pool ${draft.pools.length + 1}`,
                  amount: "",
                  driver: "headcount",
                },
              ],
              projects: draft.projects.map((pr) => ({ ...pr, drivers: [...pr.drivers, ""] })),
            })
          }
        >
          Add pool
        </Button>
      </div>

      <h2 className={styles.group}>Projects</h2>
      {draft.projects.map((p, j) => {
        const setP = (patch: Partial<typeof p>) =>
          update({ projects: draft.projects.map((q) => (q.id === p.id ? { ...q, ...patch } : q)) });
        const r = live.result.projects[j];
        return (
          <fieldset key={p.id} className={styles.fieldset}>
            <legend>Project {j + 1}</legend>
            <Field label={`Project ${j + 1} name`}>
              <Input value={p.name} onChange={(_, d) => setP({ name: d.value })} />
            </Field>
            <div className={styles.row}>
              <Field
                label={`Project ${j + 1} direct costs (£)`}
                {...fieldError(`project.${p.id}.direct`)}
              >
                <Input
                  inputMode="decimal"
                  value={p.direct}
                  onChange={(_, d) => setP({ direct: d.value })}
                />
              </Field>
              <Field
                label={`Project ${j + 1} units of output`}
                {...fieldError(`project.${p.id}.units`)}
              >
                <Input
                  inputMode="decimal"
                  value={p.units}
                  onChange={(_, d) => setP({ units: d.value })}
                />
              </Field>
            </div>
            <div className={styles.row}>
              <Field label={`Project ${j + 1} funding type`}>
                <Select value={p.type} onChange={(_, d) => setP({ type: d.value as FundingType })}>
                  {FUNDING_TYPES.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </Select>
              </Field>
              <Field
                label={`Project ${j + 1} price offered or award (£)`}
                {...fieldError(`project.${p.id}.price`)}
              >
                <Input
                  inputMode="decimal"
                  value={p.price}
                  onChange={(_, d) => setP({ price: d.value })}
                />
              </Field>
            </div>
            <div className={styles.row}>
              {draft.singleDriver ? (
                <Field
                  label={`Project ${j + 1} people (headcount or FTE)`}
                  {...fieldError(`project.${p.id}.driver.0`)}
                >
                  <Input
                    inputMode="decimal"
                    value={p.drivers[0] ?? ""}
                    onChange={(_, d) => setP({ drivers: [d.value, ...p.drivers.slice(1)] })}
                  />
                </Field>
              ) : (
                driverPools.map(({ p: pool, k }) => (
                  <Field
                    key={pool.id}
                    label={`Project ${j + 1} ${DRIVER_LABELS[pool.driver].toLowerCase()} for ${pool.name || `pool ${k + 1}`}`}
                    {...fieldError(`project.${p.id}.driver.${k}`)}
                  >
                    <Input
                      inputMode="decimal"
                      value={p.drivers[k] ?? ""}
                      onChange={(_, d) =>
                        setP({ drivers: p.drivers.map((x, i) => (i === k ? d.value : x)) })
                      }
                    />
                  </Field>
                ))
              )}
            </div>
            {r && (
              <Text size={200} aria-live="polite">
                Full cost {formatPounds(r.fullCost)} (overheads {formatPounds(r.overheads)})
              </Text>
            )}
            <Button
              type="button"
              disabled={draft.projects.length <= 1}
              aria-label={`Remove project ${j + 1} (${p.name || "unnamed"})`}
              onClick={() => update({ projects: draft.projects.filter((q) => q.id !== p.id) })}
            >
              Remove project
            </Button>
          </fieldset>
        );
      })}
      <div className={styles.actions}>
        <Button
          type="button"
          onClick={() =>
            update({ projects: [...draft.projects, emptyProject(draft.pools.length)] })
          }
        >
          Add project
        </Button>
      </div>

      <h2 className={styles.group}>Where to build it</h2>
      <div className={styles.row}>
        <Field label="Sheet name (new or existing)">
          <Input
            id="cost-sheet"
            value={draft.sheetName}
            onChange={(_, d) => update({ sheetName: d.value })}
          />
        </Field>
        <Field label="Start cell">
          <Input
            id="cost-start"
            value={draft.startCell}
            onChange={(_, d) => update({ startCell: d.value })}
          />
        </Field>
      </div>

      {status && (
        <MessageBar intent={status.intent} role="status">
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          Build cost recovery sheet
        </Button>
      </div>

      <h2 className={styles.group}>Price a service</h2>
      <Text>
        From one service&apos;s direct costs, its share of overheads and expected units: the unit
        price at full cost and who pays what.
      </Text>
      <Field label="Service name">
        <Input
          value={draft.bidder.service}
          onChange={(_, d) => update({ bidder: { ...draft.bidder, service: d.value } })}
        />
      </Field>
      <div className={styles.row}>
        <Field
          label="Service direct costs (£)"
          validationState={bidderErrors["bidder.direct"] ? "error" : "none"}
          validationMessage={bidderErrors["bidder.direct"]}
        >
          <Input
            inputMode="decimal"
            value={draft.bidder.direct}
            onChange={(_, d) => update({ bidder: { ...draft.bidder, direct: d.value } })}
          />
        </Field>
        <Field
          label="Expected units of output"
          validationState={bidderErrors["bidder.units"] ? "error" : "none"}
          validationMessage={bidderErrors["bidder.units"]}
        >
          <Input
            inputMode="decimal"
            value={draft.bidder.units}
            onChange={(_, d) => update({ bidder: { ...draft.bidder, units: d.value } })}
          />
        </Field>
      </div>
      <div className={styles.row}>
        <Field label="Share of overheads from">
          <Select
            value={draft.bidder.overheadsFrom}
            onChange={(_, d) => update({ bidder: { ...draft.bidder, overheadsFrom: d.value } })}
          >
            <option value="">An amount I type</option>
            {draft.projects.map((p, j) => (
              <option key={p.id} value={String(p.id)}>
                Project {j + 1}: {p.name || "unnamed"}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Share of overheads (£)"
          validationState={bidderErrors["bidder.overheads"] ? "error" : "none"}
          validationMessage={bidderErrors["bidder.overheads"]}
        >
          <Input
            inputMode="decimal"
            value={bidderOverheads()}
            readOnly={draft.bidder.overheadsFrom !== ""}
            onChange={(_, d) => update({ bidder: { ...draft.bidder, overheads: d.value } })}
          />
        </Field>
        <Field label="Service funding type">
          <Select
            value={draft.bidder.type}
            onChange={(_, d) =>
              update({ bidder: { ...draft.bidder, type: d.value as FundingType } })
            }
          >
            {FUNDING_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </Select>
        </Field>
      </div>
      <ul className={styles.results} aria-label="Price a service results" aria-live="polite">
        <li>Full cost: {formatPounds(bidderResult.fullCost)}</li>
        <li>
          Unit price at full cost:{" "}
          {bidderResult.unitPrice === null
            ? "enter the expected units"
            : formatPounds(bidderResult.unitPrice)}
        </li>
        <li>
          Funder&apos;s part:{" "}
          {bidderResult.funder === null ? "-" : formatPounds(bidderResult.funder)}
        </li>
        <li>
          Organisation&apos;s part:{" "}
          {bidderResult.organisation === null ? "-" : formatPounds(bidderResult.organisation)}
        </li>
      </ul>
      <div className={styles.actions}>
        <Button type="button" disabled={busy || !built} onClick={() => void writeBidder()}>
          Write the service to the sheet
        </Button>
      </div>

      <Dialog open={confirm !== null} onOpenChange={(_, d) => !d.open && setConfirm(null)}>
        <DialogSurface aria-describedby="cost-confirm-text">
          <DialogBody>
            <DialogTitle>Replace existing content?</DialogTitle>
            <DialogContent id="cost-confirm-text">{confirm?.message}</DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => void build(true)}>
                Replace
              </Button>
              <Button onClick={() => setConfirm(null)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </form>
  );
}
