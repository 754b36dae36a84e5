/**
 * Bundle budgets, on a production build (KB = 1,000 bytes):
 * - the task pane's JavaScript loaded at start, gzipped, at most 250 KB: every local script
 *   taskpane.html loads except functions.js, which has its own budget of 60 KB gzipped (the
 *   page loads both: shared runtime). The sum of both is reported in test-results/bundle-sizes.json. The workbook double and
 * its calculation engine (HyperFormula) are for tests and the preview only and must never reach
 * the add-in's own bundles.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { DIST, ensureBuilt, PREVIEW_DIST } from "../support/build";

const TASKPANE_BUDGET = 250 * 1000;
const FUNCTIONS_BUDGET = 60 * 1000;

function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file)).length;
}

/** Local scripts a page loads at start: <script src> tags that are not on another host. */
function startScripts(html: string): string[] {
  // Minified HTML may leave attribute values unquoted (src=taskpane.js).
  const srcs = [...html.matchAll(/<script\b[^>]*\bsrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/gi)].map(
    (m) => m[1] ?? m[2] ?? m[3]
  );
  return srcs
    .filter((s) => !/^(https?:)?\/\//i.test(s))
    .map((s) => s.replace(/^\.?\//, "").split("?")[0]);
}

describe("bundle budgets (production build)", () => {
  beforeAll(
    () => {
      ensureBuilt("addin");
      ensureBuilt("preview");
    },
    15 * 60 * 1000
  );

  test("the task pane's JavaScript loaded at start is at most 250 KB gzipped", () => {
    const html = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
    const pageScripts = startScripts(html);
    expect(pageScripts).toEqual(expect.arrayContaining(["taskpane.js", "functions.js"]));
    const scripts = pageScripts.filter((s) => s !== "functions.js");
    const sizes = Object.fromEntries(scripts.map((s) => [s, gzipSize(path.join(DIST, s))]));
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    const functions = gzipSize(path.join(DIST, "functions.js"));
    fs.mkdirSync(path.resolve(DIST, "../test-results"), { recursive: true });
    fs.writeFileSync(
      path.resolve(DIST, "../test-results/bundle-sizes.json"),
      JSON.stringify(
        {
          gzipBytes: { ...sizes, "functions.js": functions },
          taskpaneStart: total,
          wholePageAtStart: total + functions,
        },
        null,
        2
      )
    );
    expect({ total, sizes, withinBudget: total <= TASKPANE_BUDGET }).toEqual({
      total,
      sizes,
      withinBudget: true,
    });
  });

  test("functions.js is at most 60 KB gzipped", () => {
    const size = gzipSize(path.join(DIST, "functions.js"));
    expect({ size, withinBudget: size <= FUNCTIONS_BUDGET }).toEqual({ size, withinBudget: true });
  });

  test("the add-in's bundles carry no test double and no HyperFormula", () => {
    for (const file of ["taskpane.js", "functions.js"]) {
      const text = fs.readFileSync(path.join(DIST, file), "utf8");
      expect({
        file,
        hyperformula: /hyperformula/i.test(text),
        double: /MemoryWorkbook/.test(text),
      }).toEqual({
        file,
        hyperformula: false,
        double: false,
      });
    }
  });

  test("the task pane page loads Office.js from Microsoft's CDN; the preview page loads nothing from outside", () => {
    const taskpane = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
    expect(startScripts(taskpane)).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/office\.js$/)])
    );
    expect(taskpane).toMatch(
      /<script[^>]+src=["']?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/
    );
    const preview = fs.readFileSync(path.join(PREVIEW_DIST, "preview.html"), "utf8");
    expect(preview).not.toMatch(/<script[^>]+src=["']?(https?:)?\/\//i);
    expect(startScripts(preview)).toEqual(["functions.js", "preview.js"]);
  });
});
