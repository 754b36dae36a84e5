/**
 * Custom functions in the double's grid, called with Excel's convention (customFunctions.ts):
 * matrix parameters as 2-D arrays, omitted optional arguments as null, error values passed only
 * when the metadata allows them, results spilling right and down, #SPILL! when blocked, and the
 * spill following its inputs when they change.
 */
import { MemoryWorkbook, type CustomFunctionsMetadata } from "../src";

type Fn = (...args: unknown[]) => unknown;

function metadata(allowErrors: boolean): CustomFunctionsMetadata {
  return {
    allowErrorForDataTypeAny: allowErrors,
    functions: [
      {
        id: "ECHO",
        parameters: [
          { name: "cells", type: "any", dimensionality: "matrix" },
          { name: "extra", type: "any", optional: true },
        ],
        result: { dimensionality: "matrix" },
      },
      {
        id: "DOUBLE",
        parameters: [{ name: "values", type: "any", dimensionality: "matrix" }],
        result: { dimensionality: "matrix" },
      },
      { id: "ONE", parameters: [{ name: "x", type: "number" }], result: { type: "number" } },
    ],
  };
}

/** Functions that record what they were called with. */
function implementations(calls: unknown[][]): Record<string, Fn> {
  return {
    ECHO: (cells, extra) => {
      calls.push([cells, extra]);
      return [[JSON.stringify(cells), extra === null ? "null" : JSON.stringify(extra)]];
    },
    // Each non-blank row doubled; rows up to the last non-blank one, as the FUNDING functions trim.
    DOUBLE: (values) => {
      const rows = values as unknown[][];
      let end = rows.length;
      while (end > 1 && (rows[end - 1][0] === null || rows[end - 1][0] === "")) end--;
      return rows
        .slice(0, end)
        .map((r) =>
          typeof r[0] === "number"
            ? [r[0] * 2, "ok"]
            : [{ code: "#VALUE!", message: `not a number: ${String(r[0])}` }, "no"]
        );
    },
    ONE: (x) => (typeof x === "number" ? x + 1 : { code: "#N/A", message: "no number" }),
  };
}

function workbook(allowErrors = true) {
  const wb = new MemoryWorkbook();
  const calls: unknown[][] = [];
  const names = wb.registerCustomFunctions(metadata(allowErrors), implementations(calls), {
    namespace: "TEST",
  });
  return { wb, calls, names };
}

