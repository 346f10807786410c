/**
 * An incremental CDCL SAT solver, MiniSat/Glucose style, small enough to read:
 * two watched literals (binary clauses live in the watch lists themselves),
 * first-UIP learning with local clause minimisation, VSIDS on a binary heap,
 * phase saving, Luby restarts, LBD-based learnt clause deletion, chronological
 * backtracking with exact levels (on every conflict, see satTuning).
 *
 * Incremental: clauses and variables may be added between calls, learnt
 * clauses are kept, and `solve(assumptions)` either returns a model or the
 * subset of the assumptions that took part in the final conflict (an unsat
 * core over assumptions), which the engine minimises into reasons.
 *
 * Literals use the DIMACS convention (v / -v, variables from 1). Every array
 * indexed per variable or literal is a typed array: the engine runs this in the
 * browser on every click, and on the server for every order.
 *
 * Decision variables: only variables marked as decision variables are branched
 * on first (the engine marks the value variables; its auxiliary variables are
 * functionally determined by unit propagation once those are set). Any variable
 * still unassigned after that is decided too, so a returned model is always total.
 */

export type SolveResult = { sat: true; model: Uint8Array } | { sat: false; core: number[] };

export interface SolverStats {
  solves: number;
  decisions: number;
  conflicts: number;
  propagations: number;
  restarts: number;
  learnts: number;
}

const UNDEF = 0;
const TRUE = 1;
const FALSE = -1;

// Clause header in the arena: [size, flags, search position, lit0, lit1, ...]. The search position
// is where the last replacement watch was found: catalog tables give clauses with thousands of
// literals, and always rescanning from the start would make propagation quadratic in their size.
const HEADER = 3;
const POS = 2;
const LEARNT = 1;
const DELETED = 2;
const LBD_SHIFT = 2;

const NONE: readonly number[] = [];

/**
 * A backjump over more levels than this backtracks one level only (see learnFrom): 0, on every
 * conflict. With exact levels the asserting literal lands where a backjump would put it anyway,
 * and the levels above stay: on the Linux model it propagated ~16 % fewer literals than 100 did
 * (docs/benchmarks.md, "Large models"). Tests also run 100 and Infinity (plain backjumping).
 */
export const satTuning = { chronoLevels: 0 };

/** Index of a literal in per-literal arrays (watch lists). */
const litIndex = (l: number) => (l > 0 ? l << 1 : (-l << 1) | 1);

/** Luby sequence element i (1, 1, 2, 1, 1, 2, 4, ...), scaled by the caller. */
function luby(i: number): number {
  let size = 1;
  let seq = 0;
  while (size < i + 1) {
    seq++;
    size = 2 * size + 1;
  }
  let x = i;
  while (size - 1 !== x) {
    size = (size - 1) >> 1;
    seq--;
    x = x % size;
  }
  return 2 ** seq;
}

export class SatSolver {
  private n = 0;
  private cap = 0;

  // Per variable (index 1..n).
  private assigns = new Int8Array(1);
  private level = new Int32Array(1);
  private reason = new Int32Array(1);
  private activity = new Float64Array(1);
  private polarity = new Int8Array(1);
  private decision = new Uint8Array(1);
  private seen = new Uint8Array(1);
  private heapIndex = new Int32Array(1);

  // Decision heap (max activity on top).
  private heap = new Int32Array(1);
  private heapSize = 0;

  private trail = new Int32Array(1);
  private trailLen = 0;
  private qhead = 0;
  private trailLim: number[] = [];

  /**
   * Per literal: flat pairs [watch code, blocker literal]; code < 0 means binary clause ~code.
   * A list's length is kept in `watchLen`, not in the array, so arrays never shrink: propagation
   * moves watches between lists all the time, and shrinking and regrowing them made garbage.
   */
  private watches: number[][] = [[], []];
  private watchLen = new Int32Array(2);

  private arena = new Int32Array(1024);
  private arenaTop = 0;
  private learnts: number[] = [];
  private numOriginal = 0;

