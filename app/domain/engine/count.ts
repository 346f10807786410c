/**
 * Exact model counting (#SAT) for the engine's CNF, sharpSAT style:
 * DPLL with unit propagation (two watched literals), decomposition of the
 * residual formula into independent connected components whose counts
 * multiply, and a cache of component counts (the same residual sub-formula
 * shows up again and again under different assignments of unrelated
 * variables). Counts are BigInt: real catalogs have far more than 2^53
 * configurations (automotive01 has about 10^210).
 *
 * Before counting, the formula is simplified without changing its count:
 * units and assumptions are propagated, failed literals are fixed, and
 * equivalent literals (cycles of binary clauses, e.g. a mandatory sub-feature
 * and its parent) are merged into one variable. That removes a fifth of
 * automotive01's variables and halves the time.
 *
 * No clause learning: catalog formulas are easy to decide, and counting
 * spends its time in the components, not in conflicts.
 *
 * `countConfigurations` counts a compiled product line; when the line is
 * built from tables (CLib imports such as Renault) it counts over the
 * features by variable elimination instead (see count-fd.ts).
 */
import type { ProductLine } from "../catalog";
import { CountTimeout, countFd, productLineToFd } from "./count-fd";

export { CountTimeout };
import type { Cnf } from "./types";

export interface CountOptions {
  /** Upper bound on cached components before the cache is flushed (memory guard). */
  maxCacheEntries?: number;
  /** Skip the simplification step (tests use it to check both paths). */
  simplify?: boolean;
  /** Give up (throw CountTimeout) once Date.now() passes this time. */
  deadline?: number;
}


/** The number of assignments of variables 1..numVars that satisfy every clause and every assumption literal. */
export function countModels(cnf: Cnf, assumptions: readonly number[] = [], options: CountOptions = {}): bigint {
  for (const l of assumptions)
    if (!Number.isInteger(l) || l === 0 || Math.abs(l) > cnf.numVars)
      throw new RangeError(`assumption ${l} outside 1..${cnf.numVars}`);
  let formula: Cnf | undefined = { numVars: cnf.numVars, clauses: [...cnf.clauses, ...assumptions.map((l) => [l])] };
  if (options.simplify !== false) formula = simplify(formula);
  if (!formula) return 0n;
  return new Counter(formula, options).count();
}

/** What `countConfigurations` needs of a compiled line (the engine's CompiledLine has all of it). */
export interface Countable {
  cnf: Cnf;
  valueVar: Map<string, number>;
  /** When present and made of tables, counting runs over the features (much faster for CLib models). */
  line?: ProductLine;
}

export type CountMethod = "cnf" | "tables";

/** Which method `countConfigurations` uses for a line: variable elimination when the line has table rules and fits. */
export function countMethod(compiled: Countable): CountMethod {
  return fdOf(compiled) ? "tables" : "cnf";
}

/** Number of complete configurations that contain every value in `choices`. */
export function countConfigurations(compiled: Countable, choices: readonly string[] = [], options: CountOptions = {}): bigint {
  for (const c of choices) if (!compiled.valueVar.has(c)) throw new Error(`unknown value code "${c}"`);
  const fd = fdOf(compiled);
  if (fd) {
    const fixed: (number | undefined)[] = [];
    for (const c of choices) {
      const { variable, value } = fd.valueOf.get(c)!;
      if (fixed[variable] !== undefined && fixed[variable] !== value) return 0n; // two values of one single-choice feature
      fixed[variable] = value;
    }
    return countFd(fd.problem, fixed, options.deadline);
  }
  return countModels(compiled.cnf, choices.map((c) => compiled.valueVar.get(c)!), options);
}

const fdCache = new WeakMap<Countable, ReturnType<typeof productLineToFd> | null>();

function fdOf(compiled: Countable) {
  let fd = fdCache.get(compiled);
  if (fd === undefined) {
    const line = compiled.line;
    fd = line && line.rules.some((r) => r.kind === "table") ? (productLineToFd(line) ?? null) : null;
    fdCache.set(compiled, fd);
  }
  return fd ?? undefined;
}

// ------------------------------------------------------------------ propagation

const TRUE = 1;
const FALSE = -1;

/** Literal l (±v) as an index into per-literal arrays. */
const litIndex = (l: number) => (l > 0 ? 2 * l : -2 * l + 1);

/** Clauses with two watched literals, an assignment and a trail; shared by simplification and counting. */
class Propagator {
  protected readonly n: number;
  protected readonly clauses: Int32Array[] = [];
  protected readonly units: number[] = [];
  protected hasEmptyClause = false;
  private readonly watches: number[][];

  protected readonly value: Int8Array;
  protected readonly trail: Int32Array;
  protected trailLen = 0;
  private qhead = 0;
  /** Literals propagated so far (a work budget for probing). */
  protected propagations = 0;

