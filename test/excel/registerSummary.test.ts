/**
 * The "Funding summary" of a 360Giving register classified through the same code path as the
 * task pane: the mix by financial year and by department as live formulas whose shares show to
 * 0.1% and add to 100.0%, following an edit to the register; flag sources written as the
 * document and paragraph.
 */
import { MemoryWorkbook } from "../../packages/excel-double/src";
import { classifyRegister, findRegister } from "../../src/excel/register";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";

type Cell = string | number | boolean | null;

const HEADERS = [
  "Identifier",
  "Title",
  "Amount Awarded",
  "Award Date",
  "Planned Dates:Duration (months)",
  "Recipient Org:Name",
  "Funding Org:Name",
  "Funding Org:Department",
  "Outputs specified",
  "Recipient tier",
];
// Three awards a third each in 2023/24 (shares 33.3% would add to 99.9%), two in 2024/25.
const ROWS: Cell[][] = [
  [
    "G-1",
    "Carers contract",
    10000,
    "2023-05-01",
    12,
    "Oak Carers",
    "Council",
    "Adults",
    "yes",
    "frontline",
  ],
  [
    "G-2",
    "Lunch club grant",
    10000,
    "2023-06-01",
    12,
    "Elm Club",
    "Council",
    "Adults",
    "no",
    "frontline",
  ],
  [
    "G-3",
    "CVS core grant",
    10000,
    "01/07/2023",
    12,
    "Ash CVS",
    "Council",
    "Children",
    "no",
    "infrastructure",
  ],
  [
    "G-4",
    "Advice contract",
    24000,
    "2024-04-01",
    24,
    "Ash Advice",
    "Council",
    "Children",
    "yes",
    "frontline",
  ],
  [
    "G-5",
    "Youth grant",
    6000,
    "2024-09-01",
    12,
    "Yew Youth",
    "Council",
    "Children",
    "no",
    "frontline",
  ],
];

/** The rows of the summary section titled `title`, up to the blank row after it. */
function section(wb: MemoryWorkbook, title: string, text = false): Cell[][] {
  const grid = (
    text ? wb.getText("Funding summary", "A1:I120") : wb.getValues("Funding summary", "A1:I120")
  ) as Cell[][];
  const values = wb.getValues("Funding summary", "A1:I120") as Cell[][];
  const start = values.findIndex((r) => r[0] === title);
  if (start < 0) throw new Error(`no section ${title}`);
  const out: Cell[][] = [];
  for (let i = start + 2; i < grid.length && values[i][0] !== "" && values[i][0] !== null; i++)
    out.push(grid[i]);
  return out;
}
const addsTo100 = (shares: Cell[]) =>
  shares.reduce((a: number, s) => a + Math.round(parseFloat(String(s)) * 10), 0);

describe("the summary of a 360Giving register", () => {
  test("mix by financial year and by department: live, each line's shares show 100.0%; sources readable", async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet("Grants");
    wb.setCells("Grants", "A1:J6", [HEADERS, ...ROWS]);
    wb.select("Grants", "B2");
    const found = await wb.run((context) => findRegister(context));
    if (!found.ok) throw new Error(found.message);
    const info = found.info;
    const r = await wb.run((context) =>
      classifyRegister(context, info, {
        mapping: info.mapping,
        inferOutputs: info.inferOutputs,
        groupBy: "department",
        settings: DEFAULT_SETTINGS,
      })
    );
    if (r.status !== "done") throw new Error(JSON.stringify(r));
    expect(r.usedFormulas).toBe(true);
    expect(r.reconciliation).toEqual({ ok: true, checked: expect.any(Number), mismatches: [] });

    const years = section(wb, "Mix by financial year", true);
    expect(years.map((l) => l[0])).toEqual(["2023/24", "2024/25"]);
    // 2023/24: £10,000 shopping (the contract with outputs), £10,000 giving, £10,000 investing (CVS).
    for (const line of years) expect(addsTo100(line.slice(5, 8))).toBe(1000);
    expect(years[0].slice(5, 8).every((s) => s === "33.3%" || s === "33.4%")).toBe(true);
    const departments = section(wb, "Mix by funding org:department", true);
    expect(departments.map((l) => l[0])).toEqual(["Adults", "Children"]);
    for (const line of departments) expect(addsTo100(line.slice(5, 8))).toBe(1000);
    const overall = section(wb, "Mix of shopping, investing and giving", true);
    expect(addsTo100(overall.slice(0, 3).map((l) => l[2]))).toBe(1000);
    expect(overall[3][2]).toBe("100.0%");

    // The shares are formulas: the user changes an amount and the year's mix follows.
    const formulas = wb.getFormulas("Funding summary", "A1:I120").flat();
    expect(
      formulas.filter((f) => typeof f === "string" && f.includes("SUMPRODUCT(--(")).length
    ).toBeGreaterThan(10);
    // (The summary reads the Annual value (£) column the add-in worked out, the user's to correct.)
    const header = wb.getValues("Grants", "A1:Z1")[0];
    const annual = String.fromCharCode(65 + header.indexOf("Annual value (£)"));
    expect(annual).toBe("K");
    wb.setCells("Grants", `${annual}2`, [[20000]]);
    const after = section(wb, "Mix by financial year", true);
    expect(after[0].slice(5, 8)).not.toEqual(years[0].slice(5, 8));
    expect(addsTo100(after[0].slice(5, 8))).toBe(1000);

    // Flag sources as a reader looks them up.
    const flags = section(wb, "Flags");
    for (const line of flags) expect(String(line[3])).not.toMatch(/\b00[0-4]:\d/);
    expect(flags.map((l) => l[3])).toContain(
      'Wiltshire funding review (2007), "Shopping, investing, giving", paragraph 5'
    );
  });
});
