/**
 * Issue 10 §4 against a real database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL): delivery applies the tier rule and asks for feedback in
 * its transaction; a sales manager's override needs a reason and is kept in
 * the history, and the rule leaves it alone unless it computes higher;
 * feedback is the owner's, once, on a delivered order; the customer file
 * shows each reader what their permissions allow and logs every opening.
 */
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { customerFileAccess, dealershipCustomers, notifications, tierEvents, users } from "#db/schema";
import type { TestDb } from "#db/test-db";
import { createCustomer, userId } from "~/.server/configurations/configurations.testing";
import type { OrderActor } from "~/.server/orders/orders.server";
import { seededOrdersDb } from "~/.server/orders/orders.testing";
import { addNote, openCustomerFile, type FileReader } from "./customer-file.server";
import { dealershipId, orderThrough } from "./customers.testing";
import { feedbackAverages, giveFeedback } from "./feedback.server";
import { overrideTier, recomputeAllTiers, recomputeTier, tierHistory } from "./tiers.server";

let t: TestDb;
let db: Db;
let clara: OrderActor;
let planner: OrderActor;
let manager: OrderActor;
let dealer: OrderActor;
let munich: string;
let shanghai: string;

beforeAll(async () => {
  ({ t, db, clara, planner } = await seededOrdersDb());
  manager = { id: await userId(db, "manager@atelier.test"), role: "sales_manager" };
  dealer = { id: await userId(db, "dealer@atelier.test"), role: "dealer" };
  munich = await dealershipId(db, "MUC-01");
  shanghai = await dealershipId(db, "SHA-01");
}, 120_000);

afterAll(async () => {
  await t?.close();
});

/** A fresh customer of München (linked as its customer). */
async function newCustomer(email: string): Promise<OrderActor> {
  const id = await createCustomer(db, email);
  await db.insert(dealershipCustomers).values({ dealershipId: munich, customerId: id, consentToContact: true });
  return { id, role: "customer" };
}

const tierOf = async (id: string) => (await db.select({ tier: users.tier }).from(users).where(eq(users.id, id)))[0]!.tier;

describe("tiers", () => {
  it("delivery raises a new customer to silver, a second delivery to gold, each change kept as computed", async () => {
    const ada = await newCustomer("ada@example.test");
    expect(await tierOf(ada.id)).toBe("standard");
    await orderThrough(db, planner, ada);
    expect(await tierOf(ada.id)).toBe("silver");
    await orderThrough(db, planner, ada);
    expect(await tierOf(ada.id)).toBe("gold");
    const history = await tierHistory(db, ada.id);
    expect(history.map((e) => [e.fromTier, e.toTier, e.source, e.reason, e.actorName])).toEqual([
      ["silver", "gold", "computed", null, null],
      ["standard", "silver", "computed", null, null],
    ]);
    // The recompute finds nothing to change: the rule is the same function.
    expect(await db.transaction((tx) => recomputeTier(tx, ada.id))).toBe("gold");
    expect(await tierHistory(db, ada.id)).toHaveLength(2);
  });

  it("an order that isn't delivered counts for nothing", async () => {
    const bea = await newCustomer("bea@example.test");
    await orderThrough(db, planner, bea, { to: "received" });
    expect(await db.transaction((tx) => recomputeTier(tx, bea.id))).toBe("standard");
  });

  it("an override needs a reason (400, nothing written) and a known tier, and only a sales manager gives it", async () => {
    const cem = await newCustomer("cem@example.test");
    expect(await overrideTier(db, manager, cem.id, { to: "gold", reason: "   " })).toMatchObject({ ok: false, problem: { status: 400, path: "reason" } });
    expect(await overrideTier(db, manager, cem.id, { to: "platinum", reason: "vip" })).toMatchObject({ ok: false, problem: { status: 400, path: "tier" } });
    expect(await overrideTier(db, dealer, cem.id, { to: "gold", reason: "vip" })).toMatchObject({ ok: false, problem: { status: 403 } });
    expect(await overrideTier(db, planner, cem.id, { to: "gold", reason: "vip" })).toMatchObject({ ok: false, problem: { status: 403 } });
    expect(await tierOf(cem.id)).toBe("standard");
    expect(await tierHistory(db, cem.id)).toEqual([]);
    expect(await overrideTier(db, manager, cem.id, { to: "standard", reason: "no change" })).toMatchObject({ ok: false, problem: { status: 409 } });
  });

  it("an override is kept with who, from, to and why, and the rule keeps it unless it computes higher", async () => {
    const dan = await newCustomer("dan@example.test");
    const raised = await overrideTier(db, manager, dan.id, { to: "silver", reason: " fleet customer, 12 cars planned " });
    expect(raised).toEqual({ ok: true, value: "silver" });
    const [event] = await tierHistory(db, dan.id);
    expect(event).toMatchObject({ fromTier: "standard", toTier: "silver", source: "override", reason: "fleet customer, 12 cars planned", actorName: "Miriam Schulz" });
    // No deliveries: the rule computes standard, which is lower — the override stands.
    await recomputeAllTiers(db);
    expect(await tierOf(dan.id)).toBe("silver");
    // Two deliveries: the rule computes gold, higher than the override — the rule wins.
    await orderThrough(db, planner, dan);
    expect(await tierOf(dan.id)).toBe("silver");
    await orderThrough(db, planner, dan);
    expect(await tierOf(dan.id)).toBe("gold");
    expect((await tierHistory(db, dan.id))[0]).toMatchObject({ fromTier: "silver", toTier: "gold", source: "computed" });
  });

  it("the seeded gold customer is gold by override, so a recompute keeps her", async () => {
    await recomputeAllTiers(db);
    expect(await tierOf(clara.id)).toBe("gold");
    expect((await db.select().from(tierEvents).where(eq(tierEvents.customerId, clara.id)))[0]).toMatchObject({ source: "override", toTier: "gold" });
  });
});

