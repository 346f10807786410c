/**
 * Placing orders and changing them, against a real database (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL) and the real engine on the seeded demo
 * catalog: exactly once, nothing written on refusal, optimistic locking,
 * the frozen horizon, capacity.
 */
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { visualKeysOf } from "~/domain/configuration-view";
import { canonicalKeys } from "~/scene/picture-url";
import { emailOutbox, notifications, orders, queueEntries, users } from "#db/schema";
import { seed } from "#db/seed";
import { createTestDb, type TestDb } from "#db/test-db";
import { bom, complete, price } from "~/domain/engine";
import { addDays, dayOf } from "~/domain/orders";
import { getLine } from "~/.server/catalog/catalog.server";
import { createCustomer, publishSuccessor, userId } from "~/.server/configurations/configurations.testing";
import { changeStatus, getOrder, listCustomerOrders, placeOrder, type OrderActor, type OrderView, type PlaceOrderInput } from "./orders.server";
import { DEMO_CONTACT as contact, demoOrderInput, orderRowCounts, seededOrdersDb } from "./orders.testing";
import { autoScheduleQueue, scheduleOrder, setDayCapacity, setCalendarSettings } from "~/.server/planning/planning.server";
import { workingDay } from "~/.server/planning/planning.testing";
import { sweepRetention } from "~/.server/platform/retention.server";
import { IDEMPOTENCY_KEY_RETENTION_MS } from "./idempotency-retention.server";
import { ORDER_PICTURE_CID } from "./order-messages.server";

let t: TestDb;
let db: Db;
let clara: OrderActor;
let planner: OrderActor;
let valid: PlaceOrderInput;

const SEDAN = "sedan-a6l";

let keys = 0;
const key = () => `test-key-${++keys}`;

beforeAll(async () => {
  ({ t, db, clara, planner } = await seededOrdersDb());
  valid = await demoOrderInput(db);
});

afterAll(async () => {
  await t?.close();
});

const tally = () => orderRowCounts(db);

/** Rows of a raw query, whichever driver answered (PGlite wraps them in `rows`, postgres.js is the array). */
async function query<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(q)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

async function place(input: Partial<PlaceOrderInput> = {}, actor = clara) {
  const result = await placeOrder(db, actor, { ...valid, idempotencyKey: key(), ...input });
  if (!result.ok) throw new Error(`refused: ${result.problem.message}`);
  return result.value.order;
}

