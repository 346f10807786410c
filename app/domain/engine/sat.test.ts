import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SatSolver, satTuning, solverFromCnf } from "./sat";

/** Brute force: is there an assignment of 1..n satisfying every clause and assumption? */
function bruteSat(n: number, clauses: number[][], assumptions: number[] = []): boolean {
  const all = [...clauses, ...assumptions.map((a) => [a])];
  for (let m = 0; m < 1 << n; m++) {
    const val = (l: number) => (((m >> (Math.abs(l) - 1)) & 1) === 1) === l > 0;
    if (all.every((c) => c.some(val))) return true;
  }
  return false;
}

const satisfies = (model: Uint8Array, clauses: number[][]) =>
  clauses.every((c) => c.some((l) => (model[Math.abs(l)] === 1) === l > 0));

const cnfArb = fc.integer({ min: 1, max: 10 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    clauses: fc.array(
      fc.array(
        fc.integer({ min: 1, max: n }).chain((v) => fc.constantFrom(v, -v)),
        { minLength: 1, maxLength: 4 },
      ),
      { maxLength: 45 },
    ),
    assumptions: fc.array(
      fc.integer({ min: 1, max: n }).chain((v) => fc.constantFrom(v, -v)),
      { maxLength: 5 },
    ),
  }),
);

