import { specCells, type Block } from "../../../src/sheets/spec";
import { cellAddress } from "../../../src/sheets/a1";
import { checkPasses, describeMismatch, type Check } from "../../../src/sheets/register/checks";
import {
  buildSummarySheet,
  FLAG_COLUMNS,
  GROUP_COLUMNS,
  MIX_CHART_NAME,
  MIX_CHART_TITLE,
  SUMMARY_TITLE,
  SUMMARY_WIDTH,
  summaryGeometry,
  type RegisterRefs,
} from "../../../src/sheets/register/summarySheet";
import { classifyRegisterRow, detectMapping } from "../../../src/domain/classification/register";
import { summarise } from "../../../src/domain/classification/summary";
import { FLAG_CODES } from "../../../src/domain/classification/classify";
import { DEFAULT_SETTINGS } from "../../../src/domain/settings/settings";
import { CHESHIRE_EAST_REGISTER } from "../../support/cheshireEast";

// Cheshire East 2008/09 (004:118-145): a row per authority and type.
const [headers, ...rows] = CHESHIRE_EAST_REGISTER;
const mapping = detectMapping(headers);
const outcomes = rows.map((r, i) =>
  classifyRegisterRow(r, i + 2, mapping, headers, false, DEFAULT_SETTINGS)
);
const byDepartment = summarise(
  outcomes,
  rows.map((r) => r[1])
);
const refs: RegisterRefs = {
  value: "'R'!$E$2:$E$11",
  mode: "'R'!$F$2:$F$11",
  fundingType: "'R'!$G$2:$G$11",
  flags: "'R'!$M$2:$M$11",
  group: "'R'!$B$2:$B$11",
};
const formulas = (blocks: readonly Block[]) =>
  blocks
    .filter((b) => b.kind === "formula")
    .flatMap((b) => b.cells.flat())
    .filter((c): c is string => typeof c === "string" && c.startsWith("="));
const blockAt = (blocks: readonly Block[], address: string) =>
  blocks.find((b) =>
    b.cells.some((r, i) => r.some((_, j) => cellAddress(b.row + i, b.col + j) === address))
  );