describe("placing an order", () => {
  it("writes the order, its BOM, its first event, its queue entry and the customer's messages together", async () => {
    const before = await tally();
    const result = await placeOrder(db, clara, { ...valid, idempotencyKey: key() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { order, created } = result.value;
    expect(created).toBe(true);
    expect(order.number).toMatch(/^AT-\d{7}$/);
    expect(order).toMatchObject({ status: "received", version: 1, customerId: clara.id, total: valid.expectedTotal, currency: "EUR", tier: "gold" });
    expect(order.earliestBuildDate! > dayOf(new Date())).toBe(true);

    const loaded = (await getLine(SEDAN, undefined, { db }))!;
    const detail = (await getOrder(db, clara, order.number))!;
    expect(detail.bom).toEqual(bom(loaded.line, valid.choices));
    expect(detail.events).toMatchObject([{ from: null, to: "received", actorId: clara.id }]);
    expect(detail.price).toEqual(price(loaded.line, valid.choices, {}, "DE"));

    const after = await tally();
    expect(after).toEqual({
      orders: before.orders + 1,
      lines: before.lines + detail.bom.length,
      events: before.events + 1,
      queue: before.queue + 1,
      notifications: before.notifications + 1,
      emails: before.emails + 1,
    });
    const [mail] = await db.select().from(emailOutbox).orderBy(sql`${emailOutbox.id} desc`).limit(1);
    expect(mail).toMatchObject({ toAddress: contact.email, sentAt: null });
    expect(mail!.subject).toContain(order.number);
    // The configuration's picture (decision 050): the text links it, the HTML shows it inline, drawn by the mailer from the keys.
    expect(mail!.body).toContain(`/picture/${order.line}.png?`);
    expect(mail!.body).toContain(encodeURIComponent(visualKeysOf(loaded.line, valid.choices)[0]));
    expect(mail!.html).toContain(`<img src="cid:${ORDER_PICTURE_CID}"`);
    expect(mail!.html).toContain(order.number);
    expect(mail!.html).toContain(contact.name);
    expect(mail!.picture).toEqual({ cid: ORDER_PICTURE_CID, model: "sedan", keys: canonicalKeys(visualKeysOf(loaded.line, valid.choices)), width: 640 });
    expect(mail!.picture!.keys.length).toBeGreaterThan(1);
    // Written encrypted, like the body.
    const [raw] = (await query<{ html: string }>(sql`select html from email_outbox where id = ${mail!.id}`));
    expect(raw!.html).toMatch(/^pd:v1:/);
    expect(raw!.html).not.toContain(order.number);
    expect(await listCustomerOrders(db, clara.id)).toContainEqual(expect.objectContaining({ number: order.number }));
    // The answer is made in memory from what was written (decision 053): it is what a read gives.
    const { bom: _bom, events: _events, ...stored } = detail;
    expect(order).toEqual(stored);
  });

  it("answers the same key and request with the same order, and writes nothing more", async () => {
    const k = key();
    const first = await placeOrder(db, clara, { ...valid, idempotencyKey: k });
    const before = await tally();
    // The same request with its choices in another order is the same request.
    const again = await placeOrder(db, clara, { ...valid, choices: [...valid.choices].reverse(), idempotencyKey: k });
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.value).toEqual({ order: first.value.order, created: false });
    expect(await tally()).toEqual(before);
  });

  it("refuses the same key with a different request (422) and writes nothing", async () => {
    const k = key();
    await place({ idempotencyKey: k });
    const before = await tally();
    const other = await placeOrder(db, clara, { ...valid, contact: { ...contact, city: "Berlin" }, idempotencyKey: k });
    expect(other).toMatchObject({ ok: false, problem: { status: 422, code: "idempotency-key-reused" } });
    expect(await tally()).toEqual(before);
  });

  it("makes exactly one order of 50 concurrent submissions with one key", async () => {
    const k = key();
    const before = await tally();
    const results = await Promise.all(Array.from({ length: 50 }, () => placeOrder(db, clara, { ...valid, idempotencyKey: k })));
    expect(results.every((r) => r.ok)).toBe(true);
    const numbers = new Set(results.map((r) => (r.ok ? r.value.order.number : "")));
    expect(numbers.size).toBe(1);
    expect(results.filter((r) => r.ok && r.value.created)).toHaveLength(1);
    const after = await tally();
    expect(after.orders - before.orders).toBe(1);
    expect(after.queue - before.queue).toBe(1);
    expect(after.events - before.events).toBe(1);
    const [{ n }] = await db.select({ n: count() }).from(orders).where(eq(orders.idempotencyKey, k));
    expect(n).toBe(1);
  });

  it("keeps a key for its retention period (a retry finds the order), then forgets it and its request hash", async () => {
    const k = key();
    const placedAt = new Date(Date.now() - IDEMPOTENCY_KEY_RETENTION_MS + 60_000);
    const first = await placeOrder(db, clara, { ...valid, idempotencyKey: k }, { now: placedAt });
    if (!first.ok) throw new Error(first.problem.message);
    const recent = await place();
    await sweepRetention(db); // a minute before the week is up: kept
    const retry = await placeOrder(db, clara, { ...valid, idempotencyKey: k });
    expect(retry).toEqual({ ok: true, value: { order: first.value.order, created: false } });

    await sweepRetention(db, new Date(Date.now() + 120_000)); // the week is up
    const rows = await db.select({ id: orders.id, key: orders.idempotencyKey, hash: orders.requestHash }).from(orders).where(eq(orders.id, first.value.order.id));
    expect(rows).toEqual([{ id: first.value.order.id, key: null, hash: null }]);
    // Younger orders keep theirs, and the forgotten order itself is still there.
    const [young] = await db.select({ key: orders.idempotencyKey }).from(orders).where(eq(orders.id, recent.id));
    expect(young.key).not.toBeNull();
    expect((await getOrder(db, clara, first.value.order.number))?.id).toBe(first.value.order.id);
  });

  it.each([
    ["a tampered price", () => ({ expectedTotal: valid.expectedTotal - 100 }), 409, "price-changed"],
    ["an unknown code", () => ({ choices: [...valid.choices, "NO-SUCH-CODE"] }), 422, "invalid-configuration"],
    ["an incomplete configuration", () => ({ choices: valid.choices.slice(1) }), 422, "invalid-configuration"],
    ["an unknown catalog version", () => ({ catalogVersion: "1999.1" }), 400, "unknown-version"],
    ["an unknown line", () => ({ line: "no-such-line" }), 400, "unknown-line"],
  ] as const)("refuses %s and writes nothing", async (_what, change, status, code) => {
    const before = await tally();
    const result = await placeOrder(db, clara, { ...valid, idempotencyKey: key(), ...change() });
    expect(result).toMatchObject({ ok: false, problem: { status, code } });
    expect(await tally()).toEqual(before);
  });

  it("refuses choices that break a rule, naming the rule", async () => {
    const loaded = (await getLine(SEDAN, undefined, { db }))!;
    // "21-inch wheels (C9X) need S line (PQD)": a complete configuration with them, then the basic trim instead.
    const withWheels = complete(loaded.compiled, { choices: ["C9X"] }, { market: "DE" })!;
    expect(withWheels).toContain("PQD");
    const broken = withWheels.map((c) => (c === "PQD" ? "LB0" : c));
    const before = await tally();
    const result = await placeOrder(db, clara, { ...valid, choices: broken, expectedTotal: price(loaded.line, broken, {}, "DE").total, idempotencyKey: key() });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ status: 422, code: "invalid-configuration" });
    expect(result.problem.problems!.map((p) => p.rule)).toContain("R-21IN-SLINE");
    expect(await tally()).toEqual(before);
  });

  it("writes nothing when a statement after the order's insert fails (one transaction)", async () => {
    // A fault injected in the database itself: the queue entry's insert (after the order's) throws.
    await db.execute(sql`create function fail_queue() returns trigger language plpgsql as $$ begin raise exception 'injected fault'; end $$`);
    await db.execute(sql`create trigger fail_queue before insert on queue_entries for each row execute function fail_queue()`);
    try {
      const before = await tally();
      const error = await placeOrder(db, clara, { ...valid, idempotencyKey: key() }).then(
        () => null,
        (e: Error & { cause?: Error }) => e,
      );
      expect(`${error?.message} ${error?.cause?.message}`).toMatch(/injected fault/);
      expect(await tally()).toEqual(before);
    } finally {
      await db.execute(sql`drop trigger fail_queue on queue_entries`);
      await db.execute(sql`drop function fail_queue()`);
    }
  });

  it("refuses a catalog version that is no longer in force (409) with the way forward", async () => {
    const scratch = await createTestDb();
    try {
      await seed(scratch.db, { demo: true });
      const me = { id: await userId(scratch.db, "customer@atelier.test"), role: "customer" as const };
      await publishSuccessor(scratch.db, "demo-2027.1", () => {});
      const result = await placeOrder(scratch.db, me, { ...valid, idempotencyKey: key() });
      expect(result).toMatchObject({ ok: false, problem: { status: 409, code: "retired-version" } });
      if (!result.ok) expect(result.problem.message).toMatch(/configurator/);
    } finally {
      await scratch.close();
    }
  });
});

