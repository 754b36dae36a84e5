/**
 * The preview's stand-in for Office.js: the `Office` global the task pane reads (onReady, the
 * Office theme, requirement sets). `Excel` comes from the in-memory workbook
 * (installExcelGlobals), so the add-in's own code runs unchanged. Nothing here is loaded from a
 * CDN: the preview works offline.
 */

export type PreviewTheme = "light" | "dark";

/** Office's own theme colours (Office.context.officeTheme) for its light and dark themes. */
export const OFFICE_THEMES: Record<PreviewTheme, Office.OfficeTheme> = {
  light: {
    bodyBackgroundColor: "#ffffff",
    bodyForegroundColor: "#242424",
    controlBackgroundColor: "#ffffff",
    controlForegroundColor: "#242424",
    isDarkTheme: false,
    themeId: "Colorful",
  } as unknown as Office.OfficeTheme,
  dark: {
    bodyBackgroundColor: "#292929",
    bodyForegroundColor: "#ffffff",
    controlBackgroundColor: "#1f1f1f",
    controlForegroundColor: "#ffffff",
    isDarkTheme: true,
    themeId: "Black",
  } as unknown as Office.OfficeTheme,
};

/** `?theme=dark` selects Office's dark theme; anything else is light. */
export function themeFromQuery(search: string): PreviewTheme {
  const value = new URLSearchParams(search).get("theme");
  return value && value.toLowerCase() === "dark" ? "dark" : "light";
}

export interface OfficeHost {
  /** Resolve Office.onReady callbacks: call once Excel is available. */
  ready(): void;
}

/**
 * Install `Office` on globalThis. Office.onReady resolves (and calls its callback) only after
 * `ready()` is called, as in Excel, where it waits for the host.
 */
export function installOfficeGlobals(
  theme: PreviewTheme,
  target: Record<string, unknown> = globalThis as never
): OfficeHost {
  let markReady: () => void = () => undefined;
  const hostReady = new Promise<void>((resolve) => (markReady = resolve));
  const info = { host: "Excel", platform: "OfficeOnline" };
  const context = {
    host: "Excel",
    platform: "OfficeOnline",
    contentLanguage: "en-GB",
    displayLanguage: "en-GB",
    officeTheme: OFFICE_THEMES[theme],
    requirements: { isSetSupported: () => true },
    diagnostics: { host: "Excel", platform: "OfficeOnline", version: "preview" },
  };
  const office = {
    context,
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline" },
    onReady(callback?: (i: typeof info) => unknown) {
      return hostReady.then(async () => {
        if (callback) await callback(info);
        return info;
      });
    },
    initialize: undefined as unknown,
    addin: {
      showAsTaskpane: () => Promise.resolve(),
      hide: () => Promise.resolve(),
      onVisibilityModeChanged: () => Promise.resolve(() => Promise.resolve()),
    },
    actions: { associate: () => undefined },
  };
  target.Office = office;
  return { ready: () => markReady() };
}
