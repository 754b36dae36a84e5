import fc from "fast-check";
import {
  annualPence,
  competitiveFromOpenCall,
  financialYear,
  labelFrom,
  monthsBetween,
  readDate,
  ukDate,
} from "../../../src/domain/classification/derived";
import {
  deriveRow,
  findHeaderRow,
  monthsFromPeriod,
  tableFromRows,
  typeColumns,
} from "../../../src/domain/classification/registerTable";
import { parseRecipientTier } from "../../../src/domain/classification/classify";
import type { RegisterField } from "../../../src/domain/classification/register";

const d = (y: number, m: number, day: number) => new Date(y, m - 1, day);

describe("dates as registers publish them", () => {
  test.each([
    ["17/03/2014", d(2014, 3, 17)],
    ["2014-03-17", d(2014, 3, 17)],
    ["2015-05-25T00:00:00Z", d(2015, 5, 25)],
    ["1/4/2013", d(2013, 4, 1)],
    ["17-03-2014", d(2014, 3, 17)],
    ["17.03.2014", d(2014, 3, 17)],
    [41715, d(2014, 3, 17)], // an Excel date serial
  ])("%p reads as %p", (text, want) => {
    expect(readDate(text)).toEqual({ ok: true, date: want });
  });
  test("blank is no date; text that is not a date is said so, never guessed", () => {
    expect(readDate("")).toEqual({ ok: true, date: null });
    expect(readDate("tbc")).toEqual({ ok: false, text: "tbc" });
    expect(readDate("31/02/2014")).toEqual({ ok: false, text: "31/02/2014" });
    expect(readDate(12)).toEqual({ ok: false, text: "12" });
  });
  test("day first: 03/10/2014 is the 3rd of October, as in the UK", () => {
    expect(ukDate((readDate("03/10/2014") as { date: Date }).date)).toBe("03/10/2014");
    expect((readDate("03/10/2014") as { date: Date }).date.getMonth()).toBe(9);
  });
});

describe("financial year, April to March", () => {
  test.each([
    [d(2014, 3, 31), "2013/14"],
    [d(2014, 4, 1), "2014/15"],
    [d(1999, 12, 1), "1999/00"],
  ])("%p is %p", (date, want) => expect(financialYear(date)).toBe(want));
  test("every date falls in the year that starts on the 1 April before it", () =>
    fc.assert(
      fc.property(fc.date({ min: d(1950, 1, 1), max: d(2100, 1, 1), noInvalidDate: true }), (x) => {
        const date = d(x.getFullYear(), x.getMonth() + 1, x.getDate());
        const start = Number(financialYear(date).slice(0, 4));
        expect(date.getTime()).toBeGreaterThanOrEqual(d(start, 4, 1).getTime());
        expect(date.getTime()).toBeLessThan(d(start + 1, 4, 1).getTime());
      })
    ));
});

describe("months and the value per year", () => {
  test("whole months between dates, both days included", () => {
    expect(monthsBetween(d(2013, 4, 1), d(2014, 3, 31))).toBe(12);
    expect(monthsBetween(d(2013, 9, 30), d(2014, 10, 3))).toBe(12);
    expect(monthsBetween(d(2015, 11, 2), d(2016, 4, 30))).toBe(6);
    expect(monthsBetween(d(2015, 1, 1), d(2015, 1, 1))).toBe(1);
  });
  test("an award over a year is spread evenly; a year or less is its own value", () => {
    expect(annualPence(3000000, 24)).toBe(1500000);
    expect(annualPence(100000, 36)).toBe(33333); // £333.33 a year, to the penny
    expect(annualPence(100000, 3)).toBe(100000); // not £4,000 a year
  });
  test("spread over whole years, the yearly values add back to the award within a penny a year", () =>
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e11 }),
        fc.integer({ min: 1, max: 10 }),
        (p, years) => {
          const each = annualPence(p, years * 12);
          expect(Math.abs(each * years - p)).toBeLessThanOrEqual(years);
        }
      )
    ));
  test("a time period in words", () => {
    expect(monthsFromPeriod("12 months")).toBe(12);
    expect(monthsFromPeriod("2 years")).toBe(24);
    expect(monthsFromPeriod("one year")).toBe(12);
    expect(monthsFromPeriod("18m")).toBe(18);
    expect(monthsFromPeriod("ongoing")).toBeNull();
  });
});

