import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Catalog, ProductLine } from "../catalog";
import { bom } from "./bom";
import { proveBom } from "./bom-proof";
import { plainValues, testLine } from "./lines.testing";
import { completeConfigurations, isComplete, lineArb } from "./oracle.testing";

const slotCatalog = (slots: { code: string; required: boolean }[], modules: Record<string, string>): Pick<Catalog, "slots" | "modules"> => ({
  slots: slots.map((s) => ({ ...s, name: { en: s.code } })),
  modules: Object.entries(modules).map(([code, slot]) => ({ code, name: { en: code }, slot })),
});

/** The slot's count in a configuration's BOM, straight from bom(). */
const countIn = (line: ProductLine, choices: string[], modules: Record<string, string>, slot: string) =>
  bom(line, choices).reduce((sum, m) => sum + (modules[m.module] === slot ? m.quantity : 0), 0);

describe("proveBom", () => {
  const line = testLine({
    baseModules: [{ module: "FRAME", quantity: 1 }],
    features: [
      { kind: "single", code: "wheel", name: { en: "wheel" }, values: [
        { code: "W1", name: { en: "W1" }, modules: [{ module: "STW-A", quantity: 1 }] },
        { code: "W2", name: { en: "W2" }, modules: [{ module: "STW-B", quantity: 1 }] },
      ] },
      { kind: "multiple", code: "opt", name: { en: "opt" }, values: [
        { code: "HEAT", name: { en: "HEAT" }, modules: [{ module: "STW-HEATED", quantity: 1 }] },
        { code: "PKG", name: { en: "PKG" }, includes: ["HEAT"] },
        ...plainValues("X"),
      ] },
    ],
    rules: [{ kind: "excludes", id: "no-heat-with-w2", values: ["HEAT", "W2"] }],
  });

  it("proves a required slot every configuration fills exactly once", () => {
    const proof = proveBom(slotCatalog([{ code: "steering-wheel", required: true }], { "STW-A": "steering-wheel", "STW-B": "steering-wheel" }), line);
    expect(proof).toMatchObject({ holds: true, buildable: true, slots: [{ slot: "steering-wheel", modules: ["STW-A", "STW-B"], counterexample: null }] });
  });

  it("finds a configuration with two modules of a slot, through a package's contents", () => {
    const modules = { "STW-A": "steering-wheel", "STW-B": "steering-wheel", "STW-HEATED": "steering-wheel" };
    const proof = proveBom(slotCatalog([{ code: "steering-wheel", required: true }], modules), line);
    expect(proof.holds).toBe(false);
    const cx = proof.slots[0].counterexample!;
    expect(cx.problem).toBe("several");
    expect(cx.choices).toContain("W1");
    expect(cx.choices).toContain("HEAT");
    expect(cx.modules).toEqual([{ module: "STW-A", quantity: 1 }, { module: "STW-HEATED", quantity: 1 }]);
    expect(isComplete(line, new Set(cx.choices))).toBe(true);
  });

  it("finds a configuration that misses a required slot, and lets an optional one stay empty", () => {
    const modules = { "STW-HEATED": "heater" };
    expect(proveBom(slotCatalog([{ code: "heater", required: false }], modules), line).holds).toBe(true);
    const proof = proveBom(slotCatalog([{ code: "heater", required: true }], modules), line);
    expect(proof.slots[0].counterexample).toMatchObject({ problem: "missing", modules: [] });
    expect(proof.slots[0].counterexample!.choices).not.toContain("HEAT");
  });

  it("counts quantities: one value bringing two modules of a slot breaks it", () => {
    const two = testLine({ features: [{ kind: "single", code: "s", name: { en: "s" }, values: [{ code: "A", name: { en: "A" }, modules: [{ module: "SEAT", quantity: 2 }] }] }] });
    const proof = proveBom(slotCatalog([{ code: "seat", required: false }], { SEAT: "seat" }), two);
    expect(proof.slots[0].counterexample).toMatchObject({ problem: "several", modules: [{ module: "SEAT", quantity: 2 }] });
  });

  it("applies a slot only to the lines it names", () => {
    const catalog = { ...slotCatalog([], { "STW-HEATED": "heater" }), slots: [{ code: "heater", name: { en: "h" }, required: true, lines: ["other"] }] };
    expect(proveBom(catalog, line)).toMatchObject({ holds: true, slots: [] });
  });

  it("agrees with brute force on small random catalogs", () => {
    fc.assert(
      fc.property(
        lineArb({ maxValues: 9 }),
        fc.array(fc.nat(3), { minLength: 12, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        (line, slotPicks, required) => {
          const slotCodes = ["s0", "s1", "s2"];
          const used = [...new Set([...line.baseModules.map((m) => m.module), ...line.features.flatMap((f) => (f.kind === "text" ? [] : f.values.flatMap((v) => v.modules.map((m) => m.module))))])].sort();
          const modules: Record<string, string> = {};
          used.forEach((m, i) => {
            const pick = slotPicks[i % slotPicks.length];
            if (pick < 3) modules[m] = slotCodes[pick];
          });
          const catalog = slotCatalog(slotCodes.map((code, i) => ({ code, required: required[i] })), modules);
          const proof = proveBom(catalog, line);
          const all = completeConfigurations(line);
          expect(proof.buildable).toBe(all.length > 0);
          for (const s of proof.slots) {
            const breaks = (cfg: string[]) => {
              const n = countIn(line, cfg, modules, s.slot);
              return n > 1 || (s.required && n === 0);
            };
            expect(s.counterexample !== null).toBe(all.some(breaks));
            if (s.counterexample) {
              expect(isComplete(line, new Set(s.counterexample.choices))).toBe(true);
              expect(breaks(s.counterexample.choices)).toBe(true);
              const n = countIn(line, s.counterexample.choices, modules, s.slot);
              expect(s.counterexample.problem).toBe(n === 0 ? "missing" : "several");
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
