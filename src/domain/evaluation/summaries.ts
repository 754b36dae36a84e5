/**
 * Assessment summaries. The Procurement Act 2023 s.50 requires an assessment summary for each
 * supplier that submitted an assessed tender, and the Procurement Regulations 2024 reg. 31 say
 * what it gives (DOMAIN.md s.6b): for each award criterion the supplier's score and the reasons,
 * the same for the most advantageous tender, and, where a tender was excluded or disqualified,
 * why. A losing bid is never told it "passed"; summaries are refused until every bid's result is
 * complete (gateway answered, every consensus score agreed).
 */
import { isBlank } from "../kernel/parse";
import {
  computeResults,
  scoreOrNull,
  type BidResult,
  type BidStatus,
  type GatewayData,
} from "./results";
import { scoredCriteria, stagesOf, type EvaluationModel } from "./setup";
import { parseGatewayAnswer } from "./words";

export type SummaryRow = {
  criterion: string;
  group: string;
  weight: number;
  minimum: number | null;
  score: number | null;
  rationale: string;
  winnerScore: number | null;
  winnerRationale: string;
};

export type SummaryTotals = {
  quality: number;
  pricePoints: number;
  socialValue: number;
  total: number;
  pricePerPoint: number | null;
  rank: number | null;
};

export type AssessmentSummary = {
  bidder: string;
  winner: string | null;
  isWinner: boolean;
  status: BidStatus;
  /** The outcome in words: most advantageous, not successful (with rank), or excluded. */
  statusText: string;
  /** Why the bid was excluded, one reason a line (empty when it was not). */
  exclusion: string[];
  rows: SummaryRow[];
  totals: SummaryTotals;
  winnerTotals: SummaryTotals | null;
  /** How many bids were ranked. */
  rankedCount: number;
};

export type SummariesOutcome =
  { ok: true; summaries: AssessmentSummary[] } | { ok: false; missing: string[] };

const text = (v: unknown) => (isBlank(v) ? "" : String(v).trim());

const totalsOf = (b: BidResult): SummaryTotals => ({
  quality: b.quality,
  pricePoints: b.pricePoints,
  socialValue: b.socialValue,
  total: b.total,
  pricePerPoint: b.pricePerPoint,
  rank: b.rank,
});

/** Why bid b was excluded, in the bidder's words: gateway reasons, minimums, the threshold. */
function exclusionReasons(
  model: EvaluationModel,
  r: BidResult,
  b: number,
  consensus: readonly (readonly unknown[])[],
  gateway?: GatewayData
): string[] {
  const st = stagesOf(model);
  if (r.status === "failedGateway")
    return st.gateway.flatMap((q, g) =>
      parseGatewayAnswer(gateway?.answers[b]?.[g]) === "fail"
        ? [
            `Failed the gateway question "${q}"${text(gateway?.reasons?.[b]?.[g]) ? `: ${text(gateway?.reasons?.[b]?.[g])}` : ""}`,
          ]
        : []
    );
  if (r.status === "belowThreshold")
    return [
      `Scored ${r.qualityPercent}% of the quality and social value marks, below the minimum of ${model.qualityThreshold}%; price was therefore not scored`,
    ];
  if (r.status === "belowMinimum")
    return scoredCriteria(model).flatMap((c, k) => {
      const s = scoreOrNull(consensus[b]?.[k]);
      return c.minimum !== null && s !== null && s < c.minimum
        ? [
            `Scored ${s} on "${c.name}", below the minimum score of ${c.minimum}; price was therefore not scored`,
          ]
        : [];
    });
  return [];
}

function outcomeText(r: BidResult, isWinner: boolean, ranked: number, winners: string[]): string {
  if (r.status !== "passed") return "Excluded: this bid was not ranked";
  if (isWinner) return "Most advantageous tender: ranked first";
  if (r.rank === 1)
    return `Ranked first, equal with ${winners.filter((w) => w !== r.name).join(" and ")}`;
  return `Not successful: ranked ${r.rank} of ${ranked}`;
}

/**
 * The summaries for every bidder, or the bids whose result is not complete yet (refused then:
 * a summary written before the results are in would tell a bidder something untrue).
 */
export function assessmentSummaries(
  model: EvaluationModel,
  consensus: readonly (readonly unknown[])[],
  rationale: readonly (readonly unknown[])[],
  gateway?: GatewayData
): SummariesOutcome {
  const results = computeResults(model, consensus, gateway);
  const missing = results.bids.filter((b) => b.status === "incomplete").map((b) => b.name);
  if (missing.length > 0) return { ok: false, missing };
  const scored = scoredCriteria(model);
  const winners = results.winners;
  const wi = winners.length === 1 ? results.bids.findIndex((b) => b.rank === 1) : -1;
  const rankedCount = results.bids.filter((b) => b.rank !== null).length;
  const summaries = model.bidders.map((bidder, b): AssessmentSummary => {
    const r = results.bids[b];
    const isWinner = wi === b;
    return {
      bidder: bidder.name,
      winner: wi >= 0 ? model.bidders[wi].name : null,
      isWinner,
      status: r.status,
      statusText: outcomeText(r, isWinner, rankedCount, winners),
      exclusion: exclusionReasons(model, r, b, consensus, gateway),
      rows: scored.map((c, k) => ({
        criterion: c.name,
        group: c.group,
        weight: c.weightBp / 100,
        minimum: c.minimum,
        score: scoreOrNull(consensus[b]?.[k]),
        rationale: text(rationale[b]?.[k]),
        winnerScore: wi >= 0 ? scoreOrNull(consensus[wi]?.[k]) : null,
        winnerRationale: wi >= 0 ? text(rationale[wi]?.[k]) : "",
      })),
      totals: totalsOf(r),
      winnerTotals: wi >= 0 ? totalsOf(results.bids[wi]) : null,
      rankedCount,
    };
  });
  return { ok: true, summaries };
}
