import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countModels } from "./count";
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
