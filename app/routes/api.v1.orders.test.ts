/**
 * The orders API (POST/GET /api/v1/orders, GET /api/v1/orders/<number>)
 * called as Remix calls it, with Request objects, against a real seeded
 * database (PGlite, or PostgreSQL with TEST_DATABASE_URL) and the real engine:
 * exactly once under retries and concurrency, every refusal a 4xx JSON error
 * with nothing written, session cookies and API tokens, who may read what,
 * and a fuzz run of malformed bodies.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { apiTokens, orders } from "#db/schema";
import { createApiToken, revokeApiToken } from "~/.server/auth/api-tokens.server";
import { getLine } from "~/.server/catalog/catalog.server";
import { publishSuccessor, sessionCookie, signInPeople, userId, useSeededProcessDb, type People, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { autoScheduleQueue, scheduleOrder } from "~/.server/planning/planning.server";
import { bom, price } from "~/domain/engine";
import { addDays } from "~/domain/orders";
import { workingDay } from "~/.server/planning/planning.testing";
import type { OrderBody } from "~/domain/forms/order";
import { MAX_BODY_BYTES } from "~/.server/api/api.server";
import { DEMO_CONTACT as delivery, demoOrderInput, orderRowCounts } from "~/.server/orders/orders.testing";
import { action as ordersAction, loader as ordersLoader } from "./api.v1.orders";
import { action as orderAction, loader as orderLoader } from "./api.v1.orders.$number";
import { call, get, type Handler } from "./api.testing";

let pdb: ProcessDb;
let db: Db;
let people: People;
let valid: OrderBody;
let loaded: NonNullable<Awaited<ReturnType<typeof getLine>>>;

const SEDAN = "sedan-a6l";
beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  people = await signInPeople(db);
  loaded = (await getLine(SEDAN, undefined, { db }))!;
  // The API takes the contact as `delivery` and the idempotency key as a header.
  const { contact, idempotencyKey: _header, ...body } = await demoOrderInput(db, ["PQD"]);
  valid = { ...body, delivery: contact };
});

afterAll(async () => {
  await pdb?.close();
});

function post(body: unknown, headers: Record<string, string | undefined> = {}) {
  const all: Record<string, string> = { "Content-Type": "application/json", "Idempotency-Key": randomUUID(), Cookie: people.claraCookie };
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) delete all[k];
    else all[k] = v;
  }
  return new Request("http://localhost/api/v1/orders", {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: all,
  });
}

const order = (body: unknown, headers: Record<string, string | undefined> = {}) => call(ordersAction, post(body, headers));
const read = (number: string, headers: HeadersInit) => call(orderLoader, get(`/api/v1/orders/${number}`, headers), { number });

const tally = () => orderRowCounts(db);

/** Run `fn` and check that it wrote nothing to any order table. */
async function writesNothing(fn: () => Promise<void>) {
  const before = await tally();
  await fn();
  expect(await tally()).toEqual(before);
}

