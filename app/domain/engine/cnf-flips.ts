/**
 * One-variable neighbours of a model, checked against the compiled CNF itself.
 *
 * For a model M and a variable v, M with v flipped is a model exactly when every clause
 * that M satisfies only through v's current literal has another true literal. With the
 * number of true literals of each clause counted once per model, that is a look at v's
 * occurrence list: a whole pass over every open value costs about one walk over the
 * clauses, against one solver call per value. This is what makes large feature models
 * (the 21k-variable Linux model: ~18k values open on every click) cheap: most values are
 * one flip away from a model the recompute already has.
 *
 * Sound by construction (a flip that passes satisfies every clause), so a flipped model is
 * a complete configuration. Used only for lines whose CNF has no auxiliary variables
 * (DIMACS imports): the models the engine keeps between recomputes hold value variables
 * only, and a flip of a value there would need the auxiliary variables recomputed.
 */
import type { CompiledLine } from "./compile";

export class CnfFlips {
  /** Clause literals, flat, and where each clause starts (clause c is lits[start[c]..start[c+1])). */
  private readonly lits: Int32Array;
  private readonly start: Int32Array;
  /** Per literal index (2v for v, 2v+1 for -v): the clauses it occurs in (CSR). */
  private readonly occStart: Int32Array;
  private readonly occ: Int32Array;
  /** True literals per clause in the current assignment. */
  private readonly trueCount: Int32Array;
  /** The current assignment: the loaded model, plus a search's flips while it runs. */
  private readonly x: Uint8Array;
  private loaded = false;
  /** Clauses with no true literal (during a search), and each one's place in that list (-1: not broken). */
  private readonly broken: Int32Array;
  private brokenLen = 0;
  private readonly brokenAt: Int32Array;
  /** Variables flipped by the running search, to undo it. */
  private readonly journal: number[] = [];
  private seed = 0x9e3779b9;
  /** overlay's scratch: per variable, 1 / 2 while imposed true / false; the variables it changes. */
  private readonly imposed: Uint8Array;
  private readonly changed: Int32Array;
  /**
   * Share of the clauses that are binary exclusions ("not a or not b"): alternative groups
   * encoded pairwise make nearly all of a tree-shaped automotive model (automotive2-like: 0.91;
   * automotive01: 0.43; the Linux Kconfig model: 0.05). See swapTuning.
   */
  readonly exclusionShare: number;
  /** Flips made by dives that failed, in all (callers bound a pass's waste with it). */
  failedDiveFlips = 0;
  /** swap's and dive's scratch: v's new literal and the partner's. */
  private readonly pair = new Int32Array(2);

  constructor(cnf: { numVars: number; clauses: readonly (readonly number[])[] }) {
    // Each literal once per clause (a repeated literal would count twice as true), and no
    // clause that holds whatever the assignment (v or not v): neither changes the models.
    const clauses: number[][] = [];
    for (const c of cnf.clauses) {
      const set = new Set(c);
      if (![...set].some((l) => set.has(-l))) clauses.push([...set]);
    }
    const { numVars } = cnf;
    let total = 0;
    for (const c of clauses) total += c.length;
    this.lits = new Int32Array(total);
    this.start = new Int32Array(clauses.length + 1);
    const counts = new Int32Array(2 * numVars + 3);
    let k = 0;
    clauses.forEach((c, i) => {
      this.start[i] = k;
      for (const l of c) {
        this.lits[k++] = l;
        counts[litIndex(l) + 1]++;
      }
    });
    this.start[clauses.length] = k;
    let exclusions = 0;
    for (const c of clauses) if (c.length === 2 && c[0] < 0 && c[1] < 0) exclusions++;
    this.exclusionShare = clauses.length === 0 ? 0 : exclusions / clauses.length;
    for (let i = 1; i < counts.length; i++) counts[i] += counts[i - 1];
    this.occStart = counts.slice();
    this.occ = new Int32Array(total);
    const fill = counts;
    clauses.forEach((c, i) => {
      for (const l of c) this.occ[fill[litIndex(l)]++] = i;
    });
    this.trueCount = new Int32Array(clauses.length);
    this.x = new Uint8Array(numVars + 1);
    this.broken = new Int32Array(clauses.length);
    this.brokenAt = new Int32Array(clauses.length).fill(-1);
    this.imposed = new Uint8Array(numVars + 1);
    this.changed = new Int32Array(numVars + 1);
  }

