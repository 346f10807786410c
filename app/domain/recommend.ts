/**
 * "Customers who chose S line often add Winter package (62 %)": association
 * rules mined from order history, and the few of them worth showing on top of
 * the configuration being built.
 *
 * Privacy is part of the model's shape: mining reads orders with the id of
 * the customer they were built for only to count *distinct* customers, and a
 * rule is kept only when at least `minCustomers` (k = 5) different customers
 * ordered both its values. The model holds rules and counts, never an order or
 * a customer: one customer's rare combination can't show. Which orders may be
 * read at all (the customers' consent) is the server's business.
 *
 * Showing rules respects the engine: only values the customer can choose right
 * now without a conflict (available in the valid domain, not chosen, not
 * implied, and not replacing a choice they made in a single-choice feature).
 */
import type { ProductLine } from "./catalog";
import type { Domains } from "./engine/types";

/** At least this many distinct customers must have ordered both values of a rule. */
export const MIN_CUSTOMERS = 5;
/** At most this many recommendations per configurator step. */
export const MAX_RECOMMENDATIONS = 3;

export interface AssociationRule {
  /** The antecedent: a value the customer has. */
  if: string;
  /** The consequent: the value recommended. */
  then: string;
  /** Distinct customers who ordered both (≥ MIN_CUSTOMERS). */
  customers: number;
  /** Share of all orders with both values. */
  support: number;
  /** Share of the orders with `if` that also have `then`: the percentage shown. */
  confidence: number;
  /** Confidence over the share of orders with `then` at all: > 1 means `if` makes `then` likelier. */
  lift: number;
}

export interface RecommendationModel {
  line: string;
  /** ISO time the model was built. */
  builtAt: string;
  /** Orders the model was mined from (consenting customers only). */
  orders: number;
  rules: AssociationRule[];
}

export interface MinedOrder {
  /** Used only to count distinct customers per rule; never leaves `mineRules`. */
  customer: string;
  choices: readonly string[];
}

export interface MineOptions {
  minCustomers?: number;
  /** Rules under this confidence say nothing worth showing. */
  minConfidence?: number;
  /** Rules at or under this lift are popularity, not association. */
  minLift?: number;
  /** The strongest rules kept per antecedent (keeps the model shipped to the browser small). */
  perAntecedent?: number;
}

/**
 * Association rules X → Y over single values. Counts per customer first (the
 * union of the pairs in their orders), so a customer who ordered the same
 * pair ten times counts once toward k.
 */
export function mineRules(orders: Iterable<MinedOrder>, options: MineOptions = {}): AssociationRule[] {
  const minCustomers = Math.max(1, options.minCustomers ?? MIN_CUSTOMERS);
  const minConfidence = options.minConfidence ?? 0.1;
  const minLift = options.minLift ?? 1;
  const perAntecedent = options.perAntecedent ?? 10;

  const index = new Map<string, number>();
  const codes: string[] = [];
  const idOf = (code: string) => {
    let id = index.get(code);
    if (id === undefined) {
      id = codes.length;
      index.set(code, id);
      codes.push(code);
    }
    return id;
  };
  // Pairs are keyed a * STRIDE + b with a < b; catalogs have far fewer than 2^20 values per line.
  const STRIDE = 1 << 20;
  const valueOrders: number[] = [];
  const pairOrders = new Map<number, number>();
  const byCustomer = new Map<string, Set<number>>();
  let total = 0;

  for (const order of orders) {
    total++;
    const ids = [...new Set(order.choices)].map(idOf).sort((a, b) => a - b);
    let seen = byCustomer.get(order.customer);
    if (!seen) byCustomer.set(order.customer, (seen = new Set()));
    for (let i = 0; i < ids.length; i++) {
      valueOrders[ids[i]] = (valueOrders[ids[i]] ?? 0) + 1;
      for (let j = i + 1; j < ids.length; j++) {
        const key = ids[i] * STRIDE + ids[j];
        pairOrders.set(key, (pairOrders.get(key) ?? 0) + 1);
        seen.add(key);
      }
    }
  }

  const pairCustomers = new Map<number, number>();
  for (const pairs of byCustomer.values()) for (const key of pairs) pairCustomers.set(key, (pairCustomers.get(key) ?? 0) + 1);

  const byAntecedent = new Map<string, AssociationRule[]>();
  for (const [key, customers] of pairCustomers) {
    if (customers < minCustomers) continue;
    const a = Math.floor(key / STRIDE);
    const b = key % STRIDE;
    const both = pairOrders.get(key)!;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ]) {
      const confidence = both / valueOrders[x];
      const lift = confidence / (valueOrders[y] / total);
      if (confidence < minConfidence || lift <= minLift) continue;
      const rule: AssociationRule = { if: codes[x], then: codes[y], customers, support: both / total, confidence, lift };
      const list = byAntecedent.get(rule.if) ?? [];
      list.push(rule);
      byAntecedent.set(rule.if, list);
    }
  }
  const rules: AssociationRule[] = [];
  for (const list of byAntecedent.values()) rules.push(...list.sort(strongerFirst).slice(0, perAntecedent));
  return rules.sort((r, s) => r.if.localeCompare(s.if) || strongerFirst(r, s));
}

