/**
 * The engine never throws for bad user input: it returns a Result naming the field and what was
 * expected. `kind` maps to an Excel error in the custom functions: "value" -> #VALUE!,
 * "na" -> #N/A (something not there yet, such as a score not entered).
 */
import type { Problem } from "./problem";

/** A problem with a value given to a function, and the Excel error it shows as. */
export type ValueProblem = Problem & { kind: "value" | "na" };
export type Result<T> = { ok: true; value: T } | { ok: false; problem: ValueProblem };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (
  field: string,
  message: string,
  kind: ValueProblem["kind"] = "value"
): { ok: false; problem: ValueProblem } => ({
  ok: false,
  problem: { kind, field, message },
});
