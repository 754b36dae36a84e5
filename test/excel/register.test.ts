import { MemoryWorkbook } from "../../packages/excel-double/src";
import {
  classifyRegister,
  DEFAULT_CHUNK_ROWS,
  findRegister,
  MAPPING_KEY,
  REGISTER_MAPPINGS,
  selectRegisterRow,
  type ClassifyOptions,
  type RegisterInfo,
} from "../../src/excel/register";
import { DEFAULT_SETTINGS, FrameworkSettingsSchema } from "../../src/domain/settings/settings";
import { OUTPUT_HEADERS } from "../../src/domain/classification/register";
import { FLAG_NOTES } from "../../src/domain/classification/classify";
import { columnLetters } from "../../src/sheets/a1";
import { REQUEST_BUDGET_BYTES, sliceRows } from "../../src/excel/writer";
import { readStore } from "../../src/excel/store";
import { CHESHIRE_EAST_REGISTER } from "../support/cheshireEast";
import { COMMISSIONED_SERVICE_ROW, SMALL_GRANT_ROW } from "../support/registerRows";

type Cell = string | number | boolean | null;

async function find(wb: MemoryWorkbook): Promise<RegisterInfo> {
  const r = await wb.run((context) => findRegister(context));
  if (!r.ok) throw new Error(r.message);
  return r.info;
}
async function classifyAll(
  wb: MemoryWorkbook,
  info: RegisterInfo,
  over: Partial<ClassifyOptions> = {}
) {
  return wb.run((context) =>
    classifyRegister(context, info, {
      mapping: info.mapping,
      inferOutputs: info.inferOutputs,
      groupBy: info.groupBy,
      settings: DEFAULT_SETTINGS,
      ...over,
    })
  );
}
async function done(wb: MemoryWorkbook, info: RegisterInfo, over: Partial<ClassifyOptions> = {}) {
  const r = await classifyAll(wb, info, over);
  if (r.status !== "done") throw new Error(`expected done, got ${JSON.stringify(r)}`);
  return r;
}
/** The summary sheet's row whose first cell is `label`, within the section titled `section`. */
function summaryRow(
  wb: MemoryWorkbook,
  section: string,
  label: string,
  sheet = "Funding summary"
): Cell[] {
  const grid = wb.getValues(sheet, "A1:J200") as Cell[][];
  const start = grid.findIndex((r) => r[0] === section);
  if (start < 0) throw new Error(`no section ${section}`);
  for (let i = start + 1; i < grid.length; i++) {
    if (grid[i][0] === "" || grid[i][0] === null) break;
    if (grid[i][0] === label) return grid[i];
  }
  throw new Error(`no row ${label} in ${section}`);
}
const pence = (v: Cell) => Math.round((v as number) * 100);

/** Writes a value into a cell of the Register sheet formatted as Text first, so it stays text. */
async function writeAsText(wb: MemoryWorkbook, address: string, value: string) {
  await wb.run(async (context) => {
    const cell = context.workbook.worksheets.getItem("Register").getRange(address);
    cell.numberFormat = [["@"]];
    cell.values = [[value]];
    await context.sync();
  });
}

