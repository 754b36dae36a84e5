import {
  checkReturns,
  type ReturnsData,
  type ReturnsPlace,
} from "../../../src/domain/evaluation/returnsChecks";
import {
  BID_CONFLICT,
  BID_NO_CONFLICT as NO,
  DECLARATION_NO_CONFLICT,
} from "../../../src/domain/evaluation/words";
import { evaluationRefs, evaluationSheetNames } from "../../../src/sheets/evaluation/geometry";
import {
  locateReturns,
  returnsFromSheets,
  type ReturnsSheetValues,
} from "../../../src/sheets/evaluation/readBack";
import { model } from "../../support/evaluationModel";

describe("checkReturns", () => {
  const m = model({
    bidders: [
      { name: "Alpha", price: 10 },
      { name: "Beta", price: 20 },
    ],
    evaluators: ["Ann", "Bob", "Cat"],
  });
  const refs = evaluationRefs(m, evaluationSheetNames(m));
  // The values as read back from the workbook (each member's grid: score and reason per
  // criterion; the moderation block: consensus and rationale per bid and criterion), checked
  // through the sheets' reader and locator.
  const check = (d: ReturnsSheetValues) =>
    checkReturns(m, returnsFromSheets(m, d), locateReturns(refs));
  // Each row: the declaration for that bid, then score and reason per criterion.
  const fullGrid = (score: number): unknown[][] =>
    [0, 1].map(() => [NO, score, "ok", score, "ok", score, "ok"]);
  const complete = (): ReturnsSheetValues => ({
    grids: [fullGrid(3), fullGrid(3), fullGrid(4)],
    moderation: Array.from({ length: 6 }, () => [3, "agreed"]),
  });
  it("a complete return has no problems", () => {
    expect(check(complete())).toEqual([]);
  });
  it("finds each kind of problem and says where it is", () => {
    const d = complete();
    d.grids[1][1][0] = ""; // Bob has not declared for Beta
    d.grids[2][0][0] = BID_CONFLICT; // Cat is conflicted with Alpha
    d.grids[2][1][0] = BID_CONFLICT; // ... and with Beta
    d.grids[0][1][3] = ""; // Ann, Beta, Outcomes: missing score
    d.grids[0][0][5] = 9; // Ann, Alpha, Social value: outside scale
    d.grids[1][0][2] = ""; // Bob, Alpha, Delivery: no reason
    d.grids[1][1][1] = 5; // Bob scores Beta Delivery 5 vs Ann 3: spread 2 (but Bob undeclared, so not counted)
    d.grids[0][1][1] = 1; // Ann 1 vs Bob 5 on Beta Delivery
    d.moderation[3] = ["", ""]; // Beta Delivery
    d.moderation[4] = ["", ""]; // Beta Outcomes
    d.moderation[0] = [4, ""]; // Alpha Delivery without rationale
    d.moderation[1] = [7, "x"]; // Alpha Outcomes outside scale
    const f = check(d);
    const by = (k: string) => f.filter((x) => x.kind === k);
    expect(by("undeclaredConflict")).toEqual([
      {
        kind: "undeclaredConflict",
        field: "Conflict-of-interest declaration",
        where: "Scores Bob!B9",
        sheet: "Scores Bob",
        address: "B9",
        message:
          "Bob has not declared whether they have a conflict of interest with Beta (it is blank); their scores for that bid do not count until they do",
      },
    ]);
    expect(by("conflictDeclared").map((x) => [x.sheet, x.address])).toEqual([
      ["Scores Cat", "B8"],
      ["Scores Cat", "B9"],
    ]);
    expect(by("missingScore")).toEqual([
      {
        kind: "missingScore",
        field: "Score",
        where: "Scores Ann!E9",
        sheet: "Scores Ann",
        address: "E9",
        message: "Ann has not scored Beta on Outcomes",
      },
    ]);
    expect(by("invalidScore").map((x) => [x.sheet, x.address])).toEqual([["Scores Ann", "G8"]]);
    expect(by("missingReason").map((x) => [x.sheet, x.address])).toEqual([["Scores Bob", "D8"]]);
    // Bob is undeclared, so the spread on Beta Delivery counts Ann only: not a wide spread.
    expect(by("notModerated")).toEqual([]);
    expect(by("missingConsensus").map((x) => x.address)).toEqual([
      refs.consensusCell(1, 0),
      refs.consensusCell(1, 1),
    ]);
    expect(by("noRationale").map((x) => x.address)).toEqual([refs.rationaleCell(0, 0)]);
    expect(by("invalidConsensus").map((x) => x.address)).toEqual([refs.consensusCell(0, 1)]);
    // Once Bob declares, the spread of 1 to 5 is wide and not moderated.
    d.grids[1][1][0] = NO;
    const f2 = check(d);
    expect(f2.filter((x) => x.kind === "notModerated")).toEqual([
      {
        kind: "notModerated",
        field: "Consensus score",
        where: `Moderation!${refs.consensusCell(1, 0)}`,
        sheet: "Moderation",
        address: refs.consensusCell(1, 0),
        message:
          "Beta on Delivery: scores range from 1 to 5 (more than 1 apart) and no consensus has been recorded",
      },
    ]);
  });
  it("text in a declaration cell that is neither option is not a declaration", () => {
    const d = complete();
    d.grids[0][0][0] = "maybe";
    expect(check(d).map((x) => x.kind)).toEqual(["undeclaredConflict"]);
    // The member-wide wording of older workbooks is still read as a declaration.
    d.grids[0][0][0] = DECLARATION_NO_CONFLICT;
    expect(check(d)).toEqual([]);
  });
});

describe("checkReturns without a workbook", () => {
  it("asks the caller where each place is, so the rules know no sheets", () => {
    const m = model({ bidders: [{ name: "Alpha", price: 10 }], evaluators: ["Ann"] });
    const data: ReturnsData = {
      declarations: [[NO]],
      scores: [[[3, "", 4]]],
      reasons: [[["ok", "", ""]]],
      consensus: [[3, 9, ""]],
      rationale: [["", "x", ""]],
    };
    const asked: ReturnsPlace[] = [];
    const problems = checkReturns(m, data, (place) => {
      asked.push(place);
      return { sheet: place.cell, address: `A${asked.length}` };
    });
    expect(problems.map((p) => [p.kind, p.field, p.where])).toEqual([
      ["missingScore", "Score", "score!A1"],
      ["missingReason", "Reason", "reason!A2"],
      ["noRationale", "Rationale", "rationale!A3"],
      ["invalidConsensus", "Consensus score", "consensus!A4"],
      ["missingConsensus", "Consensus score", "consensus!A5"],
    ]);
    expect(asked).toEqual([
      { cell: "score", evaluator: 0, bidder: 0, criterion: 1 },
      { cell: "reason", evaluator: 0, bidder: 0, criterion: 2 },
      { cell: "rationale", bidder: 0, criterion: 0 },
      { cell: "consensus", bidder: 0, criterion: 1 },
      { cell: "consensus", bidder: 0, criterion: 2 },
    ]);
  });
});
