/**
 * The system browser for the browser tests: Debian's chromium, else Chrome or Edge, else
 * CHROME_PATH. No browser is ever downloaded. When none is found the tests fail with a message
 * that says how to install one; they never skip.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chromium, type BrowserContext } from "playwright-core";

export function browserCandidates(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform
): string[] {
  const list: string[] = [];
  if (env.CHROME_PATH) list.push(env.CHROME_PATH);
  if (platform === "win32") {
    const dirs = [env.ProgramFiles, env["ProgramFiles(x86)"], env.LOCALAPPDATA].filter(
      Boolean
    ) as string[];
    for (const d of dirs) {
      list.push(path.win32.join(d, "Google\\Chrome\\Application\\chrome.exe"));
      list.push(path.win32.join(d, "Microsoft\\Edge\\Application\\msedge.exe"));
    }
  } else if (platform === "darwin") {
    list.push(
      "/Applications/Chromium.app/Contents/MacOS/Chromium",
      "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
      "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"
    );
  } else {
    list.push(
      "/usr/bin/chromium",
      "/usr/bin/chromium-browser",
      "/snap/bin/chromium",
      "/usr/bin/google-chrome",
      "/usr/bin/google-chrome-stable",
      "/opt/google/chrome/chrome",
      "/usr/bin/microsoft-edge",
      "/opt/microsoft/msedge/msedge"
    );
  }
  return list;
}

export function findBrowser(): string | null {
  return (
    browserCandidates().find((p) => {
      try {
        return fs.statSync(p).isFile();
      } catch {
        return false;
      }
    }) ?? null
  );
}

export const NO_BROWSER_MESSAGE =
  "No Chromium, Chrome or Edge was found for the browser tests (looked at CHROME_PATH, /usr/bin/chromium, " +
  "Chrome and Edge install paths). Install Debian's package with `sudo apt-get install -y chromium`, or set " +
  "CHROME_PATH to a Chromium-based browser's executable. The tests do not download a browser.";

export function requireBrowser(): string {
  const found = findBrowser();
  if (!found) throw new Error(NO_BROWSER_MESSAGE);
  return found;
}

export const BROWSER_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile, removed on close. */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number } } = {}
): Promise<LaunchedBrowser> {
  const executablePath = requireBrowser();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "funding-toolkit-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: BROWSER_ARGS,
    viewport: options.viewport ?? { width: 1440, height: 900 },
    // Only the preview's own server is reachable: the preview must work offline.
    offline: false,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