describe("a 360Giving-style table", () => {
  const headers = [
    "Identifier",
    "Title",
    "Amount Awarded",
    "Recipient Org:Name",
    "Funding Org:Name",
    "Grant Programme:Title",
    "Planned Dates:Duration (months)",
    "Outputs specified",
  ];
  const data: Cell[][] = [
    [
      "360G-X-1",
      "Lunch club",
      4000,
      "Oak Lunch Club",
      "Wiltshire Council",
      "Small Grants",
      12,
      "no",
    ],
    [
      "360G-X-2",
      "Volunteer centre core costs",
      30000,
      "Wiltshire CVS",
      "Wiltshire Council",
      "Infrastructure",
      24,
      "no",
    ],
    [
      "360G-X-3",
      "Carers support service",
      75000,
      "Carers Trust",
      "Wiltshire PCT",
      "Commissioning",
      36,
      "yes",
    ],
    [
      "360G-X-4",
      "Advice sessions",
      5000,
      "Citizens Advice",
      "Wiltshire PCT",
      "Small Grants",
      48,
      "no",
    ],
  ];
  let wb: MemoryWorkbook;
  beforeEach(async () => {
    wb = new MemoryWorkbook();
    wb.addSheet("Grants");
    wb.setCells("Grants", "A1:H5", [headers, ...data]);
    await wb.run(async (context) => {
      const t = context.workbook.tables.add("Grants!A1:H5", true);
      t.name = "Grants360";
      await context.sync();
    });
    wb.select("Grants", "C3");
  });

  test("maps itself, works out the value per year, writes table columns and a summary that reconciles", async () => {
    const info = await find(wb);
    expect(info.tableName).toBe("Grants360");
    expect(info.address).toBe("A1:H5");
    // Amount Awarded is the whole award, over Planned Dates:Duration (months)
    expect(info.mapping).toMatchObject({
      amount: 2,
      organisation: 3,
      funder: 4,
      programme: 5,
      termMonths: 6,
      outputsSpecified: 7,
    });
    expect(info.groupBy).toBe("funder");
    expect(info.inferOutputs).toBe(false);
    const r = await done(wb, info);
    expect(r.reconciliation).toEqual({ ok: true, checked: expect.any(Number), mismatches: [] });
    expect(r.usedFormulas).toBe(true);

    // the derived columns, then the nine result columns, are table columns
    const derived = [
      "Annual value (£)",
      "Annual value worked out",
      "Term (years)",
      "Label",
      "Recipient tier",
    ];
    const cols = await wb.run(async (context) => {
      const t = context.workbook.tables.getItem("Grants360");
      t.columns.load("items/name");
      await context.sync();
      return t.columns.items.map((c) => c.name);
    });
    expect(cols).toEqual([...headers, ...derived, ...OUTPUT_HEADERS]);
    // value per year: a year or less is the award itself; longer awards spread over the years
    expect(wb.getValues("Grants", "I2:K5")).toEqual([
      [4000, "Amount Awarded as awarded (12 months, a year or less), from the duration.", 1],
      [15000, "Amount Awarded x 12 / 24 months, from the duration.", 2],
      [25000, "Amount Awarded x 12 / 36 months, from the duration.", 3],
      [1250, "Amount Awarded x 12 / 48 months, from the duration.", 4],
    ]);
    const out = wb.getValues("Grants", "N2:V5");
    expect(out[0].slice(0, 8)).toEqual(SMALL_GRANT_ROW);
    expect(out[1][1]).toBe("Qualifying activity"); // no tier given: frontline
    expect(out[2].slice(0, 8)).toEqual(COMMISSIONED_SERVICE_ROW);
    // 48 months = 4 years, over the small-grant maximum; £1,250 a year, not £5,000
    expect(out[3][7]).toBe("grant-term-over-max");
    expect(out[3][8]).toBe(FLAG_NOTES["grant-term-over-max"]);

    // summary by funder, as formulas over the derived value per year
    const pcT = summaryRow(wb, "Value by funding org:name (£)", "Wiltshire PCT");
    expect(pence(pcT[1])).toBe(2500000);
    expect(pence(pcT[3])).toBe(125000);
    expect(pence(pcT[8])).toBe(2625000);
    const formulas = wb
      .getFormulas("Funding summary", "A1:J60")
      .flat()
      .filter((f) => typeof f === "string" && f.startsWith("="));
    expect(formulas.some((f) => (f as string).includes("SUMIFS('Grants'!$I$2:$I$5"))).toBe(true);
    expect(r.summary.all.total.pence).toBe(4525000);

    // the mapping is remembered in the workbook
    const saved = await wb.run(async (context) => {
      const item = context.workbook.settings.getItem(MAPPING_KEY);
      item.load("value");
      await context.sync();
      return JSON.parse(item.value as string);
    });
    expect(saved["table:Grants360"].columns.amount).toBe("Amount Awarded");
    expect(saved["table:Grants360"].columns.annualValue).toBe("Annual value (£)");
    expect(saved["table:Grants360"].groupBy).toBe("funder");
    // ...as the typed store entry reads it
    const entry = await wb.run((context) => readStore(context, REGISTER_MAPPINGS));
    expect(entry?.["table:Grants360"]).toEqual(saved["table:Grants360"]);
  });

  test("a remembered mapping that does not read is ignored, and other registers' mappings are kept", async () => {
    await wb.run(async (context) => {
      context.workbook.settings.add(
        MAPPING_KEY,
        JSON.stringify({
          "table:Grants360": { columns: { annualValue: 42 } },
          "sheet:Other": { columns: { annualValue: "Cost" }, groupBy: null },
        })
      );
      await context.sync();
    });
    const info = await find(wb);
    expect(info.mapping.amount).toBe(2); // detected again from the headers
    await done(wb, info);
    const entry = await wb.run((context) => readStore(context, REGISTER_MAPPINGS));
    expect(entry?.["sheet:Other"]).toEqual({ columns: { annualValue: "Cost" }, groupBy: null });
    expect(entry?.["table:Grants360"]?.columns.amount).toBe("Amount Awarded");
  });

  test("a native pie chart of the mix is on the summary sheet", async () => {
    const info = await find(wb);
    await done(wb, info);
    const charts = await wb.run(async (context) => {
      const c = context.workbook.worksheets.getItem("Funding summary").charts;
      c.load("items/chartType,items/name");
      await context.sync();
      return c.items.map((x) => x.chartType);
    });
    expect(charts).toEqual(["Pie"]);
  });

  test("a corrected mapping is remembered and used next time", async () => {
    const info = await find(wb);
    const mapping = { ...info.mapping };
    delete mapping.programme;
    await done(wb, { ...info }, { mapping, groupBy: null });
    wb.select("Grants", "A2");
    const again = await find(wb);
    expect(again.mapping.programme).toBeUndefined();
    expect(again.groupBy).toBeNull();
    expect(again.resultBlock).toBe(13); // after the eight columns and five derived ones
  });
});

