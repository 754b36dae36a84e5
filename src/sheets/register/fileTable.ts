/**
 * A register opened from a file, as a SheetSpec for a new sheet: the header row and the rows, one
 * block per run of columns of one kind -- numbers as numbers (so amounts add up and the summary's
 * formulas reconcile), money shown in pounds, everything else as text, so that identifiers keep
 * their leading zeros and dates such as "17/03/2014" are not turned into dates Excel may read the
 * American way. Written in slices of rows, each slice a spec of its own (the workflow reports
 * progress between them); the Excel table over it is made afterwards.
 */
import type { Block, CellValue, SheetSpec } from "../spec";
import { POUNDS_FORMAT } from "../../domain/kernel/money";
import { isBlank } from "../../domain/kernel/parse";

export type ColumnKind = "text" | "number" | "money";

/** Each column's kind: money for the derived annual value, number where every cell is a number. */
export function columnKinds(
  headers: readonly string[],
  rows: readonly (readonly CellValue[])[],
  money: ReadonlySet<string> = new Set()
): ColumnKind[] {
  return headers.map((h, c) => {
    if (money.has(h)) return "money";
    const filled = rows.filter((r) => !isBlank(r[c]));
    return filled.length > 0 && filled.every((r) => typeof r[c] === "number") ? "number" : "text";
  });
}

/** Runs of adjacent columns of one kind: [first, count, kind]. */
function runs(kinds: readonly ColumnKind[]): [number, number, ColumnKind][] {
  const out: [number, number, ColumnKind][] = [];
  kinds.forEach((k, c) => {
    const last = out[out.length - 1];
    if (last && last[2] === k) last[1]++;
    else out.push([c, 1, k]);
  });
  return out;
}

/**
 * The header row (when `withHeader`) and `rows` placed from sheet row `firstRow` (0-based; the
 * header is row 0), columns from A.
 */
export function fileTableSpec(
  sheet: string,
  headers: readonly string[],
  kinds: readonly ColumnKind[],
  rows: readonly (readonly CellValue[])[],
  firstRow: number,
  withHeader: boolean
): SheetSpec {
  const blocks: Block[] = [];
  if (withHeader) blocks.push({ row: 0, col: 0, kind: "text", cells: [[...headers]] });
  if (rows.length > 0)
    for (const [col, count, kind] of runs(kinds)) {
      const cells = rows.map((r) =>
        Array.from({ length: count }, (_, i) => {
          const v = r[col + i];
          return v === undefined || v === null ? "" : v;
        })
      );
      blocks.push(
        kind === "text"
          ? { row: firstRow, col, kind: "text", cells }
          : {
              row: firstRow,
              col,
              kind: "value",
              cells,
              ...(kind === "money" ? { numberFormat: POUNDS_FORMAT } : {}),
            }
      );
    }
  return { name: sheet, blocks };
}

/** Points per character of Excel's default font, the cell margins, and the widest column used. */
const FIT = { pointsPerCharacter: 5.6, margin: 9, max: 300, min: 40, sampleRows: 200 } as const;

/**
 * Column widths that fit the header and the first rows (long descriptions are capped, so a
 * 500-character description does not make a column wider than the pane).
 */
export function fileColumnWidths(
  headers: readonly string[],
  rows: readonly (readonly CellValue[])[]
): { col: number; width: number }[] {
  return headers.map((h, col) => {
    let longest = h.length * 1.1;
    for (const r of rows.slice(0, FIT.sampleRows)) {
      const v = r[col];
      const text = typeof v === "number" ? v.toLocaleString("en-GB") : String(v ?? "");
      longest = Math.max(longest, text.length);
    }
    const width = Math.round(longest * FIT.pointsPerCharacter + FIT.margin);
    return { col, width: Math.max(FIT.min, Math.min(FIT.max, width)) };
  });
}

/** A sheet name from a file name: Excel's rules (31 characters, none of : \ / ? * [ ]). */
export function sheetNameFor(fileName: string, taken: readonly string[]): string {
  const base =
    fileName
      .replace(/\.[a-z0-9]+$/i, "")
      .replace(/[:\\/?*[\]]/g, " ")
      .replace(/^'+|'+$/g, "")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 28) || "Register";
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  let name = base;
  for (let i = 2; lower.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)} (${i})`;
  return name;
}

/** An Excel table name from a sheet name: letters, digits and underscores, starting with a letter. */
export function tableNameFor(sheetName: string, taken: readonly string[]): string {
  const base =
    `Register_${sheetName.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "")}`.slice(0, 200);
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  let name = base;
  for (let i = 2; lower.has(name.toLowerCase()); i++) name = `${base}_${i}`;
  return name;
}
