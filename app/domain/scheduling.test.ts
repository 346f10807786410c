import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCatalog } from "./catalog";
import { addDays } from "./orders";
import { CUSTOMER_TIERS } from "./roles";
import { autoSchedule, buildDateProblem, byPriority, earliestBuildDay, estimateDelivery, firstBuildDay, isPlannableDay, leadTimeDays, type SchedulingOrder } from "./scheduling";

const FROM = "2026-12-01";

const orderArb = fc.record({
  tier: fc.constantFrom(...CUSTOMER_TIERS),
  orderedAt: fc.integer({ min: 0, max: 10_000 }),
  earliestOffset: fc.integer({ min: 0, max: 20 }),
});

const queueArb = fc.record({
  orders: fc.array(orderArb, { maxLength: 60 }),
  capacities: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 10 }),
  preload: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 10 }),
});

describe("autoSchedule", () => {
  it("never puts more on a day than its capacity, counting what was already there (property)", () => {
    fc.assert(
      fc.property(queueArb, ({ orders, capacities, preload }) => {
        const input: SchedulingOrder[] = orders.map((o, i) => ({ id: `o${i}`, tier: o.tier, orderedAt: o.orderedAt, earliest: addDays(FROM, o.earliestOffset) }));
        const capacityOn = (day: string) => capacities[(Date.parse(day) / 86_400_000) % capacities.length]!;
        const load = new Map(preload.map((n, i) => [addDays(FROM, i), Math.min(n, capacityOn(addDays(FROM, i)))] as const));
        const { assignments, unplaced } = autoSchedule(input, { capacityOn, load }, FROM, 60);

        const perDay = new Map(load);
        for (const a of assignments) perDay.set(a.day, (perDay.get(a.day) ?? 0) + 1);
        for (const [day, n] of perDay) expect(n).toBeLessThanOrEqual(capacityOn(day));

        // Every order exactly once, placed or not; never before its earliest day or the start.
        expect([...assignments.map((a) => a.id), ...unplaced].sort()).toEqual(input.map((o) => o.id).sort());
        const byId = new Map(input.map((o) => [o.id, o]));
        for (const a of assignments) {
          expect(a.day >= FROM).toBe(true);
          expect(a.day >= byId.get(a.id)!.earliest).toBe(true);
          expect(a.day <= addDays(FROM, 60)).toBe(true);
        }
        // Nothing is left unplaced while a day it could use still has room (greedy completeness).
        for (const id of unplaced) {
          const o = byId.get(id)!;
          for (let d = o.earliest > FROM ? o.earliest : FROM; d <= addDays(FROM, 60); d = addDays(d, 1))
            expect(perDay.get(d) ?? 0).toBe(capacityOn(d));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("places exactly as the plain day-by-day walk does (property)", () => {
    // The definition: in priority order, the first day from max(from, earliest) whose load is below its capacity.
    const naive = (orders: SchedulingOrder[], capacityOn: (d: string) => number, preload: Map<string, number>, window: number) => {
      const load = new Map(preload);
      const out: { id: string; day: string }[] = [];
      const missed: string[] = [];
      for (const o of byPriority(orders)) {
        let day = o.earliest > FROM ? o.earliest : FROM;
        while (day <= addDays(FROM, window) && (load.get(day) ?? 0) >= capacityOn(day)) day = addDays(day, 1);
        if (day > addDays(FROM, window)) missed.push(o.id);
        else {
          load.set(day, (load.get(day) ?? 0) + 1);
          out.push({ id: o.id, day });
        }
      }
      return { assignments: out, unplaced: missed };
    };
    fc.assert(
      fc.property(queueArb, fc.integer({ min: 0, max: 40 }), ({ orders, capacities, preload }, window) => {
        const input: SchedulingOrder[] = orders.map((o, i) => ({ id: `o${i}`, tier: o.tier, orderedAt: o.orderedAt, earliest: addDays(FROM, o.earliestOffset) }));
        const capacityOn = (day: string) => capacities[(Date.parse(day) / 86_400_000) % capacities.length]!;
        const load = new Map(preload.map((n, i) => [addDays(FROM, i), n] as const));
        expect(autoSchedule(input, { capacityOn, load }, FROM, window)).toEqual(naive(input, capacityOn, load, window));
      }),
      { numRuns: 300 },
    );
  });

  it("serves gold before silver before standard, then the earlier order first", () => {
    const orders: SchedulingOrder[] = [
      { id: "std-early", tier: "standard", orderedAt: "2026-11-01T08:00:00Z", earliest: FROM },
      { id: "gold-late", tier: "gold", orderedAt: "2026-11-20T08:00:00Z", earliest: FROM },
      { id: "silver", tier: "silver", orderedAt: "2026-11-10T08:00:00Z", earliest: FROM },
      { id: "gold-early", tier: "gold", orderedAt: "2026-11-02T08:00:00Z", earliest: FROM },
    ];
    expect(byPriority(orders).map((o) => o.id)).toEqual(["gold-early", "gold-late", "silver", "std-early"]);
    const { assignments } = autoSchedule(orders, { capacityOn: () => 1, load: new Map() }, FROM);
    expect(assignments).toEqual([
      { id: "gold-early", day: "2026-12-01" },
      { id: "gold-late", day: "2026-12-02" },
      { id: "silver", day: "2026-12-03" },
      { id: "std-early", day: "2026-12-04" },
    ]);
  });

  it("skips full days and days without capacity, and reports what does not fit in the window", () => {
    const calendar = { capacityOn: (day: string) => (day === "2026-12-02" ? 0 : 2), load: new Map([["2026-12-01", 2]]) };
    const orders: SchedulingOrder[] = ["a", "b", "c"].map((id) => ({ id, tier: "standard", orderedAt: 0, earliest: FROM }));
    expect(autoSchedule(orders, calendar, FROM, 2)).toEqual({
      assignments: [
        { id: "a", day: "2026-12-03" },
        { id: "b", day: "2026-12-03" },
      ],
      unplaced: ["c"],
    });
  });
});

const line = parseCatalog({
  productLines: [
    {
      code: "L",
      name: { en: "Line" },
      basePrice: { DE: 100 },
      baseModules: [],
      leadTimeDays: 3,
      features: [
        {
          kind: "multiple",
          code: "OPT",
          name: { en: "Options" },
          values: [
            { code: "PKG", name: { en: "Package" }, includes: ["SLOW"] },
            { code: "SLOW", name: { en: "Slow part" }, leadTimeDays: 12 },
            { code: "FAST", name: { en: "Fast part" }, leadTimeDays: 1 },
          ],
        },
      ],
    },
  ],
}).productLines[0]!;

describe("lead time and delivery estimate", () => {
  it("takes the longest lead time of the line and every value, packages' contents included", () => {
    expect(leadTimeDays(line, [])).toBe(3);
    expect(leadTimeDays(line, ["FAST"])).toBe(3);
    expect(leadTimeDays(line, ["PKG"])).toBe(12);
    expect(earliestBuildDay(FROM, 0)).toBe("2026-12-02");
  });

  it("moves with the queue's load and with the chosen values' lead time", () => {
    const calendar = { capacityOn: () => 1, load: new Map([["2026-12-05", 1]]) };
    const base = { today: FROM, tier: "standard" as const, calendar, backlog: [], now: 0 };
    expect(estimateDelivery({ ...base, leadDays: 3 })).toEqual({ buildDay: "2026-12-04", deliveryDay: "2026-12-14" });
    // 2026-12-05 is full, so 4 days of lead time land on the 6th.
    expect(estimateDelivery({ ...base, leadDays: 4 })).toEqual({ buildDay: "2026-12-06", deliveryDay: "2026-12-16" });
    // Two unscheduled orders ahead take the 4th and the 6th.
    const backlog: SchedulingOrder[] = ["x", "y"].map((id) => ({ id, tier: "standard", orderedAt: -1, earliest: "2026-12-04" }));
    expect(estimateDelivery({ ...base, leadDays: 3, backlog })?.buildDay).toBe("2026-12-07");
    // A gold customer goes ahead of a standard backlog.
    expect(estimateDelivery({ ...base, leadDays: 3, backlog, tier: "gold" })?.buildDay).toBe("2026-12-04");
  });
});

describe("a planner's build date", () => {
  const today = "2026-12-01";

  it("lies after today: today and earlier days are past planning", () => {
    expect(isPlannableDay("2026-12-02", today)).toBe(true);
    expect(isPlannableDay(today, today)).toBe(false);
    expect(isPlannableDay("2026-11-30", today)).toBe(false);
  });

  it("is refused in the past first, then before the order's earliest build day", () => {
    expect(buildDateProblem(today, { today, earliest: "2026-12-10" })).toBe("past-day");
    expect(buildDateProblem("2026-12-09", { today, earliest: "2026-12-10" })).toBe("before-earliest");
    expect(buildDateProblem("2026-12-10", { today, earliest: "2026-12-10" })).toBeNull();
    expect(buildDateProblem("2026-12-02", { today, earliest: null })).toBeNull();
  });

  it("starts tomorrow, or on the earliest build day when that is later; the first day is never refused (property)", () => {
    expect(firstBuildDay(today, null)).toBe("2026-12-02");
    expect(firstBuildDay(today, "2026-11-20")).toBe("2026-12-02");
    expect(firstBuildDay(today, "2026-12-10")).toBe("2026-12-10");
    fc.assert(
      fc.property(fc.integer({ min: -30, max: 30 }), fc.boolean(), (offset, known) => {
        const earliest = known ? addDays(today, offset) : null;
        const first = firstBuildDay(today, earliest);
        expect(buildDateProblem(first, { today, earliest })).toBeNull();
        expect(buildDateProblem(addDays(first, -1), { today, earliest })).not.toBeNull();
      }),
    );
  });
});
