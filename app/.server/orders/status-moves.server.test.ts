/**
 * Issue 12 (items 9 and 11) against a real database (PGlite, or PostgreSQL
 * with TEST_DATABASE_URL): status moves follow the plant's calendar
 * (production not before the build date, delivery after it), a pull ahead
 * moves the build date to today and starts production in one transaction
 * within today's capacity, exceptional moves say why (and the event keeps
 * who and why), a build date inside the frozen horizon moves only with a
 * reason, auto-scheduling leaves such orders alone, and neither customers
 * nor dealers cancel or change an order inside the horizon.
 */
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { dealerships, notifications, orderEvents, queueEntries } from "#db/schema";
import type { TestDb } from "#db/test-db";
import { addDays, dayOf } from "~/domain/orders";
import { userId } from "~/.server/configurations/configurations.testing";
import { autoScheduleQueue, pullAhead, scheduleOrder, setCalendarSettings, setDayCapacity } from "~/.server/planning/planning.server";
import { workingDay } from "~/.server/planning/planning.testing";
import { changeOrderConfiguration } from "./order-changes.server";
import { changeStatus, getOrder, placeOrder, readOrder, type OrderActor, type OrderView, type PlaceOrderInput } from "./orders.server";
import { demoOrderInput, seededOrdersDb } from "./orders.testing";

let t: TestDb;
let db: Db;
let clara: OrderActor;
let planner: OrderActor;
let dealer: OrderActor;
let shop: string;
let valid: PlaceOrderInput;

const DAY_MS = 24 * 60 * 60 * 1000;
const today = () => dayOf(new Date());
/** Noon (UTC) of a day: a `now` for the repositories. */
const at = (day: string) => ({ now: new Date(`${day}T12:00:00Z`) });

beforeAll(async () => {
  ({ t, db, clara, planner } = await seededOrdersDb());
  dealer = { id: await userId(db, "dealer@atelier.test"), role: "dealer" };
  [{ id: shop }] = (await db.select({ id: dealerships.id }).from(dealerships).where(eq(dealerships.code, "MUC-01"))) as [{ id: string }];
  valid = await demoOrderInput(db);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

let keys = 0;
/** An order placed `daysAgo` days ago (by Clara, or by the Munich dealer for her). */
async function place(options: { daysAgo?: number; byDealer?: boolean } = {}): Promise<OrderView> {
  const now = new Date(Date.now() - (options.daysAgo ?? 0) * DAY_MS);
  const result = options.byDealer
    ? await placeOrder(db, dealer, { ...valid, idempotencyKey: `moves-${++keys}` }, { customerId: clara.id, dealershipId: shop, now })
    : await placeOrder(db, clara, { ...valid, idempotencyKey: `moves-${++keys}` }, { now });
  if (!result.ok) throw new Error(result.problem.message);
  return result.value.order;
}

/** Placed and scheduled on `day` (at least its earliest build day); scheduling as of `scheduledOn` (default: today). */
async function scheduled(day: string, options: { daysAgo?: number; byDealer?: boolean; scheduledOn?: string } = {}): Promise<OrderView> {
  const order = await place(options);
  // The line's first working day from there (decision 024): the weekday the tests run on must not matter.
  const buildDate = await workingDay(db, order.line, order.earliestBuildDate! > day ? order.earliestBuildDate! : day);
  const result = await scheduleOrder(db, planner, { number: order.number, buildDate, expectedVersion: order.version }, at(options.scheduledOn ?? today()));
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}

const eventCount = async (order: OrderView) => (await db.select({ n: count() }).from(orderEvents).where(eq(orderEvents.orderId, order.id)))[0]!.n;
const lastEvent = async (order: OrderView) =>
  (await db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id)).orderBy(sql`${orderEvents.id} desc`).limit(1))[0]!;

