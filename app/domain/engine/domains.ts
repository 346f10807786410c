/**
 * Valid domains ("backtrack-free" configuration): a value is available exactly
 * when some complete configuration extends the current choices plus that value;
 * it is implied when every such configuration contains it (chosen values too).
 *
 * How, with few solver calls:
 * 1. Propagate the choices: what that fixes is settled. Start from complete
 *    configurations kept from earlier recomputes that have every choice (after
 *    a click, the witness of the clicked value is one); else solve once.
 * 2. For each model found: every value true in it is available, every value
 *    false in it is not implied; then try cheap witnesses for the open values:
 *    one-change neighbours of the models checked against the rules (flips.ts);
 *    for lines with tables, repairs (set the value, switch each broken table
 *    to a nearby tuple, depth-first, bounded); without tables, failed-literal
 *    probing (a literal refuted by propagation is settled; otherwise the model
 *    with what the literal forces is often a witness).
 * 3. What is still open goes to the solver: "a model where at least one open
 *    value is true" (a clause that lives for one call), deciding the open
 *    values first (true), so each model holds as many of them as fit
 *    together. The first "unsat" proves every remaining value unavailable at once. Likewise "a model where
 *    at least one implied candidate is false"; the candidates join the untested values' calls
 *    (decided false after them), so one model can answer both questions.
 * Answers are cached per compiled line: the empty configuration's for good, the
 * last few others in an LRU (see AnswerCache).
 * Reasons are separate (QuickXplain, ~25 solver calls per value), so the UI can
 * skip them in the recompute and ask per value with `explain`.
 */
import type { CompiledLine } from "./compile";
import { cnfFlipsFor, cnfFlipsSuffice, swapsPay, swapTuning, type CnfFlips } from "./cnf-flips";
import { flipCheckerFor } from "./flips";
import { quickXplain } from "./quickxplain";
import { refutationRules } from "./refute";
import { choiceVars, sessionFor } from "./session";
import type { Domains, Reason, ValueState } from "./types";

/** Work allowed to one table repair (tuples looked at / 16 + tables mended). */
const REPAIR_BUDGET = 100;
/** Kept witnesses a recompute starts from on lines with tables (each start costs a round of repairs). */
const MAX_STARTS = 8;
/** Repairs tried per value and recompute before leaving it to the solver. */
const MAX_REPAIR_TRIES = 2;

export interface DomainOptions {
  /** Compute a reason for every unavailable value (default true). */
  reasons?: boolean;
}

export function validDomains(compiled: CompiledLine, config: { choices: readonly string[] }, options: DomainOptions = {}): Domains {
  const chosen = choiceVars(compiled, config.choices);
  const { consistent, available, implied } = backbone(compiled, chosen, true);
  const isChosen = new Uint8Array(compiled.numValueVars + 1);
  for (const v of chosen) isChosen[v] = 1;

  const withReasons = options.reasons ?? true;
  return {
    consistent,
    features: compiled.features.map((f) => ({
      code: f.code,
      values: f.values.map((code, i): ValueState => {
        const v = f.vars[i];
        const state: ValueState = { code, available: available[v] === 1, chosen: isChosen[v] === 1, implied: implied[v] === 1 };
        if (!state.available && withReasons) state.reason = explainVar(compiled, chosen, v) ?? undefined;
        return state;
      }),
    })),
  };
}

/**
 * Which value variables are true in some completion of `chosen` (available) and in every
 * completion (implied). `withAvailable: false` skips the first question (cheaper).
 */
export function backbone(compiled: CompiledLine, chosen: readonly number[], withAvailable: boolean): Backbone {
  const cache = cacheFor(compiled);
  // Order and repeats of the choices don't change the answer; an answer with `available` serves both questions.
  const key = [...new Set(chosen)].sort((a, b) => a - b).join(",");
  const hit = cache.get(`A${key}`) ?? (withAvailable ? undefined : cache.get(`I${key}`));
  if (hit) return copy(hit);
  const pairs = chosen.length > 0 ? pairTableFor(compiled) : null;
  // One choice: the pair table holds the whole answer.
  if (pairs && !key.includes(",")) return copy(pairs.rows[chosen[0]]);
  const hints = pairs ? pairHints(compiled, pairs, chosen) : {};
  settleFromSubset(compiled, cache, chosen, hints);
  const answer = computeBackbone(compiled, chosen, withAvailable, hints);
  cache.set(`${withAvailable ? "A" : "I"}${key}`, copy(answer));
  return answer;
}

/**
 * More choices only remove completions: a value unavailable for a subset of the choices is
 * unavailable for them all, and a value implied by a subset is implied. So the answer for the
 * previous click (the choices but the last), or any cached answer for a subset, settles those
 * values before any model is looked at; the empty configuration's answer (dead and core
 * values) always applies. Exact, and on large models most values are settled this way.
 */
