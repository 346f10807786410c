/**
 * The customer's dashboard (/account) and recently viewed, their loaders and
 * actions called with Request objects against a real seeded database: what
 * the dashboard holds for a customer with a saved car, an order and a quote;
 * recording views (configurator, share page), merging a browser's list,
 * clearing, the cap; bad input answered 400.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { listRecent, recordViews } from "~/.server/account/recently-viewed.server";
import { demoSedan, signInPeople, useSeededProcessDb, type People, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { createShareCode, saveConfiguration } from "~/.server/configurations/configurations.server";
import { placeOrder } from "~/.server/orders/orders.server";
import { DEMO_CONTACT } from "~/.server/orders/orders.testing";
import { addCustomer, createQuote, dealerContext, sendQuote } from "~/.server/quotes/quotes.server";
import { RECENT_LIMIT, type RecentItem } from "~/domain/recently-viewed";
import { loader as dashboardLoader } from "./account._index";
import { action as recentAction } from "./account.recently-viewed";
import { loader as configureLoader } from "./configure.$line._index";
import { loader as homeLoader } from "./_index";
import { loader as shareLoader } from "./share.$code";
import { run } from "./pages.testing";

let pdb: ProcessDb;
let db: Db;
let people: People;

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  people = await signInPeople(db);
});

afterAll(async () => {
  await pdb?.close();
});

const SEDAN = "sedan-a6l";
const page = (path: string, cookie?: string) => new Request(`http://localhost${path}`, { headers: { ...(cookie ? { Cookie: cookie } : {}), "Accept-Language": "de-DE" } });
const post = (fields: Record<string, string>, cookie?: string) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request("http://localhost/account/recently-viewed", { method: "POST", body, headers: cookie ? { Cookie: cookie } : {} });
};
type Dashboard = Awaited<ReturnType<typeof dashboardLoader>>;

describe("/account dashboard", () => {
  it("guides an empty account to the product lines: nothing listed", async () => {
    const { status, data } = await run<Dashboard>(dashboardLoader, page("/account", people.otherCookie));
    expect(status).toBe(200);
    expect(data).toMatchObject({ configurations: [], orders: [], quotes: [], notifications: [], unread: 0, recent: [] });
  });

  it("shows a customer's saved car with its picture and price, the open order with its status, the dealer's quote and notifications", async () => {
    const sedan = await demoSedan(db);
    const saved = await saveConfiguration(db, people.clara, { line: SEDAN, choices: sedan.choices, texts: {}, name: "Our next car" });
    if (!saved.ok) throw new Error(saved.problem.message);
    const order = await placeOrder(
      db,
      { id: people.clara, role: "customer" },
      { line: SEDAN, catalogVersion: sedan.loaded.version.id, choices: sedan.choices, texts: {}, market: "DE", expectedTotal: sedan.price.total, contact: DEMO_CONTACT, idempotencyKey: "dashboard-order" },
    );
    if (!order.ok) throw new Error(order.problem.message);
    // München's dealer adds Clara (by her account's email) as a customer and sends her a quote.
    const munich = (await dealerContext(db, people.dealer))!;
    const customer = await addCustomer(db, munich, { name: "Clara Becker", email: "customer@atelier.test", consentToContact: true });
    if (!customer.ok) throw new Error(customer.problem.message);
    expect(customer.value.id).toBe(people.clara);
    const quote = await createQuote(db, munich, people.clara, { line: SEDAN, choices: sedan.choices, texts: {}, market: "DE", discount: { kind: "percent", value: 500 } });
    if (!quote.ok) throw new Error(quote.problem.message);
    const draft = await createQuote(db, munich, people.clara, { line: SEDAN, choices: sedan.choices, texts: {}, market: "DE", discount: { kind: "percent", value: 0 } });
    if (!draft.ok) throw new Error(draft.problem.message);
    const sent = await sendQuote(db, munich, quote.value.number, quote.value.lockVersion);
    if (!sent.ok) throw new Error(sent.problem.message);

    const { status, data } = await run<Dashboard>(dashboardLoader, page("/account", people.claraCookie));
    expect(status).toBe(200);
    const car = data!.configurations.find((c) => c.id === saved.value.id)!;
    expect(car).toMatchObject({ name: "Our next car", lineName: "A6 L Executive Sedan", total: sedan.price.total, currency: "EUR" });
    expect(car.visualKeys.length).toBeGreaterThan(0);
    expect(data!.orders.map((o) => [o.number, o.status])).toContainEqual([order.value.order.number, "received"]);
    // The sent quote only: the dealer's draft is not the customer's to see yet.
    expect(data!.quotes.map((q) => [q.number, q.dealership])).toEqual([[quote.value.number, munich.dealership.name]]);
    expect(data!.notifications.length).toBeGreaterThan(0);
    expect(data!.unread).toBeGreaterThan(0);

    // Someone else's dashboard shows none of it.
    const theirs = await run<Dashboard>(dashboardLoader, page("/account", people.otherCookie));
    expect(theirs.data).toMatchObject({ configurations: [], orders: [], quotes: [] });
  });

  it("refuses staff (403) and sends a visitor to sign in", async () => {
    expect((await run(dashboardLoader, page("/account", people.dealerCookie))).status).toBe(403);
    expect((await run(dashboardLoader, page("/account"))).status).toBe(302);
  });
});

describe("recently viewed", () => {
  const item = (kind: RecentItem["kind"], ref: string, minutesAgo: number, line = SEDAN): RecentItem => ({ kind, ref, line, at: new Date(Date.now() - minutesAgo * 60_000).toISOString() });

  it("records the configurator and a share code opened by a customer, newest first, each once; a visitor's are not stored", async () => {
    const me = people.other;
    expect((await run(configureLoader, page(`/configure/${SEDAN}`, people.otherCookie), { line: SEDAN })).status).toBe(200);
    const sedan = await demoSedan(db);
    const shared = await createShareCode(db, { line: SEDAN, choices: sedan.choices, texts: {} }, { createdBy: null });
    if (!shared.ok) throw new Error(shared.problem.message);
    expect((await run(shareLoader, page(`/share/${shared.value.code}`, people.otherCookie), { code: shared.value.code })).status).toBe(200);
    expect((await run(configureLoader, page(`/configure/${SEDAN}`, people.otherCookie), { line: SEDAN })).status).toBe(200);
    const recent = await listRecent(db, me);
    expect(recent.map((r) => [r.kind, r.ref])).toEqual([
      ["line", SEDAN],
      ["share", shared.value.code],
    ]);
    // Shown on the home page and on the dashboard.
    const home = await run<Awaited<ReturnType<typeof homeLoader>>>(homeLoader, page("/", people.otherCookie));
    expect(home.data!.recent!.map((r) => r.ref)).toEqual([SEDAN, shared.value.code]);
    const dash = await run<Dashboard>(dashboardLoader, page("/account", people.otherCookie));
    expect(dash.data!.recent.map((r) => r.ref)).toEqual([SEDAN, shared.value.code]);

    // A visitor (and staff) has no server-side list: the home page says so with null.
    const before = await listRecent(db, people.dealer);
    await run(configureLoader, page(`/configure/${SEDAN}`, people.dealerCookie), { line: SEDAN });
    expect(await listRecent(db, people.dealer)).toEqual(before);
    expect((await run<Awaited<ReturnType<typeof homeLoader>>>(homeLoader, page("/"))).data!.recent).toBeNull();
  });

  it("merges a browser's list at sign-in: each item once at its latest time, newest first, capped", async () => {
    await recordViews(db, people.clara, [item("line", "fridge-cold", 30), item("line", SEDAN, 20)]);
    const browser = [item("line", "fridge-cold", 5), item("share", "ABCD2345", 10)];
    const out = await run<{ items: RecentItem[] }>(recentAction, post({ intent: "merge", items: JSON.stringify(browser) }, people.claraCookie));
    expect(out.status).toBe(200);
    expect(out.data!.items.slice(0, 3).map((r) => [r.kind, r.ref])).toEqual([
      ["line", "fridge-cold"],
      ["share", "ABCD2345"],
      ["line", SEDAN],
    ]);

    // All newer than the items above: they push every older one out.
    const many = Array.from({ length: RECENT_LIMIT }, (_, i) => item("share", `CODE${String(i).padStart(4, "0")}`, i / 100));
    await run(recentAction, post({ intent: "merge", items: JSON.stringify(many) }, people.claraCookie));
    const kept = await listRecent(db, people.clara);
    expect(kept).toHaveLength(RECENT_LIMIT);
    expect(kept.map((r) => r.ref)).toEqual(many.map((m) => m.ref));
    // The table itself holds no more than the limit (the oldest were deleted, not just hidden).
    const rows = await db.query.recentViews.findMany({ where: (r, { eq }) => eq(r.userId, people.clara) });
    expect(rows).toHaveLength(RECENT_LIMIT);
  });

  it("clears the customer's list and goes back where the customer was", async () => {
    await recordViews(db, people.clara, [item("line", SEDAN, 1)]);
    const out = await run(recentAction, post({ intent: "clear", redirectTo: "/" }, people.claraCookie));
    expect(out.status).toBe(302);
    expect(out.response?.headers.get("Location")).toBe("/");
    expect(await listRecent(db, people.clara)).toEqual([]);
    // A redirect off the site falls back to the dashboard.
    const away = await run(recentAction, post({ intent: "clear", redirectTo: "//evil.example" }, people.claraCookie));
    expect(away.response?.headers.get("Location")).toBe("/account");
  });

  it("answers bad input with 400 and a reason, and staff with 403", async () => {
    const cases: Record<string, string>[] = [
      {},
      { intent: "forget" },
      { intent: "merge" },
      { intent: "merge", items: "not json" },
      { intent: "merge", items: JSON.stringify({ kind: "line" }) },
      { intent: "merge", items: JSON.stringify([{ kind: "order", ref: "x", line: SEDAN, at: new Date().toISOString() }]) },
      { intent: "merge", items: JSON.stringify([{ kind: "line", ref: "../etc", line: SEDAN, at: new Date().toISOString() }]) },
      { intent: "merge", items: JSON.stringify(Array.from({ length: RECENT_LIMIT + 1 }, (_, i) => item("line", `L${i}`, i))) },
    ];
    for (const fields of cases) {
      const out = await run<{ error: string }>(recentAction, post(fields, people.claraCookie));
      expect(out.status, JSON.stringify(fields)).toBe(400);
      expect(out.data!.error).toMatch(/intent|items/);
    }
    expect((await run(recentAction, post({ intent: "clear" }, people.dealerCookie))).status).toBe(403);
  });
});
