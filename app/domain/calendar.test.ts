import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  capacityOn,
  closedDay,
  DEFAULT_WORKING_DAYS,
  isoWeekday,
  isWorkingDay,
  nextWorkingDay,
  normalizeWorkingDays,
  workingDaysBetween,
  WEEKDAYS,
  type Weekday,
  type WorkingCalendar,
} from "./calendar";
import { addDays, TRANSIT_DAYS } from "./orders";
import { CUSTOMER_TIERS } from "./roles";
import { autoSchedule, estimateDelivery, type SchedulingOrder } from "./scheduling";

// 2026-12-07 is a Monday.
const MONDAY = "2026-12-07";

const calendar = (over: Partial<WorkingCalendar> = {}): WorkingCalendar => ({
  workingDays: DEFAULT_WORKING_DAYS,
  shifts: 2,
  unitsPerShift: 10,
  holidays: new Map([["2026-12-25", "Christmas Day"]]),
  dayCapacity: new Map(),
  ...over,
});

/** A calendar of random working weekdays (at least one), holidays and day capacities over the first 60 days from MONDAY. */
const calendarArb = fc
  .record({
    workingDays: fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1, maxLength: 7 }),
    shifts: fc.integer({ min: 1, max: 3 }),
    unitsPerShift: fc.integer({ min: 0, max: 3 }),
    holidays: fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { maxLength: 20 }),
    dayCapacity: fc.array(fc.tuple(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 4 })), { maxLength: 10 }),
  })
  .map(
    (c): WorkingCalendar => ({
      workingDays: normalizeWorkingDays(c.workingDays),
      shifts: c.shifts,
      unitsPerShift: c.unitsPerShift,
      holidays: new Map(c.holidays.map((i) => [addDays(MONDAY, i), `Holiday ${i}`])),
      dayCapacity: new Map(c.dayCapacity.map(([i, u]) => [addDays(MONDAY, i), u])),
    }),
  );

describe("working days", () => {
  it("names weekdays the ISO way and closes weekends and holidays by default", () => {
    expect(isoWeekday(MONDAY)).toBe(1);
    expect(isoWeekday("2026-12-13")).toBe(7);
    const c = calendar();
    expect(isWorkingDay(c, MONDAY)).toBe(true);
    expect(closedDay(c, "2026-12-12")).toEqual({ kind: "weekday", weekday: 6 });
    expect(closedDay(c, "2026-12-13")).toEqual({ kind: "weekday", weekday: 7 });
    expect(closedDay(c, "2026-12-25")).toEqual({ kind: "holiday", name: "Christmas Day" });
  });

  it("builds shifts × units per shift on a working day, a day's own capacity instead when set, and nothing on a closed day", () => {
    const c = calendar({ dayCapacity: new Map([["2026-12-08", 5], ["2026-12-12", 30], ["2026-12-25", 30]]) });
    expect(capacityOn(c, MONDAY)).toBe(20);
    expect(capacityOn(c, "2026-12-08")).toBe(5);
    // A Saturday or a holiday stays closed even with a capacity of its own (e.g. one set before the calendar changed).
    expect(capacityOn(c, "2026-12-12")).toBe(0);
    expect(capacityOn(c, "2026-12-25")).toBe(0);
  });

  it("finds the next working day and counts working days over weekends and holidays", () => {
    const c = calendar();
    expect(nextWorkingDay(c, "2026-12-12")).toBe("2026-12-14");
    expect(nextWorkingDay(c, MONDAY)).toBe(MONDAY);
    // Thursday 24th + 1 working day: Friday 25th is Christmas, then the weekend.
    expect(addWorkingDays(c, "2026-12-24", 1)).toBe("2026-12-28");
    expect(addWorkingDays(c, "2026-12-26", 0)).toBe("2026-12-28");
    expect(workingDaysBetween(c, MONDAY, "2026-12-27")).toBe(14);
    expect(nextWorkingDay(calendar({ workingDays: [] }), MONDAY)).toBeNull();
  });

  it("addWorkingDays lands on a working day with exactly n working days between (property)", () => {
    fc.assert(
      fc.property(calendarArb, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 20 }), (c, start, n) => {
        const from = addDays(MONDAY, start);
        const to = addWorkingDays(c, from, n)!;
        expect(isWorkingDay(c, to)).toBe(true);
        expect(workingDaysBetween(c, from, to)).toBe(n + 1);
        expect(nextWorkingDay(c, from)! <= to).toBe(true);
      }),
    );
  });

  it("has capacity only on working days (property)", () => {
    fc.assert(
      fc.property(calendarArb, fc.integer({ min: 0, max: 59 }), (c, i) => {
        const day = addDays(MONDAY, i);
        if (!isWorkingDay(c, day)) expect(capacityOn(c, day)).toBe(0);
        else expect(capacityOn(c, day)).toBe(c.dayCapacity.get(day) ?? c.shifts * c.unitsPerShift);
      }),
    );
  });
});

