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
  { title: "Bid evaluation", keys: ["moderationSpreadLimit", "socialValueMinWeightPercent"] },
];

type Draft = Record<Key, string>;

function toDraft(s: FrameworkSettings): Draft {
  const d = {} as Draft;
  for (const g of GROUPS) for (const k of g.keys) d[k] = String(s[k]);
  return d;
}

function fromDraft(d: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = { version: 1 };
  for (const g of GROUPS)
    for (const k of g.keys) {
      const text = d[k].trim();
      if (k === "tenderingThresholdAsOf") out[k] = text;
      else out[k] = text === "" ? Number.NaN : Number(text.replace(/[£,%\s]/g, ""));
    }
  return out;
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

  const save = async () => {
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
      {startup.kind === "defaults" && (
        <MessageBar intent="warning">
          <MessageBarBody>{startup.note}</MessageBarBody>
        </MessageBar>
      )}
      {GROUPS.map((g) => (
        <React.Fragment key={g.title}>
          <h2 className={styles.group}>{g.title}</h2>
          {g.keys.map((k) => (
            <Field
              key={k}
              label={SETTING_LABELS[k]}
              hint={SETTING_SOURCES[k] ? `Source: ${SETTING_SOURCES[k]}` : undefined}
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
      {status && (
        <MessageBar intent={status.intent} role="status">
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          Save settings
        </Button>
        <Button type="button" onClick={() => void reset()} disabled={busy}>
          Reset to defaults
        </Button>
      </div>
    </form>
  );
}
