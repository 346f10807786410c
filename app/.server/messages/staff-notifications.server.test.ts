/**
 * Staff's notifications, each written once by its cause, against a real
 * seeded database (PGlite, or PostgreSQL with TEST_DATABASE_URL) and the real
 * repositories: a discount over the cap (to the dealership's sales managers)
 * and its decision (to the dealer), a lead (to the dealership's staff), an
 * order of the dealership moving status (to its dealers and managers, not
 * another dealership's), a catalog version published (to all staff, once,
 * never for a rolled-back publication), and a quote about to expire (to its
 * dealer, once per last valid day, however often and however concurrently
 * the sweep runs).
 */
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { notifications, users } from "#db/schema";
import { insertPublishedVersion, seed } from "#db/seed";
import { createTestDb, type TestDb } from "#db/test-db";
import { parseCatalog } from "~/domain/catalog";
import { addDays, dayOf } from "~/domain/orders";
import { catalogNoticeHref } from "~/domain/staff-notifications";
import { publishCatalogVersion } from "~/.server/catalog/publish.server";
import { demoCatalog, demoSedan, userId } from "~/.server/configurations/configurations.testing";
import { dealershipId, orderThrough } from "~/.server/customers/customers.testing";
import { sendLead } from "~/.server/leads/leads.server";
import { changeStatus, type OrderActor } from "~/.server/orders/orders.server";
import { scheduleOrder } from "~/.server/planning/planning.server";
import { workingDay } from "~/.server/planning/planning.testing";
import { addCustomer, createQuote, dealerContext, decideDiscount, orderFromQuote, reviseQuote, sendQuote, signQuote, type DealerContext, type QuoteInput } from "~/.server/quotes/quotes.server";
import { notifyCatalogPublished, sweepExpiringQuotes } from "./staff-notifications.server";

let t: TestDb;
let db: Db;
let dealer: DealerContext;
let manager: DealerContext;
let otherDealer: DealerContext;
let planner: OrderActor;
let admin: string;
let input: QuoteInput;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  await seed(db, { demo: true });
  dealer = (await dealerContext(db, await userId(db, "dealer@atelier.test")))!;
  manager = (await dealerContext(db, await userId(db, "manager@atelier.test")))!;
  otherDealer = (await dealerContext(db, await userId(db, "dealer2@atelier.test")))!;
  planner = { id: await userId(db, "planner@atelier.test"), role: "planner" };
  admin = await userId(db, "admin@atelier.test");
  const { choices } = await demoSedan(db);
  input = { line: "sedan-a6l", choices, texts: {}, market: "DE", discount: { kind: "percent", value: 300 } };
});

afterAll(async () => {
  await t?.close();
});

/** Notifications of `kind`, as [user, data.number] pairs. */
async function notes(kind: string, where?: { number?: string; users?: string[] }) {
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.kind, kind), where?.users ? inArray(notifications.userId, where.users) : undefined))
    .orderBy(notifications.id);
  return where?.number ? rows.filter((r) => r.data.number === where.number) : rows;
}

let customers = 0;
async function quoteFor(d: DealerContext, discount = input.discount) {
  const c = await addCustomer(db, d, { name: `Staff notice ${++customers}`, email: `notice${customers}@example.test`, consentToContact: true });
  if (!c.ok) throw new Error(c.problem.message);
  const q = await createQuote(db, d, c.value.id, { ...input, discount });
  if (!q.ok) throw new Error(q.problem.message);
  return q.value;
}

describe("approvals", () => {
  it("asks the dealership's sales manager once for a discount over the cap, and tells the dealer the decision once", async () => {
    const q = await quoteFor(dealer, { kind: "percent", value: 800 });
    const asked = await notes("quote.approval-requested", { number: q.number });
    expect(asked.map((n) => n.userId)).toEqual([manager.userId]);
    expect(asked[0]).toMatchObject({ href: `/dealer/quotes/${q.number}`, data: { number: q.number, version: 1 }, readAt: null });

    const rejected = await decideDiscount(db, manager, q.number, { approve: false, comment: "Too deep for this model", expectedLock: q.lockVersion });
    expect(rejected.ok).toBe(true);
    // Deciding again (a double submit) is refused and tells nobody twice.
    expect(await decideDiscount(db, manager, q.number, { approve: true, comment: "", expectedLock: q.lockVersion })).toMatchObject({ ok: false });
    const told = await notes("quote.rejected", { number: q.number });
    expect(told.map((n) => n.userId)).toEqual([dealer.userId]);
    expect(told[0]).toMatchObject({ href: `/dealer/quotes/${q.number}`, data: { comment: "Too deep for this model" } });
    expect(await notes("quote.approved", { number: q.number })).toEqual([]);
  });
});

