/**
 * The Cost recovery form's state (text as typed) and its conversion to a workbook setup, with a
 * message per field for anything that is not a number or amount.
 */
import { FUNDING_TYPES, type FundingType } from "../../../domain/classification/classify";
import type { BidderSetup } from "../../../domain/cost-recovery/bidder";
import {
  DEFAULT_DRIVER_UNITS,
  defaultPools,
  type CostRecoverySetup,
  type DriverKind,
} from "../../../domain/cost-recovery/organisation";
import { parseMoney } from "../../../domain/kernel/money";
import { isBlank, parseNumber } from "../../../domain/kernel/parse";

export type PoolDraft = {
  id: number;
  name: string;
  amount: string;
  driver: DriverKind;
  /** The unit the driver is counted in ("hours", "days"); only the proportions matter. */
  unit: string;
};
export type ProjectDraft = {
  id: number;
  name: string;
  direct: string;
  units: string;
  type: FundingType;
  price: string;
  drivers: string[];
};
export type BidderDraft = {
  service: string;
  direct: string;
  overheads: string;
  units: string;
  type: FundingType;
  overheadsFrom: string;
};
export type CostRecoveryDraft = {
  organisation: string;
  sheetName: string;
  startCell: string;
  singleDriver: boolean;
  pools: PoolDraft[];
  projects: ProjectDraft[];
  bidder: BidderDraft;
};

let nextId = 1;
export const newId = () => nextId++;

export function emptyProject(pools: number): ProjectDraft {
  return {
    id: newId(),
    name: "",
    direct: "",
    units: "",
    type: "Commissioned service",
    price: "",
    drivers: Array(Math.max(1, pools)).fill(""),
  };
}

export function initialDraft(): CostRecoveryDraft {
  const pools = defaultPools().map((p) => ({
    id: newId(),
    name: p.name,
    amount: "",
    driver: p.driver,
    unit: DEFAULT_DRIVER_UNITS[p.driver],
  }));
  return {
    organisation: "",
    sheetName: "Cost recovery",
    startCell: "A1",
    singleDriver: false,
    pools,
    projects: [emptyProject(pools.length)],
    bidder: {
      service: "",
      direct: "",
      overheads: "",
      units: "",
      type: "Commissioned service",
      overheadsFrom: "",
    },
  };
}

export type FieldErrors = Record<string, string>;

function money(
  text: string,
  key: string,
  label: string,
  errors: FieldErrors,
  blank: "zero" | "null" = "zero"
): number | null {
  if (isBlank(text)) return blank === "zero" ? 0 : null;
  const p = parseMoney(text);
  if (p === null) {
    errors[key] = `${label} must be an amount in pounds, e.g. 12000 or £12,000.50`;
    return null;
  }
  if (p < 0) {
    errors[key] = `${label} must be £0 or more`;
    return null;
  }
  return p / 100;
}

function count(text: string, key: string, label: string, errors: FieldErrors): number | null {
  const r = parseNumber(text, label, { min: 0, expected: "a number, 0 or more" });
  if (!r.ok) {
    errors[key] = r.problem.message;
    return null;
  }
  return r.value;
}

/** The bidder's inputs as numbers; overheads may come from a project's overheads (computed by the caller). */
export function toBidder(b: BidderDraft, errors: FieldErrors): BidderSetup {
  return {
    service: b.service,
    directCost: money(b.direct, "bidder.direct", "Service direct costs", errors) ?? 0,
    overheads: money(b.overheads, "bidder.overheads", "Share of overheads", errors) ?? 0,
    units: count(b.units, "bidder.units", "Expected units of output", errors),
    fundingType: FUNDING_TYPES.includes(b.type) ? b.type : "Commissioned service",
  };
}

/** Convert the form to a setup; errors are keyed by field id (e.g. "project.3.direct"). */
export function toSetup(d: CostRecoveryDraft): { setup: CostRecoverySetup; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const pools = d.pools.map((p, k) => ({
    name: p.name,
    amount: money(p.amount, `pool.${p.id}.amount`, `Pool ${k + 1} annual cost`, errors) ?? 0,
    driver: p.driver,
    unit: p.unit,
  }));
  const projects = d.projects.map((p, j) => ({
    name: p.name,
    directCost:
      money(p.direct, `project.${p.id}.direct`, `Project ${j + 1} direct costs`, errors) ?? 0,
    units: count(p.units, `project.${p.id}.units`, `Project ${j + 1} units of output`, errors),
    fundingType: p.type,
    price: money(
      p.price,
      `project.${p.id}.price`,
      `Project ${j + 1} price offered or award`,
      errors,
      "null"
    ),
    drivers: (d.singleDriver
      ? [p.drivers[0] ?? ""]
      : d.pools.map((_, k) => p.drivers[k] ?? "")
    ).map((t, k) =>
      count(t, `project.${p.id}.driver.${k}`, `Project ${j + 1} driver ${k + 1}`, errors)
    ),
  }));
  return {
    setup: {
      organisation: d.organisation,
      pools,
      projects,
      singleDriver: d.singleDriver,
      bidder: toBidder(d.bidder, errors),
    },
    errors,
  };
}

/** Amounts and counts as the form shows them: 18000, 12000.5, 760 (no thousands separators). */
const asText = (n: number | null | undefined): string =>
  n === null || n === undefined ? "" : String(n);

/**
 * The form filled from a setup (e.g. one read from the organisation's own sheet), so the user sees
 * every value read and can change any before building. Sheet name, start cell and the "Price a
 * service" inputs are kept from the current draft.
 */
export function draftFromSetup(
  setup: CostRecoverySetup,
  keep: CostRecoveryDraft
): CostRecoveryDraft {
  const pools: PoolDraft[] = setup.pools.map((p) => ({
    id: newId(),
    name: p.name,
    amount: asText(p.amount),
    driver: p.driver,
    // a unit the sheet does not give is left blank for the user to type (never assumed)
    unit: p.unit ?? "",
  }));
  return {
    ...keep,
    organisation: setup.organisation,
    singleDriver: setup.singleDriver,
    pools,
    projects: setup.projects.map((p) => ({
      id: newId(),
      name: p.name,
      direct: asText(p.directCost),
      units: asText(p.units),
      type: p.fundingType,
      price: asText(p.price),
      drivers: pools.map((_, k) => asText(p.drivers[k])),
    })),
  };
}