describe("POST /api/v1/orders", () => {
  it("places the order: 201, Location, the server's price, and the order, BOM, event, queue entry and messages written", async () => {
    const before = await tally();
    const { status, headers, body } = await order(valid);
    expect(status).toBe(201);
    const placed = body.order;
    expect(placed.number).toMatch(/^AT-\d{7}$/);
    expect(headers.get("Location")).toBe(`/api/v1/orders/${placed.number}`);
    expect(headers.get("Cache-Control")).toBe("no-store");
    expect(placed).toMatchObject({
      status: "received",
      version: 1,
      line: SEDAN,
      catalogVersion: loaded.version.id,
      market: "DE",
      currency: "EUR",
      total: valid.expectedTotal,
      delivery,
      buildDate: null,
      url: `/api/v1/orders/${placed.number}`,
    });
    expect(placed.price).toEqual(price(loaded.line, valid.choices, {}, "DE"));
    expect(placed.earliestBuildDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(placed).not.toHaveProperty("placedBy");
    const lines = bom(loaded.line, valid.choices);
    expect(await tally()).toEqual({
      orders: before.orders + 1,
      lines: before.lines + lines.length,
      events: before.events + 1,
      queue: before.queue + 1,
      notifications: before.notifications + 1,
      emails: before.emails + 1,
    });

    const detail = await read(placed.number, { Cookie: people.claraCookie });
    expect(detail.status).toBe(200);
    expect(detail.body.order).toMatchObject({ number: placed.number, total: valid.expectedTotal });
    expect(detail.body.order.bom).toEqual(lines);
    expect(detail.body.order.events).toEqual([{ from: null, to: "received", at: placed.createdAt, by: "customer", note: null, reason: null }]);
  });

  it("answers a replay of the same key and body with 200 and the same order, writing nothing more", async () => {
    const key = randomUUID();
    const first = await order(valid, { "Idempotency-Key": key });
    expect(first.status).toBe(201);
    await writesNothing(async () => {
      const again = await order(valid, { "Idempotency-Key": key });
      expect(again.status).toBe(200);
      expect(again.headers.get("Location")).toBe(first.headers.get("Location"));
      expect(again.headers.get("Idempotent-Replayed")).toBe("true");
      expect(first.headers.get("Idempotent-Replayed")).toBeNull();
      expect(again.body.order).toEqual(first.body.order);
      // Whitespace and choice order don't make a different request.
      const reordered = { ...valid, choices: [...valid.choices].reverse(), delivery: { ...delivery, city: ` ${delivery.city} ` } };
      expect((await order(reordered, { "Idempotency-Key": key })).body.order.number).toBe(first.body.order.number);
    });
  });

  it("refuses the same key with a different body (422) and writes nothing", async () => {
    const key = randomUUID();
    const first = await order(valid, { "Idempotency-Key": key });
    expect(first.status).toBe(201);
    await writesNothing(async () => {
      const other = await order({ ...valid, delivery: { ...delivery, city: "Augsburg" } }, { "Idempotency-Key": key });
      expect(other.status).toBe(422);
      expect(other.body.error).toMatchObject({ code: "idempotency-key-reused", path: "Idempotency-Key" });
    });
  });

  it("keys are per account: another customer's same key is a new order", async () => {
    const key = randomUUID();
    const a = await order(valid, { "Idempotency-Key": key });
    const b = await order(valid, { "Idempotency-Key": key, Cookie: people.otherCookie });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.order.number).not.toBe(b.body.order.number);
  });

  it.each([
    ["missing", undefined, "missing-idempotency-key"],
    ["empty", "  ", "missing-idempotency-key"],
    ["with a space", "my key", "invalid-idempotency-key"],
    ["201 characters", "k".repeat(201), "invalid-idempotency-key"],
    ["non-ASCII", "schlüssel", "invalid-idempotency-key"],
  ])("refuses an Idempotency-Key that is %s with 400", async (_name, key, code) => {
    await writesNothing(async () => {
      const { status, body } = await order(valid, { "Idempotency-Key": key });
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code, path: "Idempotency-Key" });
    });
  });

  it("refuses a tampered total with 409 and the server's total, writing nothing", async () => {
    await writesNothing(async () => {
      const { status, body } = await order({ ...valid, expectedTotal: valid.expectedTotal - 100 });
      expect(status).toBe(409);
      expect(body.error).toMatchObject({ code: "price-changed", path: "expectedTotal", total: valid.expectedTotal });
    });
  });

  it("refuses unknown codes (400 naming the code) and rule-breaking choices (422 listing every problem), writing nothing", async () => {
    await writesNothing(async () => {
      const unknown = await order({ ...valid, choices: [...valid.choices, "NOPE"] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error).toMatchObject({ code: "unknown-code", path: `choices.${valid.choices.length}` });

      // The base trim with 21-inch wheels breaks a rule; no engine and no paint leaves required features open.
      const broken = await order({ ...valid, choices: ["LB0", "C9X"], expectedTotal: 0 });
      expect(broken.status).toBe(422);
      expect(broken.body.error.code).toBe("invalid-configuration");
      const codes = broken.body.error.problems.map((p: { code: string }) => p.code);
      expect(codes).toContain("rule-violated");
      expect(codes).toContain("missing-required");
      expect(broken.body.error.problems.length).toBeGreaterThanOrEqual(3);

      const line = await order({ ...valid, line: "bicycle" });
      expect(line.status).toBe(400);
      expect(line.body.error).toMatchObject({ code: "unknown-line", path: "line" });
      const version = await order({ ...valid, catalogVersion: "1999.1" });
      expect(version.status).toBe(400);
      expect(version.body.error).toMatchObject({ code: "unknown-version", path: "catalogVersion" });
    });
  });

  it("answers bad bodies like the rest of the API: 415, 413, 400", async () => {
    const big = JSON.stringify({ ...valid, texts: { inscription: "x".repeat(MAX_BODY_BYTES) } });
    await writesNothing(async () => {
      for (const [body, headers, status, code, path] of [
        [valid, { "Content-Type": "text/plain" }, 415, "unsupported-media-type"],
        [new URLSearchParams({ line: SEDAN }).toString(), { "Content-Type": "application/x-www-form-urlencoded" }, 415, "unsupported-media-type"],
        [big, {}, 413, "body-too-large"],
        ["{", {}, 400, "invalid-json"],
        ["", {}, 400, "invalid-json"],
        [{ ...valid, delivery: undefined }, {}, 400, "missing-field", "delivery"],
        [{ ...valid, delivery: { ...delivery, email: "nope" } }, {}, 400, "invalid-value", "delivery.email"],
        [{ ...valid, expectedTotal: "1000" }, {}, 400, "wrong-type", "expectedTotal"],
        [{ ...valid, expectedTotal: 1.5 }, {}, 400, "wrong-type", "expectedTotal"],
        [{ ...valid, expectedTotal: -1 }, {}, 400, "invalid-value", "expectedTotal"],
        [{ ...valid, market: "FR" }, {}, 400, "invalid-value", "market"],
        [{ ...valid, discount: 10 }, {}, 400, "unknown-field", "discount"],
      ] as [unknown, Record<string, string>, number, string, string?][]) {
        const reply = await order(body, headers);
        expect(reply.status, code).toBe(status);
        expect(reply.body.error.code).toBe(code);
        if (path) expect(reply.body.error.path).toBe(path);
      }
    });
  });

  it("is for customers: staff get 403 saying dealers order through quotes; signed out is 401", async () => {
    await writesNothing(async () => {
      for (const cookie of [people.dealerCookie, people.plannerCookie]) {
        const { status, body } = await order(valid, { Cookie: cookie });
        expect(status).toBe(403);
        expect(body.error.code).toBe("forbidden");
        expect(body.error.message).toMatch(/quotes/);
      }
      const anonymous = await order(valid, { Cookie: undefined });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.code).toBe("unauthorized");
    });
  });

  it("answers other methods with 405", async () => {
    const put = await call(ordersAction, new Request("http://localhost/api/v1/orders", { method: "PUT", body: "{}", headers: { "Content-Type": "application/json" } }));
    expect(put.status).toBe(405);
    expect(put.headers.get("Allow")).toBe("POST");
    const onOne = await call(orderAction, post(valid), { number: "AT-0000001" });
    expect(onOne.status).toBe(405);
  });

  it("makes exactly one order of 24 concurrent POSTs with one key", async () => {
    const key = randomUUID();
    const before = await tally();
    const replies = await Promise.all(Array.from({ length: 24 }, () => order(valid, { "Idempotency-Key": key })));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(23);
    expect(new Set(replies.map((r) => r.body.order.number)).size).toBe(1);
    const after = await tally();
    expect(after.orders - before.orders).toBe(1);
    expect(after.queue - before.queue).toBe(1);
    expect(after.events - before.events).toBe(1);
    expect((await db.select({ n: count() }).from(orders).where(eq(orders.idempotencyKey, key)))[0]!.n).toBe(1);
  });
});

