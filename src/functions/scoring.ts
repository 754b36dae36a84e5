/**
 * FUNDING.WEIGHTEDSCORE, FUNDING.PRICESCORE and FUNDING.CONSENSUS: scoring for bid evaluation
 * panels (DOMAIN.md section 4). Thin: shape the arguments (args.ts conventions), call the engine,
 * return cells; a row that cannot be computed shows #VALUE! or #N/A with the reason.
 */
import { consensus, priceScore, weightedScore } from "../domain/evaluation/scoring";
import { currentSettings } from "../domain/settings/runtimeSettings";
import type { Result } from "../domain/kernel/result";
import { asGrid, errorRow, flatten, mapRows, toExcelError, type Cell } from "./args";

type Out = (string | number | boolean | CustomFunctions.Error)[][];

function one(result: Result<number>): Out {
  return [
    [
      result.ok
        ? Number.isFinite(result.value)
          ? result.value
          : toExcelError({ kind: "value", field: "", message: "The result is not a finite number" })
        : toExcelError(result.problem),
    ],
  ];
}

/**
 * Weighted score: the sum over criteria of score / maxScore x weight. If scores has several rows
 * and weights is one row of the same width, each row is one bid and the result is a column.
 * @customfunction WEIGHTEDSCORE WEIGHTEDSCORE
 * @param scores Scores, one per criterion (a row or a column), or one row per bid.
 * @param weights Weights, one per criterion, 0 or more (e.g. 0.3 or 30).
 * @param maxScore The top of the scoring scale, e.g. 5.
 * @returns The weighted score, or a column of weighted scores (one per bid).
 */
export function weightedScoreFn(scores: any[][], weights: any[][], maxScore: any): any[][] {
  const s = asGrid(scores);
  const w = asGrid(weights);
  if (!s)
    return [
      [
        toExcelError({
          kind: "value",
          field: "scores",
          message: "scores is empty; expected one score per criterion",
        }),
      ],
    ];
  if (!w)
    return [
      [
        toExcelError({
          kind: "value",
          field: "weights",
          message: "weights is empty; expected one weight per criterion",
        }),
      ],
    ];
  const sCells = s.flat();
  const wCells = w.flat();
  const width = s[0].length;
  if (s.length > 1 && w.length === 1 && wCells.length === width && width > 1) {
    // One bid per row: each row is scored on its own; a bad row does not stop the others.
    return s.map((row) => one(weightedScore(row, wCells, maxScore))[0]);
  }
  if (sCells.length !== wCells.length) {
    return [
      [
        toExcelError({
          kind: "value",
          field: "weights",
          message: `scores has ${sCells.length} cells but weights has ${wCells.length}; give one weight per criterion, or one row of weights as wide as the scores`,
        }),
      ],
    ];
  }
  return one(weightedScore(sCells, wCells, maxScore));
}

/**
 * Points for price. lowest (default): maxPoints x lowest / price. deviation: maxPoints x max(0,
 * 1 - (price - lowest) / lowest). The lowest is taken over allPrices and price; blanks ignored.
 * @customfunction PRICESCORE PRICESCORE
 * @param price The bid's price in £ (a cell, or a column for one result per bid).
 * @param allPrices Every bid's price in £ (blanks ignored).
 * @param maxPoints The points available for price, e.g. 40.
 * @param [method] lowest (default) or deviation.
 * @returns Price points, one per price.
 */
export function priceScoreFn(
  price: any[][],
  allPrices: any[][],
  maxPoints: any,
  method?: any
): any[][] {
  const pool: Cell[] = flatten(allPrices);
  return mapRows({ price, maxPoints, method }, 1, (row) => {
    const r = priceScore(row.price, pool, row.maxPoints, row.method ?? "lowest");
    return r.ok ? { ok: true, value: [r.value] } : r;
  }) as Out;
}

/**
 * For each row of scores (one column per evaluator): Mean | Lowest | Highest | Discuss. Discuss is
 * TRUE when highest - lowest is greater than spreadLimit. Blank cells are ignored.
 * @customfunction CONSENSUS CONSENSUS
 * @param scores One row per criterion or bid, one column per evaluator.
 * @param [spreadLimit] Discuss when highest - lowest is over this (default from Settings, 1).
 * @returns One row of 4 cells per row of scores.
 */
export function consensusFn(scores: any[][], spreadLimit?: any): any[][] {
  const grid = asGrid(scores);
  const limit =
    spreadLimit === null || spreadLimit === undefined || spreadLimit === ""
      ? currentSettings().moderationSpreadLimit
      : spreadLimit;
  if (!grid)
    return [
      errorRow(
        {
          kind: "value",
          field: "scores",
          message: "scores is empty; expected one row per criterion or bid",
        },
        4
      ),
    ];
  return grid.map((row, i) => {
    const r = consensus(row, limit, grid.length > 1 ? `scores row ${i + 1}` : "scores");
    if (!r.ok) return errorRow(r.problem, 4);
    return [r.value.mean, r.value.lowest, r.value.highest, r.value.discuss];
  });
}
