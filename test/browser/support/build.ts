/**
 * A production build of dist/ for the browser and budget tests, made once and reused while it
 * is newer than every source it comes from. Several jest workers may ask at once: a lock
 * directory makes one build and the others wait for it.
 */
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";

export const ROOT = path.resolve(__dirname, "../../..");
/**
 * BROWSER_TEST_DIST=<dir> points the browser tests at an existing build (e.g. a development
 * build made elsewhere) and skips building; the budget tests always use ROOT/dist.
 */
export const DIST = path.join(ROOT, "dist");
export const BROWSER_DIST = process.env.BROWSER_TEST_DIST
  ? path.resolve(process.env.BROWSER_TEST_DIST)
  : DIST;
const STAMP = path.join(DIST, ".production-build");
// The same lock as test/support/build.ts, so the foundation's build and this one never run at
// once (webpack cleans dist/ before writing).
const LOCK = path.join(ROOT, ".build.lock");
const SOURCES = [
  "src",
  "test/double",
  "assets",
  "webpack.config.js",
  "manifest.xml",
  "package.json",
  "tsconfig.json",
];

function newestMtime(p: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p))
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function mtime(p: string): number {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

/** Is dist/ a production build at least as new as its sources? */
export function buildIsFresh(): boolean {
  const needed = [
    "preview.html",
    "taskpane.html",
    "taskpane.js",
    "functions.js",
    "functions.json",
    "preview.js",
  ];
  if (!needed.every((f) => fs.existsSync(path.join(DIST, f)))) return false;
  // A development build leaves source maps; the budgets are about the production bundles.
  if (fs.existsSync(path.join(DIST, "taskpane.js.map"))) return false;
  // webpack leaves files whose content did not change untouched (HTML, copied assets), so judge
  // by the bundles it always writes, or by the stamp this helper leaves after its own build.
  const built = Math.max(
    mtime(STAMP),
    Math.min(...["taskpane.js", "functions.js", "preview.js"].map((f) => mtime(path.join(DIST, f))))
  );
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  return built >= sources;
}

function sleep(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Make sure dist/ holds a fresh production build; build it (about a minute) when it does not. */
export function ensureProductionBuild(options: { forBudgets?: boolean } = {}): void {
  if (!options.forBudgets && BROWSER_DIST !== DIST) return;
  if (buildIsFresh()) return;
  const deadline = Date.now() + 10 * 60 * 1000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      // Another worker is building; a lock older than 10 minutes is left over from a crash.
      if (Date.now() - mtime(LOCK) > 10 * 60 * 1000)
        fs.rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline)
        throw new Error("Timed out waiting for another test worker's webpack build.");
      sleep(1000);
      if (buildIsFresh()) return;
    }
  }
  try {
    if (buildIsFresh()) return;
    const webpack = require.resolve("webpack/bin/webpack.js", { paths: [ROOT] });
    try {
      execFileSync(process.execPath, [webpack, "--mode", "production"], {
        cwd: ROOT,
        stdio: "pipe",
        env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=4096" },
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (e) {
      const err = e as { stdout?: Buffer; stderr?: Buffer; message: string };
      throw new Error(
        `The production build for the browser tests failed:\n${err.stdout?.toString().slice(-4000) ?? ""}\n${err.stderr?.toString().slice(-4000) ?? ""}`
      );
    }
    fs.writeFileSync(STAMP, new Date().toISOString());
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
