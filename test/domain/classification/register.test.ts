import {
  classifyRegisterRow,
  detectMapping,
  findResultBlock,
  inferOutputsFromLabel,
  mappingFromSaved,
  mappingProblems,
  mappingToSaved,
  normaliseHeader,
  SavedMappingsSchema,
  outputCells,
  OUTPUT_HEADERS,
  type RowOutcome,
} from "../../../src/domain/classification/register";
import { modeShares, summarise } from "../../../src/domain/classification/summary";
import { DEFAULT_SETTINGS } from "../../../src/domain/settings/settings";
import { FLAG_NOTES } from "../../../src/domain/classification/classify";

const S = DEFAULT_SETTINGS;
/** The message of a row that could not be classified. */
const message = (o: RowOutcome) => (o.ok === false ? o.problem.message : "");

describe("header mapping", () => {
  test("360Giving headers map without help, duration in months as the term", () => {
    const headers = [
      "Identifier",
      "Title",
      "Currency",
      "Amount Awarded",
      "Award Date",
      "Recipient Org:Identifier",
      "Recipient Org:Name",
      "Funding Org:Identifier",
      "Funding Org:Name",
      "Grant Programme:Title",
      "Planned Dates:Duration (months)",
    ];
    // Amount Awarded is the whole award: the value per year is worked out from it and the term
    expect(detectMapping(headers)).toEqual({
      identifier: 0,
      title: 1,
      currency: 2,
      amount: 3,
      awardDate: 4,
      recipientId: 5,
      organisation: 6,
      funder: 8,
      programme: 9,
      termMonths: 10,
    });
  });
  test("case- and space-insensitive, with synonyms", () => {
    const headers = [
      "ORGANISATION",
      "  Annual  value ",
      "outputs_specified",
      "Tier",
      "Type",
      "Tendered",
      "PQASSO",
      "Term (Years)",
      "Directorate",
    ];
    expect(detectMapping(headers)).toEqual({
      organisation: 0,
      annualValue: 1,
      outputsSpecified: 2,
      recipientTier: 3,
      currentLabel: 4,
      competitivelySelected: 5,
      accredited: 6,
      termYears: 7,
      department: 8,
    });
    expect(normaliseHeader(" Amount  Awarded ")).toBe("amountawarded");
  });
  test("a better synonym wins over a weaker one and each column is used once", () => {
    // "Annual value" outranks "Amount"; "Amount" is left for nothing.
    const m = detectMapping(["Amount", "Annual value"]);
    expect(m.annualValue).toBe(1);
    expect(Object.values(m)).not.toContain(0);
  });
  test("the workflow's own result columns are recognised and never mapped", () => {
    const headers = ["Organisation", "Value", "Type", ...OUTPUT_HEADERS];
    expect(findResultBlock(headers)).toBe(3);
    const m = detectMapping(headers, new Set(OUTPUT_HEADERS.map((_, i) => i + 3)));
    expect(m).toEqual({ organisation: 0, annualValue: 1, currentLabel: 2 });
    // a lone "Funding type" or "Notes" of the user's is not mistaken for the block
    expect(findResultBlock(["Funding type", "Notes", "Mode"])).toBeNull();
  });
  test("a saved mapping by header text survives columns moving; the rest is detected", () => {
    const first = ["Payee", "Cost", "Type"];
    const saved = mappingToSaved(first, { organisation: 0, annualValue: 1, currentLabel: 2 });
    expect(saved).toMatchObject({
      organisation: "Payee",
      annualValue: "Cost",
      currentLabel: "Type",
      department: null,
    });
    const moved = ["Type", "Directorate", "Cost", "Payee", "Tendered"];
    // Directorate was not there when saved: detected now; Tendered likewise
    const { department: _d, competitivelySelected: _c, ...rest } = saved;
    void _d;
    void _c;
    expect(mappingFromSaved(moved, rest)).toEqual({
      currentLabel: 0,
      department: 1,
      annualValue: 2,
      organisation: 3,
      competitivelySelected: 4,
    });
    // a field the user set to "not in the register" stays unmapped for the columns they saw then...
    const withDept = ["Payee", "Cost", "Type", "Directorate"];
    const savedNone = mappingToSaved(withDept, {
      organisation: 0,
      annualValue: 1,
      currentLabel: 2,
    });
    expect(mappingFromSaved(withDept, savedNone, new Set(), withDept)).toEqual({
      organisation: 0,
      annualValue: 1,
      currentLabel: 2,
    });
    // ...but a column added since is detected
    const grown = [...withDept, "Tendered"];
    expect(mappingFromSaved(grown, savedNone, new Set(), withDept)).toEqual({
      organisation: 0,
      annualValue: 1,
      currentLabel: 2,
      competitivelySelected: 4,
    });
  });
  test("mapping problems are said plainly", () => {
    expect(mappingProblems({}, false)).toEqual([
      {
        field: "Annual value (£)",
        message:
          "Choose the column that holds the annual value (£ per year), or the amount awarded to work it out from.",
      },
      {
        field: "Outputs specified (yes/no)",
        message:
          "Choose the column that says whether outputs are specified, or a label column to infer it from.",
      },
    ]);
    expect(mappingProblems({ annualValue: 0, currentLabel: 1 }, true)).toEqual([]);
    expect(mappingProblems({ annualValue: 0 }, true)).toEqual([
      {
        field: "Current label (grant, SLA, contract)",
        message:
          "To infer outputs from the label, choose the column that holds the label (grant, SLA, contract).",
      },
    ]);
    const same = mappingProblems({ annualValue: 0, outputsSpecified: 0 }, false)[0];
    expect(same.message).toMatch(/use the same column/);
    expect(same.field).toBe("Outputs specified (yes/no)");
  });
});

