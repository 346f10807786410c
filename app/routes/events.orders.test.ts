/**
 * /events/orders with real Requests (session cookies, AbortController)
 * against the process's seeded database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL), fed by the real placeOrder: who hears which order,
 * what an event says, heartbeats, and the end of a stream.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { dealerships } from "#db/schema";
import { createCustomer, sessionCookie, signInAs, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { processOrderFeed } from "~/.server/messages/live.server";
import { eventData, mayReceive, orderEventStream, type OrderAudience } from "~/.server/orders/order-events.server";
import type { OrderChangeMessage } from "~/.server/orders/order-messages.server";
import { placeOrder, type OrderActor, type PlaceOrderInput } from "~/.server/orders/orders.server";
import { demoCustomer, demoOrderInput } from "~/.server/orders/orders.testing";
import { loader } from "./events.orders";

let pdb: ProcessDb;
let db: Db;
let clara: OrderActor;
let neighbour: OrderActor;
let dealer: OrderActor;
let munich: string;
const cookies: Record<string, string> = {};
let valid: PlaceOrderInput;

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  clara = await demoCustomer(db);
  neighbour = { id: await createCustomer(db, "neighbour@example.test"), role: "customer" };
  dealer = { id: await userId(db, "dealer@atelier.test"), role: "dealer" };
  munich = (await db.select({ id: dealerships.id }).from(dealerships).where(eq(dealerships.code, "MUC-01")))[0]!.id;
  cookies.planner = await signInAs(db, "planner@atelier.test");
  cookies.clara = await sessionCookie(db, clara.id);
  cookies.neighbour = await sessionCookie(db, neighbour.id);
  cookies.dealer = await sessionCookie(db, dealer.id);
  cookies.dealer2 = await signInAs(db, "dealer2@atelier.test");
  valid = await demoOrderInput(db);
});

afterAll(async () => {
  await pdb?.close();
});

let keys = 0;
async function place(actor: OrderActor, options: { customerId?: string; dealershipId?: string } = {}): Promise<string> {
  const result = await placeOrder(db, actor, { ...valid, idempotencyKey: `sse-${++keys}` }, options);
  if (!result.ok) throw new Error(result.problem.message);
  return result.value.order.number;
}

/** An open stream as a browser holds it: the text so far, and a way to wait for more. */
async function open(who: string) {
  const abort = new AbortController();
  const response = (await loader({ request: new Request("http://localhost/events/orders", { headers: { Cookie: cookies[who]! }, signal: abort.signal }), params: {}, context: {} })) as Response;
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const state = { text: "", done: false };
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      state.text += decoder.decode(value, { stream: true });
    }
    state.done = true;
  })();
  return {
    response,
    abort,
    state,
    pump,
    /** The `data` of every `event: order` so far. */
    events: () =>
      state.text
        .split("\n\n")
        .filter((block) => block.startsWith("event: order\n"))
        .map((block) => JSON.parse(block.slice(block.indexOf("data: ") + 6)) as Record<string, unknown>),
  };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting for the stream");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("GET /events/orders", () => {
  it("answers a signed-out visitor with 401 JSON", async () => {
    const response = (await loader({ request: new Request("http://localhost/events/orders"), params: {}, context: {} })) as Response;
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("streams each person the orders they may see, without personal data", async () => {
    const streams = Object.fromEntries(await Promise.all(["planner", "clara", "neighbour", "dealer", "dealer2"].map(async (who) => [who, await open(who)] as const)));
    const s = streams as Record<string, Awaited<ReturnType<typeof open>>>;
    expect(s.planner!.response.headers.get("Content-Type")).toBe("text/event-stream; charset=utf-8");
    expect(s.planner!.response.headers.get("Cache-Control")).toContain("no-store");
    await until(() => s.planner!.state.text.includes(": connected"));
    expect(s.planner!.state.text.startsWith("retry: ")).toBe(true);

    const own = await place(clara);
    const viaDealer = await place(dealer, { customerId: clara.id, dealershipId: munich });
    const neighbours = await place(neighbour);

    await until(() => s.planner!.events().length === 3);
    expect(s.planner!.events().map((e) => e.number)).toEqual([own, viaDealer, neighbours]);
    await until(() => s.clara!.events().length === 2 && s.neighbour!.events().length === 1 && s.dealer!.events().length === 1);
    expect(s.clara!.events().map((e) => e.number)).toEqual([own, viaDealer]);
    // Each stream's events arrive in commit order, so a later event proves an earlier one was left out.
    expect(s.neighbour!.events().map((e) => e.number)).toEqual([neighbours]);
    expect(s.dealer!.events().map((e) => e.number)).toEqual([viaDealer]);
    expect(s.dealer2!.events()).toEqual([]);

    const event = s.clara!.events()[0]!;
    expect(event).toEqual({ kind: "order.received", number: own, status: "received", from: null, line: "sedan-a6l", buildDate: null, version: 1 });
    expect(s.planner!.state.text).not.toContain(clara.id);
    expect(s.planner!.state.text).not.toContain("clara@example.test");

    for (const stream of Object.values(s)) stream.abort.abort();
    await Promise.all(Object.values(s).map((stream) => stream.pump));
  });

  it("ends the stream and its subscription when the request is aborted", async () => {
    const feed = await processOrderFeed();
    const before = feed.size;
    const stream = await open("planner");
    expect(feed.size).toBe(before + 1);
    stream.abort.abort();
    await stream.pump;
    expect(stream.state.done).toBe(true);
    expect(feed.size).toBe(before);
    // An order placed afterwards is not written anywhere (the stream is closed: nothing throws either).
    await place(clara);
  });
});

