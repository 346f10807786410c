/**
 * GDPR export and erasure (decision 046), through the pages, on a real seeded
 * database: a customer downloads all their data as JSON and erases their
 * account (typing their email); an admin does both on request. After
 * erasure no personal data is left, orders keep their financial record,
 * sessions and tokens are gone, and the audit log says who erased it.
 * Sent mail is purged after its retention.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { apiTokens, auditLog, customerNotes, dealerships, emailOutbox, leads, orderFeedback, orders, sessions, shareCodes, users } from "#db/schema";
import { saveConfiguration } from "~/.server/configurations/configurations.server";
import { createCustomer, demoSedan, sessionCookie, signInPeople, useSeededProcessDb, userId, type People, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { signIn, signUp } from "~/.server/auth/auth.server";
import { placeOrder } from "~/.server/orders/orders.server";
import { demoOrderInput } from "~/.server/orders/orders.testing";
import { eraseAccount } from "~/.server/privacy/erasure.server";
import { emailIndex } from "~/.server/privacy/personal-data.server";
import { purgeOldMail } from "~/.server/platform/retention.server";
import { action, loader } from "./account.privacy";
import { action as adminAction, loader as adminLoader } from "./admin.users.$id.privacy";
import { run } from "./pages.testing";

let pdb: ProcessDb;
let db: Db;
let people: People;
let admin: string;
let adminCookie: string;

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  people = await signInPeople(db);
  admin = await userId(db, "admin@atelier.test");
  adminCookie = await sessionCookie(db, admin);
}, 60_000);
afterAll(async () => {
  await pdb?.close();
});

const request = (path: string, cookie: string, form?: Record<string, string>) => {
  const init: RequestInit = { headers: { Cookie: cookie } };
  if (form) {
    const body = new FormData();
    for (const [k, v] of Object.entries(form)) body.append(k, v);
    Object.assign(init, { method: "POST", body });
  }
  return new Request(`http://localhost${path}`, init);
};

/** A customer with a session, an API token, a saved configuration and an order (which wrote a notification and an email). */
async function customerWithHistory(email: string, name: string) {
  const id = await createCustomer(db, email);
  await db.update(users).set({ name, phone: "+49 171 9990001" }).where(eq(users.id, id));
  const cookie = await sessionCookie(db, id);
  await db.insert(apiTokens).values({ userId: id, tokenHash: `hash-${id}`, label: "script" });
  const sedan = await demoSedan(db);
  const saved = await saveConfiguration(db, id, { line: sedan.loaded.line.code, choices: sedan.choices, texts: {}, name: `${name}'s sedan` });
  if (!saved.ok) throw new Error("not saved");
  const input = await demoOrderInput(db);
  const contact = { name, email, phone: "+49 171 9990001", street: "Geheimweg 7", postalCode: "80331", city: "München", country: "DE" };
  const placed = await placeOrder(db, { id, role: "customer" }, { ...input, contact, idempotencyKey: `privacy-${id}` });
  if (!placed.ok) throw new Error(JSON.stringify(placed));
  return { id, cookie, contact };
}

