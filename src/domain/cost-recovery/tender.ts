/**
 * A bidder's full cost and recovery, for the evaluation's abnormally-low-tender check: a tender
 * priced below its own full cost is one the contracting authority may ask the supplier to explain
 * before disregarding it (Procurement Act 2023; PCR 2015 reg. 69 before it; DOMAIN.md s.6b), and
 * a commissioner must be satisfied that costs left out are funded elsewhere (002:353).
 *
 * Pure: the evaluation imports it (src/domain/evaluation may import src/domain/cost-recovery).
 */
import type { Pence } from "../kernel/money";
import { fail, ok, type Result } from "../kernel/result";
import { FULL_BASIS } from "./rules";
import { projectAnswer, type ProjectAnswer } from "./answer";

export type TenderCostRecovery = {
  fullCost: Pence;
  price: Pence;
  /** Price / full cost. */
  recovery: number;
  /** The price is below the bidder's own full cost. */
  belowFullCost: boolean;
  /** The one answer at full cost recovery: what the bidder must find elsewhere if it wins at this price. */
  answer: ProjectAnswer;
};

/**
 * A tender's price against the bidder's full cost (both in pence, the full cost above 0): its
 * recovery, whether it is below full cost, and what the bidder would still have to find.
 */
export function tenderCostRecovery(price: Pence, fullCost: Pence): Result<TenderCostRecovery> {
  if (!Number.isSafeInteger(fullCost) || fullCost <= 0)
    return fail("fullCost", "The bidder's full cost must be above £0, in pounds and pence");
  if (!Number.isSafeInteger(price) || price < 0)
    return fail("price", "The price must be £0 or more, in pounds and pence");
  const answer = projectAnswer(fullCost, FULL_BASIS, price);
  return ok({
    fullCost,
    price,
    recovery: price / fullCost,
    belowFullCost: price < fullCost,
    answer,
  });
}
