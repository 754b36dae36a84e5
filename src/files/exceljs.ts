/**
 * exceljs, loaded by dynamic import() only when an evaluator file is made or read (the task pane
 * passes this loader to src/excel/evaluatorFiles.ts), so the start-up bundle stays within its
 * budget. src/files is where exceljs may be imported (test/architecture.test.ts).
 */
export const loadExcelJS = (): Promise<unknown> => import("exceljs");
