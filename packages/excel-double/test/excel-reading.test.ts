/**
 * Where the double used to be more permissive than Excel (issue 11), now corrected (typed.ts):
 * string constants over 255 characters are refused, text written as a value that Excel reads as a
 * date becomes a date (unless the cell is formatted as text), and doubled quotes in a string
 * constant are one quote.
 */
import * as fc from "fast-check";
import { MemoryWorkbook } from "../src";
import { dateSerial, fromEngineFormula, parseTypedDate, toEngineFormula } from "../src/typed";

async function write(
  wb: MemoryWorkbook,
  address: string,
  prop: "values" | "formulas",
  value: unknown[][]
): Promise<void> {
  await wb.run(async (context) => {
    context.workbook.worksheets.getItem("Sheet1").getRange(address)[prop] = value as never;
    await context.sync();
  });
}

describe("a string constant over 255 characters in a formula", () => {
  const long = "x".repeat(256);

  test.each(["formulas", "values"] as const)(
    "is refused by range.%s with InvalidArgument, and the cell keeps what it had",
    async (prop) => {
      const wb = new MemoryWorkbook();
      wb.setCells("Sheet1", "A1", "before");
      await expect(write(wb, "A1", prop, [[`="${long}"`]])).rejects.toMatchObject({
        code: "InvalidArgument",
        message: expect.stringMatching(/limited to 255 characters/),
      });
      expect(wb.getValues("Sheet1", "A1")).toEqual([["before"]]);
    }
  );

  test("inside a SUMIFS criterion too; 255 characters exactly is accepted", async () => {
    const wb = new MemoryWorkbook();
    await expect(
      write(wb, "B1", "formulas", [[`=SUMIFS(C:C,A:A,"${long}")`]])
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    const ok = "y".repeat(255);
    wb.setCells("Sheet1", "A1:A2", [[ok], [5]]);
    await write(wb, "B1", "formulas", [[`=IF(A1="${ok}",A2,0)`]]);
    expect(wb.getValues("Sheet1", "B1")).toEqual([[5]]);
  });

  test("doubled quotes count as one character, and a long text in a cell is fine", async () => {
    const wb = new MemoryWorkbook();
    // 254 x and one quote written "" = 255 characters.
    await write(wb, "A1", "formulas", [[`="${"x".repeat(254)}"""`]]);
    expect(String(wb.getValues("Sheet1", "A1")[0][0]).length).toBe(255);
    await write(wb, "A2", "values", [[long]]);
    await write(wb, "A3", "formulas", [["=LEN(A2)"]]);
    expect(wb.getValues("Sheet1", "A2:A3")).toEqual([[long], [256]]);
  });
});

describe("text written as a value is read as Excel reads typed text", () => {
  const year = new Date().getFullYear();

  test("ratios such as 10/90 and 1/2 become dates with a date format (en-GB)", async () => {
    const wb = new MemoryWorkbook();
    await write(wb, "A1:A5", "values", [["10/90"], ["1/2"], ["01/04/2024"], ["80/20"], ["50/50"]]);
    expect(wb.getValues("Sheet1", "A1:A5")).toEqual([
      [dateSerial(1990, 10, 1)],
      [dateSerial(year, 2, 1)],
      [dateSerial(2024, 4, 1)],
      // Not a day and month, nor a month and year: text.
      ["80/20"],
      ["50/50"],
    ]);
    expect(wb.getNumberFormats("Sheet1", "A1:A4")).toEqual([
      ["mmm-yy"],
      ["dd-mmm"],
      ["dd/mm/yyyy"],
      ["General"],
    ]);
    expect(wb.getText("Sheet1", "A1:A3")).toEqual([["Oct-90"], ["01-Feb"], ["01/04/2024"]]);
    // The serial is what Excel's own DATE gives.
    await write(wb, "B1:B2", "formulas", [["=DATE(1990,10,1)"], [`=DATE(${year},2,1)`]]);
    expect(wb.getValues("Sheet1", "B1:B2")).toEqual(wb.getValues("Sheet1", "A1:A2"));
  });

  test("in en-US, 1/2 is 2 January", async () => {
    const wb = new MemoryWorkbook({ locale: "en-US" });
    await write(wb, "A1", "values", [["1/2"]]);
    expect(wb.getValues("Sheet1", "A1")).toEqual([[dateSerial(year, 1, 2)]]);
  });

  test("a cell formatted as text keeps 10/90, 007 and TRUE as text; General converts them", async () => {
    const wb = new MemoryWorkbook();
    wb.setNumberFormats("Sheet1", "A1:A3", "@");
    await write(wb, "A1:B3", "values", [
      ["10/90", "10/90"],
      ["007", "007"],
      ["TRUE", "TRUE"],
    ]);
    expect(wb.getValues("Sheet1", "A1:B3")).toEqual([
      ["10/90", dateSerial(1990, 10, 1)],
      ["007", 7],
      ["TRUE", true],
    ]);
    expect(wb.getNumberFormats("Sheet1", "A1")).toEqual([["@"]]);
  });

  test("a leading apostrophe keeps the text; a cell already formatted as a date keeps its format", async () => {
    const wb = new MemoryWorkbook();
    wb.setNumberFormats("Sheet1", "B1", "d mmmm yyyy");
    await write(wb, "A1:B1", "values", [["'10/90", "1/2/2025"]]);
    expect(wb.getValues("Sheet1", "A1:B1")).toEqual([["10/90", dateSerial(2025, 2, 1)]]);
    expect(wb.getText("Sheet1", "B1")).toEqual([["1 February 2025"]]);
  });

  test("times and month names are read too; impossible dates stay text", () => {
    expect(parseTypedDate("10:30")).toEqual({ serial: 10.5 / 24, format: "h:mm" });
    expect(parseTypedDate("1 Feb 2024")?.serial).toBe(dateSerial(2024, 2, 1));
    expect(parseTypedDate("Feb 2024")?.serial).toBe(dateSerial(2024, 2, 1));
    expect(parseTypedDate("2024-04-01")?.serial).toBe(dateSerial(2024, 4, 1));
    for (const text of ["31/2/2024", "13/13", "0/100", "25:00", "12/345", "Flat 3", "1/2/3/4"])
      expect(parseTypedDate(text)).toBeNull();
  });

  test("every day/month of a year typed d/m/yyyy reads back as that date (property)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(1901, 0, 1), max: new Date(2099, 11, 31), noInvalidDate: true }),
        (d) => {
          const y = d.getFullYear();
          const m = d.getMonth() + 1;
          const day = d.getDate();
          const parsed = parseTypedDate(`${day}/${m}/${y}`);
          expect(parsed?.serial).toBe(dateSerial(y, m, day));
        }
      )
    );
  });
});

