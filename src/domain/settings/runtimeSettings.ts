/**
 * The settings in force for this workbook. In the shared runtime the task pane bundle and the
 * custom functions bundle are separate scripts on one page, so the current settings live on the
 * global object (one slot for both); the task pane loads them from the workbook at start-up and
 * after every save, and the custom functions read them here.
 */
import { DEFAULT_SETTINGS, type FrameworkSettings } from "./settings";

const SLOT = "__fundingToolkitSettings";
type Holder = { settings: FrameworkSettings; listeners: Set<(s: FrameworkSettings) => void> };

function holder(): Holder {
  const g = globalThis as unknown as Record<string, Holder | undefined>;
  if (!g[SLOT]) g[SLOT] = { settings: DEFAULT_SETTINGS, listeners: new Set() };
  return g[SLOT] as Holder;
}

/** The settings the functions compute with now. */
export function currentSettings(): FrameworkSettings {
  return holder().settings;
}

/** Replace the settings in force (already validated) and tell listeners. */
export function applySettings(settings: FrameworkSettings): void {
  const h = holder();
  h.settings = settings;
  h.listeners.forEach((l) => l(settings));
}

/** Subscribe to changes; returns the unsubscribe function. */
export function onSettingsChange(listener: (s: FrameworkSettings) => void): () => void {
  const h = holder();
  h.listeners.add(listener);
  return () => h.listeners.delete(listener);
}
