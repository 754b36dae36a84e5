/**
 * The in-memory Excel workbook double. See README.md in this folder for what is supported.
 *   import { MemoryWorkbook, installExcelGlobals } from "./";
 */
export { MemoryWorkbook } from "./workbook";
export type { MemoryWorkbookOptions, ChangeEvent } from "./workbook";
export { installExcelGlobals } from "./globals";
export { DoubleError } from "./errors";
export { REQUEST_LIMIT_BYTES } from "./proxy";
export { formatValue } from "./numfmt";
export { parseAddress, columnLetters, cellAddress } from "./address";
export type { FormulaProblem, RequestRecord, CellValue } from "./model";
