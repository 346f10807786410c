/**
 * BOM proof: for every slot a product line has (catalog `slots`, modules
 * naming their `slot`), prove that EVERY complete configuration's bill of
 * materials holds exactly one module of each required slot and at most one
 * of each optional slot — counting quantities, so a value bringing two front
 * seats into "seat-row-1" breaks it — or return a configuration that breaks
 * it.
 *
 * A slot's count in a configuration is linear in the value variables: the
 * base modules' quantity b plus, for each value v, the quantity c_v it brings
 * (a value variable of the compiled CNF is true exactly when the value is in
 * the configuration, packages' contents included, which is what bom() sums).
 * So each property is one SAT question on the line's CNF:
 *   - "none" (required slots, b = 0): all values with c_v > 0 false;
 *   - "several": b ≥ 2 (any configuration), or b = 1 and one value with
 *     c_v > 0, or b = 0 and a value with c_v ≥ 2 or two values with c_v > 0
 *     (encoded with a witness per value: "this one and an earlier one").
 * UNSAT proves the property for all configurations; SAT gives a model, which
 * is the counterexample. The questions are gated by a fresh activation
 * literal each, so one incremental solver answers them all.
 *
 * Pure: no I/O. Tested against brute force on small random catalogs.
 */
import type { Catalog, ProductLine } from "../catalog";
import { bom } from "./bom";
import { compileLine, type CompiledLine } from "./compile";
import { SatSolver } from "./sat";
import type { BomLine } from "./types";

export interface SlotProof {
  slot: string;
  required: boolean;
  /** The slot's modules the line can use at all (base modules and values' modules), sorted. */
  modules: string[];
  /** Null when proven; else a complete configuration that breaks it. */
  counterexample: SlotCounterexample | null;
}

export interface SlotCounterexample {
  /** "missing": the required slot gets no module; "several": it gets more than one. */
  problem: "missing" | "several";
  /** Every value of the configuration (packages' contents included), catalog order. */
  choices: string[];
  /** The slot's modules in that configuration's bill of materials, with quantities. */
  modules: BomLine[];
}

export interface BomProof {
  line: string;
  /** False when the line has no complete configuration at all (then every slot holds vacuously). */
  buildable: boolean;
  slots: SlotProof[];
  holds: boolean;
}

/** The slots that apply to a line: those without `lines`, and those naming it. */
export function slotsOfLine(catalog: Pick<Catalog, "slots">, lineCode: string) {
  return (catalog.slots ?? []).filter((s) => s.lines === undefined || s.lines.includes(lineCode));
}

export function proveBom(catalog: Pick<Catalog, "slots" | "modules">, line: ProductLine, compiled: CompiledLine = compileLine(line)): BomProof {
  const slots = slotsOfLine(catalog, line.code);
  const slotOf = new Map<string, string>();
  for (const m of catalog.modules) if (m.slot !== undefined) slotOf.set(m.code, m.slot);

  const n = compiled.numValueVars;
  const solver = new SatSolver();
  solver.addVars(n, true);
  if (compiled.cnf.numVars > n) solver.addVars(compiled.cnf.numVars - n, false);
  let buildable = true;
  for (const c of compiled.cnf.clauses) if (!solver.addClause(c)) buildable = false;
  if (buildable) buildable = solver.solve().sat;

  const counterexampleFrom = (problem: SlotCounterexample["problem"], slot: string, assumptions: number[]): SlotCounterexample | null => {
    const r = solver.solve(assumptions);
    if (!r.sat) return null;
    const choices: string[] = [];
    for (let v = 1; v <= n; v++) if (r.model[v]) choices.push(compiled.varValue[v]);
    return { problem, choices, modules: bom(line, choices).filter((m) => slotOf.get(m.module) === slot) };
  };

  const proofs = slots.map((slot): SlotProof => {
    let base = 0;
    const modules = new Set<string>();
    for (const m of line.baseModules)
      if (slotOf.get(m.module) === slot.code) {
        base += m.quantity;
        modules.add(m.module);
      }
    // Per value variable: the quantity of the slot's modules it brings.
    const weighted: { x: number; weight: number }[] = [];
    for (let x = 1; x <= n; x++) {
      let weight = 0;
      for (const m of compiled.values.get(compiled.varValue[x])!.modules)
        if (slotOf.get(m.module) === slot.code) {
          weight += m.quantity;
          modules.add(m.module);
        }
      if (weight > 0) weighted.push({ x, weight });
    }
    const proof: SlotProof = { slot: slot.code, required: slot.required, modules: [...modules].sort(), counterexample: null };
    if (!buildable) return proof;

    if (slot.required && base === 0) {
      proof.counterexample = counterexampleFrom("missing", slot.code, weighted.map((w) => -w.x));
      if (proof.counterexample) return proof;
    }
    if (base >= 2) {
      proof.counterexample = counterexampleFrom("several", slot.code, []);
      return proof;
    }
    if (weighted.length === 0) return proof;
    const act = solver.newVar(false);
    if (base === 1) solver.addClause([-act, ...weighted.map((w) => w.x)]);
    else {
      // act → (a value bringing ≥ 2) ∨ (some value together with an earlier one).
      const witnesses: number[] = [];
      weighted.forEach((w, i) => {
        if (w.weight >= 2) {
          witnesses.push(w.x);
          return;
        }
        if (i === 0) return;
        const pair = solver.newVar(false);
        solver.addClause([-pair, w.x]);
        solver.addClause([-pair, ...weighted.slice(0, i).map((e) => e.x)]);
        witnesses.push(pair);
      });
      solver.addClause([-act, ...witnesses]);
    }
    proof.counterexample = counterexampleFrom("several", slot.code, [act]);
    return proof;
  });
  return { line: line.code, buildable, slots: proofs, holds: proofs.every((p) => p.counterexample === null) };
}
