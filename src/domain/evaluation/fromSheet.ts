/**
 * A tender setup read from the cells of a sheet (the "Tender" sheet a commissioner keeps): label
 * and value rows at the top (Tender, Scoring scale, Price method, Minimum quality, Discuss when
 * ...), then tables headed "Criterion", "Bidder", "Panel member" and "Gateway", each running
 * until its first blank row. What was found becomes a draft for the form to show and check; what
 * was not found stays as in `base`.
 */
import { isBlank } from "../kernel/parse";
import type { EvaluationDraft } from "./setup";
import { defaultDescriptors } from "./setup";

const text = (v: unknown) => (isBlank(v) ? "" : String(v).trim());
const key = (v: unknown) => text(v).toLowerCase();

/** A share typed as a fraction of 1 (a cell formatted 0% holds 0.15) as a percentage. */
function asPercent(v: unknown, fractions: boolean): unknown {
  if (typeof v !== "number" || !fractions) return v;
  return Number((v * 100).toPrecision(12));
}

/** The rows of the table whose header row's first cell starts with `title`, up to a blank row. */
function table(values: unknown[][], title: RegExp): { header: string[]; rows: unknown[][] } | null {
  const at = values.findIndex((r) => title.test(key(r?.[0])));
  if (at < 0) return null;
  const header = (values[at] ?? []).map(key);
  const rows: unknown[][] = [];
  for (let i = at + 1; i < values.length && !isBlank(values[i]?.[0]); i++) rows.push(values[i]);
  return { header, rows };
}

const column = (header: string[], re: RegExp) => header.findIndex((h) => re.test(h));

/** The label rows at the top: the value beside the first label matching `re`. */
function labelled(values: unknown[][], re: RegExp): unknown {
  const row = values.find((r) => re.test(key(r?.[0])));
  return row?.[1];
}

export type SetupFromSheet = { draft: EvaluationDraft; found: string[] };

/** Read a setup from a sheet's values; `found` names the parts found (empty: nothing usable). */
export function draftFromSheet(values: unknown[][], base: EvaluationDraft): SetupFromSheet {
  const draft: EvaluationDraft = { ...base };
  const found: string[] = [];
  const tender = labelled(values, /^tender( name)?$/);
  if (!isBlank(tender)) {
    draft.tenderName = text(tender);
    found.push("tender name");
  }
  const scale = /(\d+)\s*$/.exec(text(labelled(values, /^scoring scale/)));
  if (scale) {
    draft.scaleMax = Number(scale[1]);
    draft.descriptors = defaultDescriptors(Number(scale[1]));
  }
  const method = labelled(values, /^price method/);
  if (!isBlank(method)) draft.priceMethod = text(method);
  const threshold = labelled(values, /^minimum quality/);
  if (!isBlank(threshold)) draft.qualityThreshold = asPercent(threshold, Number(threshold) <= 1);
  const spread = labelled(values, /^discuss when/);
  if (!isBlank(spread)) draft.spreadLimit = spread;
  const tie = labelled(values, /^tie-?break/);
  if (!isBlank(tie)) draft.tieBreak = text(tie);

  const criteria = table(values, /^criteri(on|a)$/);
  if (criteria && criteria.rows.length > 0) {
    const g = column(criteria.header, /^group/);
    const w = column(criteria.header, /^weight/);
    const m = column(criteria.header, /^minimum/);
    const weights = criteria.rows.map((r) => r[w]);
    const sum = weights.reduce<number>((s, x) => s + (typeof x === "number" ? x : NaN), 0);
    const fractions = Math.abs(sum - 1) < 1e-9;
    draft.criteria = criteria.rows.map((r) => ({
      name: text(r[0]),
      group: g >= 0 ? text(r[g]) || "quality" : "quality",
      weight: w >= 0 ? asPercent(r[w], fractions) : "",
      minimum: m >= 0 ? (r[m] ?? "") : "",
    }));
    found.push(`${criteria.rows.length} criteria`);
  }
  const bidders = table(values, /^bidders?$/);
  if (bidders && bidders.rows.length > 0) {
    const p = column(bidders.header, /^price/);
    const f = column(bidders.header, /full cost/);
    draft.bidders = bidders.rows.map((r) => ({
      name: text(r[0]),
      price: p >= 0 ? (r[p] ?? "") : "",
      fullCost: f >= 0 ? (r[f] ?? "") : "",
    }));
    found.push(`${bidders.rows.length} bidders`);
  }
  const panel = table(values, /^panel( members?)?$/);
  if (panel && panel.rows.length > 0) {
    const a = column(panel.header, /^(scores|assigned|criteria)/);
    draft.evaluators = panel.rows.map((r) => text(r[0]));
    draft.assignments = panel.rows.map((r) => (a >= 0 ? text(r[a]) : ""));
    found.push(`${panel.rows.length} panel members`);
  }
  const gateway = table(values, /^gateway/);
  if (gateway && gateway.rows.length > 0) {
    draft.gateway = gateway.rows.map((r) => text(r[0]));
    found.push(`${gateway.rows.length} gateway questions`);
  }
  return { draft, found };
}
