import { MemoryWorkbook } from "../../packages/excel-double/src";
import {
  SETTINGS_KEY,
  loadAndApplySettings,
  loadSettings,
  resetSettings,
  saveSettings,
} from "../../src/excel/settings";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";
import { applySettings, currentSettings } from "../../src/domain/settings/runtimeSettings";

afterEach(() => applySettings(DEFAULT_SETTINGS));

describe("settings saved in the workbook", () => {
  test("a new workbook has the defaults, read in one sync", async () => {
    const wb = new MemoryWorkbook();
    const r = await wb.run((context) => loadSettings(context));
    expect(r).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
    expect(wb.syncCount).toBe(1);
  });

  test("saved settings travel with the workbook and reach the custom functions", async () => {
    const wb = new MemoryWorkbook();
    const saved = await wb.run((context) =>
      saveSettings(context, { ...DEFAULT_SETTINGS, funderShareInvestment: 40 })
    );
    expect(saved.ok).toBe(true);
    expect(currentSettings().funderShareInvestment).toBe(40);
    applySettings(DEFAULT_SETTINGS);
    // Reopening: the task pane loads them at start-up into the store the functions read.
    const r = await wb.run((context) => loadAndApplySettings(context));
    expect(r.ok && r.settings.funderShareInvestment).toBe(40);
    expect(currentSettings().funderShareInvestment).toBe(40);
  });

  test("invalid settings are refused with the field named and nothing is written", async () => {
    const wb = new MemoryWorkbook();
    const r = await wb.run((context) =>
      saveSettings(context, { ...DEFAULT_SETTINGS, smallGrantThreshold: -5 })
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatchObject({
      field: "smallGrantThreshold",
      message: expect.stringMatching(/Small-grant threshold/),
    });
    expect(wb.syncCount).toBe(0);
    const back = await wb.run((context) => loadSettings(context));
    expect(back).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });

  test("reset removes the saved settings", async () => {
    const wb = new MemoryWorkbook();
    await wb.run((context) =>
      saveSettings(context, { ...DEFAULT_SETTINGS, smallGrantThreshold: 10000 })
    );
    await wb.run((context) => resetSettings(context));
    expect(currentSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await wb.run((context) => loadSettings(context))).toEqual({
      ok: true,
      settings: DEFAULT_SETTINGS,
    });
  });

  test("a corrupted saved value is reported and the defaults stay in force", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      context.workbook.settings.add(SETTINGS_KEY, "{broken");
      await context.sync();
    });
    const r = await wb.run((context) => loadAndApplySettings(context));
    expect(r.ok).toBe(false);
    expect(currentSettings()).toEqual(DEFAULT_SETTINGS);
  });
});