function settleFromSubset(compiled: CompiledLine, cache: AnswerCache, chosen: readonly number[], hints: Hints): void {
  const distinct = [...new Set(chosen)];
  const keys: string[] = [];
  // The choices without one of them, the most recent first (a click adds one choice).
  for (let i = distinct.length - 1; i >= 0; i--) {
    keys.push(
      distinct
        .filter((_, k) => k !== i)
        .sort((a, b) => a - b)
        .join(","),
    );
  }
  if (distinct.length > 1) keys.push("");
  let subset: Backbone | undefined;
  for (const k of keys) {
    subset = cache.get(`A${k}`);
    if (subset) break;
  }
  if (!subset?.consistent) return;
  const n = compiled.numValueVars;
  const unavailable = hints.unavailable ?? (hints.unavailable = new Uint8Array(n + 1));
  const implied = hints.implied ?? (hints.implied = new Uint8Array(n + 1));
  for (let v = 1; v <= n; v++) {
    if (!subset.available[v]) unavailable[v] = 1;
    if (subset.implied[v]) implied[v] = 1;
  }
}

export interface Backbone {
  consistent: boolean;
  available: Uint8Array;
  implied: Uint8Array;
}

/**
 * Answers kept per compiled line: the empty configuration's for good (every customer starts
 * there, and it is the costliest: everything is open), and the last few others (undo, back,
 * the configurator's look at a feature's alternatives). Answers are exact, so keeping them
 * changes nothing but the time.
 */
class AnswerCache {
  private readonly pinned = new Map<string, Backbone>();
  private readonly recent = new Map<string, Backbone>();

  get(key: string): Backbone | undefined {
    const pinned = this.pinned.get(key);
    if (pinned) return pinned;
    const hit = this.recent.get(key);
    if (hit) {
      // Most recently used last.
      this.recent.delete(key);
      this.recent.set(key, hit);
    }
    return hit;
  }

  set(key: string, answer: Backbone): void {
    if (key.length === 1) {
      this.pinned.set(key, answer);
      return;
    }
    this.recent.set(key, answer);
    if (this.recent.size > RECENT_ANSWERS) this.recent.delete(this.recent.keys().next().value!);
  }
}

/** Answers kept per line besides the empty configuration's. */
const RECENT_ANSWERS = 32;
const caches = new WeakMap<CompiledLine, AnswerCache>();

function cacheFor(compiled: CompiledLine): AnswerCache {
  let c = caches.get(compiled);
  if (!c) {
    c = new AnswerCache();
    caches.set(compiled, c);
  }
  return c;
}

/**
 * The last complete configurations (value variables only) that answered something, per line:
 * starting points for the next recompute. Only ever complete configurations (solver models,
 * or checked by flips.ts), so using one as a witness is exact.
 */
class WitnessPool {
  private readonly items: Uint8Array[] = [];
  private next = 0;

  add(model: Uint8Array, n: number): void {
    const copy = model.slice(0, n + 1);
    if (this.items.length < POOL_SIZE) this.items.push(copy);
    else {
      this.items[this.next] = copy;
      this.next = (this.next + 1) % POOL_SIZE;
    }
  }

  /** Every kept configuration (oldest first within the ring; order doesn't matter to callers). */
  all(): readonly Uint8Array[] {
    return this.items;
  }

  /** Every kept configuration, most recent first. */
  *recent(): Generator<Uint8Array> {
    const size = this.items.length;
    for (let k = 1; k <= size; k++) yield this.items[(this.next - k + size) % size];
  }

  /** Up to `max` kept configurations that have every chosen value, most recent first. */
  matching(chosen: readonly number[], max: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    const size = this.items.length;
    for (let k = 1; k <= size && out.length < max; k++) {
      const item = this.items[(this.next - k + size) % size];
      if (chosen.every((v) => item[v] === 1)) out.push(item);
    }
    return out;
  }
}

const POOL_SIZE = 512;
const pools = new WeakMap<CompiledLine, WitnessPool>();

function poolFor(compiled: CompiledLine): WitnessPool {
  let p = pools.get(compiled);
  if (!p) {
    p = new WitnessPool();
    pools.set(compiled, p);
  }
  return p;
}

const copy = (b: Backbone): Backbone => ({ consistent: b.consistent, available: b.available.slice(), implied: b.implied.slice() });

/**
 * What a recompute may take as known (all exact, e.g. from the pair table): per value variable,
 * 1 where it holds. `unavailable` and `implied` settle a value; `available` and `notImplied`
 * answer one of its two questions. `starts` replace the kept witnesses as starting models;
 * `onWitness` sees every complete configuration that answered something.
 */
interface Hints {
  starts?: Uint8Array[];
  available?: Uint8Array;
  notImplied?: Uint8Array;
  unavailable?: Uint8Array;
  implied?: Uint8Array;
  onWitness?: (model: Uint8Array) => void;
  /**
   * Complete configurations to repair from for values still open after the starts: one with the
   * value and every choice but one is repaired to bring in the missing choice, keeping the rest.
   */
  nearby?: readonly Uint8Array[];
}

