import fc from "fast-check";
import { columnRef, exactCriterion, needsEquality } from "../../../src/sheets/register/criteria";

describe("references and criteria", () => {
  test("sheet names are quoted", () => {
    expect(columnRef("Bob's register", 2, 2, 101)).toBe("'Bob''s register'!$C$2:$C$101");
    expect(columnRef("Register", 27, 5, 5)).toBe("'Register'!$AB$5:$AB$5");
  });
  test("criteria escape wildcards and match exactly", () => {
    expect(exactCriterion("Adult * services?")).toBe("Adult ~* services~?");
    expect(exactCriterion(">5000")).toBe("=>5000");
    expect(exactCriterion("")).toBe("");
    expect(needsEquality("=Adults")).toBe(true);
    expect(needsEquality("Adults")).toBe(false);
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (s) => {
        const c = exactCriterion(s);
        // no operator is read from the text, and no unescaped wildcard is left
        if (/^[=<>]/.test(s)) expect(c.startsWith("=")).toBe(true);
        expect(/(^|[^~])[*?]/.test(c.replace(/~~/g, ""))).toBe(false);
      })
    );
  });
});
