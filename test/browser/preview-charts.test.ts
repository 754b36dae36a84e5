/**
 * The preview draws the charts the add-in creates (issue 14: "a user sees what Excel will show"):
 * a cost recovery sheet built through the task pane shows its stacked column chart where the
 * add-in placed it, one bar segment per project and series, with the title and legend the
 * workbook holds; editing an input in the grid redraws it. Charts created through Excel.run
 * without a position sit beside their data, and pie and bar charts are drawn too.
 */
import type { Locator } from "playwright-core";
import { usePreviewSuite, type PreviewPage } from "./support/preview";

const suite = usePreviewSuite();

interface DoubleChart {
  name: string;
  chartType: string;
  source: string | null;
  title: string;
  position: { start: string | null; end: string | null };
  series: { name: string; values: string | null; xValues: string | null }[];
}

type PreviewWindow = {
  __preview: {
    wb: {
      getCharts(sheet: string): DoubleChart[];
      getFormulas(sheet: string, address: string): unknown[][];
      usedAddress(sheet: string): string | null;
    };
  };
};

/** The charts the workbook holds on a sheet, as the add-in made them. */
function chartsIn(p: PreviewPage, sheet: string): Promise<DoubleChart[]> {
  return p.page.evaluate(
    (s) => (window as unknown as PreviewWindow).__preview.wb.getCharts(s),
    sheet
  );
}

/** The number of cells an address covers (rows x columns). */
function cellCount(address: string): number {
  const m = /!?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(address);
  if (!m) throw new Error(`not an address: ${address}`);
  const col = (l: string) => [...l].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0);
  const rows = (m[4] ? Number(m[4]) : Number(m[2])) - Number(m[2]) + 1;
  const cols = (m[3] ? col(m[3]) : col(m[1])) - col(m[1]) + 1;
  return rows * cols;
}

async function box(l: Locator) {
  const b = await l.boundingBox();
  if (!b) throw new Error(`${String(l)} is not on screen`);
  return b;
}

/** Fill the Cost recovery form with the sample organisation's budget and build the sheet. */
async function buildCostRecovery(p: PreviewPage): Promise<void> {
  await p.openView("Cost recovery");
  const t = p.taskpane;
  await t
    .getByRole("textbox", { name: "Organisation", exact: true })
    .fill("Riverside Community Trust");
  await t.getByRole("switch", { name: /Share every pool by one driver/ }).check();
  const pools = ["18000", "24000", "9500", "6000"];
  for (let k = 0; k < pools.length; k++)
    await t.getByLabel(`Pool ${k + 1} annual cost (£)`).fill(pools[k]);
  const projects = [
    { name: "Befriending service", direct: "84000", units: "1200", price: "92000", people: "4" },
    { name: "Lunch club", direct: "36500", units: "4800", price: "40000", people: "2" },
  ];
  for (let j = 0; j < projects.length; j++) {
    const n = j + 1;
    const pr = projects[j];
    if (j > 0) await t.getByRole("button", { name: "Add project" }).click();
    await t.getByLabel(`Project ${n} name`).fill(pr.name);
    await t.getByLabel(`Project ${n} direct costs (£)`).fill(pr.direct);
    await t.getByLabel(`Project ${n} units of output`).fill(pr.units);
    await t.getByLabel(`Project ${n} price offered or award (£)`).fill(pr.price);
    await t.getByLabel(`Project ${n} people (headcount or FTE)`).fill(pr.people);
  }
  await t.getByRole("button", { name: "Build cost recovery sheet" }).click();
  await t
    .getByRole("status")
    .filter({ hasText: /^Built the cost recovery workbook for 2 projects/ })
    .waitFor();
}

