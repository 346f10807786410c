/**
 * The incremental solvers behind a compiled line, created on first use and
 * kept for the life of the CompiledLine (a WeakMap, so the compiled line stays
 * plain data and is collected with its solvers).
 *
 * - The main solver holds exactly the compiled CNF; choices are assumptions,
 *   so learnt clauses carry over from one click to the next.
 * - The explanation solver (built lazily) adds one selector literal per rule to
 *   that rule's clauses, so an unsat check can say which rules it needed.
 *   Auxiliary definitions stay unconditional: they are satisfiable on their own.
 */
import type { CompiledLine } from "./compile";
import { SatSolver, type SolveResult } from "./sat";

/** Temporary selector variables allowed before the main solver is rebuilt from the CNF. */
const MAX_TEMP_VARS = 20_000;

export class EngineSession {
  private solver: SatSolver;
  private explainer?: { solver: SatSolver; selector: Map<string, number> };

  constructor(readonly compiled: CompiledLine) {
    this.solver = this.buildMain();
  }

  private buildMain(): SatSolver {
    const { cnf, numValueVars } = this.compiled;
    const s = new SatSolver();
    s.addVars(numValueVars, true);
    // Auxiliary variables are fixed by propagation once the value variables are set.
    if (cnf.numVars > numValueVars) s.addVars(cnf.numVars - numValueVars, false);
    s.reserve(cnf.clauses.reduce((sum, c) => sum + c.length + 3, 0));
    for (const c of cnf.clauses) if (!s.addClause(c)) break;
    return s;
  }

  /** Solve the line under assumption literals (over the compiled CNF's variables). */
  solve(assumptions: readonly number[]): SolveResult {
    return this.solver.solve(assumptions);
  }

  /** Unit propagation of the assumptions: per variable 1 / -1 / 0, or null on conflict. */
  propagate(assumptions: readonly number[]): Int8Array | null {
    return this.solver.propagateAssumptions(assumptions);
  }

  /** Failed-literal probing on top of a prefix of assumptions (see SatSolver.probe). */
  probe(
    prefix: readonly number[],
    candidates: readonly number[],
    skip: (lit: number) => boolean,
    visit: (lit: number, fixed: Int32Array | null) => void,
    budget?: number,
  ): boolean {
    return this.solver.probe(prefix, candidates, skip, visit, budget);
  }

  /**
   * Solve with one extra clause that holds only for this call (guarded by a fresh
   * selector that is switched off afterwards). `phases` are literals to prefer when branching;
   * `first` are literals to decide before any other (see SatSolver.solve). `distinct`: no two
   * literals of `clause` share a variable (see SatSolver.addClause).
   */
  solveWithClause(clause: readonly number[], assumptions: readonly number[], phases: readonly number[] = [], first: readonly number[] = [], distinct = false): SolveResult {
    if (this.solver.numVars - this.compiled.cnf.numVars > MAX_TEMP_VARS) this.solver = this.buildMain();
    const s = this.solver;
    const sel = s.newVar(false);
    // The engine's clauses are lists of distinct values (or their negations): no dedupe needed.
    s.addClause([-sel, ...clause], distinct);
    for (const l of phases) s.setPhase(Math.abs(l), l > 0);
    const r = s.solve([...assumptions, sel], first);
    s.addClause([-sel]);
    if (!r.sat) return { sat: false, core: r.core.filter((l) => l !== sel) };
    return r;
  }

  /** Set the branching phase of variables (e.g. false for "choose as little as possible"). */
  setPhases(vars: readonly number[], value: boolean): void {
    for (const v of vars) this.solver.setPhase(v, value);
  }

  /** Is the line satisfiable under these literals with only the given rules enforced? */
  consistentWithRules(assumptions: readonly number[], rules: readonly string[]): boolean {
    const ex = this.explainer ?? (this.explainer = this.buildExplainer());
    const lits = [...assumptions];
    for (const r of rules) {
      const sel = ex.selector.get(r);
      if (sel !== undefined) lits.push(sel);
    }
    return ex.solver.solve(lits).sat;
  }

  private buildExplainer() {
    const { cnf, numValueVars, ruleIds, clauseRule, redundant } = this.compiled;
    const s = new SatSolver();
    s.addVars(numValueVars, true);
    if (cnf.numVars > numValueVars) s.addVars(cnf.numVars - numValueVars, false);
    const selector = new Map<string, number>();
    for (const r of ruleIds) selector.set(r, s.newVar(false));
    cnf.clauses.forEach((c, i) => {
      if (redundant.has(i)) return;
      const r = clauseRule[i];
      s.addClause(r === null ? c : [...c, -selector.get(r)!]);
    });
    return { solver: s, selector };
  }
}

const sessions = new WeakMap<CompiledLine, EngineSession>();

export function sessionFor(compiled: CompiledLine): EngineSession {
  let s = sessions.get(compiled);
  if (!s) {
    s = new EngineSession(compiled);
    sessions.set(compiled, s);
  }
  return s;
}

/** Value codes → CNF variables (duplicates dropped, order kept); unknown codes throw. */
export function choiceVars(compiled: CompiledLine, choices: readonly string[]): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (const c of choices) {
    const v = compiled.valueVar.get(c);
    if (v === undefined) throw new RangeError(`unknown value code "${c}" in line ${compiled.line.code}`);
    if (!seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  }
  return out;
}