describe("API tokens", () => {
  it("a token is its user: it orders and reads, and lastUsedAt is written", async () => {
    const made = await createApiToken(db, people.clara, "Dealer system");
    if (!made.ok) throw new Error(made.message);
    expect(made.token).toMatch(/^atk_[A-Za-z0-9_-]{43}$/);
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, made.info.id));
    expect(row!.tokenHash).not.toContain(made.token.slice(4)); // only the hash is stored
    expect(row!.lastUsedAt).toBeNull();

    const auth = { Authorization: `Bearer ${made.token}`, Cookie: undefined };
    const placed = await order(valid, auth);
    expect(placed.status).toBe(201);
    const [used] = await db.select().from(apiTokens).where(eq(apiTokens.id, made.info.id));
    expect(used!.lastUsedAt).not.toBeNull();

    const detail = await read(placed.body.order.number, { Authorization: `bearer ${made.token}` });
    expect(detail.status).toBe(200);
    const mine = await call(ordersLoader, get("/api/v1/orders?limit=1", { Authorization: `Bearer ${made.token}` }));
    expect(mine.body.orders.map((o: { number: string }) => o.number)).toEqual([placed.body.order.number]);
  });

  it("an invalid, revoked or malformed token is a 401, even with a valid cookie beside it", async () => {
    const made = await createApiToken(db, people.clara, "Soon revoked");
    if (!made.ok) throw new Error(made.message);
    expect(await revokeApiToken(db, people.clara, made.info.id)).toBe(true);
    await writesNothing(async () => {
      for (const header of [`Bearer ${made.token}`, `Bearer atk_${"A".repeat(43)}`, "Bearer nonsense", "Basic Y2xhcmE6c2VjcmV0", "Bearer"]) {
        const { status, headers, body } = await order(valid, { Authorization: header });
        expect(status, header).toBe(401);
        expect(body.error.code).toBe("invalid-token");
        expect(headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
        const reading = await call(ordersLoader, get("/api/v1/orders", { Authorization: header, Cookie: people.claraCookie }));
        expect(reading.status).toBe(401);
      }
    });
  });
});