// Three times: chronological backtracking on every conflict (one level down, the asserting
// literal kept at its exact level; as shipped), only for backjumps over 100 levels (which the small
// formulas here never reach: plain backjumping), and never.
describe.each([
  { mode: "chronological backtracking on every conflict", chronoLevels: 0 },
  { mode: "chronological backtracking for far backjumps", chronoLevels: 100 },
  { mode: "backjumping only", chronoLevels: Number.POSITIVE_INFINITY },
])("SatSolver ($mode)", ({ chronoLevels }) => {
  const shipped = satTuning.chronoLevels;
  beforeAll(() => {
    satTuning.chronoLevels = chronoLevels;
  });
  afterAll(() => {
    satTuning.chronoLevels = shipped;
  });

  it("agrees with brute force; models satisfy; cores are unsat subsets of the assumptions", () => {
    fc.assert(
      fc.property(cnfArb, ({ n, clauses, assumptions }) => {
        const s = solverFromCnf({ numVars: n, clauses });
        const expected = bruteSat(n, clauses, assumptions);
        const r = s.solve(assumptions);
        expect(r.sat).toBe(expected);
        if (r.sat) {
          expect(satisfies(r.model, clauses)).toBe(true);
          for (const a of assumptions) expect(r.model[Math.abs(a)] === 1).toBe(a > 0);
        } else {
          for (const l of r.core) expect(assumptions).toContain(l);
          expect(bruteSat(n, clauses, r.core)).toBe(false);
        }
        // Incremental: the same solver answers again, without assumptions, and after an extra clause.
        expect(s.solve([]).sat).toBe(bruteSat(n, clauses));
        const extra = assumptions.slice(0, 2);
        if (extra.length > 0) {
          s.addClause(extra.map((l) => -l));
          const again = s.solve(assumptions);
          expect(again.sat).toBe(bruteSat(n, [...clauses, extra.map((l) => -l)], assumptions));
        }
      }),
      { numRuns: 400 },
    );
  });

  it("decides the `first` literals before anything else: same answers, and the first one holds whenever it can", () => {
    const litArb = (n: number) => fc.integer({ min: 1, max: n }).chain((v) => fc.constantFrom(v, -v));
    const arb = cnfArb.chain((c) => fc.record({ c: fc.constant(c), first: fc.array(litArb(c.n), { maxLength: 8 }) }));
    fc.assert(
      fc.property(arb, ({ c: { n, clauses, assumptions }, first }) => {
        const s = solverFromCnf({ numVars: n, clauses });
        // Twice on one solver: the second call starts from the first one's learnt clauses and phases.
        for (const order of [first, [...first].reverse()]) {
          const r = s.solve(assumptions, order);
          expect(r.sat).toBe(bruteSat(n, clauses, assumptions));
          if (!r.sat) {
            expect(bruteSat(n, clauses, r.core)).toBe(false);
            continue;
          }
          expect(satisfies(r.model, clauses)).toBe(true);
          for (const a of assumptions) expect(r.model[Math.abs(a)] === 1).toBe(a > 0);
          // The first literal is decided right after the assumptions: false only if nothing has it.
          if (order.length > 0) expect(r.model[Math.abs(order[0])] === 1 === order[0] > 0).toBe(bruteSat(n, clauses, [...assumptions, order[0]]));
        }
        // A later call without `first` is unaffected.
        expect(s.solve(assumptions).sat).toBe(bruteSat(n, clauses, assumptions));
      }),
      { numRuns: 400 },
    );
  });

  it("solves pigeonhole 6→5 as unsat and 5→5 as sat (needs real learning)", () => {
    const php = (pigeons: number, holes: number) => {
      const x = (p: number, h: number) => p * holes + h + 1;
      const clauses: number[][] = [];
      for (let p = 0; p < pigeons; p++) clauses.push(Array.from({ length: holes }, (_, h) => x(p, h)));
      for (let h = 0; h < holes; h++)
        for (let p = 0; p < pigeons; p++) for (let q = p + 1; q < pigeons; q++) clauses.push([-x(p, h), -x(q, h)]);
      return { numVars: pigeons * holes, clauses };
    };
    expect(solverFromCnf(php(6, 5)).solve().sat).toBe(false);
    const sat = php(5, 5);
    const r = solverFromCnf(sat).solve();
    expect(r.sat && satisfies(r.model, sat.clauses)).toBe(true);
  });

  it("handles a larger random 3-SAT instance near the threshold and keeps answering incrementally", () => {
    // Deterministic pseudo-random generator so the instance is the same on every run.
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const n = 150;
    const clauses: number[][] = [];
    for (let i = 0; i < 600; i++)
      clauses.push([0, 0, 0].map(() => (1 + Math.floor(rnd() * n)) * (rnd() < 0.5 ? -1 : 1)));
    const s = solverFromCnf({ numVars: n, clauses });
    for (let k = 0; k < 30; k++) {
      const assumptions = [1 + Math.floor(rnd() * n), -(1 + Math.floor(rnd() * n))];
      const r = s.solve(assumptions);
      if (r.sat) expect(satisfies(r.model, clauses)).toBe(true);
      else {
        // The core alone must be refutable: check with a fresh solver.
        expect(solverFromCnf({ numVars: n, clauses }).solve(r.core).sat).toBe(false);
      }
    }
  });

  it("stays correct while level-0 facts pile up (clause clean-up and learnt deletion)", () => {
    let seed = 777;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const n = 120;
    const clauses: number[][] = [];
    for (let i = 0; i < 480; i++)
      clauses.push([0, 0, 0].map(() => (1 + Math.floor(rnd() * n)) * (rnd() < 0.5 ? -1 : 1)));
    const s = solverFromCnf({ numVars: n, clauses });
    const units: number[][] = [];
    for (let k = 0; k < 100; k++) {
      const r = s.solve();
      const fresh = solverFromCnf({ numVars: n, clauses: [...clauses, ...units] }).solve();
      expect(r.sat).toBe(fresh.sat);
      if (!r.sat) break;
      expect(satisfies(r.model, [...clauses, ...units])).toBe(true);
      // Fix one more variable to the opposite of the model's value, as a permanent unit clause.
      const v = 1 + (k % n);
      const unit = [r.model[v] ? -v : v];
      units.push(unit);
      s.addClause(unit);
    }
  });

  it("reports an empty core when the clauses alone are unsat, and rejects bad literals", () => {
    const s = new SatSolver(2);
    s.addClause([1]);
    s.addClause([-1, 2]);
    expect(s.solve([-2])).toEqual({ sat: false, core: [-2] });
    s.addClause([-2]);
    expect(s.solve([1])).toEqual({ sat: false, core: [] });
    expect(() => s.solve([3])).toThrow(RangeError);
  });

  it("decides non-decision variables left unassigned, so models are total", () => {
    const s = new SatSolver(3);
    s.setDecisionVar(3, false);
    s.addClause([1, 2, 3]);
    s.setPhase(1, false);
    s.setPhase(2, false);
    const r = s.solve();
    expect(r.sat).toBe(true);
    if (r.sat) expect(satisfies(r.model, [[1, 2, 3]])).toBe(true);
  });
});
