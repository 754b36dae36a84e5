import fc from "fast-check";
import {
  answerKey,
  mergeAnswers,
  programmeQuestionText,
  RegisterAnswersSchema,
  registerQuestions,
  suggestInfrastructure,
} from "../../../src/domain/classification/answers";
import { QualityBuilder } from "../../../src/domain/classification/quality";
import { readableReference, readableSources } from "../../../src/domain/classification/sources";
import { modePercentTenths, tenthsText } from "../../../src/domain/classification/summary";
import { FLAG_SOURCES } from "../../../src/domain/classification/classify";
import type { RegisterField } from "../../../src/domain/classification/register";

describe("answers asked once per programme and organisation", () => {
  test("questions: each programme with its rows, largest first; organisations that look like infrastructure", () => {
    const q = registerQuestions(
      ["Voluntary Sector Grants", "voluntary sector grants ", "Arts", ""],
      ["Wiltshire CVS", "Age UK", "Swindon Voluntary Action", "wiltshire cvs"],
      {
        programmes: { arts: { label: "Arts", outputsSpecified: true } },
        organisations: {},
      }
    );
    expect(q.programmes).toEqual([
      { key: "voluntary sector grants", label: "Voluntary Sector Grants", rows: 2, answer: null },
      { key: "", label: "(no programme given)", rows: 1, answer: null },
      { key: "arts", label: "Arts", rows: 1, answer: true },
    ]);
    expect(q.organisations.map((o) => [o.label, o.rows, o.why])).toEqual([
      ["Wiltshire CVS", 2, "CVS"],
      ["Swindon Voluntary Action", 1, "Voluntary Action"],
    ]);
  });
  test("the question in plain words", () => {
    expect(programmeQuestionText("Voluntary Sector Grants", "programme")).toBe(
      "Does the Voluntary Sector Grants programme specify the outputs it pays for?"
    );
  });
  test.each([
    ["Wiltshire Council for Voluntary Service", "Council for Voluntary Service"],
    ["Oxfordshire Community Action", "community action"],
    ["Rural Community Council of Essex", "rural community council"],
    ["Volunteer Centre Swindon", "volunteer centre"],
    ["Carers Network", "network"],
    ["Age UK", null],
    ["Arts Forum", "forum"],
  ])("%p suggests %p", (name, why) => expect(suggestInfrastructure(name)).toBe(why));
  test("stored answers: a bad entry is dropped alone; later answers win", () => {
    const parsed = RegisterAnswersSchema.parse({
      programmes: {
        a: { label: "A", outputsSpecified: "maybe" },
        b: { label: "B", outputsSpecified: false },
      },
    });
    expect(parsed.programmes.a).toBeUndefined();
    expect(parsed.programmes.b).toEqual({ label: "B", outputsSpecified: false });
    expect(parsed.organisations).toEqual({});
    const merged = mergeAnswers(parsed, {
      programmes: { b: { label: "B", outputsSpecified: true } },
      organisations: { x: { label: "X", tier: "infrastructure" } },
    });
    expect(merged).toEqual({
      programmes: { b: { label: "B", outputsSpecified: true } },
      organisations: { x: { label: "X", tier: "infrastructure" } },
    });
    expect(answerKey("  Arts   General ")).toBe("arts general");
  });
});

describe("data-quality checks", () => {
  const seen = (f: RegisterField) =>
    ({
      identifier: "Identifier",
      amount: "Amount Awarded",
      startDate: "Start",
      endDate: "End",
      currency: "Currency",
      regrantType: "For Regrant Type",
    })[f as string] ?? f;
  test("each finding names the column and lists its rows", () => {
    const q = new QualityBuilder(seen, (f) => f !== "annualValue");
    const rows: Partial<Record<RegisterField, unknown>>[] = [
      { identifier: "G-1", amount: 100, currency: "GBP" },
      { identifier: "G-2", amount: 0, startDate: "01/04/2015", endDate: "31/03/2015" },
      { identifier: "g-1", amount: -5, currency: "USD" },
      { identifier: "G-4", amount: 10, toIndividuals: "IND-1", regrantType: "Common" },
    ];
    rows.forEach((r, i) => q.add(i + 2, (f) => r[f] ?? null));
    const found = q.result();
    expect(found.map((f) => [f.check, f.title, f.rows])).toEqual([
      ["duplicate-identifier", "The same Identifier appears on more than one row", [2, 4]],
      ["zero-or-negative", "Amount Awarded is £0 or less", [3, 4]],
      ["start-after-end", "Start is after End", [3]],
      ["not-gbp", "Currency is not GBP", [4]],
      ["to-individuals", "Grants to individuals", [5]],
      ["regrant", "Regrants (For Regrant Type is filled in)", [5]],
    ]);
  });
});

describe("readable sources", () => {
  test("a code reads as the document, section and paragraph", () => {
    expect(readableReference("002:262")).toBe(
      'Wiltshire funding review (2007), "Shopping, investing, giving", paragraph 5'
    );
    expect(readableReference("002:320-322")).toBe(
      'Wiltshire funding review (2007), "Shopping, investing, giving", paragraphs 17-18'
    );
    expect(readableSources("Tower Hamlets 000:572")).toBe(
      'Bolton, "The Future Role of the VCS" (2008), "Commissioning Code of Practice", paragraph 2'
    );
  });
  test("no flag's source shows a code", () => {
    for (const s of Object.values(FLAG_SOURCES))
      expect(readableSources(s)).not.toMatch(/\b00[0-4]:\d/);
  });
});

describe("the mix adds to 100.0%", () => {
  test("largest remainder: three thirds are 33.4 + 33.3 + 33.3", () => {
    const t = (p: number) => ({ count: 1, pence: p });
    const tenths = modePercentTenths({ Shopping: t(1), Investing: t(1), Giving: t(1) });
    expect([tenths.Shopping, tenths.Investing, tenths.Giving]).toEqual([334, 333, 333]);
    expect(tenthsText(tenths.Shopping)).toBe("33.4%");
  });
  test("any amounts: the shares add to exactly 1000 tenths, each within a tenth of its exact share", () =>
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e12 }), { minLength: 3, maxLength: 3 }),
        (p) => {
          fc.pre(p.some((x) => x > 0));
          const byMode = {
            Shopping: { count: 1, pence: p[0] },
            Investing: { count: 1, pence: p[1] },
            Giving: { count: 1, pence: p[2] },
          };
          const t = modePercentTenths(byMode);
          const sum = p[0] + p[1] + p[2];
          expect(t.Shopping + t.Investing + t.Giving).toBe(1000);
          expect(Math.abs(t.Shopping - (p[0] * 1000) / sum)).toBeLessThan(1);
        }
      )
    ));
});
