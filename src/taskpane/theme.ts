/** Pick the Fluent theme that matches Office's: dark when Office's body background is dark. */
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import { hostBackgroundColour } from "../excel/host";

export function isDarkColour(hex: string | undefined): boolean {
  if (!hex) return false;
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16) / 255);
  // Relative luminance (WCAG 2.x).
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const L = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return L < 0.4;
}

export function officeTheme(): Theme {
  return isDarkColour(hostBackgroundColour()) ? webDarkTheme : webLightTheme;
}
