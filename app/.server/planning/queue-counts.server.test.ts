/**
 * The queue's kept counts and copied build dates (decision 052) against a
 * real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): orders are
 * placed, moved between statuses, cancelled through changeStatus, scheduled
 * and deleted by many transactions at once, and afterwards (and in one
 * snapshot meanwhile) the counts the status tabs show equal a fresh count(*)
 * of the orders, for every filter the counts table answers, and every order's
 * build date equals its queue entry's.
 */
import { and, count, eq, inArray, isNull, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, Executor } from "#db/client";
import { dealerships, orders, queueEntries } from "#db/schema";
import { seed } from "#db/seed";
import { createTestDb, type TestDb } from "#db/test-db";
import { queueParamsSchema, type QueueFilters } from "~/domain/forms/planning";
import { ORDER_STATUSES, type OrderStatus } from "~/domain/orders";
import { changeStatus } from "~/.server/orders/orders.server";
import { userId } from "~/.server/configurations/configurations.testing";
import { queuePage, statusCounts } from "./queue.server";

let t: TestDb;
let db: Db;
let customer: string;
let planner: string;
let shop: string;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  await seed(db, { demo: true, orders: true });
  customer = await userId(db, "customer@atelier.test");
  planner = await userId(db, "planner@atelier.test");
  [{ id: shop }] = await db.select({ id: dealerships.id }).from(dealerships).where(eq(dealerships.code, "MUC-01"));
  await insertOrders(1, 600);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

// Stored as plaintext JSON, which the encrypted column reads as written before encryption: announcements need an address.
const CONTACT = JSON.stringify({ name: "Count Customer", email: "count@atelier.test", phone: "+49 89 1", street: "S 1", postalCode: "80802", city: "München", country: "DE" });

/** `n` orders written with plain SQL (numbered from `from`), a third via the Munich dealership, each line and status, with queue entries. */
async function insertOrders(from: number, n: number, executor: Executor = db) {
  await executor.execute(sql`
    insert into orders (customer_id, placed_by, dealership_id, idempotency_key, request_hash, line_code, catalog_version_id,
                        choices, texts, market, currency, price, total, contact, status)
    select ${customer}::uuid, ${customer}::uuid, case when g % 3 = 0 then ${shop}::uuid end, 'count-' || g, 'count',
           (array['sedan-a6l','avant-a6','fridge-fs'])[1 + g % 3], 'demo-2026.1',
           array['C' || (g % 5)], '{}', 'DE', 'EUR', '{}'::jsonb, 100, ${CONTACT},
           (array['received','scheduled','in_production','built','shipped','delivered'])[1 + (g / 3) % 6]::order_status
    from generate_series(${from}::int, ${from + n - 1}::int) g`);
  await executor.execute(sql`
    insert into queue_entries (order_id, line_code, earliest_build_date, build_date)
    select id, line_code, date '2026-01-01', case when status = 'received' then null else date '2026-02-02' + (seq % 60)::int end
    from orders where idempotency_key like 'count-%' on conflict (order_id) do nothing`);
}

