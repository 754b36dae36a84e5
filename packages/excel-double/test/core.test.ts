import { MemoryWorkbook, installExcelGlobals } from "../src/index";

describe("MemoryWorkbook: request context, sync and proxies", () => {
  test("counts syncs and records request sizes", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:B2").values = [
        [1, 2],
        [3, 4],
      ];
      await context.sync();
      const r = sheet.getRange("A1:B2");
      r.load("values");
      await context.sync();
      expect(r.values).toEqual([
        [1, 2],
        [3, 4],
      ]);
    });
    expect(wb.syncCount).toBe(2);
    expect(wb.requests).toHaveLength(2);
    expect(wb.largestRequestBytes).toBeGreaterThan(0);
    wb.resetCounters();
    expect(wb.syncCount).toBe(0);
    expect(wb.largestRequestBytes).toBe(0);
  });

  test("Excel.run's final implicit sync applies what is still queued and is counted", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("C3").values = [["late"]];
    });
    expect(wb.syncCount).toBe(1);
    expect(wb.getValues("Sheet1", "C3")).toEqual([["late"]]);
  });

  test("a bigger write makes a bigger request", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["x"]];
      await context.sync();
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:A1000").values = Array.from(
        { length: 1000 },
        (_, i) => [`row ${i}`]
      );
      await context.sync();
    });
    expect(wb.requests[1].bytes).toBeGreaterThan(wb.requests[0].bytes + 9000);
  });

  test("a request over 5 MB is rejected with RequestPayloadSizeLimitExceeded and writes nothing", async () => {
    const wb = new MemoryWorkbook();
    const rows = Array.from({ length: 90000 }, (_, i) => [
      `a fairly long description for row ${i}`,
      `${i}-reference-code-xyz`,
      i,
    ]);
    await expect(
      wb.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("E1").values = [["written first in the same request"]];
        sheet.getRange(`A1:C${rows.length}`).values = rows;
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(wb.requests[0].bytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(wb.requests[0].ok).toBe(false);
    expect(wb.getValues("Sheet1", "A1:C2")).toEqual([
      ["", "", ""],
      ["", "", ""],
    ]);
    expect(wb.getValues("Sheet1", "E1")).toEqual([[""]]);
    expect(wb.usedAddress("Sheet1")).toBeNull();
  });

  test("the same data split into chunks under 5 MB goes through", async () => {
    const wb = new MemoryWorkbook();
    const rows = Array.from({ length: 60000 }, (_, i) => [
      `a fairly long description for row ${i}`,
      `${i}-reference-code-xyz`,
      i,
    ]);
    await wb.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      for (let start = 0; start < rows.length; start += 20000) {
        const chunk = rows.slice(start, start + 20000);
        sheet.getRangeByIndexes(start, 0, chunk.length, 3).values = chunk;
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per 20,000-row chunk, to stay under the 5 MB request limit
        await context.sync();
      }
    });
    expect(wb.syncCount).toBe(3);
    expect(wb.largestRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(wb.getValues("Sheet1", "A60000:C60000")).toEqual([rows[59999]]);
  });

  test("reading a property that was not loaded throws PropertyNotLoaded, with Excel's message", async () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "A1", [[5]]);
    await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      let caught: unknown;
      try {
        // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- reading before load/sync on purpose: the double must throw as Office.js does
        void r.values;
      } catch (e) {
        caught = e;
      }
      expect(caught).toMatchObject({ code: "PropertyNotLoaded" });
      expect((caught as Error).message).toContain("The property 'values' is not available");
      // Loaded but not yet synced: still not available.
      r.load("values");
      // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- reading before load/sync on purpose: the double must throw as Office.js does
      expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(r.values).toEqual([[5]]);
      // Another property of the same object is still not loaded.
      // eslint-disable-next-line office-addins/load-object-before-read -- reading before load/sync on purpose: the double must throw as Office.js does
      expect(() => r.formulas).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  test("a value set on a proxy is readable locally, as in Office.js", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      r.values = [[7]];
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- a value set on a proxy is readable before any sync, as in Office.js
      expect(r.values).toEqual([[7]]);
      await context.sync();
    });
  });

  test("writes and loads apply in queue order within one sync", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const r = sheet.getRange("A1");
      r.values = [[1]];
      const before = sheet.getRange("A1").load("values");
      r.values = [[2]];
      const after = sheet.getRange("A1").load("values");
      await context.sync();
      expect(before.values).toEqual([[1]]);
      expect(after.values).toEqual([[2]]);
    });
  });

  test("load accepts a string list, an array, {select} and a property bag, incl. navigation paths", async () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "A1:B1", [[1, "x"]]);
    await wb.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const a = sheet.getRange("A1:B1").load("values, address");
      const b = sheet.getRange("A1:B1").load(["rowCount", "columnCount"]);
      const c = sheet.getRange("A1:B1").load({ select: "formulas" });
      const d = sheet
        .getRange("A1:B1")
        .load({ numberFormat: true, format: { fill: { color: true } } });
      const e = sheet.getRange("A1").load("format/font/bold");
      await context.sync();
      expect(a.address).toBe("Sheet1!A1:B1");
      expect(a.values).toEqual([[1, "x"]]);
      expect([b.rowCount, b.columnCount]).toEqual([1, 2]);
      expect(c.formulas).toEqual([[1, "x"]]);
      expect(d.numberFormat).toEqual([["General", "General"]]);
      expect(d.format.fill.color).toBe("#FFFFFF");
      expect(e.format.font.bold).toBe(false);
      expect(a.toJSON()).toMatchObject({ values: [[1, "x"]], address: "Sheet1!A1:B1" });
    });
  });

  test("loading a property that does not exist fails at sync", async () => {
    const wb = new MemoryWorkbook();
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1").load("valuez");
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("methods returning primitives give ClientResults readable after sync", async () => {
    const wb = new MemoryWorkbook({ sheets: ["A", "B", "C"] });
    await wb.run(async (context) => {
      const count = context.workbook.worksheets.getCount();
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- reading before load/sync on purpose: the double must throw as Office.js does
      expect(() => count.value).toThrow(expect.objectContaining({ code: "ValueNotLoaded" }));
      await context.sync();
      // eslint-disable-next-line office-addins/load-object-before-read -- getCount gives a ClientResult, read after the sync (the rule takes .value for a property)
      expect(count.value).toBe(3);
    });
  });

  test("trackedObjects add/remove are accepted", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      context.trackedObjects.add(r);
      context.trackedObjects.remove(r);
      await context.sync();
    });
  });

  test("installExcelGlobals makes Excel.run use the workbook and restores the globals", async () => {
    const wb = new MemoryWorkbook();
    const restore = installExcelGlobals(wb);
    try {
      await Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("B2").values = [["via Excel.run"]];
        await context.sync();
      });
      expect(Excel.ChartType.columnClustered).toBe("ColumnClustered");
      expect(wb.getValues("Sheet1", "B2")).toEqual([["via Excel.run"]]);
    } finally {
      restore();
    }
    expect((globalThis as { Excel?: unknown }).Excel).toBeUndefined();
  });

  test("subscribers hear about every sync that changed something", async () => {
    const wb = new MemoryWorkbook();
    const seen: number[] = [];
    const unsubscribe = wb.subscribe((e) => seen.push(e.syncCount));
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      await context.sync();
      await context.sync(); // nothing queued: no change event
    });
    unsubscribe();
    wb.setCells("Sheet1", "A2", [[2]]);
    expect(seen).toEqual([1]);
  });
});
