/**
 * Imported first by functions.ts, before the function files: from here on every
 * CustomFunctions.associate call (the metadata plugin appends one per function) registers the
 * function behind the settings gate, so it computes with the workbook's settings (settingsGate.ts).
 */
import { gateRegistrations, type FunctionRegistry } from "./settingsGate";

gateRegistrations(CustomFunctions as unknown as FunctionRegistry);