describe("doubled quotes inside a string constant", () => {
  test('="Say ""hi""" shows Say "hi", as Excel does, and no formula error is reported', async () => {
    const wb = new MemoryWorkbook();
    await write(wb, "A1:A4", "formulas", [
      ['="Say ""hi"""'],
      ['=LEN("a""b")'],
      ['=""""'],
      ['=IF(B1="say ""yes""",1,0)'],
    ]);
    wb.setCells("Sheet1", "B1", 'say "yes"');
    expect(wb.getValues("Sheet1", "A1:A4")).toEqual([['Say "hi"'], [3], ['"'], [1]]);
    expect(wb.formulaErrors()).toEqual([]);
    // The formula reads back as written.
    expect(wb.getFormulas("Sheet1", "A1")).toEqual([['="Say ""hi"""']]);
  });

  test("a sheet rename keeps the formula text as written", async () => {
    const wb = new MemoryWorkbook({ sheets: ["Sheet1", "Data"] });
    wb.setCells("Data", "A1", 'x"y');
    await write(wb, "A1", "formulas", [['=IF(Data!A1="x""y","same","different")']]);
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Data").name = "Figures";
      await context.sync();
    });
    expect(wb.getFormulas("Sheet1", "A1")).toEqual([['=IF(Figures!A1="x""y","same","different")']]);
    expect(wb.getValues("Sheet1", "A1")).toEqual([["same"]]);
  });

  test("the engine's spelling round-trips for any text (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const formula = `=LEN("${text.replace(/"/g, '""')}")`;
        expect(fromEngineFormula(toEngineFormula(formula))).toBe(formula);
      })
    );
  });
});