describe("orderEventStream", () => {
  it("sends a heartbeat comment while idle", async () => {
    const abort = new AbortController();
    let unsubscribed = 0;
    const response = await orderEventStream(abort.signal, { userId: "u", role: "planner", dealershipIds: [] }, {
      heartbeatMs: 30,
      subscribe: async () => () => void unsubscribed++,
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes(": heartbeat")) {
      const { done, value } = await reader.read();
      if (done) throw new Error("the stream ended before a heartbeat");
      text += decoder.decode(value);
    }
    abort.abort();
    expect((await reader.read()).done).toBe(true);
    expect(unsubscribed).toBe(1);
  });

  it("unsubscribes when the reader cancels", async () => {
    let unsubscribed = 0;
    const response = await orderEventStream(new AbortController().signal, { userId: "u", role: "planner", dealershipIds: [] }, {
      subscribe: async () => () => void unsubscribed++,
    });
    await response.body!.cancel();
    expect(unsubscribed).toBe(1);
  });
});

describe("mayReceive", () => {
  const message: OrderChangeMessage = { kind: "order.status", number: "AT-0000007", status: "built", from: "in_production", line: "sedan-a6l", customerId: "cust-1", dealershipId: "shop-1", buildDate: "2030-01-02", version: 5 };
  const audience = (role: OrderAudience["role"], userId = "someone", dealershipIds: string[] = []): OrderAudience => ({ userId, role, dealershipIds });

  it("lets planners and admins hear every order", () => {
    expect(mayReceive(audience("planner"), message)).toBe(true);
    expect(mayReceive(audience("admin"), { ...message, dealershipId: null })).toBe(true);
  });

  it("lets a customer hear only their own orders", () => {
    expect(mayReceive(audience("customer", "cust-1"), message)).toBe(true);
    expect(mayReceive(audience("customer", "cust-2"), message)).toBe(false);
    // Working at the dealership is no reason for a customer account.
    expect(mayReceive(audience("customer", "cust-2", ["shop-1"]), message)).toBe(false);
  });

  it("lets dealers and sales managers hear only their dealership's orders", () => {
    expect(mayReceive(audience("dealer", "d", ["shop-1"]), message)).toBe(true);
    expect(mayReceive(audience("sales_manager", "m", ["shop-2", "shop-1"]), message)).toBe(true);
    expect(mayReceive(audience("dealer", "d", ["shop-2"]), message)).toBe(false);
    expect(mayReceive(audience("dealer", "cust-1", []), message)).toBe(false);
    expect(mayReceive(audience("dealer", "d", ["shop-1"]), { ...message, dealershipId: null })).toBe(false);
  });

  it("writes events without the customer or dealership", () => {
    expect(eventData(message)).toEqual({ kind: "order.status", number: "AT-0000007", status: "built", from: "in_production", line: "sedan-a6l", buildDate: "2030-01-02", version: 5 });
  });
});
