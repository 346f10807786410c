import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChoiceFeature, ProductLine } from "../catalog";
import { featureConstraint } from "../catalog.meaning";
import { compileLine } from "./compile";
import { leadTimeDays } from "./lead-time";
import { effectiveChoices } from "./line-index";
import { plainValues, testLine } from "./lines.testing";
import { allCodes, completeConfigurations, completionsOf, isComplete, lineArb } from "./oracle.testing";
import { price } from "./pricing";
import { resolve } from "./resolve";

/** All subsets of `items` with exactly k elements. */
function subsets<T>(items: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (items.length < k) return [];
  const [first, ...rest] = items;
  return [...subsets(rest, k - 1).map((s) => [first, ...s]), ...subsets(rest, k)];
}

const choiceFeatures = (line: ProductLine) => line.features.filter((f): f is ChoiceFeature => f.kind !== "text");
/** Features whose minimum (at least one) the configuration meets, by the catalog's own meaning. */
const filledFeatures = (line: ProductLine, choices: readonly string[]) => {
  const have = new Set(effectiveChoices(line, choices));
  return choiceFeatures(line)
    .filter((f) => {
      const { min } = featureConstraint(f);
      return min > 0 && f.values.filter((v) => have.has(v.code)).length >= min;
    })
    .map((f) => f.code);
};

// Choices taken from a complete configuration: all of it (a complete configuration) or a part (a partial one).
const scenarioArb = lineArb({ maxValues: 11 }).chain((line) => {
  const codes = allCodes(line);
  return fc.record({
    line: fc.constant(line),
    choices: fc.tuple(fc.nat(), fc.boolean()).map(([i, whole]) => {
      const all = completeConfigurations(line);
      if (all.length === 0) return [];
      const cfg = all[i % all.length];
      return whole ? cfg : cfg.filter((_, k) => ((i >> 3) >> k) & 1);
    }),
    want: fc.constantFrom(...codes),
  });
});

