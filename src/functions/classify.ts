/**
 * FUNDING.CLASSIFY: place funding rows in the shopping / investing / giving framework (002:250-327).
 * Thin: parse the arguments row by row (args.ts conventions), call the engine, return cells.
 */
import { classify, toRow } from "../domain/classification/classify";
import { currentSettings } from "../domain/settings/runtimeSettings";
import { mapRows } from "./args";

/**
 * Classify funding under shopping / investing / giving. Returns one row per input row:
 * Mode, Funding type, Budget, Route, Cost recovery, Funder share, Monitoring, Flags.
 * @customfunction CLASSIFY CLASSIFY
 * @param annualValue Value in £ per year, 0 or more (a cell or a column).
 * @param outputsSpecified Does the funder specify the service or outputs tied to the money? (yes/no)
 * @param recipientTier infrastructure (umbrella, second tier) or frontline; blank means frontline.
 * @param [currentLabel] What the register calls it today, e.g. grant, SLA, contract.
 * @param [competitivelySelected] Was the organisation competitively selected? (yes/no)
 * @param [accredited] Is the organisation accredited, e.g. PQASSO Quality Mark? (yes/no)
 * @param [termYears] Term of the agreement in years, 0 or more.
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
  return mapRows(
    {
      annualValue,
      outputsSpecified,
      recipientTier,
      currentLabel,
      competitivelySelected,
      accredited,
      termYears,
    },
    8,
    (row) => {
      const result = classify(
        {
          annualValue: row.annualValue,
          outputsSpecified: row.outputsSpecified,
          recipientTier: row.recipientTier,
          currentLabel: row.currentLabel,
          competitivelySelected: row.competitivelySelected,
          accredited: row.accredited,
          termYears: row.termYears,
        },
        settings
      );
      return result.ok ? { ok: true, value: toRow(result.value) } : result;
    }
  );
}