  /**
   * Make `model` (a total assignment of the CNF's variables) the current one. After the
   * first load only the variables that differ are re-counted: the models of one recompute
   * are close to each other.
   */
  load(model: Uint8Array): void {
    const { x } = this;
    if (!this.loaded) {
      const { lits, start, trueCount } = this;
      x.set(model.subarray(0, x.length));
      for (let c = 0; c < trueCount.length; c++) {
        let t = 0;
        for (let i = start[c]; i < start[c + 1]; i++) {
          const l = lits[i];
          if ((x[l > 0 ? l : -l] === 1) === l > 0) t++;
        }
        trueCount[c] = t;
      }
      this.loaded = true;
      return;
    }
    for (let v = 1; v < x.length; v++) if (x[v] !== model[v]) this.flip(v, false);
  }

  /** Is the current assignment with variable v flipped still a model (given that it is one)? */
  canFlip(v: number): boolean {
    return this.breaks(v, 1) === 0;
  }

  /** Flip v in the current assignment for good (callers keep it a model: flip only after canFlip). */
  apply(v: number): void {
    this.flip(v, false);
  }

  /** The current assignment (a view; it changes with the next load, apply or search). */
  get current(): Uint8Array {
    return this.x;
  }

  /**
   * Switch on, in place, pass after pass, every variable that `want` accepts and that can be
   * switched on keeping a model; `seen` hears each. A value that needs another one (a Kconfig
   * "depends on" chain) follows it. Returns whether anything was switched on.
   */
  climb(want: (v: number) => boolean, seen: (v: number) => void, passes: number): boolean {
    const { x } = this;
    let climbed = false;
    for (let pass = 0; pass < passes; pass++) {
      let progress = false;
      for (let v = 1; v < x.length; v++) {
        if (x[v] || !want(v) || !this.canFlip(v)) continue;
        this.flip(v, false);
        seen(v);
        progress = climbed = true;
      }
      if (!progress) break;
    }
    return climbed;
  }