function computeBackbone(compiled: CompiledLine, chosen: readonly number[], withAvailable: boolean, hints: Hints = {}): Backbone {
  const session = sessionFor(compiled);
  const n = compiled.numValueVars;
  const available = new Uint8Array(n + 1);
  const implied = new Uint8Array(n + 1);
  // What propagation fixes holds in every completion: no solver call needed for those values.
  const fixed = session.propagate(chosen);
  // Complete configurations found by earlier recomputes that keep every choice are models
  // already (after a click, the witness that made the clicked value available is one).
  const pool = poolFor(compiled);
  // Several starting points pay off with table repairs; without tables each start costs a
  // round of probing, so one is enough.
  const cnf = cnfFlipsFor(compiled);
  const manyStarts = cnf !== null && n >= tuning.manyStartsFrom;
  const starts = fixed === null ? [] : (hints.starts ?? pool.matching(chosen, manyStarts ? MAX_CNF_STARTS : flipCheckerFor(compiled).canRepair ? MAX_STARTS : 1));
  // Kept configurations that lack a choice (the previous click's models lack the new one) are
  // usually a few flips from one that has it: a local search on the CNF brings the choices in.
  if (fixed !== null && manyStarts && starts.length < MAX_CNF_STARTS) transferStarts(cnf, pool, chosen, starts);
  const first = fixed === null || starts.length > 0 ? null : session.solve(chosen);
  if (first?.sat) starts.push(first.model);
  const consistent = starts.length > 0;
  if (consistent && fixed !== null) {
    // Fixed by propagation: fixed true is implied and available, fixed false is neither.
    const settled = new Uint8Array(n + 1);
    for (let v = 1; v <= n; v++) if (fixed[v] !== 0) settled[v] = 1;
    implied.fill(1); // candidates until a model lacks them
    // Known answers: a settled value's state comes from the models (true in all, or in none).
    const { unavailable: knownOut, implied: knownIn, available: knownAvailable, notImplied: knownFree } = hints;
    for (let v = 1; v <= n; v++) {
      if (knownOut?.[v] || knownIn?.[v]) settled[v] = 1;
      if (knownAvailable?.[v]) available[v] = 1;
      if (knownFree?.[v]) implied[v] = 0;
    }
    const record = (model: Uint8Array) => {
      let news = false;
      for (let v = 1; v <= n; v++) {
        if (model[v]) {
          if (!available[v]) {
            available[v] = 1;
            news = true;
          }
        } else if (implied[v]) {
          implied[v] = 0;
          news = true;
        }
      }
      if (news) {
        pool.add(model, n);
        hints.onWitness?.(model);
      }
    };
    // Before asking the solver again, try one-change neighbours of each model it gives (flips.ts).
    const flips = flipCheckerFor(compiled);
    const isChosen = new Uint8Array(n + 1);
    for (const v of chosen) isChosen[v] = 1;
    const neighbours = (model: Uint8Array) => {
      flips.load(model);
      for (let v = 1; v <= n; v++) {
        if (settled[v]) continue;
        if (withAvailable && !available[v]) flips.flip(v, true, isChosen, record);
        if (implied[v]) flips.flip(v, false, isChosen, record);
      }
    };
    // Failed-literal probing: one propagation per open question. A refuted literal settles the
    // value (unavailable, or implied); otherwise the model with what the literal forces imposed
    // is often a witness already.
    const probe = (model: Uint8Array) => {
      const open: number[] = [];
      for (let v = 1; v <= n; v++) {
        if (settled[v]) continue;
        if (withAvailable && !available[v]) open.push(v);
        if (implied[v]) open.push(-v);
      }
      if (cnf) cnf.load(model);
      else flips.load(model);
      session.probe(
        chosen,
        open,
        (lit) => (lit > 0 ? available[lit] === 1 : implied[-lit] === 0),
        (lit, fixed) => {
          if (fixed !== null && lit > 0) cone[lit] = fixed.length;
          if (fixed === null) settled[Math.abs(lit)] = 1; // refuted: unavailable (lit > 0) or implied (lit < 0)
          // On the CNF only the changed variables are looked at, and no model is copied.
          else if (cnf) cnf.overlay(fixed, (u, value) => (value ? (available[u] = 1) : (implied[u] = 0)));
          else flips.overlay(fixed, isChosen, record);
        },
        // Worth it while cheaper than a few solver calls (each propagates every variable).
        4 * compiled.cnf.numVars,
      );
    };
    // Table repairs: a witness near the model for each value still open, found by switching
    // broken tables to nearby tuples (flips.ts). Far cheaper than a solver call when it works.
    // A value that failed twice (from two different models) waits for the solver: failures
    // cost the whole budget.
    const tries = new Uint8Array(n + 1);
    // Per value: how many literals its last probe forced (0: not probed). See the untested calls.
    const cone = new Int32Array(n + 1);
    // Values whose "implied" follows from availability (see below): no repair to disprove it.
    const derived = new Uint8Array(n + 1);
    for (const f of compiled.features) if (f.kind === "single" && f.min >= 1) for (const w of f.vars) derived[w] = 1;
    const repairs = (model: Uint8Array) => {
      if (!flips.canRepair) return;
      flips.load(model);
      for (let v = 1; v <= n; v++) {
        if (settled[v] || tries[v] >= MAX_REPAIR_TRIES) continue;
        if (withAvailable && !available[v] && !flips.repair(v, isChosen, record, REPAIR_BUDGET)) tries[v]++;
        if (implied[v] && !(withAvailable && derived[v]) && !flips.repairOff(v, isChosen, record, REPAIR_BUDGET)) tries[v]++;
      }
    };
    // Earlier models stay useful: a value one flip away from none of the recent ones may be
    // one flip away from an older one, and flips cost microseconds against a solver call.
    // One-variable flips checked on the CNF (cnf-flips.ts): a pass over every open value per model.
    // Then a greedy climb: open values that can be switched on are switched on in place, pass after
    // pass, so a value that needs another one ("depends on" chains of Kconfig menus) follows it.
    // Every step keeps a model, so the climbed model is one more witness (kept for later clicks).
    let availabilityExact = false;
    // What a swap or a dive changed, in a model (cnf-flips.ts): true is available, false not implied.
    const take = (u: number, value: number) => (value ? (available[u] = 1) : (implied[u] = 0));
    const deep = cnf !== null && swapsPay(cnf);
    const cnfNeighbours = (model: Uint8Array) => {
      if (!cnf || !tuning.cnfFlipPasses) return;
      // The empty configuration (computed once, when the line loads) leaves its values to the
      // solver's models: see tuning.flipPassesAtEmpty.
      if (chosen.length === 0 && !tuning.flipPassesAtEmpty) return;
      cnf.load(model);
      let untested = 0;
      // A dive that stays moves the current model (so the next values of the branch it opened are
      // a flip or a swap away); the moved model is one more witness, kept like the climb's.
      const stay = swapTuning.diveStays;
      let moved = false;
      // Dives that fail cost their whole flip allowance: a pass stops diving after so many.
      const diveBudget = cnf.failedDiveFlips + swapTuning.failedDiveFlipsPerVar * n;
      for (let v = 1; v <= n; v++) {
        if (settled[v]) continue;
        if (model[v]) {
          if (implied[v] && cnf.canFlip(v)) implied[v] = 0;
        } else if (withAvailable && !available[v]) {
          if (cnf.canFlip(v)) available[v] = 1;
          // A single flip can't move an alternative group's choice: a swap (or a dive) can.
          else if (!deep || !(cnf.swap(v, isChosen, take) || (cnf.failedDiveFlips < diveBudget && cnf.dive(v, isChosen, swapTuning.diveFlips, take, stay) && (moved = stay || moved)))) untested++;
        }
      }
      if (moved) record(cnf.current.slice());
      // Once availability is exact the climb can find nothing new (it only switches values on).
      // And in the tail of a recompute (a few values left, e.g. the other options of a Kconfig
      // choice, which exclude each other) it found nothing either (Linux, first clicks of seeds
      // 1-8), at ~2 ms a pass over every value.
      if (!withAvailable || availabilityExact || untested < tuning.climbFrom) return;
      const x = cnf.current;
      let climbed = false;
      for (let pass = 0; pass < CLIMB_PASSES; pass++) {
        let progress = false;
        for (let v = 1; v <= n; v++) {
          if (settled[v] || x[v] || isChosen[v]) continue;
          // Values already known available are switched on too: they may open others.
          if (cnf.canFlip(v)) {
            cnf.apply(v);
            if (!available[v]) progress = true;
            available[v] = 1;
            climbed = true;
          }
        }
        if (!progress) break;
      }
      if (climbed) record(x.slice());
    };
    // On DIMACS-like lines the catalog-level flips find nothing more (one variable each, too).
    const catalogFlips = !cnfFlipsSuffice(compiled);
    // A flip's outcome depends only on the model and the value (and the choices, fixed here), so
    // each model is looked at once, when it arrives: values open then and failed stay failed.
    const learn = (model: Uint8Array, probing = true) => {
      record(model);
      cnfNeighbours(model);
      if (catalogFlips) neighbours(model);
      repairs(model);
      // With tables, repairs find the witnesses probing would, and probing refuted next to nothing
      // there (propagating the choices already does: the tables' encoding is arc consistent).
      if (!flips.canRepair && probing && tuning.probeRounds) probe(model);
    };
    for (const model of starts) record(model);
    // The previous click's models lack the new choice; relinking them towards a start brings it
    // in (cnf-flips.ts: always a model, ~1 ms each). Each one only answers what it holds (no flip
    // pass, no probing from it: that made the many-starts variant slow), and it answers many
    // values the click did not touch, which the probes and the solver would otherwise redo.
    // A local search (transferStarts) before the relinking kept more of each model but failed
    // on most of them at the early clicks and after a choice unlike the previous ones (~1-3 ms
    // per failure), and relinking alone gave fewer solver calls (Linux, 15 clicks: 91 → 77).
    let relinked = 0;
    if (cnf && fixed !== null && !manyStarts && tuning.transferWitnesses > 0 && starts.length > 0) {
      const moved: Uint8Array[] = [];
      relinkStarts(cnf, pool, chosen, starts[0], moved, tuning.transferWitnesses);
      for (const model of moved) record(model);
      relinked = moved.length;
    }
    // Values no start has: from a configuration that has the value and all choices but one,
    // a repair that brings in that choice keeping the others and the value.
    if (withAvailable && hints.nearby && flips.canRepair) {
      const near: Uint8Array[] = [];
      const missingOf: number[] = [];
      for (const w of hints.nearby) {
        let missing = 0;
        for (const c of chosen) {
          if (w[c]) continue;
          if (missing !== 0) {
            missing = -1;
            break;
          }
          missing = c;
        }
        if (missing <= 0) continue;
        near.push(w);
        missingOf.push(missing);
      }
      for (let v = 1; v <= n; v++) {
        if (available[v] || settled[v]) continue;
        let tried = 0;
        for (let i = 0; i < near.length; i++) {
          const w = near[i];
          if (!w[v]) continue;
          const missing = missingOf[i];
          flips.load(w);
          isChosen[v] = 1;
          isChosen[missing] = 0;
          const ok = flips.repair(missing, isChosen, record, REPAIR_BUDGET);
          isChosen[v] = 0;
          isChosen[missing] = 1;
          if (ok || ++tried >= MAX_REPAIR_TRIES) break;
        }
      }
    }
    // After the relinked models, the values still open are mostly far from the starts too: a
    // probe round from a start cost the Linux model's 2nd recompute ~70 ms for ~500 of ~4,700
    // values, where the first solver call answers thousands at once. So the starts get the flip
    // pass and the climb only, and the probe rounds start from the solver's models (Linux, 15
    // clicks: solver calls 53 → 61, the 2nd recompute ~15 % less CPU, the slowest click lower in
    // 5 of 6 paired runs).
    for (const model of starts) learn(model, relinked === 0);
    // Ask for a model with at least one untested value true (phases prefer them all). With
    // tuning.untestedFirst, the solver decides untested values (true) before anything else, so
    // the saved phases of other variables don't switch them off first: one call then witnesses
    // as many as fit together instead of a few.
    let call = 0;
    let rotate = 0;
    while (withAvailable) {
      const untested: number[] = [];
      for (let v = 1; v <= n; v++) if (!available[v] && !settled[v]) untested.push(v);
      if (untested.length === 0) {
        availabilityExact = true;
        break;
      }
      // Fewest forced literals first: a value decided true that conflicts with the earlier decisions
      // costs its whole cone, and the large cones (hubs) are then often set by propagation instead.
      // Linux, the 2nd recompute of seed 2: 181 conflicts and 341,000 literals in one call.
      if (tuning.untestedByCone) untested.sort((a, b) => (cone[a] || UNPROBED) - (cone[b] || UNPROBED));
      const cap = tuning.untestedFirst;
      const alternate = tuning.untestedFirstAlternate && call % 2 === 1;
      let first: number[] = [];
      if (cap > 0 && !alternate) {
        if (untested.length <= cap) first = untested;
        else {
          const from = rotate % untested.length;
          first = untested.slice(from, from + cap);
          if (first.length < cap) first.push(...untested.slice(0, cap - first.length));
          rotate = from + cap;
        }
      }
      call++;
      // The implied candidates ride along ("one untested value true, or one candidate false",
      // decided in that order): the tail of untested values takes a model each anyway, and it
      // can disprove a candidate too, where the "implied" calls below would need one each.
      const along: number[] = [];
      if (tuning.impliedWithUntested) for (let v = 1; v <= n; v++) if (implied[v] && available[v] && !settled[v]) along.push(-v);
      const clause = along.length > 0 ? [...untested, ...along] : untested;
      const r = session.solveWithClause(clause, chosen, clause, along.length > 0 ? [...first, ...along] : first, true);
      if (!r.sat) {
        // Proven unavailable, all at once: settled, so the flip passes, the climb and the probes
        // after the "implied" calls below no longer look at them. And no completion lacks a
        // candidate that rode along: implied, settled too.
        for (const v of untested) settled[v] = 1;
        for (const l of along) settled[-l] = 1;
        availabilityExact = true;
        break;
      }
      learn(r.model);
    }
    // Availability is exact now. In a single-choice feature that needs a value, the only
    // available value is implied (every completion has one of the feature's values), so
    // those candidates need no solver call ("unsat" was the only possible answer).
    if (withAvailable) {
      for (const f of compiled.features) {
        if (f.kind !== "single" || f.min < 1) continue;
        let count = 0;
        let last = 0;
        for (const w of f.vars) {
          if (available[w]) {
            count++;
            last = w;
          }
        }
        if (count === 1 && implied[last]) settled[last] = 1;
      }
    }
    // Ask for a model with at least one implied candidate false (phases prefer them all false).
    for (;;) {
      const candidates: number[] = [];
      for (let v = 1; v <= n; v++) if (implied[v] && !settled[v]) candidates.push(-v);
      if (candidates.length === 0) break;
      const r = session.solveWithClause(candidates, chosen, candidates, [], true);
      if (!r.sat) break;
      learn(r.model);
    }
  }
  return { consistent, available, implied };
}

