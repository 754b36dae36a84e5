/**
 * `npm run bench`: the benchmarks in bench/*.bench.ts, run one at a time so timings are not
 * disturbed by parallel workers. Each prints what it measured; timings are reported, not asserted.
 */
const base = require("./jest.config.js");
module.exports = {
  ...base,
  roots: ["<rootDir>/bench"],
  testMatch: ["**/*.bench.ts"],
  testTimeout: 600000,
};
