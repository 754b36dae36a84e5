/**
 * Properties over thousands of random amounts and drivers (fast-check): shares add back, MATCH
 * inverts SPLIT to the penny where the share allows, and the functions never throw or return
 * NaN / Infinity whatever the cells hold.
 */
import fc from "fast-check";
import {
  apportion,
  driverWeights,
  fullCost,
  fullCostInTable,
  match,
  parseBasis,
  split,
  unitCost,
  type Basis,
} from "../../../src/domain/cost-recovery/rules";
import { DEFAULT_SETTINGS } from "../../../src/domain/settings/settings";
import {
  costApportion,
  costFullCost,
  costMatch,
  costPriceGap,
  costSplit,
} from "../../../src/functions/costRecovery";

const RUNS = 3000;
const pence = fc.integer({ min: 0, max: 100_000_000_000 }); // up to £1bn

/** Funder parts as users give them: a/b ratios (whole or one decimal), numbers 0..1, funding types. */
const basisInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map((b) => `${100 - b}/${b}`),
  fc.integer({ min: 0, max: 1000 }).map((b) => `${(1000 - b) / 10}:${b / 10}`),
  fc.integer({ min: 0, max: 10_000 }).map((b) => b / 10_000),
  fc.constantFrom(
    "full",
    "Investment",
    "Small grant",
    "Commissioned service",
    "Qualifying activity",
    "Shopping",
    "Investing",
    "Giving"
  )
);
const basisOf = (v: unknown): Basis => {
  const r = parseBasis(v, DEFAULT_SETTINGS);
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
};

describe("SPLIT", () => {
  test("the two parts add back to the full cost and neither is negative", () => {
    fc.assert(
      fc.property(pence, basisInput, (f, b) => {
        const s = split(f, basisOf(b));
        return (
          s.vcs + s.funder === f && s.vcs >= 0 && s.funder >= 0 && Number.isSafeInteger(s.funder)
        );
      }),
      { numRuns: RUNS }
    );
  });
  test("the funder share is the exact share rounded half up: |funder - F x part| <= 1/2, ties upward", () => {
    fc.assert(
      fc.property(pence, basisInput, (f, b) => {
        const B = basisOf(b);
        const s = split(f, B);
        // 2 * den * funder - 2 * F * num lies in (-den, den]
        const diff =
          2n * BigInt(B.funderDen) * BigInt(s.funder) - 2n * BigInt(f) * BigInt(B.funderNum);
        return diff > -BigInt(B.funderDen) && diff <= BigInt(B.funderDen);
      }),
      { numRuns: RUNS }
    );
  });
});

describe("MATCH inverts SPLIT to the penny where the share allows", () => {
  const positive = basisInput.filter((b) => basisOf(b).funderNum > 0);

  test("SPLIT of MATCH's full cost gives back exactly the award as the funder share, and the match as the VCS share (any part above 0)", () => {
    fc.assert(
      fc.property(pence, positive, (a, b) => {
        const B = basisOf(b);
        const m = match(a, B);
        if (!m.ok) return false;
        const s = split(m.value.fullCost, B);
        return s.funder === a && s.vcs === m.value.matchNeeded;
      }),
      { numRuns: RUNS }
    );
  });

  test("MATCH of SPLIT's funder share gives back the full cost exactly when F x part is a whole number of pence", () => {
    fc.assert(
      fc.property(pence, positive, (f, b) => {
        const B = basisOf(b);
        fc.pre((BigInt(f) * BigInt(B.funderNum)) % BigInt(B.funderDen) === 0n);
        const m = match(split(f, B).funder, B);
        return m.ok && m.value.fullCost === f;
      }),
      { numRuns: RUNS }
    );
  });

  test("in general it gives back F exactly when the funder share's rounding error e satisfies -part/2 <= e < part/2, else misses by the rounding", () => {
    fc.assert(
      fc.property(pence, positive, (f, b) => {
        const B = basisOf(b);
        const funder = split(f, B).funder;
        const m = match(funder, B);
        if (!m.ok) return false;
        const num = BigInt(B.funderNum);
        const den = BigInt(B.funderDen);
        // e = funder - F*num/den; condition -num/(2den) <= e < num/(2den), scaled by 2den
        const e2 = 2n * den * BigInt(funder) - 2n * BigInt(f) * num;
        const inverts = -num <= e2 && e2 < num;
        // the miss is never more than the funder share's half penny scaled back up, plus half a penny
        const missOk =
          Math.abs(m.value.fullCost - f) <= Math.ceil(B.funderDen / (2 * B.funderNum) + 0.5);
        return (m.value.fullCost === f) === inverts && missOk;
      }),
      { numRuns: RUNS }
    );
  });

  test("example of a miss: 1p at 50/50 -> funder 1p -> MATCH says 2p (half pence cannot be undone)", () => {
    const B = basisOf("50/50");
    expect(split(1, B)).toEqual({ vcs: 0, funder: 1 });
    expect(match(1, B)).toEqual({ ok: true, value: { fullCost: 2, matchNeeded: 1 } });
  });
});