  private ok = true;
  private varInc = 1;
  private readonly varDecay = 0.95;
  private maxLearnts = 0;
  private levelStamp = new Int32Array(1);
  private stampCounter = 0;
  private fallbackScan = 1;
  private simplifiedAtTrail = 0;
  /** This call's literals to decide before the heap's choice (see `solve`), and where to look next. */
  private first: readonly number[] = NONE;
  private firstPos = 0;
  /**
   * Per variable: its first position in `first`, or -1. Every literal of `first` before `firstPos`
   * is set; a backtrack moves `firstPos` back to the earliest one it unset, instead of to 0 (a
   * rescan of the whole list after every conflict, with thousands of untested values in it).
   */
  private firstIndex = new Int32Array(1).fill(-1);

  readonly stats: SolverStats = { solves: 0, decisions: 0, conflicts: 0, propagations: 0, restarts: 0, learnts: 0 };

  constructor(numVars = 0) {
    if (numVars > 0) this.addVars(numVars);
  }

  get numVars(): number {
    return this.n;
  }

  /** False once the clauses alone are unsatisfiable. */
  get okay(): boolean {
    return this.ok;
  }

  /** Add `count` variables; returns the first new one. */
  addVars(count: number, decision = true): number {
    const first = this.n + 1;
    this.ensureCapacity(this.n + count);
    for (let v = first; v < first + count; v++) {
      this.n = v;
      this.reason[v] = -1;
      this.heapIndex[v] = -1;
      this.watches.push([], []);
      this.decision[v] = decision ? 1 : 0;
      if (decision) this.heapInsert(v);
    }
    return first;
  }

  newVar(decision = true): number {
    return this.addVars(1, decision);
  }

  /** Branch on v before any non-decision variable (default: every variable is a decision variable). */
  setDecisionVar(v: number, decision: boolean): void {
    this.checkVar(v);
    this.decision[v] = decision ? 1 : 0;
    if (decision && this.heapIndex[v] < 0 && this.assigns[v] === UNDEF) this.heapInsert(v);
  }

  /** Preferred value when branching on v (overwritten by phase saving as search goes). */
  setPhase(v: number, value: boolean): void {
    this.checkVar(v);
    this.polarity[v] = value ? TRUE : FALSE;
  }

  /**
   * Add a clause (between solves). Returns false if the formula became unsatisfiable.
   * `distinct`: the caller vouches that no two literals share a variable (no duplicate, no
   * tautology), so none is looked for: the engine's per-call clauses hold thousands of values.
   */
  addClause(lits: readonly number[], distinct = false): boolean {
    if (!this.ok) return false;
    const clause: number[] = [];
    // Duplicates and tautologies: a scan for short clauses, a set for the long ones tables give.
    const short = lits.length <= 8;
    const present = short || distinct ? undefined : new Set<number>();
    for (const l of lits) {
      if (!Number.isInteger(l) || l === 0 || Math.abs(l) > this.n) throw new RangeError(`literal ${l} outside 1..${this.n}`);
      if (!distinct) {
        if (short ? lits.includes(-l) : present!.has(-l)) return true; // tautology
        if (short ? clause.includes(l) : present!.has(l)) continue;
        present?.add(l);
      }
      const val = this.litValue(l);
      if (val === TRUE) return true; // satisfied at level 0 (we are always at level 0 here)
      if (val === FALSE) continue;
      clause.push(l);
    }
    if (clause.length === 0) return (this.ok = false);
    if (clause.length === 1) {
      this.enqueue(clause[0], -1);
      if (this.propagate() >= 0) this.ok = false;
      return this.ok;
    }
    const cref = this.alloc(clause, false, 0);
    this.attach(cref);
    this.numOriginal++;
    return true;
  }

