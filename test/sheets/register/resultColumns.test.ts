import { specCells } from "../../../src/sheets/spec";
import {
  FUNDER_SHARE_FORMAT,
  RESULT_COLUMNS,
  resultHeaderSpec,
  resultRowsSpec,
} from "../../../src/sheets/register/resultColumns";
import { OUTPUT_HEADERS } from "../../../src/domain/classification/register";

const at = { sheet: "Register", headerRow: 3, col: 5 };
const rows = [
  ["Giving", "Small grant", "VCS", "Accreditation", "10/90", 0.1, "Light", "", ""],
  ["", "", "", "", "", "", "", "", "Not classified: =odd"],
];

describe("the result columns beside the register", () => {
  test("the header row is the nine headers, as text, on the register's header row", () => {
    const spec = resultHeaderSpec(at);
    expect(spec.name).toBe("Register");
    expect(spec.blocks).toEqual([{ row: 3, col: 5, kind: "text", cells: [[...OUTPUT_HEADERS]] }]);
  });

  test("labels and notes are text ('10/90' is never a date); funder share is a number shown as a percentage", () => {
    const spec = resultRowsSpec(at, 10, rows);
    const cells = specCells(spec);
    // data row 10 is the 11th below the header on sheet row 4 (0-based 3): sheet row 15
    expect(cells.get("F15")).toEqual({ kind: "text", value: "Giving", numberFormat: null });
    expect(cells.get("J15")).toEqual({ kind: "text", value: "10/90", numberFormat: null });
    expect(cells.get("K15")).toEqual({
      kind: "value",
      value: 0.1,
      numberFormat: FUNDER_SHARE_FORMAT,
    });
    expect(cells.get("N16")).toEqual({
      kind: "text",
      value: "Not classified: =odd",
      numberFormat: null,
    });
    expect(cells.size).toBe(2 * RESULT_COLUMNS.count);
    expect(FUNDER_SHARE_FORMAT).toBe("0%");
    expect(OUTPUT_HEADERS[RESULT_COLUMNS.funderShare]).toBe("Funder share");
    expect(OUTPUT_HEADERS[RESULT_COLUMNS.flags]).toBe("Flags");
    expect(OUTPUT_HEADERS[RESULT_COLUMNS.fundingType]).toBe("Funding type");
  });

  test("no rows, no blocks", () => {
    expect(resultRowsSpec(at, 0, []).blocks).toEqual([]);
  });
});