  constructor(cnf: Cnf) {
    const n = cnf.numVars;
    this.n = n;
    for (const raw of cnf.clauses) {
      // Normalise: drop duplicate literals and tautologies, which the watch scheme can't handle.
      const seen = new Set<number>();
      let tautology = false;
      for (const l of raw) {
        if (!Number.isInteger(l) || l === 0 || Math.abs(l) > n) throw new RangeError(`literal ${l} outside 1..${n}`);
        if (seen.has(-l)) tautology = true;
        seen.add(l);
      }
      if (tautology) continue;
      const lits = Int32Array.from(seen);
      if (lits.length === 0) this.hasEmptyClause = true;
      else if (lits.length === 1) this.units.push(lits[0]);
      else this.clauses.push(lits);
    }
    this.watches = Array.from({ length: 2 * n + 2 }, () => []);
    this.clauses.forEach((c, id) => {
      this.watches[litIndex(c[0])].push(id);
      this.watches[litIndex(c[1])].push(id);
    });
    this.value = new Int8Array(n + 1);
    this.trail = new Int32Array(n + 1);
  }

  /** Assign the unit clauses and propagate; false if that already conflicts. */
  protected start(): boolean {
    if (this.hasEmptyClause) return false;
    for (const l of this.units) if (!this.assign(l)) return false;
    return this.propagate();
  }

  protected litValue(l: number): number {
    const v = this.value[l > 0 ? l : -l];
    return l > 0 ? v : -v;
  }

  /** Make l true; false if it already is false. */
  protected assign(l: number): boolean {
    const cur = this.litValue(l);
    if (cur === TRUE) return true;
    if (cur === FALSE) return false;
    this.value[l > 0 ? l : -l] = l > 0 ? TRUE : FALSE;
    this.trail[this.trailLen++] = l;
    return true;
  }

  protected undoTo(len: number) {
    while (this.trailLen > len) {
      const l = this.trail[--this.trailLen];
      this.value[l > 0 ? l : -l] = 0;
    }
    this.qhead = len;
  }

  /** Unit propagation with two watched literals; false on conflict. */
  protected propagate(): boolean {
    const { value, clauses, watches } = this;
    while (this.qhead < this.trailLen) {
      const p = this.trail[this.qhead++];
      this.propagations++;
      const falseLit = -p;
      const ws = watches[litIndex(falseLit)];
      let i = 0;
      let j = 0;
      let ok = true;
      while (i < ws.length) {
        const cid = ws[i++];
        const c = clauses[cid];
        if (c[0] === falseLit) {
          c[0] = c[1];
          c[1] = falseLit;
        }
        const first = c[0];
        const fv = value[first > 0 ? first : -first];
        if ((first > 0 ? fv : -fv) === TRUE) {
          ws[j++] = cid;
          continue;
        }
        let moved = false;
        for (let k = 2; k < c.length; k++) {
          const l = c[k];
          const lv = value[l > 0 ? l : -l];
          if ((l > 0 ? lv : -lv) !== FALSE) {
            c[1] = l;
            c[k] = falseLit;
            watches[litIndex(l)].push(cid);
            moved = true;
            break;
          }
        }
        if (moved) continue;
        ws[j++] = cid;
        if ((first > 0 ? fv : -fv) === FALSE) {
          ok = false;
          while (i < ws.length) ws[j++] = ws[i++];
          break;
        }
        this.assign(first);
      }
      ws.length = j;
      if (!ok) return false;
    }
    return true;
  }
}

// ------------------------------------------------------------------ simplification

/** Literals propagated while probing, at most (keeps simplification linear-ish on big formulas). */
const PROBE_BUDGET = 2_000_000;

/**
 * An equivalent formula for counting: same number of models, fewer variables.
 * Undefined when the formula is unsatisfiable. Removed variables are exactly
 * those fixed or determined by another variable, so no model is lost or added.
 */
export function simplify(cnf: Cnf): Cnf | undefined {
  let current = cnf;
  // Merging equivalent literals can create new units, so repeat while it shrinks the formula.
  for (let round = 0; round < 8; round++) {
    const fixed = new Simplifier(current).fixLiterals();
    if (!fixed) return undefined;
    const merged = mergeEquivalent(fixed);
    if (!merged) return undefined;
    const shrunk = merged.numVars < current.numVars;
    current = merged;
    if (!shrunk) break;
  }
  return current;
}

