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
import { and, count, eq } from "drizzle-orm";
import { getLine } from "../app/.server/catalog/catalog.server";
import { changeStatus, placeOrder, type OrderActor } from "../app/.server/orders/orders.server";
import { readWorkingCalendar, scheduleOrder, setDayCapacity } from "../app/.server/planning/planning.server";
import { seedDemoSequencingRules } from "../app/.server/sequencing/sequence.server";
import { addWorkingDays, isWorkingDay } from "../app/domain/calendar";
import type { Market } from "../app/domain/catalog";
import { complete, price } from "../app/domain/engine";
import { addDays, dayOf, isIsoDay } from "../app/domain/orders";
import { leadTimeDays } from "../app/domain/scheduling";
import type { Executor } from "./client";
import { dealerships, lineCapacity, lineHolidays, orders, queueEntries, users } from "./schema";

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

/** The sedans of the demo sequencing day: how many, and the day's own capacity (the line's usual 20 would not hold them). */
export const DEMO_SEQUENCING_DAY = { line: "sedan-a6l", cars: 40, capacity: 48 } as const;

/**
 * A day worth sequencing (issue 16): 40 sedans scheduled on one working day,
 * a mix in which first come first served breaks the stations' rules (about
 * two in five with a sunroof, at most 1 in 2) and changes colour often (five
 * colours, batch limit 10), so optimising visibly pays. The wishes are
 * drawn from a fixed generator: the same day on every fresh demo. Placed and
 * scheduled like the other demo orders; idempotent by their keys. Returns how
 * many orders were created.
 */
export async function seedDemoSequencingDay(db: Executor, options: { now?: Date } = {}): Promise<number> {
  const { line, cars, capacity } = DEMO_SEQUENCING_DAY;
  const loaded = await getLine(line, undefined, { db });
  // Emails are encrypted at rest (decision 045): read the accounts and match them here, as seedDemoOrders does.
  const people = await db.select({ id: users.id, email: users.email, name: users.name }).from(users);
  const customer = people.find((p) => p.email === CUSTOMER);
  const planner = people.find((p) => p.email === PLANNER);
  if (!loaded || !customer || !planner) return 0;
  const now = options.now ?? new Date();
  // The calendar and the stations' rules (each written only where missing).
  await seedDemoCalendar(db, now);
  const paul: OrderActor = { id: planner.id, role: "planner" };
  // A small fixed generator (an LCG): the demo day is the same everywhere.
  let state = 20261206;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  const colours = ["A2A2", "T9T9", "2Y2Y", "0E0E", "L5L5"];
  const trims = ["LA1", "PQD", "LP3"];
  const contact = { name: customer.name, email: CUSTOMER, phone: "+49 89 1234567", street: "Leopoldstraße 1", postalCode: "80802", city: "München", country: "DE" };
  const placed: { number: string; version: number; earliest: string }[] = [];
  for (let i = 0; i < cars; i++) {
    const trim = trims[next(trims.length)];
    const extras = [next(12) < 5 ? (next(2) ? "3FE" : "3FU") : null, trim === "LP3" && next(3) === 0 ? "C9X" : null, next(4) === 0 ? "1D4" : null].filter((x): x is string => x !== null);
    const wish = [trim, colours[next(colours.length)], ...extras];
    // The engine completes the wish; a wish it can't keep whole loses its extras one by one.
    let choices = null;
    for (let keep = wish.length; keep >= 2 && !choices; keep--) choices = complete(loaded.compiled, { choices: wish.slice(0, keep) }, { market: "DE" });
    if (!choices) continue;
    const result = await placeOrder(
      db,
      { id: customer.id, role: "customer" },
      {
        line,
        catalogVersion: loaded.version.id,
        choices,
        texts: {},
        market: "DE",
        expectedTotal: price(loaded.line, choices, {}, "DE").total,
        contact,
        idempotencyKey: `demo-sequencing-${i + 1}`,
      },
      { customerId: customer.id, dealershipId: null, now: new Date(now.getTime() - (cars - i) * 20 * 60 * 1000) },
    );
    if (!result.ok || !result.value.created || !result.value.order.earliestBuildDate) continue;
    placed.push({ number: result.value.order.number, version: result.value.order.version, earliest: result.value.order.earliestBuildDate });
  }
  if (placed.length === 0) return 0;
  const calendar = await readWorkingCalendar(db, line, dayOf(now), addDays(dayOf(now), 400));
  const latest = placed.reduce((d, p) => (p.earliest > d ? p.earliest : d), placed[0].earliest);
  const day = addWorkingDays(calendar, latest, 0);
  if (!day) return placed.length;
  // Room for them and for the demo orders the seed may already have put on that day.
  const [{ n: already }] = await db.select({ n: count() }).from(queueEntries).where(and(eq(queueEntries.lineCode, line), eq(queueEntries.buildDate, day)));
  await setDayCapacity(db, line, day, Math.max(capacity, already + placed.length));
  for (const p of placed) await scheduleOrder(db, paul, { number: p.number, buildDate: day, expectedVersion: p.version }, { now });
  return placed.length;
}
