import { MemoryWorkbook } from "../src/index";

/** Write formulas through the Excel API and read the computed values back through the API. */
async function evaluate(
  wb: MemoryWorkbook,
  sheet: string,
  address: string,
  formulas: unknown[][]
): Promise<unknown[][]> {
  return wb.run(async (context) => {
    const r = context.workbook.worksheets.getItem(sheet).getRange(address);
    r.formulas = formulas as never;
    r.load("values");
    await context.sync();
    return r.values;
  });
}

function data(): MemoryWorkbook {
  const wb = new MemoryWorkbook({ sheets: ["Data", "Bidder 1", "Summary"] });
  wb.setCells("Data", "A1:C6", [
    ["Name", "Region", "Amount"],
    ["Alpha", "North", 100],
    ["Beta", "South", 250],
    ["Gamma", "North", 250],
    ["Delta", "East", 50],
    ["Epsilon", "North", ""],
  ]);
  wb.setCells("Bidder 1", "A1:B2", [
    ["Quality", 70],
    ["Price", 30],
  ]);
  return wb;
}

describe("formula evaluation (HyperFormula)", () => {
  test("arithmetic, errors as Excel error strings, booleans, empty", async () => {
    const wb = data();
    const values = await evaluate(wb, "Summary", "A1:F1", [
      ["=1+2", "=1/0", '=VALUE("x")', "=NA()", "=1>0", "=Data!Z99"],
    ]);
    expect(values).toEqual([[3, "#DIV/0!", "#VALUE!", "#N/A", true, 0]]);
    expect(wb.getValues("Summary", "G1")).toEqual([[""]]);
  });

  test("TRUE and FALSE work as literals", async () => {
    const wb = data();
    expect(
      await evaluate(wb, "Summary", "A1:C1", [
        ["=IF(Data!C2>0,TRUE,FALSE)", "=AND(TRUE,FALSE)", "=OR(FALSE,TRUE)"],
      ])
    ).toEqual([[true, false, true]]);
  });

  test("formulas read back as text; values as numbers", async () => {
    const wb = data();
    await evaluate(wb, "Summary", "A1", [["=SUM(Data!C2:C6)"]]);
    expect(wb.getFormulas("Summary", "A1")).toEqual([["=SUM(Data!C2:C6)"]]);
    expect(wb.getValues("Summary", "A1")).toEqual([[650]]);
    expect(wb.getFormulas("Data", "C2")).toEqual([[100]]);
  });

  test("cross-sheet references with quoted sheet names", async () => {
    const wb = data();
    expect(
      await evaluate(wb, "Summary", "A1:B1", [
        ["='Bidder 1'!B1+'Bidder 1'!B2", "=SUM('Bidder 1'!B1:B2)*2"],
      ])
    ).toEqual([[100, 200]]);
  });

  test("COUNTIFS, SUMIFS, MAXIFS, MINIFS", async () => {
    const wb = data();
    expect(
      await evaluate(wb, "Summary", "A1:E1", [
        [
          '=COUNTIFS(Data!B2:B6,"North")',
          '=SUMIFS(Data!C2:C6,Data!B2:B6,"North")',
          '=COUNTIFS(Data!B2:B6,"North",Data!C2:C6,">=200")',
          '=MAXIFS(Data!C2:C6,Data!B2:B6,"North")',
          '=MINIFS(Data!C2:C6,Data!B2:B6,"North")',
        ],
      ])
    ).toEqual([[3, 350, 1, 250, 100]]);
  });

  test("SUMPRODUCT with array arithmetic", async () => {
    const wb = data();
    expect(
      await evaluate(wb, "Summary", "A1:B1", [
        ['=SUMPRODUCT((Data!B2:B6="North")*(Data!C2:C6))', "=SUMPRODUCT(Data!C2:C5,Data!C2:C5)"],
      ])
    ).toEqual([[350, 100 * 100 + 250 * 250 * 2 + 50 * 50]]);
  });

  test("IFERROR, INDEX/MATCH, MIN/MAX/AVERAGE, ROUND, ABS", async () => {
    const wb = data();
    expect(
      await evaluate(wb, "Summary", "A1:H1", [
        [
          "=IFERROR(1/0,-1)",
          '=INDEX(Data!C2:C6,MATCH("Gamma",Data!A2:A6,0))',
          "=MIN(Data!C2:C6)",
          "=MAX(Data!C2:C6)",
          "=AVERAGE(Data!C2:C6)",
          "=ROUND(2.345,2)",
          "=ROUND(-2.5,0)",
          "=ABS(-4)",
        ],
      ])
    ).toEqual([[-1, 250, 50, 250, 162.5, 2.35, -3, 4]]);
  });

  test("COUNTBLANK, COUNTA, ISBLANK, ISNUMBER, LEN, IFS", async () => {
    const wb = data();
    expect(
      await evaluate(wb, "Summary", "A1:F1", [
        [
          "=COUNTBLANK(Data!C2:C6)",
          "=COUNTA(Data!A1:A6)",
          "=ISBLANK(Data!C6)",
          "=ISNUMBER(Data!C2)",
          "=LEN(Data!A2)",
          '=IFS(Data!C2>200,"high",Data!C2>50,"mid",TRUE,"low")',
        ],
      ])
    ).toEqual([[1, 6, true, true, 5, "mid"]]);
  });

  test("TEXT with Excel formats", async () => {
    const wb = data();
    expect(
      await evaluate(wb, "Summary", "A1:D1", [
        [
          '=TEXT(0.456,"0.0%")',
          '=TEXT(1234.5,"£#,##0.00")',
          '=TEXT(45292,"dd/mm/yyyy")',
          '=TEXT(3,"0")',
        ],
      ])
    ).toEqual([["45.6%", "£1,234.50", "01/01/2024", "3"]]);
  });

  test("RANK.EQ and RANK: descending by default, ascending with order 1, ties share the best rank", async () => {
    const wb = data();
    // Amounts: 100, 250, 250, 50, blank.
    expect(
      await evaluate(wb, "Summary", "A1:F1", [
        [
          "=RANK.EQ(Data!C2,Data!$C$2:$C$6)",
          "=RANK.EQ(Data!C3,Data!$C$2:$C$6)",
          "=RANK.EQ(Data!C4,Data!$C$2:$C$6)",
          "=RANK.EQ(Data!C5,Data!$C$2:$C$6)",
          "=RANK(Data!C5,Data!$C$2:$C$6,1)",
          "=RANK.EQ(999,Data!$C$2:$C$6)",
        ],
      ])
    ).toEqual([[3, 1, 1, 4, 1, "#N/A"]]);
    expect(await evaluate(wb, "Summary", "A2", [["=RANK.AVG(Data!C3,Data!$C$2:$C$6)"]])).toEqual([
      [1.5],
    ]);
  });

  test("dates follow Excel's serial numbers", async () => {
    const wb = data();
    expect(
      await evaluate(wb, "Summary", "A1:C1", [
        ["=DATE(2024,1,1)", "=YEAR(45292)", "=DATE(1900,3,1)"],
      ])
    ).toEqual([[45292, 2024, 61]]);
  });

  test("an unknown function shows #NAME? and is listed by formulaErrors(), as is a parse error", async () => {
    const wb = data();
    const values = await evaluate(wb, "Summary", "A1:C1", [
      ["=NOSUCHFUNCTION(1)", "=1+", "=LET(x,1,x+1)"],
    ]);
    expect(values[0][0]).toBe("#NAME?");
    expect(values[0][1]).toBe("#NAME?");
    const problems = wb.formulaErrors();
    expect(problems.map((p) => p.address)).toEqual(
      expect.arrayContaining(["Summary!A1", "Summary!B1"])
    );
    expect(problems.find((p) => p.address === "Summary!A1")).toMatchObject({
      formula: "=NOSUCHFUNCTION(1)",
      error: "#NAME?",
    });
    expect(problems.find((p) => p.address === "Summary!B1")).toMatchObject({ error: "#PARSE!" });
  });

  test("a workbook of good formulas has no formula errors", async () => {
    const wb = data();
    await evaluate(wb, "Summary", "A1:B1", [["=SUM(Data!C2:C6)", "='Bidder 1'!B1"]]);
    expect(wb.formulaErrors()).toEqual([]);
  });

  test("recalculates when inputs change, through the API and through setCells", async () => {
    const wb = data();
    await evaluate(wb, "Summary", "A1", [["=SUM(Data!C2:C6)"]]);
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Data").getRange("C2").values = [[1000]];
      await context.sync();
    });
    expect(wb.getValues("Summary", "A1")).toEqual([[1550]]);
    wb.setCells("Data", "C3", [[0]]);
    expect(wb.getValues("Summary", "A1")).toEqual([[1300]]);
  });

  test("renaming a sheet keeps formulas pointing at it, and their text follows", async () => {
    const wb = data();
    await evaluate(wb, "Summary", "A1", [["='Bidder 1'!B1*2"]]);
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Bidder 1").name = "Panel A";
      await context.sync();
    });
    expect(wb.getValues("Summary", "A1")).toEqual([[140]]);
    expect(String(wb.getFormulas("Summary", "A1")[0][0])).toContain("Panel A");
    wb.setCells("Panel A", "B1", [[10]]);
    expect(wb.getValues("Summary", "A1")).toEqual([[20]]);
  });

  test("deleting a sheet turns references to it into #REF!", async () => {
    const wb = data();
    await evaluate(wb, "Summary", "A1", [["='Bidder 1'!B1"]]);
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Bidder 1").delete();
      await context.sync();
    });
    expect(wb.getValues("Summary", "A1")).toEqual([["#REF!"]]);
  });

  test("values set with a leading = become formulas; text format (@) keeps them as text", async () => {
    const wb = data();
    await wb.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Summary");
      s.getRange("A1").values = [["=2*3"]];
      s.getRange("B1").numberFormat = [["@"]];
      s.getRange("B1").values = [["=2*3"]];
      s.getRange("C1").values = [["'=2*3"]];
      s.getRange("D1").values = [["-Minus"]];
      await context.sync();
    });
    expect(wb.getValues("Summary", "A1:C1")).toEqual([[6, "=2*3", "=2*3"]]);
    // A leading minus is read as a formula by Excel: text like "-Minus" turns into an error.
    expect(wb.getValues("Summary", "D1")).toEqual([["#NAME?"]]);
    expect(wb.formulaErrors().some((p) => p.address === "Summary!D1")).toBe(true);
  });

  test("numeric and boolean strings are converted as Excel does; text stays text", async () => {
    const wb = data();
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Summary").getRange("A1:E1").values = [
        ["42", "1,250.5", "TRUE", "12%", "0123abc"],
      ];
      await context.sync();
    });
    expect(wb.getValues("Summary", "A1:E1")).toEqual([[42, 1250.5, true, 0.12, "0123abc"]]);
  });

  test("named ranges work in formulas", async () => {
    const wb = data();
    await wb.run(async (context) => {
      context.workbook.names.add(
        "Amounts",
        context.workbook.worksheets.getItem("Data").getRange("C2:C6")
      );
      await context.sync();
    });
    expect(await evaluate(wb, "Summary", "A1", [["=SUM(Amounts)"]])).toEqual([[650]]);
  });
});

describe("calculateFormula (for previews of conditional-format rules)", () => {
  test("evaluates without writing, on the given sheet", () => {
    const wb = data();
    expect(wb.calculateFormula("Data", "=C2*2")).toBe(200);
    expect(wb.calculateFormula("Summary", "='Bidder 1'!B1>50")).toBe(true);
    expect(wb.calculateFormula("Data", "=NOPE()")).toBe("#NAME?");
    expect(wb.usedAddress("Summary")).toBeNull();
  });
});

describe("precision", () => {
  test("results keep Excel's 15 significant digits (large sums keep their pence)", async () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "A1:B1", [[12345678901.23, 0.01]]);
    expect(
      await evaluate(wb, "Sheet1", "C1:E1", [["=A1+B1", "=0.1+0.2", "=SUM(A1:B1)*100"]])
    ).toEqual([[12345678901.24, 0.3, 1234567890124]]);
  });
});
