/** The title, the note on how to use the sheet, and the funder share by funding type (from Settings). */
import { FUNDING_TYPES, funderPercent } from "../../domain/classification/classify";
import type { CostRecoverySetup } from "../../domain/cost-recovery/organisation";
import type { FrameworkSettings } from "../../domain/settings/settings";
import { POUNDS_FORMAT } from "../../domain/kernel/money";
import { cellAddress } from "../a1";
import type { CostRecoveryGeometry } from "./geometry";
import { column, heading, headerRow, type SheetSection } from "./section";

export const NOTE =
  "Shaded cells are inputs: change them and every result updates. Ratios are written organisation / funder: " +
  "80/20 means the organisation finds 80% and the funder pays 20%. Amounts are exact to the penny and each pool adds back. " +
  "Where the figures come from is in the notes at the bottom of the sheet.";

/** The basis in words from the funder share out of 10,000, as answer.ts basisWords writes it. */
const basisWordsFormula = (bp: string): string =>
  `=IF(${bp}=10000,"full cost recovery",(10000-${bp})/100&"/"&${bp}/100&" organisation/funder")`;

/** The title and the note under it. */
export function titleSection(g: CostRecoveryGeometry, setup: CostRecoverySetup): SheetSection {
  return {
    blocks: [
      {
        row: g.titleRow,
        col: g.left,
        kind: "value",
        cells: [[`Full cost recovery: ${setup.organisation.trim() || "organisation"}`]],
        look: ["title"],
      },
      { row: g.noteRow, col: g.left, kind: "value", cells: [[NOTE]], look: ["note"] },
    ],
  };
}

/**
 * Funder share by funding type, from the workbook's settings (002:353-355): the formulas look the
 * funding type up here, in hundredths of a per cent (a column for the formulas), and the basis in
 * words for each project's answer ("80/20 organisation/funder", as answer.ts basisWords).
 */
export function settingsSection(
  g: CostRecoveryGeometry,
  settings: FrameworkSettings
): SheetSection {
  const c = g.settingsColumns;
  const funderShare = (i: number) => cellAddress(g.firstTypeRow + i, c.funderShare);
  const basisPoints = (i: number) => cellAddress(g.firstTypeRow + i, c.basisPoints);
  return {
    blocks: [
      heading(g.settingsTop, g.left, "Funder share by funding type (from Settings)"),
      {
        row: g.settingsTop,
        col: c.thresholdLabel,
        kind: "value",
        cells: [["Small-grant threshold (£ a year, from Settings)", settings.smallGrantThreshold]],
        numberFormat: [[null, POUNDS_FORMAT]],
      },
      headerRow(g.settingsHeaderRow, g.left, [
        "Funding type",
        "Funder share",
        "Organisation share",
        "Basis",
        "For the formulas: funder share out of 10,000",
      ]),
      { row: g.firstTypeRow, col: c.type, kind: "value", cells: column(FUNDING_TYPES) },
      {
        row: g.firstTypeRow,
        col: c.funderShare,
        kind: "value",
        cells: column(FUNDING_TYPES.map((t) => funderPercent(t, settings) / 100)),
        numberFormat: "0.00%",
      },
      {
        row: g.firstTypeRow,
        col: c.organisationShare,
        kind: "formula",
        cells: column(FUNDING_TYPES.map((_, i) => `=1-${funderShare(i)}`)),
        numberFormat: "0.00%",
      },
      {
        row: g.firstTypeRow,
        col: c.basisWords,
        kind: "formula",
        cells: column(FUNDING_TYPES.map((_, i) => basisWordsFormula(basisPoints(i)))),
      },
      {
        row: g.firstTypeRow,
        col: c.basisPoints,
        kind: "formula",
        cells: column(FUNDING_TYPES.map((_, i) => `=ROUND(${funderShare(i)}*10000,0)`)),
        numberFormat: "0",
        look: ["working"],
      },
    ],
  };
}
