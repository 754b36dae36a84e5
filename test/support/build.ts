/**
 * Tests that read the built add-in (dist/) build it first when it is missing or older than the
 * sources, so `npm test` on a fresh clone checks what would ship, never a stale build.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "../..");
export const DIST = path.join(ROOT, "dist");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Build dist/ in production mode unless an up-to-date build is already there. Jest runs test
 * files in parallel workers, so a lock folder makes sure only one of them builds at a time.
 */
export function ensureBuilt(): void {
  const lock = path.join(ROOT, ".build.lock");
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is stale after 5 minutes.
      const since = fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > 300000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() - started > 600000) throw new Error("Timed out waiting for another test's build of dist/");
      sleep(250);
    }
  }
  try {
    buildIfStale();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function buildIfStale(): void {
  const marker = path.join(DIST, "functions.js");
  const sources = Math.max(
    newestMtime(path.join(ROOT, "src")),
    newestMtime(path.join(ROOT, "assets")),
    fs.statSync(path.join(ROOT, "manifest.xml")).mtimeMs,
    fs.statSync(path.join(ROOT, "webpack.config.js")).mtimeMs,
  );
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= sources && fs.existsSync(path.join(DIST, "functions.json"))) return;
  execFileSync(process.execPath, [require.resolve("webpack/bin/webpack.js"), "--mode", "production"], {
    cwd: ROOT,
    stdio: "pipe",
    env: { ...process.env, NODE_ENV: "production" },
  });
}
