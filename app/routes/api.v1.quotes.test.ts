/**
 * The dealers' JSON API (GET/POST /api/v1/customers, GET/POST /api/v1/quotes,
 * GET /api/v1/quotes/<number>) called as Remix calls it, with Request
 * objects, against a real seeded database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL) and the real engine: what a dealer can do, every refusal
 * a 4xx JSON error with nothing written, session cookies and API tokens.
 * Who may reach whose ids is walked route by route in dealer.ownership.test.ts.
 */
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { dealershipCustomers, notifications, quotes, quoteVersions, users } from "#db/schema";
import { MAX_BODY_BYTES } from "~/.server/api/api.server";
import { createApiToken } from "~/.server/auth/api-tokens.server";
import { dealerContext, decideDiscount, getQuote } from "~/.server/quotes/quotes.server";
import { demoSedan, signInAs, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { action as customersAction, loader as customersLoader } from "./api.v1.customers";
import { action as quotesAction, loader as quotesLoader } from "./api.v1.quotes";
import { action as quoteAction, loader as quoteLoader } from "./api.v1.quotes.$number";
import { call, get } from "./api.testing";

let pdb: ProcessDb;
let db: Db;
let dealerCookie: string;
let managerCookie: string;
let dealer2Cookie: string;
let customerCookie: string;
let choices: string[];
let listNet: number;

const SEDAN = "sedan-a6l";

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  dealerCookie = await signInAs(db, "dealer@atelier.test");
  managerCookie = await signInAs(db, "manager@atelier.test");
  dealer2Cookie = await signInAs(db, "dealer2@atelier.test");
  customerCookie = await signInAs(db, "customer@atelier.test");
  ({ choices, price: { net: listNet } } = await demoSedan(db));
});

