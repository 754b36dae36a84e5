import fc from "fast-check";
import { MemoryWorkbook } from "../../packages/excel-double/src";
import {
  validateEvaluationSetup,
  scoredCriteria,
  defaultDescriptors,
  type EvaluationDraft,
  type EvaluationModel,
} from "../../src/domain/evaluation/setup";
import { computeResults, STATUS_TEXT } from "../../src/domain/evaluation/results";
import {
  evaluationRefs,
  evaluationSheetNames,
  moderationColumns,
  MODERATION_SHEET,
  RESULTS_SHEET,
} from "../../src/sheets/evaluation/geometry";
import { rangeAddress } from "../../src/sheets/a1";
import {
  BID_CONFLICT as CONFLICT,
  BID_NO_CONFLICT as NO_CONFLICT,
} from "../../src/domain/evaluation/words";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";
import {
  checkEvaluationReturns,
  generateEvaluationWorkbook,
  loadSetups,
  saveSetup,
  writeAssessmentSummaries,
  CURRENT_KEY,
  SETUPS_KEY,
} from "../../src/excel/evaluation";
import { draft, domainExample } from "../support/evaluationModel";
import { modelToDraft } from "../../src/domain/evaluation/setup";

const S = DEFAULT_SETTINGS;

async function generate(wb: MemoryWorkbook, d: EvaluationDraft) {
  return wb.run((ctx) => generateEvaluationWorkbook(ctx, d, S));
}

/** A cell the member has (their criterion): an address, never null. */
function at(address: string | null): string {
  if (address === null) throw new Error("the criterion is not assigned to this member");
  return address;
}

function checked(d: EvaluationDraft): EvaluationModel {
  const v = validateEvaluationSetup(d, S);
  if (!v.model) throw new Error(v.errors.map((e) => e.message).join("; "));
  return v.model;
}

/** Put consensus scores (bidder x scored criterion; null = blank) and rationale into Moderation. */
function fillConsensus(
  wb: MemoryWorkbook,
  m: EvaluationModel,
  scores: (number | null)[][],
  rationale = "Agreed at panel"
) {
  const refs = evaluationRefs(m);
  const nK = scoredCriteria(m).length;
  const rows: (string | number)[][] = [];
  for (let b = 0; b < m.bidders.length; b++)
    for (let k = 0; k < nK; k++)
      rows.push([scores[b][k] ?? "", scores[b][k] === null ? "" : rationale]);
  wb.setCells(refs.names.moderation, refs.consensusBlock, rows);
}

const RES_COLS = RESULTS_SHEET.columns;

function readResults(wb: MemoryWorkbook, m: EvaluationModel) {
  const refs = evaluationRefs(m);
  const v = wb.getValues(refs.names.results, refs.resultsBlock);
  return v.map((r) => ({
    name: r[RES_COLS.bidder],
    quality: r[RES_COLS.quality] as number,
    pricePoints: r[RES_COLS.price] as number,
    socialValue: r[RES_COLS.social] as number,
    total: r[RES_COLS.total] as number,
    percent: r[RES_COLS.percent] as number,
    status: r[RES_COLS.status],
    rank: r[RES_COLS.rank] === "" ? null : r[RES_COLS.rank],
    perPoint: r[RES_COLS.perPoint] === "" ? null : (r[RES_COLS.perPoint] as number),
    low: r[RES_COLS.abnormallyLow] !== "",
  }));
}

function expectSameAsEngine(wb: MemoryWorkbook, m: EvaluationModel, scores: (number | null)[][]) {
  const engine = computeResults(m, scores);
  const sheet = readResults(wb, m);
  engine.bids.forEach((e, b) => {
    const x = sheet[b];
    expect(x.name).toBe(e.name);
    expect(x.quality).toBeCloseTo(e.quality, 9);
    expect(x.socialValue).toBeCloseTo(e.socialValue, 9);
    expect(x.pricePoints).toBeCloseTo(e.pricePoints, 9);
    expect(x.total).toBeCloseTo(e.total, 9);
    expect(x.percent).toBeCloseTo(e.qualityPercent, 9);
    expect(x.status).toBe(STATUS_TEXT[e.status]);
    expect(x.rank).toBe(e.rank);
    if (e.pricePerPoint === null) expect(x.perPoint).toBeNull();
    else expect(x.perPoint).toBeCloseTo(e.pricePerPoint, 6);
    expect(x.low).toBe(e.abnormallyLow !== null);
  });
  return { engine, sheet };
}

