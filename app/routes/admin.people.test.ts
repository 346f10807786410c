/**
 * The admins' people and places against a real seeded database (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL), through the routes as Remix calls them:
 * invitations end to end (invite → the outbox email's link → set password →
 * sign in), one-time links that are used, expired or unknown, role changes
 * and their guard rails, deactivation ending sessions at once, claim links
 * for customers dealers create, dealerships (and that their quotes and the
 * customers' dealer choice see an edit), and the audit log's filter, pages
 * and CSV. Every refused change answers 4xx and writes nothing.
 */
import { and, desc, eq, isNull, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { accountTokens, auditLog, dealershipMembers, dealerships, emailOutbox, sessions, users } from "#db/schema";
import { emailIndex } from "~/.server/privacy/personal-data.server";
import { deactivateUser, reactivateUser } from "~/.server/admin/users.server";
import { sendAccountLink } from "~/.server/auth/account-tokens.server";
import { createApiToken, findTokenUser } from "~/.server/auth/api-tokens.server";
import { getUser, signIn } from "~/.server/auth/auth.server";
import { createCustomer, demoSedan, sessionCookie, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { overrideTier } from "~/.server/customers/tiers.server";
import { listDealerships } from "~/.server/leads/leads.server";
import { quoteHandover } from "~/.server/quotes/quote-document.server";
import { addCustomer, createQuote, dealerContext, decideDiscount } from "~/.server/quotes/quotes.server";
import * as auditCsv from "./admin.audit[.]csv";
import * as auditPage from "./admin.audit";
import * as dealershipPage from "./admin.dealerships.$id";
import * as dealershipsPage from "./admin.dealerships._index";
import * as setPassword from "./set-password.$token";
import * as usersPage from "./admin.users";
import * as login from "./login";
import { run } from "./pages.testing";

let pdb: ProcessDb;
let db: Db;
let admin: string;
let adminCookie: string;
let munich: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  admin = await userId(db, "admin@atelier.test");
  adminCookie = await sessionCookie(db, admin);
  for (const email of ["dealer@atelier.test", "manager@atelier.test", "planner@atelier.test", "customer@atelier.test"])
    cookies[email] = await sessionCookie(db, await userId(db, email));
  [{ id: munich }] = await db.select({ id: dealerships.id }).from(dealerships).where(eq(dealerships.code, "MUC-01"));
}, 120_000);

afterAll(async () => {
  await pdb?.close();
});

const BASE = "http://localhost";
const get = (path: string, cookie?: string) => new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
const post = (path: string, fields: Record<string, string>, cookie?: string) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(`${BASE}${path}`, { method: "POST", body, headers: cookie ? { Cookie: cookie } : {} });
};
type Reply = { ok?: true; done?: string; userId?: string; code?: string; error?: Record<string, string[]> };
const users_ = (fields: Record<string, string>, cookie = adminCookie) => run<Reply>(usersPage.action, post("/admin/users", fields, cookie));
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

async function auditCount() {
  return (await db.select({ id: auditLog.id }).from(auditLog)).length;
}
async function lastEmailTo(address: string) {
  // Addresses are encrypted (decision 045): filtered after reading.
  const [mail] = (await db.select().from(emailOutbox).orderBy(desc(emailOutbox.id))).filter((m) => m.toAddress === address);
  return mail;
}
/** The one-time token in an email's /set-password/<token> link. */
function tokenIn(body: string): string {
  const match = /\/set-password\/([A-Za-z0-9_-]{43})/.exec(body);
  if (!match) throw new Error(`no link in ${body}`);
  return match[1]!;
}
const cookieOf = (response: Response | undefined) => response?.headers.get("Set-Cookie")?.split(";")[0] ?? "";

describe("admin routes refuse everyone but admins", () => {
  const routes: [string, unknown, string, "GET" | "POST", Record<string, string>?][] = [
    ["users page", usersPage.loader, "/admin/users", "GET"],
    ["users action", usersPage.action, "/admin/users", "POST", { intent: "deactivate", userId: UNKNOWN_ID }],
    ["dealerships page", dealershipsPage.loader, "/admin/dealerships", "GET"],
    ["dealerships action", dealershipsPage.action, "/admin/dealerships", "POST", { intent: "create" }],
    ["dealership page", dealershipPage.loader, "/admin/dealerships/x", "GET"],
    ["dealership action", dealershipPage.action, "/admin/dealerships/x", "POST", { intent: "update" }],
    ["audit page", auditPage.loader, "/admin/audit", "GET"],
    ["audit csv", auditCsv.loader, "/admin/audit.csv", "GET"],
  ];
  it.each(["dealer@atelier.test", "manager@atelier.test", "planner@atelier.test", "customer@atelier.test"])(
    "answers 403 to %s on every admin route",
    async (email) => {
      const before = await auditCount();
      for (const [name, fn, path, method, fields] of routes) {
        const request = method === "GET" ? get(path, cookies[email]) : post(path, fields ?? {}, cookies[email]);
        expect((await run(fn, request, { id: munich })).status, name).toBe(403);
      }
      expect(await auditCount()).toBe(before);
    }
  );

  it("sends a signed-out visitor to sign in", async () => {
    expect((await run(usersPage.loader, get("/admin/users"))).status).toBe(302);
    expect((await run(auditCsv.loader, get("/admin/audit.csv"))).status).toBe(302);
  });
});