describe("a register with blanks and bad rows (current region)", () => {
  const rows: Cell[][] = [
    ["Organisation", "Directorate", "Type", "Value", "Tier", "Accredited", "Tendered", "Term"],
    ["Age UK", "Adults", "Contract", 120000, "", "", "no", 2], // 2
    ["Scouts", "Children", "Grant", 3000, "", "no", "", ""], // 3
    ["Bad value", "Adults", "Grant", "lots", "", "", "", ""], // 4
    ["CVS", "Corporate", "Grant", 20000, "umbrella", "", "", ""], // 5
    ["Unknown tier", "Children", "Grant", 9000, "charity", "", "", ""], // 6
    ["Donation", "Adults", "Donation", 2000, "", "", "", ""], // 7
    ["", "", "", "", "", "", "", ""], // 8 blank row inside the region (cells blank, row kept by the next one)
    ["Youth SLA", "children", "SLA", 60000, "", "yes", "no", 1], // 9
  ];
  let wb: MemoryWorkbook;
  beforeEach(() => {
    wb = new MemoryWorkbook();
    wb.addSheet("Register");
    // The blank row would split the current region, so give it one filled cell outside the mapped columns.
    rows[7][7] = "";
    wb.setCells("Register", "A1:H9", rows as (string | number)[][]);
    wb.setCells("Register", "H8", [["-"]]);
    wb.select("Register", "B4");
  });

  test("bad rows are listed with row numbers and reasons; the rest are classified", async () => {
    const info = await find(wb);
    expect(info.tableName).toBeNull();
    expect(info.address).toBe("A1:H9");
    expect(info.mapping.outputsSpecified).toBeUndefined();
    expect(info.inferOutputs).toBe(true);
    expect(info.groupBy).toBe("department");
    const r = await done(wb, info);
    expect(r.summary.unclassified.map((u) => u.row)).toEqual([4, 6, 7, 8]);
    expect(r.summary.unclassified[0].message).toBe(
      'Value is "lots": enter an amount in pounds, e.g. 12000 or £12,000.50'
    );
    expect(r.summary.unclassified[1].message).toBe(
      'Tier is "charity": enter infrastructure (or CVS, umbrella, second tier) or frontline'
    );
    expect(r.summary.unclassified[2].message).toMatch(
      /label "Donation" says neither contract\/SLA nor grant/
    );
    // row 8 has only "-" in Term: it is not blank, so its blank value is reported
    expect(r.summary.unclassified[3].message).toBe(
      "Value is blank: enter the value per year in pounds, e.g. 12000"
    );
    expect(r.summary.classified).toBe(4);
    expect(r.summary.inferred).toBe(4);

    const out = wb.getValues("Register", "I1:Q9");
    expect(out[0]).toEqual([...OUTPUT_HEADERS]);
    expect(out[1][7]).toBe("not-tendered, short-term");
    expect(out[1][8]).toMatch(/^Outputs inferred from label\. Commissioned service at or above/);
    expect(out[2][7]).toBe("unaccredited");
    expect(out[3].slice(0, 8)).toEqual(["", "", "", "", "", "", "", ""]);
    expect(out[3][8]).toMatch(/^Not classified: Value is "lots"/);
    expect(out[4][1]).toBe("Investment");
    expect(out[8][7]).toBe("sla-not-procured, not-tendered, short-term");
    expect(r.reconciliation.ok).toBe(true);

    // Summary: group matching is case-insensitive like SUMIFS ("Children" and "children" together)
    const children = summaryRow(wb, "Number of rows by directorate", "Children");
    expect(children[8]).toBe(2);
    const grid = wb.getValues("Funding summary", "A1:B120") as Cell[][];
    const i = grid.findIndex((row) => row[0] === "Rows not classified");
    expect(grid.slice(i + 2, i + 6).map((row) => row[0])).toEqual([4, 6, 7, 8]);
    // flags counted
    expect(summaryRow(wb, "Flags", "not-tendered")[1]).toBe(2);
  });

  test("labels are written as text ('10/90' never becomes a date); funder share is a number shown as a percentage", async () => {
    const info = await find(wb);
    const settings = FrameworkSettingsSchema.parse({ funderShareSmallGrant: 90 });
    await done(wb, info, { settings });
    // row 3: Scouts, a £3,000 grant: a small grant, 10% VCS organisation / 90% funder
    expect(wb.getValues("Register", "I3:N3")[0]).toEqual([
      "Giving",
      "Small grant",
      "VCS",
      "Accreditation",
      "10/90",
      0.9,
    ]);
    const formats = await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Register").getRange("I3:Q3");
      r.load("numberFormat");
      await context.sync();
      return r.numberFormat[0];
    });
    expect(formats).toEqual(["@", "@", "@", "@", "@", "0%", "@", "@", "@"]);
  });

  test("the user can jump to a row that could not be classified", async () => {
    const info = await find(wb);
    await wb.run((context) => selectRegisterRow(context, info, 6));
    const sel = await wb.run(async (context) => {
      const r = context.workbook.getSelectedRange();
      r.load("address");
      await context.sync();
      return r.address;
    });
    expect(sel).toMatch(/Register'?!A6:H6$/);
  });

  test("a re-run updates its own columns, never adds new ones", async () => {
    const info = await find(wb);
    await done(wb, info);
    wb.setCells("Register", "D3", [[7000]]); // Scouts grant grows past the threshold
    wb.select("Register", "A2");
    const again = await find(wb);
    expect(again.resultBlock).toBe(8);
    expect(again.columnCount).toBe(17);
    const r = await done(wb, again);
    expect(r.status).toBe("done");
    const headerRow = wb.getValues("Register", "A1:Z1")[0];
    expect(headerRow.filter((h) => h === "Mode")).toHaveLength(1);
    expect(headerRow.slice(17).every((h) => h === "" || h === null)).toBe(true);
    expect(wb.getValues("Register", "J3")[0][0]).toBe("Qualifying activity");
    expect(wb.sheetNames().filter((n) => n.startsWith("Funding summary"))).toEqual([
      "Funding summary",
    ]);
  });

  test("asks before overwriting cells it did not write, then proceeds when confirmed", async () => {
    wb.setCells("Register", "K5", [["keep me"]]);
    wb.setCells("Register", "Q2", [[42]]);
    // K5 is part of the current region? No: column I is empty, so the region stops at H.
    const info = await find(wb);
    expect(info.address).toBe("A1:H9");
    wb.resetCounters();
    const first = await classifyAll(wb, info);
    expect(first.status).toBe("needs-confirmation");
    if (first.status !== "needs-confirmation") return;
    expect(first.cells).toEqual(["Q2", "K5"]);
    expect(first.count).toBe(2);
    expect(first.message).toMatch(/I:Q, where 2 cells are not empty \(Q2, K5\)\. Overwrite them\?/);
    // nothing was written
    expect(wb.getValues("Register", "I1:Q1")[0].every((v) => v === "" || v === null)).toBe(true);
    expect(wb.getValues("Register", "K5")[0][0]).toBe("keep me");
    expect(wb.sheetNames()).not.toContain("Funding summary");
    const second = await classifyAll(wb, info, { confirmOverwrite: true });
    expect(second.status).toBe("done");
    expect(wb.getValues("Register", "I1")[0][0]).toBe("Mode");
    expect(wb.getValues("Register", "K5")[0][0]).toBe("VCS");
  });

  test("a sheet called Funding summary that is not ours is left alone", async () => {
    wb.addSheet("Funding summary");
    wb.setCells("Funding summary", "A1", [["My own notes"]]);
    const info = await find(wb);
    const r = await done(wb, info);
    expect(r.summarySheet).toBe("Funding summary (2)");
    expect(wb.getValues("Funding summary", "A1")[0][0]).toBe("My own notes");
  });

  test("group names are written as text, even when they look like formulas", async () => {
    // text that looks like a formula, written as text (Text format) as a careful user would
    await writeAsText(wb, "B2", "=Adults");
    const info = await find(wb);
    const r = await done(wb, info);
    expect(r.reconciliation.mismatches).toEqual([]);
    const row = summaryRow(wb, "Value by directorate (£)", "=Adults");
    expect(pence(row[8])).toBe(12000000);
  });

  test("amounts written as text give a values summary that still reconciles", async () => {
    await writeAsText(wb, "D2", "£120,000.00");
    const info = await find(wb);
    const r = await done(wb, info);
    expect(r.usedFormulas).toBe(false);
    expect(r.reconciliation.ok).toBe(true);
    expect(pence(summaryRow(wb, "Mix of shopping, investing and giving", "Total")[1])).toBe(
      r.summary.all.total.pence
    );
    expect(r.summary.all.total.pence).toBe(12000000 + 300000 + 2000000 + 6000000);
  });

  test("no value column: nothing is written and the problem is said", async () => {
    const info = await find(wb);
    const mapping = { ...info.mapping };
    delete mapping.annualValue;
    const r = await classifyAll(wb, info, { mapping });
    expect(r).toEqual({
      status: "invalid",
      problems: [
        {
          field: "Annual value (£)",
          message:
            "Choose the column that holds the annual value (£ per year), or the amount awarded to work it out from.",
        },
      ],
    });
    expect(wb.getValues("Register", "I1")[0][0]).toBe("");
  });
});

