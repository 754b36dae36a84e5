/**
 * The preview as a place to try things (issue 10, point 7), in headless Chromium: cells are typed
 * into, pasted into and cleared; `=FUNDING.X(...)` formulas run the add-in's own functions
 * (functions.js, registered through CustomFunctions.associate) with Excel's calling convention,
 * spill their results, show #SPILL! when blocked, and recompute when an input changes. The page
 * says what is real and what is imitated.
 *
 * Expected results are never written down here: each is what the same function gives when called
 * directly in the page with the arguments Excel would pass.
 */
import { usePreviewSuite, type PreviewPage } from "./support/preview";

const suite = usePreviewSuite();
let preview: PreviewPage;
const SHEET = "Try it";

type Grid = unknown[][];

beforeAll(
  async () => {
    preview = await suite.open();
    await preview.page.evaluate((name) => {
      const p = (
        window as unknown as {
          __preview: { wb: { addSheet(n: string): void; select(s: string, a: string): void } };
        }
      ).__preview;
      p.wb.addSheet(name);
      p.wb.select(name, "A1");
    }, SHEET);
    await preview.page.waitForFunction(
      (n) =>
        document.querySelector("[data-testid=workbook] [role=grid]")?.getAttribute("data-sheet") ===
        n,
      SHEET
    );
  },
  15 * 60 * 1000
);

/** Click a cell and type into it as a user does, ending with Enter. */
async function typeInto(address: string, text: string): Promise<void> {
  await preview.cell(address).click();
  await preview.page.keyboard.type(text);
  await preview.page.keyboard.press("Enter");
  await preview.page.waitForFunction(
    () => !document.querySelector("[data-testid=cell-editor]"),
    undefined,
    { timeout: 5000 }
  );
}

/** What the grid's workbook holds for a range (errors as "#N/A"-style text). */
function values(address: string): Promise<Grid> {
  return preview.values(SHEET, address);
}

/**
 * The add-in's function called directly in the page (as Excel calls it: matrix arguments as 2-D
 * arrays, omitted ones as null), its result shown as cells show it (errors by their code).
 */
function direct(id: string, ...args: unknown[]): Promise<Grid> {
  return preview.page.evaluate(
    async ([fnId, fnArgs]) => {
      const fns = (
        globalThis as unknown as {
          CustomFunctions: { __registered: Record<string, (...a: unknown[]) => unknown> };
        }
      ).CustomFunctions.__registered;
      const out = await fns[fnId](...fnArgs);
      const cell = (v: unknown) =>
        typeof v === "object" && v !== null && "code" in v ? (v as { code: string }).code : v;
      return Array.isArray(out) ? out.map((row: unknown[]) => row.map(cell)) : [[cell(out)]];
    },
    [id, args] as const
  );
}

/** Wait (up to 5 s) until the grid's workbook holds `expected` for a range; then compare. */
async function expectValues(address: string, expected: Grid): Promise<void> {
  const deadline = Date.now() + 5000;
  let seen = await values(address);
  while (JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    seen = await values(address);
  }
  expect(seen).toEqual(expected);
}