  /**
   * The current model with every literal of `lits` imposed (what propagating one more literal
   * forced, for failed-literal probing): if that is still a model, `take` sees each variable that
   * changed, while its new value is in place (that value is then possible with the choices).
   * Costs the occurrence lists of the changed variables; the current model is restored either way.
   */
  overlay(lits: ArrayLike<number>, take: (v: number, value: number) => void): boolean {
    // A typed scratch list, not `journal`: emptying a JS array drops its storage, and probing
    // calls this thousands of times per recompute.
    const { x, changed: journal, imposed, occ, occStart, trueCount, lits: clauseLits, start } = this;
    let changes = 0;
    let ok = true;
    for (let i = 0; i < lits.length; i++) {
      const l = lits[i];
      const v = l > 0 ? l : -l;
      if (v >= x.length) continue;
      const want = l > 0 ? 1 : 2;
      if (imposed[v] === 0) {
        imposed[v] = want;
        if (x[v] !== (l > 0 ? 1 : 0)) journal[changes++] = v;
      } else if (imposed[v] !== want) ok = false; // v and not v: no such model
    }
    // Only the losses are counted: a clause whose count of true literals reaches 0 holds in the
    // overlaid model exactly when one of its literals is imposed true (every other literal keeps
    // its value in the model, false). The first clause without one answers no, usually early
    // (most overlays fail: ~85 % on the Linux model); the gains are never counted at all.
    const count = ok ? changes : 0;
    let doneVars = -1;
    let doneK = 0;
    for (let j = 0; j < count && ok; j++) {
      const v = journal[j];
      const lost = x[v] === 1 ? litIndex(v) : litIndex(-v);
      const end = occStart[lost + 1];
      let k = occStart[lost];
      for (; k < end; k++) {
        const c = occ[k];
        if (--trueCount[c] !== 0) continue;
        let rescued = false;
        for (let i = start[c]; i < start[c + 1]; i++) {
          const q = clauseLits[i];
          if (imposed[q > 0 ? q : -q] === (q > 0 ? 1 : 2)) {
            rescued = true;
            break;
          }
        }
        if (!rescued) {
          ok = false;
          k++;
          break;
        }
      }
      doneVars = j;
      doneK = k;
    }
    for (let i = 0; i < lits.length; i++) {
      const v = Math.abs(lits[i]);
      if (v < x.length) imposed[v] = 0;
    }
    if (ok) {
      for (let j = 0; j < count; j++) x[journal[j]] ^= 1;
      for (let j = 0; j < count; j++) take(journal[j], x[journal[j]]);
      for (let j = 0; j < count; j++) x[journal[j]] ^= 1;
    }
    // Undo the counted losses (the last variable's up to where it stopped).
    for (let j = 0; j <= doneVars; j++) {
      const v = journal[j];
      const lost = x[v] === 1 ? litIndex(v) : litIndex(-v);
      const stop = j === doneVars ? doneK : occStart[lost + 1];
      for (let k = occStart[lost]; k < stop; k++) trueCount[occ[k]]++;
    }
    return ok;
  }

  /**
   * A two-variable neighbour: v flipped together with one other variable of the first clause that
   * flipping v alone would break (the "swap" of an alternative group encoded pairwise: child j
   * on breaks only "not j or not i" with i the current child, so j on with i off is the
   * candidate; a single flip can never move a group's choice). Checked exactly by `overlay`, so
   * `take` sees both changed variables in a model, as there. Only clauses of up to
   * MAX_SWAP_CLAUSE literals give candidates; `keep` marks variables that must not change (the
   * choices). Returns whether a swap (or v alone) gave a model.
   */
  swap(v: number, keep: Uint8Array, take: (u: number, value: number) => void): boolean {
    const { x, occ, occStart, trueCount, lits, start, pair } = this;
    const current = x[v] === 1 ? v : -v;
    const i = litIndex(current);
    let c = -1;
    for (let k = occStart[i]; k < occStart[i + 1]; k++) {
      if (trueCount[occ[k]] === 1) {
        c = occ[k];
        break;
      }
    }
    pair[0] = -current;
    if (c < 0) return this.overlay(pair.subarray(0, 1), take);
    if (start[c + 1] - start[c] > MAX_SWAP_CLAUSE) return false;
    for (let p = start[c]; p < start[c + 1]; p++) {
      const q = lits[p];
      const u = q > 0 ? q : -q;
      // Every other literal of c is false (v's is its only true one): flipping u makes q true.
      if (u === v || keep[u]) continue;
      pair[1] = q;
      if (this.overlay(pair, take)) return true;
    }
    return false;
  }

  /**
   * The variable of broken clause c whose flip breaks fewest other clauses, among those whose
   * literal `allowed` accepts (relink and dive mend with it); 0 when none is allowed.
   */
  private leastBreaking(c: number, allowed: (lit: number, v: number) => boolean): number {
    const { lits, start } = this;
    let best = 0;
    let bestBreaks = Infinity;
    for (let i = start[c]; i < start[c + 1]; i++) {
      const l = lits[i];
      const u = l > 0 ? l : -l;
      if (!allowed(l, u)) continue;
      // Counting stops where this literal can no longer win; none beats one that breaks nothing.
      const b = this.breaks(u, bestBreaks);
      if (b < bestBreaks) {
        bestBreaks = b;
        best = u;
        if (b === 0) break;
      }
    }
    return best;
  }

