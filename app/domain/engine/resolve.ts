/**
 * Conflict resolution: the customer wants a value outside its valid domain.
 * Each proposal is a whole car with its true price: the fewest current choices
 * to give up, plus what replaces them, so that the configuration is as
 * complete afterwards as it was before.
 *
 * Removals are the minimal correction sets of the choices (drop these and the
 * wanted value has a completion; keep any one of them and it has none), found
 * smallest first by implicit hitting sets: every failed attempt yields a core
 * (choices that can't all stay, from the incremental solver's assumptions), and
 * the next attempt is a smallest set of choices hitting every core and
 * containing no set already found (a depth-first search over the cores). There
 * is no cap on the number of removals; the search has a time budget instead.
 * If it runs out before any set is found, one solver call gives some fix (the
 * choices a model of the wanted value lacks), shrunk to a minimal correction
 * set by giving each choice back in turn, and marked `minimal: false` unless
 * the search had already shown that no smaller one exists. A value already
 * chosen in the wanted value's single-choice feature is replaced implicitly and
 * counted as removed in every alternative.
 *
 * What comes instead (`add`), for one set of removals:
 * - Every feature whose minimum was met before (by the values the
 *   configuration had, package contents included) and is not met any more is
 *   filled again. Candidates in preference order: the catalog's defaults; then
 *   the value *closest* to what the feature lost, i.e. the smallest absolute
 *   difference of net price (in the market asked for) to a value of that
 *   feature the configuration had and no longer has, so 17-inch wheels that
 *   must go become the next wheels up, not the cheapest of the range; then the
 *   cheaper; then catalog order. Each pick is checked by the solver (the
 *   configuration must stay completable); a removed value never comes back.
 * - A complete configuration stays complete: every other value is then left
 *   out when possible, the most expensive first (as `complete` does), so what
 *   the rules still force in is the cheaper alternative.
 * - A partial configuration gets, besides the refilled features, the values
 *   every completion then contains that the kept choices alone don't force
 *   (what the wanted value pulls in); features that were open stay open.
 *
 * Alternatives: every set of removals of the smallest size with its preferred
 * replacements, and each with one replacement swapped for its feature's next
 * candidate. All of them, distinct by their resulting choices, are ordered by
 * number of changes (removals + additions), then absolute price change, then
 * lead-time change, then codes; the first `limit` are proposed.
 *
 * `priceDelta` is the gross price of the result minus that of the
 * configuration as it was (between two complete configurations when it was
 * complete), `leadTimeDelta` the same for the lead time in days.
 *
 * Deterministic: every answer depends on what the solver decides (satisfiable
 * or not), never on which model or core it returns, so the browser and the
 * server (which replays "accept proposal 1") agree, unless the time budget
 * runs out.
 *
 * Empty only when the value is already chosen or no configuration contains it
 * (a dead value).
 */
import { MARKET_CODES, type Market } from "../catalog";
import type { CompiledFeature, CompiledLine } from "./compile";
import { Settler } from "./complete";
import { backbone } from "./domains";
import { leadTimeDays } from "./lead-time";
import { effectiveChoices, includedBy } from "./line-index";
import { price } from "./pricing";
import { choiceVars, sessionFor, type EngineSession } from "./session";
import type { Resolution } from "./types";
import { validate } from "./validate";

export interface ResolveOptions {
  market?: Market;
  /** How many alternatives at most (default 3). */
  limit?: number;
  /**
   * Time the search for the smallest sets of removals may take, in milliseconds (default 1500).
   * Past it, the best fix found so far is proposed, marked `minimal: false` if it isn't proven smallest.
   */
  timeBudgetMs?: number;
}

const DEFAULT_TIME_BUDGET_MS = 1500;
/** Sets of removals of the smallest size enumerated at most, should thousands tie. */
const MAX_SETS_PER_LIMIT = 4;

/** Validation problems that make a configuration incomplete (texts don't count: resolution never touches them). */
const INCOMPLETE = new Set(["missing-required", "too-few", "too-many", "rule-violated"]);

