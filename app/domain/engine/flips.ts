/**
 * Cheap neighbours of a known complete configuration, checked against the
 * catalog's own definitions instead of the solver.
 *
 * Valid domains need, for many values, *some* complete configuration that has
 * (or lacks) the value. A configuration the solver already found usually is
 * one change away from such a witness: switch this color, drop that option.
 * Flipping the value (plus what the flip drags along: the old value of a
 * single-choice feature, a package's contents) and re-checking only the rules
 * that mention a changed value costs microseconds; a solver call costs a
 * propagation over every variable. When the check fails, the caller falls
 * back to the solver, so this only ever saves work.
 *
 * The checks are the definitions `validate` applies (closed world over value
 * variables, cardinality, includes, and each rule's constraint from
 * catalog.meaning.ts, translated to value variables); the property tests hold
 * them against the brute-force oracle through `validDomains`.
 */
import type { Condition } from "../catalog";
import { countHolds, ruleConstraint, unhandledKind } from "../catalog.meaning";
import type { CompiledFeature, CompiledLine } from "./compile";

type Cond = number | { and: Cond[] } | { or: Cond[] } | { not: Cond };

type CheckRule =
  | { kind: "cond"; cond: Cond }
  | { kind: "count"; vars: number[]; min: number; max: number; orNone: boolean }
  | { kind: "table"; features: CompiledFeature[]; keys: TupleKeys; index: number };

/**
 * A table's tuples as keys: the values' positions in their features read as one mixed-radix
 * number (numbers hash far faster than strings, and `holds` runs for every table a change
 * touches), or as a joined string when that number could exceed 2^53.
 */
interface TupleKeys {
  /** Place value of each column; empty when the keys are strings. */
  radix: number[];
  numbers: Set<number>;
  strings: Set<string>;
}

/**
 * A table's tuples as value variables (flat, `arity` per tuple), with per column the
 * tuples holding each value, so a repair scans only the tuples that agree with one fixed column.
 */
interface TableIndex {
  rule: number;
  featureIdx: number[];
  arity: number;
  tuples: Int32Array;
  /** byValue[column].get(value variable) = indices of the tuples with that value there. */
  byValue: Map<number, Int32Array>[];
}

export class FlipChecker {
  private readonly rules: CheckRule[] = [];
  /** Per value variable: indices of the rules that mention it (or its feature, for tables). */
  private readonly rulesOf: number[][];
  private readonly includes: number[][];
  private readonly includedBy: number[][];
  private readonly featureIndex: Int32Array;
  /** Per value variable: its index among its feature's values. */
  private readonly position: Int32Array;
  private readonly tupleScratch: number[] = [];
  private readonly n: number;

  // Working state, reused across calls (no allocation per flip): the configuration being
  // changed, the variables changed since `load`, and generation stamps for de-duplication.
  private readonly x: Uint8Array;
  private readonly changed: number[] = [];
  private readonly ruleStamp: Int32Array;
  private readonly featureStamp: Int32Array;
  private stamp = 0;
  private readonly stack: number[] = [];
  private readonly tables: TableIndex[] = [];
  // Repair search state: features it may no longer change, and the work left.
  private frozen: Uint8Array;
  private readonly frozenStack: number[] = [];
  private work = 0;

