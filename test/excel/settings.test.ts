import { MemoryWorkbook } from "../../packages/excel-double/src";
import {
  SETTINGS_KEY,
  loadAndApplySettings,
  loadSettings,
  loadSettingsAtStartup,
  resetSettings,
  saveSettings,
} from "../../src/excel/settings";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";
import {
  applySettings,
  currentSettings,
  resetRuntimeSettings,
  settingsStatus,
} from "../../src/domain/settings/runtimeSettings";

afterEach(() => applySettings(DEFAULT_SETTINGS));

/** Watch Application.calculate on the double (one prototype serves every context). */
async function spyOnCalculate(wb: MemoryWorkbook) {
  const proto = await wb.run(async (context) =>
    Object.getPrototypeOf(context.workbook.application)
  );
  return jest.spyOn(proto as { calculate: (type: string) => void }, "calculate");
}

/** Install a global for the length of one test. */
function withGlobal(name: string, value: unknown): () => void {
  const g = globalThis as unknown as Record<string, unknown>;
  const had = name in g;
  const previous = g[name];
  g[name] = value;
  return () => {
    if (had) g[name] = previous;
    else delete g[name];
  };
}

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

describe("the FUNDING cells follow the settings in force", () => {
  test("loading settings that differ from the defaults at start-up recalculates the workbook once", async () => {
    const wb = new MemoryWorkbook();
    await wb.run((context) =>
      saveSettings(context, { ...DEFAULT_SETTINGS, smallGrantThreshold: 10000 })
    );
    resetRuntimeSettings(); // reopened: the functions wait for the settings
    const calculate = await spyOnCalculate(wb);
    const r = await wb.run((context) => loadAndApplySettings(context));
    expect(r.ok).toBe(true);
    expect(calculate.mock.calls).toEqual([["Full"]]);
    calculate.mockRestore();
    expect(settingsStatus()).toEqual({ kind: "loaded" });
    expect(currentSettings().smallGrantThreshold).toBe(10000);
  });

  test("a workbook that cannot recalculate at start-up (e.g. open read-only) still has its settings in force", async () => {
    const wb = new MemoryWorkbook();
    await wb.run((context) =>
      saveSettings(context, { ...DEFAULT_SETTINGS, smallGrantThreshold: 10000 })
    );
    resetRuntimeSettings();
    const calculate = (await spyOnCalculate(wb)).mockImplementation(() => {
      throw new Error("The workbook is read-only");
    });
    const r = await wb.run((context) => loadAndApplySettings(context));
    calculate.mockRestore();
    expect(r.ok).toBe(true);
    expect(settingsStatus()).toEqual({ kind: "loaded" });
    expect(currentSettings().smallGrantThreshold).toBe(10000);
  });

  test("a workbook on the defaults is not recalculated at start-up, in one sync", async () => {
    const wb = new MemoryWorkbook();
    resetRuntimeSettings();
    const calculate = await spyOnCalculate(wb);
    wb.resetCounters();
    await wb.run((context) => loadAndApplySettings(context));
    expect(calculate).not.toHaveBeenCalled();
    calculate.mockRestore();
    expect(wb.syncCount).toBe(1);
    expect(settingsStatus()).toEqual({ kind: "loaded" });
  });

  test("saving recalculates the workbook once; so does reset", async () => {
    const wb = new MemoryWorkbook();
    const calculate = await spyOnCalculate(wb);
    await wb.run((context) =>
      saveSettings(context, { ...DEFAULT_SETTINGS, moderationSpreadLimit: 2 })
    );
    expect(calculate.mock.calls).toEqual([["Full"]]);
    await wb.run((context) => resetSettings(context));
    expect(calculate.mock.calls).toEqual([["Full"], ["Full"]]);
    calculate.mockRestore();
  });

  test("unreadable saved settings leave the defaults in force with a note naming the problem, and no recalculation", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      context.workbook.settings.add(SETTINGS_KEY, JSON.stringify({ smallGrantThreshold: -1 }));
      await context.sync();
    });
    resetRuntimeSettings();
    const calculate = await spyOnCalculate(wb);
    const r = await wb.run((context) => loadAndApplySettings(context));
    expect(r.ok).toBe(false);
    expect(calculate).not.toHaveBeenCalled();
    calculate.mockRestore();
    expect(currentSettings()).toEqual(DEFAULT_SETTINGS);
    const status = settingsStatus();
    expect(status.kind).toBe("defaults");
    expect(status.kind === "defaults" && status.note).toMatch(
      /could not be read \(Small-grant threshold must be £0 or more\), so the FUNDING functions use the default settings/
    );
  });

  test("start-up loads the settings through Excel.run; when Excel cannot be reached the functions stop waiting with the defaults", async () => {
    const wb = new MemoryWorkbook();
    await wb.run((context) =>
      saveSettings(context, { ...DEFAULT_SETTINGS, funderShareInvestment: 40 })
    );
    resetRuntimeSettings();
    let restore = withGlobal("Excel", { run: (batch: never) => wb.run(batch) });
    try {
      await loadSettingsAtStartup();
    } finally {
      restore();
    }
    expect(settingsStatus()).toEqual({ kind: "loaded" });
    expect(currentSettings().funderShareInvestment).toBe(40);

    resetRuntimeSettings();
    restore = withGlobal("Excel", { run: () => Promise.reject(new Error("Excel is busy")) });
    try {
      await expect(loadSettingsAtStartup()).resolves.toBeUndefined();
    } finally {
      restore();
    }
    const status = settingsStatus();
    expect(status.kind === "defaults" && status.note).toMatch(
      /could not be read \(Excel is busy\)/
    );
    expect(currentSettings()).toEqual(DEFAULT_SETTINGS);
  });
});

describe("a workbook with its own settings loads the add-in when it opens", () => {
  function officeWithStartupBehavior(setStartupBehavior: jest.Mock) {
    return withGlobal("Office", {
      addin: { setStartupBehavior },
      StartupBehavior: { load: "Load", none: "None" },
    });
  }

  test("saving settings other than the defaults asks to load with the workbook; the defaults or a reset do not", async () => {
    const setStartupBehavior = jest.fn().mockResolvedValue(undefined);
    const restore = officeWithStartupBehavior(setStartupBehavior);
    try {
      const wb = new MemoryWorkbook();
      await wb.run((context) =>
        saveSettings(context, { ...DEFAULT_SETTINGS, tenderingThreshold: 75000 })
      );
      expect(setStartupBehavior.mock.calls).toEqual([["Load"]]);
      await wb.run((context) => resetSettings(context));
      await wb.run((context) => saveSettings(context, { ...DEFAULT_SETTINGS }));
      expect(setStartupBehavior.mock.calls).toEqual([["Load"], ["None"], ["None"]]);
    } finally {
      restore();
    }
  });

  test("a host that refuses does not stop the save", async () => {
    const restore = officeWithStartupBehavior(
      jest.fn().mockRejectedValue(new Error("not supported"))
    );
    try {
      const wb = new MemoryWorkbook();
      const r = await wb.run((context) =>
        saveSettings(context, { ...DEFAULT_SETTINGS, tenderingThreshold: 75000 })
      );
      expect(r.ok).toBe(true);
      expect(currentSettings().tenderingThreshold).toBe(75000);
    } finally {
      restore();
    }
  });
});
