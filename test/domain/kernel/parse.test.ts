/**
 * The blank rule (src/domain/kernel/parse.ts). isBlank and parseYesNo keep their meaning for the
 * register, which reads cells through Office.js (an empty cell is ""); the custom functions add
 * that an empty cell may arrive as 0 (Excel on the desktop: office-js #4702, #5262, #1951).
 */
import fc from "fast-check";
import {
  isBlank,
  mayBeEmptyCell,
  parseOptionalYesNo,
  parseYesNo,
  zeroAsBlank,
} from "../../../src/domain/kernel/parse";
import { ok } from "../../../src/domain/kernel/result";

describe("blank", () => {
  test("isBlank: null, undefined, empty or spaces-only text; not 0, not FALSE", () => {
    for (const v of [null, undefined, "", "   "]) expect(isBlank(v)).toBe(true);
    for (const v of [0, false, "0", " x ", NaN]) expect(isBlank(v)).toBe(false);
  });
  test("mayBeEmptyCell: every way an empty cell reaches a custom function, 0 included", () => {
    for (const v of [null, undefined, "", "  ", 0, -0]) expect(mayBeEmptyCell(v)).toBe(true);
    for (const v of [false, "0", 1, " x ", {}]) expect(mayBeEmptyCell(v)).toBe(false);
  });
  test("zeroAsBlank: 0 becomes null, anything else is left as it is", () => {
    expect(zeroAsBlank(0)).toBeNull();
    expect(zeroAsBlank(-0)).toBeNull();
    for (const v of ["0", false, "", null, 2, "no"]) expect(zeroAsBlank(v)).toBe(v);
  });
});

describe("yes/no", () => {
  test("parseYesNo (the register) still reads 0 as no", () => {
    expect(parseYesNo(0, "f")).toEqual(ok(false));
  });
  test("parseOptionalYesNo (the functions' optional answers): 0 is not known; FALSE, no and '0' are no", () => {
    expect(parseOptionalYesNo(0, "accredited")).toEqual(ok(null));
    for (const v of [false, "no", "N", "0"]) expect(parseOptionalYesNo(v, "f")).toEqual(ok(false));
    for (const v of [true, 1, "yes", "1"]) expect(parseOptionalYesNo(v, "f")).toEqual(ok(true));
    for (const v of [null, undefined, ""]) expect(parseOptionalYesNo(v, "f")).toEqual(ok(null));
    expect(parseOptionalYesNo("maybe", "accredited")).toMatchObject({
      ok: false,
      problem: {
        field: "accredited",
        message: expect.stringMatching(/^accredited must be yes or no/),
      },
    });
  });
  test("property: parseOptionalYesNo is parseYesNo except that 0 is blank", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)), (v) => {
        expect(parseOptionalYesNo(v, "f")).toEqual(v === 0 ? ok(null) : parseYesNo(v, "f"));
      })
    );
  });
});