  constructor(private readonly compiled: CompiledLine) {
    const n = compiled.numValueVars;
    this.n = n;
    const { valueVar } = compiled;
    this.rulesOf = Array.from({ length: n + 1 }, () => []);
    this.includes = Array.from({ length: n + 1 }, () => []);
    this.includedBy = Array.from({ length: n + 1 }, () => []);
    this.featureIndex = new Int32Array(n + 1);
    this.position = new Int32Array(n + 1);
    compiled.features.forEach((f, i) =>
      f.vars.forEach((v, k) => {
        this.featureIndex[v] = i;
        this.position[v] = k;
      }),
    );
    for (const [code, value] of compiled.values) {
      const p = valueVar.get(code)!;
      for (const inc of value.includes ?? []) {
        const i = valueVar.get(inc)!;
        this.includes[p].push(i);
        this.includedBy[i].push(p);
      }
    }
    const toCond = (c: Condition): Cond =>
      "value" in c
        ? valueVar.get(c.value)!
        : "not" in c
          ? { not: toCond(c.not) }
          : "and" in c
            ? { and: c.and.map(toCond) }
            : { or: c.or.map(toCond) };
    const featureByCode = new Map(compiled.features.map((f) => [f.code, f]));
    for (const r of compiled.line.rules ?? []) {
      const c = ruleConstraint(r);
      let rule: CheckRule;
      let mentions: number[];
      switch (c.kind) {
        case "formula":
          rule = { kind: "cond", cond: toCond(c.formula) };
          mentions = condVars(rule.cond);
          break;
        case "count":
          rule = { kind: "count", vars: c.values.map((code) => valueVar.get(code)!), min: c.min, max: c.max, orNone: c.orNone };
          mentions = rule.vars;
          break;
        case "table": {
          const features = c.features.map((fc) => featureByCode.get(fc)!);
          const keys = tupleKeys(features);
          const flat: number[] = [];
          for (const t of c.tuples) {
            const vars = t.map((code) => valueVar.get(code)!);
            const before = keys.numbers.size + keys.strings.size;
            addKey(keys, vars, this.position);
            if (keys.numbers.size + keys.strings.size > before) flat.push(...vars);
          }
          rule = { kind: "table", features, keys, index: this.tables.length };
          this.tables.push(tableIndex(this.rules.length, features, flat, this.featureIndex));
          mentions = features.flatMap((f) => f.vars);
          break;
        }
        default:
          unhandledKind(c);
      }
      const index = this.rules.length;
      this.rules.push(rule);
      for (const v of new Set(mentions)) this.rulesOf[v].push(index);
    }
    this.x = new Uint8Array(n + 1);
    this.ruleStamp = new Int32Array(this.rules.length);
    this.featureStamp = new Int32Array(compiled.features.length);
    this.frozen = new Uint8Array(compiled.features.length);
  }

  /** Does the line have tables (the only rules `repair` can mend)? */
  get canRepair(): boolean {
    return this.tables.length > 0;
  }

  /**
   * Is there a complete configuration close to the loaded one with `target` true? Sets it,
   * then mends each broken table by switching to one of its tuples that keeps what is already
   * settled (the chosen values' features, the target's, the tables mended so far), nearest
   * first, depth-first with backtracking, for at most `budget` units of work (tuples looked at).
   * Anything else broken (a rule other than a table, a chosen value lost, a cardinality)
   * fails the branch. Sound, not complete: `found` sees only configurations that `check`
   * accepts, and false means "not found", never "impossible".
   */
  repair(target: number, chosen: Uint8Array, found: (x: Uint8Array) => void, budget: number): boolean {
    const features = this.compiled.features;
    this.frozenStack.length = 0;
    this.frozen.fill(0);
    for (let fi = 0; fi < features.length; fi++) {
      for (const w of features[fi].vars) {
        if (chosen[w]) {
          this.freeze(fi);
          break;
        }
      }
    }
    this.bring(target);
    for (const u of this.changed) this.freeze(this.featureIndex[u]);
    this.work = budget;
    // A package in the target's own feature can push the target out again: that is no witness.
    const ok = this.mend(chosen, [], 0) && this.x[target] === 1;
    if (ok) found(this.x);
    for (const u of this.changed) this.x[u] ^= 1;
    this.changed.length = 0;
    return ok;
  }

  /** Like `repair`, with `v` false instead: another value of its single-choice feature in its place. */
  repairOff(v: number, chosen: Uint8Array, found: (x: Uint8Array) => void, budget: number): boolean {
    const f = this.compiled.features[this.featureIndex[v]];
    if (f.kind !== "single") return false;
    for (const w of f.vars) if (w !== v && this.repair(w, chosen, found, budget)) return true;
    return false;
  }