  /**
   * Solve under assumptions (literals taken as true for this call only).
   * Unsat: `core` is a subset of the assumptions that can't all hold (empty if the clauses alone are unsat).
   * `first`: literals to decide before any other variable, in this order, each as given (true for v,
   * false for -v), skipping those already set by propagation; then VSIDS with saved phases as usual.
   * Only the order of decisions changes, so the answer is as exact as without; on a satisfiable call,
   * the model holds as many of them as fit together with the earlier ones (a greedy pick).
   */
  solve(assumptions: readonly number[] = [], first: readonly number[] = []): SolveResult {
    this.stats.solves++;
    for (const l of first) {
      if (!Number.isInteger(l) || l === 0 || Math.abs(l) > this.n) throw new RangeError(`literal ${l} outside 1..${this.n}`);
    }
    for (const l of assumptions) {
      if (!Number.isInteger(l) || l === 0 || Math.abs(l) > this.n) throw new RangeError(`assumption ${l} outside 1..${this.n}`);
    }
    this.first = first;
    this.firstPos = 0;
    for (let i = first.length - 1; i >= 0; i--) this.firstIndex[first[i] > 0 ? first[i] : -first[i]] = i;
    if (!this.ok) {
      for (const l of first) this.firstIndex[l > 0 ? l : -l] = -1;
      this.first = NONE;
      return { sat: false, core: [] };
    }
    if (this.maxLearnts === 0) this.maxLearnts = Math.max(2000, Math.floor(this.numOriginal / 3));
    // Level 0 has grown a lot since the last clean-up: drop satisfied clauses (e.g. switched-off
    // selector clauses; until then they cost little, their watches' blockers are true).
    if (this.trailLen - this.simplifiedAtTrail >= Math.max(256, this.n >> 3)) this.reduceAndCompact(false);
    let restarts = 0;
    for (;;) {
      const budget = 100 * luby(restarts++);
      const result = this.search(budget, assumptions);
      if (result !== undefined) {
        this.cancelUntil(0);
        for (const l of first) this.firstIndex[l > 0 ? l : -l] = -1;
        this.first = NONE;
        return result;
      }
      this.stats.restarts++;
      if (this.learnts.length - this.trailLen >= this.maxLearnts) {
        this.reduceAndCompact(true);
        this.maxLearnts = Math.floor(this.maxLearnts * 1.1);
      }
    }
  }

  /**
   * What unit propagation alone derives from the clauses plus the assumptions: per variable
   * 1 (true), -1 (false) or 0 (open); null when propagation hits a conflict. Cheap (no search),
   * and what it fixes holds in every model, so callers skip solver calls for those variables.
   */
  propagateAssumptions(assumptions: readonly number[]): Int8Array | null {
    const out = this.propagatePrefix(assumptions) ? this.assigns.slice(0, this.n + 1) : null;
    this.cancelUntil(0);
    return out;
  }

  /**
   * Failed-literal probing under a prefix: propagate `prefix` once, then each candidate literal
   * on top of it, one at a time. `visit` gets the literals the candidate fixed beyond the prefix
   * (the candidate first), or null when propagation alone refutes it. Returns false (and visits
   * nothing) when the prefix itself propagates to a conflict. `skip` is asked just before each
   * candidate, so the caller can drop candidates settled meanwhile. `visit` must not call the
   * solver nor keep `fixed` (a view of the trail). Probing stops early once it has propagated
   * `budget` literals (it only ever saves work for callers that fall back to `solve`).
   */
  probe(
    prefix: readonly number[],
    candidates: readonly number[],
    skip: (lit: number) => boolean,
    visit: (lit: number, fixed: Int32Array | null) => void,
    budget = Infinity,
  ): boolean {
    const consistent = this.propagatePrefix(prefix);
    if (consistent) {
      const levels = this.trailLim.length;
      const base = this.trailLen;
      let spent = 0;
      for (const lit of candidates) {
        if (spent > budget) break;
        if (skip(lit)) continue;
        const val = this.litValue(lit);
        if (val === TRUE) visit(lit, new Int32Array(0));
        else if (val === FALSE) visit(lit, null);
        else {
          this.trailLim.push(this.trailLen);
          this.enqueue(lit, -1);
          const confl = this.propagate();
          spent += this.trailLen - base;
          visit(lit, confl >= 0 ? null : this.trail.subarray(base, this.trailLen));
          this.cancelUntil(levels);
        }
      }
    }
    this.cancelUntil(0);
    return consistent;
  }

  /** Assume the literals one level each and propagate; false on conflict (then still at those levels). */
  private propagatePrefix(prefix: readonly number[]): boolean {
    for (const l of prefix) {
      if (!Number.isInteger(l) || l === 0 || Math.abs(l) > this.n) throw new RangeError(`assumption ${l} outside 1..${this.n}`);
    }
    if (!this.ok) return false;
    for (const p of prefix) {
      const val = this.litValue(p);
      if (val === TRUE) continue;
      if (val === FALSE) return false;
      this.trailLim.push(this.trailLen);
      this.enqueue(p, -1);
      if (this.propagate() >= 0) return false;
    }
    return true;
  }

  // ---------------------------------------------------------------- search

