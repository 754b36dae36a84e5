/**
 * The Funding register view in the preview, as a user drives it: pick the register by clicking
 * a cell in the grid, use it, classify, read the results in the grid and the summary, jump to a
 * row that could not be classified, fix it in the sheet and run again; refuse to overwrite a
 * user's cell without asking; and the same with the keyboard only.
 */
import { usePreviewSuite, tabTo, type PreviewPage } from "./support/preview";

const suite = usePreviewSuite();

async function classifyFromGrid(p: PreviewPage) {
  await p.showSheet("Funding register");
  await p.cell("C5").click();
  await p.taskpane.getByRole("button", { name: "Use selected data" }).click();
  await expect(p.taskpane.getByText(/^Register: /).innerText()).resolves.toBe(
    "Register: Funding register!A1:M17 (table FundingRegister), 16 rows."
  );
  await p.taskpane.getByRole("button", { name: "Classify" }).click();
  await p.taskpane.getByRole("region", { name: "Classification result" }).waitFor();
}

describe("Funding register view", () => {
  test("pick the register in the grid, classify, see the results in the grid, jump to a bad row, fix it and run again", async () => {
    const p = await suite.open();
    await classifyFromGrid(p);
    const result = p.taskpane.getByRole("region", { name: "Classification result" });
    await expect(result.locator(".fui-MessageBar").first().innerText()).resolves.toMatch(
      /^14 rows classified, 2 could not be classified\. Summary written to the "Funding summary" sheet/
    );

    // The eight results and the notes are now columns N:V of the register, as the grid shows.
    expect(await p.activeSheet()).toBe("Funding register");
    const header = await Promise.all(
      ["N1", "O1", "P1", "Q1", "R1", "S1", "T1", "U1", "V1"].map((a) => p.cellText(a))
    );
    expect(header).toEqual([
      "Mode",
      "Funding type",
      "Budget",
      "Route",
      "Cost recovery",
      "Funder share",
      "Monitoring",
      "Flags",
      "Notes",
    ]);
    // Row 2: a "grant" with outputs specified is really a commissioned service.
    expect(await p.cellText("N2")).toBe("Shopping");
    expect(await p.cellText("O2")).toBe("Commissioned service");
    expect(await p.cellText("U2")).toBe("grant-with-outputs, short-term");
    // Row 3: an SLA with outputs, not competitively selected.
    expect(await p.cellText("U3")).toBe("sla-not-procured");
    // Row 5: a "contract" without outputs to an infrastructure body: investment.
    expect([await p.cellText("N5"), await p.cellText("U5")]).toEqual([
      "Investing",
      "contract-without-outputs",
    ]);
    // Rows 6-8: £5,000 exactly is a small grant and flagged; £4,999.99 a small grant; £5,000.01 qualifying activity.
    expect([await p.cellText("O6"), await p.cellText("U6")]).toEqual([
      "Small grant",
      "at-threshold",
    ]);
    expect(await p.cellText("O7")).toBe("Small grant");
    expect(await p.cellText("O8")).toBe("Qualifying activity");
    // Row 16 ("tbc") could not be classified: its note says why.
    expect(await p.cellText("N16")).toBe("");
    expect(await p.cellText("V16")).toMatch(
      /^Not classified: Annual value \(£\) is "tbc": enter an amount in pounds/
    );

    // The summary sheet is there, and the flags the user must look at are listed.
    expect(await p.sheetNames()).toContain("Funding summary");
    const flags = await result.getByRole("list", { name: "Flags raised" }).innerText();
    expect(flags).toMatch(/grant-with-outputs: 1/);
    expect(flags).toMatch(/sla-not-procured: 2/);
    expect(flags).toMatch(/at-threshold: 1/);

    // Jump to the row that could not be classified: the grid selects it.
    await result.getByRole("button", { name: "Go to row 16" }).click();
    // The register now includes its result columns (A:V): the whole row is selected.
    await p.page.waitForFunction(
      () => (document.getElementById("name-box") as HTMLInputElement).value === "A16:V16"
    );
    expect(await p.workbookSelection()).toEqual({ sheet: "Funding register", address: "A16:V16" });
    await p.screenshot("register-light");

    // The user corrects the amount in the sheet and runs again: results are updated in place.
    await p.page.evaluate(() =>
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Funding register").getRange("F16").values = [[30000]];
        await context.sync();
      })
    );
    await p.page.waitForFunction(
      () => document.querySelector('[data-cell="F16"]')?.textContent === "£30,000.00"
    );
    await expect(p.taskpane.getByText(/^Register: /).innerText()).resolves.toMatch(
      /Results from an earlier run will be updated in place\./
    );
    await p.taskpane.getByRole("button", { name: "Classify" }).click();
    await p.page.waitForFunction(
      () => document.querySelector('[data-cell="N16"]')?.textContent === "Shopping"
    );
    await expect(result.locator(".fui-MessageBar").first().innerText()).resolves.toMatch(
      /^15 rows classified, 1 could not be classified/
    );
    expect(await p.cellText("U16")).toBe("sla-not-procured");
    // No second set of result columns.
    expect(await p.cellText("W1")).toBe("");
    expect((await p.sheetNames()).filter((n) => n.startsWith("Funding summary"))).toEqual([
      "Funding summary",
    ]);
    p.assertHealthy();
    await p.page.close();
  });

  test("asks before overwriting a cell beside the register that it did not write, and keeps it on Cancel", async () => {
    const p = await suite.open();
    await p.page.evaluate(() =>
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Funding register").getRange("P4").values = [
          ["my note"],
        ];
        await context.sync();
      })
    );
    await p.showSheet("Funding register");
    await p.cell("B2").click();
    await p.taskpane.getByRole("button", { name: "Use selected data" }).click();
    await p.taskpane.getByRole("button", { name: "Classify" }).click();
    const dialog = p.page.getByRole("alertdialog");
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/Overwrite cells beside the register\?/);
    await p.screenshot("register-confirm-overwrite");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await p.cellText("P4")).toBe("my note");
    expect(await p.cellText("N2")).toBe("");
    p.assertHealthy();
    await p.page.close();
  });

  test("keyboard only: name box to the register, Tab to the task pane, Enter and Space to run", async () => {
    const p = await suite.open();
    const kb = p.page.keyboard;
    // Tab from the top of the page to the name box, go to C5.
    await tabTo(p, { name: /^Name box/ });
    await kb.type("C5");
    await kb.press("Enter");
    expect(await p.workbookSelection()).toEqual({ sheet: "Funding register", address: "C5" });
    await kb.press("ArrowDown"); // the grid cell has focus: arrows move the selection
    expect(await p.workbookSelection()).toEqual({ sheet: "Funding register", address: "C6" });
    await tabTo(p, { role: "button", name: "Use selected data" });
    await kb.press("Enter");
    await p.taskpane.getByRole("button", { name: "Classify" }).waitFor();
    await tabTo(p, { role: "button", name: "Classify" });
    await kb.press("Space");
    await p.taskpane.getByRole("region", { name: "Classification result" }).waitFor();
    expect(await p.cellText("N2")).toBe("Shopping");
    // The row that could not be classified can be reached and followed with the keyboard too.
    await tabTo(p, { role: "button", name: "Go to row 16" });
    await kb.press("Enter");
    await p.page.waitForFunction(
      () => (document.getElementById("name-box") as HTMLInputElement).value === "A16:V16"
    );
    p.assertHealthy();
    await p.page.close();
  });

  test("open a 360Giving CSV from the pane, answer the programme questions, see the flagged rows highlighted", async () => {
    const p = await suite.open();
    // A register as GrantNav publishes it: the whole award over a duration, no outputs column.
    const csv = [
      "Identifier,Title,Currency,Amount Awarded,Award Date,Planned Dates:Duration (months),Recipient Org:Name,Funding Org:Name,Grant Programme:Title,From An Open Call?",
      "360G-T-1,Voluntary Sector Grant to Oak Carers,GBP,36000,2024-05-01,36,Oak Carers,Test Council,Voluntary Sector Grants,No",
      "360G-T-2,Voluntary Sector Grant to Ash Advice,GBP,24000,2024-06-01,24,Ash Advice,Test Council,Voluntary Sector Grants,No",
      "360G-T-3,Small grant to Elm Lunch Club,GBP,3000,2024-07-01,12,Elm Lunch Club,Test Council,Small Grants,Yes",
      '360G-T-4,"Small grant to Birch Toddlers, Calne",GBP,2000,12/08/2024,12,Birch Toddlers,Test Council,Small Grants,Yes',
    ].join("\r\n");
    await p.taskpane.getByLabel("Register file").setInputFiles({
      name: "grants.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`\ufeff${csv}\r\n`, "utf8"),
    });
    const t = p.taskpane;
    // The file becomes a table on a new sheet, which the grid shows.
    await t.getByText(/^Register: /).waitFor();
    const sheet = await p.activeSheet();
    expect(await p.sheetNames()).toContain(sheet);
    expect(await p.cellText("A1")).toBe("Identifier");
    expect(await p.cellText("B5")).toBe("Small grant to Birch Toddlers, Calne");

    // One question per programme; the grants programme specifies outputs, small grants do not.
    const questions = t.getByRole("region", { name: "Questions the data cannot answer" });
    const answer = async (programme: string, choice: string) => {
      const box = questions.getByRole("combobox", {
        name: new RegExp(`^Does the ${programme} programme specify the outputs it pays for\\?`),
      });
      await expect(box.isEnabled()).resolves.toBe(true);
      // With the mouse: a pop-up layer once covered the pane and swallowed these clicks.
      await box.click();
      await box.and(p.page.locator("[aria-expanded=true]")).waitFor();
      await p.page.getByRole("option", { name: choice, exact: true }).click();
      await expect(box.innerText()).resolves.toBe(choice);
      if ((await box.getAttribute("aria-expanded")) === "true")
        await p.page.keyboard.press("Escape");
      await p.page.getByRole("listbox").waitFor({ state: "hidden" });
    };
    await answer("Voluntary Sector Grants", "Yes");
    await answer("Small Grants", "No");
    await t.getByRole("button", { name: "Classify" }).click();
    const result = t.getByRole("region", { name: "Classification result" });
    await result.waitFor();
    await expect(result.locator(".fui-MessageBar").first().innerText()).resolves.toMatch(
      /^4 rows classified\. Summary written to the "Funding summary" sheet as live formulas; its \d+ figures reconcile with the register to the penny\./
    );

    // The result columns are on the register's sheet; find them by their headers.
    expect(await p.activeSheet()).toBe(sheet);
    const header = (await p.values(sheet, "A1:Z1"))[0].map(String);
    const col = (h: string) => String.fromCharCode(65 + header.indexOf(h));
    expect(header).toEqual(expect.arrayContaining(["Annual value (£)", "Mode", "Flags"]));
    // £36,000 over 36 months is £12,000 a year; a "grant" whose programme specifies outputs is
    // really a commissioned service, and flagged.
    expect(await p.cellText(`${col("Annual value (£)")}2`)).toBe("£12,000.00");
    expect(await p.cellText(`${col("Funding type")}2`)).toBe("Commissioned service");
    expect(await p.cellText(`${col("Flags")}2`)).toMatch(/grant-with-outputs/);
    expect(await p.cellText(`${col("Funding type")}4`)).toBe("Small grant");
    expect(await p.cellText(`${col("Flags")}4`)).toBe("");
    const flags = await result.getByRole("list", { name: "Flags raised" }).innerText();
    expect(flags).toMatch(/grant-with-outputs: 2/);

    // Flagged rows are highlighted in the grid (the conditional format on the Flags column);
    // rows without a flag are not.
    const fill = (a: string) => p.cell(a).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect([await fill("A2"), await fill("A3")]).toEqual([
      "rgb(255, 242, 204)",
      "rgb(255, 242, 204)",
    ]);
    expect(await fill("A4")).not.toBe("rgb(255, 242, 204)");
    await p.screenshot("register-file-flags");
    p.assertHealthy();
    await p.page.close();
  });
});
