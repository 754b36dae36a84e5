/**
 * docs/sources.md quotes every seed line the add-in cites, because the seed documents are not in
 * the repository and a reader could not otherwise check a rule.
 *
 * - Every seed citation (`002:262`, `002:353-355`; a list such as `001:165, 001:563-565` is two
 *   citations) in src/ (.ts, .tsx), README.md and docs/*.md must have an entry in
 *   docs/sources.md: a line `### \`002:262\`` followed by a `>` blockquote. A range is resolved
 *   only by an entry for exactly that range.
 * - Where the seed documents are present (shared/seeds beside the repository), every entry's
 *   quote must appear, in order, in the lines it is filed under (whitespace normalised; `...`
 *   marks text left out, so each fragment is looked for in turn).
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const SOURCES_MD = path.join(ROOT, "docs", "sources.md");
const SEEDS = path.resolve(ROOT, "../shared/seeds");

/** A seed citation: file 000-004, a line, and optionally the last line of a range. */
const CITATION = /\b(00[0-4]):(\d+)(?:[-\u2013](\d+))?\b/g;
/** An entry heading in docs/sources.md. */
const HEADING = /^### `([^`]+)`\s*$/;

type Text = { file: string; text: string };
type Cited = { citation: string; file: string };
type Entry = { citation: string; quote: string; line: number };

