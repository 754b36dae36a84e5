/**
 * "Price a service" (bidder mode): from one service's direct costs, its share of overheads and its
 * expected units, the full cost, the unit price at full cost, and the funder's and the
 * organisation's parts at the funding type's ratio (002:353-355). Exact in pence.
 */
import type { FundingType } from "../classification/classify";
import { toPence, type Pence } from "../kernel/money";
import type { FrameworkSettings } from "../settings/settings";
import { basisForType, fundingTypeNamed, overheadRate, split, unitCost } from "./rules";

export type BidderSetup = {
  service: string;
  directCost: number;
  overheads: number;
  units: number | null;
  fundingType: FundingType;
};

export type BidderResult = {
  fullCost: Pence;
  unitPrice: Pence | null;
  funder: Pence | null;
  organisation: Pence | null;
  overheadRate: number | null;
};

/** An amount in £ as pence, at least 0 (blank counts as 0). */
export const penceOf = (pounds: number | null | undefined): Pence =>
  toPence(Math.max(0, pounds ?? 0)) ?? 0;

/** Units of output in hundredths, as the sheet counts them (ROUND(units*100,0)); blank is 0. */
export const unitsWeight = (units: number | null | undefined): number =>
  units === null || units === undefined ? 0 : Math.round(units * 100);

/** "Price a service": full cost, unit price at full cost, and the funder's and organisation's parts. */
export function computeBidder(b: BidderSetup, settings: FrameworkSettings): BidderResult {
  const d = penceOf(b.directCost);
  const o = penceOf(b.overheads);
  const full = d + o;
  const uw = unitsWeight(b.units);
  const unit = uw > 0 ? unitCost(full, uw / 100) : null;
  const t = fundingTypeNamed(b.fundingType);
  const s = t ? split(full, basisForType(t, settings)) : null;
  return {
    fullCost: full,
    unitPrice: unit && unit.ok ? unit.value : null,
    funder: s ? s.funder : null,
    organisation: s ? s.vcs : null,
    overheadRate: overheadRate(o, d),
  };
}
