/** @jest-environment jsdom */
import * as React from "react";
import { screen, fireEvent, waitFor, within } from "@testing-library/react";
import { CostRecoveryView } from "../../src/taskpane/views/cost-recovery/CostRecoveryView";
import { renderInFluent, typeIn, useDoubleWorkbook } from "../support/taskpane";
// In jsdom, Fluent's focus manager (tabster's modalizer) can leave a reopened dialog marked
// aria-hidden, so dialogs are looked up with hidden: true; the real dialogs are checked for
// accessibility in Chromium by test/browser.

// ResizeObserver, which jsdom lacks, comes from test/setup/jsdom.ts.

const workbook = useDoubleWorkbook();

function mount() {
  renderInFluent(<CostRecoveryView />);
  return workbook();
}

function fill() {
  typeIn("Organisation", "Riverside CVS");
  typeIn("Pool 1 annual cost (£)", "£12,000");
  typeIn("Pool 2 annual cost (£)", "9000");
  typeIn("Pool 3 annual cost (£)", "3000");
  typeIn("Project 1 name", "Lunch club");
  typeIn("Project 1 direct costs (£)", "£20,000");
  typeIn("Project 1 units of output", "400");
  typeIn("Project 1 price offered or award (£)", "25000");
  typeIn(/Project 1 headcount for Premises/, "3");
  typeIn(/Project 1 staff time \(hours\) for Central/, "600");
  fireEvent.click(screen.getByRole("button", { name: "Add project" }));
  typeIn("Project 2 name", "Advice");
  typeIn("Project 2 direct costs (£)", "10000");
  fireEvent.change(screen.getByLabelText("Project 2 funding type"), {
    target: { value: "Small grant" },
  });
  typeIn("Project 2 price offered or award (£)", "2000");
  typeIn(/Project 2 headcount for Premises/, "1");
  typeIn(/Project 2 staff time \(hours\) for Central/, "300");
}

describe("CostRecoveryView", () => {
  test("fill in, build, and the sheet shows the results the pane previewed", async () => {
    const wb = mount();
    fill();
    // live preview from the engine: lunch club 20,000 + 9,000 + 6,000 + 2,000 = 37,000
    expect(screen.getByText("Full cost £37,000.00 (overheads £17,000.00)")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Build cost recovery sheet" }));
    expect(
      await screen.findByText(
        /Built the cost recovery workbook for 2 projects on Cost recovery!A1:/
      )
    ).toBeTruthy();
    expect(wb.sheetNames()).toContain("Cost recovery");
    const found = await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Cost recovery").getUsedRange();
      r.load("values");
      await context.sync();
      return r.values;
    });
    const lunch = found.find(
      (row) =>
        row[0] === "Lunch club" &&
        typeof row[1] === "number" &&
        row.length > 10 &&
        row.includes(37000)
    );
    expect(lunch).toBeTruthy();
    // advice: premises 12,000 x 1/4 = 3,000; central 9,000 x 300/900 = 3,000; governance 3,000 x 10,000/30,000 = 1,000
    expect(
      found.some((row) => row[0] === "Advice" && row.includes(17000) && row.includes(3400))
    ).toBe(true); // full cost and funder share at 20%
  });

  test("asks before replacing content, and Cancel leaves it as it was", async () => {
    const wb = mount();
    wb.addSheet("Cost recovery");
    wb.setCells("Cost recovery", "B5", [["do not lose me"]]);
    fill();
    fireEvent.click(screen.getByRole("button", { name: "Build cost recovery sheet" }));
    const dialog = await screen.findByRole("dialog", { hidden: true });
    expect(within(dialog).getByText(/already holds content/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel", hidden: true }));
    await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).toBeNull());
    expect(wb.getValues("Cost recovery", "B5")).toEqual([["do not lose me"]]);
    fireEvent.click(screen.getByRole("button", { name: "Build cost recovery sheet" }));
    fireEvent.click(
      within(await screen.findByRole("dialog", { hidden: true })).getByRole("button", {
        name: "Replace",
        hidden: true,
      })
    );
    expect(await screen.findByText(/Built the cost recovery workbook/)).toBeTruthy();
    expect(wb.getValues("Cost recovery", "A1")).toEqual([["Full cost recovery: Riverside CVS"]]);
  });

  test("bad amounts are named beside their field and nothing is written", async () => {
    const wb = mount();
    typeIn("Project 1 name", "Lunch club");
    typeIn("Project 1 direct costs (£)", "lots");
    fireEvent.click(screen.getByRole("button", { name: "Build cost recovery sheet" }));
    expect(
      (await screen.findAllByText(/Project 1 direct costs must be an amount in pounds/)).length
    ).toBeGreaterThan(0);
    expect(wb.sheetNames()).not.toContain("Cost recovery");
  });

  test("Price a service: live unit price and parts, then written to the sheet", async () => {
    const wb = mount();
    fill();
    typeIn("Service name", "Befriending");
    typeIn("Service direct costs (£)", "20000");
    typeIn("Share of overheads (£)", "5000");
    typeIn("Expected units of output", "250");
    fireEvent.change(screen.getByLabelText("Service funding type"), {
      target: { value: "Investment" },
    });
    const results = screen.getByRole("list", { name: "Price a service results" });
    expect(within(results).getByText("Full cost: £25,000.00")).toBeTruthy();
    expect(within(results).getByText("Unit price at full cost: £100.00")).toBeTruthy();
    expect(within(results).getByText("Funder's part: £12,500.00")).toBeTruthy();
    expect(within(results).getByText("Organisation's part: £12,500.00")).toBeTruthy();
    // take the overheads from project 1 instead: £17,000
    fireEvent.change(screen.getByLabelText("Share of overheads from"), {
      target: {
        value: screen.getByRole("option", { name: /Project 1: Lunch club/ }).getAttribute("value"),
      },
    });
    expect(within(results).getByText("Full cost: £37,000.00")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Build cost recovery sheet" }));
    await screen.findByText(/Built the cost recovery workbook/);
    fireEvent.click(screen.getByRole("button", { name: "Write the service to the sheet" }));
    expect(await screen.findByText(/Wrote the service/)).toBeTruthy();
    const vals = await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Cost recovery").getUsedRange();
      r.load("values");
      await context.sync();
      return r.values;
    });
    const row = vals.find((r) => r[0] === "Unit price at full cost (£)");
    expect(row?.[1]).toBe(148);
  });

  test("pools can be added and removed; the single-driver option asks for people only", () => {
    mount();
    fireEvent.click(screen.getByRole("button", { name: "Add pool" }));
    expect(screen.getByLabelText("Pool 5 name")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /Remove pool 5/ }));
    expect(screen.queryByLabelText("Pool 5 name")).toBeNull();
    fireEvent.click(screen.getByRole("switch", { name: /one driver, people/ }));
    expect(screen.getByLabelText("Project 1 people (headcount or FTE)")).toBeTruthy();
    expect(screen.queryByLabelText(/Project 1 headcount for/)).toBeNull();
  });
});
