/** @jest-environment jsdom */
import * as React from "react";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import {
  ConfirmDialog,
  type ConfirmDialogProps,
} from "../../../src/taskpane/components/ConfirmDialog";

/**
 * In jsdom, Fluent's focus manager (tabster's modalizer) may mark the dialog's portal aria-hidden
 * while it settles, so queries pass hidden: true (as in test/taskpane/RegisterView.test.tsx).
 */
const hidden = { hidden: true } as const;

function show(props: Partial<ConfirmDialogProps> = {}) {
  const onConfirm = jest.fn();
  const onCancel = jest.fn();
  const result = render(
    <FluentProvider theme={webLightTheme}>
      <ConfirmDialog
        open
        title="Replace existing sheets?"
        confirmLabel="Replace the sheets"
        onConfirm={onConfirm}
        onCancel={onCancel}
        {...props}
      >
        {props.children ?? "These sheets exist already: Criteria, Results."}
      </ConfirmDialog>
    </FluentProvider>
  );
  return { onConfirm, onCancel, ...result };
}

test("asks nothing while closed", () => {
  show({ open: false });
  expect(screen.queryByRole("dialog", hidden)).toBeNull();
  expect(screen.queryByText(/These sheets exist already/)).toBeNull();
});

test("names the dialog by its title and describes it by its body", () => {
  show();
  const dialog = screen.getByRole("dialog", { ...hidden, name: "Replace existing sheets?" });
  const body = within(dialog).getByText("These sheets exist already: Criteria, Results.");
  expect(dialog.getAttribute("aria-describedby")).toBe(body.id);
  expect(body.id).not.toBe("");
});

test("the confirm button calls onConfirm only", () => {
  const { onConfirm, onCancel } = show();
  fireEvent.click(screen.getByRole("button", { ...hidden, name: "Replace the sheets" }));
  expect(onConfirm).toHaveBeenCalledTimes(1);
  expect(onCancel).not.toHaveBeenCalled();
});

test("the cancel button calls onCancel only, with the label given or 'Cancel'", () => {
  const first = show();
  fireEvent.click(screen.getByRole("button", { ...hidden, name: "Cancel" }));
  expect(first.onCancel).toHaveBeenCalledTimes(1);
  expect(first.onConfirm).not.toHaveBeenCalled();
  first.unmount();

  const second = show({ cancelLabel: "Keep them" });
  expect(screen.queryByRole("button", { ...hidden, name: "Cancel" })).toBeNull();
  fireEvent.click(screen.getByRole("button", { ...hidden, name: "Keep them" }));
  expect(second.onCancel).toHaveBeenCalledTimes(1);
  expect(second.onConfirm).not.toHaveBeenCalled();
});

test("Escape cancels: nothing is confirmed by closing the dialog", () => {
  const { onConfirm, onCancel } = show();
  fireEvent.keyDown(screen.getByRole("dialog", hidden), { key: "Escape" });
  expect(onCancel).toHaveBeenCalledTimes(1);
  expect(onConfirm).not.toHaveBeenCalled();
});

test("the confirm button comes first unless cancelFirst", () => {
  const first = show();
  const labels = () => screen.getAllByRole("button", hidden).map((button) => button.textContent);
  expect(labels()).toEqual(["Replace the sheets", "Cancel"]);
  first.unmount();
  show({ cancelFirst: true });
  expect(labels()).toEqual(["Cancel", "Replace the sheets"]);
});

test("an alert dialog has the alertdialog role and Escape still cancels it", () => {
  const { onConfirm, onCancel } = show({
    modalType: "alert",
    title: "Overwrite cells beside the register?",
    confirmLabel: "Overwrite",
  });
  expect(screen.queryByRole("dialog", hidden)).toBeNull();
  const dialog = screen.getByRole("alertdialog", {
    ...hidden,
    name: "Overwrite cells beside the register?",
  });
  fireEvent.keyDown(dialog, { key: "Escape" });
  expect(onCancel).toHaveBeenCalledTimes(1);
  expect(onConfirm).not.toHaveBeenCalled();
});