/** Sorts values no probe reached after the probed ones. */
const UNPROBED = 0x7fffffff;

/** Flips one local search may make (cnf-flips.ts); past that the solver answers. */
const LOCAL_STEPS = 24;
/** Passes of the greedy climb over a model (cnf-flips.ts); each costs about a flip pass. */
const CLIMB_PASSES = 8;
/** Starting models on lines with CNF flips (each costs a pass over the open values, ~ms). */
const MAX_CNF_STARTS = 64;
/** Kept configurations a recompute tries to bring the choices into (see transferStarts). */
const MAX_TRANSFERS = 96;
/**
 * Value variables from which a recompute takes many starts (MAX_CNF_STARTS) and mends kept
 * models to the new choice (transferStarts). Off: on the Linux model it cut solver calls per
 * click (~40 → ~30) but cost more than it saved (CPU p50 3.1 s against 1.3 s without, one
 * outlier click of 34 s), and on automotive01 CPU p95 109 ms against 24 ms. Kept, and tested
 * (the tests switch it on), as the starting point for per-value witness reuse (decision 033).
 */
export const tuning = {
  manyStartsFrom: Number.POSITIVE_INFINITY,
  /** Off in tests only: leaves the values to probing and the solver, so those paths are checked too. */
  cnfFlipPasses: true,
  /** Off in tests only, like cnfFlipPasses: then the solver's calls alone answer what probing would. */
  probeRounds: true,
  /**
   * The flip passes and the climb at the empty configuration too. Off: there the "untested"
   * calls then witness the values those passes would, so the kept models (what the first click
   * relinks to its choice) hold nearly every available value. Linux: 18,719 of 18,830 values in
   * some kept model, against 11,004 with the passes, the same 12 models and ~13 solver calls, and
   * the first click's untested values after relinking ~4,700-6,500 → ~110-1,100.
   */
  flipPassesAtEmpty: false,
  /** Values still untested after a model's flip pass from which the climb runs (0: always). */
  climbFrom: 64,
  /** Untested values the solver decides first (true) per "at least one untested value" call; 0: none. */
  untestedFirst: Number.POSITIVE_INFINITY,
  /** Every other such call without them (today's call), to compare. */
  untestedFirstAlternate: false,
  /**
   * Those values in order of their probes' forced literals, fewest first (else by variable). Off:
   * on Linux it helped seeds 1-3 but cost seed 4's 2nd recompute ~60 % (CPU p95 454-475 against
   * 272-332 ms); the worst seed of 1-8 is better without it (docs/benchmarks.md, 2026-12-07).
   */
  untestedByCone: false,
  /**
   * Kept models brought to the new choices by relinking and recorded (not probed from) per
   * recompute, on lines with CNF flips; 0: none. Linux, 15 clicks: solver calls 158 → 109 (16
   * by local search), 91 (then relinking), 77 (16 by relinking alone), 53 (32); 64: 46, but the
   * relinking then cost up to ~140 ms per click.
   */
  transferWitnesses: 32,
  /**
   * The implied candidates join the "at least one untested value" calls (see there); off: they
   * get calls of their own after availability is exact. Linux, 15 clicks: solver calls 76 → 58.
   */
  impliedWithUntested: true,
};

