/**
 * The delivery estimate against a real database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL) and real orders: it follows the lead time of the chosen
 * values, moves later when the queue fills a day (unscheduled backlog or
 * scheduled units), respects the customer's tier, and reuses a line's queue
 * snapshot for a few seconds.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import type { TestDb } from "#db/test-db";
import { complete, price } from "~/domain/engine";
import { addDays, dayOf, TRANSIT_DAYS } from "~/domain/orders";
import { CUSTOMER_TIERS } from "~/domain/roles";
import { earliestBuildDay, estimateDelivery, leadTimeDays, type SchedulingOrder } from "~/domain/scheduling";
import { getLine, type LoadedLine } from "~/.server/catalog/catalog.server";
import { createCustomer } from "~/.server/configurations/configurations.testing";
import { deliveryEstimate, estimateFromSnapshot, queueSnapshot, type QueueSnapshot } from "./delivery.server";
import { placeOrder, type OrderActor } from "~/.server/orders/orders.server";
import { DEMO_CONTACT as contact, seededOrdersDb } from "~/.server/orders/orders.testing";
import { scheduleOrder, setDayCapacity, setCalendarSettings } from "./planning.server";
import { workingDay } from "./planning.testing";

let t: TestDb;
let db: Db;
let clara: OrderActor; // gold tier
let stan: OrderActor; // standard tier
let planner: OrderActor;
let sedan: LoadedLine;
let avant: LoadedLine;

beforeAll(async () => {
  ({ t, db, clara, planner } = await seededOrdersDb());
  stan = { id: await createCustomer(db, "stan@example.test"), role: "customer" };
  sedan = (await getLine("sedan-a6l", undefined, { db }))!;
  avant = (await getLine("avant-a6", undefined, { db }))!;
});

afterAll(async () => {
  await t?.close();
});

const fresh = { maxAgeMs: 0 };
let keys = 0;

async function order(actor: OrderActor, loaded: LoadedLine, choices: string[]) {
  const result = await placeOrder(db, actor, {
    line: loaded.line.code,
    catalogVersion: loaded.version.id,
    choices,
    texts: {},
    market: "DE",
    expectedTotal: price(loaded.line, choices, {}, "DE").total,
    contact,
    idempotencyKey: `delivery-${++keys}`,
  });
  if (!result.ok) throw new Error(result.problem.message);
  return result.value.order;
}

/** The line's first working day on or after `day` (the demo calendar: Monday to Friday, Christmas and New Year closed). */
const working = (line: string, day: string) => workingDay(db, line, day);
/** The line's next working day after `day`. */
const workingAfter = (line: string, day: string) => working(line, addDays(day, 1));

const completeChoices = (loaded: LoadedLine, wanted: string[] = []) => complete(loaded.compiled, { choices: wanted }, { market: "DE" })!;

