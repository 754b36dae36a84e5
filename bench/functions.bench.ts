/**
 * The FUNDING functions' speed (issue 10, points 4 and 6), printed, not asserted:
 * - FUNDING.CLASSIFY over 100,000 rows x 7 arguments beside a plain loop over the same rules (the
 *   engine's classify() row by row, with the same reading of blanks and the same error rows, into
 *   an array), run alternately, and the ratio; the two results are checked to be equal first;
 * - every FUNDING function at 10,000 and 100,000 rows, and the growth (10x the rows should take
 *   about 10x the time: linear);
 * - =FUNDING.CLASSIFY(D:D,E:E,F:F): 1,048,576 rows with data in the first 100.
 * Wall times are the fastest of several runs (the machine may be shared); CPU time is this
 * process's user + system time over the same run.
 */
import { classify, toRow } from "../src/domain/classification/classify";
import { zeroAsBlank } from "../src/domain/kernel/parse";
import { DEFAULT_SETTINGS } from "../src/domain/settings/settings";
import { errorRow } from "../src/functions/args";
import { classifyFunding } from "../src/functions/classify";
import {
  costApportion,
  costFullCost,
  costMatch,
  costPriceGap,
  costSplit,
} from "../src/functions/costRecovery";
import { costMtdc } from "../src/functions/mtdc";
import { consensusFn, priceScoreFn, weightedScoreFn } from "../src/functions/scoring";

type Timing = { wall: number; cpu: number };

