/**
 * Errors shaped like OfficeExtension.Error: `code` ("ItemNotFound", "InvalidArgument",
 * "PropertyNotLoaded", ...), `message`, `debugInfo` ({ code, message, errorLocation }).
 */
export class DoubleError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

export const ErrorMessages = {
  itemNotFound: "The requested resource doesn't exist.",
  itemAlreadyExists: "The resource already exists.",
  invalidArgument: "The argument is invalid or missing or has an incorrect format.",
  sizeMismatch:
    "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
  invalidOperation: "The operation attempted is invalid on the object.",
  requestTooLarge:
    'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  responseTooLarge:
    'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  protectedSheet:
    "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet.",
  propertyNotLoaded: (name: string) =>
    `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  valueNotLoaded:
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
};

export const itemNotFound = (what: string) =>
  new DoubleError("ItemNotFound", ErrorMessages.itemNotFound, what);
export const invalidArgument = (what: string, message: string = ErrorMessages.invalidArgument) =>
  new DoubleError("InvalidArgument", message, what);
export const invalidOperation = (what: string, message: string = ErrorMessages.invalidOperation) =>
  new DoubleError("InvalidOperation", message, what);
