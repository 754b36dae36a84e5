/**
 * The Evaluation view in the preview, as a user drives it: set up the tender from the "Tender"
 * sheet, generate the panel's workbook, check the returns and go to a missing score, let a panel
 * member score, check again, and generate again only after confirming; and with the keyboard only.
 */
import { usePreviewSuite, tabTo, type PreviewPage } from "./support/preview";

const suite = usePreviewSuite();

async function setUpFromTenderSheet(p: PreviewPage) {
  await p.showSheet("Tender");
  const tender = await p.cellText("B1");
  const bidders = [
    { name: await p.cellText("A16"), price: await p.cellText("B16") },
    { name: await p.cellText("A17"), price: await p.cellText("B17") },
  ];
  const panel = [await p.cellText("A21"), await p.cellText("A22")];
  await p.openView("Evaluation");
  const t = p.taskpane;
  await t.getByRole("textbox", { name: "Tender name" }).fill(tender);
  for (let i = 0; i < bidders.length; i++) {
    if (i > 0) await t.getByRole("button", { name: "Add bidder" }).click();
    await t.getByRole("textbox", { name: `Bidder ${i + 1} name` }).fill(bidders[i].name);
    await t.getByRole("textbox", { name: `Bidder ${i + 1} price (£)` }).fill(bidders[i].price);
  }
  for (let i = 0; i < panel.length; i++) {
    if (i > 0) await t.getByRole("button", { name: "Add panel member" }).click();
    await t.getByRole("textbox", { name: `Panel member ${i + 1}` }).fill(panel[i]);
  }
  return { tender, bidders, panel };
}

describe("Evaluation view", () => {
  test("generate the panel workbook, check returns, go to a missing score, score, check again, regenerate with confirmation", async () => {
    const p = await suite.open();
    const { tender, panel } = await setUpFromTenderSheet(p);
    expect(panel).toEqual(["A. Patel (commissioner)", "J. Morgan (finance)"]);
    const t = p.taskpane;
    await t.getByRole("button", { name: "Generate evaluation workbook" }).click();
    const scoreSheets = panel.map((n) => `Scores ${n}`);
    await t
      .getByRole("status")
      .filter({ hasText: /^Generated 5 sheets: Criteria, / })
      .waitFor();
    for (const s of ["Criteria", ...scoreSheets, "Moderation", "Results"])
      expect(await p.sheetNames()).toContain(s);

    // The criteria sheet shows the tender as typed and weights adding up to 100.
    expect(await p.activeSheet()).toBe("Criteria");
    expect(await p.cellText("B1")).toBe(tender);
    expect([await p.cellText("A13"), await p.cellText("C13")]).toEqual(["Total", "100"]);
    await p.cell("C13").click();
    expect(await p.formulaBar()).toMatch(/^=SUM\(/);
    await p.screenshot("evaluation-light");

    // Check returns: nothing is scored yet.
    await t.getByRole("button", { name: "Check returns" }).click();
    const findings = t.getByRole("region", { name: "Check returns findings" });
    await findings.waitFor();
    expect(await findings.innerText()).toMatch(/Missing scores \(8\)/);
    // Go to the first missing score: the grid opens that evaluator's sheet at the cell.
    const first = findings
      .getByRole("button", { name: /^Go to Scores A\. Patel/ })
      .filter({ hasText: "B8" })
      .first();
    await first.click();
    await p.page.waitForFunction(
      (s) =>
        document.querySelector("[data-testid=workbook] [role=grid]")?.getAttribute("data-sheet") ===
        s,
      scoreSheets[0]
    );
    expect(await p.workbookSelection()).toEqual({ sheet: scoreSheets[0], address: "B8" });
    expect(await p.cellText("A8")).toBe("Citizens Advice Wiltshire");

    // The panel member scores two cells (as they would in Excel); checking again finds fewer gaps.
    await p.page.evaluate(
      (sheet) =>
        Excel.run(async (context) => {
          const ws = context.workbook.worksheets.getItem(sheet);
          ws.getRange("B8").values = [[4]];
          ws.getRange("D8").values = [[3]];
          await context.sync();
        }),
      scoreSheets[0]
    );
    await p.page.waitForFunction(
      () => document.querySelector('[data-cell="B8"]')?.textContent === "4"
    );
    await t.getByRole("button", { name: "Check returns" }).click();
    await p.page.waitForFunction(() =>
      /Missing scores \(6\)/.test(document.querySelector("#taskpane")?.textContent ?? "")
    );

    // Generating again would replace the panel's sheets: the view asks; Cancel keeps the scores.
    await t.getByRole("button", { name: "Generate evaluation workbook" }).click();
    const dialog = p.page.getByRole("dialog");
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/Replace existing sheets\?/);
    await p.screenshot("evaluation-confirm-replace");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect((await p.values(scoreSheets[0], "B8"))[0][0]).toBe(4);
    await t.getByRole("button", { name: "Generate evaluation workbook" }).click();
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Replace the sheets" }).click();
    await dialog.waitFor({ state: "detached" });
    await p.page.waitForFunction(
      (s) =>
        (
          window as unknown as {
            __preview: { wb: { getValues(a: string, b: string): unknown[][] } };
          }
        ).__preview.wb.getValues(s, "B8")[0][0] === "",
      scoreSheets[0]
    );
    p.assertHealthy();
    await p.page.close();
  });

  test("problems are listed before anything is written", async () => {
    const p = await suite.open();
    await p.openView("Evaluation");
    await p.taskpane.getByRole("button", { name: "Generate evaluation workbook" }).click();
    const problems = p.taskpane.getByRole("list", { name: "Problems to correct" });
    await problems.waitFor();
    expect((await problems.innerText()).length).toBeGreaterThan(0);
    expect(await p.sheetNames()).toEqual(["Funding register", "Organisation budget", "Tender"]);
    p.assertHealthy();
    await p.page.close();
  });

  test("keyboard only: type the tender, bidder and panel, Enter to generate", async () => {
    const p = await suite.open();
    const kb = p.page.keyboard;
    await p.openView("Evaluation");
    await tabTo(p, { role: "textbox", name: "Tender name" });
    await kb.type("Community advice service 2025-28");
    await tabTo(p, { role: "textbox", name: "Bidder 1 name" });
    await kb.type("Citizens Advice Wiltshire");
    await kb.press("Tab");
    await kb.type("412000");
    await tabTo(p, { role: "textbox", name: "Panel member 1" });
    await kb.type("A. Patel");
    await tabTo(p, { role: "button", name: "Generate evaluation workbook" });
    await kb.press("Enter");
    await p.taskpane
      .getByRole("status")
      .filter({ hasText: /^Generated 4 sheets: Criteria, Scores A\. Patel, Moderation, Results\./ })
      .waitFor();
    expect(await p.activeSheet()).toBe("Criteria");
    p.assertHealthy();
    await p.page.close();
  });
});
