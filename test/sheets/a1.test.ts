import fc from "fast-check";
import { cellAddress, columnIndex, columnLetters } from "../../src/sheets/a1";

describe("A1 address helpers", () => {
  const examples: [number, string][] = [
    [0, "A"],
    [25, "Z"],
    [26, "AA"],
    [51, "AZ"],
    [52, "BA"],
    [701, "ZZ"],
    [702, "AAA"],
    [16383, "XFD"],
  ];

  test.each(examples)("column %i is %s", (col, letters) => {
    expect(columnLetters(col)).toBe(letters);
    expect(columnIndex(letters)).toBe(col);
  });

  test("columnIndex ignores case", () => {
    expect(columnIndex("xfd")).toBe(16383);
    expect(columnIndex("aA")).toBe(26);
  });

  test("cellAddress is 0-based", () => {
    expect(cellAddress(0, 0)).toBe("A1");
    expect(cellAddress(2, 1)).toBe("B3");
    expect(cellAddress(1048575, 16383)).toBe("XFD1048576");
  });

  test("columnIndex inverts columnLetters", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (col) => {
        const letters = columnLetters(col);
        expect(letters).toMatch(/^[A-Z]+$/);
        expect(columnIndex(letters)).toBe(col);
        expect(columnIndex(letters.toLowerCase())).toBe(col);
      })
    );
  });

  test("columnLetters inverts columnIndex", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{1,4}$/), (letters) => {
        expect(columnLetters(columnIndex(letters))).toBe(letters);
      })
    );
  });
});
