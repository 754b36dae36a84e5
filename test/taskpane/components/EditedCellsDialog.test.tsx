/** @jest-environment jsdom */
import * as React from "react";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { EditedCellsDialog } from "../../../src/taskpane/components/EditedCellsDialog";
import type { EditedCells } from "../../../src/excel/ownership";

const hidden = { hidden: true } as const;

const question = (n: number): EditedCells => ({
  status: "edited-cells",
  workflow: "Classification",
  cells: Array.from({ length: Math.min(n, 200) }, (_, i) => ({
    sheet: i === 0 ? "Grants 2025" : "Register",
    address: `G${i + 2}`,
    was: "Shopping",
    now: i === 0 ? "Investing (checked by AB)" : "(empty)",
  })),
  count: n,
  message: "",
});

function show(q: EditedCells | null) {
  const onAnswer = jest.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <EditedCellsDialog question={q} onAnswer={onAnswer} />
    </FluentProvider>
  );
  return onAnswer;
}

test("nothing is shown without a question", () => {
  show(null);
  expect(screen.queryByRole("alertdialog", hidden)).toBeNull();
});

test("lists each cell with what the add-in wrote and what is there now", () => {
  show(question(2));
  const dialog = screen.getByRole("alertdialog", { ...hidden, name: "Keep the changes you made?" });
  const items = within(dialog)
    .getAllByRole("listitem", hidden)
    .map((li) => li.textContent);
  expect(items).toEqual([
    "'Grants 2025'!G2: the add-in wrote Shopping, now Investing (checked by AB)",
    "Register!G3: the add-in wrote Shopping, now (empty)",
  ]);
  expect(dialog.textContent).not.toContain("more.");
});

test("at most 20 listed, then how many more", () => {
  show(question(250));
  const dialog = screen.getByRole("alertdialog", hidden);
  expect(within(dialog).getAllByRole("listitem", hidden)).toHaveLength(20);
  expect(dialog.textContent).toContain("and 230 more.");
});

test.each([
  ["Keep my changes", "keep"],
  ["Overwrite", "overwrite"],
  ["Cancel", "cancel"],
])("%s answers %s", (label, answer) => {
  const onAnswer = show(question(1));
  fireEvent.click(screen.getByRole("button", { ...hidden, name: label }));
  expect(onAnswer).toHaveBeenCalledWith(answer);
  expect(onAnswer).toHaveBeenCalledTimes(1);
});

test("Escape is Cancel: nothing is kept or overwritten by closing the dialog", () => {
  const onAnswer = show(question(1));
  fireEvent.keyDown(screen.getByRole("alertdialog", hidden), { key: "Escape" });
  expect(onAnswer).toHaveBeenCalledWith("cancel");
});
