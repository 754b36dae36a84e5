/**
 * Read an organisation's own budget sheet into a cost recovery setup, so nothing has to be typed
 * again: a projects table (project, direct costs, units of output, funding type, price or award,
 * and a column per cost driver such as "Headcount" or "Staff time (days)") and an overhead pools
 * table (pool, annual cost, cost driver). Headers are recognised as the register view recognises
 * its columns (normaliseHeader: case, spaces and underscores ignored); the unit of each driver is
 * read from its header's brackets ("days" from "Staff time (days)"). Each table runs from its
 * header row to the first row whose name is blank or starts with "Total".
 *
 * Every value that cannot be read is a Problem naming the column as the user sees it and the row
 * ("Direct costs in row 5 is "tbc": enter an amount in pounds"): never counted as £0.
 */
import { FUNDING_TYPES, type FundingType } from "../classification/classify";
import { normaliseHeader } from "../classification/register";
import { formatPounds, parseMoney } from "../kernel/money";
import type { Problem } from "../kernel/problem";
import {
  DRIVER_NAMES,
  type CostRecoverySetup,
  type DriverKind,
  type PoolSetup,
  type ProjectSetup,
} from "./organisation";
import { fundingTypeNamed } from "./rules";

const PROJECT_HEADERS = {
  name: ["project", "project name", "service", "service name", "activity", "projects"],
  direct: ["direct costs", "direct cost", "direct costs (£)", "direct cost (£)", "direct"],
  units: ["units of output", "units", "units of output (number)", "outputs", "number of units"],
  type: ["funding type", "type of funding", "funding"],
  price: [
    "price offered or award",
    "price offered or award (£)",
    "price or award",
    "price",
    "award",
    "amount awarded",
    "price offered",
    "contract price",
  ],
} as const;
const PROJECT_FIELD_LABELS: Record<keyof typeof PROJECT_HEADERS, string> = {
  name: "Project",
  direct: "Direct costs",
  units: "Units of output",
  type: "Funding type",
  price: "Price offered or award",
};
const POOL_HEADERS = {
  name: ["overhead pool", "overhead", "overheads", "pool", "cost pool", "overhead cost"],
  amount: ["annual cost", "annual cost (£)", "amount", "cost", "budget", "amount (£)"],
  driver: ["cost driver", "driver", "shared by", "apportioned by"],
} as const;

/** A driver named in a header or a pool's "Cost driver" cell, without its unit. */
const DRIVER_WORDS: readonly [RegExp, DriverKind][] = [
  [/^(headcount|head count|people|staff numbers|fte|full[- ]time equivalents?)$/, "headcount"],
  [/^(staff time|time|staff hours|hours|days)$/, "staffTime"],
  [/^(floor area|floor space|area|space)$/, "floorArea"],
  [/^(direct expenditure|direct spend|direct costs?|expenditure|spend)$/, "directExpenditure"],
];

/** "Staff time (days)" -> { kind: staffTime, unit: "days" }; null when it names no driver. */
export function driverOfHeader(header: unknown): { kind: DriverKind; unit: string } | null {
  const text = String(header ?? "").trim();
  const m = /^(.*?)\s*(?:\(([^)]*)\))?\s*$/.exec(text);
  const base = (m?.[1] ?? "").toLowerCase().replace(/\s+/g, " ");
  const unit = (m?.[2] ?? "").trim();
  for (const [re, kind] of DRIVER_WORDS) if (re.test(base)) return { kind, unit };
  return null;
}

