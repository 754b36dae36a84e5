/**
 * Members of the Excel API that the add-in does not call yet but that the double keeps for the
 * work ahead (ranges, formats, tables, charts, conditional formats, data validation, protection,
 * settings, named items): each is checked here against what Microsoft's documentation says.
 */
import { MemoryWorkbook, installExcelGlobals } from "../src/index";

describe("workbook and worksheets", () => {
  test("getActiveCell is the first cell of the selection; worksheets by id; getCell; visible count", async () => {
    const wb = new MemoryWorkbook({ sheets: ["A", "B"] });
    wb.select("B", "C3:D5");
    await wb.run(async (context) => {
      const cell = context.workbook.getActiveCell().load("address");
      const b = context.workbook.worksheets.getItem("B").load("id");
      await context.sync();
      expect(cell.address).toBe("B!C3");
      context.workbook.worksheets.getItem("A").visibility = "Hidden";
      const byId = context.workbook.worksheets.getItem(b.id).load("name");
      const c = byId.getCell(1, 2).load("address");
      const all = context.workbook.worksheets.getCount();
      const visible = context.workbook.worksheets.getCount(true);
      await context.sync();
      const everything = context.workbook.worksheets.getItem("A").load();
      await context.sync();
      expect(everything.toJSON()).toMatchObject({ name: "A", visibility: "Hidden", position: 0 });
      expect(byId.name).toBe("B");
      expect(c.address).toBe("B!C2");
      // getCount gives a ClientResult, whose value is read after the sync (the rule takes it for a property).
      // eslint-disable-next-line office-addins/load-object-before-read
      expect([all.value, visible.value]).toEqual([2, 1]);
    });
  });

  test("protection reports its options (Excel's defaults filled in) and whether it has a password", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const p = context.workbook.worksheets.getItem("Sheet1").protection;
      p.protect({ allowFormatColumns: true }, "pw");
      p.load("protected, options, isPasswordProtected");
      await context.sync();
      expect(p.protected).toBe(true);
      expect(p.isPasswordProtected).toBe(true);
      expect(p.options).toMatchObject({
        allowFormatColumns: true,
        allowFormatCells: false,
        selectionMode: "Normal",
      });
    });
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").protection.protect({ allowSort: true });
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidOperation" }); // already protected
  });

  test.each([
    ["hidden", (ws: Excel.Worksheet) => (ws.visibility = "Hidden")],
    ["deleted", (ws: Excel.Worksheet) => ws.delete()],
  ])("the last visible sheet cannot be %s", async (_what, act) => {
    const wb = new MemoryWorkbook();
    await expect(
      wb.run(async (context) => {
        act(context.workbook.worksheets.getItem("Sheet1"));
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidOperation" });
  });

  test("a sheet name already used (in any case) is refused", async () => {
    const wb = new MemoryWorkbook();
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.add("sheet1");
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "ItemAlreadyExists" });
  });
});

