import {
  classify,
  costRecoveryLabel,
  flagNotes,
  FLAG_CODES,
  FLAG_NOTES,
  FLAG_SOURCES,
  labelSaysSla,
  parseRecipientTier,
  toRow,
  type ClassifyInput,
} from "../../../src/domain/classification/classify";
import {
  DEFAULT_SETTINGS,
  parseSettings,
  type FrameworkSettings,
} from "../../../src/domain/settings/settings";
import { COMMISSIONED_SERVICE_ROW, SMALL_GRANT_ROW } from "../../support/registerRows";

const S = DEFAULT_SETTINGS;
const T = S.smallGrantThreshold; // £5,000 by default

function row(input: Partial<ClassifyInput>, settings: FrameworkSettings = S) {
  const r = classify(
    { annualValue: 10000, outputsSpecified: false, recipientTier: "", ...input },
    settings
  );
  if (!r.ok) throw new Error(`expected ok, got ${r.problem.message}`);
  return toRow(r.value);
}
function problem(input: Partial<ClassifyInput>) {
  const r = classify(
    { annualValue: 10000, outputsSpecified: false, recipientTier: "", ...input },
    S
  );
  if (r.ok) throw new Error("expected a problem");
  return r.problem;
}
const flags = (input: Partial<ClassifyInput>, settings?: FrameworkSettings) =>
  row(input, settings)[7];
const settingsWith = (over: Record<string, unknown>): FrameworkSettings => {
  const p = parseSettings({ ...S, ...over });
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.settings;
};

describe("rules in order (002:256, 002:258, 002:261, 002:316-327)", () => {
  test("1. outputs specified -> shopping, commissioned service, full cost recovery", () => {
    expect(row({ annualValue: 60000, outputsSpecified: true })).toEqual(COMMISSIONED_SERVICE_ROW);
  });
  test("1 wins over infrastructure and over a small value", () => {
    expect(
      row({ annualValue: 100, outputsSpecified: "yes", recipientTier: "infrastructure" })[1]
    ).toBe("Commissioned service");
  });
  test("2. infrastructure over T -> investing, 50/50", () => {
    expect(row({ annualValue: 12000, recipientTier: "umbrella" }).slice(0, 6)).toEqual([
      "Investing",
      "Investment",
      "VCS",
      "Partnering",
      "50/50",
      0.5,
    ]);
  });
  test("3. value <= T -> giving, small grant, 80/20", () => {
    expect(row({ annualValue: 3000 })).toEqual(SMALL_GRANT_ROW);
    expect(row({ annualValue: 3000, recipientTier: "second tier" })[1]).toBe("Small grant");
  });
  test("4. frontline over T without outputs -> qualifying activity, departmental, partnering", () => {
    expect(row({ annualValue: 12000, recipientTier: "frontline" }).slice(0, 6)).toEqual([
      "Giving",
      "Qualifying activity",
      "Departmental",
      "Partnering",
      "80/20",
      0.2,
    ]);
  });
  test("boundaries at T: T-0.01 and T are small grants, T+0.01 is not", () => {
    expect(row({ annualValue: T - 0.01 })[1]).toBe("Small grant");
    expect(row({ annualValue: T })[1]).toBe("Small grant");
    expect(row({ annualValue: T + 0.01 })[1]).toBe("Qualifying activity");
    expect(row({ annualValue: T - 0.01, recipientTier: "infrastructure" })[1]).toBe("Small grant");
    expect(row({ annualValue: T, recipientTier: "infrastructure" })[1]).toBe("Small grant");
    expect(row({ annualValue: T + 0.01, recipientTier: "infrastructure" })[1]).toBe("Investment");
  });
  test("money is compared in pence: text amounts and float noise classify like the number", () => {
    expect(row({ annualValue: "£5,000.00" })[7]).toBe("at-threshold");
    expect(row({ annualValue: 4999.995 })[1]).toBe("Small grant"); // rounds to £5,000.00
    expect(row({ annualValue: 0.1 + 0.2 + 4999.7 })[7]).toBe("at-threshold");
    expect(row({ annualValue: "£5,000.01" })[1]).toBe("Qualifying activity");
  });
  test("£0 is a small grant", () => {
    expect(row({ annualValue: 0 })[1]).toBe("Small grant");
  });
});