async function everyRowAsText(): Promise<string> {
  const result = (await db.execute(sql`select string_agg(t::text, E'\n') as all from (select * from users) t`)) as unknown;
  const users_ = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { all: string }[];
  const tables = ["orders", "email_outbox", "notifications", "configurations", "sessions", "audit_log", "leads", "share_codes"];
  let text = users_[0].all ?? "";
  for (const table of tables) {
    const r = (await db.execute(sql`select coalesce(string_agg(t::text, E'\n'), '') as all from ${sql.identifier(table)} t`)) as unknown;
    text += ((Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { all: string }[])[0].all;
  }
  return text;
}

describe("a customer's own data", () => {
  it("downloads as JSON with profile, consents, configurations, quotes, orders, feedback and notifications", async () => {
    const me = await customerWithHistory("export.me@example.test", "Edda Exportova");
    const out = await run(loader, request("/account/privacy?format=json", me.cookie));
    expect(out.response?.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(out.response?.headers.get("Content-Disposition")).toMatch(/^attachment; filename="atelier-personal-data-\d{4}-\d\d-\d\d\.json"$/);
    const data = (await out.response!.json()) as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(expect.arrayContaining(["profile", "consents", "configurations", "quotes", "orders", "feedback", "notifications"]));
    expect(data.profile).toMatchObject({ email: "export.me@example.test", name: "Edda Exportova", phone: "+49 171 9990001" });
    expect(data.orders).toEqual([expect.objectContaining({ contact: me.contact, history: [expect.objectContaining({ to: "received" })] })]);
    expect(data.configurations).toEqual([expect.objectContaining({ name: "Edda Exportova's sedan" })]);
    expect((data.notifications as unknown[]).length).toBeGreaterThan(0);
    // Recorded: someone read this person's data.
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "user.export"), eq(auditLog.subjectId, me.id)));
    expect(entry).toMatchObject({ actorId: me.id });
  });

  it("is erased only after typing the account's email; then nothing personal is left, the order's money stays, and the session is over", async () => {
    const me = await customerWithHistory("erase.me@example.test", "Ernestine Loeschmann");
    await db.update(orders).set({ texts: { inscription: "FUER ERNESTINE" } }).where(eq(orders.customerId, me.id));
    const [orderBefore] = await db.select().from(orders).where(eq(orders.customerId, me.id));
    // What else names her: a lead she sent as a visitor with her email, a staff note about her, her feedback's comment.
    const [dealership] = await db.select({ id: dealerships.id }).from(dealerships).limit(1);
    await db.insert(shareCodes).values({ code: "ERASE234", lineCode: orderBefore.lineCode, catalogVersionId: orderBefore.catalogVersionId, choices: orderBefore.choices, texts: {} });
    await db.insert(leads).values({ dealershipId: dealership.id, name: "Ernestine L.", email: "Erase.Me@example.test", emailIndex: emailIndex("Erase.Me@example.test"), shareCode: "ERASE234", clientAddress: "192.0.2.1" });
    await db.insert(customerNotes).values({ customerId: me.id, dealershipId: dealership.id, body: "Ernestine mag Blau" });
    await db.insert(orderFeedback).values({ orderId: orderBefore.id, customerId: me.id, productRating: 5, deliveryRating: 5, comment: "Danke, Ernestine" });
    // Her order's confirmation names her in its text and its HTML (the one with the picture, decision 050).
    const [confirmation] = (await db.select().from(emailOutbox)).filter((m) => m.toAddress === "erase.me@example.test");
    expect(confirmation!.body).toContain("Ernestine Loeschmann");
    expect(confirmation!.html).toContain("Ernestine Loeschmann");
    expect(confirmation!.picture).not.toBeNull();

    const wrong = await run(action, request("/account/privacy", me.cookie, { confirm: "someone@else.test" }));
    expect(wrong.status).toBe(400);
    expect((await db.select({ erasedAt: users.erasedAt }).from(users).where(eq(users.id, me.id)))[0].erasedAt).toBeNull();

    const done = await run(action, request("/account/privacy", me.cookie, { confirm: "Erase.Me@example.test" }));
    expect(done.status).toBe(302);
    expect(done.response!.headers.get("Location")).toBe("/?erased=1");
    expect(done.response!.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);

    // Signed out for good: the old cookie no longer opens the page, tokens are gone, the password can't sign in.
    expect((await run(loader, request("/account/privacy", me.cookie))).status).toBe(302);
    expect(await db.select().from(sessions).where(eq(sessions.userId, me.id))).toEqual([]);
    expect(await db.select().from(apiTokens).where(eq(apiTokens.userId, me.id))).toEqual([]);
    expect(await signIn(db, { email: "erase.me@example.test", password: "whatever-password-1" })).toMatchObject({ ok: false, status: 401 });

    const [user] = await db.select().from(users).where(eq(users.id, me.id));
    expect(user).toMatchObject({ email: `erased-${me.id}@invalid`, emailIndex: null, phone: null, address: null, nameIndex: null });
    expect(user.erasedAt).not.toBeNull();
    const [orderAfter] = await db.select().from(orders).where(eq(orders.id, orderBefore.id));
    expect(orderAfter).toMatchObject({ total: orderBefore.total, currency: orderBefore.currency, price: orderBefore.price, status: orderBefore.status, choices: orderBefore.choices });
    expect(orderAfter.contact).toMatchObject({ email: "", phone: "", street: "", country: "DE" });
    expect(orderAfter.texts).toEqual({});
    expect(await db.select().from(leads).where(eq(leads.emailIndex, emailIndex("erase.me@example.test")))).toEqual([]);
    expect(await db.select().from(customerNotes).where(eq(customerNotes.customerId, me.id))).toEqual([]);
    expect(await db.select({ rating: orderFeedback.productRating, comment: orderFeedback.comment }).from(orderFeedback).where(eq(orderFeedback.orderId, orderBefore.id))).toEqual([{ rating: 5, comment: null }]);
    expect((await db.select().from(emailOutbox)).filter((m) => m.toAddress === "erase.me@example.test")).toEqual([]);

    const dump = await everyRowAsText();
    for (const personal of ["Ernestine", "Loeschmann", "erase.me@example.test", "171 9990001", "Geheimweg"]) expect(dump).not.toContain(personal);

    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "user.erase"), eq(auditLog.subjectId, me.id)));
    expect(entry).toMatchObject({ actorId: me.id, subject: "user", after: { self: true, orders: 1, quotes: 0 } });

    // The email is free again: the person may come back as a new customer.
    expect(await signUp(db, { email: "erase.me@example.test", name: "Back Again", clientAddress: "192.0.2.90" })).toEqual({ ok: true });
    const [back] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.emailIndex, emailIndex("erase.me@example.test")));
    expect(back).toMatchObject({ name: "Back Again" });
    expect(back.id).not.toBe(me.id);
    expect(await eraseAccount(db, me.id, me.id)).toMatchObject({ ok: false, problem: { status: 409, code: "already-erased" } });
  });
});