  private freeze(fi: number): void {
    if (this.frozen[fi]) return;
    this.frozen[fi] = 1;
    this.frozenStack.push(fi);
  }

  /**
   * Depth-first: mend the first broken table, each candidate tuple in turn; true when nothing
   * is broken. `pending` holds the rules broken before the changes from `from` on (so only
   * those and the rules of the new changes are looked at: re-checking every change at every
   * step made long repairs quadratic).
   */
  private mend(chosen: Uint8Array, pending: readonly number[], from: number): boolean {
    if (--this.work < 0) return false;
    if (!this.valuesHold(chosen, from)) return false;
    const stamp = ++this.stamp;
    const broken: number[] = [];
    const visit = (r: number) => {
      if (this.ruleStamp[r] === stamp) return true;
      this.ruleStamp[r] = stamp;
      if (this.holds(this.rules[r])) return true;
      broken.push(r);
      return this.rules[r].kind === "table";
    };
    for (const r of pending) if (!visit(r)) return false;
    for (let i = from; i < this.changed.length; i++) {
      for (const r of this.rulesOf[this.changed[i]]) if (!visit(r)) return false;
    }
    // Nothing broken: confirm with the full check (cheap once, and it keeps `found` honest).
    if (broken.length === 0) return this.check(chosen);
    const rule = this.rules[broken[0]];
    if (rule.kind !== "table") return false;
    const t = this.tables[rule.index];
    for (const c of this.nearestTuples(t, 3)) {
      const changedMark = this.changed.length;
      const frozenMark = this.frozenStack.length;
      const base = c * t.arity;
      for (let k = 0; k < t.arity; k++) {
        const w = t.tuples[base + k];
        if (this.x[w] === 0) this.bring(w);
        this.freeze(t.featureIdx[k]);
      }
      if (this.mend(chosen, broken, changedMark)) return true;
      // Undo this candidate: every change since the mark flipped a bit once.
      for (let i = this.changed.length - 1; i >= changedMark; i--) this.x[this.changed[i]] ^= 1;
      this.changed.length = changedMark;
      while (this.frozenStack.length > frozenMark) this.frozen[this.frozenStack.pop()!] = 0;
      if (this.work < 0) return false;
    }
    return false;
  }

  /** Up to `k` tuples of the table that keep every frozen column, fewest changes first (ties: table order). */
  private nearestTuples(t: TableIndex, k: number): number[] {
    const x = this.x;
    const features = this.compiled.features;
    // Scan only the tuples agreeing with the frozen column that has the fewest of them.
    let list: Int32Array | undefined;
    for (let col = 0; col < t.arity; col++) {
      if (!this.frozen[t.featureIdx[col]]) continue;
      const current = valueOf(features[t.featureIdx[col]].vars, x);
      const l = t.byValue[col].get(current) ?? EMPTY;
      if (list === undefined || l.length < list.length) list = l;
    }
    const count = list === undefined ? t.tuples.length / t.arity : list.length;
    this.work -= count >> 4; // scanning costs too, a sixteenth of a node per tuple
    const best: number[] = [];
    const bestCost: number[] = [];
    for (let i = 0; i < count; i++) {
      const ti = list === undefined ? i : list[i];
      const base = ti * t.arity;
      let cost = 0;
      for (let col = 0; col < t.arity; col++) {
        const w = t.tuples[base + col];
        if (x[w] === 1) continue;
        if (this.frozen[t.featureIdx[col]]) {
          cost = -1;
          break;
        }
        cost++;
      }
      if (cost < 0) continue;
      if (best.length === k && cost >= bestCost[k - 1]) continue;
      let at = best.length === k ? k - 1 : best.length;
      while (at > 0 && bestCost[at - 1] > cost) {
        best[at] = best[at - 1];
        bestCost[at] = bestCost[at - 1];
        at--;
      }
      best[at] = ti;
      bestCost[at] = cost;
    }
    return best;
  }