describe("generating the evaluation workbook", () => {
  it("writes Criteria, a scoring sheet per panel member, Moderation and Results, with user text as text", async () => {
    const wb = new MemoryWorkbook();
    const d = draft({
      bidders: [
        { name: "=1+1", price: 100 },
        { name: "+44 Ltd", price: 70 },
        { name: "@home", price: 40 },
      ],
      evaluators: ["Ann", "-Bob"],
    });
    const out = await generate(wb, d);
    expect(out.status).toBe("done");
    expect(wb.sheetNames()).toEqual(
      expect.arrayContaining(["Criteria", "Scores Ann", "Scores -Bob", "Moderation", "Results"])
    );
    expect(wb.getValues("Scores Ann", "A8:A10")).toEqual([["=1+1"], ["+44 Ltd"], ["@home"]]);
    expect(wb.getValues("Results", "A6:A8")).toEqual([["=1+1"], ["+44 Ltd"], ["@home"]]);
    expect(wb.getValues("Moderation", "F4")).toEqual([["Ann"]]);
    expect(wb.getValues("Moderation", "G4")).toEqual([["-Bob"]]);
    expect(wb.getNumberFormats("Scores Ann", "A8")).toEqual([["@"]]);
    // The published methodology in words.
    const crit = wb.getValues("Criteria", "A1:A40").flat().join("\n");
    expect(crit).toContain("Assessment methodology");
    expect(crit).toContain("is excluded before price is scored");
    expect(wb.formulaErrors()).toEqual([]);
    const charts = wb.getCharts("Results");
    expect(charts).toHaveLength(1);
    expect(JSON.stringify(charts[0])).toContain("BarStacked");
    const cf = wb.getConditionalFormats("Moderation");
    expect(cf.map((c) => [c.type, c.rule?.formula]).filter(([t]) => t === "Custom")).toEqual([
      ["Custom", '=$M5="Discuss"'],
    ]);
    expect(wb.isValidInput("Scores Ann", "C8", 6)).toBe(false);
    expect(wb.isValidInput("Scores Ann", "C8", 5)).toBe(true);
    expect(wb.isValidInput("Scores Ann", "C8", 2.5)).toBe(false);
    expect(wb.isValidInput("Scores Ann", "B8", NO_CONFLICT)).toBe(true);
    expect(wb.isValidInput("Scores Ann", "B10", CONFLICT)).toBe(true);
    expect(wb.isValidInput("Scores Ann", "B8", "Maybe")).toBe(false);
    const refs = evaluationRefs(checked(d));
    expect(refs.consensusCell(0, 0)).toBe("N5");
    expect(wb.isValidInput("Moderation", "N5", 6)).toBe(false);
    expect(wb.isValidInput("Moderation", "N5", 4)).toBe(true);
  });

  it("never writes over a sheet of the user's: the generated sheet is named around it", async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet("Results");
    wb.setCells("Results", "A1", [["my own work"]]);
    const first = await generate(wb, draft());
    expect(first.status).toBe("done");
    expect(wb.getValues("Results", "A1")).toEqual([["my own work"]]);
    const results = first.status === "done" ? first.sheets[first.sheets.length - 1] : "";
    expect(results).not.toBe("Results");
    expect(wb.getValues(results, "A1")).toEqual([["Results"]]);
    // Generating again rewrites the add-in's own sheets and still leaves the user's alone.
    const second = await generate(wb, draft());
    expect(second.status).toBe("done");
    expect(wb.getValues("Results", "A1")).toEqual([["my own work"]]);
  });

  it("refuses an invalid setup and writes nothing", async () => {
    const wb = new MemoryWorkbook();
    const before = wb.sheetNames();
    const out = await generate(wb, draft({ evaluators: [] }));
    expect(out.status).toBe("invalid");
    expect(wb.sheetNames()).toEqual(before);
  });

  it("locks formula cells and leaves the declaration, scores, reasons, consensus and rationale open; scores validated to the scale", async () => {
    const wb = new MemoryWorkbook();
    const m = checked(draft());
    await generate(wb, draft());
    const refs = evaluationRefs(m);
    const mc = moderationColumns(m.evaluators.length);
    const got = await wb.run(async (ctx) => {
      const ws = (n: string) => ctx.workbook.worksheets.getItem(n);
      const probes = {
        decl: ws("Scores Ann").getRange(refs.declarationCell(1)).format.protection,
        score: ws("Scores Ann").getRange(at(refs.scoreCell(0, 2, 1))).format.protection,
        reason: ws("Scores Ann").getRange(at(refs.reasonCell(0, 2, 1))).format.protection,
        status: ws("Scores Ann").getRange("B3").format.protection,
        cons: ws("Moderation").getRange(refs.consensusCell(1, 1)).format.protection,
        mean: ws("Moderation").getRangeByIndexes(MODERATION_SHEET.firstRow, mc.mean, 1, 1).format
          .protection,
        total: ws("Results").getRangeByIndexes(RESULTS_SHEET.firstRow, RES_COLS.total, 1, 1).format
          .protection,
      };
      Object.values(probes).forEach((p) => p.load("locked"));
      const prot = ws("Moderation").protection;
      prot.load("protected");
      const dv = ws("Scores Ann").getRange(at(refs.scoreCell(0, 0, 0))).dataValidation;
      dv.load("rule");
      await ctx.sync();
      return {
        locked: Object.fromEntries(Object.entries(probes).map(([k, p]) => [k, p.locked])),
        protected: prot.protected,
        rule: dv.rule,
      };
    });
    expect(got.locked).toEqual({
      decl: false,
      score: false,
      reason: false,
      status: true,
      cons: false,
      mean: true,
      total: true,
    });
    expect(got.protected).toBe(true);
    expect(got.rule.wholeNumber).toMatchObject({ formula1: 0, formula2: 5 });
  });

  it("moderation counts a member's scores only once their declaration is complete, and flags wide spreads", async () => {
    const wb = new MemoryWorkbook();
    const m = checked(draft());
    await generate(wb, draft());
    const refs = evaluationRefs(m);
    const mc = moderationColumns(3);
    wb.setCells("Scores Ann", at(refs.scoreCell(0, 0, 0)), [[1]]);
    wb.setCells("Scores Bob", at(refs.scoreCell(1, 0, 0)), [[4]]);
    wb.setCells("Scores Cat", at(refs.scoreCell(2, 0, 0)), [[5]]);
    const row = MODERATION_SHEET.firstRow;
    const stats = () =>
      wb.getValues(
        "Moderation",
        rangeAddress(row, MODERATION_SHEET.firstEvaluatorCol, row, mc.discuss)
      )[0];
    expect(stats()).toEqual(["", "", "", 0, "", "", "", "", ""]);
    wb.setCells("Scores Ann", "B8", [[NO_CONFLICT]]);
    wb.setCells("Scores Bob", "B8", [[NO_CONFLICT]]);
    wb.setCells("Scores Cat", "B8", [[CONFLICT]]);
    expect(stats()).toEqual([1, 4, "", 2, 1, 4, 2.5, 3, "Discuss"]);
    // Cat's conflict with the first bidder only: her score for the second bid counts.
    wb.setCells("Scores Cat", "B9:C9", [[NO_CONFLICT, 2]]);
    const second = MODERATION_SHEET.firstRow + 3;
    expect(
      wb.getValues(
        "Moderation",
        rangeAddress(second, MODERATION_SHEET.firstEvaluatorCol, second, mc.counted)
      )[0]
    ).toEqual(["", "", 2, 1]);
    // The originals stay where they were.
    expect(wb.getValues("Scores Ann", at(refs.scoreCell(0, 0, 0)))).toEqual([[1]]);
  });

  it("references a member's sheet correctly when the name has an apostrophe or characters Excel forbids", async () => {
    const wb = new MemoryWorkbook();
    const d = draft({ evaluators: ["Sean O'Brien", "Chair: Jo [interim]"] });
    await generate(wb, d);
    const refs = evaluationRefs(checked(d));
    expect(refs.names.evaluators).toEqual(["Scores Sean O'Brien", "Scores Chair Jo interim"]);
    wb.setCells("Scores Sean O'Brien", "B8:C8", [[NO_CONFLICT, 4]]);
    wb.setCells("Scores Chair Jo interim", "B8:C8", [[NO_CONFLICT, 2]]);
    expect(wb.getValues("Moderation", "F5:G5")).toEqual([[4, 2]]);
    expect(wb.formulaErrors()).toEqual([]);
  });

  it("property: random panels evaluated by the workbook's formulas agree with the engine", async () => {
    const panel = fc
      .record({
        scale: fc.constantFrom(4, 5, 10),
        nK: fc.integer({ min: 1, max: 4 }),
        withPrice: fc.boolean(),
        nB: fc.integer({ min: 1, max: 5 }),
        nE: fc.integer({ min: 1, max: 3 }),
        method: fc.constantFrom("lowest", "deviation", "perQualityPoint"),
        tieBreak: fc.constantFrom("none", "quality", "price"),
        threshold: fc.constantFrom(0, 0, 40, 55.5, 70),
        seed: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 60, maxLength: 60 }),
      })
      .map((p) => {
        // Price per quality point weighs no price: prices are given, the quality criteria carry 100%.
        const perPoint = p.method === "perQualityPoint";
        const priced = p.withPrice || perPoint;
        if (perPoint) p = { ...p, withPrice: false };
        let i = 0;
        const next = () => p.seed[i++ % p.seed.length];
        const parts = Array.from({ length: p.nK + (p.withPrice ? 1 : 0) }, () => next());
        const sum = parts.reduce((a, b) => a + b, 0);
        const bp = parts.map((x) => Math.floor((x * 10000) / sum));
        bp[0] += 10000 - bp.reduce((a, b) => a + b, 0);
        const criteria = Array.from({ length: p.nK }, (_, k) => ({
          name: `Criterion ${k + 1}`,
          group: k % 3 === 2 ? "socialValue" : "quality",
          weight: bp[k] / 100,
          minimum: next() % 4 === 0 ? next() % (p.scale + 1) : "",
        }));
        if (p.withPrice)
          criteria.push({ name: "Price", group: "price", weight: bp[p.nK] / 100, minimum: "" });
        const bidders = Array.from({ length: p.nB }, (_, b) => ({
          name: `Bidder ${b + 1}`,
          price: priced ? next() * 97 + (next() % 100) / 100 : "",
        }));
        const d = draft({
          criteria,
          bidders,
          evaluators: Array.from({ length: p.nE }, (_, e) => `Member ${e + 1}`),
          scaleMax: p.scale,
          descriptors: defaultDescriptors(p.scale),
          priceMethod: p.method,
          tieBreak: p.tieBreak,
          qualityThreshold: p.threshold,
        });
        const scores = bidders.map(() =>
          Array.from({ length: p.nK }, () => (next() % 17 === 0 ? null : next() % (p.scale + 1)))
        );
        return { d, scores };
      });
    await fc.assert(
      fc.asyncProperty(panel, async ({ d, scores }) => {
        const m = checked({ ...d, criteria: d.criteria.map((c) => ({ ...c })) });
        const wb = new MemoryWorkbook();
        const out = await generate(wb, d);
        expect(out.status).toBe("done");
        fillConsensus(wb, m, scores);
        expect(wb.formulaErrors()).toEqual([]);
        expectSameAsEngine(wb, m, scores);
      }),
      { numRuns: 25 }
    );
  });

  it("DOMAIN.md s.4 in the workbook: B wins between A and B; adding C makes A win; a threshold excluding C changes A's and B's price points back", async () => {
    const cases = [domainExample(false), domainExample(true), domainExample(true, 50)];
    const winners: unknown[] = [];
    const pricePoints: number[][] = [];
    for (const { model: m, consensus } of cases) {
      const wb = new MemoryWorkbook();
      await generate(wb, modelToDraft(m));
      fillConsensus(wb, m, consensus);
      const { sheet } = expectSameAsEngine(wb, m, consensus);
      winners.push(wb.getValues("Results", "B3")[0][0]);
      pricePoints.push(sheet.map((b) => b.pricePoints));
    }
    expect(winners).toEqual(["B", "A", "B"]);
    // With C in and passing, the lowest is C's £40; excluded by the threshold, the lowest is B's £70.
    expect(pricePoints[1][1]).toBeCloseTo((40 * 40) / 70, 9);
    expect(pricePoints[2][1]).toBe(40);
    expect(pricePoints[2][0]).toBeCloseTo(28, 9);
    expect(pricePoints[2][2]).toBe(0);
  });
});

