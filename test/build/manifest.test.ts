/**
 * @jest-environment jsdom
 *
 * The manifest, checked offline (office-addin-manifest validate needs the internet: npm run validate).
 */
import * as fs from "fs";
import * as path from "path";
import { DIST, ROOT, ensureBuilt } from "../support/build";

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  const err = doc.getElementsByTagName("parsererror")[0];
  if (err) throw new Error(`manifest is not well-formed XML: ${err.textContent}`);
  return doc;
}

const byLocal = (doc: Document | Element, name: string): Element[] =>
  Array.from(doc.getElementsByTagNameNS("*", name));

/** Every problem found in a manifest; empty when it is sound. */
export function manifestProblems(xml: string, opts: { devUrl?: string } = {}): string[] {
  const problems: string[] = [];
  let doc: Document;
  try {
    doc = parse(xml);
  } catch (e) {
    return [(e as Error).message];
  }
  const resources = new Map<string, string>();
  for (const tag of ["Image", "Url", "String"]) {
    for (const el of byLocal(doc, tag)) {
      const id = el.getAttribute("id");
      if (id) resources.set(id, el.getAttribute("DefaultValue") ?? "");
    }
  }
  const resids = Array.from(doc.getElementsByTagName("*"))
    .map((el) => el.getAttribute("resid"))
    .filter((r): r is string => !!r);
  for (const r of resids) if (!resources.has(r)) problems.push(`resid "${r}" does not resolve`);

  const runtimes = byLocal(doc, "Runtime");
  if (runtimes.length !== 1) problems.push(`expected one <Runtime>, found ${runtimes.length}`);
  const runtime = runtimes[0];
  if (runtime && runtime.getAttribute("lifetime") !== "long")
    problems.push('Runtime lifetime must be "long"');
  const runtimeId = runtime?.getAttribute("resid");
  const cf = byLocal(doc, "ExtensionPoint").find(
    (e) => e.getAttribute("xsi:type") === "CustomFunctions"
  );
  if (!cf) problems.push("no CustomFunctions extension point");
  const pageId = cf
    ? byLocal(byLocal(cf, "Page")[0], "SourceLocation")[0]?.getAttribute("resid")
    : undefined;
  const functionFileId = byLocal(doc, "FunctionFile")[0]?.getAttribute("resid");
  if (!(runtimeId && runtimeId === pageId && runtimeId === functionFileId))
    problems.push(
      `Runtime (${runtimeId}), CustomFunctions Page (${pageId}) and FunctionFile (${functionFileId}) must share one resid`
    );

  const nsId = cf ? byLocal(cf, "Namespace")[0]?.getAttribute("resid") : undefined;
  const ns = nsId ? resources.get(nsId) : undefined;
  if (!ns) problems.push("custom functions namespace missing");
  else if (ns.length > 32) problems.push(`namespace "${ns}" is longer than 32 characters`);

  const sets = byLocal(doc, "Set").map(
    (s) => `${s.getAttribute("Name")} ${s.getAttribute("MinVersion")}`
  );
  if (!sets.includes("SharedRuntime 1.1")) problems.push("SharedRuntime 1.1 is not required");

  const perm = byLocal(doc, "Permissions")[0]?.textContent?.trim();
  if (perm !== "ReadWriteDocument")
    problems.push(`Permissions must be ReadWriteDocument, found ${perm}`);

  const urls = Array.from(doc.getElementsByTagName("*")).flatMap((el) =>
    ["DefaultValue"]
      .map((a) => el.getAttribute(a))
      .filter((v): v is string => !!v && /^[a-z]+:\/\//i.test(v))
  );
  for (const el of byLocal(doc, "AppDomain")) urls.push(el.textContent?.trim() ?? "");
  for (const u of urls) if (!u.startsWith("https://")) problems.push(`URL is not https: ${u}`);
  if (opts.devUrl)
    for (const u of urls)
      if (u.startsWith(opts.devUrl)) problems.push(`development URL left in: ${u}`);
  return problems;
}

describe("manifest.xml (offline checks)", () => {
  const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

  test("is sound: resids resolve, one shared runtime, FUNDING namespace, https everywhere", () => {
    expect(manifestProblems(xml)).toEqual([]);
  });

  test("uses the FUNDING namespace and a ribbon button on the Home tab", () => {
    const doc = parse(xml);
    expect(
      byLocal(doc, "String")
        .find((s) => s.getAttribute("id") === "Functions.Namespace")
        ?.getAttribute("DefaultValue")
    ).toBe("FUNDING");
    expect(byLocal(doc, "OfficeTab")[0].getAttribute("id")).toBe("TabHome");
    expect(byLocal(doc, "Action")[0].getAttribute("xsi:type")).toBe("ShowTaskpane");
  });

  test("every icon the manifest names exists in assets/ at 16, 32, 64, 80 and 128 px as a real PNG", () => {
    for (const size of [16, 32, 64, 80, 128]) {
      const file = path.join(ROOT, "assets", `icon-${size}.png`);
      const png = fs.readFileSync(file);
      expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
      expect(png.readUInt32BE(16)).toBe(size);
      expect(png.readUInt32BE(20)).toBe(size);
    }
    const iconUrls = (xml.match(/assets\/icon-\d+\.png/g) ?? []).map((u) => path.join(ROOT, u));
    for (const f of iconUrls) expect(fs.existsSync(f)).toBe(true);
  });

  test("the checks catch a broken manifest", () => {
    const broken = xml
      .replace('<Runtime resid="Taskpane.Url"', '<Runtime resid="Missing.Url"')
      .replace("https://localhost:3000/functions.js", "http://localhost:3000/functions.js")
      .replace('DefaultValue="FUNDING"', `DefaultValue="${"F".repeat(33)}"`);
    const problems = manifestProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'resid "Missing.Url" does not resolve',
        expect.stringMatching(/must share one resid/),
        expect.stringMatching(/longer than 32/),
        "URL is not https: http://localhost:3000/functions.js",
      ])
    );
    expect(manifestProblems("<OfficeApp><unclosed></OfficeApp>")[0]).toMatch(/not well-formed/);
  });

  test("the production build rewrites every occurrence of the development URL", () => {
    ensureBuilt();
    const built = fs.readFileSync(path.join(DIST, "manifest.xml"), "utf8");
    expect(built).not.toContain("https://localhost:3000");
    expect(manifestProblems(built, { devUrl: "https://localhost:3000" })).toEqual([]);
  });
});
