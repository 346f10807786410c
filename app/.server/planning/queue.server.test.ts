/**
 * The planners' reads against a real database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL): the demo orders placed through placeOrder, then
 * hundreds and then 10,000 more written with plain SQL. Filters and counts
 * are checked against the rows themselves; paging by walking every page of
 * every sort (nothing skipped, nothing twice, the order the sort promises);
 * the demand against the orders' BOMs.
 */
import { and, eq, isNotNull, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { dealerships, orderLines, orders, queueEntries } from "#db/schema";
import { seed } from "#db/seed";
import { seedDemoOrders } from "#db/seed-orders";
import { createTestDb, type TestDb } from "#db/test-db";
import { QUEUE_COUNT_CAP, queueParamsSchema, QUEUE_SORTS, type QueueParams } from "~/domain/forms/planning";
import { addDays, ORDER_STATUSES, weekOf, type OrderStatus } from "~/domain/orders";
import { CUSTOMER_TIERS } from "~/domain/roles";
import { userId } from "~/.server/configurations/configurations.testing";
import { BadCursorError, capacityOverview, decodeCursor, encodeCursor, moduleDemand, pageQuery, plannerOrder, queuePage, queueRows, statusCounts, withCustomPlans } from "./queue.server";
import { setDayCapacity } from "./planning.server";

let t: TestDb;
let db: Db;
let customer: string;
let planner: string;
let shop: string;

const params = (input: Record<string, string> = {}): QueueParams => queueParamsSchema.parse(input);

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  const result = await seed(db, { demo: true, orders: true });
  expect(result.orders).toBe(12);
  customer = await userId(db, "customer@atelier.test");
  planner = await userId(db, "planner@atelier.test");
  [{ id: shop }] = await db.select({ id: dealerships.id }).from(dealerships).where(eq(dealerships.code, "MUC-01"));
}, 120_000);

afterAll(async () => {
  await t?.close();
});

