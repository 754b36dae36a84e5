/** The preview page: the in-memory workbook on the left, the add-in's real task pane on the right. */
import * as React from "react";
import { FluentProvider, Link, makeStyles, tokens, type Theme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { Workbook } from "./Workbook";
import type { WorkbookModel } from "./model";
import type { PreviewTheme } from "./officeHost";

const useStyles = makeStyles({
  page: {
    height: "100vh",
    display: "flex",
    flexDirection: "column",
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
  },
  banner: {
    display: "flex",
    alignItems: "center",
    gap: "12px",
    flexWrap: "wrap",
    padding: "6px 12px",
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  bannerTitle: {
    fontWeight: tokens.fontWeightSemibold,
    margin: 0,
    fontSize: tokens.fontSizeBase300,
  },
  realness: {
    padding: "4px 12px",
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  realLine: { margin: "2px 0" },
  body: { flexGrow: 1, display: "flex", minHeight: 0 },
  workbook: { flexGrow: 1, minWidth: 0, display: "flex", flexDirection: "column" },
  pane: {
    // The width of Excel's task pane; its tabs wrap to a second line when needed.
    width: "350px",
    flexShrink: 0,
    overflowY: "auto",
    borderLeft: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

export function Preview({
  model,
  theme,
  themeName,
  taskpaneTheme,
  functionNames = [],
  functionsProblem = "",
}: {
  model: WorkbookModel;
  /** The FUNDING formulas the grid evaluates (FUNDING.CLASSIFY ...). */
  functionNames?: string[];
  /** Why the grid cannot evaluate them, when it cannot. */
  functionsProblem?: string;
  theme: Theme;
  themeName: PreviewTheme;
  /** The theme the task pane chose for itself from Office.context.officeTheme. */
  taskpaneTheme: Theme;
}) {
  const styles = useStyles();
  const other = themeName === "dark" ? "light" : "dark";
  return (
    <FluentProvider theme={theme} className={styles.page}>
      <header className={styles.banner}>
        <h1 className={styles.bannerTitle}>Funding Toolkit preview</h1>
        <span>
          The add-in&apos;s task pane working on an in-memory workbook with sample data. No Excel
          needed; nothing leaves this page.
        </span>
        <Link href={`?theme=${other}`}>Switch to the {other} Office theme</Link>
      </header>
      <section className={styles.realness} aria-label="What is real and what is imitated">
        <p className={styles.realLine}>
          <strong>Real:</strong> the task pane and the FUNDING functions are the add-in&apos;s own
          code, the same functions.js and functions.json Excel loads. Type a formula such as{" "}
          <code>=FUNDING.SPLIT(48000, &quot;80/20&quot;)</code> into a cell and the function runs
          with Excel&apos;s calling convention: ranges as rows of cells, omitted arguments as empty,
          error cells passed in as functions.json allows, results spilling right and down (#SPILL!
          when something is in the way).
        </p>
        <p className={styles.realLine}>
          <strong>Imitated:</strong> the workbook, its grid and its calculation. They stand in for
          Excel (an in-memory workbook calculated by HyperFormula): typing, pasting tab-separated
          text and the Delete key work as in Excel, but some Excel functions, number formats and
          behaviours differ, and nothing here is saved.
        </p>
        {functionsProblem ? (
          <p className={styles.realLine} role="alert">
            {functionsProblem}
          </p>
        ) : (
          <details>
            <summary>Functions you can type ({functionNames.length})</summary>
            <p className={styles.realLine}>{functionNames.join(", ")}</p>
          </details>
        )}
      </section>
      <div className={styles.body}>
        <div className={styles.workbook}>
          <Workbook model={model} />
        </div>
        {/* Not a landmark: in Excel the task pane is a page of its own, so its <main> stays top-level. */}
        <div className={styles.pane} id="taskpane" data-testid="taskpane">
          <App theme={taskpaneTheme} />
        </div>
      </div>
    </FluentProvider>
  );
}
