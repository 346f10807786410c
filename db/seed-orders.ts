/**
 * Demo orders, so the planners' pages have something to show on a fresh
 * demo database: a dozen valid orders for the demo customer across the three
 * product lines — some placed by the Munich dealer — placed through the same
 * placeOrder as real ones (re-validated, re-priced, BOM, events, queue), and
 * some of them scheduled, one already in production. Production starts only
 * on the build date, so the order in production was placed its lead time ago,
 * scheduled then on a day that has come, and started.
 *
 * Before the orders, each demo line gets a working calendar (decision 024):
 * Monday to Friday, shifts making 20 units a day, and the coming Christmas
 * and New Year as holidays, dated from the seed's `now` like everything else
 * here. Orders are scheduled on working days only, as planners must.
 *
 * Safe to run twice or from two app servers at once: every order has a fixed
 * idempotency key, so a repeat finds the first order instead of making one;
 * the calendar is written only for a line that has none.
 */
import { count, eq } from "drizzle-orm";
import { getLine } from "../app/.server/catalog/catalog.server";
import { changeStatus, placeOrder, type OrderActor } from "../app/.server/orders/orders.server";
import { readWorkingCalendar, scheduleOrder } from "../app/.server/planning/planning.server";
import { seedDemoSequencingRules } from "../app/.server/sequencing/sequence.server";
import { addWorkingDays, isWorkingDay } from "../app/domain/calendar";
import type { Market } from "../app/domain/catalog";
import { complete, price } from "../app/domain/engine";
import { addDays, dayOf, isIsoDay } from "../app/domain/orders";
import { leadTimeDays } from "../app/domain/scheduling";
import type { Executor } from "./client";
import { dealerships, lineCapacity, lineHolidays, orders, users } from "./schema";

interface DemoOrder {
  line: string;
  /** Wishes the engine completes into a buildable configuration. */
  wish: string[];
  market: Market;
  /** Placed by the Munich dealer for the customer. */
  viaDealer?: boolean;
  /** Working days after the first working day from its earliest build day to schedule it on (unset: left unscheduled). */
  scheduleAfter?: number;
  /** Placed its lead time before the last working day up to today, scheduled then on that day, and started: its build date has come. */
  inProduction?: boolean;
}

const DEMO_ORDERS: DemoOrder[] = [
  { line: "sedan-a6l", wish: ["PQD", "55Q", "A2A2"], market: "DE", scheduleAfter: 0, inProduction: true },
  { line: "sedan-a6l", wish: ["LA1", "45F", "T9T9"], market: "DE", scheduleAfter: 0 },
  { line: "sedan-a6l", wish: ["LP3", "55E", "WQS"], market: "DE", viaDealer: true, scheduleAfter: 1 },
  { line: "sedan-a6l", wish: ["LB0", "40F"], market: "DE" },
  { line: "sedan-a6l", wish: ["PQD", "45Q", "PCZ"], market: "DE", viaDealer: true },
  { line: "avant-a6", wish: ["LA1", "40D", "2Y2Y"], market: "DE", scheduleAfter: 0 },
  { line: "avant-a6", wish: ["PQD", "55Q", "PLC"], market: "DE", viaDealer: true, scheduleAfter: 2 },
  { line: "avant-a6", wish: ["LA1", "45Q"], market: "DE" },
  { line: "fridge-fs", wish: ["S91", "DSS", "IWD", "WIF"], market: "DE", scheduleAfter: 0 },
  { line: "fridge-fs", wish: ["S60", "DBF", "FWH"], market: "DE", viaDealer: true, scheduleAfter: 3 },
  { line: "fridge-fs", wish: ["S75", "D4C", "FGL", "IMK"], market: "DE" },
  { line: "fridge-fs", wish: ["S91", "DFR", "FBS", "CAM"], market: "DE" },
];

const CUSTOMER = "customer@atelier.test";
const DEALER = "dealer@atelier.test";
const PLANNER = "planner@atelier.test";

/** The demo lines' calendars: Monday to Friday, 20 units a working day in one or two shifts. */
const DEMO_CALENDARS = [
  { lineCode: "sedan-a6l", shifts: 2, unitsPerShift: 10 },
  { lineCode: "avant-a6", shifts: 1, unitsPerShift: 20 },
  { lineCode: "fridge-fs", shifts: 2, unitsPerShift: 10 },
];

