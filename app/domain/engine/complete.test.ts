import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileLine } from "./compile";
import { complete } from "./complete";
import { testLine } from "./lines.testing";
import { allCodes, completeConfigurations, completionsOf, isComplete, lineArb } from "./oracle.testing";
import { validate } from "./validate";

describe("complete", () => {
  it("completes exactly when the oracle has a completion; the result extends the choices and validates", () => {
    fc.assert(
      fc.property(
        lineArb().chain((line) => fc.record({ line: fc.constant(line), choices: fc.subarray(allCodes(line), { maxLength: Math.min(3, allCodes(line).length) }) })),
        ({ line, choices }) => {
          const compiled = compileLine(line);
          const result = complete(compiled, { choices }, { market: "DE" });
          const exists = completionsOf(completeConfigurations(line), choices).length > 0;
          expect(result !== null).toBe(exists);
          if (result === null) return;
          expect(result.slice(0, choices.length)).toEqual(choices);
          expect(isComplete(line, new Set(result))).toBe(true);
          expect(validate(line, { line: line.code, choices: result, texts: {} })).toEqual([]);
          // Deterministic: a fresh compile (fresh solver state) gives the same answer.
          expect(complete(compileLine(line), { choices }, { market: "DE" })).toEqual(result);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("takes defaults first, then the cheapest value; rules pull in the cheaper alternative", () => {
    const line = testLine({
      features: [
        {
          kind: "single",
          code: "COLOR",
          name: { en: "Color" },
          values: [
            { code: "RED", name: { en: "Red" }, price: { DE: 300 } },
            { code: "BLUE", name: { en: "Blue" }, price: { DE: 100 } },
            { code: "GREY", name: { en: "Grey" }, price: { DE: 200 }, default: true },
          ],
        },
        {
          kind: "single",
          code: "WHEEL",
          name: { en: "Wheels" },
          values: [
            { code: "W20", name: { en: "20" }, price: { DE: 900 } },
            { code: "W18", name: { en: "18" }, price: { DE: 500 } },
          ],
        },
        {
          kind: "multiple",
          code: "OPT",
          name: { en: "Options" },
          values: [
            { code: "TOW", name: { en: "Tow bar" }, price: { DE: 50 } },
            { code: "ROOF", name: { en: "Roof" }, price: { DE: 80 } },
            { code: "RAILS", name: { en: "Rails" }, price: { DE: 30 } },
          ],
        },
      ],
      rules: [{ kind: "requires", id: "w20-needs-roof-or-rails", if: { value: "W20" }, then: { or: [{ value: "ROOF" }, { value: "RAILS" }] } }],
    });
    const c = compileLine(line);
    expect(complete(c, { choices: [] }, { market: "DE" })).toEqual(["GREY", "W18"]);
    expect(complete(c, { choices: ["W20"] }, { market: "DE" })).toEqual(["W20", "GREY", "RAILS"]);
    expect(complete(c, { choices: ["RED", "BLUE"] }, { market: "DE" })).toBeNull();
  });
});
