import { MemoryWorkbook } from "../src/index";

describe("tables", () => {
  test("a table from a header row grows as rows and columns are added; header names stay unique", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:C1").values = [["Funder", "Amount", "Amount"]];
      const table = sheet.tables.add("A1:C1", true);
      table.name = "Register";
      const cols = table.columns.load("items/name");
      const emptyRows = table.rows.load("count");
      await context.sync();
      expect(cols.items.map((c) => c.name)).toEqual(["Funder", "Amount", "Amount2"]);
      expect(emptyRows.count).toBe(0);

      table.rows.add(undefined, [
        ["Lottery", 1000, 1],
        ["Council", 2500, 2],
      ]);
      table.columns.add(undefined, [["Type"], ["Grant"], ["Contract"]]);
      const range = table.getRange().load("address");
      const body = table.getDataBodyRange().load("address, values");
      const header = table.getHeaderRowRange().load("values");
      const count = table.rows.load("count");
      await context.sync();
      expect(range.address).toBe("Sheet1!A1:D3");
      expect(body.address).toBe("Sheet1!A2:D3");
      expect(body.values).toEqual([
        ["Lottery", 1000, 1, "Grant"],
        ["Council", 2500, 2, "Contract"],
      ]);
      expect(header.values).toEqual([["Funder", "Amount", "Amount2", "Type"]]);
      expect(count.count).toBe(2);
    });
    expect(wb.getTables()).toEqual([
      expect.objectContaining({
        name: "Register",
        sheet: "Sheet1",
        address: "Sheet1!A1:D3",
        headers: ["Funder", "Amount", "Amount2", "Type"],
        rowCount: 2,
      }),
    ]);
  });

  test("table lookup by name, null object for a missing one, ItemNotFound from getItem", async () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "A1:B2", [
      ["X", "Y"],
      [1, 2],
    ]);
    await wb.run(async (context) => {
      context.workbook.tables.add("Sheet1!A1:B2", true).name = "Data";
      const found = context.workbook.tables.getItemOrNullObject("data");
      const missing = context.workbook.tables.getItemOrNullObject("Nope");
      const col = context.workbook.tables
        .getItem("Data")
        .columns.getItem("Y")
        .getDataBodyRange()
        .load("values");
      await context.sync();
      expect(found.isNullObject).toBe(false);
      expect(missing.isNullObject).toBe(true);
      expect(col.values).toEqual([[2]]);
    });
    await expect(
      wb.run(async (context) => {
        context.workbook.tables.getItem("Nope").load("name");
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  test("a column added without a name gets Column<n>; a column with a duplicate name gets a suffix", async () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "A1:A2", [["Name"], ["a"]]);
    await wb.run(async (context) => {
      const t = context.workbook.worksheets.getItem("Sheet1").tables.add("A1:A2", true);
      t.columns.add(undefined, undefined, "Name");
      t.columns.add();
      const names = t.columns.load("items/name, items/index");
      await context.sync();
      expect(names.items.map((c) => [c.name, c.index])).toEqual([
        ["Name", 0],
        ["Name2", 1],
        ["Column3", 2],
      ]);
    });
  });

  test("tables may not overlap; a table without headers gets generated headers above its data", async () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "A1:B2", [
      [1, 2],
      [3, 4],
    ]);
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").tables.add("A1:B2", false);
      await context.sync();
    });
    expect(wb.getValues("Sheet1", "A1:B3")).toEqual([
      ["Column1", "Column2"],
      [1, 2],
      [3, 4],
    ]);
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").tables.add("B2:C4", true);
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("rows.add with values of the wrong width is refused", async () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "A1:B1", [["A", "B"]]);
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets
          .getItem("Sheet1")
          .tables.add("A1:B1", true)
          .rows.add(undefined, [[1, 2, 3]]);
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});

