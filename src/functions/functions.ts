/**
 * The custom functions bundle (functions.js). Each capability's functions live in their own file
 * in this folder; webpack's custom-functions-metadata-plugin reads their JSDoc to generate
 * functions.json and appends a CustomFunctions.associate call for each one.
 *
 * registerGated comes first (imports run in order): it makes every associate call register the
 * function behind the settings gate, so the functions wait for the workbook's settings at
 * start-up instead of computing with the defaults (settingsGate.ts).
 */
import "./registerGated";
import "./classify";
import "./costRecovery";
import "./mtdc";
import "./scoring";
