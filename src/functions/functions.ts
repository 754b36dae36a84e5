/**
 * The custom functions bundle (functions.js). Each capability's functions live in their own file
 * in this folder; webpack's custom-functions-metadata-plugin reads their JSDoc to generate
 * functions.json and appends a CustomFunctions.associate call for each one.
 */
import "./classify";
import "./costRecovery";
import "./scoring";
