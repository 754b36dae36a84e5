/**
 * The projects table (inputs): name, direct costs, units of output, funding type (a drop-down
 * list of the settings block's types), price offered or award, and a driver column per pool (one,
 * people, with the single driver). A pool shared by direct expenditure follows the direct costs in
 * whole pounds by formula instead of asking for a value.
 */
import {
  driverLabel,
  SINGLE_DRIVER_LABEL,
  sharedBySpend,
  type CostRecoverySetup,
} from "../../domain/cost-recovery/organisation";
import { POUNDS_FORMAT } from "../../domain/kernel/money";
import { cellAddress, rangeAddress } from "../a1";
import type { Block, CellValue, Validation } from "../spec";
import { fundingTypesRange, type CostRecoveryGeometry } from "./geometry";
import { column, heading, headerRow, inputBlock, type SheetSection } from "./section";

/**
 * Number format of a count (units, driver values): General, which shows 120 as "120" and 700.5 as
 * "700.5". Excel has no format that shows decimals only when there are some: "#,##0.##" leaves a
 * trailing point on whole numbers ("120.").
 */
export const COUNT_FORMAT = "General";

/** The header of each driver column: the pool's name followed by formula, and its driver. */
function driverHeaders(g: CostRecoveryGeometry, setup: CostRecoverySetup): CellValue[] {
  if (setup.singleDriver) return [`Driver: ${SINGLE_DRIVER_LABEL}`];
  return setup.pools.map(
    (p, k) =>
      `="Driver: "&${cellAddress(g.firstPoolRow + k, g.poolColumns.name)}&" (${driverLabel(p.driver, p.unit)})"`
  );
}

/** One driver column: values typed in, or whole pounds of direct costs for a direct-expenditure pool. */
function driverBlock(g: CostRecoveryGeometry, setup: CostRecoverySetup, driver: number): Block {
  const col = g.projectColumns.firstDriver + driver;
  if (sharedBySpend(setup, driver))
    return {
      row: g.firstProjectRow,
      col,
      kind: "formula",
      cells: column(
        setup.projects.map(
          (_, j) =>
            `=ROUND(MAX(0,${cellAddress(g.firstProjectRow + j, g.projectColumns.direct)}),0)`
        )
      ),
      numberFormat: "£#,##0",
    };
  return inputBlock(
    g.firstProjectRow,
    col,
    column(setup.projects.map((p) => p.drivers[driver] ?? "")),
    { numberFormat: COUNT_FORMAT }
  );
}

function projectValidations(g: CostRecoveryGeometry, setup: CostRecoverySetup): Validation[] {
  const c = g.projectColumns;
  const columnRange = (from: number, to = from) =>
    rangeAddress(g.firstProjectRow, from, g.lastProjectRow, to);
  const atLeastZero = (address: string, text: string): Validation => ({
    address,
    type: "decimalAtLeast",
    min: 0,
    message: text,
    prompt: text,
  });
  const validations: Validation[] = [
    {
      address: columnRange(c.type),
      type: "list",
      options: `=${fundingTypesRange(g)}`,
      message: "Choose a funding type",
      prompt: "Choose a funding type",
    },
    atLeastZero(columnRange(c.direct, c.units), "A number, 0 or more"),
    atLeastZero(columnRange(c.price), "An amount in £, 0 or more"),
  ];
  for (let d = 0; d < g.driverColumnCount; d++)
    if (!sharedBySpend(setup, d))
      validations.push(atLeastZero(columnRange(c.firstDriver + d), "A driver value, 0 or more"));
  return validations;
}

export function projectsSection(g: CostRecoveryGeometry, setup: CostRecoverySetup): SheetSection {
  const c = g.projectColumns;
  const first = g.firstProjectRow;
  const projects = setup.projects;
  return {
    blocks: [
      heading(g.projectsTop, g.left, "Projects (inputs)"),
      headerRow(g.projectsHeaderRow, g.left, [
        "Project",
        "Direct costs (£)",
        "Units of output",
        "Funding type",
        "Price offered or award (£)",
        ...driverHeaders(g, setup),
      ]),
      inputBlock(first, c.name, column(projects.map((p) => p.name)), { text: true }),
      inputBlock(first, c.direct, column(projects.map((p) => p.directCost)), {
        numberFormat: POUNDS_FORMAT,
      }),
      inputBlock(first, c.units, column(projects.map((p) => p.units ?? "")), {
        numberFormat: COUNT_FORMAT,
      }),
      inputBlock(first, c.type, column(projects.map((p) => p.fundingType))),
      inputBlock(first, c.price, column(projects.map((p) => p.price ?? "")), {
        numberFormat: POUNDS_FORMAT,
      }),
      ...Array.from({ length: g.driverColumnCount }, (_, d) => driverBlock(g, setup, d)),
    ],
    validations: projectValidations(g, setup),
  };
}
