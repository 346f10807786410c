import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeTier, TIER_RANK, TIER_VALUES, tierWindowStart, type DeliveredRecord } from "./tiers";

const none: DeliveredRecord = { count: 0, value: {} };

describe("computeTier", () => {
  it("gives standard without deliveries, silver from one, gold from two", () => {
    expect(computeTier(none)).toBe("standard");
    expect(computeTier({ count: 1, value: { EUR: 40_000_00 } })).toBe("silver");
    expect(computeTier({ count: 2, value: { EUR: 80_000_00 } })).toBe("gold");
  });

  it("gives gold to one delivered order worth at least €150k, and not to one just under", () => {
    expect(computeTier({ count: 1, value: { EUR: 150_000_00 } })).toBe("gold");
    expect(computeTier({ count: 1, value: { EUR: 150_000_00 - 1 } })).toBe("silver");
  });

  it("compares each currency with its own threshold and never adds currencies up", () => {
    expect(computeTier({ count: 1, value: { JPY: TIER_VALUES.JPY!.gold } })).toBe("gold");
    // Two currencies just under gold each: still silver (one order), the sums are not converted.
    expect(computeTier({ count: 1, value: { EUR: 149_000_00, USD: 159_000_00 } })).toBe("silver");
    // A currency without thresholds counts by number only.
    expect(computeTier({ count: 1, value: { XXX: 10 ** 12 } })).toBe("silver");
  });

  const record = fc.record({
    count: fc.nat({ max: 5 }),
    value: fc.dictionary(fc.constantFrom("EUR", "USD", "CNY", "JPY", "KRW", "XXX"), fc.nat({ max: 400_000_000 })),
  });
  const more = fc.record({ count: fc.nat({ max: 5 }), currency: fc.constantFrom("EUR", "USD", "CNY", "JPY", "KRW"), amount: fc.nat({ max: 400_000_000 }) });

  it("is monotone: more delivered orders or more delivered value never lowers the tier", () => {
    fc.assert(
      fc.property(record, more, (r, extra) => {
        const grown: DeliveredRecord = {
          count: r.count + extra.count,
          value: { ...r.value, [extra.currency]: (r.value[extra.currency] ?? 0) + extra.amount },
        };
        expect(TIER_RANK[computeTier(grown)]).toBeGreaterThanOrEqual(TIER_RANK[computeTier(r)]);
      }),
    );
  });

  it("never gives standard to someone with a delivered order", () => {
    fc.assert(
      fc.property(record, (r) => {
        fc.pre(r.count > 0);
        expect(computeTier(r)).not.toBe("standard");
      }),
    );
  });
});

describe("tierWindowStart", () => {
  it("is three years back to the day", () => {
    expect(tierWindowStart(new Date("2026-12-06T10:00:00Z")).toISOString()).toBe("2023-12-06T10:00:00.000Z");
  });
});