/**
 * Starting models for a recompute from kept ones that lack some choices: a local search sets
 * the choices, keeping them once set. Adds to `starts` (up to `max` in all).
 */
function transferStarts(cnf: CnfFlips, pool: WitnessPool, chosen: readonly number[], starts: Uint8Array[], max = MAX_CNF_STARTS): void {
  const all = pool.all();
  const frozen = new Uint8Array(all.length > 0 ? all[0].length : 0);
  const target = [...chosen];
  let tried = 0;
  // Most recent first: the previous click's models are the nearest.
  for (const w of pool.recent()) {
    if (starts.length >= max || tried >= MAX_TRANSFERS) break;
    if (chosen.every((c) => w[c] === 1)) continue; // already a start, or will be
    tried++;
    cnf.load(w);
    cnf.search(target, frozen, LOCAL_STEPS, (found) => starts.push(found.slice()));
  }
}

/**
 * Models with every choice from kept ones that lack some, by path relinking towards `guide` (a
 * model with every choice, see CnfFlips.relink), most recent first, until `moved` holds `max`.
 * Relinking always ends at a model, so this needs no step budget; each costs about one load.
 */
function relinkStarts(cnf: CnfFlips, pool: WitnessPool, chosen: readonly number[], guide: Uint8Array, moved: Uint8Array[], max: number): void {
  // A copy: recording the relinked models adds to the pool.
  for (const w of [...pool.recent()]) {
    if (moved.length >= max) break;
    if (chosen.every((c) => w[c] === 1)) continue;
    cnf.load(w);
    cnf.relink(chosen, guide, guide.length, (m) => moved.push(m.slice()));
  }
}