describe("resolve", () => {
  it("proposes whole configurations: minimal removals, as complete as before, distinct, exact prices, empty only for a dead value", () => {
    fc.assert(
      fc.property(scenarioArb, ({ line, choices, want }) => {
        const compiled = compileLine(line);
        const all = completeConfigurations(line);
        const result = resolve(compiled, { choices, texts: {} }, want, { market: "DE" });
        if (choices.includes(want)) {
          expect(result).toEqual([]);
          return;
        }
        const dead = completionsOf(all, [want]).length === 0;
        expect(result.length === 0).toBe(dead);
        if (dead) return;
        expect(result.length).toBeLessThanOrEqual(3);

        const feature = compiled.featureOf.get(want)!;
        const replaced = feature.kind === "single" ? choices.filter((c) => feature.values.includes(c)) : [];
        const base = choices.filter((c) => !replaced.includes(c));
        const works = (drop: readonly string[]) => completionsOf(all, [...base.filter((c) => !drop.includes(c)), want]).length > 0;
        let smallest = 0;
        while (!subsets(base, smallest).some(works)) smallest++;

        const wasComplete = isComplete(line, new Set(effectiveChoices(line, choices)));
        const filledBefore = filledFeatures(line, choices);
        const before = price(line, choices, {}, "DE").total;
        for (const r of result) {
          for (const c of replaced) expect(r.remove).toContain(c);
          // Removals: current choices, subset-minimal, as few as any fix needs when marked minimal.
          const dropped = r.remove.filter((c) => !replaced.includes(c));
          for (const c of r.remove) expect(choices).toContain(c);
          expect(works(dropped)).toBe(true);
          for (const c of dropped) expect(works(dropped.filter((x) => x !== c)), `${c} needed`).toBe(false);
          expect(r.minimal).toBe(dropped.length === smallest);
          // The result: what is kept, the wanted value, the additions; nothing removed comes back.
          const kept = choices.filter((c) => !r.remove.includes(c));
          expect(r.choices).toEqual([...kept, want, ...r.add]);
          for (const c of r.add) expect(r.remove).not.toContain(c);
          const after = new Set(effectiveChoices(line, r.choices));
          expect(completionsOf(all, [...after]).length).toBeGreaterThan(0);
          // As complete as before: a complete configuration stays complete, a filled feature stays filled.
          if (wasComplete) expect(isComplete(line, after)).toBe(true);
          // ...unless nothing with the kept choices and the wanted value fills it: an optional feature with a
          // minimum may have to be emptied (seed 2038972696: its three values, all needed, and one excluded by the wish).
          const filledAfter = filledFeatures(line, r.choices);
          const fillable = (f: string) => completionsOf(all, [...kept, want]).some((cfg) => filledFeatures(line, cfg).includes(f));
          for (const f of filledBefore) if (!filledAfter.includes(f)) expect(fillable(f), `${f} left empty`).toBe(false);
          if (!wasComplete) {
            // Partial: an addition refills a feature that was filled before, or every completion needs it.
            const refills = r.add.filter((c) => filledBefore.includes(compiled.featureOf.get(c)!.code));
            const rest = completionsOf(all, [...kept, want, ...refills]);
            for (const c of r.add) if (!refills.includes(c)) expect(rest.every((cfg) => cfg.includes(c)), `${c} is needed`).toBe(true);
          }
          // Exact differences between the two configurations.
          expect(r.priceDelta).toBe(price(line, r.choices, {}, "DE").total - before);
          expect(r.leadTimeDelta).toBe(leadTimeDays(line, r.choices) - leadTimeDays(line, choices));
        }
        expect(result[0].minimal).toBe(true);
        expect(new Set(result.map((r) => [...r.choices].sort().join(","))).size).toBe(result.length);
        for (let i = 1; i < result.length; i++) {
          const [a, b] = [result[i - 1], result[i]];
          const [ca, cb] = [a.remove.length + a.add.length, b.remove.length + b.add.length];
          expect(ca < cb || (ca === cb && Math.abs(a.priceDelta) <= Math.abs(b.priceDelta))).toBe(true);
        }
        // Deterministic across solver states.
        expect(resolve(compileLine(line), { choices, texts: {} }, want, { market: "DE" })).toEqual(result);
      }),
      { numRuns: 150 },
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
          { code: "E55", name: { en: "55" }, price: { DE: 2000 }, leadTimeDays: 9 },
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

  it("replaces the old value of a single-choice feature and what the removals leave open, with price and lead time", () => {
    const c = compileLine(line);
    expect(resolve(c, { choices: ["BASE", "E40", "W18"] }, "W21", { market: "DE" })).toEqual([
      // gross: (800 + 500 + 2000) × 1.19; the 55 engine takes 9 days to come
      { remove: ["BASE", "E40", "W18"], add: ["SPORT", "E55"], choices: ["W21", "SPORT", "E55"], priceDelta: 3927, leadTimeDelta: 9, minimal: true },
    ]);
    // Nothing in the way: only the implicit replacement.
    expect(resolve(c, { choices: ["SPORT", "W18"] }, "W21", { market: "DE" })).toEqual([
      { remove: ["W18"], add: ["E55"], choices: ["SPORT", "W21", "E55"], priceDelta: 3332, leadTimeDelta: 9, minimal: true },
    ]);
    expect(resolve(c, { choices: ["SPORT", "W21"] }, "W21")).toEqual([]);
  });

  const wheels = (defaultCode?: string) =>
    testLine({
      features: [
        { kind: "single", code: "ENGINE", name: { en: "Engine" }, values: plainValues("E40", "E55") },
        {
          kind: "single",
          code: "WHEEL",
          name: { en: "Wheels" },
          values: [
            ["W17", 0],
            ["W18", 100],
            ["W19", 200],
            ["W20", 300],
            ["W22", 400],
          ].map(([code, DE]) => ({ code, name: { en: code }, price: { DE }, default: code === defaultCode })),
        },
      ],
      rules: [{ kind: "excludes", id: "e55-not-20", values: ["E55", "W20"] }],
    });

  it("refills a feature with the value closest in price to the one it lost (the cheaper on a tie), then the next closest as an alternative", () => {
    const [first, second, ...others] = resolve(compileLine(wheels()), { choices: ["E40", "W20"] }, "E55", { market: "DE" });
    // W20 (300) goes: W19 and W22 are both 100 away, W19 is cheaper; the cheapest of the range (W17) is not the answer.
    expect(first).toMatchObject({ remove: ["E40", "W20"], add: ["W19"], choices: ["E55", "W19"], minimal: true });
    expect(second).toMatchObject({ remove: ["E40", "W20"], add: ["W22"], choices: ["E55", "W22"], minimal: true });
    expect(others).toEqual([]);
  });

  it("prefers the catalog's default when it can be had; the closest value is the alternative, ranked by the price change", () => {
    const result = resolve(compileLine(wheels("W17")), { choices: ["E40", "W20"] }, "E55", { market: "DE" });
    // The default replaces W20; swapping it gives the closest, W19, which moves the price less, so it comes first.
    expect(result.map((r) => r.add)).toEqual([["W19"], ["W17"]]);
    expect(result.map((r) => r.priceDelta)).toEqual([-119, -357]);
  });

  // Six features each with a standard and an upgraded value; the wanted option needs every upgrade.
  const chain = testLine({
    features: [
      ...[1, 2, 3, 4, 5, 6].map((i) => ({
        kind: "single",
        code: `F${i}`,
        name: { en: `F${i}` },
        values: [
          { code: `A${i}`, name: { en: `A${i}` }, price: { DE: 0 } },
          { code: `B${i}`, name: { en: `B${i}` }, price: { DE: 100 * i } },
        ],
      })),
      { kind: "multiple", code: "OPTIONS", name: { en: "Options" }, values: plainValues("X") },
    ],
    rules: [{ kind: "requires", id: "x-needs-all-b", if: { value: "X" }, then: { and: [1, 2, 3, 4, 5, 6].map((i) => ({ value: `B${i}` })) } }],
  });
  const standard = [1, 2, 3, 4, 5, 6].map((i) => `A${i}`);
  const upgraded = [1, 2, 3, 4, 5, 6].map((i) => `B${i}`);

  it("refills a feature a replaced package had filled, even when a rule forces the same value in", () => {
    // Found by the property above: in a partial configuration, b1 includes d0 (feature F3), and a rule requires d0
    // anyway. Replacing b1 by b3 must keep F3 filled in the proposal's choices, not leave it to the rule.
    const value = (code: string, includes: string[] = []) => ({ code, name: { en: code }, price: { DE: 100 }, modules: [], leadTimeDays: 0, includes, default: false });
    const line = {
      code: "L",
      name: { en: "Line" },
      basePrice: { DE: 1000 },
      baseModules: [],
      leadTimeDays: 0,
      features: [
        { kind: "single", code: "F1", name: { en: "F1" }, required: true, values: [value("b1", ["d0"]), value("b3")] },
        // Left open: the configuration is partial, so the fill doesn't complete it.
        { kind: "single", code: "F2", name: { en: "F2" }, required: true, values: [value("c0")] },
        { kind: "single", code: "F3", name: { en: "F3" }, required: true, values: [value("d0")] },
      ],
      rules: [{ kind: "constraint", id: "R0", condition: { value: "d0" } }],
    } as unknown as ProductLine;
    const [fix] = resolve(compileLine(line), { choices: ["b1"], texts: {} }, "b3", { market: "DE" });
    expect(fix).toMatchObject({ remove: ["b1"], add: ["d0"], choices: ["b3", "d0"] });
    expect(filledFeatures(line, fix.choices)).toEqual(["F1", "F3"]);
  });

  it("finds a fix that needs six removals (no cap on the number of changes)", () => {
    const [only, ...others] = resolve(compileLine(chain), { choices: standard }, "X", { market: "DE" });
    expect(others).toEqual([]);
    expect(only).toEqual({
      remove: standard,
      add: upgraded,
      choices: ["X", ...upgraded],
      priceDelta: Math.round(2100 * 1.19),
      leadTimeDelta: 0,
      minimal: true,
    });
  });

  it("out of time, still proposes a fix: its removals are subset-minimal, but it is not marked minimal", () => {
    const compiled = compileLine(chain);
    const [first] = resolve(compiled, { choices: standard }, "X", { market: "DE", timeBudgetMs: 0 });
    expect(first.minimal).toBe(false);
    expect([...first.remove].sort()).toEqual([...standard].sort());
    expect(isComplete(chain, new Set(first.choices))).toBe(true);
  });

  it("empties an optional feature whose minimum the wish makes impossible, and leaves the car complete", () => {
    // Found by fast-check (seed 2038972696): a pack of "all three or none" loses one value to an exclusion, so it
    // can only go; refilling it is impossible and the result is still complete, the pack being optional.
    const packLine = testLine({
      features: [
        { kind: "single", code: "T", name: { en: "T" }, required: true, values: plainValues("T1") },
        { kind: "multiple", code: "P", name: { en: "P" }, required: false, min: 3, max: 3, values: plainValues("X", "Y", "Z") },
        { kind: "multiple", code: "O", name: { en: "O" }, values: plainValues("A") },
      ],
      rules: [{ kind: "excludes", id: "y-not-a", values: ["Y", "A"] }],
    });
    const [fix, ...others] = resolve(compileLine(packLine), { choices: ["T1", "X", "Y", "Z"] }, "A");
    expect(others).toEqual([]);
    expect(fix).toMatchObject({ remove: ["X", "Y", "Z"], add: [], choices: ["T1", "A"], minimal: true });
    expect(isComplete(packLine, new Set(fix.choices))).toBe(true);
  });

  it("keeps one of two values that include each other when the wish's feature needs them to reach its minimum", () => {
    // Found by fast-check (seed -635680991): B0 and B2 each include the other; wanting B1 in an optional feature of at
    // least three needs them, and leaving both out of the additions (each "brought" by the other) left the car short.
    const pairLine = testLine({
      features: [
        { kind: "single", code: "D", name: { en: "D" }, required: true, values: plainValues("D0", "D1") },
        {
          kind: "multiple",
          code: "B",
          name: { en: "B" },
          required: false,
          min: 3,
          values: [
            { code: "B0", name: { en: "B0" }, includes: ["B2"] },
            { code: "B1", name: { en: "B1" } },
            { code: "B2", name: { en: "B2" }, includes: ["B0"] },
          ],
        },
      ],
      rules: [{ kind: "excludes", id: "d1-not-b2", values: ["D1", "B2"] }],
    });
    const fixes = resolve(compileLine(pairLine), { choices: ["D1"] }, "B1");
    expect(fixes.length).toBeGreaterThan(0);
    for (const fix of fixes) {
      const effective = new Set(effectiveChoices(pairLine, fix.choices));
      expect(isComplete(pairLine, effective)).toBe(true);
      expect([...effective].sort()).toEqual(["B0", "B1", "B2", "D0"]);
      // One of the pair is listed (it brings the other), not both, not neither.
      expect(fix.add.filter((c) => c === "B0" || c === "B2")).toHaveLength(1);
    }
  });

  it("is empty for a dead value, which no configuration contains", () => {
    const deadLine = testLine({
      features: [{ kind: "multiple", code: "O", name: { en: "O" }, values: plainValues("P", "Q") }],
      rules: [{ kind: "constraint", id: "never-q", condition: { not: { value: "Q" } } }],
    });
    expect(resolve(compileLine(deadLine), { choices: ["P"] }, "Q")).toEqual([]);
  });
});
