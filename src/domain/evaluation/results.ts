/**
 * Results of an evaluation, stage by stage: the pass/fail gateway; weighted quality and social
 * value from the panel's consensus scores, pass or fail against the quality threshold and
 * per-criterion minimums; then price among the bids that passed only (points added to quality, or
 * price per quality point), total, rank with the tie-break chosen at setup; and the checks beside
 * them: rank reversal, the tipping point of the price weight, abnormally low tenders.
 *
 * Practice (DOMAIN.md section 4; not in the seeds): "Apply quality thresholds before price: a bid
 * below a minimum quality score is excluded, so an unacceptable cheap bid cannot move the price
 * scores of others." Arithmetic is done in the same order as the generated workbook's formulas,
 * and totals and percentages are rounded with round6 as ROUND(x, 6) is there.
 */
import { toPounds } from "../kernel/money";
import { isBlank } from "../kernel/parse";
import { pricePoints, round6, type PriceMethod } from "./scoring";
import {
  priceWeightBp,
  scoredCriteria,
  stagesOf,
  type EvaluationModel,
  type EvaluationPriceMethod,
  type TieBreak,
} from "./setup";
import { parseGatewayAnswer } from "./words";

export type BidStatus =
  "passed" | "incomplete" | "failedGateway" | "belowThreshold" | "belowMinimum";
/**
 * A bid's status in words. A bid that passes every stage is "Ranked", never "Passed": a runner-up
 * told it "passed" reads that as a win.
 */
export const STATUS_TEXT: Record<BidStatus, string> = {
  passed: "Ranked",
  incomplete: "Incomplete",
  failedGateway: "Excluded at the gateway",
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
  /** (quality + social value) as a rounded percentage of the marks: the quality tie-break. */
  qualityPercent?: number;
};
export type RankedBid = BidPoints & {
  pricePoints: number;
  total: number;
  /** Price / (quality + social value points), rounded as ROUND(x, 6): price per quality point only. */
  pricePerPoint: number | null;
  rank: number | null;
};

/**
 * Competition ranks (1, 2, 2, 4: 1 + how many are strictly better, as the workbook's COUNTIFS)
 * of the entries with a key, by `better` (negative when a is better than b). One sort.
 */
function competitionRanks<T>(
  items: readonly (T | null)[],
  better: (a: T, b: T) => number
): (number | null)[] {
  const order = items
    .map((item, i) => ({ item, i }))
    .filter((x): x is { item: T; i: number } => x.item !== null);
  order.sort((a, b) => better(a.item, b.item));
  const ranks: (number | null)[] = items.map(() => null);
  order.forEach((x, pos) => {
    const prev = order[pos - 1];
    ranks[x.i] = prev && better(prev.item, x.item) === 0 ? (ranks[prev.i] as number) : pos + 1;
  });
  return ranks;
}

/** The tie-break's comparison (negative when a is better): higher quality, or lower price. */
function tieCompare(tieBreak: TieBreak) {
  return (a: RankedBid, b: RankedBid): number => {
    if (tieBreak === "quality") {
      const qa = a.qualityPercent ?? round6(a.quality + a.socialValue);
      const qb = b.qualityPercent ?? round6(b.quality + b.socialValue);
      return qb - qa;
    }
    // A bid without a price cannot win or lose on price: the tie stands (as the sheet's
    // COUNTIFS(price, "<"&price) counts no blank cell and no number below a blank).
    if (tieBreak === "price") return a.price === null || b.price === null ? 0 : a.price - b.price;
    return 0;
  };
}

/**
 * Price points among the bids that passed (lowest price over those bids only), total and rank.
 * Bids that did not pass get 0 price points and no rank. priceWeight is in points (percent).
 * Linear apart from one sort: the lowest price is found in one pass (no spread of a huge list).
 * With price per quality point, the lowest price / (quality + social value points) ranks first.
 */
export function rankBids(
  bids: readonly BidPoints[],
  priceWeight: number,
  method: EvaluationPriceMethod,
  tieBreak: TieBreak = "none"
): RankedBid[] {
  let lowest: number | null = null;
  for (const b of bids)
    if (b.passed && b.price !== null && (lowest === null || b.price < lowest)) lowest = b.price;
  const perPoint = method === "perQualityPoint";
  const withPoints: RankedBid[] = bids.map((b) => {
    const pp =
      !perPoint && b.passed && priceWeight > 0 && b.price !== null && lowest !== null
        ? pricePoints(b.price, lowest, priceWeight, method)
        : 0;
    // Same order as the workbook: ROUND(quality + price + social value, 6).
    const total = round6(b.quality + pp + b.socialValue);
    const points = b.quality + b.socialValue;
    const pricePerPoint =
      perPoint && b.passed && b.price !== null && points > 0 ? round6(b.price / points) : null;
    return { ...b, pricePoints: pp, total, pricePerPoint, rank: null };
  });
  const tie = tieCompare(tieBreak);
  const ranks = competitionRanks(
    withPoints.map((b) => (b.passed && (!perPoint || b.pricePerPoint !== null) ? b : null)),
    (a, b) => {
      const primary = perPoint
        ? (a.pricePerPoint as number) - (b.pricePerPoint as number)
        : b.total - a.total;
      return primary !== 0 ? primary : tie(a, b);
    }
  );
  return withPoints.map((b, i) => ({ ...b, rank: ranks[i] }));
}

