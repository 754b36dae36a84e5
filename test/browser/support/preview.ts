/**
 * Shared set-up for the browser tests: a production build of the preview (dist-preview/), served over plain http on
 * 127.0.0.1, a headless system Chromium, and helpers that act on the preview as a user does
 * (click cells, switch sheets, press buttons in the task pane).
 */
import * as fs from "fs";
import * as path from "path";
import type { Locator, Page } from "playwright-core";
import { launchBrowser, type LaunchedBrowser } from "./browser";
import { PREVIEW_DIST, ROOT, ensureBuilt } from "../../support/build";
import { serveDirectory, type StaticServer } from "./server";

export const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots");

export interface PreviewSuite {
  server: StaticServer;
  browser: LaunchedBrowser;
  open(options?: { theme?: "light" | "dark" }): Promise<PreviewPage>;
  close(): Promise<void>;
}

/** Build (if needed), serve and launch. Call from beforeAll with a generous timeout. */
export async function startPreviewSuite(): Promise<PreviewSuite> {
  ensureBuilt("preview");
  const server = await serveDirectory(PREVIEW_DIST);
  let browser: LaunchedBrowser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await server.close();
    throw e;
  }
  const pages: PreviewPage[] = [];
  return {
    server,
    browser,
    async open(options = {}) {
      const p = await openPreview(browser, server.url, options.theme ?? "light");
      pages.push(p);
      return p;
    },
    async close() {
      for (const p of pages) await p.page.close().catch(() => undefined);
      await browser.close();
      await server.close();
    },
  };
}

/**
 * The usual set-up of a browser test file: registers beforeAll (build, serve, launch, with a
 * generous timeout) and afterAll (close everything), and returns the suite for the tests to use.
 * Call once at the top level of a test file: `const suite = usePreviewSuite();`.
 */
export function usePreviewSuite(): PreviewSuite {
  let suite: PreviewSuite | undefined;
  beforeAll(
    async () => {
      suite = await startPreviewSuite();
    },
    15 * 60 * 1000
  );
  afterAll(async () => {
    await suite?.close();
  });
  const started = (): PreviewSuite => {
    if (!suite) throw new Error("The preview suite is used before its beforeAll has run.");
    return suite;
  };
  return {
    get server() {
      return started().server;
    },
    get browser() {
      return started().browser;
    },
    open: (options) => started().open(options),
    close: () => started().close(),
  };
}

export class PreviewPage {
  /** Requests to anywhere but the preview's own server (the preview must work offline). */
  readonly externalRequests: string[] = [];
  /** Uncaught exceptions and console errors in the page. */
  readonly errors: string[] = [];

  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  get workbook(): Locator {
    return this.page.getByTestId("workbook");
  }
  get taskpane(): Locator {
    return this.page.getByTestId("taskpane");
  }
  /** A cell of the grid on the active sheet, e.g. cell("B3"). */
  cell(address: string): Locator {
    return this.workbook.locator(`[data-cell="${address}"]`);
  }
  async cellText(address: string): Promise<string> {
    return (await this.cell(address).textContent()) ?? "";
  }
  async formulaBar(): Promise<string> {
    return this.page.locator("#formula-bar").inputValue();
  }
  async activeSheet(): Promise<string> {
    return (await this.workbook.getByRole("grid").getAttribute("data-sheet")) ?? "";
  }
  async showSheet(name: string): Promise<void> {
    await this.workbook
      .getByRole("tablist", { name: "Sheets" })
      .getByRole("tab", { name, exact: true })
      .click();
    await this.page.waitForFunction(
      (n) =>
        document.querySelector("[data-testid=workbook] [role=grid]")?.getAttribute("data-sheet") ===
        n,
      name
    );
  }
  /** Select a range with the mouse: click the first cell, Shift+click the last. */
  async selectRange(from: string, to?: string): Promise<void> {
    await this.cell(from).click();
    if (to && to !== from) await this.cell(to).click({ modifiers: ["Shift"] });
    const expected = to && to !== from ? `${from}:${to}` : from;
    await this.page.waitForFunction(
      (e) => (document.getElementById("name-box") as HTMLInputElement | null)?.value === e,
      expected
    );
  }
  /** The selection as the workbook (and so the add-in) sees it. */
  async workbookSelection(): Promise<{ sheet: string; address: string }> {
    return this.page.evaluate(() =>
      (
        window as unknown as { __preview: { selection(): { sheet: string; address: string } } }
      ).__preview.selection()
    );
  }
  /** Values the in-memory workbook computes for a range (formulas evaluated). */
  async values(sheet: string, address: string): Promise<unknown[][]> {
    return this.page.evaluate(
      ([s, a]) =>
        (
          window as unknown as {
            __preview: { wb: { getValues(s: string, a: string): unknown[][] } };
          }
        ).__preview.wb.getValues(s, a),
      [sheet, address] as const
    );
  }
  async sheetNames(): Promise<string[]> {
    return this.page.evaluate(() =>
      (
        window as unknown as { __preview: { wb: { sheetNames(): string[] } } }
      ).__preview.wb.sheetNames()
    );
  }
  /** Open one of the task pane's views by its tab. */
  /** Choose a tab and wait until its view has loaded (views other than Register load lazily). */
  async openView(label: string): Promise<void> {
    await this.taskpane.getByRole("tab", { name: label, exact: true }).click();
    await this.taskpane
      .getByRole("status")
      .filter({ hasText: /^Loading /i })
      .waitFor({ state: "detached" });
  }
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: false });
    return file;
  }
  /** Fail with what went wrong in the page, if anything did. */
  assertHealthy(): void {
    expect({ externalRequests: this.externalRequests, errors: this.errors }).toEqual({
      externalRequests: [],
      errors: [],
    });
  }
}

