/**
 * The Cost recovery view in the preview, as a user drives it: read the organisation's budget in
 * the grid, enter it in the task pane, build the cost recovery sheet, read the full costs in the
 * grid (ordinary formulas, recovery below 100% highlighted), change an input cell and see the
 * results follow, then build again, confirming before the sheet is replaced; and with the keyboard only.
 */
import { usePreviewSuite, tabTo, type PreviewPage } from "./support/preview";

const suite = usePreviewSuite();

/** Budget figures as the grid shows them on the "Organisation budget" sheet. */
async function readBudget(p: PreviewPage) {
  await p.showSheet("Organisation budget");
  const t = (a: string) => p.cellText(a);
  return {
    organisation: (await t("A1")).split(":")[0],
    pools: [await t("B12"), await t("B13"), await t("B14"), await t("B15")],
    projects: [
      {
        name: await t("A4"),
        direct: await t("B4"),
        units: await t("C4"),
        type: await t("E4"),
        price: await t("F4"),
        people: await t("G4"),
      },
      {
        name: await t("A5"),
        direct: await t("B5"),
        units: await t("C5"),
        type: await t("E5"),
        price: await t("F5"),
        people: await t("G5"),
      },
    ],
  };
}

async function bgColour(p: PreviewPage, address: string): Promise<string> {
  return p.cell(address).evaluate((el) => getComputedStyle(el).backgroundColor);
}

