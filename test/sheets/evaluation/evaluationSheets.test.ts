import fc from "fast-check";
import { cellAddress } from "../../../src/sheets/a1";
import { specCells } from "../../../src/sheets/spec";
import { evaluationSpecs } from "../../../src/sheets/evaluation/evaluationSheets";
import { isUnlockedCell } from "../../../src/sheets/evaluation/blocks";
import { evaluationRefs, sanitiseSheetName } from "../../../src/sheets/evaluation/geometry";
import {
  DECLARATION_NO_CONFLICT,
  DECLARATION_CONFLICT,
} from "../../../src/domain/evaluation/words";
import { model } from "../../support/evaluationModel";

describe("sheet names", () => {
  it("sanitises user text into valid, unique Excel sheet names of at most 31 characters", () => {
    const taken = new Set<string>(["criteria"]);
    expect(sanitiseSheetName("Scores a/b:c*d?[e]\\f", taken)).toBe("Scores a b c d e f");
    expect(sanitiseSheetName("Criteria", taken)).toBe("Criteria (2)");
    const long = sanitiseSheetName("Scores " + "x".repeat(40), taken);
    expect(long.length).toBe(31);
    const long2 = sanitiseSheetName("Scores " + "x".repeat(40), taken);
    expect(long2.length).toBeLessThanOrEqual(31);
    expect(long2).not.toBe(long);
    expect(sanitiseSheetName("'quoted'", taken)).toBe("quoted");
    expect(sanitiseSheetName("History", taken)).toBe("History 1");
    expect(sanitiseSheetName("///", taken)).toBe("Sheet");
  });
  it("property: every generated name is valid and unique", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 50 }), { maxLength: 12 }), (texts) => {
        const taken = new Set<string>();
        const names = texts.map((t) => sanitiseSheetName(t, taken));
        names.forEach((n) => {
          expect(n.length).toBeGreaterThan(0);
          expect(n.length).toBeLessThanOrEqual(31);
          expect(n).not.toMatch(/[[\]:*?/\\]/);
          expect(n.startsWith("'") || n.endsWith("'")).toBe(false);
        });
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
      })
    );
  });
});

