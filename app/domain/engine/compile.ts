/**
 * Compile a product line into CNF, once per catalog version and line.
 *
 * Variables 1..numValueVars are the value codes ("value chosen"), in catalog
 * order. Every further variable is auxiliary and defined by an equivalence
 * (Tseitin gates, cardinality counters, table tuples), so each assignment of
 * the value variables extends to at most one model: models of `cnf` are
 * one-to-one with complete configurations, and model counting the CNF counts
 * configurations. Unit propagation fixes every auxiliary variable once the
 * value variables are set, so the solver only branches on value variables.
 *
 * What rules mean comes from catalog.meaning.ts; this file only encodes its
 * three shapes of constraint. Each clause remembers the constraint's source
 * (`clauseRule`) so reasons can name rules: a catalog rule id,
 * "feature:<code>" for a feature's cardinality, "includes:<code>" for a
 * package's contents, or null for the definition of an auxiliary variable
 * (always satisfiable on its own, never part of a reason).
 *
 * Text features are not part of the CNF: they don't change which value
 * combinations are complete (see validate.ts for their checks).
 */
import type { ChoiceFeature, Condition, ProductLine, Value } from "../catalog";
import { featureConstraint, featureRuleId, lineConstraints, unhandledKind, type Constraint } from "../catalog.meaning";
import type { Cnf } from "./types";

export interface CompiledFeature {
  code: string;
  kind: "single" | "multiple";
  required: boolean;
  /** Effective cardinality bounds (required ⇒ min ≥ 1; single ⇒ max = 1), as `featureConstraint` gives them. */
  min: number;
  max: number;
  /** None of the values also does (an optional multiple-choice feature with a minimum ≥ 2). */
  orNone: boolean;
  values: string[];
  /** CNF variable of each value, same order as `values`. */
  vars: number[];
  feature: ChoiceFeature;
}

export interface CompiledLine {
  line: ProductLine;
  cnf: Cnf;
  /** Per clause of `cnf`: the rule it encodes, or null for the definition of an auxiliary variable. */
  clauseRule: (string | null)[];
  /**
   * Indices of clauses implied by the others (tables' support clauses, which also lean on the
   * features' at-most-one). They make propagation strong; explanations leave them out so that
   * the rules a reason names are exactly the rules that rule the value out.
   */
  redundant: Set<number>;
  /** For each redundant clause: the further rules its derivation needs (a table's features' cardinality). */
  leansOn: Map<number, string[]>;
  /** Value variables are exactly 1..numValueVars. */
  numValueVars: number;
  valueVar: Map<string, number>;
  /** Inverse of valueVar: varValue[v] is the code of value variable v (index 0 unused). */
  varValue: string[];
  /** Choice features in catalog order (text features are not compiled). */
  features: CompiledFeature[];
  /** Value code → its feature. */
  featureOf: Map<string, CompiledFeature>;
  /** Value code → its catalog value. */
  values: Map<string, Value>;
  /** Every distinct non-null entry of clauseRule, in first-appearance order. */
  ruleIds: string[];
}

/** A literal or a constant, while building gates. */
type Lit = number | boolean;

const neg = (l: Lit): Lit => (typeof l === "boolean" ? !l : -l);

class CnfBuilder {
  numVars: number;
  readonly clauses: number[][] = [];
  readonly clauseRule: (string | null)[] = [];
  readonly redundant = new Set<number>();
  readonly leansOn = new Map<number, string[]>();
  private readonly gates = new Map<string, number>();

  constructor(numValueVars: number) {
    this.numVars = numValueVars;
  }

  /** Add a clause; constants are folded (true ⇒ clause dropped, false literals removed). */
  clause(lits: Lit[], rule: string | null, leansOn?: string[]): void {
    const out: number[] = [];
    // Tables give clauses with thousands of literals: a set for those, a scan for the rest.
    const present = lits.length > 8 ? new Set<number>() : undefined;
    for (const l of lits) {
      if (l === true) return;
      if (l === false) continue;
      if (present ? present.has(-l) : out.includes(-l)) return;
      if (present ? present.has(l) : out.includes(l)) continue;
      present?.add(l);
      out.push(l);
    }
    if (leansOn) {
      this.redundant.add(this.clauses.length);
      this.leansOn.set(this.clauses.length, leansOn);
    }
    this.clauses.push(out);
    this.clauseRule.push(rule);
  }