describe("invitations", () => {
  it("invite → the email's link → set password → signed in, and the password signs in later", async () => {
    const invited = await users_({ intent: "invite", email: "New.Planner@Example.test", name: "Nora Planner", role: "planner" });
    expect(invited.status).toBe(200);
    expect(invited.data).toMatchObject({ ok: true, done: "invite" });
    const [row] = await db.select().from(users).where(eq(users.emailIndex, emailIndex("new.planner@example.test")));
    expect(row).toMatchObject({ role: "planner", name: "Nora Planner", deactivatedAt: null });

    const mail = await lastEmailTo("new.planner@example.test");
    expect(mail.subject).toBe("You are invited to Atelier");
    const token = tokenIn(mail.body);
    // Only the token's hash is stored.
    const stored = await db.select().from(accountTokens).where(eq(accountTokens.userId, row.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ purpose: "invite", usedAt: null, createdBy: admin });
    expect(stored[0].tokenHash).not.toContain(token);

    const page = await run<{ state: string; purpose: string; email: string }>(setPassword.loader, get(`/set-password/${token}`), { token });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ state: "ok", purpose: "invite", email: "new.planner@example.test" });
    expect(page.headers?.get("Referrer-Policy")).toBe("no-referrer");

    // Mismatched or short passwords: 400 on the field, the token still works.
    const differ = await run<Reply>(setPassword.action, post(`/set-password/${token}`, { password: "planner-secret-1", confirm: "planner-secret-2" }), {
      token,
    });
    expect(differ.status).toBe(400);
    expect(differ.data?.error?.confirm).toEqual(["people.errors.passwordsDiffer"]);
    const short = await run<Reply>(setPassword.action, post(`/set-password/${token}`, { password: "short", confirm: "short" }), { token });
    expect(short.status).toBe(400);
    expect(short.data?.error?.password).toBeTruthy();

    const set = await run(setPassword.action, post(`/set-password/${token}`, { password: "planner-secret-1", confirm: "planner-secret-1" }), { token });
    expect(set.status).toBe(302);
    expect(set.response?.headers.get("Location")).toBe("/planning");
    const signedIn = await getUser(get("/planning", cookieOf(set.response)));
    expect(signedIn?.email).toBe("new.planner@example.test");

    const again = await signIn(db, { email: "new.planner@example.test", password: "planner-secret-1", clientAddress: "test" });
    expect(again.ok).toBe(true);
    const [stored2] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, row.id));
    expect(stored2.hash).toMatch(/^\$argon2id\$/);

    // Used once: the same link is now 410, on the page and on the form.
    expect((await run(setPassword.loader, get(`/set-password/${token}`), { token })).status).toBe(410);
    expect((await run(setPassword.action, post(`/set-password/${token}`, { password: "another-pass-1", confirm: "another-pass-1" }), { token })).status).toBe(
      410
    );

    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.invite"), eq(auditLog.subjectId, row.id)));
    expect(entry).toMatchObject({ actorId: admin, subject: "user", after: { role: "planner", dealershipIds: [] } });
    expect(JSON.stringify(entry)).not.toContain("Nora");
  });

  it("answers an unknown or malformed token with 404 and an expired one with 410, never a 500", async () => {
    for (const token of ["not-a-token", "A".repeat(43), "../../etc/passwd"]) {
      expect((await run(setPassword.loader, get(`/set-password/x`), { token })).status, token).toBe(404);
      expect((await run(setPassword.action, post(`/set-password/x`, { password: "whatever-1", confirm: "whatever-1" }), { token })).status, token).toBe(404);
    }
    const planner = await userId(db, "planner@atelier.test");
    const old = new Date(Date.now() - 3 * 60 * 60 * 1000); // a reset link lives 2 hours
    const token = await db.transaction((tx) => sendAccountLink(tx, { userId: planner, purpose: "reset", createdBy: admin }, old));
    expect((await run(setPassword.loader, get(`/set-password/${token}`), { token })).status).toBe(410);
    expect((await run(setPassword.action, post(`/set-password/${token}`, { password: "whatever-1", confirm: "whatever-1" }), { token })).status).toBe(410);
  });

  it.each([
    ["an invalid email", { email: "not-an-email" }, "email", 400],
    ["an unknown role", { role: "emperor" }, "role", 400],
    ["the customer role", { role: "customer" }, "role", 400],
    ["a dealer without a dealership", { role: "dealer", dealershipId: "" }, "dealershipId", 400],
    ["a malformed dealership id", { role: "dealer", dealershipId: "MUC-01" }, "dealershipId", 400],
    ["an unknown dealership", { role: "dealer", dealershipId: UNKNOWN_ID }, "dealershipId", 400],
    ["an empty name", { name: "" }, "name", 400],
    ["an email that has an account", { email: "dealer@atelier.test" }, "email", 409],
    ["the same email in capitals", { email: "DEALER@atelier.test" }, "email", 409],
  ])("refuses %s with its status on the field and writes nothing", async (_, change, field, status) => {
    const [accounts, audits, mails] = [
      (await db.select({ id: users.id }).from(users)).length,
      await auditCount(),
      (await db.select({ id: emailOutbox.id }).from(emailOutbox)).length,
    ];
    const out = await users_({ intent: "invite", email: "someone@example.test", name: "Some One", role: "planner", ...change });
    expect(out.status).toBe(status);
    expect(out.data?.error?.[field], JSON.stringify(out.data)).toBeTruthy();
    expect((await db.select({ id: users.id }).from(users)).length).toBe(accounts);
    expect(await auditCount()).toBe(audits);
    expect((await db.select({ id: emailOutbox.id }).from(emailOutbox)).length).toBe(mails);
  });

  it("invites a dealer into a dealership", async () => {
    const out = await users_({ intent: "invite", email: "new.dealer@example.test", name: "Dana Dealer", role: "dealer", dealershipId: munich });
    expect(out.status).toBe(200);
    const [member] = await db.select().from(dealershipMembers).where(eq(dealershipMembers.userId, out.data!.userId!));
    expect(member).toMatchObject({ dealershipId: munich, role: "dealer" });
  });

  it("answers an unknown intent with 400", async () => {
    expect((await users_({ intent: "explode" })).status).toBe(400);
  });
});

