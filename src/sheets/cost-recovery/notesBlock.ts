/**
 * The notes at the foot of the sheet: the terms of each project's answer, defined once (as in the
 * README's cost recovery section and answer.ts), and where the figures come from, in words (no
 * source codes in visible cells; the codes are in the code comments and docs/sources.md).
 */
import { NOTE_ROWS, type CostRecoveryGeometry } from "./geometry";
import { column, heading, type SheetSection } from "./section";

/** Sources: the balance of benefit (002:353-355), full cost recovery (003:423), the ACEVO / NPC method. */
export const NOTES = [
  "Full cost: direct costs plus the project's share of each overhead pool.",
  "Funder pays: the funder's part of the full cost at the basis for the funding type; when a price or award is entered and it is less than that part, the price or award.",
  "Organisation finds: the full cost less what the funder pays.",
  "Already covered: the part of the price or award above what the funder pays, which covers some of what the organisation finds.",
  "Still to find: what the organisation finds less what is already covered. Recovery (price or award / full cost) is red only when the price or award is below what the basis expects.",
  "Basis: the Wiltshire review of council and health funding of the voluntary sector (2007) sets full cost recovery where the commissioner benefits, and a fixed proportion where the benefit is shared, for example 50/50 organisation/council for investment and 80/20 for grants.",
  "Full cost recovery means costing an activity with its appropriate share of overhead costs as well as its direct costs (Common themes on commissioning the voluntary and community sector, 2007).",
  "Method: the ACEVO / New Philanthropy Capital full cost recovery toolkit: direct costs in full, each overhead pool shared by a cost driver, every pool adding back to the penny.",
];

export function notesSection(g: CostRecoveryGeometry): SheetSection {
  if (NOTES.length + 1 !== NOTE_ROWS) throw new Error("NOTE_ROWS must be one more than NOTES");
  return {
    blocks: [
      heading(g.notesTop, g.left, "Notes: the terms used and where the figures come from"),
      { row: g.notesTop + 1, col: g.left, kind: "value", cells: column(NOTES), look: ["note"] },
    ],
  };
}
