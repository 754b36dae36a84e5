/**
 * The preview's spreadsheet: a name box and formula bar, a grid showing what each cell displays
 * (values under their number formats, fills and highlights), and sheet tabs. Clicking, dragging,
 * Shift+click, the arrow keys (Shift to extend) or typing an address in the name box select
 * cells in the in-memory workbook, which is what the task pane reads as "the selection".
 *
 * Cells can be edited as in Excel: start typing on a cell (or press F2, or double-click) to edit
 * it in place, or edit in the formula bar; Enter commits and moves down, Tab commits and moves
 * right, Escape cancels. Delete clears the selected cells. Pasting tab-separated text (copied from
 * Excel or a text editor) fills cells from the active cell, one line per row. What is typed is
 * read as Excel reads typed input ("=..." a formula, numbers, dates), and `=FUNDING.X(...)`
 * formulas run the add-in's own functions.
 */
import * as React from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import {
  cellName,
  columnLetters,
  contains,
  parseAddress,
  rectAddress,
  span,
  type CellRef,
  type Rect,
} from "./address";
import type { CellView, ChartView, SheetView, WorkbookModel } from "./model";
import { Chart, type ChartBox } from "./Chart";

const MAX_ROWS_SHOWN = 300;
const MAX_COLS_SHOWN = 60;
const DEFAULT_WIDTH = 88;
/** A grid row's height in pixels (the cell's 21px and its border), to reserve rows for a chart. */
const ROW_HEIGHT = 22;

/** The name box and the formula bar: monospaced boxes like Excel's. */
const textBox = {
  fontFamily: tokens.fontFamilyMonospace,
  fontSize: tokens.fontSizeBase200,
  padding: "3px 6px",
  border: `1px solid ${tokens.colorNeutralStroke1}`,
  borderRadius: tokens.borderRadiusSmall,
  backgroundColor: tokens.colorNeutralBackground1,
  color: tokens.colorNeutralForeground1,
  ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
};

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    minWidth: 0,
    minHeight: 0,
    height: "100%",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
  },
  bar: {
    display: "flex",
    alignItems: "center",
    gap: "6px",
    padding: "6px 8px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  nameBox: { ...textBox, width: "110px" },
  fx: { fontStyle: "italic", color: tokens.colorNeutralForeground2, padding: "0 4px" },
  formula: { ...textBox, flexGrow: 1, minWidth: 0 },
  gridWrap: { flexGrow: 1, overflow: "auto", minHeight: 0, position: "relative" },
  grid: { borderCollapse: "separate", borderSpacing: 0, tableLayout: "fixed", userSelect: "none" },
  colHeader: {
    position: "sticky",
    top: 0,
    zIndex: 2,
    height: "22px",
    fontWeight: tokens.fontWeightRegular,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    textAlign: "center",
  },
  rowHeader: {
    position: "sticky",
    left: 0,
    zIndex: 1,
    width: "44px",
    fontWeight: tokens.fontWeightRegular,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    borderRight: `1px solid ${tokens.colorNeutralStroke1}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    textAlign: "center",
  },
  corner: { left: 0, zIndex: 3 },
  headerSelected: {
    backgroundColor: tokens.colorNeutralBackground3Selected,
    color: tokens.colorNeutralForeground1,
  },
  cell: {
    height: "21px",
    padding: "0 4px",
    overflow: "hidden",
    whiteSpace: "nowrap",
    textOverflow: "ellipsis",
    borderRight: `1px solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    cursor: "cell",
    ":focus": { outline: "none" },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  number: { textAlign: "right" },
  centre: { textAlign: "center" },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorNeutralForeground1,
  },
  selectedFilled: { boxShadow: `inset 0 0 0 2px ${tokens.colorBrandStroke1}` },
  active: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px" },
  tabs: {
    display: "flex",
    gap: "2px",
    padding: "0 8px",
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    overflowX: "auto",
    flexShrink: 0,
  },
  tab: {
    border: "none",
    borderBottom: "3px solid transparent",
    background: "none",
    color: tokens.colorNeutralForeground1,
    padding: "6px 12px",
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    cursor: "pointer",
    whiteSpace: "nowrap",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  tabSelected: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `3px solid ${tokens.colorBrandStroke1}`,
    fontWeight: tokens.fontWeightSemibold,
  },
  note: { padding: "4px 8px", color: tokens.colorNeutralForeground2 },
  problem: { padding: "4px 8px", color: tokens.colorPaletteRedForeground1 },
  editor: {
    width: "100%",
    height: "19px",
    boxSizing: "border-box",
    border: "none",
    padding: 0,
    margin: 0,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    ":focus": { outline: "none" },
  },
  editingCell: {
    outline: `2px solid ${tokens.colorBrandStroke1}`,
    outlineOffset: "-2px",
    padding: "0 2px",
  },
  srOnly: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
});

