/**
 * The custom functions as they ship. A function listed in functions.json but never associated in
 * functions.js shows #NAME? or #N/A in a real workbook; this catches that before a user does.
 */
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import { DIST, ROOT, ensureBuilt } from "../support/build";

const customFunctionFiles: (
  root?: string
) => string[] = require("../../scripts/custom-function-files");

const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
const {
  ERRORS_FLAG,
  allowErrorsIn,
  allowErrorsInJson,
}: {
  ERRORS_FLAG: string;
  allowErrorsIn: (m: Metadata) => { metadata: Metadata; problems: string[] };
  allowErrorsInJson: (json: string) => { json: string; problems: string[] };
} = require("../../scripts/functions-metadata");

type Parameter = {
  name: string;
  optional?: boolean;
  type?: string;
  dimensionality?: string;
  [key: string]: unknown;
};
type Metadata = {
  functions: { id: string; name: string; parameters: Parameter[]; [key: string]: unknown }[];
  [key: string]: unknown;
};

/**
 * Every parameter of every FUNDING function, as name:dimensionality. Each one is typed any, so
 * with allowErrorForDataTypeAny Excel passes it error cells and the function makes them that row's
 * error (src/functions/args.ts): this is the list of parameters meant to receive errors.
 */
const RECEIVES_ERRORS: Record<string, string[]> = {
  CLASSIFY: [
    "annualValue:matrix",
    "outputsSpecified:matrix",
    "recipientTier:matrix",
    "currentLabel:matrix",
    "competitivelySelected:matrix",
    "accredited:matrix",
    "termYears:matrix",
  ],
  SPLIT: ["fullCost:matrix", "basis:matrix"],
  MATCH: ["award:matrix", "basis:matrix"],
  FULLCOST: ["directCosts:matrix", "pools:matrix", "drivers:matrix", "project:scalar"],
  APPORTION: ["pools:matrix", "drivers:matrix"],
  PRICEGAP: ["price:matrix", "fullCost:matrix"],
  WEIGHTEDSCORE: ["scores:matrix", "weights:matrix", "maxScore:scalar"],
  PRICESCORE: ["price:matrix", "allPrices:matrix", "maxPoints:scalar", "method:scalar"],
  CONSENSUS: ["scores:matrix", "spreadLimit:scalar"],
  MTDC: ["amounts:matrix", "categories:matrix"],
};

describe("allowErrorForDataTypeAny (scripts/functions-metadata.js, run by the build)", () => {
  const generated: Metadata = {
    allowCustomDataForDataTypeAny: true,
    functions: [
      {
        id: "F",
        name: "F",
        parameters: [
          { name: "a", type: "any", dimensionality: "matrix" },
          { name: "b", type: "any" },
        ],
        result: { dimensionality: "matrix" },
      },
    ],
  };

  test("sets the flag once, at the top level beside allowCustomDataForDataTypeAny, and changes nothing else", () => {
    const { metadata, problems } = allowErrorsIn(generated);
    expect(problems).toEqual([]);
    expect(Object.keys(metadata)).toEqual([
      "allowCustomDataForDataTypeAny",
      ERRORS_FLAG,
      "functions",
    ]);
    expect(metadata[ERRORS_FLAG]).toBe(true);
    expect(metadata.functions).toEqual(generated.functions);
    expect(generated).not.toHaveProperty(ERRORS_FLAG);
    // Run twice, the same.
    expect(allowErrorsIn(metadata).metadata).toEqual(metadata);
  });

  test("reports a parameter not typed any: Excel would not pass it an error value", () => {
    const typed: Metadata = {
      functions: [{ id: "G", name: "G", parameters: [{ name: "n", type: "number" }] }],
    };
    const { metadata, problems } = allowErrorsIn(typed);
    expect(metadata[ERRORS_FLAG]).toBe(true);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/G: parameter n is typed number/);
  });

  test("keeps the generator's layout (four spaces)", () => {
    const { json } = allowErrorsInJson(JSON.stringify(generated, null, 4));
    expect(json).toBe(JSON.stringify(allowErrorsIn(generated).metadata, null, 4));
    expect(json).toMatch(
      /^\{\n {4}"allowCustomDataForDataTypeAny": true,\n {4}"allowErrorForDataTypeAny": true,/
    );
  });
});

