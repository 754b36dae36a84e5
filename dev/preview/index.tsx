/**
 * Entry of preview.html: run the add-in's real task pane in a browser, without Excel.
 *
 * Like Excel, this page provides the globals the add-in relies on, then lets the add-in start:
 * `CustomFunctions` (inline in preview.html, before functions.js registers the FUNDING
 * functions), `Office` (officeHost.ts: onReady, the Office theme, requirement sets) and `Excel`
 * (the in-memory workbook's Excel.run). The task pane starts as src/taskpane/index.tsx does:
 * on Office.onReady it loads the workbook's settings and renders <App> with the theme chosen
 * from Office.context.officeTheme. Nothing in src/taskpane or src/excel knows it is in a preview.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import {
  MemoryWorkbook,
  installExcelGlobals,
  type CustomFunctionImplementation,
  type CustomFunctionsMetadata,
} from "../../packages/excel-double/src";
import { officeTheme } from "../../src/taskpane/theme";
import { loadAndApplySettings } from "../../src/excel/settings";
import { installOfficeGlobals, themeFromQuery } from "./officeHost";
import { loadSample, type SampleWorkbook } from "./sample";
import { createWorkbookModel } from "./workbookModel";
import { Preview } from "./Preview";
import { rectAddress } from "./address";
import sample from "../../assets/samples/sample-workbook.json";

const themeName = themeFromQuery(window.location.search);
const host = installOfficeGlobals(themeName);

/** The namespace of the manifest's custom functions (<Namespace resid="Functions.Namespace"/>). */
const FUNCTIONS_NAMESPACE = "FUNDING";

/**
 * Give the workbook the FUNDING functions as Excel does: the functions functions.js associated
 * (the add-in's own code, in preview.html's CustomFunctions stand-in) described by the build's
 * own functions.json (parameters, matrix dimensionality, allowErrorForDataTypeAny). Returns the
 * formula names, or a reason they are not available.
 */
async function registerFunctions(
  wb: MemoryWorkbook,
  registered: Record<string, unknown>
): Promise<{ names: string[]; problem: string }> {
  try {
    const response = await fetch("functions.json");
    if (!response.ok) throw new Error(`functions.json: ${response.status}`);
    const metadata = (await response.json()) as CustomFunctionsMetadata;
    const names = wb.registerCustomFunctions(
      metadata,
      registered as Record<string, CustomFunctionImplementation>,
      { namespace: FUNCTIONS_NAMESPACE }
    );
    return { names, problem: "" };
  } catch (e) {
    return {
      names: [],
      problem: `The FUNDING functions cannot be typed into the grid: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

async function start() {
  const wb = new MemoryWorkbook();
  const registered =
    (globalThis as { CustomFunctions?: { __registered?: Record<string, unknown> } }).CustomFunctions
      ?.__registered ?? {};
  const functions = await registerFunctions(wb, registered);
  await loadSample(wb, sample as SampleWorkbook);
  installExcelGlobals(wb);
  const model = createWorkbookModel(wb);

  // Tests and curious users can reach the workbook from the console.
  const exposed = {
    wb,
    model,
    ready: false,
    /** performance.now() when the task pane became interactive (ms since navigation). */
    readyAt: 0,
    /** The FUNDING custom functions functions.js registered (ids). */
    customFunctions: () => Object.keys(registered).sort(),
    /** The formula names the grid knows (FUNDING.CLASSIFY ...), and why not, if it knows none. */
    gridFunctions: functions,
    selection: () => {
      const s = model.selection();
      return { sheet: s.sheet, address: rectAddress(s.rect) };
    },
  };
  (window as unknown as { __preview: typeof exposed }).__preview = exposed;

  host.ready();
  await Office.onReady();
  try {
    await Excel.run((context) => loadAndApplySettings(context));
  } catch {
    // Settings stay at their defaults; the Settings panel reports the problem when opened.
  }
  const container = document.getElementById("preview-root");
  if (!container) return;
  createRoot(container).render(
    <Preview
      model={model}
      functionNames={functions.names}
      functionsProblem={functions.problem}
      themeName={themeName}
      theme={themeName === "dark" ? webDarkTheme : webLightTheme}
      taskpaneTheme={officeTheme()}
    />
  );
  // Interactive once the task pane's tabs are on screen.
  const waitForPane = () => {
    if (document.querySelector("#taskpane [role=tablist]")) {
      exposed.readyAt = performance.now();
      exposed.ready = true;
      document.documentElement.dataset.previewReady = "true";
    } else setTimeout(waitForPane, 10);
  };
  waitForPane();
}

start().catch((e: unknown) => {
  const container = document.getElementById("preview-root");
  if (container) {
    container.textContent = `The preview could not start: ${e instanceof Error ? e.message : String(e)}`;
  }
  throw e;
});