  /** A fresh variable equivalent to AND(xs) of distinct, non-complementary literals (no sharing). */
  andGate(xs: readonly number[]): number {
    const g = ++this.numVars;
    for (const x of xs) this.push([-g, x], null);
    this.push([g, ...xs.map((x) => -x)], null);
    return g;
  }

  /** Append a clause known to be free of constants, duplicates and complementary pairs. */
  private push(clause: number[], rule: string | null): void {
    this.clauses.push(clause);
    this.clauseRule.push(rule);
  }

  /** A literal equivalent to AND(lits) (constant folded, shared when the same gate appears twice). */
  and(lits: Lit[]): Lit {
    const xs: number[] = [];
    for (const l of lits) {
      if (l === false) return false;
      if (l === true) continue;
      if (xs.includes(-l)) return false;
      if (!xs.includes(l)) xs.push(l);
    }
    if (xs.length === 0) return true;
    if (xs.length === 1) return xs[0];
    xs.sort((a, b) => a - b);
    const key = `&${xs.join(",")}`;
    const known = this.gates.get(key);
    if (known !== undefined) return known;
    const g = ++this.numVars;
    this.gates.set(key, g);
    for (const x of xs) this.clause([-g, x], null);
    this.clause([g, ...xs.map((x) => -x)], null);
    return g;
  }

  or(lits: Lit[]): Lit {
    return neg(this.and(lits.map(neg)));
  }

  /** Literal for a condition. */
  condition(c: Condition, valueVar: Map<string, number>): Lit {
    if ("value" in c) return varOf(valueVar, c.value);
    if ("not" in c) return neg(this.condition(c.not, valueVar));
    if ("and" in c) return this.and(c.and.map((x) => this.condition(x, valueVar)));
    return this.or(c.or.map((x) => this.condition(x, valueVar)));
  }

  /** Clauses forcing a condition to hold, with as few gates as possible at the top. */
  assert(c: Condition, valueVar: Map<string, number>, rule: string): void {
    if ("and" in c) c.and.forEach((x) => this.assert(x, valueVar, rule));
    else if ("or" in c) this.clause(this.flattenOr(c, valueVar), rule);
    else if ("not" in c) {
      const inner = c.not;
      if ("not" in inner) this.assert(inner.not, valueVar, rule);
      else if ("or" in inner) inner.or.forEach((x) => this.assert({ not: x }, valueVar, rule));
      else if ("and" in inner) this.clause(inner.and.map((x) => neg(this.condition(x, valueVar))), rule);
      else this.clause([-varOf(valueVar, inner.value)], rule);
    } else this.clause([varOf(valueVar, c.value)], rule);
  }

  private flattenOr(c: Condition, valueVar: Map<string, number>): Lit[] {
    if ("or" in c) return c.or.flatMap((x) => this.flattenOr(x, valueVar));
    return [this.condition(c, valueVar)];
  }
}

function varOf(valueVar: Map<string, number>, code: string): number {
  const v = valueVar.get(code);
  if (v === undefined) throw new Error(`unknown value code "${code}"`);
  return v;
}

/**
 * "None, or at least lo" (lo ≥ 2): each value, once chosen, needs the counter's "at least lo".
 * With fewer than lo values, that is "none".
 */
function atLeastIfAny(b: CnfBuilder, xs: number[], lo: number, rule: string): void {
  if (lo > xs.length) {
    xs.forEach((x) => b.clause([-x], rule));
    return;
  }
  let s: Lit[] = Array.from({ length: lo + 1 }, (_, j) => j === 0);
  for (const x of xs) {
    const next: Lit[] = [true];
    for (let j = 1; j <= lo; j++) next.push(b.or([s[j], b.and([s[j - 1], x])]));
    s = next;
  }
  xs.forEach((x) => b.clause([-x, s[lo]], rule));
}