export type BidResult = RankedBid & {
  /** (quality + social value) / marks available x 100, rounded as ROUND(x, 6). */
  qualityPercent: number;
  complete: boolean;
  meetsThreshold: boolean;
  /** Criteria whose consensus score is below their minimum. */
  belowMinimum: string[];
  /** Gateway questions the bid failed. */
  failedGateway: string[];
  status: BidStatus;
  /** Why the price may be abnormally low (null when it is not flagged). */
  abnormallyLow: string | null;
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

/** The gateway as the panel answered it: answers[b][g] ("Pass"/"Fail") and reasons[b][g]. */
export type GatewayData = {
  answers: readonly (readonly unknown[])[];
  reasons?: readonly (readonly unknown[])[];
};

/** Quality points, completeness and minimums of bid b from its consensus scores. */
function qualityOf(model: EvaluationModel, row: readonly unknown[] | undefined) {
  const max = model.scale.max;
  let quality = 0;
  let socialValue = 0;
  let complete = true;
  const belowMinimum: string[] = [];
  scoredCriteria(model).forEach((c, k) => {
    const s = scoreOrNull(row?.[k]);
    if (s === null) {
      complete = false;
      return;
    }
    const w = (s / max) * (c.weightBp / 100);
    if (c.group === "quality") quality += w;
    else socialValue += w;
    if (c.minimum !== null && s < c.minimum) belowMinimum.push(c.name);
  });
  return { quality, socialValue, complete, belowMinimum };
}

/**
 * The abnormally low tender flag for the bids that passed: price below the set percentage of the
 * mean price of the bids that passed, or below the bidder's own full cost when known (002:353:
 * a provider may leave costs out to compete, and the commissioner must be satisfied the rest is
 * funded). The panel asks the bidder to explain before deciding (DOMAIN.md s.6b). The mean is
 * taken as the workbook's AVERAGE: sum / count, then percent / 100 x mean.
 */
function flagAbnormallyLow(model: EvaluationModel, bids: BidResult[]): void {
  const pct = stagesOf(model).abnormallyLowPercent;
  const prices = bids.filter((b) => b.status === "passed" && b.price !== null);
  const mean =
    prices.length > 0 ? prices.reduce((s, b) => s + (b.price as number), 0) / prices.length : 0;
  bids.forEach((b, i) => {
    if (b.status !== "passed" || b.price === null) return;
    const fullCost = model.bidders[i].fullCostPence;
    if (pct > 0 && b.price < (pct / 100) * mean)
      b.abnormallyLow = `Price is below ${pct}% of the mean price of the bids not excluded: ask the bidder to explain it before deciding`;
    else if (fullCost && b.price < toPounds(fullCost))
      b.abnormallyLow = `Price is below the bidder's own full cost of the service: ask the bidder to explain it before deciding`;
  });
}

/**
 * Results from consensus scores: consensus[b][k] is bidder b's consensus score on the k-th scored
 * criterion (quality and social value, in setup order), null when not agreed yet; gateway answers
 * when the setup has a gateway. A bid that failed the gateway is excluded whatever its scores; one
 * not yet answered is incomplete.
 */
export function computeResults(
  model: EvaluationModel,
  consensus: readonly (readonly unknown[])[],
  gateway?: GatewayData
): EvaluationResults {
  const st = stagesOf(model);
  const scored = scoredCriteria(model);
  const scoredWeight = scored.reduce((s, c) => s + c.weightBp, 0) / 100;
  const priceWeight = priceWeightBp(model) / 100;
  const partial = model.bidders.map((bidder, b) => {
    const q = qualityOf(model, consensus[b]);
    const answers = st.gateway.map((_, g) => parseGatewayAnswer(gateway?.answers[b]?.[g]));
    const failedGateway = st.gateway.filter((_, g) => answers[g] === "fail");
    const gatewayDone = answers.every((a) => a !== "none");
    const qualityPercent =
      scoredWeight === 0 ? 0 : round6(((q.quality + q.socialValue) / scoredWeight) * 100);
    const meetsThreshold = qualityPercent >= model.qualityThreshold;
    const status: BidStatus =
      failedGateway.length > 0
        ? "failedGateway"
        : !gatewayDone || !q.complete
          ? "incomplete"
          : !meetsThreshold
            ? "belowThreshold"
            : q.belowMinimum.length > 0
              ? "belowMinimum"
              : "passed";
    return {
      name: bidder.name,
      ...q,
      price: bidder.pricePence === null ? null : toPounds(bidder.pricePence),
      passed: status === "passed",
      qualityPercent,
      meetsThreshold,
      failedGateway,
      status,
      abnormallyLow: null as string | null,
    };
  });
  const ranked = rankBids(partial, priceWeight, model.priceMethod, st.tieBreak);
  const bids: BidResult[] = partial.map((p, i) => ({ ...p, ...ranked[i] }));
  flagAbnormallyLow(model, bids);
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
  method: EvaluationPriceMethod,
  tieBreak: TieBreak = "none"
): RankReversal {
  const base = rankBids(bids, priceWeight, method, tieBreak);
  const winners = base.filter((b) => b.rank === 1).map((b) => b.name);
  const checks: ReversalCheck[] = [];
  bids.forEach((b, i) => {
    if (!b.passed || winners.includes(b.name)) return;
    const without = rankBids(
      bids.filter((_, j) => j !== i),
      priceWeight,
      method,
      tieBreak
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

/** The nearest price weight, below or above today's, at which another bid would win. */
export type TippingSide = { priceWeight: number; winner: string };
export type TippingPoint =
  | { applicable: false; reason: string }
  | {
      applicable: true;
      winner: string;
      priceWeight: number;
      lower: TippingSide | null;
      higher: TippingSide | null;
    };

/**
 * The tipping point: how far the price weight would have to move (the quality and social value
 * weights scaled in proportion to fill the rest) before the winner changed. A sensitivity check
 * beside rank reversal. Scaling the quality weights keeps every bid's quality percentage, so the
 * thresholds and minimums exclude the same bids, and the price fractions (points / weight) do not
 * change; each bid's total is then linear in the price weight P:
 * total(P) = qualityFraction x (100 - P) + priceFraction x P, and the winner w and another bid j
 * are level where (qw - qj)(100 - P) + (fw - fj)P = 0.
 */
export function tippingPoint(model: EvaluationModel, results: EvaluationResults): TippingPoint {
  if (model.priceMethod === "perQualityPoint")
    return { applicable: false, reason: "price per quality point has no price weight to move" };
  const ranked = results.bids.filter((b) => b.rank !== null);
  const winners = ranked.filter((b) => b.rank === 1);
  if (winners.length !== 1)
    return {
      applicable: false,
      reason: winners.length === 0 ? "no bid is ranked yet" : "the first place is shared",
    };
  if (ranked.length < 2) return { applicable: false, reason: "only one bid is ranked" };
  if (ranked.some((b) => b.price === null))
    return { applicable: false, reason: "not every ranked bid has a price" };
  let low = ranked[0].price as number;
  for (const b of ranked) if ((b.price as number) < low) low = b.price as number;
  const method = model.priceMethod as PriceMethod;
  const f = (b: BidResult) => pricePoints(b.price as number, low, 1, method);
  const q = (b: BidResult) => b.qualityPercent / 100;
  const w = winners[0];
  const P = results.priceWeight;
  let lower: (TippingSide & { at: number }) | null = null;
  let higher: (TippingSide & { at: number }) | null = null;
  for (const j of ranked) {
    if (j === w) continue;
    const a = q(w) - q(j);
    const c = f(w) - f(j);
    if (a === c) continue; // parallel: never level
    const at = (100 * a) / (a - c);
    if (!(at >= 0 && at <= 100)) continue;
    const side = { priceWeight: Math.round(at * 100) / 100, winner: j.name, at };
    if (at < P && (lower === null || at > lower.at)) lower = side;
    if (at > P && (higher === null || at < higher.at)) higher = side;
  }
  const strip = (s: (TippingSide & { at: number }) | null): TippingSide | null =>
    s && { priceWeight: s.priceWeight, winner: s.winner };
  return {
    applicable: true,
    winner: w.name,
    priceWeight: P,
    lower: strip(lower),
    higher: strip(higher),
  };
}

/** The tipping point in words. */
export function describeTippingPoint(t: TippingPoint): string {
  if (!t.applicable) return `No tipping point: ${t.reason}.`;
  const parts: string[] = [];
  if (t.lower)
    parts.push(`to ${t.lower.winner} if price weighed less than ${t.lower.priceWeight}%`);
  if (t.higher)
    parts.push(`to ${t.higher.winner} if price weighed more than ${t.higher.priceWeight}%`);
  if (parts.length === 0)
    return `The winner (${t.winner}) would not change at any price weight from 0% to 100% (quality and social value scaled to fill the rest).`;
  return `Price weighs ${t.priceWeight}%. The winner (${t.winner}) would change ${parts.join(", or ")} (quality and social value scaled to fill the rest).`;
}