describe("ranges", () => {
  test("ranges worked out from another: resized, above, before, last column, entire row", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("C3:D5");
      const out = [
        r.getAbsoluteResizedRange(2, 3),
        r.getRowsAbove(2),
        r.getColumnsBefore(),
        r.getLastColumn(),
        r.getEntireRow(),
        r.getEntireColumn(),
      ].map((x) => x.load("address"));
      const whole = r.getEntireRow().load("isEntireRow, isEntireColumn, cellCount");
      await context.sync();
      expect(out.map((x) => x.address)).toEqual([
        "Sheet1!C3:E4",
        "Sheet1!C1:D2",
        "Sheet1!B3:B5",
        "Sheet1!D3:D5",
        "Sheet1!3:5",
        "Sheet1!C:D",
      ]);
      expect([whole.isEntireRow, whole.isEntireColumn, whole.cellCount]).toEqual([
        true,
        false,
        3 * 16384,
      ]);
    });
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1").getRowsAbove().load("address");
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" }); // no row above row 1
  });

  test("intersection, bounding rectangle and the used part of a range", async () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "B2:C3", [
      [1, 2],
      [3, 4],
    ]);
    await wb.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Sheet1");
      const r = s.getRange("A1:C2");
      const i = r.getIntersection("B2:D4").load("address");
      const none = r.getIntersectionOrNullObject(s.getRange("E5"));
      const box = r.getBoundingRect("D4").load("address");
      const used = s.getRange("A1:B9").getUsedRange().load("address");
      await context.sync();
      expect(i.address).toBe("Sheet1!B2:C2");
      expect(none.isNullObject).toBe(true);
      expect(box.address).toBe("Sheet1!A1:D4");
      expect(used.address).toBe("Sheet1!B2:B3");
    });
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets
          .getItem("Sheet1")
          .getRange("F1:G9")
          .getUsedRange()
          .load("address");
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  test("the Local variants read and write as the plain ones (the double has one locale)", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      r.formulasLocal = [[2, "=A1*2"]];
      r.numberFormatLocal = [["0.00", "0%"]];
      r.load("addressLocal, formulas, numberFormat, text");
      await context.sync();
      expect(r.addressLocal).toBe("Sheet1!A1:B1");
      expect(r.formulas).toEqual([[2, "=A1*2"]]);
      expect(r.numberFormat).toEqual([["0.00", "0%"]]);
      expect(r.text).toEqual([["2.00", "400%"]]);
    });
  });
});

describe("formats", () => {
  test("row heights, alignment, indent, font and formula hiding are stored and read back", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
      r.format.rowHeight = 30;
      r.format.horizontalAlignment = "Center";
      r.format.verticalAlignment = "Top";
      r.format.indentLevel = 2;
      r.format.font.strikethrough = true;
      r.format.font.underline = "Single";
      r.format.font.name = "Arial";
      r.format.protection.formulaHidden = true;
      const format = r.format.load(
        "rowHeight, horizontalAlignment, verticalAlignment, indentLevel"
      );
      const font = r.format.font.load("strikethrough, underline, name");
      const protection = r.format.protection.load("formulaHidden");
      const mixed = context.workbook.worksheets
        .getItem("Sheet1")
        .getRange("A2:A3")
        .format.load("rowHeight");
      await context.sync();
      expect(format.rowHeight).toBe(30);
      expect(format.horizontalAlignment).toBe("Center");
      expect(format.verticalAlignment).toBe("Top");
      expect(format.indentLevel).toBe(2);
      expect([font.strikethrough, font.underline, font.name]).toEqual([true, "Single", "Arial"]);
      expect(protection.formulaHidden).toBe(true);
      expect(mixed.rowHeight).toBeNull(); // rows of different heights, as Excel reports
    });
    expect(wb.getCellFormat("Sheet1", "B2")).toMatchObject({
      horizontalAlignment: "Center",
      fontName: "Arial",
      rowHeight: 30,
    });
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1").format.verticalAlignment =
          "Middle" as never;
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("borders: each edge has its own style, colour and weight", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const borders = context.workbook.worksheets.getItem("Sheet1").getRange("A1:C1")
        .format.borders;
      const top = borders.getItem("EdgeTop");
      top.style = "Double";
      top.color = "red";
      top.weight = "Thick";
      const bottom = borders.getItem("EdgeBottom").load("style, color, weight");
      top.load("style, color, weight, sideIndex");
      borders.load("count");
      await context.sync();
      expect([top.sideIndex, top.style, top.color, top.weight]).toEqual([
        "EdgeTop",
        "Double",
        "#FF0000",
        "Thick",
      ]);
      expect([bottom.style, bottom.color, bottom.weight]).toEqual(["None", "#000000", "Thin"]);
      expect(borders.count).toBe(8);
    });
  });

  test("autofitRows makes wrapped text rows taller and leaves others at the standard height", async () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "A1:A2", [
      ["a long note that will not fit on one line of a narrow column"],
      ["short"],
    ]);
    await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("A1:A2");
      r.format.wrapText = true;
      r.format.autofitRows();
      r.format.fill.color = "#FFFF00";
      r.format.fill.clear();
      await context.sync();
    });
    expect(wb.getCellFormat("Sheet1", "A1").rowHeight).toBeGreaterThan(15);
    expect(wb.getCellFormat("Sheet1", "A2").rowHeight).toBe(15);
    expect(wb.getFill("Sheet1", "A1:A2")).toEqual([[null], [null]]);
  });
});

