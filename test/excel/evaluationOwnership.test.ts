/**
 * The panel's entries and the evaluation's own output, on the workbook double, through the API the
 * task pane uses (runInExcel with the user's answer, as useExcelAction does): a score typed into a
 * generated scoring sheet is never lost silently on regeneration (asked; Keep keeps it); returns
 * collected from members' files are the add-in's own write, so regenerating keeps them without
 * asking, and asks only about those the chair changed after the import.
 */
import ExcelJS from "exceljs";
import { MemoryWorkbook, installExcelGlobals } from "../../packages/excel-double/src";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";
import { BID_NO_CONFLICT } from "../../src/domain/evaluation/words";
import { generateEvaluationWorkbook } from "../../src/excel/evaluation";
import {
  collectReturns,
  prepareEvaluatorFiles,
  type EvaluatorFile,
  type PickedFile,
} from "../../src/excel/evaluatorFiles";
import { isEditedCellsError, type EditedCells } from "../../src/excel/ownershipTypes";
import { runInExcel, runInExcelWithNotes } from "../../src/excel/run";
import { defaultDescriptors, type EvaluationDraft } from "../../src/domain/evaluation/setup";
import { draft } from "../support/evaluationModel";

const S = DEFAULT_SETTINGS;
const load = () => import("exceljs");

let wb: MemoryWorkbook;
let restore: () => void;
beforeEach(() => {
  wb = new MemoryWorkbook();
  restore = installExcelGlobals(wb);
});
afterEach(() => restore());

type Answer = "ask" | "keep" | "overwrite";

/** Generate as the pane does: the question comes back as the EditedCellsError's question. */
async function generate(
  d: EvaluationDraft = draft(),
  answer: Answer = "ask"
): Promise<{ status: string; question?: EditedCells; notes: string[] }> {
  try {
    const { value, notes } = await runInExcelWithNotes(
      (ctx) => generateEvaluationWorkbook(ctx, d, S),
      answer
    );
    return { status: value.status, notes };
  } catch (e) {
    if (isEditedCellsError(e)) return { status: "asked", question: e.question, notes: [] };
    throw e;
  }
}

/** Ann's row for the first bid: declaration, Delivery score and reason, Outcomes score and reason. */
const annRow = () => wb.getValues("Scores Ann", "B8:F8")[0];

/** A member's returned file: every bid declared, scored `score` with a reason. */
async function returned(file: EvaluatorFile, score: number): Promise<PickedFile> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file.bytes.slice().buffer as ArrayBuffer);
  const ws = book.worksheets[0];
  for (let b = 0; b < 3; b++) {
    ws.getCell(8 + b, 2).value = BID_NO_CONFLICT;
    for (let j = 0; j < 2; j++) {
      ws.getCell(8 + b, 3 + 2 * j).value = score;
      ws.getCell(8 + b, 4 + 2 * j).value = `${file.member}: reason ${b + 1}.${j + 1}`;
    }
  }
  return { name: `${file.member}.xlsx`, data: new Uint8Array(await book.xlsx.writeBuffer()) };
}

async function collectAll(score: number) {
  const sent = await runInExcel((ctx) => prepareEvaluatorFiles(ctx, S, load));
  if (sent.status !== "done") throw new Error(sent.message);
  const picked = await Promise.all(sent.files.map((f) => returned(f, score)));
  const out = await runInExcel((ctx) => collectReturns(ctx, S, load, picked));
  expect(out.status).toBe("done");
}

