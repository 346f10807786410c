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
 * variables, cardinality, includes, rules); the property tests hold them
 * against the brute-force oracle through `validDomains`.
 */
import type { Condition } from "../catalog";
import type { CompiledFeature, CompiledLine } from "./compile";

type Cond = number | { and: Cond[] } | { or: Cond[] } | { not: Cond };

type CheckRule =
  | { kind: "cond"; cond: Cond }
  | { kind: "excludes"; vars: number[] }
  | { kind: "table"; features: CompiledFeature[]; keys: Set<string> };

export class FlipChecker {
  private readonly rules: CheckRule[] = [];
  /** Per value variable: indices of the rules that mention it (or its feature, for tables). */
  private readonly rulesOf: number[][];
  private readonly includes: number[][];
  private readonly includedBy: number[][];
  private readonly featureIndex: Int32Array;
  private readonly n: number;

  // Working state, reused across calls (no allocation per flip): the configuration being
  // changed, the variables changed since `load`, and generation stamps for de-duplication.
  private readonly x: Uint8Array;
  private readonly changed: number[] = [];
  private readonly ruleStamp: Int32Array;
  private readonly featureStamp: Int32Array;
  private stamp = 0;
  private readonly stack: number[] = [];

  constructor(private readonly compiled: CompiledLine) {
    const n = compiled.numValueVars;
    this.n = n;
    const { valueVar } = compiled;
    this.rulesOf = Array.from({ length: n + 1 }, () => []);
    this.includes = Array.from({ length: n + 1 }, () => []);
    this.includedBy = Array.from({ length: n + 1 }, () => []);
    this.featureIndex = new Int32Array(n + 1);
    compiled.features.forEach((f, i) => f.vars.forEach((v) => (this.featureIndex[v] = i)));
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
      let rule: CheckRule;
      let mentions: number[];
      if (r.kind === "requires") {
        rule = { kind: "cond", cond: { or: [{ not: toCond(r.if) }, toCond(r.then)] } };
        mentions = condVars(rule.cond);
      } else if (r.kind === "constraint") {
        rule = { kind: "cond", cond: toCond(r.condition) };
        mentions = condVars(rule.cond);
      } else if (r.kind === "excludes") {
        rule = { kind: "excludes", vars: [...new Set(r.values.map((c) => valueVar.get(c)!))] };
        mentions = rule.vars;
      } else {
        const features = r.features.map((fc) => featureByCode.get(fc)!);
        rule = { kind: "table", features, keys: new Set(r.tuples.map((t) => t.map((c) => valueVar.get(c)!).join(","))) };
        mentions = features.flatMap((f) => f.vars);
      }
      const index = this.rules.length;
      this.rules.push(rule);
      for (const v of new Set(mentions)) this.rulesOf[v].push(index);
    }
    this.x = new Uint8Array(n + 1);
    this.ruleStamp = new Int32Array(this.rules.length);
    this.featureStamp = new Int32Array(compiled.features.length);
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
    const x = this.x;
    const stamp = ++this.stamp;
    const features = this.compiled.features;
    for (const u of this.changed) {
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
        if (count < f.min || count > f.max) return false;
      }
    }
    for (const u of this.changed) {
      for (const r of this.rulesOf[u]) {
        if (this.ruleStamp[r] === stamp) continue;
        this.ruleStamp[r] = stamp;
        if (!this.holds(this.rules[r])) return false;
      }
    }
    return true;
  }

  private holds(rule: CheckRule): boolean {
    const x = this.x;
    if (rule.kind === "cond") return evalCond(rule.cond, x);
    if (rule.kind === "excludes") {
      let count = 0;
      for (const v of rule.vars) count += x[v];
      return count <= 1;
    }
    let key = "";
    for (const f of rule.features) {
      let value = 0;
      for (const w of f.vars) {
        if (x[w] === 0) continue;
        if (value !== 0) return false;
        value = w;
      }
      if (value === 0) return false;
      key = key === "" ? String(value) : `${key},${value}`;
    }
    return rule.keys.has(key);
  }
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