describe("feedback after delivery", () => {
  it("delivery asks the customer with a notification linking to the order's form", async () => {
    const eva = await newCustomer("eva@example.test");
    const order = await orderThrough(db, planner, eva);
    const asks = await db.select().from(notifications).where(and(eq(notifications.userId, eva.id), eq(notifications.kind, "order.feedback")));
    expect(asks).toHaveLength(1);
    expect(asks[0]!.href).toBe(`/orders/${order.number}#feedback`);
  });

  it("only the owner, only once delivered, only once", async () => {
    const fay = await newCustomer("fay@example.test");
    const open = await orderThrough(db, planner, fay, { to: "received" });
    const rating = { product: 5, delivery: 4, comment: "lovely" };
    expect(await giveFeedback(db, fay, open.number, rating)).toMatchObject({ ok: false, problem: { status: 409, code: "not-delivered" } });
    const done = await orderThrough(db, planner, fay);
    expect(await giveFeedback(db, clara, done.number, rating)).toMatchObject({ ok: false, problem: { status: 404 } });
    expect(await giveFeedback(db, fay, done.number, { ...rating, dealer: 3 })).toMatchObject({ ok: false, problem: { status: 400, path: "dealer" } });
    expect(await giveFeedback(db, fay, done.number, rating)).toMatchObject({ ok: true, value: { productRating: 5, dealerRating: null, deliveryRating: 4, comment: "lovely" } });
    expect(await giveFeedback(db, fay, done.number, { product: 1, delivery: 1 })).toMatchObject({ ok: false, problem: { status: 409, code: "already-given" } });
    const averages = await feedbackAverages(db);
    expect(averages.find((a) => a.line === done.line)).toMatchObject({ count: 1, product: 5, dealer: null, delivery: 4 });
  });
});

describe("the customer file", () => {
  const reader = (actor: OrderActor, dealershipId: string | null): FileReader => ({ ...actor, dealershipId });
  const accessRows = async (customerId: string) =>
    (await db.select({ n: count() }).from(customerFileAccess).where(eq(customerFileAccess.customerId, customerId)))[0]!.n;

  it("a dealer reads contact details, a planner reads name, tier, orders and notes but no phone, address or email", async () => {
    const gil = await newCustomer("gil@example.test");
    await db.update(users).set({ phone: "+49 89 1234", address: { street: "Hauptstr. 1", postalCode: "80331", city: "München", country: "DE" } }).where(eq(users.id, gil.id));
    await orderThrough(db, planner, gil, { dealer, dealershipId: munich, to: "received" });
    expect(await addNote(db, reader(dealer, munich), gil.id, "prefers calls after 18:00")).toMatchObject({ ok: true });

    const forDealer = (await openCustomerFile(db, reader(dealer, munich), gil.id))!;
    expect(forDealer.contact).toMatchObject({ email: "gil@example.test", phone: "+49 89 1234", address: { city: "München" } });
    expect(forDealer.orders).toHaveLength(1);
    expect(forDealer.notes.map((n) => [n.body, n.authorName])).toEqual([["prefers calls after 18:00", "Daniel Weber"]]);
    expect(forDealer.access).toBeNull();

    const forPlanner = (await openCustomerFile(db, reader(planner, null), gil.id))!;
    expect(forPlanner.contact).toBeNull();
    expect(forPlanner.shared).toBeNull();
    expect(JSON.stringify(forPlanner)).not.toMatch(/1234|Hauptstr|gil@example/);
    expect(forPlanner).toMatchObject({ name: expect.any(String), tier: "standard" });
    expect(forPlanner.orders).toHaveLength(1);
    expect(forPlanner.notes).toHaveLength(1);
  });

  it("each opening writes one access row with who and whose file; a customer not reached writes none", async () => {
    const hal = await newCustomer("hal@example.test");
    const before = await accessRows(hal.id);
    await openCustomerFile(db, reader(dealer, munich), hal.id);
    await openCustomerFile(db, reader(planner, null), hal.id);
    expect(await accessRows(hal.id)).toBe(before + 2);
    const rows = await db.select().from(customerFileAccess).where(eq(customerFileAccess.customerId, hal.id));
    expect(rows.map((r) => r.viewerId).sort()).toEqual([dealer.id, planner.id].sort());
    // Shanghai's dealer doesn't reach a München customer: no file, no row.
    const shanghaiDealer = { id: await userId(db, "dealer2@atelier.test"), role: "dealer" as const };
    expect(await openCustomerFile(db, reader(shanghaiDealer, shanghai), hal.id)).toBeNull();
    expect(await addNote(db, reader(shanghaiDealer, shanghai), hal.id, "hello")).toMatchObject({ ok: false, problem: { status: 404 } });
    expect(await accessRows(hal.id)).toBe(before + 2);
    // Admins read the log on the file.
    const admin = { id: await userId(db, "admin@atelier.test"), role: "admin" as const };
    const forAdmin = (await openCustomerFile(db, reader(admin, null), hal.id))!;
    expect(forAdmin.access).toHaveLength(3);
  });

  it("staff accounts have no file, and the maker's staff may not open one as a dealership", async () => {
    expect(await openCustomerFile(db, reader(planner, null), dealer.id)).toBeNull();
    expect(await openCustomerFile(db, reader(dealer, null), clara.id)).toBeNull();
  });
});
