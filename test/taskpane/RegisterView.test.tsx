/** @jest-environment jsdom */
import * as React from "react";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import * as fs from "fs";
import * as path from "path";
import type { MemoryWorkbook } from "../../packages/excel-double/src";
import { RegisterView } from "../../src/taskpane/views/register/RegisterView";
import { CHESHIRE_EAST_REGISTER } from "../support/cheshireEast";
import { renderInFluent, useDoubleWorkbook } from "../support/taskpane";

// The Cheshire East register without Congleton's £0 contract row: nine rows of spend.
const rows = CHESHIRE_EAST_REGISTER.filter((r) => r[4] !== 0);

const workbook = useDoubleWorkbook();

function setup(extra?: (wb: MemoryWorkbook) => void) {
  const wb = workbook();
  wb.addSheet("Register");
  wb.setCells("Register", "A1:E10", rows);
  extra?.(wb);
  wb.select("Register", "B2");
  const view = renderInFluent(<RegisterView />);
  return { wb, view };
}

async function useSelection() {
  fireEvent.click(screen.getByRole("button", { name: "Use selected data" }));
  await screen.findByText(/Register: Register!A1:E10, 9 rows\./, undefined, { timeout: 10000 });
}

test("pick the data, see the detected mapping, classify, see the summary", async () => {
  const { wb } = setup();
  await useSelection();
  // every mapping control has a visible label and shows the detected column
  expect(screen.getByRole("combobox", { name: /Annual value \(£\)/ })).toHaveProperty(
    "value",
    "Amount (£) (column 5)"
  );
  expect(screen.getByRole("combobox", { name: /Outputs specified/ })).toHaveProperty(
    "value",
    "Outputs specified (column 4)"
  );
  expect(screen.getByRole("combobox", { name: /^Funder/ })).toHaveProperty(
    "value",
    "Authority (column 1)"
  );
  expect(screen.getByRole("combobox", { name: "Group the summary by" })).toHaveProperty(
    "value",
    "Department"
  );

  fireEvent.click(screen.getByRole("button", { name: "Classify" }));
  await screen.findByText(/9 rows classified/, undefined, { timeout: 10000 });
  expect(screen.getByText(/reconcile with the register to the penny/)).toBeTruthy();
  const table = screen.getByRole("table", { name: "Rows and value by funding type" });
  const commissioned = within(table).getByText("Commissioned service").closest("tr") as HTMLElement;
  expect(within(commissioned).getByText("4")).toBeTruthy();
  expect(within(commissioned).getByText("£2,396,254.14")).toBeTruthy();
  expect(within(table).getByText("£4,200,167.92")).toBeTruthy();
  expect(
    screen.getByText(/Shopping 57\.1% · Investing 0\.0% · Giving 42\.9% of value/)
  ).toBeTruthy();
  expect(wb.getValues("Register", "F1")[0][0]).toBe("Mode");
  expect(wb.sheetNames()).toContain("Funding summary");
});

test("asks before overwriting, and overwrites only when told", async () => {
  const { wb } = setup((w) => w.setCells("Register", "H3", [["my note"]]));
  await useSelection();
  fireEvent.click(screen.getByRole("button", { name: "Classify" }));
  const dialog = await screen.findByRole("alertdialog", { hidden: true }, { timeout: 10000 });
  expect(within(dialog).getByText(/1 cell is not empty \(H3\)/)).toBeTruthy();
  // In jsdom, Fluent's focus manager (tabster's modalizer) marks the dialog's portal aria-hidden
  // while it settles, so the buttons are looked up with hidden: true here; the same dialog is
  // checked for accessibility in Chromium by test/browser/register.test.ts.
  fireEvent.click(within(dialog).getByRole("button", { name: "Cancel", hidden: true }));
  await waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).toBeNull(), {
    timeout: 10000,
  });
  expect(wb.getValues("Register", "H3")[0][0]).toBe("my note");
  expect(wb.getValues("Register", "F1")[0][0]).toBe("");

  fireEvent.click(screen.getByRole("button", { name: "Classify" }));
  fireEvent.click(
    within(await screen.findByRole("alertdialog", { hidden: true }, { timeout: 10000 })).getByRole(
      "button",
      { name: "Overwrite", hidden: true }
    )
  );
  await screen.findByText(/9 rows classified/, undefined, { timeout: 10000 });
  expect(wb.getValues("Register", "H3")[0][0]).toBe("Departmental");
});