export async function openPreview(
  browser: LaunchedBrowser,
  baseUrl: string,
  theme: "light" | "dark"
): Promise<PreviewPage> {
  const page = await browser.context.newPage();
  const preview = new PreviewPage(page, baseUrl);
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl) || url.startsWith("data:") || url.startsWith("blob:"))
      return route.continue();
    preview.externalRequests.push(url);
    return route.abort();
  });
  page.on("pageerror", (e) => preview.errors.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") preview.errors.push(`console error: ${m.text()}`);
  });
  await page.goto(`${baseUrl}/preview.html${theme === "dark" ? "?theme=dark" : ""}`);
  await page.waitForFunction(
    () => (window as unknown as { __preview?: { ready?: boolean } }).__preview?.ready === true,
    undefined,
    {
      timeout: 30000,
    }
  );
  await preview.taskpane.getByRole("tablist").waitFor();
  return preview;
}

/**
 * Press Tab (as a keyboard-only user does) until `target` has the focus. Fails, naming where the
 * focus went, when it is not reached within `maxPresses`.
 */
export async function tabTo(
  p: PreviewPage,
  target: Locator | { role?: Parameters<Page["getByRole"]>[0]; name: string | RegExp },
  maxPresses = 80
): Promise<void> {
  const locator =
    "role" in target || "name" in target
      ? p.page.getByRole(
          (target as { role?: Parameters<Page["getByRole"]>[0] }).role ?? "textbox",
          {
            name: (target as { name: string | RegExp }).name,
            exact: typeof (target as { name: unknown }).name === "string",
          }
        )
      : (target as Locator);
  const visited: string[] = [];
  for (let i = 0; i < maxPresses; i++) {
    await p.page.keyboard.press("Tab");
    const reached = await locator
      .first()
      .evaluate((el) => el === document.activeElement || el.contains(document.activeElement))
      .catch(() => false);
    if (reached) return;
    visited.push(
      await p.page.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        if (!a) return "(nothing)";
        const label = a.getAttribute("aria-label") ?? a.innerText?.slice(0, 30) ?? "";
        return `${a.tagName.toLowerCase()}${a.getAttribute("role") ? `[role=${a.getAttribute("role")}]` : ""} "${label}"`;
      })
    );
  }
  throw new Error(
    `Tab did not reach ${String(locator)} within ${maxPresses} presses; focus went: ${visited.join(" -> ")}`
  );
}
