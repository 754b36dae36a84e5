/**
 * The staged evaluation in the generated workbook: the Gateway sheet, the tie-break, price per
 * quality point and the abnormally low flag, computed by the workbook's own formulas, agree with
 * the results worked out by hand (and with the engine).
 */
import { MemoryWorkbook } from "../../packages/excel-double/src";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";
import { validateEvaluationSetup, type EvaluationDraft } from "../../src/domain/evaluation/setup";
import { computeResults, STATUS_TEXT } from "../../src/domain/evaluation/results";
import { evaluationRefs, RESULTS_SHEET } from "../../src/sheets/evaluation/geometry";
import {
  checkEvaluationReturns,
  generateEvaluationWorkbook,
  writeAssessmentSummaries,
} from "../../src/excel/evaluation";
import { draft } from "../support/evaluationModel";

const S = DEFAULT_SETTINGS;
const C = RESULTS_SHEET.columns;

async function evaluate(d: EvaluationDraft, consensus: number[][], gateway?: string[][]) {
  const wb = new MemoryWorkbook();
  expect((await wb.run((ctx) => generateEvaluationWorkbook(ctx, d, S))).status).toBe("done");
  const m = validateEvaluationSetup(d, S).model!;
  const refs = evaluationRefs(m);
  const rows = consensus.flatMap((r) => r.map((s) => [s, "Agreed"]));
  wb.setCells("Moderation", refs.consensusBlock, rows);
  if (gateway && refs.gatewayBlock)
    wb.setCells(
      "Gateway",
      refs.gatewayBlock,
      gateway.flat().map((a) => [a, `Checked: ${a}`])
    );
  const sheet = wb.getValues("Results", refs.resultsBlock).map((r) => ({
    status: r[C.status],
    rank: r[C.rank],
    total: r[C.total],
    perPoint: r[C.perPoint],
    gateway: r[C.gateway],
    low: r[C.abnormallyLow],
  }));
  const answers = gateway ? { answers: gateway } : undefined;
  return { wb, m, sheet, engine: computeResults(m, consensus, answers) };
}

describe("stages in the workbook", () => {
  it("gateway before scoring; price among the bids that pass; abnormally low flagged", async () => {
    // Quality 60 (Delivery 30, Outcomes 30), price 30, social value 10.
    const d = draft({ gateway: ["Insurance certificate"] });
    const { sheet, engine, wb } = await evaluate(
      d,
      [
        [4, 4, 4],
        [3, 3, 3],
        [5, 5, 5],
      ],
      [["Pass"], ["Pass"], ["Fail"]]
    );
    expect(sheet.map((r) => r.gateway)).toEqual(["Pass", "Pass", "Fail"]);
    expect(sheet.map((r) => r.status)).toEqual([
      STATUS_TEXT.passed,
      STATUS_TEXT.passed,
      STATUS_TEXT.failedGateway,
    ]);
    // Alpha 56 + 30 x 70/100 = 77; Beta 42 + 30 = 72; Gamma excluded.
    expect(sheet.map((r) => r.total)).toEqual([77, 72, 70]);
    expect(sheet.map((r) => r.rank)).toEqual([1, 2, ""]);
    // Mean of £100,000 and £70,000 = £85,000; 80% = £68,000: neither is flagged.
    expect(sheet.map((r) => r.low)).toEqual(["", "", ""]);
    expect(engine.bids.map((b) => b.rank)).toEqual([1, 2, null]);
    expect(wb.formulaErrors()).toEqual([]);
    const checks = await wb.run((ctx) => checkEvaluationReturns(ctx, S));
    if (checks.status !== "done") throw new Error(checks.status);
    expect(checks.results.winners).toEqual(["Alpha Trust"]);
    expect(checks.problems.filter((p) => p.sheet === "Gateway")).toEqual([]);
    expect(checks.tipping.applicable).toBe(true);
  });

  it("price per quality point and the quality tie-break, by hand", async () => {
    const d = draft({
      criteria: [
        { name: "Q1", group: "quality", weight: 60, minimum: "" },
        { name: "Q2", group: "quality", weight: 30, minimum: "" },
        { name: "SV", group: "socialValue", weight: 10, minimum: "" },
      ],
      priceMethod: "perQualityPoint",
      tieBreak: "quality",
      bidders: [
        { name: "A", price: 90000 },
        { name: "B", price: 60000 },
        { name: "C", price: 50000 },
        { name: "D", price: 45000 },
      ],
    });
    // A 90 points (£1,000 a point); B 64 (£937.50); C 40 (£1,250); D 36 (£1,250: ties with C,
    // and C's higher quality ranks it first).
    const { sheet, engine } = await evaluate(d, [
      [5, 4, 3],
      [3, 3, 5],
      [2, 2, 2],
      [2, 2, 0],
    ]);
    expect(sheet.map((r) => r.perPoint)).toEqual([1000, 937.5, 1250, 1250]);
    expect(sheet.map((r) => r.rank)).toEqual([2, 1, 3, 4]);
    expect(engine.bids.map((b) => b.rank)).toEqual([2, 1, 3, 4]);
    // D's £45,000 is below 80% of the mean (£61,250 x 0.8 = £49,000).
    expect(sheet.map((r) => r.low !== "")).toEqual([false, false, false, true]);
    expect(engine.bids.map((b) => b.abnormallyLow !== null)).toEqual([false, false, false, true]);
  });

  it("summaries are refused until the results are complete, then give the exclusion reason", async () => {
    const d = draft({ gateway: ["Insurance certificate"] });
    const { wb } = await evaluate(
      d,
      [
        [4, 4, 4],
        [3, 3, 3],
        [5, 5, 5],
      ],
      [["Pass"], [""], ["Fail"]]
    );
    const refused = await wb.run((ctx) => writeAssessmentSummaries(ctx, S));
    expect(refused).toMatchObject({ status: "incomplete", missing: ["Beta CIC"] });
    expect(wb.sheetNames().some((n) => n.startsWith("Summary"))).toBe(false);
    wb.setCells("Gateway", "C6:D6", [["Pass", "Seen"]]);
    const out = await wb.run((ctx) => writeAssessmentSummaries(ctx, S));
    expect(out.status).toBe("done");
    const gamma = wb.getValues("Summary Gamma Ltd", "A3:B5");
    expect(gamma).toEqual([
      ["Outcome", "Excluded: this bid was not ranked"],
      ["Most advantageous tender", "Alpha Trust"],
      [
        "Why the bid was excluded",
        'Failed the gateway question "Insurance certificate": Checked: Fail',
      ],
    ]);
  });
});
