/**
 * Price of a configuration in one market, as an itemised breakdown. Pure and
 * integer-only (minor units), so the browser's figure and the server's
 * re-priced figure are the same number.
 *
 * - base: the line's base price;
 * - value: each chosen value at its market price (catalog order);
 * - included: each value a chosen package brings, at 0 with `includedIn`,
 *   also when the customer clicked it as well (it is never charged twice);
 * - text: each non-empty, allowed personalization whose feature has a price;
 * - vat: basis points of the market on the net total, rounded half up;
 * - total: net + vat.
 * A price missing for the market counts as 0 (the catalog allows that only for
 * free values). Unknown codes are ignored here; `validate` reports them.
 */
import { MARKETS, type Market, type ProductLine } from "../catalog";
import { effectiveChoices, includedBy, indexLine } from "./line-index";
import type { PriceBreakdown, PriceLine } from "./types";

export function price(
  line: ProductLine,
  choices: readonly string[],
  texts: Readonly<Record<string, string>>,
  market: Market,
): PriceBreakdown {
  const { currency, vatBasisPoints } = MARKETS[market];
  const { values, textFeatures } = indexLine(line);
  const lines: PriceLine[] = [{ kind: "base", amount: line.basePrice[market] ?? 0 }];
  const effective = effectiveChoices(line, choices);
  const included = includedBy(line, effective);
  for (const code of effective) {
    const pkg = included.get(code);
    if (pkg !== undefined) lines.push({ kind: "included", code, includedIn: pkg, amount: 0 });
    else lines.push({ kind: "value", code, amount: values.get(code)!.price[market] ?? 0 });
  }
  const chosen = new Set(effective);
  for (const [code, f] of textFeatures) {
    const text = texts[code];
    if (!text) continue;
    if (f.enabledBy !== undefined && !chosen.has(f.enabledBy)) continue;
    const amount = f.price[market] ?? 0;
    if (amount > 0) lines.push({ kind: "text", code, amount });
  }
  const net = lines.reduce((sum, l) => sum + l.amount, 0);
  const vat = vatOf(net, vatBasisPoints);
  lines.push({ kind: "vat", amount: vat }, { kind: "total", amount: net + vat });
  return { market, currency, lines, net, vat, total: net + vat };
}

/** VAT on a non-negative net amount: basis points, rounded half up, in integers only. */
export function vatOf(net: number, basisPoints: number): number {
  if (!Number.isSafeInteger(net) || net < 0) throw new RangeError(`net amount ${net} is not a non-negative integer`);
  // BigInt keeps net × basis points exact beyond 2^53 (a very large order in KRW).
  return Number((BigInt(net) * BigInt(basisPoints) + 5000n) / 10000n);
}