describe("status moves follow the build date", () => {
  it("refuses to start, build or ship an order before its build date (409 too-early) and writes nothing", async () => {
    const order = await scheduled(addDays(today(), 30));
    const before = await eventCount(order);
    const early = await changeStatus(db, planner, { number: order.number, to: "in_production", expectedVersion: order.version });
    expect(early).toMatchObject({ ok: false, problem: { status: 409, code: "too-early" } });
    if (!early.ok) expect(early.problem.message).toMatch(/pull it ahead/);
    // The day before the build date is still too early.
    const eve = await changeStatus(db, planner, { number: order.number, to: "in_production", expectedVersion: order.version }, at(addDays(order.buildDate!, -1)));
    expect(eve).toMatchObject({ ok: false, problem: { status: 409, code: "too-early" } });
    expect(await readOrder(db, { number: order.number })).toEqual(order);
    expect(await eventCount(order)).toBe(before);
  });

  it("walks the flow on the plant's days, recording who and why at every step; delivered not on the build day", async () => {
    const order = await scheduled(addDays(today(), 30));
    const buildDay = order.buildDate!;
    let version = order.version;
    for (const [to, reason] of [
      ["in_production", undefined],
      ["built", "  end-of-line check passed  "],
      ["shipped", undefined],
    ] as const) {
      const moved = await changeStatus(db, planner, { number: order.number, to, expectedVersion: version, reason }, at(buildDay));
      expect(moved, to).toMatchObject({ ok: true, value: { status: to } });
      if (moved.ok) version = moved.value.version;
    }
    const sameDay = await changeStatus(db, planner, { number: order.number, to: "delivered", expectedVersion: version }, at(buildDay));
    expect(sameDay).toMatchObject({ ok: false, problem: { status: 409, code: "too-early" } });
    const delivered = await changeStatus(db, planner, { number: order.number, to: "delivered", expectedVersion: version }, at(addDays(buildDay, 2)));
    expect(delivered).toMatchObject({ ok: true, value: { status: "delivered" } });

    const detail = (await getOrder(db, planner, order.number))!;
    expect(detail.events.map((e) => [e.to, e.actorId, e.reason])).toEqual([
      ["received", clara.id, null],
      ["scheduled", planner.id, "manual scheduling"],
      ["in_production", planner.id, null],
      ["built", planner.id, "end-of-line check passed"],
      ["shipped", planner.id, null],
      ["delivered", planner.id, null],
    ]);
  });

  it("asks staff why they cancel (422 on reason), keeps the reason; the customer's own cancel needs none", async () => {
    const order = await scheduled(addDays(today(), 60));
    for (const reason of [undefined, "   "]) {
      const refused = await changeStatus(db, planner, { number: order.number, to: "cancelled", expectedVersion: order.version, reason });
      expect(refused).toMatchObject({ ok: false, problem: { status: 422, code: "reason-required", path: "reason" } });
    }
    const tooLong = await changeStatus(db, planner, { number: order.number, to: "cancelled", expectedVersion: order.version, reason: "x".repeat(501) });
    expect(tooLong).toMatchObject({ ok: false, problem: { status: 400, path: "reason" } });
    expect(await readOrder(db, { number: order.number })).toEqual(order);

    const cancelled = await changeStatus(db, planner, { number: order.number, to: "cancelled", expectedVersion: order.version, reason: "duplicate of another order" });
    expect(cancelled).toMatchObject({ ok: true, value: { status: "cancelled" } });
    expect(await lastEvent(order)).toMatchObject({ toStatus: "cancelled", actorId: planner.id, reason: "duplicate of another order" });

    const own = await place();
    expect(await changeStatus(db, clara, { number: own.number, to: "cancelled", expectedVersion: own.version })).toMatchObject({ ok: true, value: { status: "cancelled" } });
  });
});

describe("pull ahead", () => {
  // A pull ahead starts production today, which must be a working day (decision 024; calendar.server.test.ts
  // checks the refusal): here the line works every day, whatever weekday the tests run on.
  beforeAll(async () => {
    await setCalendarSettings(db, valid.line, { workingDays: [1, 2, 3, 4, 5, 6, 7], shifts: 1, unitsPerShift: 20 });
  });
  afterAll(async () => {
    await setCalendarSettings(db, valid.line, { workingDays: [1, 2, 3, 4, 5], shifts: 1, unitsPerShift: 20 });
  });

  it("moves the build date to today and starts production in one step, with who and why, and tells the customer", async () => {
    // Placed long enough ago that its parts are there; built in three weeks as planned.
    const order = await scheduled(addDays(today(), 21), { daysAgo: 60 });
    expect(order.earliestBuildDate! <= today()).toBe(true);
    const before = await eventCount(order);
    const notes = async () => (await db.select({ n: count() }).from(notifications).where(eq(notifications.userId, clara.id)))[0]!.n;
    const notified = await notes();

    const pulled = await pullAhead(db, planner, { number: order.number, expectedVersion: order.version, reason: "line 2 idle after a cancellation" });
    expect(pulled).toMatchObject({ ok: true, value: { status: "in_production", buildDate: today(), version: order.version + 1 } });
    expect(await eventCount(order)).toBe(before + 1);
    expect(await lastEvent(order)).toMatchObject({
      fromStatus: "scheduled",
      toStatus: "in_production",
      actorId: planner.id,
      reason: "line 2 idle after a cancellation",
      note: `build date ${today()} (pulled ahead from ${order.buildDate})`,
    });
    expect(await notes()).toBe(notified + 1);
    // Started: the next step is the ordinary one, today.
    const built = await changeStatus(db, planner, { number: order.number, to: "built", expectedVersion: order.version + 1 });
    expect(built).toMatchObject({ ok: true, value: { status: "built" } });
  });

  it("refuses without a reason (422), before the parts are there, once the build date has come, on a stale version, and for customers — writing nothing", async () => {
    const ready = await scheduled(addDays(today(), 21), { daysAgo: 60 });
    const fresh = await scheduled(addDays(today(), 40));
    const due = await scheduled(today(), { daysAgo: 60, scheduledOn: addDays(today(), -1) });
    const cases: [OrderView, OrderActor, { expectedVersion?: number; reason?: string }, number, string][] = [
      [ready, planner, { reason: "" }, 422, "reason-required"],
      [ready, planner, { reason: "  " }, 422, "reason-required"],
      [ready, planner, { reason: "x".repeat(501) }, 400, "invalid-input"],
      [ready, planner, { reason: "rush", expectedVersion: ready.version - 1 }, 409, "stale"],
      [ready, clara, { reason: "I want it now" }, 403, "invalid-input"],
      [fresh, planner, { reason: "rush" }, 409, "before-earliest"],
      [due, planner, { reason: "rush" }, 409, "not-ahead"],
    ];
    for (const [order, actor, input, status, code] of cases) {
      const before = await eventCount(order);
      const result = await pullAhead(db, actor, { number: order.number, expectedVersion: input.expectedVersion ?? order.version, reason: input.reason ?? "" });
      expect(result, `${code} ${status}`).toMatchObject({ ok: false, problem: { status, code } });
      expect(await readOrder(db, { number: order.number })).toEqual(order);
      expect(await eventCount(order)).toBe(before);
    }
  });

  it("stays within today's capacity, as scheduling does", async () => {
    const order = await scheduled(addDays(today(), 21), { daysAgo: 60 });
    const [{ n }] = await db.select({ n: count() }).from(queueEntries).where(and(eq(queueEntries.lineCode, order.line), eq(queueEntries.buildDate, today())));
    await setDayCapacity(db, order.line, today(), Number(n));
    try {
      const full = await pullAhead(db, planner, { number: order.number, expectedVersion: order.version, reason: "rush" });
      expect(full).toMatchObject({ ok: false, problem: { status: 409, code: "over-capacity" } });
      expect(await readOrder(db, { number: order.number })).toEqual(order);
      await setDayCapacity(db, order.line, today(), Number(n) + 1);
      expect(await pullAhead(db, planner, { number: order.number, expectedVersion: order.version, reason: "rush" })).toMatchObject({ ok: true });
    } finally {
      await setDayCapacity(db, order.line, today(), null);
    }
  });
});

