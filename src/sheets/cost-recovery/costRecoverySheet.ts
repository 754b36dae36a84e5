/**
 * The cost recovery workbook: a pure model of the sheet the "Cost recovery" view writes, and the
 * engine's own computation of every result on it, so the two can be checked against each other.
 *
 * One sheet per organisation with several projects (DOMAIN.md s.3; ACEVO / NPC full cost recovery):
 * settings (funder share per funding type, from FrameworkSettings, 002:353-355), overhead pools
 * with their cost drivers, projects with their inputs and driver values, live results in ordinary
 * Excel formulas (no add-in functions, so the sheet works for a colleague or funder without the
 * add-in), a chart area, the "Price a service" bidder block, and the workings.
 *
 * Exactness in the sheet: every amount is carried in pence (whole numbers) in the workings and
 * divided by 100 only for display. Each pool is shared by the largest remainder written as
 * formulas: remainder = MOD(pool pence x weight, total weight); floor = (pool pence x weight -
 * remainder) / total weight; a project gets one more penny when (remainders above its own) + (equal
 * remainders of earlier projects) < pence left after the floors. That is exactly
 * allocateLargestRemainder (earlier projects first on ties), so the sheet and the engine agree to
 * the penny, and every pool adds back by construction (the check column shows the difference).
 * Weights are whole numbers so the arithmetic is exact: driver values count to two decimal
 * places (weight = ROUND(driver x 100, 0)); direct expenditure counts in whole pounds. MOD keeps
 * the remainder exact (no cancellation in a subtraction of two large numbers). Exact while pool
 * pence x weight stays below 2^53, about 9 x 10^15 (e.g. a £1m pool with drivers up to 900,000
 * hours or £90m of direct spend per project); beyond that the pool check shows any lost penny.
 */
import { FUNDING_TYPES, funderPercent, type FundingType } from "../../domain/classification/classify";
import {
  basisForType,
  fundingTypeNamed,
  match,
  overheadRate,
  priceGap,
  split,
  unitCost,
} from "../../domain/cost-recovery/rules";
import {
  allocateLargestRemainder,
  PERCENT_FORMAT,
  POUNDS_FORMAT,
  toPence,
  type Pence,
} from "../../domain/kernel/money";
import { columnIndex, columnLetters } from "../a1";
import type { FrameworkSettings } from "../../domain/settings/settings";

export type DriverKind = "headcount" | "floorArea" | "staffTime" | "directExpenditure" | "other";

export const DRIVER_LABELS: Readonly<Record<DriverKind, string>> = {
  headcount: "Headcount",
  floorArea: "Floor area (m²)",
  staffTime: "Staff time (hours)",
  directExpenditure: "Direct expenditure (£)",
  other: "Other driver",
};
export const SINGLE_DRIVER_LABEL = "People (headcount or FTE)";

export type PoolSetup = { name: string; amount: number; driver: DriverKind };
export type ProjectSetup = {
  name: string;
  directCost: number;
  units: number | null;
  fundingType: FundingType;
  /** The price offered or award, in £; null when not known yet. */
  price: number | null;
  /** One value per pool (or one value, people, with the single-driver option). Ignored for direct-expenditure pools. */
  drivers: (number | null)[];
};
export type BidderSetup = {
  service: string;
  directCost: number;
  overheads: number;
  units: number | null;
  fundingType: FundingType;
};
export type CostWorkbookSetup = {
  organisation: string;
  pools: PoolSetup[];
  projects: ProjectSetup[];
  /** Small organisations may share every pool by one driver, people (DOMAIN.md s.3 step 2). */
  singleDriver: boolean;
  bidder: BidderSetup;
};

/**
 * Default pools following the ACEVO / NPC full cost recovery method (DOMAIN.md s.3 step 2):
 * premises and office by headcount, central functions by staff time, governance and strategic
 * development by direct expenditure, general fundraising as a further pool where needed.
 */
export function defaultPools(): PoolSetup[] {
  return [
    { name: "Premises and office costs", amount: 0, driver: "headcount" },
    { name: "Central functions (finance, HR, IT)", amount: 0, driver: "staffTime" },
    { name: "Governance and strategic development", amount: 0, driver: "directExpenditure" },
    { name: "General fundraising", amount: 0, driver: "directExpenditure" },
  ];
}

// ---------------------------------------------------------------------------------------------
// The engine's computation of the sheet

export type PoolResult = {
  pence: Pence;
  totalWeight: number;
  sharedOut: Pence;
  difference: Pence;
  status: "Adds back" | "Drivers all 0" | "Does not add back";
};
export type ProjectResult = {
  directPence: Pence;
  awardPence: Pence | null;
  weights: number[];
  shares: Pence[];
  overheads: Pence;
  fullCost: Pence;
  overheadRate: number | null;
  unitCost: Pence | null;
  funder: Pence | null;
  vcs: Pence | null;
  /** Match needed for the award at the funding type's ratio (FUNDING.MATCH); "n/a" when the funder's part is 0. */
  matchNeeded: Pence | "n/a" | null;
  recovery: number | null;
  shortfall: Pence | null;
};
export type BidderResult = {
  fullCost: Pence;
  unitPrice: Pence | null;
  funder: Pence | null;
  organisation: Pence | null;
  overheadRate: number | null;
};
export type CostWorkbookResult = {
  pools: PoolResult[];
  projects: ProjectResult[];
  totals: Totals;
  bidder: BidderResult;
};
export type Totals = {
  direct: Pence;
  shares: Pence[];
  overheads: Pence;
  fullCost: Pence;
  funder: Pence;
  vcs: Pence;
  shortfall: Pence;
};

