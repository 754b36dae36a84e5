/**
 * Real published registers, end to end, through the code path the task pane uses: each shared
 * 360Giving file (test/fixtures/360giving, copied as published from ../shared/data/360giving) is read (src/files), its derived
 * columns worked out, written as an Excel table on a new sheet of the workbook double, picked up
 * as the register, asked its questions once per programme, and classified.
 */
import * as fs from "fs";
import * as path from "path";
import { MemoryWorkbook } from "../../packages/excel-double/src";
import { readRegisterFile } from "../../src/files/readRegisterFile";
import { withDerivedColumns } from "../../src/domain/classification/registerTable";
import { detectMapping } from "../../src/domain/classification/register";
import type { RegisterAnswers } from "../../src/domain/classification/answers";
import {
  classifyRegister,
  findRegister,
  readRegisterQuestions,
  REGISTER_ANSWERS,
} from "../../src/excel/register";
import { writeRegisterTable } from "../../src/excel/registerFile";
import { resultLooksSpec } from "../../src/sheets/register/resultLooks";
import { readStore } from "../../src/excel/store";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";

// Copies of ../shared/data/360giving, as published (test/fixtures/360giving/SOURCES.md).
const DIR = path.resolve(__dirname, "../fixtures/360giving");
const FILES = fs.readdirSync(DIR).filter((f) => /\.(csv|json)$/.test(f));

/** Open a file as the task pane does: read, derive, write the table, pick it up. */
export async function openFile(wb: MemoryWorkbook, file: string) {
  const read = await readRegisterFile({ name: file, data: fs.readFileSync(path.join(DIR, file)) });
  if (!read.ok) throw new Error(read.message);
  const table = withDerivedColumns(read.table.headers, read.table.rows, (h) => detectMapping(h));
  const opened = await wb.run((context) =>
    writeRegisterTable(context, file, table.headers, table.rows)
  );
  const found = await wb.run((context) => findRegister(context));
  if (!found.ok) throw new Error(found.message);
  return { read, table, opened, info: found.info };
}

test("the six shared 360Giving files are there (SOURCES.md)", () => {
  expect(FILES.length).toBe(6);
});

describe.each(FILES)("%s", (file) => {
  test("opens as a table, classifies at least 99% after one answer per programme, lists what it cannot", async () => {
    const wb = new MemoryWorkbook();
    const { read, opened, info } = await openFile(wb, file);
    expect(opened.rows).toBe(read.table.rows.length);
    expect(info.tableName).toBe(opened.tableName);
    expect(info.rowCount - 1).toBe(read.table.rows.length);
    // the register maps itself: the whole award, the derived value per year, the programme
    expect(info.headers[info.mapping.amount as number]).toBe("Amount Awarded");
    expect(info.headers[info.mapping.annualValue as number]).toBe("Annual value (£)");
    expect(info.answerBy).toBe("programme");

    // every row whose data allows it has an annual value and a term
    const values = wb.getValues(opened.sheet, `A2:AZ${opened.rows + 1}`);
    const col = (h: string) => info.headers.indexOf(h);
    values.forEach((r) => {
      expect(typeof r[col("Annual value (£)")]).toBe("number");
      const months = r[info.mapping.termMonths as number];
      if (typeof months === "number" && months > 0)
        expect(r[col("Term (years)")]).toBeCloseTo(months / 12, 2);
    });

    // one answer per programme
    const { questions } = await wb.run((context) =>
      readRegisterQuestions(context, info, info.mapping, info.answerBy)
    );
    expect(questions.programmes.reduce((n, q) => n + q.rows, 0)).toBe(opened.rows);
    const answers: RegisterAnswers = {
      programmes: Object.fromEntries(
        questions.programmes.map((q) => [q.key, { label: q.label, outputsSpecified: false }])
      ),
      organisations: {},
    };
    const r = await wb.run((context) =>
      classifyRegister(context, info, {
        mapping: info.mapping,
        inferOutputs: false,
        groupBy: info.groupBy,
        settings: DEFAULT_SETTINGS,
        answers,
        answerBy: info.answerBy,
      })
    );
    if (r.status !== "done") throw new Error(JSON.stringify(r));
    const s = r.summary;
    expect(s.classified / (opened.rows - s.excluded.count)).toBeGreaterThanOrEqual(0.99);
    for (const u of s.unclassified) expect(u.message).not.toMatch(/[a-z][A-Z]|\d{3}:\d/);
    expect(r.reconciliation.ok).toBe(true);
    // the answers are remembered for the next file
    const stored = await wb.run((context) => readStore(context, REGISTER_ANSWERS));
    expect(Object.keys(stored?.programmes ?? {})).toHaveLength(questions.programmes.length);
  });
});

