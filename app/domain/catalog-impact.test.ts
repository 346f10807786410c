import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { configurationImpact } from "./catalog-impact";
import { compileLine, price, validate } from "./engine";
import { plainValues, testLine } from "./engine/lines.testing";
import { allCodes, completeConfigurations, completionsOf, lineArb } from "./engine/oracle.testing";

/** A random draft line and a configuration held under an older version: some of its codes, maybe some the draft lost. */
const scenarioArb = lineArb({ maxValues: 10 }).chain((line) =>
  fc.record({
    line: fc.constant(line),
    choices: fc.shuffledSubarray([...allCodes(line), "RETIRED-1", "RETIRED-2"], { maxLength: Math.min(7, allCodes(line).length + 2) }),
    priceBefore: fc.nat(3000),
  }),
);

describe("configurationImpact", () => {
  it("lists a configuration as unbuildable iff the engine refuses it under the draft (brute-force oracle)", () => {
    fc.assert(
      fc.property(scenarioArb, ({ line, choices, priceBefore }) => {
        const impact = configurationImpact(compileLine(line), { choices, texts: {} }, "DE", priceBefore);
        const known = new Set(allCodes(line));
        const refused = choices.some((c) => !known.has(c)) || completionsOf(completeConfigurations(line), choices).length === 0;
        expect(impact.kind === "unbuildable").toBe(refused);
        if (impact.nearest) {
          // The nearest configuration is one the draft builds, and it is what the "after" price is of.
          expect(validate(line, { line: line.code, choices: impact.nearest.choices, texts: impact.nearest.texts })).toEqual([]);
          expect(impact.priceAfter).toBe(price(line, impact.nearest.choices, impact.nearest.texts, "DE").total);
        }
        if (!refused) {
          expect(impact.nearest!.choices).toEqual(expect.arrayContaining(choices));
          expect(impact.kind).toBe(impact.priceAfter === priceBefore ? "unchanged" : "price");
        }
      }),
      { numRuns: 200 },
    );
  });

  const line = testLine({
    basePrice: { DE: 1000 },
    features: [
      { kind: "single", code: "trim", name: { en: "Trim" }, values: plainValues("T1", "T2") },
      { kind: "single", code: "colour", name: { en: "Colour" }, values: [...plainValues("C1"), { code: "C2", name: { en: "C2" }, price: { DE: 100 } }] },
    ],
    rules: [{ kind: "excludes", id: "t1-c2", values: ["T1", "C2"] }],
  });

  it("names what it leaves out and gives the nearest configuration with its price", () => {
    const impact = configurationImpact(compileLine(line), { choices: ["T1", "C2"], texts: {} }, "DE", 1309);
    expect(impact).toEqual({ kind: "unbuildable", leftOut: ["C2"], nearest: { choices: ["T1", "C1"], texts: {} }, priceBefore: 1309, priceAfter: 1190 });
  });

  it("tells a price change from no change, and a line the draft no longer has", () => {
    expect(configurationImpact(compileLine(line), { choices: ["T2", "C2"], texts: {} }, "DE", 1309).kind).toBe("unchanged");
    expect(configurationImpact(compileLine(line), { choices: ["T2", "C2"], texts: {} }, "DE", 1200)).toMatchObject({ kind: "price", priceAfter: 1309 });
    expect(configurationImpact(null, { choices: ["T2"], texts: {} }, "DE", 1)).toMatchObject({ kind: "unbuildable", nearest: null, priceAfter: null });
  });
});