  private search(budget: number, assumptions: readonly number[]): SolveResult | undefined {
    let conflicts = 0;
    for (;;) {
      const confl = this.propagate();
      if (confl >= 0) {
        this.stats.conflicts++;
        conflicts++;
        if (this.trailLim.length === 0) {
          this.ok = false;
          return { sat: false, core: [] };
        }
        if (!this.learnFrom(confl)) {
          this.ok = false;
          return { sat: false, core: [] };
        }
        this.varInc /= this.varDecay;
        continue;
      }
      if (conflicts >= budget) {
        this.cancelUntil(0);
        return undefined;
      }
      let next = 0;
      while (this.trailLim.length < assumptions.length) {
        const p = assumptions[this.trailLim.length];
        const val = this.litValue(p);
        if (val === TRUE) {
          this.trailLim.push(this.trailLen); // dummy level keeps levels aligned with assumptions
        } else if (val === FALSE) {
          return { sat: false, core: this.analyzeFinal(p) };
        } else {
          next = p;
          break;
        }
      }
      if (next === 0) {
        // Literals to decide first, in order, each as given; one already set either way is skipped.
        const first = this.first;
        while (this.firstPos < first.length) {
          const l = first[this.firstPos++];
          if (this.litValue(l) === UNDEF) {
            next = l;
            this.stats.decisions++;
            break;
          }
        }
      }
      if (next === 0) {
        next = this.pickBranch();
        if (next === 0) return { sat: true, model: this.model() };
        this.stats.decisions++;
      }
      this.trailLim.push(this.trailLen);
      this.enqueue(next, -1);
    }
  }

  private model(): Uint8Array {
    const m = new Uint8Array(this.n + 1);
    for (let v = 1; v <= this.n; v++) m[v] = this.assigns[v] === TRUE ? 1 : 0;
    return m;
  }

  private pickBranch(): number {
    while (this.heapSize > 0) {
      const v = this.heapPop();
      if (this.assigns[v] === UNDEF && this.decision[v]) return this.polarity[v] === TRUE ? v : -v;
    }
    // Non-decision variables are normally fixed by propagation; decide any that are not.
    for (let v = this.fallbackScan; v <= this.n; v++) {
      if (this.assigns[v] === UNDEF) {
        this.fallbackScan = v;
        return this.polarity[v] === TRUE ? v : -v;
      }
    }
    this.fallbackScan = this.n + 1;
    return 0;
  }

  private litValue(l: number): number {
    const a = this.assigns[l > 0 ? l : -l];
    return l > 0 ? a : -a;
  }

  private enqueue(l: number, from: number, lvl = this.trailLim.length): void {
    const v = l > 0 ? l : -l;
    this.assigns[v] = l > 0 ? TRUE : FALSE;
    this.level[v] = lvl;
    this.reason[v] = from;
    this.trail[this.trailLen++] = l;
  }

