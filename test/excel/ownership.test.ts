/**
 * What the add-in generated is owned (src/excel/ownership.ts): a rerun replaces its own output
 * and nothing else, asks about cells the user changed (keep / overwrite / cancel), never touches a
 * sheet it did not create, and one workflow runs at a time.
 */
import { MemoryWorkbook, installExcelGlobals } from "../../packages/excel-double/src";
import {
  classifyRegister,
  findRegister,
  type ClassifyOptions,
  type RegisterInfo,
} from "../../src/excel/register";
import { buildCostRecoveryWorkbook } from "../../src/excel/costRecovery";
import {
  isEditedCellsError,
  isWorkflowBusyError,
  writeIntoOwned,
  writeOwned,
  type EditedCells,
  type OwnedDecision,
} from "../../src/excel/ownership";
import { runInExcel } from "../../src/excel/run";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";
import { riversideSample } from "../support/costRecoverySetups";

type Cell = string | number | boolean;

const REGISTER: Cell[][] = [
  ["Organisation", "Directorate", "Type", "Value", "Tier", "Notes"],
  ["Age UK", "Adults", "Contract", 120000, "", "their own note"],
  ["Scouts", "Children", "Grant", 3000, "", ""],
  ["CVS", "Corporate", "Grant", 20000, "umbrella", ""],
];
/** The nine result columns go right of the register: G (Mode) to O (Notes). */
const RESULTS = "G1:O4";

let wb: MemoryWorkbook;
let restore: () => void;
beforeEach(() => {
  wb = new MemoryWorkbook();
  restore = installExcelGlobals(wb);
  wb.addSheet("Register");
  wb.setCells("Register", "A1:F4", REGISTER);
  wb.select("Register", "A1");
});
afterEach(() => restore());

async function find(): Promise<RegisterInfo> {
  const r = await runInExcel((context) => findRegister(context));
  if (!r.ok) throw new Error(r.message);
  return r.info;
}
function options(info: RegisterInfo, over: Partial<ClassifyOptions> = {}): ClassifyOptions {
  return {
    mapping: info.mapping,
    inferOutputs: info.inferOutputs,
    groupBy: "department",
    settings: DEFAULT_SETTINGS,
    ...over,
  };
}
/** Classify the register the selection is in, with the user's answer (as the task pane runs it). */
async function classify(decision: OwnedDecision = "ask") {
  const info = await find();
  return runInExcel((context) => classifyRegister(context, info, options(info)), decision);
}
/** The question a rerun stops with (it must stop). */
async function question(run: Promise<unknown>): Promise<EditedCells> {
  try {
    await run;
  } catch (e) {
    if (isEditedCellsError(e)) return e.question;
    throw e;
  }
  throw new Error("expected the rerun to ask about edited cells");
}
async function type(sheet: string, address: string, value: Cell) {
  await wb.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).getRange(address).values = [[value]];
    await context.sync();
  });
}

