/**
 * The pure parts of ownership: fingerprints (src/sheets/fingerprint.ts), the text Excel would
 * change (src/sheets/excelText.ts), clearing around kept cells and free sheet names.
 */
import fc from "fast-check";
import {
  cellFingerprint,
  changedCells,
  describeFingerprint,
  encodePrint,
  normalFormula,
  printAt,
  printBytes,
} from "../../src/sheets/fingerprint";
import { excelWouldConvert, longTextConstant, textConstants } from "../../src/sheets/excelText";
import { freeSheetName, rectWithout } from "../../src/excel/ownership";

describe("fingerprints", () => {
  test("a formula reads the same as Excel hands it back, and filled-down formulas share one", () => {
    const written = `=ROUND(SUMIFS('Register'!$D$2:$D$9,'Register'!$B$2:$B$9,$A12),2)`;
    const back = `=round(SUMIFS(Register!$D$2:$D$9, Register!$B$2:$B$9, $A12), 2)`;
    expect(normalFormula(back, 11, 1)).toBe(normalFormula(written, 11, 1));
    expect(cellFingerprint(written, 11, 1)).toBe(cellFingerprint(back, 11, 1));
    // the next row's formula, filled down, has the same fingerprint
    expect(cellFingerprint(written.replace("$A12", "$A13"), 12, 1)).toBe(
      cellFingerprint(written, 11, 1)
    );
    // text constants keep their case and spaces
    expect(cellFingerprint('=A1="Adults "', 0, 1)).not.toBe(cellFingerprint('=A1="adults"', 0, 1));
  });

  test("short content is kept as written (and shown), long content hashed", () => {
    expect(cellFingerprint("Shopping", 0, 0)).toBe("Shopping");
    expect(cellFingerprint(0.2, 0, 0)).toBe("0.2");
    expect(cellFingerprint(0.1 + 0.2, 0, 0)).toBe("0.3");
    expect(cellFingerprint(true, 0, 0)).toBe("TRUE");
    expect(cellFingerprint("", 0, 0)).toBe("");
    expect(describeFingerprint(cellFingerprint("#hash-like", 0, 0))).toBe("#hash-like");
    expect(describeFingerprint(cellFingerprint("x".repeat(200), 0, 0))).toBe("(a longer text)");
    expect(describeFingerprint(cellFingerprint("=A1", 0, 0))).toBe("(a formula)");
    expect(describeFingerprint("")).toBe("(empty)");
  });

  test("a block's print gives back every cell's fingerprint; a repeated column costs a character a cell", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.oneof(fc.string(), fc.integer(), fc.boolean()), {
            minLength: 3,
            maxLength: 3,
          }),
          {
            minLength: 1,
            maxLength: 80,
          }
        ),
        (cells) => {
          const grid = cells.map((r, i) => r.map((v, j) => cellFingerprint(v, i, j)));
          const print = encodePrint(grid);
          grid.forEach((r, i) => r.forEach((fp, j) => expect(printAt(print, i, j)).toBe(fp)));
          expect(changedCells(print, 0, 0, cells, "S")).toEqual([]);
        }
      )
    );
    const modes = Array.from({ length: 30000 }, (_, i) => [
      ["Shopping", "Investing", "Giving"][i % 3],
    ]);
    const print = encodePrint(modes.map((r) => r.map((v) => cellFingerprint(v, 0, 0))));
    expect(printBytes(print)).toBeLessThan(30100);
  });

  test("changed cells are listed with what was written and what is there now", () => {
    const print = encodePrint([
      ["Shopping", "0.2"],
      ["Giving", ""],
    ]);
    expect(
      changedCells(
        print,
        4,
        6,
        [
          ["Investing (checked)", 0.2],
          ["Giving", "note"],
        ],
        "R"
      )
    ).toEqual([
      { sheet: "R", address: "G5", was: "Shopping", now: "Investing (checked)" },
      { sheet: "R", address: "H6", was: "(empty)", now: "note" },
    ]);
  });
});

describe("text Excel would change", () => {
  test.each([
    "10/90",
    "007",
    "1,000",
    "TRUE",
    "false",
    "=Adults",
    "+44",
    "-x",
    "@home",
    "1 Jan",
    "Jan 2024",
    "12:30",
    "£5",
    "(5)",
    "#N/A",
    ".5",
    "1e5",
    "50%",
  ])("%s is written as text", (t) => expect(excelWouldConvert(t)).toBe(true));
  test.each(["Adults", "Age UK", "Shopping", "Not classified: tbc", "Janet", "True North"])(
    "%s is left General",
    (t) => expect(excelWouldConvert(t)).toBe(false)
  );
  test("text constants in a formula, and the first over 255 characters", () => {
    expect(textConstants('=IF(A1="Say ""hi""","x","")')).toEqual(['Say "hi"', "x", ""]);
    expect(longTextConstant(`="${"a".repeat(255)}"`)).toBeNull();
    expect(longTextConstant(`=A1="${"a".repeat(256)}"`)).toHaveLength(256);
  });
});

describe("clearing around kept cells", () => {
  test("the pieces cover the rectangle but for the kept cells, once each", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(
          fc.record({ row: fc.integer({ min: 0, max: 12 }), col: fc.integer({ min: 0, max: 12 }) }),
          { maxLength: 8 }
        ),
        (row1, col1, h, w, kept) => {
          const rect = { row1, col1, row2: row1 + h - 1, col2: col1 + w - 1 };
          const covered = new Map<string, number>();
          for (const p of rectWithout(rect, kept))
            for (let r = p.row1; r <= p.row2; r++)
              for (let c = p.col1; c <= p.col2; c++)
                covered.set(`${r},${c}`, (covered.get(`${r},${c}`) ?? 0) + 1);
          const keptSet = new Set(kept.map((k) => `${k.row},${k.col}`));
          for (let r = rect.row1; r <= rect.row2; r++)
            for (let c = rect.col1; c <= rect.col2; c++)
              expect(covered.get(`${r},${c}`) ?? 0).toBe(keptSet.has(`${r},${c}`) ? 0 : 1);
          expect([...covered.values()].every((n) => n === 1)).toBe(true);
          expect(
            covered.size +
              [...keptSet].filter((k) => {
                const [r, c] = k.split(",").map(Number);
                return r >= rect.row1 && r <= rect.row2 && c >= rect.col1 && c <= rect.col2;
              }).length
          ).toBe(h * w);
        }
      )
    );
  });

  test("a sheet name taken by someone else's sheet gets the next free number, within 31 characters", () => {
    const taken = new Set(["funding summary", "funding summary (2)"]);
    expect(freeSheetName("Funding summary", taken)).toBe("Funding summary (3)");
    expect(freeSheetName("Results", taken)).toBe("Results");
    const long = "A very long sheet name of 31 ch";
    expect(freeSheetName(long, new Set([long.toLowerCase()]))).toBe(
      "A very long sheet name of 3 (2)"
    );
  });
});
