/** @jest-environment jsdom */
import * as React from "react";
import { act, fireEvent, renderHook, screen, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { useExcelAction } from "../../../src/taskpane/hooks/useExcelAction";
import { EditedCellsProvider } from "../../../src/taskpane/components/EditedCellsDialog";
import { beginOwned, exclusive, finishOwned } from "../../../src/excel/ownership";
import { useDoubleWorkbook } from "../../support/taskpane";

const workbook = useDoubleWorkbook();
/** Fluent's focus manager may mark the dialog's portal aria-hidden while it settles in jsdom. */
const hidden = { hidden: true } as const;

const wrapper = ({ children }: { children: React.ReactNode }) => (
  <FluentProvider theme={webLightTheme}>
    <EditedCellsProvider>{children}</EditedCellsProvider>
  </FluentProvider>
);

/** A workflow writing two cells on its own sheet "Out" (as the three workflows do). */
const writeOut = (first: string) => async (context: Excel.RequestContext) => {
  const session = await beginOwned(context, "test", { label: "Classification", sheets: ["Out"] });
  await session.write([
    {
      sheet: "Out",
      spec: { name: "Out", blocks: [{ row: 0, col: 0, kind: "text", cells: [[first, "b"]] }] },
    },
  ]);
  await finishOwned(context);
  return "written";
};

async function editedThenRun(answer: string | null) {
  const { result } = renderHook(() => useExcelAction("Classification stopped"), { wrapper });
  await act(async () => {
    expect(await result.current.run(writeOut("a"))).toBe("written");
  });
  workbook().setCells("Out", "A1", [["mine"]]);
  let out!: Promise<string | undefined>;
  act(() => {
    out = result.current.run(writeOut("new"));
  });
  const dialog = await screen.findByRole("alertdialog", hidden);
  expect(dialog.textContent).toContain("Classification would write over 1 cell you changed");
  expect(dialog.textContent).toContain("Out!A1: the add-in wrote a, now mine");
  if (answer) fireEvent.click(screen.getByRole("button", { ...hidden, name: answer }));
  let value: string | undefined;
  await act(async () => {
    value = await out;
  });
  return { value, result };
}

describe("asking about cells the user changed", () => {
  test("Keep my changes: the work runs again and keeps them", async () => {
    const { value } = await editedThenRun("Keep my changes");
    expect(value).toBe("written");
    expect(workbook().getValues("Out", "A1:B1")).toEqual([["mine", "b"]]);
  });

  test("Overwrite: the work runs again and replaces them", async () => {
    const { value } = await editedThenRun("Overwrite");
    expect(value).toBe("written");
    expect(workbook().getValues("Out", "A1:B1")).toEqual([["new", "b"]]);
  });

  test("Cancel: nothing changes, and the status says so", async () => {
    const { value, result } = await editedThenRun("Cancel");
    expect(value).toBeUndefined();
    expect(workbook().getValues("Out", "A1:B1")).toEqual([["mine", "b"]]);
    expect(result.current.message).toEqual({
      intent: "info",
      text: "Cancelled: nothing has been changed.",
    });
  });

  test("more than 20 cells: 20 listed, then how many more", async () => {
    const many = async (context: Excel.RequestContext) => {
      const session = await beginOwned(context, "many", { label: "Generating", sheets: ["M"] });
      const cells = Array.from({ length: 25 }, (_, i) => [`v${i}`]);
      await session.write([
        { sheet: "M", spec: { name: "M", blocks: [{ row: 0, col: 0, kind: "text", cells }] } },
      ]);
      await finishOwned(context);
      return "ok";
    };
    const { result } = renderHook(() => useExcelAction(), { wrapper });
    await act(async () => {
      await result.current.run(many);
    });
    workbook().setCells(
      "M",
      "A1:A25",
      Array.from({ length: 25 }, (_, i) => [`changed ${i}`])
    );
    act(() => {
      void result.current.run(many);
    });
    const dialog = await screen.findByRole("alertdialog", hidden);
    expect(dialog.querySelectorAll("li")).toHaveLength(20);
    expect(dialog.textContent).toContain("and 5 more.");
    fireEvent.click(screen.getByRole("button", { ...hidden, name: "Cancel" }));
    await waitFor(() => expect(result.current.busy).toBe(false));
  });
});

test("a sheet of the user's with the name wanted is left alone, and the message says so", async () => {
  workbook().addSheet("Out");
  workbook().setCells("Out", "A1", [["the user's"]]);
  const { result } = renderHook(() => useExcelAction(), { wrapper });
  await act(async () => {
    expect(await result.current.run(writeOut("a"))).toBe("written");
  });
  expect(workbook().getValues("Out", "A1:B1")).toEqual([["the user's", ""]]);
  expect(workbook().getValues("Out (2)", "A1:B1")).toEqual([["a", "b"]]);
  expect(result.current.message).toEqual({
    intent: "info",
    text: 'A sheet called "Out" is not the add-in\'s, so it was left as it is: the new sheet is "Out (2)".',
  });
});

describe("one run at a time", () => {
  test("a second start says the action is already running; the first finishes", async () => {
    const { result } = renderHook(
      () => useExcelAction("Classification stopped", "Classification"),
      {
        wrapper,
      }
    );
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let first!: Promise<number | undefined>;
    act(() => {
      first = result.current.run(async () => {
        await gate;
        return 1;
      });
    });
    await act(async () => {
      expect(await result.current.run(async () => 2)).toBeUndefined();
    });
    expect(result.current.message).toEqual({
      intent: "warning",
      text: "Classification is already running: wait for it to finish",
    });
    release();
    await act(async () => {
      expect(await first).toBe(1);
    });
  });

  test("a workflow refused in Excel (started elsewhere) shows its status, not an error", async () => {
    const { result } = renderHook(() => useExcelAction("Classification stopped"), { wrapper });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const running = exclusive("register-test", "Classification", () => gate);
    await act(async () => {
      const out = await result.current.run(() =>
        exclusive("register-test", "Classification", async () => 3)
      );
      expect(out).toBeUndefined();
    });
    expect(result.current.message).toEqual({
      intent: "warning",
      text: "Classification is already running: wait for it to finish",
    });
    release();
    await running;
  });
});