describe("data validation", () => {
  test("defaults with no rule; type, alert, prompt and ignoreBlanks after setting; Inconsistent over mixed cells", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Sheet1");
      const before = s
        .getRange("A1")
        .dataValidation.load("type, rule, errorAlert, prompt, ignoreBlanks");
      await context.sync();
      expect(before.type).toBe("None");
      expect(before.ignoreBlanks).toBe(true);
      expect(before.errorAlert).toMatchObject({ showAlert: true, style: "Stop" });
      expect(before.prompt).toMatchObject({ showPrompt: false });
      const dv = context.workbook.worksheets.getItem("Sheet1").getRange("A1:A3").dataValidation;
      dv.rule = { textLength: { formula1: 10, operator: "LessThanOrEqualTo" } };
      dv.ignoreBlanks = false;
      dv.errorAlert = {
        showAlert: true,
        style: "Warning",
        title: "Long",
        message: "Keep it short",
      };
      dv.prompt = { showPrompt: true, title: "Code", message: "Up to 10 characters" };
      const after = s.getRange("A2").dataValidation.load("type, errorAlert, prompt, ignoreBlanks");
      const mixed = s.getRange("A3:A4").dataValidation.load("type, rule");
      await context.sync();
      expect(after.type).toBe("TextLength");
      expect(after.ignoreBlanks).toBe(false);
      expect(after.errorAlert).toMatchObject({ style: "Warning", message: "Keep it short" });
      expect(after.prompt).toMatchObject({ showPrompt: true, title: "Code" });
      expect(mixed.type).toBe("Inconsistent");
      expect(mixed.rule).toBeNull();
    });
    expect(wb.isValidInput("Sheet1", "A1", "0123456789")).toBe(true);
    expect(wb.isValidInput("Sheet1", "A1", "0123456789X")).toBe(false);
    expect(wb.isValidInput("Sheet1", "A1", "")).toBe(false); // blanks not ignored
  });
});

