/**
 * Reading register files as downloaded: papaparse for CSV (quoted newlines, a byte-order mark),
 * exceljs for .xlsx, 360Giving JSON flattened to the standard's column titles -- checked against
 * the funders' own flat CSV of the same grants.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { readRegisterFile } from "../../src/files/readRegisterFile";
import type { CellValue } from "../../src/domain/classification/registerTable";

const DIR = path.resolve(__dirname, "../fixtures/360giving");
const enc = (s: string) => new TextEncoder().encode(s);

async function read(name: string, data: Uint8Array) {
  const r = await readRegisterFile({ name, data });
  if (!r.ok) throw new Error(r.message);
  return r.table;
}

test("CSV: a byte-order mark, quoted commas and newlines, blank lines; a title row above the headers", async () => {
  const csv =
    "\uFEFFGrants to the voluntary sector 2024/25\r\n\r\n" +
    "Beneficiary,Amount,Summary of the purpose of the grant\r\n" +
    '"Age UK, Wiltshire",1200.50,"Lunch club\nand transport"\r\n' +
    "\r\n" +
    "Scouts,300,Camping\r\n";
  const t = await read("grants.csv", enc(csv));
  expect(t.kind).toBe("csv");
  // the blank line goes with the parser's blank lines; the title row is skipped
  expect(t.header).toEqual({ index: 1, skipped: 1 });
  expect(t.headers).toEqual(["Beneficiary", "Amount", "Summary of the purpose of the grant"]);
  expect(t.rows).toEqual([
    ["Age UK, Wiltshire", 1200.5, "Lunch club\nand transport"],
    ["Scouts", 300, "Camping"],
  ]);
});

test("Excel: the first sheet with data, dates as dd/mm/yyyy, formulas as their results", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Grants");
  ws.addRow(["Identifier", "Amount Awarded", "Award Date", "Total"]);
  ws.addRow(["G-1", 5000, new Date(Date.UTC(2014, 2, 17)), { formula: "B2*2", result: 10000 }]);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const t = await read("grants.xlsx", bytes);
  expect(t.kind).toBe("xlsx");
  expect(t.sheetName).toBe("Grants");
  expect(t.rows).toEqual([["G-1", 5000, "17/03/2014", 10000]]);
});

test("what cannot be read is said plainly, never thrown", async () => {
  expect(await readRegisterFile({ name: "notes.docx", data: enc("hello") })).toEqual({
    ok: false,
    message:
      '"notes.docx" is not a file the add-in can open: choose a .csv, .xlsx or 360Giving .json file.',
  });
  expect(await readRegisterFile({ name: "x.json", data: enc("{ not json") })).toMatchObject({
    ok: false,
    message: expect.stringMatching(/is not valid JSON/),
  });
  expect(await readRegisterFile({ name: "x.json", data: enc('{"rows": []}') })).toMatchObject({
    ok: false,
    message: expect.stringMatching(/not a 360Giving grants file/),
  });
  expect(await readRegisterFile({ name: "x.xlsx", data: enc("PK not a zip") })).toMatchObject({
    ok: false,
    message: expect.stringMatching(/could not be read/),
  });
});

describe("the shared 360Giving files", () => {
  const pairs: [string[], string][] = [
    [["grantnav-sample-baring.json"], "360giving-baring-flat.csv"],
    [
      ["grantnav-sample-ocf1.json", "grantnav-sample-ocf2.json", "grantnav-sample-ocf3.json"],
      "360giving-ocf-2013-2016-flat.csv",
    ],
  ];
  test.each(pairs)(
    "%p flattens to the standard's column titles, with the same values as %p",
    async (jsons, csv) => {
      const flat = await read(csv, fs.readFileSync(path.join(DIR, csv)));
      const fromJson: Record<string, CellValue>[] = [];
      for (const j of jsons) {
        const t = await read(j, fs.readFileSync(path.join(DIR, j)));
        for (const r of t.rows)
          fromJson.push(Object.fromEntries(t.headers.map((h, i) => [h, r[i]])));
      }
      expect(fromJson).toHaveLength(flat.rows.length);
      const byId = new Map(fromJson.map((r) => [r.Identifier, r]));
      let compared = 0;
      for (const row of flat.rows) {
        const want = Object.fromEntries(flat.headers.map((h, i) => [h, row[i]]));
        const got = byId.get(want.Identifier);
        expect(got).toBeDefined();
        for (const h of flat.headers) {
          // each side carries a few values the other does not (the flat OCF file adds durations;
          // the Baring JSON has durations the flat file drops): compare what both have
          if (got?.[h] === undefined || got[h] === "" || want[h] === "") continue;
          expect(String(got[h])).toBe(String(want[h]));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(flat.rows.length * 10);
    }
  );
});