describe("GET /api/v1/orders/<number> and /api/v1/orders", () => {
  it("shows an order to its customer, planners and admins; 404 to anyone else, as for an unknown number", async () => {
    const { body } = await order(valid);
    const number = body.order.number;
    expect((await read(number, { Cookie: people.plannerCookie })).status).toBe(200);
    expect((await read(number.toLowerCase(), { Cookie: people.claraCookie })).status).toBe(200);
    const admin = await sessionCookie(db, await userId(db, "admin@atelier.test"));
    expect((await read(number, { Cookie: admin })).status).toBe(200);

    const theirs = await read(number, { Cookie: people.otherCookie });
    const dealer = await read(number, { Cookie: people.dealerCookie });
    const unknown = await read("AT-9999999", { Cookie: people.otherCookie });
    const garbage = await read("'; drop table orders; --", { Cookie: people.otherCookie });
    for (const reply of [theirs, dealer, unknown, garbage]) {
      expect(reply.status).toBe(404);
      expect(reply.body.error.code).toBe("not-found");
    }
    expect(theirs.body.error.message.replace(number, "X")).toBe(unknown.body.error.message.replace("AT-9999999", "X"));
    expect((await read(number, {})).status).toBe(401);
  });

  it("says who made each change and why: a planner's build date with their reason, automatic scheduling as such (issue 12)", async () => {
    const planner = { id: people.planner, role: "planner" as const };
    const byHand = (await order(valid)).body.order;
    const day = await workingDay(db, byHand.line, addDays(byHand.earliestBuildDate, 2));
    const scheduled = await scheduleOrder(db, planner, { number: byHand.number, buildDate: day, expectedVersion: byHand.version, reason: "customer asked for a later week" });
    expect(scheduled.ok).toBe(true);
    const { body } = await read(byHand.number, { Cookie: people.claraCookie });
    expect(body.order.events.at(-1)).toEqual({ from: "received", to: "scheduled", at: expect.any(String), by: "planner", note: `build date ${day}`, reason: "customer asked for a later week" });

    const automatic = (await order(valid)).body.order;
    const result = await autoScheduleQueue(db, null, { only: new Map([[automatic.number, automatic.version]]) });
    expect(result.scheduled.map((s) => s.number)).toEqual([automatic.number]);
    const auto = await read(automatic.number, { Cookie: people.claraCookie });
    expect(auto.body.order.events.at(-1)).toMatchObject({ to: "scheduled", by: "system", reason: "automatic scheduling" });
  });

  it("lists the caller's orders newest first, limited", async () => {
    const a = (await order(valid)).body.order.number;
    const b = (await order(valid)).body.order.number;
    const { status, body } = await call(ordersLoader, get("/api/v1/orders?limit=2", { Cookie: people.claraCookie }));
    expect(status).toBe(200);
    expect(body.orders.map((o: { number: string }) => o.number)).toEqual([b, a]);
    const others = await call(ordersLoader, get("/api/v1/orders", { Cookie: people.otherCookie }));
    expect(others.body.orders.every((o: { number: string }) => o.number !== a && o.number !== b)).toBe(true);
    for (const limit of ["0", "101", "x"]) {
      const bad = await call(ordersLoader, get(`/api/v1/orders?limit=${limit}`, { Cookie: people.claraCookie }));
      expect(bad.status).toBe(400);
      expect(bad.body.error.path).toBe("limit");
    }
  });
});