/** The address of the cell holding a typed constant (not a formula) on a sheet. */
async function cellHolding(p: PreviewPage, sheet: string, constant: number): Promise<string> {
  const found = await p.page.evaluate(
    ([s, v]) => {
      const wb = (window as unknown as PreviewWindow).__preview.wb;
      const used = wb.usedAddress(s as string);
      if (!used) return null;
      const formulas = wb.getFormulas(s as string, `A1:${used.split(":").pop()}`);
      for (let r = 0; r < formulas.length; r++)
        for (let c = 0; c < formulas[r].length; c++)
          if (formulas[r][c] === v || formulas[r][c] === String(v)) return { r, c };
      return null;
    },
    [sheet, constant] as const
  );
  if (!found) throw new Error(`No cell on ${sheet} holds ${constant}`);
  let letters = "";
  for (let n = found.c + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${found.r + 1}`;
}

describe("charts in the preview", () => {
  test("the cost recovery sheet's chart is drawn where the add-in placed it and redraws when an input changes", async () => {
    const p = await suite.open();
    await buildCostRecovery(p);
    expect(await p.activeSheet()).toBe("Cost recovery");

    // What the add-in created, as the workbook records it.
    const [made, ...others] = await chartsIn(p, "Cost recovery");
    expect(others).toEqual([]);
    expect(made.chartType).toBe("ColumnStacked");
    const projects = cellCount(made.series[0].xValues ?? "");
    expect(projects).toBe(2);
    // Direct costs and each of the four pools.
    expect(made.series.map((s) => s.name)).toHaveLength(5);

    const chart = p.workbook.getByRole("figure", { name: made.title });
    await chart.waitFor();
    expect(await chart.getAttribute("data-chart-type")).toBe("ColumnStacked");
    expect(await chart.locator("figcaption").innerText()).toBe(made.title);
    const bars = chart.locator("[data-point]");
    expect(await bars.count()).toBe(projects * made.series.length);
    const legend = chart.getByRole("list", { name: "Legend" }).getByRole("listitem");
    expect(await legend.allInnerTexts()).toEqual(made.series.map((s) => s.name));
    // The category axis names the projects; the drawing describes every value for a screen reader.
    const drawing = chart.getByRole("img");
    expect(await drawing.locator("text").allTextContents()).toEqual(
      expect.arrayContaining(["Befriending service", "Lunch club"])
    );
    const described = await drawing.getAttribute("aria-label");
    expect(described).toMatch(/^Stacked column chart of /);
    expect(described).toContain(`Befriending service: ${made.series[0].name} £84,000, `);

    // From the top-left of its start cell to the bottom-right of its end cell.
    const at = await box(chart);
    const start = await box(p.cell(made.position.start ?? ""));
    const end = await box(p.cell(made.position.end ?? ""));
    expect(Math.abs(at.x - start.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(at.y - start.y)).toBeLessThanOrEqual(1);
    expect(Math.abs(at.x + at.width - (end.x + end.width))).toBeLessThanOrEqual(1);
    expect(Math.abs(at.y + at.height - (end.y + end.height))).toBeLessThanOrEqual(1);
    await chart.scrollIntoViewIfNeeded();
    await p.screenshot("chart-cost-recovery");

    // The user raises the first project's direct costs in the sheet's input cell.
    const directBar = chart.locator('[data-series="0"][data-category="0"]');
    const otherBar = chart.locator('[data-series="0"][data-category="1"]');
    expect(await directBar.getAttribute("data-value")).toBe("84000");
    expect(await otherBar.getAttribute("data-value")).toBe("36500");
    // Heights in proportion to the values: 84,000 against 36,500.
    const ratio = async () => (await box(directBar)).height / (await box(otherBar)).height;
    expect(await ratio()).toBeCloseTo(84000 / 36500, 1);
    const input = await cellHolding(p, "Cost recovery", 84000);
    await p.cell(input).click();
    await p.page.keyboard.type("150000");
    await p.page.keyboard.press("Enter");
    await p.page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid=chart] [data-series="0"][data-category="0"]')
          ?.getAttribute("data-value") === "150000"
    );
    // Redrawn on a new scale: 150,000 against the other project's unchanged 36,500.
    expect(await otherBar.getAttribute("data-value")).toBe("36500");
    expect(await ratio()).toBeCloseTo(150000 / 36500, 1);
    expect(await bars.count()).toBe(projects * made.series.length);
    p.assertHealthy();
    await p.page.close();
  });

  test("a chart created without a position sits beside its data; pie and bar charts follow their cells", async () => {
    const p = await suite.open();
    await p.page.evaluate(() =>
      Excel.run(async (context) => {
        const ws = context.workbook.worksheets.add("Chart check");
        ws.getRange("A1:C4").values = [
          ["Mode", "Grants", "Contracts"],
          ["Investing", 12000, 3000],
          ["Commissioning", 4000, 22000],
          ["Giving", 6000, 0],
        ];
        const pie = ws.charts.add("Pie", ws.getRange("A1:B4"), "Columns");
        pie.title.text = "Grants by mode";
        const bar = ws.charts.add("BarStacked", ws.getRange("A1:C4"), "Columns");
        bar.title.text = "Money by mode";
        bar.setPosition("A8", "F22");
        ws.activate();
        await context.sync();
      })
    );
    await p.page.waitForFunction(
      () =>
        document.querySelector("[data-testid=workbook] [role=grid]")?.getAttribute("data-sheet") ===
        "Chart check"
    );
    const pie = p.workbook.getByRole("figure", { name: "Grants by mode" });
    await pie.waitFor();
    // Beside the data: its left edge one column clear of column B, level with row 1.
    const pieBox = await box(pie);
    const d1 = await box(p.cell("D1"));
    expect(Math.abs(pieBox.x - d1.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(pieBox.y - d1.y)).toBeLessThanOrEqual(1);
    expect(await pie.locator("[data-point]").count()).toBe(3);
    // A pie's legend names its categories.
    expect(await pie.getByRole("listitem").allInnerTexts()).toEqual([
      "Investing",
      "Commissioning",
      "Giving",
    ]);

    // The bar chart: three categories of two series; a zero is drawn as an empty segment.
    const bar = p.workbook.getByRole("figure", { name: "Money by mode" });
    expect(await bar.locator("[data-point]").count()).toBe(6);
    const contracts = bar.locator('[data-series="1"][data-category="1"]');
    const grants = bar.locator('[data-series="0"][data-category="0"]');
    // Lengths in proportion to the values: 22,000 against 12,000.
    const ratio = async () => (await box(contracts)).width / (await box(grants)).width;
    expect(await ratio()).toBeCloseTo(22000 / 12000, 1);

    // Typing into the data redraws both.
    await p.cell("C3").click();
    await p.page.keyboard.type("44000");
    await p.page.keyboard.press("Enter");
    await p.page.waitForFunction(
      () =>
        document
          .querySelector('[data-chart-type=BarStacked] [data-series="1"][data-category="1"]')
          ?.getAttribute("data-value") === "44000"
    );
    expect(await ratio()).toBeCloseTo(44000 / 12000, 1);
    // Clearing a value leaves a gap, as Excel draws an empty cell.
    await p.cell("B2").click();
    await p.page.keyboard.press("Delete");
    await p.page.waitForFunction(
      () => document.querySelectorAll("[data-chart-type=Pie] [data-point]").length === 2
    );
    expect(await bar.locator("[data-point]").count()).toBe(5);

    // Deleting a chart through the API removes it from the sheet.
    await p.page.evaluate(() =>
      Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem("Chart check");
        ws.charts.getItemAt(0).delete();
        await context.sync();
      })
    );
    await pie.waitFor({ state: "detached" });
    expect(await p.workbook.getByTestId("chart").count()).toBe(1);
    await p.screenshot("chart-check");
    p.assertHealthy();
    await p.page.close();
  });
});
