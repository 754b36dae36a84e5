import { MemoryWorkbook } from "../src/index";

describe("worksheets", () => {
  test("add, getItem, position, rename, active sheet, count and items", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const added = sheets.add("Register");
      added.load("name, position");
      const all = sheets.load("items/name");
      await context.sync();
      expect(added.name).toBe("Register");
      expect(added.position).toBe(1);
      expect(all.items.map((s) => s.name)).toEqual(["Sheet1", "Register"]);
      added.position = 0;
      added.activate();
      added.name = "Funding register";
      const active = sheets.getActiveWorksheet().load("name");
      const moved = sheets.load("items/name");
      await context.sync();
      expect(active.name).toBe("Funding register");
      expect(moved.items[0].name).toBe("Funding register");
    });
    expect(wb.sheetNames()).toEqual(["Funding register", "Sheet1"]);
    expect(wb.activeSheetName()).toBe("Funding register");
  });

  test("getItem of a missing sheet rejects the sync with ItemNotFound; getItemOrNullObject gives a null object", async () => {
    const wb = new MemoryWorkbook();
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("Nope").getRange("A1").values = [[1]];
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "ItemNotFound" });

    await wb.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      const present = context.workbook.worksheets.getItemOrNullObject("Sheet1");
      // eslint-disable-next-line office-addins/call-sync-before-read -- isNullObject before the sync on purpose: the double must throw as Office.js does
      expect(() => missing.isNullObject).toThrow(
        expect.objectContaining({ code: "PropertyNotLoaded" })
      );
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      missing.load("name");
      await context.sync();
      expect(missing.name).toBeNull();
    });
  });

  test("adding a sheet whose name exists fails; so does an invalid name", async () => {
    const wb = new MemoryWorkbook();
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.add("sheet1");
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.add("Bad/Name");
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("the last visible sheet cannot be deleted", async () => {
    const wb = new MemoryWorkbook();
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").delete();
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidOperation" });
  });

  test("operations before a failing one stay applied (Excel does not roll back)", async () => {
    const wb = new MemoryWorkbook();
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["kept"]];
        context.workbook.worksheets.getItem("Missing").getRange("A1").values = [["x"]];
        context.workbook.worksheets.getItem("Sheet1").getRange("A2").values = [["never"]];
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "ItemNotFound" });
    expect(wb.getValues("Sheet1", "A1:A2")).toEqual([["kept"], [""]]);
  });

  test("visibility and freeze panes are recorded", async () => {
    const wb = new MemoryWorkbook({ sheets: ["A", "B"] });
    await wb.run(async (context) => {
      const b = context.workbook.worksheets.getItem("B");
      b.freezePanes.freezeRows(2);
      context.workbook.worksheets.getItem("A").visibility = "Hidden";
      await context.sync();
    });
    expect(wb.getSheetInfo("A").visibility).toBe("Hidden");
    expect(wb.getFreezePanes("B")).toEqual({ rows: 2, columns: 0 });
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("B").freezePanes.freezeColumns(3);
      await context.sync();
    });
    expect(wb.getFreezePanes("B")).toEqual({ rows: 0, columns: 3 });
  });
});

