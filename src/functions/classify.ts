/**
 * FUNDING.CLASSIFY: place funding rows in the shopping / investing / giving framework (002:250-327).
 * Thin: parse the arguments row by row (args.ts conventions), call the engine, return cells.
 *
 * Blanks (parse.ts, mayBeEmptyCell): an empty cell may arrive as 0, so in the optional arguments
 * (recipientTier, currentLabel, competitivelySelected, accredited, termYears) 0 is read as blank:
 * frontline, no label, not known -- the reading that raises no flag. outputsSpecified is required
 * and annualValue is an amount, so there 0 keeps its meaning (no; £0).
 *
 * Speed (issue 10, point 6): a register column holds few distinct answers ("yes", "no",
 * "frontline", "grant" ...), so each distinct answer is parsed once per call (the engine's own
 * parsers), and the engine's rules (classifyFacts) run once per distinct combination of answers
 * and place of the value among the settings' amounts (rowClassifier); each row then costs a few
 * lookups and a copy of its eight cells. Amounts that are numbers or plain money text are read
 * without building a string (fastAmount, args.ts). When any argument of a row is refused, the row
 * is parsed again by the engine's parseClassifyInput, so the message is exactly the engine's (the
 * first problem in argument order). test/functions/classify.test.ts checks row for row that this
 * gives what the engine gives; bench/functions.bench.ts measures it beside a plain loop.
 */
import {
  classify,
  classifyFacts,
  parseRecipientTier,
  toRow,
  type ClassifyFacts,
  type ClassifyInput,
} from "../domain/classification/classify";
import { toPence } from "../domain/kernel/money";
import {
  isBlank,
  parseAmount,
  parseNumber,
  parseOptionalYesNo,
  parseYesNo,
  zeroAsBlank,
} from "../domain/kernel/parse";
import { fail, ok, type Result } from "../domain/kernel/result";
import type { FrameworkSettings } from "../domain/settings/settings";
import { currentSettings } from "../domain/settings/runtimeSettings";
import { columnsOf, errorRow, fastAmount, noData, readRow, resultRow, type Cell } from "./args";

const WIDTH = 8;

/**
 * One row's arguments as the engine takes them, with 0 read as blank in the optional ones. This
 * is the reference: classifyRow must give what classify(classifyInputOf(cells)) gives.
 */
export function classifyInputOf(cells: readonly Cell[]): ClassifyInput {
  return {
    annualValue: cells[0],
    outputsSpecified: cells[1],
    recipientTier: zeroAsBlank(cells[2]),
    currentLabel: zeroAsBlank(cells[3]),
    competitivelySelected: zeroAsBlank(cells[4]),
    accredited: zeroAsBlank(cells[5]),
    termYears: zeroAsBlank(cells[6]),
  };
}

/**
 * An answer column's parser for one call: each distinct cell value is parsed once; the answer
 * gets a small whole number id (the same parsed answer, the same id), or -1 when refused.
 */
function answerIds<T>(parse: (value: Cell) => Result<T>): {
  id: (value: Cell) => number;
  answers: T[];
} {
  const byCell = new Map<Cell, number>();
  const byAnswer = new Map<T, number>();
  const answers: T[] = [];
  const id = (value: Cell): number => {
    let k = byCell.get(value);
    if (k === undefined) {
      const r = parse(value);
      if (!r.ok) k = -1;
      else {
        k = byAnswer.get(r.value);
        if (k === undefined) {
          k = answers.length;
          answers.push(r.value);
          byAnswer.set(r.value, k);
        }
      }
      byCell.set(value, k);
    }
    return k;
  };
  return { id, answers };
}

/**
 * Every number in the settings, in pence, sorted, without repeats: the only amounts the engine
 * compares a value with (the small-grant, tendering and monitoring thresholds are settings, read
 * in pence by toPence). Two values in the same place among them -- below the first, equal to one,
 * between two, above the last -- classify alike, which valueClass uses.
 */
function settingsPence(settings: FrameworkSettings): number[] {
  const cuts = new Set<number>();
  for (const v of Object.values(settings)) {
    if (typeof v !== "number") continue;
    const p = toPence(v);
    if (p !== null) cuts.add(p);
  }
  return [...cuts].sort((x, y) => x - y);
}

/** The place of a value among the cuts: 2i below cuts[i] (and above cuts[i-1]), 2i + 1 at it. */
function valueClass(pence: number, cuts: readonly number[]): number {
  let i = 0;
  while (i < cuts.length && cuts[i] < pence) i++;
  return i < cuts.length && cuts[i] === pence ? 2 * i + 1 : 2 * i;
}

const validLabel = (label: Cell): boolean =>
  isBlank(label) || typeof label === "string" || typeof label === "number";

/**
 * A row classifier for one call. A register column holds few distinct answers, so each answer
 * column's distinct values are parsed once (answerIds, with the engine's parsers), and a row's
 * classification is worked out by the engine (classifyFacts) once per distinct combination of
 * answers and place of the value among the settings' amounts (valueClass): the row's eight cells
 * depend on the value only through how it compares with those amounts. Returns the row's eight
 * cells (a fresh array), or null when some argument is refused (the caller then asks the engine
 * for the problem). test/functions/classify.test.ts checks row for row that this is the engine's
 * classify(), with values at, just below and just above every setting.
 */