/** Clauses for lo ≤ |{x true}| ≤ hi, with a counter whose variables are defined by equivalences. */
function cardinality(b: CnfBuilder, xs: number[], lo: number, hi: number, rule: string): void {
  const n = xs.length;
  if (lo > n) {
    b.clause([], rule);
    return;
  }
  if (hi >= n && lo <= 0) return;
  if (lo === 1) b.clause(xs, rule);
  if (hi === 0) xs.forEach((x) => b.clause([-x], rule));
  else if (hi === 1 && n <= 32) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) b.clause([-xs[i], -xs[j]], rule);
  }
  const needLo = lo >= 2;
  const needHi = hi < n && !(hi === 0 || (hi === 1 && n <= 32));
  if (!needLo && !needHi) return;
  // s[j] after i values: "at least j of x1..xi" (j = 1..k), sequential counter with equivalences.
  const k = Math.max(needLo ? lo : 0, needHi ? hi + 1 : 0);
  let s: Lit[] = Array.from({ length: k + 1 }, (_, j) => j === 0);
  for (const x of xs) {
    const next: Lit[] = [true];
    for (let j = 1; j <= k; j++) next.push(b.or([s[j], b.and([s[j - 1], x])]));
    s = next;
  }
  if (needLo) b.clause([s[lo]], rule);
  if (needHi) b.clause([neg(s[hi + 1])], rule);
}

export function compileLine(line: ProductLine): CompiledLine {
  const valueVar = new Map<string, number>();
  const varValue: string[] = [""];
  const values = new Map<string, Value>();
  const features: CompiledFeature[] = [];
  const featureOf = new Map<string, CompiledFeature>();
  for (const f of line.features) {
    if (f.kind === "text") continue;
    const { min, max, orNone } = featureConstraint(f);
    const cf: CompiledFeature = {
      code: f.code,
      kind: f.kind,
      required: f.required,
      min,
      max,
      orNone,
      values: [],
      vars: [],
      feature: f,
    };
    for (const v of f.values) {
      if (valueVar.has(v.code)) throw new Error(`duplicate value code "${v.code}"`);
      const x = varValue.length;
      valueVar.set(v.code, x);
      varValue.push(v.code);
      values.set(v.code, v);
      cf.values.push(v.code);
      cf.vars.push(x);
      featureOf.set(v.code, cf);
    }
    features.push(cf);
  }
  const b = new CnfBuilder(varValue.length - 1);
  for (const c of lineConstraints(line)) encode(b, c, valueVar, line);

  const ruleIds = [...new Set(b.clauseRule.filter((r): r is string => r !== null))];
  return {
    line,
    cnf: { numVars: b.numVars, clauses: b.clauses },
    clauseRule: b.clauseRule,
    redundant: b.redundant,
    leansOn: b.leansOn,
    numValueVars: varValue.length - 1,
    valueVar,
    varValue,
    features,
    featureOf,
    values,
    ruleIds,
  };
}

/** Clauses for one constraint. */
function encode(b: CnfBuilder, c: Constraint, valueVar: Map<string, number>, line: ProductLine): void {
  switch (c.kind) {
    case "formula":
      b.assert(c.formula, valueVar, c.source);
      break;
    case "count": {
      const xs = c.values.map((code) => varOf(valueVar, code));
      if (c.orNone) {
        cardinality(b, xs, 0, c.max, c.source);
        atLeastIfAny(b, xs, c.min, c.source);
      } else cardinality(b, xs, c.min, c.max, c.source);
      break;
    }
    case "table":
      compileTable(b, c.source, c.features, c.tuples, valueVar, line);
      break;
    default:
      unhandledKind(c);
  }
}