describe("custom functions metadata", () => {
  test("generation over src/functions reports no errors", async () => {
    const files = customFunctionFiles(ROOT);
    expect(files.length).toBeGreaterThan(0);
    const result = await generateCustomFunctionsMetadata(files, true);
    expect(result.errors).toEqual([]);
    const meta = JSON.parse(result.metadataJson) as Metadata;
    for (const f of meta.functions) {
      expect(f.id).toMatch(/^[A-Z][A-Z0-9.]*$/);
      expect(f.name).toBe(f.id);
    }
  });

  test("generation reports an error for a signature Excel cannot use (the check can fail)", async () => {
    const tmp = path.join(ROOT, "test", "build", "__bad_function.tmp.ts");
    fs.writeFileSync(
      tmp,
      `type Money = number;\n/**\n * Bad.\n * @customfunction BAD\n * @param x value\n */\nexport function bad(x: Money): Money { return x; }\n`
    );
    const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const quietLog = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      const result = await generateCustomFunctionsMetadata([tmp], true);
      expect(result.errors.length).toBeGreaterThan(0);
    } finally {
      quiet.mockRestore();
      quietLog.mockRestore();
      fs.unlinkSync(tmp);
    }
  });
});

describe("built dist/functions.js", () => {
  beforeAll(() => ensureBuilt(), 600000);

  test("registers every id listed in the built functions.json, and nothing else", () => {
    const meta = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as Metadata;
    const code = fs.readFileSync(path.join(DIST, "functions.js"), "utf8");
    const associated = new Map<string, unknown>();
    const sandbox: Record<string, unknown> = {
      CustomFunctions: {
        associate: (id: string, fn: unknown) => associated.set(id, fn),
        Error: class {
          constructor(
            public code: string,
            public message?: string
          ) {}
        },
        ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
      },
      console,
    };
    sandbox.window = sandbox;
    sandbox.self = sandbox;
    sandbox.globalThis = sandbox;
    vm.runInNewContext(code, sandbox, { filename: "functions.js" });
    const ids = meta.functions.map((f) => f.id).sort();
    expect(ids.length).toBeGreaterThan(0);
    expect([...associated.keys()].sort()).toEqual(ids);
    for (const fn of associated.values()) expect(typeof fn).toBe("function");
  });

  test("functions.json lets error values in: the flag at the top level only, every parameter typed any", () => {
    const meta = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as Metadata;
    expect(meta[ERRORS_FLAG]).toBe(true);
    const receiving: Record<string, string[]> = {};
    for (const f of meta.functions) {
      expect(f).not.toHaveProperty(ERRORS_FLAG);
      for (const p of f.parameters) {
        expect(p).not.toHaveProperty(ERRORS_FLAG);
        // "All parameters with the type any or any[][] can accept errors as input values".
        if ((p.type ?? "any") === "any")
          (receiving[f.id] ??= []).push(`${p.name}:${p.dimensionality ?? "scalar"}`);
      }
    }
    expect(receiving).toEqual(RECEIVES_ERRORS);
  });

  test("functions.json is what the JSDoc generates, with the flag set (the build is in step)", async () => {
    const built = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8"));
    const result = await generateCustomFunctionsMetadata(customFunctionFiles(ROOT), true);
    expect(result.errors).toEqual([]);
    const { metadata, problems } = allowErrorsIn(JSON.parse(result.metadataJson));
    expect(problems).toEqual([]);
    expect(built).toEqual(metadata);
  });

  test("functions.js is one self-contained script (no chunk loading); the task pane's lazy chunks sit in lazy/", () => {
    const code = fs.readFileSync(path.join(DIST, "functions.js"), "utf8");
    expect(code).not.toMatch(/importScripts|__webpack_require__\.e\(|webpackChunk/);
    const others = fs
      .readdirSync(DIST)
      .filter((f) => /\.js$/.test(f) && !["functions.js", "taskpane.js"].includes(f));
    expect(others).toEqual([]);
  });

  test("dist/ holds the add-in alone: no preview, no workbook double, no HyperFormula, no sample data", () => {
    const files = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]
        );
    const shipped = files(DIST).map((f) => path.relative(DIST, f));
    expect(shipped.filter((f) => /preview|samples/i.test(f))).toEqual([]);
    const carrying = shipped.filter(
      (f) =>
        /\.(js|html|json)$/.test(f) &&
        /hyperformula|MemoryWorkbook|installExcelGlobals/i.test(
          fs.readFileSync(path.join(DIST, f), "utf8")
        )
    );
    expect(carrying).toEqual([]);
  });

  test("dist has the production manifest, taskpane.html, functions.js and functions.json", () => {
    for (const f of ["manifest.xml", "taskpane.html", "functions.js", "functions.json"]) {
      expect(fs.existsSync(path.join(DIST, f))).toBe(true);
    }
    const html = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
    expect(html).toContain("appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(html.indexOf("functions.js")).toBeGreaterThan(-1);
    expect(html.indexOf("taskpane.js")).toBeGreaterThan(-1);
  });
});
