import fc from "fast-check";
import { MemoryWorkbook } from "../../packages/excel-double/src";
import { payloadBytes, queueSpecs, sliceRows, utf8Length } from "../../src/excel/writer";
import type { SheetSpec } from "../../src/sheets/spec";
import { PALETTE } from "../../src/sheets/palette";

/** Write specs onto new sheets in one Excel.run, with the caller's final sync. */
async function write(wb: MemoryWorkbook, specs: SheetSpec[], budget?: number) {
  return wb.run(async (context) => {
    const targets = specs.map((spec) => ({
      sheet: context.workbook.worksheets.add(spec.name),
      spec,
    }));
    const report = await queueSpecs(context, targets, budget);
    await context.sync();
    return report;
  });
}

describe("the sheet writer", () => {
  test("writes text as text, values as values and formulas as formulas, in one request", async () => {
    const wb = new MemoryWorkbook();
    await write(wb, [
      {
        name: "Out",
        blocks: [
          { row: 0, col: 0, kind: "text", cells: [["10/90", "007", "=1+1", "+44 Ltd"]] },
          { row: 1, col: 0, kind: "value", cells: [[1.5, true]], numberFormat: "0.00" },
          { row: 2, col: 0, kind: "formula", cells: [["=A2*2", "=ROUND(1/3,2)"]] },
        ],
      },
    ]);
    expect(wb.syncCount).toBe(1);
    // Text stays text: Excel would read "10/90" as a date and "007" as 7 without the "@" format.
    expect(wb.getValues("Out", "A1:D1")).toEqual([["10/90", "007", "=1+1", "+44 Ltd"]]);
    expect(wb.getNumberFormats("Out", "A1:D1")).toEqual([["@", "@", "@", "@"]]);
    expect(wb.getValues("Out", "A2:B2")).toEqual([[1.5, true]]);
    expect(wb.getNumberFormats("Out", "A2")).toEqual([["0.00"]]);
    expect(wb.getFormulas("Out", "A3:B3")).toEqual([["=A2*2", "=ROUND(1/3,2)"]]);
    expect(wb.getValues("Out", "A3:B3")).toEqual([[3, 0.33]]);
  });

  test("per-cell number formats leave null cells in General", async () => {
    const wb = new MemoryWorkbook();
    await write(wb, [
      {
        name: "F",
        blocks: [
          { row: 0, col: 0, kind: "value", cells: [[1, 2]], numberFormat: [["0.0%", null]] },
        ],
      },
    ]);
    expect(wb.getNumberFormats("F", "A1:B1")).toEqual([["0.0%", "General"]]);
  });

  test("looks come from the palette; input blocks are unlocked on a protected sheet", async () => {
    const wb = new MemoryWorkbook();
    await write(wb, [
      {
        name: "L",
        blocks: [
          { row: 0, col: 0, kind: "value", cells: [["Heading"]], look: ["header"] },
          { row: 1, col: 0, kind: "value", cells: [[100]], look: ["input"], unlocked: true },
          { row: 2, col: 0, kind: "formula", cells: [["=A2"]] },
        ],
        styles: [{ address: "B1", look: ["bold"] }],
        protect: true,
      },
    ]);
    expect(wb.getFill("L", "A1:A2")).toEqual([[PALETTE.headerFill], [PALETTE.inputFill]]);
    expect(wb.getBold("L", "A1:B1")).toEqual([[true, true]]);
    expect(wb.getLocked("L", "A2:A3")).toEqual([[false], [true]]);
    expect(wb.isProtected("L")).toBe(true);
  });

  test("validation, highlights, widths, freeze panes and a named chart", async () => {
    const wb = new MemoryWorkbook();
    await write(wb, [
      {
        name: "V",
        blocks: [
          {
            row: 0,
            col: 0,
            kind: "value",
            cells: [
              ["Bid", "Score"],
              ["A", 3],
              ["B", 1],
            ],
          },
        ],
        validations: [
          {
            address: "B2:B3",
            type: "wholeNumber",
            min: 0,
            max: 5,
            message: "A whole number from 0 to 5",
          },
        ],
        conditionalFormats: [
          {
            address: "B2:B3",
            type: "lessThan",
            value: 2,
            fill: PALETTE.badFill,
            fontColor: PALETTE.badFont,
          },
        ],
        columnWidths: [{ col: 0, width: 120 }],
        freeze: { rows: 1, columns: 0 },
        charts: [
          {
            type: "ColumnStacked",
            source: "A1:B3",
            seriesBy: "Columns",
            title: "Scores",
            name: "Scores chart",
            topLeft: "D2",
          },
        ],
      },
    ]);
    expect(wb.isValidInput("V", "B2", 4)).toBe(true);
    expect(wb.isValidInput("V", "B2", 7)).toBe(false);
    expect(wb.getConditionalFormats("V")).toHaveLength(1);
    expect(wb.getColumnWidth("V", "A")).toBe(120);
    expect(wb.getFreezePanes("V")).toEqual({ rows: 1, columns: 0 });
    expect(wb.getCharts("V").map((c) => c.name)).toEqual(["Scores chart"]);
  });

  test("a write larger than the budget goes in several requests, each under it, and nothing is lost", async () => {
    const wb = new MemoryWorkbook();
    const rows = Array.from({ length: 3000 }, (_, i) => [
      `Organisation ${i} with a long enough name`,
      i,
    ]);
    const budget = 40_000;
    const report = await write(
      wb,
      [{ name: "Big", blocks: [{ row: 0, col: 0, kind: "value", cells: rows }] }],
      budget
    );
    expect(wb.requests.length).toBeGreaterThan(2);
    expect(report.requests).toBe(wb.requests.length - 1);
    // The double measures each request the way Excel does (its JSON payload); each stays under
    // the budget plus the double's own framing per request.
    for (const r of wb.requests) expect(r.bytes).toBeLessThan(budget * 1.2);
    expect(wb.getValues("Big", "A3000:B3000")).toEqual([[rows[2999][0], 2999]]);
  });

  test("a small write is one request however many sheets it spans", async () => {
    const wb = new MemoryWorkbook();
    const specs: SheetSpec[] = ["One", "Two", "Three"].map((name) => ({
      name,
      blocks: [{ row: 0, col: 0, kind: "text", cells: [[name]] }],
    }));
    await write(wb, specs);
    expect(wb.syncCount).toBe(1);
    expect(wb.sheetNames()).toEqual(expect.arrayContaining(["One", "Two", "Three"]));
  });
});

