/**
 * The cost recovery sheet as a SheetSpec: one sheet per organisation with several projects
 * (DOMAIN.md s.3; ACEVO / NPC full cost recovery). Settings (funder share per funding type, from
 * FrameworkSettings, 002:353-355), overhead pools with their cost drivers, projects with their
 * inputs and driver values, live results in ordinary Excel formulas (no add-in functions, so the
 * sheet works for a colleague or funder without the add-in), a chart, the "Price a service"
 * bidder block, the workings (workingsBlock.ts explains the exact sharing) and the notes (the
 * terms and the sources, in words).
 *
 * The figures are the engine's (src/domain/cost-recovery/organisation.ts computes the same), so
 * the two are checked against each other to the penny. Formulas use absolute references to fixed
 * ranges and plain references within a row.
 */
import type { CostRecoverySetup } from "../../domain/cost-recovery/organisation";
import type { FrameworkSettings } from "../../domain/settings/settings";
import type { SheetSpec } from "../spec";
import { bidderSection } from "./bidderBlock";
import { furtherSection, furtherShown, type FurtherChoice } from "./furtherBlock";
import { costRecoveryGeometry, type CostRecoveryGeometry } from "./geometry";
import { notesSection } from "./notesBlock";
import { poolsSection } from "./poolsBlock";
import { projectsSection } from "./projectsBlock";
import { costRecoveryRefs, type CostRecoveryRefs } from "./refs";
import { chartSection, resultsSection } from "./resultsBlock";
import { joinSections } from "./section";
import { settingsSection, titleSection } from "./settingsBlock";
import { workingsSection } from "./workingsBlock";

export type CostRecoverySheet = {
  spec: SheetSpec;
  refs: CostRecoveryRefs;
  geometry: CostRecoveryGeometry;
};

/** Column widths in points: the first (labels and names) wide, the rest even. */
function columnWidths(g: CostRecoveryGeometry): { col: number; width: number }[] {
  return Array.from({ length: g.columns }, (_, i) => ({
    col: g.left + i,
    width: i === 0 ? 260 : 110,
  }));
}

/**
 * The sheet for a setup, from `origin` (0-based row and column of its top-left cell), to be
 * written into the sheet named `sheetName`. The setup is checked first
 * (validateCostRecoverySetup); the spec protects the sheet, leaving the inputs unlocked. With a
 * "Going further" choice of more than one year or a funder rule other than full cost, one
 * project's years and rule follow the notes (furtherBlock.ts).
 */
export function buildCostRecoverySheet(
  setup: CostRecoverySetup,
  settings: FrameworkSettings,
  origin = { row: 0, col: 0 },
  sheetName = "Cost recovery",
  further: FurtherChoice | null = null
): CostRecoverySheet {
  const choice = furtherShown(further) && setup.projects[further.project] ? further : null;
  const g = costRecoveryGeometry(setup, origin, choice);
  const refs = costRecoveryRefs(g, setup);
  const sections = joinSections([
    titleSection(g, setup),
    settingsSection(g, settings),
    poolsSection(g, setup),
    projectsSection(g, setup),
    workingsSection(g, setup),
    resultsSection(g, setup),
    bidderSection(g, setup),
    chartSection(g, refs.range),
    notesSection(g),
    furtherSection(g, setup, choice, settings),
  ]);
  return {
    spec: {
      name: sheetName,
      ...sections,
      columnWidths: columnWidths(g),
      protect: true,
      extent: refs.range,
    },
    refs,
    geometry: g,
  };
}