test("no register at the selection is reported, not thrown", async () => {
  const wb = new MemoryWorkbook();
  wb.addSheet("Empty");
  wb.select("Empty", "D4");
  const r = await wb.run((context) => findRegister(context));
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.message).toMatch(/Select a cell inside your funding register/);
});

describe("Cheshire East 2008/09 as a register (004:118-145)", () => {
  const rows = CHESHIRE_EAST_REGISTER;
  const source: Record<string, [number, number, number]> = {
    "Cheshire County Council": [177548644, 46580350, 224128994],
    "Congleton BC": [0, 26186000, 26186000],
    "Crewe & Nantwich BC": [21425700, 7621000, 29046700],
    "Macclesfield BC": [7515000, 23472000, 30987000],
    "Central & Eastern Cheshire PCT": [33136070, 76532028, 109668098],
  };
  let wb: MemoryWorkbook;
  beforeEach(() => {
    wb = new MemoryWorkbook();
    wb.addSheet("Cheshire East");
    wb.setCells("Cheshire East", "A1:E11", rows);
    wb.select("Cheshire East", "A1");
  });

  test("by authority: contract, grant and total reproduce the source to the penny", async () => {
    const info = await find(wb);
    expect(info.mapping).toMatchObject({
      funder: 0,
      department: 1,
      currentLabel: 2,
      outputsSpecified: 3,
      annualValue: 4,
    });
    const r = await done(wb, info, { groupBy: "funder" });
    expect(r.usedFormulas).toBe(true);
    expect(r.reconciliation.ok).toBe(true);
    for (const [name, [contract, grant, total]] of Object.entries(source)) {
      const v = summaryRow(wb, "Value by authority (£)", name);
      expect([pence(v[5]), pence(v[7]), pence(v[8])]).toEqual([contract, grant, total]); // Shopping, Giving, Total
      expect(pence(v[1])).toBe(contract); // Commissioned service
    }
    const all = summaryRow(wb, "Value by authority (£)", "Total");
    expect(pence(all[8])).toBe(420016792);
    // contract rows were tagged with the £0 Congleton contract counted as a commissioned service
    expect(summaryRow(wb, "Number of rows by authority", "Congleton BC")[1]).toBe(1);
  });

  test("by department: the councils' totals are the source's grand total", async () => {
    const info = await find(wb);
    await done(wb, info, { groupBy: "department" });
    const council = summaryRow(wb, "Value by department (£)", "Council");
    expect([pence(council[5]), pence(council[7]), pence(council[8])]).toEqual([
      206489344, 103859350, 310348694,
    ]);
    const health = summaryRow(wb, "Value by department (£)", "Health");
    expect(pence(health[8])).toBe(109668098);
    // the mix: shopping and giving shares of value
    const shop = summaryRow(wb, "Mix of shopping, investing and giving", "Shopping");
    // Shares are tenths of a percent by largest remainder (adding to 100.0%): shopping is
    // 239,625,414 / 420,016,792 = 570.51 tenths and giving 429.49; the floors 570 + 429 leave one
    // tenth, which goes to the larger remainder (0.51): 57.1% and 42.9%.
    expect(shop[2]).toBeCloseTo(0.571, 12);
    expect(summaryRow(wb, "Mix of shopping, investing and giving", "Giving")[2]).toBeCloseTo(
      0.429,
      12
    );
    expect(summaryRow(wb, "Mix of shopping, investing and giving", "Investing")[2]).toBe(0);
  });

  test("the summary stays live: change the register and its formulas follow", async () => {
    const info = await find(wb);
    await done(wb, info, { groupBy: "funder" });
    wb.setCells("Cheshire East", "E11", [[765320.29]]);
    const pct = summaryRow(wb, "Value by authority (£)", "Central & Eastern Cheshire PCT");
    expect(pence(pct[8])).toBe(109668099);
  });
});

