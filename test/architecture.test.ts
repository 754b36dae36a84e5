/**
 * The folders are the architecture, and every one of them is checked here:
 *
 *   src/taskpane -> src/excel -> src/sheets -> src/domain      src/functions -> src/domain
 *   src/taskpane -> src/files -> src/domain
 *
 * - src/domain: the rules, plain TypeScript (zod only): no Office.js, React, DOM or formulas;
 * - src/sheets: pure sheet specifications built from the domain: no Office.js;
 * - src/excel: the only folder that calls Office.js;
 * - src/files: reading downloaded register files (CSV, .xlsx, 360Giving JSON) with papaparse and
 *   exceljs, loaded only when used; no Office.js;
 * - packages/excel-double: the in-memory Excel for tests and the preview; it imports nothing from
 *   src/ (it stands in for Excel, which knows nothing of the add-in);
 * - dev/preview: the browser preview, a development app around the add-in;
 * - nothing under src/ imports packages/, dev/ or test/, so `npm run build` ships the add-in alone.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const re =
    /(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\s+["']([^"']+)["']|require\(\s*["']([^"']+)["']\s*\)|import\(\s*["']([^"']+)["']\s*\)/g;
  const out: string[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return out;
}

/** The folders that are checked as units (a file belongs to the longest one that holds it). */
const UNITS = [
  "src/domain",
  "src/sheets",
  "src/excel",
  "src/files",
  "src/functions",
  "src/taskpane",
  "packages/excel-double",
  "dev/preview",
  "test",
  "bench",
];

function unitOf(abs: string): string | null {
  const rel = path.relative(ROOT, abs).split(path.sep).join("/");
  return (
    UNITS.filter((u) => rel === u || rel.startsWith(`${u}/`)).sort(
      (a, b) => b.length - a.length
    )[0] ?? null
  );
}

/** Where an import lands: `unit:<folder>`, `pkg:<package>`, or `other:<path>`. */
function target(file: string, spec: string): string {
  if (!spec.startsWith(".")) {
    const parts = spec.split("/");
    return `pkg:${spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]}`;
  }
  const abs = path.resolve(path.dirname(file), spec);
  const unit = unitOf(abs);
  return unit ? `unit:${unit}` : `other:${path.relative(ROOT, abs).split(path.sep).join("/")}`;
}

const REACT = /^pkg:(react|react-dom|@fluentui\/[a-z-]+)$/;
const RULES: Record<string, { units: string[]; packages: RegExp; other?: RegExp }> = {
  "src/domain": { units: ["src/domain"], packages: /^pkg:(zod|date-fns)$/ },
  "src/sheets": { units: ["src/sheets", "src/domain"], packages: /^$/ },
  "src/excel": { units: ["src/excel", "src/sheets", "src/domain"], packages: /^pkg:zod$/ },
  "src/files": { units: ["src/files", "src/domain"], packages: /^pkg:(papaparse|exceljs)$/ },
  "src/functions": { units: ["src/functions", "src/domain"], packages: /^$/ },
  "src/taskpane": {
    units: ["src/taskpane", "src/excel", "src/files", "src/sheets", "src/domain"],
    packages: REACT,
  },
  "packages/excel-double": { units: ["packages/excel-double"], packages: /^pkg:hyperformula$/ },
  "dev/preview": {
    units: [
      "dev/preview",
      "src/taskpane",
      "src/files",
      "src/excel",
      "src/sheets",
      "src/domain",
      "packages/excel-double",
    ],
    packages: REACT,
    other: /^assets\/samples\//,
  },
};

function wrongImports(unit: string): string[] {
  const rule = RULES[unit];
  const wrong: string[] = [];
  for (const f of files(path.join(ROOT, unit))) {
    for (const spec of imports(f)) {
      const t = target(f, spec);
      const ok = t.startsWith("unit:")
        ? rule.units.includes(t.slice(5))
        : t.startsWith("pkg:")
          ? rule.packages.test(t)
          : (rule.other?.test(t.slice(6)) ?? false);
      if (!ok) wrong.push(`${path.relative(ROOT, f)} imports ${spec}`);
    }
  }
  return wrong;
}

