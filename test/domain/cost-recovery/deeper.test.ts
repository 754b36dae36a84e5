/**
 * Going deeper than one year at one ratio: a costing over years with inflation (a hand-worked
 * 3-year example at 3%), the cost lines bidders forget (salary on-costs, VAT, depreciation, a
 * contingency stated as such), funder rules as presets (each with a worked example), and a
 * bidder's full cost and recovery for the evaluation's abnormally-low-tender check.
 */
import fc from "fast-check";
import {
  depreciation,
  FORGOTTEN_LINES,
  irrecoverableVat,
  margin,
  salaryOnCosts,
  staffLineOverYears,
} from "../../../src/domain/cost-recovery/costLines";
import {
  funderPresets,
  presetAnswer,
  type CostLine,
} from "../../../src/domain/cost-recovery/presets";
import { tenderCostRecovery } from "../../../src/domain/cost-recovery/tender";
import {
  costOverYears,
  inflate,
  termNote,
  yearsInWords,
} from "../../../src/domain/cost-recovery/years";
import { DEFAULT_SETTINGS } from "../../../src/domain/settings/settings";

const S = DEFAULT_SETTINGS;
const gbp = (pounds: number) => Math.round(pounds * 100);

describe("years and inflation", () => {
  test("a 3-year costing at 3% matches the hand-worked example", () => {
    // Worked by hand: staff £30,000 -> £30,900 -> £31,827; overheads £10,000 -> £10,300 ->
    // £10,609; a line at its own 3%, £12,345.67 -> £12,716.04 (12,716.0401) -> £13,097.52
    // (x 1.0609 = 13,097.521303); rent at its own 0% stays £6,000.
    const c = costOverYears(
      [
        { name: "Staff", year1: gbp(30_000), inflationPercent: null },
        { name: "Overheads", year1: gbp(10_000), inflationPercent: null },
        { name: "Supplies", year1: gbp(12_345.67), inflationPercent: 3 },
        { name: "Rent (fixed)", year1: gbp(6_000), inflationPercent: 0 },
      ],
      3,
      3
    );
    if (!c.ok) throw new Error(c.problem.message);
    expect(c.value.perLine).toEqual([
      [gbp(30_000), gbp(30_900), gbp(31_827)],
      [gbp(10_000), gbp(10_300), gbp(10_609)],
      [gbp(12_345.67), gbp(12_716.04), gbp(13_097.52)],
      [gbp(6_000), gbp(6_000), gbp(6_000)],
    ]);
    expect(c.value.perYear).toEqual([gbp(58_345.67), gbp(59_916.04), gbp(61_533.52)]);
    expect(c.value.total).toBe(gbp(179_795.23));
    expect(yearsInWords(c.value)).toBe(
      "Year 1 £58,345.67; Year 2 £59,916.04; Year 3 £61,533.52; total £179,795.23"
    );
  });

  test("each year rounds half up from the first year's amount exactly; totals add up", () => {
    expect(inflate(50, 3, 1)).toBe(52); // 51.5p rounds up
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.constant("x"),
            year1: fc.integer({ min: 0, max: 1e10 }),
            inflationPercent: fc.option(fc.integer({ min: -1000, max: 2000 }).map((b) => b / 100)),
          }),
          { maxLength: 6 }
        ),
        fc.integer({ min: 1, max: 5 }),
        (lines, years) => {
          const c = costOverYears(lines, years, 3);
          if (!c.ok) return false;
          const byLine = c.value.lineTotals.reduce((s, x) => s + x, 0);
          return byLine === c.value.total && c.value.perYear.length === years;
        }
      )
    );
  });

  test("1 to 5 years only; the framework's three-year norm is stated", () => {
    expect(costOverYears([], 6, 3)).toEqual({
      ok: false,
      problem: expect.objectContaining({
        message: "Years must be a whole number from 1 to 5; got 6",
      }),
    });
    expect(termNote(1, S)).toBe(
      "The framework's norm is funding for 3 years as a minimum wherever circumstances allow: this costing covers 1 year; ask whether a 3-year agreement is possible."
    );
    expect(termNote(3, S)).toMatch(/this costing covers 3 years\.$/);
  });
});

describe("cost lines bidders forget", () => {
  test("salary on-costs: employer NI at 15% above £5,000, pension at 3%", () => {
    expect(salaryOnCosts(gbp(30_000), S)).toEqual({
      ok: true,
      value: { salary: gbp(30_000), employerNi: gbp(3_750), pension: gbp(900), total: gbp(34_650) },
    });
    // below the threshold no employer NI is due
    expect(salaryOnCosts(gbp(4_000), S)).toEqual({
      ok: true,
      value: { salary: gbp(4_000), employerNi: 0, pension: gbp(120), total: gbp(4_120) },
    });
  });

  test("a half-time post over 3 years with a 2% pay award feeds the staff line", () => {
    const s = { ...S, costPayAwardPercent: 2 };
    const r = staffLineOverYears(gbp(30_000), 0.5, 3, s);
    if (!r.ok) throw new Error(r.problem.message);
    // £15,000 -> £15,300 -> £15,606; NI 15% above £5,000; pension 3%
    expect(r.value.map((y) => [y.salary, y.employerNi, y.pension, y.total])).toEqual([
      [gbp(15_000), gbp(1_500), gbp(450), gbp(16_950)],
      [gbp(15_300), gbp(1_545), gbp(459), gbp(17_304)],
      [gbp(15_606), gbp(1_590.9), gbp(468.18), gbp(17_665.08)],
    ]);
  });

  test("irrecoverable VAT, depreciation adding back to the cost, a contingency stated as such", () => {
    expect(irrecoverableVat(gbp(1_000), 100, S)).toBe(gbp(200));
    expect(irrecoverableVat(gbp(1_000), 30, S)).toBe(gbp(60));
    expect(depreciation(gbp(10_000), 3)).toEqual({
      ok: true,
      value: [gbp(3_333.34), gbp(3_333.33), gbp(3_333.33)],
    });
    expect(margin(gbp(50_000), "contingency", 5)).toEqual({
      ok: true,
      value: {
        kind: "contingency",
        percent: 5,
        pence: gbp(2_500),
        label: "Contingency (for risk): 5% of £50,000.00",
      },
    });
    expect(FORGOTTEN_LINES.map((l) => l.label)).toEqual([
      "Salary on-costs",
      "Pay award",
      "Irrecoverable VAT",
      "Depreciation",
      "Notional rent",
      "Contingency or surplus",
    ]);
  });
});

