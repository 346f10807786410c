/**
 * The planners' pages — queue, order detail, capacity, demand, the CSV
 * exports — their loaders and actions called with real requests against a
 * seeded database with the demo orders: who may open them, bad parameters
 * and bad form input (4xx with a message, nothing changed), the optimistic
 * lock's 409, the capacity refusal, and what the exports contain.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { Db } from "#db/client";
import { lineCapacity, lineCapacityDays, lineHolidays, orders, queueEntries } from "#db/schema";
import { seedDemoOrders } from "#db/seed-orders";
import { signInAs, userId, useSeededProcessDb, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { placeOrder, readOrder } from "~/.server/orders/orders.server";
import { demoOrderInput } from "~/.server/orders/orders.testing";
import { calendarSettings, scheduleOrder, setCalendarSettings } from "~/.server/planning/planning.server";
import { workingDay } from "~/.server/planning/planning.testing";
import { moduleDemand } from "~/.server/planning/queue.server";
import { addDays, dayOf, weekOf } from "~/domain/orders";
import { getT } from "~/i18n";
import { action as queueAction, loader as queueLoader } from "./planning._index";
import { action as capacityAction, loader as capacityLoader } from "./planning.capacity";
import { loader as demandLoader } from "./planning.demand";
import { loader as demandCsv } from "./planning.demand[.]csv";
import { action as orderAction, loader as orderLoader } from "./planning.orders.$number";
import { loader as customerOrderLoader } from "./orders.$number._index";
import { loader as queueCsv } from "./planning.queue[.]csv";
import { QUEUE_CSV_COLUMNS, queueCsvStream } from "~/.server/planning/queue-csv.server";
import { run } from "./pages.testing";

let pdb: ProcessDb;
let db: Db;
let planner: string;
let planner2: string;
let admin: string;
let customer: string;

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  expect(await seedDemoOrders(db)).toBe(12);
  planner = await signInAs(db, "planner@atelier.test");
  planner2 = await signInAs(db, "planner@atelier.test");
  admin = await signInAs(db, "admin@atelier.test");
  customer = await signInAs(db, "customer@atelier.test");
}, 120_000);

afterAll(async () => {
  await pdb?.close();
});

const get = (path: string, cookie?: string) => new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie, "Accept-Language": "en" } : {} });
const post = (path: string, fields: Record<string, string>, cookie?: string) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(`http://localhost${path}`, { method: "POST", body, headers: cookie ? { Cookie: cookie } : {} });
};

const en = getT("en") as (key: string, values?: Record<string, unknown>) => string;
type Failure = { ok: false; code: string; message: string; values: Record<string, string | number> };

async function anOrder(status: string) {
  const [row] = await db.select({ number: orders.number }).from(orders).where(eq(orders.status, status as "received")).limit(1);
  return (await readOrder(db, { number: row!.number }))!;
}

describe("who may open the planners' pages", () => {
  const pages: [string, unknown, Record<string, string>?][] = [
    ["/planning", queueLoader],
    ["/planning/capacity", capacityLoader],
    ["/planning/demand", demandLoader],
    ["/planning/queue.csv", queueCsv],
    ["/planning/demand.csv", demandCsv],
  ];

  it("sends signed-out visitors to sign in, refuses customers (403), lets planners and admins in", async () => {
    const { number } = await anOrder("received");
    for (const [path, loader, params] of [...pages, [`/planning/orders/${number}`, orderLoader, { number }] as const]) {
      const out = await run(loader, get(path), params);
      expect(out.status, path).toBe(302);
      expect(out.response?.headers.get("Location"), path).toMatch(/^\/login\?redirectTo=/);
      expect((await run(loader, get(path, customer), params)).status, path).toBe(403);
      expect((await run(loader, get(path, planner), params)).status, path).toBe(200);
      expect((await run(loader, get(path, admin), params)).status, path).toBe(200);
    }
  });

  it("refuses customers' posts (403) and changes nothing", async () => {
    const order = await anOrder("received");
    expect((await run(queueAction, post("/planning", { intent: "autoschedule" }, customer))).status).toBe(403);
    const lines = await db.select().from(lineCapacity);
    expect((await run(capacityAction, post("/planning/capacity", { intent: "calendar", line: "sedan-a6l", workingDays: "1", shifts: "1", unitsPerShift: "1" }, customer))).status).toBe(403);
    expect((await run(capacityAction, post("/planning/capacity", { intent: "holiday", line: "sedan-a6l", day: addDays(dayOf(new Date()), 1), name: "x" }, customer))).status).toBe(403);
    const cancel = await run(orderAction, post(`/planning/orders/${order.number}`, { intent: "cancel", version: String(order.version) }, customer), { number: order.number });
    expect(cancel.status).toBe(403);
    expect(await readOrder(db, { number: order.number })).toEqual(order);
    expect(await db.select().from(lineCapacity)).toEqual(lines);
    expect(await db.select().from(lineHolidays).where(eq(lineHolidays.name, "x"))).toEqual([]);
  });
});

describe("the queue page", () => {
  it("shows the orders with counts, line names and a next-page cursor", async () => {
    const { data } = await run(queueLoader, get("/planning?size=25&sort=number&dir=asc", planner));
    const page = data as Extract<Awaited<ReturnType<typeof queueLoader>>, { ok: true }>;
    expect(page.ok).toBe(true);
    expect(page.rows).toHaveLength(12);
    expect(page.rows[0]!.line).toBe("A6 L Executive Sedan");
    expect(page.rows.map((r) => r.number)).toEqual([...page.rows.map((r) => r.number)].sort());
    expect(page.counts.received + page.counts.scheduled + page.counts.in_production).toBe(12);
  });

  it("answers bad search params with 400 and the reason", async () => {
    // The CSV export takes the same filters but no page cursor: a well-formed cursor there is ignored.
    for (const [query, message, csvStatus] of [
      ["status=lost", "queue.problems.badStatus", 400],
      ["sort=price", "queue.problems.badSort", 400],
      ["dir=up", "queue.problems.badSort", 400],
      ["size=7", "queue.problems.badSize", 400],
      ["size=abc", "queue.problems.badSize", 400],
      ["week=2026-02-30", "validation.invalid", 400],
      ["dealership=MUC", "queue.problems.badDealership", 400],
      ["code=%3Cscript%3E", "codes use letters, digits, '_', '.', '-'", 400],
      ["after=!!", "queue.problems.badCursor", 400],
      ["after=bm90LWpzb24", "queue.problems.badCursor", 200],
      ["after=WyJBVC0wMDAwMDAxIl0&sort=ordered", "queue.problems.badCursor", 200],
      ["after=WyJBVC0wMDAwMDAxIl0&before=WyJBVC0wMDAwMDAxIl0&sort=number", "queue.problems.badCursor", 400],
    ] as const) {
      const out = await run(queueLoader, get(`/planning?${query}`, planner));
      expect(out.status, query).toBe(400);
      expect((out.data as { problem: { message: string } }).problem.message, query).toBe(message);
      expect((await run(queueCsv, get(`/planning/queue.csv?${query}`, planner))).status, query).toBe(csvStatus);
    }
  });

  it("schedules every unscheduled order and says how many", async () => {
    const out = await run(queueAction, post("/planning", { intent: "autoschedule" }, planner));
    expect(out.status).toBe(200);
    const result = out.data as { ok: true; scheduled: { number: string; buildDate: string }[]; unplaced: string[] };
    expect(result.scheduled).toHaveLength(5);
    expect(result.unplaced).toEqual([]);
    const unscheduled = await db.select().from(queueEntries).where(isNull(queueEntries.buildDate));
    expect(unscheduled).toEqual([]);
    expect((await run(queueAction, post("/planning", { intent: "explode" }, planner))).status).toBe(400);
  });
});

describe("an order's page", () => {
  it("shows configuration, BOM, history and contact, and what may be done next", async () => {
    const order = await anOrder("in_production");
    const { data } = await run(orderLoader, get(`/planning/orders/${order.number}`, planner), { number: order.number });
    const view = data as Awaited<ReturnType<typeof orderLoader>>;
    expect(view.order.groups.length).toBeGreaterThan(3);
    expect(view.order.bom.length).toBeGreaterThan(3);
    expect(view.order.events.map((e) => e.to)).toEqual(["received", "scheduled", "in_production"]);
    expect(view.can).toEqual({ schedule: false, advance: "built", cancel: false });
    expect((await run(orderLoader, get("/planning/orders/AT-9999999", planner), { number: "AT-9999999" })).status).toBe(404);
    expect((await run(orderLoader, get("/planning/orders/nonsense", planner), { number: "nonsense" })).status).toBe(404);
  });

  it("moves an order forward with the version the page showed; a second planner on the old version gets 409 and nothing is lost", async () => {
    const order = await anOrder("in_production");
    const path = `/planning/orders/${order.number}`;
    const first = await run(orderAction, post(path, { intent: "advance", to: "built", version: String(order.version) }, planner), { number: order.number });
    expect(first.status).toBe(200);
    expect((await readOrder(db, { number: order.number }))!.status).toBe("built");

    const second = await run(orderAction, post(path, { intent: "advance", to: "built", version: String(order.version) }, planner2), { number: order.number });
    expect(second.status).toBe(409);
    const failure = second.data as Failure;
    expect(failure.code).toBe("stale");
    expect(en(failure.message, failure.values)).toBe(
      `Order ${order.number} was changed by someone else in the meantime: reload to see the change, then try again.`,
    );
    expect((await readOrder(db, { number: order.number }))!).toMatchObject({ status: "built", version: order.version + 1 });
  });

  it("refuses a build date on a full day with 409 and says so; the order keeps its date", async () => {
    const order = await anOrder("scheduled");
    const day = await workingDay(db, order.line, addDays(order.buildDate!, 1));
    await db.insert(lineCapacityDays).values({ lineCode: order.line, day, unitsPerDay: 0 });
    const path = `/planning/orders/${order.number}`;
    const out = await run(orderAction, post(path, { intent: "schedule", buildDate: day, version: String(order.version) }, planner), { number: order.number });
    expect(out.status).toBe(409);
    const failure = out.data as Failure;
    expect(failure.code).toBe("over-capacity");
    expect(en(failure.message, failure.values)).toBe(`${day} is full for this product line: choose another day or raise that day's capacity.`);
    expect((await readOrder(db, { number: order.number }))!).toMatchObject({ buildDate: order.buildDate, version: order.version });

    const next = await workingDay(db, order.line, addDays(day, 1));
    const moved = await run(orderAction, post(path, { intent: "schedule", buildDate: next, version: String(order.version) }, planner), { number: order.number });
    expect(moved.status).toBe(200);
    expect((await readOrder(db, { number: order.number }))!.buildDate).toBe(next);
  });

  it("answers bad form input with 4xx and a message, and changes nothing", async () => {
    const order = await anOrder("scheduled");
    const path = `/planning/orders/${order.number}`;
    const today = dayOf(new Date());
    const cases: [Record<string, string>, number, string][] = [
      [{ intent: "schedule", buildDate: addDays(order.buildDate!, 2) }, 400, "validation.invalid"],
      [{ intent: "schedule", buildDate: "2026-02-30", version: "1" }, 400, "validation.invalid"],
      [{ intent: "schedule", buildDate: today, version: String(order.version) }, 400, "queue.detail.problems.pastDay"],
      [{ intent: "schedule", buildDate: addDays(order.earliestBuildDate!, -1), version: String(order.version) }, 409, "queue.detail.problems.beforeEarliest"],
      [{ intent: "advance", to: "delivered", version: String(order.version) }, 409, "queue.detail.problems.notForward"],
      [{ intent: "advance", to: "flying", version: String(order.version) }, 400, "validation.invalid"],
      [{ intent: "explode", version: "1" }, 400, "validation.invalid"],
      [{ intent: "cancel", version: "-3" }, 400, "validation.invalid"],
      [{}, 400, "validation.invalid"],
    ];
    for (const [fields, status, message] of cases) {
      const out = await run(orderAction, post(path, fields, planner), { number: order.number });
      expect(out.status, JSON.stringify(fields)).toBe(status);
      expect((out.data as Failure).message, JSON.stringify(fields)).toBe(message);
    }
    const missing = await run(orderAction, post("/planning/orders/AT-9999999", { intent: "cancel", version: "1" }, planner), { number: "AT-9999999" });
    expect(missing.status).toBe(404);
    expect(await readOrder(db, { number: order.number })).toEqual(order);
  });

  it("cancels before the frozen horizon and refuses it within (409 with the reason)", async () => {
    const order = await anOrder("scheduled");
    const path = `/planning/orders/${order.number}`;
    // Within the horizon: the build date moves close (capacity and lead time aside, written directly).
    await db.update(queueEntries).set({ buildDate: addDays(dayOf(new Date()), 2) }).where(eq(queueEntries.orderId, order.id));
    // Staff say why they cancel (issue 12).
    const reason = "the customer asked by phone";
    const frozen = await run(orderAction, post(path, { intent: "cancel", version: String(order.version), reason }, planner), { number: order.number });
    expect(frozen.status).toBe(409);
    expect((frozen.data as Failure).code).toBe("frozen");
    expect(en((frozen.data as Failure).message, (frozen.data as Failure).values)).toMatch(/can no longer be cancelled/);
    await db.update(queueEntries).set({ buildDate: order.buildDate }).where(eq(queueEntries.orderId, order.id));
    const cancelled = await run(orderAction, post(path, { intent: "cancel", version: String(order.version), reason }, planner), { number: order.number });
    expect(cancelled.status).toBe(200);
    expect((await readOrder(db, { number: order.number }))!.status).toBe("cancelled");
  });
});

describe("capacity page", () => {
  let keys = 0;
  /** A fresh unscheduled order of the demo sedan (the queue page's test scheduled the demo's). */
  async function receivedOrder() {
    const clara = { id: await userId(db, "customer@atelier.test"), role: "customer" as const };
    const placed = await placeOrder(db, clara, { ...(await demoOrderInput(db)), idempotencyKey: `calendar-${++keys}` });
    if (!placed.ok) throw new Error(placed.problem.message);
    return placed.value.order;
  }
  type View = Awaited<ReturnType<typeof capacityLoader>>;
  type Answer = { ok: boolean; message: string; field: string | null; fields: Record<string, string>; values: Record<string, string | number> };
  const view = async (weeks = 2) => (await run(capacityLoader, get(`/planning/capacity?weeks=${weeks}`, planner))).data as View;
  const send = (fields: Record<string, string | string[]>) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    return run(capacityAction, new Request("http://localhost/planning/capacity", { method: "POST", body, headers: { Cookie: planner } }));
  };

  it("shows each line's calendar: capacity on working days only, weekends and the demo holidays closed by name", async () => {
    const { lines } = await view(12);
    expect(lines.map((l) => l.line)).toEqual(["sedan-a6l", "avant-a6", "fridge-fs"]);
    const sedan = lines[0]!;
    expect(sedan.days).toHaveLength(84);
    expect(sedan.settings).toEqual({ workingDays: [1, 2, 3, 4, 5], shifts: 2, unitsPerShift: 10 });
    for (const d of sedan.days) {
      const weekday = new Date(`${d.day}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) expect(d.closed, d.day).not.toBeNull();
      if (d.closed) expect(d.units, d.day).toBe(0);
      else if (!d.override) expect(d.units, d.day).toBe(20);
    }
    // The seed closes the coming Christmas and New Year (dated from the day it ran).
    const christmas = sedan.holidays.find((h) => h.name === "Christmas Day")!;
    expect(christmas.day).toMatch(/-12-25$/);
    const shown = sedan.days.find((d) => d.day === christmas.day);
    if (shown) expect(shown.closed).toEqual({ kind: "holiday", name: "Christmas Day" });
  });

  it("sets working days, shifts and units per shift; a working day's own capacity; and back", async () => {
    const weekendFree = await send({ intent: "calendar", line: "avant-a6", workingDays: ["1", "2", "3", "4", "5", "6"], shifts: "3", unitsPerShift: "7" });
    expect(weekendFree.status).toBe(200);
    let avant = (await view()).lines.find((l) => l.line === "avant-a6")!;
    expect(avant.settings).toEqual({ workingDays: [1, 2, 3, 4, 5, 6], shifts: 3, unitsPerShift: 7 });
    const saturday = avant.days.find((d) => new Date(`${d.day}T00:00:00Z`).getUTCDay() === 6 && !avant.holidays.some((h) => h.day === d.day))!;
    expect(saturday).toMatchObject({ units: 21, closed: null });
    const sunday = avant.days.find((d) => new Date(`${d.day}T00:00:00Z`).getUTCDay() === 0)!;
    expect(sunday).toMatchObject({ units: 0, closed: { kind: "weekday", weekday: 7 } });

    expect((await send({ intent: "day", line: "avant-a6", day: saturday.day, units: "2" })).status).toBe(200);
    avant = (await view()).lines.find((l) => l.line === "avant-a6")!;
    expect(avant.days.find((d) => d.day === saturday.day)).toMatchObject({ units: 2, override: true });
    expect((await send({ intent: "reset", line: "avant-a6", day: saturday.day })).status).toBe(200);
    expect((await send({ intent: "calendar", line: "avant-a6", workingDays: ["1", "2", "3", "4", "5"], shifts: "1", unitsPerShift: "20" })).status).toBe(200);
    avant = (await view()).lines.find((l) => l.line === "avant-a6")!;
    expect(avant.days.find((d) => d.day === saturday.day)).toMatchObject({ units: 0, override: false, closed: { kind: "weekday", weekday: 6 } });
  });

  it("adds a named holiday: the day closes, a build date on it is refused naming the holiday (409); removing it opens the day again", async () => {
    const order = await receivedOrder();
    const sedan = (await view(4)).lines.find((l) => l.line === order.line)!;
    // A working day with nothing built on it, on or after the order's earliest build day.
    const day = sedan.days.find((d) => d.closed === null && !d.override && d.load === 0 && d.day >= order.earliestBuildDate!)!.day;
    const added = await send({ intent: "holiday", line: order.line, day, name: "  Plant inventory  " });
    expect(added.status).toBe(200);
    const after = (await view(4)).lines.find((l) => l.line === order.line)!;
    expect(after.holidays).toContainEqual({ day, name: "Plant inventory" });
    expect(after.days.find((d) => d.day === day)).toMatchObject({ units: 0, closed: { kind: "holiday", name: "Plant inventory" } });

    const path = `/planning/orders/${order.number}`;
    const refused = await run(orderAction, post(path, { intent: "schedule", buildDate: day, version: String(order.version) }, planner), { number: order.number });
    expect(refused.status).toBe(409);
    const failure = refused.data as Failure;
    expect(failure.code).toBe("closed-day");
    expect(en(failure.message, failure.values)).toBe(`${day} is a holiday on this line (Plant inventory): choose a working day.`);
    expect((await readOrder(db, { number: order.number }))!).toMatchObject({ status: "received", buildDate: null, version: order.version });

    // A day with its own capacity set is no way around it.
    const own = (await send({ intent: "day", line: order.line, day, units: "5" })) as { status: number; data: Answer };
    expect(own.status).toBe(409);
    expect(own.data.message).toBe("calendar.closed.holiday");

    expect((await send({ intent: "open", line: order.line, day })).status).toBe(200);
    expect((await view(4)).lines.find((l) => l.line === order.line)!.days.find((d) => d.day === day)).toMatchObject({ units: 20, closed: null });
  });

  it("refuses a build date on a weekend with 409 naming the weekday, and the page's first offered day is a working day", async () => {
    const order = await receivedOrder();
    const page = (await run(orderLoader, get(`/planning/orders/${order.number}`, planner), { number: order.number })).data as { firstDay: string };
    const sedan = (await view(12)).lines.find((l) => l.line === order.line)!;
    expect(sedan.days.find((d) => d.day === page.firstDay)).toMatchObject({ closed: null });
    expect(page.firstDay >= order.earliestBuildDate!).toBe(true);
    // Every day between the earliest build day and the offered one is closed.
    for (const d of sedan.days) if (d.day >= order.earliestBuildDate! && d.day < page.firstDay) expect(d.closed, d.day).not.toBeNull();

    const sunday = sedan.days.find((d) => d.day > order.earliestBuildDate! && new Date(`${d.day}T00:00:00Z`).getUTCDay() === 0)!.day;
    const out = await run(orderAction, post(`/planning/orders/${order.number}`, { intent: "schedule", buildDate: sunday, version: String(order.version) }, planner), { number: order.number });
    expect(out.status).toBe(409);
    const failure = out.data as Failure;
    expect(failure).toMatchObject({ code: "closed-day", message: "calendar.closed.weekday", values: { day: sunday, weekday: sunday } });
    expect(en(failure.message, { ...failure.values, weekday: "Sunday" })).toBe("Sunday is not a working day on this line: choose a working day.");
    expect((await readOrder(db, { number: order.number }))!.buildDate).toBeNull();
  });

  it("refuses to close a day that has orders (409), naming the day and the count, and writes nothing", async () => {
    const order = await anOrder("scheduled");
    const day = order.buildDate!;
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(queueEntries).where(and(eq(queueEntries.lineCode, order.line), eq(queueEntries.buildDate, day)));
    const out = (await send({ intent: "holiday", line: order.line, day, name: "Strike" })) as { status: number; data: Answer };
    expect(out.status).toBe(409);
    expect(out.data).toMatchObject({ message: "capacity.problems.ordersOnDay", field: "day", values: { day, n: Number(n) } });
    expect(await db.select().from(lineHolidays).where(eq(lineHolidays.day, day))).toEqual([]);
    // Nor can its weekday stop being a working day.
    const weekday = ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    const without = ["1", "2", "3", "4", "5", "6", "7"].filter((w) => Number(w) !== weekday);
    const dropped = (await send({ intent: "calendar", line: order.line, workingDays: without, shifts: "1", unitsPerShift: "20" })) as { status: number; data: Answer };
    expect(dropped.status).toBe(409);
    expect(dropped.data.message).toBe("capacity.problems.ordersOnDay");
    expect((await view()).lines.find((l) => l.line === order.line)!.settings).toMatchObject({ workingDays: [1, 2, 3, 4, 5] });
  });

  it("answers bad input with 4xx and a message per field, and changes nothing", async () => {
    const tomorrow = addDays(dayOf(new Date()), 1);
    const before = await db.select().from(lineCapacity);
    const holidaysBefore = await db.select().from(lineHolidays);
    for (const [fields, status, field, message] of [
      [{ intent: "calendar", line: "sedan-a6l", shifts: "2", unitsPerShift: "10" }, 400, "workingDays", "capacity.problems.noWorkingDays"],
      [{ intent: "calendar", line: "sedan-a6l", workingDays: ["1", "8"], shifts: "2", unitsPerShift: "10" }, 400, "workingDays", "validation.invalid"],
      [{ intent: "calendar", line: "sedan-a6l", workingDays: ["1"], shifts: "4", unitsPerShift: "10" }, 400, "shifts", "capacity.problems.shifts"],
      [{ intent: "calendar", line: "sedan-a6l", workingDays: ["1"], shifts: "0", unitsPerShift: "10" }, 400, "shifts", "capacity.problems.shifts"],
      [{ intent: "calendar", line: "sedan-a6l", workingDays: ["1"], shifts: "1", unitsPerShift: "-1" }, 400, "unitsPerShift", "capacity.problems.units"],
      [{ intent: "calendar", line: "sedan-a6l", workingDays: ["1"], shifts: "1", unitsPerShift: "lots" }, 400, "unitsPerShift", "validation.invalid"],
      [{ intent: "holiday", line: "sedan-a6l", day: tomorrow, name: "   " }, 400, "name", "validation.required"],
      [{ intent: "holiday", line: "sedan-a6l", day: tomorrow, name: "x".repeat(101) }, 400, "name", "validation.tooLong"],
      [{ intent: "holiday", line: "sedan-a6l", day: tomorrow, name: "Bad\u0000name" }, 400, "name", "validation.invalid"],
      [{ intent: "holiday", line: "sedan-a6l", day: "2026-02-30", name: "Nope" }, 400, "day", "validation.invalid"],
      [{ intent: "holiday", line: "sedan-a6l", day: dayOf(new Date()), name: "Today" }, 400, "day", "capacity.problems.pastDay"],
      [{ intent: "holiday", line: "no-such-line", day: tomorrow, name: "Nope" }, 404, "line", "capacity.problems.unknownLine"],
      [{ intent: "day", line: "sedan-a6l", day: "tomorrow", units: "3" }, 400, "day", "validation.invalid"],
      [{ intent: "day", line: "sedan-a6l", day: dayOf(new Date()), units: "3" }, 400, "day", "capacity.problems.pastDay"],
      [{ intent: "day", line: "no-such-line", day: tomorrow, units: "3" }, 404, "line", "capacity.problems.unknownLine"],
      [{ intent: "default", line: "sedan-a6l", units: "3" }, 400, "intent", "validation.invalid"],
      [{ intent: "wipe", line: "sedan-a6l" }, 400, "intent", "validation.invalid"],
    ] as const) {
      const out = (await send(fields as Record<string, string | string[]>)) as { status: number; data: Answer };
      expect(out.status, JSON.stringify(fields)).toBe(status);
      expect(out.data.field, JSON.stringify(fields)).toBe(field);
      expect(out.data.fields[field], JSON.stringify(fields)).toBe(message);
      expect(out.data.message, JSON.stringify(fields)).toBe(message);
    }
    expect(await db.select().from(lineCapacity)).toEqual(before);
    expect(await db.select().from(lineHolidays)).toEqual(holidaysBefore);
    expect((await run(capacityLoader, get("/planning/capacity?weeks=99", planner))).status).toBe(400);
  });
});

describe("demand page and the CSV exports", () => {
  it("tables the module demand and answers a bad range with 400", async () => {
    const from = addDays(dayOf(new Date()), 1);
    const to = addDays(from, 90);
    const { data } = await run(demandLoader, get(`/planning/demand?from=${from}&to=${to}&period=week`, planner));
    const view = data as Extract<Awaited<ReturnType<typeof demandLoader>>, { ok: true }>;
    const rows = await moduleDemand(db, { from, to, period: "week" });
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(view.modules.map((m) => m.total))).toBe(sum(rows.map((r) => r.quantity)));
    expect(view.modules[0]!.name).not.toBe(view.modules[0]!.module);
    for (const query of ["period=month", `from=${to}&to=${from}`, `from=${from}&to=${addDays(from, 400)}`, "from=yesterday"]) {
      const out = await run(demandLoader, get(`/planning/demand?${query}`, planner));
      expect(out.status, query).toBe(400);
      expect((out.data as { message: string }).message, query).toMatch(/^(demand\.problems\.|validation\.)/);
      expect((await run(demandCsv, get(`/planning/demand.csv?${query}`, planner))).status, query).toBe(400);
    }
  });

  it("marks the days the line doesn't work as closed, per day and per week", async () => {
    // 2027-03-01 is a Monday; the demo lines work Monday to Friday.
    const { data } = await run(demandLoader, get("/planning/demand?from=2027-03-01&to=2027-03-14&period=day&line=sedan-a6l", planner));
    const view = data as Extract<Awaited<ReturnType<typeof demandLoader>>, { ok: true }>;
    expect(view.closed).toEqual([false, false, false, false, false, true, true, false, false, false, false, false, true, true]);
    const weeks = (await run(demandLoader, get("/planning/demand?from=2027-03-01&to=2027-03-14&period=week", planner))).data as typeof view;
    expect(weeks.closed).toEqual([false, false]);
  });

  it("writes the queue CSV's header from its column list, and a cell per column in every record", async () => {
    const out = await run(queueCsv, get("/planning/queue.csv?sort=number&dir=asc", planner));
    const [header, ...records] = (await out.response!.text()).trimEnd().split("\r\n");
    expect(header).toBe(QUEUE_CSV_COLUMNS.map((c) => c.header).join(","));
    expect(records.length).toBeGreaterThan(0);
    // The demo data has no field that needs quotes, so a comma separates cells.
    for (const record of records) expect(record.split(",")).toHaveLength(QUEUE_CSV_COLUMNS.length);
  });

  it("streams the queue CSV a keyset batch at a time: the same records as the page's rows for a filter, in its order", async () => {
    const query = "status=received&sort=build";
    const out = await run(queueCsv, get(`/planning/queue.csv?${query}`, planner));
    expect(out.status).toBe(200);
    expect(out.response!.body).toBeInstanceOf(ReadableStream);
    const streamed = (await out.response!.text()).trimEnd().split("\r\n");
    // What the page lists for the same filter, every page of it.
    const numbers: string[] = [];
    let page = await run(queueLoader, get(`/planning?${query}&size=25`, planner));
    for (;;) {
      const data = page.data as Extract<Awaited<ReturnType<typeof queueLoader>>, { ok: true }>;
      numbers.push(...data.rows.map((r) => r.number));
      if (!data.next) break;
      page = await run(queueLoader, get(`/planning?${query}&size=25&after=${data.next}`, planner));
    }
    expect(numbers.length).toBeGreaterThan(0);
    expect(streamed.slice(1).map((r) => r.split(",")[0])).toEqual(numbers);
    expect(streamed.slice(1).every((r) => r.split(",")[4] === "received")).toBe(true);
    // Batches of 2: one chunk each (the header with the first), and the same bytes in the end.
    const reader = queueCsvStream(db, { status: "received", sort: "build", dir: "asc" }, {}, 2).getReader();
    const chunks: string[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(new TextDecoder().decode(r.value));
    expect(chunks.length).toBe(Math.ceil(numbers.length / 2));
    expect(chunks[0]!.split("\r\n")[0]).toBe(QUEUE_CSV_COLUMNS.map((c) => c.header).join(","));
    expect(chunks.join("").trimEnd().split("\r\n").slice(1).map((r) => r.split(",")[0])).toEqual(numbers);
  });

  it("exports the queue with its filters and the demand as CSV attachments", async () => {
    const out = await run(queueCsv, get("/planning/queue.csv?line=fridge-fs&sort=number&dir=asc", planner));
    expect(out.response!.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(out.response!.headers.get("Content-Disposition")).toMatch(/^attachment; filename="queue-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await out.response!.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("number,tier,line,line_name,status,build_date,ordered_at,dealership,total_minor,currency");
    expect(lines).toHaveLength(1 + 4);
    expect(lines.slice(1).every((l) => l.split(",")[2] === "fridge-fs")).toBe(true);

    const from = addDays(dayOf(new Date()), 1);
    const to = addDays(from, 90);
    const demand = await run(demandCsv, get(`/planning/demand.csv?from=${from}&to=${to}&period=day`, planner));
    expect(demand.response!.headers.get("Content-Disposition")).toBe(`attachment; filename="demand-day-${from}-${to}.csv"`);
    const text = await demand.response!.text();
    const records = text.trimEnd().split("\r\n");
    expect(records[0]).toBe("day,module,module_name,quantity");
    const rows = await moduleDemand(db, { from, to, period: "day" });
    expect(records).toHaveLength(rows.length + 1);
    const total = records.slice(1).reduce((a, r) => a + Number(r.split(",").at(-1)), 0);
    expect(total).toBe(rows.reduce((a, r) => a + r.quantity, 0));
  });
});

describe("status moves on the plant's calendar (issue 12)", () => {
  let keys = 0;
  /** A fresh order of the demo sedan for the demo customer, scheduled `days` ahead (or on its earliest day if later). */
  async function scheduledOrder(days: number) {
    const clara = { id: await userId(db, "customer@atelier.test"), role: "customer" as const };
    const placed = await placeOrder(db, clara, { ...(await demoOrderInput(db)), idempotencyKey: `issue-12-${++keys}` });
    if (!placed.ok) throw new Error(placed.problem.message);
    const wanted = addDays(dayOf(new Date()), days);
    const day = await workingDay(db, placed.value.order.line, placed.value.order.earliestBuildDate! > wanted ? placed.value.order.earliestBuildDate! : wanted);
    const paul = { id: await userId(db, "planner@atelier.test"), role: "planner" as const };
    const scheduled = await scheduleOrder(db, paul, { number: placed.value.order.number, buildDate: day, expectedVersion: 1 });
    if (!scheduled.ok) throw new Error(scheduled.problem.message);
    return scheduled.value;
  }
  const today = () => dayOf(new Date());
  const page = async (number: string) => (await run(orderLoader, get(`/planning/orders/${number}`, planner), { number })).data as Awaited<ReturnType<typeof orderLoader>>;
  const act = (number: string, fields: Record<string, string>) => run(orderAction, post(`/planning/orders/${number}`, fields, planner), { number });

  it("offers no start before the build date, and a pull ahead (with a reason) once the parts are there", async () => {
    const order = await scheduledOrder(30);
    let view = await page(order.number);
    expect(view.can).toEqual({ schedule: true, advance: null, cancel: true });
    expect(view.exceptions).toEqual({ pullAhead: false, rescheduleNeedsReason: false });
    // The parts arrived early (written directly).
    await db.update(queueEntries).set({ earliestBuildDate: addDays(today(), -1) }).where(eq(queueEntries.orderId, order.id));
    // Today a working day of the line (whatever weekday this runs on): a pull ahead is offered; closed today, it isn't.
    const settings = await calendarSettings(db, order.line);
    await setCalendarSettings(db, order.line, { ...settings, workingDays: [1, 2, 3, 4, 5, 6, 7] });
    onTestFinished(async () => {
      await db.delete(lineHolidays).where(and(eq(lineHolidays.lineCode, order.line), eq(lineHolidays.day, today())));
      await setCalendarSettings(db, order.line, settings);
    });
    view = await page(order.number);
    expect(view.exceptions.pullAhead).toBe(true);
    expect(view.can.advance).toBeNull();
    await db.insert(lineHolidays).values({ lineCode: order.line, day: today(), name: "Power cut" });
    expect((await page(order.number)).exceptions.pullAhead).toBe(false);
  });

  it("refuses a start before the build date (409, says when and how) and changes nothing", async () => {
    const order = await scheduledOrder(30);
    const out = await act(order.number, { intent: "advance", to: "in_production", version: String(order.version) });
    expect(out.status).toBe(409);
    const failure = out.data as Failure;
    expect(failure.code).toBe("too-early");
    expect(en(failure.message, failure.values)).toBe(`The order's build date is ${order.buildDate}: it can't move along the line before then. Pull it ahead to start it today.`);
    expect(await readOrder(db, { number: order.number })).toEqual(order);
  });

  it("asks why a planner cancels: 422 with a field message without a reason, 400 when it is too long", async () => {
    const order = await scheduledOrder(30);
    const missing = await act(order.number, { intent: "cancel", version: String(order.version) });
    expect(missing.status).toBe(422);
    expect(missing.data).toMatchObject({ code: "reason-required", message: "queue.detail.problems.reasonRequired", values: { field: "reason" } });
    const blank = await act(order.number, { intent: "cancel", version: String(order.version), reason: "   " });
    expect(blank.status).toBe(422);
    const long = await act(order.number, { intent: "cancel", version: String(order.version), reason: "x".repeat(501) });
    expect(long.status).toBe(400);
    expect(long.data).toMatchObject({ message: "validation.tooLong", values: { field: "reason" } });
    expect(await readOrder(db, { number: order.number })).toEqual(order);
  });

  it("pulls an order ahead to today with a reason; both timelines show who and why", async () => {
    const order = await scheduledOrder(30);
    await db.update(queueEntries).set({ earliestBuildDate: addDays(today(), -1) }).where(eq(queueEntries.orderId, order.id));
    // Production starts only on a working day (decision 024): whatever weekday this runs on, the line works today.
    const settings = await calendarSettings(db, order.line);
    await setCalendarSettings(db, order.line, { ...settings, workingDays: [1, 2, 3, 4, 5, 6, 7] });
    onTestFinished(async () => {
      await setCalendarSettings(db, order.line, settings);
    });
    const refused = await act(order.number, { intent: "pull-ahead", version: String(order.version) });
    expect(refused.status).toBe(422);
    expect((refused.data as Failure).values).toMatchObject({ field: "reason" });
    expect((await readOrder(db, { number: order.number }))!.status).toBe("scheduled");

    const done = await act(order.number, { intent: "pull-ahead", version: String(order.version), reason: "a slot freed up on the line" });
    expect(done.status).toBe(200);
    expect(done.data).toMatchObject({ ok: true, message: "queue.detail.done.pullAhead" });
    expect(await readOrder(db, { number: order.number })).toMatchObject({ status: "in_production", buildDate: today(), version: order.version + 1 });

    const view = await page(order.number);
    expect(view.order.events.at(-1)).toMatchObject({ to: "in_production", reason: "a slot freed up on the line", actor: expect.any(String) });
    expect(view.can.advance).toBe("built");
    const customerView = (await run(customerOrderLoader, get(`/orders/${order.number}`, customer), { number: order.number })).data as Awaited<ReturnType<typeof customerOrderLoader>>;
    expect(customerView.timeline.at(-1)).toMatchObject({ to: "in_production", reason: "a slot freed up on the line", actor: { kind: "staff", role: "planner" } });
  });

  it("moves a build date inside the frozen horizon only with a reason, which the history keeps", async () => {
    const order = await scheduledOrder(30);
    // Three days ahead, inside the 5-day horizon (capacity and lead time aside, written directly).
    const close = addDays(today(), 3);
    await db.update(queueEntries).set({ buildDate: close, earliestBuildDate: addDays(today(), -1) }).where(eq(queueEntries.orderId, order.id));
    expect((await page(order.number)).exceptions.rescheduleNeedsReason).toBe(true);
    const later = await workingDay(db, order.line, addDays(close, 1));
    const missing = await act(order.number, { intent: "schedule", buildDate: later, version: String(order.version) });
    expect(missing.status).toBe(422);
    const failure = missing.data as Failure;
    expect(failure).toMatchObject({ code: "reason-required", values: { field: "reason" } });
    expect(en(failure.message, failure.values)).toBe("The build date is within 5 days: say why the order moves.");
    expect((await readOrder(db, { number: order.number }))!.buildDate).toBe(close);

    const moved = await act(order.number, { intent: "schedule", buildDate: later, version: String(order.version), reason: "supplier delay on the seats" });
    expect(moved.status).toBe(200);
    expect((await readOrder(db, { number: order.number }))!.buildDate).toBe(later);
    expect((await page(order.number)).order.events.at(-1)).toMatchObject({ to: "scheduled", note: `build date ${later}`, reason: "supplier delay on the seats" });
  });
});

describe("demand chart by family, against capacity (issue 12, item 12)", () => {
  it("charts module families (or one picked family's modules) with the capacity per period; a bad family is a 400", async () => {
    // A Monday: from a Saturday, the first week would hold only the weekend (capacity 0, rightly).
    const from = weekOf(addDays(dayOf(new Date()), 7));
    const out = await run(demandLoader, get(`/planning/demand?from=${from}&period=week&family=PNT`, planner));
    expect(out.status).toBe(200);
    const view = out.data as Extract<Awaited<ReturnType<typeof demandLoader>>, { ok: true }>;
    expect(view.params.family).toBe("PNT");
    expect(view.capacity).toHaveLength(view.periods.length);
    // Every active line's capacity per day (the default 20 unless a planner set one), summed per week.
    expect(view.capacity.every((c) => c > 0)).toBe(true);
    const bad = await run(demandLoader, get("/planning/demand?family=%3Cscript%3E", planner));
    expect(bad.status).toBe(400);
    expect((bad.data as { message: string }).message).toBe("demand.problems.badFamily");
  });
});

describe("bulk actions on the queue (issue 12, item 12)", () => {
  let keys = 0;
  const clara = async () => ({ id: await userId(db, "customer@atelier.test"), role: "customer" as const });
  const paul = async () => ({ id: await userId(db, "planner@atelier.test"), role: "planner" as const });
  /** A fresh received order of the demo sedan for the demo customer. */
  async function receivedOrder() {
    const placed = await placeOrder(db, await clara(), { ...(await demoOrderInput(db)), idempotencyKey: `bulk-${++keys}` });
    if (!placed.ok) throw new Error(placed.problem.message);
    return placed.value.order;
  }
  /** The bulk form as the page posts it: each ticked number with its row's version. */
  function bulkPost(fields: Record<string, string>, picked: { number: string; version: number }[], cookie = planner) {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    for (const o of picked) {
      body.append("number", o.number);
      body.append(`version:${o.number}`, String(o.version));
    }
    return run(queueAction, new Request("http://localhost/planning?index", { method: "POST", body, headers: { Cookie: cookie } }));
  }
  type Bulk = { ok: true; intent: string; done: number; results: ({ number: string; ok: true; status: string; buildDate: string | null } | { number: string; ok: false; code: string; message: string; values: Record<string, string | number> })[] };
  const lastEvent = async (number: string) => (await page(number)).order.events.at(-1);
  const page = async (number: string) => (await run(orderLoader, get(`/planning/orders/${number}`, planner), { number })).data as Awaited<ReturnType<typeof orderLoader>>;

  it("gives two selected orders one build date; each event keeps who and why (the planner's reason, or 'bulk scheduling')", async () => {
    const a = await receivedOrder();
    const b = await receivedOrder();
    const day = await workingDay(db, a.line, addDays(a.earliestBuildDate! > b.earliestBuildDate! ? a.earliestBuildDate! : b.earliestBuildDate!, 3));
    const out = await bulkPost({ intent: "bulk-schedule", buildDate: day }, [a, b]);
    expect(out.status).toBe(200);
    const result = out.data as Bulk;
    expect(result.done).toBe(2);
    expect(result.results).toEqual([
      { number: a.number, ok: true, status: "scheduled", buildDate: day },
      { number: b.number, ok: true, status: "scheduled", buildDate: day },
    ]);
    expect(await lastEvent(a.number)).toMatchObject({ to: "scheduled", note: `build date ${day}`, reason: "bulk scheduling", actor: expect.any(String) });

    const later = await workingDay(db, a.line, addDays(day, 1));
    const moved = await bulkPost({ intent: "bulk-schedule", buildDate: later, reason: "paint shop closed that day" }, [{ number: a.number, version: a.version + 1 }]);
    expect(moved.status).toBe(200);
    expect((await readOrder(db, { number: a.number }))!.buildDate).toBe(later);
    expect(await lastEvent(a.number)).toMatchObject({ to: "scheduled", reason: "paint shop closed that day" });
    const customerView = (await run(customerOrderLoader, get(`/orders/${a.number}`, customer), { number: a.number })).data as Awaited<ReturnType<typeof customerOrderLoader>>;
    expect(customerView.timeline.at(-1)).toMatchObject({ to: "scheduled", reason: "paint shop closed that day", actor: { kind: "staff", role: "planner" } });
  });

  it("records a reason for a build date set on the order's own page too ('manual scheduling' when none is given)", async () => {
    const order = await receivedOrder();
    const day = await workingDay(db, order.line, addDays(order.earliestBuildDate!, 1));
    const out = await run(orderAction, post(`/planning/orders/${order.number}`, { intent: "schedule", buildDate: day, version: String(order.version) }, planner), { number: order.number });
    expect(out.status).toBe(200);
    expect(await lastEvent(order.number)).toMatchObject({ to: "scheduled", reason: "manual scheduling" });
  });

  it("schedules only the selection automatically, recorded as 'automatic scheduling'; an order with a build date is reported, not moved", async () => {
    const a = await receivedOrder();
    const b = await receivedOrder();
    const left = await receivedOrder();
    const already = await receivedOrder();
    const firm = await scheduleOrder(db, await paul(), { number: already.number, buildDate: await workingDay(db, already.line, addDays(already.earliestBuildDate!, 10)), expectedVersion: already.version });
    if (!firm.ok) throw new Error(firm.problem.message);
    const out = await bulkPost({ intent: "bulk-autoschedule" }, [a, b, firm.value]);
    expect(out.status).toBe(200);
    const result = out.data as Bulk;
    expect(result.done).toBe(2);
    expect(result.results.map((r) => [r.number, r.ok])).toEqual([
      [a.number, true],
      [b.number, true],
      [already.number, false],
    ]);
    const refused = result.results[2] as Extract<Bulk["results"][number], { ok: false }>;
    expect(refused.code).toBe("already-scheduled");
    expect(en(refused.message, refused.values)).toBe(`It already has a build date (${firm.value.buildDate}): move it on its own page.`);
    expect(await readOrder(db, { number: already.number })).toEqual(firm.value);
    expect((await readOrder(db, { number: left.number }))!.buildDate).toBeNull();
    expect(await lastEvent(a.number)).toMatchObject({ to: "scheduled", reason: "automatic scheduling" });
  });

  it("moves the selection to one status order by order: which moved, which the transition rule refused and why; the refused one is untouched", async () => {
    const ready = await receivedOrder();
    const early = await receivedOrder();
    const p = await paul();
    const farDay = addDays(dayOf(new Date()), 30);
    const r1 = await scheduleOrder(db, p, { number: ready.number, buildDate: await workingDay(db, ready.line, farDay > ready.earliestBuildDate! ? farDay : ready.earliestBuildDate!), expectedVersion: ready.version });
    const r2 = await scheduleOrder(db, p, { number: early.number, buildDate: await workingDay(db, early.line, farDay > early.earliestBuildDate! ? farDay : early.earliestBuildDate!), expectedVersion: early.version });
    if (!r1.ok || !r2.ok) throw new Error("not scheduled");
    // Its build date has come (written directly: scheduling refuses today).
    await db.update(queueEntries).set({ buildDate: dayOf(new Date()) }).where(eq(queueEntries.orderId, r1.value.id));
    const before = await readOrder(db, { number: early.number });
    const out = await bulkPost({ intent: "bulk-move", to: "in_production" }, [r1.value, r2.value]);
    expect(out.status).toBe(200);
    const result = out.data as Bulk;
    expect(result.done).toBe(1);
    expect(result.results[0]).toEqual({ number: ready.number, ok: true, status: "in_production", buildDate: dayOf(new Date()) });
    const refused = result.results[1] as Extract<Bulk["results"][number], { ok: false }>;
    expect(refused).toMatchObject({ number: early.number, ok: false, code: "too-early" });
    expect(en(refused.message, refused.values)).toBe(`The order's build date is ${r2.value.buildDate}: it can't move along the line before then. Pull it ahead to start it today.`);
    expect(await readOrder(db, { number: early.number })).toEqual(before);

    // None moved: the answer is a 409 with the list.
    const again = await bulkPost({ intent: "bulk-move", to: "in_production" }, [{ number: early.number, version: before!.version }]);
    expect(again.status).toBe(409);
    expect((again.data as Bulk).results[0]).toMatchObject({ ok: false, code: "too-early" });
  });

  it("leaves an order another action changed meanwhile (409 stale for it) and does the rest", async () => {
    const a = await receivedOrder();
    const b = await receivedOrder();
    // Someone else schedules `a` after the page showed it at version 1.
    const other = await scheduleOrder(db, await paul(), { number: a.number, buildDate: await workingDay(db, a.line, addDays(a.earliestBuildDate!, 5)), expectedVersion: a.version });
    if (!other.ok) throw new Error(other.problem.message);
    for (const intent of ["bulk-autoschedule", "bulk-schedule"]) {
      const fresh = await receivedOrder();
      const out = await bulkPost({ intent, buildDate: await workingDay(db, fresh.line, addDays(fresh.earliestBuildDate!, 6)) }, [a, fresh]);
      expect(out.status, intent).toBe(200);
      const result = out.data as Bulk;
      expect(result.results[0], intent).toMatchObject({ number: a.number, ok: false, code: "stale", message: "queue.detail.problems.stale" });
      expect(result.results[1], intent).toMatchObject({ number: fresh.number, ok: true, status: "scheduled" });
      expect(await readOrder(db, { number: a.number }), intent).toEqual(other.value);
    }
    expect(b.status).toBe("received");
  });

  it("answers bad input with 400 and a message and changes nothing; unknown numbers are a 404 listing them; customers get 403", async () => {
    const a = await receivedOrder();
    const cases: [Record<string, string>, { number: string; version: number | string }[], string][] = [
      [{ intent: "bulk-schedule", buildDate: addDays(a.earliestBuildDate!, 1) }, [], "queue.bulk.problems.noneSelected"],
      [{ intent: "bulk-move", to: "built" }, [], "queue.bulk.problems.noneSelected"],
      [{ intent: "bulk-schedule", buildDate: addDays(a.earliestBuildDate!, 1) }, [{ number: "'; drop table orders; --", version: 1 }], "queue.bulk.problems.badNumber"],
      [{ intent: "bulk-schedule", buildDate: "2026-02-30" }, [a], "validation.invalid"],
      [{ intent: "bulk-schedule", buildDate: addDays(dayOf(new Date()), -1) }, [a], "queue.detail.problems.pastDay"],
      [{ intent: "bulk-move", to: "lost" }, [a], "validation.invalid"],
      [{ intent: "bulk-move", to: "built" }, [{ number: a.number, version: "x" }], "validation.invalid"],
      [{ intent: "bulk-explode" }, [a], "validation.invalid"],
    ];
    for (const [fields, picked, message] of cases) {
      const out = await bulkPost(fields, picked as { number: string; version: number }[]);
      expect(out.status, message).toBe(400);
      expect(out.data, message).toMatchObject({ ok: false, message });
    }
    const tooMany = Array.from({ length: 201 }, (_, i) => ({ number: `AT-${String(9_000_000 + i).padStart(7, "0")}`, version: 1 }));
    expect(((await bulkPost({ intent: "bulk-autoschedule" }, tooMany)).data as { message: string }).message).toBe("queue.bulk.problems.tooMany");

    const unknown = await bulkPost({ intent: "bulk-move", to: "built" }, [{ number: "AT-9999999", version: 1 }]);
    expect(unknown.status).toBe(404);
    expect((unknown.data as Bulk).results).toEqual([{ number: "AT-9999999", ok: false, code: "not-found", message: "queue.detail.problems.notFound", values: { number: "AT-9999999" } }]);

    expect((await bulkPost({ intent: "bulk-autoschedule" }, [a], customer)).status).toBe(403);
    expect(await readOrder(db, { number: a.number })).toEqual(a);
  });

  it("exports the selected orders as CSV with the queue's columns; a bad number is a 400", async () => {
    const a = await receivedOrder();
    const b = await receivedOrder();
    const out = await run(queueCsv, get(`/planning/queue.csv?number=${a.number}&number=${b.number}&intent=export`, planner));
    expect(out.status).toBe(200);
    const [header, ...records] = (await out.response!.text()).trimEnd().split("\r\n");
    expect(header).toBe(QUEUE_CSV_COLUMNS.map((c) => c.header).join(","));
    expect(records.map((r) => r.split(",")[0]).sort()).toEqual([a.number, b.number].sort());
    const bad = await run(queueCsv, get("/planning/queue.csv?number=nope", planner));
    expect(bad.status).toBe(400);
    expect(await bad.response!.text()).toBe("number: That is not an order number.\n");
  });
});
