import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileLine } from "./compile";
import { testLine } from "./lines.testing";
import { allCodes, completeConfigurations, completionsOf, lineArb } from "./oracle.testing";
import { price } from "./pricing";
import { resolve } from "./resolve";

/** All subsets of `items` with exactly k elements. */
function subsets<T>(items: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (items.length < k) return [];
  const [first, ...rest] = items;
  return [...subsets(rest, k - 1).map((s) => [first, ...s]), ...subsets(rest, k)];
}

const scenarioArb = lineArb({ maxValues: 11 }).chain((line) => {
  const codes = allCodes(line);
  return fc.record({
    line: fc.constant(line),
    // Consistent choices (part of a complete configuration), so the question is about the wanted value.
    choices: fc.nat().map((i) => {
      const all = completeConfigurations(line);
      if (all.length === 0) return [];
      const cfg = all[i % all.length];
      return cfg.filter((_, k) => ((i >> 3) >> k) & 1);
    }),
    want: fc.constantFrom(...codes),
  });
});

describe("resolve", () => {
  it("offers valid, minimal change sets, fewest removals first, with the right price difference", () => {
    fc.assert(
      fc.property(scenarioArb, ({ line, choices, want }) => {
        const compiled = compileLine(line);
        const all = completeConfigurations(line);
        const result = resolve(compiled, { choices, texts: {} }, want, { market: "DE" });
        if (choices.includes(want)) {
          expect(result).toEqual([]);
          return;
        }
        const feature = compiled.featureOf.get(want)!;
        const replaced = feature.kind === "single" ? choices.filter((c) => feature.values.includes(c)) : [];
        const base = choices.filter((c) => !replaced.includes(c));
        const works = (drop: string[]) => completionsOf(all, [...base.filter((c) => !drop.includes(c)), want]).length > 0;
        // The smallest number of removals that works, by brute force (up to the default limit of 4).
        let smallest = -1;
        for (let k = 0; k <= Math.min(4, base.length) && smallest < 0; k++) if (subsets(base, k).some(works)) smallest = k;
        if (smallest < 0) {
          expect(result).toEqual([]);
          return;
        }
        expect(result.length).toBeGreaterThan(0);
        expect(result.length).toBeLessThanOrEqual(3);
        expect(result[0].remove.length).toBe(smallest + replaced.length);
        const before = price(line, choices, {}, "DE").total;
        for (const r of result) {
          for (const c of replaced) expect(r.remove).toContain(c);
          const dropped = r.remove.filter((c) => !replaced.includes(c));
          expect(works(dropped)).toBe(true);
          for (const c of dropped) expect(works(dropped.filter((x) => x !== c)), `${c} needed`).toBe(false);
          const kept = choices.filter((c) => !r.remove.includes(c));
          expect(r.choices).toEqual([...kept, want, ...r.add]);
          const completions = completionsOf(all, r.choices);
          expect(completions.length).toBeGreaterThan(0);
          // `add` are exactly the values every completion of the rest contains that the kept choices alone don't force.
          const rest = completionsOf(all, [...kept, want]);
          const keptOnly = completionsOf(all, kept);
          const codes = allCodes(line).filter((c) => !kept.includes(c) && c !== want);
          const pulledIn = codes.filter((c) => rest.every((cfg) => cfg.includes(c)) && !keptOnly.every((cfg) => cfg.includes(c)));
          expect([...r.add].sort()).toEqual(pulledIn.sort());
          expect(r.priceDelta).toBe(price(line, r.choices, {}, "DE").total - before);
        }
        for (let i = 1; i < result.length; i++) {
          const [a, b] = [result[i - 1], result[i]];
          expect(a.remove.length < b.remove.length || (a.remove.length === b.remove.length && a.priceDelta <= b.priceDelta)).toBe(true);
        }
        // Deterministic across solver states.
        expect(resolve(compileLine(line), { choices, texts: {} }, want, { market: "DE" })).toEqual(result);
      }),
      { numRuns: 100 },
    );
  });

  const line = testLine({
    basePrice: { DE: 1000 },
    features: [
      {
        kind: "single",
        code: "TRIM",
        name: { en: "Trim" },
        values: [
          { code: "BASE", name: { en: "Base" }, price: { DE: 0 } },
          { code: "SPORT", name: { en: "Sport" }, price: { DE: 500 } },
        ],
      },
      {
        kind: "single",
        code: "ENGINE",
        name: { en: "Engine" },
        values: [
          { code: "E40", name: { en: "40" }, price: { DE: 0 } },
          { code: "E55", name: { en: "55" }, price: { DE: 2000 } },
        ],
      },
      {
        kind: "single",
        code: "WHEEL",
        name: { en: "Wheels" },
        values: [
          { code: "W18", name: { en: "18" }, price: { DE: 0 } },
          { code: "W21", name: { en: "21" }, price: { DE: 800 } },
        ],
      },
    ],
    rules: [
      { kind: "requires", id: "w21-needs-sport-not-e40", if: { value: "W21" }, then: { and: [{ value: "SPORT" }, { not: { value: "E40" } }] } },
    ],
  });

  it("replaces the old value of a single-choice feature and lists what must be added", () => {
    const c = compileLine(line);
    expect(resolve(c, { choices: ["BASE", "E40", "W18"] }, "W21", { market: "DE" })).toEqual([
      { remove: ["BASE", "E40", "W18"], add: ["SPORT", "E55"], choices: ["W21", "SPORT", "E55"], priceDelta: 3927 }, // gross: (800 + 500 + 2000) × 1.19,
    ]);
    // Nothing in the way: only the implicit replacement.
    expect(resolve(c, { choices: ["SPORT", "W18"] }, "W21", { market: "DE" })).toEqual([
      { remove: ["W18"], add: ["E55"], choices: ["SPORT", "W21", "E55"], priceDelta: 3332 },
    ]);
    expect(resolve(c, { choices: ["SPORT", "W21"] }, "W21")).toEqual([]);
  });
});
