import * as React from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { officeTheme } from "./theme";
import { loadAndApplySettings } from "../excel/settings";
import { runInExcel } from "../excel/run";

/* global document */

const container = document.getElementById("container");

Office.onReady(async () => {
  // Load the workbook's framework settings at start-up so the custom functions (same runtime)
  // compute with them even before the task pane is shown.
  try {
    await runInExcel((context) => loadAndApplySettings(context));
  } catch {
    // Settings stay at their defaults; the Settings panel reports the problem when opened.
  }
  if (container) createRoot(container).render(<App theme={officeTheme()} />);
});