describe("a 100,000-row register", () => {
  test("syncs grow only with chunking and every request stays under 5 MB", async () => {
    const n = 100000;
    const wb = new MemoryWorkbook();
    wb.addSheet("Big");
    const rows: (string | number)[][] = [["Organisation", "Department", "Type", "Value", "Tier"]];
    const types = ["Grant", "Contract", "SLA", "grant aid"];
    // Amounts up to £1,500, a total of about £75m.
    for (let i = 0; i < n; i++)
      rows.push([
        `Organisation ${i}`,
        `Dept ${i % 7}`,
        types[i % 4],
        ((i * 7919) % 150000) / 100,
        i % 11 === 0 ? "umbrella" : "frontline",
      ]);
    wb.setCells("Big", `A1:E${n + 1}`, rows);
    wb.select("Big", "C50");
    const info = await find(wb);
    expect(info.rowCount).toBe(n + 1);
    wb.resetCounters();
    const progress: number[] = [];
    const r = await done(wb, info, { onProgress: (p) => progress.push(p.done) });
    const chunks = Math.ceil(n / DEFAULT_CHUNK_ROWS);
    expect(wb.syncCount).toBeLessThanOrEqual(chunks + 6);
    expect(wb.largestRequestBytes).toBeLessThan(5 * 1024 * 1024);
    // ...and under the writer's budget for one request
    expect(wb.largestRequestBytes).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
    expect(progress[progress.length - 1]).toBe(n);
    expect(new Set(progress).size).toBeGreaterThanOrEqual(chunks);
    expect(r.summary.classified).toBe(n);
    expect(r.reconciliation.mismatches.slice(0, 5)).toEqual([]);
    expect(r.reconciliation.ok).toBe(true);
    const last = wb.getValues("Big", `F${n + 1}:N${n + 1}`)[0];
    expect(["Shopping", "Investing", "Giving"]).toContain(last[0]);
    expect(columnLetters(info.columnCount)).toBe("F");
  }, 600000);
});