describe("an admin, on a person's request", () => {
  it("downloads and erases a customer's data, recorded as the admin's doing; staff accounts are not erased", async () => {
    const them = await customerWithHistory("by.admin@example.test", "Adelheid Anfrage");
    const exported = await run(adminLoader, request(`/admin/users/${them.id}/privacy?format=json`, adminCookie), { id: them.id });
    expect(((await exported.response!.json()) as { profile: { email: string } }).profile.email).toBe("by.admin@example.test");
    expect((await run(adminLoader, request(`/admin/users/${them.id}/privacy`, people.claraCookie), { id: them.id })).status).toBe(403);
    expect((await run(adminLoader, request("/admin/users/not-an-id/privacy", adminCookie), { id: "not-an-id" })).status).toBe(404);

    const erased = await run(adminAction, request(`/admin/users/${them.id}/privacy`, adminCookie, { confirm: "by.admin@example.test" }), { id: them.id });
    expect(erased).toMatchObject({ status: 200, data: { done: true } });
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "user.erase")).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ actorId: admin, subjectId: them.id, after: { self: false } });
    expect(await db.select().from(users).where(eq(users.emailIndex, emailIndex("by.admin@example.test")))).toEqual([]);

    const dealer = people.dealer;
    const refused = await run(adminAction, request(`/admin/users/${dealer}/privacy`, adminCookie, { confirm: "dealer@atelier.test" }), { id: dealer });
    expect(refused.status).toBe(409);
  });
});

describe("sent mail", () => {
  it("is purged after delivery plus the retention period; unsent and recent mail stays", async () => {
    const now = new Date("2031-06-30T12:00:00Z");
    const days = (n: number) => new Date(now.getTime() - n * 24 * 60 * 60 * 1000);
    const [old, recent, unsent] = await db
      .insert(emailOutbox)
      .values([
        { toAddress: "old@example.test", subject: "s", body: "b", createdAt: days(40), sentAt: days(31) },
        { toAddress: "recent@example.test", subject: "s", body: "b", createdAt: days(40), sentAt: days(29) },
        { toAddress: "unsent@example.test", subject: "s", body: "b", createdAt: days(40) },
      ])
      .returning({ id: emailOutbox.id });
    await purgeOldMail(db, now, 30);
    const left = (await db.select({ id: emailOutbox.id }).from(emailOutbox)).map((m) => m.id);
    expect(left).not.toContain(old.id);
    expect(left).toEqual(expect.arrayContaining([recent.id, unsent.id]));
  });
});