describe("monitoring bands (000:572)", () => {
  test.each([
    [24999.99, "Light"],
    [25000, "Standard"],
    [25000.01, "Standard"],
    [99999.99, "Standard"],
    [100000, "Standard"],
    [100000.01, "Full"],
    [0, "Light"],
  ])("£%s -> %s", (v, band) => {
    expect(row({ annualValue: v })[6]).toBe(band);
  });
  test("bands follow the settings", () => {
    const s = settingsWith({ monitoringLightBelow: 10000, monitoringFullAbove: 50000 });
    expect(row({ annualValue: 9999.99 }, s)[6]).toBe("Light");
    expect(row({ annualValue: 10000 }, s)[6]).toBe("Standard");
    expect(row({ annualValue: 50000.01 }, s)[6]).toBe("Full");
  });
});

describe("flags", () => {
  test("no flags gives empty text", () => {
    expect(flags({ annualValue: 12000 })).toBe("");
  });
  test("grant-with-outputs: label contains grant and outputs specified (002:262)", () => {
    expect(
      flags({ annualValue: 12000, outputsSpecified: true, currentLabel: "Community Grant" })
    ).toBe("grant-with-outputs");
    expect(flags({ annualValue: 12000, outputsSpecified: false, currentLabel: "grant" })).toBe("");
    expect(flags({ annualValue: 12000, outputsSpecified: true, currentLabel: "" })).toBe("");
  });
  test("sla-not-procured needs SLA label, outputs and competitivelySelected = no (002:262)", () => {
    expect(
      flags({
        annualValue: 12000,
        outputsSpecified: true,
        currentLabel: "SLA",
        competitivelySelected: "no",
      })
    ).toBe("sla-not-procured");
    expect(
      flags({
        annualValue: 12000,
        outputsSpecified: true,
        currentLabel: "Service Level  Agreement",
        competitivelySelected: false,
      })
    ).toBe("sla-not-procured");
    expect(
      flags({
        annualValue: 12000,
        outputsSpecified: true,
        currentLabel: "SLA",
        competitivelySelected: "",
      })
    ).toBe("");
    expect(
      flags({
        annualValue: 12000,
        outputsSpecified: true,
        currentLabel: "SLA",
        competitivelySelected: "yes",
      })
    ).toBe("");
    expect(
      flags({
        annualValue: 12000,
        outputsSpecified: false,
        currentLabel: "SLA",
        competitivelySelected: "no",
      })
    ).toBe("");
  });
  test("SLA label recognition", () => {
    expect(labelSaysSla("S.L.A.")).toBe(true);
    expect(labelSaysSla("SLA 2007/08")).toBe(true);
    expect(labelSaysSla("service-level agreement")).toBe(true);
    expect(labelSaysSla("Islam")).toBe(false);
    expect(labelSaysSla("slab")).toBe(false);
  });
  test("contract-without-outputs (002:256)", () => {
    expect(flags({ annualValue: 12000, outputsSpecified: false, currentLabel: "Contract" })).toBe(
      "contract-without-outputs"
    );
    expect(flags({ annualValue: 12000, outputsSpecified: true, currentLabel: "contract" })).toBe(
      ""
    );
  });
  test("not-tendered at the tendering threshold, not below (003:253)", () => {
    const base = { outputsSpecified: true, competitivelySelected: "n" };
    const t = S.tenderingThreshold;
    expect(flags({ ...base, annualValue: t - 0.01 })).toBe("");
    expect(flags({ ...base, annualValue: t })).toBe("not-tendered");
    expect(flags({ ...base, annualValue: t + 0.01 })).toBe("not-tendered");
    expect(flags({ ...base, annualValue: t, competitivelySelected: null })).toBe("");
    expect(flags({ ...base, annualValue: t, competitivelySelected: true })).toBe("");
    // only for commissioned services
    expect(flags({ annualValue: t, outputsSpecified: false, competitivelySelected: false })).toBe(
      ""
    );
  });
  test("tendering threshold follows the settings", () => {
    const s = settingsWith({ tenderingThreshold: 144459 });
    expect(
      flags({ annualValue: 100000, outputsSpecified: true, competitivelySelected: false }, s)
    ).toBe("");
    expect(
      flags({ annualValue: 144459, outputsSpecified: true, competitivelySelected: false }, s)
    ).toBe("not-tendered");
  });
  test("unaccredited only for small grants and only when accredited is no (002:324)", () => {
    expect(flags({ annualValue: 3000, accredited: "NO" })).toBe("unaccredited");
    expect(flags({ annualValue: 3000, accredited: "" })).toBe("");
    expect(flags({ annualValue: 3000, accredited: 1 })).toBe("");
    expect(flags({ annualValue: 12000, accredited: false })).toBe("");
  });
  test("grant-term-over-max: small grant over the maximum term (002:323)", () => {
    expect(flags({ annualValue: 3000, termYears: 3 })).toBe("");
    expect(flags({ annualValue: 3000, termYears: 3.5 })).toBe("grant-term-over-max");
    expect(flags({ annualValue: 3000, termYears: "" })).toBe("");
    expect(flags({ annualValue: 12000, termYears: 5 })).toBe("");
  });
  test("short-term: commissioned service or investment under the norm (000:408)", () => {
    expect(flags({ annualValue: 12000, outputsSpecified: true, termYears: 2 })).toBe("short-term");
    expect(flags({ annualValue: 12000, outputsSpecified: true, termYears: 3 })).toBe("");
    expect(flags({ annualValue: 12000, recipientTier: "infrastructure", termYears: 1 })).toBe(
      "short-term"
    );
    expect(flags({ annualValue: 12000, recipientTier: "infrastructure", termYears: null })).toBe(
      ""
    );
    // qualifying activity and small grants are not short-term
    expect(flags({ annualValue: 12000, termYears: 1 })).toBe("");
    expect(flags({ annualValue: 3000, termYears: 1 })).toBe("");
  });
  test("at-threshold only when exactly T", () => {
    expect(flags({ annualValue: T })).toBe("at-threshold");
    expect(flags({ annualValue: T - 0.01 })).toBe("");
    expect(flags({ annualValue: T + 0.01 })).toBe("");
  });
  test("several flags come in the stated order joined with ', '", () => {
    expect(
      flags({
        annualValue: 60000,
        outputsSpecified: true,
        currentLabel: "SLA grant",
        competitivelySelected: "no",
        termYears: 1,
      })
    ).toBe("grant-with-outputs, sla-not-procured, not-tendered, short-term");
    expect(flags({ annualValue: T, currentLabel: "contract", accredited: "n", termYears: 4 })).toBe(
      "contract-without-outputs, unaccredited, grant-term-over-max, at-threshold"
    );
  });
  test("every flag has a note and a source; notes are joined in order", () => {
    for (const f of FLAG_CODES) {
      expect(FLAG_NOTES[f].length).toBeGreaterThan(20);
      expect(FLAG_SOURCES[f]).toMatch(/\d{3}:\d+/);
    }
    expect(flagNotes(["unaccredited", "at-threshold"])).toBe(
      `${FLAG_NOTES.unaccredited} ${FLAG_NOTES["at-threshold"]}`
    );
    expect(flagNotes([])).toBe("");
  });
});

