import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { productLineSchema } from "../catalog";
import { countFd, productLineToFd, type FdProblem } from "./count-fd";
import { allCodes, completeConfigurations, completionsOf } from "./oracle.testing";

/** Oracle: enumerate every assignment. */
function bruteForce(p: FdProblem, fixed: (number | undefined)[] = []): bigint {
  let count = 0n;
  const a: number[] = [];
  const walk = (v: number) => {
    if (v === p.domains.length) {
      const ok = p.factors.every((f) => f.tuples.some((t) => f.scope.every((u, i) => a[u] === t[i])));
      if (ok) count++;
      return;
    }
    for (let x = 0; x < p.domains[v]; x++) {
      if (fixed[v] !== undefined && fixed[v] !== x) continue;
      a[v] = x;
      walk(v + 1);
    }
  };
  walk(0);
  return count;
}

const problem = fc
  .array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 7 })
  .chain((domains) => {
    const n = domains.length;
    const factor = fc
      .uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(3, n) })
      .chain((scope) =>
        fc.record({
          scope: fc.constant(scope),
          tuples: fc.array(fc.tuple(...scope.map((v) => fc.integer({ min: 0, max: domains[v] - 1 }))), { maxLength: 8 }),
        }),
      );
    return fc.record({ domains: fc.constant(domains), factors: fc.array(factor, { maxLength: 6 }) });
  });

const withFixed = problem.chain((p) =>
  fc.tuple(
    fc.constant(p),
    fc.tuple(...p.domains.map((d) => fc.option(fc.integer({ min: 0, max: d - 1 }), { nil: undefined }))),
  ),
);

describe("countFd", () => {
  it("agrees with brute force on random table problems", () => {
    fc.assert(
      fc.property(problem, (p) => {
        expect(countFd(p)).toBe(bruteForce(p));
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with brute force with pinned variables", () => {
    fc.assert(
      fc.property(withFixed, ([p, fixed]) => {
        expect(countFd(p, fixed)).toBe(bruteForce(p, fixed));
      }),
      { numRuns: 500 },
    );
  });

  it("stays exact past 2^53 (switches to BigInt)", () => {
    // 60 variables of 3 values, each restricted to 2 values by a unary table, chained by binary all-allowed tables.
    const domains = Array.from({ length: 60 }, () => 3);
    const factors = [
      ...domains.map((_, v) => ({ scope: [v], tuples: [[0], [2]] })),
      ...domains.slice(1).map((_, v) => ({ scope: [v, v + 1], tuples: [0, 1, 2].flatMap((x) => [0, 1, 2].map((y) => [x, y])) })),
    ];
    expect(countFd({ domains, factors })).toBe(2n ** 60n);
    expect(countFd({ domains, factors: [] })).toBe(3n ** 60n);
  });
});

const v = (code: string, includes: string[] = []) => ({ code, name: { en: code }, includes });
const sample = productLineSchema.parse({
  code: "sample",
  name: { en: "Sample" },
  basePrice: {},
  baseModules: [],
  features: [
    { kind: "single", code: "trim", name: { en: "Trim" }, values: [v("base"), v("sport"), v("lux")] },
    { kind: "single", code: "engine", name: { en: "Engine" }, values: [v("e1"), v("e2"), v("e3")] },
    { kind: "single", code: "hitch", name: { en: "Hitch" }, required: false, values: [v("h1"), v("h2")] },
    { kind: "multiple", code: "packs", name: { en: "Packs" }, max: 2, values: [v("p1", ["o1"]), v("p2", ["o2", "lux"]), v("p3")] },
    { kind: "multiple", code: "opts", name: { en: "Options" }, values: [v("o1"), v("o2"), v("o3")] },
    { kind: "text", code: "sill", name: { en: "Sill" }, pattern: "^[A-Z]*$", maxLength: 10, enabledBy: "o3" },
  ],
  rules: [
    { kind: "requires", id: "r1", if: { value: "e3" }, then: { or: [{ value: "sport" }, { value: "lux" }] } },
    { kind: "excludes", id: "r2", values: ["h2", "p3", "o1", "o1"] },
    { kind: "constraint", id: "r3", condition: { or: [{ not: { value: "o3" } }, { value: "e2" }] } },
    { kind: "table", id: "r4", features: ["trim", "engine"], tuples: [["base", "e1"], ["sport", "e2"], ["sport", "e3"], ["lux", "e3"], ["lux", "e1"]] },
  ],
});

describe("productLineToFd", () => {
  it("counts a product line with every rule kind like its definition", () => {
    const fd = productLineToFd(sample)!;
    expect(fd).toBeDefined();
    const expected = completeConfigurations(sample).length;
    expect(expected).toBeGreaterThan(0);
    expect(countFd(fd.problem)).toBe(BigInt(expected));
  });

  it("counts completions of partial choices like their definition", () => {
    const fd = productLineToFd(sample)!;
    const codes = allCodes(sample);
    const all = completeConfigurations(sample);
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...codes), { maxLength: 3 }), (choices) => {
        const fixed: (number | undefined)[] = [];
        let clash = false;
        for (const c of choices) {
          const { variable, value } = fd.valueOf.get(c)!;
          if (fixed[variable] !== undefined && fixed[variable] !== value) clash = true;
          fixed[variable] = value;
        }
        expect(clash ? 0n : countFd(fd.problem, fixed)).toBe(BigInt(completionsOf(all, choices).length));
      }),
      { numRuns: 200 },
    );
  });
});
