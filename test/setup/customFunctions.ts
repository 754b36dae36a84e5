/**
 * The custom-functions runtime's globals, as Excel provides them, for tests run in Node.
 * CustomFunctions.Error carries the code and message a user sees in the cell.
 */
class FunctionError {
  constructor(
    public code: string,
    public message?: string
  ) {}
}

const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
};

const registered: Record<string, unknown> = {};
(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  Error: FunctionError,
  ErrorCode,
  associate: (id: string | Record<string, unknown>, fn?: unknown) => {
    if (typeof id === "string") registered[id] = fn;
    else Object.assign(registered, id);
  },
  __registered: registered,
};