describe("typing into the preview's grid", () => {
  test("the page says plainly what is real (the add-in's code) and what is imitated (the grid)", async () => {
    const region = preview.page.getByRole("region", { name: "What is real and what is imitated" });
    const text = await region.innerText();
    expect(text).toMatch(/Real:.*the FUNDING functions are the add-in's own\s+code/s);
    expect(text).toMatch(/Imitated:.*HyperFormula/s);
    const names = await preview.page.evaluate(
      () =>
        (window as unknown as { __preview: { gridFunctions: { names: string[] } } }).__preview
          .gridFunctions.names
    );
    expect(names).toContain("FUNDING.CLASSIFY");
    expect(names).toContain("FUNDING.SPLIT");
    preview.assertHealthy();
  });

  test("typed values are read as Excel reads them, and Escape cancels an edit", async () => {
    await typeInto("A1", "48000");
    await typeInto("A2", "120000");
    await typeInto("B1", "Small grant");
    await typeInto("B2", "full");
    await expectValues("A1:B2", [
      [48000, "Small grant"],
      [120000, "full"],
    ]);
    // Typing moved the active cell down after each Enter.
    expect(await preview.workbookSelection()).toEqual({ sheet: SHEET, address: "B3" });
    await preview.cell("A1").click();
    await preview.page.keyboard.type("999");
    await preview.page.keyboard.press("Escape");
    await expectValues("A1", [[48000]]);
  });

  test("a FUNDING formula runs the add-in's function and spills right and down", async () => {
    await typeInto("C1", "=FUNDING.SPLIT(A1:A2, B1:B2)");
    const expected = await direct("SPLIT", [[48000], [120000]], [["Small grant"], ["full"]]);
    expect(expected.length).toBe(2);
    expect(expected[0].length).toBeGreaterThan(1);
    await expectValues(`C1:${String.fromCharCode(67 + expected[0].length - 1)}2`, expected);
    // The cells around the spill stay empty; the formula lives in C1 only.
    await preview.cell("C1").click();
    expect(await preview.formulaBar()).toBe("=FUNDING.SPLIT(A1:A2, B1:B2)");
    expect(await values("C3")).toEqual([[""]]);
    // What the grid shows is the workbook's value under its format.
    expect(await preview.cellText("C2")).toBe(String(expected[1][0]));
    preview.assertHealthy();
  });

  test("changing an input recomputes the function's result", async () => {
    await typeInto("A1", "60000");
    const expected = await direct("SPLIT", [[60000], [120000]], [["Small grant"], ["full"]]);
    await expectValues("C1:D2", expected);
    // Editing in the formula bar works too.
    await preview.cell("B2").click();
    const bar = preview.page.locator("#formula-bar");
    await bar.fill("Investment");
    await bar.press("Enter");
    const again = await direct("SPLIT", [[60000], [120000]], [["Small grant"], ["Investment"]]);
    await expectValues("C1:D2", again);
  });

  test("the spill grows and shrinks with the data, and omitted optional arguments arrive as null", async () => {
    // CLASSIFY with its three required arguments only; four rows of which two hold data.
    await typeInto("F1", "30000");
    await typeInto("G1", "yes");
    await typeInto("H1", "frontline");
    await typeInto("I1", "=FUNDING.CLASSIFY(F1:F4, G1:G4, H1:H4)");
    const blank = null;
    const one = await direct(
      "CLASSIFY",
      [[30000], [blank], [blank], [blank]],
      [["yes"], [blank], [blank], [blank]],
      [["frontline"], [blank], [blank], [blank]],
      null,
      null,
      null,
      null
    );
    expect(one.length).toBe(1);
    const width = one[0].length;
    const last = String.fromCharCode("I".charCodeAt(0) + width - 1);
    await expectValues(`I1:${last}2`, [one[0], new Array(width).fill("")]);

    await typeInto("F2", "4000");
    await typeInto("G2", "no");
    const two = await direct(
      "CLASSIFY",
      [[30000], [4000], [blank], [blank]],
      [["yes"], ["no"], [blank], [blank]],
      [["frontline"], [blank], [blank], [blank]],
      null,
      null,
      null,
      null
    );
    expect(two.length).toBe(2);
    await expectValues(`I1:${last}3`, [...two, new Array(width).fill("")]);
    preview.assertHealthy();
  });

  test("an error in an input cell spoils only its row, with the function's own message", async () => {
    await typeInto("A2", "=NA()");
    const grid = await values("C1:D2");
    expect(grid[1]).toEqual(["#N/A", "#N/A"]);
    expect(typeof grid[0][0]).toBe("number");
    const message = await preview.cell("C2").getAttribute("title");
    expect(message).toMatch(/row 2/);
    expect(message).toMatch(/#N\/A/);
    await typeInto("A2", "120000");
    const after = await direct("SPLIT", [[60000], [120000]], [["Small grant"], ["Investment"]]);
    await expectValues("C1:D2", after);
  });

  test("something in the way shows #SPILL!; clearing it with Delete lets the result spill again", async () => {
    await typeInto("D2", "in the way");
    await expectValues("C1", [["#SPILL!"]]);
    expect(await preview.cellText("C1")).toBe("#SPILL!");
    await preview.cell("D2").click();
    await preview.page.keyboard.press("Delete");
    const expected = await direct("SPLIT", [[60000], [120000]], [["Small grant"], ["Investment"]]);
    await expectValues("C1:D2", expected);
    preview.assertHealthy();
  });

  test("pasting tab-separated text fills cells from the active cell, read as typed", async () => {
    await suite.browser.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: suite.server.url,
    });
    await preview.page.evaluate(() =>
      navigator.clipboard.writeText("25000\tyes\tinfrastructure\r\n7000\tno\tfrontline\r\n")
    );
    await preview.cell("F3").click();
    await preview.page.keyboard.press("Control+V");
    await expectValues("F3:H4", [
      [25000, "yes", "infrastructure"],
      [7000, "no", "frontline"],
    ]);
    expect(await preview.workbookSelection()).toEqual({ sheet: SHEET, address: "F3:H4" });
    // The CLASSIFY formula above reads the pasted rows: four rows now.
    const four = await direct(
      "CLASSIFY",
      [[30000], [4000], [25000], [7000]],
      [["yes"], ["no"], ["yes"], ["no"]],
      [["frontline"], [null], ["infrastructure"], ["frontline"]],
      null,
      null,
      null,
      null
    );
    const last = String.fromCharCode("I".charCodeAt(0) + four[0].length - 1);
    await expectValues(`I1:${last}4`, four);
  });

  test("Delete clears a selected block, and the results that read it recompute", async () => {
    await preview.selectRange("F2", "H4");
    await preview.page.keyboard.press("Delete");
    await expectValues("F2:H4", [
      ["", "", ""],
      ["", "", ""],
      ["", "", ""],
    ]);
    const blank = null;
    const one = await direct(
      "CLASSIFY",
      [[30000], [blank], [blank], [blank]],
      [["yes"], [blank], [blank], [blank]],
      [["frontline"], [blank], [blank], [blank]],
      null,
      null,
      null,
      null
    );
    const last = String.fromCharCode("I".charCodeAt(0) + one[0].length - 1);
    await expectValues(`I1:${last}2`, [one[0], new Array(one[0].length).fill("")]);
  });

  test("a formula Excel refuses (a text constant over 255 characters) is refused with Excel's reason", async () => {
    await preview.cell("R1").click();
    const bar = preview.page.locator("#formula-bar");
    await bar.fill(`="${"x".repeat(256)}"`);
    await bar.press("Enter");
    await expect(preview.page.getByTestId("edit-problem").innerText()).resolves.toMatch(
      /limited to 255 characters/
    );
    expect(await values("R1")).toEqual([[""]]);
    // A doubled quote in a string constant is one quote, as in Excel.
    await typeInto("R2", '="Say ""hi"""');
    await expectValues("R2", [['Say "hi"']]);
  });

  test("typing 10/90 gives a date, as Excel does, unless the text starts with an apostrophe", async () => {
    await typeInto("S1", "10/90");
    await typeInto("S2", "'10/90");
    expect(await preview.cellText("S1")).toBe("Oct-90");
    expect(await values("S2")).toEqual([["10/90"]]);
    preview.assertHealthy();
  });
});
