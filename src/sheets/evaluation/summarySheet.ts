/**
 * An assessment summary for one bidder (Procurement Act 2023 s.50; the content the Procurement
 * Regulations 2024 reg. 31 ask for, DOMAIN.md s.6b): the outcome, why the bid was excluded where
 * it was, and per award criterion its score and the reasons beside the most advantageous
 * tender's; then the points and rank of both. Values, not formulas: it is a record of the
 * outcome, ready to send with the letter.
 */
import { rangeAddress } from "../a1";
import type { SheetSpec } from "../spec";
import type { AssessmentSummary, SummaryTotals } from "../../domain/evaluation/summaries";
import { POUNDS_FORMAT } from "../../domain/kernel/money";
import { text, values } from "./blocks";
import { SUMMARY_SHEET, pointsPercentFormat } from "./geometry";

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A bid's points as a column: quality, price, social value, total, (price per point,) rank. */
const pointsColumn = (t: SummaryTotals, unranked: string, perPoint: boolean) => [
  [round2(t.quality)],
  [round2(t.pricePoints)],
  [round2(t.socialValue)],
  [round2(t.total)],
  ...(perPoint ? [[t.pricePerPoint === null ? "" : round2(t.pricePerPoint)]] : []),
  [t.rank ?? unranked],
];

const pointsFormats = (perPoint: boolean) => [
  ["0.00"],
  ["0.00"],
  ["0.00"],
  ["0.00"],
  ...(perPoint ? [[POUNDS_FORMAT]] : []),
  ["0"],
];

/** The rows of criteria: score and reasons beside the winning bid's. */
function criteriaBlocks(summary: AssessmentSummary, firstRow: number) {
  const rows = summary.rows;
  if (rows.length === 0) return [];
  const weightFormat = pointsPercentFormat(rows.every((r) => Number.isInteger(r.weight)) ? 0 : 2);
  return [
    text(
      firstRow,
      0,
      rows.map((r) => [r.criterion])
    ),
    values(
      firstRow,
      1,
      rows.map((r) => [r.weight, r.minimum ?? "", r.score ?? ""]),
      rows.map(() => [weightFormat, "0", "0"])
    ),
    text(
      firstRow,
      4,
      rows.map((r) => [r.rationale])
    ),
    values(
      firstRow,
      5,
      rows.map((r) => [r.winnerScore ?? ""]),
      "0"
    ),
    text(
      firstRow,
      6,
      rows.map((r) => [r.winnerRationale])
    ),
  ];
}

export function summarySheet(
  name: string,
  tenderName: string,
  summary: AssessmentSummary,
  perPoint = false
): SheetSpec {
  const { headerRow } = SUMMARY_SHEET;
  const winnerName = summary.winner ?? "(no single most advantageous tender)";
  const exclusion = summary.exclusion.length > 0 ? summary.exclusion : [""];
  // The criteria follow the exclusion reasons, one line each.
  const header = headerRow + exclusion.length - 1;
  const firstRow = header + 1;
  const pointsRow = firstRow + summary.rows.length + 1;
  const winner = summary.winnerTotals;
  const pointLabels = [
    ["Points"],
    ["Quality"],
    ["Price"],
    ["Social value"],
    ["Total"],
    ...(perPoint ? [["Price per quality point"]] : []),
    ["Rank"],
  ];
  return {
    name,
    blocks: [
      text(0, 0, [
        [`Assessment summary: ${summary.bidder}`, ""],
        ["Tender", tenderName],
        ["Outcome", summary.statusText],
        ["Most advantageous tender", summary.isWinner ? "This bid" : winnerName],
      ]),
      text(
        4,
        0,
        exclusion.map((reason, i) => [
          i === 0 ? "Why the bid was excluded" : "",
          reason || "It was not excluded",
        ])
      ),
      text(header, 0, [
        [
          "Award criterion",
          "Weight",
          "Minimum score",
          "Your score",
          "Reasons for your score",
          "Most advantageous tender's score",
          "Reasons for its score",
        ],
      ]),
      ...criteriaBlocks(summary, firstRow),
      text(pointsRow, 0, pointLabels),
      text(pointsRow, 3, [["Your bid"]]),
      text(pointsRow, 5, [["Most advantageous tender"]]),
      values(
        pointsRow + 1,
        3,
        pointsColumn(summary.totals, "Not ranked", perPoint),
        pointsFormats(perPoint)
      ),
      ...(winner
        ? [values(pointsRow + 1, 5, pointsColumn(winner, "", perPoint), pointsFormats(perPoint))]
        : []),
    ],
    styles: [
      { address: rangeAddress(header, 0, header, 6), look: ["header"] },
      { address: "A1", look: ["bold"] },
      { address: rangeAddress(pointsRow, 0, pointsRow, 5), look: ["bold"] },
      { address: rangeAddress(firstRow, 4, firstRow + summary.rows.length, 6), look: ["wrap"] },
    ],
    columnWidths: [
      { col: 0, width: 200 },
      { col: 1, width: 300 },
      { col: 2, width: 80 },
      { col: 3, width: 80 },
      { col: 4, width: 280 },
      { col: 5, width: 110 },
      { col: 6, width: 280 },
    ],
    protect: true,
  };
}
