/**
 * Conflict resolution: the customer wants a value outside its valid domain;
 * which current choices must go so that it becomes possible?
 *
 * Candidates are the minimal correction sets of the choices (drop these and the
 * wanted value has a completion; drop any fewer of them and it has none),
 * found smallest first by implicit hitting sets: every failed attempt yields a
 * core (a set of choices that can't all stay), and the next attempt is the
 * smallest untried set of choices that hits every core so far. A value already
 * chosen in the wanted value's single-choice feature is replaced implicitly and
 * counted as removed in every alternative.
 *
 * Order: fewest removals, then smallest price change (gross, in the market
 * asked for), then codes compared lexicographically. `add` lists the values
 * the wanted value pulls in: in every completion of the result, not chosen, and
 * not already implied by the choices kept (what rules and packages bring in), so
 * the customer sees the whole change and its price.
 */
import { MARKET_CODES, type Market } from "../catalog";
import type { CompiledLine } from "./compile";
import { backbone } from "./domains";
import { price } from "./pricing";
import { choiceVars, sessionFor } from "./session";
import type { Resolution } from "./types";

export interface ResolveOptions {
  market?: Market;
  /** How many alternatives at most (default 3). */
  limit?: number;
  /** Largest number of removed choices considered, besides the implicit replacement (default 4). */
  maxRemovals?: number;
  /** Solver calls allowed for the search (default 400); the best found so far is returned. */
  budget?: number;
}

export function resolve(
  compiled: CompiledLine,
  config: { choices: readonly string[]; texts?: Readonly<Record<string, string>> },
  want: string,
  options: ResolveOptions = {},
): Resolution[] {
  const market = options.market ?? MARKET_CODES[0];
  const limit = options.limit ?? 3;
  const maxRemovals = options.maxRemovals ?? 4;
  let budget = options.budget ?? 400;
  const session = sessionFor(compiled);
  const w = compiled.valueVar.get(want);
  if (w === undefined) throw new RangeError(`unknown value code "${want}" in line ${compiled.line.code}`);
  const chosen = choiceVars(compiled, config.choices);
  if (chosen.includes(w)) return [];

  const feature = compiled.featureOf.get(want)!;
  const replaced = feature.kind === "single" ? chosen.filter((v) => v !== w && feature.vars.includes(v)) : [];
  const base = chosen.filter((v) => !replaced.includes(v));

  const cores: number[][] = [];
  const failed = new Set<string>();
  const found: number[][] = [];
  const keyOf = (set: readonly number[]) => [...set].sort((a, b) => a - b).join(",");
  let largest = Infinity; // size level at which we have enough alternatives

  for (;;) {
    const candidate = smallestHittingSet(base, cores, found, failed, Math.min(maxRemovals, largest));
    if (candidate === null || budget-- <= 0) break;
    const drop = new Set(candidate);
    const r = session.solve([w, ...base.filter((v) => !drop.has(v))]);
    if (r.sat) {
      found.push(candidate);
      if (found.length >= limit) largest = candidate.length; // finish this size level, then stop
      continue;
    }
    failed.add(keyOf(candidate));
    const core = r.core.filter((l) => l !== w);
    if (core.length === 0) return []; // the wanted value is impossible in any configuration
    cores.push(core);
  }

  const priceBefore = price(compiled.line, config.choices, config.texts ?? {}, market).total;
  const code = (v: number) => compiled.varValue[v];
  const resolutions = found.map((set): Resolution => {
    const drop = new Set([...set, ...replaced]);
    const kept = chosen.filter((v) => !drop.has(v));
    const next = [...kept, w];
    // What the wanted value pulls in: implied now, and not already implied by what is kept.
    const { implied } = backbone(compiled, next, false);
    const before = backbone(compiled, kept, false);
    const inNext = new Set(next);
    const add: number[] = [];
    for (let v = 1; v <= compiled.numValueVars; v++) if (implied[v] && !inNext.has(v) && !(before.consistent && before.implied[v])) add.push(v);
    const choices = [...next, ...add].map(code);
    return {
      remove: chosen.filter((v) => drop.has(v)).map(code),
      add: add.map(code),
      choices,
      priceDelta: price(compiled.line, choices, config.texts ?? {}, market).total - priceBefore,
    };
  });
  const lexKey = (r: Resolution) => [...r.remove].sort().join("\u0000") + "\u0001" + [...r.add].sort().join("\u0000");
  resolutions.sort(
    (a, b) => a.remove.length - b.remove.length || a.priceDelta - b.priceDelta || (lexKey(a) < lexKey(b) ? -1 : lexKey(a) > lexKey(b) ? 1 : 0),
  );
  return resolutions.slice(0, limit);
}

/**
 * The first (by size, then by position in `base`) subset of `base` of at most `maxSize`
 * elements that hits every core, contains no set already found, and was not tried before.
 * Only elements of some core are worth removing, so subsets are drawn from those.
 */
function smallestHittingSet(
  base: readonly number[],
  cores: readonly number[][],
  found: readonly number[][],
  failed: ReadonlySet<string>,
  maxSize: number,
): number[] | null {
  const inCores = new Set(cores.flat());
  const pool = base.filter((v) => inCores.has(v));
  const coreSets = cores.map((c) => new Set(c));
  for (let size = 0; size <= Math.min(maxSize, pool.length); size++) {
    let result: number[] | null = null;
    const pick: number[] = [];
    const visit = (start: number): boolean => {
      if (pick.length === size) {
        if (!coreSets.every((c) => pick.some((v) => c.has(v)))) return false;
        if (found.some((f) => f.every((v) => pick.includes(v)))) return false;
        if (failed.has([...pick].sort((a, b) => a - b).join(","))) return false;
        result = [...pick];
        return true;
      }
      for (let i = start; i <= pool.length - (size - pick.length); i++) {
        pick.push(pool[i]);
        if (visit(i + 1)) return true;
        pick.pop();
      }
      return false;
    };
    if (visit(0)) return result;
  }
  return null;
}