describe("a register in the workbook with a title above it, published fields and data problems", () => {
  const rows: (string | number)[][] = [
    ["Grants to voluntary organisations 2024/25", "", "", "", "", "", "", "", ""],
    [
      "Identifier",
      "Beneficiary",
      "Amount",
      "Time period",
      "Date the grant was awarded",
      "Local authority department which awarded the grant",
      "Currency",
      "Recipient Ind:Identifier",
      "For Regrant Type",
    ],
    ["G-1", "Wiltshire CVS", 60000, "2 years", "17/03/2024", "Communities", "GBP", "", ""],
    ["G-2", "Age UK Wiltshire", 4000, "12 months", "01/04/2024", "Adults", "GBP", "", ""],
    ["G-1", "Carers Trust", 0, "1 year", "02/05/2024", "Adults", "GBP", "", ""],
    ["G-4", "Friends of the Earth", 9000, "1 year", "03/06/2024", "Communities", "USD", "", ""],
    ["G-5", "", 500, "", "04/07/2024", "Adults", "GBP", "IND-77", ""],
    ["G-6", "Community First", 30000, "3 years", "05/08/2024", "Communities", "GBP", "", "Common"],
  ];
  test("the title is skipped, the Transparency Code fields map, the checks list their rows", async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet("Grants");
    wb.setCells("Grants", "A1:I8", rows);
    wb.select("Grants", "B4");
    const found = await wb.run((context) => findRegister(context));
    if (!found.ok) throw new Error(found.message);
    const info = found.info;
    expect(info.headerSkipped).toBe(1);
    expect(info.address).toBe("A2:I8");
    // "Amount" with a "Time period" is the whole award
    expect(info.mapping).toMatchObject({ amount: 2, timePeriod: 3, awardDate: 4, department: 5 });
    expect(info.answerBy).toBe("department");
    const { questions } = await wb.run((context) =>
      readRegisterQuestions(context, info, info.mapping, info.answerBy)
    );
    expect(questions.organisations.map((o) => o.label)).toEqual(["Wiltshire CVS"]);
    const r = await wb.run((context) =>
      classifyRegister(context, info, {
        mapping: info.mapping,
        inferOutputs: false,
        groupBy: "department",
        settings: DEFAULT_SETTINGS,
        confirmOverwrite: true,
        answerBy: "department",
        answers: {
          programmes: {
            communities: { label: "Communities", outputsSpecified: false },
            adults: { label: "Adults", outputsSpecified: true },
          },
          organisations: { "wiltshire cvs": { label: "Wiltshire CVS", tier: "infrastructure" } },
        },
      })
    );
    if (r.status !== "done") throw new Error(JSON.stringify(r));
    expect(r.quality.map((q) => [q.check, q.rows])).toEqual([
      ["duplicate-identifier", [3, 5]],
      ["zero-or-negative", [5]],
      ["not-gbp", [6]],
      ["to-individuals", [7]],
      ["regrant", [8]],
    ]);
    // the confirmed CVS: £30,000 a year to an infrastructure body is investment
    const head = wb.getValues("Grants", "A2:Z2")[0];
    const at = (h: string, row: number) =>
      wb.getValues("Grants", "A1:Z8")[row - 1][head.indexOf(h)];
    expect(at("Annual value (£)", 3)).toBe(30000);
    expect(at("Funding type", 3)).toBe("Investment");
    expect(at("Notes", 3)).toMatch(/Infrastructure body: confirmed for this organisation/);
    expect(at("Notes", 6)).toBe(
      'Not classified: Currency is "USD": the framework\'s thresholds are in pounds; convert the amount to pounds and set Currency to GBP'
    );
    expect(at("Notes", 7)).toMatch(/^Grant to an individual/);
    expect(at("Flags", 8)).toMatch(/regrant/);
    expect(r.summary.excluded).toEqual({ count: 1, rows: [7] });
    expect(r.summary.registerFlags.regrant).toEqual({ count: 1, rows: [8] });
    expect(r.summary.byYear.map((y) => y.year)).toEqual(["2023/24", "2024/25"]);
    // flagged rows are highlighted by a format that reads the Flags column
    const cf = wb.getConditionalFormats("Grants");
    expect(cf).toHaveLength(1);
    expect(cf[0].address).toBe(`Grants!A3:${String.fromCharCode(65 + head.indexOf("Notes"))}8`);
    expect(JSON.stringify(cf[0].rule)).toContain(
      `LEN(TRIM($${String.fromCharCode(65 + head.indexOf("Flags"))}3))>0`
    );
    // the result columns are sized to what they show, not Excel's 64 pixels
    // the result columns are sized to what they show ("Commissioned service", not "Commi...")
    const looks = resultLooksSpec(
      { sheet: "Grants", headerRow: 1, firstCol: 0, columns: 24, rows: 6, flagsCol: 22 },
      15
    );
    expect(looks.columnWidths?.find((w) => w.col === 16)?.width).toBeGreaterThan(
      "Commissioned service".length * 5.6
    );
  });

  test("two columns headed alike are shown for the user to choose", async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet("Dup");
    wb.setCells("Dup", "A1:C3", [
      ["Organisation", "Amount", "Amount"],
      ["A", 100, 200],
      ["B", 300, 400],
    ]);
    wb.select("Dup", "A2");
    const found = await wb.run((context) => findRegister(context));
    if (!found.ok) throw new Error(found.message);
    expect(found.info.ambiguous).toEqual([
      { field: "annualValue", header: "Amount", columns: [1, 2] },
    ]);
  });
});

