/**
 * Time from opening the preview to an interactive task pane, in headless Chromium, on a
 * production build served from 127.0.0.1. Reported, not asserted.
 *
 * "Interactive" = the task pane's tabs are on screen (the page sets __preview.ready) and a click
 * on another tab is answered (that tab becomes selected).
 */
import { launchBrowser } from "../test/browser/support/browser";
import { PREVIEW_DIST, ensureBuilt } from "../test/support/build";
import { serveDirectory } from "../test/browser/support/server";

const RUNS = 5;

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}

test(
  "preview: open to interactive task pane",
  async () => {
    ensureBuilt("preview");
    const server = await serveDirectory(PREVIEW_DIST);
    const browser = await launchBrowser();
    const ready: number[] = [];
    const interactive: number[] = [];
    const inPage: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        const page = await browser.context.newPage();
        const t0 = Date.now();
        await page.goto(`${server.url}/preview.html`);
        await page.waitForFunction(
          () => (window as unknown as { __preview?: { ready?: boolean } }).__preview?.ready === true
        );
        ready.push(Date.now() - t0);
        inPage.push(
          await page.evaluate(
            () => (window as unknown as { __preview: { readyAt: number } }).__preview.readyAt
          )
        );
        await page
          .getByTestId("taskpane")
          .getByRole("tab", { name: "Settings", exact: true })
          .click();
        await page
          .getByTestId("taskpane")
          .locator("[role=tab][aria-selected=true]", { hasText: "Settings" })
          .waitFor();
        interactive.push(Date.now() - t0);
        await page.close();
      }
    } finally {
      await browser.close();
      await server.close();
    }
    const r = stats(ready);
    const p = stats(inPage);
    const x = stats(interactive);
    console.log(
      [
        `Preview, headless Chromium, ${RUNS} runs (first run includes a cold cache):`,
        `  open -> task pane rendered:        median ${r.median} ms (min ${r.min}, max ${r.max})`,
        `  same, page clock from navigation:   median ${Math.round(p.median)} ms`,
        `  open -> first click answered:       median ${x.median} ms (min ${x.min}, max ${x.max})`,
      ].join("\n")
    );
  },
  15 * 60 * 1000
);
