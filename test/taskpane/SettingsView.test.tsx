/** @jest-environment jsdom */
import * as React from "react";
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { SettingsView } from "../../src/taskpane/views/settings/SettingsView";
import { loadSettings } from "../../src/excel/settings";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";
import {
  applyDefaultSettings,
  applySettings,
  resetRuntimeSettings,
} from "../../src/domain/settings/runtimeSettings";
import { renderInFluent, useDoubleWorkbook } from "../support/taskpane";

const workbook = useDoubleWorkbook();

const view = () => renderInFluent(<SettingsView />);

test("shows every setting with its label and source, edits and saves to the workbook", async () => {
  view();
  const threshold = await screen.findByLabelText("Small-grant threshold (£ per year)");
  expect((threshold as HTMLInputElement).value).toBe("5000");
  expect(screen.getAllByText(/Source: 002:355/).length).toBeGreaterThan(0);
  fireEvent.change(threshold, { target: { value: "£7,500" } });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
  });
  await screen.findByText("Settings saved in this workbook.");
  const saved = await workbook().run((context) => loadSettings(context));
  expect(saved.ok && saved.settings.smallGrantThreshold).toBe(7500);
});

test("a bad value is refused with a message naming the field, and nothing is saved", async () => {
  view();
  const share = await screen.findByLabelText("Funder share: investment (%)");
  fireEvent.change(share, { target: { value: "150" } });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
  });
  await screen.findByText(/Not saved: Funder share for investment must be 100% or less/);
  const saved = await workbook().run((context) => loadSettings(context));
  expect(saved).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
});

test("reset puts the defaults back", async () => {
  view();
  const share = await screen.findByLabelText("Funder share: small grant (%)");
  fireEvent.change(share, { target: { value: "30" } });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
  });
  await screen.findByText("Settings saved in this workbook.");
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Reset to defaults" }));
  });
  await waitFor(() =>
    expect((screen.getByLabelText("Funder share: small grant (%)") as HTMLInputElement).value).toBe(
      "20"
    )
  );
});

test("when the functions fell back to the defaults at start-up, the panel says so; when they did not, it says nothing", async () => {
  resetRuntimeSettings();
  applySettings(DEFAULT_SETTINGS);
  const first = view();
  await screen.findByLabelText("Small-grant threshold (£ per year)");
  expect(screen.queryByText(/used the default settings/)).toBeNull();
  first.unmount();
  applyDefaultSettings(
    "The workbook's settings had not loaded after 3 seconds, so the FUNDING functions used the default settings."
  );
  view();
  expect(await screen.findByText(/FUNDING functions used the default settings/)).toBeTruthy();
});