describe("conditional formats", () => {
  test("found by id and index; priority, stopIfTrue, range and delete", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("A1:A9");
      r.conditionalFormats.add("CellValue").cellValue.rule = { formula1: "1", operator: "EqualTo" };
      const second = r.conditionalFormats.add("Custom").load("id");
      await context.sync();
      const byId = r.conditionalFormats.getItem(second.id);
      byId.stopIfTrue = true;
      byId.priority = 5;
      byId.load("type, stopIfTrue, priority");
      const first = r.conditionalFormats.getItemAt(1).load("type");
      const range = byId.getRange().load("address");
      const rule = byId.custom.rule.load("formula");
      await context.sync();
      expect(rule.formula).toBeNull(); // not set yet
      expect([byId.type, byId.stopIfTrue, byId.priority]).toEqual(["Custom", true, 5]);
      expect(first.type).toBe("CellValue");
      expect(range.address).toBe("Sheet1!A1:A9");
      first.delete();
      await context.sync();
    });
    expect(wb.getConditionalFormats("Sheet1").map((c) => c.type)).toEqual(["Custom"]);
  });

  test("text, top/bottom and preset rules are checked; their formats read back", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("B1:B9");
      const text = r.conditionalFormats.add("ContainsText");
      text.textComparison.rule = { operator: "Contains", text: "late" };
      text.textComparison.format.font.bold = true;
      text.textComparison.format.font.italic = true;
      text.textComparison.format.font.strikethrough = false;
      text.textComparison.format.font.underline = "Single";
      text.textComparison.format.numberFormat = "@";
      const top = r.conditionalFormats.add("TopBottom");
      top.topBottom.rule = { type: "TopItems", rank: 3 };
      top.topBottom.format.fill.color = "#C6EFCE";
      top.topBottom.format.fill.clear();
      const blanks = r.conditionalFormats.add("PresetCriteria");
      blanks.preset.rule = { criterion: "Blanks" };
      blanks.preset.format.font.color = "#9C0006";
      blanks.preset.format.font.clear();
      const font = text.textComparison.format.font.load(
        "bold, italic, strikethrough, underline, color"
      );
      const rule = top.topBottom.load("rule");
      await context.sync();
      expect([font.bold, font.italic, font.strikethrough, font.underline, font.color]).toEqual([
        true,
        true,
        false,
        "Single",
        null,
      ]);
      expect(rule.rule).toEqual({ type: "TopItems", rank: 3 });
    });
    const byType = Object.fromEntries(wb.getConditionalFormats("Sheet1").map((c) => [c.type, c]));
    expect(byType.ContainsText.rule).toEqual({ operator: "Contains", text: "late" });
    expect(byType.ContainsText.format?.numberFormat).toBe("@");
    expect(byType.TopBottom.format?.fill.color).toBeNull();
    expect(byType.PresetCriteria.format?.font.color).toBeNull();
    await expect(
      wb.run(async (context) => {
        const cf = context.workbook.worksheets
          .getItem("Sheet1")
          .getRange("A1")
          .conditionalFormats.add("TopBottom");
        cf.topBottom.rule = { type: "Top", rank: 3 } as never;
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("colour scales, data bars and icon sets record their settings", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("C1:C9");
      r.conditionalFormats.add("ColorScale").colorScale.criteria = {
        minimum: { type: "LowestValue", color: "#F8696B" },
        maximum: { type: "HighestValue", color: "#63BE7B" },
      };
      r.conditionalFormats.add("DataBar").dataBar.barDirection = "LeftToRight";
      r.conditionalFormats.add("IconSet").iconSet.style = "ThreeArrows";
      await context.sync();
    });
    const [iconSet, dataBar, colorScale] = wb.getConditionalFormats("Sheet1");
    expect(iconSet.type).toBe("IconSet");
    expect(iconSet.detail).toMatchObject({ style: "ThreeArrows", reverseIconOrder: false });
    expect(dataBar.detail.barDirection).toBe("LeftToRight");
    expect(colorScale.detail.criteria).toMatchObject({ maximum: { color: "#63BE7B" } });
  });

  test("only Excel's type names are accepted (ContainsText, not TextComparison)", async () => {
    const wb = new MemoryWorkbook();
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets
          .getItem("Sheet1")
          .getRange("A1")
          .conditionalFormats.add("TextComparison" as never);
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});

