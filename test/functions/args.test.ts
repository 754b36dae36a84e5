import fc from "fast-check";
import {
  asGrid,
  fastAmount,
  fastPence,
  readAmount,
  columnsOf,
  flatten,
  listProblem,
  mapRows,
  readRow,
  rowsOf,
  usedGridRows,
  usedLength,
  usedRows,
  type Cell,
} from "../../src/functions/args";
import { parseAmount, parseNumber, parseYesNo } from "../../src/domain/kernel/parse";
import { fail, ok } from "../../src/domain/kernel/result";

describe("argument conventions", () => {
  test("scalars, omitted arguments and ranges become grids", () => {
    expect(asGrid(5)).toEqual([[5]]);
    expect(asGrid(null)).toBeNull();
    expect(asGrid([[1], [2]])).toEqual([[1], [2]]);
    expect(
      flatten([
        [1, 2],
        [3, 4],
      ])
    ).toEqual([1, 2, 3, 4]);
  });

  test("columns of the same height go row by row; single cells apply to every row", () => {
    const out = mapRows({ a: [[1], [2], [3]], b: 10 }, 1, (row) =>
      ok([(row.a as number) + (row.b as number)])
    );
    expect(out).toEqual([[11], [12], [13]]);
  });

  test("a bad row gives #VALUE! with the message in each of its cells; the others still compute", () => {
    const out = mapRows({ a: [[1], ["x"], [3]] }, 2, (row) =>
      typeof row.a === "number" ? ok([row.a, row.a * 2]) : fail("a", "a must be a number")
    );
    expect(out[0]).toEqual([1, 2]);
    expect(out[2]).toEqual([3, 6]);
    expect(out[1]).toHaveLength(2);
    for (const cell of out[1]) {
      expect(cell).toBeInstanceOf(CustomFunctions.Error);
      expect((cell as CustomFunctions.Error).code).toBe("#VALUE!");
      expect((cell as CustomFunctions.Error).message).toBe("a must be a number");
    }
  });

  test("ranges of different heights, or more than one column, are refused naming the argument", () => {
    expect(rowsOf({ a: [[1], [2]], b: [[1], [2], [3]] })).toMatchObject({
      ok: false,
      problem: { field: "b" },
    });
    expect(
      rowsOf({
        a: [
          [1, 2],
          [3, 4],
        ],
      })
    ).toMatchObject({ ok: false, problem: { field: "a" } });
    const out = mapRows({ a: [[1], [2]], b: [[1], [2], [3]] }, 3, () => ok([1, 2, 3]));
    expect(out).toHaveLength(1);
    expect((out[0][0] as CustomFunctions.Error).message).toMatch(/b has 3 rows but a has 2/);
  });

  test("an exception or a non-finite number in one row becomes #VALUE! in that row only", () => {
    const out = mapRows({ a: [[0], [1], [2]] }, 1, (row) => {
      if (row.a === 0) throw new Error("boom");
      return ok([1 / ((row.a as number) - 1)]);
    });
    expect((out[0][0] as CustomFunctions.Error).message).toMatch(/boom/);
    expect(out[1][0]).toBeInstanceOf(CustomFunctions.Error);
    expect(out[2]).toEqual([1]);
  });

  test("na problems become #N/A", () => {
    const out = mapRows({ a: 1 }, 1, () => fail("score", "not scored yet", "na"));
    expect((out[0][0] as CustomFunctions.Error).code).toBe("#N/A");
  });
});

