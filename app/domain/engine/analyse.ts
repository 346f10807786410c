/**
 * Catalog analysis, run when an admin imports or publishes a catalog version:
 * how many complete configurations each product line has, which values can
 * never be chosen (dead), which are in every configuration (core), and, when
 * a line has no configuration at all, a minimal set of rules that contradict
 * each other.
 *
 * Dead and core values come from the SAT solver: one solve, whose model
 * clears candidates (a value true in a model is not dead, false is not core),
 * then one call with an assumption per remaining candidate; every model found
 * on the way clears more candidates. Conflicts are QuickXplain over
 * rule-selector literals, so the set is subset-minimal: dropping any one rule
 * makes the line (or the dead value) possible again. Feature cardinalities
 * ("one engine") count as given, not as rules to blame.
 *
 * Pure: it works on parsed catalogs and CNFs, no I/O, so the server's catalog
 * import and the command-line script share it.
 */
import type { Catalog, ProductLine } from "../catalog";
import { CnfFlips, swapsPay, swapTuning } from "./cnf-flips";
import { compileLine } from "./compile";
import { CountTimeout, countConfigurations, countMethod, countModels, type CountMethod } from "./count";
import { quickXplain } from "./quickxplain";
import { SatSolver } from "./sat";
import type { Cnf } from "./types";

/**
 * What `catalog:analyse` gives counting when not told otherwise: exact counting of a
 * 21k-variable Kconfig model may not finish at all, and dead/core and the rest must not wait
 * on it (they run first). Past it the count is reported as "not counted within N s".
 */
export const DEFAULT_COUNT_TIMEOUT_MS = 60_000;

export interface AnalyseOptions {
  /** Count configurations (default true). */
  count?: boolean;
  /** Stop counting after this long and report the count as unknown (default: no limit). */
  countTimeoutMs?: number;
  /** Explain at most this many dead values with a minimal set of rules (default 10). */
  explainDead?: number;
  /** Explain at most this many core values with a minimal set of rules (default 0). */
  explainCore?: number;
}

export interface LineAnalysis {
  line: string;
  name: string;
  /** Questions: choice features (text features are not variables of the model). */
  variables: number;
  values: number;
  rules: number;
  cnf: { variables: number; clauses: number };
  /** Exact number of complete configurations; null when not counted or the count timed out. */
  configurations: bigint | null;
  countMethod: CountMethod;
  countTimedOut: boolean;
  /** Values no complete configuration contains (codes, catalog order). */
  dead: string[];
  /** Values every complete configuration contains (codes, catalog order). */
  core: string[];
  /** When the line has no complete configuration: a subset-minimal set of conflicting rules. */
  conflict: string[] | null;
  /** For the first dead values: a subset-minimal set of rules that rules each out. */
  deadReasons: { value: string; rules: string[] }[];
  /** For the first core values (explainCore): a subset-minimal set of rules that forces each in. */
  coreReasons: { value: string; rules: string[] }[];
  solverCalls: number;
  timings: { compileMs: number; countMs: number; deadCoreMs: number; explainMs: number };
}

export function analyseCatalog(catalog: Catalog, options: AnalyseOptions = {}): LineAnalysis[] {
  return catalog.productLines.map((line) => analyseLine(line, options));
}

export function analyseLine(line: ProductLine, options: AnalyseOptions = {}): LineAnalysis {
  const t = now();
  const compiled = compileLine(line);
  const compileMs = now() - t;
  const model: AnalysisModel = {
    cnf: compiled.cnf,
    numValueVars: compiled.numValueVars,
    varName: compiled.varValue,
    clauseRule: compiled.clauseRule,
    ruleIds: compiled.ruleIds,
    redundant: compiled.redundant,
    background: (rule) => rule.startsWith("feature:"),
  };
  const result = analyseModel(model, options, (deadline) => countConfigurations(compiled, [], { deadline }));
  return {
    line: line.code,
    name: line.name.en,
    variables: compiled.features.length,
    values: compiled.numValueVars,
    rules: line.rules.length,
    cnf: { variables: compiled.cnf.numVars, clauses: compiled.cnf.clauses.length },
    countMethod: countMethod(compiled),
    ...result,
    timings: { ...result.timings, compileMs },
  };
}

/**
 * Analyse a plain CNF (e.g. a DIMACS feature model as it is in the file):
 * every variable is a value named by `names[v]`, every clause a rule "clause<i>".
 */
