/**
 * The summary's mix: shares that show to 0.1% and add to exactly 100.0% while staying live
 * formulas (evaluated here by the workbook double), the mix by financial year and by group, and
 * flag sources written as the document and paragraph a reader can look up.
 */
import fc from "fast-check";
import { MemoryWorkbook } from "../../../packages/excel-double/src";
import { specCells } from "../../../src/sheets/spec";
import { cellAddress } from "../../../src/sheets/a1";
import { checkPasses } from "../../../src/sheets/register/checks";
import {
  buildSummarySheet,
  FLAG_COLUMNS,
  MIX_LINE_COLUMNS,
  shareFormulas,
  summaryGeometry,
  UNKNOWN_YEAR_LABEL,
} from "../../../src/sheets/register/summarySheet";
import { classifyRegisterRow, detectMapping } from "../../../src/domain/classification/register";
import { modePercentTenths, summarise } from "../../../src/domain/classification/summary";
import { FLAG_CODES, MODES, type Mode } from "../../../src/domain/classification/classify";
import { DEFAULT_SETTINGS } from "../../../src/domain/settings/settings";

/** Evaluate the share formulas over mode values (pence) in B1:D1, total in E1; shares in F1:H1. */
function sharesShown(
  wb: MemoryWorkbook,
  pence: readonly number[]
): { values: number[]; text: string[] } {
  const formulas = shareFormulas(["B1", "C1", "D1"], "E1");
  wb.setCells("S", "B1:H1", [[...pence.map((p) => p / 100), "=ROUND(SUM(B1:D1),2)", ...formulas]]);
  wb.setNumberFormats("S", "F1:H1", "0.0%");
  return {
    values: wb.getValues("S", "F1:H1")[0] as number[],
    text: wb.getText("S", "F1:H1")[0],
  };
}
const byMode = (pence: readonly number[]) =>
  Object.fromEntries(MODES.map((m, i) => [m, { count: 1, pence: pence[i] }])) as Record<
    Mode,
    { count: number; pence: number }
  >;

describe("shares of value that add to 100.0%", () => {
  const wb = new MemoryWorkbook({ sheets: ["S"] });

  test("a third each shows 33.4%, 33.3%, 33.3% (not 33.3% three times, 99.9%)", () => {
    const r = sharesShown(wb, [100000, 100000, 100000]);
    expect(r.text).toEqual(["33.4%", "33.3%", "33.3%"]);
    // 1:1:4 -- each rounded would show 16.7% + 16.7% + 66.7% = 100.1%. Worked by hand: floors
    // 166, 166, 666 (998 tenths), every remainder 2/3 of a tenth, so the two tenths left go to the
    // first two modes (ties to the earlier): 16.7% + 16.7% + 66.6% = 100.0%.
    expect(sharesShown(wb, [100, 100, 400]).text).toEqual(["16.7%", "16.7%", "66.6%"]);
    expect(sharesShown(wb, [0, 0, 0]).values).toEqual([0, 0, 0]);
    expect(sharesShown(wb, [0, 123456, 0]).text).toEqual(["0.0%", "100.0%", "0.0%"]);
  });

  test("property: the live formulas give the add-in's largest-remainder tenths, which add to 1000", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5_000_000_000 }), { minLength: 3, maxLength: 3 }),
        (pence) => {
          const { values } = sharesShown(wb, pence);
          const tenths = modePercentTenths(byMode(pence));
          const total = pence.reduce((a, b) => a + b, 0);
          expect(values.map((v) => Math.round(v * 1000))).toEqual(MODES.map((m) => tenths[m]));
          expect(values.every((v, i) => Math.abs(v - tenths[MODES[i]] / 1000) < 1e-12)).toBe(true);
          expect(MODES.reduce((a, m) => a + tenths[m], 0)).toBe(total === 0 ? 0 : 1000);
        }
      ),
      { numRuns: 150 }
    );
  });
});

