/**
 * Reconciliation: every computed cell of the summary sheet carries the engine's own figure, so the
 * workflow can read the sheet back after Excel has evaluated it and check it figure by figure.
 */
import { formatPounds } from "../../domain/kernel/money";

/** What a computed cell (0-based row and column on the sheet) must show: pence, a count, or a share (fraction). */
export type Check = {
  row: number;
  col: number;
  kind: "pence" | "count" | "share";
  expected: number;
  what: string;
};

/** Does an evaluated value match the engine's figure? Money to the penny, counts exactly. */
export function checkPasses(c: Check, actual: unknown): boolean {
  if (typeof actual !== "number" || !Number.isFinite(actual)) return false;
  if (c.kind === "pence")
    return (
      Math.round(actual * 100) === c.expected &&
      Math.abs(actual * 100 - c.expected) < 1e-6 * Math.max(1, Math.abs(c.expected))
    );
  if (c.kind === "count") return actual === c.expected;
  // Shares are shown to 0.1%; spreadsheet engines keep 10-15 significant digits.
  return Math.abs(actual - c.expected) < 1e-9;
}

/** One line per failed check, for the user: "Shopping value: summary shows £1.00, register gives £1.01". */
export function describeMismatch(c: Check, actual: unknown): string {
  const show = (v: unknown) =>
    c.kind === "pence" && typeof v === "number" ? formatPounds(Math.round(v * 100)) : String(v);
  const expected = c.kind === "pence" ? formatPounds(c.expected) : String(c.expected);
  return `${c.what}: summary shows ${show(actual)}, register gives ${expected}`;
}