  /** Unit propagation; returns the conflicting clause or -1. */
  private propagate(): number {
    const assigns = this.assigns;
    const arena = this.arena;
    const watches = this.watches;
    const watchLen = this.watchLen;
    const level = this.level;
    let confl = -1;
    while (this.qhead < this.trailLen && confl < 0) {
      const p = this.trail[this.qhead++];
      const falseLit = -p;
      const li = litIndex(falseLit);
      const ws = watches[li];
      const end = watchLen[li];
      // Exact levels (chronological backtracking): what p implies sits at the highest level among
      // the reason's other literals; p is one of them, so that is p's level unless p is below the top.
      const current = this.trailLim.length;
      const pLevel = level[p > 0 ? p : -p];
      let i = 0;
      let j = 0;
      this.stats.propagations++;
      while (i < end) {
        const code = ws[i];
        const blocker = ws[i + 1];
        i += 2;
        const ba = assigns[blocker > 0 ? blocker : -blocker];
        const bv = blocker > 0 ? ba : -ba;
        if (bv === TRUE) {
          ws[j++] = code;
          ws[j++] = blocker;
          continue;
        }
        if (code < 0) {
          // Binary clause: the blocker is the other literal.
          ws[j++] = code;
          ws[j++] = blocker;
          if (bv === FALSE) {
            confl = ~code;
            while (i < end) ws[j++] = ws[i++];
          } else {
            this.enqueue(blocker, ~code, pLevel);
          }
          continue;
        }
        const cref = code;
        const base = cref + HEADER;
        if (arena[base] === falseLit) {
          arena[base] = arena[base + 1];
          arena[base + 1] = falseLit;
        }
        const first = arena[base];
        const fa = assigns[first > 0 ? first : -first];
        const fv = first > 0 ? fa : -fa;
        if (first !== blocker && fv === TRUE) {
          ws[j++] = cref;
          ws[j++] = first;
          continue;
        }
        const size = arena[cref];
        let moved = false;
        const start = arena[cref + POS];
        for (let step = 2; step < size; step++) {
          // Circular search from the saved position over literals 2..size-1.
          let k = start + step - 2;
          if (k >= size) k -= size - 2;
          const l = arena[base + k];
          const la = assigns[l > 0 ? l : -l];
          if ((l > 0 ? la : -la) !== FALSE) {
            arena[base + 1] = l;
            arena[base + k] = falseLit;
            arena[cref + POS] = k;
            this.watchPush(litIndex(l), cref, first);
            moved = true;
            break;
          }
        }
        if (moved) continue;
        ws[j++] = cref;
        ws[j++] = first;
        if (fv === FALSE) {
          confl = cref;
          while (i < end) ws[j++] = ws[i++];
        } else {
          let lvl = pLevel;
          if (lvl < current) {
            for (let k = 1; k < size; k++) {
              const q = arena[base + k];
              const ql = level[q > 0 ? q : -q];
              if (ql > lvl) lvl = ql;
            }
          }
          this.enqueue(first, cref, lvl);
        }
      }
      watchLen[li] = j;
    }
    return confl;
  }

  /**
   * First-UIP conflict analysis, learning and backjumping. Literals carry exact levels and may sit
   * on the trail out of level order (chronological backtracking, Nadel & Ryvchin 2018; Möhle &
   * Biere 2019): the conflict is analysed at its own highest level, not the current one.
   * Returns false when the conflict needs no decision at all (the clauses alone are unsat).
   */
  private learnFrom(conflict: number): boolean {
    const arena = this.arena;
    const seen = this.seen;
    const level = this.level;
    let current = 0;
    {
      const size = arena[conflict];
      let at = -1;
      let count = 0;
      let below = 0;
      for (let k = 0; k < size; k++) {
        const q = arena[conflict + HEADER + k];
        const ql = level[q > 0 ? q : -q];
        if (ql > current) {
          below = current;
          current = ql;
          count = 1;
          at = k;
        } else if (ql === current) {
          count++;
        } else if (ql > below) {
          below = ql;
        }
      }
      if (current === 0) return false;
      // A clause left unit but unpropagated (a literal kept by a chronological backtrack) turns
      // false with a single literal at its highest level, a watched one: it is that literal's
      // reason at the level of the others, so assign it there instead of learning it again.
      if (count === 1 && at <= 1) {
        const lit = arena[conflict + HEADER + at];
        this.cancelUntil(current - 1);
        this.enqueue(lit, conflict, below);
        return true;
      }
      this.cancelUntil(current);
    }
    const learnt: number[] = [0];
    let pathC = 0;
    let p = 0;
    let index = this.trailLen - 1;
    let confl = conflict;
    do {
      const size = arena[confl];
      const base = confl + HEADER;
      for (let k = 0; k < size; k++) {
        const q = arena[base + k];
        if (q === p) continue;
        const v = q > 0 ? q : -q;
        if (!seen[v] && level[v] > 0) {
          this.bump(v);
          seen[v] = 1;
          if (level[v] >= current) pathC++;
          else learnt.push(q);
        }
      }
      for (;;) {
        const t = this.trail[index];
        const tv = t > 0 ? t : -t;
        if (seen[tv] && level[tv] === current) break;
        index--;
      }
      p = this.trail[index--];
      const pv = p > 0 ? p : -p;
      confl = this.reason[pv];
      seen[pv] = 0;
      pathC--;
    } while (pathC > 0);
    learnt[0] = -p;

    // Local minimisation: drop literals whose reason is covered by the rest of the clause.
    const toClear = learnt.slice(1);
    let out = 1;
    for (let i = 1; i < learnt.length; i++) {
      const q = learnt[i];
      const v = Math.abs(q);
      const r = this.reason[v];
      let redundant = r >= 0;
      if (redundant) {
        const size = arena[r];
        for (let k = 0; k < size; k++) {
          const x = arena[r + HEADER + k];
          const xv = x > 0 ? x : -x;
          if (xv !== v && !seen[xv] && level[xv] > 0) {
            redundant = false;
            break;
          }
        }
      }
      if (!redundant) learnt[out++] = q;
    }
    learnt.length = out;
    for (const q of toClear) seen[Math.abs(q)] = 0;

    // Backjump level: the highest level among the other literals, which goes to position 1.
    let bt = 0;
    if (learnt.length > 1) {
      let maxI = 1;
      for (let i = 2; i < learnt.length; i++) if (level[Math.abs(learnt[i])] > level[Math.abs(learnt[maxI])]) maxI = i;
      const tmp = learnt[1];
      learnt[1] = learnt[maxI];
      learnt[maxI] = tmp;
      bt = level[Math.abs(learnt[1])];
    }
    const lbd = this.computeLbd(learnt);
    // Chronological backtracking (for jumps over satTuning.chronoLevels levels; shipped: all):
    // undo only the conflict level and assign the asserting literal out of order, at its exact
    // level bt (where its reason clause is unit); a later backtrack to bt or above keeps it. It
    // saves re-deciding (and re-propagating) the levels in between, e.g. the untested values a
    // "first" list decides one level each.
    const target = learnt.length > 1 && current - bt > satTuning.chronoLevels ? current - 1 : bt;
    this.cancelUntil(target);
    if (learnt.length === 1) {
      this.enqueue(learnt[0], -1, 0);
    } else {
      const cref = this.alloc(learnt, true, lbd);
      this.attach(cref);
      this.learnts.push(cref);
      this.stats.learnts++;
      this.enqueue(learnt[0], cref, bt);
    }
    return true;
  }

