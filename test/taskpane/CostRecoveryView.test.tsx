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
/** Building the sheet on the double can take seconds on a busy machine. */
const SLOW = { timeout: 20_000 };

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
        /Built the cost recovery workbook for 2 projects on Cost recovery!A1:/,
        {},
        SLOW
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
    // full cost £17,000; the £2,000 awarded is below the funder's 20% (£3,400), so the funder pays
    // £2,000 and the organisation finds £15,000
    expect(
      found.some(
        (row) =>
          row[0] === "Advice" && row.includes(17000) && row.includes(2000) && row.includes(15000)
      )
    ).toBe(true);
  });

  test("asks before replacing content, and Cancel leaves it as it was", async () => {
    const wb = mount();
    wb.addSheet("Cost recovery");
    wb.setCells("Cost recovery", "B5", [["do not lose me"]]);
    fill();
    fireEvent.click(screen.getByRole("button", { name: "Build cost recovery sheet" }));
    const dialog = await screen.findByRole("dialog", { hidden: true }, SLOW);
    expect(within(dialog).getByText(/already holds content/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel", hidden: true }));
    await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).toBeNull());
    expect(wb.getValues("Cost recovery", "B5")).toEqual([["do not lose me"]]);
    fireEvent.click(screen.getByRole("button", { name: "Build cost recovery sheet" }));
    fireEvent.click(
      within(await screen.findByRole("dialog", { hidden: true }, SLOW)).getByRole("button", {
        name: "Replace",
        hidden: true,
      })
    );
    expect(await screen.findByText(/Built the cost recovery workbook/, {}, SLOW)).toBeTruthy();
    expect(wb.getValues("Cost recovery", "A1")).toEqual([["Full cost recovery: Riverside CVS"]]);
  });

  test("each project's one answer in words, live", () => {
    mount();
    fill();
    // advice: full cost £17,000 at 80/20 -> the funder's part £3,400; £2,000 awarded is below it
    expect(
      screen.getByText(
        "Full cost £17,000.00. The funder pays £2,000.00 (80/20 organisation/funder; the price or award entered is £1,400.00 below the £3,400.00 expected); the organisation finds £15,000.00. Of that, £0.00 is already covered by the price or award entered (£2,000.00); £15,000.00 is still to find."
      )
    ).toBeTruthy();
  });

  test("an invalid entry is an error beside its field at once, and no figure counts it as £0", () => {
    mount();
    fill();
    typeIn("Pool 2 annual cost (£)", "tbc");
    expect(screen.getByText(/Pool 2 annual cost must be an amount in pounds/)).toBeTruthy();
    expect(screen.queryByText(/^Full cost £/)).toBeNull();
    expect(
      screen.getAllByText(/Figures appear when every entry is valid: fix the fields marked/)
    ).toHaveLength(2);
    typeIn("Pool 2 annual cost (£)", "9000");
    expect(screen.getByText("Full cost £37,000.00 (overheads £17,000.00)")).toBeTruthy();
  });

  test("a small grant over the small-grant threshold is warned about", () => {
    mount();
    fill();
    fireEvent.change(screen.getByLabelText("Project 1 funding type"), {
      target: { value: "Small grant" },
    });
    const warnings = screen.getByRole("list", { name: "Funding type warnings" });
    expect(
      within(warnings).getByText(
        /^Project 1 \(Lunch club\) is a small grant but its price or award of £25,000\.00 is over the small-grant threshold of £5,000\.00 a year/
      )
    ).toBeTruthy();
  });

  test("start from my sheet: the budget on the active sheet fills the form, with the mapping shown", async () => {
    const wb = mount();
    wb.addSheet("Budget");
    wb.setCells("Budget", "A1:F3", [
      [
        "Project",
        "Direct costs",
        "Funding type",
        "Price offered or award",
        "Headcount",
        "Staff time (days)",
      ],
      ["Lunch club", 20000, "Commissioned service", 25000, 3, 200],
      ["Advice", 10000, "Small grant", 2000, 1, 100],
    ]);
    wb.setCells("Budget", "A6:C8", [
      ["Overhead pool", "Annual cost", "Cost driver"],
      ["Premises", 12000, "Headcount"],
      ["Central functions", 9000, "Staff time"],
    ]);
    wb.select("Budget", "A1");
    fireEvent.click(screen.getByRole("button", { name: "Read the budget from the active sheet" }));
    const mapping = await screen.findByRole("list", { name: "How Budget was read" }, SLOW);
    expect(
      within(mapping).getByText(
        'Central functions: shared by column F "Staff time (days)", counted in days.'
      )
    ).toBeTruthy();
    expect((screen.getByLabelText("Pool 2 annual cost (£)") as HTMLInputElement).value).toBe(
      "9000"
    );
    expect((screen.getByLabelText("Pool 2 driver counted in") as HTMLInputElement).value).toBe(
      "days"
    );
    expect((screen.getByLabelText("Project 2 name") as HTMLInputElement).value).toBe("Advice");
    expect(
      (screen.getByLabelText(/Project 1 staff time \(days\) for Central/) as HTMLInputElement).value
    ).toBe("200");
    // premises 12,000 x 3/4 + central 9,000 x 200/300 = 9,000 + 6,000 on top of 20,000
    expect(screen.getByText("Full cost £35,000.00 (overheads £15,000.00)")).toBeTruthy();
  });

  test("going further: 3 years at 3% under a funder rule, and a salary with its on-costs added to a project", async () => {
    mount();
    fill();
    // loaded when first shown (kept out of the start-up bundle)
    fireEvent.change(await screen.findByLabelText("Years", {}, SLOW), { target: { value: "3" } });
    typeIn("Inflation a year (%)", "3");
    const results = screen.getByRole("list", { name: "Going further results" });
    // lunch club £37,000 a year: every line up 3% a year, rounded from year 1
    expect(
      within(results).getByText(
        "Full cost by year: Year 1 £37,000.00; Year 2 £38,110.00; Year 3 £39,253.30; total £114,363.30."
      )
    ).toBeTruthy();
    expect(within(results).getByText(/this costing covers 3 years\.$/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Funder rule"), { target: { value: "cap" } });
    // capped at 10% of direct costs: direct £61,818 over the 3 years (£20,000, £20,600, £21,218)
    // plus £6,181.80; the £25,000 a year entered (£75,000) covers £7,000.20 more
    expect(
      within(results).getByText(
        "Over the period: Full cost £114,363.30. The funder pays £67,999.80 (Overheads capped at 10% of direct costs); the organisation finds £46,363.50. Of that, £7,000.20 is already covered by the price or award entered (£75,000.00); £39,363.30 is still to find."
      )
    ).toBeTruthy();
    typeIn("Salary a year (£)", "30000");
    expect(
      screen.getByText(
        "Employer National Insurance £3,750.00 (15% above £5,000.00), pension £900.00 (3%): the post costs £34,650.00 a year."
      )
    ).toBeTruthy();
    fireEvent.click(
      screen.getByRole("button", { name: "Add the post to project 1's direct costs" })
    );
    expect((screen.getByLabelText("Project 1 direct costs (£)") as HTMLInputElement).value).toBe(
      "54650.00"
    );
  });

  test("going further reaches the sheet: the years and the rule picked are built below the notes, with the pane's figures", async () => {
    const wb = mount();
    fill();
    fireEvent.change(await screen.findByLabelText("Years", {}, SLOW), { target: { value: "3" } });
    typeIn("Inflation a year (%)", "3");
    fireEvent.change(screen.getByLabelText("Funder rule"), { target: { value: "cap" } });
    expect(
      screen.getByText(
        "Building the sheet adds these years and this funder rule for project 1, below the notes."
      )
    ).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Build cost recovery sheet" }));
    await screen.findByText(/Built the cost recovery workbook for 2 projects/, {}, SLOW);
    const values = await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Cost recovery").getUsedRange();
      r.load("values");
      await context.sync();
      return r.values;
    });
    const rowOf = (label: string) => values.find((r) => r[0] === label)!;
    expect(values.some((r) => r[0] === "Going further: Lunch club over 3 years")).toBe(true);
    // the same figures as the pane: £114,363.30 over 3 years; the funder pays £67,999.80
    expect(rowOf("Full cost").slice(2, 6)).toEqual([37_000, 38_110, 39_253.3, 114_363.3]);
    expect(rowOf("Funder pays")[1]).toBe(67_999.8);
    expect(rowOf("Already covered by the price or award")[1]).toBe(7_000.2);
    expect(rowOf("Still to find")[1]).toBe(39_363.3);
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
    expect(within(results).getByText("Funder pays: £12,500.00")).toBeTruthy();
    expect(within(results).getByText("Organisation finds: £12,500.00")).toBeTruthy();
    // take the overheads from project 1 instead: £17,000
    fireEvent.change(screen.getByLabelText("Share of overheads from"), {
      target: {
        value: within(screen.getByLabelText("Share of overheads from"))
          .getByRole("option", { name: /Project 1: Lunch club/ })
          .getAttribute("value"),
      },
    });
    expect(within(results).getByText("Full cost: £37,000.00")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Build cost recovery sheet" }));
    await screen.findByText(/Built the cost recovery workbook/, {}, SLOW);
    fireEvent.click(screen.getByRole("button", { name: "Write the service to the sheet" }));
    expect(await screen.findByText(/Wrote the service/, {}, SLOW)).toBeTruthy();
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
