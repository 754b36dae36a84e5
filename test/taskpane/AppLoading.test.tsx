/** @jest-environment jsdom */
/**
 * The views loaded when their tab is first chosen (src/taskpane/App.tsx): what the user sees while
 * the code is fetched on a slow connection, and when it cannot be fetched at all. The views' modules
 * are stood in for here, so each file of tests starts with nothing loaded (App.test.tsx: the views
 * themselves).
 */
import * as React from "react";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { useDoubleWorkbook } from "../support/taskpane";

let mockFinishEvaluation: () => void = () => undefined;
const mockEvaluationFetched = new Promise<void>((resolve) => (mockFinishEvaluation = resolve));
jest.mock("../../src/taskpane/views/evaluation/EvaluationView", () => {
  const actual = jest.requireActual("../../src/taskpane/views/evaluation/EvaluationView");
  const { createElement, lazy } = jest.requireActual("react");
  // Suspends until the test lets the "download" finish, as a slow connection would.
  const Fetched = lazy(() =>
    mockEvaluationFetched.then(() => ({ default: actual.EvaluationView }))
  );
  return { EvaluationView: () => createElement(Fetched) };
});

let mockOffline = true;
jest.mock("../../src/taskpane/views/settings/SettingsView", () => {
  // A module that cannot be loaded, as a chunk that cannot be fetched (webpack's ChunkLoadError).
  if (mockOffline) throw new Error("Loading chunk 512 failed.");
  return jest.requireActual("../../src/taskpane/views/settings/SettingsView");
});

useDoubleWorkbook();

const tab = (name: string) =>
  within(screen.getByRole("tablist", { name: "Funding Toolkit views" })).getByRole("tab", { name });
const choose = (name: string) => fireEvent.click(tab(name));

test("says a view is loading while its code is fetched, in a status a screen reader announces", async () => {
  render(<App theme={webLightTheme} />);
  choose("Evaluation");
  const status = await screen.findByRole("status");
  expect(within(status).getByText("Loading Evaluation...")).toBeTruthy();
  expect(within(status).getByRole("progressbar", { name: "Loading Evaluation..." })).toBeTruthy();
  expect(screen.queryByRole("heading", { name: "Evaluation panel" })).toBeNull();
  await act(async () => mockFinishEvaluation());
  expect(await screen.findByRole("heading", { name: "Evaluation panel" })).toBeTruthy();
  expect(screen.queryByText("Loading Evaluation...")).toBeNull();
});

test("when a view's code cannot be fetched, says so, keeps the rest working, and loads it on Try again", async () => {
  const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    render(<App theme={webLightTheme} />);
    choose("Settings");
    // React tries a failed lazy load again before the error boundary shows: allow for a slow machine.
    const alert = await screen.findByRole("alert", undefined, { timeout: 10000 });
    expect(alert.textContent).toContain(
      "Settings could not be loaded. Check your connection, then try again."
    );
    // The rest of the task pane still works.
    choose("Funding register");
    expect(screen.getByRole("button", { name: "Open a register file" })).toBeTruthy();
    choose("Settings");
    expect(await screen.findByRole("alert", undefined, { timeout: 10000 })).toBeTruthy();
    mockOffline = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("form", { name: "Framework settings" })).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  } finally {
    quiet.mockRestore();
  }
});