describe("a row's derived facts", () => {
  const cells: Partial<Record<RegisterField, unknown>> = {
    amount: 30000,
    startDate: "01/04/2013",
    endDate: "31/03/2015",
    awardDate: "17/03/2013",
    title: "Voluntary Sector Grant to Age UK",
    programme: "Voluntary Sector Grants",
    openCall: "No",
  };
  const name = (f: RegisterField) => f;
  test("value per year from the dates, term, financial year of the start, label, competed", () => {
    const r = deriveRow((f) => cells[f] ?? null, name);
    expect(r.annual).toEqual({
      pence: 1500000,
      basis: { kind: "dates", months: 24, start: d(2013, 4, 1), end: d(2015, 3, 31) },
    });
    expect(r.months).toBe(24);
    expect(r.financialYear).toBe("2013/14");
    expect(r.label).toBe("Voluntary Sector Grant to Age UK");
    expect(r.competitive).toBe(false);
    expect(r.problem).toBeNull();
  });
  test("no duration or dates: the award is one year's funding, and no term", () => {
    const r = deriveRow((f) => (f === "amount" ? 4000 : null), name);
    expect(r.annual).toEqual({ pence: 400000, basis: { kind: "one-year" } });
    expect(r.months).toBeNull();
  });
  test("a duration wins over the dates; a bad amount is said in the user's words", () => {
    const r = deriveRow((f) => ({ ...cells, termMonths: 12 })[f] ?? null, name);
    expect(r.annual?.pence).toBe(3000000);
    const bad = deriveRow(
      (f) => (f === "amount" ? "tbc" : null),
      (f) => (f === "amount" ? "Amount Awarded" : f)
    );
    expect(bad.problem?.message).toBe(
      'Amount Awarded is "tbc": enter an amount in pounds, e.g. 12000 or £12,000.50'
    );
  });
  test("the label: the title when it says grant/contract/SLA, else the programme", () => {
    expect(labelFrom("Lunch club", "Small Grants")).toBe("Small Grants");
    expect(labelFrom("SLA for advice", "Advice")).toBe("SLA for advice");
    expect(labelFrom("Aspire", "2013")).toBe("2013");
  });
  test.each([
    ["Yes", true],
    ["No", false],
    ["", null],
    ["Unknown", null],
  ])("From An Open Call? %p -> %p", (v, want) => expect(competitiveFromOpenCall(v)).toBe(want));
});

describe("reading a sheet's rows", () => {
  test("a title and a blank row above the headers are skipped", () => {
    const rows = [
      ["Grants to voluntary organisations 2024/25", "", ""],
      ["", "", ""],
      ["Beneficiary", "Amount", "Time period"],
      ["Age UK", "1000", "12 months"],
    ];
    expect(findHeaderRow(rows)).toEqual({ index: 2, skipped: 2 });
    const t = tableFromRows(rows);
    expect(t.headers).toEqual(["Beneficiary", "Amount", "Time period"]);
    expect(t.rows).toEqual([["Age UK", 1000, "12 months"]]);
  });
  test("numbers become numbers; identifiers and leading zeros stay text", () => {
    expect(
      typeColumns(
        ["Amount", "Charity Number", "Code"],
        [
          ["50000.0", "01234", "007"],
          ["12", "5678", "8"],
        ]
      )
    ).toEqual([
      [50000, "01234", "007"],
      [12, "5678", "8"],
    ]);
  });
});

test.each([
  "CVS",
  "Council for Voluntary Service",
  "voluntary action",
  "Volunteer Centre",
  "second-tier",
])("%p is accepted as an infrastructure tier", (tier) =>
  expect(parseRecipientTier(tier)).toEqual({ ok: true, value: "infrastructure" })
);
