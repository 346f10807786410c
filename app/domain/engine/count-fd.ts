/**
 * Counting over finite domains by variable (bucket) elimination.
 *
 * Table-heavy product lines (the Renault CLib instance: 99 variables, 111
 * positive tables with up to 32,000 tuples) are awkward as CNF: every tuple
 * becomes an auxiliary variable. Over the features themselves the same problem
 * is a product of small 0/1 factors, and summing variables out one at a time
 * in a min-fill order counts it in well under a second.
 *
 * Factors are sparse (only allowed tuples are stored). Weights are doubles
 * while they stay below 2^53 and the computation restarts with BigInt
 * otherwise, so the result is always exact.
 */
import type { ProductLine } from "../catalog";
import { conditionCodes, featureRuleId, lineConstraints, satisfies, unhandledKind, type Constraint } from "../catalog.meaning";

/** Variables 0..n-1 with domains 0..domains[i]-1; each factor allows only its listed tuples. */
export interface FdProblem {
  domains: number[];
  factors: FdFactor[];
}

export interface FdFactor {
  /** Distinct variables. */
  scope: number[];
  /** Allowed value tuples over `scope` (duplicates are ignored). */
  tuples: number[][];
}

/** The number of assignments satisfying every factor; `fixed[v]`, when defined, pins variable v to that value. */
export function countFd(problem: FdProblem, fixed: readonly (number | undefined)[] = [], deadline = Infinity): bigint {
  try {
    return BigInt(eliminate(problem, fixed, NUMBER_RING, deadline));
  } catch (e) {
    if (!(e instanceof Overflow)) throw e;
    return eliminate(problem, fixed, BIGINT_RING, deadline);
  }
}

/** Thrown when a count passes its deadline. */
export class CountTimeout extends Error {
  constructor() {
    super("model count did not finish in time");
    this.name = "CountTimeout";
  }
}

interface Ring<W> {
  zero: W;
  one: W;
  fromInt(n: number): W;
  add(a: W, b: W): W;
  mul(a: W, b: W): W;
  isZero(a: W): boolean;
}

class Overflow extends Error {}

const SAFE = Number.MAX_SAFE_INTEGER;
const NUMBER_RING: Ring<number> = {
  zero: 0,
  one: 1,
  fromInt: (n) => n,
  add: (a, b) => {
    const s = a + b;
    if (s > SAFE) throw new Overflow();
    return s;
  },
  mul: (a, b) => {
    const p = a * b;
    if (p > SAFE) throw new Overflow();
    return p;
  },
  isZero: (a) => a === 0,
};
const BIGINT_RING: Ring<bigint> = {
  zero: 0n,
  one: 1n,
  fromInt: (n) => BigInt(n),
  add: (a, b) => a + b,
  mul: (a, b) => a * b,
  isZero: (a) => a === 0n,
};

/**
 * A sparse factor during elimination: row r assigns values[r*k .. r*k+k-1] to
 * `scope` (k variables) with weight weights[r]. Flat arrays, not an object per
 * row: the Renault tables have 10^5 rows, and the garbage collector notices.
 */
interface Sparse<W> {
  scope: number[];
  values: number[];
  weights: W[];
}

const rowCount = <W>(f: Sparse<W>) => f.weights.length;

/** Mixed-radix key of the assignment `a` restricted to `scope` (a string when it could pass 2^53). */
function keyFunction(scope: number[], domains: number[]): (a: Int32Array) => number | string {
  let size = 1;
  for (const v of scope) size *= domains[v];
  if (size < 2 ** 52) {
    return (a) => {
      let k = 0;
      for (let i = 0; i < scope.length; i++) k = k * domains[scope[i]] + a[scope[i]];
      return k;
    };
  }
  return (a) => scope.map((v) => a[v]).join(",");
}