const penceOf = (pounds: number | null | undefined): Pence =>
  toPence(Math.max(0, pounds ?? 0)) ?? 0;
/** Driver weight as the sheet counts it: two decimal places (ROUND(driver*100,0)), at least 0. */
export const driverWeight = (d: number | null | undefined): number =>
  Math.max(0, Math.round((d ?? 0) * 100));
/** Direct expenditure as a weight: whole pounds (ROUND(direct,0)), at least 0. */
export const spendWeight = (pounds: number | null | undefined): number =>
  Math.max(0, Math.round(pounds ?? 0));

function funderBasisPoints(type: string, settings: FrameworkSettings): number | null {
  const t = fundingTypeNamed(type);
  return t ? Math.round(funderPercent(t, settings) * 100) : null;
}

/** The weight of pool k for project j, as the sheet computes it. */
export function weightOf(setup: CostWorkbookSetup, k: number, j: number): number {
  const p = setup.projects[j];
  if (setup.singleDriver) return driverWeight(p.drivers[0]);
  if (setup.pools[k].driver === "directExpenditure") return spendWeight(p.directCost);
  return driverWeight(p.drivers[k]);
}

/** Everything the sheet shows, computed by the engine (the functions behind FUNDING.*). */
export function computeCostWorkbook(
  setup: CostWorkbookSetup,
  settings: FrameworkSettings
): CostWorkbookResult {
  const n = setup.projects.length;
  const pools: PoolResult[] = [];
  const sharesByPool: Pence[][] = [];
  setup.pools.forEach((pool, k) => {
    const pence = penceOf(pool.amount);
    const weights = setup.projects.map((_, j) => weightOf(setup, k, j));
    const totalWeight = weights.reduce((s, w) => s + w, 0);
    const shares =
      totalWeight > 0 ? allocateLargestRemainder(pence, weights) : new Array(n).fill(0);
    const sharedOut = shares.reduce((s, x) => s + x, 0);
    sharesByPool.push(shares);
    pools.push({
      pence,
      totalWeight,
      sharedOut,
      difference: pence - sharedOut,
      status:
        pence > 0 && totalWeight === 0
          ? "Drivers all 0"
          : pence === sharedOut
            ? "Adds back"
            : "Does not add back",
    });
  });
  const projects: ProjectResult[] = setup.projects.map((p, j) => {
    const directPence = penceOf(p.directCost);
    const awardPence = p.price === null || p.price === undefined ? null : penceOf(p.price);
    const shares = setup.pools.map((_, k) => sharesByPool[k][j]);
    const overheads = shares.reduce((s, x) => s + x, 0);
    const full = directPence + overheads;
    const bp = funderBasisPoints(p.fundingType, settings);
    const basis = bp === null ? null : { label: p.fundingType, funderNum: bp, funderDen: 10000 };
    const s = basis ? split(full, basis) : null;
    let matchNeeded: ProjectResult["matchNeeded"] = null;
    if (basis && awardPence !== null) {
      const m = match(awardPence, basis);
      matchNeeded = m.ok ? m.value.matchNeeded : "n/a";
    }
    const gap = awardPence !== null ? priceGap(awardPence, full) : null;
    const unitsWeight = p.units === null || p.units === undefined ? 0 : Math.round(p.units * 100);
    const unit = unitsWeight > 0 ? unitCost(full, unitsWeight / 100) : null;
    return {
      directPence,
      awardPence,
      weights: setup.pools.map((_, k) => weightOf(setup, k, j)),
      shares,
      overheads,
      fullCost: full,
      overheadRate: overheadRate(overheads, directPence),
      unitCost: unit && unit.ok ? unit.value : null,
      funder: s ? s.funder : null,
      vcs: s ? s.vcs : null,
      matchNeeded,
      recovery: gap && gap.ok ? gap.value.recovery : null,
      shortfall: awardPence !== null ? Math.max(0, full - awardPence) : null,
    };
  });
  const sum = (f: (p: ProjectResult) => Pence | null) =>
    projects.reduce((s, p) => s + (f(p) ?? 0), 0);
  const totals: Totals = {
    direct: sum((p) => p.directPence),
    shares: setup.pools.map((_, k) => sum((p) => p.shares[k])),
    overheads: sum((p) => p.overheads),
    fullCost: sum((p) => p.fullCost),
    funder: sum((p) => p.funder),
    vcs: sum((p) => p.vcs),
    shortfall: sum((p) => p.shortfall),
  };
  return { pools, projects, totals, bidder: computeBidder(setup.bidder, settings) };
}

