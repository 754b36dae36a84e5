/** The title, the note on how to use the sheet, and the funder share by funding type (from Settings). */
import { FUNDING_TYPES, funderPercent } from "../../domain/classification/classify";
import type { CostRecoverySetup } from "../../domain/cost-recovery/organisation";
import type { FrameworkSettings } from "../../domain/settings/settings";
import { cellAddress } from "../a1";
import type { CostRecoveryGeometry } from "./geometry";
import { column, heading, headerRow, type SheetSection } from "./section";

export const NOTE =
  "Shaded cells are inputs: change them and every result updates. Ratios are written VCS organisation / funder (002:355). " +
  "Method: ACEVO / New Philanthropy Capital full cost recovery; amounts are exact to the penny and each pool adds back.";

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
 * funding type up here, in basis points (a working column).
 */
export function settingsSection(
  g: CostRecoveryGeometry,
  settings: FrameworkSettings
): SheetSection {
  const c = g.settingsColumns;
  const funderShare = (i: number) => cellAddress(g.firstTypeRow + i, c.funderShare);
  return {
    blocks: [
      heading(g.settingsTop, g.left, "Funder share by funding type (from Settings; 002:353-355)"),
      headerRow(g.settingsHeaderRow, g.left, [
        "Funding type",
        "Funder share",
        "VCS organisation share",
        "Basis points (working)",
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
        col: c.vcsShare,
        kind: "formula",
        cells: column(FUNDING_TYPES.map((_, i) => `=1-${funderShare(i)}`)),
        numberFormat: "0.00%",
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
