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

/**
 * The per-bid declarations a member chooses from on their scoring sheet, one per bidder: a
 * conflict with one bidder voids only that member's scores for that bid.
 */
export const BID_NO_CONFLICT = "No conflict with this bidder";
export const BID_CONFLICT = "Conflict with this bidder (declared to the chair)";

/** A per-bid declaration read back: the member-wide wording is accepted too. */
export function parseBidDeclaration(v: unknown): Declaration {
  const s = isBlank(v) ? "" : String(v).trim().toLowerCase();
  if (s === BID_NO_CONFLICT.toLowerCase()) return "noConflict";
  if (s === BID_CONFLICT.toLowerCase()) return "conflict";
  return parseDeclaration(v);
}

/** The answers to a gateway question (pass/fail before scoring: legal and financial documents present, 003:365; accreditation, 002:324-326). */
export const GATEWAY_PASS = "Pass";
export const GATEWAY_FAIL = "Fail";
export type GatewayAnswer = "pass" | "fail" | "none";

/** A gateway answer as read back (any case, as the workbook's COUNTIF reads it). */
export function parseGatewayAnswer(v: unknown): GatewayAnswer {
  const s = isBlank(v) ? "" : String(v).trim().toLowerCase();
  if (s === "pass") return "pass";
  if (s === "fail") return "fail";
  return "none";
}