describe("roles", () => {
  it("refuses an unknown user, a malformed id, an unknown role and a customer with 4xx, writing nothing", async () => {
    const before = await auditCount();
    const planner = await userId(db, "planner@atelier.test");
    const customer = await userId(db, "customer@atelier.test");
    expect((await users_({ intent: "role", userId: UNKNOWN_ID, role: "planner" })).status).toBe(404);
    const malformed = await users_({ intent: "role", userId: "42", role: "planner" });
    expect(malformed.status).toBe(400);
    expect(malformed.data?.error?.userId).toBeTruthy();
    const role = await users_({ intent: "role", userId: planner, role: "overlord" });
    expect(role.status).toBe(400);
    expect(role.data?.error?.role).toBeTruthy();
    const toDealer = await users_({ intent: "role", userId: planner, role: "dealer" });
    expect(toDealer.status).toBe(400);
    expect(toDealer.data?.error?.dealershipId).toEqual(["people.errors.dealershipRequired"]);
    const cust = await users_({ intent: "role", userId: customer, role: "planner" });
    expect(cust.status).toBe(409);
    expect(cust.data?.error?.role).toEqual(["people.errors.customerRole"]);
    expect(await auditCount()).toBe(before);
    const [p] = await db.select({ role: users.role }).from(users).where(eq(users.id, planner));
    expect(p.role).toBe("planner");
  });

  it("won't demote or deactivate the last active admin (409), and will once there is another", async () => {
    const demote = await users_({ intent: "role", userId: admin, role: "planner" });
    expect(demote.status).toBe(409);
    expect(demote.data?.error?.userId).toEqual(["people.errors.lastAdmin"]);
    const deactivate = await users_({ intent: "deactivate", userId: admin });
    expect(deactivate.status).toBe(409);
    expect(deactivate.data?.code).toBe("last-admin");
    const [me] = await db.select({ role: users.role, deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, admin));
    expect(me).toEqual({ role: "admin", deactivatedAt: null });

    // A second admin: now the first may step down, and the second is the last.
    const second = await createCustomer(db, "second.admin@example.test");
    await db.update(users).set({ role: "admin" }).where(eq(users.id, second));
    const secondCookie = await sessionCookie(db, second);
    expect((await users_({ intent: "role", userId: admin, role: "planner" }, secondCookie)).status).toBe(200);
    expect((await users_({ intent: "deactivate", userId: second }, secondCookie)).status).toBe(409);
    // Back as it was (the second admin stays, so later tests have an admin either way).
    expect((await users_({ intent: "role", userId: admin, role: "admin" }, secondCookie)).status).toBe(200);
    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.role"), eq(auditLog.subjectId, admin)))
      .orderBy(auditLog.id);
    expect(entries.map((e) => [e.before, e.after, e.actorId])).toEqual([
      [{ role: "admin", dealershipIds: [] }, { role: "planner", dealershipIds: [] }, second],
      [{ role: "planner", dealershipIds: [] }, { role: "admin", dealershipIds: [] }, second],
    ]);
  });

  it("moves a dealer to sales manager and a planner into a dealership; leaving the dealership roles leaves the dealership", async () => {
    const invited = await users_({ intent: "invite", email: "mover@example.test", name: "Mo Ver", role: "planner" });
    const id = invited.data!.userId!;
    expect((await users_({ intent: "role", userId: id, role: "sales_manager", dealershipId: munich })).status).toBe(200);
    expect(await db.select({ role: dealershipMembers.role }).from(dealershipMembers).where(eq(dealershipMembers.userId, id))).toEqual([
      { role: "sales_manager" },
    ]);
    expect((await dealerContext(db, id))?.role).toBe("sales_manager");
    expect((await users_({ intent: "role", userId: id, role: "planner" })).status).toBe(200);
    expect(await db.select().from(dealershipMembers).where(eq(dealershipMembers.userId, id))).toEqual([]);
  });
});

