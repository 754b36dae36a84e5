/**
 * The preview page itself, in headless Chromium: it starts offline with the sample workbook,
 * shows cells as Excel displays them, lets the user select cells (mouse, keyboard, name box) in
 * the workbook the add-in reads, follows the Office theme, and registers the FUNDING functions.
 */
import * as fs from "fs";
import * as path from "path";
import { PREVIEW_DIST } from "../support/build";
import { startPreviewSuite, type PreviewPage, type PreviewSuite } from "./support/preview";

let suite: PreviewSuite;
let preview: PreviewPage;

beforeAll(
  async () => {
    suite = await startPreviewSuite();
    preview = await suite.open();
  },
  15 * 60 * 1000
);

afterAll(async () => {
  await suite?.close();
});

describe("the preview page", () => {
  test("starts with the sample workbook and the task pane, without fetching anything from outside", async () => {
    expect(await preview.sheetNames()).toEqual([
      "Funding register",
      "Organisation budget",
      "Tender",
    ]);
    expect(await preview.activeSheet()).toBe("Funding register");
    const sheetTabs = preview.workbook.getByRole("tablist", { name: "Sheets" }).getByRole("tab");
    expect(await sheetTabs.allInnerTexts()).toEqual([
      "Funding register",
      "Organisation budget",
      "Tender",
    ]);
    const paneTabs = await preview.taskpane.getByRole("tab").allInnerTexts();
    expect(paneTabs).toEqual(["Funding register", "Cost recovery", "Evaluation", "Settings"]);
    expect(await preview.cellText("A1")).toBe("Identifier");
    expect(await preview.cellText("C2")).toBe("Wiltshire Carers Support");
    preview.assertHealthy();
  });

  test("cells show values under their number formats, and the formula bar shows what is in the cell", async () => {
    expect(await preview.cellText("F2")).toBe("£48,000.00");
    expect(await preview.cellText("F7")).toBe("£4,999.99");
    // Text that looks like money stays text, as typed.
    expect(await preview.cellText("F17")).toBe("£12,000.50");
    await preview.showSheet("Organisation budget");
    expect(await preview.cellText("B8")).toBe("£233,750.00");
    await preview.cell("B8").click();
    expect(await preview.formulaBar()).toBe("=SUM(B4:B7)");
    await preview.cell("B4").click();
    expect(await preview.formulaBar()).toBe("84000");
    await preview.showSheet("Tender");
    expect(await preview.cellText("C13")).toBe("40%");
    expect(await preview.cellText("B16")).toBe("£412,000");
    preview.assertHealthy();
  });

  test("clicking, Shift+clicking, the arrow keys and the name box select cells in the workbook the add-in reads", async () => {
    await preview.showSheet("Funding register");
    await preview.selectRange("A1", "M17");
    expect(await preview.workbookSelection()).toEqual({
      sheet: "Funding register",
      address: "A1:M17",
    });
    expect(await preview.cell("C5").getAttribute("aria-selected")).toBe("true");
    expect(await preview.cell("N5").getAttribute("aria-selected")).toBe("false");

    await preview.cell("B3").click();
    await preview.page.keyboard.press("ArrowDown");
    await preview.page.keyboard.press("Shift+ArrowRight");
    await preview.page.keyboard.press("Shift+ArrowDown");
    expect(await preview.workbookSelection()).toEqual({
      sheet: "Funding register",
      address: "B4:C5",
    });

    // The add-in's own view of the selection, through the Excel API.
    const seen = await preview.page.evaluate(() =>
      Excel.run(async (context) => {
        const r = context.workbook.getSelectedRange();
        r.load("address");
        await context.sync();
        return r.address;
      })
    );
    expect(seen).toBe("'Funding register'!B4:C5");

    const nameBox = preview.page.getByRole("textbox", { name: /Name box/ });
    await nameBox.fill("Tender!A8:C13");
    await nameBox.press("Enter");
    expect(await preview.workbookSelection()).toEqual({ sheet: "Tender", address: "A8:C13" });
    expect(await preview.activeSheet()).toBe("Tender");

    await nameBox.fill("not an address");
    await nameBox.press("Enter");
    await expect(preview.page.getByRole("alert").textContent()).resolves.toMatch(
      /not a cell or range address/
    );
    expect(await preview.workbookSelection()).toEqual({ sheet: "Tender", address: "A8:C13" });
    preview.assertHealthy();
  });

  test("what the add-in writes and selects through Excel.run appears in the grid at once", async () => {
    await preview.page.evaluate(() =>
      Excel.run(async (context) => {
        const ws = context.workbook.worksheets.add("Scratch");
        const r = ws.getRange("A1:B2");
        r.values = [
          ["Half", "=1/2"],
          ["Total", "=SUM(B1:B1)*4"],
        ];
        r.numberFormat = [
          ["General", "0.0%"],
          ["General", "£#,##0.00"],
        ];
        ws.getRange("A2:B2").format.fill.color = "#FFF2CC";
        ws.activate();
        ws.getRange("B2").select();
        await context.sync();
      })
    );
    await preview.page.waitForFunction(
      () =>
        document.querySelector("[data-testid=workbook] [role=grid]")?.getAttribute("data-sheet") ===
        "Scratch"
    );
    expect(await preview.cellText("B1")).toBe("50.0%");
    expect(await preview.cellText("B2")).toBe("£2.00");
    expect(await preview.formulaBar()).toBe("=SUM(B1:B1)*4");
    const bg = await preview.cell("A2").evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe("rgb(255, 242, 204)");
    await preview.page.evaluate(() =>
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Scratch").delete();
        await context.sync();
      })
    );
    await preview.page.waitForFunction(
      () =>
        document.querySelector("[data-testid=workbook] [role=grid]")?.getAttribute("data-sheet") !==
        "Scratch"
    );
    preview.assertHealthy();
  });

  test("functions.js registers every FUNDING function listed in functions.json", async () => {
    const metadata = JSON.parse(
      fs.readFileSync(path.join(PREVIEW_DIST, "functions.json"), "utf8")
    ) as { functions: { id: string }[] };
    const ids = metadata.functions.map((f) => f.id.toUpperCase()).sort();
    expect(ids.length).toBeGreaterThan(0);
    const registered = await preview.page.evaluate(() =>
      (
        window as unknown as { __preview: { customFunctions(): string[] } }
      ).__preview.customFunctions()
    );
    expect(registered).toEqual(ids);
  });

  test("the task pane follows Office's theme: light by default, dark with ?theme=dark", async () => {
    const paneBackground = (p: PreviewPage) =>
      p.taskpane
        .locator(".fui-FluentProvider")
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor);
    const light = await paneBackground(preview);
    const dark = await suite.open({ theme: "dark" });
    const darkBg = await paneBackground(dark);
    const luminance = (rgb: string) => {
      const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    expect(luminance(light)).toBeGreaterThan(200);
    expect(luminance(darkBg)).toBeLessThan(60);
    dark.assertHealthy();
    await dark.page.close();
  });
});
