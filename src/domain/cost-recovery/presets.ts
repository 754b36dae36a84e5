/**
 * Funder rules as presets a bidder picks per project, each with its source: what the funder is
 * expected to pay (E) out of the project's cost lines. The rest of the one answer (funder pays,
 * organisation finds, already covered, still to find) follows from E (answer.ts).
 *
 * - full cost recovery, where the commissioner benefits (002:353);
 * - 50/50 and 80/20 organisation/funder, where the benefit is shared (002:355);
 * - UKRI-style: 80% of the full economic cost, with chosen lines (e.g. exceptions, equipment in
 *   some schemes) at 100% (UKRI funding guidance; DOMAIN.md s.6c);
 * - a cap on overheads as a percentage of direct costs (many UK trusts; DOMAIN.md s.6c);
 * - the US federal de minimis indirect rate: direct costs plus up to 15% of modified total direct
 *   costs (2 CFR 200.414(f), MTDC as 2 CFR 200.1 from 1 October 2024; mtdc.ts), never more than
 *   the overheads themselves.
 */
import { mulDivRound, type Pence } from "../kernel/money";
import { fail, ok, type Result } from "../kernel/result";
import type { FrameworkSettings } from "../settings/settings";
import { answerFromExpected, type ProjectAnswer } from "./answer";
import { mtdc } from "./mtdc";
import { split } from "./rules";

/** A cost line of a project: direct (with an MTDC category where the US rule is used) or an overhead share. */
export type CostLine = {
  name: string;
  pence: Pence;
  kind: "direct" | "overhead";
  /** MTDC category (mtdc.ts), for the US federal de minimis rule; direct lines only. */
  category?: string;
};

export type FunderRule =
  | { kind: "full" }
  | { kind: "ratio"; organisationPercent: number; funderPercent: number }
  | { kind: "ukri"; percent: number; linesAt100: readonly string[] }
  | { kind: "overheadCap"; capPercent: number }
  | { kind: "usDeMinimis"; ratePercent: number };

export type FunderPreset = { id: string; label: string; source: string; rule: FunderRule };

/** The presets with their defaults from the settings, each with its source in words. */
export function funderPresets(settings: FrameworkSettings, capPercent = 10): FunderPreset[] {
  return [
    {
      id: "full",
      label: "Full cost recovery (commissioned service)",
      source:
        "Wiltshire review (2007): full cost recovery where the service is for the commissioner",
      rule: { kind: "full" },
    },
    {
      id: "50/50",
      label: "50/50 organisation/funder (investment)",
      source: "Wiltshire review (2007): for example 50/50 for investment",
      rule: { kind: "ratio", organisationPercent: 50, funderPercent: 50 },
    },
    {
      id: "80/20",
      label: "80/20 organisation/funder (grants)",
      source: "Wiltshire review (2007): for example 80/20 for grants",
      rule: { kind: "ratio", organisationPercent: 80, funderPercent: 20 },
    },
    {
      id: "ukri",
      label: `UKRI-style: ${settings.costUkriFecPercent}% of full economic cost, chosen lines at 100%`,
      source: "UKRI funding guidance: most grants pay 80% of the full economic cost",
      rule: { kind: "ukri", percent: settings.costUkriFecPercent, linesAt100: [] },
    },
    {
      id: "cap",
      label: `Overheads capped at ${capPercent}% of direct costs`,
      source: "The funder's own guidance (many UK trusts cap overheads)",
      rule: { kind: "overheadCap", capPercent },
    },
    {
      id: "us",
      label: `US federal de minimis: ${settings.costUsDeMinimisPercent}% of modified total direct costs`,
      source: "2 CFR 200.414(f) and 200.1, as revised from 1 October 2024",
      rule: { kind: "usDeMinimis", ratePercent: settings.costUsDeMinimisPercent },
    },
  ];
}

/** A percentage with at most two decimal places as a fraction of 10,000 (settings allow two). */
const bp = (percent: number) => Math.round(percent * 100);
const sum = (lines: readonly CostLine[]) => lines.reduce((s, l) => s + l.pence, 0);

/** What the funder is expected to pay under the rule, in pence (at most the full cost). */
export function expectedUnderRule(
  rule: FunderRule,
  lines: readonly CostLine[],
  settings: FrameworkSettings
): Result<Pence> {
  const full = sum(lines);
  const direct = sum(lines.filter((l) => l.kind === "direct"));
  const overheads = full - direct;
  switch (rule.kind) {
    case "full":
      return ok(full);
    case "ratio":
      if (rule.organisationPercent + rule.funderPercent !== 100)
        return fail("rule", "a ratio organisation/funder must add up to 100");
      return ok(
        split(full, { label: "", funderNum: bp(rule.funderPercent), funderDen: 10_000 }).funder
      );
    case "ukri": {
      const at100 = new Set(rule.linesAt100.map((n) => n.trim().toLowerCase()));
      const whole = lines.filter((l) => at100.has(l.name.trim().toLowerCase()));
      const rest = full - sum(whole);
      return ok(mulDivRound(rest, bp(rule.percent), 10_000) + sum(whole));
    }
    case "overheadCap":
      return ok(direct + Math.min(overheads, mulDivRound(direct, bp(rule.capPercent), 10_000)));
    case "usDeMinimis": {
      const base = mtdc(
        lines
          .filter((l) => l.kind === "direct")
          .map((l) => ({ cents: l.pence, category: l.category ?? "" })),
        Math.round(settings.costMtdcSubawardLimit * 100)
      );
      if (!base.ok) return base;
      const indirect = mulDivRound(base.value.base, bp(rule.ratePercent), 10_000);
      return ok(direct + Math.min(overheads, indirect));
    }
  }
}

/** The one answer for a project's cost lines under a funder rule, with the price or award entered. */
export function presetAnswer(
  preset: FunderPreset,
  lines: readonly CostLine[],
  price: Pence | null,
  settings: FrameworkSettings
): Result<ProjectAnswer> {
  const e = expectedUnderRule(preset.rule, lines, settings);
  if (!e.ok) return e;
  return ok(answerFromExpected(sum(lines), e.value, preset.label, price));
}
