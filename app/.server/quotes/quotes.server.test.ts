/**
 * Dealers' customers and quotes against a real database (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL) and the real engine on the demo catalog:
 * the dealership as the boundary, discounts over the cap waiting for a sales
 * manager, versions, signatures, and a quote becoming exactly one order.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { notifications, orders, quoteVersions, users } from "#db/schema";
import { seed } from "#db/seed";
import { createTestDb, type TestDb } from "#db/test-db";
import type { Contact } from "~/domain/forms/order";
import { addDays, dayOf } from "~/domain/orders";
import { discountedBreakdown, applyDiscount } from "~/domain/quotes";
import { demoSedan, userId } from "~/.server/configurations/configurations.testing";
import { getOrder } from "~/.server/orders/orders.server";
import {
  addCustomer,
  createQuote,
  dealerContext,
  decideDiscount,
  getCustomer,
  getQuote,
  listQuotes,
  orderFromQuote,
  reviseQuote,
  searchCustomers,
  sendQuote,
  signQuote,
  type DealerContext,
  type QuoteInput,
} from "./quotes.server";

let t: TestDb;
let db: Db;
let dealer: DealerContext;
let manager: DealerContext;
let otherDealer: DealerContext;
let input: QuoteInput;
let listNet: number;

const SEDAN = "sedan-a6l";
const SIGNATURE = "M 10 10 L 20 25 L 40 12";
const contact: Contact = { name: "Jonas Meyer", email: "jonas@example.test", phone: "+49 89 555", street: "Marienplatz 1", postalCode: "80331", city: "München", country: "DE" };

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  await seed(db, { demo: true });
  dealer = (await dealerContext(db, await userId(db, "dealer@atelier.test")))!;
  manager = (await dealerContext(db, await userId(db, "manager@atelier.test")))!;
  otherDealer = (await dealerContext(db, await userId(db, "dealer2@atelier.test")))!;
  const { choices, price: list } = await demoSedan(db);
  listNet = list.net;
  input = { line: SEDAN, choices, texts: {}, market: "DE", discount: { kind: "percent", value: 300 } };
});

afterAll(async () => {
  await t?.close();
});

let emails = 0;
async function newCustomer(d = dealer) {
  const r = await addCustomer(db, d, { name: `Customer ${++emails}`, email: `c${emails}@example.test`, phone: `+49 30 ${1000 + emails}`, consentToContact: true });
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}

async function newQuote(discount = input.discount, d = dealer) {
  const customer = await newCustomer(d);
  const r = await createQuote(db, d, customer.id, { ...input, discount });
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}

describe("dealers' context and customers", () => {
  it("knows each dealer's dealership, role and cap", () => {
    expect(dealer).toMatchObject({ role: "dealer", capBasisPoints: 500, dealership: { code: "MUC-01", market: "DE", quoteValidityDays: 30 } });
    expect(manager).toMatchObject({ role: "sales_manager", dealershipId: dealer.dealershipId });
    expect(otherDealer.dealershipId).not.toBe(dealer.dealershipId);
  });

  // Name, email and phone are encrypted (decision 045): the search matches whole values through blind indexes,
  // a name by its words, a phone by its digits whatever the spacing; part of a phone number no longer finds anyone.
  it("creates a customer without a password, finds them by name, email or phone, and only in the same dealership", async () => {
    const c = await newCustomer();
    expect(c).toMatchObject({ consentToContact: true, tier: "standard" });
    const [row] = await db.select({ hash: users.passwordHash, role: users.role }).from(users).where(eq(users.id, c.id));
    expect(row).toEqual({ hash: "!unclaimed", role: "customer" });
    const [first, last] = c.name.split(" ");
    for (const q of [c.name, last.toLowerCase(), `${last} ${first}`, c.email.toUpperCase(), c.phone!, c.phone!.replace(/\D/g, "")]) expect((await searchCustomers(db, dealer, q)).map((x) => x.id)).toContain(c.id);
    expect((await searchCustomers(db, dealer, c.phone!.slice(-4))).map((x) => x.id)).not.toContain(c.id);
    expect(await searchCustomers(db, otherDealer, c.name)).toEqual([]);
    expect(await getCustomer(db, otherDealer, c.id)).toBeNull();
    expect(await searchCustomers(db, dealer, "%")).not.toContainEqual(expect.objectContaining({ name: "Clara Becker" }));
  });

  it("links an existing customer account instead of creating a second one, and refuses a staff email", async () => {
    const linked = await addCustomer(db, dealer, { name: "Clara", email: "customer@atelier.test", consentToContact: false });
    expect(linked).toMatchObject({ ok: true, value: { name: "Clara Becker", consentToContact: false } });
    const staff = await addCustomer(db, dealer, { name: "Planner", email: "planner@atelier.test", consentToContact: true });
    expect(staff).toMatchObject({ ok: false, problem: { status: 409, code: "not-a-customer" } });
  });
});

describe("quotes", () => {
  it("prices a quote with the discount off the net and keeps it within the cap without approval", async () => {
    const q = await newQuote();
    const v = q.versions[0]!;
    expect(q.number).toMatch(/^Q-\d{7}$/);
    expect(v).toMatchObject({ version: 1, approval: "not_needed", validUntil: addDays(dayOf(new Date()), 30), signed: false, sentAt: null });
    expect(v.price.discountAmount).toBe(Math.round((listNet * 300) / 10_000));
    expect(v.total).toBe(v.price.total);
  });

  it("refuses a discount below zero or above the price, an incomplete configuration, and a customer of another dealership", async () => {
    const c = await newCustomer();
    expect(await createQuote(db, dealer, c.id, { ...input, discount: { kind: "percent", value: -5 } })).toMatchObject({ ok: false, problem: { status: 400, code: "discount-negative" } });
    expect(await createQuote(db, dealer, c.id, { ...input, discount: { kind: "amount", value: listNet + 1 } })).toMatchObject({ ok: false, problem: { status: 400, code: "discount-above-price" } });
    expect(await createQuote(db, dealer, c.id, { ...input, choices: input.choices.slice(1) })).toMatchObject({ ok: false, problem: { status: 422, code: "invalid-configuration" } });
    expect(await createQuote(db, otherDealer, c.id, input)).toMatchObject({ ok: false, problem: { status: 404 } });
  });

  it("keeps every quote of one dealership away from another (by number, list, revise, sign, approve, order)", async () => {
    const q = await newQuote();
    expect(await getQuote(db, otherDealer, q.number)).toBeNull();
    expect((await listQuotes(db, otherDealer)).map((x) => x.number)).not.toContain(q.number);
    expect(await reviseQuote(db, otherDealer, q.number, { ...input, expectedLock: q.lockVersion })).toMatchObject({ ok: false, problem: { status: 404 } });
    expect(await signQuote(db, otherDealer, q.number, { signature: SIGNATURE, expectedLock: q.lockVersion })).toMatchObject({ ok: false, problem: { status: 404 } });
    expect(await orderFromQuote(db, otherDealer, q.number, { version: 1, contact })).toMatchObject({ ok: false, problem: { status: 404 } });
    const otherManager = { ...otherDealer, role: "sales_manager" as const };
    expect(await decideDiscount(db, otherManager, q.number, { approve: true, comment: "", expectedLock: q.lockVersion })).toMatchObject({ ok: false, problem: { status: 404 } });
  });

  it("sends a discount over the cap to a sales manager, who is notified and approves; a dealer can't approve", async () => {
    const q = await newQuote({ kind: "percent", value: 800 });
    expect(q.versions[0]!.approval).toBe("pending");
    const [note] = await db.select().from(notifications).where(eq(notifications.userId, manager.userId));
    expect(note).toMatchObject({ kind: "quote.approval-requested" });
    expect((await listQuotes(db, manager, { pendingOnly: true })).map((x) => x.number)).toContain(q.number);

    // Not signable while pending.
    expect(await signQuote(db, dealer, q.number, { signature: SIGNATURE, expectedLock: q.lockVersion })).toMatchObject({ ok: false, problem: { code: "awaiting-approval" } });
    expect(await decideDiscount(db, dealer, q.number, { approve: true, comment: "", expectedLock: q.lockVersion })).toMatchObject({ ok: false, problem: { status: 403 } });
    const approved = await decideDiscount(db, manager, q.number, { approve: true, comment: "Loyal customer", expectedLock: q.lockVersion });
    expect(approved).toMatchObject({ ok: true, value: { versions: [{ approval: "approved", approvalComment: "Loyal customer", approvedBy: manager.userId }] } });
    const [dealerNote] = await db.select().from(notifications).where(eq(notifications.userId, dealer.userId));
    expect(dealerNote).toMatchObject({ kind: "quote.approved", data: { number: q.number } });
  });

  it("makes a new version when a sent quote is edited; earlier versions stay readable and can't become an order", async () => {
    const q = await newQuote();
    const sent = await sendQuote(db, dealer, q.number, q.lockVersion);
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    expect(sent.value.versions[0]!.shareCode).toMatch(/^[2-9A-Z]{8}$/);
    const revised = await reviseQuote(db, dealer, q.number, { ...input, discount: { kind: "amount", value: 1000 }, expectedLock: sent.value.lockVersion });
    expect(revised.ok).toBe(true);
    if (!revised.ok) return;
    expect(revised.value.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(revised.value.versions[0]!.discount).toEqual({ kind: "percent", value: 300 });
    expect(revised.value.versions[1]!.discount).toEqual({ kind: "amount", value: 1000 });
    // A stale lock is refused.
    expect(await reviseQuote(db, dealer, q.number, { ...input, expectedLock: sent.value.lockVersion })).toMatchObject({ ok: false, problem: { status: 409, code: "stale" } });
    expect(await orderFromQuote(db, dealer, q.number, { version: 1, contact })).toMatchObject({ ok: false, problem: { status: 409, code: "superseded" } });
  });

  it("refuses an empty or unreadable signature and an expired quote", async () => {
    const q = await newQuote();
    expect(await signQuote(db, dealer, q.number, { signature: "  ", expectedLock: q.lockVersion })).toMatchObject({ ok: false, problem: { status: 400, code: "empty-signature" } });
    expect(await signQuote(db, dealer, q.number, { signature: "<script>", expectedLock: q.lockVersion })).toMatchObject({ ok: false, problem: { status: 400 } });
    const later = new Date(Date.now() + 31 * 86_400_000);
    expect(await signQuote(db, dealer, q.number, { signature: SIGNATURE, expectedLock: q.lockVersion }, later)).toMatchObject({ ok: false, problem: { status: 409, code: "expired" } });
    const [{ n }] = await db.select({ n: count() }).from(quoteVersions).where(eq(quoteVersions.signedAt, later));
    expect(n).toBe(0);
  });

  it("turns a signed quote into exactly one order with the discounted price, linked both ways", async () => {
    const q = await newQuote();
    const signed = await signQuote(db, dealer, q.number, { signature: SIGNATURE, expectedLock: q.lockVersion });
    expect(signed.ok).toBe(true);
    const before = (await db.select({ n: count() }).from(orders))[0]!.n;
    const [a, b] = await Promise.all([orderFromQuote(db, dealer, q.number, { version: 1, contact }), orderFromQuote(db, dealer, q.number, { version: 1, contact })]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.value.number).toBe(a.value.number);
    expect((await db.select({ n: count() }).from(orders))[0]!.n).toBe(before + 1);
    const v = q.versions[0]!;
    expect(a.value).toMatchObject({ customerId: q.customer.id, dealershipId: dealer.dealershipId, placedBy: dealer.userId, total: v.total });
    expect(a.value.price).toEqual(discountedBreakdown(applyDiscount(v.price.list, v.discount)));
    expect((await getQuote(db, dealer, q.number))!.orderNumber).toBe(a.value.number);
    // The dealer's colleagues see it; another dealership doesn't (the query finds who works where).
    expect(await getOrder(db, { id: manager.userId, role: "sales_manager" }, a.value.number)).not.toBeNull();
    expect(await getOrder(db, { id: otherDealer.userId, role: "dealer" }, a.value.number)).toBeNull();
  });

  it("still refuses a second order of a quote once the order's idempotency key is forgotten (decision 044)", async () => {
    const q = await newQuote();
    await signQuote(db, dealer, q.number, { signature: SIGNATURE, expectedLock: q.lockVersion });
    const first = await orderFromQuote(db, dealer, q.number, { version: 1, contact });
    if (!first.ok) throw new Error(first.problem.message);
    await db.update(orders).set({ idempotencyKey: null, requestHash: null }).where(eq(orders.id, first.value.id));
    const before = (await db.select({ n: count() }).from(orders))[0]!.n;
    expect(await orderFromQuote(db, dealer, q.number, { version: 1, contact })).toMatchObject({ ok: false, problem: { status: 409, code: "already-ordered" } });
    expect((await db.select({ n: count() }).from(orders))[0]!.n).toBe(before);
  });

  it("refuses to order an unsigned quote, or one waiting for approval, and writes nothing", async () => {
    const unsigned = await newQuote();
    const pending = await newQuote({ kind: "percent", value: 900 });
    const before = (await db.select({ n: count() }).from(orders))[0]!.n;
    expect(await orderFromQuote(db, dealer, unsigned.number, { version: 1, contact })).toMatchObject({ ok: false, problem: { code: "not-signed" } });
    expect(await orderFromQuote(db, dealer, pending.number, { version: 1, contact })).toMatchObject({ ok: false, problem: { code: "awaiting-approval" } });
    expect((await db.select({ n: count() }).from(orders))[0]!.n).toBe(before);
  });
});