const ordersArb = fc.array(
  fc.record({ tier: fc.constantFrom(...CUSTOMER_TIERS), orderedAt: fc.integer({ min: 0, max: 1000 }), earliestOffset: fc.integer({ min: 0, max: 20 }) }),
  { maxLength: 40 },
);

describe("scheduling on a working calendar", () => {
  it("automatic scheduling never uses a non-working day, nor a day before the order's first working day (property)", () => {
    fc.assert(
      fc.property(calendarArb, ordersArb, (c, raw) => {
        const orders: SchedulingOrder[] = raw.map((o, i) => ({ id: `o${i}`, tier: o.tier, orderedAt: o.orderedAt, earliest: addDays(MONDAY, o.earliestOffset) }));
        const { assignments } = autoSchedule(orders, { capacityOn: (d) => capacityOn(c, d), load: new Map() }, MONDAY, 59);
        const byId = new Map(orders.map((o) => [o.id, o]));
        for (const a of assignments) {
          expect(isWorkingDay(c, a.day), `${a.day} (weekday ${isoWeekday(a.day)}) is closed`).toBe(true);
          expect(a.day >= nextWorkingDay(c, byId.get(a.id)!.earliest)!).toBe(true);
        }
      }),
    );
  });

  it("a delivery estimate builds on a working day, no sooner than the first working day after the lead time, and delivers the transit time after (property)", () => {
    fc.assert(
      fc.property(calendarArb, fc.integer({ min: 0, max: 20 }), fc.array(fc.integer({ min: 0, max: 15 }), { maxLength: 30 }), (c, leadDays, backlogOffsets) => {
        const today = addDays(MONDAY, -1);
        const backlog: SchedulingOrder[] = backlogOffsets.map((o, i) => ({ id: `b${i}`, tier: "standard", orderedAt: -1, earliest: addDays(MONDAY, o) }));
        const estimate = estimateDelivery({ today, leadDays, tier: "standard", calendar: { capacityOn: (d) => capacityOn(c, d), load: new Map() }, backlog, now: 0 });
        if (!estimate) return;
        const earliest = addDays(today, Math.max(1, leadDays));
        expect(isWorkingDay(c, estimate.buildDay)).toBe(true);
        expect(estimate.buildDay >= nextWorkingDay(c, earliest)!).toBe(true);
        // Working days only: the backlog ahead that was ready on the first day fills whole working days before it.
        const ready = backlog.filter((o) => o.earliest === MONDAY).length;
        const perDay = Math.max(c.shifts * c.unitsPerShift, ...c.dayCapacity.values(), 1);
        if (earliest <= MONDAY) expect(workingDaysBetween(c, MONDAY, estimate.buildDay)).toBeGreaterThanOrEqual(Math.ceil((ready + 1) / perDay));
        expect(estimate.deliveryDay).toBe(addDays(estimate.buildDay, TRANSIT_DAYS));
      }),
    );
  });

  it("an empty line builds an estimate on the first working day after the lead time: Christmas and the weekend skipped", () => {
    const c = calendar();
    const estimate = estimateDelivery({ today: "2026-12-21", leadDays: 4, tier: "standard", calendar: { capacityOn: (d) => capacityOn(c, d), load: new Map() }, backlog: [], now: 0 });
    expect(estimate).toEqual({ buildDay: "2026-12-28", deliveryDay: addDays("2026-12-28", TRANSIT_DAYS) });
  });

  it("keeps working days as given, each once and in order", () => {
    expect(normalizeWorkingDays([5, 1, 1, 3] as Weekday[])).toEqual([1, 3, 5]);
  });
});
