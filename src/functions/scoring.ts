/**
 * FUNDING.WEIGHTEDSCORE, FUNDING.PRICESCORE and FUNDING.CONSENSUS: scoring for bid evaluation
 * panels (DOMAIN.md section 4). Thin: shape the arguments (args.ts conventions), call the engine,
 * return cells; a row that cannot be computed shows #VALUE! or #N/A with the reason.
 *
 * Blanks (parse.ts, mayBeEmptyCell): an empty cell may arrive as 0. CONSENSUS ignores blank
 * scores, so it ignores 0 too: counted, an empty cell would raise a false Discuss. PRICESCORE
 * ignores blank prices in allPrices, and 0 too (a price of 0 is never valid, and counted it would
 * make every bid an error); a bid's own price of 0 is #N/A, like a blank one. A blank spreadLimit
 * or method, or 0, takes the default. WEIGHTEDSCORE reads a score of 0 as 0: 0 is a score on a
 * scale from 0, and a blank score is #N/A only when Excel passes it as blank.
 */
import { consensus, priceScore, weightedScore } from "../domain/evaluation/scoring";
import { parseMoney } from "../domain/kernel/money";
import { isBlank, zeroAsBlank } from "../domain/kernel/parse";
import type { Result, ValueProblem } from "../domain/kernel/result";
import { currentSettings } from "../domain/settings/runtimeSettings";
import {
  asGrid,
  cellProblem,
  columnsOf,
  errorRow,
  listProblem,
  noData,
  readRow,
  resultRow,
  toExcelError,
  usedGridRows,
  usedLength,
  type Cell,
} from "./args";

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