/** WCAG relative luminance of "#rrggbb". */
function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return null;
  const lin = (h: string) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(m[1]) + 0.7152 * lin(m[2]) + 0.0722 * lin(m[3]);
}

function contrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * Colours for a cell with a fill: the workbook's font colour when it is readable on the fill
 * (4.5:1), otherwise black or white, whichever reads better. Keeps the preview legible in both themes.
 */
export function cellColours(cell: CellView): React.CSSProperties | undefined {
  if (!cell.fill) return undefined;
  const bg = luminance(cell.fill);
  if (bg === null) return undefined;
  const fg = cell.color ? luminance(cell.color) : null;
  const color =
    fg !== null && contrast(bg, fg) >= 4.5
      ? cell.color
      : contrast(bg, 0) >= contrast(bg, 1)
        ? "#000000"
        : "#ffffff";
  return { backgroundColor: cell.fill, color };
}

/**
 * Clipboard text as rows of cells: lines (CRLF or LF; a final line break ignored) split on tabs,
 * as Excel reads text pasted from other programs. Cells quoted by Excel's own copy ("a""b" with
 * a tab or line break inside) keep their content.
 */
export function parseClipboard(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  const body = text.replace(/\r\n?/g, "\n").replace(/\n$/, "");
  while (i <= body.length) {
    const ch = body[i];
    if (cell === "" && ch === '"') {
      // A quoted cell: up to the closing quote; doubled quotes are one.
      let j = i + 1;
      let value = "";
      while (j < body.length) {
        if (body[j] === '"' && body[j + 1] === '"') {
          value += '"';
          j += 2;
        } else if (body[j] === '"') break;
        else value += body[j++];
      }
      if (
        j < body.length &&
        (body[j + 1] === "\t" || body[j + 1] === "\n" || j + 1 === body.length)
      ) {
        cell = value;
        i = j + 1;
        continue;
      }
    }
    if (ch === "\t" || ch === "\n" || ch === undefined) {
      row.push(cell);
      cell = "";
      if (ch !== "\t") {
        rows.push(row);
        row = [];
      }
    } else cell += ch;
    i++;
  }
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...new Array<string>(width - r.length).fill("")]);
}

function estimateWidth(view: SheetView, col: number): number {
  const set = view.columnWidths[col];
  if (set) return set;
  let longest = 0;
  for (let r = 0; r < Math.min(view.cells.length, 60); r++) {
    const t = view.cells[r]?.[col]?.text ?? "";
    if (t.length > longest) longest = t.length;
  }
  return Math.max(56, Math.min(240, longest * 7 + 12, longest === 0 ? DEFAULT_WIDTH : 240));
}

function useModelVersion(model: WorkbookModel): number {
  const [version, setVersion] = React.useState(0);
  React.useEffect(() => {
    let pending = false;
    return model.subscribe(() => {
      if (pending) return;
      pending = true;
      // Coalesce bursts of changes (a batch writes many cells) into one repaint.
      setTimeout(() => {
        pending = false;
        setVersion((v) => v + 1);
      }, 0);
    });
  }, [model]);
  return version;
}

/**
 * The sheet's charts over the grid: each from the top-left of its start cell to the bottom-right
 * of its end cell (or at its own size), measured from the cells as the browser laid them out.
 */