function rel(abs: string): string {
  return path.relative(ROOT, abs).split(path.sep).join("/");
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

/** The texts that cite the seeds: src/**\/*.ts(x), README.md and docs/*.md but this page. */
function citingTexts(): Text[] {
  const docs = fs
    .readdirSync(path.join(ROOT, "docs"))
    .filter((n) => n.endsWith(".md") && n !== "sources.md")
    .map((n) => path.join(ROOT, "docs", n));
  return [...tsFiles(path.join(ROOT, "src")), path.join(ROOT, "README.md"), ...docs].map((p) => ({
    file: rel(p),
    text: fs.readFileSync(p, "utf8"),
  }));
}

/** The citations in a text, written as in the entries (`002:353-355`; an en dash reads as -). */
function citationsIn(text: string): string[] {
  return [...text.matchAll(CITATION)].map(
    (m) => `${m[1]}:${m[2]}${m[3] === undefined ? "" : `-${m[3]}`}`
  );
}

/** Every (citation, file) pair, once each. */
function scan(texts: Text[]): Cited[] {
  const seen = new Set<string>();
  const out: Cited[] = [];
  for (const { file, text } of texts) {
    for (const citation of citationsIn(text)) {
      const key = `${citation} ${file}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ citation, file });
      }
    }
  }
  return out;
}

/** The entries of docs/sources.md: each heading with the blockquote lines that follow it. */
function entriesIn(markdown: string): Entry[] {
  const out: Entry[] = [];
  let current: { citation: string; quote: string[]; line: number } | null = null;
  const finish = () => {
    if (current)
      out.push({ citation: current.citation, quote: current.quote.join(" "), line: current.line });
    current = null;
  };
  markdown.split(/\r?\n/).forEach((text, i) => {
    const heading = HEADING.exec(text);
    if (heading) {
      finish();
      current = { citation: heading[1], quote: [], line: i + 1 };
    } else if (/^#{1,3} /.test(text)) {
      finish();
    } else if (current && text.startsWith(">")) {
      current.quote.push(text.replace(/^>\s?/, ""));
    }
  });
  finish();
  return out;
}

/** The citations with no entry, each with the file that cites it. */
function missing(cited: Cited[], entries: Entry[]): Cited[] {
  const have = new Set(entries.map((e) => e.citation));
  return cited.filter((c) => !have.has(c.citation));
}

const normalise = (s: string) => s.replace(/\s+/g, " ").trim();

/** The lines of a seed file (000 -> 000_*.txt), as `sed -n` numbers them from 1. */
function seedLines(dir: string, file: string): string[] {
  const name = fs.readdirSync(dir).find((n) => n.startsWith(`${file}_`) && n.endsWith(".txt"));
  if (!name) throw new Error(`no seed file ${file}_*.txt in ${dir}`);
  const lines = fs.readFileSync(path.join(dir, name), "utf8").split("\n");
  return lines[lines.length - 1] === "" ? lines.slice(0, -1) : lines;
}

/** Why an entry's quote is not in the lines it cites, or null when it is. */
function quoteProblem(entry: Pick<Entry, "citation" | "quote">, dir: string): string | null {
  const m = /^(00[0-4]):(\d+)(?:-(\d+))?$/.exec(entry.citation);
  if (!m) return `${entry.citation}: not a seed citation`;
  const lines = seedLines(dir, m[1]);
  const first = Number(m[2]);
  const last = m[3] === undefined ? first : Number(m[3]);
  if (first < 1 || last < first || last > lines.length) {
    return `${entry.citation}: ${m[1]} has ${lines.length} lines`;
  }
  const cited = normalise(lines.slice(first - 1, last).join(" "));
  const fragments = entry.quote
    .split(/\.\.\.|\u2026/)
    .map(normalise)
    .filter((f) => f !== "");
  if (fragments.length === 0) return `${entry.citation}: the entry quotes nothing`;
  let from = 0;
  for (const fragment of fragments) {
    const at = cited.indexOf(fragment, from);
    if (at < 0) return `${entry.citation}: not in the cited lines (or out of order): "${fragment}"`;
    from = at + fragment.length;
  }
  return null;
}

const ENTRIES = entriesIn(fs.readFileSync(SOURCES_MD, "utf8"));

describe("docs/sources.md", () => {
  test("every seed citation in src/, README.md and docs/*.md has an entry", () => {
    const gaps = missing(scan(citingTexts()), ENTRIES).map(
      (c) => `${c.citation} (cited in ${c.file})`
    );
    expect(gaps).toEqual([]);
  });

  test("every entry is a seed citation with a quote, and no citation has two entries", () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const e of ENTRIES) {
      const m = /^(00[0-4]):(\d+)(?:-(\d+))?$/.exec(e.citation);
      if (!m)
        problems.push(
          `line ${e.line}: ${e.citation} is not written as file:line or file:line-line`
        );
      else if (m[3] !== undefined && Number(m[3]) <= Number(m[2]))
        problems.push(`line ${e.line}: ${e.citation} is not a range`);
      if (normalise(e.quote) === "") problems.push(`line ${e.line}: ${e.citation} has no > quote`);
      if (seen.has(e.citation)) problems.push(`line ${e.line}: ${e.citation} has a second entry`);
      seen.add(e.citation);
    }
    expect(problems).toEqual([]);
    expect(ENTRIES.length).toBeGreaterThan(0);
  });

  test("citations are read as the code writes them: lists, ranges, Table 2", () => {
    expect(citationsIn("Funding term norm | 3 years | 000:408; 001:165, 001:563-565 |")).toEqual([
      "000:408",
      "001:165",
      "001:563-565",
    ]);
    expect(citationsIn("002:320-322, Table 2 (002:276-313)")).toEqual([
      "002:320-322",
      "002:276-313",
    ]);
    expect(citationsIn("balance of benefit (002:353\u2013355)")).toEqual(["002:353-355"]);
    // Not citations: a later seed number, a longer number, a time.
    expect(citationsIn("005:12, 1002:3, 10:00:00")).toEqual([]);
  });

  test("the check fails for a citation with no entry, naming the file that cites it", () => {
    const texts: Text[] = [
      { file: "src/memory.ts", text: "// Made up: 004:9999. Real: 002:262, 002:353-355." },
      { file: "docs/memory.md", text: "A range with no entry of its own: 002:353-354." },
    ];
    expect(missing(scan(texts), ENTRIES)).toEqual([
      { citation: "004:9999", file: "src/memory.ts" },
      { citation: "002:353-354", file: "docs/memory.md" },
    ]);
  });
});

// The seed documents are outside the repository (shared/seeds beside it), so a clean clone may
// not have them. Then there is nothing to check the quotes against, and these tests are not
// registered at all: not skipped, and not passed without checking anything. The entry checks
// above run everywhere.
if (fs.existsSync(SEEDS)) {
  describe("docs/sources.md against the seed documents", () => {
    test("every quote appears, in order, in the lines it is filed under", () => {
      const problems = ENTRIES.map((e) => quoteProblem(e, SEEDS)).filter(
        (p): p is string => p !== null
      );
      expect(problems).toEqual([]);
    });

    test("the check fails for a wrong quote, a line past the end, and an elision out of order", () => {
      expect(
        quoteProblem({ citation: "002:262", quote: "every grant is really a contract" }, SEEDS)
      ).toMatch(/not in the cited lines/);
      expect(quoteProblem({ citation: "004:9999", quote: "anything" }, SEEDS)).toMatch(
        /004 has \d+ lines/
      );
      expect(
        quoteProblem(
          {
            citation: "002:323",
            quote: "with a maximum of three years ... The norm would be two years",
          },
          SEEDS
        )
      ).toMatch(/out of order/);
      expect(
        quoteProblem(
          {
            citation: "002:323",
            quote: "The norm would be two years ... with a maximum of three years",
          },
          SEEDS
        )
      ).toBeNull();
    });
  });
} else {
  console.warn(`docs/sources.md: quotes not checked, no seed documents at ${SEEDS}`);
}
