import { MemoryWorkbook } from "../src/index";

const ROWS = 100000;
const COLS = 15;

function row(i: number): (string | number)[] {
  const out: (string | number)[] = [`Funder ${i}`, `REF-${String(i).padStart(6, "0")}`];
  for (let c = 2; c < COLS; c++)
    out.push(c % 3 === 0 ? `note ${i % 97}` : ((i * 7 + c) % 100000) / 100);
  return out;
}

describe("large workbooks", () => {
  test("100,000 rows x 15 columns written in a few batches under 5 MB each and read back", async () => {
    const wb = new MemoryWorkbook({ sheets: ["Register"] });
    const data = Array.from({ length: ROWS }, (_, i) => row(i));
    const chunk = 20000;
    const t0 = Date.now();
    await wb.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Register");
      for (let start = 0; start < ROWS; start += chunk) {
        const block = data.slice(start, start + chunk);
        sheet.getRangeByIndexes(start, 0, block.length, COLS).values = block;
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk, to stay under the 5 MB request limit
        await context.sync();
      }
    });
    const written = Date.now() - t0;
    expect(wb.syncCount).toBe(ROWS / chunk);
    expect(wb.largestRequestBytes).toBeLessThan(5 * 1024 * 1024);

    const t1 = Date.now();
    const back = wb.getValues("Register", `A1:O${ROWS}`);
    const readHelper = Date.now() - t1;
    expect(back.length).toBe(ROWS);
    expect(back[0]).toEqual(data[0]);
    expect(back[54321]).toEqual(data[54321]);
    expect(back[ROWS - 1]).toEqual(data[ROWS - 1]);

    // Read back through the API in chunks small enough for the 5 MB response limit.
    const t2 = Date.now();
    const loaded: unknown[][] = [];
    await wb.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Register");
      const used = sheet.getUsedRange().load("rowCount, columnCount");
      await context.sync();
      expect([used.rowCount, used.columnCount]).toEqual([ROWS, COLS]);
      for (let start = 0; start < ROWS; start += chunk) {
        const r = sheet.getRangeByIndexes(start, 0, chunk, COLS).load("values");
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk, to stay under the 5 MB request limit
        await context.sync();
        loaded.push(...r.values);
      }
    });
    const readApi = Date.now() - t2;
    expect(loaded).toEqual(data);
    console.log(
      `100,000 x 15: write ${written} ms (${ROWS / chunk} syncs, largest request ${wb.largestRequestBytes} bytes), read via helper ${readHelper} ms, read via API ${readApi} ms`
    );
  });

  test("a summary formula over 100,000 rows evaluates, and recalculates after a change", async () => {
    const wb = new MemoryWorkbook({ sheets: ["Register", "Summary"] });
    const amounts = Array.from({ length: ROWS }, (_, i) => [
      i % 3 === 0 ? "North" : "South",
      (i % 100) + 1,
    ]);
    const t0 = Date.now();
    await wb.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Register");
      for (let start = 0; start < ROWS; start += 50000) {
        sheet.getRangeByIndexes(start, 0, 50000, 2).values = amounts.slice(start, start + 50000);
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk, to stay under the 5 MB request limit
        await context.sync();
      }
      context.workbook.worksheets.getItem("Summary").getRange("A1:C1").formulas = [
        [
          `=SUM(Register!B1:B${ROWS})`,
          `=SUMIFS(Register!B1:B${ROWS},Register!A1:A${ROWS},"North")`,
          `=COUNTIFS(Register!A:A,"South")`,
        ],
      ];
      await context.sync();
    });
    const elapsed = Date.now() - t0;
    const expectedSum = amounts.reduce((s, r) => s + (r[1] as number), 0);
    const expectedNorth = amounts
      .filter((r) => r[0] === "North")
      .reduce((s, r) => s + (r[1] as number), 0);
    expect(wb.getValues("Summary", "A1:C1")).toEqual([
      [expectedSum, expectedNorth, amounts.filter((r) => r[0] === "South").length],
    ]);
    const t1 = Date.now();
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Register").getRange("B1").values = [[1001]];
      await context.sync();
    });
    expect(wb.getValues("Summary", "A1")).toEqual([[expectedSum + 1000]]);
    console.log(
      `100,000 x 2 with formulas: write + evaluate ${elapsed} ms, recalculation after one change ${Date.now() - t1} ms`
    );
  });
});