describe("custom functions called as Excel calls them", () => {
  test("registers NAMESPACE.ID names; an unregistered function shows #NAME?", () => {
    const { wb, names } = workbook();
    expect(names).toEqual(["TEST.ECHO", "TEST.DOUBLE", "TEST.ONE"]);
    wb.setCells("Sheet1", "A1", "=TEST.NOPE(1)");
    expect(wb.getValues("Sheet1", "A1")).toEqual([["#NAME?"]]);
    // Another workbook without the functions does not know them either.
    const other = new MemoryWorkbook();
    other.setCells("Sheet1", "A1", "=TEST.ONE(1)");
    expect(other.getValues("Sheet1", "A1")).toEqual([["#NAME?"]]);
  });

  test("a matrix parameter gets a 2-D array (also for one cell or a constant); blanks arrive as null; an omitted optional argument as null", () => {
    const { wb, calls } = workbook();
    wb.setCells("Sheet1", "A1:B2", [
      [1, "x"],
      [true, ""],
    ]);
    wb.setCells("Sheet1", "D1:D3", [
      ["=TEST.ECHO(A1:B2)"],
      ["=TEST.ECHO(A1,)"],
      ["=TEST.ECHO(5, A2)"],
    ]);
    expect(wb.getValues("Sheet1", "D1:E3")).toEqual([
      ['[[1,"x"],[true,null]]', "null"],
      ["[[1]]", "null"],
      ["[[5]]", "true"],
    ]);
    expect(calls.some(([, extra]) => extra === undefined)).toBe(false);
    // Too many arguments: Excel refuses the formula; the double shows #VALUE! without calling.
    const before = calls.length;
    wb.setCells("Sheet1", "D4", "=TEST.ECHO(A1,1,2)");
    expect(wb.getValues("Sheet1", "D4")).toEqual([["#VALUE!"]]);
    expect(calls.length).toBe(before);
  });

  test("with allowErrorForDataTypeAny an error cell arrives as an error object; without it the result is the error", () => {
    const allowed = workbook(true);
    allowed.wb.setCells("Sheet1", "A1:A2", [["=1/0"], [2]]);
    allowed.wb.setCells("Sheet1", "C1", "=TEST.ECHO(A1:A2)");
    const received = allowed.calls[allowed.calls.length - 1][0] as unknown[][];
    expect(received[0][0]).toMatchObject({ code: "#DIV/0!" });
    expect(received[1][0]).toBe(2);

    const refused = workbook(false);
    refused.wb.setCells("Sheet1", "A1:A2", [["=NA()"], [2]]);
    refused.wb.setCells("Sheet1", "C1", "=TEST.ECHO(A1:A2)");
    expect(refused.wb.getValues("Sheet1", "C1")).toEqual([["#N/A"]]);
    expect(refused.calls).toEqual([]);
  });

  test("a parameter typed number does not receive errors even with the flag", () => {
    const { wb } = workbook(true);
    wb.setCells("Sheet1", "A1:B1", [["=1/0", "=TEST.ONE(A1)"]]);
    expect(wb.getValues("Sheet1", "B1")).toEqual([["#DIV/0!"]]);
  });

  test("a 2-D result spills right and down; an error object in it is that cell's error, with its message", () => {
    const { wb } = workbook();
    wb.setCells("Sheet1", "A1:A3", [[1], ["x"], [3]]);
    wb.setCells("Sheet1", "C1", "=TEST.DOUBLE(A1:A3)");
    expect(wb.getValues("Sheet1", "C1:D3")).toEqual([
      [2, "ok"],
      ["#VALUE!", "no"],
      [6, "ok"],
    ]);
    expect(wb.errorMessage("Sheet1", "C2")).toBe("not a number: x");
    // Spilled cells are used cells, as in Excel's used range.
    expect(wb.usedAddress("Sheet1", true)).toBe("Sheet1!A1:D3");
    // Other formulas read the spilled cells.
    wb.setCells("Sheet1", "F1:F2", [["=C1+C3"], ["=SUM(C1:C3)"]]);
    // As in Excel, SUM over a range holding an error is that error.
    expect(wb.getValues("Sheet1", "F1:F2")).toEqual([[8], ["#VALUE!"]]);
    // Inside another function the whole result is that function's argument: no spill.
    wb.setCells("Sheet1", "F3", '=COUNTIF(TEST.DOUBLE(A1:A3),"ok")');
    expect(wb.getValues("Sheet1", "F3:F4")).toEqual([[2], [""]]);
  });

  test("changing an input recomputes the spill, which grows and shrinks with the result", () => {
    const { wb } = workbook();
    wb.setCells("Sheet1", "A1:A2", [[1], [2]]);
    wb.setCells("Sheet1", "C1", "=TEST.DOUBLE(A1:A10)");
    wb.setCells("Sheet1", "F1", "=COUNT(C1:C10)");
    expect(wb.getValues("Sheet1", "C1:C3")).toEqual([[2], [4], [""]]);
    wb.setCells("Sheet1", "A3", 10);
    expect(wb.getValues("Sheet1", "C1:C4")).toEqual([[2], [4], [20], [""]]);
    expect(wb.getValues("Sheet1", "F1")).toEqual([[3]]);
    wb.setCells("Sheet1", "A2:A3", [[""], [""]]);
    expect(wb.getValues("Sheet1", "C1:C3")).toEqual([[2], [""], [""]]);
    expect(wb.getValues("Sheet1", "F1")).toEqual([[1]]);
  });

  test("a blocked spill shows #SPILL! and spills once the blocking cell is cleared", () => {
    const { wb } = workbook();
    wb.setCells("Sheet1", "A1:A3", [[1], [2], [3]]);
    wb.setCells("Sheet1", "C3", "in the way");
    wb.setCells("Sheet1", "C1", "=TEST.DOUBLE(A1:A3)");
    expect(wb.getValues("Sheet1", "C1")).toEqual([["#SPILL!"]]);
    wb.setCells("Sheet1", "C3", "");
    expect(wb.getValues("Sheet1", "C1:C3")).toEqual([[2], [4], [6]]);
    // Typing into the spill area blocks it again.
    wb.setCells("Sheet1", "D2", "x");
    expect(wb.getValues("Sheet1", "C1")).toEqual([["#SPILL!"]]);
  });

  test("a thrown exception is #VALUE!; a Promise shows the value once it settles", async () => {
    const wb = new MemoryWorkbook();
    let resolve: (v: unknown) => void = () => undefined;
    wb.registerCustomFunctions(
      {
        functions: [
          { id: "BOOM", parameters: [] },
          { id: "LATER", parameters: [] },
        ],
      },
      {
        BOOM: () => {
          throw new Error("boom");
        },
        LATER: () => new Promise((r) => (resolve = r)),
      },
      { namespace: "T" }
    );
    wb.setCells("Sheet1", "A1:B1", [["=T.BOOM()", "=T.LATER()"]]);
    expect(wb.getValues("Sheet1", "A1")).toEqual([["#VALUE!"]]);
    expect(wb.getValues("Sheet1", "B1")).toEqual([["#N/A"]]);
    const changed = new Promise<void>((done) => {
      const stop = wb.subscribe(() => {
        stop();
        done();
      });
    });
    resolve([[7], [8]]);
    await changed;
    expect(wb.getValues("Sheet1", "B1:B2")).toEqual([[7], [8]]);
  });

  test("Application.calculate('Full') calls the functions again; 'Recalculate' does not", async () => {
    const wb = new MemoryWorkbook();
    let factor = 2;
    wb.registerCustomFunctions(
      { functions: [{ id: "TIMES", parameters: [{ name: "x", type: "any" }] }] },
      { TIMES: (x) => (x as number) * factor },
      { namespace: "T" }
    );
    wb.setCells("Sheet1", "A1:B1", [[5, "=T.TIMES(A1)"]]);
    expect(wb.getValues("Sheet1", "B1")).toEqual([[10]]);
    factor = 3;
    const calculate = (type: string) =>
      wb.run(async (context) => {
        context.workbook.application.calculate(type as Excel.CalculationType);
        await context.sync();
      });
    await calculate("Recalculate");
    expect(wb.getValues("Sheet1", "B1")).toEqual([[10]]);
    await calculate("Full");
    expect(wb.getValues("Sheet1", "B1")).toEqual([[15]]);
  });

  test("functions registered after formulas were written calculate those formulas", () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "A1:B1", [[4, "=TEST.ONE(A1)"]]);
    expect(wb.getValues("Sheet1", "B1")).toEqual([["#NAME?"]]);
    wb.registerCustomFunctions(metadata(true), implementations([]), { namespace: "TEST" });
    expect(wb.getValues("Sheet1", "B1")).toEqual([[5]]);
  });
});