describe("deactivation", () => {
  it("of two admins removing each other at once, exactly one succeeds", async () => {
    const second = await userId(db, "second.admin@example.test");
    const active = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "admin"), isNull(users.deactivatedAt)));
    expect(active.map((a) => a.id).sort()).toEqual([admin, second].sort());
    const results = await Promise.all([deactivateUser(db, admin, second), deactivateUser(db, second, admin)]);
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(results.find((r) => !r.ok)).toMatchObject({ problem: { status: 409, code: "last-admin" } });
    const stillActive = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "admin"), isNull(users.deactivatedAt)));
    expect(stillActive).toHaveLength(1);
    const gone = [admin, second].find((id) => id !== stillActive[0]!.id)!;
    expect((await reactivateUser(db, stillActive[0]!.id, gone)).ok).toBe(true);
    adminCookie = await sessionCookie(db, admin); // the admin's session may have ended with the deactivation
  });

  it("kills a link sent before the account was deactivated (410)", async () => {
    const invited = await users_({ intent: "invite", email: "pending@example.test", name: "Pen Ding", role: "planner" });
    const token = tokenIn((await lastEmailTo("pending@example.test")).body);
    expect((await run(setPassword.loader, get("/x"), { token })).status).toBe(200);
    expect((await users_({ intent: "deactivate", userId: invited.data!.userId! })).status).toBe(200);
    expect((await run(setPassword.loader, get("/x"), { token })).status).toBe(410);
    expect((await run(setPassword.action, post("/x", { password: "pending-pass-1", confirm: "pending-pass-1" }), { token })).status).toBe(410);
  });

  it("ends the user's sessions at once, refuses sign-in with a clear message, and reactivation lets them back", async () => {
    const invited = await users_({ intent: "invite", email: "leaver@example.test", name: "Lee Ver", role: "planner" });
    const id = invited.data!.userId!;
    const token = tokenIn((await lastEmailTo("leaver@example.test")).body);
    const set = await run(setPassword.action, post(`/set-password/${token}`, { password: "leaver-pass-1", confirm: "leaver-pass-1" }), { token });
    const cookie = cookieOf(set.response);
    expect((await getUser(get("/planning", cookie)))?.id).toBe(id);

    const apiToken = await createApiToken(db, id, "script");
    if (!apiToken.ok) throw new Error("no API token");
    expect((await findTokenUser(db, apiToken.token))?.id).toBe(id);

    const out = await users_({ intent: "deactivate", userId: id });
    expect(out.status).toBe(200);
    expect(await findTokenUser(db, apiToken.token)).toBeNull();
    const form = await run<{ error?: Record<string, string[] | null> }>(
      login.action,
      post("/login", { email: "leaver@example.test", password: "leaver-pass-1" }),
      {},
      { clientAddress: "test-login-deactivated" }
    );
    expect(form.status).toBe(403);
    expect(form.data?.error?.[""]).toEqual(["login.deactivated"]);
    expect(await getUser(get("/planning", cookie))).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, id))).toEqual([]);
    const refused = await signIn(db, { email: "leaver@example.test", password: "leaver-pass-1", clientAddress: "test-deactivated" });
    expect(refused).toMatchObject({ ok: false, status: 403, message: expect.stringContaining("deactivated") });
    // A wrong password still says only "incorrect": deactivation isn't told to guessers.
    expect(await signIn(db, { email: "leaver@example.test", password: "wrong-pass-1", clientAddress: "test-deactivated" })).toMatchObject({ status: 401 });
    // A session started anyway (a race) is refused by the lookup.
    expect(await getUser(get("/planning", await sessionCookie(db, id)))).toBeNull();

    expect((await users_({ intent: "deactivate", userId: id })).status).toBe(409);
    expect((await users_({ intent: "reset", userId: id })).status).toBe(409);
    expect((await users_({ intent: "deactivate", userId: UNKNOWN_ID })).status).toBe(404);
    expect((await users_({ intent: "deactivate", userId: "nope" })).status).toBe(400);

    expect((await users_({ intent: "reactivate", userId: id })).status).toBe(200);
    expect((await users_({ intent: "reactivate", userId: id })).status).toBe(409);
    expect((await signIn(db, { email: "leaver@example.test", password: "leaver-pass-1", clientAddress: "test-deactivated" })).ok).toBe(true);
    const actions = (await db.select().from(auditLog).where(eq(auditLog.subjectId, id)).orderBy(auditLog.id)).map((e) => e.action);
    expect(actions).toEqual(["user.invite", "user.deactivate", "user.reactivate"]);
  });

  it("sends a password reset whose link sets a new password and ends the other sessions", async () => {
    const planner = await userId(db, "planner@atelier.test");
    const oldCookie = await sessionCookie(db, planner);
    const out = await users_({ intent: "reset", userId: planner });
    expect(out.data).toMatchObject({ ok: true, done: "reset" });
    const mail = await lastEmailTo("planner@atelier.test");
    expect(mail.subject).toBe("Set a new Atelier password");
    const token = tokenIn(mail.body);
    expect((await run(setPassword.action, post(`/set-password/${token}`, { password: "planner-new-1", confirm: "planner-new-1" }), { token })).status).toBe(
      302
    );
    expect(await getUser(get("/planning", oldCookie))).toBeNull();
    expect((await signIn(db, { email: "planner@atelier.test", password: "planner-new-1", clientAddress: "test-reset" })).ok).toBe(true);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.password-reset"), eq(auditLog.subjectId, planner)));
    expect(entry).toMatchObject({ actorId: admin, after: { purpose: "reset" } });
  });
});

