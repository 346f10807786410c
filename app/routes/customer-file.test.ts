/**
 * Issue 10 §4 through the pages (loaders and actions called with real
 * sessions against a real seeded database: PGlite, or PostgreSQL with
 * TEST_DATABASE_URL): a tier override needs a reason and is kept in the
 * history; feedback only by the owner, only once delivered, ratings 1–5 else
 * 400, once; staff notes; what a planner's file lacks (phone, address,
 * email); one access row per opening; another dealership's customer refused.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { customerFileAccess, customerNotes, orderFeedback, users } from "#db/schema";
import { sessionCookie, signInAs, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { orderThrough } from "~/.server/customers/customers.testing";
import { tierHistory } from "~/.server/customers/tiers.server";
import type { OrderActor } from "~/.server/orders/orders.server";
import { addCustomer, dealerContext } from "~/.server/quotes/quotes.server";
import { action as fileAction, loader as fileLoader } from "./customers.$id";
import { action as dealerFileAction, loader as dealerFileLoader } from "./dealer.customers.$id";
import { action as orderAction, loader as orderLoader } from "./orders.$number._index";
import { loader as profileLoader } from "./account.profile";
import { loader as demandLoader } from "./planning.demand";
import { run } from "./pages.testing";

let pdb: ProcessDb;
let db: Db;
let planner: OrderActor;
let ida: OrderActor;
const cookies = { ida: "", other: "", dealer: "", manager: "", dealer2: "", planner: "" };

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  planner = { id: await userId(db, "planner@atelier.test"), role: "planner" };
  const munich = (await dealerContext(db, await userId(db, "dealer@atelier.test")))!;
  const added = await addCustomer(db, munich, { name: "Ida Krause", email: "ida@example.test", phone: "+49 89 555 0101", consentToContact: true });
  if (!added.ok) throw new Error(added.problem.message);
  ida = { id: added.value.id, role: "customer" };
  await db.update(users).set({ address: { street: "Isarweg 7", postalCode: "80469", city: "München", country: "DE" } }).where(eq(users.id, ida.id));
  cookies.ida = await sessionCookie(db, ida.id);
  cookies.other = await signInAs(db, "customer@atelier.test");
  cookies.dealer = await signInAs(db, "dealer@atelier.test");
  cookies.manager = await signInAs(db, "manager@atelier.test");
  cookies.dealer2 = await signInAs(db, "dealer2@atelier.test");
  cookies.planner = await signInAs(db, "planner@atelier.test");
}, 120_000);

afterAll(async () => {
  await pdb?.close();
});

const get = (path: string, cookie: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
const post = (path: string, fields: Record<string, string>, cookie: string) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(`http://localhost${path}`, { method: "POST", body, headers: { Cookie: cookie } });
};
const accessRows = async () => (await db.select({ n: count() }).from(customerFileAccess).where(eq(customerFileAccess.customerId, ida.id)))[0]!.n;
type FileData = { file: { contact: unknown; tier: string; orders: unknown[]; notes: { body: string }[]; feedback: unknown[] }; canOverride: boolean };

describe("feedback on the order page", () => {
  it("only the owner, only once delivered, ratings 1 to 5, once", async () => {
    const open = await orderThrough(db, planner, ida, { to: "received" });
    const path = (n: string) => `/orders/${n}`;
    const good = { intent: "feedback", product: "5", delivery: "4", comment: "Smooth handover" };
    // Not delivered yet: 409, nothing written, and no form on the page.
    expect((await run(orderAction, post(path(open.number), good, cookies.ida), { number: open.number })).status).toBe(409);
    expect((await run<{ canRate: boolean }>(orderLoader, get(path(open.number), cookies.ida), { number: open.number })).data?.canRate).toBe(false);

    const done = await orderThrough(db, planner, ida);
    const params = { number: done.number };
    expect((await run<{ canRate: boolean }>(orderLoader, get(path(done.number), cookies.ida), params)).data?.canRate).toBe(true);
    // Another customer: the order is not theirs (404, as the page answers for it).
    expect((await run(orderAction, post(path(done.number), good, cookies.other), params)).status).toBe(404);
    // Out of range, not a number, a fraction: 400 on the field, nothing written.
    for (const bad of [{ product: "6" }, { product: "0" }, { delivery: "x" }, { delivery: "2.5" }, { product: "" }]) {
      expect((await run(orderAction, post(path(done.number), { ...good, ...bad }, cookies.ida), params)).status, JSON.stringify(bad)).toBe(400);
    }
    expect(await db.select().from(orderFeedback).where(eq(orderFeedback.orderId, done.id))).toEqual([]);

    const given = await run(orderAction, post(path(done.number), good, cookies.ida), params);
    expect(given.status).toBe(302);
    const [row] = await db.select().from(orderFeedback).where(eq(orderFeedback.orderId, done.id));
    expect(row).toMatchObject({ productRating: 5, deliveryRating: 4, dealerRating: null, comment: "Smooth handover", customerId: ida.id });
    // Once: a second rating is refused and the first stays.
    expect((await run(orderAction, post(path(done.number), { ...good, product: "1" }, cookies.ida), params)).status).toBe(409);
    expect((await db.select().from(orderFeedback).where(eq(orderFeedback.orderId, done.id)))[0]!.productRating).toBe(5);
    // Staff who see the order see the rating on it.
    const forPlanner = await run<{ feedback: { productRating: number } | null; canRate: boolean }>(orderLoader, get(path(done.number), cookies.planner), params);
    expect(forPlanner.data).toMatchObject({ feedback: { productRating: 5 }, canRate: false });
  });

  it("planners see the averages per product line on the demand page", async () => {
    const demand = await run<{ ratings: { line: string; count: number; product: number; delivery: number }[] }>(demandLoader, get("/planning/demand", cookies.planner));
    expect(demand.data?.ratings).toEqual([expect.objectContaining({ line: "sedan-a6l", count: 1, product: 5, delivery: 4, dealer: null })]);
  });

  it("the customer sees their tier and what it gives on their profile (raised to silver by the delivery)", async () => {
    const profile = await run<{ tier: string }>(profileLoader, get("/account/profile", cookies.ida));
    expect(profile.data?.tier).toBe("silver");
  });
});

describe("the customer file pages", () => {
  const dealerPath = () => `/dealer/customers/${ida.id}`;
  const makerPath = () => `/customers/${ida.id}`;

  it("a planner's file has name, tier, orders and feedback but no email, phone or address; a dealer's has them", async () => {
    const forPlanner = await run<FileData>(fileLoader, get(makerPath(), cookies.planner), { id: ida.id });
    expect(forPlanner.status).toBe(200);
    expect(forPlanner.data!.file).toMatchObject({ contact: null, tier: "silver" });
    expect(forPlanner.data!.file.orders.length).toBeGreaterThan(0);
    expect(forPlanner.data!.file.feedback).toHaveLength(1);
    expect(JSON.stringify(forPlanner.data)).not.toMatch(/555 0101|Isarweg|ida@example/);

    const forDealer = await run<FileData>(dealerFileLoader, get(dealerPath(), cookies.dealer), { id: ida.id });
    expect(forDealer.data!.file.contact).toMatchObject({ email: "ida@example.test", phone: "+49 89 555 0101", address: { street: "Isarweg 7" } });
    expect(forDealer.data!.canOverride).toBe(false);
  });

  it("each opening writes one access row naming who opened whose file", async () => {
    const before = await accessRows();
    await run(fileLoader, get(makerPath(), cookies.planner), { id: ida.id });
    expect(await accessRows()).toBe(before + 1);
    await run(dealerFileLoader, get(dealerPath(), cookies.dealer), { id: ida.id });
    expect(await accessRows()).toBe(before + 2);
    const [last] = await db.select().from(customerFileAccess).where(eq(customerFileAccess.customerId, ida.id)).orderBy(customerFileAccess.id).limit(1).offset(before + 1);
    expect(last).toMatchObject({ viewerId: await userId(db, "dealer@atelier.test"), customerId: ida.id });
  });

  it("another dealership's customer is refused (403) and its opening is not logged; a dealer sent to the maker's page goes to their own", async () => {
    const before = await accessRows();
    expect((await run(dealerFileLoader, get(dealerPath(), cookies.dealer2), { id: ida.id })).status).toBe(403);
    expect((await run(dealerFileAction, post(dealerPath(), { intent: "note", body: "hi" }, cookies.dealer2), { id: ida.id })).status).toBe(403);
    const redirected = await run(fileLoader, get(makerPath(), cookies.dealer2), { id: ida.id });
    expect(redirected.status).toBe(302);
    expect(redirected.response?.headers.get("Location")).toBe(dealerPath());
    expect(await accessRows()).toBe(before);
    expect(await db.select().from(customerNotes).where(eq(customerNotes.customerId, ida.id))).toEqual([]);
    // A customer has no file to open at all.
    expect((await run(fileLoader, get(makerPath(), cookies.other), { id: ida.id })).status).toBe(403);
  });

  it("notes: an empty one is 400, a planner's and a dealer's are kept with author and date and read by both", async () => {
    expect((await run(fileAction, post(makerPath(), { intent: "note", body: "   " }, cookies.planner), { id: ida.id })).status).toBe(400);
    expect((await run(fileAction, post(makerPath(), { intent: "note", body: "Asked to move delivery to a Saturday" }, cookies.planner), { id: ida.id })).status).toBe(200);
    expect((await run(dealerFileAction, post(dealerPath(), { intent: "note", body: "Interested in the estate" }, cookies.dealer), { id: ida.id })).status).toBe(200);
    const rows = await db.select().from(customerNotes).where(eq(customerNotes.customerId, ida.id));
    expect(rows.map((r) => [r.body, r.authorId])).toEqual([
      ["Asked to move delivery to a Saturday", planner.id],
      ["Interested in the estate", await userId(db, "dealer@atelier.test")],
    ]);
    const forPlanner = await run<FileData>(fileLoader, get(makerPath(), cookies.planner), { id: ida.id });
    expect(forPlanner.data!.file.notes.map((n) => n.body)).toEqual(["Interested in the estate", "Asked to move delivery to a Saturday"]);
  });

  it("a tier override needs a sales manager and a reason, and is kept in the history", async () => {
    const override = (fields: Record<string, string>, cookie: string) => run(dealerFileAction, post(dealerPath(), { intent: "tier", ...fields }, cookie), { id: ida.id });
    expect((await override({ tier: "gold", reason: "long-standing fleet customer" }, cookies.dealer)).status).toBe(403);
    expect((await run(fileAction, post(makerPath(), { intent: "tier", tier: "gold", reason: "x" }, cookies.planner), { id: ida.id })).status).toBe(403);
    expect((await override({ tier: "gold", reason: "" }, cookies.manager)).status).toBe(400);
    expect((await override({ tier: "diamond", reason: "why not" }, cookies.manager)).status).toBe(400);
    expect((await override({ tier: "silver", reason: "same" }, cookies.manager)).status).toBe(409);
    const before = await tierHistory(db, ida.id);
    expect((await override({ tier: "gold", reason: "long-standing fleet customer" }, cookies.manager)).status).toBe(200);
    const after = await tierHistory(db, ida.id);
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({ fromTier: "silver", toTier: "gold", source: "override", reason: "long-standing fleet customer", actorName: "Miriam Schulz" });
    const forManager = await run<FileData>(dealerFileLoader, get(dealerPath(), cookies.manager), { id: ida.id });
    expect(forManager.data).toMatchObject({ file: { tier: "gold" }, canOverride: true });
  });
});