describe("tables", () => {
  async function withTable(wb: MemoryWorkbook) {
    wb.setCells("Sheet1", "A1:C3", [
      ["Funder", "Amount", "Year"],
      ["Lottery", 1000, 2023],
      ["Council", 2500, 2024],
    ]);
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").tables.add("A1:C3", true).name = "Grants";
      await context.sync();
    });
  }

  test("the table's own properties, totals row, index, count and worksheet", async () => {
    const wb = new MemoryWorkbook();
    await withTable(wb);
    await wb.run(async (context) => {
      const t = context.workbook.tables.getItemAt(0);
      t.style = "TableStyleLight9";
      t.showBandedRows = false;
      t.showFilterButton = false;
      t.showTotals = true;
      t.load("id, name, style, showBandedRows, showFilterButton, showTotals, showHeaders");
      const totals = t.getTotalRowRange().load("address");
      const ws = t.worksheet.load("name");
      const count = context.workbook.tables.load("count");
      await context.sync();
      expect(t.id).toMatch(/^\{T/);
      expect([t.name, t.style, t.showBandedRows, t.showFilterButton, t.showTotals]).toEqual([
        "Grants",
        "TableStyleLight9",
        false,
        false,
        true,
      ]);
      expect(totals.address).toBe("Sheet1!A4:C4");
      const yearTotal = t.columns.getItem("Year").getTotalRowRange().load("address");
      await context.sync();
      expect(yearTotal.address).toBe("Sheet1!C4");
      expect(ws.name).toBe("Sheet1");
      expect(count.count).toBe(1);
      t.showTotals = false;
      t.showHeaders = false;
      const body = t.getRange().load("address");
      await context.sync();
      expect(body.address).toBe("Sheet1!A2:C3");
    });
  });

  test("columns: by name or index, null object, rename, values, ranges, insert and delete", async () => {
    const wb = new MemoryWorkbook();
    await withTable(wb);
    await wb.run(async (context) => {
      const cols = context.workbook.tables.getItem("Grants").columns;
      const missing = cols.getItemOrNullObject("Nope");
      const amount = cols.getItemAt(1).load("id, index, name, values");
      const header = cols.getItem("Year").getHeaderRowRange().load("address");
      const whole = cols.getItem("Year").getRange().load("address");
      cols.load("count");
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect([amount.id, amount.index, amount.name]).toEqual([2, 1, "Amount"]);
      expect(amount.values).toEqual([["Amount"], [1000], [2500]]);
      expect(header.address).toBe("Sheet1!C1");
      expect(whole.address).toBe("Sheet1!C1:C3");
      expect(cols.count).toBe(3);
      amount.name = "Award";
      amount.values = [["Award"], [1100], [2600]];
      cols.add(1, [["Type"], ["Grant"], ["Contract"]]);
      cols.getItem("Year").delete();
      await context.sync();
    });
    expect(wb.getValues("Sheet1", "A1:D3")).toEqual([
      ["Funder", "Type", "Award", ""],
      ["Lottery", "Grant", 1100, ""],
      ["Council", "Contract", 2600, ""],
    ]);
    expect(wb.getTables()[0]).toMatchObject({ headers: ["Funder", "Type", "Award"] });
  });

  test("rows: by index, their values and range, delete; delete and convertToRange of the table", async () => {
    const wb = new MemoryWorkbook();
    await withTable(wb);
    await wb.run(async (context) => {
      const t = context.workbook.tables.getItem("Grants");
      const second = t.rows.getItemAt(1).load("index, values");
      const range = second.getRange().load("address");
      await context.sync();
      expect(second.index).toBe(1);
      expect(second.values).toEqual([["Council", 2500, 2024]]);
      expect(range.address).toBe("Sheet1!A3:C3");
      t.rows.getItemAt(0).values = [["Trust", 500, 2022]];
      second.delete();
      const left = t.rows.load("count");
      await context.sync();
      expect(left.count).toBe(1);
    });
    expect(wb.getValues("Sheet1", "A2:C3")).toEqual([
      ["Trust", 500, 2022],
      ["", "", ""],
    ]);
    await wb.run(async (context) => {
      const r = context.workbook.tables.getItem("Grants").convertToRange().load("address");
      await context.sync();
      expect(r.address).toBe("Sheet1!A1:C2");
    });
    expect(wb.getTables()).toEqual([]);
    expect(wb.getValues("Sheet1", "A2")).toEqual([["Trust"]]); // the data stays
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").tables.add("A1:C2", true).delete();
      await context.sync();
    });
    expect(wb.getValues("Sheet1", "A1:A2")).toEqual([[""], [""]]); // deleting a table clears it
  });
});