describe("settings", () => {
  test("round trip: add, read through getItemOrNullObject, replace, delete", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const missing = context.workbook.settings.getItemOrNullObject("Key");
      missing.load("value");
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      context.workbook.settings.add("Key", JSON.stringify({ threshold: 5000 }));
      await context.sync();
      const item = context.workbook.settings.getItemOrNullObject("Key");
      item.load("value");
      await context.sync();
      expect(item.isNullObject).toBe(false);
      expect(JSON.parse(item.value as string)).toEqual({ threshold: 5000 });
      context.workbook.settings.add("Key", "replaced");
      context.workbook.settings.add("Other", { nested: [1, 2] });
      await context.sync();
    });
    expect(wb.getSettings()).toEqual({ Key: "replaced", Other: { nested: [1, 2] } });
    await wb.run(async (context) => {
      context.workbook.settings.getItem("Key").delete();
      context.workbook.settings.getItemOrNullObject("Never").delete(); // ignored on a null object
      await context.sync();
    });
    expect(wb.getSettings()).toEqual({ Other: { nested: [1, 2] } });
  });
});

describe("protection", () => {
  test("protect records options; locked cells refuse writes; unlocked cells accept them", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Sheet1");
      s.getRange("B2:B3").format.protection.locked = false;
      s.protection.protect({ allowFormatColumns: true, allowAutoFilter: true });
      s.getRange("B2").values = [[10]];
      const p = s.protection.load("protected");
      await context.sync();
      expect(p.protected).toBe(true);
    });
    expect(wb.isProtected("Sheet1")).toBe(true);
    expect(wb.getProtection("Sheet1").options).toEqual({
      allowFormatColumns: true,
      allowAutoFilter: true,
    });
    expect(wb.getValues("Sheet1", "B2")).toEqual([[10]]);
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["nope"]];
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidOperation" });
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("B2").format.fill.color = "red";
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidOperation" });
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").protection.protect();
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidOperation" });
    await wb.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Sheet1");
      s.protection.unprotect();
      s.getRange("A1").values = [["now fine"]];
      await context.sync();
    });
    expect(wb.isProtected("Sheet1")).toBe(false);
    expect(wb.getValues("Sheet1", "A1")).toEqual([["now fine"]]);
  });

  test("a password-protected sheet needs the password to unprotect", async () => {
    const wb = new MemoryWorkbook();
    wb.protectSheet("Sheet1", {}, "secret");
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").protection.unprotect("wrong");
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(wb.isProtected("Sheet1")).toBe(true);
  });
});

describe("data validation", () => {
  test("rules, alerts and prompts are recorded per cell; valid reflects the values", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Sheet1");
      const amount = s.getRange("B2:B10");
      amount.dataValidation.rule = { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } };
      amount.dataValidation.errorAlert = {
        showAlert: true,
        style: "Stop",
        title: "Amount",
        message: "Enter an amount of £0 or more.",
      };
      const type = s.getRange("C2:C10");
      type.dataValidation.rule = {
        list: { inCellDropDown: true, source: "Shopping,Investing,Giving" },
      };
      type.dataValidation.prompt = { showPrompt: true, title: "Type", message: "Choose one" };
      s.getRange("B2:C2").values = [[-5, "Giving"]];
      const dv = s.getRange("B2").dataValidation.load("type, valid, rule");
      const ok = s.getRange("C2").dataValidation.load("valid");
      await context.sync();
      expect(dv.type).toBe("Decimal");
      expect(dv.valid).toBe(false);
      expect(ok.valid).toBe(true);
    });
    expect(wb.getValidation("Sheet1", "B5")).toMatchObject({
      type: "Decimal",
      rule: { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } },
      errorAlert: { message: "Enter an amount of £0 or more." },
    });
    expect(wb.getValidation("Sheet1", "C3")).toMatchObject({
      type: "List",
      prompt: { showPrompt: true, message: "Choose one" },
    });
    expect(wb.getValidation("Sheet1", "D2")).toBeNull();
    expect(wb.isValidInput("Sheet1", "C4", "investing")).toBe(true);
    expect(wb.isValidInput("Sheet1", "C4", "Buying")).toBe(false);
    expect(wb.isValidInput("Sheet1", "B4", "12.5")).toBe(true);

    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B2:B10").dataValidation.clear();
      await context.sync();
    });
    expect(wb.getValidation("Sheet1", "B5")).toBeNull();
  });

  test("an invalid rule is refused: two kinds, missing formula2 for Between, empty list", async () => {
    const bad = [
      {
        wholeNumber: { formula1: 1, operator: "GreaterThan" },
        decimal: { formula1: 1, operator: "GreaterThan" },
      },
      { wholeNumber: { formula1: 1, operator: "Between" } },
      { list: { inCellDropDown: true, source: "" } },
      { decimal: { formula1: 1, operator: "Bigger" } },
    ];
    for (const rule of bad) {
      const wb = new MemoryWorkbook();
      await expect(
        wb.run(async (context) => {
          context.workbook.worksheets.getItem("Sheet1").getRange("A1").dataValidation.rule =
            rule as never;
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- each bad rule goes to a workbook of its own and must fail its own sync
          await context.sync();
        })
      ).rejects.toMatchObject({ code: "InvalidArgument" });
      expect(wb.getValidation("Sheet1", "A1")).toBeNull();
    }
  });
});