describe("settings change the output", () => {
  test("small-grant threshold", () => {
    const s = settingsWith({ smallGrantThreshold: 10000 });
    expect(row({ annualValue: 8000 }, s)[1]).toBe("Small grant");
    expect(row({ annualValue: 8000 })[1]).toBe("Qualifying activity");
    expect(row({ annualValue: 10000 }, s)[7]).toBe("at-threshold");
  });
  test("funder shares give other cost-recovery labels and shares", () => {
    const s = settingsWith({
      funderShareInvestment: 40,
      funderShareSmallGrant: 25,
      funderShareCommissionedService: 90,
    });
    expect(row({ annualValue: 12000, recipientTier: "infrastructure" }, s).slice(4, 6)).toEqual([
      "60/40",
      0.4,
    ]);
    expect(row({ annualValue: 100 }, s).slice(4, 6)).toEqual(["75/25", 0.25]);
    expect(row({ annualValue: 100, outputsSpecified: true }, s).slice(4, 6)).toEqual([
      "10/90",
      0.9,
    ]);
  });
  test("terms", () => {
    const s = settingsWith({
      fundingTermNormYears: 5,
      smallGrantTermMaxYears: 2,
      smallGrantTermNormYears: 1,
    });
    expect(flags({ annualValue: 12000, outputsSpecified: true, termYears: 4 }, s)).toBe(
      "short-term"
    );
    expect(flags({ annualValue: 100, termYears: 3 }, s)).toBe("grant-term-over-max");
  });
  test("cost-recovery label", () => {
    expect(costRecoveryLabel(100)).toBe("Full");
    expect(costRecoveryLabel(50)).toBe("50/50");
    expect(costRecoveryLabel(20)).toBe("80/20");
    expect(costRecoveryLabel(0)).toBe("100/0");
    expect(costRecoveryLabel(33.33)).toBe("66.67/33.33");
  });
});

