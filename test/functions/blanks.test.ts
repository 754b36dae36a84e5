/**
 * One rule for blanks (issue 10, point 2). An empty cell reaches a custom function as null (an
 * omitted argument; an empty cell on Excel on the web), "" or, on Excel on the desktop, as 0
 * (office-js #4702, #5262, #1951). Wherever a blank means something other than 0 -- an optional
 * yes/no, the tier, the term, a panel score, the spread limit, the price method, a price in
 * allPrices -- all of them, and undefined, are read as blank: the reading that raises no false flag.
 * Where a value is required (amounts, outputsSpecified, a WEIGHTEDSCORE score), a 0 keeps its
 * meaning, since a typed 0 is a real answer there; null, "" and undefined are blank.
 */
import { classifyFunding } from "../../src/functions/classify";
import {
  costApportion,
  costFullCost,
  costMatch,
  costPriceGap,
  costSplit,
} from "../../src/functions/costRecovery";
import { consensusFn, priceScoreFn, weightedScoreFn } from "../../src/functions/scoring";
import { COMMISSIONED_SERVICE_ROW, SMALL_GRANT_ROW } from "../support/registerRows";

type Err = { code: string; message: string };
const isErr = (v: unknown): v is Err => v instanceof CustomFunctions.Error;
const FLAGS = 7;

/** Every way an empty cell can arrive. */
const EMPTY: [string, unknown][] = [
  ["null", null],
  ['""', ""],
  ["undefined", undefined],
  ["0 (an empty cell on Excel on the desktop)", 0],
];
/** The ways that are unmistakably blank (not a typed 0). */
const BLANK = EMPTY.slice(0, 3);

describe.each(EMPTY)("FUNDING.CLASSIFY with an optional argument arriving as %s", (_, empty) => {
  test("competitivelySelected not known: no sla-not-procured or not-tendered (FALSE raises them)", () => {
    const flags = (v: unknown) =>
      classifyFunding([[60000]], [["yes"]], [[""]], [["SLA"]], [[v]])[0][FLAGS];
    expect(flags(empty)).toBe("");
    expect(flags(false)).toBe("sla-not-procured, not-tendered");
    expect(flags("no")).toBe("sla-not-procured, not-tendered");
  });
  test("accredited not known: no unaccredited flag (FALSE raises it)", () => {
    const flags = (v: unknown) =>
      classifyFunding([[3000]], [["no"]], [[""]], null as never, null as never, [[v]])[0][FLAGS];
    expect(flags(empty)).toBe("");
    expect(flags(false)).toBe("unaccredited");
  });
  test("termYears not known: no short-term flag (2 years raises it)", () => {
    const row = (v: unknown) =>
      classifyFunding([[60000]], [["yes"]], [[""]], null as never, [["yes"]], null as never, [[v]]);
    expect(row(empty)).toEqual([[...COMMISSIONED_SERVICE_ROW]]);
    expect(row(2)[0][FLAGS]).toBe("short-term");
  });
  test("recipientTier blank means frontline", () => {
    const type = (v: unknown) => classifyFunding([[12000]], [["no"]], [[v]])[0][1];
    expect(type(empty)).toBe("Qualifying activity");
    expect(type("frontline")).toBe("Qualifying activity");
    expect(type("infrastructure")).toBe("Investment");
  });
  test("currentLabel blank: as no label", () => {
    expect(classifyFunding([[3000]], [["no"]], [[""]], [[empty]])).toEqual([[...SMALL_GRANT_ROW]]);
  });
  test("in a column too, row by row", () => {
    const out = classifyFunding(
      [[60000], [60000]],
      [["yes"]],
      [[""]],
      [["SLA"]],
      [[false], [empty]]
    );
    expect(out.map((r) => r[FLAGS])).toEqual(["sla-not-procured, not-tendered", ""]);
  });
});

describe("FUNDING.CLASSIFY, required arguments", () => {
  test.each(BLANK)("annualValue and outputsSpecified arriving as %s are reported blank", (_, b) => {
    expect(classifyFunding([[b]], [["no"]], [[""]])[0][0]).toMatchObject({
      message: expect.stringMatching(/^annualValue is blank/),
    });
    expect(classifyFunding([[3000]], [[b]], [[""]])[0][0]).toMatchObject({
      message: expect.stringMatching(/^outputsSpecified is blank/),
    });
  });
  test("a 0 keeps its meaning where the value is required: £0; outputs not specified", () => {
    expect(classifyFunding([[0]], [["no"]], [[""]])[0][1]).toBe("Small grant");
    expect(classifyFunding([[60000]], [[0]], [[""]])[0][1]).toBe("Qualifying activity");
  });
});

