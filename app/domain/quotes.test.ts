import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MARKET_CODES, MARKETS, type Market } from "./catalog";
import { vatOf } from "./engine/pricing";
import type { PriceBreakdown } from "./engine/types";
import {
  APPROVAL_STATES,
  applyDiscount,
  discountedBreakdown,
  discountRefusal,
  handOverRefusal,
  marginEffect,
  needsApproval,
  orderRefusal,
  rejectionRefusal,
  validUntil,
  type ApprovalState,
  type Discount,
} from "./quotes";

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

describe("which versions stand as a quote (handed over, printed as valid, signed, ordered)", () => {
  it("is a version within the dealer's cap or approved by a sales manager, and no other", () => {
    const expected: Record<ApprovalState, string | null> = { not_needed: null, approved: null, pending: "awaiting-approval", rejected: "rejected" };
    for (const approval of APPROVAL_STATES) expect(handOverRefusal({ approval })?.code ?? null, approval).toBe(expected[approval]);
  });

  it("is the rule ordering and signing follow: every refused approval refuses an otherwise orderable version with the same code", () => {
    const orderable = { version: 1, latestVersion: 1, validUntil: "2026-12-30", signed: true, ordered: false };
    for (const approval of APPROVAL_STATES) expect(orderRefusal({ ...orderable, approval }, "2026-12-01")?.code ?? null, approval).toBe(handOverRefusal({ approval })?.code ?? null);
  });
});

describe("a sales manager's decision", () => {
  it("needs a comment to reject (not blank), none to approve", () => {
    expect(rejectionRefusal({ approve: false, comment: "" })?.code).toBe("comment-required");
    expect(rejectionRefusal({ approve: false, comment: " \n\t " })?.code).toBe("comment-required");
    expect(rejectionRefusal({ approve: false, comment: "Too much for this trim" })).toBeNull();
    expect(rejectionRefusal({ approve: true, comment: "" })).toBeNull();
  });

  it("sees the margin effect: the discount in money and as a share of the list net, and the net after it", () => {
    // 20 % of €37,200.00 net.
    const quoted = applyDiscount(breakdown(3_720_000), { kind: "percent", value: 2000 });
    expect(marginEffect(quoted)).toEqual({ listNet: 3_720_000, discountAmount: 744_000, discountBasisPoints: 2000, netAfter: 2_976_000 });
    // An amount: €333.33 of €1,000.00 is 33.333 % (shown as 33.33 %, rounded half up, not the cap's rounding up).
    expect(marginEffect(applyDiscount(breakdown(100_000), { kind: "amount", value: 33_333 }))).toMatchObject({ discountBasisPoints: 3333, netAfter: 66_667 });
    expect(marginEffect(applyDiscount(breakdown(0), { kind: "amount", value: 0 }))).toMatchObject({ discountBasisPoints: 0, netAfter: 0 });
  });

  it("adds up for any net and discount (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 10_000 }), (net, bp) => {
        const effect = marginEffect(applyDiscount(breakdown(net), { kind: "percent", value: bp }));
        expect(effect.listNet - effect.discountAmount).toBe(effect.netAfter);
        expect(effect.discountBasisPoints).toBeGreaterThanOrEqual(0);
        expect(effect.discountBasisPoints).toBeLessThanOrEqual(10_000);
        if (net >= 10_000) expect(Math.abs(effect.discountBasisPoints - bp)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
