const fs = require("fs");
const path = require("path");

/** Every file in src/functions that declares custom functions (JSDoc @customfunction), sorted. */
module.exports = function customFunctionFiles(root = path.resolve(__dirname, "..")) {
  const dir = path.join(root, "src/functions");
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ts$/.test(f))
    .map((f) => path.join(dir, f))
    .filter((f) => /@customfunction\b/.test(fs.readFileSync(f, "utf8")))
    .sort();
};
