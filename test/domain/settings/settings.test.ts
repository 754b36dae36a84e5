import {
  DEFAULT_SETTINGS,
  FrameworkSettingsSchema,
  SETTING_LABELS,
  SETTING_SOURCES,
  deserializeSettings,
  parseSettings,
  serializeSettings,
} from "../../../src/domain/settings/settings";
import {
  applySettings,
  currentSettings,
  onSettingsChange,
} from "../../../src/domain/settings/runtimeSettings";

describe("framework settings schema", () => {
  test("defaults are the values the sources state", () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      smallGrantThreshold: 5000, // 002:320-322
      smallGrantTermNormYears: 2, // 002:323
      smallGrantTermMaxYears: 3, // 002:323
      fundingTermNormYears: 3, // 000:408
      tenderingThreshold: 50000, // 003:253
      monitoringLightBelow: 25000, // 000:572
      monitoringFullAbove: 100000, // 000:572
      funderShareCommissionedService: 100, // 002:353
      funderShareInvestment: 50, // 002:355
      funderShareSmallGrant: 20, // 002:355
      funderShareQualifyingActivity: 20,
    });
    expect(FrameworkSettingsSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true);
  });

  test("every setting has a label and a source entry", () => {
    for (const key of Object.keys(DEFAULT_SETTINGS)) {
      expect(SETTING_LABELS).toHaveProperty(key);
      expect(SETTING_SOURCES).toHaveProperty(key);
    }
  });

  test.each([
    [
      { smallGrantThreshold: -1 },
      "smallGrantThreshold",
      /^Small-grant threshold must be £0 or more/,
    ],
    [
      { smallGrantThreshold: 5000.001 },
      "smallGrantThreshold",
      /^Small-grant threshold must be in pounds and pence/,
    ],
    [
      { smallGrantThreshold: "5000" },
      "smallGrantThreshold",
      /^Small-grant threshold must be an amount in pounds/,
    ],
    [
      { funderShareInvestment: 120 },
      "funderShareInvestment",
      /^Funder share for investment must be 100% or less/,
    ],
    [
      { funderShareSmallGrant: -5 },
      "funderShareSmallGrant",
      /^Funder share for small grants must be 0% or more/,
    ],
    [
      { smallGrantTermMaxYears: 2.5 },
      "smallGrantTermMaxYears",
      /^Small-grant maximum term must be a whole number of years/,
    ],
    [
      { smallGrantTermNormYears: 4 },
      "smallGrantTermNormYears",
      /^Small-grant normal term must not exceed/,
    ],
    [
      { monitoringLightBelow: 200000 },
      "monitoringLightBelow",
      /^Light monitoring band must not be above/,
    ],
    [
      { tenderingThresholdAsOf: "April 2007" },
      "tenderingThresholdAsOf",
      /^Tendering threshold date must be a date written YYYY-MM-DD/,
    ],
  ])("refuses %j naming the field", (input, field, message) => {
    const r = parseSettings({ ...DEFAULT_SETTINGS, ...input });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const e = r.errors.find((x) => x.field === field);
    expect(e).toBeDefined();
    // The message names the field in words a user recognises, then what was expected.
    expect(e!.message).toMatch(message);
  });

  test("missing fields take their defaults; a saved workbook round-trips", () => {
    const r = parseSettings({ funderShareInvestment: 40 });
    expect(r.ok && r.settings.funderShareInvestment).toBe(40);
    expect(r.ok && r.settings.smallGrantThreshold).toBe(5000);
    const back = deserializeSettings(serializeSettings(r.ok ? r.settings : DEFAULT_SETTINGS));
    expect(back).toEqual(r);
  });

  test("unreadable saved settings are reported, not thrown", () => {
    expect(deserializeSettings("{not json")).toEqual({
      ok: false,
      errors: [{ field: "settings", message: "Saved settings are not valid JSON" }],
    });
    expect(deserializeSettings("")).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });

  test("the settings store tells listeners and is shared through the global object", () => {
    const seen: number[] = [];
    const off = onSettingsChange((s) => seen.push(s.smallGrantThreshold));
    const r = parseSettings({ smallGrantThreshold: 10000 });
    if (!r.ok) throw new Error("valid settings refused");
    applySettings(r.settings);
    expect(currentSettings().smallGrantThreshold).toBe(10000);
    expect((globalThis as Record<string, unknown>).__fundingToolkitSettings).toBeDefined();
    applySettings(DEFAULT_SETTINGS);
    off();
    applySettings(r.settings);
    expect(seen).toEqual([10000, 5000]);
    applySettings(DEFAULT_SETTINGS);
  });
});
