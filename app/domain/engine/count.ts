/**
 * Exact model counting (#SAT) for the engine's CNF, sharpSAT style:
 * DPLL with unit propagation (two watched literals), decomposition of the
 * residual formula into independent connected components whose counts
 * multiply, and a cache of component counts (the same residual sub-formula
 * shows up again and again under different assignments of unrelated
 * variables). Counts are BigInt: real catalogs have far more than 2^53
 * configurations (automotive01 has about 2^211).
 *
 * No clause learning: catalog formulas are easy to decide, and counting
 * spends its time in the components, not in conflicts.
 */
import type { Cnf } from "./types";

export interface CountOptions {
  /** Upper bound on cached components before the cache is flushed (memory guard). */
  maxCacheEntries?: number;
}

/** The number of assignments of variables 1..numVars that satisfy every clause and every assumption literal. */
export function countModels(cnf: Cnf, assumptions: readonly number[] = [], options: CountOptions = {}): bigint {
  return new Counter(cnf, options).count(assumptions);
}

const TRUE = 1;
const FALSE = -1;

/** Literal l (±v) as an index into per-literal arrays. */
const litIndex = (l: number) => (l > 0 ? 2 * l : -2 * l + 1);

class Counter {
  private readonly n: number;
  private readonly clauses: Int32Array[] = [];
  /** Clauses (ids) each variable occurs in. */
  private readonly occ: Int32Array[];
  /** Clause ids watching each literal (index litIndex). */
  private readonly watches: number[][];
  private readonly units: number[] = [];
  private hasEmptyClause = false;

  private readonly value: Int8Array;
  private readonly trail: Int32Array;
  private trailLen = 0;
  private qhead = 0;

  // Generation stamps for component search, so marks need no clearing.
  private readonly varStamp: Int32Array;
  private readonly clauseStamp: Int32Array;
  private stamp = 0;
  private readonly score: Int32Array;

  private readonly cache = new Map<string, bigint>();
  private readonly maxCache: number;

  constructor(cnf: Cnf, options: CountOptions) {
    const n = cnf.numVars;
    this.n = n;
    this.maxCache = options.maxCacheEntries ?? 200_000;
    const occLists: number[][] = Array.from({ length: n + 1 }, () => []);
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
      else {
        const id = this.clauses.length;
        this.clauses.push(lits);
        for (const l of lits) occLists[Math.abs(l)].push(id);
      }
    }
    this.occ = occLists.map((o) => Int32Array.from(o));
    this.watches = Array.from({ length: 2 * n + 2 }, () => []);
    this.clauses.forEach((c, id) => {
      this.watches[litIndex(c[0])].push(id);
      this.watches[litIndex(c[1])].push(id);
    });
    this.value = new Int8Array(n + 1);
    this.trail = new Int32Array(n + 1);
    this.varStamp = new Int32Array(n + 1);
    this.clauseStamp = new Int32Array(this.clauses.length);
    this.score = new Int32Array(n + 1);
  }

  count(assumptions: readonly number[]): bigint {
    if (this.hasEmptyClause) return 0n;
    for (const l of [...this.units, ...assumptions]) {
      if (!Number.isInteger(l) || l === 0 || Math.abs(l) > this.n) throw new RangeError(`assumption ${l} outside 1..${this.n}`);
      if (!this.assign(l)) return 0n;
    }
    if (!this.propagate()) return 0n;
    const all = new Int32Array(this.n);
    for (let v = 1; v <= this.n; v++) all[v - 1] = v;
    return this.countResidual(all);
  }

  private litValue(l: number): number {
    const v = this.value[l > 0 ? l : -l];
    return l > 0 ? v : -v;
  }

  /** Make l true; false if it already is false. */
  private assign(l: number): boolean {
    const cur = this.litValue(l);
    if (cur === TRUE) return true;
    if (cur === FALSE) return false;
    this.value[l > 0 ? l : -l] = l > 0 ? TRUE : FALSE;
    this.trail[this.trailLen++] = l;
    return true;
  }

  private undoTo(len: number) {
    while (this.trailLen > len) {
      const l = this.trail[--this.trailLen];
      this.value[l > 0 ? l : -l] = 0;
    }
    this.qhead = len;
  }

  /** Unit propagation with two watched literals; false on conflict. */
  private propagate(): boolean {
    const { value, clauses, watches } = this;
    while (this.qhead < this.trailLen) {
      const p = this.trail[this.qhead++];
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