describe("charts", () => {
  test("lookup, position and size, title, legend, axes and series", async () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "A1:C3", [
      ["", "2023/24", "2024/25"],
      ["Grants", 10, 12],
      ["Contracts", 5, 8],
    ]);
    await wb.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const chart = sheet.charts.add("Line", sheet.getRange("A1:C3"), "Rows");
      const charts = context.workbook.worksheets.getItem("Sheet1").charts;
      chart.name = "Trend";
      chart.chartType = "LineMarkers";
      chart.top = 10;
      chart.left = 20;
      chart.width = 300;
      chart.height = 200;
      chart.style = 5;
      chart.title.text = "Funding by year";
      chart.title.overlay = true;
      chart.legend.visible = false;
      const value = chart.axes.valueAxis;
      value.title.text = "£ thousands";
      value.numberFormat = "#,##0";
      value.minimum = 0;
      value.maximum = 20;
      chart.axes.categoryAxis.visible = false;
      const found = charts.getItem("trend").load("id, chartType, top, left, width, height, style");
      const missing = charts.getItemOrNullObject("Nope");
      const title = charts.getItemAt(0).title.load("text, visible, overlay");
      const axis = value.load("numberFormat, minimum, maximum");
      const axisTitle = value.title.load("text, visible");
      const ws = found.worksheet.load("name");
      charts.load("count");
      await context.sync();
      expect(found.id).toMatch(/^\{C/);
      expect([
        found.chartType,
        found.top,
        found.left,
        found.width,
        found.height,
        found.style,
      ]).toEqual(["LineMarkers", 10, 20, 300, 200, 5]);
      expect(missing.isNullObject).toBe(true);
      expect([title.text, title.visible, title.overlay]).toEqual(["Funding by year", true, true]);
      expect([axis.numberFormat, axis.minimum, axis.maximum]).toEqual(["#,##0", 0, 20]);
      expect([axisTitle.text, axisTitle.visible]).toEqual(["£ thousands", true]);
      expect(ws.name).toBe("Sheet1");
      expect(charts.count).toBe(1);
    });
    expect(wb.getCharts("Sheet1")[0]).toMatchObject({
      chartType: "LineMarkers",
      legend: { visible: false },
      axes: { categoryAxis: { visible: false }, valueAxis: { minimum: 0, maximum: 20 } },
      series: [
        { name: "Grants", values: "Sheet1!B2:C2", xValues: "Sheet1!B1:C1" },
        { name: "Contracts", values: "Sheet1!B3:C3", xValues: "Sheet1!B1:C1" },
      ],
    });
  });

  test("a chart's data is a Range, as Excel's ChartCollection.add takes (no address text)", async () => {
    const wb = new MemoryWorkbook();
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").charts.add("Pie", "A1:B3" as never);
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("series added, named, pointed at data and deleted; setData re-derives them; delete", async () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "A1:B3", [
      ["Type", "Amount"],
      ["Grant", 10],
      ["Contract", 5],
    ]);
    await wb.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const chart = sheet.charts.add("Pie", sheet.getRange("A1:B3"));
      const extra = chart.series.add("Target");
      extra.setValues(sheet.getRange("B2:B3"));
      extra.setXAxisValues(sheet.getRange("A2:A3"));
      extra.chartType = "Line";
      const first = chart.series.getItemAt(0);
      first.name = "Amount (£)";
      first.load("name, chartType");
      const count = chart.series.load("count");
      await context.sync();
      expect([first.name, first.chartType]).toEqual(["Amount (£)", "Pie"]);
      expect(count.count).toBe(2);
      first.delete();
      await context.sync();
    });
    expect(wb.getCharts("Sheet1")[0].series).toEqual([
      { name: "Target", values: "Sheet1!B2:B3", xValues: "Sheet1!A2:A3", chartType: "Line" },
    ]);
    wb.setCells("Sheet1", "C1:C3", [["Count"], [3], [1]]);
    await wb.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.charts.getItemAt(0).setData(sheet.getRange("A1:C3"), "Columns");
      await context.sync();
    });
    expect(wb.getCharts("Sheet1")[0].series.map((s) => s.name)).toEqual(["Amount", "Count"]);
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").charts.getItemAt(0).delete();
      await context.sync();
    });
    expect(wb.getCharts("Sheet1")).toEqual([]);
  });
});

describe("settings", () => {
  test("items with key and value; a value can be replaced through the item", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      context.workbook.settings.add("a", 1);
      context.workbook.settings.add("b", "two");
      await context.sync();
      context.workbook.settings.getItem("a").value = { three: 3 };
      const items = context.workbook.settings.load("items/key, items/value");
      await context.sync();
      expect(items.items.map((s) => [s.key, s.value])).toEqual([
        ["a", { three: 3 }],
        ["b", "two"],
      ]);
      expect(items.toJSON()).toEqual({
        items: [
          { key: "a", value: { three: 3 } },
          { key: "b", value: "two" },
        ],
      });
    });
  });
});