describe("check returns on a completed workbook", () => {
  async function completed() {
    const wb = new MemoryWorkbook();
    const d = draft();
    const m = checked(d);
    await generate(wb, d);
    const refs = evaluationRefs(m);
    const nK = scoredCriteria(m).length;
    m.evaluators.forEach((_, e) => {
      const sheet = refs.names.evaluators[e];
      wb.setCells(
        sheet,
        refs.grid(e),
        m.bidders.map(() => [
          NO_CONFLICT,
          ...Array.from({ length: nK }, () => [3, "Meets the specification"]).flat(),
        ])
      );
    });
    fillConsensus(
      wb,
      m,
      m.bidders.map(() => Array.from({ length: nK }, () => 3))
    );
    return { wb, m, refs };
  }

  it("a complete return has no problems and gives the engine's results", async () => {
    const { wb } = await completed();
    const out = await wb.run((ctx) => checkEvaluationReturns(ctx, S));
    expect(out.status).toBe("done");
    if (out.status !== "done") return;
    expect(out.problems).toEqual([]);
    expect(out.results.winners).toEqual(["Gamma Ltd"]);
  });

  it("finds each kind of problem planted in the workbook, with where it is, in two syncs", async () => {
    const { wb, refs } = await completed();
    wb.setCells("Scores Bob", refs.declarationCell(0), [[""]]);
    wb.setCells("Scores Cat", refs.declarationCell(0), [[CONFLICT]]);
    wb.setCells("Scores Ann", at(refs.scoreCell(0, 1, 1)), [[""]]);
    wb.setCells("Scores Ann", at(refs.reasonCell(0, 2, 0)), [[""]]);
    wb.setCells("Scores Ann", at(refs.scoreCell(0, 0, 2)), [[1]]);
    wb.setCells("Scores Bob", at(refs.scoreCell(1, 0, 2)), [[5]]);
    wb.setCells("Moderation", refs.consensusCell(0, 2), [[""]]);
    wb.setCells("Moderation", refs.consensusCell(1, 0), [[""]]);
    wb.setCells("Moderation", refs.rationaleCell(2, 1), [[""]]);
    wb.resetCounters();
    let out = await wb.run((ctx) => checkEvaluationReturns(ctx, S));
    expect(wb.syncCount).toBeLessThanOrEqual(2);
    if (out.status !== "done") throw new Error(out.status);
    const where = (k: string) =>
      out.status === "done"
        ? out.problems.filter((p) => p.kind === k).map((p) => `${p.sheet}!${p.address}`)
        : [];
    expect(where("undeclaredConflict")).toEqual(["Scores Bob!B8"]);
    if (out.status === "done")
      out.problems.forEach((p) => expect(p.where).toBe(`${p.sheet}!${p.address}`));
    expect(where("conflictDeclared")).toEqual(["Scores Cat!B8"]);
    expect(where("missingScore")).toEqual([`Scores Ann!${refs.scoreCell(0, 1, 1)}`]);
    expect(where("missingReason")).toEqual([`Scores Ann!${refs.reasonCell(0, 2, 0)}`]);
    expect(where("noRationale")).toEqual([`Moderation!${refs.rationaleCell(2, 1)}`]);
    // Bob has not declared, so his 5 does not count yet: not a wide spread, just no consensus.
    expect(where("missingConsensus")).toEqual([
      `Moderation!${refs.consensusCell(0, 2)}`,
      `Moderation!${refs.consensusCell(1, 0)}`,
    ]);
    wb.setCells("Scores Bob", refs.declarationCell(0), [[NO_CONFLICT]]);
    out = await wb.run((ctx) => checkEvaluationReturns(ctx, S));
    expect(where("notModerated")).toEqual([`Moderation!${refs.consensusCell(0, 2)}`]);
    expect(
      wb.getValues(
        "Moderation",
        rangeAddress(
          refs.moderationRow(0, 2),
          moderationColumns(3).discuss,
          refs.moderationRow(0, 2),
          moderationColumns(3).discuss
        )
      )
    ).toEqual([["Discuss"]]);
  });

  it("says so when no evaluation has been generated, or a sheet is missing", async () => {
    const wb = new MemoryWorkbook();
    expect((await wb.run((ctx) => checkEvaluationReturns(ctx, S))).status).toBe("no-evaluation");
    await generate(wb, draft());
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Scores Bob").delete();
      await ctx.sync();
    });
    const out = await wb.run((ctx) => checkEvaluationReturns(ctx, S));
    expect(out).toMatchObject({ status: "missing-sheets", missing: ["Scores Bob"] });
  });

  it("writes an assessment summary per bidder comparing its scores and reasons with the winner's", async () => {
    const { wb, m, refs } = await completed();
    wb.setCells("Moderation", refs.consensusCell(0, 0), [[5]]);
    wb.setCells("Moderation", refs.rationaleCell(0, 0), [["Strong delivery plan"]]);
    const out = await wb.run((ctx) => writeAssessmentSummaries(ctx, S));
    expect(out.status).toBe("done");
    if (out.status !== "done") return;
    expect(out.sheets).toEqual(m.bidders.map((b) => `Summary ${b.name}`));
    const winner = computeResults(m, [
      [5, 3, 3],
      [3, 3, 3],
      [3, 3, 3],
    ]).winners[0];
    expect(winner).toBe("Gamma Ltd");
    expect(out.winner).toBe(winner);
    const alpha = wb.getValues("Summary Alpha Trust", "A1:G7");
    expect(alpha[2][1]).toBe("Not successful: ranked 2 of 3");
    expect(alpha[3][1]).toBe("Gamma Ltd");
    expect(alpha[4]).toEqual([
      "Why the bid was excluded",
      "It was not excluded",
      "",
      "",
      "",
      "",
      "",
    ]);
    expect(alpha[6]).toEqual(["Delivery", 30, "", 5, "Strong delivery plan", 3, "Agreed at panel"]);
    expect(wb.getValues("Summary Gamma Ltd", "B3:B4")).toEqual([
      ["Most advantageous tender: ranked first"],
      ["This bid"],
    ]);
    expect(JSON.stringify(wb.getValues("Summary Beta CIC", "A1:G20"))).not.toMatch(/Passed/);
    // Written again, the summaries are the add-in's own sheets and are rewritten in place.
    const again = await wb.run((ctx) => writeAssessmentSummaries(ctx, S));
    expect(again.status).toBe("done");
    expect(wb.sheetNames().filter((n) => n.startsWith("Summary Alpha"))).toEqual([
      "Summary Alpha Trust",
    ]);
  });
});