afterAll(async () => {
  await pdb?.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

async function rows() {
  const [q] = await db.select({ n: count() }).from(quotes);
  const [v] = await db.select({ n: count() }).from(quoteVersions);
  const [c] = await db.select({ n: count() }).from(dealershipCustomers);
  const [u] = await db.select({ n: count() }).from(users);
  const [m] = await db.select({ n: count() }).from(notifications);
  return { quotes: q.n, versions: v.n, links: c.n, users: u.n, notifications: m.n };
}

let n = 0;
async function newCustomer(cookie = dealerCookie) {
  n++;
  const out = await call(customersAction, post("/api/v1/customers", { name: `Api Customer ${n}`, email: `api${n}@example.test`, phone: `+49 89 7000${n}`, consentToContact: true }, { Cookie: cookie }));
  expect(out.status).toBe(201);
  return out.body.customer as { id: string; name: string; email: string };
}

describe("/api/v1/customers", () => {
  it("adds a customer with their consent (201), again for the same email (200, consent updated), and finds them by name, email or phone", async () => {
    const c = await newCustomer();
    expect(c).toMatchObject({ name: `Api Customer ${n}`, email: `api${n}@example.test`, phone: `+49 89 7000${n}`, consentToContact: true, tier: "standard" });
    const again = await call(customersAction, post("/api/v1/customers", { name: "Whoever", email: c.email.toUpperCase(), consentToContact: false }, { Cookie: dealerCookie }));
    expect(again.status).toBe(200);
    expect(again.body.customer).toMatchObject({ id: c.id, name: c.name, consentToContact: false });
    // Whole words, the whole email, the whole number: they are encrypted and found through blind indexes (decision 045).
    for (const q of [c.name.slice(4), c.email, `+4989 7000${n}`]) {
      const found = await call(customersLoader, get(`/api/v1/customers?q=${encodeURIComponent(q)}`, { Cookie: dealerCookie }));
      expect(found.status, q).toBe(200);
      expect(found.body.customers.map((x: { id: string }) => x.id), q).toContain(c.id);
    }
    const elsewhere = await call(customersLoader, get(`/api/v1/customers?q=${encodeURIComponent(c.email)}`, { Cookie: dealer2Cookie }));
    expect(elsewhere.body.customers).toEqual([]);
  });

  it("refuses bad bodies with the API's error shape and writes nothing", async () => {
    const before = await rows();
    const cases: [Request, number, string][] = [
      [post("/api/v1/customers", { name: "A", email: "a@example.test" }, { Cookie: dealerCookie }), 400, "missing-field"],
      [post("/api/v1/customers", { name: "A", email: "not-an-email", consentToContact: true }, { Cookie: dealerCookie }), 400, "invalid-value"],
      [post("/api/v1/customers", { name: "A", email: "a@example.test", consentToContact: "yes" }, { Cookie: dealerCookie }), 400, "wrong-type"],
      [post("/api/v1/customers", { name: "A", email: "a@example.test", consentToContact: true, tier: "gold" }, { Cookie: dealerCookie }), 400, "unknown-field"],
      [post("/api/v1/customers", { name: "A", email: "a@example.test", phone: "call me", consentToContact: true }, { Cookie: dealerCookie }), 400, "invalid-value"],
      [post("/api/v1/customers", "{ nope", { Cookie: dealerCookie }), 400, "invalid-json"],
      [post("/api/v1/customers", { name: "A" }, { Cookie: dealerCookie, "Content-Type": "text/plain" }), 415, "unsupported-media-type"],
      [post("/api/v1/customers", { name: "x".repeat(MAX_BODY_BYTES) }, { Cookie: dealerCookie }), 413, "body-too-large"],
      [post("/api/v1/customers", { name: "Planner", email: "planner@atelier.test", consentToContact: true }, { Cookie: dealerCookie }), 409, "not-a-customer"],
    ];
    for (const [request, status, code] of cases) {
      const out = await call(customersAction, request);
      expect(out.status, code).toBe(status);
      expect(out.body.error.code).toBe(code);
      expect(typeof out.body.error.message).toBe("string");
    }
    expect(await rows()).toEqual(before);
  });
});

describe("/api/v1/quotes", () => {
  it("starts a quote within the cap (approval not needed), lists it and shows it with its versions", async () => {
    const c = await newCustomer();
    const made = await call(quotesAction, post("/api/v1/quotes", { customer: c.id, line: SEDAN, choices, discount: { kind: "percent", value: 300 } }, { Cookie: dealerCookie }));
    expect(made.status).toBe(201);
    const quote = made.body.quote;
    expect(quote.number).toMatch(/^Q-\d{7}$/);
    expect(made.headers.get("Location")).toBe(`/api/v1/quotes/${quote.number}`);
    expect(quote).toMatchObject({ customer: { id: c.id, name: c.name }, latestVersion: 1, orderNumber: null });
    const v = quote.versions[0];
    expect(v).toMatchObject({ version: 1, market: "DE", currency: "EUR", discount: { kind: "percent", value: 300 }, approval: { state: "not_needed" }, signed: false, sentAt: null, pdfUrl: null });
    expect(v.price.discountAmount).toBe(Math.round((listNet * 300) / 10_000));
    expect(v.total).toBe(v.price.total);
    expect(v).not.toHaveProperty("signature");

    const list = await call(quotesLoader, get("/api/v1/quotes", { Cookie: dealerCookie }));
    expect(list.status).toBe(200);
    expect(list.body.quotes[0]).toMatchObject({ number: quote.number, customerName: c.name, total: v.total, approval: "not_needed", ordered: false });
    const byCustomer = await call(quotesLoader, get(`/api/v1/quotes?customer=${c.id}`, { Cookie: managerCookie }));
    expect(byCustomer.body.quotes.map((q: { number: string }) => q.number)).toEqual([quote.number]);

    const one = await call(quoteLoader, get(`/api/v1/quotes/${quote.number.toLowerCase()}`, { Cookie: dealerCookie }), { number: quote.number.toLowerCase() });
    expect(one.status).toBe(200);
    expect(one.body.quote).toEqual(quote);
    expect((await call(quoteAction, post(`/api/v1/quotes/${quote.number}`, {}, { Cookie: dealerCookie }), { number: quote.number })).status).toBe(405);
  });

  it("puts a discount over the dealer's cap before a sales manager (pending, the manager notified) and lists it as pending", async () => {
    const c = await newCustomer();
    const before = await rows();
    const made = await call(quotesAction, post("/api/v1/quotes", { customer: c.id, line: SEDAN, choices, discount: { kind: "percent", value: 800 } }, { Cookie: dealerCookie }));
    expect(made.status).toBe(201);
    expect(made.body.quote.versions[0].approval.state).toBe("pending");
    expect(await rows()).toMatchObject({ quotes: before.quotes + 1, versions: before.versions + 1, notifications: before.notifications + 1 });
    const pending = await call(quotesLoader, get("/api/v1/quotes?pending=true", { Cookie: managerCookie }));
    expect(pending.body.quotes.map((q: { number: string }) => q.number)).toContain(made.body.quote.number);
    expect(pending.body.quotes.every((q: { approval: string }) => q.approval === "pending")).toBe(true);
    // The sales manager's own cap (15 %) lets them quote 8 % without approval.
    const own = await call(quotesAction, post("/api/v1/quotes", { customer: c.id, line: SEDAN, choices, discount: { kind: "percent", value: 800 } }, { Cookie: managerCookie }));
    expect(own.body.quote.versions[0].approval.state).toBe("not_needed");
  });

  it("accepts an API token (Bearer) like the orders API does, and refuses a bad one even with a cookie", async () => {
    const made = await createApiToken(db, await userId(db, "dealer@atelier.test"), "Dealer DMS");
    if (!made.ok) throw new Error(made.message);
    const list = await call(quotesLoader, get("/api/v1/quotes", { Authorization: `Bearer ${made.token}` }));
    expect(list.status).toBe(200);
    const bad = await call(quotesLoader, get("/api/v1/quotes", { Authorization: "Bearer atk_nope", Cookie: dealerCookie }));
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe("invalid-token");
  });

  it("refuses a discount below zero or above the price, an unknown code, a broken configuration and malformed bodies, writing nothing", async () => {
    const c = await newCustomer();
    const before = await rows();
    const body = { customer: c.id, line: SEDAN, choices };
    const cases: [unknown, number, string, string?][] = [
      [{ ...body, discount: { kind: "percent", value: -100 } }, 400, "discount-negative", "discount"],
      [{ ...body, discount: { kind: "amount", value: listNet + 1 } }, 400, "discount-above-price", "discount"],
      [{ ...body, discount: { kind: "percent", value: 10_001 } }, 400, "discount-above-price", "discount"],
      [{ ...body, discount: { kind: "percent", value: 2.5 } }, 400, "wrong-type", "discount.value"],
      [{ ...body, discount: { kind: "gift", value: 1 } }, 400, "invalid-value", "discount.kind"],
      [{ ...body, choices: [...choices, "NOPE"] }, 400, "unknown-code"],
      [{ ...body, choices: choices.slice(1) }, 422, "invalid-configuration", "choices"],
      [{ ...body, line: "submarine" }, 400, "unknown-line", "line"],
      [{ ...body, market: "FR" }, 400, "invalid-value", "market"],
      [{ line: SEDAN, choices }, 400, "missing-field", "customer"],
      [{ ...body, colour: "red" }, 400, "unknown-field", "colour"],
      [[], 400, "wrong-type"],
    ];
    for (const [input, status, code, path] of cases) {
      const out = await call(quotesAction, post("/api/v1/quotes", input, { Cookie: dealerCookie }));
      expect(out.status, code).toBe(status);
      expect(out.body.error.code, JSON.stringify(input).slice(0, 80)).toBe(code);
      if (path) expect(out.body.error.path, code).toBe(path);
    }
    const broken = await call(quotesAction, post("/api/v1/quotes", { ...body, choices: choices.slice(1) }, { Cookie: dealerCookie }));
    expect(broken.body.error.problems.length).toBeGreaterThan(0);
    expect((await call(quotesAction, post("/api/v1/quotes", body, { Cookie: dealerCookie, "Content-Type": "application/x-www-form-urlencoded" }))).status).toBe(415);
    expect((await call(quotesAction, post("/api/v1/quotes", { ...body, texts: { inscription: "x".repeat(MAX_BODY_BYTES) } }, { Cookie: dealerCookie }))).status).toBe(413);
    expect(await rows()).toEqual(before);
  });

  it("answers bad list queries with a 400 naming the parameter", async () => {
    for (const [query, path] of [
      ["limit=0", "limit"],
      ["pending=maybe", "pending"],
      ["sort=total", "sort"],
    ]) {
      const out = await call(quotesLoader, get(`/api/v1/quotes?${query}`, { Cookie: dealerCookie }));
      expect(out.status, query).toBe(400);
      expect(out.body.error.path, query).toBe(path);
    }
    expect((await call(customersLoader, get(`/api/v1/customers?q=${"x".repeat(101)}`, { Cookie: dealerCookie }))).status).toBe(400);
  });

  it("is for dealership staff only: 401 signed out, 403 for a customer's account", async () => {
    for (const [handler, request] of [
      [quotesLoader, get("/api/v1/quotes")],
      [customersLoader, get("/api/v1/customers")],
      [quotesAction, post("/api/v1/quotes", {})],
      [customersAction, post("/api/v1/customers", {})],
    ] as const) {
      const out = await call(handler, request);
      expect(out.status).toBe(401);
      expect(out.body.error.code).toBe("unauthorized");
    }
    const out = await call(quotesLoader, get("/api/v1/quotes", { Cookie: customerCookie }));
    expect(out.status).toBe(403);
    expect(out.body.error.code).toBe("forbidden");
  });
});

describe("POST /api/v1/quotes/<number>/send: handing a version over", () => {
  const sendRoute = async () => (await import("./api.v1.quotes.$number.send")).action;
  const send = async (number: string, body: unknown, cookie = dealerCookie) => call(await sendRoute(), post(`/api/v1/quotes/${number}/send`, body, { Cookie: cookie }), { number });

  it("hands over a version within the cap (200, frozen, share code and PDF), again harmlessly; a stale lock is 409, another dealership's quote 403", async () => {
    const c = await newCustomer();
    const made = await call(quotesAction, post("/api/v1/quotes", { customer: c.id, line: SEDAN, choices, discount: { kind: "percent", value: 300 } }, { Cookie: dealerCookie }));
    const { number, lockVersion } = made.body.quote;
    expect((await send(number, { expectedLock: lockVersion + 5 })).body.error.code).toBe("stale");
    expect((await send(number, { expectedLock: lockVersion }, dealer2Cookie)).body.error.code).toBe("not-yours");
    for (const bad of [{}, { expectedLock: "one" }, { expectedLock: lockVersion, intent: "print" }]) expect((await send(number, bad)).status, JSON.stringify(bad)).toBe(400);
    const sent = await send(number, { expectedLock: lockVersion });
    expect(sent.status).toBe(200);
    const v = sent.body.quote.versions[0];
    expect(v.sentAt).not.toBeNull();
    expect(v.shareCode).toMatch(/^[2-9A-Z]{8}$/);
    expect(v.pdfUrl).toBe(`/dealer/quotes/${number}/v/1.pdf`);
    const again = await send(number, { expectedLock: sent.body.quote.lockVersion });
    expect(again.status).toBe(200);
    expect(again.body.quote.versions[0].shareCode).toBe(v.shareCode);
  });

  it("refuses a discount waiting for approval (409 awaiting-approval) or rejected (409 rejected), writing nothing; the justification and the rejection's comment are in the quote", async () => {
    const c = await newCustomer();
    const justification = "Fleet customer: third car this year";
    const made = await call(quotesAction, post("/api/v1/quotes", { customer: c.id, line: SEDAN, choices, discount: { kind: "percent", value: 2000 }, justification }, { Cookie: dealerCookie }));
    expect(made.status).toBe(201);
    const { number, lockVersion } = made.body.quote;
    expect(made.body.quote.versions[0].approval).toMatchObject({ state: "pending", justification, comment: null });

    const before = await rows();
    const pending = await send(number, { expectedLock: lockVersion });
    expect(pending.status).toBe(409);
    expect(pending.body.error.code).toBe("awaiting-approval");
    expect(await rows()).toEqual(before);

    const manager = (await dealerContext(db, await userId(db, "manager@atelier.test")))!;
    const rejected = await decideDiscount(db, manager, number, { approve: false, comment: "Above what this trim allows", expectedLock: lockVersion });
    if (!rejected.ok) throw new Error(rejected.problem.message);
    const refused = await send(number, { expectedLock: rejected.value.lockVersion });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("rejected");
    const after = (await getQuote(db, manager, number))!;
    expect(after.versions[0]!.sentAt).toBeNull();
    expect(after.lockVersion).toBe(rejected.value.lockVersion);
    const shown = await call(quoteLoader, get(`/api/v1/quotes/${number}`, { Cookie: dealerCookie }), { number });
    expect(shown.body.quote.versions[0].approval).toMatchObject({ state: "rejected", comment: "Above what this trim allows", justification });
  });

  it("keeps no justification where nothing needs approval, and refuses one that is too long", async () => {
    const c = await newCustomer();
    const within = await call(quotesAction, post("/api/v1/quotes", { customer: c.id, line: SEDAN, choices, discount: { kind: "percent", value: 300 }, justification: "nothing to approve" }, { Cookie: dealerCookie }));
    expect(within.body.quote.versions[0].approval).toMatchObject({ state: "not_needed", justification: null });
    const long = await call(quotesAction, post("/api/v1/quotes", { customer: c.id, line: SEDAN, choices, discount: { kind: "percent", value: 2000 }, justification: "x".repeat(1001) }, { Cookie: dealerCookie }));
    expect(long.status).toBe(400);
    expect(long.body.error.path).toBe("justification");
  });
});
