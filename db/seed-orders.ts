/**
 * Demo orders, so the planners' pages have something to show on a fresh
 * demo database: a dozen valid orders for the demo customer across the three
 * product lines — some placed by the Munich dealer — placed through the same
 * placeOrder as real ones (re-validated, re-priced, BOM, events, queue), and
 * some of them scheduled, one already in production. Production starts only
 * on the build date, so the order in production was placed its lead time ago,
 * scheduled then on a day that has come, and started.
 *
 * Safe to run twice or from two app servers at once: every order has a fixed
 * idempotency key, so a repeat finds the first order instead of making one.
 */
import { count, eq } from "drizzle-orm";
import { getLine } from "../app/.server/catalog/catalog.server";
import { changeStatus, placeOrder, type OrderActor } from "../app/.server/orders/orders.server";
import { scheduleOrder } from "../app/.server/planning/planning.server";
import type { Market } from "../app/domain/catalog";
import { complete, price } from "../app/domain/engine";
import { addDays } from "../app/domain/orders";
import { leadTimeDays } from "../app/domain/scheduling";
import type { Executor } from "./client";
import { dealerships, orders, users } from "./schema";

interface DemoOrder {
  line: string;
  /** Wishes the engine completes into a buildable configuration. */
  wish: string[];
  market: Market;
  /** Placed by the Munich dealer for the customer. */
  viaDealer?: boolean;
  /** Days after the earliest build day to schedule it on (unset: left unscheduled). */
  scheduleAfter?: number;
  /** Placed its lead time (and a day) ago, scheduled then on its earliest day, and started: its build date has come. */
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
  const contact = { name: customer.name, email: CUSTOMER, phone: "+49 89 1234567", street: "Leopoldstraße 1", postalCode: "80802", city: "München", country: "DE" };

  let created = 0;
  for (const [i, demo] of DEMO_ORDERS.entries()) {
    const loaded = await getLine(demo.line, undefined, { db });
    if (!loaded) continue;
    const choices = complete(loaded.compiled, { choices: demo.wish }, { market: demo.market }) ?? complete(loaded.compiled, { choices: [] }, { market: demo.market });
    if (!choices) continue;
    const viaDealer = demo.viaDealer && dealer && shop;
    // Spread over the last days, oldest first, so "ordered at" differs; one in production was placed its lead time before.
    const spread = (DEMO_ORDERS.length - i) * 5 * 60 * 60 * 1000;
    const leadAgo = demo.inProduction ? (leadTimeDays(loaded.line, choices) + 1) * 24 * 60 * 60 * 1000 : 0;
    const placedAt = new Date(now.getTime() - spread - leadAgo);
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
      { number: order.number, buildDate: addDays(order.earliestBuildDate, demo.scheduleAfter), expectedVersion: order.version },
      { now: demo.inProduction ? placedAt : now },
    );
    if (scheduled.ok && demo.inProduction)
      await changeStatus(db, paul, { number: order.number, to: "in_production", expectedVersion: scheduled.value.version }, { now });
  }
  return created;
}
