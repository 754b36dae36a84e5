import fc from "fast-check";
import { cellAddress } from "../../../src/sheets/a1";
import { specCells } from "../../../src/sheets/spec";
import { evaluationSpecs } from "../../../src/sheets/evaluation/evaluationSheets";
import { isUnlockedCell } from "../../../src/sheets/evaluation/blocks";
import { evaluationRefs, sanitiseSheetName } from "../../../src/sheets/evaluation/geometry";
import { BID_NO_CONFLICT, BID_CONFLICT } from "../../../src/domain/evaluation/words";
import { model } from "../../support/evaluationModel";

describe("sheet names", () => {
  it("sanitises user text into valid, unique Excel sheet names of at most 31 characters", () => {
    const taken = new Set<string>(["criteria"]);
    expect(sanitiseSheetName("Scores a/b:c*d?[e]\\f", taken)).toBe("Scores a b c d e f");
    expect(sanitiseSheetName("Criteria", taken)).toBe("Criteria (2)");
    const long = sanitiseSheetName("Scores " + "x".repeat(40), taken);
    expect(long.length).toBeLessThanOrEqual(31);
    const long2 = sanitiseSheetName("Scores " + "x".repeat(40), taken);
    expect(long2.length).toBeLessThanOrEqual(31);
    expect(long2).not.toBe(long);
    expect(sanitiseSheetName("'quoted'", taken)).toBe("quoted");
    expect(sanitiseSheetName("History", taken)).toBe("History 1");
    expect(sanitiseSheetName("///", taken)).toBe("Sheet");
  });
  it("shortens at a word boundary, leaving out a cut word or an unclosed bracket, and stays unique", () => {
    const taken = new Set<string>();
    expect(sanitiseSheetName("Scores R. Hughes (sector representative)", taken)).toBe(
      "Scores R. Hughes"
    );
    expect(sanitiseSheetName("Scores R. Hughes (sector rep, vice chair)", taken)).toBe(
      "Scores R. Hughes (2)"
    );
    expect(sanitiseSheetName("Summary Citizens Advice Wiltshire North", taken)).toBe(
      "Summary Citizens Advice"
    );
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
    expect(isUnlockedCell(ev, refs.declarationCell(1))).toBe(true);
    expect(isUnlockedCell(ev, refs.scoreCell(0, 1, 2) as string)).toBe(true);
    expect(isUnlockedCell(ev, refs.reasonCell(0, 1, 2) as string)).toBe(true);
    expect(isUnlockedCell(ev, "B3")).toBe(false); // the tender identifier
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
      address: "B8:B9",
      options: [BID_NO_CONFLICT, BID_CONFLICT],
    });
    expect(sheets[3].conditionalFormats).toHaveLength(2);
    const discuss = sheets[3].conditionalFormats?.[1];
    expect(discuss?.type).toBe("formula");
    expect(discuss?.type === "formula" ? discuss.formula : "").toContain('="Discuss"');
    expect(sheets[4].charts).toHaveLength(1);
    expect(sheets[4].charts?.[0]).toMatchObject({
      type: "BarStacked",
      source: "A5:D7",
      seriesBy: "Columns",
      topLeft: "S5",
    });
  });
  it("moderation reads each evaluator's score only once they declared no conflict with that bid", () => {
    const mod = specCells(sheets[3]);
    expect(String(mod.get("F5")?.value)).toBe(
      `=IF('Scores Ann'!B8="${BID_NO_CONFLICT}",IF(ISNUMBER('Scores Ann'!C8),'Scores Ann'!C8,""),"")`
    );
    // The second bid reads the second row's declaration.
    expect(String(mod.get("F8")?.value)).toBe(
      `=IF('Scores Ann'!B9="${BID_NO_CONFLICT}",IF(ISNUMBER('Scores Ann'!C9),'Scores Ann'!C9,""),"")`
    );
  });
  it("a member's sheet has only their assigned criteria; moderation shows n/a for the others", () => {
    const m2 = model({
      assignments: ["Delivery", "", "Outcomes; Social value"],
      minIndependentScores: 1,
    });
    const specs = evaluationSpecs(m2);
    const ann = specCells(specs[1]);
    expect(ann.get("C7")?.value).toBe("Delivery (score 0-5)");
    expect(ann.get("E7")).toBeUndefined();
    const mod = specCells(specs[4]);
    // Outcomes (criterion 2) for the first bid: Ann not assigned, Bob and Cat are.
    expect(mod.get("F6")?.value).toBe(`="n/a"`);
    expect(String(mod.get("H6")?.value)).toContain("'Scores Cat'!C8");
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
      (b) => b.unlocked && cellAddress(b.row, b.col) === refs.declarationCell(0)
    );
    expect(declaration?.look).toEqual(["input"]);
    expect(ann.styles).toContainEqual({ address: "A7:H7", look: ["header"] });
    expect(criteria.styles).toContainEqual({ address: "A14:D14", look: ["header"] });
    expect(results.styles).toContainEqual({ address: "A5:Q5", look: ["header"] });
  });
  it("counts and ranks are whole numbers, weights and percentages show %, columns are readable", () => {
    const c = specCells(criteria);
    expect(c.get("C15")?.numberFormat).toBe('0"%"');
    expect(specCells(moderation).get("I5")?.numberFormat).toBe("0"); // scores counted
    const r = specCells(results);
    expect(r.get("F6")?.numberFormat).toBe('0.0"%"');
    expect(r.get("K6")?.numberFormat).toBe("0"); // rank
    const widths = new Map((ann.columnWidths ?? []).map((w) => [w.col, w.width]));
    expect(widths.get(2)).toBeGreaterThanOrEqual(80); // score
    expect(widths.get(3)).toBeGreaterThanOrEqual(200); // reason
  });
  it("scores and consensus scores are value cells, reasons and rationale text cells", () => {
    const refs = evaluationRefs(m);
    expect(specCells(ann).get(refs.scoreCell(0, 2, 1) as string)?.kind).toBe("value");
    expect(specCells(ann).get(refs.reasonCell(0, 2, 1) as string)?.kind).toBe("text");
    expect(specCells(moderation).get(refs.consensusCell(2, 2))?.kind).toBe("value");
    expect(specCells(moderation).get(refs.rationaleCell(2, 2))?.kind).toBe("text");
  });
  it("the panel's sheets freeze their header rows", () => {
    expect(ann.freeze).toEqual({ rows: 7, columns: 0 });
    expect(moderation.freeze).toEqual({ rows: 4, columns: 0 });
    expect(results.freeze).toEqual({ rows: 5, columns: 0 });
  });
});