describe("APPORTION", () => {
  const driver = fc.oneof(
    fc.integer({ min: 0, max: 10_000 }),
    fc.integer({ min: 0, max: 1_000_000 }).map((x) => x / 100),
    fc.constant(0)
  );
  const problemShape = fc.integer({ min: 1, max: 6 }).chain((k) =>
    fc.integer({ min: 1, max: 25 }).chain((n) =>
      fc.record({
        pools: fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: k, maxLength: k }),
        drivers: fc.array(
          fc
            .array(driver, { minLength: n, maxLength: n })
            .map((row) => (row.every((d) => d === 0) ? [1, ...row.slice(1)] : row)),
          { minLength: k, maxLength: k }
        ),
      })
    )
  );

  test("every pool adds back to the penny and the projects' row adds up to the sum of the pools", () => {
    fc.assert(
      fc.property(problemShape, ({ pools, drivers }) => {
        const r = apportion(pools, drivers);
        if (!r.ok) return false;
        const poolsOk = r.value.perPool.every(
          (parts, k) => parts.reduce((s, x) => s + x, 0) === pools[k] && parts.every((x) => x >= 0)
        );
        const total = r.value.perProject.reduce((s, x) => s + x, 0);
        return poolsOk && total === pools.reduce((s, x) => s + x, 0);
      }),
      { numRuns: RUNS }
    );
  });

  test("each share is within a penny of the exact proportion, and a project with driver 0 carries nothing of that pool", () => {
    fc.assert(
      fc.property(problemShape, ({ pools, drivers }) => {
        const r = apportion(pools, drivers);
        if (!r.ok) return false;
        return r.value.perPool.every((parts, k) => {
          const sum = drivers[k].reduce((s, d) => s + d, 0);
          return parts.every(
            (p, j) =>
              Math.abs(p - (pools[k] * drivers[k][j]) / sum) < 1 + 1e-6 &&
              (drivers[k][j] !== 0 || p === 0)
          );
        });
      }),
      { numRuns: RUNS }
    );
  });

  test("the function returns the same amounts in pounds, adding back to the pools in pence", () => {
    fc.assert(
      fc.property(problemShape, ({ pools, drivers }) => {
        const out = costApportion(
          pools.map((p) => [p / 100]),
          drivers
        );
        const engine = apportion(pools, drivers);
        if (!engine.ok) return false;
        return out.length === 1 && out[0].every((v, j) => v === engine.value.perProject[j] / 100);
      }),
      { numRuns: 500 }
    );
  });
});

describe("no NaN, no Infinity, no exceptions whatever the cells hold", () => {
  const cell = fc.oneof(
    fc.double({ noNaN: false }),
    fc.integer(),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(""),
    fc.constantFrom("£1,234.56", "80/20", "full", "Investment", "0.3", "-5", "1e308", "Infinity")
  );
  const column = fc.oneof(
    cell.map((c) => [[c]]),
    fc.array(
      cell.map((c) => [c]),
      { minLength: 1, maxLength: 5 }
    )
  );
  const grid = fc
    .array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 })
    .map((rows) => {
      const w = rows[0].length;
      return rows.map((r) =>
        r.length >= w ? r.slice(0, w) : [...r, ...Array(w - r.length).fill(0)]
      );
    });
  const finiteOrError = (out: unknown[][]) =>
    out.every((row) =>
      row.every(
        (v) =>
          v instanceof CustomFunctions.Error ||
          (typeof v === "number" && Number.isFinite(v)) ||
          typeof v === "string"
      )
    );

  test("SPLIT, MATCH and PRICEGAP", () => {
    fc.assert(
      fc.property(
        column,
        column,
        (a, b) =>
          finiteOrError(costSplit(a, b)) &&
          finiteOrError(costMatch(a, b)) &&
          finiteOrError(costPriceGap(a, b))
      ),
      { numRuns: 2000 }
    );
  });
  test("APPORTION and FULLCOST", () => {
    fc.assert(
      fc.property(column, grid, column, cell, (pools, drivers, direct, project) => {
        if (!finiteOrError(costApportion(pools, drivers))) return false;
        return (
          finiteOrError(costFullCost(direct, pools, drivers)) &&
          finiteOrError(costFullCost(direct, pools, drivers, project))
        );
      }),
      { numRuns: 2000 }
    );
  });
});

