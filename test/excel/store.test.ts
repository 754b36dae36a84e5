import { z } from "zod";
import { MemoryWorkbook } from "../../packages/excel-double/src";
import {
  parseStored,
  queueRead,
  queueWrite,
  readStore,
  storeEntries,
  storeEntry,
} from "../../src/excel/store";
import "../../src/excel/settings";
import "../../src/excel/register";
import "../../src/excel/evaluation";
import "../../src/excel/costRecovery";

const NOTE = storeEntry(
  "FundingToolkit.test.note",
  z.object({ text: z.string(), count: z.number().int() }),
  "a test note"
);

describe("the workbook store", () => {
  test("a record written is read back through its schema (one sync each way)", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      queueWrite(context, NOTE, { text: 'Say "hi"', count: 2 });
      await context.sync();
    });
    expect(await wb.run((context) => readStore(context, NOTE))).toEqual({
      text: 'Say "hi"',
      count: 2,
    });
    expect(wb.syncCount).toBe(2);
  });

  test("several reads share one sync", async () => {
    const wb = new MemoryWorkbook();
    const OTHER = storeEntry("FundingToolkit.test.other", z.array(z.string()), "a list");
    const [a, b] = await wb.run(async (context) => {
      const reads = [queueRead(context, NOTE), queueRead(context, OTHER)];
      await context.sync();
      return reads.map((r) => r.value());
    });
    expect([a, b]).toEqual([null, null]);
    expect(wb.syncCount).toBe(1);
  });

  test("a record that is missing, not JSON or of another shape reads as absent, never as a cast", () => {
    expect(parseStored(NOTE, undefined)).toBeNull();
    expect(parseStored(NOTE, "{not json")).toBeNull();
    expect(parseStored(NOTE, JSON.stringify({ text: 3, count: 1 }))).toBeNull();
    expect(parseStored(NOTE, JSON.stringify({ text: "x", count: 1.5 }))).toBeNull();
    // Some hosts hand back the object rather than its JSON text.
    expect(parseStored(NOTE, { text: "x", count: 1 })).toEqual({ text: "x", count: 1 });
  });

  test("writing a value the schema refuses throws before anything is queued", async () => {
    const wb = new MemoryWorkbook();
    await expect(
      wb.run(async (context) =>
        queueWrite(context, NOTE, { text: "x", count: 0.5 } as unknown as {
          text: string;
          count: number;
        })
      )
    ).rejects.toThrow();
    expect(wb.getSettings()).toEqual({});
  });

  test("every entry the add-in declares has its own key under FundingToolkit.", () => {
    const keys = storeEntries().map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(["FundingToolkit.settings"]));
    for (const k of keys) expect(k.startsWith("FundingToolkit.")).toBe(true);
    expect(() => storeEntry("FundingToolkit.settings", z.unknown(), "again")).toThrow(
      /Two store entries/
    );
    expect(() => storeEntry("Other.key", z.unknown(), "foreign")).toThrow(/start with/);
  });
});