test("the worked-out columns are the register's: a rerun keeps them, and a value the user corrects is used", async () => {
  const wb = new MemoryWorkbook();
  wb.addSheet("G");
  wb.setCells("G", "A1:D3", [
    ["Organisation", "Amount Awarded", "Planned Dates:Duration (months)", "Outputs specified"],
    ["A", 24000, 24, "no"],
    ["B", 3000, 12, "yes"],
  ]);
  wb.select("G", "A2");
  const run = async () => {
    const f = await wb.run((context) => findRegister(context));
    if (!f.ok) throw new Error(f.message);
    const r = await wb.run((context) =>
      classifyRegister(context, f.info, {
        mapping: f.info.mapping,
        inferOutputs: false,
        groupBy: null,
        settings: DEFAULT_SETTINGS,
        confirmOverwrite: true,
      })
    );
    if (r.status !== "done") throw new Error(JSON.stringify(r));
    return r;
  };
  await run();
  expect(wb.getValues("G", "E1:G2")).toEqual([
    ["Annual value (£)", "Annual value worked out", "Term (years)"],
    [12000, "Amount Awarded x 12 / 24 months, from the duration.", 2],
  ]);
  wb.setCells("G", "E2", [[4000]]); // the user knows better: £4,000 a year
  const again = await run();
  expect(wb.getValues("G", "E1:E2")).toEqual([["Annual value (£)"], [4000]]);
  expect(wb.getValues("G", "J2")[0][0]).toBe("Small grant");
  expect(again.reconciliation.ok).toBe(true);
});