  private computeLbd(lits: number[]): number {
    const stamp = ++this.stampCounter;
    let lbd = 0;
    for (const l of lits) {
      const lv = this.level[Math.abs(l)];
      if (this.levelStamp[lv] !== stamp) {
        this.levelStamp[lv] = stamp;
        lbd++;
      }
    }
    return lbd;
  }

  /** The assumptions responsible for assumption p being false. */
  private analyzeFinal(p: number): number[] {
    const core = [p];
    const pv = Math.abs(p);
    if (this.level[pv] === 0) return core;
    const seen = this.seen;
    seen[pv] = 1;
    const start = this.trailLim[0];
    for (let i = this.trailLen - 1; i >= start; i--) {
      const l = this.trail[i];
      const v = Math.abs(l);
      if (!seen[v]) continue;
      const r = this.reason[v];
      if (r < 0) {
        core.push(l); // an assumption (the only decisions below the search levels)
      } else {
        const size = this.arena[r];
        for (let k = 0; k < size; k++) {
          const q = this.arena[r + HEADER + k];
          const qv = Math.abs(q);
          if (qv !== v && this.level[qv] > 0) seen[qv] = 1;
        }
      }
      seen[v] = 0;
    }
    seen[pv] = 0;
    return core;
  }

  private cancelUntil(lvl: number): void {
    if (this.trailLim.length <= lvl) return;
    const stop = this.trailLim[lvl];
    // Literals at or below lvl that were trailed later (out of order) stay, in trail order. Those
    // already propagated need no second pass: what they implied alone sits at their level or below
    // and stays too (Möhle & Biere 2019); propagation resumes where it stopped.
    const oldQ = this.qhead;
    let newQ = -1;
    let j = stop;
    const firstIndex = this.firstIndex;
    let firstPos = this.firstPos;
    for (let i = stop; i < this.trailLen; i++) {
      if (i === oldQ) newQ = j;
      const l = this.trail[i];
      const v = l > 0 ? l : -l;
      if (this.level[v] <= lvl) {
        this.trail[j++] = l;
        continue;
      }
      this.polarity[v] = this.assigns[v];
      this.assigns[v] = UNDEF;
      this.reason[v] = -1;
      const fi = firstIndex[v];
      if (fi >= 0 && fi < firstPos) firstPos = fi;
      if (this.heapIndex[v] < 0 && this.decision[v]) this.heapInsert(v);
      if (v < this.fallbackScan) this.fallbackScan = v;
    }
    this.trailLen = j;
    this.qhead = oldQ <= stop ? oldQ : newQ < 0 ? j : newQ;
    this.trailLim.length = lvl;
    // Literals of `first` passed over may be unset again: look again from the earliest one.
    this.firstPos = firstPos;
  }