describe("the summary sheet", () => {
  test("the values layout carries the engine's figures and its checks pass on them", () => {
    const L = buildSummarySheet(
      byDepartment,
      { value: "V", mode: "M", fundingType: "T", flags: "F", group: "G" },
      { useFormulas: false, groupHeader: "Department", source: "x" }
    );
    const cells = specCells(L.spec);
    const at = (c: Check) => cells.get(cellAddress(c.row, c.col))?.value;
    for (const c of L.checks) expect(checkPasses(c, at(c))).toBe(true);
    const total = L.checks.find((c) => c.what === "Total value")!;
    expect(at(total)).toBe(4200167.92);
    expect(formulas(L.spec.blocks)).toEqual([]);
    expect(L.spec.blocks.some((b) => b.kind === "formula")).toBe(false);
  });

  test("the formulas layout uses SUMIFS/COUNTIFS over the register with exact criteria", () => {
    const L = buildSummarySheet(byDepartment, refs, {
      useFormulas: true,
      groupHeader: "Department",
      source: "x",
    });
    const flat = formulas(L.spec.blocks);
    // the group is matched by reference to its label cell, never by a text constant
    const sumifs = flat.find((f) =>
      /^=ROUND\(SUMIFS\('R'!\$E\$2:\$E\$11,'R'!\$B\$2:\$B\$11,\$A(\d+),'R'!\$G\$2:\$G\$11,"Commissioned service"\),2\)$/.test(
        f
      )
    );
    expect(sumifs).toBeDefined();
    const labelRow = /\$A(\d+)/.exec(sumifs!)![1];
    expect(specCells(L.spec).get(`A${labelRow}`)?.value).toBe("Council");
    expect(flat).toContain(`=COUNTIFS('R'!$M$2:$M$11,"*at-threshold*")`);
    // every computed cell is a formula cell, and every formula but the mix's share total is checked
    const cells = specCells(L.spec);
    for (const c of L.checks) expect(cells.get(cellAddress(c.row, c.col))?.kind).toBe("formula");
    expect(flat).toHaveLength(L.checks.length + 1);
    // user text (the source, group names, the group header) is written as text
    expect(L.spec.blocks.some((b) => b.kind === "text")).toBe(true);
    expect(blockAt(L.spec.blocks, "A2")?.kind).toBe("text");
  });

  test("group names that look like formulas, comparisons or wildcards stay text and are summed with SUMPRODUCT", () => {
    const s = summarise(outcomes.slice(0, 3), ["=Adults", "<18s", "Adult * services?"]);
    const L = buildSummarySheet(s, refs, {
      useFormulas: true,
      groupHeader: "Directorate",
      source: "'R'!A1:E4",
    });
    const cells = specCells(L.spec);
    const first = summaryGeometry(3, 0).byValue.firstRow;
    const names = [0, 1, 2].map((i) => cells.get(cellAddress(first + i, GROUP_COLUMNS.label)));
    expect(names.map((c) => c?.value)).toEqual(["<18s", "=Adults", "Adult * services?"]);
    expect(names.every((c) => c?.kind === "text")).toBe(true);
    const flat = formulas(L.spec.blocks);
    const adults = cellAddress(first + 1, GROUP_COLUMNS.label).replace(/^/, "$");
    expect(flat).toContain(
      `=ROUND(SUMPRODUCT(--(('R'!$B$2:$B$11&"")=${adults}),--('R'!$G$2:$G$11="Commissioned service"),'R'!$E$2:$E$11),2)`
    );
    const wildcard = cellAddress(first + 2, GROUP_COLUMNS.label).replace(/^/, "$");
    expect(flat).toContain(
      `=ROUND(SUMPRODUCT(--(('R'!$B$2:$B$11&"")=${wildcard}),--('R'!$F$2:$F$11="Giving"),'R'!$E$2:$E$11),2)`
    );
    // no formula holds a group name as a text constant
    expect(flat.some((f) => f.includes('"=Adults"') || f.includes("services"))).toBe(false);
  });

  test("sections follow one another in the named geometry", () => {
    const g = summaryGeometry(2, 0);
    expect(g.mix).toEqual({ titleRow: 5, headerRow: 6, firstRow: 7, rows: 4, totalRow: 10 });
    expect(g.byValue).toEqual({ titleRow: 12, headerRow: 13, firstRow: 14, rows: 3, totalRow: 16 });
    expect(g.byCount.titleRow).toBe(18);
    // No financial years: no year table; the mix by group (a line per group) after the counts.
    expect(g.byYear).toBeNull();
    expect(g.groupMix).toEqual({ titleRow: 24, headerRow: 25, firstRow: 26, rows: 2 });
    expect(g.flags).toEqual({ titleRow: 29, headerRow: 30, firstRow: 31, rows: FLAG_CODES.length });
    expect(g.unclassified).toEqual({ titleRow: 40, headerRow: 41, firstRow: 42, rows: 1 });
    expect(g.rows).toBe(43);
    expect(summaryGeometry(2, 5).rows).toBe(47);
    // Three financial years come before the mix by group.
    const y = summaryGeometry(2, 0, 3);
    expect(y.byYear).toEqual({ titleRow: 24, headerRow: 25, firstRow: 26, rows: 3 });
    expect(y.groupMix?.titleRow).toBe(30);
    expect(summaryGeometry(0, 0).groupMix).toBeNull();

    const L = buildSummarySheet(byDepartment, refs, {
      useFormulas: true,
      groupHeader: "Department",
      source: "x",
    });
    expect(L.spec.extent).toBe(`A1:I${g.rows}`);
    expect(SUMMARY_WIDTH).toBe(9);
    const cells = specCells(L.spec);
    expect(cells.get("A1")?.value).toBe(SUMMARY_TITLE);
    expect(cells.get(cellAddress(g.byValue.titleRow, 0))?.value).toBe("Value by department (£)");
    expect(cells.get(cellAddress(g.byCount.titleRow, 0))?.value).toBe(
      "Number of rows by department"
    );
    expect(cells.get(cellAddress(g.flags.firstRow, FLAG_COLUMNS.code))?.value).toBe(FLAG_CODES[0]);
    expect(cells.get(cellAddress(g.unclassified.firstRow, 0))?.value).toBe("None");
  });

  test("title, section titles and header rows have their looks; a pie chart of the mix; widths to fit", () => {
    const L = buildSummarySheet(byDepartment, refs, {
      useFormulas: true,
      groupHeader: "Department",
      source: "'Cheshire East'!A1:E11",
      sheetName: "Funding summary (2)",
    });
    const g = summaryGeometry(2, 0);
    expect(L.spec.name).toBe("Funding summary (2)");
    expect(blockAt(L.spec.blocks, "A1")?.look).toEqual(["title"]);
    for (const row of [
      g.mix.titleRow,
      g.mix.headerRow,
      g.byValue.titleRow,
      g.byValue.headerRow,
      g.flags.headerRow,
    ])
      expect(blockAt(L.spec.blocks, cellAddress(row, 0))?.look).toEqual(["bold"]);
    expect(L.spec.charts).toEqual([
      {
        type: "Pie",
        name: MIX_CHART_NAME,
        source: "A7:B10",
        seriesBy: "Columns",
        title: MIX_CHART_TITLE,
        topLeft: "K7",
      },
    ]);
    expect(L.mix).toEqual({ firstRow: 7, labelCol: 0, valueCol: 1, rows: 3 });
    const specCellsMap = specCells(L.spec);
    expect(specCellsMap.get("B8")?.numberFormat).toBe("£#,##0.00;-£#,##0.00");
    expect(specCellsMap.get("C8")?.numberFormat).toBe("0.0%");
    // widths fit the tables; the intro's sentences run on beside column A and do not widen it
    const widths = new Map(L.spec.columnWidths!.map((w) => [w.col, w.width]));
    expect([...widths.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(widths.get(0)!).toBeLessThan(250);
    // the flags' meanings are long: column C is wide enough for them
    expect(widths.get(FLAG_COLUMNS.meaning)!).toBeGreaterThan(400);
  });

  test("a mismatch is described for the user in pounds", () => {
    const c: Check = { row: 7, col: 1, kind: "pence", expected: 101, what: "Shopping value" };
    expect(checkPasses(c, 1.01)).toBe(true);
    expect(checkPasses(c, 1)).toBe(false);
    expect(checkPasses(c, "1.01")).toBe(false);
    expect(describeMismatch(c, 1)).toBe(
      "Shopping value: summary shows £1.00, register gives £1.01"
    );
    expect(checkPasses({ ...c, kind: "share", expected: 0.5 }, 0.5 + 1e-12)).toBe(true);
    expect(checkPasses({ ...c, kind: "count", expected: 2 }, 2.5)).toBe(false);
  });
});
