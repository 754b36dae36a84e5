/**
 * The layers import one way: taskpane -> excel -> engine; functions -> engine. The engine uses no
 * Office.js, React or DOM, so it runs the same in Excel, in Node and in tests.
 */
import * as fs from "fs";
import * as path from "path";

const SRC = path.resolve(__dirname, "../../src");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const re = /(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\s+["']([^"']+)["']|require\(\s*["']([^"']+)["']\s*\)/g;
  const out: string[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** The layer a resolved import lands in, or the package name. */
function target(file: string, spec: string): string {
  if (!spec.startsWith(".")) return `pkg:${spec.split("/")[0].startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]}`;
  const abs = path.resolve(path.dirname(file), spec);
  const rel = path.relative(SRC, abs);
  if (rel.startsWith("..")) return `outside:${path.relative(path.resolve(SRC, ".."), abs)}`;
  return `layer:${rel.split(path.sep)[0]}`;
}

const ALLOWED: Record<string, { layers: string[]; packages: RegExp }> = {
  engine: { layers: ["engine"], packages: /^pkg:zod$/ },
  functions: { layers: ["functions", "engine"], packages: /^$/ },
  excel: { layers: ["excel", "engine"], packages: /^$/ },
  taskpane: { layers: ["taskpane", "excel", "engine"], packages: /^pkg:(react|react-dom|@fluentui\/[a-z-]+)$/ },
};

describe("architecture", () => {
  for (const [layer, rule] of Object.entries(ALLOWED)) {
    test(`src/${layer} imports only ${rule.layers.join(", ")}`, () => {
      const wrong: string[] = [];
      for (const f of files(path.join(SRC, layer))) {
        for (const spec of imports(f)) {
          const t = target(f, spec);
          const ok = t.startsWith("layer:") ? rule.layers.includes(t.slice(6)) : rule.packages.test(t);
          if (!ok) wrong.push(`${path.relative(SRC, f)} imports ${spec}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  test("the engine never touches Office.js, the DOM or Excel", () => {
    const wrong = files(path.join(SRC, "engine")).filter((f) =>
      /\b(Office|Excel|CustomFunctions)\.|\bdocument\.|\bwindow\./.test(fs.readFileSync(f, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "")),
    );
    expect(wrong).toEqual([]);
  });

  test("the checker catches a wrong-way import", () => {
    expect(target(path.join(SRC, "engine", "x.ts"), "../excel/settings")).toBe("layer:excel");
    expect(target(path.join(SRC, "engine", "x.ts"), "react")).toBe("pkg:react");
    expect(imports(path.join(SRC, "excel", "settings.ts"))).toContain("../engine/settings");
  });
});
