/** @jest-environment jsdom */
/**
 * The task pane as a whole: the register is there at start-up; Cost recovery, Evaluation and
 * Settings are loaded when their tab is first chosen (src/taskpane/App.tsx), with a loading state
 * meanwhile (test/taskpane/AppLoading.test.tsx covers loading and failing to load).
 */
import * as React from "react";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { useDoubleWorkbook } from "../support/taskpane";

useDoubleWorkbook();

const renderApp = () => render(<App theme={webLightTheme} />);

const tab = (name: string) =>
  within(screen.getByRole("tablist", { name: "Funding Toolkit views" })).getByRole("tab", { name });

const choose = (name: string) => fireEvent.click(tab(name));

test("shows the register at start-up and each other view when its tab is chosen", async () => {
  renderApp();
  expect(screen.getByRole("button", { name: "Open a register file" })).toBeTruthy();
  expect(tab("Funding register").getAttribute("aria-selected")).toBe("true");

  choose("Cost recovery");
  expect(tab("Cost recovery").getAttribute("aria-selected")).toBe("true");
  expect(await screen.findByRole("form", { name: "Full cost recovery" })).toBeTruthy();
  expect(screen.queryByRole("button", { name: "Open a register file" })).toBeNull();
  expect(screen.getByRole("tabpanel").getAttribute("aria-labelledby")).toBe("tab-costs");

  choose("Evaluation");
  expect(await screen.findByRole("heading", { name: "Evaluation panel" })).toBeTruthy();
  expect(screen.queryByRole("form", { name: "Full cost recovery" })).toBeNull();

  choose("Settings");
  expect(await screen.findByRole("form", { name: "Framework settings" })).toBeTruthy();

  choose("Funding register");
  expect(screen.getByRole("button", { name: "Open a register file" })).toBeTruthy();
  // A view already loaded comes straight back.
  choose("Cost recovery");
  expect(await screen.findByRole("form", { name: "Full cost recovery" })).toBeTruthy();
});