describe("the mix by financial year and by group on the summary sheet", () => {
  const headers = [
    "Department",
    "Annual value (£)",
    "Outputs specified",
    "Recipient tier",
    "Current label",
    "Financial year",
  ];
  const rows: (string | number)[][] = [
    ["Adults", 10000, "yes", "frontline", "contract", "2023/24"],
    ["Adults", 20000, "no", "frontline", "grant", "2023/24"],
    ["Children", 40000, "no", "infrastructure", "grant", "2024/25"],
    ["Children", 10000, "yes", "frontline", "contract", "2024/25"],
    ["Children", 20000, "no", "frontline", "grant", ""],
  ];
  const mapping = detectMapping(headers);
  const outcomes = rows.map((r, i) =>
    classifyRegisterRow(r, i + 2, mapping, headers, false, DEFAULT_SETTINGS)
  );
  const summary = summarise(
    outcomes,
    rows.map((r) => r[0])
  );
  const refs = {
    value: "'R'!$B$2:$B$6",
    mode: "'R'!$G$2:$G$6",
    fundingType: "'R'!$H$2:$H$6",
    flags: "'R'!$N$2:$N$6",
    group: "'R'!$A$2:$A$6",
    year: "'R'!$F$2:$F$6",
  };

  test("the register maps its financial year and every row is classified", () => {
    expect(mapping.financialYear).toBe(5);
    expect(outcomes.every((o) => o.ok === true)).toBe(true);
  });

  test("live: the sheet evaluated in the workbook reconciles, and every line's shares show 100.0%", () => {
    const L = buildSummarySheet(summary, refs, {
      useFormulas: true,
      groupHeader: "Department",
      source: "'R'!A1:F6",
    });
    const wb = new MemoryWorkbook({ sheets: ["R", "Funding summary"] });
    // The register with its Mode and Funding type result columns, as the add-in writes them.
    wb.setCells("R", "A1:H6", [
      [...headers, "Mode", "Funding type"],
      ...rows.map((r, i) => {
        const o = outcomes[i];
        return [
          ...r,
          o.ok === true ? o.classification.mode : "",
          o.ok === true ? o.classification.fundingType : "",
        ];
      }),
    ]);
    const cells = specCells(L.spec);
    for (const [address, cell] of cells)
      if (cell.value !== null && cell.value !== "")
        wb.setCells("Funding summary", address, [
          [cell.kind === "text" ? `'${String(cell.value)}` : cell.value],
        ]);
    const g = summaryGeometry(2, 0, 3);
    const grid = wb.getValues("Funding summary", `A1:I${g.rows}`);
    for (const c of L.checks)
      expect([c.what, checkPasses(c, grid[c.row][c.col])]).toEqual([c.what, true]);

    // Mix by financial year: the years in order, the unknown year last.
    const years = g.byYear!;
    expect(grid[years.titleRow][0]).toBe("Mix by financial year");
    const label = (i: number) => grid[years.firstRow + i][MIX_LINE_COLUMNS.label];
    expect([label(0), label(1), label(2)]).toEqual(["2023/24", "2024/25", UNKNOWN_YEAR_LABEL]);
    // Mix by department, after it.
    expect(grid[g.groupMix!.titleRow][0]).toBe("Mix by department");
    for (const s of [years, g.groupMix!])
      for (let i = 0; i < s.rows; i++) {
        const shares = MODES.map(
          (_, k) => grid[s.firstRow + i][MIX_LINE_COLUMNS.firstShare + k] as number
        );
        const tenths = shares.map((v) => Math.round(v * 1000));
        expect(tenths.reduce((a, b) => a + b, 0)).toBe(1000);
      }
    // The figures follow the register: a new value for a 2023/24 row changes that line.
    const before = grid[years.firstRow][MIX_LINE_COLUMNS.total];
    wb.setCells("R", "B2", [[15000]]);
    const after = wb.getValues("Funding summary", `A1:I${g.rows}`)[years.firstRow][
      MIX_LINE_COLUMNS.total
    ];
    expect([before, after]).toEqual([30000, 35000]);
  });

  test("values layout: the same lines with the engine's figures; no year table without years", () => {
    const L = buildSummarySheet(summary, refs, {
      useFormulas: false,
      groupHeader: "Department",
      source: "x",
    });
    const cells = specCells(L.spec);
    for (const c of L.checks)
      expect(checkPasses(c, cells.get(cellAddress(c.row, c.col))?.value)).toBe(true);
    expect(
      [...cells.values()].some((c) => typeof c.value === "string" && c.value.startsWith("="))
    ).toBe(false);
    const none = summarise(
      outcomes.map((o) => (o.ok === true ? { ...o, financialYear: null } : o))
    );
    const N = buildSummarySheet(
      none,
      { ...refs, group: null },
      { useFormulas: true, groupHeader: null, source: "x" }
    );
    const texts = [...specCells(N.spec).values()].map((c) => c.value);
    expect(texts).not.toContain("Mix by financial year");
    expect(texts.some((t) => typeof t === "string" && t.startsWith("Mix by department"))).toBe(
      false
    );
  });

  test("flag sources are the document and paragraph, never a code such as 002:262", () => {
    const L = buildSummarySheet(summary, refs, {
      useFormulas: true,
      groupHeader: "Department",
      source: "x",
    });
    const g = summaryGeometry(2, 0, 3);
    const cells = specCells(L.spec);
    const source = (f: string) =>
      cells.get(cellAddress(g.flags.firstRow + FLAG_CODES.indexOf(f as never), FLAG_COLUMNS.source))
        ?.value;
    expect(source("grant-with-outputs")).toBe(
      'Wiltshire funding review (2007), "Shopping, investing, giving", paragraph 5'
    );
    for (const c of cells.values())
      if (typeof c.value === "string" && !c.value.startsWith("="))
        expect(c.value).not.toMatch(/\b00[0-4]:\d/);
  });
});