class Simplifier extends Propagator {
  /** Propagate units, fix failed literals, and return the residual formula over the unassigned variables (renumbered). */
  fixLiterals(): Cnf | undefined {
    if (!this.start()) return undefined;
    let changed = true;
    while (changed && this.propagations < PROBE_BUDGET) {
      changed = false;
      for (let v = 1; v <= this.n && this.propagations < PROBE_BUDGET; v++) {
        if (this.value[v] !== 0) continue;
        for (const lit of [v, -v]) {
          const mark = this.trailLen;
          this.assign(lit);
          const ok = this.propagate();
          this.undoTo(mark);
          if (ok) continue;
          // lit fails: its negation holds in every model.
          this.assign(-lit);
          if (!this.propagate()) return undefined;
          changed = true;
          break;
        }
      }
    }
    const id = new Int32Array(this.n + 1);
    let m = 0;
    for (let v = 1; v <= this.n; v++) if (this.value[v] === 0) id[v] = ++m;
    const clauses: number[][] = [];
    for (const c of this.clauses) {
      const out: number[] = [];
      let satisfied = false;
      for (const l of c) {
        const val = this.litValue(l);
        if (val === TRUE) {
          satisfied = true;
          break;
        }
        if (val === 0) out.push(l > 0 ? id[l] : -id[-l]);
      }
      if (!satisfied) clauses.push(out);
    }
    return { numVars: m, clauses };
  }
}

/**
 * Merge literals that imply each other through binary clauses (strongly
 * connected components of the implication graph) into one variable each.
 * Undefined if some literal is equivalent to its own negation.
 */
function mergeEquivalent(cnf: Cnf): Cnf | undefined {
  const n = cnf.numVars;
  const node = (l: number) => (l > 0 ? 2 * l : -2 * l + 1);
  const adj: number[][] = Array.from({ length: 2 * n + 2 }, () => []);
  for (const c of cnf.clauses)
    if (c.length === 2) {
      adj[node(-c[0])].push(node(c[1]));
      adj[node(-c[1])].push(node(c[0]));
    }
  const comp = stronglyConnected(adj, 2);
  const firstOf = new Map<number, number>();
  const repr = new Int32Array(n + 1); // representative literal of each variable
  for (let v = 1; v <= n; v++) {
    const pos = comp[2 * v];
    const negc = comp[2 * v + 1];
    if (pos === negc) return undefined;
    const a = firstOf.get(pos);
    const b = firstOf.get(negc);
    if (a !== undefined) repr[v] = a;
    else if (b !== undefined) repr[v] = -b;
    else {
      firstOf.set(pos, v);
      repr[v] = v;
    }
  }
  if (firstOf.size === n) return cnf;
  const id = new Int32Array(n + 1);
  let m = 0;
  for (let v = 1; v <= n; v++) if (repr[v] === v) id[v] = ++m;
  const map = (l: number) => {
    const r = l > 0 ? repr[l] : -repr[-l];
    return r > 0 ? id[r] : -id[-r];
  };
  const clauses: number[][] = [];
  for (const c of cnf.clauses) {
    const lits = new Set(c.map(map));
    let tautology = false;
    for (const l of lits) if (lits.has(-l)) tautology = true;
    if (!tautology) clauses.push([...lits]);
  }
  return { numVars: m, clauses };
}

/** Tarjan's algorithm without recursion (implication graphs can be deep); component id per node. */
function stronglyConnected(adj: number[][], firstNode: number): Int32Array {
  const size = adj.length;
  const index = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const comp = new Int32Array(size).fill(-1);
  const onStack = new Uint8Array(size);
  const stack: number[] = [];
  let counter = 0;
  let components = 0;
  const work: number[] = []; // pairs: node, next edge
  for (let s = firstNode; s < size; s++) {
    if (index[s] >= 0) continue;
    index[s] = low[s] = counter++;
    stack.push(s);
    onStack[s] = 1;
    work.push(s, 0);
    while (work.length > 0) {
      const v = work[work.length - 2];
      const i = work[work.length - 1];
      if (i < adj[v].length) {
        work[work.length - 1] = i + 1;
        const w = adj[v][i];
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push(w, 0);
        } else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      work.length -= 2;
      if (work.length > 0) {
        const parent = work[work.length - 2];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp[w] = components;
        } while (w !== v);
        components++;
      }
    }
  }
  return comp;
}

// ------------------------------------------------------------------ counting

class Counter extends Propagator {
  /** Clauses (ids) each variable occurs in. */
  private readonly occ: Int32Array[];

  // Generation stamps for component search, so marks need no clearing.
  private readonly varStamp: Int32Array;
  private readonly clauseStamp: Int32Array;
  private stamp = 0;
  private readonly score: Int32Array;

  private readonly cache = new Map<string, bigint>();
  private readonly maxCache: number;
  private readonly deadline: number;
  private nodes = 0;

