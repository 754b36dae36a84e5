import * as React from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { officeTheme } from "./theme";
import { loadSettingsAtStartup } from "../excel/settings";
import { whenHostReady } from "../excel/host";

/* global document */

const container = document.getElementById("container");

whenHostReady(async () => {
  // Load the workbook's framework settings at start-up. The custom functions share this runtime
  // and wait for them (src/functions/settingsGate.ts), even when the task pane is never shown;
  // if they cannot be read, the defaults are put in force with a note.
  await loadSettingsAtStartup();
  if (container) createRoot(container).render(<App theme={officeTheme()} />);
});
