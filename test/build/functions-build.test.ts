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

type Metadata = {
  functions: { id: string; name: string; parameters: { name: string; optional?: boolean }[] }[];
};

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

  test("functions.js is one self-contained script (no chunk loading)", () => {
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
