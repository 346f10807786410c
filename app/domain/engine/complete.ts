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
import { choiceVars, sessionFor, type EngineSession } from "./session";

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
  const settler = new Settler(session, assumptions, decided, first.model);
  const prefer = (lit: number) => settler.prefer(lit);

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

  settler.leaveOutOpen(priceOf);

  const result = chosen.map((v) => compiled.varValue[v]);
  const inChoices = new Set(chosen);
  for (let v = 1; v <= n; v++) if (settler.isIn(v) && !inChoices.has(v)) result.push(compiled.varValue[v]);
  return result;
}

/**
 * Settles value variables one at a time, each decision checked by the solver:
 * a literal is taken if some completion agrees with it and everything settled
 * so far, otherwise its negation is. The last model found agrees with every
 * decision, so most checks need no solver call. Completion and the resolver's
 * fills settle this way.
 */
export class Settler {
  constructor(
    private readonly session: EngineSession,
    /** The literals settled so far (the caller's assumptions, extended in place). */
    private readonly assumptions: number[],
    /** Per variable: 1 in, -1 out, 0 open (extended in place). */
    private readonly decided: Int8Array,
    private model: Uint8Array,
  ) {}

  /** Settle `lit` if some completion agrees with it; otherwise settle its negation. True when `lit` holds. */
  prefer(lit: number): boolean {
    const v = Math.abs(lit);
    if (this.decided[v] !== 0) return this.decided[v] === Math.sign(lit);
    let ok = this.model[v] === (lit > 0 ? 1 : 0);
    if (!ok) {
      const r = this.session.solve([...this.assumptions, lit]);
      if (r.sat) {
        this.model = r.model;
        ok = true;
      }
    }
    const settled = ok ? lit : -lit;
    this.decided[v] = Math.sign(settled);
    this.assumptions.push(settled);
    return ok;
  }

  /** Leave out every open value where possible, the most expensive first, so what rules force in is the cheaper alternative. */
  leaveOutOpen(priceOf: (v: number) => number): void {
    const open: number[] = [];
    for (let v = 1; v < this.decided.length; v++) if (this.decided[v] === 0) open.push(v);
    open.sort((a, b) => priceOf(b) - priceOf(a) || b - a);
    for (const v of open) this.prefer(-v);
  }

  /** Whether the value is in the last model (every decision settled so far holds in it). */
  isIn(v: number): boolean {
    return this.model[v] === 1;
  }
}