describe("ranges", () => {
  test("address, indexes and counts, with a quoted sheet name when needed", async () => {
    const wb = new MemoryWorkbook({ sheets: ["Bidder 1"] });
    await wb.run(async (context) => {
      const r = context.workbook.worksheets
        .getItem("Bidder 1")
        .getRange("B2:D5")
        .load("address, rowIndex, columnIndex, rowCount, columnCount, cellCount");
      const byIdx = context.workbook.worksheets
        .getItem("Bidder 1")
        .getRangeByIndexes(0, 0, 1, 1)
        .load("address");
      await context.sync();
      expect(r.toJSON()).toEqual({
        address: "'Bidder 1'!B2:D5",
        rowIndex: 1,
        columnIndex: 1,
        rowCount: 4,
        columnCount: 3,
        cellCount: 12,
      });
      expect(byIdx.address).toBe("'Bidder 1'!A1");
    });
  });

  test("an array that does not match the range is refused with InvalidArgument; [[x]] is not broadcast; a scalar is", async () => {
    const wb = new MemoryWorkbook();
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, 2]];
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1]];
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await wb.run(async (context) => {
      (
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2") as unknown as {
          values: unknown;
        }
      ).values = 9;
      await context.sync();
    });
    expect(wb.getValues("Sheet1", "A1:B2")).toEqual([
      [9, 9],
      [9, 9],
    ]);
  });

  test("null leaves a cell unchanged and an empty string clears it", async () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "A1:B1", [["keep", "clear"]]);
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [
        [null, ""],
      ] as never;
      await context.sync();
    });
    expect(wb.getValues("Sheet1", "A1:B1")).toEqual([["keep", ""]]);
  });

  test("number formats, text and value types", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("A1:E1");
      r.values = [[1234.5, 0.45, 45292, "words", "=1/0"]];
      r.numberFormat = [["£#,##0.00", "0.0%", "dd/mm/yyyy", "@", "General"]];
      r.load("text, valueTypes, numberFormat");
      await context.sync();
      expect(r.text).toEqual([["£1,234.50", "45.0%", "01/01/2024", "words", "#DIV/0!"]]);
      expect(r.valueTypes).toEqual([["Double", "Double", "Double", "String", "Error"]]);
      expect(r.numberFormat).toEqual([["£#,##0.00", "0.0%", "dd/mm/yyyy", "@", "General"]]);
    });
    expect(wb.getNumberFormats("Sheet1", "A1:B1")).toEqual([["£#,##0.00", "0.0%"]]);
    expect(wb.getText("Sheet1", "A2")).toEqual([[""]]);
  });

  test("derived ranges: getCell, offset, resize, row, column, last row, entire column", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("B2:D5");
      const got = [
        r.getCell(1, 1),
        r.getOffsetRange(1, 2),
        r.getResizedRange(1, -1),
        r.getRow(0),
        r.getColumn(2),
        r.getLastRow(),
        r.getLastCell(),
        r.getEntireColumn(),
        r.getRowsBelow(2),
        r.getColumnsAfter(),
      ].map((x) => x.load("address"));
      await context.sync();
      expect(got.map((x) => x.address)).toEqual([
        "Sheet1!C3",
        "Sheet1!D3:F6",
        "Sheet1!B2:C6",
        "Sheet1!B2:D2",
        "Sheet1!D2:D5",
        "Sheet1!B5:D5",
        "Sheet1!D5",
        "Sheet1!B:D",
        "Sheet1!B6:D7",
        "Sheet1!E2:E5",
      ]);
    });
  });

  test("a derived range outside the sheet fails at sync", async () => {
    const wb = new MemoryWorkbook();
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets
          .getItem("Sheet1")
          .getRange("A1")
          .getOffsetRange(-1, 0)
          .load("address");
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("getUsedRange, getUsedRangeOrNullObject on an empty sheet", async () => {
    const wb = new MemoryWorkbook({ sheets: ["Empty", "Full"] });
    wb.setCells("Full", "B2:C4", [
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    await wb.run(async (context) => {
      const emptyUsed = context.workbook.worksheets.getItem("Empty").getUsedRange().load("address");
      const emptyOrNull = context.workbook.worksheets.getItem("Empty").getUsedRangeOrNullObject();
      const full = context.workbook.worksheets
        .getItem("Full")
        .getUsedRange(true)
        .load("address, values");
      await context.sync();
      expect(emptyUsed.address).toBe("Empty!A1");
      expect(emptyOrNull.isNullObject).toBe(true);
      expect(full.address).toBe("Full!B2:C4");
      expect(full.values).toEqual([
        [1, 2],
        [3, 4],
        [5, 6],
      ]);
    });
  });

  test("getSurroundingRegion finds the contiguous block around a cell, including diagonal neighbours", async () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "B2:D4", [
      ["Name", "Amount", "Type"],
      ["A", 1, "x"],
      ["B", 2, ""],
    ]);
    wb.setCells("Sheet1", "E5", [["diag"]]); // touches D4 diagonally
    wb.setCells("Sheet1", "H10", [["far away"]]);
    await wb.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Sheet1");
      const fromInside = s.getRange("C3").getSurroundingRegion().load("address");
      const fromEmptyIsland = s.getRange("K20").getSurroundingRegion().load("address");
      const fromFar = s.getRange("H10").getSurroundingRegion().load("address");
      await context.sync();
      expect(fromInside.address).toBe("Sheet1!B2:E5");
      expect(fromEmptyIsland.address).toBe("Sheet1!K20");
      expect(fromFar.address).toBe("Sheet1!H10");
    });
  });

  test("clear(Contents) keeps formats; clear() removes both", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      r.values = [[1, 2]];
      r.format.fill.color = "yellow";
      r.numberFormat = [["0.00", "0.00"]];
      await context.sync();
      r.getCell(0, 0).clear("Contents");
      r.getCell(0, 1).clear();
      await context.sync();
    });
    expect(wb.getValues("Sheet1", "A1:B1")).toEqual([["", ""]]);
    expect(wb.getFill("Sheet1", "A1:B1")).toEqual([["#FFFF00", null]]);
    expect(wb.getNumberFormats("Sheet1", "A1:B1")).toEqual([["0.00", "General"]]);
  });

  test("formats: fill, font, alignment, wrap, widths, locked; mixed values read as null", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Sheet1");
      const header = s.getRange("A1:C1");
      header.format.fill.color = "#1f4e79";
      header.format.font.bold = true;
      header.format.font.color = "#FFFFFF";
      header.format.wrapText = true;
      header.format.horizontalAlignment = "Center";
      s.getRange("B:B").format.columnWidth = 120;
      s.getRange("B2:B10").format.protection.locked = false;
      const mixed = s.getRange("A1:A2").load("format/fill/color, format/font/bold");
      await context.sync();
      expect(mixed.format.fill.color).toBeNull();
      expect(mixed.format.font.bold).toBeNull();
      s.getRange("A1").format.fill.clear();
      await context.sync();
    });
    expect(wb.getFill("Sheet1", "A1:C1")).toEqual([[null, "#1F4E79", "#1F4E79"]]);
    expect(wb.getBold("Sheet1", "A1:C1")).toEqual([[true, true, true]]);
    expect(wb.getCellFormat("Sheet1", "B1")).toMatchObject({
      fontColor: "#FFFFFF",
      wrapText: true,
      horizontalAlignment: "Center",
      columnWidth: 120,
    });
    expect(wb.getLocked("Sheet1", "B1:B3")).toEqual([[true], [false], [false]]);
  });

  test("a bad colour or enum value fails at sync", async () => {
    const wb = new MemoryWorkbook();
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1").format.fill.color =
          "not a colour";
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1").format.horizontalAlignment =
          "Middle" as never;
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("autofitColumns widens a column to its longest text", async () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "A1:A2", [["a much longer piece of text than the default width"], ["x"]]);
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A:A").format.autofitColumns();
      await context.sync();
    });
    expect(wb.getColumnWidth("Sheet1", "A")).toBeGreaterThan(200);
    expect(wb.getColumnWidth("Sheet1", "B")).toBe(48);
  });

  test("selection: wb.select, getSelectedRange, range.select()", async () => {
    const wb = new MemoryWorkbook({ sheets: ["A", "B"] });
    wb.select("B", "C3:D4");
    await wb.run(async (context) => {
      const sel = context.workbook.getSelectedRange().load("address");
      await context.sync();
      expect(sel.address).toBe("B!C3:D4");
      context.workbook.worksheets.getItem("A").getRange("A5").select();
      await context.sync();
    });
    expect(wb.selectedAddress()).toBe("A!A5");
    expect(wb.activeSheetName()).toBe("A");
  });

  test("insert and delete shift cells", async () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "A1:A3", [[1], [2], [3]]);
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A2").insert("Down");
      await context.sync();
    });
    expect(wb.getValues("Sheet1", "A1:A4")).toEqual([[1], [""], [2], [3]]);
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:A2").delete("Up");
      await context.sync();
    });
    expect(wb.getValues("Sheet1", "A1:A3")).toEqual([[2], [3], [""]]);
  });

  test("a response over 5 MB is rejected (load fewer rows at a time)", async () => {
    const wb = new MemoryWorkbook();
    const rows = Array.from({ length: 100000 }, (_, i) => [
      `some longer descriptive text for row number ${i} of the register`,
      i,
    ]);
    for (let start = 0; start < rows.length; start += 25000)
      wb.setCells("Sheet1", `A${start + 1}:B${start + 25000}`, rows.slice(start, start + 25000));
    await expect(
      wb.run(async (context) => {
        const r = context.workbook.worksheets
          .getItem("Sheet1")
          .getRange("A1:B100000")
          .load("values");
        await context.sync();
        return r.values;
      })
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });
});