describe("claim links", () => {
  it("emails a customer a dealer creates a claim link; setting the password claims the account", async () => {
    const dealer = (await dealerContext(db, await userId(db, "dealer@atelier.test")))!;
    const added = await addCustomer(db, dealer, { name: "Clemens Claim", email: "clemens@example.test", consentToContact: false });
    expect(added.ok).toBe(true);
    const id = added.ok ? added.value.id : "";
    const mail = await lastEmailTo("clemens@example.test");
    expect(mail.subject).toBe("Claim your Atelier account");
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.claim-link"), eq(auditLog.subjectId, id)));
    expect(entry).toMatchObject({ actorId: dealer.userId });
    // Linking an existing customer again sends nothing new.
    const mails = (await db.select().from(emailOutbox)).filter((m) => m.toAddress === "clemens@example.test").length;
    await addCustomer(db, dealer, { name: "Clemens Claim", email: "clemens@example.test", consentToContact: true });
    expect((await db.select().from(emailOutbox)).filter((m) => m.toAddress === "clemens@example.test").length).toBe(mails);

    // The admin's list says "not claimed yet", and sending again sends a claim link (the older one ends).
    const list = await run<Awaited<ReturnType<typeof usersPage.loader>>>(usersPage.loader, get("/admin/users?q=clemens", adminCookie));
    expect(list.data?.users.map((u) => [u.email, u.state])).toEqual([["clemens@example.test", "unclaimed"]]);
    const first = tokenIn(mail.body);
    expect((await users_({ intent: "reset", userId: id })).data).toMatchObject({ ok: true });
    const second = tokenIn((await lastEmailTo("clemens@example.test")).body);
    expect((await run(setPassword.loader, get("/x"), { token: first })).status).toBe(410);
    const page = await run<{ purpose: string }>(setPassword.loader, get("/x"), { token: second });
    expect(page.data?.purpose).toBe("claim");
    const set = await run(setPassword.action, post("/x", { password: "clemens-pass-1", confirm: "clemens-pass-1" }), { token: second });
    expect(set.response?.headers.get("Location")).toBe("/account");
    expect((await signIn(db, { email: "clemens@example.test", password: "clemens-pass-1", clientAddress: "test-claim" })).ok).toBe(true);
  });
});

describe("users search", () => {
  it("finds by email, name and role", async () => {
    const byName = await run<Awaited<ReturnType<typeof usersPage.loader>>>(usersPage.loader, get("/admin/users?q=Nora", adminCookie));
    expect(byName.data?.users.map((u) => u.email)).toEqual(["new.planner@example.test"]);
    const byRole = await run<Awaited<ReturnType<typeof usersPage.loader>>>(usersPage.loader, get("/admin/users?role=sales_manager", adminCookie));
    expect(byRole.data?.users.every((u) => u.role === "sales_manager")).toBe(true);
    expect(byRole.data?.users.map((u) => u.email)).toContain("manager@atelier.test");
    // Nonsense filters are ignored rather than refused.
    expect((await run(usersPage.loader, get("/admin/users?role=emperor&q=%00", adminCookie))).status).toBe(200);
  });
});

const DEALERSHIP = {
  code: "HAM-01",
  name: "Atelier Hamburg",
  market: "DE",
  street: "Jungfernstieg 1",
  postalCode: "20095",
  city: "Hamburg",
  country: "DE",
  phone: "+49 40 555 0100",
  email: "hamburg@atelier.test",
  discountCap: "12.5",
  quoteValidityDays: "21",
};