/**
 * The answers for every configuration with one choice, per compiled line with tables: row x
 * is backbone([x]), so row x's `available` is the set of values y such that {x, y} extends to a
 * complete configuration (the pairwise compatibility of values). Computed once, on the first
 * question with a choice (the one-choice configuration costs most after the empty one, which is
 * cached too), then:
 * - one choice: a lookup;
 * - several choices: a value incompatible with some choice is unavailable, a value implied by
 *   some choice is implied (more choices only remove completions), so neither needs a repair
 *   or a solver call.
 * Built cheaply: the rows share witnesses (a complete configuration answers "compatible" for
 * every pair of its values, and "x without y" for every x in it and y not), compatibility is
 * symmetric (row y, once done, answers x's column), and the values of the empty configuration
 * that are unavailable or implied stay so. Only lines with tables get one: without tables the
 * recompute is cheap enough (automotive01: p95 under 50 ms) and rows cost a solver call each
 * for "implied" (its optional features have no "other value" to derive it from).
 */
export interface PairTable {
  /** rows[x] = backbone([x]) for every value variable x (rows[0] unused). */
  rows: Backbone[];
  /** The complete configurations (value variables) found while building the rows. */
  witnesses: Uint8Array[];
}

const pairTables = new WeakMap<CompiledLine, PairTable | null>();

