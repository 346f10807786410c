import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileLine } from "./compile";
import { plainValues, testLine } from "./lines.testing";
import { completeConfigurations, lineArb } from "./oracle.testing";
import type { Cnf } from "./types";

/** Tiny exhaustive model counter (DPLL with naive unit propagation), independent of sat.ts and count.ts. */
function bruteCount(cnf: Cnf, units: number[] = []): number {
  const val = new Int8Array(cnf.numVars + 1);
  const rec = (assigned: number[]): number => {
    const trail = [...assigned];
    for (const l of trail) val[Math.abs(l)] = l > 0 ? 1 : -1;
    let result = 0;
    let conflict = false;
    // Propagate to a fixed point.
    for (let changed = true; changed && !conflict; ) {
      changed = false;
      for (const c of cnf.clauses) {
        let unassigned = 0;
        let last = 0;
        let sat = false;
        for (const l of c) {
          const v = val[Math.abs(l)];
          if (v === 0) {
            unassigned++;
            last = l;
          } else if ((v > 0) === l > 0) {
            sat = true;
            break;
          }
        }
        if (sat) continue;
        if (unassigned === 0) {
          conflict = true;
          break;
        }
        if (unassigned === 1) {
          val[Math.abs(last)] = last > 0 ? 1 : -1;
          trail.push(last);
          changed = true;
        }
      }
    }
    if (!conflict) {
      let branch = 0;
      let free = 0;
      for (let v = 1; v <= cnf.numVars; v++) {
        if (val[v] !== 0) continue;
        free++;
        branch ||= v;
      }
      const allSat = cnf.clauses.every((c) => c.some((l) => val[Math.abs(l)] !== 0 && (val[Math.abs(l)] > 0) === l > 0));
      if (allSat) result = 2 ** free;
      else {
        // Undo and branch on the first unassigned variable.
        for (const l of trail) val[Math.abs(l)] = 0;
        return rec([...assigned, ...trail.slice(assigned.length), branch]) + rec([...assigned, ...trail.slice(assigned.length), -branch]);
      }
    }
    for (const l of trail) val[Math.abs(l)] = 0;
    return result;
  };
  return rec(units);
}

describe("compileLine", () => {
  it("has exactly one CNF model per complete configuration (oracle)", () => {
    fc.assert(
      fc.property(lineArb({ maxValues: 10 }), (line) => {
        const compiled = compileLine(line);
        const complete = completeConfigurations(line);
        expect(bruteCount(compiled.cnf)).toBe(complete.length);
        for (const cfg of complete) {
          const units = compiled.varValue.slice(1).map((code, i) => (cfg.includes(code) ? i + 1 : -(i + 1)));
          expect(bruteCount(compiled.cnf, units)).toBe(1);
        }
        expect(compiled.clauseRule).toHaveLength(compiled.cnf.clauses.length);
      }),
      { numRuns: 100 },
    );
  });

  it("numbers value variables first and maps clauses to rules", () => {
    const line = testLine({
      features: [
        { kind: "single", code: "ENG", name: { en: "Engine" }, values: plainValues("E1", "E2") },
        {
          kind: "multiple",
          code: "OPT",
          name: { en: "Options" },
          max: 2,
          values: ["P", "X", "Y"].map((c) => ({ code: c, name: { en: c }, includes: c === "P" ? ["X"] : [] })),
        },
      ],
      rules: [
        { kind: "requires", id: "y-needs-e2", if: { value: "Y" }, then: { value: "E2" } },
        { kind: "table", id: "t", features: ["ENG"], tuples: [["E1"], ["E2"]] },
      ],
    });
    const c = compileLine(line);
    expect([...c.valueVar]).toEqual([["E1", 1], ["E2", 2], ["P", 3], ["X", 4], ["Y", 5]]);
    expect(c.varValue).toEqual(["", "E1", "E2", "P", "X", "Y"]);
    expect(c.numValueVars).toBe(5);
    expect(c.ruleIds).toEqual(["feature:ENG", "feature:OPT", "includes:P", "y-needs-e2", "t"]);
    const clausesOf = (rule: string) => c.cnf.clauses.filter((_, i) => c.clauseRule[i] === rule);
    expect(clausesOf("y-needs-e2")).toEqual([[-5, 2]]);
    expect(clausesOf("includes:P")).toEqual([[-3, 4]]);
    expect(clausesOf("feature:ENG")).toEqual([[1, 2], [-1, -2]]);
    // Single + required with 2 values, options at most 2 of 3: 2 × 2 × 3 ... minus P without X.
    expect(bruteCount(c.cnf)).toBe(completeConfigurations(line).length);
  });

  it("compiles a wide table and large single features without quadratic blow-up", () => {
    const n = 200;
    const values = (p: string) => Array.from({ length: n }, (_, i) => ({ code: `${p}${i}`, name: { en: `${p}${i}` } }));
    const tuples = Array.from({ length: 20_000 }, (_, i) => [`A${i % n}`, `B${(i * 7) % n}`, `C${Math.floor(i / n)}`]);
    const line = testLine({
      features: ["A", "B", "C"].map((f) => ({ kind: "single", code: f, name: { en: f }, values: values(f) })),
      rules: [{ kind: "table", id: "big", features: ["A", "B", "C"], tuples }],
    });
    const t0 = performance.now();
    const c = compileLine(line);
    expect(performance.now() - t0).toBeLessThan(3000);
    // One variable per MDD node and per edge below the root: at most a few per tuple.
    expect(c.cnf.numVars).toBeLessThan(3 * n + 3 * tuples.length);
    expect(c.cnf.clauses.length).toBeLessThan(12 * tuples.length);
  });
});