/** The coming Christmas and New Year seen from `today`: the days still ahead of it (New Year's Day is always next year's). */
export function demoHolidays(today: string): { day: string; name: string }[] {
  const year = Number(today.slice(0, 4));
  // After St Stephen's Day, the coming Christmas is next year's.
  const christmasYear = today.slice(5) > "12-26" ? year + 1 : year;
  return [
    { day: `${christmasYear}-12-24`, name: "Christmas Eve" },
    { day: `${christmasYear}-12-25`, name: "Christmas Day" },
    { day: `${christmasYear}-12-26`, name: "St Stephen's Day" },
    { day: `${year + 1}-01-01`, name: "New Year's Day" },
  ].filter((h) => isIsoDay(h.day) && h.day > today);
}

/** Give each demo line a working calendar, unless it has one. */
export async function seedDemoCalendar(db: Executor, now: Date): Promise<void> {
  // The stations' sequencing rules and paint settings live beside the calendar (decision 049).
  await seedDemoSequencingRules(db);
  const holidays = demoHolidays(dayOf(now));
  for (const calendar of DEMO_CALENDARS) {
    const inserted = await db.insert(lineCapacity).values(calendar).onConflictDoNothing().returning({ line: lineCapacity.lineCode });
    if (inserted.length === 0 || holidays.length === 0) continue;
    await db
      .insert(lineHolidays)
      .values(holidays.map((h) => ({ lineCode: calendar.lineCode, ...h })))
      .onConflictDoNothing();
  }
}

/**
 * Place the demo orders if the database has none. Returns how many orders
 * were created. Needs the demo accounts and a published catalog with the
 * demo lines; lines the catalog lacks are skipped.
 */
export async function seedDemoOrders(db: Executor, options: { now?: Date } = {}): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(orders);
  if (n > 0) return 0;
  const people = await db.select({ id: users.id, email: users.email, name: users.name }).from(users);
  const find = (email: string) => people.find((p) => p.email === email);
  const customer = find(CUSTOMER);
  const dealer = find(DEALER);
  const planner = find(PLANNER);
  if (!customer || !planner) return 0;
  const [shop] = await db.select({ id: dealerships.id }).from(dealerships).where(eq(dealerships.code, "MUC-01"));
  const clara: OrderActor = { id: customer.id, role: "customer" };
  const paul: OrderActor = { id: planner.id, role: "planner" };
  const now = options.now ?? new Date();
  const today = dayOf(now);
  await seedDemoCalendar(db, now);
  const contact = { name: customer.name, email: CUSTOMER, phone: "+49 89 1234567", street: "Leopoldstraße 1", postalCode: "80802", city: "München", country: "DE" };

  let created = 0;
  for (const [i, demo] of DEMO_ORDERS.entries()) {
    const loaded = await getLine(demo.line, undefined, { db });
    if (!loaded) continue;
    const choices = complete(loaded.compiled, { choices: demo.wish }, { market: demo.market }) ?? complete(loaded.compiled, { choices: [] }, { market: demo.market });
    if (!choices) continue;
    const viaDealer = demo.viaDealer && dealer && shop;
    const calendar = await readWorkingCalendar(db, demo.line, addDays(today, -14), addDays(today, 400));
    // The order in production is built on the last working day up to today, and was placed its lead time (and a day) before.
    let started = today;
    while (!isWorkingDay(calendar, started)) started = addDays(started, -1);
    // Spread over the last days, oldest first, so "ordered at" differs.
    const spread = (DEMO_ORDERS.length - i) * 5 * 60 * 60 * 1000;
    const leadAgo = (Math.max(1, leadTimeDays(loaded.line, choices)) + 1) * 24 * 60 * 60 * 1000;
    const placedAt = demo.inProduction ? new Date(Date.parse(`${started}T12:00:00Z`) - leadAgo - spread) : new Date(now.getTime() - spread);
    const result = await placeOrder(
      db,
      viaDealer ? { id: dealer.id, role: "dealer" } : clara,
      {
        line: demo.line,
        catalogVersion: loaded.version.id,
        choices,
        texts: {},
        market: demo.market,
        expectedTotal: price(loaded.line, choices, {}, demo.market).total,
        contact,
        idempotencyKey: `demo-order-${i + 1}`,
      },
      { customerId: customer.id, dealershipId: viaDealer ? shop.id : null, now: placedAt },
    );
    if (!result.ok || !result.value.created) continue;
    created++;
    const order = result.value.order;
    if (demo.scheduleAfter === undefined || !order.earliestBuildDate) continue;
    const scheduled = await scheduleOrder(
      db,
      paul,
      { number: order.number, buildDate: demo.inProduction ? started : addWorkingDays(calendar, order.earliestBuildDate, demo.scheduleAfter)!, expectedVersion: order.version },
      { now: demo.inProduction ? placedAt : now },
    );
    if (scheduled.ok && demo.inProduction)
      await changeStatus(db, paul, { number: order.number, to: "in_production", expectedVersion: scheduled.value.version }, { now });
  }
  return created;
}