export function analyseCnf(cnf: Cnf, names: readonly (string | undefined)[], options: AnalyseOptions = {}): LineAnalysis {
  const varName = Array.from({ length: cnf.numVars + 1 }, (_, v) => (v === 0 ? "" : (names[v] ?? `x${v}`)));
  const clauseRule = cnf.clauses.map((_, i) => `clause${i + 1}`);
  const result = analyseModel(
    { cnf, numValueVars: cnf.numVars, varName, clauseRule, ruleIds: clauseRule },
    options,
    (deadline) => countModels(cnf, [], { deadline }),
  );
  return {
    line: "cnf",
    name: "CNF",
    variables: cnf.numVars,
    values: cnf.numVars,
    rules: cnf.clauses.length,
    cnf: { variables: cnf.numVars, clauses: cnf.clauses.length },
    countMethod: "cnf",
    ...result,
    timings: { ...result.timings, compileMs: 0 },
  };
}

interface AnalysisModel {
  cnf: Cnf;
  /** Variables 1..numValueVars are the values analysed; the rest are auxiliary. */
  numValueVars: number;
  varName: readonly string[];
  clauseRule: readonly (string | null)[];
  ruleIds: readonly string[];
  /** Clauses implied by others (left out of explanations, where they would blur which rule is needed). */
  redundant?: ReadonlySet<number>;
  /** Rules that always hold in explanations (a line's feature cardinalities). */
  background?: (rule: string) => boolean;
}

type ModelResult = Omit<LineAnalysis, "line" | "name" | "variables" | "values" | "rules" | "cnf" | "countMethod" | "timings"> & {
  timings: { countMs: number; deadCoreMs: number; explainMs: number };
};