describe("dealerships", () => {
  let hamburg = "";

  it("creates a dealership and logs it", async () => {
    const out = await run(dealershipsPage.action, post("/admin/dealerships", { intent: "create", ...DEALERSHIP }, adminCookie));
    expect(out.status).toBe(302);
    hamburg = out.response!.headers.get("Location")!.split("/").pop()!;
    const [row] = await db.select().from(dealerships).where(eq(dealerships.id, hamburg));
    expect(row).toMatchObject({ code: "HAM-01", city: "Hamburg", discountCapBasisPoints: 1250, quoteValidityDays: 21 });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "dealership.create"), eq(auditLog.subjectId, hamburg)));
    expect(entry.after).toMatchObject({ code: "HAM-01", discountCapBasisPoints: 1250 });
  });

  it.each([
    ["a code with spaces", { code: "HAM 02" }, "code", 400],
    ["an unknown market", { market: "FR" }, "market", 400],
    ["a cap above 100 %", { discountCap: "120" }, "discountCap", 400],
    ["a cap that isn't a number", { discountCap: "lots" }, "discountCap", 400],
    ["a validity of 0 days", { quoteValidityDays: "0" }, "quoteValidityDays", 400],
    ["a validity of 400 days", { quoteValidityDays: "400" }, "quoteValidityDays", 400],
    ["an invalid email", { email: "nope" }, "email", 400],
    ["a country that isn't one", { country: "XX" }, "country", 400],
    ["an empty name", { name: "" }, "name", 400],
    ["a code another dealership has", { code: "muc-01" }, "code", 409],
  ])("refuses %s with its status on the field and writes nothing", async (_, change, field, status) => {
    const before = [(await db.select().from(dealerships)).length, await auditCount()];
    const out = await run<Reply>(
      dealershipsPage.action,
      post("/admin/dealerships", { intent: "create", ...DEALERSHIP, code: "NEW-01", ...change }, adminCookie)
    );
    expect(out.status).toBe(status);
    expect(out.data?.error?.[field], JSON.stringify(out.data)).toBeTruthy();
    expect([(await db.select().from(dealerships)).length, await auditCount()]).toEqual(before);
  });

  it("404s an unknown or malformed dealership id", async () => {
    expect((await run(dealershipPage.loader, get(`/admin/dealerships/${UNKNOWN_ID}`, adminCookie), { id: UNKNOWN_ID })).status).toBe(404);
    expect((await run(dealershipPage.loader, get("/admin/dealerships/nope", adminCookie), { id: "nope" })).status).toBe(404);
    expect(
      (
        await run(dealershipPage.action, post(`/admin/dealerships/${UNKNOWN_ID}`, { intent: "update", ...DEALERSHIP, code: "ZZZ-01" }, adminCookie), {
          id: UNKNOWN_ID,
        })
      ).status
    ).toBe(404);
    expect((await run(dealershipPage.action, post("/admin/dealerships/nope", { intent: "update", ...DEALERSHIP }, adminCookie), { id: "nope" })).status).toBe(
      404
    );
  });

  it("an edit shows on the dealership's quotes and in the customers' dealer choice; the ceiling and validity reach quotes", async () => {
    const edit = {
      ...DEALERSHIP,
      code: "MUC-01",
      name: "Atelier München Mitte",
      street: "Neuer Weg 5",
      city: "München",
      postalCode: "80331",
      phone: "+49 89 555 0200",
      email: "mitte@atelier.test",
      discountCap: "4",
      quoteValidityDays: "10",
    };
    const out = await run<Reply>(dealershipPage.action, post(`/admin/dealerships/${munich}`, { intent: "update", ...edit }, adminCookie), { id: munich });
    expect(out.status).toBe(200);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "dealership.update"), eq(auditLog.subjectId, munich)));
    expect(entry.before).toMatchObject({ name: "Atelier München", quoteValidityDays: 30 });
    expect(entry.after).toMatchObject({ name: "Atelier München Mitte", discountCapBasisPoints: 400, quoteValidityDays: 10 });
    expect(Object.keys(entry.after as object)).not.toContain("market"); // unchanged fields aren't logged

    expect((await listDealerships(db, "DE")).map((d) => d.name)).toContain("Atelier München Mitte");

    const dealer = (await dealerContext(db, await userId(db, "dealer@atelier.test")))!;
    const manager = (await dealerContext(db, await userId(db, "manager@atelier.test")))!;
    expect(dealer.capBasisPoints).toBe(400); // own 5 %, ceiling 4 %
    expect(manager.capBasisPoints).toBe(400); // own 15 %, ceiling 4 %
    expect(dealer.dealership).toMatchObject({ name: "Atelier München Mitte", quoteValidityDays: 10 });

    const customer = await addCustomer(db, dealer, { name: "Quinn Quote", email: "quinn@example.test", consentToContact: true });
    const { choices } = await demoSedan(db);
    const quote = await createQuote(db, dealer, customer.ok ? customer.value.id : "", {
      line: "sedan-a6l",
      choices,
      texts: {},
      market: "DE",
      discount: { kind: "percent", value: 450 },
    });
    expect(quote.ok).toBe(true);
    if (!quote.ok) return;
    const version = quote.value.versions[0]!;
    expect(version.approval).toBe("pending"); // 4.5 % is within the dealer's own 5 % but above the ceiling
    const days = (Date.parse(version.validUntil) - Date.parse(version.createdAt.toISOString().slice(0, 10))) / 86_400_000;
    expect(days).toBe(10);
    const handover = await quoteHandover(db, { quote: quote.value, version, line: null });
    expect(handover.dealership).toMatchObject({ name: "Atelier München Mitte", street: "Neuer Weg 5", phone: "+49 89 555 0200", email: "mitte@atelier.test" });

    // The discount decision shows in the audit log (checked below).
    const decided = await decideDiscount(db, manager, quote.value.number, { approve: true, comment: "ok", expectedLock: quote.value.lockVersion });
    expect(decided.ok).toBe(true);
  });

  it("adds, changes and removes staff, with its guard rails", async () => {
    const page = `/admin/dealerships/${hamburg}`;
    const act = (fields: Record<string, string>) => run<Reply>(dealershipPage.action, post(page, fields, adminCookie), { id: hamburg });
    const dealer2 = await userId(db, "dealer2@atelier.test");
    const planner = await userId(db, "planner@atelier.test");

    const offered = await run<Awaited<ReturnType<typeof dealershipPage.loader>>>(dealershipPage.loader, get(page, adminCookie), { id: hamburg });
    const candidates = offered.data?.candidates.map((c) => c.email) ?? [];
    expect(candidates).toContain("dealer2@atelier.test");
    expect(candidates).not.toContain("planner@atelier.test");
    expect(candidates).not.toContain("customer@atelier.test");
    expect((await act({ intent: "add-member", userId: planner, role: "dealer", discountCap: "5" })).data?.code).toBe("not-dealership-staff");
    expect((await act({ intent: "add-member", userId: UNKNOWN_ID, role: "dealer", discountCap: "5" })).status).toBe(404);
    expect((await act({ intent: "add-member", userId: "x", role: "dealer", discountCap: "5" })).status).toBe(400);
    expect((await act({ intent: "add-member", userId: dealer2, role: "boss", discountCap: "5" })).status).toBe(400);
    expect((await act({ intent: "add-member", userId: dealer2, role: "dealer", discountCap: "101" })).status).toBe(400);

    expect((await act({ intent: "add-member", userId: dealer2, role: "dealer", discountCap: "7.5" })).status).toBe(200);
    expect((await act({ intent: "add-member", userId: dealer2, role: "dealer", discountCap: "7.5" })).status).toBe(409);
    const loaded = await run<Awaited<ReturnType<typeof dealershipPage.loader>>>(dealershipPage.loader, get(page, adminCookie), { id: hamburg });
    expect(loaded.data?.members.map((m) => [m.email, m.role, m.discountCapBasisPoints])).toEqual([["dealer2@atelier.test", "dealer", 750]]);

    // Changing the dealership role changes the person's role (one person, one role), logged twice.
    expect((await act({ intent: "update-member", userId: dealer2, role: "sales_manager", discountCap: "10" })).status).toBe(200);
    const [u] = await db.select({ role: users.role }).from(users).where(eq(users.id, dealer2));
    expect(u.role).toBe("sales_manager");
    expect(await db.select({ role: dealershipMembers.role }).from(dealershipMembers).where(eq(dealershipMembers.userId, dealer2))).toEqual([
      { role: "sales_manager" },
      { role: "sales_manager" },
    ]);

    // Removing is fine while another dealership remains; the last one is refused.
    expect((await act({ intent: "remove-member", userId: dealer2 })).status).toBe(200);
    const shanghai = (await db.select({ id: dealerships.id }).from(dealerships).where(eq(dealerships.code, "SHA-01")))[0]!.id;
    const last = await run<Reply>(dealershipPage.action, post(`/admin/dealerships/${shanghai}`, { intent: "remove-member", userId: dealer2 }, adminCookie), {
      id: shanghai,
    });
    expect(last.status).toBe(409);
    expect(last.data?.error?.userId).toEqual(["people.errors.lastMembership"]);
    expect((await act({ intent: "remove-member", userId: dealer2 })).status).toBe(404);
    expect((await act({ intent: "update-member", userId: dealer2, role: "dealer", discountCap: "1" })).status).toBe(404);

    const members = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "dealership.member"), eq(auditLog.subjectId, hamburg)))
      .orderBy(auditLog.id);
    expect(members.map((e) => [e.before, e.after])).toEqual([
      [null, { userId: dealer2, role: "dealer", discountCapBasisPoints: 750 }],
      [
        { userId: dealer2, role: "dealer", discountCapBasisPoints: 750 },
        { userId: dealer2, role: "sales_manager", discountCapBasisPoints: 1000 },
      ],
      [{ userId: dealer2, role: "sales_manager", discountCapBasisPoints: 1000 }, null],
    ]);
  });
});

