/**
 * FUNDING.MTDC: the modified total direct cost base (2 CFR 200.1 as revised from 1 October 2024),
 * every category, the first $50,000 of each subaward (a named subaward over several lines counted
 * once), and errors returned, never thrown.
 */
import fc from "fast-check";
import { MTDC_CATEGORIES, mtdc } from "../../src/domain/cost-recovery/mtdc";
import { applySettings } from "../../src/domain/settings/runtimeSettings";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";
import { costMtdc } from "../../src/functions/mtdc";

type Err = CustomFunctions.Error;
const isErr = (v: unknown): v is Err => v instanceof CustomFunctions.Error;
const col = (xs: unknown[]) => xs.map((x) => [x]);
const one = (amounts: unknown[], categories: unknown[]) =>
  costMtdc(col(amounts), col(categories))[0][0];

afterEach(() => applySettings(DEFAULT_SETTINGS));

describe("FUNDING.MTDC", () => {
  test("worked example: a $300,000 budget with every kind of line", () => {
    // counted: 100,000 + 30,000 + 4,000 + 6,000 + 3,000 + 50,000 (of subaward A's 80,000) + 30,000 (B)
    // left out: equipment 20,000, rent 12,000, participant support 5,000, the 30,000 of A above 50,000
    const lines: [number, string][] = [
      [100_000, "Salaries and wages"],
      [30_000, "Fringe benefits"],
      [4_000, "Materials and supplies"],
      [6_000, "Services"],
      [3_000, "Travel"],
      [20_000, "Equipment"],
      [12_000, "Rental costs"],
      [5_000, "Participant support costs"],
      [80_000, "Subaward"],
      [30_000, "Subaward"],
    ];
    expect(
      one(
        lines.map((l) => l[0]),
        lines.map((l) => l[1])
      )
    ).toBe(223_000);
    // 15% de minimis of that base: $33,450
    expect((223_000 * DEFAULT_SETTINGS.costUsDeMinimisPercent) / 100).toBe(33_450);
  });

  test("every category: counted ones count in full, left-out ones not at all", () => {
    for (const [category, treatment] of Object.entries(MTDC_CATEGORIES)) {
      const got = one([1_234.56], [category.toUpperCase()]);
      expect([category, got]).toEqual([category, treatment === "included" ? 1_234.56 : 0]);
    }
  });

  test("the $50,000 of a subaward is across all its lines: one partner over three years", () => {
    expect(
      one(
        [30_000, 30_000, 30_000, 70_000],
        [
          "Subaward: Partner A",
          "subaward - partner a",
          "Subaward: Partner A",
          "Subaward: Partner B",
        ]
      )
    ).toBe(100_000); // A: 50,000 of 90,000; B: 50,000 of 70,000
    expect(one([49_999.99, 0.02], ["Subaward: X", "Subaward: X"])).toBe(50_000);
  });

  test("the limit per subaward is a setting", () => {
    applySettings({ ...DEFAULT_SETTINGS, costMtdcSubawardLimit: 25_000 });
    expect(one([80_000, 1_000], ["subaward", "travel"])).toBe(26_000);
  });

  test("amounts as text with $ or commas; blank lines skipped", () => {
    expect(one(["$1,000.50", "", 200], ["Travel", "", "supplies"])).toBe(1_200.5);
  });

  test("errors name the line and what was expected, returned as #VALUE!", () => {
    const unknown = one([100, 200], ["Travel", "Overheads"]);
    expect(isErr(unknown) && unknown.code).toBe("#VALUE!");
    expect((unknown as Err).message).toMatch(
      /^categories line 2 is "Overheads"; expected salaries/
    );
    const negative = one([-5], ["Travel"]);
    expect((negative as Err).message).toMatch(/^amounts must be \$0 or more/);
    const shape = costMtdc([[1], [2]], [["Travel"]])[0][0] as Err;
    expect(shape.message).toMatch(/categories has 1 cells but amounts has 2/);
    const inSheet = one([{ code: "#DIV/0!" }], ["Travel"]) as Err;
    expect(inSheet.message).toMatch(/amounts is #DIV\/0! in the sheet/);
  });

  test("never throws, never NaN: any cells give a finite number or an error", () => {
    const cell = fc.oneof(
      fc.double(),
      fc.string(),
      fc.constantFrom("Travel", "Equipment", "Subaward: A", "subaward", "", null, true),
      fc.integer()
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 6 }), (rows) => {
        const v = one(
          rows.map((r) => r[0]),
          rows.map((r) => r[1])
        );
        return isErr(v) || (typeof v === "number" && Number.isFinite(v) && v >= 0);
      }),
      { numRuns: 1000 }
    );
  });

  test("the base plus what is left out is the whole, in cents, for random budgets", () => {
    const category = fc.constantFrom(...Object.keys(MTDC_CATEGORIES), "subaward", "subaward: p");
    fc.assert(
      fc.property(
        fc.array(fc.record({ cents: fc.integer({ min: 0, max: 1e9 }), category })),
        (lines) => {
          const r = mtdc(lines, 5_000_000);
          if (!r.ok) return false;
          return r.value.base + r.value.leftOut === lines.reduce((s, l) => s + l.cents, 0);
        }
      )
    );
  });
});