function analyseModel(m: AnalysisModel, options: AnalyseOptions, count: (deadline: number) => bigint): ModelResult {
  const n = m.numValueVars;
  let t = now();
  const solver = new SatSolver();
  solver.addVars(n, true);
  // Auxiliary variables follow from the values by propagation: never branch on them first.
  if (m.cnf.numVars > n) solver.addVars(m.cnf.numVars - n, false);
  for (const c of m.cnf.clauses) if (!solver.addClause(c)) break;

  const notDead = new Uint8Array(n + 1);
  const notCore = new Uint8Array(n + 1);
  // Per value: 2 = refuted false (core) by propagation alone.
  const refuted = new Uint8Array(n + 1);
  const record = (model: Uint8Array) => {
    for (let v = 1; v <= n; v++) {
      if (model[v]) notDead[v] = 1;
      else notCore[v] = 1;
    }
  };
  let solverCalls = 1;
  const first = solver.solve();
  const satisfiable = first.sat;
  const dead: string[] = [];
  const core: string[] = [];
  // Lines without auxiliary variables (DIMACS): one-variable flips and a greedy climb on the CNF
  // answer most values per model, and failed-literal probing refutes most core values with one
  // propagation each; the solver answers the rest in batches.
  const flips = m.cnf.numVars === n ? new CnfFlips(m.cnf) : null;
  // Swaps and dives: what a single flip can't witness on models of pairwise alternatives
  // (cnf-flips.ts, swapTuning). The low-core automotive2-like variant: 7,738 → ~25 calls.
  const deep = flips !== null && swapsPay(flips);
  const keepNone = new Uint8Array(n + 1);
  const take = (u: number, value: number) => ((value ? notDead : notCore)[u] = 1);
  const learn = (model: Uint8Array) => {
    record(model);
    if (!flips) return;
    flips.load(model);
    for (let v = 1; v <= n; v++) {
      if (model[v] ? !notCore[v] : !notDead[v]) {
        if (flips.canFlip(v)) (model[v] ? notCore : notDead)[v] = 1;
        else if (deep && !flips.swap(v, keepNone, take)) flips.dive(model[v] ? -v : v, keepNone, swapTuning.diveFlips, take);
      }
    }
    if (flips.climb((v) => !notDead[v], (v) => (notDead[v] = 1), 8)) record(flips.current);
  };
  if (first.sat) {
    learn(first.model);
    // Dead candidates: prefer "true" while searching, so each model clears as many as possible.
    // One call asks for a model with at least one candidate true (a clause that lives for that
    // call); the first "unsat" proves every remaining candidate dead at once.
    const batch = (open: () => number[], clear: (model: Uint8Array) => void) => {
      for (;;) {
        const lits = open();
        if (lits.length === 0) return;
        for (const l of lits) solver.setPhase(Math.abs(l), l > 0);
        const sel = solver.newVar(false);
        solver.addClause([-sel, ...lits]);
        solverCalls++;
        // Deciding the candidates first (as given) makes each model hold as many as fit together;
        // with the saved phases alone a decision on a witnessed ancestor often switched a whole
        // subtree of candidates off (the low-core variant: ~1.2 candidates per call).
        const r = solver.solve([sel], lits);
        solver.addClause([-sel]);
        if (!r.sat) return;
        clear(r.model);
      }
    };
    const openDead = () => {
      const out: number[] = [];
      for (let v = 1; v <= n; v++) if (!notDead[v]) out.push(v);
      return out;
    };
    const openCore = () => {
      const out: number[] = [];
      for (let v = 1; v <= n; v++) if (!notCore[v] && !(refuted[v] & 2)) out.push(-v);
      return out;
    };
    batch(openDead, learn);
    for (let v = 1; v <= n; v++) if (!notDead[v]) dead.push(m.varName[v]);
    // Failed-literal probing refutes most core candidates with one propagation each (on a tree,
    // a mandatory feature's absence propagates to a conflict). Run after the dead batch: its models
    // have cleared most candidates by then (the low-core automotive2-like variant: ~14,000 open
    // literals probed before, at ~4 s, each group child propagating all its exclusions). Dead
    // candidates are not probed: the batch's last ("unsat") call proves them all at once.
    if (flips) {
      const open: number[] = [];
      for (let v = 1; v <= n; v++) if (!notCore[v]) open.push(-v);
      solver.probe(
        [],
        open,
        (lit) => notCore[-lit] === 1,
        (lit, fixed) => {
          // Refuted by propagation alone: no model lacks the value, so it is core.
          if (fixed === null) refuted[-lit] |= 2;
        },
      );
    }
    batch(openCore, learn);
    for (let v = 1; v <= n; v++) if (!notCore[v]) core.push(m.varName[v]);
  } else {
    // No configuration: every value is dead, and "core" says nothing.
    for (let v = 1; v <= n; v++) dead.push(m.varName[v]);
  }
  const deadCoreMs = now() - t;

  t = now();
  let configurations: bigint | null = null;
  let countTimedOut = false;
  if (!satisfiable) configurations = 0n;
  else if (options.count !== false) {
    try {
      configurations = count(options.countTimeoutMs === undefined ? Infinity : Date.now() + options.countTimeoutMs);
    } catch (e) {
      if (!(e instanceof CountTimeout)) throw e;
      countTimedOut = true;
    }
  }
  const countMs = now() - t;

  t = now();
  const explainer = new RuleExplainer(m);
  const conflict = satisfiable ? null : explainer.minimalConflict([]);
  const deadReasons: { value: string; rules: string[] }[] = [];
  const coreReasons: { value: string; rules: string[] }[] = [];
  if (satisfiable) {
    const limit = options.explainDead ?? 10;
    const codeVar = new Map<string, number>();
    for (let v = 1; v <= n; v++) codeVar.set(m.varName[v], v);
    for (const value of dead.slice(0, limit))
      deadReasons.push({ value, rules: explainer.minimalConflict([codeVar.get(value)!]) ?? [] });
    // A core value is one whose absence has no configuration: the same question, negated.
    for (const value of core.slice(0, options.explainCore ?? 0))
      coreReasons.push({ value, rules: explainer.minimalConflict([-codeVar.get(value)!]) ?? [] });
  }
  const explainMs = now() - t;
  solverCalls += explainer.calls;

  return {
    configurations,
    countTimedOut,
    dead,
    core,
    conflict,
    deadReasons,
    coreReasons,
    solverCalls,
    timings: { countMs, deadCoreMs, explainMs },
  };
}

/** A solver with one selector literal per rule, so consistency can be asked of any subset of the rules. */
class RuleExplainer {
  private solver?: SatSolver;
  private readonly selector = new Map<string, number>();
  calls = 0;

  constructor(private readonly m: AnalysisModel) {}