  constructor(cnf: Cnf, options: CountOptions) {
    super(cnf);
    this.maxCache = options.maxCacheEntries ?? 200_000;
    this.deadline = options.deadline ?? Infinity;
    const occLists: number[][] = Array.from({ length: this.n + 1 }, () => []);
    this.clauses.forEach((c, id) => c.forEach((l) => occLists[Math.abs(l)].push(id)));
    this.occ = occLists.map((o) => Int32Array.from(o));
    this.varStamp = new Int32Array(this.n + 1);
    this.clauseStamp = new Int32Array(this.clauses.length);
    this.score = new Int32Array(this.n + 1);
  }

  count(): bigint {
    if (!this.start()) return 0n;
    const all = new Int32Array(this.n);
    for (let v = 1; v <= this.n; v++) all[v - 1] = v;
    return this.countResidual(all);
  }

  /**
   * Count the residual formula over the still unassigned variables among `vars`:
   * split it into components, multiply their counts, and a factor 2 for each
   * variable left in no open clause.
   */
  private countResidual(vars: Int32Array): bigint {
    const { value, occ, clauses, varStamp, clauseStamp, score } = this;
    const gen = ++this.stamp;
    let freeVars = 0;
    const components: { vars: Int32Array; key: string; best: number }[] = [];
    const queue: number[] = [];
    for (let s = 0; s < vars.length; s++) {
      const start = vars[s];
      if (value[start] !== 0 || varStamp[start] === gen) continue;
      varStamp[start] = gen;
      queue.length = 0;
      queue.push(start);
      score[start] = 0;
      // Open clauses with an assigned (false) literal: they must be in the cache key,
      // every other open clause of the component is implied by its variable set.
      const shortened: number[] = [];
      let openClauses = 0;
      for (let q = 0; q < queue.length; q++) {
        const v = queue[q];
        const vo = occ[v];
        for (let k = 0; k < vo.length; k++) {
          const cid = vo[k];
          if (clauseStamp[cid] === gen) continue;
          clauseStamp[cid] = gen;
          const c = clauses[cid];
          let satisfied = false;
          let assigned = false;
          for (let m = 0; m < c.length; m++) {
            const l = c[m];
            const lv = value[l > 0 ? l : -l];
            if (lv === 0) continue;
            if ((l > 0 ? lv : -lv) === TRUE) {
              satisfied = true;
              break;
            }
            assigned = true;
          }
          if (satisfied) continue;
          openClauses++;
          if (assigned) shortened.push(cid);
          for (let m = 0; m < c.length; m++) {
            const l = c[m];
            const w = l > 0 ? l : -l;
            if (value[w] !== 0) continue;
            if (varStamp[w] !== gen) {
              varStamp[w] = gen;
              score[w] = 0;
              queue.push(w);
            }
            score[w]++;
          }
        }
      }
      if (openClauses === 0) {
        freeVars++;
        continue;
      }
      const compVars = Int32Array.from(queue).sort();
      let best = compVars[0];
      for (let q = 1; q < compVars.length; q++) if (score[compVars[q]] > score[best]) best = compVars[q];
      const ids = Int32Array.from(shortened).sort();
      components.push({ vars: compVars, key: encodeKey(compVars, ids), best });
    }
    let result = 1n << BigInt(freeVars);
    for (const comp of components) {
      const sub = this.countComponent(comp.vars, comp.key, comp.best);
      if (sub === 0n) return 0n;
      result *= sub;
    }
    return result;
  }

  private countComponent(vars: Int32Array, key: string, decision: number): bigint {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    // The clock every node: on a 21k-variable model one node (component search over the residual
    // formula) can take tens of ms, so checking every 1024th overran a 60 s budget by 40 s.
    this.nodes++;
    if (this.deadline !== Infinity && Date.now() > this.deadline) throw new CountTimeout();
    let total = 0n;
    const mark = this.trailLen;
    for (const lit of [decision, -decision]) {
      this.assign(lit);
      if (this.propagate()) total += this.countResidual(vars);
      this.undoTo(mark);
    }
    if (this.cache.size >= this.maxCache) this.cache.clear();
    this.cache.set(key, total);
    return total;
  }
}

/** Compact, collision-free cache key: the variable count, then each number as two UTF-16 code units. */
function encodeKey(vars: Int32Array, clauseIds: Int32Array): string {
  const codes: number[] = [vars.length & 0xffff, vars.length >>> 16];
  for (let i = 0; i < vars.length; i++) codes.push(vars[i] & 0xffff, vars[i] >>> 16);
  for (let i = 0; i < clauseIds.length; i++) codes.push(clauseIds[i] & 0xffff, clauseIds[i] >>> 16);
  let s = "";
  for (let i = 0; i < codes.length; i += 8192) s += String.fromCharCode(...codes.slice(i, i + 8192));
  return s;
}