/**
 * A positive table: one of the tuples holds; an unset (optional) feature matches no tuple.
 *
 * Encoded through the table's MDD (multi-valued decision diagram: the tuples as a trie over the
 * features in table order, with equal subtrees merged). Catalog tables are very regular: the
 * Renault tables' 112,680 distinct tuples make 3,333 MDD nodes, so the formula stays small.
 * - each node n below the root: r_n ↔ OR(its incoming edges) ("the chosen values lead here");
 * - each edge p -a-> c: e ↔ (r_p ∧ a), or just the value literal a out of the root;
 * - the rule itself: one of the edges into the final node holds.
 * All of these are definitions, so the auxiliary variables follow from the values (models stay
 * one-to-one with configurations). Two kinds of implied clauses (they lean on each feature
 * having one value, so explanations leave them out) make unit propagation as strong as the
 * table: a node on the chosen path has an outgoing edge that holds, and a value holds only on
 * one of its edges (a value on no edge is excluded outright).
 */
function compileTable(
  b: CnfBuilder,
  rule: string,
  featureCodes: string[],
  tuples: string[][],
  valueVar: Map<string, number>,
  line: ProductLine,
): void {
  const seen = new Set<string>();
  const rows: number[][] = [];
  for (const t of tuples) {
    const key = t.join("\u0000");
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push(t.map((c) => varOf(valueVar, c)));
  }
  const k = featureCodes.length;
  const cardinalities = [...new Set(featureCodes)].map(featureRuleId);
  if (k === 1) {
    b.clause(rows.map((r) => r[0]), rule);
    return;
  }

  // Build the reduced MDD bottom-up: a node is its level plus its (label, child) pairs.
  interface MddNode {
    level: number;
    edges: { label: number; child: number }[];
  }
  const FINAL = 0;
  const nodes: MddNode[] = [{ level: k, edges: [] }];
  const interned = new Map<string, number>();
  const build = (group: number[][], level: number): number => {
    if (level === k) return FINAL;
    const byValue = new Map<number, number[][]>();
    for (const r of group) {
      const list = byValue.get(r[level]);
      if (list) list.push(r);
      else byValue.set(r[level], [r]);
    }
    const edges = [...byValue].map(([label, rs]) => ({ label, child: build(rs, level + 1) })).sort((x, y) => x.label - y.label || x.child - y.child);
    const key = `${level}|${edges.map((e) => `${e.label}:${e.child}`).join(",")}`;
    const known = interned.get(key);
    if (known !== undefined) return known;
    nodes.push({ level, edges });
    interned.set(key, nodes.length - 1);
    return nodes.length - 1;
  };
  const root = build(rows, 0);

  // Nodes in top-down order (by level), so a parent's literal exists before its edges.
  const order = nodes.map((_, i) => i).filter((i) => i !== FINAL).sort((x, y) => nodes[x].level - nodes[y].level);
  const reach = new Map<number, Lit>([[root, true]]);
  const incoming = new Map<number, number[]>();
  const edgesByValue: Map<number, number[]>[] = Array.from({ length: k }, () => new Map());
  for (const n of order) {
    const { level, edges } = nodes[n];
    let rn = reach.get(n);
    if (rn === undefined) {
      // Definition of r_n from its incoming edges, all known by now (parents sit on earlier levels).
      const ins = incoming.get(n)!;
      rn = ++b.numVars;
      b.clause([-rn, ...ins], null);
      for (const e of ins) b.clause([rn, -e], null);
      reach.set(n, rn);
    }
    const outs: number[] = [];
    for (const { label, child } of edges) {
      const e = rn === true ? label : b.andGate([rn as number, label]);
      outs.push(e);
      const list = incoming.get(child);
      if (list) list.push(e);
      else incoming.set(child, [e]);
      const byValue = edgesByValue[level];
      const same = byValue.get(label);
      if (same) same.push(e);
      else byValue.set(label, [e]);
    }
    if (rn !== true) b.clause([-(rn as number), ...outs], rule, cardinalities);
  }
  b.clause(incoming.get(FINAL) ?? [], rule);

  featureCodes.forEach((fc, level) => {
    const feature = line.features.find((f) => f.code === fc);
    if (!feature || feature.kind === "text") throw new Error(`table ${rule}: "${fc}" is not a choice feature`);
    for (const v of feature.values) {
      const x = varOf(valueVar, v.code);
      b.clause([-x, ...(edgesByValue[level].get(x) ?? [])], rule, cardinalities);
    }
  });
}