function eliminate<W>(problem: FdProblem, fixed: readonly (number | undefined)[], ring: Ring<W>, deadline: number): W {
  const n = problem.domains.length;
  // Pinned variables have a one-value domain; other values simply never match.
  const domainSize = problem.domains.map((d, v) => (fixed[v] === undefined ? d : 1));
  let factors: Sparse<W>[] = [];
  const assignment = new Int32Array(n);
  for (const f of problem.factors) {
    const seen = new Set<number | string>();
    const key = keyFunction(f.scope, problem.domains);
    const factor: Sparse<W> = { scope: f.scope, values: [], weights: [] };
    for (const t of f.tuples) {
      if (f.scope.some((v, i) => fixed[v] !== undefined && fixed[v] !== t[i])) continue;
      f.scope.forEach((v, i) => (assignment[v] = t[i]));
      const k = key(assignment);
      if (seen.has(k)) continue;
      seen.add(k);
      factor.values.push(...t);
      factor.weights.push(ring.one);
    }
    if (rowCount(factor) === 0) return ring.zero;
    factors.push(factor);
  }

  let result = ring.one;
  for (const v of eliminationOrder(n, factors.map((f) => f.scope))) {
    if (Date.now() > deadline) throw new CountTimeout();
    const bucket = factors.filter((f) => f.scope.includes(v));
    if (bucket.length === 0) {
      result = ring.mul(result, ring.fromInt(domainSize[v]));
      continue;
    }
    factors = factors.filter((f) => !f.scope.includes(v));
    const out = sumOut(bucket, v, problem.domains, ring, assignment);
    if (rowCount(out) === 0) return ring.zero;
    if (out.scope.length === 0) result = ring.mul(result, out.weights[0]);
    else factors.push(out);
  }
  return result;
}

/** Join the factors of one bucket and sum variable `v` out of the product. */
function sumOut<W>(bucket: Sparse<W>[], v: number, domains: number[], ring: Ring<W>, a: Int32Array): Sparse<W> {
  // Smallest factors first keeps the partial joins small.
  bucket.sort((x, y) => rowCount(x) - rowCount(y));
  const scope = [...new Set(bucket.flatMap((f) => f.scope))].filter((u) => u !== v).sort((x, y) => x - y);
  const key = keyFunction(scope, domains);
  // For each factor after the first: its rows grouped by the variables it shares with the factors before it.
  const bound = new Set<number>(bucket[0].scope);
  const tmp = new Int32Array(a.length);
  const indexes = bucket.map((f, i) => {
    if (i === 0) return undefined;
    const shared = f.scope.filter((u) => bound.has(u));
    f.scope.forEach((u) => bound.add(u));
    const sharedKey = keyFunction(shared, domains);
    const positions = shared.map((u) => f.scope.indexOf(u));
    const k = f.scope.length;
    const index = new Map<number | string, number[]>();
    for (let r = 0; r < rowCount(f); r++) {
      for (let p = 0; p < positions.length; p++) tmp[shared[p]] = f.values[r * k + positions[p]];
      const key = sharedKey(tmp);
      const list = index.get(key);
      if (list) list.push(r);
      else index.set(key, [r]);
    }
    return { sharedKey, index };
  });
  const out: Sparse<W> = { scope, values: [], weights: [] };
  const rowOf = new Map<number | string, number>();
  const first = bucket[0];
  const firstRows = Array.from({ length: rowCount(first) }, (_, r) => r);
  const join = (i: number, weight: W) => {
    if (i === bucket.length) {
      const k = key(a);
      const r = rowOf.get(k);
      if (r !== undefined) out.weights[r] = ring.add(out.weights[r], weight);
      else {
        rowOf.set(k, out.weights.length);
        for (let p = 0; p < scope.length; p++) out.values.push(a[scope[p]]);
        out.weights.push(weight);
      }
      return;
    }
    const f = bucket[i];
    const rows = i === 0 ? firstRows : indexes[i]!.index.get(indexes[i]!.sharedKey(a));
    if (!rows) return;
    const k = f.scope.length;
    for (const r of rows) {
      for (let p = 0; p < k; p++) a[f.scope[p]] = f.values[r * k + p];
      join(i + 1, ring.mul(weight, f.weights[r]));
    }
  };
  join(0, ring.one);
  return out;
}