function rowClassifier(
  settings: FrameworkSettings
): (cells: readonly Cell[]) => (string | number)[] | null {
  const outputs = answerIds((v) =>
    isBlank(v) ? fail("outputsSpecified", "blank") : parseYesNo(v, "outputsSpecified")
  );
  const tiers = answerIds((v) => parseRecipientTier(zeroAsBlank(v)));
  const labels = answerIds<string>((v) => {
    const label = zeroAsBlank(v);
    return validLabel(label) ? ok(isBlank(label) ? "" : String(label)) : fail("currentLabel", "");
  });
  const competitive = answerIds((v) => parseOptionalYesNo(v, "competitivelySelected"));
  const accredited = answerIds((v) => parseOptionalYesNo(v, "accredited"));
  const terms = answerIds((v) => parseNumber(zeroAsBlank(v), "termYears", { min: 0 }));
  const cuts = settingsPence(settings);
  const classes = 2 * cuts.length + 1;
  /** The engine's eight cells for a value and the ids of the other answers. */
  const classifyValue = (valuePence: number, ids: readonly number[]): (string | number)[] => {
    const facts: ClassifyFacts = {
      valuePence,
      outputsSpecified: outputs.answers[ids[0]] as boolean,
      tier: tiers.answers[ids[1]],
      label: labels.answers[ids[2]],
      competitivelySelected: competitive.answers[ids[3]],
      accredited: accredited.answers[ids[4]],
      termYears: terms.answers[ids[5]],
    };
    return toRow(classifyFacts(facts, settings));
  };
  // (label, term) pairs as one id, then every other answer and the value's class on top of it.
  const pairs = new Map<number, number>();
  const rows = new Map<number, (string | number)[]>();
  return (cells) => {
    let value = fastAmount(cells[0]);
    if (value === null) {
      const p = parseAmount(cells[0], "annualValue");
      if (!p.ok) return null;
      value = p.value;
    }
    const out = outputs.id(cells[1]);
    const tier = tiers.id(cells[2]);
    const label = labels.id(cells[3]);
    const comp = competitive.id(cells[4]);
    const accr = accredited.id(cells[5]);
    const term = terms.id(cells[6]);
    if ((out | tier | label | comp | accr | term) < 0) return null;
    // Ids are below 2^21 (one per distinct cell at most, and Excel has 2^20 rows); beyond, no cache.
    if (label >= 2097152 || term >= 2097152)
      return classifyValue(value, [out, tier, label, comp, accr, term]);
    const pairKey = label * 2097152 + term;
    let pair = pairs.get(pairKey);
    if (pair === undefined) pairs.set(pairKey, (pair = pairs.size));
    const small = ((out * 2 + tier) * 3 + comp) * 3 + accr; // answers of 2, 2, 3 and 3 kinds
    const key = (pair * 36 + small) * classes + valueClass(value, cuts);
    let row = rows.get(key);
    if (row === undefined) {
      row = classifyValue(value, [out, tier, label, comp, accr, term]);
      rows.set(key, row);
    }
    return row.slice();
  };
}

/**
 * Classify funding under shopping / investing / giving. Returns one row per input row:
 * Mode, Funding type, Budget, Route, Cost recovery, Funder share, Monitoring, Flags.
 * @customfunction CLASSIFY CLASSIFY
 * @param annualValue Value in £ per year, 0 or more (a cell or a column).
 * @param outputsSpecified Does the funder specify the service or outputs tied to the money? (yes/no)
 * @param recipientTier infrastructure (umbrella, second tier) or frontline; blank means frontline.
 * @param [currentLabel] What the register calls it today, e.g. grant, SLA, contract.
 * @param [competitivelySelected] Was the organisation competitively selected? (yes/no; blank or 0: not known)
 * @param [accredited] Is the organisation accredited, e.g. PQASSO Quality Mark? (yes/no; blank or 0: not known)
 * @param [termYears] Term of the agreement in years, above 0 (blank or 0: not known).
 * @returns One row of 8 cells per input row.
 */
export function classifyFunding(
  annualValue: any[][],
  outputsSpecified: any[][],
  recipientTier: any[][],
  currentLabel?: any[][],
  competitivelySelected?: any[][],
  accredited?: any[][],
  termYears?: any[][]
): any[][] {
  const settings = currentSettings();
  const shape = columnsOf({
    annualValue,
    outputsSpecified,
    recipientTier,
    currentLabel,
    competitivelySelected,
    accredited,
    termYears,
  });
  if (!shape.ok) return [errorRow(shape.problem, WIDTH)];
  const columns = shape.value;
  if (columns.rows === 0) return [errorRow(noData(columns), WIDTH)];
  const classifyRow = rowClassifier(settings);
  // Refused: the engine names the first problem, in argument order.
  const refused = (cells: readonly Cell[]): Result<(string | number)[]> => {
    const result = classify(classifyInputOf(cells), settings);
    return result.ok ? ok(toRow(result.value)) : result;
  };
  const cells: Cell[] = new Array(columns.names.length);
  const out: unknown[][] = new Array(columns.rows);
  for (let r = 0; r < columns.rows; r++) {
    const problem = readRow(columns, r, cells);
    if (problem !== null) {
      out[r] = errorRow(problem, WIDTH);
      continue;
    }
    let row: (string | number)[] | null = null;
    try {
      row = classifyRow(cells);
    } catch {
      // An unexpected exception: resultRow below turns it into this row's #VALUE!.
    }
    // The row's only number, the funder share, comes from the settings and is finite.
    out[r] = row !== null ? row : resultRow(refused, cells, r, WIDTH);
  }
  return out;
}
