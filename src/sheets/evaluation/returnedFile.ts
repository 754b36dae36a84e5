/**
 * A panel member's returned file, checked before anything in it is imported: it must belong to
 * this tender and this version of its setup, be the file of a member of this panel, and have
 * nothing locked changed (criteria, weights, minimums, scale, bidders, column headings). Pure:
 * the file's sheets arrive as plain values (src/excel/evaluatorFiles.ts reads them with exceljs)
 * and the answer is the member's grid, or the reason the file is refused.
 */
import { stagesOf, type EvaluationModel } from "../../domain/evaluation/setup";
import { isBlank } from "../../domain/kernel/parse";
import type { TenderIdentity } from "./criteriaSheet";
import { criteriaSheet } from "./criteriaSheet";
import { CRITERIA_SHEET, SCORING_SHEET, type SheetNames } from "./geometry";
import { scoringSheet } from "./scoringSheet";
import { specCells, type SheetSpec } from "../spec";
import { cellAddress, parseCell } from "../a1";

/** A returned workbook's sheets: name and values from A1 (rows of cells). */
export type ReturnedWorkbook = {
  fileName: string;
  sheets: { name: string; values: unknown[][] }[];
};

export type ReturnedCheck =
  | { ok: true; fileName: string; evaluator: number; grid: unknown[][] }
  | { ok: false; fileName: string; member: string | null; reason: string };

/** Title of the scoring sheet's first cell: how a returned file's scoring sheet is found. */
const SCORING_TITLE = "Scoring sheet for";

const cell = (values: unknown[][], row: number, col: number): unknown => values[row]?.[col];
const asText = (v: unknown) => (isBlank(v) ? "" : String(v).trim());
const same = (a: unknown, b: unknown) =>
  typeof b === "number" ? Number(a) === b && !isBlank(a) : asText(a) === asText(b);

/** A cell's value in a reason: numbers as they are (with a unit), text in quotes. */
function shown(v: unknown, unit: string): string {
  if (asText(v) === "") return "blank";
  const n = typeof v === "number" ? v : Number(asText(v));
  return Number.isFinite(n) && asText(v) !== "" ? `${n}${unit}` : `"${asText(v)}"`;
}

/**
 * The first locked cell of `spec` whose value differs in the returned sheet, in words; null when
 * every locked cell is as sent. Input cells (unlocked blocks) are what the member fills in.
 */
function changedLockedCell(
  spec: SheetSpec,
  values: unknown[][],
  labelOf: (address: string) => { label: string; unit: string }
): string | null {
  const inputs = new Set<string>();
  for (const b of spec.blocks)
    if (b.unlocked)
      b.cells.forEach((r, i) => r.forEach((_, j) => inputs.add(cellAddress(b.row + i, b.col + j))));
  for (const [address, c] of specCells(spec)) {
    if (inputs.has(address) || c.kind === "formula") continue;
    const at = parseCell(address);
    if (!at) continue;
    const got = cell(values, at.row, at.col);
    if (!same(got, c.value)) {
      const { label, unit } = labelOf(address);
      return `${label} (${address}) was ${shown(c.value, unit)} when sent and is now ${shown(got, unit)}`;
    }
  }
  return null;
}

/** What the Criteria sheet's cell at `address` is, for a reason the chair can act on. */
function criteriaLabel(model: EvaluationModel, address: string): { label: string; unit: string } {
  const { row, col } = parseCell(address) ?? { row: -1, col: -1 };
  const i = row - CRITERIA_SHEET.firstRow;
  const c = model.criteria[i];
  if (c && col === CRITERIA_SHEET.columns.weight)
    return { label: `The weight of "${c.name}" on the Criteria sheet`, unit: "%" };
  if (c && col === CRITERIA_SHEET.columns.minimum)
    return { label: `The minimum score of "${c.name}" on the Criteria sheet`, unit: "" };
  if (c) return { label: `Criterion ${i + 1} on the Criteria sheet`, unit: "" };
  return { label: "A locked cell on the Criteria sheet", unit: "" };
}

/**
 * Check a returned file against this tender. Refused, with the reason, when: it has no Criteria
 * or scoring sheet; it is for another tender or another version; it names someone not on the
 * panel; or any locked cell differs from what was sent (a changed weight, a renamed bidder).
 */
export function checkReturnedFile(
  model: EvaluationModel,
  names: SheetNames,
  identity: TenderIdentity,
  file: ReturnedWorkbook
): ReturnedCheck {
  const refuse = (reason: string, member: string | null = null): ReturnedCheck => ({
    ok: false,
    fileName: file.fileName,
    member,
    reason,
  });
  const criteria = file.sheets.find((s) => s.name.toLowerCase() === names.criteria.toLowerCase());
  const scoring = file.sheets.find((s) => asText(cell(s.values, 0, 0)) === SCORING_TITLE);
  if (!criteria || !scoring)
    return refuse(
      "it is not an evaluator's file from this add-in (it has no Criteria sheet or no scoring sheet)"
    );
  const id = asText(
    cell(criteria.values, CRITERIA_SHEET.tenderId.row, CRITERIA_SHEET.tenderId.col)
  );
  const scoringId = asText(
    cell(scoring.values, SCORING_SHEET.tenderId.row, SCORING_SHEET.tenderId.col)
  );
  if (id !== identity.tenderId || scoringId !== identity.tenderId)
    return refuse(
      `it belongs to another tender (identifier "${id || scoringId || "none"}"; this tender's is "${identity.tenderId}")`
    );
  const version = Number(
    cell(criteria.values, CRITERIA_SHEET.version.row, CRITERIA_SHEET.version.col)
  );
  const scoringVersion = Number(
    cell(scoring.values, SCORING_SHEET.version.row, SCORING_SHEET.version.col)
  );
  if (version !== identity.version || scoringVersion !== identity.version)
    return refuse(
      `it was sent for version ${Number.isFinite(version) ? version : "?"} of the setup; the setup is now version ${identity.version}: send the member a new file`
    );
  const member = asText(cell(scoring.values, SCORING_SHEET.member.row, SCORING_SHEET.member.col));
  const e = model.evaluators.findIndex((m) => m.toLowerCase() === member.toLowerCase());
  if (e < 0) return refuse(`it is for "${member}", who is not on this panel`, member || null);
  const changedCriteria = changedLockedCell(
    criteriaSheet(model, names, identity),
    criteria.values,
    (a) => criteriaLabel(model, a)
  );
  if (changedCriteria)
    return refuse(
      `${changedCriteria}. A returned file must not change what is locked: ask ${model.evaluators[e]} to score a fresh copy`,
      model.evaluators[e]
    );
  const changedScoring = changedLockedCell(
    scoringSheet(model, names, e, identity),
    scoring.values,
    () => ({ label: "A locked cell on the scoring sheet", unit: "" })
  );
  if (changedScoring)
    return refuse(
      `${changedScoring}. A returned file must not change what is locked: ask ${model.evaluators[e]} to score a fresh copy`,
      model.evaluators[e]
    );
  const width = 1 + 2 * stagesOf(model).assignments[e].length;
  const grid = model.bidders.map((_, b) =>
    Array.from({ length: width }, (_, j) =>
      cell(scoring.values, SCORING_SHEET.firstRow + b, SCORING_SHEET.firstCol + j)
    )
  );
  return { ok: true, fileName: file.fileName, evaluator: e, grid };
}
