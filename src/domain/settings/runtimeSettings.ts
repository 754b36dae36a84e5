/**
 * The settings in force for this workbook. In the shared runtime the task pane bundle and the
 * custom functions bundle are separate scripts on one page, so the current settings live on the
 * global object (one slot for both); the task pane loads them from the workbook at start-up and
 * after every save, and the custom functions read them here.
 *
 * The slot also says whether the workbook's settings have been read yet. The runtime can start
 * because a FUNDING function calculates, before the task pane has read the workbook's settings;
 * the functions wait for that (src/functions/settingsGate.ts) instead of computing with the
 * defaults, so the slot starts "waiting" and leaves it once the settings are in force.
 */
import { DEFAULT_SETTINGS, type FrameworkSettings } from "./settings";

/** Where the settings in force came from. */
export type SettingsStatus =
  /** Start-up: the workbook's settings have not been read yet (the defaults stand in). */
  | { kind: "waiting" }
  /** The workbook's saved settings (or the defaults, when it has none) are in force. */
  | { kind: "loaded" }
  /** The workbook's settings could not be read, in time or at all: the defaults are in force. */
  | { kind: "defaults"; note: string };

const SLOT = "__fundingToolkitSettings";
type Holder = {
  settings: FrameworkSettings;
  listeners: Set<(s: FrameworkSettings) => void>;
  status: SettingsStatus;
  /** Resolves when the status leaves "waiting"; a new one after resetRuntimeSettings. */
  settled: Promise<void>;
  settle: () => void;
};

function waitingHolder(listeners: Holder["listeners"]): Holder {
  let settle: () => void = () => undefined;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  return { settings: DEFAULT_SETTINGS, listeners, status: { kind: "waiting" }, settled, settle };
}

function holder(): Holder {
  const g = globalThis as unknown as Record<string, Holder | undefined>;
  if (!g[SLOT]) g[SLOT] = waitingHolder(new Set());
  return g[SLOT] as Holder;
}

/** The settings the functions compute with now. */
export function currentSettings(): FrameworkSettings {
  return holder().settings;
}

/** Replace the settings in force (already validated), mark them loaded and tell listeners. */
export function applySettings(settings: FrameworkSettings): void {
  const h = holder();
  h.settings = settings;
  h.status = { kind: "loaded" };
  h.settle();
  h.listeners.forEach((l) => l(settings));
}

/**
 * The workbook's settings could not be read (in time, or at all): the defaults are in force and
 * the note says why. Settings loaded later still replace them (applySettings).
 */
export function applyDefaultSettings(note: string): void {
  const h = holder();
  h.settings = DEFAULT_SETTINGS;
  h.status = { kind: "defaults", note };
  h.settle();
  h.listeners.forEach((l) => l(DEFAULT_SETTINGS));
}

/** Whether the workbook's settings are in force, still awaited, or replaced by the defaults. */
export function settingsStatus(): SettingsStatus {
  return holder().status;
}

/** Resolves once the settings are no longer awaited (loaded, or the defaults with a note). */
export function whenSettingsSettled(): Promise<void> {
  return holder().settled;
}

/** Back to start-up: the defaults stand in and the workbook's settings are awaited (tests). */
export function resetRuntimeSettings(): void {
  const g = globalThis as unknown as Record<string, Holder | undefined>;
  g[SLOT] = waitingHolder(holder().listeners);
}

/** Subscribe to changes; returns the unsubscribe function. */
export function onSettingsChange(listener: (s: FrameworkSettings) => void): () => void {
  const h = holder();
  h.listeners.add(listener);
  return () => h.listeners.delete(listener);
}

/** Whether two sets of settings give the same results (every field equal). */
export function sameSettings(a: FrameworkSettings, b: FrameworkSettings): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof FrameworkSettings>;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}