describe("named items", () => {
  test("add from a range or a reference, look up, read, resolve and delete", async () => {
    const wb = new MemoryWorkbook({ sheets: ["Data"] });
    wb.setCells("Data", "A1:A3", [[1], [2], [3]]);
    await wb.run(async (context) => {
      const names = context.workbook.names;
      names.add(
        "Amounts",
        context.workbook.worksheets.getItem("Data").getRange("A1:A3"),
        "Award amounts"
      );
      names.add("First", "=Data!$A$1");
      const n = names.getItem("amounts").load("name, formula, value, type, comment, visible");
      const missing = names.getItemOrNullObject("Nope");
      const range = n.getRange().load("address");
      const items = names.load("items/name");
      await context.sync();
      expect([n.name, n.formula, n.value, n.type, n.comment, n.visible]).toEqual([
        "Amounts",
        "=Data!$A$1:$A$3",
        "Data!$A$1:$A$3",
        "Range",
        "Award amounts",
        true,
      ]);
      expect(missing.isNullObject).toBe(true);
      expect(range.address).toBe("Data!A1:A3");
      expect(items.items.map((i) => i.name)).toEqual(["Amounts", "First"]);
      context.workbook.worksheets.getItem("Data").getRange("B1").formulas = [["=SUM(Amounts)"]];
      names.getItem("First").delete();
      const gone = names.getItem("Amounts").getRangeOrNullObject();
      await context.sync();
      expect(gone.isNullObject).toBe(false);
    });
    expect(wb.getValues("Data", "B1")).toEqual([[6]]);
    expect(wb.getNames()).toEqual([
      { name: "Amounts", formula: "=Data!$A$1:$A$3", comment: "Award amounts" },
    ]);
  });
});

describe("the request context and proxies", () => {
  test("context.load, context.application, set(), toJSON() and new Excel.RequestContext()", async () => {
    const wb = new MemoryWorkbook();
    const restore = installExcelGlobals(wb);
    try {
      const context = new Excel.RequestContext();
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      r.set({ values: [[1, 2]], format: { font: { bold: true } } });
      context.load(r, "values, address");
      r.format.font.load("bold");
      context.application.calculate("Full");
      context.trace("a no-op");
      context.trackedObjects.add(r);
      expect(r.track().untrack()).toBe(r);
      // ClientObject.context needs no load; the rule does not know it.
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
      expect(r.context).toBe(context);
      await context.sync();
      expect(r.toJSON()).toMatchObject({
        values: [[1, 2]],
        address: "Sheet1!A1:B1",
        format: { font: { bold: true } },
      });
      expect(() => r.set({ nope: 1 } as never)).toThrow(
        expect.objectContaining({ code: "InvalidArgument" })
      );
    } finally {
      restore();
    }
    expect(wb.getBold("Sheet1", "A1:B1")).toEqual([[true, true]]);
  });

  test("setting a property the double does not implement throws instead of passing silently", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      expect(() => {
        (sheet as unknown as Record<string, unknown>).tabColor = "#FF0000";
      }).toThrow(TypeError);
      expect(() => {
        (sheet.getRange("A1") as unknown as Record<string, unknown>).hyperlink = { address: "x" };
      }).toThrow(TypeError);
      await context.sync();
    });
  });

  test("helpers: setNumberFormats writes formats directly; createContext gives a working context", async () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "A1", [[0.25]]);
    wb.setNumberFormats("Sheet1", "A1", [["0%"]]);
    expect(wb.getText("Sheet1", "A1")).toEqual([["25%"]]);
    const context = wb.createContext();
    const r = context.workbook.worksheets.getItem("Sheet1").getRange("A1").load("numberFormat");
    await context.sync();
    expect(r.numberFormat).toEqual([["0%"]]);
  });

  test("calculateFormula evaluates without writing; an array result comes back as rows", () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "A1:B1", [[1, 2]]);
    expect(wb.calculateFormula("Sheet1", "SUM(A1:B1)")).toBe(3);
    expect(wb.calculateFormula("Sheet1", "=A1:B1*2")).toEqual([[2, 4]]);
    expect(wb.calculateFormula("Sheet1", "=1/0")).toBe("#DIV/0!");
    expect(wb.getFormulas("Sheet1", "C1")).toEqual([[""]]);
  });
});