  /** Start from this complete configuration (a model; only value variables are read). */
  load(model: Uint8Array): void {
    this.x.set(model.subarray(0, this.n + 1));
    this.changed.length = 0;
  }

  /**
   * Is the loaded configuration with v set to `value` (plus what that drags along: the old
   * value of a single-choice feature, a package's contents; for a required single choice set
   * to false, the first other value that works) still complete? If so, `found` sees it.
   * The loaded configuration is restored afterwards.
   */
  flip(v: number, value: boolean, chosen: Uint8Array, found: (x: Uint8Array) => void): boolean {
    if (value) return this.attempt(() => this.bring(v), chosen, found);
    const f = this.compiled.features[this.featureIndex[v]];
    if (f.kind === "single" && f.min > 0) {
      for (const w of f.vars) {
        if (w !== v && this.attempt(() => this.bring(w), chosen, found, v)) return true;
      }
      return false;
    }
    return this.attempt(() => this.set(v, 0), chosen, found);
  }

  /**
   * Is the loaded configuration with the value-variable literals `lits` imposed (e.g. what
   * propagation derives from one more choice) still complete? If so, `found` sees it.
   */
  overlay(lits: ArrayLike<number>, chosen: Uint8Array, found: (x: Uint8Array) => void): boolean {
    return this.attempt(
      () => {
        for (let i = 0; i < lits.length; i++) {
          const l = lits[i];
          const v = l > 0 ? l : -l;
          if (v <= this.n) this.set(v, l > 0 ? 1 : 0);
        }
      },
      chosen,
      found,
    );
  }

  private attempt(change: () => void, chosen: Uint8Array, found: (x: Uint8Array) => void, mustBeOff = 0): boolean {
    change();
    const ok = (mustBeOff === 0 || this.x[mustBeOff] === 0) && this.check(chosen);
    if (ok) found(this.x);
    for (const u of this.changed) this.x[u] ^= 1; // undo: every change flipped a bit once
    this.changed.length = 0;
    return ok;
  }

  private set(u: number, b: 0 | 1): void {
    if (this.x[u] === b) return;
    this.x[u] = b;
    this.changed.push(u);
  }

  /** Set v and, transitively, what packages bring; each replaces its feature's single value. */
  private bring(v: number): void {
    const stack = this.stack;
    stack.length = 0;
    stack.push(v);
    let guard = 0;
    while (stack.length > 0 && guard++ <= this.n) {
      const u = stack.pop()!;
      this.set(u, 1);
      const f = this.compiled.features[this.featureIndex[u]];
      if (f.kind === "single") for (const w of f.vars) if (w !== u) this.set(w, 0);
      for (const inc of this.includes[u]) if (this.x[inc] === 0) stack.push(inc);
    }
  }

  /** Does x (complete before the changes) still satisfy everything after them? */
  private check(chosen: Uint8Array): boolean {
    return this.valuesHold(chosen, 0) && this.firstBrokenRule() === -1;
  }

  /** After the changes from `from` on: chosen values kept, packages complete, cardinalities respected? */
  private valuesHold(chosen: Uint8Array, from: number): boolean {
    const x = this.x;
    const stamp = ++this.stamp;
    const features = this.compiled.features;
    for (let i = from; i < this.changed.length; i++) {
      const u = this.changed[i];
      if (x[u] === 0) {
        if (chosen[u]) return false;
        for (const p of this.includedBy[u]) if (x[p] === 1) return false;
      } else {
        for (const inc of this.includes[u]) if (x[inc] === 0) return false;
      }
      const fi = this.featureIndex[u];
      if (this.featureStamp[fi] !== stamp) {
        this.featureStamp[fi] = stamp;
        const f = features[fi];
        let count = 0;
        for (const w of f.vars) count += x[w];
        if (!countHolds(f, count)) return false;
      }
    }
    return true;
  }

