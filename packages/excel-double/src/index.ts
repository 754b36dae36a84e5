/**
 * The in-memory Excel workbook double: the package's whole public API (README.md lists what
 * each part does). Tests, benchmarks and the preview import this file (the package's `src`
 * folder) only; the other files are internals.
 */
export { MemoryWorkbook } from "./workbook";
export type {
  ChangeEvent,
  ConditionalFormatInfo,
  ConditionalFormatRule,
  ConditionalFormatStyle,
  MemoryWorkbookOptions,
} from "./workbook";
export { installExcelGlobals } from "./globals";
export { DoubleError } from "./errors";
export { REQUEST_LIMIT_BYTES } from "./proxy";
export type { CellValue, FormulaProblem, RequestRecord } from "./model";
export type {
  CustomFunctionImplementation,
  CustomFunctionMetadata,
  CustomFunctionsMetadata,
  CustomFunctionsOptions,
} from "./customFunctions";
