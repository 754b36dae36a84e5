/**
 * The cost recovery sheet's spec, section by section, without Excel: the geometry, the formulas a
 * user relies on (worked by hand for the sample organisation at A1), inputs unlocked and shaded,
 * validation, the recovery highlight and the chart. test/excel/costRecovery.test.ts checks the
 * same sheet evaluated on the workbook double against the engine.
 */
import { funderPresets } from "../../../src/domain/cost-recovery/presets";
import { DEFAULT_SETTINGS } from "../../../src/domain/settings/settings";
import { furtherRefs } from "../../../src/sheets/cost-recovery/furtherBlock";
import { parseRange, rangeContains } from "../../../src/sheets/a1";
import { PALETTE } from "../../../src/sheets/palette";
import { specCells, type Block } from "../../../src/sheets/spec";
import { bidderSection } from "../../../src/sheets/cost-recovery/bidderBlock";
import { buildCostRecoverySheet } from "../../../src/sheets/cost-recovery/costRecoverySheet";
import {
  costRecoveryGeometry,
  driverColumn,
  poolWorkingColumn,
  POOL_WORKING_PARTS,
} from "../../../src/sheets/cost-recovery/geometry";
import { poolsSection } from "../../../src/sheets/cost-recovery/poolsBlock";
import { projectsSection } from "../../../src/sheets/cost-recovery/projectsBlock";
import { resultsSection } from "../../../src/sheets/cost-recovery/resultsBlock";
import { settingsSection } from "../../../src/sheets/cost-recovery/settingsBlock";
import { workingsSection } from "../../../src/sheets/cost-recovery/workingsBlock";
import { riversideSample } from "../../support/costRecoverySetups";

const cellsOf = (blocks: Block[]) => specCells({ name: "x", blocks });

describe("geometry", () => {
  test("the sample at A1: where each section starts, and the whole rectangle", () => {
    const g = costRecoveryGeometry(riversideSample());
    expect([g.settingsTop, g.firstTypeRow, g.poolsTop, g.firstPoolRow]).toEqual([3, 5, 10, 12]);
    expect([g.projectsTop, g.firstProjectRow, g.resultsTop, g.firstResultRow, g.totalsRow]).toEqual(
      [17, 19, 23, 25, 28]
    );
    expect([g.chartTop, g.chartBottom, g.bidderTop, g.workingsTop, g.firstWorkingRow]).toEqual([
      30, 47, 49, 62, 64,
    ]);
    expect(g.notesTop).toBe(68);
    expect([g.rows, g.columns, g.bottom, g.right]).toEqual([77, 32, 76, 31]);
    expect(buildCostRecoverySheet(riversideSample(), DEFAULT_SETTINGS).refs.range).toBe("A1:AF77");
  });

  test("a start cell moves everything; each pool's five working columns follow one another", () => {
    const g = costRecoveryGeometry(riversideSample(), { row: 3, col: 2 });
    expect([g.titleRow, g.left, g.firstPoolRow, g.projectColumns.firstDriver]).toEqual([
      3, 2, 15, 7,
    ]);
    expect(POOL_WORKING_PARTS.map((part) => poolWorkingColumn(g, 1, part))).toEqual([
      12, 13, 14, 15, 16,
    ]);
    expect(g.workingColumns.overheads).toBe(poolWorkingColumn(g, 3, "share") + 1);
    expect(
      buildCostRecoverySheet(riversideSample(), DEFAULT_SETTINGS, { row: 3, col: 2 }).refs.range
    ).toBe("C4:AH80");
  });

  test("the single driver: one people column that every pool reads", () => {
    const setup = { ...riversideSample(), singleDriver: true };
    const g = costRecoveryGeometry(setup);
    expect(g.driverColumnCount).toBe(1);
    expect([0, 1, 2, 3].map((k) => driverColumn(g, k))).toEqual([5, 5, 5, 5]);
  });
});