/** Greedy min-fill order (ties: fewest neighbours) on the interaction graph. */
function eliminationOrder(n: number, scopes: number[][]): number[] {
  const adj = Array.from({ length: n }, () => new Set<number>());
  for (const s of scopes)
    for (const x of s)
      for (const y of s) if (x !== y) adj[x].add(y);
  const done = new Uint8Array(n);
  const order: number[] = [];
  for (let step = 0; step < n; step++) {
    let best = -1;
    let bestFill = Infinity;
    let bestDegree = Infinity;
    for (let v = 0; v < n; v++) {
      if (done[v]) continue;
      const nb = [...adj[v]];
      let fill = 0;
      for (let i = 0; i < nb.length && fill < bestFill + 1; i++)
        for (let j = i + 1; j < nb.length; j++) if (!adj[nb[i]].has(nb[j])) fill++;
      if (fill < bestFill || (fill === bestFill && nb.length < bestDegree)) {
        best = v;
        bestFill = fill;
        bestDegree = nb.length;
      }
    }
    done[best] = 1;
    order.push(best);
    const nb = [...adj[best]];
    for (const x of nb) {
      adj[x].delete(best);
      for (const y of nb) if (x !== y) adj[x].add(y);
    }
  }
  return order;
}

/** Largest scope (as a product of domain sizes) a non-table constraint may have to be turned into a factor. */
const MAX_ENUMERATED = 1 << 14;

/**
 * The product line as a finite-domain problem, when it is one: single-choice
 * features (optional ones get an extra "none" value), multiple-choice
 * features as one yes/no variable per value, and the line's constraints
 * (catalog.meaning.ts) as factors; a single-choice feature's cardinality is
 * its domain. Undefined when a constraint is too wide to tabulate.
 *
 * `valueOf` maps each value code to its variable and the value meaning "chosen".
 */
export function productLineToFd(line: ProductLine):
  | { problem: FdProblem; valueOf: Map<string, { variable: number; value: number }> }
  | undefined {
  const domains: number[] = [];
  // Sources of the cardinalities a single-choice feature's domain already enforces.
  const inDomain = new Set<string>();
  const valueOf = new Map<string, { variable: number; value: number }>();
  for (const f of line.features) {
    switch (f.kind) {
      case "text":
        break; // personalization text does not multiply configurations
      case "single": {
        const variable = domains.length;
        domains.push(f.values.length + (f.required ? 0 : 1)); // the last value is "none"
        f.values.forEach((x, value) => valueOf.set(x.code, { variable, value }));
        inDomain.add(featureRuleId(f.code));
        break;
      }
      case "multiple":
        f.values.forEach((x) => {
          valueOf.set(x.code, { variable: domains.length, value: 1 });
          domains.push(2);
        });
        break;
      default:
        unhandledKind(f);
    }
  }
  const tabulate = (constraint: Constraint, codes: string[]): FdFactor | undefined => {
    const scope = [...new Set(codes.map((c) => valueOf.get(c)!.variable))];
    const sizes = scope.map((v) => domains[v]);
    if (sizes.reduce((p, d) => p * d, 1) > MAX_ENUMERATED) return undefined;
    const at = new Map<number, number>();
    const chosen = {
      has: (code: string) => {
        const x = valueOf.get(code)!;
        return at.get(x.variable) === x.value;
      },
    };
    const tuples = enumerate(sizes).filter((t) => {
      scope.forEach((v, i) => at.set(v, t[i]));
      return satisfies(constraint, chosen);
    });
    return { scope, tuples };
  };
  const factors: FdFactor[] = [];
  for (const c of lineConstraints(line)) {
    let factor: FdFactor | undefined;
    switch (c.kind) {
      case "formula":
        factor = tabulate(c, conditionCodes(c.formula));
        break;
      case "count":
        if (inDomain.has(c.source) || (c.min <= 0 && c.max >= c.values.length)) continue;
        factor = tabulate(c, c.values);
        break;
      case "table": {
        const scope = c.features.map((fc) => {
          const feature = line.features.find((f) => f.code === fc);
          return feature && feature.kind !== "text" ? valueOf.get(feature.values[0].code)!.variable : -1;
        });
        if (scope.includes(-1) || new Set(scope).size !== scope.length) return undefined;
        factor = { scope, tuples: c.tuples.map((t) => t.map((code) => valueOf.get(code)!.value)) };
        break;
      }
      default:
        unhandledKind(c);
    }
    if (!factor) return undefined;
    factors.push(factor);
  }
  return { problem: { domains, factors }, valueOf };
}

/** Every tuple over domains of the given sizes. */
function enumerate(sizes: number[]): number[][] {
  let tuples: number[][] = [[]];
  for (const d of sizes) tuples = tuples.flatMap((t) => Array.from({ length: d }, (_, x) => [...t, x]));
  return tuples;
}