function strongerFirst(r: AssociationRule, s: AssociationRule): number {
  return s.confidence - r.confidence || s.lift - r.lift || r.then.localeCompare(s.then);
}

export interface Recommendation {
  /** The value to add. */
  code: string;
  /** Why: the value the customer has, and the share of its orders that also had `code`. */
  because: string;
  confidence: number;
}

/**
 * Values the customer may add right now without a conflict: available in the
 * current domains (as the configurator judges them), not chosen, not implied,
 * and — in a single-choice feature — only while nothing is chosen there (a
 * recommendation adds, it never swaps out what the customer picked).
 * `features` limits them to those features (one configurator step).
 */
export function addableValues(line: ProductLine, domains: Domains, features?: readonly string[]): Set<string> {
  const only = features ? new Set(features) : null;
  const addable = new Set<string>();
  if (!domains.consistent) return addable;
  for (const state of domains.features) {
    if (only && !only.has(state.code)) continue;
    const feature = line.features.find((f) => f.code === state.code);
    if (!feature || feature.kind === "text") continue;
    if (feature.kind === "single" && state.values.some((v) => v.chosen || v.implied)) continue;
    for (const v of state.values) if (v.available && !v.chosen && !v.implied) addable.add(v.code);
  }
  return addable;
}

/**
 * The best rules whose antecedent the customer has (`have`: chosen or
 * implied values) and whose consequent is in `addable`, one per consequent,
 * strongest first, at most `limit`.
 */
export function recommend(
  rules: readonly AssociationRule[],
  have: readonly string[],
  addable: ReadonlySet<string>,
  limit: number = MAX_RECOMMENDATIONS,
): Recommendation[] {
  const owned = new Set(have);
  const best = new Map<string, AssociationRule>();
  for (const rule of rules) {
    if (!owned.has(rule.if) || !addable.has(rule.then) || owned.has(rule.then)) continue;
    const current = best.get(rule.then);
    if (!current || strongerFirst(rule, current) < 0) best.set(rule.then, rule);
  }
  return [...best.values()]
    .sort(strongerFirst)
    .slice(0, limit)
    .map((rule) => ({ code: rule.then, because: rule.if, confidence: rule.confidence }));
}

/** What the customer has in `domains`: chosen and implied values. */
export function valuesHeld(domains: Domains): string[] {
  return domains.features.flatMap((f) => f.values.filter((v) => v.chosen || v.implied).map((v) => v.code));
}

/** The confidence as the whole percentage shown ("62 %"). */
export function percentOf(confidence: number): number {
  return Math.round(confidence * 100);
}