describe("section builders", () => {
  const setup = riversideSample();
  const g = costRecoveryGeometry(setup);

  test("settings: the funder share from the settings; the organisation share, the basis in words and the share out of 10,000 by formula", () => {
    const cells = cellsOf(settingsSection(g, DEFAULT_SETTINGS).blocks);
    expect(cells.get("A6")?.value).toBe("Commissioned service");
    expect(cells.get("B6")).toEqual({ kind: "value", value: 1, numberFormat: "0.00%" });
    expect(cells.get("C6")?.value).toBe("=1-B6");
    expect(cells.get("D6")?.value).toBe(
      '=IF(E6=10000,"full cost recovery",(10000-E6)/100&"/"&E6/100&" organisation/funder")'
    );
    expect(cells.get("E6")?.value).toBe("=ROUND(B6*10000,0)");
    expect([cells.get("F4")?.value, cells.get("G4")?.value]).toEqual([
      "Small-grant threshold (£ a year, from Settings)",
      5000,
    ]);
  });

  test("pools: names and amounts are unlocked inputs; checks and workings are formulas", () => {
    const section = poolsSection(g, setup);
    const cells = cellsOf(section.blocks);
    expect(cells.get("A13")).toEqual({
      kind: "text",
      value: "Premises and office costs",
      numberFormat: null,
    });
    expect(cells.get("D13")?.value).toBe("=SUM($F$20:$F$22)");
    expect(cells.get("G13")?.value).toBe(
      '=IF(AND(H13>0,I13=0),"Drivers all 0",IF(F13=0,"Adds back","Does not add back"))'
    );
    expect(cells.get("J13")?.value).toBe("=H13-SUM($G$65:$G$67)");
    const inputs = section.blocks.filter((b) => b.unlocked);
    expect(inputs.map((b) => b.col)).toEqual([0, 1]);
    expect(inputs.every((b) => b.look?.includes("input"))).toBe(true);
    expect(section.validations).toEqual([
      expect.objectContaining({ address: "B13:B16", type: "decimalAtLeast", min: 0 }),
    ]);
  });

  test("projects: a name starting with = stays text; a direct-expenditure pool follows the direct costs", () => {
    const section = projectsSection(g, setup);
    const cells = cellsOf(section.blocks);
    expect(cells.get("A21")).toEqual({ kind: "text", value: "=Advice line", numberFormat: null });
    expect(cells.get("F19")?.value).toBe('="Driver: "&A13&" (Headcount)"');
    expect(cells.get("H20")).toEqual({
      kind: "formula",
      value: "=ROUND(MAX(0,B20),0)",
      numberFormat: "£#,##0",
    });
    expect(cells.get("F20")).toEqual({ kind: "value", value: 3, numberFormat: "General" });
    const list = section.validations?.find((v) => v.type === "list");
    expect(list).toEqual(expect.objectContaining({ address: "D20:D22", options: "=$A$6:$A$9" }));
    // no validation on the driver columns that are formulas
    expect(section.validations?.some((v) => rangeContains(v.address, "H20"))).toBe(false);
  });

  test("workings: the largest remainder in pence, as formulas", () => {
    const cells = cellsOf(workingsSection(g, setup).blocks);
    expect(cells.get("E65")?.value).toBe('=IFERROR(INDEX($E$6:$E$9,MATCH(D20,$A$6:$A$9,0)),"")');
    expect(cells.get("G65")?.value).toBe("=IF($I$13=0,0,($H$13*F65-H65)/$I$13)");
    expect(cells.get("H65")?.value).toBe("=IF($I$13=0,0,MOD($H$13*F65,$I$13))");
    expect(cells.get("I65")?.value).toBe(
      '=IF($I$13=0,0,IF(COUNTIF($H$65:$H$67,">"&H65)+COUNTIF($H$65:H65,H65)-1<$J$13,1,0))'
    );
    expect(cells.get("J65")?.value).toBe("=G65+I65");
    // the one answer in pence: expected, funder pays, organisation finds, already covered, still to find
    expect(["AA", "AB", "AC", "AD", "AE", "AF"].map((c) => cells.get(`${c}65`)?.value)).toEqual([
      "=B65+Z65",
      '=IF(E65="","",ROUND(AA65*E65/10000,0))',
      '=IF(E65="","",IF(C65="",AB65,MIN(C65,AB65)))',
      '=IF(E65="","",AA65-AC65)',
      '=IF(E65="","",IF(C65="",0,MIN(C65,AA65)-AC65))',
      '=IF(E65="","",AD65-AE65)',
    ]);
  });

  test("results: formulas over the workings, formats per column, recovery red only below what the basis expects", () => {
    const section = resultsSection(g, setup);
    const cells = cellsOf(section.blocks);
    expect(cells.get("B26")).toEqual({
      kind: "formula",
      value: "=B65/100",
      numberFormat: "£#,##0.00;-£#,##0.00",
    });
    expect(cells.get("N26")).toEqual({
      kind: "formula",
      value: '=IF(OR(C65="",AA65=0),"",C65/AA65)',
      numberFormat: "0.0%",
    });
    expect(cells.get("A29")?.value).toBe("Total");
    expect(cells.get("B29")?.value).toBe("=SUM($B$65:$B$67)/100");
    expect(cells.get("K26")?.value).toBe('=IF(E65="","",AC65/100)');
    expect(cells.get("O26")?.value).toBe('=IF(E65="","",AF65/100)');
    expect(section.conditionalFormats).toEqual([
      {
        address: "N26:N28",
        type: "formula",
        formula: "=AND(ISNUMBER(C65),ISNUMBER(AB65),C65<AB65)",
        fill: PALETTE.badFill,
        fontColor: PALETTE.badFont,
      },
    ]);
  });

  test("Price a service: inputs unlocked, outputs by formula with their notes", () => {
    const section = bidderSection(g, setup);
    const cells = cellsOf(section.blocks);
    expect(cells.get("B51")).toEqual({ kind: "text", value: "Befriending", numberFormat: null });
    expect(cells.get("B57")?.value).toBe("=(ROUND(MAX(0,B52)*100,0)+ROUND(MAX(0,B53)*100,0))/100");
    expect(cells.get("B61")?.numberFormat).toBe("0.0%");
    expect(cells.get("C57")?.value).toBe("Direct costs + share of overheads");
    expect(section.validations?.map((v) => v.address)).toEqual(["B55", "B52:B54"]);
  });
});

