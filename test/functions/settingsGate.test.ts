/**
 * The FUNDING functions compute with the workbook's settings from their first calculation: a call
 * made before the task pane has read the settings waits for them (bounded), and the gate is put
 * on every function at registration, in the code and in the built functions.js.
 */
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import { MemoryWorkbook } from "../../packages/excel-double/src";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";
import {
  applySettings,
  currentSettings,
  resetRuntimeSettings,
  settingsStatus,
} from "../../src/domain/settings/runtimeSettings";
import { loadAndApplySettings, saveSettings } from "../../src/excel/settings";
import { consensusFn } from "../../src/functions/scoring";
import {
  SETTINGS_WAIT_MS,
  gateRegistrations,
  gated,
  settingsReady,
  waitNote,
  type FunctionRegistry,
} from "../../src/functions/settingsGate";
import { DIST, ensureBuilt } from "../support/build";

/** CONSENSUS of scores 1 and 3: Discuss is TRUE under the default spread limit (1), FALSE under 3. */
const SCORES = [[1, 3]];
const discuss = (out: unknown) => (out as unknown[][])[0][3];

/** A workbook whose saved settings discuss only spreads over 3 points. */
async function workbookWithSpreadLimit3(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await wb.run((context) =>
    saveSettings(context, { ...DEFAULT_SETTINGS, moderationSpreadLimit: 3 })
  );
  return wb;
}

beforeEach(() => resetRuntimeSettings());
afterEach(() => {
  jest.useRealTimers();
  applySettings(DEFAULT_SETTINGS);
});

describe("a function called before the workbook's settings are loaded", () => {
  test("waits, then computes with the workbook's settings, not the defaults", async () => {
    const wb = await workbookWithSpreadLimit3();
    resetRuntimeSettings(); // the runtime starts again: settings not read yet
    const pending = gated(consensusFn)(SCORES);
    expect(pending).toBeInstanceOf(Promise);
    // The task pane's start-up reads the settings (src/taskpane/index.tsx).
    await wb.run((context) => loadAndApplySettings(context));
    expect(discuss(await pending)).toBe(false);
    // Computed with the defaults it would have said TRUE.
    applySettings(DEFAULT_SETTINGS);
    expect(discuss(consensusFn(SCORES))).toBe(true);
  });

  test("once the settings are in force, the gated function answers at once, as the function itself does", () => {
    applySettings(DEFAULT_SETTINGS);
    const out = gated(consensusFn)(SCORES);
    expect(out).not.toBeInstanceOf(Promise);
    expect(out).toEqual(consensusFn(SCORES));
  });

  test("the wait is bounded: after it the defaults are used and the settings status carries a note", async () => {
    jest.useFakeTimers();
    const pending = gated(consensusFn)(SCORES);
    const another = gated(consensusFn)([[2, 2]]);
    // Every call made during start-up shares one wait (one timer), however many cells calculate.
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(SETTINGS_WAIT_MS - 1);
    expect(settingsStatus()).toEqual({ kind: "waiting" });
    jest.advanceTimersByTime(1);
    expect(discuss(await pending)).toBe(true);
    expect(discuss(await another)).toBe(false);
    expect(settingsStatus()).toEqual({ kind: "defaults", note: waitNote(SETTINGS_WAIT_MS) });
    expect(waitNote(SETTINGS_WAIT_MS)).toMatch(
      /settings had not loaded after 3 seconds, so the FUNDING functions used the default settings/
    );
    expect(currentSettings()).toEqual(DEFAULT_SETTINGS);
    // Later calls do not wait again.
    expect(gated(consensusFn)(SCORES)).not.toBeInstanceOf(Promise);
  });

  test("settings loaded after the wait ran out replace the defaults and recalculate the workbook once", async () => {
    const wb = await workbookWithSpreadLimit3();
    resetRuntimeSettings();
    expect(discuss(await gated(consensusFn, 5)(SCORES))).toBe(true);
    expect(settingsStatus().kind).toBe("defaults");
    const calculate = await spyOnCalculate(wb);
    await wb.run((context) => loadAndApplySettings(context));
    expect(calculate.mock.calls).toEqual([["Full"]]);
    calculate.mockRestore();
    expect(settingsStatus()).toEqual({ kind: "loaded" });
    expect(discuss(gated(consensusFn)(SCORES))).toBe(false);
  });

  test("settings that arrive first stop the wait's timer", async () => {
    jest.useFakeTimers();
    const pending = gated(consensusFn)(SCORES);
    expect(jest.getTimerCount()).toBe(1);
    applySettings({ ...DEFAULT_SETTINGS, moderationSpreadLimit: 3 });
    expect(discuss(await pending)).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
    await expect(settingsReady()).resolves.toBeUndefined();
  });
});

