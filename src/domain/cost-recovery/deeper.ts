/**
 * One project costed further: its cost lines (direct costs, and its share of each overhead pool)
 * over 1 to 5 years with inflation (years.ts), and the one answer under a funder rule picked for
 * it (presets.ts), for the whole period and for each year.
 */
import type { Pence } from "../kernel/money";
import { ok, type Result } from "../kernel/result";
import type { FrameworkSettings } from "../settings/settings";
import type { ProjectAnswer } from "./answer";
import { presetAnswer, type CostLine, type FunderPreset } from "./presets";
import { costOverYears, termNote, type YearsCosting } from "./years";

export type DeeperInput = {
  directPence: Pence;
  /** MTDC category of the direct costs (for the US federal rule). */
  directCategory: string;
  overheads: { name: string; pence: Pence }[];
  preset: FunderPreset;
  /** The price or award for the whole period, or null. */
  price: Pence | null;
  years: number;
  inflationPercent: number;
  /**
   * Each line's own inflation a year (the direct costs first, then each overhead pool), null or
   * missing for the general rate.
   */
  lineInflationPercent?: readonly (number | null)[];
};

export type DeeperCosting = {
  costing: YearsCosting;
  /** The one answer for the whole period. */
  answer: ProjectAnswer;
  /** The funder's rule applied to each year's costs (no price per year). */
  perYear: ProjectAnswer[];
  termNote: string;
};

export function deeperCosting(
  input: DeeperInput,
  settings: FrameworkSettings
): Result<DeeperCosting> {
  const lines: CostLine[] = [
    {
      name: "Direct costs",
      pence: input.directPence,
      kind: "direct",
      category: input.directCategory,
    },
    ...input.overheads.map((o) => ({ name: o.name, pence: o.pence, kind: "overhead" as const })),
  ];
  const costing = costOverYears(
    lines.map((l, i) => ({
      name: l.name,
      year1: l.pence,
      inflationPercent: input.lineInflationPercent?.[i] ?? null,
    })),
    input.years,
    input.inflationPercent
  );
  if (!costing.ok) return costing;
  const over = (pick: (row: Pence[]) => Pence): CostLine[] =>
    lines.map((l, i) => ({ ...l, pence: pick(costing.value.perLine[i]) }));
  const whole = presetAnswer(
    input.preset,
    over((row) => row.reduce((s, x) => s + x, 0)),
    input.price,
    settings
  );
  if (!whole.ok) return whole;
  const perYear: ProjectAnswer[] = [];
  for (let y = 0; y < input.years; y++) {
    const a = presetAnswer(
      input.preset,
      over((row) => row[y]),
      null,
      settings
    );
    if (!a.ok) return a;
    perYear.push(a.value);
  }
  return ok({
    costing: costing.value,
    answer: whole.value,
    perYear,
    termNote: termNote(input.years, settings),
  });
}
