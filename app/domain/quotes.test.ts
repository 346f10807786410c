import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MARKET_CODES, MARKETS, type Market } from "./catalog";
import { vatOf } from "./engine/pricing";
import type { PriceBreakdown } from "./engine/types";
import { applyDiscount, discountedBreakdown, discountRefusal, needsApproval, orderRefusal, validUntil, type Discount } from "./quotes";

function breakdown(net: number, market: Market = "DE"): PriceBreakdown {
  const vat = vatOf(net, MARKETS[market].vatBasisPoints);
  return { market, currency: MARKETS[market].currency, lines: [{ kind: "base", amount: net }], net, vat, total: net + vat };
}

describe("discounts", () => {
  it("takes a percentage or an amount off the net and charges VAT on the rest", () => {
    const list = breakdown(5_000_000); // DE: 19 %
    expect(applyDiscount(list, { kind: "percent", value: 500 })).toMatchObject({ discountAmount: 250_000, net: 4_750_000, vat: 902_500, total: 5_652_500, discountBasisPoints: 500 });
    expect(applyDiscount(list, { kind: "amount", value: 100_000 })).toMatchObject({ discountAmount: 100_000, net: 4_900_000, discountBasisPoints: 200 });
    expect(applyDiscount(list, { kind: "amount", value: 5_000_000 })).toMatchObject({ net: 0, vat: 0, total: 0 });
  });

  it("is the definition for any net, market and discount (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.constantFrom(...MARKET_CODES),
        fc.oneof(fc.record({ kind: fc.constant("percent" as const), value: fc.integer({ min: 0, max: 10_000 }) }), fc.record({ kind: fc.constant("amount" as const), value: fc.nat() })),
        (net, market, discount: Discount) => {
          const list = breakdown(net, market);
          if (discount.kind === "amount" && discount.value > net) {
            expect(discountRefusal(discount, net)?.code).toBe("above-price");
            return;
          }
          const p = applyDiscount(list, discount);
          const expectedOff = discount.kind === "amount" ? discount.value : Math.round((net * discount.value) / 10_000 + 1e-9);
          expect(Math.abs(p.discountAmount - expectedOff)).toBeLessThanOrEqual(discount.kind === "amount" ? 0 : 1);
          expect(p.net).toBe(net - p.discountAmount);
          expect(p.vat).toBe(vatOf(p.net, MARKETS[market].vatBasisPoints));
          expect(p.total).toBe(p.net + p.vat);
          expect(p.total).toBeLessThanOrEqual(list.total);
          // The basis points shown against the cap never understate the discount.
          if (net > 0) expect(p.discountBasisPoints * net).toBeGreaterThanOrEqual(p.discountAmount * 10_000);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("prints as one breakdown whose lines add up to the discounted net", () => {
    const p = applyDiscount(breakdown(1_000_000), { kind: "percent", value: 1000 });
    const b = discountedBreakdown(p);
    expect(b.lines.map((l) => l.kind)).toEqual(["base", "discount", "vat", "total"]);
    const net = b.lines.filter((l) => l.kind !== "vat" && l.kind !== "total").reduce((s, l) => s + l.amount, 0);
    expect(net).toBe(900_000);
    expect(b).toMatchObject({ net: 900_000, vat: 171_000, total: 1_071_000 });
    expect(discountedBreakdown(applyDiscount(breakdown(100), { kind: "amount", value: 0 })).lines.map((l) => l.kind)).toEqual(["base", "vat", "total"]);
  });

  it("refuses a discount below zero, above the price, or not whole", () => {
    expect(discountRefusal({ kind: "percent", value: -1 }, 100)?.code).toBe("negative");
    expect(discountRefusal({ kind: "amount", value: 101 }, 100)?.code).toBe("above-price");
    expect(discountRefusal({ kind: "percent", value: 10_001 }, 100)?.code).toBe("above-price");
    expect(discountRefusal({ kind: "amount", value: 1.5 }, 100)?.code).toBe("not-integer");
    expect(() => applyDiscount(breakdown(100), { kind: "amount", value: 101 })).toThrow(RangeError);
  });

  it("needs a sales manager above the dealer's cap, counting an amount as its share of the net", () => {
    const list = breakdown(1_000_000);
    expect(needsApproval(applyDiscount(list, { kind: "percent", value: 500 }), 500)).toBe(false);
    expect(needsApproval(applyDiscount(list, { kind: "percent", value: 501 }), 500)).toBe(true);
    expect(needsApproval(applyDiscount(list, { kind: "amount", value: 50_000 }), 500)).toBe(false);
    // 50,001 of 1,000,000 is 5.0001 %: rounded up to 501 bp, over a 5 % cap.
    expect(needsApproval(applyDiscount(list, { kind: "amount", value: 50_001 }), 500)).toBe(true);
  });
});

describe("turning a quote into an order", () => {
  const ok = { version: 2, latestVersion: 2, approval: "not_needed" as const, validUntil: "2026-12-30", signed: true, ordered: false };
  it("is allowed for the newest, valid, approved and signed version only", () => {
    expect(orderRefusal(ok, "2026-12-30")).toBeNull();
    expect(orderRefusal({ ...ok, approval: "approved" }, "2026-12-01")).toBeNull();
    expect(orderRefusal(ok, "2026-12-31")?.code).toBe("expired");
    expect(orderRefusal({ ...ok, version: 1 }, "2026-12-01")?.code).toBe("superseded");
    expect(orderRefusal({ ...ok, approval: "pending" }, "2026-12-01")?.code).toBe("awaiting-approval");
    expect(orderRefusal({ ...ok, approval: "rejected" }, "2026-12-01")?.code).toBe("rejected");
    expect(orderRefusal({ ...ok, signed: false }, "2026-12-01")?.code).toBe("not-signed");
    expect(orderRefusal({ ...ok, ordered: true }, "2026-12-01")?.code).toBe("already-ordered");
    expect(validUntil("2026-11-30")).toBe("2026-12-30");
  });
});