/** "Price a service": full cost, unit price at full cost, and the funder's and organisation's parts. */
export function computeBidder(b: BidderSetup, settings: FrameworkSettings): BidderResult {
  const d = penceOf(b.directCost);
  const o = penceOf(b.overheads);
  const full = d + o;
  const uw = b.units === null || b.units === undefined ? 0 : Math.round(b.units * 100);
  const unit = uw > 0 ? unitCost(full, uw / 100) : null;
  const t = fundingTypeNamed(b.fundingType);
  const s = t ? split(full, basisForType(t, settings)) : null;
  return {
    fullCost: full,
    unitPrice: unit && unit.ok ? unit.value : null,
    funder: s ? s.funder : null,
    organisation: s ? s.vcs : null,
    overheadRate: overheadRate(o, d),
  };
}

// ---------------------------------------------------------------------------------------------
// The layout: cells to write

export type CellValue = string | number | boolean;
export type BlockKind =
  | "title"
  | "note"
  | "heading"
  | "header"
  | "label"
  | "input"
  | "text-input"
  | "formula"
  | "working";
export type Block = {
  /** A1 address without the sheet, e.g. "B12:B15". */
  address: string;
  kind: BlockKind;
  /** Values, or formulas starting with "=". Text inputs are user text and are written as text. */
  cells: CellValue[][];
  numberFormat?: string;
};
export type Validation =
  | { address: string; type: "list"; source: string; prompt: string }
  | { address: string; type: "decimalMin0"; prompt: string };
export type CostWorkbookLayout = {
  /** The whole rectangle the workbook occupies (checked empty before writing). */
  range: string;
  rows: number;
  columns: number;
  blocks: Block[];
  validations: Validation[];
  /** Recovery cells highlighted when below 100%. */
  recoveryHighlight: { address: string; below: number; fill: string; fontColor: string };
  chart: {
    type: "ColumnStacked";
    source: string;
    title: string;
    topLeft: string;
    bottomRight: string;
  };
  columnWidths: { column: string; width: number }[];
  refs: CostWorkbookRefs;
};
/** Where things are, for the task pane's messages and the tests. */
export type CostWorkbookRefs = {
  settings: { type: string; funderShare: string }[];
  pools: {
    name: string;
    amount: string;
    totalDriver: string;
    sharedOut: string;
    difference: string;
    status: string;
  }[];
  projects: {
    name: string;
    direct: string;
    units: string;
    type: string;
    price: string;
    drivers: string[];
  }[];
  /** Results block (without header): columns in RESULT_COLUMNS order then one per pool after Direct costs. */
  results: string;
  resultHeaders: string[];
  totals: string;
  bidder: {
    service: string;
    direct: string;
    overheads: string;
    units: string;
    type: string;
    fullCost: string;
    unitPrice: string;
    funder: string;
    organisation: string;
    overheadRate: string;
  };
};

export const INPUT_FILL = "#FFCC99"; // Excel's built-in "Input" cell style
export const INPUT_FONT = "#3F3F76";
export const HEADER_FILL = "#D9E1F2";
export const SHORTFALL_FILL = "#FFC7CE"; // Excel's "Bad" style
export const SHORTFALL_FONT = "#9C0006";

/** 0-based column number to letters (kept under this name for existing importers). */
export const columnLetter = columnLetters;
/** "C5" -> { row: 4, col: 2 } (0-based); null when not a cell address. */
export function parseCell(address: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!m) return null;
  const col = columnIndex(m[1]);
  const row = Number(m[2]) - 1;
  if (col < 0 || col > 16383 || row < 0 || row >= 1048576) return null;
  return { row, col };
}

const MAX_PROJECTS = 500;
const MAX_POOLS = 12;

export type SetupProblem = { field: string; message: string };

/** Check a setup before laying it out; every problem names the field. */
export function validateSetup(setup: CostWorkbookSetup): SetupProblem[] {
  const problems: SetupProblem[] = [];
  const num = (v: unknown, field: string, opts: { blankOk?: boolean } = {}) => {
    if (v === null || v === undefined) {
      if (!opts.blankOk)
        problems.push({ field, message: `${field} is blank; enter a number, 0 or more` });
      return;
    }
    if (typeof v !== "number" || !Number.isFinite(v))
      problems.push({ field, message: `${field} must be a number` });
    else if (v < 0) problems.push({ field, message: `${field} must be 0 or more; got ${v}` });
  };
  if (setup.pools.length === 0)
    problems.push({ field: "Overhead pools", message: "Add at least one overhead pool" });
  if (setup.pools.length > MAX_POOLS)
    problems.push({ field: "Overhead pools", message: `At most ${MAX_POOLS} overhead pools` });
  if (setup.projects.length === 0)
    problems.push({ field: "Projects", message: "Add at least one project" });
  if (setup.projects.length > MAX_PROJECTS)
    problems.push({ field: "Projects", message: `At most ${MAX_PROJECTS} projects on one sheet` });
  setup.pools.forEach((p, k) => {
    const label = `Pool ${k + 1} (${p.name || "unnamed"})`;
    if (!p.name.trim())
      problems.push({ field: `Pool ${k + 1} name`, message: `Pool ${k + 1} needs a name` });
    num(p.amount, `${label} annual cost`);
    if (!(p.driver in DRIVER_LABELS))
      problems.push({
        field: `${label} cost driver`,
        message: `${label} cost driver must be one of ${Object.values(DRIVER_LABELS).join(", ")}`,
      });
  });
  setup.projects.forEach((p, j) => {
    const label = `Project ${j + 1} (${p.name || "unnamed"})`;
    if (!p.name.trim())
      problems.push({ field: `Project ${j + 1} name`, message: `Project ${j + 1} needs a name` });
    num(p.directCost, `${label} direct costs`);
    num(p.units, `${label} units of output`, { blankOk: true });
    num(p.price, `${label} price offered or award`, { blankOk: true });
    if (!FUNDING_TYPES.includes(p.fundingType))
      problems.push({
        field: `${label} funding type`,
        message: `${label} funding type must be one of ${FUNDING_TYPES.join(", ")}`,
      });
    const needed = setup.singleDriver ? 1 : setup.pools.length;
    for (let k = 0; k < needed; k++) {
      if (!setup.singleDriver && setup.pools[k]?.driver === "directExpenditure") continue;
      num(
        p.drivers[k],
        `${label} driver for ${setup.singleDriver ? SINGLE_DRIVER_LABEL : setup.pools[k]?.name || `pool ${k + 1}`}`,
        { blankOk: true }
      );
    }
  });
  return problems;
}