describe("conditional formats", () => {
  test("cell value and custom formats are stored with range, rule and format", async () => {
    const wb = new MemoryWorkbook();
    await wb.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("D2:D20");
      const low = r.conditionalFormats.add("CellValue");
      low.cellValue.format.fill.color = "#FFC7CE";
      low.cellValue.format.font.color = "#9C0006";
      low.cellValue.rule = { formula1: "=0", operator: "LessThan" };
      const custom = r.conditionalFormats.add("Custom");
      custom.custom.rule.formula = '=$E2="Shopping"';
      custom.custom.format.fill.color = "yellow";
      const count = r.conditionalFormats.getCount();
      await context.sync();
      // eslint-disable-next-line office-addins/load-object-before-read -- getCount gives a ClientResult, read after the sync (the rule takes .value for a property)
      expect(count.value).toBe(2);
    });
    const cfs = wb.getConditionalFormats("Sheet1");
    expect(cfs).toHaveLength(2);
    expect(cfs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: "CellValue",
          address: "Sheet1!D2:D20",
          rule: { formula1: "=0", operator: "LessThan" },
          format: expect.objectContaining({ fill: { color: "#FFC7CE" } }),
        }),
        expect.objectContaining({
          type: "Custom",
          rule: { formula: '=$E2="Shopping"' },
          format: expect.objectContaining({ fill: { color: "#FFFF00" } }),
        }),
      ])
    );
    // The last added has the highest priority (0).
    expect(cfs[0].type).toBe("Custom");
  });

  test("using the wrong part of a conditional format fails at sync", async () => {
    const wb = new MemoryWorkbook();
    await expect(
      wb.run(async (context) => {
        const cf = context.workbook.worksheets
          .getItem("Sheet1")
          .getRange("A1:A5")
          .conditionalFormats.add("CellValue");
        cf.custom.format.fill.color = "red";
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidOperation" });
  });
});

describe("charts", () => {
  test("a chart records its type, source, series from the header row, title, legend and position", async () => {
    const wb = new MemoryWorkbook();
    wb.setCells("Sheet1", "A1:C4", [
      ["Bidder", "Quality", "Price"],
      ["One", 70, 20],
      ["Two", 60, 30],
      ["Three", 80, 10],
    ]);
    await wb.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Sheet1");
      const chart = s.charts.add("ColumnClustered", s.getRange("A1:C4"), "Columns");
      chart.name = "Scores";
      chart.title.text = "Weighted scores";
      chart.legend.position = "Bottom";
      chart.axes.valueAxis.title.text = "Points";
      chart.setPosition("E2", "L18");
      const series = chart.series.load("items/name");
      await context.sync();
      expect(series.items.map((x) => x.name)).toEqual(["Quality", "Price"]);
    });
    expect(wb.getCharts("Sheet1")).toEqual([
      expect.objectContaining({
        name: "Scores",
        chartType: "ColumnClustered",
        source: "Sheet1!A1:C4",
        title: "Weighted scores",
        legend: { visible: true, position: "Bottom" },
        position: expect.objectContaining({ start: "E2", end: "L18" }),
        series: [
          expect.objectContaining({
            name: "Quality",
            values: "Sheet1!B2:B4",
            xValues: "Sheet1!A2:A4",
          }),
          expect.objectContaining({ name: "Price", values: "Sheet1!C2:C4" }),
        ],
      }),
    ]);
  });

  test("an unknown chart type is refused", async () => {
    const wb = new MemoryWorkbook();
    await expect(
      wb.run(async (context) => {
        const s = context.workbook.worksheets.getItem("Sheet1");
        s.charts.add("Column" as never, s.getRange("A1:B2"));
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});