describe("outputs inferred from the label", () => {
  test.each([
    ["Contract", true],
    ["SLA", true],
    ["Service level agreement", true],
    ["Grant", false],
    ["small grants", false],
    ["Grant / SLA", null],
    ["Donation", null],
    ["", null],
  ])("%p -> %p", (label, want) => expect(inferOutputsFromLabel(label)).toBe(want));

  test("inferred rows are noted; undecided rows are listed with the reason", () => {
    const headers = ["Organisation", "Value", "Type"];
    const m = detectMapping(headers);
    const a = classifyRegisterRow(["A", 60000, "contract"], 2, m, headers, true, S);
    expect(a.ok).toBe(true);
    expect(outputCells(a)[1]).toBe("Commissioned service");
    expect(outputCells(a)[8]).toBe("Outputs inferred from label.");
    const b = classifyRegisterRow(["B", 6000, "Donation"], 3, m, headers, true, S);
    // the problem names the field as the user sees it (no outputs column: the task pane's label)
    expect(b).toMatchObject({
      ok: false,
      row: 3,
      problem: { field: "Outputs specified (yes/no)", row: 3 },
    });
    expect(message(b)).toMatch(/"Donation" says neither contract\/SLA nor grant/);
    // without inference, the missing answer is said in words, naming the field as the pane does
    const c = classifyRegisterRow(["C", 6000, "grant"], 4, m, headers, false, S);
    expect(message(c)).toBe(
      "Whether the funder specifies the outputs is not known: enter yes or no in Outputs specified (yes/no)."
    );
  });
});

describe("register rows", () => {
  const headers = [
    "Organisation",
    "Amount Awarded",
    "Outputs",
    "Tier",
    "Planned Dates:Duration (months)",
  ];
  const m = detectMapping(headers);
  test("duration in months becomes years for the term flags", () => {
    const short = classifyRegisterRow(["X", 60000, "yes", "", 24], 2, m, headers, false, S);
    expect(outputCells(short)[7]).toBe("short-term");
    const ok3 = classifyRegisterRow(["X", 60000, "yes", "", 36], 2, m, headers, false, S);
    expect(outputCells(ok3)[7]).toBe("");
    const bad = classifyRegisterRow(["X", 60000, "yes", "", "two years"], 9, m, headers, false, S);
    expect(bad).toMatchObject({
      ok: false,
      row: 9,
      problem: { field: "Planned Dates:Duration (months)", row: 9 },
    });
    expect(message(bad)).toBe(
      'Planned Dates:Duration (months) is "two years": enter a number of months, e.g. 12'
    );
  });
  test("a bad cell names the user's column; the notes cell says why", () => {
    const bad = classifyRegisterRow(["X", "lots", "yes", ""], 7, m, headers, false, S);
    expect(bad).toMatchObject({ ok: false, problem: { field: "Amount Awarded", row: 7 } });
    expect(message(bad)).toBe(
      'Amount Awarded is "lots": enter an amount in pounds, e.g. 12000 or £12,000.50'
    );
    const cells = outputCells(bad);
    expect(cells.slice(0, 8)).toEqual(["", "", "", "", "", "", "", ""]);
    expect(cells[8]).toMatch(/^Not classified: Amount Awarded is "lots"/);
  });
  test("blank rows are skipped, not errors", () => {
    expect(classifyRegisterRow(["", "", null, "", ""], 5, m, headers, false, S)).toEqual({
      ok: "blank",
      row: 5,
    });
  });
  test("notes carry a sentence per flag", () => {
    const r = classifyRegisterRow(["X", 5000, "no", "", 12], 2, m, headers, false, S);
    expect(outputCells(r)[8]).toBe(
      `Value per year: Amount Awarded as awarded (12 months, a year or less), from the duration. ${FLAG_NOTES["at-threshold"]}`
    );
  });
});

