/**
 * Send to evaluators and collect returns, on the workbook double: a panel of three gets three
 * files, each with only its own member's scoring sheet (read back with exceljs); the returns,
 * edited as members would, come back into Moderation; a tampered return is refused with a
 * reason; a later return replaces an earlier one; nothing moderated is overwritten unasked.
 */
import ExcelJS from "exceljs";
import { MemoryWorkbook } from "../../packages/excel-double/src";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";
import { BID_CONFLICT, BID_NO_CONFLICT } from "../../src/domain/evaluation/words";
import { validateEvaluationSetup } from "../../src/domain/evaluation/setup";
import { evaluationRefs, MODERATION_SHEET } from "../../src/sheets/evaluation/geometry";
import { rangeAddress } from "../../src/sheets/a1";
import { generateEvaluationWorkbook } from "../../src/excel/evaluation";
import {
  collectReturns,
  openEvaluatorFiles,
  prepareEvaluatorFiles,
  type EvaluatorFile,
  type PickedFile,
} from "../../src/excel/evaluatorFiles";
import { draft } from "../support/evaluationModel";

const S = DEFAULT_SETTINGS;
/** exceljs, as the task pane hands it in. */
const load = () => import("exceljs");

async function setUp(over = {}) {
  const wb = new MemoryWorkbook();
  const d = draft(over);
  const out = await wb.run((ctx) => generateEvaluationWorkbook(ctx, d, S));
  expect(out.status).toBe("done");
  const sent = await wb.run((ctx) => prepareEvaluatorFiles(ctx, S, load));
  if (sent.status !== "done") throw new Error(sent.message);
  const model = validateEvaluationSetup(d, S).model!;
  return { wb, files: sent.files, model, refs: evaluationRefs(model) };
}

async function open(file: EvaluatorFile): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file.bytes.slice().buffer as ArrayBuffer);
  return book;
}

/** A member fills in their file as they would in Excel: declarations, scores and reasons. */
async function score(
  file: EvaluatorFile,
  rows: { declaration: string; scores: (number | string)[] }[],
  edit?: (book: ExcelJS.Workbook) => void
): Promise<PickedFile & { bytes: Uint8Array }> {
  const book = await open(file);
  const ws = book.worksheets[0];
  rows.forEach((r, b) => {
    ws.getCell(8 + b, 2).value = r.declaration;
    r.scores.forEach((s, j) => {
      ws.getCell(8 + b, 3 + 2 * j).value = s;
      ws.getCell(8 + b, 4 + 2 * j).value = s === "" ? null : `Reason ${s}`;
    });
  });
  edit?.(book);
  const bytes = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
  return { name: `${file.member} returned.xlsx`, data: bytes, bytes };
}

const all = (declaration: string, scores: number[]) =>
  [0, 1, 2].map(() => ({ declaration, scores }));

function moderationScores(wb: MemoryWorkbook, b: number, k: number, nK = 3): unknown[] {
  const row = MODERATION_SHEET.firstRow + b * nK + k;
  return wb.getValues(
    "Moderation",
    rangeAddress(
      row,
      MODERATION_SHEET.firstEvaluatorCol,
      row,
      MODERATION_SHEET.firstEvaluatorCol + 2
    )
  )[0];
}

