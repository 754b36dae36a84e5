/**
 * Results of an evaluation from the panel's consensus scores: weighted quality and social value,
 * pass or fail against the quality threshold and per-criterion minimums, price points among the
 * bids that passed only, total and rank; and the rank-reversal check.
 *
 * Practice (DOMAIN.md section 4; not in the seeds): "Apply quality thresholds before price: a bid
 * below a minimum quality score is excluded, so an unacceptable cheap bid cannot move the price
 * scores of others." Arithmetic is done in the same order as the generated workbook's formulas,
 * and totals and percentages are rounded with round6 as ROUND(x, 6) is there.
 */
import { toPounds } from "../kernel/money";
import { isBlank } from "../kernel/parse";
import { pricePoints, rankDescending, round6, type PriceMethod } from "./scoring";
import { priceWeightBp, scoredCriteria, type EvaluationModel } from "./setup";

export type BidStatus = "passed" | "incomplete" | "belowThreshold" | "belowMinimum";
export const STATUS_TEXT: Record<BidStatus, string> = {
  passed: "Passed",
  incomplete: "Incomplete",
  belowThreshold: "Excluded: below quality threshold",
  belowMinimum: "Excluded: below a minimum score",
};

/** One bid ready for price scoring and ranking. */
export type BidPoints = {
  name: string;
  quality: number;
  socialValue: number;
  price: number | null;
  passed: boolean;
};
export type RankedBid = BidPoints & { pricePoints: number; total: number; rank: number | null };

/**
 * Price points among the bids that passed (lowest price over those bids only), total and rank.
 * Bids that did not pass get 0 price points and no rank. priceWeight is in points (percent).
 */
export function rankBids(
  bids: readonly BidPoints[],
  priceWeight: number,
  method: PriceMethod
): RankedBid[] {
  const passingPrices = bids
    .filter((b) => b.passed && b.price !== null)
    .map((b) => b.price as number);
  const lowest = passingPrices.length > 0 ? Math.min(...passingPrices) : null;
  const withPoints = bids.map((b) => {
    const pp =
      b.passed && priceWeight > 0 && b.price !== null && lowest !== null
        ? pricePoints(b.price, lowest, priceWeight, method)
        : 0;
    // Same order as the workbook: ROUND(quality + price + social value, 6).
    const total = round6(b.quality + pp + b.socialValue);
    return { ...b, pricePoints: pp, total };
  });
  const ranks = rankDescending(withPoints.map((b) => (b.passed ? b.total : null)));
  return withPoints.map((b, i) => ({ ...b, rank: ranks[i] }));
}

export type BidResult = RankedBid & {
  /** (quality + social value) / marks available x 100, rounded as ROUND(x, 6). */
  qualityPercent: number;
  complete: boolean;
  meetsThreshold: boolean;
  /** Criteria whose consensus score is below their minimum. */
  belowMinimum: string[];
  status: BidStatus;
};

export type EvaluationResults = {
  bids: BidResult[];
  winners: string[];
  scoredWeight: number;
  priceWeight: number;
};

/** A consensus score as read from a cell: a number, or null when blank or not a number. */
export function scoreOrNull(v: unknown): number | null {
  if (isBlank(v)) return null;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  return null;
}

/**
 * Results from consensus scores: consensus[b][k] is bidder b's consensus score on the k-th scored
 * criterion (quality and social value, in setup order), null when not agreed yet.
 */
export function computeResults(
  model: EvaluationModel,
  consensus: readonly (readonly unknown[])[]
): EvaluationResults {
  const scored = scoredCriteria(model);
  const max = model.scale.max;
  const scoredWeight = scored.reduce((s, c) => s + c.weightBp, 0) / 100;
  const priceWeight = priceWeightBp(model) / 100;
  const partial = model.bidders.map((bidder, b) => {
    let quality = 0;
    let socialValue = 0;
    let complete = true;
    const belowMinimum: string[] = [];
    scored.forEach((c, k) => {
      const s = scoreOrNull(consensus[b]?.[k]);
      if (s === null) {
        complete = false;
        return;
      }
      const w = (s / max) * (c.weightBp / 100);
      if (c.group === "quality") quality += w;
      else socialValue += w;
      if (c.minimum !== null && s < c.minimum) belowMinimum.push(c.name);
    });
    const qualityPercent =
      scoredWeight === 0 ? 0 : round6(((quality + socialValue) / scoredWeight) * 100);
    const meetsThreshold = qualityPercent >= model.qualityThreshold;
    const status: BidStatus = !complete
      ? "incomplete"
      : !meetsThreshold
        ? "belowThreshold"
        : belowMinimum.length > 0
          ? "belowMinimum"
          : "passed";
    return {
      name: bidder.name,
      quality,
      socialValue,
      price: bidder.pricePence === null ? null : toPounds(bidder.pricePence),
      passed: status === "passed",
      qualityPercent,
      complete,
      meetsThreshold,
      belowMinimum,
      status,
    };
  });
  const ranked = rankBids(partial, priceWeight, model.priceMethod);
  const bids: BidResult[] = partial.map((p, i) => ({ ...p, ...ranked[i] }));
  const winners = bids.filter((b) => b.rank === 1).map((b) => b.name);
  return { bids, winners, scoredWeight, priceWeight };
}

