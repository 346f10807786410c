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
 *    value is true" (a clause that lives for one call). The first "unsat"
 *    proves every remaining value unavailable at once. Likewise "a model where
 *    at least one implied candidate is false".
 * Answers are cached per compiled line: the empty configuration's for good, the
 * last few others in an LRU (see AnswerCache).
 * Reasons are separate (QuickXplain, ~25 solver calls per value), so the UI can
 * skip them in the recompute and ask per value with `explain`.
 */
import type { CompiledLine } from "./compile";
import { flipCheckerFor } from "./flips";
import { quickXplain } from "./quickxplain";
import { refutationRules } from "./refute";
import { choiceVars, sessionFor } from "./session";
import type { Domains, Reason, ValueState } from "./types";

/** Work allowed to one table repair (tuples looked at / 16 + tables mended). */
const REPAIR_BUDGET = 100;
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
  const answer = computeBackbone(compiled, chosen, withAvailable);
  cache.set(`${withAvailable ? "A" : "I"}${key}`, copy(answer));
  return answer;
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

function computeBackbone(compiled: CompiledLine, chosen: readonly number[], withAvailable: boolean): Backbone {
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
  const starts = fixed === null ? [] : pool.matching(chosen, flipCheckerFor(compiled).canRepair ? 8 : 1);
  const first = fixed === null || starts.length > 0 ? null : session.solve(chosen);
  if (first?.sat) starts.push(first.model);
  const consistent = starts.length > 0;
  if (consistent && fixed !== null) {
    // Fixed by propagation: fixed true is implied and available, fixed false is neither.
    const settled = new Uint8Array(n + 1);
    for (let v = 1; v <= n; v++) if (fixed[v] !== 0) settled[v] = 1;
    implied.fill(1); // candidates until a model lacks them
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
      if (news) pool.add(model, n);
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
      flips.load(model);
      session.probe(
        chosen,
        open,
        (lit) => (lit > 0 ? available[lit] === 1 : implied[-lit] === 0),
        (lit, fixed) => {
          if (fixed === null) settled[Math.abs(lit)] = 1; // refuted: unavailable (lit > 0) or implied (lit < 0)
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
    const repairs = (model: Uint8Array) => {
      if (!flips.canRepair) return;
      flips.load(model);
      for (let v = 1; v <= n; v++) {
        if (settled[v] || tries[v] >= MAX_REPAIR_TRIES) continue;
        if (withAvailable && !available[v] && !flips.repair(v, isChosen, record, REPAIR_BUDGET)) tries[v]++;
        if (implied[v] && !flips.repairOff(v, isChosen, record, REPAIR_BUDGET)) tries[v]++;
      }
    };
    // Earlier models stay useful: a value one flip away from none of the recent ones may be
    // one flip away from an older one, and flips cost microseconds against a solver call.
    const models: Uint8Array[] = [];
    const learn = (model: Uint8Array) => {
      record(model);
      neighbours(model);
      for (const m of models) neighbours(m);
      if (models.length < 64) models.push(model);
      repairs(model);
      // With tables, repairs find the witnesses probing would, and probing refuted next to nothing
      // there (propagating the choices already does: the tables' encoding is arc consistent).
      if (!flips.canRepair) probe(model);
    };
    for (const model of starts) learn(model);
    // Ask for a model with at least one untested value true (phases prefer them all).
    while (withAvailable) {
      const untested: number[] = [];
      for (let v = 1; v <= n; v++) if (!available[v] && !settled[v]) untested.push(v);
      if (untested.length === 0) break;
      const r = session.solveWithClause(untested, chosen, untested);
      if (!r.sat) break;
      learn(r.model);
    }
    // Ask for a model with at least one implied candidate false (phases prefer them all false).
    for (;;) {
      const candidates: number[] = [];
      for (let v = 1; v <= n; v++) if (implied[v] && !settled[v]) candidates.push(-v);
      if (candidates.length === 0) break;
      const r = session.solveWithClause(candidates, chosen, candidates);
      if (!r.sat) break;
      learn(r.model);
    }
  }
  return { consistent, available, implied };
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
