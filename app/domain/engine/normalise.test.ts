import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repairOf } from "../configurator.engine";
import { parseCatalog } from "../catalog";
import { compileLine } from "./compile";
import { effectiveChoices } from "./line-index";
import { normaliseConfiguration } from "./normalise";
import { allCodes, completeConfigurations, completionsOf, isComplete, lineArb, violations } from "./oracle.testing";

/** A random line and an arbitrary configuration of it: any codes in any order, some unknown, a text that may not be allowed. */
const scenarioArb = lineArb({ maxValues: 10, withText: true }).chain((line) =>
  fc.record({
    line: fc.constant(line),
    choices: fc.shuffledSubarray([...allCodes(line), "ZZ-OLD", "QQ"], { maxLength: Math.min(6, allCodes(line).length + 2) }),
    texts: fc.constantFrom<Record<string, string>[]>({}, { INSCRIPTION: "ANNA" }, { INSCRIPTION: "anna!" }, { GONE: "x" }),
  }),
);

describe("normaliseConfiguration", () => {
  it("names unknown codes, keeps the longest buildable prefix choice by choice, and gives each dropped choice a reason (oracle)", () => {
    fc.assert(
      fc.property(scenarioArb, ({ line, choices, texts }) => {
        const compiled = compileLine(line);
        const all = completeConfigurations(line);
        const n = normaliseConfiguration(compiled, { choices, texts });
        const known = new Set(allCodes(line));
        expect(n.unknown).toEqual(choices.filter((c) => !known.has(c)));
        // Greedy in the given order: each known choice is kept exactly when it fits with those kept before it.
        const kept: string[] = [];
        for (const c of choices.filter((c) => known.has(c))) {
          if (completionsOf(all, [...kept, c]).length > 0) kept.push(c);
        }
        expect(n.choices).toEqual(kept);
        expect(n.dropped.map((d) => d.code)).toEqual(choices.filter((c) => known.has(c) && !kept.includes(c)));
        // Nearest: what is kept is buildable, and no dropped choice can be added back.
        if (kept.length > 0) expect(completionsOf(all, kept).length).toBeGreaterThan(0);
        for (const d of n.dropped) {
          expect(completionsOf(all, [...kept, d.code])).toEqual([]);
          // The reason's choices and rules really rule the value out: every set with them and the value breaks one of the rules.
          const reason = d.reason!;
          expect(reason.choices.every((c) => kept.includes(c))).toBe(true);
          expect(completionsOf(all, [...reason.choices, d.code])).toEqual([]);
          expect(reason.rules.length).toBeGreaterThan(0);
        }
        // Texts: an unknown field or a text the line refuses with the kept choices is left out and named.
        const enabled = effectiveChoices(line, kept).includes(allCodes(line).at(-1)!);
        for (const [field, text] of Object.entries(texts)) {
          const accepted = field === "INSCRIPTION" && enabled && /^[A-Z ]*$/.test(text);
          expect(n.texts[field] === text, field).toBe(accepted);
          expect(n.droppedTexts.some((t) => t.field === field)).toBe(!accepted);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("repairOf: the nearest valid configuration keeps every kept choice and is complete (oracle)", () => {
    fc.assert(
      fc.property(scenarioArb, ({ line, choices, texts }) => {
        const compiled = compileLine(line);
        const all = completeConfigurations(line);
        const known = choices.filter((c) => allCodes(line).includes(c));
        const repair = repairOf(line, known, texts, "DE");
        const n = normaliseConfiguration(compiled, { choices: known, texts });
        expect(repair.dropped).toEqual(n.dropped);
        expect(repair.choices.slice(0, n.choices.length)).toEqual(n.choices);
        if (completionsOf(all, n.choices).length > 0) {
          const effective = new Set(effectiveChoices(line, repair.choices));
          expect(violations(line, effective)).toEqual([]);
          expect(isComplete(line, effective)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("repairOf keeps one of two packages that include each other (dropping both left an optional 'at least 2' feature with one value)", () => {
    const value = (code: string, includes: string[] = [], isDefault = false) => ({ code, name: { en: code }, price: { DE: 0 }, modules: [], includes, default: isDefault });
    const line = parseCatalog({
      productLines: [
        {
          code: "L",
          name: { en: "Line" },
          basePrice: { DE: 0 },
          baseModules: [],
          features: [{ kind: "multiple", code: "F0", name: { en: "F0" }, required: false, min: 2, values: [value("a0"), value("a1", ["a2"], true), value("a2", ["a1"]), value("a3")] }],
        },
      ],
    }).productLines[0]!;
    const repair = repairOf(line, [], {}, "DE");
    const effective = new Set(effectiveChoices(line, repair.choices));
    expect(violations(line, effective)).toEqual([]);
    expect(effective.has("a1") && effective.has("a2")).toBe(true);
  });
});
