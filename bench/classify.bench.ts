/**
 * FUNDING.CLASSIFY and the register workflow: rows per second in the engine on Excel's row limit,
 * the function over the same range, and the workflow on the workbook double with 100,000 rows
 * (syncs and largest request, beside what a naive row-by-row version would need).
 */
import { classify } from "../src/domain/classification/classify";
import { DEFAULT_SETTINGS } from "../src/domain/settings/settings";
import { classifyFunding } from "../src/functions/classify";
import { classifyRegister, DEFAULT_CHUNK_ROWS, findRegister } from "../src/excel/register";
import { MemoryWorkbook } from "../packages/excel-double/src";

const EXCEL_ROWS = 1048576;

function inputs(n: number) {
  const value: (number | string)[][] = new Array(n);
  const outputs: string[][] = new Array(n);
  const tier: string[][] = new Array(n);
  const label: string[][] = new Array(n);
  const labels = ["grant", "SLA", "contract", "", "small grant"];
  for (let i = 0; i < n; i++) {
    value[i] = [i % 7 === 0 ? `£${(i % 150000).toLocaleString("en-GB")}.50` : (i * 37) % 150000];
    outputs[i] = [i % 3 === 0 ? "yes" : "no"];
    tier[i] = [i % 5 === 0 ? "infrastructure" : "frontline"];
    label[i] = [labels[i % labels.length]];
  }
  return { value, outputs, tier, label };
}

test("engine and function on 1,048,576 rows", () => {
  const { value, outputs, tier, label } = inputs(EXCEL_ROWS);
  let t = process.hrtime.bigint();
  let ok = 0;
  for (let i = 0; i < EXCEL_ROWS; i++) {
    const r = classify(
      {
        annualValue: value[i][0],
        outputsSpecified: outputs[i][0],
        recipientTier: tier[i][0],
        currentLabel: label[i][0],
        competitivelySelected: "no",
        termYears: 2,
      },
      DEFAULT_SETTINGS
    );
    if (r.ok) ok++;
  }
  let ms = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(
    `engine classify(): ${EXCEL_ROWS.toLocaleString("en-GB")} rows in ${ms.toFixed(0)} ms = ${Math.round(EXCEL_ROWS / (ms / 1000)).toLocaleString("en-GB")} rows/s (${ok} classified)`
  );

  t = process.hrtime.bigint();
  const out = classifyFunding(value, outputs, tier, label, [["no"]], null as never, [[2]]);
  ms = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(
    `FUNDING.CLASSIFY over A1:A${EXCEL_ROWS}: one call, ${out.length.toLocaleString("en-GB")} rows returned in ${ms.toFixed(0)} ms = ${Math.round(EXCEL_ROWS / (ms / 1000)).toLocaleString("en-GB")} rows/s`
  );
});

test("register workflow on the double, 100,000 rows", async () => {
  const n = 100000;
  const wb = new MemoryWorkbook();
  wb.addSheet("Register");
  const rows: (string | number)[][] = [["Organisation", "Department", "Type", "Amount", "Tier"]];
  const types = ["Grant", "Contract", "SLA"];
  for (let i = 0; i < n; i++)
    rows.push([
      `Org ${i}`,
      `Dept ${i % 12}`,
      types[i % 3],
      ((i * 7919) % 150000) / 100,
      i % 9 === 0 ? "infrastructure" : "",
    ]);
  wb.setCells("Register", `A1:E${n + 1}`, rows);
  wb.select("Register", "B2");
  const t = process.hrtime.bigint();
  wb.resetCounters();
  const found = await wb.run((context) => findRegister(context));
  if (!found.ok) throw new Error(found.message);
  const res = await wb.run((context) =>
    classifyRegister(context, found.info, {
      mapping: found.info.mapping,
      inferOutputs: true,
      groupBy: "department",
      settings: DEFAULT_SETTINGS,
    })
  );
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (res.status !== "done") throw new Error(res.status);
  console.log(
    `workflow, ${n.toLocaleString("en-GB")} rows, chunks of ${DEFAULT_CHUNK_ROWS.toLocaleString("en-GB")}: ${wb.syncCount} syncs, largest request ${(wb.largestRequestBytes / 1e6).toFixed(2)} MB, ${ms.toFixed(0)} ms on the double; reconciles: ${res.reconciliation.ok} (${res.reconciliation.checked} figures)`
  );
  console.log(
    `naive row-by-row version: ${n.toLocaleString("en-GB")} reads + ${n.toLocaleString("en-GB")} writes = ${(2 * n).toLocaleString("en-GB")} syncs (at least ${n.toLocaleString("en-GB")} with reads and writes batched together per row); computed, not run`
  );
});
