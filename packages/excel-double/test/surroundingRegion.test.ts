import { MemoryWorkbook } from "../src/index";

async function region(wb: MemoryWorkbook, sheet: string, cell: string): Promise<string> {
  return wb.run(async (context) => {
    const r = context.workbook.worksheets.getItem(sheet).getRange(cell).getSurroundingRegion();
    r.load("address");
    await context.sync();
    return r.address;
  });
}

describe("getSurroundingRegion (Excel's current region)", () => {
  test("grows through rows, then columns touching the grown rows (diagonals included)", async () => {
    const wb = new MemoryWorkbook({ sheets: ["S"] });
    wb.setCells("S", "B2:C4", [
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    wb.setCells("S", "D5", [[7]]); // diagonal to C4: joins
    wb.setCells("S", "E1", [[8]]); // diagonal to D2? no: D2 is empty, but E1 touches D1:D6 only once D joins
    expect(await region(wb, "S", "B2")).toBe("S!B1:E5");
  });

  test("a 100,000-row register is found in one pass (rows grow as far as they go)", async () => {
    const wb = new MemoryWorkbook({ sheets: ["S"] });
    const rows = Array.from({ length: 100000 }, (_, i) => [`r${i}`, i]);
    wb.setCells("S", "A1:B100000", rows);
    wb.setCells("S", "C100001", [["tail"]]);
    expect(await region(wb, "S", "A5")).toBe("S!A1:C100001");
  });
});