describe("audit log page and CSV", () => {
  type Loaded = {
    result: {
      rows: { action: string; actor: { email: string | null } | null; subjectName: string | null }[];
      total: number;
      page: number;
      pages: number;
    } | null;
    error: Record<string, string[]> | null;
  };
  const audit = (query: string) => run<Loaded>(auditPage.loader, get(`/admin/audit${query}`, adminCookie));

  it("shows tier overrides and discount decisions beside the admin actions, with names joined in", async () => {
    const manager = await userId(db, "manager@atelier.test");
    const customer = await createCustomer(db, "tier.audit@example.test");
    expect((await overrideTier(db, { id: manager, role: "sales_manager" }, customer, { to: "silver", reason: "loyal" })).ok).toBe(true);
    const tier = await audit("?action=tier.override");
    expect(tier.data?.result?.rows[0]).toMatchObject({ action: "tier.override", actor: { email: "manager@atelier.test" }, subjectName: "tier.audit" });
    const discount = await audit("?action=quote.discount.decide");
    expect(discount.data?.result?.rows.length).toBeGreaterThan(0);
    expect(discount.data?.result?.rows[0]?.actor?.email).toBe("manager@atelier.test");
  });

  it("filters by actor, subject and date range, and pages", async () => {
    // By the whole email or a word of the name: they are encrypted, found through their blind indexes (decision 045).
    const byActor = await audit("?actor=Manager%40Atelier.test");
    expect(byActor.data?.result?.rows.length).toBeGreaterThan(0);
    expect(byActor.data?.result?.rows.every((r) => r.actor?.email === "manager@atelier.test")).toBe(true);
    const [{ name: managerName }] = await db.select({ name: users.name }).from(users).where(eq(users.id, await userId(db, "manager@atelier.test")));
    const byName = await audit(`?actor=${encodeURIComponent(managerName.split(" ")[0])}`);
    expect(byName.data?.result?.rows.length).toBeGreaterThan(0);
    expect(byName.data?.result?.rows.some((r) => r.actor?.email === "manager@atelier.test")).toBe(true);
    const bySubject = await audit("?subject=dealership");
    expect(new Set(bySubject.data?.result?.rows.map((r) => r.action))).toEqual(new Set(["dealership.create", "dealership.update", "dealership.member"]));
    const byId = await audit(`?actor=${admin}&action=user.invite`);
    expect(byId.data?.result?.total).toBeGreaterThanOrEqual(4);
    const future = await audit("?from=2999-01-01");
    expect(future.data?.result?.total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    const all = await audit("");
    expect((await audit(`?from=${today}&to=${today}`)).data?.result?.total).toBe(all.data?.result?.total);
    expect((await audit("?to=2000-01-01")).data?.result?.total).toBe(0);

    // More than a page: fill with system entries (the page size is 50).
    const { recordAudit } = await import("~/.server/audit/audit.server");
    for (let i = 0; i < 55; i++) await recordAudit(db, { actorId: null, action: "catalog.retire", subject: "catalog-version", subjectId: `v-${i}` });
    const first = await audit("?action=catalog.retire");
    expect(first.data?.result).toMatchObject({ total: 55, page: 1, pages: 2 });
    expect(first.data?.result?.rows).toHaveLength(50);
    const second = await audit("?action=catalog.retire&page=2");
    expect(second.data?.result?.rows).toHaveLength(5);
    expect(second.data?.result?.rows[0]?.actor).toBeNull();
  });

  it.each([["?action=user.explode"], ["?from=yesterday"], ["?to=2026-13-45"], ["?page=0"], ["?page=abc"], ["?subject=planet"]])(
    "refuses the filter %s with 400 and its message",
    async (query) => {
      const out = await audit(query);
      expect(out.status).toBe(400);
      expect(Object.keys(out.data?.error ?? {})).toHaveLength(1);
      expect((await run(auditCsv.loader, get(`/admin/audit.csv${query.replace(/page=[^&]*/, "page=1")}`, adminCookie))).status).toBe(
        query.includes("page") ? 200 : 400
      );
    }
  );

  it("exports the filtered rows as CSV, formula-safe", async () => {
    // A dealership whose name a spreadsheet would run: its entries' subject name must arrive inert.
    const created = await run(
      dealershipsPage.action,
      post(
        "/admin/dealerships",
        { intent: "create", ...DEALERSHIP, code: "EVIL-01", name: '=HYPERLINK("http://x")', discountCap: "0", quoteValidityDays: "30" },
        adminCookie
      )
    );
    expect(created.status).toBe(302);
    const out = await run(auditCsv.loader, get("/admin/audit.csv?action=dealership.create", adminCookie));
    expect(out.status).toBe(200);
    expect(out.response?.headers.get("Content-Type")).toContain("text/csv");
    expect(out.response?.headers.get("Content-Disposition")).toMatch(/attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const text = await out.response!.text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,at,action,actor_id,actor_name,actor_email,subject,subject_id,subject_name,before,after");
    expect(lines.slice(1).every((l) => l.includes(",dealership.create,"))).toBe(true);
    expect(lines).toHaveLength(3); // Hamburg and the evil one
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).not.toMatch(/,=HYPERLINK/);

    const tier = await (await run(auditCsv.loader, get("/admin/audit.csv?action=tier.override", adminCookie))).response!.text();
    expect(tier.trimEnd().split("\r\n")).toHaveLength(2);
    expect(tier).toContain("manager@atelier.test");
  });

  it("offers no way to change or delete an entry", async () => {
    expect("action" in auditPage).toBe(false);
    expect("action" in auditCsv).toBe(false);
    const before = await auditCount();
    expect(await db.select().from(auditLog).where(like(auditLog.subjectId, "v-%"))).toHaveLength(55);
    expect(await auditCount()).toBe(before);
  });
});