/** The line's pair table, built on first call; null for lines without tables (see PairTable). */
export function pairTableFor(compiled: CompiledLine): PairTable | null {
  let t = pairTables.get(compiled);
  if (t === undefined) {
    t = flipCheckerFor(compiled).canRepair ? buildPairTable(compiled) : null;
    pairTables.set(compiled, t);
  }
  return t;
}

function buildPairTable(compiled: CompiledLine): PairTable {
  const n = compiled.numValueVars;
  const empty = backbone(compiled, [], true);
  const words = (n >>> 5) + 1;
  const bit = (set: Uint32Array, v: number) => (set[v >>> 5] >>> (v & 31)) & 1;
  // together[x]: values y with some known witness holding x and y; without[x]: holding x, not y.
  const together = Array.from({ length: n + 1 }, () => new Uint32Array(words));
  const without = Array.from({ length: n + 1 }, () => new Uint32Array(words));
  const witnesses: Uint8Array[] = [];
  const bits = new Uint32Array(words);
  const addWitness = (model: Uint8Array) => {
    const w = model.slice(0, n + 1);
    witnesses.push(w);
    bits.fill(0);
    for (let v = 1; v <= n; v++) if (w[v]) bits[v >>> 5] |= 1 << (v & 31);
    for (let x = 1; x <= n; x++) {
      if (!w[x]) continue;
      const t = together[x];
      const o = without[x];
      for (let k = 0; k < words; k++) {
        t[k] |= bits[k];
        o[k] |= ~bits[k];
      }
    }
  };
  for (const w of poolFor(compiled).all()) addWitness(w);

  const rows: Backbone[] = new Array<Backbone>(n + 1);
  rows[0] = { consistent: false, available: new Uint8Array(n + 1), implied: new Uint8Array(n + 1) };
  for (let x = 1; x <= n; x++) {
    if (!empty.available[x]) {
      rows[x] = { consistent: false, available: new Uint8Array(n + 1), implied: new Uint8Array(n + 1) };
      continue;
    }
    const available = new Uint8Array(n + 1);
    const notImplied = new Uint8Array(n + 1);
    const unavailable = new Uint8Array(n + 1);
    const implied = new Uint8Array(n + 1);
    for (let y = 1; y <= n; y++) {
      if (bit(together[x], y)) available[y] = 1;
      if (bit(without[x], y)) notImplied[y] = 1;
      if (!empty.available[y] || (y < x && !rows[y].available[x])) unavailable[y] = 1;
      if (empty.implied[y]) implied[y] = 1;
    }
    const starts: Uint8Array[] = [];
    for (let i = witnesses.length - 1; i >= 0 && starts.length < MAX_STARTS; i--) if (witnesses[i][x]) starts.push(witnesses[i]);
    rows[x] = computeBackbone(compiled, [x], true, { starts, available, notImplied, unavailable, implied, onWitness: addWitness, nearby: witnesses });
  }
  return { rows, witnesses };
}

/**
 * What the pair table says about a configuration with several choices (see PairTable), and what
 * its witnesses that have every choice answer (no solver call, no repair: a pass over each).
 */
function pairHints(compiled: CompiledLine, pairs: PairTable, chosen: readonly number[]): Hints {
  const n = compiled.numValueVars;
  const unavailable = new Uint8Array(n + 1);
  const implied = new Uint8Array(n + 1);
  for (const c of chosen) {
    const row = pairs.rows[c];
    for (let y = 1; y <= n; y++) {
      if (!row.available[y]) unavailable[y] = 1;
      if (row.implied[y]) implied[y] = 1;
    }
  }
  const available = new Uint8Array(n + 1);
  const notImplied = new Uint8Array(n + 1);
  const starts = poolFor(compiled).matching(chosen, MAX_STARTS);
  for (const w of pairs.witnesses) {
    if (!chosen.every((c) => w[c] === 1)) continue;
    for (let y = 1; y <= n; y++) {
      if (w[y]) available[y] = 1;
      else notImplied[y] = 1;
    }
    if (starts.length < MAX_STARTS) starts.push(w);
  }
  return { unavailable, implied, available, notImplied, starts, nearby: [...poolFor(compiled).all(), ...pairs.witnesses] };
}

/**
 * Why `code` can't be chosen on top of `choices`: a subset-minimal set of the
 * choices that rules it out (dropping any one makes it available again) and
 * a minimal set of rules that does it. Null when the value is available.
 * Recent choices are preferred in the reason (they are what the user just did).
 */
export function explain(compiled: CompiledLine, choices: readonly string[], code: string): Reason | null {
  const v = compiled.valueVar.get(code);
  if (v === undefined) throw new RangeError(`unknown value code "${code}" in line ${compiled.line.code}`);
  return explainVar(compiled, choiceVars(compiled, choices), v);
}