describe("leads", () => {
  it("tells every member of the chosen dealership, and no one else, of a new lead once", async () => {
    const sent = await sendLead(db, {
      sender: { visitor: { name: "Walk In", email: "walk-in@example.test" } },
      source: { line: input.line, choices: input.choices, texts: {} },
      form: { dealership: "MUC-01", preferredContact: "email", name: "Walk In", email: "walk-in@example.test" },
      clientAddress: "192.0.2.55",
    });
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    const told = (await notes("lead.received")).filter((n) => n.data.lead === sent.value.id);
    expect(told.map((n) => n.userId).sort()).toEqual([dealer.userId, manager.userId].sort());
    expect(told.every((n) => n.href === `/dealer/leads/${sent.value.id}`)).toBe(true);
  });
});

describe("orders of the dealership", () => {
  it("tells the dealership's dealers and managers each move to another status once, and not another dealership", async () => {
    const customer = { id: (await quoteFor(dealer)).customer.id, role: "customer" as const };
    const order = await orderThrough(db, planner, customer, { dealer: { id: dealer.userId, role: "dealer" }, dealershipId: await dealershipId(db), to: "received" });
    // Placing it is the dealer's own doing: no status move yet.
    expect(await notes("dealership.order-status", { number: order.number })).toEqual([]);

    const buildDate = await workingDay(db, order.line, order.earliestBuildDate!);
    const scheduled = await scheduleOrder(db, planner, { number: order.number, buildDate, expectedVersion: order.version });
    expect(scheduled.ok).toBe(true);
    if (!scheduled.ok) return;
    const moved = await changeStatus(db, planner, { number: order.number, to: "in_production", expectedVersion: scheduled.value.version }, { now: new Date(`${buildDate}T12:00:00Z`) });
    expect(moved.ok).toBe(true);
    // A retry of the same move (same expected version) is refused: nobody is told twice.
    const retried = await changeStatus(db, planner, { number: order.number, to: "in_production", expectedVersion: scheduled.value.version }, { now: new Date(`${buildDate}T12:00:00Z`) });
    expect(retried.ok).toBe(false);

    const told = await notes("dealership.order-status", { number: order.number });
    expect(told.map((n) => [n.userId, n.data.from, n.data.status]).sort()).toEqual(
      [
        [dealer.userId, "received", "scheduled"],
        [manager.userId, "received", "scheduled"],
        [dealer.userId, "scheduled", "in_production"],
        [manager.userId, "scheduled", "in_production"],
      ].sort(),
    );
    expect(told.every((n) => n.href === `/orders/${order.number}`)).toBe(true);
    expect(told.map((n) => n.userId)).not.toContain(otherDealer.userId);
  });

  it("tells no dealership of an order a customer placed for themselves", async () => {
    const clara = { id: await userId(db, "customer@atelier.test"), role: "customer" as const };
    const order = await orderThrough(db, planner, clara, { to: "delivered" });
    expect(await notes("dealership.order-status", { number: order.number })).toEqual([]);
  });
});