  /** The clauses that flipping v would leave without a true literal (counted up to `limit`). */
  private breaks(v: number, limit = Infinity): number {
    const current = this.x[v] === 1 ? v : -v;
    const { occ, occStart, trueCount } = this;
    const i = litIndex(current);
    let count = 0;
    for (let k = occStart[i]; k < occStart[i + 1]; k++) if (trueCount[occ[k]] === 1 && ++count >= limit) break;
    return count;
  }

  /** Flip v, keeping the counts (and, during a search, the broken clauses) up to date. */
  private flip(v: number, track: boolean): void {
    const wasTrue = this.x[v] === 1;
    this.x[v] = wasTrue ? 0 : 1;
    const { occ, occStart, trueCount } = this;
    const lost = litIndex(wasTrue ? v : -v);
    const gained = lost ^ 1;
    for (let k = occStart[lost]; k < occStart[lost + 1]; k++) {
      const c = occ[k];
      if (--trueCount[c] === 0 && track) {
        this.brokenAt[c] = this.brokenLen;
        this.broken[this.brokenLen++] = c;
      }
    }
    for (let k = occStart[gained]; k < occStart[gained + 1]; k++) {
      const c = occ[k];
      if (trueCount[c]++ === 0 && track && this.brokenAt[c] >= 0) {
        const at = this.brokenAt[c];
        const last = this.broken[--this.brokenLen];
        this.broken[at] = last;
        this.brokenAt[last] = at;
        this.brokenAt[c] = -1;
      }
    }
  }

  /**
   * Local search (WalkSAT-style) from the loaded model for a model with every literal of
   * `target` true, never flipping a variable marked in `frozen` (the choices) back: set the
   * targets, then mend the clauses that broke by flipping one of their other variables (the
   * one that breaks fewest others, sometimes a random one), for at most `steps` flips.
   * On success `found` sees the model (a view: copy it to keep it). The loaded model is
   * restored either way. Sound, not complete: false means "not found", never "impossible".
   */
  search(target: ArrayLike<number>, frozen: Uint8Array, steps: number, found: (model: Uint8Array) => void): boolean {
    const { x, lits, start, journal } = this;
    this.impose(target);
    const pinned: number[] = [];
    for (let t = 0; t < target.length; t++) {
      const v = target[t] > 0 ? target[t] : -target[t];
      if (!frozen[v]) {
        frozen[v] = 1;
        pinned.push(v);
      }
    }
    let ok = this.brokenLen === 0;
    for (let step = 0; step < steps && !ok; step++) {
      const c = this.broken[this.random() % this.brokenLen];
      let best = 0;
      let bestBreaks = Infinity;
      let options = 0;
      for (let i = start[c]; i < start[c + 1]; i++) {
        const u = lits[i] > 0 ? lits[i] : -lits[i];
        if (frozen[u]) continue;
        options++;
        const b = this.breaks(u);
        if (b < bestBreaks) {
          bestBreaks = b;
          best = u;
        }
      }
      if (options === 0) break; // every variable of a broken clause is pinned: no way out here
      if (bestBreaks > 0 && this.random() % 10 < 3) {
        // Noise: a random variable of the clause, so the search doesn't cycle.
        let pick = this.random() % options;
        for (let i = start[c]; i < start[c + 1]; i++) {
          const u = lits[i] > 0 ? lits[i] : -lits[i];
          if (frozen[u]) continue;
          if (pick-- === 0) {
            best = u;
            break;
          }
        }
      }
      this.flip(best, true);
      journal.push(best);
      ok = this.brokenLen === 0;
    }
    if (ok) found(x);
    this.restoreLoaded();
    for (const v of pinned) frozen[v] = 0;
    return ok;
  }

