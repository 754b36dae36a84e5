/**
 * Accessibility of the task pane, checked in the browser in Office's light and dark themes:
 * axe-core (WCAG 2.1 A and AA: every control labelled, text contrast at least 4.5:1, ARIA used
 * correctly) on every view, also after a run shows its results; and a visible focus indicator on
 * every control reached with the Tab key. Screenshots of each view and theme go to
 * test-results/screenshots/ for review.
 */
import * as fs from "fs";
import { usePreviewSuite, type PreviewPage } from "./support/preview";

const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const VIEWS = ["Funding register", "Cost recovery", "Evaluation", "Settings"] as const;

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

const suite = usePreviewSuite();

/** Run axe on the page (task pane and the preview around it); violations in readable form. */
async function axeViolations(p: PreviewPage): Promise<string[]> {
  if (!(await p.page.evaluate(() => "axe" in window)))
    await p.page.addScriptTag({ content: AXE_SOURCE });
  const violations = (await p.page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> };
      }
    ).axe;
    // Fluent UI's focus manager (tabster) puts hidden "dummy" <i tabindex=0 aria-hidden> elements
    // around focus groups to catch Tab and pass focus on; they never keep focus, and axe's
    // aria-hidden-focus rule misreads them. Everything else on the page is checked.
    const context = { include: [["html"]], exclude: [["[data-tabster-dummy]"]] };
    const r = await axe.run(context, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    });
    return r.violations;
  })) as AxeViolation[];
  return violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact}): ${v.help} at ${n.target.join(" ")} - ${n.failureSummary.replace(/\s+/g, " ")}`
    )
  );
}

type LookWindow = { __a11yLook: (e: Element) => string };

/**
 * Installs in the page how an element looks, as a string: the outline, shadow, border and
 * background of it and of the two elements around it (where Fluent draws focus rings),
 * including their ::before and ::after.
 */
async function installLook(p: PreviewPage): Promise<void> {
  await p.page.evaluate(() => {
    (window as unknown as LookWindow).__a11yLook = (el: Element) => {
      const parts = [el, el.parentElement, el.parentElement?.parentElement].filter(
        Boolean
      ) as Element[];
      return parts
        .map((x) => {
          const s = getComputedStyle(x);
          const a = getComputedStyle(x, "::after");
          const b = getComputedStyle(x, "::before");
          return [
            s.outlineStyle,
            s.outlineWidth,
            s.outlineColor,
            s.boxShadow,
            s.borderColor,
            s.backgroundColor,
            a.content,
            a.borderTopWidth,
            a.borderTopColor,
            a.outlineStyle,
            a.boxShadow,
            b.content,
            b.borderTopWidth,
            b.outlineStyle,
            b.boxShadow,
          ].join("|");
        })
        .join("/");
    };
  });
}

/**
 * Tab through the whole page once; for every element that takes the focus, compare how it (and
 * the two elements around it, where Fluent draws focus rings) looks focused and unfocused.
 */
async function controlsWithoutVisibleFocus(
  p: PreviewPage
): Promise<{ reached: number; missing: string[] }> {
  await installLook(p);
  await p.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await p.page.evaluate(() =>
    document
      .querySelectorAll("[data-a11y-focus]")
      .forEach((e) => e.removeAttribute("data-a11y-focus"))
  );
  const focused: Record<string, string> = {};
  for (let i = 0; i < 250; i++) {
    await p.page.keyboard.press("Tab");
    const r = await p.page.evaluate((index) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      if (el.hasAttribute("data-a11y-focus")) return { again: true, key: "", look: "" };
      el.setAttribute("data-a11y-focus", String(index));
      return {
        again: false,
        key: String(index),
        look: (window as unknown as LookWindow).__a11yLook(el),
      };
    }, i);
    if (!r) continue;
    if (r.again) break;
    focused[r.key] = r.look;
  }
  await p.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await p.page.mouse.click(1, 1); // leave keyboard mode, as a user who stops tabbing
  const missing: string[] = [];
  for (const [key, look] of Object.entries(focused)) {
    const r = await p.page.evaluate((k) => {
      const el = document.querySelector(`[data-a11y-focus="${k}"]`) as HTMLElement | null;
      if (!el) return null;
      const look = (window as unknown as LookWindow).__a11yLook(el);
      const name = el.getAttribute("aria-label") ?? el.innerText?.trim().slice(0, 40) ?? "";
      return {
        look,
        name: `${el.tagName.toLowerCase()}${el.getAttribute("role") ? `[role=${el.getAttribute("role")}]` : ""} "${name}"`,
      };
    }, key);
    if (r && r.look === look) missing.push(r.name);
  }
  return { reached: Object.keys(focused).length, missing };
}

describe.each(["light", "dark"] as const)("accessibility in the %s Office theme", (theme) => {
  test("editing a cell in the grid and in the formula bar: no axe violations", async () => {
    const p = await suite.open({ theme });
    await p.cell("B3").click();
    await p.page.keyboard.press("F2");
    await p.workbook.getByTestId("cell-editor").waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await p.page.keyboard.press("Escape");
    await p.page.locator("#formula-bar").focus();
    expect(await axeViolations(p)).toEqual([]);
    await p.page.keyboard.press("Escape");
    // A refused entry is announced, and the announcement passes too.
    await p.cell("B3").click();
    await p.page.keyboard.type(`="${"x".repeat(256)}"`);
    await p.page.keyboard.press("Enter");
    await p.workbook.getByTestId("edit-problem").waitFor();
    expect(await axeViolations(p)).toEqual([]);
    p.assertHealthy();
    await p.page.close();
  });

  test.each(VIEWS)(
    "%s: no axe violations (labels, contrast 4.5:1, ARIA) and a visible focus on every control",
    async (view) => {
      const p = await suite.open({ theme });
      await p.openView(view);
      await p.taskpane.getByRole("tabpanel").waitFor();
      await p.screenshot(`${view.toLowerCase().replace(/ /g, "-")}-${theme}`);
      expect(await axeViolations(p)).toEqual([]);
      const focus = await controlsWithoutVisibleFocus(p);
      expect(focus.reached).toBeGreaterThan(5);
      expect(focus.missing).toEqual([]);
      p.assertHealthy();
      await p.page.close();
    }
  );

  test("results and findings after a run: no axe violations", async () => {
    const p = await suite.open({ theme });
    await p.showSheet("Funding register");
    await p.cell("C5").click();
    await p.taskpane.getByRole("button", { name: "Use selected data" }).click();
    await p.taskpane.getByRole("button", { name: "Classify" }).click();
    await p.taskpane.getByRole("region", { name: "Classification result" }).waitFor();
    await p.screenshot(`register-results-${theme}`);
    expect(await axeViolations(p)).toEqual([]);

    // The summary sheet's pie chart, drawn over the grid.
    await p.showSheet("Funding summary");
    await p.workbook.getByTestId("chart").first().waitFor();
    expect(await axeViolations(p)).toEqual([]);

    await p.openView("Evaluation");
    await p.taskpane.getByRole("button", { name: "Generate evaluation workbook" }).click();
    await p.taskpane.getByRole("list", { name: "Problems to correct" }).waitFor();
    expect(await axeViolations(p)).toEqual([]);
    p.assertHealthy();
    await p.page.close();
  });
});
