/**
 * The result columns written onto the user's own register sheet are sized to what they show
 * ("Commissioned service", not "Commi..."), while the user's own columns keep their widths --
 * the owned write never resizes a sheet the add-in did not create, except its own columns.
 */
import { MemoryWorkbook } from "../../packages/excel-double/src";
import { classifyRegister, findRegister } from "../../src/excel/register";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";
import { OUTPUT_HEADERS } from "../../src/domain/classification/register";

const HEADERS = [
  "Identifier",
  "Title",
  "Annual value (£)",
  "Recipient Org:Name",
  "Funding Org:Name",
  "Outputs specified",
  "Recipient tier",
  "Current label",
];
const ROWS = [
  ["G-1", "Lunch club", 4000, "Oak Lunch Club", "Wiltshire Council", "no", "frontline", "grant"],
  ["G-2", "Carers", 75000, "Carers Trust", "Wiltshire PCT", "yes", "frontline", "grant"],
];

async function classifyOnce(wb: MemoryWorkbook) {
  const found = await wb.run((context) => findRegister(context));
  if (!found.ok) throw new Error(found.message);
  const info = found.info;
  const r = await wb.run((context) =>
    classifyRegister(context, info, {
      mapping: info.mapping,
      inferOutputs: info.inferOutputs,
      groupBy: info.groupBy,
      settings: DEFAULT_SETTINGS,
    })
  );
  if (r.status !== "done") throw new Error(`expected done, got ${r.status}`);
  return r;
}

describe("result columns on the user's register sheet", () => {
  test("are as wide as what they show; the user's own column widths are left as they were", async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet("My grants");
    wb.setCells("My grants", "A1:H3", [HEADERS, ...ROWS]);
    await wb.run(async (context) => {
      // The user's own width for Title (column B).
      context.workbook.worksheets.getItem("My grants").getRange("B:B").format.columnWidth = 33;
      await context.sync();
    });
    wb.select("My grants", "B2");
    const standard = wb.getColumnWidth("My grants", "C");
    await classifyOnce(wb);

    // Results are in I:Q (Mode ... Notes).
    expect(wb.getValues("My grants", "I1:Q1")[0]).toEqual([...OUTPUT_HEADERS]);
    expect(wb.getValues("My grants", "J3")[0][0]).toBe("Commissioned service");
    const widths = ["I", "J", "K", "L", "M", "N", "O", "P", "Q"].map((c) =>
      wb.getColumnWidth("My grants", c)
    );
    for (const w of widths) expect(w).toBeGreaterThan(standard);
    // "Commissioned service" (20 characters at about 5.6 points each) fits in Funding type.
    expect(widths[1]).toBeGreaterThanOrEqual(20 * 5.6);
    // The user's columns are untouched.
    expect(wb.getColumnWidth("My grants", "B")).toBe(33);
    expect(wb.getColumnWidth("My grants", "C")).toBe(standard);

    // A rerun sizes them the same way (no drift) and still leaves the user's columns alone.
    await classifyOnce(wb);
    expect(
      ["I", "J", "K", "L", "M", "N", "O", "P", "Q"].map((c) => wb.getColumnWidth("My grants", c))
    ).toEqual(widths);
    expect(wb.getColumnWidth("My grants", "B")).toBe(33);
  });
});
