/**
 * The FUNDING functions compute with the workbook's settings from their first calculation.
 *
 * Without the task pane open, the shared runtime starts when a function first calculates, and the
 * workbook's settings are read a moment later, on Office.onReady (src/taskpane/index.tsx loads
 * them into src/domain/settings/runtimeSettings.ts). A function called in between would compute
 * with the defaults, and since non-volatile functions are not recalculated when a workbook opens
 * (OfficeDev/Excel-Custom-Functions #368) those results could be saved and shown again.
 *
 * So every function is registered behind a gate: once the settings are in force it runs at once,
 * as before; until then it returns a Promise, which Excel waits for (Microsoft: "Receive and
 * handle data with custom functions" -- a function may return a JavaScript Promise and Excel shows
 * the value it resolves with), resolved when the settings are loaded or, at the latest, after
 * SETTINGS_WAIT_MS with the defaults and a note in the settings status. Settings read later still
 * apply, and the loader recalculates (src/excel/settings.ts).
 *
 * The function files stay as they are (the tests call them directly): the metadata plugin appends
 * `CustomFunctions.associate(id, fn)` to each of them, and functions.ts imports registerGated.ts
 * before them, which installs gateRegistrations, so each associate call registers the gated
 * function.
 */
import {
  applyDefaultSettings,
  settingsStatus,
  whenSettingsSettled,
} from "../domain/settings/runtimeSettings";

/** How long a function waits for the workbook's settings before computing with the defaults. */
export const SETTINGS_WAIT_MS = 3000;

/** The note the settings status carries when the wait ran out. */
export function waitNote(waitMs: number): string {
  return `The workbook's settings had not loaded after ${waitMs / 1000} seconds, so the FUNDING functions used the default settings. Open Funding Toolkit > Settings to check them; the functions recalculate when the settings load or are saved.`;
}

/** One wait per start-up, shared by every call made during it. */
let current: { settled: Promise<void>; ready: Promise<void> } | null = null;

/** Resolves when the settings are in force, or after waitMs with the defaults and a note. */
export function settingsReady(waitMs: number = SETTINGS_WAIT_MS): Promise<void> {
  if (settingsStatus().kind !== "waiting") return Promise.resolve();
  const settled = whenSettingsSettled();
  if (current?.settled !== settled) {
    const ready = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        if (settingsStatus().kind === "waiting") applyDefaultSettings(waitNote(waitMs));
        resolve();
      }, waitMs);
      void settled.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    current = { settled, ready };
  }
  return current.ready;
}

type AnyFunction = (...args: any[]) => unknown;

/**
 * The function behind the gate: called at once when the settings are in force (the same value,
 * synchronously, as before), otherwise after settingsReady.
 */
export function gated<F extends AnyFunction>(
  fn: F,
  waitMs: number = SETTINGS_WAIT_MS
): (...args: Parameters<F>) => ReturnType<F> | Promise<ReturnType<F>> {
  return (...args) => {
    if (settingsStatus().kind !== "waiting") return fn(...args) as ReturnType<F>;
    return settingsReady(waitMs).then(() => fn(...args) as ReturnType<F>);
  };
}

/** The part of the CustomFunctions namespace that registers functions. */
export interface FunctionRegistry {
  associate(id: string, fn: AnyFunction): void;
  associate(mappings: Record<string, AnyFunction>): void;
}

/**
 * From now on, every function associated through `registry` is registered gated. Both forms of
 * CustomFunctions.associate are covered: (id, function) and a map of ids to functions.
 */
export function gateRegistrations(registry: FunctionRegistry, waitMs = SETTINGS_WAIT_MS): void {
  const associate = registry.associate.bind(registry) as (
    idOrMappings: string | Record<string, AnyFunction>,
    fn?: AnyFunction
  ) => void;
  registry.associate = ((idOrMappings: string | Record<string, AnyFunction>, fn?: AnyFunction) => {
    if (typeof idOrMappings === "string") {
      associate(idOrMappings, typeof fn === "function" ? gated(fn, waitMs) : fn);
      return;
    }
    const wrapped: Record<string, AnyFunction> = {};
    for (const [id, f] of Object.entries(idOrMappings)) {
      wrapped[id] = typeof f === "function" ? gated(f, waitMs) : f;
    }
    associate(wrapped);
  }) as FunctionRegistry["associate"];
}
