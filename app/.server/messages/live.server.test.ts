/**
 * The live order feed against a real database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL), fed by the real placeOrder/changeStatus: a change is
 * heard once committed and never when rolled back; one LISTEN fans out to
 * every subscriber; on PostgreSQL a second "app server" (another handle on
 * the same database) hears the first one's orders.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db, type DbHandle } from "#db/client";
import { seed } from "#db/seed";
import { createTestDb, type TestDb } from "#db/test-db";
import { createOrderFeed, parseOrderMessage } from "./live.server";
import { ORDERS_CHANNEL, type OrderChangeMessage } from "~/.server/orders/order-messages.server";
import { changeStatus, placeOrder, type OrderActor, type PlaceOrderInput } from "~/.server/orders/orders.server";
import { demoCustomer, demoOrderInput } from "~/.server/orders/orders.testing";

let t: TestDb;
let db: Db;
let clara: OrderActor;
let valid: PlaceOrderInput;

const SEDAN = "sedan-a6l";
let keys = 0;
const key = () => `live-key-${++keys}`;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  await seed(db, { demo: true });
  clara = await demoCustomer(db);
  valid = await demoOrderInput(db);
});

afterAll(async () => {
  await t?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wait until `check` holds (NOTIFY arrives asynchronously), failing after `ms`. */
async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting for a notification");
    await sleep(10);
  }
}

async function place(on: Db = db): Promise<string> {
  const result = await placeOrder(on, clara, { ...valid, idempotencyKey: key() });
  if (!result.ok) throw new Error(result.problem.message);
  return result.value.order.number;
}

function collect() {
  const received: OrderChangeMessage[] = [];
  return { received, subscriber: (m: OrderChangeMessage) => void received.push(m) };
}

describe("the live order feed", () => {
  it("hears of a placed order only after its transaction commits", async () => {
    const feed = createOrderFeed(t.listen);
    const { received, subscriber } = collect();
    const stop = await feed.subscribe(subscriber);
    let number = "";
    await db.transaction(async (tx) => {
      const result = await placeOrder(tx, clara, { ...valid, idempotencyKey: key() });
      if (!result.ok) throw new Error(result.problem.message);
      number = result.value.order.number;
      // The NOTIFY has been sent inside the transaction: nothing may arrive yet.
      await sleep(300);
      expect(received).toEqual([]);
    });
    await until(() => received.length > 0);
    expect(received).toEqual([
      expect.objectContaining({ kind: "order.received", number, status: "received", from: null, line: SEDAN, customerId: clara.id, dealershipId: null, version: 1 }),
    ]);
    stop();
  });

  it("hears nothing of a rolled-back transaction", async () => {
    const feed = createOrderFeed(t.listen);
    const { received, subscriber } = collect();
    const stop = await feed.subscribe(subscriber);
    let doomed = "";
    await expect(
      db.transaction(async (tx) => {
        const result = await placeOrder(tx, clara, { ...valid, idempotencyKey: key() });
        if (result.ok) doomed = result.value.order.number;
        throw new Error("something failed after the order insert");
      }),
    ).rejects.toThrow("something failed");
    expect(doomed).toMatch(/^AT-/);
    // A committed order afterwards is heard, and it is the only thing heard.
    const committed = await place();
    await until(() => received.length > 0);
    await sleep(100);
    expect(received.map((m) => m.number)).toEqual([committed]);
    stop();
  });

  it("fans one LISTEN out to every subscriber, status changes too, and stops after the last one leaves", async () => {
    let listens = 0;
    const feed = createOrderFeed(async (channel, onMessage) => {
      listens++;
      return t.listen(channel, onMessage);
    });
    const a = collect();
    const b = collect();
    const stopA = await feed.subscribe(a.subscriber);
    const stopB = await feed.subscribe(b.subscriber);
    expect(listens).toBe(1);
    expect(feed.size).toBe(2);

    const number = await place();
    await until(() => a.received.length === 1 && b.received.length === 1);
    const cancelled = await changeStatus(db, clara, { number, to: "cancelled", expectedVersion: 1 });
    expect(cancelled.ok).toBe(true);
    await until(() => a.received.length === 2 && b.received.length === 2);
    expect(b.received[1]).toMatchObject({ kind: "order.status", number, status: "cancelled", from: "received", version: 2 });

    stopA();
    stopA(); // idempotent
    const second = await place();
    await until(() => b.received.length === 3);
    await sleep(100);
    expect(a.received).toHaveLength(2);
    expect(b.received[2]!.number).toBe(second);

    stopB();
    expect(feed.size).toBe(0);
    // Subscribing again starts a new LISTEN that works.
    const c = collect();
    const stopC = await feed.subscribe(c.subscriber);
    expect(listens).toBe(2);
    const third = await place();
    await until(() => c.received.length === 1);
    expect(c.received[0]!.number).toBe(third);
    stopC();
  });

  it("ignores payloads on the channel that are not order messages, and a throwing subscriber harms no other", async () => {
    const feed = createOrderFeed(t.listen);
    const { received, subscriber } = collect();
    const stopBad = await feed.subscribe(() => {
      throw new Error("a broken page");
    });
    const stop = await feed.subscribe(subscriber);
    await db.execute(sql`select pg_notify(${ORDERS_CHANNEL}, 'not json')`);
    await db.execute(sql`select pg_notify(${ORDERS_CHANNEL}, ${JSON.stringify({ kind: "order.received", number: 42 })})`);
    const number = await place();
    await until(() => received.length > 0);
    expect(received.map((m) => m.number)).toEqual([number]);
    stop();
    stopBad();
  });
});

describe("parseOrderMessage", () => {
  it("accepts a message and refuses other shapes", () => {
    const message: OrderChangeMessage = { kind: "order.status", number: "AT-0000001", status: "built", from: "in_production", line: SEDAN, customerId: "c", dealershipId: null, buildDate: "2030-01-02", version: 4 };
    expect(parseOrderMessage(JSON.stringify(message))).toEqual(message);
    expect(parseOrderMessage("[]")).toBeNull();
    expect(parseOrderMessage("null")).toBeNull();
    expect(parseOrderMessage(JSON.stringify({ ...message, status: "lost" }))).toBeNull();
    expect(parseOrderMessage(JSON.stringify({ ...message, kind: "order.deleted" }))).toBeNull();
    expect(parseOrderMessage(JSON.stringify({ ...message, dealershipId: 7 }))).toBeNull();
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("two app servers on one PostgreSQL database", () => {
  let other: DbHandle;
  beforeAll(async () => {
    other = await createDb({ url: t.url!, migrate: false, maxConnections: 2 });
  });
  afterAll(async () => {
    await other?.close();
  });

  it("an order placed through one is heard by a listener on the other, and the other way round", async () => {
    const onOther = collect();
    const onFirst = collect();
    const stopOther = await createOrderFeed(other.listen).subscribe(onOther.subscriber);
    const stopFirst = await createOrderFeed(t.listen).subscribe(onFirst.subscriber);
    const a = await place(db);
    await until(() => onOther.received.some((m) => m.number === a));
    const b = await place(other.db);
    // Each listener hears b on its own connection: wait for both, not only the first to arrive.
    await until(() => onFirst.received.some((m) => m.number === b) && onOther.received.some((m) => m.number === b));
    expect(onOther.received.map((m) => m.number)).toEqual(expect.arrayContaining([a, b]));
    stopOther();
    stopFirst();
  });
});