describe("malformed bodies", () => {
  it("never answer with a server error and never write a row", async () => {
    // Each mutation breaks the valid body for sure, so none of them may place an order.
    const broken = fc.oneof(
      fc.json().map((text) => text),
      fc.anything().map((v) => JSON.stringify(v) ?? "null"),
      fc.constantFrom("line", "catalogVersion", "choices", "market", "expectedTotal", "delivery").map((field) => {
        const copy: Record<string, unknown> = { ...valid };
        delete copy[field];
        return JSON.stringify(copy);
      }),
      fc
        .record({
          field: fc.constantFrom("line", "catalogVersion", "choices", "texts", "market", "expectedTotal", "delivery"),
          value: fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.object()),
        })
        .filter(({ field, value }) => JSON.stringify(value) !== JSON.stringify((valid as Record<string, unknown>)[field]))
        .filter(({ field, value }) => !(field === "texts" && typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0))
        .map(({ field, value }) => JSON.stringify({ ...valid, [field]: value })),
      fc
        .integer({ min: -1_000_000, max: 1_000_000 })
        .filter((d) => d !== 0)
        .map((d) => JSON.stringify({ ...valid, expectedTotal: valid.expectedTotal + d })),
      fc.subarray(["LB0", "C9X", "NOPE", "PQD", "x y", "WQS", "7X5", ""], { minLength: 1 }).map((choices) => JSON.stringify({ ...valid, choices })),
      fc
        .record({ key: fc.constantFrom("name", "email", "phone", "postalCode", "country", "extra"), value: fc.oneof(fc.constant(""), fc.string({ minLength: 300 }), fc.integer(), fc.constant("\u0000")) })
        .map(({ key, value }) => JSON.stringify({ ...valid, delivery: { ...delivery, [key]: value } })),
      fc.string().map((s) => `{"line":${JSON.stringify(s)},`),
    );
    const before = await tally();
    await fc.assert(
      fc.asyncProperty(broken, fc.constantFrom("application/json", "application/json; charset=utf-8"), async (body, type) => {
        const response = (await (ordersAction as Handler)({ request: post(body, { "Content-Type": type }), params: {}, context: {} })) as Response;
        const text = await response.text();
        expect(response.status, `${body.slice(0, 300)} → ${text}`).toBeGreaterThanOrEqual(400);
        expect(response.status, text).toBeLessThan(500);
        expect(JSON.parse(text).error.code).toEqual(expect.any(String));
      }),
      { numRuns: 150 },
    );
    expect(await tally()).toEqual(before);
  });
});

describe("a retired catalog version", () => {
  it("is refused with 409 and the way forward, writing nothing", async () => {
    await publishSuccessor(db, "demo-2026.2", () => {});
    await writesNothing(async () => {
      const { status, body } = await order(valid);
      expect(status).toBe(409);
      expect(body.error).toMatchObject({ code: "retired-version", path: "catalogVersion" });
      expect(body.error.message).toMatch(/configurator/);
    });
  });
});