describe("the frozen horizon (5 days)", () => {
  it("moves a build date inside the horizon only with a reason (422 on reason otherwise), and keeps the reason", async () => {
    const order = await scheduled(addDays(today(), 30));
    const inside = at(addDays(order.buildDate!, -3));
    const later = await workingDay(db, order.line, addDays(order.buildDate!, 1));
    for (const reason of [undefined, "", "   "]) {
      const refused = await scheduleOrder(db, planner, { number: order.number, buildDate: later, expectedVersion: order.version, reason }, inside);
      expect(refused).toMatchObject({ ok: false, problem: { status: 422, code: "reason-required", path: "reason" } });
    }
    expect(await readOrder(db, { number: order.number })).toEqual(order);

    const moved = await scheduleOrder(db, planner, { number: order.number, buildDate: later, expectedVersion: order.version, reason: "paint shop down for a day" }, inside);
    expect(moved).toMatchObject({ ok: true, value: { buildDate: later } });
    expect(await lastEvent(order)).toMatchObject({ toStatus: "scheduled", actorId: planner.id, note: `build date ${later}`, reason: "paint shop down for a day" });

    // Outside the horizon a move needs no reason.
    const outside = await scheduleOrder(db, planner, { number: order.number, buildDate: await workingDay(db, order.line, addDays(later, 1)), expectedVersion: order.version + 1 }, at(addDays(later, -10)));
    expect(outside).toMatchObject({ ok: true });
  });

  it("auto-scheduling never moves an order inside the horizon", async () => {
    // Parts there long ago, built in three days: inside the horizon.
    const order = await scheduled(addDays(today(), 3), { daysAgo: 60 });
    expect(order.buildDate).toBe(await workingDay(db, order.line, addDays(today(), 3)));
    await place();
    const result = await autoScheduleQueue(db, planner, { line: order.line });
    expect(result.scheduled.map((s) => s.number)).not.toContain(order.number);
    expect(await readOrder(db, { number: order.number })).toEqual(order);
  });

  it("refuses customers and dealers cancelling or changing an order inside it", async () => {
    const order = await scheduled(addDays(today(), 30), { byDealer: true });
    const inside = { ...at(addDays(order.buildDate!, -2)), horizonDays: 5 };
    const change = { number: order.number, catalogVersion: order.catalogVersion, choices: order.choices, texts: order.texts, expectedVersion: order.version, expectedTotal: order.total };
    expect(await changeStatus(db, clara, { number: order.number, to: "cancelled", expectedVersion: order.version }, inside)).toMatchObject({ ok: false, problem: { status: 409, code: "frozen" } });
    expect(await changeStatus(db, dealer, { number: order.number, to: "cancelled", expectedVersion: order.version }, inside)).toMatchObject({ ok: false, problem: { status: 403 } });
    expect(await changeOrderConfiguration(db, clara, change, inside)).toMatchObject({ ok: false, problem: { status: 409, code: "frozen" } });
    expect(await changeOrderConfiguration(db, dealer, change, inside)).toMatchObject({ ok: false, problem: { status: 403 } });
    expect(await readOrder(db, { number: order.number })).toEqual(order);
  });
});
