/**
 * FUNDING.CLASSIFY: place funding rows in the shopping / investing / giving framework (002:250-327).
 * Thin: parse the arguments row by row (args.ts conventions), call the engine, return cells.
 *
 * Blanks (parse.ts, mayBeEmptyCell): an empty cell may arrive as 0, so in the optional arguments
 * (recipientTier, currentLabel, competitivelySelected, accredited, termYears) 0 is read as blank:
 * frontline, no label, not known -- the reading that raises no flag. outputsSpecified is required
 * and annualValue is an amount, so there 0 keeps its meaning (no; £0).
 *
 * Speed: a register column holds few distinct answers ("yes", "no", "frontline", "grant" ...), so
 * the answers are parsed once per distinct value (the same engine parsers, cached for this call),
 * and the engine's rules (classifyFacts) run on the parsed facts; no object is built per row
 * beyond the engine's own. When any argument of
 * a row is refused, the row is parsed again by the engine's parseClassifyInput, so the message is
 * exactly the engine's (the first problem in argument order). test/functions/classify.test.ts
 * checks row for row that this gives what the engine gives.
 */
import {
  classify,
  classifyFacts,
  parseRecipientTier,
  toRow,
  type ClassifyFacts,
  type ClassifyInput,
  type RecipientTier,
} from "../domain/classification/classify";
import {
  isBlank,
  parseAmount,
  parseNumber,
  parseOptionalYesNo,
  parseYesNo,
  zeroAsBlank,
} from "../domain/kernel/parse";
import { ok, type Result } from "../domain/kernel/result";
import type { FrameworkSettings } from "../domain/settings/settings";
import { currentSettings } from "../domain/settings/runtimeSettings";
import { columnsOf, errorRow, noData, readRow, resultRow, type Cell } from "./args";

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

function cached<T>(cache: Map<Cell, T>, value: Cell, parse: (value: Cell) => T): T {
  let r = cache.get(value);
  if (r === undefined) {
    r = parse(value);
    cache.set(value, r);
  }
  return r;
}

const validLabel = (label: Cell): boolean =>
  isBlank(label) || typeof label === "string" || typeof label === "number";

/**
 * A row classifier for one call: each argument's parser remembers what each distinct cell value
 * parsed to. Returns the row's eight cells, or null when some argument is refused (the caller then
 * asks the engine for the problem).
 */
function rowClassifier(
  settings: FrameworkSettings
): (cells: readonly Cell[]) => (string | number)[] | null {
  const outputs = new Map<Cell, Result<boolean | null>>();
  const tiers = new Map<Cell, Result<RecipientTier>>();
  const competitive = new Map<Cell, Result<boolean | null>>();
  const accredited = new Map<Cell, Result<boolean | null>>();
  const terms = new Map<Cell, Result<number | null>>();
  const parseOutputs = (v: Cell): Result<boolean | null> =>
    isBlank(v) ? { ok: true, value: null } : parseYesNo(v, "outputsSpecified");
  const parseTier = (v: Cell) => parseRecipientTier(zeroAsBlank(v));
  const parseCompetitive = (v: Cell) => parseOptionalYesNo(v, "competitivelySelected");
  const parseAccredited = (v: Cell) => parseOptionalYesNo(v, "accredited");
  const parseTerm = (v: Cell) => parseNumber(zeroAsBlank(v), "termYears", { min: 0 });
  return (cells) => {
    // Amounts are mostly distinct: parsed, not looked up.
    const value = parseAmount(cells[0], "annualValue");
    if (!value.ok) return null;
    const out = cached(outputs, cells[1], parseOutputs);
    if (!out.ok || out.value === null) return null;
    const tier = cached(tiers, cells[2], parseTier);
    if (!tier.ok) return null;
    const label = zeroAsBlank(cells[3]);
    if (!validLabel(label)) return null;
    const comp = cached(competitive, cells[4], parseCompetitive);
    if (!comp.ok) return null;
    const accr = cached(accredited, cells[5], parseAccredited);
    if (!accr.ok) return null;
    const term = cached(terms, cells[6], parseTerm);
    if (!term.ok) return null;
    const facts: ClassifyFacts = {
      valuePence: value.value,
      outputsSpecified: out.value,
      tier: tier.value,
      label: isBlank(label) ? "" : String(label),
      competitivelySelected: comp.value,
      accredited: accr.value,
      termYears: term.value,
    };
    return toRow(classifyFacts(facts, settings));
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