/** Whole-number weights of a row, as BigInt (exactly the drivers' proportions). */
const bigWeights = (row: readonly number[]): bigint[] => {
  const w = driverWeights(row);
  if (!w) throw new Error("a driver without a reading");
  return Array.from(w, (x: number | bigint) => BigInt(x));
};

/** The largest remainder by the book: floors, then a full sort of the remainders. */
function largestRemainderByTheBook(total: number, weights: readonly bigint[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  const T = BigInt(total);
  const parts = weights.map((w) => (T * w) / sum);
  const rems = weights.map((w) => (T * w) % sum);
  let left = T - parts.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((_, i) => i)
    .sort((i, j) => (rems[i] === rems[j] ? i - j : rems[j] > rems[i] ? 1 : -1));
  for (const i of order) {
    if (left <= 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return parts.map(Number);
}

describe("any finite driver Excel can hold is shared exactly (issue 10)", () => {
  /** Drivers as sheets hold them, and the ones the issue found refused. */
  const anyDriver = fc.oneof(
    fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }), // subnormals to 1.8e308
    fc.constantFrom(1 / 3, 2 / 3, 20 / 37.5, 9007.5, 9008, 12_345.67, 1e300, 5e-324, 9e307),
    fc.constantFrom(0.1 + 0.2, 0.3, 0.1, 0),
    fc.integer({ min: 0, max: 10_000_000 }).map((x) => x / 100),
    fc.integer({ min: 0, max: 375 }).map((h) => h / 10 / 37.5), // FTE: =hours/37.5
    fc.integer({ min: 0, max: 60 })
  );
  const table = fc.integer({ min: 1, max: 5 }).chain((k) =>
    fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.record({
        pools: fc.array(
          fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1e13 })),
          { minLength: k, maxLength: k }
        ),
        drivers: fc.array(
          fc
            .array(anyDriver, { minLength: n, maxLength: n })
            .map((row) => (row.every((d) => d === 0) ? [1 / 3, ...row.slice(1)] : row)),
          { minLength: k, maxLength: k }
        ),
      })
    )
  );

  test("APPORTION accepts every table; each pool adds back exactly, by the largest remainder, earlier projects first on ties", () => {
    fc.assert(
      fc.property(table, ({ pools, drivers }) => {
        const r = apportion(pools, drivers);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        r.value.perPool.forEach((parts, k) => {
          expect(parts.reduce((s, x) => s + x, 0)).toBe(pools[k]);
          const w = bigWeights(drivers[k]);
          const sum = w.reduce((a, b) => a + b, 0n);
          // each part is its exact share rounded down or up: |part x sum - pool x w| < sum
          parts.forEach((p, j) => {
            const diff = BigInt(p) * sum - BigInt(pools[k]) * w[j];
            expect(diff > -sum && diff < sum).toBe(true);
            expect(p).toBeGreaterThanOrEqual(0);
            if (drivers[k][j] === 0) expect(p).toBe(0);
          });
          if (pools[k] > 0) expect(parts).toEqual(largestRemainderByTheBook(pools[k], w));
        });
        expect(r.value.perProject.reduce((s, x) => s + x, 0)).toBe(
          pools.reduce((s, x) => s + x, 0)
        );
      }),
      { numRuns: 1000 }
    );
  });

  test("FULLCOST over the whole table is by construction direct + APPORTION's part, for every project", () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 0, max: 1e12 }), ({ pools, drivers }, direct) => {
        const a = apportion(pools, drivers);
        if (!a.ok) return false;
        return drivers[0].every((_, j) => {
          const f = fullCostInTable(direct, pools, drivers, j);
          return (
            f.ok &&
            f.value.fullCost === direct + a.value.perProject[j] &&
            f.value.shares.every((x, k) => x === a.value.perPool[k][j])
          );
        });
      }),
      { numRuns: 1000 }
    );
  });

  test("FULLCOST of one project is APPORTION between the project and the rest of the organisation", () => {
    // driver values in hundredths, so the total is exactly project + rest
    const hundredths = fc.integer({ min: 0, max: 1e9 });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ pool: fc.integer({ min: 0, max: 1e12 }), a: hundredths, b: hundredths }),
          { minLength: 1, maxLength: 6 }
        ),
        fc.integer({ min: 0, max: 1e12 }),
        (rows, direct) => {
          fc.pre(rows.every((r) => r.a + r.b > 0));
          const pools = rows.map((r) => r.pool);
          const f = fullCost(
            direct,
            pools,
            rows.map((r) => r.a / 100),
            rows.map((r) => (r.a + r.b) / 100)
          );
          const a = apportion(
            pools,
            rows.map((r) => [r.a / 100, r.b / 100])
          );
          return f.ok && a.ok && f.value.fullCost === direct + a.value.perProject[0];
        }
      ),
      { numRuns: 2000 }
    );
  });

  test("FULLCOST of one project: pool x project / total rounded half up, for any finite drivers", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), anyDriver, anyDriver, (pool, x, y) => {
        const [pd, td] = x <= y ? [x, y] : [y, x];
        fc.pre(td > 0);
        const f = fullCost(0, [pool], [pd], [td]);
        expect(f.ok).toBe(true);
        if (!f.ok) return;
        const [wp, wt] = bigWeights([pd, td]);
        // 2 x total x share - 2 x pool x project lies in (-total, total]: half up
        const diff = 2n * wt * BigInt(f.value.fullCost) - 2n * BigInt(pool) * wp;
        expect(diff > -wt && diff <= wt).toBe(true);
      }),
      { numRuns: 3000 }
    );
  });

  test("linear in the size of the table: 3 pools x 30,000 projects of mixed drivers (about half a second here)", () => {
    const n = 30_000;
    const row = (seed: number) =>
      Array.from({ length: n }, (_, j) => {
        const x = (j * 7919 + seed) % 1000;
        return x % 3 === 0 ? x / 3 : x % 3 === 1 ? x * 1e290 : x / 100;
      });
    const drivers = [row(1), row(2), row(3)];
    const started = performance.now();
    const r = apportion([123_456_789_012, 987_654_321, 5], drivers);
    const elapsed = performance.now() - started;
    expect(r.ok).toBe(true);
    // generous for a shared machine; a quadratic step would take minutes
    expect(elapsed).toBeLessThan(10_000);
  });
});