export function resolve(
  compiled: CompiledLine,
  config: { choices: readonly string[]; texts?: Readonly<Record<string, string>> },
  want: string,
  options: ResolveOptions = {},
): Resolution[] {
  const market = options.market ?? MARKET_CODES[0];
  const limit = options.limit ?? 3;
  const deadline = Date.now() + (options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
  const outOfTime = () => Date.now() >= deadline;
  const session = sessionFor(compiled);
  const w = compiled.valueVar.get(want);
  if (w === undefined) throw new RangeError(`unknown value code "${want}" in line ${compiled.line.code}`);
  const chosen = choiceVars(compiled, config.choices);
  if (chosen.includes(w)) return [];
  // Dead: no configuration at all has the value, whatever is given up.
  if (!session.solve([w]).sat) return [];

  const feature = compiled.featureOf.get(want)!;
  const replaced = feature.kind === "single" ? chosen.filter((v) => v !== w && feature.vars.includes(v)) : [];
  const base = chosen.filter((v) => !replaced.includes(v));

  const search = correctionSets(session, w, base, limit, outOfTime);
  const sets = search.sets.length > 0 ? search.sets : [anyCorrectionSet(session, w, base)];

  const { line } = compiled;
  const texts = config.texts ?? {};
  const code = (v: number) => compiled.varValue[v];
  const before = config.choices.map(String);
  const effectiveBefore = new Set(choiceVars(compiled, effectiveChoices(line, before)));
  const context: FillContext = {
    compiled,
    session,
    w,
    chosen,
    market,
    effectiveBefore,
    wasComplete: validate(line, { line: line.code, choices: before, texts: {} }).every((p) => !INCOMPLETE.has(p.code)),
  };
  const priceBefore = price(line, before, texts, market).total;
  const leadBefore = leadTimeDays(line, before);

  const proposals = new Map<string, Resolution>();
  const propose = (drop: ReadonlySet<number>, minimal: boolean, banned: readonly number[]): Fill | null => {
    const fill = fillIn(context, drop, banned);
    if (fill === null) return null;
    const choices = fill.choices.map(code);
    const key = [...choices].sort().join(",");
    if (!proposals.has(key))
      proposals.set(key, {
        remove: chosen.filter((v) => drop.has(v)).map(code),
        add: fill.add.map(code),
        choices,
        priceDelta: price(line, choices, texts, market).total - priceBefore,
        leadTimeDelta: leadTimeDays(line, choices) - leadBefore,
        minimal,
      });
    return fill;
  };
  for (const set of sets) {
    const drop = new Set([...set, ...replaced]);
    const minimal = set.length <= search.lowerBound;
    const preferred = propose(drop, minimal, []);
    // The same removals with one replacement swapped for the next candidate of its feature.
    for (const pick of preferred?.picks ?? []) propose(drop, minimal, [pick]);
  }

  const changes = (r: Resolution) => r.remove.length + r.add.length;
  const lexKey = (r: Resolution) => [...r.remove].sort().join("\u0000") + "\u0001" + [...r.add].sort().join("\u0000");
  return [...proposals.values()]
    .sort(
      (a, b) =>
        changes(a) - changes(b) ||
        Math.abs(a.priceDelta) - Math.abs(b.priceDelta) ||
        a.leadTimeDelta - b.leadTimeDelta ||
        (lexKey(a) < lexKey(b) ? -1 : lexKey(a) > lexKey(b) ? 1 : 0),
    )
    .slice(0, limit);
}

// ------------------------------------------------------------------ which choices go

interface CorrectionSets {
  /** Minimal correction sets of `base`, smallest first. */
  sets: number[][];
  /** No correction set has fewer elements than this. */
  lowerBound: number;
}

/** Thrown by the hitting-set search when the time budget is spent. */
const TIME_UP = Symbol("time up");

/**
 * Every minimal correction set of the smallest size, by implicit hitting sets, size level by
 * size level (or those found when the time budget is spent). Larger ones are not looked for:
 * proving that a level holds no more sets costs far more than finding the first (on Renault
 * ~25 s against ~1.4 s of CPU for 22 wanted values), and stopping inside a level would make
 * the answer depend on the solver's history.
 */
function correctionSets(session: EngineSession, w: number, base: readonly number[], limit: number, outOfTime: () => boolean): CorrectionSets {
  const cores: number[][] = [];
  const found: number[][] = [];
  const order = new Map(base.map((v, i) => [v, i]));
  let level = 0;
  let enough = Infinity; // the smallest size, once a set of it is found
  for (;;) {
    if (level > enough || found.length >= limit * MAX_SETS_PER_LIMIT || outOfTime()) break;
    // Pairwise disjoint cores need that many elements: no smaller level has a hitting set to try.
    level = Math.max(level, disjointUnhit(cores, new Set(), new Set()));
    if (level > enough) break;
    let candidate: number[] | null;
    try {
      candidate = hittingSet(cores, found, level, order, outOfTime);
    } catch (e) {
      if (e === TIME_UP) break;
      throw e;
    }
    if (candidate === null) {
      // A smallest hitting set uses only elements of cores: past their number, none is left to find.
      if (level >= new Set(cores.flat()).size) {
        level = Infinity;
        break;
      }
      level++;
      continue;
    }
    const drop = new Set(candidate);
    const r = session.solve([w, ...base.filter((v) => !drop.has(v))]);
    if (r.sat) {
      found.push(candidate);
      if (enough === Infinity) enough = level;
      continue;
    }
    // Every assumption in the final conflict other than the wanted value is a kept choice.
    cores.push(r.core.filter((l) => l !== w).sort((a, b) => order.get(a)! - order.get(b)!));
  }
  return { sets: found, lowerBound: found.length > 0 ? found[0].length : level };
}

/**
 * A set of at most `maxSize` elements hitting every core and containing no set in `found`, or
 * null. Depth-first: take the unhit core with the fewest elements still allowed and try each of
 * them in turn (later branches exclude the earlier elements, so no set is visited twice).
 */
function hittingSet(
  cores: readonly number[][],
  found: readonly number[][],
  maxSize: number,
  order: ReadonlyMap<number, number>,
  outOfTime: () => boolean,
): number[] | null {
  const picked: number[] = [];
  const inSet = new Set<number>();
  const excluded = new Set<number>();
  let nodes = 0;
  const visit = (): number[] | null => {
    if ((++nodes & 255) === 0 && outOfTime()) throw TIME_UP;
    if (found.some((f) => f.every((v) => inSet.has(v)))) return null;
    let branch: number[] | null = null;
    for (const core of cores) {
      if (core.some((v) => inSet.has(v))) continue;
      const open = core.filter((v) => !excluded.has(v));
      if (open.length === 0) return null;
      if (branch === null || open.length < branch.length) branch = open;
    }
    if (branch === null) return [...picked].sort((a, b) => order.get(a)! - order.get(b)!);
    if (picked.length + disjointUnhit(cores, inSet, excluded) > maxSize) return null;
    const tried: number[] = [];
    let result: number[] | null = null;
    for (const v of branch) {
      picked.push(v);
      inSet.add(v);
      result = visit();
      picked.pop();
      inSet.delete(v);
      if (result) break;
      excluded.add(v);
      tried.push(v);
    }
    for (const v of tried) excluded.delete(v);
    return result;
  };
  return visit();
}

/**
 * How many more elements any hitting set needs at least: the number of unhit cores found
 * pairwise disjoint (over the elements still allowed), greedily, smallest first.
 */
function disjointUnhit(cores: readonly number[][], inSet: ReadonlySet<number>, excluded: ReadonlySet<number>): number {
  const open = cores.filter((c) => !c.some((v) => inSet.has(v))).map((c) => c.filter((v) => !excluded.has(v)));
  open.sort((a, b) => a.length - b.length);
  const used = new Set<number>();
  let count = 0;
  for (const c of open) {
    if (c.some((v) => used.has(v))) continue;
    for (const v of c) used.add(v);
    count++;
  }
  return count;
}

/**
 * Some minimal correction set, whatever its size: the choices a model of the wanted value lacks
 * (the solver prefers the choices when branching), then each given back if the wanted value still
 * has a completion. A model found on the way keeps whatever else it has as well.
 */
function anyCorrectionSet(session: EngineSession, w: number, base: readonly number[]): number[] {
  session.setPhases(base, true);
  const first = session.solve([w]);
  if (!first.sat) throw new Error("the wanted value has no completion");
  let drop = base.filter((v) => first.model[v] !== 1);
  for (const v of [...drop]) {
    if (!drop.includes(v)) continue;
    const r = session.solve([w, ...base.filter((x) => !drop.includes(x) || x === v)]);
    if (r.sat) drop = drop.filter((x) => x !== v && r.model[x] !== 1);
  }
  return drop;
}

// ------------------------------------------------------------------ what comes instead

interface FillContext {
  compiled: CompiledLine;
  session: EngineSession;
  w: number;
  chosen: readonly number[];
  market: Market;
  /** The values the configuration had before, package contents included. */
  effectiveBefore: ReadonlySet<number>;
  /** Every feature was filled and every rule held: the result must be complete too. */
  wasComplete: boolean;
}

interface Fill {
  /** Kept choices, the wanted value, then the additions. */
  choices: number[];
  add: number[];
  /** Values picked to fill a feature again, in the order picked (each one an alternative to swap). */
  picks: number[];
}

/** The configuration after dropping `drop` and taking the wanted value, as complete as before; null if `banned` makes that impossible. */
function fillIn(context: FillContext, drop: ReadonlySet<number>, banned: readonly number[]): Fill | null {
  const { compiled, session, w, chosen, effectiveBefore, wasComplete } = context;
  const n = compiled.numValueVars;
  const kept = chosen.filter((v) => !drop.has(v));
  const next = [...kept, w];
  const assumptions = [...next, ...[...drop].map((v) => -v), ...banned.map((v) => -v)];
  const fixed = session.propagate(assumptions);
  if (fixed === null) return null;
  const first = session.solve(assumptions);
  if (!first.sat) return null;
  const decided = new Int8Array(n + 1); // 1 in, -1 out, 0 open
  for (let v = 1; v <= n; v++) decided[v] = fixed[v];
  const settler = new Settler(session, assumptions, decided, first.model);
  const prefer = (lit: number) => settler.prefer(lit);

  // A feature counts as filled by what the configuration holds (its choices and their packages' contents), not by
  // what the rules merely force: a value forced in but not held leaves the feature looking empty to the customer.
  const inNext = new Set(choiceVars(compiled, effectiveChoices(compiled.line, next.map((v) => compiled.varValue[v]))));
  const picks: number[] = [];
  const picked = new Set<number>();
  const pick = (v: number) => {
    picks.push(v);
    picked.add(v);
  };
  for (const f of compiled.features) {
    const held = () => f.vars.filter((v) => inNext.has(v) || picked.has(v)).length;
    if (f.min === 0 || f.vars.filter((v) => effectiveBefore.has(v)).length < f.min || held() >= f.min) continue;
    // What the rules force in comes first: every completion has it anyway.
    for (const v of f.vars) if (held() < f.min && decided[v] === 1 && !inNext.has(v) && !picked.has(v)) pick(v);
    for (const v of candidates(context, f, decided)) {
      if (held() >= f.min) break;
      if (decided[v] === 0 && prefer(v)) pick(v);
    }
  }

  const extras: number[] = [];
  if (wasComplete) {
    const priceOf = (v: number) => compiled.values.get(compiled.varValue[v])!.price[context.market] ?? 0;
    settler.leaveOutOpen(priceOf);
    for (let v = 1; v <= n; v++) if (settler.isIn(v) && !inNext.has(v)) extras.push(v);
  } else {
    const withPicks = [...next, ...picks];
    const pulled = backbone(compiled, withPicks, false);
    const keptOnly = backbone(compiled, kept, false);
    for (let v = 1; v <= n; v++) {
      if (inNext.has(v)) continue;
      if (picked.has(v) || (pulled.implied[v] && !(keptOnly.consistent && keptOnly.implied[v]))) extras.push(v);
    }
  }
  // A package's contents come with it: listed neither as additions nor as choices. One at a time, and only while
  // something still listed brings it: two values that include each other must not both be left out (seed -635680991:
  // b0 and b2 each include the other, and dropping both left the wish's feature below its minimum).
  const codeOf = (v: number) => compiled.varValue[v];
  const brought = includedBy(compiled.line, effectiveChoices(compiled.line, [...next, ...extras].map(codeOf)));
  let add = extras;
  for (const v of extras) {
    if (!brought.has(codeOf(v))) continue;
    const without = add.filter((x) => x !== v);
    if (effectiveChoices(compiled.line, [...next, ...without].map(codeOf)).includes(codeOf(v))) add = without;
  }
  return { choices: [...next, ...add], add, picks };
}

/**
 * A feature's values in the order they are tried as its replacement: defaults, then closest in
 * net price to a value the feature had and lost, then cheaper, then catalog order.
 */
function candidates(context: FillContext, f: CompiledFeature, decided: Int8Array): number[] {
  const { compiled, market, effectiveBefore } = context;
  const value = (v: number) => compiled.values.get(compiled.varValue[v])!;
  const priceOf = (v: number) => value(v).price[market] ?? 0;
  const lost = f.vars.filter((v) => effectiveBefore.has(v) && decided[v] !== 1);
  const distance = (v: number) => (lost.length === 0 ? 0 : Math.min(...lost.map((r) => Math.abs(priceOf(v) - priceOf(r)))));
  const isDefault = (v: number) => (value(v).default ? 0 : 1);
  return [...f.vars].sort((a, b) => isDefault(a) - isDefault(b) || distance(a) - distance(b) || priceOf(a) - priceOf(b) || a - b);
}
