/**
 * A section of the cost recovery sheet: the blocks, validations, highlights and charts one
 * builder contributes to the SheetSpec (src/sheets/spec.ts).
 */
import type { Block, CellValue, ChartSpec, ConditionalFormat, Validation } from "../spec";

export type SheetSection = {
  blocks: Block[];
  validations?: Validation[];
  conditionalFormats?: ConditionalFormat[];
  charts?: ChartSpec[];
};

/** Values as one column of cells. */
export const column = <T extends CellValue>(values: readonly T[]): T[][] => values.map((v) => [v]);

/** A block of cells the user fills in: shaded as input and unlocked. */
export function inputBlock(
  row: number,
  col: number,
  cells: CellValue[][],
  opts: { text?: boolean; numberFormat?: string } = {}
): Block {
  return {
    row,
    col,
    kind: opts.text ? "text" : "value",
    cells,
    ...(opts.numberFormat ? { numberFormat: opts.numberFormat } : {}),
    look: ["input"],
    unlocked: true,
  };
}

/** A one-cell heading. */
export const heading = (row: number, col: number, text: string): Block => ({
  row,
  col,
  kind: "value",
  cells: [[text]],
  look: ["heading"],
});

/** A header row (may hold formulas, e.g. a pool's name followed from its cell). */
export const headerRow = (row: number, col: number, cells: CellValue[]): Block => ({
  row,
  col,
  kind: "formula",
  cells: [cells],
  look: ["header"],
});

/** The sections together, in order; blocks without cells are left out. */
export function joinSections(sections: readonly SheetSection[]): Required<SheetSection> {
  return {
    blocks: sections
      .flatMap((s) => s.blocks)
      .filter((b) => b.cells.length > 0 && b.cells[0].length > 0),
    validations: sections.flatMap((s) => s.validations ?? []),
    conditionalFormats: sections.flatMap((s) => s.conditionalFormats ?? []),
    charts: sections.flatMap((s) => s.charts ?? []),
  };
}