  // ---------------------------------------------------------------- clause store

  private alloc(lits: readonly number[], learnt: boolean, lbd: number): number {
    const need = this.arenaTop + HEADER + lits.length;
    if (need > this.arena.length) this.reserve(need - this.arenaTop);
    const arena = this.arena;
    const cref = this.arenaTop;
    arena[cref] = lits.length;
    arena[cref + 1] = (learnt ? LEARNT : 0) | (lbd << LBD_SHIFT);
    arena[cref + POS] = 2;
    for (let i = 0; i < lits.length; i++) arena[cref + HEADER + i] = lits[i];
    this.arenaTop = need;
    return cref;
  }

  /** Make room for `words` more arena words (clauses take their length + 3). */
  reserve(words: number): void {
    const need = this.arenaTop + words;
    if (need <= this.arena.length) return;
    let size = this.arena.length * 2;
    while (size < need) size *= 2;
    const grown = new Int32Array(size);
    grown.set(this.arena.subarray(0, this.arenaTop));
    this.arena = grown;
  }

  private attach(cref: number): void {
    const a = this.arena[cref + HEADER];
    const b = this.arena[cref + HEADER + 1];
    const code = this.arena[cref] === 2 ? ~cref : cref;
    this.watchPush(litIndex(a), code, b);
    this.watchPush(litIndex(b), code, a);
  }

  private watchPush(li: number, code: number, blocker: number): void {
    const ws = this.watches[li];
    const len = this.watchLen[li];
    if (len < ws.length) {
      ws[len] = code;
      ws[len + 1] = blocker;
    } else ws.push(code, blocker);
    this.watchLen[li] = len + 2;
  }

  /**
   * At level 0: drop clauses satisfied at level 0, strip false literals, optionally delete the
   * worse half of the learnt clauses (by LBD), then compact the arena and rebuild the watches.
   */
  private reduceAndCompact(reduceLearnts: boolean): void {
    const arena = this.arena;
    if (reduceLearnts) {
      const candidates = this.learnts.filter((c) => arena[c + 1] >> LBD_SHIFT > 2);
      candidates.sort((x, y) => (arena[y + 1] >> LBD_SHIFT) - (arena[x + 1] >> LBD_SHIFT) || x - y);
      const drop = candidates.slice(0, Math.floor(this.learnts.length / 2));
      for (const c of drop) arena[c + 1] |= DELETED;
    }
    // Level-0 reasons are never looked at again; forget them so clauses can move.
    for (let i = 0; i < this.trailLen; i++) this.reason[Math.abs(this.trail[i])] = -1;
    const fresh = new Int32Array(Math.max(1024, this.arenaTop));
    let top = 0;
    const learnts: number[] = [];
    let original = 0;
    this.watchLen.fill(0);
    let cref = 0;
    const units: number[] = [];
    while (cref < this.arenaTop) {
      const size = arena[cref];
      const flags = arena[cref + 1];
      const next = cref + HEADER + size;
      if (flags & DELETED) {
        cref = next;
        continue;
      }
      let satisfied = false;
      let kept = 0;
      const at = top + HEADER;
      for (let k = 0; k < size; k++) {
        const l = arena[cref + HEADER + k];
        const val = this.litValue(l);
        if (val === TRUE) {
          satisfied = true;
          break;
        }
        if (val === UNDEF) fresh[at + kept++] = l;
      }
      if (!satisfied) {
        if (kept <= 1) {
          // Can't happen after complete propagation; handle it anyway.
          if (kept === 0) this.ok = false;
          else units.push(fresh[at]);
        } else {
          const moved = top;
          fresh[moved] = kept;
          fresh[moved + 1] = flags;
          fresh[moved + POS] = 2;
          if (flags & LEARNT) learnts.push(moved);
          else original++;
          top = at + kept;
          const code = kept === 2 ? ~moved : moved;
          const c0 = fresh[at];
          const c1 = fresh[at + 1];
          this.watchPush(litIndex(c0), code, c1);
          this.watchPush(litIndex(c1), code, c0);
        }
      }
      cref = next;
    }
    this.arena = fresh;
    this.arenaTop = top;
    this.learnts = learnts;
    this.numOriginal = original;
    for (const u of units) {
      if (this.litValue(u) === FALSE) this.ok = false;
      else if (this.litValue(u) === UNDEF) this.enqueue(u, -1);
    }
    if (units.length > 0 && this.propagate() >= 0) this.ok = false;
    this.simplifiedAtTrail = this.trailLen;
  }