test("rows that cannot be classified are listed and the user can jump to them", async () => {
  const { wb } = setup((w) => w.setCells("Register", "E4", [["unknown"]]));
  await useSelection();
  fireEvent.click(screen.getByRole("button", { name: "Classify" }));
  await screen.findByText(/8 rows classified, 1 could not be classified/, undefined, {
    timeout: 10000,
  });
  const list = screen.getByRole("list", { name: "Rows that could not be classified" });
  expect(
    within(list).getByText(
      'Amount (£) is "unknown": enter an amount in pounds, e.g. 12000 or £12,000.50'
    )
  ).toBeTruthy();
  await act(async () => {
    fireEvent.click(within(list).getByRole("button", { name: "Go to row 4" }));
  });
  await waitFor(
    async () => {
      const address = await wb.run(async (context) => {
        const r = context.workbook.getSelectedRange();
        r.load("address");
        await context.sync();
        return r.address;
      });
      expect(address).toMatch(/A4:N4$/); // the register and its result columns
    },
    { timeout: 10000 }
  );
});

test("no register at the selection is said plainly", async () => {
  const wb = workbook();
  wb.addSheet("Empty");
  wb.select("Empty", "C3");
  renderInFluent(<RegisterView />);
  fireEvent.click(screen.getByRole("button", { name: "Use selected data" }));
  expect((await screen.findByRole("alert", undefined, { timeout: 10000 })).textContent).toMatch(
    /No register found here/
  );
  expect(screen.queryByRole("button", { name: "Classify" })).toBeNull();
});

test("the view has no accessibility violations axe can find", async () => {
  const { view } = setup();
  await useSelection();
  const results = await axe.run(view.container, {
    rules: { "color-contrast": { enabled: false } },
  });
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)
  ).toEqual([]);
});

describe("opening a downloaded 360Giving file", () => {
  const csv = path.resolve(__dirname, "../fixtures/360giving/360giving-baring-flat.csv");
  test("open, answer once per programme, classify, see flagged rows and go to them", async () => {
    const wb = workbook();
    renderInFluent(<RegisterView />);
    const file = new File([fs.readFileSync(csv)], "360giving-baring-flat.csv", {
      type: "text/csv",
    });
    fireEvent.change(screen.getByLabelText("Register file"), { target: { files: [file] } });
    await screen.findByText(
      /Opened "360giving-baring-flat.csv": 53 rows written as a table/,
      undefined,
      {
        timeout: 20000,
      }
    );
    expect(wb.sheetNames()).toContain("360giving-baring-flat");
    // the worked-out columns are in the register, mapped
    expect(screen.getByRole("combobox", { name: /Annual value \(£\)/ })).toHaveProperty(
      "value",
      "Annual value (£) (column 23)"
    );
    // one question per programme, largest first, in plain words
    const arts = await screen.findByRole("combobox", {
      name: /Does the Arts General programme specify the outputs it pays for\? \(31 rows\)/,
    });
    expect(arts).toHaveProperty("value", "Not answered");
    fireEvent.click(arts);
    fireEvent.click(await screen.findByRole("option", { name: "Yes" }));
    await waitFor(() => expect(arts).toHaveProperty("value", "Yes"));
    fireEvent.click(screen.getByRole("button", { name: "Answer No for the 7 not answered" }));
    fireEvent.click(screen.getByRole("button", { name: "Classify" }));
    await screen.findByText(/53 rows classified\./, undefined, { timeout: 30000 });
    // the mix adds to 100.0%
    const mix = screen.getByText(/of value$/).textContent ?? "";
    const shares = [...mix.matchAll(/(\d+\.\d)%/g)].map((m) => Number(m[1]) * 10);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(1000);
    // Arts General paid for specified outputs over less than three years: short-term, with rows
    const flags = screen.getByRole("list", { name: "Flags raised" });
    expect(within(flags).getByText(/^short-term: \d+ rows$/)).toBeTruthy();
    expect(
      within(flags).getAllByRole("button", { name: /^Go to row \d+$/ }).length
    ).toBeGreaterThan(0);
    expect(within(flags).queryByText(/\b00[0-4]:\d/)).toBeNull();
    // flagged rows are highlighted by a format tied to the Flags column
    const formats = wb.getConditionalFormats("360giving-baring-flat");
    expect(formats.some((f) => /LEN\(TRIM\(\$AL2\)\)>0/.test(JSON.stringify(f)))).toBe(true);
    // the answers are remembered for the next file
    expect(JSON.stringify(wb.getSettings())).toMatch(/arts general/);
  });
});