/** Column letters of a 0-based column: 0 -> A, 27 -> AB. */
function letters(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

type Columns<K extends string> = Partial<Record<K, number>>;

const normalised = new WeakMap<readonly string[], string[]>();
/** A list of header synonyms normalised once (normaliseHeader), however many rows are searched. */
function normalisedSynonyms(list: readonly string[]): string[] {
  let n = normalised.get(list);
  if (!n) normalised.set(list, (n = list.map(normaliseHeader)));
  return n;
}

/** Map a header row by the synonyms, each column used once, exact matches only. */
function mapHeaders<K extends string>(
  row: readonly unknown[],
  synonyms: Record<K, readonly string[]>
): Columns<K> {
  const norm = row.map(normaliseHeader);
  const out: Columns<K> = {};
  const used = new Set<number>();
  for (const key of Object.keys(synonyms) as K[])
    for (const syn of normalisedSynonyms(synonyms[key])) {
      const col = norm.findIndex((h, i) => h !== "" && h === syn && !used.has(i));
      if (col >= 0) {
        out[key] = col;
        used.add(col);
        break;
      }
    }
  return out;
}

/** The first row whose headers include every one of `needed`. */
function findHeaderRow<K extends string>(
  values: readonly (readonly unknown[])[],
  synonyms: Record<K, readonly string[]>,
  needed: readonly K[]
): { row: number; columns: Columns<K> } | null {
  for (let r = 0; r < values.length; r++) {
    const columns = mapHeaders(values[r], synonyms);
    if (needed.every((k) => columns[k] !== undefined)) return { row: r, columns };
  }
  return null;
}

/** Data rows under a header: to the first blank name or a row whose name starts with "Total". */
function dataRows(values: readonly (readonly unknown[])[], header: number, nameCol: number) {
  const rows: number[] = [];
  for (let r = header + 1; r < values.length; r++) {
    const name = String(values[r][nameCol] ?? "").trim();
    if (!name || /^total\b/i.test(name)) break;
    rows.push(r);
  }
  return rows;
}

export type BudgetReading = {
  setup: CostRecoverySetup;
  /** How the sheet was read, one line each, in words: which column became what. */
  mapping: string[];
  /** Values that could not be read (the setup is not to be built until they are fixed). */
  problems: Problem[];
};

type Reader = {
  values: readonly (readonly unknown[])[];
  origin: { row: number; col: number };
  headers: readonly unknown[];
  problems: Problem[];
};

const where = (rd: Reader, r: number, col: number) => {
  const header = String(rd.headers[col] ?? "").trim() || `Column ${letters(rd.origin.col + col)}`;
  return `${header} in row ${rd.origin.row + r + 1}`;
};

function amountAt(rd: Reader, r: number, col: number, blank: "zero" | "null"): number | null {
  const v = rd.values[r][col];
  if (v === null || v === undefined || String(v).trim() === "") return blank === "zero" ? 0 : null;
  const p = parseMoney(v);
  if (p === null || p < 0) {
    rd.problems.push({
      field: where(rd, r, col),
      message: `${where(rd, r, col)} is "${String(v)}": enter an amount in pounds, £0 or more`,
    });
    return null;
  }
  return p / 100;
}

function countAt(rd: Reader, r: number, col: number): number | null {
  const v = rd.values[r][col];
  if (v === null || v === undefined || String(v).trim() === "") return null;
  const n = typeof v === "number" ? v : Number(String(v).replace(/,/g, "").trim());
  if (!Number.isFinite(n) || n < 0) {
    rd.problems.push({
      field: where(rd, r, col),
      message: `${where(rd, r, col)} is "${String(v)}": enter a number, 0 or more`,
    });
    return null;
  }
  return n;
}

function typeAt(rd: Reader, r: number, col: number | undefined): FundingType {
  const v = col === undefined ? "" : String(rd.values[r][col] ?? "").trim();
  const t = fundingTypeNamed(v);
  if (t) return t;
  const field =
    col === undefined ? `Funding type in row ${rd.origin.row + r + 1}` : where(rd, r, col);
  rd.problems.push({
    field,
    message: `${field} is ${v ? `"${v}"` : "blank"}: choose one of ${FUNDING_TYPES.join(", ")}`,
  });
  return "Commissioned service";
}

type DriverColumn = {
  col: number;
  header: string;
  driver: { kind: DriverKind; unit: string } | null;
};

/** Each pool row: its name, annual cost and driver, matched to the projects' driver column of that kind. */
function readPools(
  rdO: Reader,
  rdP: Reader,
  poolRows: number[],
  oc: Columns<keyof typeof POOL_HEADERS>,
  driverCols: DriverColumn[],
  out: { pools: PoolSetup[]; poolDriverCol: (number | null)[]; mapping: string[] }
): void {
  const { pools, poolDriverCol, mapping } = out;
  const { values, problems } = rdO;
  const colWords = (col: number) =>
    `column ${letters(rdP.origin.col + col)} "${String(rdP.headers[col] ?? "").trim()}"`;
  for (const r of poolRows) {
    const name = String(values[r][oc.name!]).trim();
    const text = String(values[r][oc.driver!] ?? "").trim();
    const d = driverOfHeader(text);
    const amount = amountAt(rdO, r, oc.amount!, "zero") ?? 0;
    if (!d) {
      problems.push({
        field: where(rdO, r, oc.driver!),
        message: `${where(rdO, r, oc.driver!)} is ${text ? `"${text}"` : "blank"}: enter Headcount, Staff time, Floor area or Direct expenditure`,
      });
      pools.push({ name, amount, driver: "other" });
      poolDriverCol.push(null);
      continue;
    }
    if (d.kind === "directExpenditure") {
      pools.push({ name, amount, driver: d.kind, unit: "£" });
      poolDriverCol.push(null);
      mapping.push(`${name}: shared by each project's direct costs.`);
      continue;
    }
    const column = driverCols.find((c) => c.driver!.kind === d.kind);
    if (!column) {
      problems.push({
        field: where(rdO, r, oc.driver!),
        message: `${name} is shared by ${DRIVER_NAMES[d.kind].toLowerCase()}, but the projects table has no ${DRIVER_NAMES[d.kind].toLowerCase()} column: add one, e.g. "${DRIVER_NAMES[d.kind]} (${d.kind === "staffTime" ? "days" : "number"})"`,
      });
      pools.push({ name, amount, driver: d.kind });
      poolDriverCol.push(null);
      continue;
    }
    const unit = column.driver!.unit || d.unit;
    pools.push({ name, amount, driver: d.kind, ...(unit ? { unit } : {}) });
    poolDriverCol.push(column.col);
    mapping.push(
      `${name}: shared by ${colWords(column.col)}${unit ? `, counted in ${unit}` : "; its unit is not in the header: type it beside the pool (every project must use the same one)"}.`
    );
  }
}

/**
 * Read the budget from a sheet's values (`values[0][0]` is the sheet cell at `origin`, 0-based).
 * Null when no projects table (a "Project" and a "Direct costs" header in one row) is found.
 */
export function readBudgetSheet(
  values: readonly (readonly unknown[])[],
  sheetName: string,
  origin = { row: 0, col: 0 }
): BudgetReading | null {
  const projectsHeader = findHeaderRow<keyof typeof PROJECT_HEADERS>(values, PROJECT_HEADERS, [
    "name",
    "direct",
  ]);
  if (!projectsHeader) return null;
  const problems: Problem[] = [];
  const ph = projectsHeader.row;
  const pc = projectsHeader.columns;
  const rdP: Reader = { values, origin, headers: values[ph], problems };
  const mapped = new Set(Object.values(pc) as number[]);
  const driverCols = values[ph]
    .map((h, col) => ({ col, header: String(h ?? "").trim(), driver: driverOfHeader(h) }))
    .filter((d) => !mapped.has(d.col) && d.driver && d.driver.kind !== "directExpenditure");
  const projectRows = dataRows(values, ph, pc.name!);
  const rowWords = (rows: number[]) =>
    rows.length
      ? `rows ${origin.row + rows[0] + 1} to ${origin.row + rows[rows.length - 1] + 1}`
      : "no rows";
  const colWords = (rd: Reader, col: number) =>
    `column ${letters(origin.col + col)} "${String(rd.headers[col] ?? "").trim()}"`;

  const poolsHeader = findHeaderRow<keyof typeof POOL_HEADERS>(values, POOL_HEADERS, [
    "name",
    "amount",
    "driver",
  ]);
  const pools: PoolSetup[] = [];
  const poolDriverCol: (number | null)[] = [];
  const mapping: string[] = [`Projects: ${rowWords(projectRows)} of ${sheetName}.`];
  for (const key of Object.keys(PROJECT_HEADERS) as (keyof typeof PROJECT_HEADERS)[]) {
    const col = pc[key];
    const label = PROJECT_FIELD_LABELS[key];
    mapping.push(col === undefined ? `${label}: not found.` : `${label}: ${colWords(rdP, col)}.`);
  }
  if (!poolsHeader) {
    problems.push({
      field: "Overhead pools",
      message: `No overhead pools table found on ${sheetName}: it needs the headers Overhead pool, Annual cost and Cost driver in one row`,
    });
  } else {
    const rdO: Reader = { values, origin, headers: values[poolsHeader.row], problems };
    const oc = poolsHeader.columns;
    const poolRows = dataRows(values, poolsHeader.row, oc.name!);
    mapping.push(`Overhead pools: ${rowWords(poolRows)} of ${sheetName}.`);
    readPools(rdO, rdP, poolRows, oc, driverCols, { pools, poolDriverCol, mapping });
  }

  const projects: ProjectSetup[] = projectRows.map((r) => ({
    name: String(values[r][pc.name!]).trim(),
    directCost: amountAt(rdP, r, pc.direct!, "zero") ?? 0,
    units: pc.units === undefined ? null : countAt(rdP, r, pc.units),
    fundingType: typeAt(rdP, r, pc.type),
    price: pc.price === undefined ? null : amountAt(rdP, r, pc.price, "null"),
    drivers: poolDriverCol.map((col) => (col === null ? null : countAt(rdP, r, col))),
  }));
  if (projectRows.length === 0)
    problems.push({ field: "Projects", message: `The projects table on ${sheetName} has no rows` });
  const title = String(values[0]?.[0] ?? "")
    .split(":")[0]
    .trim();
  const total = pools.reduce((s, p) => s + Math.round(p.amount * 100), 0);
  mapping.push(`Overheads read: ${formatPounds(total)} in ${pools.length} pools.`);
  return {
    setup: {
      organisation: title && title !== String(values[ph][pc.name!]) ? title : sheetName,
      singleDriver: false,
      pools,
      projects,
      bidder: {
        service: "",
        directCost: 0,
        overheads: 0,
        units: null,
        fundingType: "Commissioned service",
      },
    },
    mapping,
    problems,
  };
}