describe("a rerun of the register classification", () => {
  test("with nothing changed, it replaces its own output without asking", async () => {
    expect((await classify()).status).toBe("done");
    const before = wb.getValues("Register", RESULTS);
    const r = await classify();
    expect(r.status).toBe("done");
    expect(wb.getValues("Register", RESULTS)).toEqual(before);
    expect(wb.sheetNames().filter((n) => n.startsWith("Funding summary"))).toEqual([
      "Funding summary",
    ]);
  });

  test("lists the cells the user changed, and cancelling changes nothing", async () => {
    await classify();
    const written = wb.getValues("Register", "O3")[0][0];
    await type("Register", "G2", "Investing (checked by AB)");
    await type("Register", "O3", "call back in May");
    const snapshot = () => ({
      register: wb.getValues("Register", "A1:Q4"),
      summary: wb.getValues("Funding summary", "A1:K40"),
      formats: wb.getNumberFormats("Register", RESULTS),
    });
    const before = snapshot();
    const q = await question(classify());
    expect(q.count).toBe(2);
    expect(q.workflow).toBe("Classification");
    expect(q.cells).toEqual([
      { sheet: "Register", address: "G2", was: "Shopping", now: "Investing (checked by AB)" },
      { sheet: "Register", address: "O3", was: written || "(empty)", now: "call back in May" },
    ]);
    expect(q.message).toMatch(/^2 cells the add-in wrote have been changed since classification/);
    // cancel: the task pane does not run again; nothing was written
    expect(snapshot()).toEqual(before);
  });

  test("keep: the user's corrections survive, the rest is rewritten, and the next rerun asks again", async () => {
    await classify();
    const note = wb.getValues("Register", "O3")[0][0];
    await type("Register", "G2", "Investing (checked by AB)");
    await type("Register", "O3", "call back in May");
    await type("Register", "Q2", "beside the results"); // not the add-in's cell
    await type("Register", "H4", ""); // a result cell cleared by the user
    const r = await classify("keep");
    expect(r.status).toBe("done");
    const got = wb.getValues("Register", "A1:Q4");
    expect(got[1][6]).toBe("Investing (checked by AB)");
    expect(got[2][14]).toBe("call back in May");
    expect(got[3][7]).toBe("");
    expect(got[1][16]).toBe("beside the results");
    expect(got[1][5]).toBe("their own note"); // the register's own Notes column
    expect(got[2][6]).toBe("Giving"); // written again
    // asked again while the user's values stand; overwrite then replaces them
    const q = await question(classify());
    expect(q.cells.map((c) => c.address)).toEqual(["G2", "H4", "O3"]);
    expect((await classify("overwrite")).status).toBe("done");
    const after = wb.getValues("Register", "A1:Q4");
    expect(after[1][6]).toBe("Shopping");
    expect(after[2][14]).toBe(note);
    expect(after[3][7]).not.toBe("");
    expect(after[1][16]).toBe("beside the results");
    expect((await classify()).status).toBe("done");
  });

  test("the user's own Funding summary sheet (A1 'Funding summary') is never touched", async () => {
    wb.addSheet("Funding summary");
    wb.setCells("Funding summary", "A1:B2", [
      ["Funding summary", "my figures"],
      [2024, 15000],
    ]);
    const mine = () => ({
      values: wb.getValues("Funding summary", "A1:L60"),
      charts: wb.getCharts("Funding summary").length,
    });
    const before = mine();
    const first = await classify();
    if (first.status !== "done") throw new Error(first.status);
    expect(first.summarySheet).toBe("Funding summary (2)");
    const again = await classify();
    if (again.status !== "done") throw new Error(again.status);
    expect(again.summarySheet).toBe("Funding summary (2)");
    expect(mine()).toEqual(before);
    expect(wb.sheetNames()).toEqual([
      "Sheet1",
      "Register",
      "Funding summary",
      "Funding summary (2)",
    ]);
  });

  test("a renamed summary sheet is still the add-in's: the rerun writes into it, not a new one", async () => {
    await classify();
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Funding summary").name = "Summary 2025";
      await context.sync();
    });
    const r = await classify();
    if (r.status !== "done") throw new Error(r.status);
    expect(r.summarySheet).toBe("Summary 2025");
    expect(wb.sheetNames()).not.toContain("Funding summary");
    expect(wb.getCharts("Summary 2025")).toHaveLength(1);
  });

  test("two runs started together: one result and one clear status, no exception from Excel", async () => {
    const info = await find();
    const runs = await Promise.allSettled([
      runInExcel((context) => classifyRegister(context, info, options(info))),
      runInExcel((context) => classifyRegister(context, info, options(info))),
    ]);
    const done = runs.filter((r) => r.status === "fulfilled");
    const refused = runs.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(done).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(isWorkflowBusyError(refused[0].reason)).toBe(true);
    expect(refused[0].reason.message).toBe(
      "Classification is already running: wait for it to finish"
    );
    expect(wb.sheetNames().filter((n) => n.startsWith("Funding summary"))).toHaveLength(1);
    expect(wb.getCharts("Funding summary")).toHaveLength(1);
    // and the next run goes ahead
    expect((await classify()).status).toBe("done");
  });
});

