/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Node export conditions: exceljs (reading and writing the members' files) needs its Node build.
import * as React from "react";
import { screen, fireEvent, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { EvaluationView } from "../../src/taskpane/views/evaluation/EvaluationView";
import { EditedCellsProvider } from "../../src/taskpane/components/EditedCellsDialog";
import ExcelJS from "exceljs";
import { renderInFluent, typeIn, useDoubleWorkbook } from "../support/taskpane";
import { prepareEvaluatorFiles } from "../../src/excel/evaluatorFiles";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";
import { BID_NO_CONFLICT } from "../../src/domain/evaluation/words";

/** exceljs, as the task pane loads it. */
const load = () => import("exceljs");
// In jsdom, Fluent's focus manager (tabster's modalizer) can leave a reopened dialog marked
// aria-hidden, so dialogs are looked up with hidden: true; the real dialogs are checked for
// accessibility in Chromium by test/browser.

// ResizeObserver, which jsdom lacks, comes from test/setup/jsdom.ts.

const workbook = useDoubleWorkbook();

function setup() {
  renderInFluent(
    <EditedCellsProvider>
      <main>
        <EvaluationView />
      </main>
    </EditedCellsProvider>
  );
  return workbook();
}

function fillGoodSetup() {
  typeIn("Tender name", "Community transport");
  typeIn("Bidder 1 name", "=1+1");
  typeIn("Bidder 1 price (£)", "£70,000");
  fireEvent.click(screen.getByRole("button", { name: "Add bidder" }));
  typeIn("Bidder 2 name", "Beta CIC");
  typeIn("Bidder 2 price (£)", "40000");
  typeIn("Panel member 1", "Ann");
  fireEvent.click(screen.getByRole("button", { name: "Add panel member" }));
  typeIn("Panel member 2", "Bob");
}

describe("EvaluationView", () => {
  it("shows the problems before writing anything, each beside its field", async () => {
    const wb = setup();
    const before = wb.sheetNames();
    fireEvent.click(screen.getByRole("button", { name: "Generate evaluation workbook" }));
    const list = await screen.findByRole("list", { name: "Problems to correct" });
    expect(within(list).getByText("Tender name is blank; give the tender a name")).toBeTruthy();
    expect(within(list).getByText("Bidder 1 has no name; every bidder needs a name")).toBeTruthy();
    expect(screen.getByText(/Nothing was written/)).toBeTruthy();
    expect(wb.sheetNames()).toEqual(before);
    typeIn("Criterion 1 weight (%)", "50");
    expect(
      await screen.findByText("Weights add up to 90%; they must add up to exactly 100%")
    ).toBeTruthy();
  });

  it("warns (without blocking) when social value weighs under 10%", async () => {
    setup();
    typeIn("Criterion 1 weight (%)", "65");
    typeIn("Criterion 3 weight (%)", "5");
    expect(screen.getByText(/Warning: Social value weighs 5%, under the 10%/)).toBeTruthy();
  });

  it("generates the workbook and checks the returns with a button to go to each finding", async () => {
    const wb = setup();
    fillGoodSetup();
    fireEvent.click(screen.getByRole("button", { name: "Generate evaluation workbook" }));
    expect(await screen.findByText(/Generated 5 sheets/, {}, { timeout: 20000 })).toBeTruthy();
    expect(wb.sheetNames()).toEqual(
      expect.arrayContaining(["Criteria", "Scores Ann", "Scores Bob", "Moderation", "Results"])
    );
    expect(wb.getValues("Results", "A6")).toEqual([["=1+1"]]);

    // Generating again rewrites the add-in's own sheets (src/excel/ownership.ts decides when to
    // ask about cells changed since; its own tests cover that).
    fireEvent.click(screen.getByRole("button", { name: "Check returns" }));
    expect(
      await screen.findByText(/Conflict-of-interest declarations not completed \(4\)/)
    ).toBeTruthy();
    expect(screen.getByText(/Missing scores \(8\)/)).toBeTruthy();
    // Bob's declaration for the first bid, at the start of its row.
    const go = screen.getByRole("button", { name: "Go to Scores Bob B8" });
    fireEvent.click(go);
    await waitFor(async () => {
      const sel = await wb.run(async (ctx) => {
        const r = ctx.workbook.getSelectedRange();
        r.load("address");
        await ctx.sync();
        // Loaded and synced just above; the Office rule loses track inside waitFor's callback.
        // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
        return r.address;
      });
      expect(sel).toMatch(/Scores Bob'?!B8$/);
    });
  });

  it("regenerating after a score was typed asks first, and Keep my changes keeps the score", async () => {
    const wb = setup();
    fillGoodSetup();
    const generate = () =>
      fireEvent.click(screen.getByRole("button", { name: "Generate evaluation workbook" }));
    generate();
    expect(await screen.findByText(/Generated 5 sheets/, {}, { timeout: 20000 })).toBeTruthy();
    wb.setCells("Scores Ann", "C8:D8", [[4, "Clear plan"]]);
    generate();
    // The edited-cells question is an alert dialog (it interrupts), not a plain dialog.
    const dialog = await screen.findByRole("alertdialog", { hidden: true });
    expect(dialog.textContent).toContain(
      "Generating the evaluation workbook would write over 2 cells you changed"
    );
    expect(dialog.textContent).toContain("'Scores Ann'!C8: the add-in wrote (empty), now 4");
    fireEvent.click(within(dialog).getByRole("button", { name: "Keep my changes", hidden: true }));
    await waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).toBeNull());
    expect(await screen.findByText(/Generated 5 sheets/, {}, { timeout: 20000 })).toBeTruthy();
    expect(wb.getValues("Scores Ann", "A8:D8")).toEqual([["=1+1", "", 4, "Clear plan"]]);
  });

  it("collected returns survive regenerating unasked; a score the chair changed after is asked about", async () => {
    const wb = setup();
    fillGoodSetup();
    const generate = () =>
      fireEvent.click(screen.getByRole("button", { name: "Generate evaluation workbook" }));
    generate();
    expect(await screen.findByText(/Generated 5 sheets/, {}, { timeout: 20000 })).toBeTruthy();
    // The members' files (as Send to evaluators makes them), each filled in and returned.
    const sent = await wb.run((ctx) => prepareEvaluatorFiles(ctx, DEFAULT_SETTINGS, load));
    if (sent.status !== "done") throw new Error(sent.message);
    const returned = await Promise.all(
      sent.files.map(async (f) => {
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(f.bytes.slice().buffer as ArrayBuffer);
        const ws = book.worksheets[0];
        for (const row of [8, 9]) {
          ws.getCell(row, 2).value = BID_NO_CONFLICT;
          ws.getCell(row, 3).value = 3;
          ws.getCell(row, 4).value = `${f.member} reason`;
        }
        const bytes = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
        // jsdom's File has no arrayBuffer() (every browser's has): given here as a browser would.
        return Object.assign(new File([bytes], f.fileName), {
          arrayBuffer: async () => bytes.slice().buffer,
        });
      })
    );
    fireEvent.change(screen.getByLabelText("Returned evaluator files"), {
      target: { files: returned },
    });
    expect(
      await screen.findByText(
        "Imported 2 returns into Moderation: Ann, Bob.",
        {},
        { timeout: 20000 }
      )
    ).toBeTruthy();
    expect(wb.getValues("Scores Ann", "C8:D8")).toEqual([[3, "Ann reason"]]);
    expect(screen.queryByText(/Generated 5 sheets/)).toBeNull();

    // Regenerating: the imported entries are the add-in's own write, so no question, and kept.
    generate();
    await waitFor(() => expect(wb.getValues("Scores Ann", "C8:D8")).toEqual([[3, "Ann reason"]]));
    expect(await screen.findByText(/Generated 5 sheets/, {}, { timeout: 20000 })).toBeTruthy();
    expect(screen.queryByRole("alertdialog", { hidden: true })).toBeNull();

    // The chair changes one imported score: regenerating asks about that cell alone.
    wb.setCells("Scores Bob", "C9", [[5]]);
    generate();
    const dialog = await screen.findByRole("alertdialog", { hidden: true });
    expect(dialog.textContent).toContain("would write over 1 cell you changed");
    expect(dialog.textContent).toContain("'Scores Bob'!C9: the add-in wrote 3, now 5");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel", hidden: true }));
    await waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).toBeNull());
    expect(wb.getValues("Scores Bob", "C8:C9")).toEqual([[3], [5]]);
  });

  it("Use selected data reads the tender, criteria, bidders and panel from the sheet", async () => {
    const wb = setup();
    wb.addSheet("Tender");
    wb.setCells("Tender", "A1:B2", [
      ["Tender", "Advice 2025"],
      ["Scoring scale", "0-5"],
    ]);
    wb.setCells("Tender", "A4:C6", [
      ["Criterion", "Group", "Weight"],
      ["Need", "Quality", 0.6],
      ["Price", "Price", 0.4],
    ]);
    wb.setCells("Tender", "A8:B9", [
      ["Bidder", "Price"],
      ["Alpha", 1000],
    ]);
    wb.setCells("Tender", "A11:A13", [["Panel member"], ["Ann"], ["Bob"]]);
    wb.select("Tender", "B9");
    fireEvent.click(screen.getByRole("button", { name: "Use selected data" }));
    expect(
      await screen.findByText(
        /Read from "Tender": tender name, 2 criteria, 1 bidders, 2 panel members/
      )
    ).toBeTruthy();
    expect((screen.getByLabelText("Tender name") as HTMLInputElement).value).toBe("Advice 2025");
    expect((screen.getByLabelText("Criterion 1 weight (%)") as HTMLInputElement).value).toBe("60");
    expect((screen.getByLabelText("Panel member 2") as HTMLInputElement).value).toBe("Bob");
  });

  it("saves the setup in the workbook and loads it back", async () => {
    setup();
    fillGoodSetup();
    typeIn("Save this setup as", "Transport 2025");
    fireEvent.click(screen.getByRole("button", { name: "Save setup" }));
    expect(
      await screen.findByText('Saved the setup "Transport 2025" in this workbook.')
    ).toBeTruthy();
    typeIn("Tender name", "Something else");
    fireEvent.change(screen.getByLabelText("Saved setup"), { target: { value: "Transport 2025" } });
    fireEvent.click(screen.getByRole("button", { name: "Load setup" }));
    expect((screen.getByLabelText("Tender name") as HTMLInputElement).value).toBe(
      "Community transport"
    );
    expect((screen.getByLabelText("Bidder 1 name") as HTMLInputElement).value).toBe("=1+1");
  });

  it("has no accessibility violations: every control is labelled", async () => {
    setup();
    fireEvent.click(screen.getByRole("button", { name: "Generate evaluation workbook" }));
    await screen.findByRole("list", { name: "Problems to correct" });
    // Last in this file: axe leaves state in jsdom that confuses the dialog focus trap of later tests.
    const result = await axe.run(document.body, {
      rules: { "color-contrast": { enabled: false } },
    });
    expect(
      result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)
    ).toEqual([]);
  });
});