/** Functions over 120 lines without a "Longer than 120 lines because" comment just above them. */
function longFunctions(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isFunctionDeclaration(node) ||
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node) ||
      ts.isMethodDeclaration(node)
    ) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const lines = source.getLineAndCharacterOfPosition(node.getEnd()).line - first + 1;
      // The reason is in the comment before the function, or before the statement holding it.
      const holder =
        ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)
          ? node
          : (node.parent?.parent?.parent ?? node);
      const before = text.slice(holder.getFullStart(), holder.getStart());
      if (lines > 120 && !/Longer than 120 lines because/.test(before)) {
        const name =
          (node as ts.FunctionDeclaration).name?.getText(source) ??
          (ts.isVariableDeclaration(node.parent)
            ? node.parent.name.getText(source)
            : "(anonymous)");
        out.push(
          `${path.relative(ROOT, path.resolve(ROOT, file))}:${first + 1} ${name} (${lines} lines)`
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");

describe("architecture", () => {
  test("every source folder is a checked unit: nothing under src/, packages/ or dev/ is left out", () => {
    const all = ["src", "packages", "dev"].flatMap((d) => files(path.join(ROOT, d)));
    const loose = all.filter((f) => {
      const u = unitOf(f);
      return u === null || !(u in RULES);
    });
    // The double's own tests live beside it and may import it (they are its tests).
    expect(
      loose.filter((f) => !f.includes(`${path.sep}excel-double${path.sep}test${path.sep}`))
    ).toEqual([]);
  });

  for (const [unit, rule] of Object.entries(RULES)) {
    test(`${unit} imports only ${rule.units.join(", ")}`, () => {
      const wrong = wrongImports(unit).filter(
        // The double's tests (packages/excel-double/test) may use fast-check and jest helpers.
        (w) =>
          !(
            unit === "packages/excel-double" &&
            /^packages\/excel-double\/test\/\S+ imports (fast-check|\.\.\/src)/.test(w)
          )
      );
      expect(wrong).toEqual([]);
    });
  }

  test("only src/excel touches Office.js or Excel; the domain and sheets touch no DOM either", () => {
    const offending = (dirs: string[], re: RegExp) =>
      dirs
        .flatMap((d) => files(path.join(ROOT, d)))
        .filter((f) => re.test(withoutComments(fs.readFileSync(f, "utf8"))))
        .map((f) => path.relative(ROOT, f));
    expect(
      offending(
        ["src/domain", "src/sheets", "src/files"],
        /\b(Office|Excel|CustomFunctions)\.|\bdocument\.|\bwindow\./
      )
    ).toEqual([]);
    expect(offending(["src/taskpane"], /\bExcel\.run\b|\bcontext\.sync\(|\bOffice\./)).toEqual([]);
  });

  test("no function in src/ runs over 120 lines unless a comment above it says why", () => {
    expect(
      files(path.join(ROOT, "src")).flatMap((f) => longFunctions(f, fs.readFileSync(f, "utf8")))
    ).toEqual([]);
  });

  test("the length check finds a long function and accepts one with a reason", () => {
    const body = Array.from({ length: 125 }, (_, i) => `  const x${i} = ${i};`).join("\n");
    expect(longFunctions("x.ts", `function big() {\n${body}\n}`)).toEqual([
      "x.ts:1 big (127 lines)",
    ]);
    expect(
      longFunctions(
        "x.ts",
        `// Longer than 120 lines because: a table.\nfunction big() {\n${body}\n}`
      )
    ).toEqual([]);
  });

  test("the checker catches a wrong-way import", () => {
    const domainFile = path.join(ROOT, "src/domain/kernel/x.ts");
    expect(target(domainFile, "../../excel/settings")).toBe("unit:src/excel");
    expect(target(domainFile, "react")).toBe("pkg:react");
    expect(target(path.join(ROOT, "src/excel/x.ts"), "../../packages/excel-double/src")).toBe(
      "unit:packages/excel-double"
    );
    expect(imports(path.join(ROOT, "src/excel/settings.ts"))).toContain(
      "../domain/settings/settings"
    );
  });
});
