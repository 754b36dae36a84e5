/**
 * The framework settings saved in the workbook (Excel's workbook settings collection, which is
 * stored inside the file), so they travel with it. One sync to read, one to write.
 */
import { z } from "zod";
import {
  DEFAULT_SETTINGS,
  deserializeSettings,
  parseSettings,
  type FrameworkSettings,
  type SettingsResult,
} from "../domain/settings/settings";
import { applySettings } from "../domain/settings/runtimeSettings";
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
  return parsed;
}

/** Back to the defaults from the sources. */
export async function resetSettings(context: Excel.RequestContext): Promise<FrameworkSettings> {
  queueRemove(context, SETTINGS_ENTRY);
  await context.sync();
  applySettings(DEFAULT_SETTINGS);
  await recalculate(context);
  return DEFAULT_SETTINGS;
}

/** FUNDING functions read the settings in force: recalculate so cells show the new figures. */
async function recalculate(context: Excel.RequestContext): Promise<void> {
  context.workbook.application.calculate("Full");
  await context.sync();
}

/** Load the workbook's settings into the store the custom functions read. */
export async function loadAndApplySettings(context: Excel.RequestContext): Promise<SettingsResult> {
  const result = await loadSettings(context);
  applySettings(result.ok ? result.settings : DEFAULT_SETTINGS);
  return result;
}
