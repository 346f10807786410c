/**
 * Test support for orders (imported by tests only): a fresh database seeded
 * with the demo data, the seeded demo customer as the one who orders, her
 * contact details, the demo planner, and a valid order of the demo sedan.
 */
import { count } from "drizzle-orm";
import type { Db, Executor } from "#db/client";
import { emailOutbox, notifications, orderEvents, orderLines, orders, queueEntries } from "#db/schema";
import { seed } from "#db/seed";
import { createTestDb, type TestDb } from "#db/test-db";
import type { Contact } from "~/domain/forms/order";
import { demoSedan, userId } from "~/.server/configurations/configurations.testing";
import type { OrderActor, PlaceOrderInput } from "./orders.server";

/** Clara Becker, the seeded demo customer: contact and delivery address of test orders. */
export const DEMO_CONTACT: Contact = {
  name: "Clara Becker",
  email: "clara@example.test",
  phone: "+49 89 1234567",
  street: "Leopoldstraße 1",
  postalCode: "80802",
  city: "München",
  country: "DE",
};

/** The seeded demo customer (customer@atelier.test), ordering for herself. */
export async function demoCustomer(db: Executor): Promise<OrderActor> {
  return { id: await userId(db, "customer@atelier.test"), role: "customer" };
}

/**
 * A test file's own database (PGlite, or PostgreSQL with TEST_DATABASE_URL)
 * seeded with the demo data, with Clara (the demo customer) and the demo
 * planner (planner@atelier.test) as actors.
 */
export async function seededOrdersDb(): Promise<{ t: TestDb; db: Db; clara: OrderActor; planner: OrderActor }> {
  const t = await createTestDb();
  await seed(t.db, { demo: true });
  return { t, db: t.db, clara: await demoCustomer(t.db), planner: { id: await userId(t.db, "planner@atelier.test"), role: "planner" } };
}

/**
 * An order of the demo sedan that placeOrder accepts: `choices` completed by
 * the engine, for the German market, at the total the server computes, to
 * Clara. The idempotency key is a placeholder; each placing sets its own.
 */
export async function demoOrderInput(db: Executor, choices: string[] = []): Promise<PlaceOrderInput & { choices: string[] }> {
  const sedan = await demoSedan(db, choices);
  return {
    line: sedan.loaded.line.code,
    catalogVersion: sedan.loaded.version.id,
    choices: sedan.choices,
    texts: {},
    market: "DE",
    expectedTotal: sedan.price.total,
    contact: DEMO_CONTACT,
    idempotencyKey: "unused",
  };
}

/** How many rows placing an order writes to, per table: a refusal must leave every count as it was. */
export async function orderRowCounts(db: Executor) {
  const n = async (table: typeof orders | typeof orderLines | typeof orderEvents | typeof queueEntries | typeof notifications | typeof emailOutbox) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    orders: await n(orders),
    lines: await n(orderLines),
    events: await n(orderEvents),
    queue: await n(queueEntries),
    notifications: await n(notifications),
    emails: await n(emailOutbox),
  };
}