/** What count(*) says now, per status, under the filters. */
async function freshCounts(executor: Executor, filters: QueueFilters): Promise<Record<OrderStatus, number>> {
  const where = [];
  if (filters.line) where.push(eq(orders.lineCode, filters.line));
  if (filters.dealership === "none") where.push(isNull(orders.dealershipId));
  else if (filters.dealership) where.push(eq(orders.dealershipId, filters.dealership));
  const rows = await executor
    .select({ status: orders.status, n: count() })
    .from(orders)
    .where(and(...where))
    .groupBy(orders.status);
  const out = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

const FILTERS = (): QueueFilters[] => [{}, { line: "avant-a6" }, { dealership: shop }, { dealership: "none" }, { line: "fridge-fs", dealership: "none" }];

async function expectCountsExact(executor: Executor) {
  for (const filters of FILTERS()) {
    const kept = await statusCounts(executor, filters);
    expect(kept.capped).toBe(false);
    expect(kept.counts, JSON.stringify(filters)).toEqual(await freshCounts(executor, filters));
  }
}

async function expectBuildDatesCopied() {
  const differing = await db
    .select({ n: count() })
    .from(orders)
    .leftJoin(queueEntries, eq(queueEntries.orderId, orders.id))
    .where(sql`${orders.buildDate} is distinct from ${queueEntries.buildDate}`);
  expect(differing[0]!.n).toBe(0);
}

const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;

/** `promise`, or a failure with `message` after `ms`. */
async function within<T>(ms: number, promise: Promise<T>, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

describe("the kept counts per status", () => {
  it("start equal to count(*), the migration's backfill and the triggers on every insert included", async () => {
    await expectCountsExact(db);
    await expectBuildDatesCopied();
  });

  it("stay equal to count(*) under concurrent status changes, cancellations, schedulings, inserts and deletes", async () => {
    const ids = (await db.select({ id: orders.id, number: orders.number, version: orders.version, status: orders.status }).from(orders).orderBy(orders.seq)).slice(0, 400);
    const received = (await db.select({ number: orders.number, version: orders.version }).from(orders).where(eq(orders.status, "received"))).slice(0, 12);
    const tasks: (() => Promise<unknown>)[] = [];
    // Plain status moves, several orders in one transaction (as a bulk action or a sweep would do).
    for (let i = 0; i < 60; i++)
      tasks.push(() =>
        db.transaction(async (tx) => {
          for (let k = 0; k < 4; k++) {
            const o = pick(ids, i * 7 + k * 13);
            await tx.update(orders).set({ status: pick(ORDER_STATUSES, i + k), version: sql`${orders.version} + 1` }).where(eq(orders.id, o.id));
          }
        }),
      );
    // Build dates moved and cleared, as scheduling and cancelling do.
    for (let i = 0; i < 30; i++)
      tasks.push(() => db.update(queueEntries).set({ buildDate: i % 3 === 0 ? null : `2026-03-${String(1 + (i % 28)).padStart(2, "0")}` }).where(eq(queueEntries.orderId, pick(ids, i * 11 + 5).id)));
    // Cancellations by the planner through the real code path (the queue entry goes, the build date with it).
    for (const o of received)
      tasks.push(() => changeStatus(db, { id: planner, role: "planner" }, { number: o.number, to: "cancelled", expectedVersion: o.version, reason: "customer withdrew" }));
    // New orders, and orders deleted (their queue entries with them).
    for (let i = 0; i < 10; i++) tasks.push(() => db.transaction((tx) => insertOrders(10_000 + i * 5, 5, tx)));
    for (let i = 0; i < 10; i++) tasks.push(() => db.delete(orders).where(eq(orders.id, pick(ids, 300 + i).id)));
    // Rolled back: counts the same as if never tried.
    for (let i = 0; i < 10; i++)
      tasks.push(() =>
        db
          .transaction(async (tx) => {
            await tx.update(orders).set({ status: "delivered" }).where(eq(orders.id, pick(ids, i * 17 + 3).id));
            throw new Error("rolled back");
          })
          .catch(() => {}),
      );
    // Interleave the kinds, and read meanwhile: in one snapshot the kept counts equal count(*) even while writes go on.
    const order = tasks.map((task, i) => ({ task, key: (i * 7919) % tasks.length })).sort((a, b) => a.key - b.key);
    const readers = Array.from({ length: 3 }, () =>
      db.transaction(
        async (tx) => {
          await expectCountsExact(tx);
        },
        { isolationLevel: "repeatable read" },
      ),
    );
    const results = await Promise.allSettled([...order.map((o) => o.task()), ...readers]);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    await expectCountsExact(db);
    await expectBuildDatesCopied();
  }, 120_000);

  // PostgreSQL only: PGlite has one connection, so its transactions never overlap.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "give every running transaction its own slot: 17 open writers (more than 16 pid slots) never wait on one counts row",
    async () => {
      await insertOrders(20_000, 102);
      // 34 orders of one line, placed directly, all received: every writer changes the same two counts.
      const mine = await db
        .select({ id: orders.id })
        .from(orders)
        .where(and(sql`${orders.idempotencyKey} like 'count-2____'`, eq(orders.lineCode, "avant-a6"), isNull(orders.dealershipId)));
      expect(mine).toHaveLength(34);
      await db.update(orders).set({ status: "received" }).where(inArray(orders.id, mine.map((o) => o.id)));
      const writers = Array.from({ length: 17 }, () => postgres(t.url!, { max: 1, onnotice: () => {} }));
      try {
        let arrived = 0;
        let release!: () => void;
        const allIn = new Promise<void>((resolve) => (release = resolve));
        const slotOf = async (tx: postgres.TransactionSql) => Number((await tx`select current_setting('atelier.order_status_counts_slot', true) as s`)[0]!.s);
        const held = writers.map((w, i) =>
          w.begin(async (tx) => {
            await tx`update orders set status = 'scheduled' where id = ${mine[2 * i]!.id}`;
            const slot = await slotOf(tx);
            if (++arrived === writers.length) release();
            // With one counts row shared by two open transactions, the second would wait here for the first's commit.
            await within(20_000, allIn, "a writer waited on another's counts row");
            await tx`update orders set status = 'cancelled' where id = ${mine[2 * i + 1]!.id}`;
            expect(await slotOf(tx)).toBe(slot);
            return slot;
          }),
        );
        const slots = await Promise.all(held);
        expect(new Set(slots).size).toBe(17);
        expect(slots.filter((s) => s < 16).sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i));
        expect(slots.filter((s) => s >= 16)).toEqual([16]);
      } finally {
        await Promise.all(writers.map((w) => w.end({ timeout: 5 })));
      }
      await expectCountsExact(db);
    },
    60_000,
  );

  it("show on the page: the tabs and 'matching' agree with count(*) for a dealership, and an option code's counts stop at the cap", async () => {
    const page = await queuePage(db, queueParamsSchema.parse({ dealership: shop, status: "scheduled" }));
    const fresh = await freshCounts(db, { dealership: shop });
    expect(page.counts).toEqual(fresh);
    expect(page.matching).toBe(fresh.scheduled);
    expect(page.countsCapped).toBe(false);
    // Under an option code, below the cap, the counts are exact too.
    const coded = await queuePage(db, queueParamsSchema.parse({ code: "C1" }));
    expect(coded.countsCapped).toBe(false);
    const [{ n }] = await db.select({ n: count() }).from(orders).where(sql`${orders.choices} @> array['C1']::text[]`);
    expect(coded.matching).toBe(Number(n));
  });

  it("counts a build week exactly from the orders built that week", async () => {
    const page = await queuePage(db, queueParamsSchema.parse({ week: "2026-02-09" }));
    const rows = await db
      .select({ status: orders.status, n: count() })
      .from(orders)
      .innerJoin(queueEntries, eq(queueEntries.orderId, orders.id))
      .where(sql`${queueEntries.buildDate} between '2026-02-09' and '2026-02-15'`)
      .groupBy(orders.status);
    const expected = Object.fromEntries(ORDER_STATUSES.map((s) => [s, Number(rows.find((r) => r.status === s)?.n ?? 0)]));
    expect(page.counts).toEqual(expected);
    expect(page.countsCapped).toBe(false);
  });
});