describe("deliveryEstimate", () => {
  it("on an empty queue: the first working day after the lead time, delivered after the transit time", async () => {
    const today = dayOf(new Date());
    const quote = await deliveryEstimate(db, { line: sedan.line, choices: [], tier: "standard" }, fresh);
    expect(quote.leadTimeDays).toBe(sedan.line.leadTimeDays);
    expect(quote.buildDay).toBe(await working("sedan-a6l", earliestBuildDay(today, sedan.line.leadTimeDays)));
    expect(quote.deliveryDay).toBe(addDays(quote.buildDay!, TRANSIT_DAYS));
  });

  it("moves later when a value with a long lead time is chosen", async () => {
    const base = await deliveryEstimate(db, { line: sedan.line, choices: ["55Q"], tier: "standard" }, fresh);
    const slow = await deliveryEstimate(db, { line: sedan.line, choices: ["55E"], tier: "standard" }, fresh);
    expect(leadTimeDays(sedan.line, ["55E"])).toBeGreaterThan(leadTimeDays(sedan.line, ["55Q"]));
    expect(slow.leadTimeDays).toBe(leadTimeDays(sedan.line, ["55E"]));
    expect(slow.deliveryDay! > base.deliveryDay!).toBe(true);
    expect(slow.buildDay).toBe(await working("sedan-a6l", earliestBuildDay(dayOf(new Date()), slow.leadTimeDays)));
  });

  it("moves a working day later when unscheduled orders fill the day, then when scheduled ones do", async () => {
    const choices = completeChoices(sedan);
    const before = await deliveryEstimate(db, { line: sedan.line, choices, tier: "standard" }, fresh);
    const day = before.buildDay!;
    const next = await workingAfter("sedan-a6l", day);
    expect((await setDayCapacity(db, "sedan-a6l", day, 1)).ok).toBe(true);
    expect((await setDayCapacity(db, "sedan-a6l", next, 1)).ok).toBe(true);

    // One unscheduled order that can be built that day takes the day's only unit.
    const first = await order(clara, sedan, choices);
    expect(await working("sedan-a6l", first.earliestBuildDate!)).toBe(day);
    const afterBacklog = await deliveryEstimate(db, { line: sedan.line, choices, tier: "standard" }, fresh);
    expect(afterBacklog.buildDay).toBe(next);
    expect(afterBacklog.deliveryDay).toBe(addDays(next, TRANSIT_DAYS));

    // Scheduled on the day, it still fills it; a second order (in the backlog) fills the next.
    const scheduled = await scheduleOrder(db, planner, { number: first.number, buildDate: day, expectedVersion: first.version });
    expect(scheduled.ok).toBe(true);
    await order(clara, sedan, choices);
    const afterBoth = await deliveryEstimate(db, { line: sedan.line, choices, tier: "standard" }, fresh);
    expect(afterBoth.buildDay).toBe(await workingAfter("sedan-a6l", next));
  });

  it("lets a gold customer's estimate pass a standard customer's unscheduled order, not the other way round", async () => {
    const choices = completeChoices(avant);
    const before = await deliveryEstimate(db, { line: avant.line, choices, tier: "gold" }, fresh);
    const day = before.buildDay!;
    expect((await setDayCapacity(db, "avant-a6", day, 1)).ok).toBe(true);
    const waiting = await order(stan, avant, choices);
    expect(waiting.tier).toBe("standard");
    expect(await working("avant-a6", waiting.earliestBuildDate!)).toBe(day);
    const gold = await deliveryEstimate(db, { line: avant.line, choices, tier: "gold" }, fresh);
    const standard = await deliveryEstimate(db, { line: avant.line, choices, tier: "standard" }, fresh);
    expect(gold.buildDay).toBe(day);
    expect(standard.buildDay).toBe(await workingAfter("avant-a6", day));
  });

  it("is null when no day in the window has room", async () => {
    const fridge = (await getLine("fridge-fs", undefined, { db }))!;
    await setCalendarSettings(db, "fridge-fs", { workingDays: [1, 2, 3, 4, 5], shifts: 1, unitsPerShift: 0 });
    const quote = await deliveryEstimate(db, { line: fridge.line, choices: [], tier: "gold" }, fresh);
    expect(quote).toMatchObject({ buildDay: null, deliveryDay: null });
    await setCalendarSettings(db, "fridge-fs", { workingDays: [1, 2, 3, 4, 5], shifts: 2, unitsPerShift: 10 });
  });
});

describe("queueSnapshot", () => {
  it("reads a line's queue once per few seconds, again when it is older or the day changes", async () => {
    const now = new Date();
    const choices = completeChoices(sedan);
    const a = await queueSnapshot(db, "sedan-a6l", { now, maxAgeMs: 0 });
    await order(clara, sedan, choices);
    const cached = await queueSnapshot(db, "sedan-a6l", { now: new Date(now.getTime() + 1000) });
    expect(cached).toBe(a);
    const later = await queueSnapshot(db, "sedan-a6l", { now: new Date(now.getTime() + 6000) });
    expect(later).not.toBe(a);
    expect(later.backlog.length).toBe(a.backlog.length + 1);
    const tomorrow = new Date(now.getTime() + 24 * 3600 * 1000);
    expect((await queueSnapshot(db, "sedan-a6l", { now: tomorrow })).today).toBe(dayOf(tomorrow));
  });

  it("shares one read between concurrent callers", async () => {
    // A day nobody has read yet: every caller needs a new snapshot, and they share the first one's read.
    const now = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    const all = await Promise.all(Array.from({ length: 5 }, () => queueSnapshot(db, "avant-a6", { now })));
    expect(new Set(all).size).toBe(1);
    expect(all[0]!.today).toBe(dayOf(now));
  });
});

