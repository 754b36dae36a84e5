/** @jest-environment jsdom */
import * as React from "react";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { SettingsView } from "../../src/taskpane/views/settings/SettingsView";
import { loadSettings } from "../../src/excel/settings";
import { DEFAULT_SETTINGS, SETTING_LABELS } from "../../src/domain/settings/settings";
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

describe("cost recovery settings", () => {
  const costKeys = (Object.keys(SETTING_LABELS) as (keyof typeof SETTING_LABELS)[]).filter((k) =>
    k.startsWith("cost")
  );

  test("every setting the framework has is shown, the cost recovery ones under their own heading with help in plain words", async () => {
    view();
    await screen.findByLabelText("Small-grant threshold (£ per year)");
    for (const key of Object.keys(SETTING_LABELS) as (keyof typeof SETTING_LABELS)[]) {
      if (key === "version") continue;
      const input = screen.getByLabelText(SETTING_LABELS[key]) as HTMLInputElement;
      expect(input.value).not.toBe("");
    }
    expect(costKeys.length).toBeGreaterThan(0);
    expect(screen.getByRole("heading", { name: "Cost recovery" })).toBeTruthy();
    // the group's fields follow its heading and come before the next one
    const headings = screen.getAllByRole("heading").map((h) => h.textContent);
    expect(headings).toContain("Cost recovery");
    const form = screen.getByRole("form", { name: "Framework settings" });
    const order = [...form.querySelectorAll("h2, input")].map((e) =>
      e.tagName === "H2" ? `# ${e.textContent}` : (e as HTMLInputElement).id
    );
    const start = order.indexOf("# Cost recovery");
    const next = order.findIndex((e, i) => i > start && e.startsWith("# "));
    expect(order.slice(start + 1, next === -1 ? undefined : next).sort()).toEqual(
      costKeys.map((k) => `setting-${k}`).sort()
    );
    expect((screen.getByLabelText("VAT rate (%)") as HTMLInputElement).value).toBe(
      String(DEFAULT_SETTINGS.costVatPercent)
    );
    expect(
      screen.getByText(
        "VAT the organisation pays and cannot claim back is a cost of the project; this is the rate used to add it. Source: HMRC standard rate."
      )
    ).toBeTruthy();
    expect(screen.getByText(/^How much pay rises each year on staff lines/)).toBeTruthy();
    expect(screen.queryByText(/cost[A-Z]\w+/)).toBeNull();
  });

  test("a cost recovery setting is saved, and kept when another setting is saved later", async () => {
    view();
    const inflation = await screen.findByLabelText("General inflation a year (%)");
    fireEvent.change(inflation, { target: { value: "2.5%" } });
    fireEvent.change(screen.getByLabelText("Employer National Insurance threshold (£ a year)"), {
      target: { value: "£9,100" },
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
    });
    await screen.findByText("Settings saved in this workbook.");
    let saved = await workbook().run((context) => loadSettings(context));
    expect(saved.ok && saved.settings.costInflationPercent).toBe(2.5);
    expect(saved.ok && saved.settings.costEmployerNiThreshold).toBe(9100);
    fireEvent.change(screen.getByLabelText("Funder share: investment (%)"), {
      target: { value: "60" },
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
    });
    await waitFor(async () => {
      saved = await workbook().run((context) => loadSettings(context));
      expect(saved.ok && saved.settings.funderShareInvestment).toBe(60);
    });
    expect(saved.ok && saved.settings.costInflationPercent).toBe(2.5);
    expect(saved.ok && saved.settings.costEmployerNiThreshold).toBe(9100);
  });

  test("a cost recovery setting out of range is refused with its name, and nothing is saved", async () => {
    view();
    const vat = await screen.findByLabelText("VAT rate (%)");
    fireEvent.change(vat, { target: { value: "120" } });
    fireEvent.change(screen.getByLabelText("Pay award a year (%)"), { target: { value: "" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
    });
    await screen.findByText(/Not saved: .*VAT rate must be 100% or less/);
    expect(screen.getAllByText(/VAT rate must be 100% or less/).length).toBe(2);
    const saved = await workbook().run((context) => loadSettings(context));
    expect(saved).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });
});
