/**
 * The framework settings saved in the workbook (Excel's workbook settings collection, which is
 * stored inside the file), so they travel with it. One sync to read, one to write.
 *
 * The FUNDING functions read the settings in force (src/domain/settings/runtimeSettings.ts) and,
 * at start-up, wait for them (src/functions/settingsGate.ts). Excel does not recalculate a
 * non-volatile custom function when a workbook opens (OfficeDev/Excel-Custom-Functions #368), so
 * whenever the settings in force change -- loaded at start-up when they differ from the defaults,
 * saved, reset -- the workbook is recalculated here, and the figures in its cells follow them.
 */
import { z } from "zod";
import {
  DEFAULT_SETTINGS,
  deserializeSettings,
  parseSettings,
  type FrameworkSettings,
  type SettingsResult,
} from "../domain/settings/settings";
import {
  applyDefaultSettings,
  applySettings,
  sameSettings,
  settingsStatus,
} from "../domain/settings/runtimeSettings";
import { runInExcel } from "./run";
import { queueRemove, queueWrite, storeEntry } from "./store";

/**
 * The saved settings. Stored as the JSON the user last saved; the store hands back whatever JSON
 * is there and parseSettings checks it field by field, so a bad saved value is reported by name
 * rather than silently dropped.
 */
export const SETTINGS_ENTRY = storeEntry(
  "FundingToolkit.settings",
  z.unknown(),
  "the framework settings"
);
export const SETTINGS_KEY = SETTINGS_ENTRY.key;

/** Read the workbook's settings (defaults when none were saved). Problems are reported, not thrown. */
export async function loadSettings(context: Excel.RequestContext): Promise<SettingsResult> {
  const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  item.load("value");
  await context.sync();
  if (item.isNullObject) return { ok: true, settings: DEFAULT_SETTINGS };
  // Unreadable JSON is reported as such (deserializeSettings), not read as "no settings".
  const raw = item.value;
  return deserializeSettings(typeof raw === "string" ? raw : JSON.stringify(raw));
}

/** Validate and save; invalid settings are refused with the field named and nothing is written. */
export async function saveSettings(
  context: Excel.RequestContext,
  input: unknown
): Promise<SettingsResult> {
  const parsed = parseSettings(input);
  if (!parsed.ok) return parsed;
  queueWrite(context, SETTINGS_ENTRY, parsed.settings);
  await context.sync();
  applySettings(parsed.settings);
  await recalculate(context);
  await loadWithWorkbook(!sameSettings(parsed.settings, DEFAULT_SETTINGS));
  return parsed;
}

/** Back to the defaults from the sources. */
export async function resetSettings(context: Excel.RequestContext): Promise<FrameworkSettings> {
  queueRemove(context, SETTINGS_ENTRY);
  await context.sync();
  applySettings(DEFAULT_SETTINGS);
  await recalculate(context);
  await loadWithWorkbook(false);
  return DEFAULT_SETTINGS;
}

/** FUNDING functions read the settings in force: recalculate so cells show the new figures. */
async function recalculate(context: Excel.RequestContext): Promise<void> {
  context.workbook.application.calculate("Full");
  await context.sync();
}

/**
 * Start-up: put the workbook's settings in force for the custom functions (which wait for them).
 * When they differ from the defaults, recalculate once: a function may already have computed with
 * the defaults -- in this session, if its wait for the settings ran out, or in an earlier one,
 * saved in the file -- and Excel would not recalculate it on its own. Unreadable settings leave
 * the defaults in force with a note (the Settings panel names the problem); nothing recalculates.
 */
export async function loadAndApplySettings(context: Excel.RequestContext): Promise<SettingsResult> {
  const result = await loadSettings(context);
  if (!result.ok) {
    applyDefaultSettings(unreadableNote(result.errors.map((e) => e.message)));
    return result;
  }
  applySettings(result.settings);
  if (!sameSettings(result.settings, DEFAULT_SETTINGS)) {
    try {
      await recalculate(context);
    } catch {
      // The settings are in force either way; a workbook that cannot recalculate now (e.g. one
      // open read-only) keeps its figures until its next recalculation.
    }
  }
  return result;
}

/**
 * The task pane's start-up (src/taskpane/index.tsx): load the workbook's settings in one batch.
 * Never throws: when Excel cannot be reached the defaults are put in force with a note, so the
 * functions stop waiting at once rather than when their wait runs out.
 */
export async function loadSettingsAtStartup(): Promise<void> {
  try {
    await runInExcel((context) => loadAndApplySettings(context));
  } catch (e) {
    if (settingsStatus().kind !== "loaded") {
      applyDefaultSettings(unreadableNote([e instanceof Error ? e.message : String(e)]));
    }
  }
}

/** The note when the saved settings cannot be used. */
export function unreadableNote(reasons: readonly string[]): string {
  return `The settings saved in this workbook could not be read (${reasons.join("; ")}), so the FUNDING functions use the default settings. Open Funding Toolkit > Settings to correct and save them.`;
}

/**
 * A workbook whose settings differ from the defaults loads the add-in when it opens, so its
 * settings are in force (and its FUNDING cells recalculated) before anyone edits a cell; a
 * workbook on the defaults does not. Microsoft: "Run code in your Office Add-in when the document
 * opens" -- Office.addin.setStartupBehavior(Office.StartupBehavior.load), shared runtime only,
 * per document, taking effect the next time the document opens. Where the host has no such call
 * (no shared runtime, the preview) or refuses it, nothing changes: the functions still wait for the
 * settings when they first calculate.
 */
async function loadWithWorkbook(load: boolean): Promise<void> {
  const addin = typeof Office === "undefined" ? undefined : Office.addin;
  if (typeof addin?.setStartupBehavior !== "function") return;
  try {
    await addin.setStartupBehavior(
      load ? Office.StartupBehavior.load : Office.StartupBehavior.none
    );
  } catch {
    // Optional: loading with the workbook only brings the settings in earlier.
  }
}
