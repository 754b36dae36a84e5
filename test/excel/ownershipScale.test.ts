/**
 * Writer limits at scale, on the double's own request measurements: a register of 30,000 rows
 * that cannot be classified, and a summary of 5,000 groups, each complete with every request
 * under REQUEST_BUDGET_BYTES, first run and rerun.
 */
import { MemoryWorkbook, installExcelGlobals } from "../../packages/excel-double/src";
import { classifyRegister, findRegister } from "../../src/excel/register";
import { runInExcel } from "../../src/excel/run";
import { REQUEST_BUDGET_BYTES } from "../../src/excel/writer";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";

async function classifyOn(wb: MemoryWorkbook, sheet: string) {
  const restore = installExcelGlobals(wb);
  try {
    wb.select(sheet, "A1");
    const found = await runInExcel((c) => findRegister(c));
    if (!found.ok) throw new Error(found.message);
    const info = found.info;
    return await runInExcel((c) =>
      classifyRegister(c, info, {
        mapping: info.mapping,
        inferOutputs: info.inferOutputs,
        groupBy: "department",
        settings: DEFAULT_SETTINGS,
      })
    );
  } finally {
    restore();
  }
}

const largest = (wb: MemoryWorkbook) => Math.max(...wb.requests.map((r) => r.bytes));

test("30,000 rows that cannot be classified: done, every request under the budget, twice", async () => {
  const wb = new MemoryWorkbook();
  wb.addSheet("R");
  const n = 30000;
  const rows: (string | number)[][] = [["Organisation", "Department", "Type", "Value", "Tier"]];
  for (let i = 0; i < n; i++)
    rows.push([`Organisation ${i}`, `Dept ${i % 4}`, "Grant", `tbc ${i}`, "frontline"]);
  wb.setCells("R", `A1:E${n + 1}`, rows);
  for (let run = 0; run < 2; run++) {
    wb.resetCounters();
    const r = await classifyOn(wb, "R");
    if (r.status !== "done") throw new Error(r.status);
    expect(r.summary.unclassified.length).toBe(n);
    expect(wb.requests.every((q) => q.ok)).toBe(true);
    expect(largest(wb)).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
  }
  const names = wb.sheetNames().filter((s) => s.startsWith("Funding summary"));
  expect(names).toEqual(["Funding summary"]);
}, 600000);

test("5,000 groups and 30,000 rows that cannot be classified: done, every request under the budget, twice", async () => {
  const wb = new MemoryWorkbook();
  wb.addSheet("R");
  const groups = 5000;
  const bad = 30000;
  const rows: (string | number)[][] = [["Organisation", "Department", "Type", "Value", "Tier"]];
  // amounts as text ("£1,200"): the summary holds the add-in's values (formulas over 5,000
  // groups would take the double's formula engine many minutes); group names up to 320 characters
  for (let i = 0; i < groups; i++)
    rows.push([
      `Organisation ${i}`,
      `Department of ${"x".repeat(i % 300)} ${i}`,
      "Grant",
      `£${1000 + i}`,
      "frontline",
    ]);
  for (let i = 0; i < bad; i++)
    rows.push([`Organisation ${groups + i}`, "Adults", "Grant", `tbc ${i}`, "frontline"]);
  wb.setCells("R", `A1:E${groups + bad + 1}`, rows);
  for (let run = 0; run < 2; run++) {
    wb.resetCounters();
    const r = await classifyOn(wb, "R");
    if (r.status !== "done") throw new Error(r.status);
    expect(r.summary.groups.length).toBe(groups);
    expect(r.summary.unclassified.length).toBe(bad);
    expect(r.reconciliation.ok).toBe(true);
    expect(wb.requests.every((q) => q.ok)).toBe(true);
    expect(largest(wb)).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
  }
}, 600000);
