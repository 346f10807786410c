import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileLine } from "./compile";
import { countConfigurations, countMethod, countModels } from "./count";
import { allCodes, completeConfigurations, completionsOf, lineArb } from "./oracle.testing";
import type { Cnf } from "./types";

/** The oracle: try every assignment. */
function bruteForce(cnf: Cnf, assumptions: number[] = []): bigint {
  let count = 0n;
  const holds = (l: number, bits: number) => ((bits >> (Math.abs(l) - 1)) & 1) === (l > 0 ? 1 : 0);
  for (let bits = 0; bits < 1 << cnf.numVars; bits++) {
    if (!assumptions.every((l) => holds(l, bits))) continue;
    if (cnf.clauses.every((c) => c.some((l) => holds(l, bits)))) count++;
  }
  return count;
}

const literal = (numVars: number) =>
  fc.tuple(fc.integer({ min: 1, max: numVars }), fc.boolean()).map(([v, pos]) => (pos ? v : -v));

/** Random small CNFs, including empty, unit, duplicate-literal and tautological clauses. */
const smallCnf = fc.integer({ min: 1, max: 12 }).chain((numVars) =>
  fc.record({
    numVars: fc.constant(numVars),
    clauses: fc.array(fc.array(literal(numVars), { minLength: 0, maxLength: 4 }), { maxLength: 30 }),
  }),
);

const cnfWithAssumptions = smallCnf.chain((cnf) =>
  fc.tuple(fc.constant(cnf), fc.array(literal(cnf.numVars), { maxLength: 4 })),
);

describe("countModels", () => {
  it("counts small hand-checked formulas", () => {
    expect(countModels({ numVars: 3, clauses: [] })).toBe(8n);
    expect(countModels({ numVars: 2, clauses: [[1, 2]] })).toBe(3n);
    expect(countModels({ numVars: 2, clauses: [[1], [-1]] })).toBe(0n);
    expect(countModels({ numVars: 2, clauses: [[]] })).toBe(0n);
    // exactly one of three, and a free fourth variable
    const oneOfThree = { numVars: 4, clauses: [[1, 2, 3], [-1, -2], [-1, -3], [-2, -3]] };
    expect(countModels(oneOfThree)).toBe(6n);
    expect(countModels(oneOfThree, [2])).toBe(2n);
    expect(countModels(oneOfThree, [2, 3])).toBe(0n);
  });

  it("agrees with brute force on random CNFs", () => {
    fc.assert(
      fc.property(smallCnf, (cnf) => {
        expect(countModels(cnf)).toBe(bruteForce(cnf));
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with brute force on random CNFs under assumptions", () => {
    fc.assert(
      fc.property(cnfWithAssumptions, ([cnf, assumptions]) => {
        expect(countModels(cnf, assumptions)).toBe(bruteForce(cnf, assumptions));
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with brute force without the simplification step", () => {
    fc.assert(
      fc.property(cnfWithAssumptions, ([cnf, assumptions]) => {
        expect(countModels(cnf, assumptions, { simplify: false })).toBe(bruteForce(cnf, assumptions));
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with brute force on formulas rich in equivalences and failed literals", () => {
    // Chains of binary clauses create equivalent literals (merged) and failed literals (fixed).
    const binaryCnf = fc.integer({ min: 2, max: 10 }).chain((numVars) =>
      fc.record({
        numVars: fc.constant(numVars),
        clauses: fc.array(fc.array(literal(numVars), { minLength: 1, maxLength: 3 }).filter((c) => c.length !== 3 || c[0] > 0), {
          maxLength: 25,
        }),
      }),
    );
    fc.assert(
      fc.property(binaryCnf, fc.array(literal(10), { maxLength: 2 }), (cnf, raw) => {
        const assumptions = raw.map((l) => (Math.abs(l) > cnf.numVars ? Math.sign(l) * cnf.numVars : l));
        expect(countModels(cnf, assumptions)).toBe(bruteForce(cnf, assumptions));
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with brute force when the cache is tiny (flushes mid-count)", () => {
    fc.assert(
      fc.property(cnfWithAssumptions, ([cnf, assumptions]) => {
        expect(countModels(cnf, assumptions, { maxCacheEntries: 2 })).toBe(bruteForce(cnf, assumptions));
      }),
      { numRuns: 200 },
    );
  });

  it("counts beyond 2^53 exactly", () => {
    // 100 independent pairs "a or b": 3^100 models
    const clauses = Array.from({ length: 100 }, (_, i) => [2 * i + 1, 2 * i + 2]);
    expect(countModels({ numVars: 200, clauses })).toBe(3n ** 100n);
  });

  it("rejects literals outside the variable range", () => {
    expect(() => countModels({ numVars: 2, clauses: [[3]] })).toThrow(RangeError);
    expect(() => countModels({ numVars: 2, clauses: [] }, [0])).toThrow(RangeError);
  });
});

describe("countConfigurations", () => {
  it("counts the complete configurations of random product lines, with and without choices", () => {
    fc.assert(
      fc.property(lineArb({ maxValues: 10 }), fc.array(fc.nat(40), { maxLength: 3 }), (line, picks) => {
        const all = completeConfigurations(line);
        const codes = allCodes(line);
        const choices = [...new Set(picks.map((i) => codes[i % codes.length]))];
        const compiled = compileLine(line);
        const expected = BigInt(completionsOf(all, choices).length);
        // Whatever method is chosen automatically (tables when the line has table rules) ...
        expect(countConfigurations(compiled, choices)).toBe(expected);
        // ... and always the CNF path.
        expect(countModels(compiled.cnf, choices.map((c) => compiled.valueVar.get(c)!))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("uses variable elimination for table rules and the CNF otherwise", () => {
    fc.assert(
      fc.property(lineArb({ maxValues: 8 }), (line) => {
        const method = countMethod(compileLine(line));
        if (!line.rules.some((r) => r.kind === "table")) expect(method).toBe("cnf");
      }),
      { numRuns: 50 },
    );
  });

  it("rejects unknown value codes", () => {
    fc.assert(
      fc.property(lineArb({ maxValues: 6 }), (line) => {
        expect(() => countConfigurations(compileLine(line), ["no-such-code"])).toThrow(/unknown value code/);
      }),
      { numRuns: 5 },
    );
  });
});
