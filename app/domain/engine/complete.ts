/**
 * Extend a partial configuration to a complete one: the catalog's defaults
 * first, then the cheapest values in the given market.
 *
 * Every value variable is settled in a fixed order, each decision checked by
 * the solver ("can the configuration still be completed if this value is
 * in / out?"), so the result depends only on the catalog and the choices,
 * never on solver state:
 * 1. defaults, in catalog order, are taken when possible;
 * 2. each required single-choice feature without a value takes its cheapest
 *    possible value; each multiple-choice feature below its minimum takes its
 *    cheapest possible values (an optional one only when it already has one);
 * 3. every other value is left out when possible, the most expensive first, so
 *    what rules force in ends up being the cheaper alternatives.
 * The last model found agrees with every decision taken so far, so most checks
 * need no solver call at all. This is greedy (cheap, predictable), not a
 * minimum-price optimisation.
 */
import { MARKET_CODES, type Market } from "../catalog";
import type { CompiledLine } from "./compile";
import { choiceVars, sessionFor } from "./session";

export interface CompleteOptions {
  /** Market whose prices rank the values (default: the first market). */
  market?: Market;
}

/** A complete configuration extending `choices` (choices first, then additions in catalog order), or null if none exists. */
export function complete(compiled: CompiledLine, config: { choices: readonly string[] }, options: CompleteOptions = {}): string[] | null {
  const market = options.market ?? MARKET_CODES[0];
  const session = sessionFor(compiled);
  const chosen = choiceVars(compiled, config.choices);
  const n = compiled.numValueVars;
  const priceOf = (v: number) => compiled.values.get(compiled.varValue[v])!.price[market] ?? 0;
  const isDefault = (v: number) => compiled.values.get(compiled.varValue[v])!.default === true;

  const fixed = session.propagate(chosen);
  if (fixed === null) return null;
  const decided = new Int8Array(n + 1); // 1 in, -1 out, 0 open
  const assumptions = [...chosen];
  for (let v = 1; v <= n; v++) decided[v] = fixed[v];

  // Phases follow the preferences, so the solver's models tend to agree with them already.
  const phases: number[] = [];
  for (let v = 1; v <= n; v++) phases.push(isDefault(v) ? v : -v);
  session.setPhases(phases.filter((l) => l > 0), true);
  session.setPhases(phases.filter((l) => l < 0).map((l) => -l), false);
  const first = session.solve(assumptions);
  if (!first.sat) return null;
  let model = first.model;

  /** Settle literal `lit` if some completion agrees with it; otherwise settle its negation. */
  const prefer = (lit: number): boolean => {
    const v = Math.abs(lit);
    if (decided[v] !== 0) return decided[v] === Math.sign(lit);
    let ok = model[v] === (lit > 0 ? 1 : 0);
    if (!ok) {
      const r = session.solve([...assumptions, lit]);
      if (r.sat) {
        model = r.model;
        ok = true;
      }
    }
    const settled = ok ? lit : -lit;
    decided[v] = Math.sign(settled);
    assumptions.push(settled);
    return ok;
  };

  for (let v = 1; v <= n; v++) if (isDefault(v)) prefer(v);

  const byPrice = (vars: readonly number[]) => [...vars].sort((a, b) => priceOf(a) - priceOf(b) || a - b);
  for (const f of compiled.features) {
    const inCount = () => f.vars.filter((v) => decided[v] === 1).length;
    // An optional feature with a minimum may stay empty: it is filled up only once it has a value.
    if (inCount() >= f.min || (f.orNone && inCount() === 0)) continue;
    for (const v of byPrice(f.vars)) {
      if (inCount() >= f.min) break;
      prefer(v);
    }
  }

  const rest: number[] = [];
  for (let v = 1; v <= n; v++) if (decided[v] === 0) rest.push(v);
  rest.sort((a, b) => priceOf(b) - priceOf(a) || b - a);
  for (const v of rest) prefer(-v);

  const result = chosen.map((v) => compiled.varValue[v]);
  const inChoices = new Set(chosen);
  for (let v = 1; v <= n; v++) if (model[v] === 1 && !inChoices.has(v)) result.push(compiled.varValue[v]);
  return result;
}
