import { evaluationRefs } from "../../../src/sheets/evaluation/geometry";
import {
  locateReturns,
  moderationFromSheet,
  returnsFromSheets,
} from "../../../src/sheets/evaluation/readBack";
import { model } from "../../support/evaluationModel";

describe("reading a completed workbook back", () => {
  const m = model({
    bidders: [
      { name: "Alpha", price: 10 },
      { name: "Beta", price: 20 },
    ],
    evaluators: ["Ann", "Bob"],
  });
  const refs = evaluationRefs(m);
  it("a member's grid is the bid's declaration, then score and reason side by side; moderation one row per bid and criterion", () => {
    const grid = (e: number) =>
      [0, 1].map((b) => [
        `d${e}${b}`,
        ...[0, 1, 2].flatMap((k) => [`s${e}${b}${k}`, `r${e}${b}${k}`]),
      ]);
    const moderation = [0, 1].flatMap((b) => [0, 1, 2].map((k) => [`c${b}${k}`, `w${b}${k}`]));
    const data = returnsFromSheets(m, {
      grids: [grid(0), grid(1)],
      moderation,
    });
    expect(data.declarations).toEqual([
      ["d00", "d01"],
      ["d10", "d11"],
    ]);
    expect(data.scores[1][0][2]).toBe("s102");
    expect(data.reasons[0][1][1]).toBe("r011");
    expect(data.consensus[1][2]).toBe("c12");
    expect(data.rationale[0][1]).toBe("w01");
    expect(moderationFromSheet(m, moderation)).toEqual({
      consensus: data.consensus,
      rationale: data.rationale,
    });
  });
  it("each place is found on its sheet at the cell the sheets were written with", () => {
    const locate = locateReturns(refs);
    expect(locate({ cell: "declaration", evaluator: 1, bidder: 1 })).toEqual({
      sheet: "Scores Bob",
      address: "B9",
    });
    expect(locate({ cell: "score", evaluator: 0, bidder: 1, criterion: 1 })).toEqual({
      sheet: "Scores Ann",
      address: "E9",
    });
    expect(locate({ cell: "reason", evaluator: 0, bidder: 0, criterion: 2 })).toEqual({
      sheet: "Scores Ann",
      address: "H8",
    });
    expect(locate({ cell: "consensus", bidder: 1, criterion: 0 })).toEqual({
      sheet: "Moderation",
      address: refs.consensusCell(1, 0),
    });
    expect(locate({ cell: "rationale", bidder: 0, criterion: 0 })).toEqual({
      sheet: "Moderation",
      address: "O5",
    });
  });
});