describe("a score typed into a generated scoring sheet", () => {
  it("regenerating asks, lists the cells, and changes nothing until answered", async () => {
    expect((await generate()).status).toBe("done");
    wb.setCells("Scores Ann", "C8:D8", [[4, "Clear plan for rural routes"]]);
    const asked = await generate();
    expect(asked.status).toBe("asked");
    expect(asked.question!.count).toBe(2);
    expect(asked.question!.cells).toEqual([
      { sheet: "Scores Ann", address: "C8", was: "(empty)", now: "4" },
      { sheet: "Scores Ann", address: "D8", was: "(empty)", now: "Clear plan for rural routes" },
    ]);
    expect(annRow()).toEqual(["", 4, "Clear plan for rural routes", "", ""]);
  });

  it("Keep my changes keeps the score, and the next regeneration asks about it again", async () => {
    await generate();
    wb.setCells("Scores Ann", "C8:D8", [[4, "Clear plan"]]);
    wb.setCells("Moderation", "A1", [["my own title"]]);
    expect((await generate(draft(), "keep")).status).toBe("done");
    expect(annRow()).toEqual(["", 4, "Clear plan", "", ""]);
    // Everything else was regenerated (the Moderation title the chair changed is kept too).
    expect(wb.getValues("Scores Ann", "A8")).toEqual([["Alpha Trust"]]);
    expect(wb.getValues("Moderation", "A1")).toEqual([["my own title"]]);
    const again = await generate();
    expect(again.status).toBe("asked");
    expect(again.question!.cells.map((c) => `${c.sheet}!${c.address}`)).toEqual(
      expect.arrayContaining(["Scores Ann!C8", "Scores Ann!D8"])
    );
  });

  it("Overwrite replaces the typed score with the generated blank", async () => {
    await generate();
    wb.setCells("Scores Bob", "C9", [[2]]);
    expect((await generate(draft(), "overwrite")).status).toBe("done");
    expect(wb.getValues("Scores Bob", "C9")).toEqual([[""]]);
    expect((await generate()).status).toBe("done");
  });
});

describe("returns collected from the members' files", () => {
  it("regenerating keeps the imported entries without asking", async () => {
    await generate();
    await collectAll(3);
    expect(annRow()).toEqual([BID_NO_CONFLICT, 3, "Ann: reason 1.1", 3, "Ann: reason 1.2"]);
    const again = await generate();
    expect(again.status).toBe("done");
    expect(annRow()).toEqual([BID_NO_CONFLICT, 3, "Ann: reason 1.1", 3, "Ann: reason 1.2"]);
    expect(wb.getValues("Scores Cat", "C10:D10")).toEqual([[3, "Cat: reason 3.1"]]);
    // And again: what was carried over is the add-in's own write too.
    expect((await generate()).status).toBe("done");
    expect(annRow()[1]).toBe(3);
  });

  it("asks only about the entries the chair changed after the import; Keep keeps both", async () => {
    await generate();
    await collectAll(3);
    wb.setCells("Scores Bob", "C9", [[5]]);
    const asked = await generate();
    expect(asked.status).toBe("asked");
    expect(asked.question!.cells).toEqual([
      { sheet: "Scores Bob", address: "C9", was: "3", now: "5" },
    ]);
    expect((await generate(draft(), "keep")).status).toBe("done");
    expect(wb.getValues("Scores Bob", "B9:D9")).toEqual([[BID_NO_CONFLICT, 5, "Bob: reason 2.1"]]);
    expect(wb.getValues("Scores Bob", "C8")).toEqual([[3]]);
  });

  it("a later return replaces the record too: regenerating after it still does not ask", async () => {
    await generate();
    await collectAll(2);
    await collectAll(4);
    expect((await generate()).status).toBe("done");
    expect(annRow()[1]).toBe(4);
  });

  it("a bid added to the setup: the imported entries follow their bid, by name", async () => {
    await generate();
    await collectAll(3);
    const d = draft();
    const more = draft({ bidders: [{ name: "Delta Co", price: 50000 }, ...d.bidders] });
    const out = await generate(more);
    expect(out.status).toBe("done");
    expect(wb.getValues("Scores Ann", "A8:D9")).toEqual([
      ["Delta Co", "", "", ""],
      ["Alpha Trust", BID_NO_CONFLICT, 3, "Ann: reason 1.1"],
    ]);
  });

  it("a changed scale: nothing is carried over, and the note says how many entries", async () => {
    await generate();
    await collectAll(3);
    const out = await generate(draft({ scaleMax: 10, descriptors: defaultDescriptors(10) }));
    expect(out.status).toBe("done");
    // 3 members x 3 bids x (declaration + 2 scores + 2 reasons)
    expect(out.notes.join(" ")).toContain(
      "45 entries from the panel's returns were not carried into the new scoring sheets because the scoring scale changed."
    );
    expect(annRow()).toEqual(["", "", "", "", ""]);
  });
});