export type ReversalCheck = { withdrawn: string; winnersWithout: string[]; changes: boolean };
export type RankReversal = {
  winners: string[];
  checks: ReversalCheck[];
  reversals: ReversalCheck[];
};

/**
 * Rank reversal (DOMAIN.md s.4): with relative price formulas, withdrawing one bid can change who
 * wins between two others. For every passing bid other than the winner(s), recompute price points
 * and ranks without it and say whether the winner changes.
 */
export function rankReversal(
  bids: readonly BidPoints[],
  priceWeight: number,
  method: PriceMethod
): RankReversal {
  const base = rankBids(bids, priceWeight, method);
  const winners = base.filter((b) => b.rank === 1).map((b) => b.name);
  const checks: ReversalCheck[] = [];
  bids.forEach((b, i) => {
    if (!b.passed || winners.includes(b.name)) return;
    const without = rankBids(
      bids.filter((_, j) => j !== i),
      priceWeight,
      method
    );
    const winnersWithout = without.filter((x) => x.rank === 1).map((x) => x.name);
    const changes =
      winnersWithout.length !== winners.length || winnersWithout.some((w) => !winners.includes(w));
    checks.push({ withdrawn: b.name, winnersWithout, changes });
  });
  return { winners, checks, reversals: checks.filter((c) => c.changes) };
}

/** Words for a reversal finding. */
export function describeReversal(r: ReversalCheck, winners: string[]): string {
  const w = winners.join(" and ");
  const n = r.winnersWithout.join(" and ") || "no bid";
  return r.changes
    ? `If "${r.withdrawn}" were withdrawn, the winner would change from ${w} to ${n}: the relative price formula lets this bid decide between others.`
    : `Withdrawing "${r.withdrawn}" would not change the winner (${w}).`;
}

export type SummaryRow = {
  criterion: string;
  group: string;
  weight: number;
  score: number | null;
  rationale: string;
  winnerScore: number | null;
  winnerRationale: string;
};
export type AssessmentSummary = {
  bidder: string;
  winner: string | null;
  isWinner: boolean;
  status: BidStatus;
  rows: SummaryRow[];
  totals: {
    quality: number;
    pricePoints: number;
    socialValue: number;
    total: number;
    rank: number | null;
  };
  winnerTotals: {
    quality: number;
    pricePoints: number;
    socialValue: number;
    total: number;
    rank: number | null;
  } | null;
  statusText: string;
};

/**
 * Assessment summaries (Procurement Act 2023 s.50): for each bidder, its consensus scores and
 * rationale beside the winning bid's, criterion by criterion. rationale[b][k] as consensus.
 */
export function assessmentSummaries(
  model: EvaluationModel,
  consensus: readonly (readonly unknown[])[],
  rationale: readonly (readonly unknown[])[]
): AssessmentSummary[] {
  const results = computeResults(model, consensus);
  const scored = scoredCriteria(model);
  const wi = results.bids.findIndex((b) => b.rank === 1);
  const text = (v: unknown) => (isBlank(v) ? "" : String(v));
  const totalsOf = (b: BidResult) => ({
    quality: b.quality,
    pricePoints: b.pricePoints,
    socialValue: b.socialValue,
    total: b.total,
    rank: b.rank,
  });
  return model.bidders.map((bidder, b) => {
    const r = results.bids[b];
    const statusText =
      r.status === "belowMinimum"
        ? `${STATUS_TEXT[r.status]} (${r.belowMinimum.join(", ")})`
        : r.status === "belowThreshold"
          ? `${STATUS_TEXT[r.status]} (${r.qualityPercent}% against a threshold of ${model.qualityThreshold}%)`
          : STATUS_TEXT[r.status];
    return {
      bidder: bidder.name,
      winner: wi >= 0 ? model.bidders[wi].name : null,
      isWinner: wi === b,
      status: r.status,
      statusText,
      rows: scored.map((c, k) => ({
        criterion: c.name,
        group: c.group,
        weight: c.weightBp / 100,
        score: scoreOrNull(consensus[b]?.[k]),
        rationale: text(rationale[b]?.[k]),
        winnerScore: wi >= 0 ? scoreOrNull(consensus[wi]?.[k]) : null,
        winnerRationale: wi >= 0 ? text(rationale[wi]?.[k]) : "",
      })),
      totals: totalsOf(r),
      winnerTotals: wi >= 0 ? totalsOf(results.bids[wi]) : null,
    };
  });
}