/** The result columns after Project, Direct costs and one column per pool. */
export const RESULT_COLUMNS = [
  "Overheads carried (£)",
  "Full cost (£)",
  "Overhead rate",
  "Unit cost (£)",
  "Funder share (£)",
  "VCS organisation share (£)",
  "Match needed (£)",
  "Recovery",
  "Shortfall (£)",
] as const;

/**
 * Lay the workbook out from `origin` (0-based row and column of its top-left cell). Formulas use
 * absolute references to fixed ranges and plain references within a row.
 */
export function layoutCostWorkbook(
  setup: CostWorkbookSetup,
  settings: FrameworkSettings,
  origin = { row: 0, col: 0 }
): CostWorkbookLayout {
  const k = setup.pools.length;
  const n = setup.projects.length;
  const R = origin.row;
  const C = origin.col;
  const A = (r: number, c: number) => `${columnLetter(C + c)}${R + r + 1}`;
  const AA = (r: number, c: number) => `$${columnLetter(C + c)}$${R + r + 1}`;
  const rng = (r1: number, c1: number, r2: number, c2: number) =>
    r1 === r2 && c1 === c2 ? A(r1, c1) : `${A(r1, c1)}:${A(r2, c2)}`;
  const arng = (r1: number, c1: number, r2: number, c2: number) => `${AA(r1, c1)}:${AA(r2, c2)}`;
  const blocks: Block[] = [];
  const put = (
    r: number,
    c: number,
    kind: BlockKind,
    cells: CellValue[][],
    numberFormat?: string
  ) => {
    if (cells.length === 0 || cells[0].length === 0) return;
    blocks.push({
      address: rng(r, c, r + cells.length - 1, c + cells[0].length - 1),
      kind,
      cells,
      numberFormat,
    });
  };
  const column = <T extends CellValue>(xs: T[]) => xs.map((x) => [x]);

  // --- rows
  const rTitle = 0;
  const rSettings = 3; // heading; header at +1; types at +2..+5
  const nTypes = FUNDING_TYPES.length;
  const rPools = rSettings + 2 + nTypes + 1; // heading
  const rPoolRow0 = rPools + 2;
  const rProjects = rPoolRow0 + k + 1;
  const rProjRow0 = rProjects + 2;
  const rResults = rProjRow0 + n + 1;
  const rResRow0 = rResults + 2;
  const rTotals = rResRow0 + n;
  const rChart = rTotals + 2;
  const chartRows = 18;
  const rBidder = rChart + chartRows + 1;
  const rWork = rBidder + 13;
  const rWorkRow0 = rWork + 2;
  const rows = rWorkRow0 + n;

  // --- title and notes
  put(rTitle, 0, "title", [[`Full cost recovery: ${setup.organisation.trim() || "organisation"}`]]);
  put(rTitle + 1, 0, "note", [
    [
      "Shaded cells are inputs: change them and every result updates. Ratios are written VCS organisation / funder (002:355). " +
        "Method: ACEVO / New Philanthropy Capital full cost recovery; amounts are exact to the penny and each pool adds back.",
    ],
  ]);

  // --- settings block: funder share per funding type (from the workbook's settings)
  put(rSettings, 0, "heading", [["Funder share by funding type (from Settings; 002:353-355)"]]);
  put(rSettings + 1, 0, "header", [
    ["Funding type", "Funder share", "VCS organisation share", "Basis points (working)"],
  ]);
  const rType0 = rSettings + 2;
  put(rType0, 0, "label", column(FUNDING_TYPES.map((t) => t)));
  put(
    rType0,
    1,
    "formula",
    column(FUNDING_TYPES.map((t) => funderPercent(t, settings) / 100)),
    "0.00%"
  );
  put(rType0, 2, "formula", column(FUNDING_TYPES.map((_, i) => `=1-${A(rType0 + i, 1)}`)), "0.00%");
  put(
    rType0,
    3,
    "working",
    column(FUNDING_TYPES.map((_, i) => `=ROUND(${A(rType0 + i, 1)}*10000,0)`)),
    "0"
  );
  const typeRange = arng(rType0, 0, rType0 + nTypes - 1, 0);
  const bpRange = arng(rType0, 3, rType0 + nTypes - 1, 3);

  // --- projects table geometry (needed by pool formulas)
  const driverCols = setup.singleDriver ? 1 : k;
  const pName = 0,
    pDirect = 1,
    pUnits = 2,
    pType = 3,
    pPrice = 4,
    pDriver0 = 5;
  const driverColOf = (kk: number) => pDriver0 + (setup.singleDriver ? 0 : kk);
  const rProjLast = rProjRow0 + n - 1;

  // --- workings geometry: per project row
  // column 0 holds the project's name
  const wDirect = 1,
    wAward = 2,
    wUnits = 3,
    wBp = 4,
    wPool0 = 5;
  const wPool = (kk: number, part: 0 | 1 | 2 | 3 | 4) => wPool0 + kk * 5 + part; // weight, floor, remainder, extra, share
  const wOverheads = wPool0 + 5 * k,
    wFull = wOverheads + 1,
    wFunder = wFull + 1,
    wVcs = wFunder + 1,
    wShort = wVcs + 1;
  const rWorkLast = rWorkRow0 + n - 1;

  // --- pools table
  put(rPools, 0, "heading", [["Overhead pools (annual)"]]);
  put(rPools + 1, 0, "header", [
    [
      "Overhead pool",
      "Annual cost (£)",
      "Cost driver",
      "Total driver",
      "Shared out (£)",
      "Difference (£)",
      "Check",
      "Pool (pence)",
      "Total weight",
      "Pence left after floors",
    ],
  ]);
  const poolPence = (kk: number) => A(rPoolRow0 + kk, 7);
  const poolWeight = (kk: number) => A(rPoolRow0 + kk, 8);
  put(rPoolRow0, 0, "text-input", column(setup.pools.map((p) => p.name)));
  put(rPoolRow0, 1, "input", column(setup.pools.map((p) => p.amount)), POUNDS_FORMAT);
  put(
    rPoolRow0,
    2,
    "label",
    column(
      setup.pools.map((p) => (setup.singleDriver ? SINGLE_DRIVER_LABEL : DRIVER_LABELS[p.driver]))
    )
  );
  const drvRange = (kk: number) => arng(rProjRow0, driverColOf(kk), rProjLast, driverColOf(kk));
  const workRange = (kk: number, part: 0 | 1 | 2 | 3 | 4) =>
    arng(rWorkRow0, wPool(kk, part), rWorkLast, wPool(kk, part));
  put(
    rPoolRow0,
    3,
    "formula",
    column(setup.pools.map((_, kk) => `=SUM(${drvRange(kk)})`)),
    "#,##0.##"
  );
  put(
    rPoolRow0,
    4,
    "formula",
    column(setup.pools.map((_, kk) => `=SUM(${workRange(kk, 4)})/100`)),
    POUNDS_FORMAT
  );
  put(
    rPoolRow0,
    5,
    "formula",
    column(setup.pools.map((_, kk) => `=(${poolPence(kk)}-SUM(${workRange(kk, 4)}))/100`)),
    POUNDS_FORMAT
  );
  put(
    rPoolRow0,
    6,
    "formula",
    column(
      setup.pools.map(
        (_, kk) =>
          `=IF(AND(${poolPence(kk)}>0,${poolWeight(kk)}=0),"Drivers all 0",IF(${A(rPoolRow0 + kk, 5)}=0,"Adds back","Does not add back"))`
      )
    )
  );
  put(
    rPoolRow0,
    7,
    "working",
    column(setup.pools.map((_, kk) => `=ROUND(MAX(0,${A(rPoolRow0 + kk, 1)})*100,0)`)),
    "0"
  );
  put(
    rPoolRow0,
    8,
    "working",
    column(setup.pools.map((_, kk) => `=SUM(${workRange(kk, 0)})`)),
    "0"
  );
  put(
    rPoolRow0,
    9,
    "working",
    column(setup.pools.map((_, kk) => `=${poolPence(kk)}-SUM(${workRange(kk, 1)})`)),
    "0"
  );

  // --- projects table (inputs)
  put(rProjects, 0, "heading", [["Projects (inputs)"]]);
  const driverHeaders: CellValue[] = setup.singleDriver
    ? [`Driver: ${SINGLE_DRIVER_LABEL}`]
    : setup.pools.map(
        (p, kk) => `="Driver: "&${A(rPoolRow0 + kk, 0)}&" (${DRIVER_LABELS[p.driver]})"`
      );
  put(rProjects + 1, 0, "header", [
    [
      "Project",
      "Direct costs (£)",
      "Units of output",
      "Funding type",
      "Price offered or award (£)",
      ...driverHeaders,
    ],
  ]);
  put(rProjRow0, pName, "text-input", column(setup.projects.map((p) => p.name)));
  put(rProjRow0, pDirect, "input", column(setup.projects.map((p) => p.directCost)), POUNDS_FORMAT);
  put(rProjRow0, pUnits, "input", column(setup.projects.map((p) => p.units ?? "")), "#,##0.##");
  put(rProjRow0, pType, "input", column(setup.projects.map((p) => p.fundingType)));
  put(rProjRow0, pPrice, "input", column(setup.projects.map((p) => p.price ?? "")), POUNDS_FORMAT);
  for (let dc = 0; dc < driverCols; dc++) {
    const spend = !setup.singleDriver && setup.pools[dc].driver === "directExpenditure";
    if (spend) {
      put(
        rProjRow0,
        pDriver0 + dc,
        "formula",
        column(setup.projects.map((_, j) => `=ROUND(MAX(0,${A(rProjRow0 + j, pDirect)}),0)`)),
        "£#,##0"
      );
    } else {
      put(
        rProjRow0,
        pDriver0 + dc,
        "input",
        column(setup.projects.map((p) => p.drivers[dc] ?? "")),
        "#,##0.##"
      );
    }
  }

  // --- workings (pence)
  put(rWork, 0, "heading", [
    [
      "Workings (formulas; do not edit): amounts in pence, each pool shared by the largest remainder",
    ],
  ]);
  const workHeaders: CellValue[] = [
    "Project",
    "Direct (pence)",
    "Price or award (pence)",
    "Units (hundredths)",
    "Funder share (basis points)",
  ];
  setup.pools.forEach((_, kk) => {
    const nm = `Pool ${kk + 1}`;
    workHeaders.push(
      `${nm} weight`,
      `${nm} floor`,
      `${nm} remainder`,
      `${nm} extra penny`,
      `${nm} share (pence)`
    );
  });
  workHeaders.push(
    "Overheads (pence)",
    "Full cost (pence)",
    "Funder share (pence)",
    "VCS organisation share (pence)",
    "Shortfall (pence)"
  );
  put(rWork + 1, 0, "header", [workHeaders]);
  const wRows: CellValue[][] = setup.projects.map((_, j) => {
    const r = rWorkRow0 + j;
    const pr = rProjRow0 + j;
    const row: CellValue[] = [
      `=""&${A(pr, pName)}`,
      `=ROUND(MAX(0,${A(pr, pDirect)})*100,0)`,
      `=IF(${A(pr, pPrice)}="","",ROUND(MAX(0,${A(pr, pPrice)})*100,0))`,
      `=IF(${A(pr, pUnits)}="",0,ROUND(${A(pr, pUnits)}*100,0))`,
      `=IFERROR(INDEX(${bpRange},MATCH(${A(pr, pType)},${typeRange},0)),"")`,
    ];
    setup.pools.forEach((pool, kk) => {
      const dcell = A(pr, driverColOf(kk));
      const weight =
        !setup.singleDriver && pool.driver === "directExpenditure"
          ? `=MAX(0,ROUND(${dcell},0))`
          : `=MAX(0,ROUND(${dcell}*100,0))`;
      const W = AA(rPoolRow0 + kk, 8);
      const P = AA(rPoolRow0 + kk, 7);
      const L = AA(rPoolRow0 + kk, 9);
      const w = A(r, wPool(kk, 0));
      const fl = A(r, wPool(kk, 1));
      const rem = A(r, wPool(kk, 2));
      const remCol = workRange(kk, 2);
      const remFirst = AA(rWorkRow0, wPool(kk, 2));
      row.push(
        weight,
        `=IF(${W}=0,0,(${P}*${w}-${rem})/${W})`,
        `=IF(${W}=0,0,MOD(${P}*${w},${W}))`,
        `=IF(${W}=0,0,IF(COUNTIF(${remCol},">"&${rem})+COUNTIF(${remFirst}:${rem},${rem})-1<${L},1,0))`,
        `=${fl}+${A(r, wPool(kk, 3))}`
      );
    });
    const shareCells = setup.pools.map((_, kk) => A(r, wPool(kk, 4)));
    row.push(
      k ? `=${shareCells.join("+")}` : "=0",
      `=${A(r, wDirect)}+${A(r, wOverheads)}`,
      `=IF(${A(r, wBp)}="","",ROUND(${A(r, wFull)}*${A(r, wBp)}/10000,0))`,
      `=IF(${A(r, wBp)}="","",${A(r, wFull)}-${A(r, wFunder)})`,
      `=IF(${A(r, wAward)}="","",MAX(0,${A(r, wFull)}-${A(r, wAward)}))`
    );
    return row;
  });
  put(rWorkRow0, 0, "working", wRows, "0");

  // --- results
  put(rResults, 0, "heading", [["Results (formulas)"]]);
  const resultHeaders = [
    "Project",
    "Direct costs (£)",
    ...setup.pools.map((p) => p.name),
    ...RESULT_COLUMNS,
  ];
  put(rResults + 1, 0, "header", [
    [
      "Project",
      "Direct costs (£)",
      ...setup.pools.map((_, kk) => `=${A(rPoolRow0 + kk, 0)}&" (£)"`),
      ...RESULT_COLUMNS,
    ],
  ]);
  const cOver = 2 + k;
  // after Overheads: Full cost, Overhead rate, Unit cost, Funder share, VCS share, Match needed
  const cRec = cOver + 7,
    cShort = cOver + 8;
  const resRows: CellValue[][] = setup.projects.map((_, j) => {
    const w = (c: number) => A(rWorkRow0 + j, c);
    const bp = w(wBp);
    const award = w(wAward);
    const full = w(wFull);
    return [
      `=""&${A(rProjRow0 + j, pName)}`,
      `=${w(wDirect)}/100`,
      ...setup.pools.map((_, kk) => `=${w(wPool(kk, 4))}/100`),
      `=${w(wOverheads)}/100`,
      `=${full}/100`,
      `=IF(${w(wDirect)}=0,"",${w(wOverheads)}/${w(wDirect)})`,
      `=IF(${w(wUnits)}<=0,"",ROUND(${full}*100/${w(wUnits)},0)/100)`,
      `=IF(${bp}="","",${w(wFunder)}/100)`,
      `=IF(${bp}="","",${w(wVcs)}/100)`,
      `=IF(OR(${bp}="",${award}=""),"",IF(${bp}=0,"n/a",(ROUND(${award}*10000/${bp},0)-${award})/100))`,
      `=IF(OR(${award}="",${full}=0),"",${award}/${full})`,
      `=IF(${award}="","",${w(wShort)}/100)`,
    ];
  });
  const resFormats = [
    "General",
    POUNDS_FORMAT,
    ...setup.pools.map(() => POUNDS_FORMAT),
    POUNDS_FORMAT,
    POUNDS_FORMAT,
    PERCENT_FORMAT,
    POUNDS_FORMAT,
    POUNDS_FORMAT,
    POUNDS_FORMAT,
    POUNDS_FORMAT,
    PERCENT_FORMAT,
    POUNDS_FORMAT,
  ];
  // one block per column so each gets its number format
  resFormats.forEach((fmt, c) =>
    put(
      rResRow0,
      c,
      "formula",
      resRows.map((row) => [row[c]]),
      fmt
    )
  );
  // totals (sums of the pence workings, so they are exact)
  const wcol = (c: number) => arng(rWorkRow0, c, rWorkLast, c);
  const totalRow: CellValue[] = [
    "Total",
    `=SUM(${wcol(wDirect)})/100`,
    ...setup.pools.map((_, kk) => `=SUM(${wcol(wPool(kk, 4))})/100`),
    `=SUM(${wcol(wOverheads)})/100`,
    `=SUM(${wcol(wFull)})/100`,
    `=IF(SUM(${wcol(wDirect)})=0,"",SUM(${wcol(wOverheads)})/SUM(${wcol(wDirect)}))`,
    "",
    `=SUM(${wcol(wFunder)})/100`,
    `=SUM(${wcol(wVcs)})/100`,
    "",
    "",
    `=SUM(${wcol(wShort)})/100`,
  ];
  resFormats.forEach((fmt, c) =>
    put(rTotals, c, c === 0 ? "label" : "formula", [[totalRow[c]]], fmt)
  );

  // --- bidder mode: Price a service
  const b = setup.bidder;
  put(rBidder, 0, "heading", [["Price a service (bidder mode)"]]);
  const bIn = rBidder + 1;
  put(
    bIn,
    0,
    "label",
    column([
      "Service",
      "Direct costs (£)",
      "Share of overheads (£)",
      "Expected units of output",
      "Funding type",
    ])
  );
  put(bIn, 1, "text-input", [[b.service]]);
  put(bIn + 1, 1, "input", [[b.directCost], [b.overheads]], POUNDS_FORMAT);
  put(bIn + 3, 1, "input", [[b.units ?? ""]], "#,##0.##");
  put(bIn + 4, 1, "input", [[b.fundingType]]);
  const bd = `ROUND(MAX(0,${A(bIn + 1, 1)})*100,0)`;
  const bo = `ROUND(MAX(0,${A(bIn + 2, 1)})*100,0)`;
  const bfull = `(${bd}+${bo})`;
  const bbp = `INDEX(${bpRange},MATCH(${A(bIn + 4, 1)},${typeRange},0))`;
  const bOut = bIn + 6;
  put(
    bOut,
    0,
    "label",
    column([
      "Full cost (£)",
      "Unit price at full cost (£)",
      "Funder's part (£)",
      "Organisation's part (£)",
      "Overhead rate",
    ])
  );
  put(bOut, 1, "formula", [[`=${bfull}/100`]], POUNDS_FORMAT);
  put(
    bOut + 1,
    1,
    "formula",
    [[`=IF(N(${A(bIn + 3, 1)})<=0,"",ROUND(${bfull}*100/ROUND(${A(bIn + 3, 1)}*100,0),0)/100)`]],
    POUNDS_FORMAT
  );
  put(bOut + 2, 1, "formula", [[`=IFERROR(ROUND(${bfull}*${bbp}/10000,0)/100,"")`]], POUNDS_FORMAT);
  put(
    bOut + 3,
    1,
    "formula",
    [[`=IFERROR((${bfull}-ROUND(${bfull}*${bbp}/10000,0))/100,"")`]],
    POUNDS_FORMAT
  );
  put(bOut + 4, 1, "formula", [[`=IF(${bd}=0,"",${bo}/${bd})`]], PERCENT_FORMAT);
  put(
    bOut,
    2,
    "note",
    column([
      "Direct costs + share of overheads",
      "Full cost / expected units, to the penny",
      "Full cost x the funder's share for the funding type, rounded half up",
      "The rest: what the organisation must find",
      "Share of overheads / direct costs",
    ])
  );

  // --- validations
  const validations: Validation[] = [
    {
      address: rng(rProjRow0, pType, rProjLast, pType),
      type: "list",
      source: `=${typeRange}`,
      prompt: "Choose a funding type",
    },
    {
      address: A(bIn + 4, 1),
      type: "list",
      source: `=${typeRange}`,
      prompt: "Choose a funding type",
    },
    {
      address: rng(rPoolRow0, 1, rPoolRow0 + k - 1, 1),
      type: "decimalMin0",
      prompt: "An amount in £, 0 or more",
    },
    {
      address: rng(rProjRow0, pDirect, rProjLast, pUnits),
      type: "decimalMin0",
      prompt: "A number, 0 or more",
    },
    {
      address: rng(rProjRow0, pPrice, rProjLast, pPrice),
      type: "decimalMin0",
      prompt: "An amount in £, 0 or more",
    },
    { address: rng(bIn + 1, 1, bIn + 3, 1), type: "decimalMin0", prompt: "A number, 0 or more" },
  ];
  for (let dc = 0; dc < driverCols; dc++) {
    if (!setup.singleDriver && setup.pools[dc].driver === "directExpenditure") continue;
    validations.push({
      address: rng(rProjRow0, pDriver0 + dc, rProjLast, pDriver0 + dc),
      type: "decimalMin0",
      prompt: "A driver value, 0 or more",
    });
  }

  const columns = Math.max(
    4,
    10,
    pDriver0 + driverCols,
    2 + k + RESULT_COLUMNS.length,
    wShort + 1,
    3
  );
  return {
    range: rng(0, 0, rows - 1, columns - 1),
    rows,
    columns,
    blocks,
    validations,
    recoveryHighlight: {
      address: rng(rResRow0, cRec, rResRow0 + n - 1, cRec),
      below: 1,
      fill: SHORTFALL_FILL,
      fontColor: SHORTFALL_FONT,
    },
    chart: {
      type: "ColumnStacked",
      source: rng(rResults + 1, 0, rResRow0 + n - 1, 1 + k),
      title: "Full cost per project: direct costs and each overhead pool",
      topLeft: A(rChart, 0),
      bottomRight: A(rChart + chartRows - 1, Math.min(columns - 1, 7)),
    },
    columnWidths: [
      { column: columnLetter(C), width: 260 },
      ...Array.from({ length: columns - 1 }, (_, i) => ({
        column: columnLetter(C + i + 1),
        width: 110,
      })),
    ],
    refs: {
      settings: FUNDING_TYPES.map((_, i) => ({
        type: A(rType0 + i, 0),
        funderShare: A(rType0 + i, 1),
      })),
      pools: setup.pools.map((_, kk) => ({
        name: A(rPoolRow0 + kk, 0),
        amount: A(rPoolRow0 + kk, 1),
        totalDriver: A(rPoolRow0 + kk, 3),
        sharedOut: A(rPoolRow0 + kk, 4),
        difference: A(rPoolRow0 + kk, 5),
        status: A(rPoolRow0 + kk, 6),
      })),
      projects: setup.projects.map((_, j) => ({
        name: A(rProjRow0 + j, pName),
        direct: A(rProjRow0 + j, pDirect),
        units: A(rProjRow0 + j, pUnits),
        type: A(rProjRow0 + j, pType),
        price: A(rProjRow0 + j, pPrice),
        drivers: Array.from({ length: driverCols }, (_, dc) => A(rProjRow0 + j, pDriver0 + dc)),
      })),
      results: rng(rResRow0, 0, rResRow0 + n - 1, cShort),
      resultHeaders,
      totals: rng(rTotals, 0, rTotals, cShort),
      bidder: {
        service: A(bIn, 1),
        direct: A(bIn + 1, 1),
        overheads: A(bIn + 2, 1),
        units: A(bIn + 3, 1),
        type: A(bIn + 4, 1),
        fullCost: A(bOut, 1),
        unitPrice: A(bOut + 1, 1),
        funder: A(bOut + 2, 1),
        organisation: A(bOut + 3, 1),
        overheadRate: A(bOut + 4, 1),
      },
    },
  };
}

/**
 * The results rows as the sheet should show them (pounds; "" for an empty result), in the order
 * of refs.results: Project, Direct costs, each pool, then RESULT_COLUMNS.
 */
export function expectedResultRows(
  setup: CostWorkbookSetup,
  result: CostWorkbookResult
): CellValue[][] {
  const gbp = (p: Pence | null) => (p === null ? "" : p / 100);
  return result.projects.map((p, j) => [
    setup.projects[j].name,
    gbp(p.directPence),
    ...p.shares.map(gbp),
    gbp(p.overheads),
    gbp(p.fullCost),
    p.overheadRate ?? "",
    gbp(p.unitCost),
    gbp(p.funder),
    gbp(p.vcs),
    p.matchNeeded === "n/a" ? "n/a" : gbp(p.matchNeeded),
    p.recovery ?? "",
    gbp(p.shortfall),
  ]);
}