  /**
   * Path relinking from the loaded model towards `guide` (a model with every literal of
   * `target`): set the targets, then mend each broken clause by flipping one of its variables
   * to the guide's value (the guide satisfies the clause, so one of them is false here), the
   * one that breaks fewest others. Every flip moves towards the guide, so it ends, at a model
   * between the two at worst the guide itself, that keeps much of the loaded model's variety.
   * `found` sees it (a view: copy it to keep it). The loaded model is restored. Sound: `found`
   * only ever sees an assignment with every clause true.
   */
  relink(target: ArrayLike<number>, guide: Uint8Array, maxFlips: number, found: (model: Uint8Array) => void): boolean {
    const { x, journal } = this;
    this.impose(target);
    let ok = this.brokenLen === 0;
    // Literals the guide makes true (all false here: the clause is broken).
    const towardsGuide = (l: number, u: number) => (guide[u] === 1) === l > 0;
    while (!ok && journal.length < maxFlips) {
      const best = this.leastBreaking(this.broken[this.brokenLen - 1], towardsGuide);
      if (best === 0) break; // the guide does not satisfy the clause: not a model (never, for callers)
      this.flip(best, true);
      journal.push(best);
      ok = this.brokenLen === 0;
    }
    if (ok) found(x);
    this.restoreLoaded();
    return ok;
  }

  /**
   * A deeper neighbour of the loaded model with `lit` true, for values a swap can't reach (a
   * group's child that needs a child of its own, or a feature outside every chosen branch that
   * needs its ancestors): impose `lit`, then mend each broken clause by flipping the variable
   * of one of its false literals that breaks fewest others, never flipping a variable twice nor
   * one marked in `keep` (the choices). Greedy and monotone, so it ends within `maxFlips` flips;
   * on success `take` sees every changed variable with its new value in place (a model, as in
   * `overlay`). The loaded model is restored, unless the dive succeeded and `stay` is set: then
   * its model is the current one (a model too). Sound, not complete.
   */
  dive(lit: number, keep: Uint8Array, maxFlips: number, take: (u: number, value: number) => void, stay = false): boolean {
    const { x, journal, imposed } = this;
    const target = this.pair.subarray(0, 1);
    target[0] = lit;
    this.impose(target);
    // `imposed` marks the variables flipped by this dive (1), so none flips back.
    const v0 = lit > 0 ? lit : -lit;
    imposed[v0] = 1;
    let ok = this.brokenLen === 0;
    const free = (_l: number, u: number) => !imposed[u] && !keep[u];
    while (!ok && journal.length < maxFlips) {
      const best = this.leastBreaking(this.broken[this.brokenLen - 1], free);
      if (best === 0) break; // no variable of the clause may change: give up
      this.flip(best, true);
      imposed[best] = 1;
      journal.push(best);
      ok = this.brokenLen === 0;
    }
    if (!ok) this.failedDiveFlips += journal.length;
    for (const u of journal) imposed[u] = 0;
    imposed[v0] = 0;
    if (ok) for (const u of journal) take(u, x[u]);
    if (ok && stay) journal.length = 0;
    else this.restoreLoaded();
    return ok;
  }

  /**
   * The start of a search or a relink: make every literal of `target` true in the loaded model,
   * journalling the flips and tracking the clauses they break (restoreLoaded undoes it all).
   */
  private impose(target: ArrayLike<number>): void {
    const { x, journal } = this;
    journal.length = 0;
    this.brokenLen = 0;
    for (let t = 0; t < target.length; t++) {
      const l = target[t];
      const v = l > 0 ? l : -l;
      if (x[v] !== (l > 0 ? 1 : 0)) {
        this.flip(v, true);
        journal.push(v);
      }
    }
  }

  /** Back to the loaded model: undo every journalled flip (impose's and the mending's). */
  private restoreLoaded(): void {
    const { journal } = this;
    for (let i = journal.length - 1; i >= 0; i--) this.flip(journal[i], false);
    for (let i = 0; i < this.brokenLen; i++) this.brokenAt[this.broken[i]] = -1;
    this.brokenLen = 0;
  }

