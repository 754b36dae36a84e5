/**
 * FUNDING.MTDC: the modified total direct cost base of a list of cost lines, for the US federal
 * de minimis indirect rate (2 CFR 200.414(f); MTDC as 2 CFR 200.1 defines it from 1 October 2024).
 * Thin: read the cells (args.ts conventions), call src/domain/cost-recovery/mtdc.ts, return one
 * cell. Errors are returned as error values, never thrown.
 */
import { mtdc } from "../domain/cost-recovery/mtdc";
import { isBlank, parseAmount } from "../domain/kernel/parse";
import type { ValueProblem } from "../domain/kernel/result";
import { currentSettings } from "../domain/settings/runtimeSettings";
import { cellProblem, flatten, toExcelError, usedLength, type Cell } from "./args";

const problem = (field: string, message: string): ValueProblem => ({
  kind: "value",
  field,
  message,
});

/** The lines to count: amounts and categories row by row, to the last one with anything in it. */
function linesOf(
  amounts: Cell[],
  categories: Cell[]
): { cents: number; category: string }[] | ValueProblem {
  if (amounts.length !== categories.length)
    return problem(
      "categories",
      `categories has ${categories.length} cells but amounts has ${amounts.length}; give one category per amount`
    );
  const n = Math.max(usedLength(amounts), usedLength(categories));
  const lines: { cents: number; category: string }[] = [];
  for (let i = 0; i < n; i++) {
    const at = n > 1 ? `line ${i + 1}` : "";
    const bad =
      cellProblem("amounts", amounts[i], at, "all") ??
      cellProblem("categories", categories[i], at, "all");
    if (bad) return bad;
    if (isBlank(amounts[i]) && isBlank(categories[i])) continue;
    const raw =
      typeof amounts[i] === "string" ? (amounts[i] as string).replace(/^\s*\$/, "") : amounts[i];
    const a = parseAmount(raw, `amounts ${at}`.trim());
    if (!a.ok)
      return {
        ...a.problem,
        message: a.problem.message.replace(/pounds/g, "dollars").replace(/£/g, "$"),
      };
    const c = categories[i];
    lines.push({ cents: a.value, category: typeof c === "string" ? c : String(c ?? "") });
  }
  return lines;
}

/**
 * The modified total direct cost (MTDC) base of a list of cost lines: salaries, fringe benefits,
 * materials, supplies, services and travel counted; equipment, capital expenditure, patient care,
 * rental costs, tuition remission, scholarships, fellowships and participant support left out;
 * the first $50,000 of each subaward counted.
 * @customfunction MTDC MTDC
 * @param amounts A column of cost line amounts in dollars, 0 or more.
 * @param categories A column of categories, one per amount: e.g. salaries, travel, equipment, rental costs, participant support, subaward, or subaward: name (lines with the same name are one subaward).
 * @returns The MTDC base in dollars, to the cent.
 */
export function costMtdc(amounts: any[][], categories: any[][]): any[][] {
  const lines = linesOf(flatten(amounts), flatten(categories));
  if (!Array.isArray(lines)) return [[toExcelError(lines)]];
  const limit = Math.round(currentSettings().costMtdcSubawardLimit * 100);
  const r = mtdc(lines, limit);
  if (!r.ok) return [[toExcelError(r.problem)]];
  return [[r.value.base / 100]];
}
