/**
 * Generating an evaluation workbook for 50 bids x 30 criteria x 7 evaluators on the workbook
 * double: syncs, largest request, time; and reading the returns back ("Check returns").
 */
import { MemoryWorkbook } from "../packages/excel-double/src";
import { DEFAULT_SETTINGS } from "../src/domain/settings/settings";
import { defaultDescriptors, type EvaluationDraft } from "../src/domain/evaluation/setup";
import { checkEvaluationReturns, generateEvaluationWorkbook } from "../src/excel/evaluation";
import { collectReturns, prepareEvaluatorFiles } from "../src/excel/evaluatorFiles";

function bigPanel(bids: number, criteria: number, evaluators: number): EvaluationDraft {
  const scored = criteria - 1;
  const sv = 2;
  const each = Math.floor((6000 - 500 * sv) / (scored - sv));
  const crit = Array.from({ length: scored }, (_, k) => ({
    name: `Criterion ${k + 1}`,
    group: k < scored - sv ? "quality" : "socialValue",
    weight: (k < scored - sv ? each : 500) / 100,
    minimum: "",
  }));
  const used = crit.reduce((s, c) => s + Math.round(c.weight * 100), 0);
  crit.push({ name: "Price", group: "price", weight: (10000 - used) / 100, minimum: "" });
  return {
    tenderName: "Benchmark tender",
    criteria: crit,
    scaleMax: 5,
    descriptors: defaultDescriptors(5),
    bidders: Array.from({ length: bids }, (_, b) => ({
      name: `Bidder ${b + 1}`,
      price: 50000 + 137 * b,
    })),
    evaluators: Array.from({ length: evaluators }, (_, e) => `Member ${e + 1}`),
    priceMethod: "lowest",
    spreadLimit: 1,
    qualityThreshold: 50,
  };
}

describe("evaluation workbook benchmark", () => {
  it("generates 50 bids x 30 criteria x 7 evaluators and checks the returns", async () => {
    const d = bigPanel(50, 30, 7);
    const wb = new MemoryWorkbook();
    wb.resetCounters();
    let t = Date.now();
    const out = await wb.run((ctx) => generateEvaluationWorkbook(ctx, d, DEFAULT_SETTINGS));
    const genMs = Date.now() - t;
    expect(out.status).toBe("done");
    console.log(
      `evaluation generate 50x30x7: ${wb.syncCount} syncs, largest request ${(wb.largestRequestBytes / 1e6).toFixed(2)} MB, ${genMs} ms`
    );
    wb.resetCounters();
    t = Date.now();
    const checks = await wb.run((ctx) => checkEvaluationReturns(ctx, DEFAULT_SETTINGS));
    const chkMs = Date.now() - t;
    expect(checks.status).toBe("done");
    console.log(
      `evaluation check returns 50x30x7: ${wb.syncCount} syncs, largest request ${(wb.largestRequestBytes / 1e6).toFixed(2)} MB, ${chkMs} ms, ${checks.status === "done" ? checks.problems.length : 0} problems on a blank return`
    );
    // Send to evaluators (7 .xlsx files) and collect them straight back (as returned blank).
    const load = () => import("exceljs");
    wb.resetCounters();
    t = Date.now();
    const sent = await wb.run((ctx) => prepareEvaluatorFiles(ctx, DEFAULT_SETTINGS, load));
    const sendMs = Date.now() - t;
    if (sent.status !== "done") throw new Error(sent.message);
    const kb = sent.files.reduce((s, f) => s + f.bytes.length, 0) / 1024;
    console.log(
      `evaluation send to evaluators 50x30x7: ${wb.syncCount} syncs, ${sent.files.length} files, ${kb.toFixed(0)} KB in all, ${sendMs} ms`
    );
    wb.resetCounters();
    t = Date.now();
    const back = await wb.run((ctx) =>
      collectReturns(
        ctx,
        DEFAULT_SETTINGS,
        load,
        sent.files.map((f) => ({ name: f.fileName, data: f.bytes }))
      )
    );
    const collectMs = Date.now() - t;
    expect(back.status).toBe("done");
    console.log(
      `evaluation collect returns 50x30x7: ${wb.syncCount} syncs, largest request ${(wb.largestRequestBytes / 1e6).toFixed(2)} MB, ${collectMs} ms, ${back.status === "done" ? back.imported.length : 0} returns imported`
    );
  });
});