describe("Cost recovery view", () => {
  test("enter the budget read from the grid, build, see full costs in the grid, change an input, rebuild with confirmation", async () => {
    const p = await suite.open();
    const budget = await readBudget(p);
    expect(budget.pools).toEqual(["£18,000.00", "£24,000.00", "£9,500.00", "£6,000.00"]);
    await p.openView("Cost recovery");
    const t = p.taskpane;
    await t.getByRole("textbox", { name: "Organisation", exact: true }).fill(budget.organisation);
    // A small organisation: share every pool by people.
    await t.getByRole("switch", { name: /Share every pool by one driver/ }).check();
    for (let k = 0; k < 4; k++)
      await t.getByLabel(`Pool ${k + 1} annual cost (£)`).fill(budget.pools[k]);
    for (let j = 0; j < 2; j++) {
      const n = j + 1;
      const pr = budget.projects[j];
      if (j > 0) await t.getByRole("button", { name: "Add project" }).click();
      await t.getByLabel(`Project ${n} name`).fill(pr.name);
      await t.getByLabel(`Project ${n} direct costs (£)`).fill(pr.direct);
      await t.getByLabel(`Project ${n} units of output`).fill(pr.units);
      await t.getByLabel(`Project ${n} funding type`).selectOption(pr.type);
      await t.getByLabel(`Project ${n} price offered or award (£)`).fill(pr.price);
      await t.getByLabel(`Project ${n} people (headcount or FTE)`).fill(pr.people);
    }
    await t.getByRole("button", { name: "Build cost recovery sheet" }).click();
    await t
      .getByRole("status")
      .filter({ hasText: /^Built the cost recovery workbook for 2 projects/ })
      .waitFor();

    // The grid now shows the new sheet. Worked by hand: overheads £57,500 shared 4:2 by people;
    // the £9,500 pool gives £6,333.33 and £3,166.67 (largest remainder), so the befriending
    // service carries £38,333.33 and costs £122,333.33 in full, against a price of £92,000.
    expect(await p.activeSheet()).toBe("Cost recovery");
    expect(await p.cellText("A25")).toBe("Befriending service");
    expect(await p.cellText("G25")).toBe("£38,333.33");
    expect(await p.cellText("H25")).toBe("£122,333.33");
    expect(await p.cellText("E26")).toBe("£3,166.67");
    // Small grant at 80/20: the basis expects a fifth of £55,666.67 (£36,500 direct + £19,166.67
    // overheads, a third of each pool by people 2 of 6), i.e. £11,133.33 rounded half up. "Funder
    // pays" is that part or the award entered if lower (README, Cost recovery): the award on the
    // budget sheet is £5,000 (F5), below £11,133.33, so the funder pays £5,000.00.
    expect(await p.cellText("K26")).toBe("£5,000.00");
    expect(await p.cellText("N25")).toBe("75.2%");
    // Results are ordinary Excel formulas (the formula bar shows them), inputs are values.
    await p.cell("H25").click();
    expect(await p.formulaBar()).toMatch(/^=/);
    await p.cell("B20").click();
    expect(await p.formulaBar()).toBe("84000");
    // Recovery below 100% is highlighted by the sheet's conditional format.
    expect(await bgColour(p, "N25")).toBe("rgb(255, 199, 206)");
    await p.screenshot("costs-light");

    // The user raises the direct costs in the sheet: the full cost follows, by formula.
    await p.page.evaluate(() =>
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Cost recovery").getRange("B20").values = [[90000]];
        await context.sync();
      })
    );
    await p.page.waitForFunction(
      () => document.querySelector('[data-cell="H25"]')?.textContent === "£128,333.33"
    );

    // Building again would replace the sheet: the view asks first, and Cancel keeps it.
    await t.getByRole("button", { name: "Build cost recovery sheet" }).click();
    const dialog = p.page.getByRole("dialog").or(p.page.getByRole("alertdialog"));
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await p.cellText("H25")).toBe("£128,333.33");
    await t.getByRole("button", { name: "Build cost recovery sheet" }).click();
    await dialog.waitFor();
    await dialog.getByRole("button", { name: /Overwrite|Replace|Build/ }).click();
    await p.page.waitForFunction(
      () => document.querySelector('[data-cell="H25"]')?.textContent === "£122,333.33"
    );
    expect(await p.cellText("B20")).toBe("£84,000.00");
    p.assertHealthy();
    await p.page.close();
  });

  test("a bad amount is refused with the field named, and nothing is written", async () => {
    const p = await suite.open();
    await p.openView("Cost recovery");
    const t = p.taskpane;
    await t.getByLabel("Pool 1 annual cost (£)").fill("twelve thousand");
    await t.getByRole("button", { name: "Build cost recovery sheet" }).click();
    const status = await t.getByRole("status").innerText();
    expect(status).toMatch(/^Not built: .*Pool 1|^Not built: .*Premises/);
    expect(status).toMatch(/amount in pounds/);
    expect(await p.sheetNames()).not.toContain("Cost recovery");
    p.assertHealthy();
    await p.page.close();
  });

  test("keyboard only: Tab through the form, type the figures, Space for the switch, Enter to build", async () => {
    const p = await suite.open();
    const kb = p.page.keyboard;
    await tabTo(p, p.taskpane.getByRole("tab", { name: "Funding register" }));
    await kb.press("ArrowRight"); // task pane tabs: arrow keys move between them
    await kb.press("Enter");
    await p.taskpane.getByRole("button", { name: "Build cost recovery sheet" }).waitFor();
    await tabTo(p, { role: "textbox", name: "Organisation" });
    await kb.type("Riverside Community Trust");
    await tabTo(p, {
      role: "switch",
      name: "Share every pool by one driver, people (small organisations)",
    });
    await kb.press("Space");
    for (const [k, v] of [
      [1, "18000"],
      [2, "24000"],
      [3, "9500"],
      [4, "6000"],
    ] as const) {
      await tabTo(p, { role: "textbox", name: `Pool ${k} annual cost (£)` });
      await kb.type(v);
    }
    await tabTo(p, { role: "textbox", name: "Project 1 name" });
    await kb.type("Befriending service");
    await tabTo(p, { role: "textbox", name: "Project 1 direct costs (£)" });
    await kb.type("84000");
    await tabTo(p, { role: "textbox", name: "Project 1 people (headcount or FTE)" });
    await kb.type("4");
    await tabTo(p, { role: "button", name: "Build cost recovery sheet" });
    await kb.press("Enter");
    await p.taskpane
      .getByRole("status")
      .filter({ hasText: /^Built the cost recovery workbook for 1 project/ })
      .waitFor();
    // One project carries every pool: £84,000 + £57,500.
    expect(await p.cellText("H25")).toBe("£141,500.00");
    p.assertHealthy();
    await p.page.close();
  });
});