describe("every function is registered behind the gate", () => {
  function fakeRegistry() {
    const registered: Record<string, (...args: unknown[]) => unknown> = {};
    const registry = {
      associate(idOrMap: unknown, fn?: unknown) {
        if (typeof idOrMap === "string") registered[idOrMap] = fn as never;
        else Object.assign(registered, idOrMap);
      },
    };
    return { registry: registry as unknown as FunctionRegistry, registered };
  }

  test("associate(id, function) and associate({ id: function }) both register the gated function", async () => {
    const { registry, registered } = fakeRegistry();
    gateRegistrations(registry);
    registry.associate("CONSENSUS", consensusFn);
    registry.associate({ OTHER: consensusFn });
    for (const id of ["CONSENSUS", "OTHER"]) {
      expect(registered[id]).not.toBe(consensusFn);
      const pending = registered[id](SCORES);
      expect(pending).toBeInstanceOf(Promise);
      applySettings({ ...DEFAULT_SETTINGS, moderationSpreadLimit: 3 });
      expect(discuss(await pending)).toBe(false);
      expect(discuss(registered[id](SCORES))).toBe(false);
      resetRuntimeSettings();
    }
  });

  describe("in the built dist/functions.js", () => {
    beforeAll(() => ensureBuilt(), 600000);

    test("each FUNDING function waits for the settings and computes with the workbook's", async () => {
      const code = fs.readFileSync(path.join(DIST, "functions.js"), "utf8");
      const { registry, registered } = fakeRegistry();
      class FunctionError {
        constructor(
          public code: string,
          public message?: string
        ) {}
      }
      const sandbox: Record<string, unknown> = {
        CustomFunctions: Object.assign(registry, {
          Error: FunctionError,
          ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
        }),
        console,
        setTimeout,
        clearTimeout,
      };
      sandbox.window = sandbox;
      sandbox.self = sandbox;
      sandbox.globalThis = sandbox;
      vm.runInNewContext(code, sandbox, { filename: "functions.js" });
      const meta = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as {
        functions: { id: string }[];
      };
      const ids = meta.functions.map((f) => f.id).sort();
      expect(Object.keys(registered).sort()).toEqual(ids);

      // Before the settings are in force every function answers with a promise (a wait).
      const waits = ids.map((id) => registered[id]([[1]], [[1]], [[1]]) as Promise<unknown>);
      for (const wait of waits) expect(typeof wait?.then).toBe("function");
      const pending = registered.CONSENSUS(SCORES) as Promise<unknown>;
      // The task pane bundle puts the workbook's settings in the shared slot: do as it does.
      const slot = sandbox.__fundingToolkitSettings as {
        settings: typeof DEFAULT_SETTINGS;
        status: { kind: string };
        settle: () => void;
      };
      slot.settings = { ...DEFAULT_SETTINGS, moderationSpreadLimit: 3 };
      slot.status = { kind: "loaded" };
      slot.settle();
      expect(discuss(await pending)).toBe(false);
      expect(discuss(registered.CONSENSUS(SCORES))).toBe(false);
      // Each wait ends in what the function itself answers now the settings are in force: the
      // same value, or the same error.
      const answers = await Promise.allSettled(waits);
      ids.forEach((id, i) => {
        let now: PromiseSettledResult<unknown>;
        try {
          now = { status: "fulfilled", value: registered[id]([[1]], [[1]], [[1]]) };
        } catch (e) {
          now = { status: "rejected", reason: e };
        }
        expect(answers[i]).toEqual(now);
      });
    });
  });
});

/** Watch Application.calculate on the double (one prototype serves every context). */
async function spyOnCalculate(wb: MemoryWorkbook) {
  const proto = await wb.run(async (context) =>
    Object.getPrototypeOf(context.workbook.application)
  );
  return jest.spyOn(proto as { calculate: (type: string) => void }, "calculate");
}