describe.each(EMPTY)("FUNDING.CONSENSUS with a cell arriving as %s", (_, empty) => {
  test("a blank score is ignored, not counted as 0 (which would raise a false Discuss)", () => {
    expect(consensusFn([[3, empty, 4]])).toEqual([[3.5, 3, 4, false]]);
  });
  test("a row with no scores is #N/A", () => {
    const out = consensusFn([
      [empty, empty],
      [3, 4],
    ]);
    expect(out[0].every((c) => isErr(c) && c.code === "#N/A")).toBe(true);
  });
  test("a blank spreadLimit takes the setting (1), not 0", () => {
    expect(consensusFn([[3, 3.5]], empty)[0][3]).toBe(false);
    expect(consensusFn([[3, 3.5]], 0.25)[0][3]).toBe(true);
  });
});

describe("FUNDING.CONSENSUS: a score of 0 that must count", () => {
  test("typed as text, '0 counts (a number 0 may be an empty cell)", () => {
    expect(consensusFn([[3, "0", 4]])).toEqual([[7 / 3, 0, 4, true]]);
  });
});

describe.each(EMPTY)("FUNDING.PRICESCORE with a cell arriving as %s", (_, empty) => {
  test("a blank in allPrices is ignored", () => {
    const out = priceScoreFn([[70], [40]], [[100], [empty], [70], [40]], 40, null);
    expect(out.map((r) => r[0])).toEqual([expect.closeTo((40 * 40) / 70, 9), 40]);
  });
  test("a blank method is lowest", () => {
    expect(priceScoreFn([[70]], [[40], [70]], 40, empty)[0][0]).toBeCloseTo((40 * 40) / 70, 9);
  });
  test("a blank price of the bid itself is #N/A (not entered yet)", () => {
    const v = priceScoreFn([[empty]], [[40]], 40, null)[0][0];
    expect(isErr(v) && v.code).toBe("#N/A");
  });
});

describe("FUNDING.WEIGHTEDSCORE", () => {
  test.each(BLANK)("a score arriving as %s is not scored yet (#N/A)", (_, b) => {
    const v = weightedScoreFn([[4, b, 5]], [[0.3, 0.3, 0.4]], 5)[0][0];
    expect(isErr(v) && v.code).toBe("#N/A");
  });
  test("a score of 0 is a score of 0: a scale from 0 includes it (see the README)", () => {
    expect(weightedScoreFn([[4, 0, 5]], [[0.3, 0.3, 0.4]], 5)[0][0]).toBeCloseTo(0.64, 12);
  });
});

describe("the cost-recovery functions", () => {
  test.each(BLANK)("a required amount arriving as %s is reported blank", (_, b) => {
    for (const v of [
      costSplit([[b]], [["full"]])[0][0],
      costMatch([[b]], [["full"]])[0][0],
      costPriceGap([[b]], [[100]])[0][0],
    ])
      expect(isErr(v) && v.message).toMatch(/is blank/);
    const full = costFullCost([[b]], [[100]], [[1, 3]], 1)[0][0];
    expect(isErr(full) && full.message).toMatch(/directCosts is blank/);
  });
  test("a 0 amount is £0", () => {
    expect(costSplit([[0]], [["80/20"]])).toEqual([[0, 0]]);
    expect(costPriceGap([[0]], [[100]])).toEqual([[0, 100]]);
    expect(costFullCost([[0, 0]], [[100]], [[1, 3]])).toEqual([[25, 75]]);
  });
  test.each(EMPTY)("a pool or driver arriving as %s counts as 0", (_, empty) => {
    expect(costApportion([[90]], [[empty, 1, 2]])).toEqual([[0, 30, 60]]);
    expect(
      costFullCost(
        [[10, 0]],
        [[100], [empty]],
        [
          [1, 3],
          [empty, empty],
        ]
      )
    ).toEqual([[35, 75]]);
    expect(costFullCost([[10]], [[100]], [[1, 3]], empty)).toHaveLength(1);
  });
});