  // ---------------------------------------------------------------- VSIDS heap

  private bump(v: number): void {
    if ((this.activity[v] += this.varInc) > 1e100) {
      for (let i = 1; i <= this.n; i++) this.activity[i] *= 1e-100;
      this.varInc *= 1e-100;
    }
    const i = this.heapIndex[v];
    if (i >= 0) this.heapUp(i);
  }

  private heapInsert(v: number): void {
    this.heapIndex[v] = this.heapSize;
    this.heap[this.heapSize++] = v;
    this.heapUp(this.heapSize - 1);
  }

  private heapPop(): number {
    const top = this.heap[0];
    const last = this.heap[--this.heapSize];
    this.heapIndex[top] = -1;
    if (this.heapSize > 0) {
      this.heap[0] = last;
      this.heapIndex[last] = 0;
      this.heapDown(0);
    }
    return top;
  }

  private heapUp(start: number): void {
    const heap = this.heap;
    const act = this.activity;
    let i = start;
    const v = heap[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pv = heap[parent];
      if (act[pv] >= act[v]) break;
      heap[i] = pv;
      this.heapIndex[pv] = i;
      i = parent;
    }
    heap[i] = v;
    this.heapIndex[v] = i;
  }

  private heapDown(start: number): void {
    const heap = this.heap;
    const act = this.activity;
    let i = start;
    const v = heap[i];
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.heapSize) break;
      const right = left + 1;
      const child = right < this.heapSize && act[heap[right]] > act[heap[left]] ? right : left;
      if (act[heap[child]] <= act[v]) break;
      heap[i] = heap[child];
      this.heapIndex[heap[i]] = i;
      i = child;
    }
    heap[i] = v;
    this.heapIndex[v] = i;
  }

  // ---------------------------------------------------------------- storage

  private checkVar(v: number): void {
    if (!Number.isInteger(v) || v < 1 || v > this.n) throw new RangeError(`variable ${v} outside 1..${this.n}`);
  }

  private ensureCapacity(n: number): void {
    if (n < this.cap) return;
    let cap = Math.max(16, this.cap * 2);
    while (cap <= n) cap *= 2;
    const grow = <T extends Int8Array | Uint8Array | Int32Array | Float64Array>(a: T, make: (len: number) => T): T => {
      const b = make(cap + 1);
      b.set(a);
      return b;
    };
    this.assigns = grow(this.assigns, (l) => new Int8Array(l));
    this.level = grow(this.level, (l) => new Int32Array(l));
    this.reason = grow(this.reason, (l) => new Int32Array(l));
    this.activity = grow(this.activity, (l) => new Float64Array(l));
    this.polarity = grow(this.polarity, (l) => new Int8Array(l));
    this.decision = grow(this.decision, (l) => new Uint8Array(l));
    this.seen = grow(this.seen, (l) => new Uint8Array(l));
    this.heapIndex = grow(this.heapIndex, (l) => new Int32Array(l));
    this.heap = grow(this.heap, (l) => new Int32Array(l));
    this.trail = grow(this.trail, (l) => new Int32Array(l));
    this.levelStamp = grow(this.levelStamp, (l) => new Int32Array(l));
    const firstIndex = new Int32Array(cap + 1).fill(-1);
    firstIndex.set(this.firstIndex);
    this.firstIndex = firstIndex;
    const watchLen = new Int32Array(2 * (cap + 1));
    watchLen.set(this.watchLen);
    this.watchLen = watchLen;
    this.cap = cap;
  }
}

/** A solver loaded with a CNF. */
export function solverFromCnf(cnf: { numVars: number; clauses: readonly (readonly number[])[] }): SatSolver {
  const s = new SatSolver(cnf.numVars);
  s.reserve(cnf.clauses.reduce((sum, c) => sum + c.length + HEADER, 0));
  for (const c of cnf.clauses) if (!s.addClause(c)) break;
  return s;
}
