/**
 * The words a panel writes and reads: the two conflict-of-interest declarations a member chooses
 * from, and the flag that a wide spread of scores is to be discussed. The generated workbook shows
 * them and the returns checks read them back, so both take them from here.
 *
 * From the sources: conflicts of interest must be handled on mixed panels (000:757; 003:333,
 * 003:636). UK practice (DOMAIN.md s.4): wide spreads are discussed.
 */
import { isBlank } from "../kernel/parse";

export const DECLARATION_NO_CONFLICT = "I have no conflict of interest";
export const DECLARATION_CONFLICT = "I have a conflict of interest (declared to the chair)";

/** What the moderation shows beside a bid and criterion whose scores are too far apart. */
export const DISCUSS = "Discuss";

export type Declaration = "noConflict" | "conflict" | "none";

/** A declaration as read back from a cell (any case, surrounding spaces ignored). */
export function parseDeclaration(v: unknown): Declaration {
  const s = isBlank(v) ? "" : String(v).trim().toLowerCase();
  if (s === DECLARATION_NO_CONFLICT.toLowerCase()) return "noConflict";
  if (s === "") return "none";
  if (s === DECLARATION_CONFLICT.toLowerCase()) return "conflict";
  return "none";
}
