import * as React from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  DEFAULT_SETTINGS,
  SETTING_LABELS,
  SETTING_SOURCES,
  type FrameworkSettings,
} from "../../../domain/settings/settings";
import { loadSettings, resetSettings, saveSettings } from "../../../excel/settings";
import { useExcelAction } from "../../hooks/useExcelAction";
import { settingsStatus } from "../../../domain/settings/runtimeSettings";
import { readableSources } from "../../../domain/classification/sources";
import { readDate, ukDate } from "../../../domain/classification/derived";
import { ConfirmDialog } from "../../components/ConfirmDialog";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "10px", maxWidth: "420px" },
  group: {
    margin: "8px 0 0",
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  actions: { display: "flex", gap: "8px", marginTop: "8px" },
});

type Key = Exclude<keyof FrameworkSettings, "version">;

const GROUPS: { title: string; keys: Key[] }[] = [
  {
    title: "Shopping, investing, giving",
    keys: [
      "smallGrantThreshold",
      "smallGrantTermNormYears",
      "smallGrantTermMaxYears",
      "fundingTermNormYears",
      "tenderingThreshold",
      "tenderingThresholdAsOf",
      "monitoringLightBelow",
      "monitoringFullAbove",
    ],
  },
  {
    title: "Balance of benefit (funder's share of full cost)",
    keys: [
      "funderShareCommissionedService",
      "funderShareInvestment",
      "funderShareSmallGrant",
      "funderShareQualifyingActivity",
    ],
  },
  {
    title: "Cost recovery",
    keys: [
      "costInflationPercent",
      "costPayAwardPercent",
      "costEmployerNiPercent",
      "costEmployerNiThreshold",
      "costEmployerPensionPercent",
      "costVatPercent",
      "costUkriFecPercent",
      "costUsDeMinimisPercent",
      "costMtdcSubawardLimit",
    ],
  },
  { title: "Bid evaluation", keys: ["moderationSpreadLimit", "socialValueMinWeightPercent"] },
];

/**
 * What a cost recovery setting does, in plain words, shown above its source. The schema
 * (src/domain/settings/settings.ts) carries labels and validation but no descriptions, so the
 * help for these planning figures lives here, beside the only place that shows it.
 */
const HELP: Partial<Record<Key, string>> = {
  costInflationPercent:
    "How much costs rise each year when a project is costed over more than one year, for every line without a rate of its own.",
  costPayAwardPercent:
    "How much pay rises each year on staff lines. Enter 0 when no pay award is expected.",
  costEmployerNiPercent:
    "The employer's National Insurance on the part of each salary above the threshold below.",
  costEmployerNiThreshold:
    "The yearly pay on which an employer pays no National Insurance, for each member of staff.",
  costEmployerPensionPercent: "What the employer adds to each salary for the staff pension.",
  costVatPercent:
    "VAT the organisation pays and cannot claim back is a cost of the project; this is the rate used to add it.",
  costUkriFecPercent:
    "For a UKRI-style funder: the share of the full economic cost it pays. The lines it pays in full are chosen for each project.",
  costUsDeMinimisPercent:
    "For a US federal award without a negotiated rate: the most it pays towards overheads, as a share of the modified total direct costs (MTDC).",
  costMtdcSubawardLimit:
    "How much of each subaward counts in the modified total direct costs (MTDC), in US dollars; the rest of each subaward is left out.",
};

type Draft = Record<Key, string>;

/** The dated setting, shown and typed in UK style (01/04/2007), kept as 2007-04-01. */
const DATE_KEY = "tenderingThresholdAsOf";

function toDraft(s: FrameworkSettings): Draft {
  const d = {} as Draft;
  for (const g of GROUPS) for (const k of g.keys) d[k] = String(s[k]);
  const date = readDate(s[DATE_KEY]);
  if (date.ok && date.date) d[DATE_KEY] = ukDate(date.date);
  return d;
}

