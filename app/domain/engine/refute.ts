/**
 * Which rules a refutation by unit propagation uses, computed the same way
 * every time: plain unit propagation over the compiled clauses in a fixed
 * (FIFO, clause-order) sequence, with no solver state involved, then a walk
 * back from the conflict through the clauses that forced each literal.
 *
 * The solver's own cores depend on its history (learnt clauses, watch order),
 * so the browser and the server could name different rules for the same
 * situation; this trace can't. QuickXplain then minimises within it.
 * A redundant clause (implied, see compile.ts) counts with the rules it leans on.
 */
import type { CompiledLine } from "./compile";

interface Occurrences {
  /** Clause indices per literal index (2v for v, 2v+1 for -v). */
  occ: Int32Array[];
}

const occurrences = new WeakMap<CompiledLine, Occurrences>();

const litIndex = (l: number) => (l > 0 ? l << 1 : (-l << 1) | 1);

function occurrencesOf(compiled: CompiledLine): Occurrences {
  let o = occurrences.get(compiled);
  if (o) return o;
  const { numVars, clauses } = compiled.cnf;
  const lists: number[][] = Array.from({ length: 2 * numVars + 2 }, () => []);
  clauses.forEach((c, i) => c.forEach((l) => lists[litIndex(l)].push(i)));
  o = { occ: lists.map((l) => Int32Array.from(l)) };
  occurrences.set(compiled, o);
  return o;
}

/** Rule ids used to refute `lits` by unit propagation (sorted as in compiled.ruleIds), or null if propagation finds no conflict. */
export function refutationRules(compiled: CompiledLine, lits: readonly number[]): string[] | null {
  const { clauses } = compiled.cnf;
  const { occ } = occurrencesOf(compiled);
  const n = compiled.cnf.numVars;
  const value = new Int8Array(n + 1);
  const reason = new Int32Array(n + 1).fill(-1);
  const open = new Int32Array(clauses.length);
  const satisfied = new Uint8Array(clauses.length);
  clauses.forEach((c, i) => (open[i] = c.length));
  const queue: number[] = [];
  let conflict = -1;

  const assign = (l: number, from: number): boolean => {
    const v = Math.abs(l);
    if (value[v] !== 0) return value[v] === Math.sign(l);
    value[v] = Math.sign(l);
    reason[v] = from;
    queue.push(l);
    return true;
  };
  for (const l of lits) if (!assign(l, -1)) return [];
  for (let i = 0; i < clauses.length && conflict < 0; i++) {
    if (clauses[i].length === 0) conflict = i;
    else if (clauses[i].length === 1 && !assign(clauses[i][0], i)) conflict = i;
  }
  for (let head = 0; head < queue.length && conflict < 0; head++) {
    const l = queue[head];
    for (const c of occ[litIndex(l)]) satisfied[c] = 1;
    for (const c of occ[litIndex(-l)]) {
      if (satisfied[c]) continue;
      if (--open[c] > 1) continue;
      // One or no literal left open: find it (or the conflict).
      let unit = 0;
      for (const x of clauses[c]) {
        const xv = value[Math.abs(x)];
        if (xv === 0) unit = x;
        else if (xv === Math.sign(x)) {
          unit = 0;
          satisfied[c] = 1;
          break;
        }
      }
      if (satisfied[c]) continue;
      if (unit === 0) {
        conflict = c;
        break;
      }
      if (open[c] === 1) assign(unit, c);
    }
  }
  if (conflict < 0) return null;

  const used = new Set<number>();
  const seen = new Uint8Array(n + 1);
  const stack = [conflict];
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (used.has(c)) continue;
    used.add(c);
    for (const x of clauses[c]) {
      const v = Math.abs(x);
      if (seen[v]) continue;
      seen[v] = 1;
      if (reason[v] >= 0) stack.push(reason[v]);
    }
  }
  const rules = new Set<string>();
  for (const c of used) {
    const r = compiled.clauseRule[c];
    if (r !== null) rules.add(r);
    for (const extra of compiled.leansOn.get(c) ?? []) rules.add(extra);
  }
  return compiled.ruleIds.filter((r) => rules.has(r));
}