describe("bad input names the argument and what was expected", () => {
  test.each<[Partial<ClassifyInput>, string, RegExp]>([
    [{ annualValue: "" }, "annualValue", /blank; expected an amount in pounds/],
    [{ annualValue: null }, "annualValue", /blank/],
    [{ annualValue: "lots" }, "annualValue", /amount in pounds/],
    [{ annualValue: -1 }, "annualValue", /£0 or more/],
    [{ annualValue: true }, "annualValue", /amount in pounds/],
    [{ annualValue: Number.NaN }, "annualValue", /amount in pounds/],
    [{ annualValue: Infinity }, "annualValue", /amount in pounds/],
    [{ outputsSpecified: "" }, "outputsSpecified", /blank; expected yes or no/],
    [{ outputsSpecified: null }, "outputsSpecified", /blank/],
    [{ outputsSpecified: "maybe" }, "outputsSpecified", /yes or no/],
    [{ outputsSpecified: 2 }, "outputsSpecified", /yes or no/],
    [
      { recipientTier: "charity" },
      "recipientTier",
      /infrastructure .* or frontline; got "charity"/,
    ],
    [{ recipientTier: 3 }, "recipientTier", /infrastructure or frontline/],
    [{ recipientTier: true }, "recipientTier", /infrastructure or frontline/],
    [{ currentLabel: true }, "currentLabel", /text such as grant/],
    [{ competitivelySelected: "perhaps" }, "competitivelySelected", /yes or no/],
    [{ accredited: "pending" }, "accredited", /yes or no/],
    [{ termYears: "three" }, "termYears", /number of years/],
    [{ termYears: -1 }, "termYears", /0 or more/],
    [{ termYears: true }, "termYears", /number of years/],
  ])("%p -> %s", (input, field, msg) => {
    const p = problem(input);
    expect(p.field).toBe(field);
    expect(p.message).toContain(field);
    expect(p.message).toMatch(msg);
    expect(p.kind).toBe("value");
  });
});

describe("recipientTier synonyms", () => {
  test.each([
    ["infrastructure", "infrastructure"],
    [" Umbrella ", "infrastructure"],
    ["Second Tier", "infrastructure"],
    ["second-tier", "infrastructure"],
    ["2nd tier", "infrastructure"],
    ["frontline", "frontline"],
    ["Front line", "frontline"],
    ["FRONT-LINE", "frontline"],
    ["", "frontline"],
    [null, "frontline"],
  ])("%p -> %s", (text, tier) => {
    const r = parseRecipientTier(text);
    expect(r).toEqual({ ok: true, value: tier });
  });
});