describe("trailing empty rows and error cells", () => {
  const na = new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable);

  test('usedRows: up to the last row where some column argument is not blank, "" or 0; 0 when none', () => {
    const col = (...v: Cell[]) => v.map((x) => [x]);
    expect(usedRows([col(1, 2, null, "", 0), col(null, null, null, null, null)], 5)).toBe(2);
    expect(usedRows([col(1, null, 3), [["single"]], null], 3)).toBe(3);
    expect(usedRows([col(null, 0, "  ")], 3)).toBe(0);
    // Only single cells: one row, whatever they hold.
    expect(usedRows([[[null]], [[0]]], 1)).toBe(1);
    // An error value is not empty.
    expect(usedRows([col(1, null, na)], 3)).toBe(3);
  });

  test("usedLength and usedGridRows leave out trailing empty cells and rows", () => {
    expect(usedLength([1, 0, 2, 0, "", null])).toBe(3);
    expect(usedLength([0, null])).toBe(0);
    expect(
      usedGridRows([
        [1, 2],
        [0, ""],
        [3, null],
        [null, 0],
      ])
    ).toBe(3);
    expect(usedGridRows([[null], [0]])).toBe(1);
  });

  test("mapRows does not return trailing empty rows; it keeps empty rows within the data", () => {
    const seen: number[] = [];
    const out = mapRows({ a: [[1], [null], [3], [0], [""]], b: 10 }, 1, (row, i) => {
      seen.push(i);
      return ok([row.a === null ? -1 : (row.a as number)]);
    });
    expect(out).toEqual([[1], [-1], [3]]);
    expect(seen).toEqual([0, 1, 2]);
  });

  test("columnsOf and readRow: the first error value in argument order, naming argument and row", () => {
    const shape = columnsOf({ a: [[1], [na]], b: [[na], [2]], c: 5 });
    if (!shape.ok) throw new Error(shape.problem.message);
    const cells: Cell[] = [];
    expect(readRow(shape.value, 0, cells)?.message).toMatch(/^b row 1 is #N\/A in the sheet/);
    expect(cells).toEqual([1, na, 5]);
    expect(readRow(shape.value, 1, cells)?.message).toMatch(/^a row 2 is #N\/A/);
    const shared = columnsOf({ a: [[1], [2]], s: na });
    if (!shared.ok) throw new Error(shared.problem.message);
    expect(readRow(shared.value, 1, cells)?.message).toMatch(
      /^s is #N\/A in the sheet, so nothing/
    );
  });

  test("listProblem names the cell of a list", () => {
    expect(listProblem([1, 2, na], "pools")?.message).toMatch(/^pools cell 3 is #N\/A/);
    expect(listProblem([na], "pools")?.message).toMatch(/^pools is #N\/A/);
    expect(listProblem([1, "", 0], "pools")).toBeNull();
  });
});

describe("parsing what users type", () => {
  test("yes/no accepts TRUE/FALSE, 1/0 and yes/no/y/n in any case; blank is not known", () => {
    for (const v of [true, 1, "yes", "Y", " TRUE ", "y"])
      expect(parseYesNo(v, "f")).toEqual(ok(true));
    for (const v of [false, 0, "no", "N", "False"]) expect(parseYesNo(v, "f")).toEqual(ok(false));
    for (const v of [null, undefined, "", "  "]) expect(parseYesNo(v, "f")).toEqual(ok(null));
    const bad = parseYesNo("maybe", "outputsSpecified");
    expect(bad).toMatchObject({ ok: false, problem: { field: "outputsSpecified" } });
    expect(!bad.ok && bad.problem.message).toMatch(/outputsSpecified must be yes or no/);
    expect(parseYesNo(2, "f").ok).toBe(false);
  });

  test("amounts: blank, text and negatives are refused naming the field", () => {
    expect(parseAmount("£12,000.50", "annualValue")).toEqual(ok(1200050));
    expect(parseAmount("", "annualValue")).toMatchObject({
      ok: false,
      problem: { field: "annualValue", message: expect.stringMatching(/blank/) },
    });
    expect(parseAmount(-1, "annualValue")).toMatchObject({
      ok: false,
      problem: { message: expect.stringMatching(/£0 or more/) },
    });
    expect(parseAmount(true, "annualValue").ok).toBe(false);
    expect(parseAmount("abc", "annualValue").ok).toBe(false);
  });

  test("numbers: ranges, whole numbers and blanks", () => {
    expect(parseNumber("3", "termYears", { min: 0 })).toEqual(ok(3));
    expect(parseNumber("", "termYears")).toEqual(ok(null));
    expect(parseNumber("", "termYears", { blank: "error" }).ok).toBe(false);
    expect(parseNumber(-1, "termYears", { min: 0 })).toMatchObject({
      ok: false,
      problem: { message: "termYears must be 0 or more; got -1" },
    });
    expect(parseNumber(1.5, "n", { integer: true }).ok).toBe(false);
    expect(parseNumber("1e3", "n")).toEqual(ok(1000));
    expect(parseNumber("abc", "n").ok).toBe(false);
  });

  test("property: parsing never throws, whatever arrives from a cell", () => {
    const cell = fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.integer());
    fc.assert(
      fc.property(cell, (v) => {
        for (const r of [parseYesNo(v, "f"), parseAmount(v, "f"), parseNumber(v, "f")]) {
          if (r.ok)
            expect(
              r.value === null || typeof r.value === "boolean" || Number.isFinite(r.value)
            ).toBe(true);
          else expect(r.problem.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 }
    );
  });
});

describe("fastPence and fastAmount: parseAmount's answer without the string (issue 10, point 6)", () => {
  /** parseAmount's pence for a value, or null when it refuses it. */
  const reference = (v: unknown) => {
    const p = parseAmount(v, "x");
    return p.ok ? p.value : null;
  };
  test("any number: either left to parseAmount (null) or exactly parseAmount's pence", () => {
    const numbers = fc.oneof(
      fc.double(),
      fc.double({ min: -1e16, max: 1e16 }),
      fc.integer({ min: 0, max: 1e15 }).map((p) => p / 100), // pounds and pence, as typed
      fc.integer({ min: 0, max: 1e16 }).map((p) => p / 1000), // a tenth of a penny
      fc.constantFrom(0, -0, 1.005, 0.07, 0.29, 1e13 - 0.01, 1e13, 9.995, 5e-324, 99999999999.99)
    );
    fc.assert(
      fc.property(numbers, (v) => {
        const fast = fastPence(v);
        if (fast !== null) expect([v, fast]).toEqual([v, reference(v)]);
        expect(readAmount(v, "x")).toEqual(parseAmount(v, "x"));
      }),
      { numRuns: 5000 }
    );
  });
  test("every amount typed with at most two decimal places below £10 trillion takes the fast path", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e15 - 1 }), (p) => {
        expect(fastPence(p / 100)).toBe(p);
      }),
      { numRuns: 5000 }
    );
  });
  test("money text: the plain forms fast, the same pence; anything else left to parseAmount", () => {
    const text = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 1e14 }), fc.boolean(), fc.boolean(), fc.nat(2))
        .map(([p, pound, commas, places]) => {
          const whole = Math.floor(p / 100).toString();
          const body = commas ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : whole;
          const frac =
            places === 0
              ? ""
              : "." +
                String(p % 100)
                  .padStart(2, "0")
                  .slice(0, places);
          return `${pound ? "£" : ""}${body}${frac}`;
        }),
      fc.constantFrom("£12,000.50", "12,00", "£-5", "-£5", "(5.00)", " 12 ", "12.345", "£", "1e3"),
      fc.string({ maxLength: 10 })
    );
    fc.assert(
      fc.property(text, (s) => {
        const fast = fastAmount(s);
        if (fast !== null) expect([s, fast]).toEqual([s, reference(s)]);
        expect(readAmount(s, "x")).toEqual(parseAmount(s, "x"));
      }),
      { numRuns: 5000 }
    );
    expect(fastAmount("£12,000.50")).toBe(1200050);
    expect(fastAmount("12,00")).toBeNull();
  });
});
