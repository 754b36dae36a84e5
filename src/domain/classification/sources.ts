/**
 * Source references a reader can follow. The code cites the seed documents as `file:line`
 * ("002:262", docs/sources.md); on screen and on the sheets the same reference is written as the
 * document, its section and the paragraph within the section ("Wiltshire funding review (2007),
 * "Shopping, investing, giving", paragraph 5"), which a reader can find in the published paper.
 * Paragraphs are counted from the section's heading, as docs/sources.md quotes them.
 */

/** The five seed documents, as a reader would look them up. */
export const SOURCE_DOCUMENTS: Readonly<Record<string, string>> = {
  "000": 'Bolton, "The Future Role of the VCS" (2008)',
  "001": '"Partnership in Public Services" action plan (2006)',
  "002": "Wiltshire funding review (2007)",
  "003": '"Common Themes on Commissioning the VCS" in London (2007)',
  "004": "Cheshire East partnership framework (2008)",
};

/** Sections of each document by the line their heading is on (the cited sections only). */
const SECTIONS: Readonly<Record<string, readonly [number, string][]>> = {
  "000": [
    [402, "6.4 Commissioning principles and practices"],
    [568, "Commissioning Code of Practice"],
  ],
  "001": [[161, "Key outcomes"]],
  "002": [
    [250, "Shopping, investing, giving"],
    [276, "Table 2"],
    [315, "Shopping, investing, giving"],
    [329, "Performance"],
    [342, "Managing Expectations"],
  ],
  "003": [[243, "3.1.1 Local Authority Approaches"]],
  "004": [[253, "Grant Making"]],
};

/** The paragraph (within its section) of each cited line, by document and line. */
const PARAGRAPHS: Readonly<Record<string, Readonly<Record<number, number>>>> = {
  "000": { 408: 3, 572: 2 },
  "001": { 165: 1 },
  "002": {
    256: 3,
    258: 4,
    261: 4,
    262: 5,
    316: 17,
    320: 17,
    322: 18,
    323: 18,
    324: 18,
    326: 18,
    327: 18,
    353: 4,
    355: 5,
  },
  "003": { 253: 5 },
  "004": { 255: 1 },
};

const CODE = /\b(00[0-4]):(\d+)(?:-(\d+))?\b/g;

/** One reference ("002:262" or "002:320-322") as readable text; the code itself when unknown. */
export function readableReference(code: string): string {
  const m = /^(00[0-4]):(\d+)(?:-(\d+))?$/.exec(code.trim());
  if (!m) return code;
  const [, doc, from, to] = m;
  const title = SOURCE_DOCUMENTS[doc];
  const line = Number(from);
  const section = [...(SECTIONS[doc] ?? [])].reverse().find(([start]) => start <= line);
  if (!section) return title;
  if (section[1] === "Table 2") return `${title}, Table 2`;
  const p1 = PARAGRAPHS[doc]?.[line];
  const p2 = to ? PARAGRAPHS[doc]?.[Number(to)] : p1;
  const para =
    p1 === undefined
      ? ""
      : p2 !== undefined && p2 !== p1
        ? `, paragraphs ${p1}-${p2}`
        : `, paragraph ${p1}`;
  return `${title}, "${section[1]}"${para}`;
}

/**
 * Every code in a text ("002:262; 004:255", "Tower Hamlets 000:572", "002:355 (50/50)") made
 * readable: the references joined with "; ", and a note in brackets kept. Text with no code is
 * returned as it is, with "DOMAIN.md s.4" read as UK practice for scoring panels.
 */
export function readableSources(text: string): string {
  const codes = [...text.matchAll(CODE)].map((m) => m[0]);
  if (codes.length === 0)
    return text.replace(/UK practice \(DOMAIN\.md s\.4\)/, "UK practice for scoring panels");
  const note = /\(([^)]*)\)\s*$/.exec(text);
  const refs = codes.map(readableReference).join("; ");
  return note && !/\b00[0-4]:\d/.test(note[1]) ? `${refs} (${note[1]})` : refs;
}