  private random(): number {
    // xorshift32: the search's choices only change its speed, never what it answers.
    let s = this.seed;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.seed = s >>> 0;
    return this.seed;
  }
}

/** Longest clause whose other variables swap tries as partners (pairwise exclusions are binary). */
const MAX_SWAP_CLAUSE = 3;

/**
 * When the flip passes (domains.ts, analyse.ts) try swaps and dives for the values a single flip
 * can't witness. On models made mostly of pairwise alternatives (automotive2-like) they witness
 * nearly every value from one model: solver calls per click ~17 → 1-5, the low-core variant's
 * dead/core analysis 7,971 → ~250 calls. On the Linux model (few exclusions, long clauses,
 * huge occurrence lists) the dives cost far more than they saved (3rd click ~0.1 → 1.5 s of CPU,
 * analysis 2.2 → 8.3 s), so they run only from `fromExclusionShare` (see exclusionShare).
 */
export const swapTuning = {
  fromExclusionShare: 0.5,
  /** Most flips one dive makes before giving up (the value goes to the solver). */
  diveFlips: 32,
  /**
   * Flips of failed dives allowed per flip pass of a recompute, per variable; past it the pass
   * only flips and swaps (what it leaves goes to the solver, as without dives). A bound for models
   * unlike the stand-in, where dives might mostly fail: on the stand-in the 2nd recompute's first
   * pass wasted up to ~67,000 flips (4.8 per variable), and this bound cost it 0-2 more solver
   * calls per click with no measurable change in CPU.
   */
  failedDiveFlipsPerVar: 2,
  /**
   * A successful dive in a recompute's flip pass stays: its model becomes the current one. Fewer
   * dives (the stand-in's 2nd recompute, seed 1: 4,812 → 954), as the next values of the branch it
   * opened are then a flip or a swap away; bench CPU p95 of 8 runs 109 → 94 ms (mean per click
   * 31 → 27 ms, load 3.3-3.7).
   */
  diveStays: true,
};

/** Do the flip passes try swaps and dives on this CNF? (see swapTuning) */
export function swapsPay(flips: CnfFlips): boolean {
  return flips.exclusionShare >= swapTuning.fromExclusionShare;
}

const litIndex = (l: number) => (l > 0 ? l << 1 : (-l << 1) | 1);

const checkers = new WeakMap<CompiledLine, CnfFlips | null>();

/** The line's CNF flip checker; null when its CNF has auxiliary variables (see above). */
export function cnfFlipsFor(compiled: CompiledLine): CnfFlips | null {
  let c = checkers.get(compiled);
  if (c === undefined) {
    c = compiled.cnf.numVars === compiled.numValueVars ? new CnfFlips(compiled.cnf) : null;
    checkers.set(compiled, c);
  }
  return c;
}

/** Asked on every recompute; the walk over every value (entries of a Map) made garbage each time. */
const suffices = new WeakMap<CompiledLine, boolean>();

/**
 * Does the catalog-level flip checker (flips.ts) find nothing the CNF flips don't? True when
 * every feature is one optional yes/no value with no package contents (a DIMACS import): its
 * flips then change one variable, as these do.
 */
export function cnfFlipsSuffice(compiled: CompiledLine): boolean {
  let answer = suffices.get(compiled);
  if (answer === undefined) {
    answer = computeSuffice(compiled);
    suffices.set(compiled, answer);
  }
  return answer;
}

function computeSuffice(compiled: CompiledLine): boolean {
  if (cnfFlipsFor(compiled) === null) return false;
  for (const f of compiled.features) if (f.vars.length !== 1 || f.kind === "single") return false;
  for (const [, value] of compiled.values) if ((value.includes ?? []).length > 0) return false;
  return true;
}
