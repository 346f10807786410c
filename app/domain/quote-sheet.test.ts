/**
 * The price rows every quote view prints add up: list net + discount = net
 * after the discount, net + VAT = total (gross), for any list price, any
 * discount and every market — checked against the discount's definition
 * (applyDiscount) with fast-check.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MARKETS, MARKET_CODES, type Market } from "./catalog";
import type { PriceBreakdown } from "./engine/types";
import { priceRows, vatRateOf } from "./quote-sheet";
import { applyDiscount, type Discount } from "./quotes";

function listPrice(market: Market, net: number): PriceBreakdown {
  const vat = Math.round((net * MARKETS[market].vatBasisPoints) / 10_000);
  return { market, currency: MARKETS[market].currency, lines: [{ kind: "base", amount: net }], net, vat, total: net + vat };
}

const sum = (rows: { amount: number }[]) => rows.reduce((n, r) => n + r.amount, 0);

describe("priceRows", () => {
  it("prints list net, discount, net, VAT and total, each following from the rows above it", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MARKET_CODES),
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.oneof(
          fc.integer({ min: 0, max: 10_000 }).map((value): Discount => ({ kind: "percent", value })),
          fc.integer({ min: 0, max: 50_000_000 }).map((value): Discount => ({ kind: "amount", value })),
        ),
        fc.boolean(),
        (market, net, discount, always) => {
          fc.pre(discount.kind === "percent" || discount.value <= net);
          const price = applyDiscount(listPrice(market, net), discount);
          const rows = priceRows({ ...price, listNet: price.list.net }, { always });
          const keys = rows.map((r) => r.key);
          expect(keys).toEqual(price.discountAmount > 0 || always ? ["listNet", "discount", "net", "vat", "total"] : ["listNet", "vat", "total"]);
          const byKey = new Map(rows.map((r) => [r.key, r.amount]));
          // The list price is the net one: the discount is taken off it (never off the gross list total).
          expect(byKey.get("listNet")).toBe(price.list.net);
          // No discount is 0, not −0 (which money formatting prints as "−€0.00").
          if (byKey.has("discount")) expect(byKey.get("discount")).toBe(price.discountAmount === 0 ? 0 : -price.discountAmount);
          if (byKey.has("net")) expect(byKey.get("listNet")! + byKey.get("discount")!).toBe(byKey.get("net"));
          // Everything above the total adds up to it.
          const [total, ...above] = [rows.at(-1)!, ...rows.slice(0, -1).filter((r) => r.key !== "net")];
          expect(sum(above)).toBe(total.amount);
          expect(total.amount).toBe(price.total);
          for (const r of rows) expect(Number.isSafeInteger(r.amount)).toBe(true);
        },
      ),
    );
  });

  it("labels VAT with the quote's market's rate", () => {
    expect(vatRateOf("DE")).toBe(19);
    expect(vatRateOf("US")).toBe(0);
    expect(vatRateOf("CN")).toBe(13);
  });
});