/** Every order with what the queue shows, read plainly: the oracle. */
async function everything() {
  return db
    .select({
      id: orders.id,
      number: orders.number,
      tier: orders.tier,
      line: orders.lineCode,
      status: orders.status,
      dealershipId: orders.dealershipId,
      choices: orders.choices,
      createdAt: sql<string>`to_char(${orders.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
      buildDate: queueEntries.buildDate,
    })
    .from(orders)
    .leftJoin(queueEntries, eq(queueEntries.orderId, orders.id));
}
type Oracle = Awaited<ReturnType<typeof everything>>[number];

/** Walk every page forward; then walk back from the end with `before`. */
async function walk(p: Record<string, string>) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await queuePage(db, params({ ...p, ...(cursor ? { after: cursor } : {}) }));
    seen.push(...page.rows.map((r) => r.number));
    cursor = page.next;
    if (++pages > 1000) throw new Error("paging does not end");
  } while (cursor);
  return seen;
}

const cmp = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
const tierRank = (t: string) => CUSTOMER_TIERS.indexOf(t as (typeof CUSTOMER_TIERS)[number]);

/** What each sort promises, written independently of the SQL. */
function expectedOrder(rows: Oracle[], sort: string, dir: "asc" | "desc"): string[] {
  const sign = dir === "asc" ? 1 : -1;
  const compare = (a: Oracle, b: Oracle): number => {
    switch (sort) {
      case "ordered":
        return cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id);
      case "build":
        return cmp(a.buildDate, b.buildDate) || cmp(a.id, b.id);
      case "number":
        return cmp(a.number, b.number);
      default:
        return tierRank(a.tier) - tierRank(b.tier) || cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id);
    }
  };
  return [...rows].sort((a, b) => sign * compare(a, b)).map((r) => r.number);
}

describe("the queue on the demo orders", () => {
  it("seeds the demo orders once: a second seed (or a second app server) adds none", async () => {
    const before = (await everything()).length;
    expect(await seed(db, { demo: true, orders: true })).toMatchObject({ orders: 0 });
    expect(await seedDemoOrders(db)).toBe(0);
    expect((await everything()).length).toBe(before);
  });

  it("lists every order, newest first, with tier, line, status, build date, dealership and total", async () => {
    const page = await queuePage(db, params());
    expect(page.rows).toHaveLength(12);
    expect(page.next).toBeNull();
    expect(page.prev).toBeNull();
    const times = page.rows.map((r) => r.orderedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const first = page.rows.find((r) => r.status === "in_production")!;
    expect(first).toMatchObject({ tier: "gold", line: "sedan-a6l", dealership: null, currency: "EUR" });
    expect(first.buildDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(first.total).toBeGreaterThan(0);
    expect(page.rows.filter((r) => r.dealership?.code === "MUC-01")).toHaveLength(4);
    expect(page.counts).toEqual({ received: 5, scheduled: 6, in_production: 1, built: 0, shipped: 0, delivered: 0, cancelled: 0 });
    expect(page.matching).toBe(12);
  });

  it("filters by status, line, build week, dealership and value code, and counts by status without the status filter", async () => {
    const all = await everything();
    const scheduledDay = all.find((r) => r.buildDate)!.buildDate!;
    const aCode = all.find((r) => r.line === "fridge-fs")!.choices[0]!;
    const cases: [Record<string, string>, (r: Oracle) => boolean][] = [
      [{ status: "received" }, (r) => r.status === "received"],
      [{ line: "avant-a6" }, (r) => r.line === "avant-a6"],
      [{ week: scheduledDay }, (r) => r.buildDate !== null && weekOf(r.buildDate) === weekOf(scheduledDay)],
      [{ dealership: shop }, (r) => r.dealershipId === shop],
      [{ dealership: "none" }, (r) => r.dealershipId === null],
      [{ code: aCode }, (r) => r.choices.includes(aCode)],
      [{ line: "sedan-a6l", status: "scheduled", dealership: shop }, (r) => r.line === "sedan-a6l" && r.status === "scheduled" && r.dealershipId === shop],
    ];
    for (const [filter, keep] of cases) {
      const page = await queuePage(db, params(filter));
      const expected = all.filter(keep).map((r) => r.number).sort();
      expect(page.rows.map((r) => r.number).sort(), JSON.stringify(filter)).toEqual(expected);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      const { status: _, ...others } = filter;
      const withoutStatus = all.filter((r) => (filter.status ? keep({ ...r, status: filter.status as OrderStatus }) : keep(r)));
      const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, withoutStatus.filter((r) => r.status === s).length]));
      expect(page.counts, JSON.stringify(others)).toEqual(counts);
    }
    expect((await queuePage(db, params({ code: "NO-SUCH-CODE" }))).rows).toEqual([]);
  });

  it("shows an order's configuration by feature, its BOM with module names, its history with who, and the contact", async () => {
    const [row] = (await queuePage(db, params({ status: "in_production" }))).rows;
    const view = (await plannerOrder(db, { id: planner, role: "planner" }, row!.number, "en"))!;
    expect(view.line).toEqual({ code: "sedan-a6l", name: "A6 L Executive Sedan" });
    expect(view.groups.map((g) => g.feature)).toContain("Trim line");
    expect(view.groups.flatMap((g) => g.values.map((v) => v.code))).toContain("PQD");
    const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, row!.id));
    expect(view.bom.map((b) => [b.module, b.quantity]).sort()).toEqual(lines.map((l) => [l.module, l.quantity]).sort());
    expect(view.bom.some((b) => b.name !== b.module)).toBe(true);
    expect(view.events.map((e) => e.to)).toEqual(["received", "scheduled", "in_production"]);
    expect(view.events[0]!.actor).toBe("Clara Becker");
    expect(view.events[2]!.actor).toBe("Paul Hartmann");
    expect(view.contact.city).toBe("München");
    expect(view.customer.email).toBe("customer@atelier.test");
    expect((await plannerOrder(db, { id: planner, role: "planner" }, "AT-9999999", "en"))).toBeNull();
    const zh = (await plannerOrder(db, { id: planner, role: "planner" }, row!.number, "zh"))!;
    expect(zh.line.name).not.toBe(view.line.name);
  });
});

describe("module demand", () => {
  it("sums the BOMs of the orders scheduled in the range, per day and per week, leaving out cancelled ones", async () => {
    // From a month back: the demo order in production was built on a day that has come (issue 12), so the range covers it.
    const from = addDays(new Date().toISOString().slice(0, 10), -30);
    const to = addDays(from, 120);
    const scheduled = await db
      .select({ day: queueEntries.buildDate, module: orderLines.module, quantity: orderLines.quantity })
      .from(queueEntries)
      .innerJoin(orders, eq(orders.id, queueEntries.orderId))
      .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
      .where(and(isNotNull(queueEntries.buildDate), ne(orders.status, "cancelled")));
    expect(scheduled.length).toBeGreaterThan(0);
    const byDay = new Map<string, number>();
    for (const s of scheduled) byDay.set(`${s.day}|${s.module}`, (byDay.get(`${s.day}|${s.module}`) ?? 0) + s.quantity);
    const perDay = await moduleDemand(db, { from, to, period: "day" });
    expect(new Map(perDay.map((r) => [`${r.period}|${r.module}`, r.quantity]))).toEqual(byDay);

    const perWeek = await moduleDemand(db, { from, to, period: "week" });
    const total = (rows: { quantity: number }[]) => rows.reduce((a, r) => a + r.quantity, 0);
    expect(total(perWeek)).toBe(total(perDay));
    expect(perWeek.every((r) => weekOf(r.period) === r.period)).toBe(true);

    const fridge = await moduleDemand(db, { from, to, period: "day", line: "fridge-fs" });
    expect(total(fridge)).toBeGreaterThan(0);
    expect(total(fridge)).toBeLessThan(total(perDay));
  });
});

describe("capacity overview", () => {
  it("shows each active line's calendar, day overrides and the scheduled load", async () => {
    const from = addDays(new Date().toISOString().slice(0, 10), 1);
    const to = addDays(from, 60);
    const all = await everything();
    const busy = all.find((r) => r.line === "fridge-fs" && r.buildDate)!.buildDate!;
    await setDayCapacity(db, "fridge-fs", busy, 3);
    const view = await capacityOverview(db, from, to, "en");
    expect(view.map((l) => l.line)).toEqual(["sedan-a6l", "avant-a6", "fridge-fs"]);
    const fridge = view.find((l) => l.line === "fridge-fs")!;
    expect(fridge.days).toHaveLength(61);
    const day = fridge.days.find((d) => d.day === busy)!;
    expect(day).toMatchObject({ units: 3, override: true });
    expect(day.load).toBe(all.filter((r) => r.line === "fridge-fs" && r.buildDate === busy).length);
    const working = fridge.days.find((d) => d.closed === null && d.day !== busy)!;
    expect(working).toMatchObject({ units: fridge.settings.shifts * fridge.settings.unitsPerShift, override: false });
    await setDayCapacity(db, "fridge-fs", busy, null);
  });
});

/**
 * Synthetic orders written with plain SQL (placing 10,000 through the engine
 * would take minutes): ties on the order time (4 per minute), every tier and
 * status, three lines, a third through a dealership, a value code each, build
 * dates for all but the received and cancelled ones.
 */
async function bulkInsert(from: number, n: number) {
  await db.execute(sql`
    insert into orders (customer_id, placed_by, dealership_id, idempotency_key, request_hash, line_code, catalog_version_id,
                        choices, texts, market, currency, price, total, contact, tier, status, created_at, updated_at)
    select ${customer}::uuid, ${customer}::uuid, case when g % 3 = 0 then ${shop}::uuid end, 'bulk-' || g, 'bulk',
           (array['sedan-a6l','avant-a6','fridge-fs'])[1 + g % 3], 'demo-2026.1',
           array['BULK' || (g % 7), case when g % 997 = 0 then 'RARE' else 'ALL' end], '{}'::jsonb, 'DE', 'EUR', '{}'::jsonb, g * 100, '{}'::jsonb,
           (array['gold','silver','standard'])[1 + (g / 2) % 3]::customer_tier,
           (array['received','scheduled','in_production','built','shipped','delivered','cancelled'])[1 + (g / 3) % 7]::order_status,
           timestamptz '2025-01-01 00:00:00.123456Z' + (g / 4) * interval '1 minute' + (g % 4 / 2) * interval '1 microsecond', now()
    from generate_series(${from}::int, ${from + n - 1}::int) g`);
  await db.execute(sql`
    insert into queue_entries (order_id, line_code, earliest_build_date, build_date)
    select id, line_code, date '2026-01-01',
           case when status = 'received' then null else date '2026-02-02' + (seq % 90)::int end
    from orders where idempotency_key like 'bulk-%' and status <> 'cancelled'
    on conflict (order_id) do nothing`);
  // As autovacuum would after such a load: statistics, the visibility map, and the GIN index's pending entries merged.
  await db.execute(sql`vacuum analyze orders`);
}

describe("paging", () => {
  beforeAll(async () => {
    await bulkInsert(1, 400);
  }, 60_000);

  it("walks every sort in both directions: every order exactly once, in the promised order", async () => {
    const all = await everything();
    expect(all.length).toBe(412);
    for (const sort of QUEUE_SORTS)
      for (const dir of ["asc", "desc"] as const) {
        const seen = await walk({ sort, dir, size: "25" });
        expect(seen, `${sort} ${dir}`).toEqual(expectedOrder(all, sort, dir));
      }
  }, 120_000);

  it("pages with filters, and back with `before` to the same pages", async () => {
    const filter = { status: "scheduled", dealership: "none", sort: "build", size: "25" };
    const all = (await everything()).filter((r) => r.status === "scheduled" && r.dealershipId === null);
    const forward: string[][] = [];
    const cursors: (string | null)[] = [];
    let page = await queuePage(db, params(filter));
    forward.push(page.rows.map((r) => r.number));
    while (page.next) {
      cursors.push(page.next);
      page = await queuePage(db, params({ ...filter, after: page.next }));
      forward.push(page.rows.map((r) => r.number));
    }
    expect(forward.flat()).toEqual(expectedOrder(all, "build", "asc"));
    expect(forward.length).toBeGreaterThan(1);
    // Back from the last page to the first, by each page's prev cursor.
    const back: string[][] = [forward.at(-1)!];
    while (page.prev) {
      page = await queuePage(db, params({ ...filter, before: page.prev }));
      back.unshift(page.rows.map((r) => r.number));
    }
    expect(back).toEqual(forward);
  }, 60_000);

  it("keeps its place when orders arrive meanwhile: the next page starts right after the last row seen", async () => {
    const first = await queuePage(db, params({ sort: "ordered", dir: "asc", size: "25" }));
    await bulkInsert(400_001, 3); // newer than everything: sorted at the end
    const second = await queuePage(db, params({ sort: "ordered", dir: "asc", size: "25", after: first.next! }));
    const all = await everything();
    const order = expectedOrder(all, "ordered", "asc");
    expect(second.rows.map((r) => r.number)).toEqual(order.slice(25, 50));
  });

  it("refuses a cursor that is not one of its own", async () => {
    expect(decodeCursor("ordered", "garbage")).toBeNull();
    expect(decodeCursor("ordered", encodeCursor(["2026-01-01", "x"]))).toBeNull();
    expect(decodeCursor("number", encodeCursor(["AT-0000001"]))).toEqual(["AT-0000001"]);
    expect(decodeCursor("build", encodeCursor([null, "00000000-0000-4000-8000-000000000000"]))).not.toBeNull();
    expect(decodeCursor("ordered", encodeCursor([null, "00000000-0000-4000-8000-000000000000"]))).toBeNull();
    await expect(queuePage(db, params({ sort: "tier", after: encodeCursor(["AT-0000001"]) }))).rejects.toBeInstanceOf(BadCursorError);
  });

  it("exports every matching row through the same walk", async () => {
    const rows: string[] = [];
    for await (const r of queueRows(db, { ...params({ line: "fridge-fs", sort: "number" }) }, 50)) rows.push(r.number);
    const all = (await everything()).filter((r) => r.line === "fridge-fs");
    expect(rows).toEqual(expectedOrder(all, "number", "desc"));
  });
});

describe("at 10,000+ orders", () => {
  beforeAll(async () => {
    await bulkInsert(1_000_001, 10_000);
  }, 120_000);

  const plan = async (p: Record<string, string>, after?: string) => {
    const parsed = params(p);
    const cursor = after ? decodeCursor(parsed.sort, after)! : undefined;
    const result = await db.execute(sql`explain ${pageQuery(db, parsed, { after: cursor })}`);
    const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as Record<string, string>[];
    return rows.map((r) => Object.values(r)[0]).join("\n");
  };

  it("answers a deep page of the default sort from the index on the order time, without sorting the table", async () => {
    const { counts } = await statusCounts(db, {});
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(10_000);
    let page = await queuePage(db, params({ size: "200" }));
    for (let i = 0; i < 20; i++) page = await queuePage(db, params({ size: "200", after: page.next! }));
    const text = await plan({ size: "200" }, page.next!);
    expect(text).toMatch(/Index Scan Backward using orders_created_idx/);
    expect(text).not.toMatch(/Seq Scan on orders/);
  }, 120_000);

  it("answers the number sort from the number's unique index and a value code from the GIN index", async () => {
    expect(await plan({ sort: "number", size: "50" })).toMatch(/Index Scan( Backward)? using orders_number_unique/);
    expect(await plan({ code: "RARE" })).toMatch(/orders_choices_filters_idx/);
    // A common code under a status: walked along the order-time index, or read from the GIN index holding both
    // (only the matching rows, then sorted); never the whole table.
    const common = await plan({ code: "BULK3", status: "built" });
    expect(common).toMatch(/Index Scan Backward using orders_created_idx|Bitmap Index Scan on orders_choices_filters_idx[^\n]*\n\s+Index Cond: \(\(status = 'built'::order_status\) AND \(choices @> /);
    expect(common).not.toMatch(/Seq Scan on orders/);
  });

  it("answers status + line + a code from one GIN index holding all three (btree_gin), not a bitmap of the code's every order", async () => {
    const text = await plan({ code: "RARE", status: "built", line: "fridge-fs" });
    expect(text).toMatch(/Bitmap Index Scan on orders_choices_filters_idx/);
    expect(text).toMatch(/Index Cond: \(\(status = 'built'::order_status\) AND \(line_code = 'fridge-fs'::text\) AND \(choices @> /);
    expect(text).not.toMatch(/BitmapAnd/);
    const page = await queuePage(db, params({ code: "RARE", status: "built", line: "fridge-fs" }));
    const expected = (await everything()).filter((r) => r.status === "built" && r.line === "fridge-fs" && r.choices.includes("RARE"));
    expect(expected.length).toBeGreaterThan(0);
    expect(page.rows.map((r) => r.number).sort()).toEqual(expected.map((r) => r.number).sort());
    expect(page).toMatchObject({ matching: expected.length, matchingCapped: false });
  });

  it("reads a build week's orders from a build-date index first, whatever the sort; sorted by build date, walks it", async () => {
    for (const sort of ["ordered", "number", "tier"]) {
      const text = await plan({ week: "2026-02-09", sort });
      // The week is read first (a subquery over a build-date index), never found by walking the sort's index.
      expect(text, sort).toMatch(/Subquery Scan[\s\S]*orders_(status_)?build_idx/);
      expect(text, sort).not.toMatch(/orders_created_idx|orders_number_unique|orders_tier_idx/);
    }
    expect(await plan({ week: "2026-02-09", sort: "build" })).toMatch(/Index Scan using orders_build_idx/);
    const seen = await walk({ week: "2026-02-09", sort: "tier", size: "100" });
    const all = (await everything()).filter((r) => r.buildDate !== null && r.buildDate >= "2026-02-09" && r.buildDate <= "2026-02-15");
    expect(seen).toEqual(expectedOrder(all, "tier", "asc"));
  });

  it("pages a build week under every sort, both directions, with other filters, and back with `before` to the same pages", async () => {
    const week = (await everything()).filter((r) => r.buildDate !== null && r.buildDate >= "2026-02-09" && r.buildDate <= "2026-02-15");
    for (const sort of QUEUE_SORTS)
      for (const dir of ["asc", "desc"] as const) {
        expect(await walk({ week: "2026-02-09", sort, dir, size: "25" }), `${sort} ${dir}`).toEqual(expectedOrder(week, sort, dir));
        const built = week.filter((r) => r.status === "built" && r.line === "avant-a6");
        expect(await walk({ week: "2026-02-09", status: "built", line: "avant-a6", sort, dir, size: "25" }), `${sort} ${dir} built`).toEqual(expectedOrder(built, sort, dir));
      }
    const filter = { week: "2026-02-09", status: "in_production", size: "25" };
    const forward: string[][] = [];
    let page = await queuePage(db, params(filter));
    expect(page.counts.in_production).toBe(week.filter((r) => r.status === "in_production").length);
    forward.push(page.rows.map((r) => r.number));
    while (page.next) {
      page = await queuePage(db, params({ ...filter, after: page.next }));
      forward.push(page.rows.map((r) => r.number));
    }
    expect(forward.length).toBeGreaterThan(2);
    const back: string[][] = [forward.at(-1)!];
    while (page.prev) {
      page = await queuePage(db, params({ ...filter, before: page.prev }));
      back.unshift(page.rows.map((r) => r.number));
    }
    expect(back).toEqual(forward);
  }, 120_000);

  it("stops counting at the cap under an option code, and says so; other filters count exactly", async () => {
    const all = await queuePage(db, params({ code: "ALL" }));
    expect(all.countsCapped).toBe(true);
    expect(all).toMatchObject({ matching: QUEUE_COUNT_CAP, matchingCapped: true });
    expect(all.rows).toHaveLength(50);
    // A status under the code: counted on its own, exact below the cap.
    const built = await queuePage(db, params({ code: "ALL", line: "fridge-fs", status: "built" }));
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(orders)
      .where(sql`${orders.status} = 'built' and ${orders.lineCode} = 'fridge-fs' and ${orders.choices} @> array['ALL']`);
    expect(Number(n)).toBeLessThan(QUEUE_COUNT_CAP);
    expect(built).toMatchObject({ countsCapped: true, matching: Number(n), matchingCapped: false });
    const plain = await queuePage(db, params({ line: "fridge-fs" }));
    expect(plain.countsCapped).toBe(false);
    expect(plain.matching).toBe((await everything()).filter((r) => r.line === "fridge-fs").length);
  });

  it("plans the capped counts under an option code for their own values, every time, and only them", async () => {
    const setting = async (executor: Pick<Db, "execute">) => {
      const result = await executor.execute(sql`select current_setting('plan_cache_mode') as mode`);
      const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { mode: string }[];
      return rows[0]!.mode;
    };
    const before = await setting(db);
    expect(before).not.toBe("force_custom_plan");
    expect(await withCustomPlans(db, (tx) => setting(tx))).toBe("force_custom_plan");
    // The setting ends with its transaction: the next statements are planned as before.
    for (let i = 0; i < 3; i++) await queuePage(db, params({ code: "ALL", status: "built", line: "fridge-fs" }));
    expect(await setting(db)).toBe(before);
  });

  it("pages through all of it completely (number sort)", async () => {
    const seen = await walk({ sort: "number", size: "200" });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await everything()).length);
  }, 120_000);

  it.runIf(process.env.QUEUE_TIMINGS)("measures page times (printed, not asserted)", async () => {
    const time = async (label: string, p: Record<string, string>, pages = 10) => {
      let page = await queuePage(db, params(p));
      const started = performance.now();
      for (let i = 0; i < pages && page.next; i++) page = await queuePage(db, params({ ...p, after: page.next }));
      console.info(`${label}: ${((performance.now() - started) / pages).toFixed(1)} ms per page`);
    };
    for (const sort of QUEUE_SORTS) await time(`sort ${sort}`, { sort, size: "50" });
    await time("status=built", { status: "built", size: "50" });
    await time("code=BULK3", { code: "BULK3", size: "50" });
    await time("week", { week: "2026-02-09", size: "50" });
  }, 300_000);
});
