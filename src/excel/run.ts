/**
 * The task pane's one way into Excel: every workflow runs inside a batch that Excel.run gives it
 * (Microsoft: "Excel JavaScript object model in Office Add-ins" -- a request context per batch).
 * Views call runInExcel rather than Excel.run, so Office.js stays in src/excel.
 */
export function runInExcel<T>(work: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run(work);
}
