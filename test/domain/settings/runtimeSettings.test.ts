import { DEFAULT_SETTINGS } from "../../../src/domain/settings/settings";
import {
  applyDefaultSettings,
  applySettings,
  currentSettings,
  onSettingsChange,
  resetRuntimeSettings,
  sameSettings,
  settingsStatus,
  whenSettingsSettled,
} from "../../../src/domain/settings/runtimeSettings";

const CUSTOM = { ...DEFAULT_SETTINGS, smallGrantThreshold: 10000 };

/** Whether a promise has settled by the time pending callbacks have run. */
async function isSettled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

beforeEach(() => resetRuntimeSettings());
afterAll(() => applySettings(DEFAULT_SETTINGS));

describe("the settings in force, shared by the task pane and the functions", () => {
  test("at start-up the workbook's settings are awaited and the defaults stand in", async () => {
    expect(settingsStatus()).toEqual({ kind: "waiting" });
    expect(currentSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await isSettled(whenSettingsSettled())).toBe(false);
  });

  test("applying the workbook's settings puts them in force, settles the wait and tells listeners", async () => {
    const heard: number[] = [];
    const stop = onSettingsChange((s) => heard.push(s.smallGrantThreshold));
    const settled = whenSettingsSettled();
    applySettings(CUSTOM);
    stop();
    expect(currentSettings()).toBe(CUSTOM);
    expect(settingsStatus()).toEqual({ kind: "loaded" });
    expect(await isSettled(settled)).toBe(true);
    expect(heard).toEqual([10000]);
  });

  test("when they cannot be read, the defaults are in force with a note; settings read later still apply", async () => {
    const settled = whenSettingsSettled();
    applyDefaultSettings("could not read them");
    expect(currentSettings()).toEqual(DEFAULT_SETTINGS);
    expect(settingsStatus()).toEqual({ kind: "defaults", note: "could not read them" });
    expect(await isSettled(settled)).toBe(true);
    applySettings(CUSTOM);
    expect(settingsStatus()).toEqual({ kind: "loaded" });
    expect(currentSettings().smallGrantThreshold).toBe(10000);
  });

  test("one slot on the global object: a second copy of the module (another bundle) sees the same state", () => {
    applySettings(CUSTOM);
    jest.isolateModules(() => {
      const other = require("../../../src/domain/settings/runtimeSettings");
      expect(other.currentSettings()).toBe(CUSTOM);
      expect(other.settingsStatus()).toEqual({ kind: "loaded" });
    });
  });

  test("a reset awaits the settings again with a new wait; listeners stay subscribed", async () => {
    const heard: number[] = [];
    const stop = onSettingsChange((s) => heard.push(s.smallGrantThreshold));
    applySettings(CUSTOM);
    resetRuntimeSettings();
    expect(settingsStatus()).toEqual({ kind: "waiting" });
    expect(currentSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await isSettled(whenSettingsSettled())).toBe(false);
    applySettings(DEFAULT_SETTINGS);
    stop();
    expect(heard).toEqual([10000, 5000]);
  });

  test("sameSettings compares every field", () => {
    expect(sameSettings(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS })).toBe(true);
    expect(sameSettings(DEFAULT_SETTINGS, CUSTOM)).toBe(false);
    expect(
      sameSettings(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, tenderingThresholdAsOf: "2020-01-01" })
    ).toBe(false);
  });
});