describe("saved setups and scale", () => {
  it("saves setups in the workbook and loads them back", async () => {
    const wb = new MemoryWorkbook();
    await wb.run((ctx) => saveSetup(ctx, "Transport", draft(), S));
    await wb.run((ctx) => saveSetup(ctx, "Advice", draft({ tenderName: "Advice services" }), S));
    const all = await wb.run((ctx) => loadSetups(ctx, S));
    expect(Object.keys(all).sort()).toEqual(["Advice", "Transport"]);
    expect(all.Advice.tenderName).toBe("Advice services");
    expect(validateEvaluationSetup(all.Transport, S).errors).toEqual([]);
  });

  it("reads an older saved setup leniently: missing parts filled, entries that are not setups left out", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (ctx) => {
      ctx.workbook.settings.add(
        SETUPS_KEY,
        JSON.stringify({
          Old: { tenderName: "Meals on wheels", bidders: [{ name: "A", price: 10 }, null] },
          Broken: "not a setup",
        })
      );
      await ctx.sync();
    });
    const all = await wb.run((ctx) => loadSetups(ctx, { ...S, moderationSpreadLimit: 2 }));
    expect(Object.keys(all)).toEqual(["Old"]);
    expect(all.Old).toMatchObject({
      tenderName: "Meals on wheels",
      bidders: [
        { name: "A", price: 10 },
        { name: "", price: "" },
      ],
      evaluators: [""],
      scaleMax: 5,
      priceMethod: "lowest",
      spreadLimit: 2,
      qualityThreshold: 0,
    });
    expect(all.Old.criteria.map((c) => c.name)).toEqual([
      "Quality of service",
      "Price",
      "Social value",
    ]);
    expect(all.Old.descriptors).toEqual(defaultDescriptors(5));
  });

  it("treats a record that is not JSON, or not an evaluation, as no evaluation", async () => {
    const wb = new MemoryWorkbook();
    await generate(wb, draft());
    for (const raw of ["{not json", JSON.stringify({ draft: draft(), names: "Criteria" })]) {
      await wb.run(async (ctx) => {
        ctx.workbook.settings.add(CURRENT_KEY, raw);
        await ctx.sync();
      });
      expect((await wb.run((ctx) => checkEvaluationReturns(ctx, S))).status).toBe("no-evaluation");
    }
  });

  it("records the generated evaluation so Check returns can find its sheets", async () => {
    const wb = new MemoryWorkbook();
    await generate(wb, draft({ evaluators: ["A/B", "C:D"] }));
    // The record as stored in the workbook's settings.
    const rec = JSON.parse(String(wb.getSettings()[CURRENT_KEY]));
    expect(rec.names.evaluators).toEqual(
      evaluationSheetNames(checked(draft({ evaluators: ["A/B", "C:D"] }))).evaluators
    );
    expect(rec.names.evaluators).toEqual(["Scores A B", "Scores C D"]);
  });
});