describe("send to evaluators", () => {
  it("a panel of 3 gets 3 files, each with only its own scoring sheet and the Criteria", async () => {
    const { files, model } = await setUp();
    expect(files.map((f) => f.member)).toEqual(["Ann", "Bob", "Cat"]);
    expect(files.map((f) => f.fileName)).toEqual([
      "Community transport 2025 26 - Ann.xlsx",
      "Community transport 2025 26 - Bob.xlsx",
      "Community transport 2025 26 - Cat.xlsx",
    ]);
    for (const [e, f] of files.entries()) {
      const book = await open(f);
      expect(book.worksheets.map((w) => w.name)).toEqual([
        `Scores ${model.evaluators[e]}`,
        "Criteria",
      ]);
      const ws = book.worksheets[0];
      expect(ws.getCell("B1").value).toBe(model.evaluators[e]);
      // Nobody else's name, sheet or score anywhere in the file.
      const others = model.evaluators.filter((_, o) => o !== e);
      for (const sheet of book.worksheets)
        sheet.eachRow((row) =>
          row.eachCell((c) => others.forEach((o) => expect(String(c.value)).not.toContain(o)))
        );
      // Bidders in column A, the declaration drop-down per bid, scores validated, the rest locked.
      expect([ws.getCell("A8").value, ws.getCell("A10").value]).toEqual([
        "Alpha Trust",
        "Gamma Ltd",
      ]);
      expect(ws.getCell("B8").dataValidation).toMatchObject({ type: "list" });
      expect(ws.getCell("C8").dataValidation).toMatchObject({ type: "whole", formulae: [0, 5] });
      expect(ws.getCell("C8").protection).toMatchObject({ locked: false });
      expect(ws.getCell("B3").protection?.locked).not.toBe(false); // the tender identifier
      expect(String(ws.getCell("B3").value)).toMatch(/^T-/);
      expect(ws.getCell("B4").value).toBe(1); // version
      expect(
        (ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet
      ).toBe(true);
      expect(ws.getColumn(4).width).toBeGreaterThanOrEqual(30); // a reason column is readable
      const crit = book.getWorksheet("Criteria")!;
      expect(crit.getCell("A15").value).toBe("Delivery");
      expect(crit.getCell("C15").value).toBe(30);
    }
  });
  it("follows assignments: a member's file has only their criteria", async () => {
    const { files } = await setUp({
      assignments: ["Delivery; Outcomes", "", "Social value"],
      minIndependentScores: 1,
    });
    const header = async (f: EvaluatorFile) => {
      const ws = (await open(f)).worksheets[0];
      return (ws.getRow(7).values as unknown[]).filter(
        (v) => typeof v === "string" && / \(score/.test(v)
      );
    };
    expect(await header(files[0])).toEqual(["Delivery (score 0-5)", "Outcomes (score 0-5)"]);
    expect(await header(files[2])).toEqual(["Social value (score 0-5)"]);
  });
  it("opens each file as a new workbook where Excel can (Excel.createWorkbook), else asks for a download", async () => {
    const { files } = await setUp();
    const g = globalThis as unknown as { Excel?: Record<string, unknown> };
    const before = g.Excel;
    try {
      g.Excel = {};
      expect(await openEvaluatorFiles(files)).toBe("download");
      const opened: string[] = [];
      g.Excel = { createWorkbook: async (b64: string) => void opened.push(b64) };
      expect(await openEvaluatorFiles(files)).toBe("opened");
      expect(opened).toHaveLength(3);
      expect(Buffer.from(opened[0], "base64").equals(Buffer.from(files[0].bytes))).toBe(true);
    } finally {
      g.Excel = before;
    }
  });
});

describe("collect returns", () => {
  it("returns edited as members would come back into Moderation; a conflict voids only that bid", async () => {
    const { wb, files } = await setUp();
    const ann = await score(files[0], all(BID_NO_CONFLICT, [4, 3, 2]));
    const bob = await score(files[1], [
      { declaration: BID_NO_CONFLICT, scores: [5, 5, 5] },
      { declaration: BID_CONFLICT, scores: ["", "", ""] },
      { declaration: BID_NO_CONFLICT, scores: [1, 1, 1] },
    ]);
    const out = await wb.run((ctx) => collectReturns(ctx, S, load, [ann, bob]));
    if (out.status !== "done") throw new Error(out.status);
    expect(out.imported.map((i) => i.member)).toEqual(["Ann", "Bob"]);
    expect(out.refused).toEqual([]);
    expect(out.notReturned).toEqual(["Cat"]);
    expect(moderationScores(wb, 0, 0)).toEqual([4, 5, ""]);
    expect(moderationScores(wb, 1, 0)).toEqual([4, "", ""]); // Bob conflicted with Beta CIC only
    expect(moderationScores(wb, 2, 2)).toEqual([2, 1, ""]);
    expect(wb.getValues("Scores Ann", "D8")).toEqual([["Reason 4"]]);
    // Ann's and Bob's returns are complete; Cat has not returned yet.
    expect(out.problems.filter((p) => p.sheet !== "Scores Cat")).toEqual([]);
    expect(out.problems.filter((p) => p.sheet === "Scores Cat").length).toBeGreaterThan(0);
    expect(wb.formulaErrors()).toEqual([]);
  });

  it("refuses a tampered return (changed weight) with a reason, and a file for another tender", async () => {
    const { wb, files } = await setUp();
    const tampered = await score(files[0], all(BID_NO_CONFLICT, [4, 4, 4]), (book) => {
      book.getWorksheet("Criteria")!.getCell("C15").value = 40;
    });
    const renamed = await score(files[1], all(BID_NO_CONFLICT, [4, 4, 4]), (book) => {
      book.worksheets[0].getCell("A9").value = "Beta Community Interest Company";
    });
    const other = await setUp({ tenderName: "Another tender" });
    const foreign = await score(other.files[2], all(BID_NO_CONFLICT, [1, 1, 1]));
    const out = await wb.run((ctx) => collectReturns(ctx, S, load, [tampered, renamed, foreign]));
    if (out.status !== "done") throw new Error(out.status);
    expect(out.imported).toEqual([]);
    expect(out.refused.map((r) => r.reason)).toEqual([
      'The weight of "Delivery" on the Criteria sheet (C15) was 30% when sent and is now 40%. A returned file must not change what is locked: ask Ann to score a fresh copy',
      'A locked cell on the scoring sheet (A9) was "Beta CIC" when sent and is now "Beta Community Interest Company". A returned file must not change what is locked: ask Bob to score a fresh copy',
      expect.stringMatching(/^it belongs to another tender \(identifier "T-/),
    ]);
    expect(moderationScores(wb, 0, 0)).toEqual(["", "", ""]);
  });

  it("a file sent for an older version of the setup is refused", async () => {
    const { wb, files } = await setUp();
    await wb.run((ctx) => generateEvaluationWorkbook(ctx, draft({ spreadLimit: 2 }), S));
    const old = await score(files[0], all(BID_NO_CONFLICT, [4, 4, 4]));
    const out = await wb.run((ctx) => collectReturns(ctx, S, load, [old]));
    if (out.status !== "done") throw new Error(out.status);
    expect(out.refused[0].reason).toBe(
      "it was sent for version 1 of the setup; the setup is now version 2: send the member a new file"
    );
  });

  it("a later return replaces an earlier one; nothing moderated is overwritten without asking", async () => {
    const { wb, files, refs } = await setUp();
    const early = { ...(await score(files[0], all(BID_NO_CONFLICT, [2, 2, 2]))), lastModified: 1 };
    const late = { ...(await score(files[0], all(BID_NO_CONFLICT, [3, 3, 3]))), lastModified: 2 };
    let out = await wb.run((ctx) => collectReturns(ctx, S, load, [late, early]));
    if (out.status !== "done") throw new Error(out.status);
    expect(moderationScores(wb, 0, 0)).toEqual([3, "", ""]);
    // The panel moderates Alpha Trust on Delivery; then Ann sends a changed return.
    wb.setCells("Moderation", refs.consensusCell(0, 0), [[3]]);
    const changed = await score(files[0], all(BID_NO_CONFLICT, [5, 3, 3]));
    const asked = await wb.run((ctx) => collectReturns(ctx, S, load, [changed]));
    expect(asked).toMatchObject({
      status: "needs-confirmation",
      moderated: ["Ann's return changes Alpha Trust on Delivery, already moderated"],
    });
    expect(moderationScores(wb, 0, 0)).toEqual([3, "", ""]);
    out = await wb.run((ctx) => collectReturns(ctx, S, load, [changed], { overwrite: true }));
    expect(out.status).toBe("done");
    expect(moderationScores(wb, 0, 0)).toEqual([5, "", ""]);
    expect(wb.getValues("Moderation", refs.consensusCell(0, 0))).toEqual([[3]]);
  });

  it("lists what is missing in a return, and refuses a file that is not a workbook", async () => {
    const { wb, files } = await setUp();
    const partial = await score(files[2], [
      { declaration: BID_NO_CONFLICT, scores: [3, "", 3] },
      { declaration: "", scores: ["", "", ""] },
      { declaration: BID_NO_CONFLICT, scores: [3, 3, 3] },
    ]);
    const junk = { name: "notes.xlsx", data: new TextEncoder().encode("not a workbook") };
    const out = await wb.run((ctx) => collectReturns(ctx, S, load, [partial, junk]));
    if (out.status !== "done") throw new Error(out.status);
    expect(out.refused).toEqual([
      { fileName: "notes.xlsx", reason: "it is not an Excel workbook (.xlsx) that can be read" },
    ]);
    const cat = out.problems.filter((p) => p.sheet === "Scores Cat").map((p) => p.message);
    expect(cat).toEqual([
      "Cat has not scored Alpha Trust on Outcomes",
      "Cat has not declared whether they have a conflict of interest with Beta CIC (it is blank); their scores for that bid do not count until they do",
      "Cat has not scored Beta CIC on Delivery",
      "Cat has not scored Beta CIC on Outcomes",
      "Cat has not scored Beta CIC on Social value",
    ]);
  });
});
