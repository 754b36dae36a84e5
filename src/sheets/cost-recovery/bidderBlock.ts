/**
 * "Price a service" (bidder mode): one service's direct costs, share of overheads, expected units
 * and funding type (inputs), and its full cost, unit price at full cost, the funder's and the
 * organisation's parts and its overhead rate (formulas), each with a note saying how.
 */
import type { CostRecoverySetup } from "../../domain/cost-recovery/organisation";
import { PERCENT_FORMAT, POUNDS_FORMAT } from "../../domain/kernel/money";
import { cellAddress, rangeAddress } from "../a1";
import { basisPointsRange, fundingTypesRange, type CostRecoveryGeometry } from "./geometry";
import { COUNT_FORMAT } from "./projectsBlock";
import { column, heading, inputBlock, type SheetSection } from "./section";

export const BIDDER_INPUT_LABELS = [
  "Service",
  "Direct costs (£)",
  "Share of overheads (£)",
  "Expected units of output",
  "Funding type",
];
export const BIDDER_OUTPUT_LABELS = [
  "Full cost (£)",
  "Unit price at full cost (£)",
  "Funder pays (£)",
  "Organisation finds (£)",
  "Overhead rate",
];
export const BIDDER_NOTES = [
  "Direct costs + share of overheads",
  "Full cost / expected units, to the penny",
  "Full cost x the funder's share for the funding type, rounded half up",
  "The rest of the full cost",
  "Share of overheads / direct costs",
];

/** The output formulas, in BIDDER_OUTPUT_LABELS order. */
function bidderFormulas(g: CostRecoveryGeometry): string[] {
  const input = (row: number) => cellAddress(row, g.bidderColumns.value);
  const rows = g.bidderRows;
  const direct = `ROUND(MAX(0,${input(rows.direct)})*100,0)`;
  const overheads = `ROUND(MAX(0,${input(rows.overheads)})*100,0)`;
  const full = `(${direct}+${overheads})`;
  const basisPoints = `INDEX(${basisPointsRange(g)},MATCH(${input(rows.type)},${fundingTypesRange(g)},0))`;
  const units = input(rows.units);
  return [
    `=${full}/100`,
    `=IF(N(${units})<=0,"",ROUND(${full}*100/ROUND(${units}*100,0),0)/100)`,
    `=IFERROR(ROUND(${full}*${basisPoints}/10000,0)/100,"")`,
    `=IFERROR((${full}-ROUND(${full}*${basisPoints}/10000,0))/100,"")`,
    `=IF(${direct}=0,"",${overheads}/${direct})`,
  ];
}

export function bidderSection(g: CostRecoveryGeometry, setup: CostRecoverySetup): SheetSection {
  const b = setup.bidder;
  const rows = g.bidderRows;
  const c = g.bidderColumns;
  return {
    blocks: [
      heading(g.bidderTop, g.left, "Price a service (bidder mode)"),
      { row: rows.service, col: c.label, kind: "value", cells: column(BIDDER_INPUT_LABELS) },
      inputBlock(rows.service, c.value, [[b.service]], { text: true }),
      inputBlock(rows.direct, c.value, [[b.directCost], [b.overheads]], {
        numberFormat: POUNDS_FORMAT,
      }),
      inputBlock(rows.units, c.value, [[b.units ?? ""]], { numberFormat: COUNT_FORMAT }),
      inputBlock(rows.type, c.value, [[b.fundingType]]),
      { row: rows.fullCost, col: c.label, kind: "value", cells: column(BIDDER_OUTPUT_LABELS) },
      {
        row: rows.fullCost,
        col: c.value,
        kind: "formula",
        cells: column(bidderFormulas(g)),
        numberFormat: [
          [POUNDS_FORMAT],
          [POUNDS_FORMAT],
          [POUNDS_FORMAT],
          [POUNDS_FORMAT],
          [PERCENT_FORMAT],
        ],
      },
      {
        row: rows.fullCost,
        col: c.note,
        kind: "value",
        cells: column(BIDDER_NOTES),
        look: ["note"],
      },
    ],
    validations: [
      {
        address: cellAddress(rows.type, c.value),
        type: "list",
        options: `=${fundingTypesRange(g)}`,
        message: "Choose a funding type",
        prompt: "Choose a funding type",
      },
      {
        address: rangeAddress(rows.direct, c.value, rows.units, c.value),
        type: "decimalAtLeast",
        min: 0,
        message: "A number, 0 or more",
        prompt: "A number, 0 or more",
      },
    ],
  };
}
