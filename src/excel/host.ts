/**
 * The Office host around the task pane: when it is ready, and its theme. Kept here so Office.js
 * is called from src/excel only (Microsoft: "Initialize your Office Add-in" -- Office.onReady;
 * Office.context.officeTheme gives the host's theme colours).
 */

/** Run `start` once Office has loaded the add-in. */
export function whenHostReady(start: () => void | Promise<void>): void {
  void Office.onReady(() => start());
}

/** The host's body background colour ("#rrggbb"), or undefined outside Office or when unknown. */
export function hostBackgroundColour(): string | undefined {
  try {
    return typeof Office !== "undefined"
      ? Office.context?.officeTheme?.bodyBackgroundColor
      : undefined;
  } catch {
    return undefined;
  }
}
