/** @jest-environment jsdom */
import { act, renderHook, waitFor } from "@testing-library/react";
import { useExcelAction } from "../../../src/taskpane/hooks/useExcelAction";
import { useDoubleWorkbook } from "../../support/taskpane";

const workbook = useDoubleWorkbook();

describe("useExcelAction", () => {
  test("busy while the work runs; a second run asked for meanwhile is ignored", async () => {
    const { result } = renderHook(() => useExcelAction());
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let runs = 0;
    const work = async (context: Excel.RequestContext) => {
      runs++;
      context.workbook.worksheets.add(`Run ${runs}`);
      await gate;
      await context.sync();
      return runs;
    };
    let first!: Promise<number | undefined>;
    let second!: Promise<number | undefined>;
    act(() => {
      first = result.current.run(work);
      second = result.current.run(work);
    });
    await waitFor(() => expect(result.current.busy).toBe(true));
    expect(await second).toBeUndefined();
    release();
    await act(async () => {
      expect(await first).toBe(1);
    });
    expect(result.current.busy).toBe(false);
    expect(runs).toBe(1);
    expect(workbook().sheetNames()).toContain("Run 1");
  });

  test("when Excel throws, the message says what stopped and why, and the view can run again", async () => {
    const { result } = renderHook(() => useExcelAction("Classification stopped"));
    await act(async () => {
      const out = await result.current.run(async (context) => {
        context.workbook.worksheets.getItem("No such sheet").load("name");
        await context.sync();
      });
      expect(out).toBeUndefined();
    });
    expect(result.current.message?.intent).toBe("error");
    expect(result.current.message?.text).toMatch(/^Classification stopped: /);
    await act(async () => {
      expect(await result.current.run(async () => 7, "Could not save")).toBe(7);
    });
    expect(result.current.message).toBeNull();
  });
});