describe("the rules return a problem, never throw, whatever numbers they are given", () => {
  const anyNumber = fc.oneof(
    fc.double(),
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.constantFrom(0, -0, 1 / 3, 1e300, 5e-324, Number.MAX_SAFE_INTEGER, NaN, Infinity)
  );
  const finiteOrProblem = (r: { ok: boolean; value?: unknown; problem?: { message: string } }) =>
    r.ok
      ? JSON.stringify(r.value, (_k, v) =>
          typeof v === "number" && !Number.isFinite(v) ? "X" : v
        ).indexOf('"X"') < 0
      : (r.problem?.message.length ?? 0) > 0;
  test("APPORTION, FULLCOST (both forms), unit cost and MATCH", () => {
    fc.assert(
      fc.property(
        fc.array(anyNumber, { minLength: 1, maxLength: 3 }),
        fc.array(fc.array(anyNumber, { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 3,
        }),
        anyNumber,
        anyNumber,
        (pools, drivers, x, y) => {
          const rows = drivers.map((r) => r.slice(0, drivers[0].length));
          expect(finiteOrProblem(apportion(pools, rows))).toBe(true);
          expect(finiteOrProblem(fullCost(x, pools, rows[0], rows[rows.length - 1]))).toBe(true);
          expect(finiteOrProblem(fullCostInTable(x, pools, rows, y))).toBe(true);
          expect(finiteOrProblem(unitCost(x, y))).toBe(true);
          if (Number.isSafeInteger(x))
            expect(finiteOrProblem(match(x, basisOf(0.0001)))).toBe(true);
        }
      ),
      { numRuns: 3000 }
    );
  });
});

describe("APPORTION's fast path", () => {
  test("gives exactly the parts of allocateLargestRemainder (BigInt), ties to earlier items", () => {
    const { allocateSafe } = jest.requireActual(
      "../../../src/domain/cost-recovery/rules"
    ) as typeof import("../../../src/domain/cost-recovery/rules");
    const { allocateLargestRemainder } = jest.requireActual(
      "../../../src/domain/kernel/money"
    ) as typeof import("../../../src/domain/kernel/money");
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 10_000_000_000 })),
        fc
          .array(
            fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1_000_000_000 })),
            { minLength: 1, maxLength: 30 }
          )
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          expect(allocateSafe(total, weights)).toEqual(allocateLargestRemainder(total, weights));
        }
      ),
      { numRuns: RUNS }
    );
  });
  test("also for pools far larger than the weights (the pool is split into whole multiples of the sum and a rest)", () => {
    const { allocateSafe } = jest.requireActual(
      "../../../src/domain/cost-recovery/rules"
    ) as typeof import("../../../src/domain/cost-recovery/rules");
    const { allocateLargestRemainder } = jest.requireActual(
      "../../../src/domain/kernel/money"
    ) as typeof import("../../../src/domain/kernel/money");
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          fc.integer({ min: 0, max: 1e15 })
        ),
        fc
          .array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 100_000 })), {
            minLength: 1,
            maxLength: 30,
          })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          expect(allocateSafe(total, weights)).toEqual(allocateLargestRemainder(total, weights));
        }
      ),
      { numRuns: RUNS }
    );
  });
});