describe("funder rules as presets, each with its source and a worked example", () => {
  const presets = Object.fromEntries(funderPresets(S).map((p) => [p.id, p]));
  const answer = (id: string, lines: CostLine[], price: number | null = null) => {
    const r = presetAnswer(presets[id], lines, price, S);
    if (!r.ok) throw new Error(r.problem.message);
    return r.value;
  };
  const direct = (name: string, pounds: number, category?: string): CostLine => ({
    name,
    pence: gbp(pounds),
    kind: "direct",
    ...(category ? { category } : {}),
  });
  const overhead = (name: string, pounds: number): CostLine => ({
    name,
    pence: gbp(pounds),
    kind: "overhead",
  });

  test("every preset names its source", () => {
    for (const p of funderPresets(S)) expect(p.source.length).toBeGreaterThan(20);
  });

  test("full cost recovery: a £50,000 commissioned service, the funder pays £50,000", () => {
    const a = answer("full", [direct("Staff", 40_000), overhead("Premises", 10_000)]);
    expect([a.funderPays, a.organisationFinds]).toEqual([gbp(50_000), 0]);
  });

  test("50/50 and 80/20: £12,000 investment -> £6,000 each; £10,000 grant -> funder £2,000", () => {
    expect(answer("50/50", [direct("Staff", 12_000)]).funderPays).toBe(gbp(6_000));
    const g = answer("80/20", [direct("Staff", 10_000)], gbp(2_000));
    expect([g.funderPays, g.organisationFinds, g.belowBasis]).toEqual([
      gbp(2_000),
      gbp(8_000),
      false,
    ]);
  });

  test("UKRI-style: 80% of a £500,000 full economic cost with £50,000 of exceptions at 100%", () => {
    const lines = [
      direct("Directly incurred staff", 200_000),
      overhead("Estates", 100_000),
      overhead("Indirect costs", 150_000),
      direct("Exceptions", 50_000),
    ];
    const p = {
      ...presets.ukri,
      rule: { kind: "ukri" as const, percent: 80, linesAt100: ["Exceptions"] },
    };
    const r = presetAnswer(p, lines, null, S);
    if (!r.ok) throw new Error(r.problem.message);
    // 80% x £450,000 + £50,000 = £410,000; the organisation finds £90,000
    expect([r.value.fullCost, r.value.funderPays, r.value.organisationFinds]).toEqual([
      gbp(500_000),
      gbp(410_000),
      gbp(90_000),
    ]);
  });

  test("overheads capped at 10% of direct costs: £40,000 direct, £10,000 overheads -> £44,000", () => {
    const a = answer("cap", [direct("Staff", 40_000), overhead("Central", 10_000)]);
    expect([a.funderPays, a.organisationFinds]).toEqual([gbp(44_000), gbp(6_000)]);
  });

  test("US federal de minimis: 15% of MTDC, never more than the overheads", () => {
    const lines = [
      direct("Salaries", 100_000, "Salaries and wages"),
      direct("Fringe", 30_000, "Fringe benefits"),
      direct("Supplies", 4_000, "Materials and supplies"),
      direct("Evaluation", 6_000, "Services"),
      direct("Travel", 3_000, "Travel"),
      direct("Laptops", 20_000, "Equipment"),
      direct("Hall hire", 12_000, "Rental costs"),
      direct("Stipends", 5_000, "Participant support costs"),
      direct("Partner A", 80_000, "Subaward: A"),
      direct("Partner B", 30_000, "Subaward: B"),
      overhead("Indirect costs", 40_000),
    ];
    // MTDC £223,000; 15% = £33,450 of the £40,000 overheads: the funder pays £290,000 + £33,450
    const a = answer("us", lines);
    expect([a.fullCost, a.funderPays, a.organisationFinds]).toEqual([
      gbp(330_000),
      gbp(323_450),
      gbp(6_550),
    ]);
    lines[lines.length - 1] = overhead("Indirect costs", 20_000);
    expect(answer("us", lines).organisationFinds).toBe(0);
  });
});

describe("a bidder's full cost and recovery for the abnormally-low-tender check", () => {
  test("£36,000 against a full cost of £40,000: 90%, below full cost, £4,000 to find elsewhere", () => {
    const t = tenderCostRecovery(gbp(36_000), gbp(40_000));
    if (!t.ok) throw new Error(t.problem.message);
    expect([t.value.recovery, t.value.belowFullCost, t.value.answer.stillToFind]).toEqual([
      0.9,
      true,
      gbp(4_000),
    ]);
    expect(tenderCostRecovery(gbp(1), 0).ok).toBe(false);
  });
});
