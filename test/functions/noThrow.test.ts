/**
 * Every FUNDING function reports errors the same way (issue 10, point 5): it RETURNS them, as error
 * values in its result (#VALUE! or #N/A with a message), and never throws, whatever the cells
 * hold. A function that threw would show #VALUE! with no message at all, or, in a spilled
 * result, lose the rows that did compute.
 *
 * The functions are found the way the build finds them: every `@customfunction` in src/functions,
 * with the exported function that follows it, so a function added later is covered too.
 */
import fs from "fs";
import path from "path";
import fc from "fast-check";
import { applySettings } from "../../src/domain/settings/runtimeSettings";
import { DEFAULT_SETTINGS } from "../../src/domain/settings/settings";

type Fn = (...args: unknown[]) => unknown;
const FOLDER = path.join(__dirname, "../../src/functions");

/** [FUNDING id, file, exported name] for every @customfunction in src/functions. */
function customFunctions(): [string, string, string][] {
  const found: [string, string, string][] = [];
  for (const file of fs.readdirSync(FOLDER).filter((f) => f.endsWith(".ts"))) {
    const text = fs.readFileSync(path.join(FOLDER, file), "utf8");
    const re = /@customfunction\s+(\S+)[\s\S]*?export function (\w+)\s*\(/g;
    for (let m = re.exec(text); m; m = re.exec(text)) found.push([m[1], file, m[2]]);
  }
  return found;
}

const FUNCTIONS: [string, Fn][] = customFunctions().map(([id, file, name]) => {
  const mod = require(path.join(FOLDER, file)) as Record<string, Fn>;
  return [id, mod[name]];
});

const cfError = (code: string) => new CustomFunctions.Error(code as CustomFunctions.ErrorCode);

/** Bad inputs of each kind a cell or a range can hold, and a few good ones between them. */
const badCell = fc.oneof(
  // error values, as the runtime passes them and as data types error objects
  fc.constantFrom<unknown>(
    cfError("#N/A"),
    cfError("#DIV/0!"),
    cfError("#REF!"),
    { type: "Error", basicType: "Error", basicValue: "#VALUE!", errorType: "Value" },
    { type: "Error", basicValue: "#N/A" }
  ),
  // data types and other objects
  fc.constantFrom<unknown>({ type: "Entity", text: "Acme" }, { type: "WebImage" }, {}, [], [[]]),
  // numbers Excel cannot hold, or at the edges of what it can
  fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -0, 9e307, -9e307, 5e-324, 1e300, -1),
  fc.double(),
  fc.integer({ min: -1e15, max: 1e15 }),
  // text, booleans, blanks
  fc.constantFrom<unknown>("", " ", "tbc", "£", "£-5", "1e999", "0x10", "#N/A", "yes", "80/20"),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.constantFrom<unknown>(null, undefined, 0),
  // good values
  fc.constantFrom<unknown>(100, 5000, "£12,000.50", "no", "frontline", "full", 3, 0.5, "lowest")
);

/** An argument: omitted, one cell, a row, a column, a grid, a jagged or empty array, anything. */
const badArgument = fc.oneof(
  badCell,
  fc.array(badCell, { maxLength: 4 }), // a list (1-D, as a test or a caller may pass)
  fc.array(fc.array(badCell, { minLength: 1, maxLength: 1 }), { maxLength: 6 }), // a column
  fc.array(fc.array(badCell, { minLength: 3, maxLength: 3 }), { maxLength: 4 }), // a grid
  fc.array(fc.array(badCell, { maxLength: 4 }), { maxLength: 4 }), // jagged rows
  fc.constantFrom<unknown>([], [[]], [[], []], [[[1]]]),
  fc.anything()
);

/** A cell Excel can show: a finite number, text, TRUE/FALSE or an error value. */
const showable = (v: unknown) =>
  v instanceof CustomFunctions.Error ||
  typeof v === "string" ||
  typeof v === "boolean" ||
  (typeof v === "number" && Number.isFinite(v));

afterEach(() => applySettings(DEFAULT_SETTINGS));

test("every @customfunction in src/functions is found (nine or more)", () => {
  expect(FUNCTIONS.length).toBeGreaterThanOrEqual(9);
  for (const [id, fn] of FUNCTIONS) expect([id, typeof fn]).toEqual([id, "function"]);
  expect(FUNCTIONS.map(([id]) => id)).toEqual(
    expect.arrayContaining(["CLASSIFY", "SPLIT", "MATCH", "FULLCOST", "APPORTION", "PRICEGAP"])
  );
});

describe.each(FUNCTIONS)("=FUNDING.%s with bad inputs of every kind", (_, fn) => {
  test("never throws; returns rows of cells Excel can show (errors returned as error values)", () => {
    applySettings(DEFAULT_SETTINGS);
    fc.assert(
      fc.property(fc.array(badArgument, { minLength: 0, maxLength: fn.length }), (args) => {
        let out: unknown;
        expect(() => {
          out = fn(...args);
        }).not.toThrow();
        expect(Array.isArray(out)).toBe(true);
        const rows = out as unknown[];
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) {
          expect(Array.isArray(row)).toBe(true);
          expect((row as unknown[]).length).toBeGreaterThan(0);
          for (const v of row as unknown[]) if (!showable(v)) expect(v).toBe("a showable cell");
        }
      }),
      { numRuns: 1500 }
    );
  });

  test("an error value in any argument is returned as #VALUE! or #N/A with a message", () => {
    for (let k = 0; k < fn.length; k++) {
      for (const bad of [cfError("#REF!"), [[cfError("#N/A")]]]) {
        const args: unknown[] = new Array(fn.length).fill(null);
        args[k] = bad;
        const out = fn(...args) as unknown[][];
        const errors = out.flat().filter((v) => v instanceof CustomFunctions.Error);
        expect(errors.length).toBeGreaterThan(0);
        for (const e of errors as { code: string; message: string }[]) {
          expect(["#VALUE!", "#N/A"]).toContain(e.code);
          expect(e.message.length).toBeGreaterThan(0);
        }
      }
    }
  });
});
