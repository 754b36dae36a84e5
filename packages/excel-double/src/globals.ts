/**
 * installExcelGlobals(wb): makes `Excel.run`, `Excel.RequestContext`, `Excel.ErrorCodes`, the
 * Excel enums (as string maps: Excel.ChartType.columnClustered === "ColumnClustered") and
 * `OfficeExtension.Error` available globally, for code that calls Excel.run itself.
 * Returns a function that restores the previous globals. Browser-safe: no Node APIs.
 */
import { DoubleError } from "./errors";
import type { MemoryWorkbook } from "./workbook";

const ERROR_CODES = {
  accessDenied: "AccessDenied",
  apiNotFound: "ApiNotFound",
  generalException: "GeneralException",
  insertDeleteConflict: "InsertDeleteConflict",
  invalidArgument: "InvalidArgument",
  invalidBinding: "InvalidBinding",
  invalidOperation: "InvalidOperation",
  invalidReference: "InvalidReference",
  invalidSelection: "InvalidSelection",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  notImplemented: "NotImplemented",
  propertyNotLoaded: "PropertyNotLoaded",
  requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
  responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
  unsupportedOperation: "UnsupportedOperation",
  valueNotLoaded: "ValueNotLoaded",
};

/** Any Excel enum: key "columnClustered" -> "ColumnClustered". */
function enumProxy(): unknown {
  return new Proxy(
    {},
    {
      get: (_t, key) =>
        typeof key === "string" ? key.charAt(0).toUpperCase() + key.slice(1) : undefined,
    }
  );
}

export function installExcelGlobals(wb: MemoryWorkbook): () => void {
  const g = globalThis as unknown as Record<string, unknown>;
  const previous = { Excel: g.Excel, OfficeExtension: g.OfficeExtension };
  const run = (...args: unknown[]) => {
    const batch = args[args.length - 1] as (ctx: Excel.RequestContext) => Promise<unknown>;
    if (typeof batch !== "function")
      throw new DoubleError("InvalidArgument", "Excel.run needs a batch function.");
    return wb.run(batch);
  };
  function RequestContextCtor() {
    return wb.createContext();
  }
  const excel: Record<string, unknown> = {
    run,
    RequestContext: RequestContextCtor,
    ErrorCodes: ERROR_CODES,
  };
  g.Excel = new Proxy(excel, {
    get: (t, key) => {
      if (typeof key !== "string") return undefined;
      if (key in t) return t[key];
      if (/^[A-Z]/.test(key)) return enumProxy();
      return undefined;
    },
  });
  const existing = previous.OfficeExtension as Record<string, unknown> | undefined;
  g.OfficeExtension = { ...(existing ?? {}), Error: DoubleError, ErrorCodes: ERROR_CODES };
  return () => {
    g.Excel = previous.Excel;
    g.OfficeExtension = previous.OfficeExtension;
  };
}
