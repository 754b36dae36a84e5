/**
 * One answer per project to "what does the funder pay and what must we find?", in the terms the
 * README's cost recovery section defines (and nothing else: no "match needed", no "shortfall"):
 *
 *   Full cost £X. The funder pays £Y (basis); the organisation finds £Z. Of that, £A is already
 *   covered by the price or award entered; £B is still to find.
 *
 * - full cost X: direct costs plus the project's share of each overhead pool;
 * - the basis: the funder's part of the full cost for the funding type (100% for a commissioned
 *   service, a fixed proportion such as 50/50 or 80/20 for investment and grants, 002:353-355);
 *   E = X x the funder's part, rounded half up to the penny (split in rules.ts);
 * - funder pays Y: E when no price or award is entered; with a price or award P entered, the
 *   smaller of P and E (a funder offering less than its part pays only what it offers);
 * - organisation finds Z = X - Y;
 * - already covered A: the part of the price or award above what the funder pays, up to Z
 *   (A = min(P, X) - Y; 0 when nothing is entered);
 * - still to find B = Z - A: what the organisation has still to raise elsewhere.
 *
 * So X = Y + Z and Z = A + B exactly, in pence. The price is below what the basis expects when
 * P < E (the only case shown red); a 50/50 or 80/20 project paid its expected part is not.
 */
import { formatPounds, type Pence } from "../kernel/money";
import { ratioLabel, split, type Basis } from "./rules";

export type ProjectAnswer = {
  fullCost: Pence;
  /** E: what the basis expects the funder to pay. */
  expectedFunder: Pence;
  /** Y: what the funder pays. */
  funderPays: Pence;
  /** Z = full cost - funder pays. */
  organisationFinds: Pence;
  /** A: the part of the organisation's share already covered by the price or award entered. */
  covered: Pence;
  /** B = organisation finds - already covered. */
  stillToFind: Pence;
  /** The price or award entered (P), or null. */
  price: Pence | null;
  /** P below what the basis expects (E): the recovery is shown red. */
  belowBasis: boolean;
  /** The price or award above the full cost, or 0. */
  surplus: Pence;
  /** The basis as words: "full cost recovery", "80/20". */
  basisLabel: string;
};

/** The basis in words for the sentence: "full cost recovery" or "80/20 organisation/funder". */
export function basisWords(basis: Basis): string {
  if (basis.funderNum === basis.funderDen) return "full cost recovery";
  return `${ratioLabel(basis.funderNum, basis.funderDen)} organisation/funder`;
}

/** The one answer for a project of full cost X, at a basis, with the price or award P (or null). */
export function projectAnswer(fullCost: Pence, basis: Basis, price: Pence | null): ProjectAnswer {
  return answerFromExpected(fullCost, split(fullCost, basis).funder, basisWords(basis), price);
}

/**
 * The one answer when the funder's expected part E comes from a funder rule (presets.ts: UKRI's
 * 80% of full economic cost, a cap on overheads, the US de minimis rate) rather than a ratio.
 * E is at most the full cost.
 */
export function answerFromExpected(
  fullCost: Pence,
  expected: Pence,
  basisLabel: string,
  price: Pence | null
): ProjectAnswer {
  const expectedFunder = Math.max(0, Math.min(expected, fullCost));
  const funderPays = price === null ? expectedFunder : Math.min(price, expectedFunder);
  const organisationFinds = fullCost - funderPays;
  const covered = price === null ? 0 : Math.min(price, fullCost) - funderPays;
  return {
    fullCost,
    expectedFunder,
    funderPays,
    organisationFinds,
    covered,
    stillToFind: organisationFinds - covered,
    price,
    belowBasis: price !== null && price < expectedFunder,
    surplus: price === null ? 0 : Math.max(0, price - fullCost),
    basisLabel,
  };
}

/**
 * The answer in words, e.g. "Full cost £45,497.24. The funder pays £5,000.00 (80/20
 * organisation/funder; the award entered is £4,099.45 below the £9,099.45 expected); the
 * organisation finds £40,497.24. Of that, £0.00 is already covered by the price or award
 * entered; £40,497.24 is still to find."
 */
export function answerSentence(a: ProjectAnswer): string {
  const gbp = formatPounds;
  const below = a.belowBasis
    ? `; the price or award entered is ${gbp(a.expectedFunder - a.funderPays)} below the ${gbp(a.expectedFunder)} expected`
    : "";
  const head = `Full cost ${gbp(a.fullCost)}. The funder pays ${gbp(a.funderPays)} (${a.basisLabel}${below}); the organisation finds ${gbp(a.organisationFinds)}.`;
  if (a.price === null)
    return `${head} No price or award is entered yet, so all ${gbp(a.stillToFind)} is still to find.`;
  const surplus =
    a.surplus > 0 ? ` The price or award is ${gbp(a.surplus)} above the full cost.` : "";
  return `${head} Of that, ${gbp(a.covered)} is already covered by the price or award entered (${gbp(a.price)}); ${gbp(a.stillToFind)} is still to find.${surplus}`;
}