describe("a large panel", () => {
  it("50 bids x 30 criteria x 7 evaluators is generated in a handful of syncs, each request under 5 MB", async () => {
    const criteria = Array.from({ length: 30 }, (_, k) => ({
      name: `Criterion ${k + 1}`,
      group: k < 27 ? "quality" : k < 29 ? "socialValue" : "price",
      weight: k < 27 ? 2 : k < 29 ? 5 : 36,
      minimum: "",
    }));
    const d = draft({
      criteria,
      bidders: Array.from({ length: 50 }, (_, b) => ({
        name: `Bidder ${b + 1}`,
        price: 10000 + b * 37,
      })),
      evaluators: Array.from({ length: 7 }, (_, e) => `Member ${e + 1}`),
    });
    expect(validateEvaluationSetup(d, S).errors).toEqual([]);
    const wb = new MemoryWorkbook();
    wb.resetCounters();
    const out = await generate(wb, d);
    expect(out.status).toBe("done");
    // Three syncs: the sheet names, one full request of sheets, the rest with the record.
    expect(wb.syncCount).toBeLessThanOrEqual(3);
    expect(wb.largestRequestBytes).toBeLessThan(5_000_000);
    expect(wb.getValues("Results", "A55")).toEqual([["Bidder 50"]]);
    expect(wb.formulaErrors()).toEqual([]);
  }, 120000);
});