describe("a rebuild of the cost recovery sheet", () => {
  const SHEET = "Cost recovery";
  const build = (setup = riversideSample(), decision: OwnedDecision = "ask") =>
    runInExcel(
      (context) =>
        buildCostRecoveryWorkbook(context, setup, DEFAULT_SETTINGS, {
          sheetName: SHEET,
          startCell: "A1",
        }),
      decision
    );

  test("with fewer projects leaves no stale cell, highlight or chart", async () => {
    const big = await build();
    if (big.status !== "built") throw new Error(big.status);
    const fewer = riversideSample();
    fewer.projects = fewer.projects.slice(0, 1);
    const small = await build(fewer);
    if (small.status !== "built") throw new Error(JSON.stringify(small));
    // every non-empty cell on the sheet is inside the new build
    expect(wb.usedAddress(SHEET, true)).toBe(`'${SHEET}'!${small.range}`);
    expect(wb.getCharts(SHEET)).toHaveLength(1);
    // the same as building it once on a fresh workbook: cells, formats and highlights
    const rebuilt = {
      values: wb.getValues(SHEET, big.range),
      formats: wb.getNumberFormats(SHEET, big.range),
      highlights: wb.getConditionalFormats(SHEET).length,
    };
    restore();
    wb = new MemoryWorkbook();
    restore = installExcelGlobals(wb);
    await build(fewer);
    expect(rebuilt).toEqual({
      values: wb.getValues(SHEET, big.range),
      formats: wb.getNumberFormats(SHEET, big.range),
      highlights: wb.getConditionalFormats(SHEET).length,
    });
  });

  test("a changed input is asked about, and kept when the user says so", async () => {
    const first = await build();
    if (first.status !== "built") throw new Error(first.status);
    const cell = first.sheet.refs.bidder.direct;
    await wb.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(SHEET);
      ws.protection.unprotect();
      ws.getRange(cell).values = [[98765]];
      await context.sync();
    });
    const q = await question(build());
    expect(q.cells.map((c) => c.address)).toEqual([cell]);
    expect(q.cells[0].now).toBe("98765");
    expect((await build(riversideSample(), "keep")).status).toBe("built");
    expect(wb.getValues(SHEET, cell)).toEqual([[98765]]);
    expect((await build(riversideSample(), "overwrite")).status).toBe("built");
    expect(wb.getValues(SHEET, cell)).not.toEqual([[98765]]);
  });

  test("two builds started together: one build, one status, one chart", async () => {
    const runs = await Promise.allSettled([build(), build()]);
    expect(runs.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = runs.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.message).toBe(
      "Building the cost recovery workbook is already running: wait for it to finish"
    );
    expect(wb.getCharts(SHEET)).toHaveLength(1);
  });
});

describe("labels Excel would change or refuse", () => {
  const LONG = `Adult social care ${"and community wellbeing ".repeat(12)}`.trim();
  test('"10/90", "007", "TRUE", a number and a 300-character group survive exactly and reconcile', async () => {
    expect(LONG.length).toBeGreaterThan(255);
    const labels = ["10/90", "007", "TRUE", LONG];
    wb.setNumberFormats("Register", "B2:B5", "@");
    wb.setCells("Register", "A1:F7", [
      ["Organisation", "Directorate", "Type", "Value", "Tier", "Notes"],
      ["Age UK", labels[0], "Contract", 120000, "", ""],
      ["Scouts", labels[1], "Grant", 3000, "", ""],
      ["CVS", labels[2], "Grant", 20000, "umbrella", ""],
      ["Carers", labels[3], "Grant", 4000, "", ""],
      ["Youth", 7, "Grant", 2500, "", ""],
      ["Bikes", 7, "Contract", 90000, "", ""],
    ]);
    expect(wb.getValues("Register", "B2:B5").flat()).toEqual(labels);
    const r = await classify();
    if (r.status !== "done") throw new Error(r.status);
    expect(r.reconciliation).toMatchObject({ ok: true, mismatches: [] });
    const column = wb.getValues("Funding summary", "A1:A80").flat();
    // each group label stands, exactly as written, in each of the summary's three tables by group
    for (const label of [...labels, "7"]) expect(column.filter((v) => v === label)).toHaveLength(3);
    // no formula holds a text constant over 255 characters, and every formula evaluates
    const formulas = wb.getFormulas("Funding summary", "A1:P80").flat().map(String);
    expect(formulas.some((f) => f.startsWith("=") && f.includes(LONG.slice(0, 60)))).toBe(false);
    expect(wb.formulaErrors()).toEqual([]);
    // "007" is matched as text: its group holds one row, the number 7's group two
    const rowOf = (label: string) => column.indexOf(label) + 1;
    const total = (label: string) =>
      wb
        .getValues("Funding summary", `A${rowOf(label)}:P${rowOf(label)}`)[0]
        .filter((v) => typeof v === "number");
    expect(total("007").slice(-1)).toEqual([3000]);
    expect(total("7").slice(-1)).toEqual([92500]);
    // the result labels (funder share "10/90" style ratios) stay text too
    expect(
      wb
        .getFormulas("Register", "G2:O7")
        .flat()
        .every((v) => typeof v !== "object")
    ).toBe(true);
  });
});