/** The first error value or data type in a row of a grid argument, naming the row and column. */
function rowProblem(
  field: string,
  row: readonly Cell[],
  at: (column: number) => string
): ValueProblem | null {
  for (let j = 0; j < row.length; j++) {
    const v = row[j];
    if (typeof v === "object" && v !== null) return cellProblem(field, v, at(j), "row");
  }
  return null;
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
  let sCells = s.flat();
  let wCells = w.flat();
  const width = s[0].length;
  const shared = cellProblem("maxScore", maxScore, "") ?? listProblem(wCells, "weights");
  if (s.length > 1 && w.length === 1 && wCells.length === width && width > 1) {
    // One bid per row: each row is scored on its own; a bad row does not stop the others.
    const rows = usedGridRows(s);
    const out: Out = new Array(rows);
    for (let r = 0; r < rows; r++) {
      const problem =
        shared ?? rowProblem("scores", s[r], (j) => `row ${r + 1}, criterion ${j + 1}`);
      out[r] = problem ? [toExcelError(problem)] : one(weightedScore(s[r], wCells, maxScore))[0];
    }
    return out;
  }
  if (sCells.length === wCells.length) {
    // One bid: criteria beyond the last score or weight given (a whole column) are not criteria.
    const end = Math.max(usedLength(sCells), usedLength(wCells), 1);
    sCells = sCells.slice(0, end);
    wCells = wCells.slice(0, end);
  }
  const problem = shared ?? listProblem(sCells, "scores");
  if (problem) return [[toExcelError(problem)]];
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

/** A price cell's value in pounds, as the engine reads it (a number, or money text); else null. */
function priceOf(value: Cell): number | null {
  if (typeof value === "number") return value;
  if (typeof value === "string") {
    const p = parseMoney(value);
    return p === null ? null : p / 100;
  }
  return null;
}

/**
 * allPrices as the engine sees it, read once for every bid: 0 read as blank, the trailing empty
 * cells left out, and the cell with the lowest price. `problem` is what the engine reports for
 * the list (an error value, a price that is not an amount, or one of 0 or less), if anything.
 */
function pricePool(allPrices: unknown): { lowest: Cell[]; problem: ValueProblem | null } {
  const g = asGrid(allPrices);
  const cells = g ? g.flat() : [];
  cells.length = usedLength(cells);
  const inSheet = listProblem(cells, "allPrices");
  if (inSheet) return { lowest: [], problem: inSheet };
  for (let i = 0; i < cells.length; i++) cells[i] = zeroAsBlank(cells[i]);
  // The engine checks every cell of the list whatever the bid's price: check them once here.
  const check = priceScore(1, cells, 1, "lowest");
  if (!check.ok && check.problem.field.startsWith("allPrices"))
    return { lowest: [], problem: check.problem };
  let lowest: Cell = null;
  let lowestValue = Infinity;
  for (const c of cells) {
    const v = priceOf(c);
    if (v !== null && !isBlank(c) && v < lowestValue) {
      lowestValue = v;
      lowest = c;
    }
  }
  return { lowest: lowest === null ? [] : [lowest], problem: null };
}

/** For a bid's own price of 0: #N/A like a blank price, saying why. */
function zeroPrice(problem: ValueProblem): ValueProblem {
  return problem.field === "price" && problem.kind === "na"
    ? {
        ...problem,
        message:
          "price is 0 or blank: no price entered for this bid yet (a price must be more than £0)",
      }
    : problem;
}

/**
 * Points for price. lowest (default): maxPoints x lowest / price. deviation: maxPoints x max(0,
 * 1 - (price - lowest) / lowest). The lowest is taken over allPrices and price; blanks ignored.
 * @customfunction PRICESCORE PRICESCORE
 * @param price The bid's price in £ (a cell, or a column for one result per bid).
 * @param allPrices Every bid's price in £ (blanks and 0 ignored).
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
  const shape = columnsOf({ price, maxPoints, method });
  if (!shape.ok) return [errorRow(shape.problem, 1)];
  const columns = shape.value;
  if (columns.rows === 0) return [errorRow(noData(columns), 1)];
  const pool = pricePool(allPrices);
  const cells: Cell[] = new Array(3);
  const compute = (row: readonly Cell[]): Result<number[]> => {
    const own = zeroAsBlank(row[0]);
    const m = zeroAsBlank(row[2]) ?? "lowest";
    // The bid's own arguments are checked first, as the engine does, then the list of prices.
    const alone = priceScore(own, [], row[1], m);
    if (!alone.ok)
      return { ok: false, problem: row[0] === 0 ? zeroPrice(alone.problem) : alone.problem };
    if (pool.problem) return { ok: false, problem: pool.problem };
    const r = priceScore(own, pool.lowest, row[1], m);
    return r.ok ? { ok: true, value: [r.value] } : r;
  };
  const out: Out = new Array(columns.rows);
  for (let r = 0; r < columns.rows; r++) {
    const problem = readRow(columns, r, cells);
    out[r] = problem !== null ? errorRow(problem, 1) : resultRow(compute, cells, r, 1);
  }
  return out;
}

/**
 * For each row of scores (one column per evaluator): Mean | Lowest | Highest | Discuss. Discuss is
 * TRUE when highest - lowest is greater than spreadLimit. Blank cells (and 0) are ignored.
 * @customfunction CONSENSUS CONSENSUS
 * @param scores One row per criterion or bid, one column per evaluator.
 * @param [spreadLimit] Discuss when highest - lowest is over this (blank or 0: from Settings, 1).
 * @returns One row of 4 cells per row of scores.
 */
export function consensusFn(scores: any[][], spreadLimit?: any): any[][] {
  const grid = asGrid(scores);
  const given = zeroAsBlank(spreadLimit);
  const limit = isBlank(given) ? currentSettings().moderationSpreadLimit : given;
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
  const shared = cellProblem("spreadLimit", spreadLimit, "");
  const rows = usedGridRows(grid);
  const out: Out = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const field = grid.length > 1 ? `scores row ${i + 1}` : "scores";
    const problem =
      shared ??
      rowProblem("scores", grid[i], (j) =>
        grid.length > 1 ? `row ${i + 1} (evaluator ${j + 1})` : `(evaluator ${j + 1})`
      );
    if (problem) {
      out[i] = errorRow(problem, 4);
      continue;
    }
    const row = grid[i].includes(0) ? grid[i].map(zeroAsBlank) : grid[i];
    const r = consensus(row, limit, field);
    out[i] = r.ok
      ? [r.value.mean, r.value.lowest, r.value.highest, r.value.discuss]
      : errorRow(r.problem, 4);
  }
  return out;
}
