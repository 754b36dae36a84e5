/**
 * Setting up task pane tests (jsdom): a workbook double standing in for Excel, and views rendered
 * inside Fluent's theme as the add-in renders them.
 */
import * as React from "react";
import { fireEvent, render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { MemoryWorkbook, installExcelGlobals } from "../../packages/excel-double/src";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";
import { applySettings } from "../../src/domain/settings/runtimeSettings";

/**
 * Before each test of the file, a fresh workbook double installed as Office's Excel globals;
 * after it, the globals put back and the default settings in force again. Call at the top of the
 * file (or of a describe); the function it returns gives the current test's workbook.
 */
export function useDoubleWorkbook(): () => MemoryWorkbook {
  let wb: MemoryWorkbook | null = null;
  let restore: (() => void) | null = null;
  beforeEach(() => {
    wb = new MemoryWorkbook();
    restore = installExcelGlobals(wb);
  });
  afterEach(() => {
    restore?.();
    restore = null;
    wb = null;
    applySettings(DEFAULT_SETTINGS);
  });
  return () => {
    if (!wb) throw new Error("useDoubleWorkbook: the workbook exists only while a test runs");
    return wb;
  };
}

/** Renders a task pane view inside a FluentProvider (light theme), as src/taskpane/App.tsx does. */
export const renderInFluent = (ui: React.ReactElement) =>
  render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

/** Types a value into the field with this label, as one change (as pasting it would). */
export const typeIn = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