describe("writeOwned, the one call for a write made at once", () => {
  const spec = (value: string) => ({
    name: "Funding summary",
    blocks: [{ row: 0, col: 0, kind: "text" as const, cells: [[value, "b"]] }],
  });
  const write = (value: string, decision?: OwnedDecision) =>
    wb.run((context) =>
      writeOwned(
        context,
        "test",
        "Writing",
        [{ sheet: "Funding summary", spec: spec(value) }],
        decision
      )
    );

  test("done with the sheets' names (and a renamed one said), then the edited cells as a result", async () => {
    wb.addSheet("Funding summary");
    wb.setCells("Funding summary", "A1", [["the user's"]]);
    const first = await write("a");
    expect(first).toMatchObject({
      status: "done",
      names: { "Funding summary": "Funding summary (2)" },
      renamed: [{ wanted: "Funding summary", name: "Funding summary (2)" }],
    });
    wb.setCells("Funding summary (2)", "B1", [["edited"]]);
    const asked = await write("c");
    expect(asked).toMatchObject({
      status: "edited-cells",
      count: 1,
      cells: [{ sheet: "Funding summary (2)", address: "B1", was: "b", now: "edited" }],
    });
    expect(wb.getValues("Funding summary (2)", "A1:B1")).toEqual([["a", "edited"]]);
    expect((await write("c", "keep")).status).toBe("done");
    expect(wb.getValues("Funding summary (2)", "A1:B1")).toEqual([["c", "edited"]]);
    expect(wb.getValues("Funding summary", "A1")).toEqual([["the user's"]]);
  });
});

describe("writeIntoOwned: a later step writing into a workflow's own output", () => {
  const generated = (decision?: OwnedDecision) =>
    wb.run((context) =>
      writeOwned(
        context,
        "test",
        "Generating",
        [
          {
            sheet: "Out",
            spec: {
              name: "Out",
              blocks: [{ row: 0, col: 0, kind: "text" as const, cells: [["Bid", "", ""]] }],
            },
          },
        ],
        decision
      )
    );
  /** Fill B1 (owned) and D1 (not owned) as an import would, then sync as the caller does. */
  const imported = () =>
    wb.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Out");
      await writeIntoOwned(context, "test", [
        {
          sheet,
          spec: {
            name: "Out",
            blocks: [
              { row: 0, col: 1, kind: "value" as const, cells: [[4]] },
              { row: 0, col: 3, kind: "text" as const, cells: [["beside"]] },
            ],
          },
        },
      ]);
      await context.sync();
    });

  test("its cells count as the add-in's: a rerun does not ask about them", async () => {
    expect((await generated()).status).toBe("done");
    await imported();
    expect(wb.getValues("Out", "A1:D1")).toEqual([["Bid", 4, "", "beside"]]);
    // Replaced as the workflow's own output (the rerun writes a blank there), unasked; the cell
    // outside its blocks is not the workflow's and is left alone.
    expect((await generated()).status).toBe("done");
    expect(wb.getValues("Out", "A1:D1")).toEqual([["Bid", "", "", "beside"]]);
  });

  test("a cell the user changes after it is asked about, showing what was written", async () => {
    await generated();
    await imported();
    wb.setCells("Out", "B1:C1", [[5, "typed"]]);
    expect(await generated()).toMatchObject({
      status: "edited-cells",
      count: 2,
      cells: [
        { sheet: "Out", address: "B1", was: "4", now: "5" },
        { sheet: "Out", address: "C1", was: "(empty)", now: "typed" },
      ],
    });
    expect((await generated("keep")).status).toBe("done");
    expect(wb.getValues("Out", "A1:C1")).toEqual([["Bid", 5, "typed"]]);
  });

  test("with no record yet it is the writer alone", async () => {
    wb.addSheet("Out");
    await imported();
    expect(wb.getValues("Out", "B1:D1")).toEqual([[4, "", "beside"]]);
    // Out is not the workflow's sheet: the generation goes round it.
    expect(await generated()).toMatchObject({ status: "done", names: { Out: "Out (2)" } });
  });
});
