import * as React from "react";
import { currentSettings, onSettingsChange } from "../../domain/settings/runtimeSettings";
import type { FrameworkSettings } from "../../domain/settings/settings";

/**
 * The framework settings in force, kept current: the one way a view reads them. The workbook's
 * saved settings are loaded at start-up (src/taskpane/index.tsx) and whenever the Settings panel
 * saves; every view re-renders with the new values.
 */
export function useSettings(): FrameworkSettings {
  const [settings, setSettings] = React.useState(currentSettings);
  React.useEffect(() => onSettingsChange(setSettings), []);
  return settings;
}
