import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileLine } from "./compile";
import { FlipChecker } from "./flips";
import { testLine } from "./lines.testing";
import { allCodes, completeConfigurations, isComplete, lineArb } from "./oracle.testing";

/** A configuration (value codes) as the checker's 0/1 array over value variables. */
function toModel(compiled: ReturnType<typeof compileLine>, codes: readonly string[]): Uint8Array {
  const x = new Uint8Array(compiled.numValueVars + 1);
  for (const c of codes) x[compiled.valueVar.get(c)!] = 1;
  return x;
}

const toCodes = (compiled: ReturnType<typeof compileLine>, x: Uint8Array) =>
  compiled.varValue.filter((_, v) => v > 0 && x[v] === 1);

/** A chain of tables: a → b → c, each "same index". Switching a needs both tables mended. */
const chain = testLine({
  basePrice: { DE: 0 },
  features: ["A", "B", "C"].map((f) => ({
    kind: "single",
    code: f,
    name: { en: f },
    required: true,
    values: [0, 1].map((i) => ({ code: `${f.toLowerCase()}${i}`, name: { en: "x" }, price: { DE: 0 } })),
  })),
  rules: [
    { kind: "table", id: "T1", features: ["A", "B"], tuples: [["a0", "b0"], ["a1", "b1"]] },
    { kind: "table", id: "T2", features: ["B", "C"], tuples: [["b0", "c0"], ["b1", "c1"]] },
  ],
});

describe("FlipChecker.repair", () => {
  it("mends a chain of tables that a single flip can't", () => {
    const compiled = compileLine(chain);
    const checker = new FlipChecker(compiled);
    const none = new Uint8Array(compiled.numValueVars + 1);
    checker.load(toModel(compiled, ["a0", "b0", "c0"]));
    const a1 = compiled.valueVar.get("a1")!;
    expect(checker.flip(a1, true, none, () => {})).toBe(false);
    let found: string[] = [];
    expect(checker.repair(a1, none, (x) => (found = toCodes(compiled, x)), 100)).toBe(true);
    expect(found.sort()).toEqual(["a1", "b1", "c1"]);
    // With c0 chosen there is no such configuration, and the loaded one is left as it was.
    const c0 = toModel(compiled, ["c0"]);
    expect(checker.repair(a1, c0, () => {}, 100)).toBe(false);
    expect(checker.repairOff(compiled.valueVar.get("a0")!, c0, () => {}, 100)).toBe(false);
    found = [];
    checker.flip(compiled.valueVar.get("c0")!, true, none, (x) => (found = toCodes(compiled, x)));
    expect(found.sort()).toEqual(["a0", "b0", "c0"]);
  });

  it("finds only complete configurations that keep the choices and the target (oracle)", () => {
    fc.assert(
      fc.property(lineArb({ maxValues: 10 }), fc.nat(), fc.nat(), fc.nat(), (line, pick, target, choose) => {
        const all = completeConfigurations(line);
        if (all.length === 0) return;
        const compiled = compileLine(line);
        const checker = new FlipChecker(compiled);
        const start = all[pick % all.length];
        const codes = allCodes(line);
        const v = compiled.valueVar.get(codes[target % codes.length])!;
        // Choices: a subset of the starting configuration (so the start keeps them).
        const chosenCodes = start.filter((_, i) => (choose >> i) & 1);
        const chosen = toModel(compiled, chosenCodes);
        for (const off of [false, true]) {
          checker.load(toModel(compiled, start));
          let found: string[] | undefined;
          const ok = off
            ? checker.repairOff(v, chosen, (x) => (found = toCodes(compiled, x)), 50)
            : checker.repair(v, chosen, (x) => (found = toCodes(compiled, x)), 50);
          expect(ok).toBe(found !== undefined);
          if (!found) continue;
          expect(isComplete(line, new Set(found))).toBe(true);
          expect(found.includes(compiled.varValue[v])).toBe(!off);
          for (const c of chosenCodes) expect(found).toContain(c);
        }
      }),
      { numRuns: 300 },
    );
  });
});