describe("workbook layout model", () => {
  const m = model({
    bidders: [
      { name: "=1+1", price: 10 },
      { name: "+44 Ltd", price: 20 },
    ],
    evaluators: ["Ann", "Scores Ann"],
  });
  const sheets = evaluationSpecs(m);
  it("has Criteria, one scoring sheet per evaluator, Moderation and Results", () => {
    expect(sheets.map((s) => s.name)).toEqual([
      "Criteria",
      "Scores Ann",
      "Scores Scores Ann",
      "Moderation",
      "Results",
    ]);
  });
  it("blocks never overlap, so no formula or number lands in a text-formatted cell", () => {
    for (const s of sheets) {
      const seen = new Set<string>();
      for (const b of s.blocks)
        b.cells.forEach((row, i) =>
          row.forEach((_, j) => {
            const a = cellAddress(b.row + i, b.col + j);
            expect(seen.has(`${s.name}!${a}`)).toBe(false);
            seen.add(`${s.name}!${a}`);
          })
        );
    }
  });
  it("user text is in text blocks, never formulas; only formula blocks start with =", () => {
    const eval1 = specCells(sheets[1]);
    expect(eval1.get("A8")).toEqual({ kind: "text", value: "=1+1", numberFormat: null });
    for (const s of sheets)
      for (const b of s.blocks) {
        if (b.kind === "formula")
          b.cells.flat().forEach((v) => expect(String(v).startsWith("=")).toBe(true));
      }
  });
  it("formula cells are locked and input cells open: declaration, scores and reasons, consensus and rationale", () => {
    const refs = evaluationRefs(m);
    const ev = sheets[1];
    expect(isUnlockedCell(ev, refs.declaration)).toBe(true);
    expect(isUnlockedCell(ev, refs.scoreCell(1, 2))).toBe(true);
    expect(isUnlockedCell(ev, refs.reasonCell(1, 2))).toBe(true);
    expect(isUnlockedCell(ev, "B4")).toBe(false); // status formula
    const mod = sheets[3];
    expect(isUnlockedCell(mod, refs.consensusCell(1, 2))).toBe(true);
    expect(isUnlockedCell(mod, refs.rationaleCell(1, 2))).toBe(true);
    for (const s of sheets) {
      for (const b of s.blocks)
        if (b.kind === "formula")
          b.cells.forEach((row, i) =>
            row.forEach((_, j) =>
              expect(isUnlockedCell(s, cellAddress(b.row + i, b.col + j))).toBe(false)
            )
          );
    }
    expect(sheets[0].blocks.filter((b) => b.unlocked)).toEqual([]);
    expect(sheets[4].blocks.filter((b) => b.unlocked)).toEqual([]);
    // Every sheet is protected, so only the unlocked blocks can be edited.
    expect(sheets.every((s) => s.protect === true)).toBe(true);
  });
  it("scores are limited to the scale; the declaration is a list; discuss is highlighted", () => {
    const ev = { validations: sheets[1].validations ?? [] };
    expect(
      ev.validations
        .filter((v) => v.type === "wholeNumber")
        .every((v) => v.type === "wholeNumber" && v.min === 0 && v.max === 5)
    ).toBe(true);
    expect(ev.validations.filter((v) => v.type === "wholeNumber")).toHaveLength(3);
    expect(ev.validations.find((v) => v.type === "list")).toMatchObject({
      address: "B3",
      options: [DECLARATION_NO_CONFLICT, DECLARATION_CONFLICT],
    });
    expect(sheets[3].conditionalFormats).toHaveLength(1);
    const discuss = sheets[3].conditionalFormats?.[0];
    expect(discuss?.type).toBe("formula");
    expect(discuss?.type === "formula" ? discuss.formula : "").toContain('="Discuss"');
    expect(sheets[4].charts).toHaveLength(1);
    expect(sheets[4].charts?.[0]).toMatchObject({
      type: "BarStacked",
      source: "A5:D7",
      seriesBy: "Columns",
      topLeft: "O5",
    });
  });
  it("moderation reads each evaluator's score only once their declaration is complete", () => {
    const mod = specCells(sheets[3]);
    const f = String(mod.get("F5")?.value);
    expect(f).toBe(
      `=IF('Scores Ann'!$B$3="${DECLARATION_NO_CONFLICT}",IF(ISNUMBER('Scores Ann'!B8),'Scores Ann'!B8,""),"")`
    );
  });
});

describe("looks and geometry", () => {
  const m = model();
  const [criteria, ann, , , moderation, results] = evaluationSpecs(m);
  it("input cells are shaded as input; header rows use the header look", () => {
    const refs = evaluationRefs(m);
    const inputs = (s: typeof ann) =>
      s.blocks.filter((b) => b.unlocked).every((b) => b.look?.includes("input"));
    expect(inputs(ann)).toBe(true);
    expect(inputs(moderation)).toBe(true);
    const declaration = ann.blocks.find(
      (b) => b.unlocked && cellAddress(b.row, b.col) === refs.declaration
    );
    expect(declaration?.look).toEqual(["input", "bold"]);
    expect(ann.styles).toContainEqual({ address: "A7:G7", look: ["header"] });
    expect(criteria.styles).toContainEqual({ address: "A9:D9", look: ["header"] });
    expect(results.styles).toContainEqual({ address: "A5:M5", look: ["header"] });
  });
  it("scores and consensus scores are value cells, reasons and rationale text cells", () => {
    const refs = evaluationRefs(m);
    expect(specCells(ann).get(refs.scoreCell(2, 1))?.kind).toBe("value");
    expect(specCells(ann).get(refs.reasonCell(2, 1))?.kind).toBe("text");
    expect(specCells(moderation).get(refs.consensusCell(2, 2))?.kind).toBe("value");
    expect(specCells(moderation).get(refs.rationaleCell(2, 2))?.kind).toBe("text");
  });
  it("the panel's sheets freeze their header rows", () => {
    expect(ann.freeze).toEqual({ rows: 7, columns: 0 });
    expect(moderation.freeze).toEqual({ rows: 4, columns: 0 });
    expect(results.freeze).toEqual({ rows: 5, columns: 0 });
  });
});