function timed(f: () => unknown): Timing {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  f();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

const best = (ts: Timing[]): Timing => ({
  wall: Math.min(...ts.map((t) => t.wall)),
  cpu: Math.min(...ts.map((t) => t.cpu)),
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;
const n0 = (x: number) => x.toLocaleString("en-GB");

/** A register of n rows, seven columns, as Excel passes ranges: one [cell] per row. */
function register(n: number): unknown[][][] {
  const labels = ["grant", "SLA", "contract", "", "small grant", "service level agreement"];
  const cols: unknown[][][] = [[], [], [], [], [], [], []];
  for (let i = 0; i < n; i++) {
    cols[0].push([i % 7 === 0 ? `£${(i % 150000).toLocaleString("en-GB")}.50` : (i * 37) % 150000]);
    cols[1].push([i % 3 === 0 ? "yes" : "no"]);
    cols[2].push([i % 5 === 0 ? "infrastructure" : "frontline"]);
    cols[3].push([labels[i % labels.length]]);
    cols[4].push([i % 2 === 0 ? "yes" : "no"]);
    cols[5].push([i % 4 === 0 ? true : "no"]);
    cols[6].push([1 + (i % 6)]);
  }
  return cols;
}

/**
 * The same rules as a plain loop: the engine's classify() on each row, into an array of rows. The
 * same rules as FUNDING.CLASSIFY, so the same result: an optional answer of 0 is blank (an empty
 * cell on the desktop), and a refused row is a row of eight errors carrying the engine's message.
 */
function plainLoop(cols: unknown[][][]): unknown[][] {
  const n = cols[0].length;
  const out: unknown[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = classify(
      {
        annualValue: cols[0][i][0],
        outputsSpecified: cols[1][i][0],
        recipientTier: zeroAsBlank(cols[2][i][0]),
        currentLabel: zeroAsBlank(cols[3][i][0]),
        competitivelySelected: zeroAsBlank(cols[4][i][0]),
        accredited: zeroAsBlank(cols[5][i][0]),
        termYears: zeroAsBlank(cols[6][i][0]),
      },
      DEFAULT_SETTINGS
    );
    out[i] = r.ok ? toRow(r.value) : errorRow(r.problem, 8);
  }
  return out;
}

const callClassify = (c: unknown[][][]) =>
  classifyFunding(
    c[0] as never,
    c[1] as never,
    c[2] as never,
    c[3] as never,
    c[4] as never,
    c[5] as never,
    c[6] as never
  );

test("FUNDING.CLASSIFY beside a plain loop over the same rules, 100,000 rows x 7 arguments", () => {
  const n = 100_000;
  const cols = register(n);
  // The same rules: the same result, row for row.
  expect(callClassify(cols)).toEqual(plainLoop(cols));
  // Warm both up, then alternate so that both see the same machine.
  plainLoop(register(2000));
  callClassify(register(2000));
  const plain: Timing[] = [];
  const fn: Timing[] = [];
  let rows = 0;
  for (let rep = 0; rep < 7; rep++) {
    plain.push(timed(() => plainLoop(cols)));
    fn.push(timed(() => (rows = callClassify(cols).length)));
  }
  const p = best(plain);
  const f = best(fn);
  console.log(
    [
      `FUNDING.CLASSIFY vs a plain loop, ${n0(n)} rows x 7 arguments (${n0(rows)} rows returned), best of 7 (median):`,
      `  plain loop (engine classify() per row): ${ms(p.wall)} (${ms(median(plain.map((t) => t.wall)))}), CPU ${ms(p.cpu)}`,
      `  =FUNDING.CLASSIFY(...):                 ${ms(f.wall)} (${ms(median(fn.map((t) => t.wall)))}), CPU ${ms(f.cpu)}`,
      `  ratio CLASSIFY / plain loop: ${(f.wall / p.wall).toFixed(2)} wall, ${(f.cpu / p.cpu).toFixed(2)} CPU (target: 1.00 or less, CLASSIFY under 250 ms)`,
    ].join("\n")
  );
});

/** Every FUNDING function on n rows (bids, projects, pools), as a sheet would call it. */
function calls(n: number): [string, () => unknown][] {
  const reg = register(n);
  const money = Array.from({ length: n }, (_, i) => [1000 + ((i * 7919) % 90000) + 0.5]);
  const bases = Array.from({ length: n }, (_, i) => [["80/20", "Investment", 0.5, "full"][i % 4]]);
  const scores = Array.from({ length: n }, (_, i) => [1, 2, 3, 4, 5].map((k) => (i + k) % 6));
  const prices = Array.from({ length: n }, (_, i) => [10_000 + ((i * 7919) % 90000)]);
  const drivers = [0, 1, 2].map((k) =>
    Array.from({ length: n }, (_, j) => 1 + ((j * 31 + k) % 50))
  );
  const direct = [Array.from({ length: n }, (_, j) => 500 + ((j * 7919) % 90000) + 0.25)];
  const lineKinds = [
    "salaries",
    "travel",
    "equipment",
    "subaward: A",
    "subaward: B",
    "rental costs",
  ];
  const categories = Array.from({ length: n }, (_, i) => [lineKinds[i % lineKinds.length]]);
  return [
    ["CLASSIFY (7 arguments)", () => callClassify(reg)],
    ["SPLIT", () => costSplit(money, bases)],
    ["MATCH", () => costMatch(money, bases)],
    ["PRICEGAP", () => costPriceGap(money, [[50_000]])],
    ["MTDC (n cost lines)", () => costMtdc(money, categories)],
    [
      "FULLCOST (3 pools x n projects)",
      () => costFullCost(direct, [[1000], [2000], [3000]], drivers),
    ],
    ["APPORTION (3 pools x n projects)", () => costApportion([[1000], [2000], [3000]], drivers)],
    ["WEIGHTEDSCORE (n bids x 5)", () => weightedScoreFn(scores, [[0.1, 0.2, 0.3, 0.2, 0.2]], 5)],
    ["PRICESCORE (n bids)", () => priceScoreFn(prices, prices, 40, null)],
    ["CONSENSUS (n rows x 5)", () => consensusFn(scores)],
  ];
}

test("every FUNDING function at 10,000 and 100,000 rows: linear growth", () => {
  const small = calls(10_000);
  const large = calls(100_000);
  const lines = [
    "function                            10,000 rows  100,000 rows  growth (10 = linear): wall  CPU",
  ];
  const repeat = (run: () => unknown, times: number) =>
    best(Array.from({ length: times }, () => timed(run)));
  for (let i = 0; i < small.length; i++) {
    const [name, runSmall] = small[i];
    const runLarge = large[i][1];
    runSmall(); // warm up
    const a = repeat(runSmall, 7);
    const b = repeat(runLarge, 3);
    const growth = (x: number, y: number) => (y / Math.max(x, 0.01)).toFixed(1).padStart(5);
    lines.push(
      `${name.padEnd(34)} ${ms(a.wall).padStart(11)} ${ms(b.wall).padStart(13)}  ${" ".repeat(21)}${growth(a.wall, b.wall)} ${growth(a.cpu, b.cpu)}`
    );
  }
  console.log(lines.join("\n"));
});

test("=FUNDING.CLASSIFY(D:D,E:E,F:F): 1,048,576 rows, data in the first 100", () => {
  const rows = 1_048_576;
  for (const [label, empty] of [
    ["null (Excel on the web)", null],
    ["0 (Excel on the desktop)", 0],
  ] as const) {
    const column = (data: (i: number) => unknown) => {
      const c: unknown[][] = new Array(rows).fill([empty]);
      for (let i = 0; i < 100; i++) c[i] = [data(i)];
      return c;
    };
    const d = column((i) => 1000 + i * 100);
    const e = column((i) => (i % 2 ? "yes" : "no"));
    const f = column(() => "frontline");
    let out: unknown[][] = [];
    const t = best([0, 1, 2].map(() => timed(() => (out = classifyFunding(d, e, f)))));
    console.log(
      `whole columns, empty cells as ${label}: ${n0(out.length)} rows returned in ${ms(t.wall)} (CPU ${ms(t.cpu)}); before: 1,048,576 rows, 5.9 s`
    );
  }
});
