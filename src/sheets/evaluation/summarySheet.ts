/**
 * An assessment summary for one bidder (Procurement Act 2023 s.50): its consensus scores and
 * rationale beside the winning bid's, criterion by criterion, and the points and rank of both.
 * Values, not formulas: it is a record of the outcome, ready to send with the letter.
 */
import { rangeAddress } from "../a1";
import type { SheetSpec } from "../spec";
import type { AssessmentSummary } from "../../domain/evaluation/results";
import { text, values } from "./blocks";
import { SUMMARY_SHEET } from "./geometry";

const round2 = (x: number) => Math.round(x * 100) / 100;

type Totals = AssessmentSummary["totals"];

/** A bid's points as a column: quality, price, social value, total, rank. */
const pointsColumn = (t: Totals, unranked: string) => [
  [round2(t.quality)],
  [round2(t.pricePoints)],
  [round2(t.socialValue)],
  [round2(t.total)],
  [t.rank ?? unranked],
];

export function summarySheet(
  name: string,
  tenderName: string,
  summary: AssessmentSummary
): SheetSpec {
  const { headerRow, firstRow } = SUMMARY_SHEET;
  const rows = summary.rows;
  const winnerName = summary.winner ?? "(no winning bid yet)";
  const criteriaBlocks =
    rows.length === 0
      ? []
      : [
          text(
            firstRow,
            0,
            rows.map((r) => [r.criterion])
          ),
          values(
            firstRow,
            1,
            rows.map((r) => [r.weight, r.score ?? ""])
          ),
          text(
            firstRow,
            3,
            rows.map((r) => [r.rationale])
          ),
          values(
            firstRow,
            4,
            rows.map((r) => [r.winnerScore ?? ""])
          ),
          text(
            firstRow,
            5,
            rows.map((r) => [r.winnerRationale])
          ),
        ];
  const pointsRow = firstRow + rows.length + 1;
  const winner = summary.winnerTotals;
  return {
    name,
    blocks: [
      text(0, 0, [
        [`Assessment summary: ${summary.bidder}`, ""],
        ["Tender", tenderName],
        ["Outcome", summary.isWinner ? "This is the highest-ranked bid" : summary.statusText],
        ["Compared with the winning bid", summary.isWinner ? "(this bid)" : winnerName],
      ]),
      text(headerRow, 0, [
        [
          "Criterion",
          "Weight (%)",
          "Your score",
          "Reasons for your score",
          "Winning bid's score",
          "Reasons for the winning bid's score",
        ],
      ]),
      ...criteriaBlocks,
      text(pointsRow, 0, [
        ["Points"],
        ["Quality"],
        ["Price"],
        ["Social value"],
        ["Total"],
        ["Rank"],
      ]),
      text(pointsRow, 2, [["Your bid"]]),
      text(pointsRow, 4, [["Winning bid"]]),
      values(pointsRow + 1, 2, pointsColumn(summary.totals, "Not ranked"), "0.00"),
      ...(winner ? [values(pointsRow + 1, 4, pointsColumn(winner, ""), "0.00")] : []),
    ],
    styles: [
      { address: rangeAddress(headerRow, 0, headerRow, 5), look: ["header"] },
      { address: "A1", look: ["bold"] },
      { address: rangeAddress(pointsRow, 0, pointsRow, 4), look: ["bold"] },
    ],
    columnWidths: [
      { col: 0, width: 200 },
      { col: 3, width: 280 },
      { col: 5, width: 280 },
    ],
    protect: true,
  };
}