describe("a sheet a trustee can read", () => {
  const { spec } = buildCostRecoverySheet(riversideSample(), DEFAULT_SETTINGS);
  const visible = [...specCells(spec).values()].map((c) => String(c.value));

  test("no source codes such as 002:355 and no working jargon in any cell", () => {
    for (const text of visible) {
      expect([text, /\b00\d:\d+/.test(text)]).toEqual([text, false]);
      expect([
        text,
        /basis points|pence left after floors|\(working\)|\bVCS\b/i.test(text),
      ]).toEqual([text, false]);
    }
  });

  test("one set of terms: no match needed or shortfall; the notes define the terms used", () => {
    expect(visible.some((t) => /match needed|shortfall/i.test(t))).toBe(false);
    for (const term of ["Funder pays", "Organisation finds", "Already covered", "Still to find"])
      expect(visible.some((t) => t.startsWith(`${term}:`))).toBe(true);
  });

  test("no number format leaves a trailing point on a whole number", () => {
    const formats = [...specCells(spec).values()].map((c) => c.numberFormat ?? "General");
    expect(formats.filter((f) => /\.#|\.$/.test(f))).toEqual([]);
  });
});

describe("the whole spec", () => {
  test("blocks never overlap and stay inside the extent; the sheet is protected with its chart named by place", () => {
    const { spec, refs } = buildCostRecoverySheet(riversideSample(), DEFAULT_SETTINGS, {
      row: 3,
      col: 2,
    });
    const count = spec.blocks.reduce((n, b) => n + b.cells.length * b.cells[0].length, 0);
    const cells = specCells(spec);
    expect(cells.size).toBe(count);
    for (const address of cells.keys())
      expect([address, rangeContains(spec.extent!, address)]).toEqual([address, true]);
    expect(spec.protect).toBe(true);
    expect(spec.charts).toEqual([
      expect.objectContaining({
        type: "ColumnStacked",
        source: "C28:H31",
        name: `Full cost ${refs.range}`,
      }),
    ]);
    const extent = parseRange(spec.extent!)!;
    expect(spec.columnWidths).toHaveLength(extent.col2 - extent.col1 + 1);
    expect(spec.columnWidths?.[0]).toEqual({ col: 2, width: 260 });
  });
});

describe("Going further block", () => {
  const ratio = funderPresets(DEFAULT_SETTINGS).find((p) => p.id === "80/20")!;

  test("two years at 80/20 for the third project: below the notes, ordinary formulas over the workings, rates as inputs", () => {
    const setup = riversideSample();
    const plain = buildCostRecoverySheet(setup, DEFAULT_SETTINGS);
    const sheet = buildCostRecoverySheet(setup, DEFAULT_SETTINGS, undefined, "Cost recovery", {
      project: 2,
      years: 2,
      inflationPercent: 2.5,
      lineInflationPercent: [null, 0],
      preset: ratio,
      directCategory: "salaries and wages",
    });
    const g = sheet.geometry;
    expect(g.furtherTop).toBe(plain.geometry.bottom + 2);
    expect(sheet.refs.range).toBe(`A1:AF${g.bottom + 1}`);
    const refs = furtherRefs(g, 2)!;
    const cells = specCells(sheet.spec);
    const top = g.furtherTop! + 1;
    expect(cells.get(`A${top}`)?.value).toBe(
      `Going further: ${setup.projects[2].name} over 2 years`
    );
    expect(cells.get(`A${top + 1}`)?.value).toBe(
      "Funder rule: 80/20 organisation/funder (grants). Source: Wiltshire review (2007): for example 80/20 for grants."
    );
    // the general rate and each line's own (blank: general) are unlocked inputs, as percentages
    expect(cells.get(refs.general)).toMatchObject({ value: 0.025, numberFormat: "0.00%" });
    const firstLine = top + 5;
    expect([cells.get(`A${firstLine}`)?.value, cells.get(`A${firstLine + 1}`)?.value]).toEqual([
      "Direct costs",
      `=""&A${g.firstPoolRow + 1}`,
    ]);
    expect([cells.get(`B${firstLine}`)?.value, cells.get(`B${firstLine + 1}`)?.value]).toEqual([
      "",
      0,
    ]);
    // year 1 from the workings (pence); year 2 rounded half up from year 1 at the line's rate
    const direct = `$B$${g.firstWorkingRow + 3}`;
    expect(cells.get(`C${firstLine}`)?.value).toBe(`=${direct}/100`);
    expect(cells.get(`D${firstLine}`)?.value).toBe(
      `=ROUND(ROUND(${direct}*POWER(1+ROUND(IF(B${firstLine}="",$B$${top + 3},B${firstLine})*10000,0)/10000,1),6),0)/100`
    );
    const formulas = [...cells.values()].map((c) => String(c.value));
    expect(formulas.some((f) => /FUNDING\./.test(f))).toBe(false);
    expect(formulas.some((f) => /\b00[0-4]:\d/.test(f))).toBe(false);
    const unlocked = sheet.spec.blocks.filter((b) => b.unlocked && b.row >= g.furtherTop!);
    expect(unlocked.map((b) => [b.row, b.col, b.cells.length])).toEqual([
      [top + 2, 1, 1],
      [firstLine - 1, 1, 1 + setup.pools.length],
    ]);
  });
});
