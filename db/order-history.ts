/**
 * A synthetic order history: made-up customers ordering through the engine,
 * for the recommendations benchmark (100,000 orders) and the demo database
 * (a few hundred). Nothing here comes from real people.
 *
 * Each customer has a persona, a tier and a market:
 * - a persona is a taste drawn once per line from the seed: a favourite value
 *   in each single-choice feature (taken 60 % of the time) and a "bundle" of
 *   3–5 optional values it likes (each taken 65 % of the time; any other
 *   optional value 4 %). So values of one bundle go together in orders:
 *   what the recommendations should find, and what popularity alone misses.
 * - the tier shifts the trim: gold customers mostly take the line's last
 *   (richest) trim value, standard ones its first.
 * - the market is where the order is priced; the engine completes with it.
 *
 * Every order is valid: the wish is handed to the engine's `complete`, and
 * while the engine finds no completion, the wish's last value is dropped
 * (the customer gives up what doesn't fit). Completions are cached by wish,
 * since personas repeat themselves.
 *
 * Seeded: the same seed gives the same history.
 */
import type { ChoiceFeature, Market, ProductLine } from "../app/domain/catalog";
import { compileLine, complete, type CompiledLine } from "../app/domain/engine";
import type { CustomerTier } from "../app/domain/roles";
import { seededRandom } from "../app/domain/random";

export interface SyntheticCustomer {
  id: string;
  persona: number;
  tier: CustomerTier;
  market: Market;
}

export interface SyntheticOrder {
  customer: string;
  choices: string[];
  market: Market;
}

export interface HistoryOptions {
  orders: number;
  customers: number;
  seed?: number;
  personas?: number;
  markets?: readonly Market[];
  compiled?: CompiledLine;
}

interface Persona {
  favourite: Map<string, string>;
  bundle: Set<string>;
}

const TIERS: readonly CustomerTier[] = ["gold", "silver", "standard", "standard"];

export function syntheticHistory(line: ProductLine, options: HistoryOptions): { customers: SyntheticCustomer[]; orders: SyntheticOrder[] } {
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const compiled = options.compiled ?? compileLine(line);
  const choiceFeatures = line.features.filter((f): f is ChoiceFeature => f.kind !== "text");
  const singles = choiceFeatures.filter((f) => f.kind === "single");
  const optional = choiceFeatures.filter((f) => f.kind === "multiple").flatMap((f) => f.values.map((v) => v.code));
  const trim = singles.find((f) => f.code === "trim") ?? singles[0];
  const markets = options.markets ?? (Object.keys(line.basePrice) as Market[]);

  const personas: Persona[] = Array.from({ length: options.personas ?? 6 }, () => {
    const favourite = new Map(singles.map((f) => [f.code, pick(f.values).code]));
    const bundle = new Set<string>();
    const size = Math.min(optional.length, 3 + Math.floor(random() * 3));
    while (bundle.size < size) bundle.add(pick(optional));
    return { favourite, bundle };
  });
  const customers: SyntheticCustomer[] = Array.from({ length: options.customers }, (_, i) => ({
    id: `customer-${i + 1}`,
    persona: Math.floor(random() * personas.length),
    tier: pick(TIERS),
    market: pick(markets),
  }));

  const cache = new Map<string, string[] | null>();
  const orders: SyntheticOrder[] = [];
  for (let n = 0; n < options.orders; n++) {
    const customer = pick(customers);
    const persona = personas[customer.persona];
    const wish: string[] = [];
    if (trim) {
      const values = trim.values.map((v) => v.code);
      const byTier = customer.tier === "gold" ? values[values.length - 1] : customer.tier === "standard" ? values[0] : undefined;
      if (byTier && random() < 0.7) wish.push(byTier);
    }
    for (const f of singles) {
      if (f === trim && wish.length > 0) continue;
      if (random() < 0.6) wish.push(persona.favourite.get(f.code)!);
      else if (random() < 0.5) wish.push(pick(f.values).code);
    }
    for (const code of optional) if (random() < (persona.bundle.has(code) ? 0.65 : 0.04)) wish.push(code);
    const choices = completed(compiled, wish, customer.market, cache);
    if (choices) orders.push({ customer: customer.id, choices, market: customer.market });
  }
  return { customers, orders };
}

function completed(compiled: CompiledLine, wish: string[], market: Market, cache: Map<string, string[] | null>): string[] | null {
  const key = `${market}|${wish.join(",")}`;
  let result = cache.get(key);
  if (result === undefined) {
    result = null;
    for (let keep = wish.length; keep >= 0 && result === null; keep--) result = complete(compiled, { choices: wish.slice(0, keep) }, { market });
    cache.set(key, result);
  }
  return result;
}