  /**
   * Subset-minimal set of rules that, with `assumptions`, has no model; null if all rules together
   * have one. Background rules (feature cardinalities) stay on and are named only when the
   * conflict needs nothing else.
   */
  minimalConflict(assumptions: readonly number[]): string[] | null {
    const s = this.build();
    const sel = (rules: readonly string[]) => rules.map((r) => this.selector.get(r)!);
    const isBackground = this.m.background ?? (() => false);
    const background = this.m.ruleIds.filter(isBackground);
    const foreground = this.m.ruleIds.filter((r) => !isBackground(r));
    const minimise = (fixed: readonly string[], items: readonly string[]): string[] | null => {
      this.calls++;
      const all = s.solve([...assumptions, ...sel(fixed), ...sel(items)]);
      if (all.sat) return null;
      // The solver's core is already a conflict, usually small: minimise within it (catalog order kept).
      const inCore = new Set(all.core);
      const candidates = items.filter((r) => inCore.has(this.selector.get(r)!));
      // The minimisation asks only about subsets of the candidates: a solver holding just their
      // clauses (and the fixed rules' and the auxiliary definitions) answers the same questions.
      // On the whole one every call also decided each rule's selector left out (~200,000 on the
      // low-core automotive2-like variant: ~10 ms a call, 3 s for ten dead values). Building it
      // scans every clause, so only where many selectors are left out (Renault: ~200 rules, and
      // the build tripled its explanations' time).
      const sub = this.m.ruleIds.length - fixed.length - candidates.length >= explainTuning.restrictFrom ? this.restricted(fixed, candidates) : null;
      return (
        quickXplain(candidates, (rules) => {
          this.calls++;
          if (sub) return sub.solver.solve([...assumptions, ...rules.map((r) => sub.selector.get(r)!)]).sat;
          return s.solve([...assumptions, ...sel(fixed), ...sel(rules)]).sat;
        }) ?? []
      );
    };
    const conflict = minimise(background, foreground);
    if (conflict === null) return null;
    if (conflict.length > 0) return conflict;
    // The feature structure alone is contradictory: say which features.
    return minimise([], this.m.ruleIds) ?? [];
  }

  /** A solver with the clauses of `fixed` rules as they are and those of `items` behind a selector each; no other rule's. */
  private restricted(fixed: readonly string[], items: readonly string[]): { solver: SatSolver; selector: Map<string, number> } {
    const { cnf, numValueVars, clauseRule } = this.m;
    const s = new SatSolver();
    s.addVars(numValueVars, true);
    if (cnf.numVars > numValueVars) s.addVars(cnf.numVars - numValueVars, false);
    const selector = new Map<string, number>();
    for (const r of items) selector.set(r, s.newVar(false));
    const always = new Set(fixed);
    cnf.clauses.forEach((c, i) => {
      if (this.m.redundant?.has(i)) return;
      const r = clauseRule[i];
      if (r === null || always.has(r)) s.addClause(c);
      else if (selector.has(r)) s.addClause([...c, -selector.get(r)!]);
    });
    return { solver: s, selector };
  }

  private build(): SatSolver {
    if (this.solver) return this.solver;
    const { cnf, numValueVars, clauseRule, ruleIds } = this.m;
    const s = new SatSolver();
    s.addVars(numValueVars, true);
    if (cnf.numVars > numValueVars) s.addVars(cnf.numVars - numValueVars, false);
    for (const r of ruleIds) this.selector.set(r, s.newVar(false));
    cnf.clauses.forEach((c, i) => {
      if (this.m.redundant?.has(i)) return;
      const r = clauseRule[i];
      // Definitions of auxiliary variables hold on their own: always on.
      s.addClause(r === null ? c : [...c, -this.selector.get(r)!]);
    });
    return (this.solver = s);
  }
}

/** The JSON form of an analysis (counts as decimal strings); one object for the whole source. */
export function analysisJson(lines: LineAnalysis[]): Record<string, unknown> {
  const perLine = lines.map((a) => ({
    line: a.line,
    name: a.name,
    variables: a.variables,
    values: a.values,
    rules: a.rules,
    cnf: a.cnf,
    configurations: a.configurations === null ? null : a.configurations.toString(),
    countMethod: a.countMethod,
    countTimedOut: a.countTimedOut,
    dead: a.dead,
    core: a.core,
    conflict: a.conflict,
    deadReasons: a.deadReasons,
    solverCalls: a.solverCalls,
    compileMs: round(a.timings.compileMs),
    countMs: round(a.timings.countMs),
    deadCoreMs: round(a.timings.deadCoreMs),
    explainMs: round(a.timings.explainMs),
  }));
  if (perLine.length === 1) return { ...perLine[0], lines: perLine };
  // Several lines: totals at the top, values qualified by their line.
  const unknown = lines.some((a) => a.configurations === null);
  return {
    configurations: unknown ? null : lines.reduce((s, a) => s + a.configurations!, 0n).toString(),
    dead: lines.flatMap((a) => a.dead.map((c) => `${a.line}/${c}`)),
    core: lines.flatMap((a) => a.core.map((c) => `${a.line}/${c}`)),
    compileMs: round(lines.reduce((s, a) => s + a.timings.compileMs, 0)),
    lines: perLine,
  };
}

export const explainTuning = {
  /** Rules left out of a minimisation from which it gets a solver of its own (see minimalConflict). */
  restrictFrom: 5_000,
};
const round = (ms: number) => Math.round(ms * 10) / 10;
const now = () => performance.now();
