/**
 * The engine never throws for bad user input: it returns a Result naming the field and what was
 * expected. `kind` maps to an Excel error in the custom functions: "value" -> #VALUE!,
 * "na" -> #N/A (something not there yet, such as a score not entered).
 */
export type Problem = { kind: "value" | "na"; field: string; message: string };
export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (
  field: string,
  message: string,
  kind: Problem["kind"] = "value"
): { ok: false; problem: Problem } => ({
  ok: false,
  problem: { kind, field, message },
});
