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

/**
 * A FUNDING formula typed into the preview's grid: the add-in's CLASSIFY over 1,000 and 10,000
 * rows, evaluated through the double's custom-function bridge (HyperFormula sizing the spill by
 * calling the function, then calculating it). Measured in the page: entering the formula until
 * its last spilled row is readable, and changing one input until the result is recomputed.
 */
test(
  "preview: typing FUNDING.CLASSIFY into the grid, and recalculating after an edit",
  async () => {
    ensureBuilt("preview");
    const server = await serveDirectory(PREVIEW_DIST);
    const browser = await launchBrowser();
    const lines: string[] = [];
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/preview.html`);
      await page.waitForFunction(
        () => (window as unknown as { __preview?: { ready?: boolean } }).__preview?.ready === true
      );
      for (const rows of [1000, 10000]) {
        const t = await page.evaluate((n) => {
          type Wb = {
            addSheet(s: string): void;
            setCells(s: string, a: string, v: unknown): void;
            getValues(s: string, a: string): unknown[][];
          };
          const wb = (window as unknown as { __preview: { wb: Wb } }).__preview.wb;
          const sheet = `Bench ${n}`;
          wb.addSheet(sheet);
          const data = Array.from({ length: n }, (_, i) => [
            1000 + ((i * 7919) % 200000),
            i % 3 === 0 ? "yes" : "no",
            i % 5 === 0 ? "infrastructure" : "frontline",
          ]);
          wb.setCells(sheet, `A1:C${n}`, data);
          const t0 = performance.now();
          wb.setCells(sheet, "E1", `=FUNDING.CLASSIFY(A1:A${n}, B1:B${n}, C1:C${n})`);
          const last = wb.getValues(sheet, `E${n}`)[0][0];
          const entered = performance.now() - t0;
          const t1 = performance.now();
          wb.setCells(sheet, `A${n}`, 250000);
          const after = wb.getValues(sheet, `E${n}`)[0][0];
          const edited = performance.now() - t1;
          return { entered, edited, filled: last !== "" && after !== "" };
        }, rows);
        lines.push(
          `  ${rows.toLocaleString("en-GB")} rows: enter formula ${Math.round(t.entered)} ms, ` +
            `recalculate after one edit ${Math.round(t.edited)} ms${t.filled ? "" : " (NO RESULT)"}`
        );
      }
      await page.close();
    } finally {
      await browser.close();
      await server.close();
    }
    console.log(
      [`FUNDING.CLASSIFY typed into the preview grid (headless Chromium):`, ...lines].join("\n")
    );
  },
  15 * 60 * 1000
);
