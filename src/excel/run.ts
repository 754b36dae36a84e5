/**
 * The task pane's one way into Excel: every workflow runs inside a batch that Excel.run gives it
 * (Microsoft: "Excel JavaScript object model in Office Add-ins" -- a request context per batch).
 * Views call runInExcel rather than Excel.run, so Office.js stays in src/excel.
 *
 * A run may carry the user's answer to "cells you changed" (src/excel/ownership.ts): keep their
 * values or overwrite them. The answer travels with the batch's context, so a workflow needs no
 * extra argument for it.
 */
import type { OwnedDecision } from "./ownershipTypes";

const decisions = new WeakMap<object, OwnedDecision>();
const notes = new WeakMap<object, string[]>();

/** Something the user should be told after the batch (e.g. a sheet named around one of theirs). */
export function addNote(context: object, text: string): void {
  notes.set(context, [...(notes.get(context) ?? []), text]);
}

/** The answer given for this batch ("ask" when none). */
export function decisionFor(context: object): OwnedDecision {
  return decisions.get(context) ?? "ask";
}

export function runInExcel<T>(
  work: (context: Excel.RequestContext) => Promise<T>,
  decision: OwnedDecision = "ask"
): Promise<T> {
  return Excel.run((context) => {
    decisions.set(context, decision);
    return work(context);
  });
}

/** runInExcel, with the notes the batch left for the user. */
export async function runInExcelWithNotes<T>(
  work: (context: Excel.RequestContext) => Promise<T>,
  decision: OwnedDecision = "ask"
): Promise<{ value: T; notes: string[] }> {
  let said: string[] = [];
  const value = await runInExcel(async (context) => {
    const out = await work(context);
    said = notes.get(context) ?? [];
    return out;
  }, decision);
  return { value, notes: said };
}