function explainVar(compiled: CompiledLine, chosen: readonly number[], v: number): Reason | null {
  const session = sessionFor(compiled);
  const order = chosen.filter((c) => c !== v).reverse();
  const blame = quickXplain(order, (subset) => session.solve([v, ...subset]).sat);
  if (blame === null) return null;
  const hard = [v, ...blame];
  // Rules: minimise within those a deterministic propagation trace uses (few), else among all.
  const consistent = (subset: readonly string[]) => session.consistentWithRules(hard, subset);
  const traced = refutationRules(compiled, hard);
  const rules = (traced && quickXplain(traced, consistent)) ?? quickXplain(compiled.ruleIds, consistent) ?? [];
  const inBlame = new Set(blame);
  return {
    choices: chosen.filter((c) => inBlame.has(c)).map((c) => compiled.varValue[c]),
    rules,
  };
}

/**
 * A line's pair table as plain JSON, so the server builds it once when it compiles a catalog
 * version and ships it with the compiled line: no customer pays the build (Renault: 3 s, 12 s
 * under load) on their second click. Bitsets in base64: rows (consistent, available, implied
 * per value variable) and up to MAX_SHIPPED_WITNESSES of the witnesses (starting points).
 * `numValueVars` and `clauses` guard against adopting a table built for another compilation.
 */
export interface ShippedPairTable {
  format: 1;
  numValueVars: number;
  clauses: number;
  consistent: string;
  available: string;
  implied: string;
  witnesses: string;
}

/** Witnesses shipped with a pair table (each costs numValueVars bits). */
const MAX_SHIPPED_WITNESSES = 1024;

/** The line's pair table (built now if needed) for shipping; null for lines without tables. */
export function shipPairTable(compiled: CompiledLine): ShippedPairTable | null {
  const table = pairTableFor(compiled);
  if (!table) return null;
  const n = compiled.numValueVars;
  const width = n + 1;
  const consistent = new Uint8Array(width);
  const available = new Uint8Array(width * width);
  const implied = new Uint8Array(width * width);
  for (let x = 1; x <= n; x++) {
    const row = table.rows[x];
    consistent[x] = row.consistent ? 1 : 0;
    available.set(row.available.subarray(0, width), x * width);
    implied.set(row.implied.subarray(0, width), x * width);
  }
  const kept = table.witnesses.slice(-MAX_SHIPPED_WITNESSES);
  const witnesses = new Uint8Array(kept.length * width);
  kept.forEach((w, i) => witnesses.set(w.subarray(0, width), i * width));
  return {
    format: 1,
    numValueVars: n,
    clauses: compiled.cnf.clauses.length,
    consistent: packBits(consistent),
    available: packBits(available),
    implied: packBits(implied),
    witnesses: packBits(witnesses),
  };
}

/**
 * Use a shipped pair table for this compiled line (the browser, after the loader sent it).
 * Returns false, and changes nothing, when it doesn't fit the line (then the engine builds
 * its own on the first question with a choice, as before).
 */
export function adoptPairTable(compiled: CompiledLine, shipped: ShippedPairTable): boolean {
  const n = compiled.numValueVars;
  if (shipped.format !== 1 || shipped.numValueVars !== n || shipped.clauses !== compiled.cnf.clauses.length) return false;
  if (!flipCheckerFor(compiled).canRepair) return false;
  const width = n + 1;
  const consistent = unpackBits(shipped.consistent, width);
  const available = unpackBits(shipped.available, width * width);
  const implied = unpackBits(shipped.implied, width * width);
  const all = unpackBits(shipped.witnesses);
  if (!consistent || !available || !implied || !all) return false;
  const rows: Backbone[] = [{ consistent: false, available: new Uint8Array(width), implied: new Uint8Array(width) }];
  for (let x = 1; x <= n; x++) {
    rows.push({
      consistent: consistent[x] === 1,
      available: available.slice(x * width, (x + 1) * width),
      implied: implied.slice(x * width, (x + 1) * width),
    });
  }
  const witnesses: Uint8Array[] = [];
  for (let i = 0; i + width <= all.length; i += width) witnesses.push(all.slice(i, i + width));
  pairTables.set(compiled, { rows, witnesses });
  return true;
}

/** 0/1 bytes → base64 of their bits (8 per byte, first bit in the low bit), prefixed by the count. */
function packBits(bits: Uint8Array): string {
  const bytes = new Uint8Array((bits.length + 7) >>> 3);
  for (let i = 0; i < bits.length; i++) if (bits[i]) bytes[i >>> 3] |= 1 << (i & 7);
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `${bits.length}:${btoa(text)}`;
}

/** The inverse of packBits; null when malformed or not `expected` bits long. */
function unpackBits(packed: string, expected?: number): Uint8Array | null {
  const colon = packed.indexOf(":");
  const count = Number(packed.slice(0, colon));
  if (colon < 0 || !Number.isInteger(count) || count < 0 || (expected !== undefined && count !== expected)) return null;
  let text: string;
  try {
    text = atob(packed.slice(colon + 1));
  } catch {
    return null;
  }
  if (text.length !== (count + 7) >>> 3) return null;
  const bits = new Uint8Array(count);
  for (let i = 0; i < count; i++) bits[i] = (text.charCodeAt(i >>> 3) >>> (i & 7)) & 1;
  return bits;
}