describe("request sizes", () => {
  test("the writer's row slices keep rows whole, in order, each piece within the limit", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [`row ${i}`, "x".repeat(i % 50), i, "£"]);
    const pieces = sliceRows(rows, 2000).map((s) => s.rows);
    expect(pieces.flat()).toEqual(rows);
    for (const p of pieces) expect(Buffer.byteLength(JSON.stringify(p))).toBeLessThanOrEqual(2000);
    expect(sliceRows([], 10)).toEqual([{ start: 0, rows: [] }]);
  });

  test("long notes on every row: a chunk's results go in several requests, each under 5 MB", async () => {
    const n = 12000;
    const wb = new MemoryWorkbook();
    wb.addSheet("R");
    const rows: (string | number)[][] = [
      ["Organisation", "Type", "Outputs", "Value", "Tendered", "Term", "Description"],
    ];
    // every row raises four flags (long notes), and has a long description that is never read
    for (let i = 0; i < n; i++)
      rows.push([`Org ${i}`, "SLA grant", "yes", 60000 + i, "no", 1, "d".repeat(600)]);
    wb.setCells("R", `A1:G${n + 1}`, rows);
    wb.select("R", "A1");
    const info = await find(wb);
    wb.resetCounters();
    const r = await done(wb, info, { chunkRows: 12000 });
    expect(r.summary.classified).toBe(n);
    expect(r.summary.flags["sla-not-procured"]).toBe(n);
    expect(wb.largestRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(wb.largestRequestBytes).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
    // one chunk, but its results were written in more than one request
    expect(wb.syncCount).toBeGreaterThanOrEqual(6);
    const last = wb.getValues("R", `H${n + 1}:P${n + 1}`)[0];
    expect(last[7]).toBe("grant-with-outputs, sla-not-procured, not-tendered, short-term");
    expect(String(last[8]).length).toBeGreaterThan(300);
  }, 120000);
});