describe("estimateFromSnapshot", () => {
  const today = "2026-11-30";
  const now = Date.parse("2026-11-30T12:00:00Z");

  it("gives what estimateDelivery gives with the whole backlog (property)", () => {
    const order = fc.record({
      tier: fc.constantFrom(...CUSTOMER_TIERS),
      orderedAt: fc.integer({ min: now - 30 * 86_400_000, max: now - 1 }),
      earliestOffset: fc.integer({ min: -3, max: 40 }),
    });
    fc.assert(
      fc.property(
        fc.array(order, { maxLength: 60 }),
        fc.dictionary(fc.integer({ min: 1, max: 45 }).map(String), fc.integer({ min: 0, max: 3 })),
        fc.dictionary(fc.integer({ min: 1, max: 45 }).map(String), fc.integer({ min: 0, max: 4 })),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(...CUSTOMER_TIERS),
        fc.integer({ min: 0, max: 30 }),
        (orders, capacities, loads, defaultUnits, tier, leadDays) => {
          const capacity = new Map(Object.entries(capacities).map(([offset, units]) => [addDays(today, Number(offset)), units]));
          const calendar = {
            capacityOn: (day: string) => capacity.get(day) ?? defaultUnits,
            load: new Map(Object.entries(loads).map(([offset, units]) => [addDays(today, Number(offset)), units])),
          };
          const backlog: SchedulingOrder[] = orders.map((o, i) => ({ id: `o${i}`, tier: o.tier, orderedAt: o.orderedAt, earliest: addDays(today, o.earliestOffset) }));
          const snapshot: QueueSnapshot = { today, calendar, backlog, readAt: now };
          const expected = estimateDelivery({ today, leadDays, tier, calendar, backlog, now });
          expect(estimateFromSnapshot(snapshot, { leadDays, tier, now })).toEqual(expected);
          // Asked again (the per-tier calendar is now cached) with another lead time: still the same as the reference.
          expect(estimateFromSnapshot(snapshot, { leadDays: leadDays + 7, tier, now })).toEqual(estimateDelivery({ today, leadDays: leadDays + 7, tier, calendar, backlog, now }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("stays fast with 20,000 waiting orders", () => {
    const backlog: SchedulingOrder[] = Array.from({ length: 20_000 }, (_, i) => ({
      id: `o${i}`,
      tier: CUSTOMER_TIERS[i % 3]!,
      orderedAt: now - 1_000_000 + i,
      earliest: addDays(today, 21 + (i % 10)),
    }));
    const snapshot: QueueSnapshot = { today, calendar: { capacityOn: () => 60, load: new Map() }, backlog, readAt: now };
    const started = performance.now();
    const first = estimateFromSnapshot(snapshot, { leadDays: 21, tier: "standard", now });
    const firstMs = performance.now() - started;
    const again = performance.now();
    for (let i = 0; i < 100; i++) estimateFromSnapshot(snapshot, { leadDays: 21 + (i % 30), tier: "standard", now });
    const perClickMs = (performance.now() - again) / 100;
    // 20,000 orders at 60 a day fill the 333 days from day 21 on; the last 20 leave room on day 354.
    expect(first!.buildDay).toBe(addDays(today, 21 + 333));
    // Generous bounds for a loaded machine; walking the days per order takes seconds here.
    expect(firstMs).toBeLessThan(1500);
    expect(perClickMs).toBeLessThan(50);
  });
});