describe("catalog published", () => {
  const staffIds = async () =>
    (await db.select({ id: users.id, role: users.role }).from(users).where(inArray(users.role, ["dealer", "sales_manager", "planner", "admin"]))).sort((a, b) => a.id.localeCompare(b.id));

  it("is no news for an installation's first version", async () => {
    expect(await notes("catalog.published")).toEqual([]);
  });

  it("tells every staff account once, in the publishing transaction, with a link to where each role works with it", async () => {
    const catalog = parseCatalog(demoCatalog());
    // Rolled back: the version and its notices go together.
    await expect(
      db.transaction(async (tx) => {
        await insertPublishedVersion(tx, { id: "notice-rolled-back", label: "2026.9", catalog });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await notes("catalog.published")).toEqual([]);

    await db.transaction((tx) => insertPublishedVersion(tx, { id: "notice-v2", label: "2027.1", catalog }, new Date(Date.now() + 60_000)));
    const staff = await staffIds();
    const told = await notes("catalog.published");
    expect(told.map((n) => n.userId).sort()).toEqual(staff.map((s) => s.id));
    for (const s of staff) expect(told.find((n) => n.userId === s.id)).toMatchObject({ href: catalogNoticeHref(s.role), data: { version: "2027.1" } });
    expect(told.map((n) => n.userId)).toContain(admin);

    // The database refuses to publish a version twice; were the notice run again for it, it tells nobody twice.
    await expect(db.transaction((tx) => publishCatalogVersion(tx, "notice-v2"))).rejects.toThrow();
    expect(await notifyCatalogPublished(db, "notice-v2")).toBe(0);
    expect(await notes("catalog.published")).toHaveLength(staff.length);
  });
});

describe("quotes about to expire", () => {
  it("tells the quote's dealer once per last valid day, from the notice period on, and not after it was ordered or expired", async () => {
    const today = dayOf(new Date());
    const q = await quoteFor(dealer);
    const last = q.versions[0]!.validUntil;
    const on = (day: string) => ({ now: new Date(`${day}T09:00:00Z`) });
    const mine = async () => notes("quote.expiring", { number: q.number });

    // Still a week to go: nothing yet; nor for anyone once it has expired.
    await sweepExpiringQuotes(db, on(addDays(last, -7)));
    await sweepExpiringQuotes(db, on(addDays(last, 1)));
    expect(await mine()).toEqual([]);

    // Three days before: told, once, however often the sweep runs.
    await sweepExpiringQuotes(db, on(addDays(last, -3)));
    await sweepExpiringQuotes(db, on(addDays(last, -2)));
    await sweepExpiringQuotes(db, on(last));
    const told = await mine();
    expect(told.map((n) => n.userId)).toEqual([dealer.userId]);
    expect(told[0]).toMatchObject({ href: `/dealer/quotes/${q.number}`, data: { number: q.number, version: 1, validUntil: last } });

    // A new version made later runs to a later day: its expiry is news again.
    const later = addDays(today, 10);
    const revised = await reviseQuote(db, dealer, q.number, { ...input, discount: { kind: "percent", value: 200 }, expectedLock: q.lockVersion }, new Date(`${later}T09:00:00Z`));
    expect(revised.ok).toBe(true);
    if (!revised.ok) return;
    const newLast = revised.value.versions.at(-1)!.validUntil;
    expect(newLast).not.toBe(last);
    await sweepExpiringQuotes(db, on(addDays(newLast, -1)));
    expect((await mine()).map((n) => n.data.validUntil)).toEqual([last, newLast]);
  });

  it("writes each notice once when two sweeps run at once (two app servers)", async () => {
    const qs = [await quoteFor(dealer), await quoteFor(manager)];
    const now = new Date(`${addDays(qs[0]!.versions[0]!.validUntil, -1)}T09:00:00Z`);
    const written = await Promise.all([sweepExpiringQuotes(db, { now }), sweepExpiringQuotes(db, { now }), sweepExpiringQuotes(db, { now })]);
    for (const q of qs) expect((await notes("quote.expiring", { number: q.number })).map((n) => n.userId)).toEqual([q.createdBy]);
    // Other quotes of the same day may be told in this run too: at least these two, each by exactly one sweep.
    expect(written.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
    expect(await sweepExpiringQuotes(db, { now })).toBe(0);
  });

  it("doesn't tell of a quote that became an order", async () => {
    const q = await quoteFor(dealer);
    const sent = await sendQuote(db, dealer, q.number, q.lockVersion);
    if (!sent.ok) throw new Error(sent.problem.message);
    const signed = await signQuote(db, dealer, q.number, { signature: "M 1 1 L 2 2", expectedLock: sent.value.lockVersion });
    if (!signed.ok) throw new Error(signed.problem.message);
    const ordered = await orderFromQuote(db, dealer, q.number, {
      version: 1,
      contact: { name: "Jonas Meyer", email: "jonas@example.test", phone: "+49 89 555", street: "Marienplatz 1", postalCode: "80331", city: "München", country: "DE" },
    });
    expect(ordered.ok).toBe(true);
    await sweepExpiringQuotes(db, { now: new Date(`${addDays(q.versions[0]!.validUntil, -1)}T09:00:00Z`) });
    expect(await notes("quote.expiring", { number: q.number })).toEqual([]);
  });
});