describe("summary", () => {
  const headers = ["Authority", "Department", "Type", "Amount"];
  const m = { ...detectMapping(headers), outputsSpecified: undefined };
  // Cheshire East 2008/09 (004:118-145): a row per authority and type
  const rows: [string, string, string, number][] = [
    ["Cheshire County Council", "Council", "Contract", 1775486.44],
    ["Cheshire County Council", "Council", "Grant", 465803.5],
    ["Congleton BC", "Council", "Grant", 261860.0],
    ["Crewe & Nantwich BC", "Council", "Contract", 214257.0],
    ["Crewe & Nantwich BC", "Council", "Grant", 76210.0],
    ["Macclesfield BC", "Council", "Contract", 75150.0],
    ["Macclesfield BC", "Council", "Grant", 234720.0],
    ["Central & Eastern Cheshire PCT", "Health", "Contract", 331360.7],
    ["Central & Eastern Cheshire PCT", "Health", "Grant", 765320.28],
  ];
  const outcomes: RowOutcome[] = rows.map((r, i) =>
    classifyRegisterRow(
      r,
      i + 2,
      { annualValue: 3, currentLabel: 2, funder: 0, department: 1 },
      headers,
      true,
      S
    )
  );
  test("totals reproduce the source to the penny", () => {
    void m;
    const byAuthority = summarise(
      outcomes,
      rows.map((r) => r[0])
    );
    const get = (name: string) => byAuthority.groups.find((g) => g.label === name)!;
    expect(get("Cheshire County Council").total.pence).toBe(224128994);
    expect(get("Cheshire County Council").byMode.Shopping.pence).toBe(177548644);
    expect(get("Congleton BC").byMode.Shopping.pence).toBe(0);
    expect(get("Crewe & Nantwich BC").total.pence).toBe(29046700);
    expect(get("Macclesfield BC").total.pence).toBe(30987000);
    expect(get("Central & Eastern Cheshire PCT").total.pence).toBe(109668098);
    const byDept = summarise(
      outcomes,
      rows.map((r) => r[1])
    );
    const council = byDept.groups.find((g) => g.label === "Council")!;
    expect(council.byMode.Shopping.pence).toBe(206489344); // contracts £2,064,893.44
    expect(
      council.byMode.Shopping.pence + council.byMode.Investing.pence + council.byMode.Giving.pence
    ).toBe(310348694);
    expect(council.total.pence).toBe(310348694); // £3,103,486.94
    expect(byDept.inferred).toBe(9);
  });
  test("mode shares are shares of value and add to 1", () => {
    const s = summarise(outcomes);
    const sh = modeShares(s);
    expect(sh.Shopping).toBeCloseTo(239625414 / 420016792, 12);
    expect(sh.Shopping + sh.Investing + sh.Giving).toBeCloseTo(1, 12);
  });
  test("grouping follows Excel's matching: case-insensitive; blank is its own group, listed last", () => {
    const s = summarise(outcomes.slice(0, 3), ["adults", "", "Adults"]);
    expect(s.groups.map((g) => [g.label, g.total.count])).toEqual([
      ["adults", 2],
      ["(blank)", 1],
    ]);
  });
  test("unclassified rows are listed with row numbers and reasons; blank rows counted apart", () => {
    const bad = classifyRegisterRow(
      ["X", "Council", "Grant", "n/a"],
      12,
      { annualValue: 3, currentLabel: 2 },
      headers,
      true,
      S
    );
    const s = summarise([...outcomes, bad, { ok: "blank", row: 13 }]);
    expect(s.unclassified).toEqual([
      {
        row: 12,
        field: "Amount",
        message: 'Amount is "n/a": enter an amount in pounds, e.g. 12000 or £12,000.50',
      },
    ]);
    expect(s.blankRows).toBe(1);
    expect(s.classified).toBe(9);
  });
});

describe("the saved mapping", () => {
  test("reads back what was saved; a register's entry that does not read is dropped alone", () => {
    const columns = mappingToSaved(["Payee", "Cost"], { organisation: 0, annualValue: 1 });
    const store = {
      "sheet:Register": {
        columns,
        headers: ["Payee", "Cost"],
        inferOutputs: true,
        groupBy: "department",
      },
      "table:Old": { columns: "not an object" },
      "sheet:Newer": { columns: { annualValue: "Cost", someFutureField: "X" }, groupBy: null },
    };
    const parsed = SavedMappingsSchema.parse(store);
    expect(parsed["sheet:Register"]).toEqual(store["sheet:Register"]);
    expect(parsed["table:Old"]).toBeUndefined();
    expect(parsed["sheet:Newer"]).toEqual({ columns: { annualValue: "Cost" }, groupBy: null });
    expect(SavedMappingsSchema.safeParse("not a record").success).toBe(false);
  });
});