/** The date as the settings keep it (YYYY-MM-DD), or null when the text is not a date. */
function isoDate(text: string): string | null {
  const d = readDate(text.trim());
  if (!d.ok || !d.date) return null;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.date.getFullYear()}-${pad(d.date.getMonth() + 1)}-${pad(d.date.getDate())}`;
}

function fromDraft(d: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = { version: 1 };
  for (const g of GROUPS)
    for (const k of g.keys) {
      const text = d[k].trim();
      if (k === DATE_KEY) out[k] = isoDate(text) ?? text;
      else out[k] = text === "" ? Number.NaN : Number(text.replace(/[£,%\s]/g, ""));
    }
  return out;
}

/**
 * What a setting does (cost recovery settings) and the source of its default, as a reader can
 * follow it (document, section, paragraph).
 */
function hintFor(k: Key): string | undefined {
  if (!SETTING_SOURCES[k]) return HELP[k];
  const source = `Source: ${readableSources(SETTING_SOURCES[k])}`;
  if (k === DATE_KEY) return `${source}. Enter as dd/mm/yyyy`;
  return HELP[k] ? `${HELP[k]} ${source}.` : source;
}

/** The dated setting's problem in words, or null when it reads as a date. */
function dateProblem(d: Draft): string | null {
  if (isoDate(d[DATE_KEY]) !== null) return null;
  return `${SETTING_LABELS[DATE_KEY]} must be a date such as 01/04/2007; got "${d[DATE_KEY]}"`;
}

/** A message in the panel. */
function Note(p: {
  intent: "error" | "warning" | "info" | "success";
  text: string;
  role?: string;
}) {
  return (
    <MessageBar intent={p.intent} role={p.role}>
      <MessageBarBody>{p.text}</MessageBarBody>
    </MessageBar>
  );
}

/** Asks before every setting goes back to the defaults. */
function ResetDialog(p: { open: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <ConfirmDialog
      open={p.open}
      title="Reset every setting to the defaults?"
      confirmLabel="Reset to defaults"
      onConfirm={p.onConfirm}
      onCancel={p.onCancel}
      modalType="alert"
      cancelFirst
    >
      The thresholds, ratios and bands saved in this workbook will be replaced by the defaults from
      the sources. The FUNDING functions recalculate with them.
    </ConfirmDialog>
  );
}

/** View, edit and reset the framework settings saved in this workbook. */
export function SettingsView() {
  const styles = useStyles();
  const [draft, setDraft] = React.useState<Draft>(() => toDraft(DEFAULT_SETTINGS));
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const {
    busy,
    message: status,
    setMessage: setStatus,
    run,
  } = useExcelAction("Could not read the workbook");

  React.useEffect(() => {
    let live = true;
    void run((context) => loadSettings(context)).then((r) => {
      if (!live || !r) return;
      if (r.ok) setDraft(toDraft(r.settings));
      else
        setStatus({
          intent: "error",
          text: `The settings saved in this workbook could not be read (${r.errors.map((e) => e.message).join("; ")}); showing the defaults.`,
        });
    });
    return () => {
      live = false;
    };
  }, [run, setStatus]);

  const [confirmReset, setConfirmReset] = React.useState(false);

  const save = async () => {
    const badDate = dateProblem(draft);
    if (badDate) {
      setErrors({ [DATE_KEY]: badDate });
      setStatus({ intent: "error", text: `Not saved: ${badDate}` });
      return;
    }
    const r = await run((context) => saveSettings(context, fromDraft(draft)), "Could not save");
    if (!r) return;
    if (r.ok) {
      setErrors({});
      setDraft(toDraft(r.settings));
      setStatus({ intent: "success", text: "Settings saved in this workbook." });
    } else {
      const byField: Record<string, string> = {};
      for (const e of r.errors) byField[e.field] = e.message;
      setErrors(byField);
      setStatus({
        intent: "error",
        text: `Not saved: ${r.errors.map((e) => e.message).join("; ")}`,
      });
    }
  };

  const reset = async () => {
    setConfirmReset(false);
    const s = await run((context) => resetSettings(context), "Could not reset");
    if (!s) return;
    setDraft(toDraft(s));
    setErrors({});
    setStatus({ intent: "success", text: "Settings reset to the defaults from the sources." });
  };

  // When the functions could not read the workbook's settings at start-up, say so here.
  const startup = settingsStatus();

  return (
    <form
      className={styles.form}
      aria-label="Framework settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Text>
        The thresholds and ratios the add-in uses. They are saved with this workbook, so they travel
        with the file.
      </Text>
      {startup.kind === "defaults" && <Note intent="warning" text={startup.note} />}
      {GROUPS.map((g) => (
        <React.Fragment key={g.title}>
          <h2 className={styles.group}>{g.title}</h2>
          {g.keys.map((k) => (
            <Field
              key={k}
              label={SETTING_LABELS[k]}
              hint={hintFor(k)}
              validationState={errors[k] ? "error" : "none"}
              validationMessage={errors[k]}
            >
              <Input
                id={`setting-${k}`}
                value={draft[k]}
                onChange={(_, d) => setDraft({ ...draft, [k]: d.value })}
              />
            </Field>
          ))}
        </React.Fragment>
      ))}
      {status && <Note intent={status.intent} text={status.text} role="status" />}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          Save settings
        </Button>
        <Button type="button" onClick={() => setConfirmReset(true)} disabled={busy}>
          Reset to defaults
        </Button>
      </div>
      <ResetDialog
        open={confirmReset}
        onConfirm={() => void reset()}
        onCancel={() => setConfirmReset(false)}
      />
    </form>
  );
}