describe("request size arithmetic", () => {
  test("utf8Length counts bytes as UTF-8 does", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(utf8Length(s)).toBe(Buffer.byteLength(s, "utf8"));
      })
    );
  });

  test("sliceRows keeps every row once, in order, each slice under the limit unless one row alone is over", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(fc.string(), fc.integer()), { minLength: 1, maxLength: 4 }), {
          maxLength: 60,
        }),
        fc.integer({ min: 10, max: 400 }),
        (rows, limit) => {
          const slices = sliceRows(rows, limit);
          expect(slices.flatMap((s) => s.rows)).toEqual(rows);
          let start = 0;
          for (const s of slices) {
            expect(s.start).toBe(start);
            start += s.rows.length;
            if (s.rows.length > 1)
              expect(payloadBytes(s.rows)).toBeLessThanOrEqual(limit + s.rows.length);
          }
        }
      )
    );
  });
});

describe("text Excel would change, formulas Excel would refuse, cells left alone", () => {
  test("any block: text that Excel would convert is formatted as text, cell by cell", async () => {
    const wb = new MemoryWorkbook();
    const odd = ["10/90", "007", "TRUE", "1,000", "=Adults", "Jan 2024", "#N/A", "-5 days"];
    await write(wb, [
      {
        name: "T",
        blocks: [
          { row: 0, col: 0, kind: "value", cells: [[...odd, "Adults", 42]] },
          {
            row: 1,
            col: 0,
            kind: "formula",
            cells: [["=1+1", "007", "Adults"]],
            numberFormat: "0.00",
          },
        ],
      },
    ]);
    expect(wb.getValues("T", "A1:J1")).toEqual([[...odd, "Adults", 42]]);
    expect(wb.getNumberFormats("T", "A1:J1")).toEqual([
      [...odd.map(() => "@"), "General", "General"],
    ]);
    expect(wb.getValues("T", "A2:C2")).toEqual([[2, "007", "Adults"]]);
    expect(wb.getNumberFormats("T", "A2:C2")).toEqual([["0.00", "@", "0.00"]]);
  });

  test("a formula with a text constant over 255 characters is refused before anything is sent", async () => {
    const wb = new MemoryWorkbook();
    const long = "x".repeat(256);
    await expect(
      write(wb, [
        {
          name: "F",
          blocks: [{ row: 2, col: 1, kind: "formula", cells: [[`=IF(A1="${long}",1,0)`]] }],
        },
      ])
    ).rejects.toThrow(
      "The formula for B3 holds a text of 256 characters; Excel allows 255 in a formula"
    );
    const ok = "y".repeat(255);
    await write(wb, [
      { name: "G", blocks: [{ row: 0, col: 0, kind: "formula", cells: [[`=LEN("${ok}")`]] }] },
    ]);
    expect(wb.getValues("G", "A1")).toEqual([[255]]);
  });

  test("skipped cells keep their value and format", async () => {
    const wb = new MemoryWorkbook({ sheets: ["S"] });
    wb.setCells("S", "A1:C1", [["mine", "keep me", "mine too"]]);
    await wb.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      await queueSpecs(context, [
        {
          sheet,
          spec: { name: "S", blocks: [{ row: 0, col: 0, kind: "text", cells: [["a", "b", "c"]] }] },
          skip: (row, col) => row === 0 && col === 1,
        },
      ]);
      await context.sync();
    });
    expect(wb.getValues("S", "A1:C1")).toEqual([["a", "keep me", "c"]]);
    expect(wb.getNumberFormats("S", "A1:C1")).toEqual([["@", "General", "@"]]);
  });
});
