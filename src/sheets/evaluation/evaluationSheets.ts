/**
 * The evaluation workbook as SheetSpecs (src/sheets/spec.ts): Criteria, a scoring sheet per panel
 * member, Moderation and Results, each built by the file of its name beside this one, at the
 * positions in geometry.ts. src/excel/evaluation.ts writes them through the one writer; the tests
 * inspect them without Excel.
 *
 * Formulas use only ordinary Excel functions (IF, SUMIF, COUNTIFS, MIN, MAX, AVERAGE, ROUND, ...)
 * so the workbook works for panel members without the add-in (DOMAIN.md s.4).
 */
import type { SheetSpec } from "../spec";
import type { EvaluationModel } from "../../domain/evaluation/setup";
import { criteriaSheet } from "./criteriaSheet";
import { evaluationSheetNames, type SheetNames } from "./geometry";
import { moderationSheet } from "./moderationSheet";
import { resultsSheet } from "./resultsSheet";
import { scoringSheet } from "./scoringSheet";

/** Every generated sheet, in the order they are added to the workbook. */
export function evaluationSpecs(
  model: EvaluationModel,
  names: SheetNames = evaluationSheetNames(model)
): SheetSpec[] {
  return [
    criteriaSheet(model, names),
    ...model.evaluators.map((_, e) => scoringSheet(model, names, e)),
    moderationSheet(model, names),
    resultsSheet(model, names),
  ];
}
