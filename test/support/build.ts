/**
 * Tests that read a build make it first when it is missing or older than its sources, so
 * `npm test` on a fresh clone checks what would ship, never a stale build.
 *
 * Two targets:
 * - "addin": `npm run build` (webpack --mode production) into dist/, the add-in alone;
 * - "preview": the same production bundles plus the browser preview (dev/preview and the
 *   workbook double) into dist-preview/, for the browser tests only (`--env preview`).
 *
 * Jest runs test files in parallel workers: a lock folder makes one of them build at a time
 * (webpack cleans its output folder before writing).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "../..");
export const DIST = path.join(ROOT, "dist");
/**
 * BROWSER_TEST_DIST=<dir> points the browser tests at an existing preview build (e.g. a
 * development build made elsewhere) and skips building it.
 */
export const PREVIEW_DIST = process.env.BROWSER_TEST_DIST
  ? path.resolve(process.env.BROWSER_TEST_DIST)
  : path.join(ROOT, "dist-preview");

export type BuildTarget = "addin" | "preview";

const TARGETS: Record<
  BuildTarget,
  { dir: string; sources: string[]; bundles: string[]; args: string[] }
> = {
  addin: {
    dir: DIST,
    sources: [
      "src",
      "scripts",
      "assets",
      "webpack.config.js",
      "manifest.xml",
      "package.json",
      "tsconfig.json",
    ],
    bundles: ["taskpane.js", "functions.js"],
    args: [],
  },
  preview: {
    dir: path.join(ROOT, "dist-preview"),
    sources: [
      "src",
      "dev",
      "packages",
      "assets",
      "webpack.config.js",
      "manifest.xml",
      "package.json",
      "tsconfig.json",
    ],
    bundles: ["taskpane.js", "functions.js", "preview.js"],
    args: ["--env", "preview"],
  },
};

const LOCK = path.join(ROOT, ".build.lock");
const STAMP = ".production-build";

function mtime(p: string): number {
  return fs.statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? 0;
}

function newestMtime(p: string): number {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p))
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Is the target's folder a production build at least as new as its sources? */
export function buildIsFresh(target: BuildTarget): boolean {
  const t = TARGETS[target];
  const needed = [...t.bundles, "taskpane.html", "functions.json"];
  if (!needed.every((f) => fs.existsSync(path.join(t.dir, f)))) return false;
  // A development build leaves source maps; the tests are about the production bundles.
  if (fs.existsSync(path.join(t.dir, "taskpane.js.map"))) return false;
  // webpack leaves files whose content did not change untouched, so judge by the bundles or by
  // the stamp this helper leaves after its own build.
  const built = Math.max(
    mtime(path.join(t.dir, STAMP)),
    Math.min(...t.bundles.map((f) => mtime(path.join(t.dir, f))))
  );
  return built >= Math.max(...t.sources.map((s) => newestMtime(path.join(ROOT, s))));
}

function build(target: BuildTarget): void {
  const t = TARGETS[target];
  const webpack = require.resolve("webpack/bin/webpack.js", { paths: [ROOT] });
  try {
    execFileSync(process.execPath, [webpack, "--mode", "production", ...t.args], {
      cwd: ROOT,
      stdio: "pipe",
      env: { ...process.env, NODE_ENV: "production", NODE_OPTIONS: "--max-old-space-size=4096" },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `The ${target} build failed:\n${err.stdout?.toString().slice(-4000) ?? ""}\n${err.stderr?.toString().slice(-4000) ?? ""}`
    );
  }
  fs.writeFileSync(path.join(t.dir, STAMP), new Date().toISOString());
}

/** Make sure the target's folder holds a fresh production build; build it when it does not. */
export function ensureBuilt(target: BuildTarget = "addin"): void {
  if (target === "preview" && process.env.BROWSER_TEST_DIST) return;
  if (buildIsFresh(target)) return;
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
      sleep(500);
      if (buildIsFresh(target)) return;
    }
  }
  try {
    if (!buildIsFresh(target)) build(target);
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