function ChartLayer({
  charts,
  gridRef,
  widths,
  rows,
}: {
  charts: ChartView[];
  gridRef: React.RefObject<HTMLTableElement | null>;
  widths: number[];
  rows: number;
}) {
  const [boxes, setBoxes] = React.useState<(ChartBox | null)[]>([]);
  React.useLayoutEffect(() => {
    const table = gridRef.current;
    if (!table) return;
    const cellBox = (row: number, col: number) => {
      const el = table.querySelector<HTMLElement>(`[data-cell="${cellName(row, col)}"]`);
      return el
        ? {
            left: table.offsetLeft + el.offsetLeft,
            top: table.offsetTop + el.offsetTop,
            right: table.offsetLeft + el.offsetLeft + el.offsetWidth,
            bottom: table.offsetTop + el.offsetTop + el.offsetHeight,
          }
        : null;
    };
    const next = charts.map((c) => {
      const start = cellBox(c.start.row, c.start.col);
      if (!start) return null;
      const end = c.end ? cellBox(c.end.row, c.end.col) : null;
      return {
        left: start.left,
        top: start.top,
        width: end ? end.right - start.left : c.width,
        height: end ? end.bottom - start.top : c.height,
      };
    });
    setBoxes((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
  }, [charts, gridRef, widths, rows]);
  return (
    <>
      {charts.map((c, i) => {
        const box = boxes[i];
        return box && box.width > 40 && box.height > 40 ? (
          <Chart key={`${c.name}-${i}`} chart={c} box={box} />
        ) : null;
      })}
    </>
  );
}

export function Workbook({ model }: { model: WorkbookModel }) {
  const styles = useStyles();
  const version = useModelVersion(model);
  const sheet = model.activeSheet();
  const sel = model.selection();
  const selection: Rect = sel.sheet === sheet ? sel.rect : { row: 0, col: 0, rows: 1, cols: 1 };
  const [anchorState, setAnchor] = React.useState<CellRef>({
    row: selection.row,
    col: selection.col,
  });
  const [activeState, setActive] = React.useState<CellRef>({
    row: selection.row,
    col: selection.col,
  });
  // When the add-in moves the selection (range.select(), sheet.activate()), the active cell and
  // the anchor follow it to its top-left corner.
  const inSelection =
    contains(selection, activeState.row, activeState.col) &&
    contains(selection, anchorState.row, anchorState.col);
  const active = inSelection ? activeState : { row: selection.row, col: selection.col };
  const anchor = inSelection ? anchorState : active;
  const dragging = React.useRef(false);
  const gridRef = React.useRef<HTMLTableElement>(null);
  // The name box shows the selection, or what the user is typing into it.
  const [nameBoxDraft, setNameBoxDraft] = React.useState<string | null>(null);
  const [nameBoxError, setNameBoxError] = React.useState("");
  // The cell being edited (in place, or in the formula bar) and its text so far.
  const [editing, setEditing] = React.useState<{
    cell: CellRef;
    text: string;
    original: string;
    where: "cell" | "bar";
  } | null>(null);
  // What Excel would have refused (a protected cell, a formula it cannot take).
  const [problem, setProblem] = React.useState("");
  // The edit in progress as the handlers see it now (blur can fire after Enter has committed).
  const editRef = React.useRef(editing);
  editRef.current = editing;
  const selKey = `${sel.sheet}!${rectAddress(sel.rect)}`;
  const nameBox = nameBoxDraft ?? rectAddress(selection);

  // The sheet's charts, their values read from the cells as they are now.
  // `version` (the workbook changed) stands for what the charts read from the model.
  const charts = React.useMemo(() => model.charts(sheet), [model, sheet, version]);

  const view = React.useMemo(() => {
    const probe = model.sheetView(sheet, 1, 1);
    // Enough rows and columns to show every chart whole.
    const chartRows = charts.map(
      (c) => (c.end?.row ?? c.start.row + Math.ceil(c.height / ROW_HEIGHT)) + 2
    );
    const chartCols = charts.map(
      (c) => (c.end?.col ?? c.start.col + Math.ceil(c.width / DEFAULT_WIDTH)) + 2
    );
    const rows = Math.min(
      MAX_ROWS_SHOWN,
      Math.max(40, probe.usedRows + 10, selection.row + selection.rows + 5, ...chartRows)
    );
    const cols = Math.min(
      MAX_COLS_SHOWN,
      Math.max(14, probe.usedCols + 3, selection.col + selection.cols + 2, ...chartCols)
    );
    return model.sheetView(sheet, rows, cols);
    // `version` (the workbook changed) and `selKey` (the selection, as text) stand for what the
    // view reads from the model and the selection object, which change identity on every render.
  }, [model, sheet, version, selKey, charts]);

  const rowsShown = view.cells.length;
  const colsShown = view.cells[0]?.length ?? 0;
  const widths = React.useMemo(
    () => Array.from({ length: colsShown }, (_, c) => estimateWidth(view, c)),
    [view, colsShown]
  );

  const selectRect = React.useCallback(
    (rect: Rect) => {
      model.select(sheet, rect);
    },
    [model, sheet]
  );

  const focusCell = (ref: CellRef) => {
    const el = gridRef.current?.querySelector<HTMLElement>(
      `[data-cell="${cellName(ref.row, ref.col)}"]`
    );
    el?.focus();
    el?.scrollIntoView({ block: "nearest", inline: "nearest" });
  };

  const onMouseDown = (e: React.MouseEvent, ref: CellRef) => {
    if (e.button !== 0) return;
    // Clicking another cell ends the edit in progress, keeping what was typed.
    if (editRef.current) commit(null);
    e.preventDefault();
    dragging.current = true;
    const from = e.shiftKey ? anchor : ref;
    if (!e.shiftKey) setAnchor(ref);
    setActive(e.shiftKey ? anchor : ref);
    selectRect(span(from, ref));
    // Focus stays on the active cell (where the selection started), as in Excel.
    const activeRef = e.shiftKey ? anchor : ref;
    gridRef.current
      ?.querySelector<HTMLElement>(`[data-cell="${cellName(activeRef.row, activeRef.col)}"]`)
      ?.focus({ preventScroll: true });
  };
  const onMouseEnter = (ref: CellRef) => {
    if (dragging.current) selectRect(span(anchor, ref));
  };
  React.useEffect(() => {
    const up = () => (dragging.current = false);
    window.addEventListener("mouseup", up);
    return () => window.removeEventListener("mouseup", up);
  }, []);

  const moveTo = (next: CellRef) => {
    setAnchor(next);
    setActive(next);
    selectRect(span(next, next));
    setTimeout(() => focusCell(next), 0);
  };

  /** Write what was typed into the cell being edited; then move as Excel does (down, right, up). */
  const commit = (move: [number, number] | null) => {
    const current = editRef.current;
    if (!current) return;
    editRef.current = null;
    const { cell, text, original } = current;
    setEditing(null);
    const failed =
      text === original ? null : model.type(sheet, { ...cell, rows: 1, cols: 1 }, [[text]]);
    setProblem(failed ?? "");
    // Enter or Tab moves on (or stays, when Excel refused the entry); a click elsewhere keeps its focus.
    if (!move) return;
    if (failed) {
      setTimeout(() => focusCell(cell), 0);
      return;
    }
    const clamp = (v: number, max: number) => Math.max(0, Math.min(max - 1, v));
    moveTo({
      row: clamp(cell.row + move[0], rowsShown),
      col: clamp(cell.col + move[1], colsShown),
    });
  };

  const cancelEdit = () => {
    const cell = editRef.current?.cell;
    editRef.current = null;
    setEditing(null);
    if (cell) setTimeout(() => focusCell(cell), 0);
  };

  /** Keys while editing (in the cell or the formula bar): Enter, Shift+Enter, Tab, Escape. */
  const onEditorKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    e.stopPropagation();
    if (e.key === "Enter") {
      e.preventDefault();
      commit(e.shiftKey ? [-1, 0] : [1, 0]);
    } else if (e.key === "Tab") {
      e.preventDefault();
      commit(e.shiftKey ? [0, -1] : [0, 1]);
    } else if (e.key === "Escape") {
      e.preventDefault();
      cancelEdit();
    }
  };

  const startEdit = (text: string | null, where: "cell" | "bar" = "cell") => {
    const original = view.cells[active.row]?.[active.col]?.formula ?? "";
    setProblem("");
    const next = { cell: active, text: text ?? original, original, where };
    editRef.current = next;
    setEditing(next);
  };

  /** Paste tab-separated text at the active cell, as Excel pastes text from other programs. */
  const onPaste = (e: React.ClipboardEvent) => {
    if (editing) return;
    const text = e.clipboardData.getData("text/plain");
    if (!text) return;
    e.preventDefault();
    const rows = parseClipboard(text);
    if (rows.length === 0 || rows[0].length === 0) return;
    const rect = { row: active.row, col: active.col, rows: rows.length, cols: rows[0].length };
    const failed = model.type(sheet, rect, rows);
    setProblem(failed ?? "");
    if (!failed) selectRect(rect);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (editing) return;
    if (e.key === "Delete") {
      e.preventDefault();
      const live = model.selection();
      setProblem(model.clear(sheet, live.sheet === sheet ? live.rect : selection) ?? "");
      return;
    }
    if (e.key === "F2") {
      e.preventDefault();
      startEdit(null);
      return;
    }
    if (e.key === "Backspace") {
      e.preventDefault();
      startEdit("");
      return;
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // Typing on a cell starts editing it with that character, as in Excel.
      e.preventDefault();
      startEdit(e.key);
      return;
    }
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      Enter: [1, 0],
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const clamp = (v: number, max: number) => Math.max(0, Math.min(max - 1, v));
    if (e.shiftKey && e.key !== "Enter") {
      // Extend the selection from the anchor, moving its far corner. Read the selection from the
      // workbook now, not from this render: key presses can arrive faster than re-renders.
      const live = model.selection();
      const current = live.sheet === sheet ? live.rect : selection;
      const far = {
        row: current.row === anchor.row ? current.row + current.rows - 1 : current.row,
        col: current.col === anchor.col ? current.col + current.cols - 1 : current.col,
      };
      const next = {
        row: clamp(far.row + move[0], rowsShown),
        col: clamp(far.col + move[1], colsShown),
      };
      selectRect(span(anchor, next));
      return;
    }
    const next = {
      row: clamp(active.row + move[0], rowsShown),
      col: clamp(active.col + move[1], colsShown),
    };
    setAnchor(next);
    setActive(next);
    selectRect(span(next, next));
    focusCell(next);
  };

  const onNameBoxKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    const parsed = parseAddress(nameBox);
    if (!parsed || (parsed.sheet && !model.sheetNames().includes(parsed.sheet))) {
      setNameBoxError(`"${nameBox}" is not a cell or range address such as B3 or A1:D10.`);
      return;
    }
    setNameBoxError("");
    setNameBoxDraft(null);
    const target = parsed.sheet ?? sheet;
    if (target !== sheet) model.activate(target);
    const corner = { row: parsed.rect.row, col: parsed.rect.col };
    setAnchor(corner);
    setActive(corner);
    model.select(target, parsed.rect);
    focusCell(corner);
  };

  const activeCell = view.cells[active.row]?.[active.col];
  const names = model.sheetNames();

  const onTabKey = (e: React.KeyboardEvent, index: number) => {
    const delta = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = names[(index + delta + names.length) % names.length];
    model.activate(next);
    setTimeout(() => document.getElementById(`sheet-tab-${names.indexOf(next)}`)?.focus(), 0);
  };

  return (
    <section className={styles.root} aria-label="Workbook" data-testid="workbook">
      <div className={styles.bar}>
        <input
          className={styles.nameBox}
          aria-label="Name box: type a cell or range address and press Enter to select it"
          id="name-box"
          value={nameBox}
          onChange={(e) => setNameBoxDraft(e.target.value)}
          onBlur={() => {
            setNameBoxDraft(null);
            setNameBoxError("");
          }}
          onKeyDown={onNameBoxKey}
          onFocus={(e) => e.target.select()}
          aria-invalid={nameBoxError ? true : undefined}
          aria-describedby={nameBoxError ? "name-box-error" : undefined}
        />
        <span className={styles.fx} aria-hidden="true">
          fx
        </span>
        <input
          className={styles.formula}
          id="formula-bar"
          aria-label={`Formula bar: contents of ${cellName(active.row, active.col)}`}
          value={editing ? editing.text : (activeCell?.formula ?? "")}
          onFocus={() => {
            if (!editing) startEdit(null, "bar");
          }}
          onChange={(e) => {
            const next = {
              cell: editRef.current?.cell ?? active,
              original: editRef.current?.original ?? activeCell?.formula ?? "",
              where: "bar" as const,
              text: e.target.value,
            };
            editRef.current = next;
            setEditing(next);
          }}
          onKeyDown={onEditorKey}
          onBlur={() => {
            if (editRef.current?.where === "bar") commit(null);
          }}
        />
      </div>
      {problem && (
        <div role="alert" className={styles.problem} data-testid="edit-problem">
          {problem}
        </div>
      )}
      {nameBoxError && (
        <div id="name-box-error" role="alert" className={styles.note}>
          {nameBoxError}
        </div>
      )}
      <div className={styles.gridWrap}>
        <table
          ref={gridRef}
          className={styles.grid}
          style={{ width: `${44 + widths.reduce((a, b) => a + b, 0)}px` }}
          role="grid"
          aria-label={`Sheet ${sheet}`}
          aria-rowcount={Math.max(view.usedRows, rowsShown) + 1}
          aria-colcount={colsShown + 1}
          aria-multiselectable="true"
          data-sheet={sheet}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        >
          <colgroup>
            <col style={{ width: "44px" }} />
            {widths.map((w, c) => (
              <col key={c} style={{ width: `${w}px` }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th className={mergeClasses(styles.colHeader, styles.corner)} scope="col">
                <span className={styles.srOnly}>Row</span>
              </th>
              {widths.map((_, c) => (
                <th
                  key={c}
                  scope="col"
                  className={mergeClasses(
                    styles.colHeader,
                    c >= selection.col &&
                      c < selection.col + selection.cols &&
                      styles.headerSelected
                  )}
                >
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.cells.map((row, r) => (
              <tr key={r}>
                <th
                  scope="row"
                  className={mergeClasses(
                    styles.rowHeader,
                    r >= selection.row &&
                      r < selection.row + selection.rows &&
                      styles.headerSelected
                  )}
                >
                  {r + 1}
                </th>
                {row.map((cell, c) => {
                  const isSelected = contains(selection, r, c);
                  const isActive = r === active.row && c === active.col;
                  const name = cellName(r, c);
                  const editingHere =
                    editing?.where === "cell" && editing.cell.row === r && editing.cell.col === c;
                  if (editingHere)
                    return (
                      <td
                        key={c}
                        role="gridcell"
                        data-cell={name}
                        className={mergeClasses(styles.cell, styles.editingCell)}
                      >
                        <input
                          className={styles.editor}
                          aria-label={`Edit ${name}`}
                          data-testid="cell-editor"
                          autoFocus
                          value={editing.text}
                          onChange={(e) => {
                            const next = { ...editing, text: e.target.value };
                            editRef.current = next;
                            setEditing(next);
                          }}
                          onFocus={(e) =>
                            e.target.setSelectionRange(e.target.value.length, e.target.value.length)
                          }
                          onKeyDown={onEditorKey}
                          onBlur={() => commit(null)}
                        />
                      </td>
                    );
                  return (
                    <td
                      key={c}
                      role="gridcell"
                      data-cell={name}
                      aria-selected={isSelected}
                      aria-label={cell.text ? undefined : `${name}, empty`}
                      tabIndex={isActive ? 0 : -1}
                      title={cell.message ?? (cell.text.length > 12 ? cell.text : undefined)}
                      className={mergeClasses(
                        styles.cell,
                        (cell.kind === "number" || cell.kind === "error") && styles.number,
                        cell.kind === "boolean" && styles.centre,
                        isSelected &&
                          selection.rows * selection.cols > 1 &&
                          (cell.fill ? styles.selectedFilled : styles.selected),
                        isActive && styles.active
                      )}
                      style={{ ...cellColours(cell), fontWeight: cell.bold ? 600 : undefined }}
                      onMouseDown={(e) => onMouseDown(e, { row: r, col: c })}
                      onMouseEnter={() => onMouseEnter({ row: r, col: c })}
                      onDoubleClick={() => startEdit(null)}
                    >
                      {cell.text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <ChartLayer charts={charts} gridRef={gridRef} widths={widths} rows={rowsShown} />
      </div>
      {view.usedRows > rowsShown && (
        <div className={styles.note} role="status">
          Showing the first {rowsShown} of {view.usedRows} rows.
        </div>
      )}
      <div className={styles.tabs} role="tablist" aria-label="Sheets">
        {names.map((name, i) => (
          <button
            key={name}
            id={`sheet-tab-${i}`}
            type="button"
            role="tab"
            aria-selected={name === sheet}
            tabIndex={name === sheet ? 0 : -1}
            className={mergeClasses(styles.tab, name === sheet && styles.tabSelected)}
            onClick={() => model.activate(name)}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {name}
          </button>
        ))}
      </div>
    </section>
  );
}