  /** The first rule (index in `rules`) that a changed variable breaks, or -1. */
  private firstBrokenRule(): number {
    const stamp = ++this.stamp;
    for (const u of this.changed) {
      for (const r of this.rulesOf[u]) {
        if (this.ruleStamp[r] === stamp) continue;
        this.ruleStamp[r] = stamp;
        if (!this.holds(this.rules[r])) return r;
      }
    }
    return -1;
  }

  private holds(rule: CheckRule): boolean {
    const x = this.x;
    if (rule.kind === "cond") return evalCond(rule.cond, x);
    if (rule.kind === "count") {
      let count = 0;
      for (const v of rule.vars) count += x[v];
      return countHolds(rule, count);
    }
    const { radix } = rule.keys;
    const vars = this.tupleScratch;
    vars.length = 0;
    let number = 0;
    for (let col = 0; col < rule.features.length; col++) {
      let value = 0;
      for (const w of rule.features[col].vars) {
        if (x[w] === 0) continue;
        if (value !== 0) return false;
        value = w;
      }
      if (value === 0) return false;
      if (radix.length > 0) number += this.position[value] * radix[col];
      else vars.push(value);
    }
    return radix.length > 0 ? rule.keys.numbers.has(number) : rule.keys.strings.has(vars.join(","));
  }
}

function tupleKeys(features: readonly CompiledFeature[]): TupleKeys {
  const radix: number[] = [];
  let place = 1;
  for (const f of features) {
    radix.push(place);
    place *= Math.max(1, f.vars.length);
  }
  return { radix: place <= Number.MAX_SAFE_INTEGER ? radix : [], numbers: new Set(), strings: new Set() };
}

function addKey(keys: TupleKeys, vars: readonly number[], position: Int32Array): void {
  if (keys.radix.length === 0) {
    keys.strings.add(vars.join(","));
    return;
  }
  let number = 0;
  for (let col = 0; col < vars.length; col++) number += position[vars[col]] * keys.radix[col];
  keys.numbers.add(number);
}

const EMPTY = new Int32Array(0);

/** The value variable set in a single-choice feature (0 when none). */
function valueOf(vars: readonly number[], x: Uint8Array): number {
  for (const w of vars) if (x[w] === 1) return w;
  return 0;
}

function tableIndex(rule: number, features: CompiledFeature[], flat: number[], featureIndex: Int32Array): TableIndex {
  const arity = features.length;
  const lists: Map<number, number[]>[] = features.map(() => new Map());
  for (let ti = 0; ti * arity < flat.length; ti++) {
    for (let col = 0; col < arity; col++) {
      const w = flat[ti * arity + col];
      const l = lists[col].get(w);
      if (l) l.push(ti);
      else lists[col].set(w, [ti]);
    }
  }
  return {
    rule,
    featureIdx: features.map((f) => featureIndex[f.vars[0]]),
    arity,
    tuples: Int32Array.from(flat),
    byValue: lists.map((m) => new Map([...m].map(([w, l]) => [w, Int32Array.from(l)]))),
  };
}

function condVars(c: Cond, out: number[] = []): number[] {
  if (typeof c === "number") out.push(c);
  else if ("not" in c) condVars(c.not, out);
  else if ("and" in c) c.and.forEach((y) => condVars(y, out));
  else c.or.forEach((y) => condVars(y, out));
  return out;
}

function evalCond(c: Cond, x: Uint8Array): boolean {
  if (typeof c === "number") return x[c] === 1;
  if ("not" in c) return !evalCond(c.not, x);
  if ("and" in c) return c.and.every((y) => evalCond(y, x));
  return c.or.some((y) => evalCond(y, x));
}

const checkers = new WeakMap<CompiledLine, FlipChecker>();

export function flipCheckerFor(compiled: CompiledLine): FlipChecker {
  let c = checkers.get(compiled);
  if (!c) {
    c = new FlipChecker(compiled);
    checkers.set(compiled, c);
  }
  return c;
}