describe("reading orders", () => {
  it("shows an order to its customer and to planners, and to nobody else", async () => {
    const order = await place();
    const stranger = { id: await createCustomer(db, "stranger@example.test"), role: "customer" as const };
    expect(await getOrder(db, clara, order.number)).not.toBeNull();
    expect(await getOrder(db, planner, order.number)).not.toBeNull();
    expect(await getOrder(db, stranger, order.number)).toBeNull();
    expect(await getOrder(db, clara, "AT-9999999")).toBeNull();
    expect(await getOrder(db, clara, "'; drop table orders; --")).toBeNull();
  });
});

describe("changing an order's state", () => {
  const tomorrowPlus = (n: number) => addDays(dayOf(new Date()), n);

  it("schedules an order and moves it forward; a stale version gets 409 and changes nothing", async () => {
    const order = await place();
    const day = await workingDay(db, order.line, order.earliestBuildDate! > tomorrowPlus(30) ? order.earliestBuildDate! : tomorrowPlus(30));
    const scheduled = await scheduleOrder(db, planner, { number: order.number, buildDate: day, expectedVersion: order.version });
    expect(scheduled).toMatchObject({ ok: true, value: { status: "scheduled", buildDate: day, version: 2 } });
    // Production starts on the build date (issue 12): the moves happen on that day.
    const onBuildDay = { now: new Date(`${day}T08:00:00Z`) };
    const stale = await changeStatus(db, planner, { number: order.number, to: "in_production", expectedVersion: 1 }, onBuildDay);
    expect(stale).toMatchObject({ ok: false, problem: { status: 409, code: "stale" } });
    const moved = await changeStatus(db, planner, { number: order.number, to: "in_production", expectedVersion: 2 }, onBuildDay);
    expect(moved).toMatchObject({ ok: true, value: { status: "in_production", version: 3 } });
    const skip = await changeStatus(db, planner, { number: order.number, to: "shipped", expectedVersion: 3 }, onBuildDay);
    expect(skip).toMatchObject({ ok: false, problem: { status: 409, code: "not-forward" } });
    const detail = (await getOrder(db, clara, order.number))!;
    expect(detail.events.map((e) => e.to)).toEqual(["received", "scheduled", "in_production"]);
    expect(detail.events[2]!.actorId).toBe(planner.id);
  });

  it("lets one of two concurrent status changes win; the other gets 409", async () => {
    const order = await place();
    const day = await workingDay(db, order.line, order.earliestBuildDate! > tomorrowPlus(31) ? order.earliestBuildDate! : tomorrowPlus(31));
    await scheduleOrder(db, planner, { number: order.number, buildDate: day, expectedVersion: 1 });
    const other = { id: await userId(db, "admin@atelier.test"), role: "admin" as const };
    // Both on the build day, both starting production: a start (on or after the build date) and a cancel (before the
    // frozen horizon) are never both allowed at once any more (issue 12), so the race is between two allowed moves.
    const onBuildDay = { now: new Date(`${day}T08:00:00Z`) };
    const [a, b] = await Promise.all([
      changeStatus(db, planner, { number: order.number, to: "in_production", expectedVersion: 2 }, onBuildDay),
      changeStatus(db, other, { number: order.number, to: "in_production", expectedVersion: 2 }, onBuildDay),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const loser = a.ok ? b : a;
    expect(loser).toMatchObject({ ok: false, problem: { status: 409 } });
    const detail = (await getOrder(db, planner, order.number))!;
    expect(detail.version).toBe(3);
    expect(detail.events).toHaveLength(3);
  });

  it("lets a customer cancel before the frozen horizon and refuses it after", async () => {
    const early = await place();
    const cancelled = await changeStatus(db, clara, { number: early.number, to: "cancelled", expectedVersion: 1 });
    expect(cancelled).toMatchObject({ ok: true, value: { status: "cancelled", buildDate: null } });
    const [entry] = await db.select().from(queueEntries).where(eq(queueEntries.orderId, early.id));
    expect(entry).toBeUndefined();

    const late = await place();
    const day = await workingDay(db, late.line, late.earliestBuildDate! > tomorrowPlus(20) ? late.earliestBuildDate! : tomorrowPlus(20));
    expect((await scheduleOrder(db, planner, { number: late.number, buildDate: day, expectedVersion: 1 })).ok).toBe(true);
    // Three days before the build date, inside the 5-day horizon.
    const refused = await changeStatus(db, clara, { number: late.number, to: "cancelled", expectedVersion: 2 }, { now: new Date(`${addDays(day, -3)}T12:00:00Z`) });
    expect(refused).toMatchObject({ ok: false, problem: { status: 409, code: "frozen" } });
    expect((await getOrder(db, clara, late.number))!.status).toBe("scheduled");
    // A customer can't move production along, nor cancel someone else's order.
    const forward = await changeStatus(db, clara, { number: late.number, to: "in_production", expectedVersion: 2 });
    expect(forward).toMatchObject({ ok: false, problem: { status: 403 } });
    const stranger = { id: await createCustomer(db, "stranger2@example.test"), role: "customer" as const };
    expect(await changeStatus(db, stranger, { number: late.number, to: "cancelled", expectedVersion: 2 })).toMatchObject({ ok: false, problem: { status: 404 } });
  });

  it("notifies the customer of every status change", async () => {
    const order = await place();
    const before = (await db.select({ n: count() }).from(notifications).where(eq(notifications.userId, clara.id)))[0]!.n;
    await changeStatus(db, clara, { number: order.number, to: "cancelled", expectedVersion: 1 });
    const [latest] = await db.select().from(notifications).where(eq(notifications.userId, clara.id)).orderBy(sql`${notifications.id} desc`).limit(1);
    expect(latest).toMatchObject({ kind: "order.status", href: `/orders/${order.number}`, data: { number: order.number, status: "cancelled", from: "received" } });
    const after = (await db.select({ n: count() }).from(notifications).where(eq(notifications.userId, clara.id)))[0]!.n;
    expect(after).toBe(before + 1);
  });
});

describe("capacity", () => {
  it("refuses a manual build date on a full day, and auto-scheduling never exceeds capacity", async () => {
    const scratch = await createTestDb();
    try {
      const sdb = scratch.db;
      await seed(sdb, { demo: true });
      const me = { id: await userId(sdb, "customer@atelier.test"), role: "customer" as const };
      const plan = { id: await userId(sdb, "planner@atelier.test"), role: "planner" as const };
      const silverId = await createCustomer(sdb, "silver@example.test");
      await sdb.update(users).set({ tier: "silver" }).where(eq(users.id, silverId));
      await setCalendarSettings(sdb, SEDAN, { workingDays: [1, 2, 3, 4, 5], shifts: 1, unitsPerShift: 2 });
      const placed: OrderView[] = [];
      for (let i = 0; i < 4; i++) {
        const actor = i === 3 ? { id: silverId, role: "customer" as const } : me;
        const r = await placeOrder(sdb, actor, { ...valid, idempotencyKey: `cap-${i}` });
        if (!r.ok) throw new Error(r.problem.message);
        placed.push(r.value.order);
      }
      const earliest = await workingDay(sdb, SEDAN, placed[0]!.earliestBuildDate!);
      expect((await setDayCapacity(sdb, SEDAN, earliest, 1)).ok).toBe(true);
      const first = await scheduleOrder(sdb, plan, { number: placed[0]!.number, buildDate: earliest, expectedVersion: 1 });
      expect(first.ok).toBe(true);
      const full = await scheduleOrder(sdb, plan, { number: placed[1]!.number, buildDate: earliest, expectedVersion: 1 });
      expect(full).toMatchObject({ ok: false, problem: { status: 409, code: "over-capacity" } });

      const result = await autoScheduleQueue(sdb, plan, { line: SEDAN });
      expect(result.unplaced).toEqual([]);
      expect(result.scheduled).toHaveLength(3);
      const loads = await sdb
        .select({ day: queueEntries.buildDate, n: sql<number>`count(*)::int` })
        .from(queueEntries)
        .groupBy(queueEntries.buildDate);
      for (const { day, n } of loads) expect(Number(n)).toBeLessThanOrEqual(day === earliest ? 1 : 2);
      // The gold customer's orders go before the silver customer's.
      const bySilver = result.scheduled.find((s) => s.number === placed[3]!.number)!;
      const golds = result.scheduled.filter((s) => s.number !== placed[3]!.number);
      for (const g of golds) expect(g.buildDate <= bySilver.buildDate).toBe(true);
    } finally {
      await scratch.close();
    }
  });
});
