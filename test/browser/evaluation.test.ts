/**
 * The Evaluation view in the preview, as a user drives it: set up the tender from the "Tender"
 * sheet, generate the panel's workbook, check the returns and go to a missing declaration, let a
 * panel member score, check again; read the setup with "Use selected data", send the evaluator
 * files (downloaded in the preview) and collect a member's return; and with the keyboard only.
 */
import * as fs from "fs";
import ExcelJS from "exceljs";
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
  test("generate the panel workbook, check returns, go to a missing declaration, score, check again", async () => {
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
    expect([await p.cellText("A18"), await p.cellText("C18")]).toEqual(["Total", "100%"]);
    await p.cell("C18").click();
    expect(await p.formulaBar()).toMatch(/^=SUM\(/);
    await p.screenshot("evaluation-light");

    // Check returns: nothing is scored yet.
    await t.getByRole("button", { name: "Check returns" }).click();
    const findings = t.getByRole("region", { name: "Check returns findings" });
    await findings.waitFor();
    expect(await findings.innerText()).toMatch(/Missing scores \(8\)/);
    // Go to the first missing declaration: the grid opens that evaluator's sheet at the cell.
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
          ws.getRange("C8").values = [[4]];
          ws.getRange("E8").values = [[3]];
          await context.sync();
        }),
      scoreSheets[0]
    );
    await p.page.waitForFunction(
      () => document.querySelector('[data-cell="C8"]')?.textContent === "4"
    );
    await t.getByRole("button", { name: "Check returns" }).click();
    await p.page.waitForFunction(() =>
      /Missing scores \(6\)/.test(document.querySelector("#taskpane")?.textContent ?? "")
    );

    p.assertHealthy();
    await p.page.close();
  });

  test("use the Tender sheet, send the evaluator files and collect a member's return", async () => {
    const p = await suite.open();
    await p.showSheet("Tender");
    await p.cell("A8").click();
    await p.openView("Evaluation");
    const t = p.taskpane;
    await t.getByRole("button", { name: "Use selected data" }).click();
    await t
      .getByRole("status")
      .filter({ hasText: /^Read from "Tender"/ })
      .waitFor();
    expect(await t.getByRole("textbox", { name: "Panel member 3" }).inputValue()).toBe(
      "R. Hughes (sector representative)"
    );
    await p.screenshot("evaluation-setup-from-sheet");
    await t.getByRole("button", { name: "Generate evaluation workbook" }).click();
    await t
      .getByRole("status")
      .filter({ hasText: /^Generated / })
      .waitFor();
    // The sheet name is shortened at a word boundary.
    expect(await p.sheetNames()).toContain("Scores R. Hughes");

    const downloads: string[] = [];
    p.page.on("download", async (d) => {
      const file = `${await d.path()}`;
      downloads.push(file);
    });
    await t.getByRole("button", { name: "Send to evaluators" }).click();
    await t
      .getByRole("status")
      .filter({ hasText: /^Downloaded 3 evaluator files/ })
      .waitFor();
    for (let i = 0; i < 50 && downloads.length < 3; i++) await p.page.waitForTimeout(100);
    expect(downloads).toHaveLength(3);

    // A. Patel scores every bid in her file and returns it.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync(downloads[0]) as unknown as ArrayBuffer);
    const ws = book.worksheets[0];
    expect(ws.name).toBe("Scores A. Patel (commissioner)");
    for (let b = 0; b < 3; b++) {
      ws.getCell(8 + b, 2).value = "No conflict with this bidder";
      for (let j = 0; j < 5; j++) {
        ws.getCell(8 + b, 3 + 2 * j).value = 4;
        ws.getCell(8 + b, 4 + 2 * j).value = "Clear plan";
      }
    }
    const returned = Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer);
    await t.getByLabel("Returned evaluator files").setInputFiles({
      name: "Patel return.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: returned,
    });
    const collected = t.getByRole("region", { name: "Collected returns" });
    await collected.waitFor();
    expect(await collected.innerText()).toMatch(/Imported 1 return into Moderation: A\. Patel/);
    expect(await collected.innerText()).toMatch(/J\. Morgan \(finance\), R\. Hughes/);
    expect((await p.values("Moderation", "F5"))[0][0]).toBe(4);
    await p.screenshot("evaluation-collected");
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
