/** @jest-environment jsdom */
import { act, renderHook } from "@testing-library/react";
import { useSettings } from "../../../src/taskpane/hooks/useSettings";
import { DEFAULT_SETTINGS } from "../../../src/domain/settings/settings";
import { applySettings } from "../../../src/domain/settings/runtimeSettings";

afterEach(() => applySettings(DEFAULT_SETTINGS));

describe("useSettings", () => {
  test("follows the settings in force when they change", () => {
    const { result } = renderHook(() => useSettings());
    expect(result.current.funderShareInvestment).toBe(DEFAULT_SETTINGS.funderShareInvestment);
    act(() => applySettings({ ...DEFAULT_SETTINGS, funderShareInvestment: 40 }));
    expect(result.current.funderShareInvestment).toBe(40);
  });
});
