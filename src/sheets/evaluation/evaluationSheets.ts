/**
 * The evaluation workbook as SheetSpecs (src/sheets/spec.ts): Criteria, Gateway, a scoring sheet
 * per panel member, Moderation and Results, each built by the file of its name beside this one, at the
 * positions in geometry.ts. src/excel/evaluation.ts writes them through the one writer; the tests
 * inspect them without Excel.
 *
 * Formulas use only ordinary Excel functions (IF, SUMIF, COUNTIFS, MIN, MAX, AVERAGE, ROUND, ...)
 * so the workbook works for panel members without the add-in (DOMAIN.md s.4).
 */
import type { SheetSpec } from "../spec";
import type { EvaluationModel } from "../../domain/evaluation/setup";
import { criteriaSheet, type TenderIdentity } from "./criteriaSheet";
import { gatewaySheet } from "./gatewaySheet";
import { evaluationSheetNames, type SheetNames } from "./geometry";
import { moderationSheet } from "./moderationSheet";
import { resultsSheet } from "./resultsSheet";
import { scoringSheet } from "./scoringSheet";

/**
 * Every generated sheet, in the order they are added to the workbook: Criteria, the Gateway (when
 * the setup has one), a scoring sheet per member, Moderation and Results.
 */
export function evaluationSpecs(
  model: EvaluationModel,
  names: SheetNames = evaluationSheetNames(model),
  identity?: TenderIdentity
): SheetSpec[] {
  const gateway = gatewaySheet(model, names);
  return [
    criteriaSheet(model, names, identity),
    ...(gateway ? [gateway] : []),
    ...model.evaluators.map((_, e) => scoringSheet(model, names, e, identity)),
    moderationSheet(model, names),
    resultsSheet(model, names),
  ];
}
