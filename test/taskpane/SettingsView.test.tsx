/** @jest-environment jsdom */
import * as React from "react";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
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
  // sources as a reader can follow them: the document, section and paragraph, no "002:355" codes
  expect(
    screen.getAllByText(
      'Source: Wiltshire funding review (2007), "Managing Expectations", paragraph 5 (80/20)'
    ).length
  ).toBe(2);
  expect(screen.queryByText(/\b00[0-4]:\d/)).toBeNull();
  // the dated setting in UK style
  expect(
    (screen.getByLabelText("Tendering threshold confirmed on") as HTMLInputElement).value
  ).toBe("01/04/2007");
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

test("a date is typed in UK style and kept as a date; a date that is not one is refused", async () => {
  view();
  const date = await screen.findByLabelText("Tendering threshold confirmed on");
  fireEvent.change(date, { target: { value: "31/03/2024" } });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
  });
  await screen.findByText("Settings saved in this workbook.");
  const saved = await workbook().run((context) => loadSettings(context));
  expect(saved.ok && saved.settings.tenderingThresholdAsOf).toBe("2024-03-31");
  fireEvent.change(date, { target: { value: "31/13/2024" } });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
  });
  await screen.findByText(
    /Not saved: Tendering threshold confirmed on must be a date such as 01\/04\/2007/
  );
});

test("reset asks first, and puts the defaults back only when confirmed", async () => {
  view();
  const share = await screen.findByLabelText("Funder share: small grant (%)");
  fireEvent.change(share, { target: { value: "30" } });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
  });
  await screen.findByText("Settings saved in this workbook.");
  fireEvent.click(screen.getByRole("button", { name: "Reset to defaults" }));
  let dialog = await screen.findByRole("alertdialog", { hidden: true });
  fireEvent.click(within(dialog).getByRole("button", { name: "Cancel", hidden: true }));
  await waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).toBeNull());
  expect((screen.getByLabelText("Funder share: small grant (%)") as HTMLInputElement).value).toBe(
    "30"
  );
  fireEvent.click(screen.getByRole("button", { name: "Reset to defaults" }));
  dialog = await screen.findByRole("alertdialog", { hidden: true });
  await act(async () => {
    fireEvent.click(
      within(dialog).getByRole("button", { name: "Reset to defaults", hidden: true })
    );
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
