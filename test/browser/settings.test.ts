/**
 * The Settings view in the preview: the framework's thresholds saved in the workbook change what
 * the other views compute; a bad value is refused with the field named; reset brings back the
 * defaults; and the form works from the keyboard.
 */
import { usePreviewSuite, tabTo } from "./support/preview";

const suite = usePreviewSuite();

describe("Settings view", () => {
  test("a higher small-grant threshold, saved in the workbook, changes the classification; reset restores it", async () => {
    const p = await suite.open();
    await p.openView("Settings");
    const threshold = p.taskpane.getByRole("textbox", { name: /^Small-grant threshold/ });
    expect(await threshold.inputValue()).toMatch(/^5,?000(\.00)?$/);
    await threshold.fill("6000");
    await p.taskpane.getByRole("button", { name: "Save settings" }).click();
    await p.taskpane
      .getByRole("status")
      .filter({ hasText: "Settings saved in this workbook." })
      .waitFor();
    await p.screenshot("settings-light");

    await p.openView("Funding register");
    await p.showSheet("Funding register");
    await p.cell("C5").click();
    await p.taskpane.getByRole("button", { name: "Use selected data" }).click();
    await p.taskpane.getByRole("button", { name: "Classify" }).click();
    await p.taskpane.getByRole("region", { name: "Classification result" }).waitFor();
    // £5,000.01 is now under the threshold: a small grant; £5,000 is no longer at it.
    expect(await p.cellText("O8")).toBe("Small grant");
    expect(await p.cellText("U6")).toBe("");

    await p.openView("Settings");
    await p.taskpane.getByRole("button", { name: "Reset to defaults" }).click();
    // The view asks first; confirming in the dialog resets.
    const confirm = p.page.getByRole("alertdialog");
    await confirm.waitFor();
    expect(await confirm.innerText()).toMatch(/Reset every setting to the defaults\?/);
    await confirm.getByRole("button", { name: "Reset to defaults" }).click();
    await confirm.waitFor({ state: "detached" });
    await p.taskpane
      .getByRole("status")
      .filter({ hasText: /reset to the defaults/ })
      .waitFor();
    expect(
      await p.taskpane.getByRole("textbox", { name: /^Small-grant threshold/ }).inputValue()
    ).toMatch(/^5,?000(\.00)?$/);
    p.assertHealthy();
    await p.page.close();
  });

  test("a bad value is refused with the field named, from the keyboard", async () => {
    const p = await suite.open();
    const kb = p.page.keyboard;
    await p.openView("Settings");
    await tabTo(p, { role: "textbox", name: /^Small-grant threshold/ });
    await kb.press("Control+A");
    await kb.type("-5");
    await tabTo(p, { role: "button", name: "Save settings" });
    await kb.press("Enter");
    const status = p.taskpane.getByRole("status").filter({ hasText: /^Not saved:/ });
    await status.waitFor();
    expect(await status.innerText()).toMatch(/Small-grant threshold/);
    expect(
      await p.page.evaluate(() =>
        Object.keys(
          (
            window as unknown as { __preview: { wb: { getSettings(): object } } }
          ).__preview.wb.getSettings()
        )
      )
    ).toEqual([]);
    p.assertHealthy();
    await p.page.close();
  });
});
