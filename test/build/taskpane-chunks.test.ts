/**
 * The task pane's start-up script holds only what the first view needs: Cost recovery, Evaluation
 * and Settings are loaded when their tab is first chosen (src/taskpane/App.tsx), from chunks in
 * lazy/ beside taskpane.js. This keeps dist/taskpane.js within its 250 KB gzipped budget
 * (test/browser/budgets.test.ts) and says where the views went if the budget is broken again.
 */
import * as fs from "fs";
import * as path from "path";
import { DIST, ensureBuilt } from "../support/build";

type WebpackConfig = { output: { publicPath?: unknown; chunkFilename?: string } };
const makeConfig: (
  env: Record<string, unknown>,
  options: { mode: string }
) => Promise<WebpackConfig> = require("../../webpack.config.js");

/** Text each view shows, which its chunk (and only its chunk) carries. */
const VIEW_TEXT: Record<string, string> = {
  "Cost recovery": "Full cost recovery",
  Evaluation: "Evaluation panel",
  Settings: "Framework settings",
};

describe("the task pane's lazy views (production build)", () => {
  beforeAll(() => ensureBuilt("addin"), 15 * 60 * 1000);

  const lazyChunks = () =>
    fs
      .readdirSync(path.join(DIST, "lazy"))
      .filter((f) => f.endsWith(".js"))
      .map((f) => ({ file: f, text: fs.readFileSync(path.join(DIST, "lazy", f), "utf8") }));

  test("the register is in taskpane.js; the other views are not, each is in a chunk in lazy/", () => {
    const start = fs.readFileSync(path.join(DIST, "taskpane.js"), "utf8");
    expect(start).toContain("Open a register file");
    const chunks = lazyChunks();
    for (const [view, text] of Object.entries(VIEW_TEXT)) {
      expect({ view, inStartScript: start.includes(text) }).toEqual({
        view,
        inStartScript: false,
      });
      expect({ view, inALazyChunk: chunks.some((c) => c.text.includes(text)) }).toEqual({
        view,
        inALazyChunk: true,
      });
    }
  });

  test("taskpane.js finds its chunks beside itself: automatic publicPath from its own script address", () => {
    const start = fs.readFileSync(path.join(DIST, "taskpane.js"), "utf8");
    // webpack's "auto" publicPath: the folder of document.currentScript.src, so Office loads
    // lazy/<chunk>.js from wherever taskpane.html and taskpane.js are deployed.
    expect(start).toMatch(/currentScript/);
    expect(start).toContain('"lazy/"');
    const html = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
    // A relative, classic script (not a module, whose document.currentScript is null).
    expect(html).toMatch(/<script src=["']?taskpane\.js["'>\s]/);
    expect(html).not.toMatch(/<script[^>]*type=["']?module[^>]*taskpane\.js/);
  });
});

describe("webpack's output settings", () => {
  test("no fixed publicPath, and chunks go to lazy/ with a content hash (a new build is never a stale cached chunk)", async () => {
    const { output } = await makeConfig({}, { mode: "production" });
    expect(output.publicPath === undefined || output.publicPath === "auto").toBe(true);
    expect(output.chunkFilename).toBe("lazy/[name].[contenthash:8].js");
  });
});
