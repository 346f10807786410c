/**
 * Accounts, sessions and the sign-in limit against a real database (PGlite in
 * memory, or PostgreSQL with TEST_DATABASE_URL). Each test uses its own
 * emails and client addresses, so tests don't share rate-limit counters.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { sessions, signInAttempts, users } from "#db/schema";
import { emailIndex, personIndexes } from "~/.server/privacy/personal-data.server";
import { createTestDb, type TestDb } from "#db/test-db";
import { hashPassword } from "./password.server";
import {
  clearSessionCookieHeader,
  getUser,
  requireApiPermission,
  requireApiUser,
  requirePermission,
  requireUser,
  sessionCookieHeader,
  signIn,
  signOut,
  signUp,
} from "./auth.server";
import { getEnv } from "~/.server/platform/env.server";
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, hashSessionToken, sessionCookieOptions } from "./session.server";

let t: TestDb;
let db: Db;
beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
});
afterAll(async () => {
  await t?.close();
});

const HOUR = 60 * 60 * 1000;
const PASSWORD = "correct horse battery";

/** A request carrying the cookie a sign-in would have set. */
async function requestWith(sessionId: string | null, path = "/account?tab=orders"): Promise<Request> {
  const headers = new Headers();
  if (sessionId) headers.set("Cookie", (await sessionCookieHeader(sessionId)).split(";")[0]);
  return new Request(`http://localhost${path}`, { headers });
}

async function createUser(email: string, role: (typeof users.$inferInsert)["role"] = "customer") {
  const [user] = await db
    .insert(users)
    .values({ email, name: email.split("@")[0], ...personIndexes({ email, name: email.split("@")[0] }), role, passwordHash: await hashPassword(PASSWORD) })
    .returning();
  return user;
}

async function sessionCount(userId: string) {
  const [{ n }] = await db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId));
  return n;
}

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

describe("sign-up, sign-in, sign-out", () => {
  it("signs a customer up, in and out; the old cookie stops working", async () => {
    const up = await signUp(db, { email: "  New.Customer@Example.com", password: PASSWORD, name: "New Customer" });
    if (!up.ok) throw new Error(up.message);
    expect(up.user).toMatchObject({ email: "new.customer@example.com", role: "customer", tier: "standard" });
    expect(up.user).not.toHaveProperty("passwordHash");
    expect((await getUser(await requestWith(up.sessionId), { db }))?.id).toBe(up.user.id);

    const inResult = await signIn(db, { email: "new.customer@example.com", password: PASSWORD, clientAddress: "10.0.0.1" });
    if (!inResult.ok) throw new Error(inResult.message);
    expect(inResult.sessionId).not.toBe(up.sessionId); // a new session id at every sign-in
    expect(inResult.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits

    const request = await requestWith(inResult.sessionId);
    expect(await getUser(request, { db })).toMatchObject({ id: up.user.id, email: "new.customer@example.com" });

    // Only the token's hash is stored.
    const stored = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, up.user.id));
    expect(stored.map((s) => s.id)).toContain(hashSessionToken(inResult.sessionId));
    expect(stored.map((s) => s.id)).not.toContain(inResult.sessionId);

    await signOut(request, { db });
    expect(await getUser(request, { db })).toBeNull();
    expect(stored.length - (await sessionCount(up.user.id))).toBe(1); // that row, and only it, is gone
  });

  it("stores the password as argon2id with m ≥ 19 MiB, t ≥ 2, p = 1", async () => {
    const up = await signUp(db, { email: "hash@example.com", password: PASSWORD, name: "Hash" });
    expect(up.ok).toBe(true);
    const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.emailIndex, emailIndex("hash@example.com")));
    expect(row.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.hash).not.toContain(PASSWORD);
  });

  it("refuses a second account with the same email in another case (409, nothing written)", async () => {
    expect((await signUp(db, { email: "twice@example.com", password: PASSWORD, name: "One" })).ok).toBe(true);
    const again = await signUp(db, { email: "TWICE@example.com", password: PASSWORD, name: "Two" });
    expect(again).toMatchObject({ ok: false, status: 409, fieldErrors: { email: ["signup.emailTaken"] } });
    const [{ n }] = await db.select({ n: count() }).from(users).where(eq(users.emailIndex, emailIndex("twice@example.com")));
    expect(n).toBe(1);
  });

  it("answers a wrong password or an unknown email with 401 and no session", async () => {
    const user = await createUser("wrong-pw@example.com");
    const wrong = await signIn(db, { email: "wrong-pw@example.com", password: "not it at all", clientAddress: "10.0.1.1" });
    expect(wrong).toEqual({ ok: false, status: 401, message: "The email or password is incorrect." });
    expect(await sessionCount(user.id)).toBe(0);
    const unknown = await signIn(db, { email: "nobody@example.com", password: PASSWORD, clientAddress: "10.0.1.1" });
    expect(unknown).toEqual(wrong); // no hint which emails have accounts
  });

  it("ignores a tampered or foreign session cookie", async () => {
    await createUser("tamper@example.com");
    const result = await signIn(db, { email: "tamper@example.com", password: PASSWORD, clientAddress: "10.0.2.1" });
    if (!result.ok) throw new Error(result.message);
    const cookie = (await sessionCookieHeader(result.sessionId)).split(";")[0];
    const [name, value] = cookie.split("=");
    const flipped = value.slice(0, 5) + (value[5] === "A" ? "B" : "A") + value.slice(6);
    const forged = new Request("http://localhost/", { headers: { Cookie: `${name}=${flipped}` } });
    expect(await getUser(forged, { db })).toBeNull();
    const raw = new Request("http://localhost/", { headers: { Cookie: `${name}=${result.sessionId}` } }); // unsigned
    expect(await getUser(raw, { db })).toBeNull();
    expect(await getUser(new Request("http://localhost/", { headers: { Cookie: `${name}=%%%` } }), { db })).toBeNull();
  });
});

describe("session expiry", () => {
  it("ends a session after 12 hours without a request", async () => {
    await createUser("idle@example.com");
    const t0 = new Date("2030-01-01T08:00:00Z");
    const result = await signIn(db, { email: "idle@example.com", password: PASSWORD, clientAddress: "10.0.3.1" }, { now: t0 });
    if (!result.ok) throw new Error(result.message);
    const request = await requestWith(result.sessionId);
    const at = (ms: number) => ({ db, now: new Date(t0.getTime() + ms) });

    expect(await getUser(request, at(11 * HOUR))).not.toBeNull(); // activity refreshes the idle timer …
    expect(await getUser(request, at(22 * HOUR))).not.toBeNull(); // … so 22 h after sign-in it still lives
    expect(await getUser(request, at(34 * HOUR))).toBeNull(); // 12 h after the last request: gone
    expect(await getUser(request, at(22 * HOUR))).toBeNull(); // and deleted, not merely hidden
    const [{ n }] = await db.select({ n: count() }).from(sessions).where(eq(sessions.id, hashSessionToken(result.sessionId)));
    expect(n).toBe(0);
  });

  it("ends a session 7 days after sign-in however active it is", async () => {
    await createUser("absolute@example.com");
    const t0 = new Date("2030-02-01T08:00:00Z");
    const result = await signIn(db, { email: "absolute@example.com", password: PASSWORD, clientAddress: "10.0.4.1" }, { now: t0 });
    if (!result.ok) throw new Error(result.message);
    const request = await requestWith(result.sessionId);
    let elapsed = 0;
    while (elapsed + IDLE_TIMEOUT_MS / 2 < ABSOLUTE_TIMEOUT_MS) {
      elapsed += IDLE_TIMEOUT_MS / 2;
      expect(await getUser(request, { db, now: new Date(t0.getTime() + elapsed) })).not.toBeNull();
    }
    expect(await getUser(request, { db, now: new Date(t0.getTime() + ABSOLUTE_TIMEOUT_MS - 1000) })).not.toBeNull();
    expect(await getUser(request, { db, now: new Date(t0.getTime() + ABSOLUTE_TIMEOUT_MS) })).toBeNull();
  });
});

describe("sign-in rate limit", () => {
  it("answers the 11th attempt on one account within a minute with 429, from any address", async () => {
    await createUser("target@example.com");
    const t0 = new Date("2030-03-01T08:00:00Z");
    for (let i = 0; i < 10; i++) {
      const r = await signIn(
        db,
        { email: "target@example.com", password: `guess-${i}`, clientAddress: `10.1.0.${i}` },
        { now: new Date(t0.getTime() + i * 1000) },
      );
      expect(r).toMatchObject({ ok: false, status: 401 });
    }
    // Even the right password is not checked now.
    const eleventh = await signIn(
      db,
      { email: "target@example.com", password: PASSWORD, clientAddress: "10.1.1.1" },
      { now: new Date(t0.getTime() + 30_000) },
    );
    expect(eleventh).toEqual({
      ok: false,
      status: 429,
      message: "Too many sign-in attempts. Please wait a minute and try again.",
    });
    // Another account is not affected.
    await createUser("bystander@example.com");
    expect(
      (await signIn(db, { email: "bystander@example.com", password: PASSWORD, clientAddress: "10.1.1.2" }, { now: new Date(t0.getTime() + 31_000) })).ok,
    ).toBe(true);
    // A minute after the last attempt the account can sign in again.
    const later = await signIn(
      db,
      { email: "target@example.com", password: PASSWORD, clientAddress: "10.1.1.1" },
      { now: new Date(t0.getTime() + 91_000) },
    );
    expect(later.ok).toBe(true);
  });

  it("answers the 11th attempt from one address within a minute with 429, whatever the account", async () => {
    await createUser("victim@example.com");
    const t0 = new Date("2030-04-01T08:00:00Z");
    for (let i = 0; i < 10; i++) {
      const r = await signIn(
        db,
        { email: `spray-${i}@example.com`, password: "password1", clientAddress: "203.0.113.7" },
        { now: new Date(t0.getTime() + i * 1000) },
      );
      expect(r).toMatchObject({ ok: false, status: 401 });
    }
    const eleventh = await signIn(
      db,
      { email: "victim@example.com", password: PASSWORD, clientAddress: "203.0.113.7" },
      { now: new Date(t0.getTime() + 20_000) },
    );
    expect(eleventh).toMatchObject({ ok: false, status: 429 });
    // The same account from another address is fine.
    const elsewhere = await signIn(
      db,
      { email: "victim@example.com", password: PASSWORD, clientAddress: "198.51.100.1" },
      { now: new Date(t0.getTime() + 21_000) },
    );
    expect(elsewhere.ok).toBe(true);
  });

  it("counts unsuccessful attempts only: many people may sign in from one address", async () => {
    const t0 = new Date("2030-05-01T08:00:00Z");
    for (let i = 0; i < 12; i++) await createUser(`office-${i}@example.com`, "dealer");
    for (let i = 0; i < 12; i++) {
      const r = await signIn(
        db,
        { email: `office-${i}@example.com`, password: PASSWORD, clientAddress: "192.0.2.50" },
        { now: new Date(t0.getTime() + i * 1000) },
      );
      expect(r.ok).toBe(true);
    }
  });

  it("records attempts in the database, so every app server sees them", async () => {
    const t0 = new Date("2030-06-01T08:00:00Z");
    await signIn(db, { email: "recorded@example.com", password: "nope-nope", clientAddress: "192.0.2.99" }, { now: t0 });
    const rows = await db.select().from(signInAttempts).where(eq(signInAttempts.email, "recorded@example.com"));
    expect(rows).toEqual([
      expect.objectContaining({ email: "recorded@example.com", clientAddress: "192.0.2.99", outcome: "failed" }),
    ]);
  });
});

describe("guards", () => {
  async function signedIn(email: string, role: (typeof users.$inferInsert)["role"]) {
    await createUser(email, role);
    const result = await signIn(db, { email, password: PASSWORD, clientAddress: `guard-${email}` });
    if (!result.ok) throw new Error(result.message);
    return requestWith(result.sessionId, "/planning/queue?status=received");
  }

  it("requirePermission lets a role that holds the permission in and throws 403 for another role", async () => {
    const planner = await signedIn("guard-planner@example.com", "planner");
    expect((await requirePermission(planner, "queue.manage", { db })).role).toBe("planner");
    expect((await requirePermission(planner, "order.read.all", { db })).role).toBe("planner");

    const customer = await signedIn("guard-customer@example.com", "customer");
    const response = await thrown(requirePermission(customer, "queue.manage", { db }));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "forbidden" });
    expect((await thrown(requireApiPermission(customer, "order.manage", { db }))).status).toBe(403);
  });

  it("requireUser redirects a signed-out page request to /login and back", async () => {
    const anonymous = await requestWith(null, "/planning/queue?status=received");
    const response = await thrown(requireUser(anonymous, { db }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/planning/queue?status=received")}`);
    expect((await thrown(requirePermission(anonymous, "queue.manage", { db }))).status).toBe(302);
  });

  it("requireApiUser answers a signed-out request with 401 JSON", async () => {
    const response = await thrown(requireApiUser(await requestWith(null), { db }));
    expect(response.status).toBe(401);
    expect(response.headers.get("Content-Type")).toContain("application/json");
    expect(await response.json()).toMatchObject({ error: "unauthorized" });
  });
});

describe("bad input", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["a missing field", { email: "missing@example.com", password: PASSWORD }, "name"],
    ["a 10 KB email", { email: `${"x".repeat(10_240)}@example.com`, password: PASSWORD, name: "Big" }, "email"],
    ["a malformed email", { email: "not an email", password: PASSWORD, name: "Bad" }, "email"],
    ["a wrong type", { email: ["a@example.com"], password: PASSWORD, name: "Typed" }, "email"],
    ["a short password", { email: "short@example.com", password: "short", name: "Short" }, "password"],
  ];

  it.each(cases)("sign-up rejects %s with a message on that field and writes nothing", async (_label, input, field) => {
    const [{ n: before }] = await db.select({ n: count() }).from(users);
    const result = await signUp(db, input as { email: unknown; password: unknown; name: unknown });
    expect(result).toMatchObject({ ok: false, status: 400 });
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors)).toEqual([field]);
    expect(result.fieldErrors[field][0]).toMatch(/^validation\./);
    const [{ n: after }] = await db.select({ n: count() }).from(users);
    expect(after).toBe(before);
  });

  it("sign-in rejects malformed input with 400 before counting or storing anything", async () => {
    const [{ n: before }] = await db.select({ n: count() }).from(signInAttempts);
    for (const input of [
      { email: `${"y".repeat(10_240)}@example.com`, password: PASSWORD },
      { email: "nope", password: PASSWORD },
      { email: 5, password: PASSWORD },
      { email: "ok@example.com" },
      { email: "ok@example.com", password: { $ne: "" } },
    ]) {
      const result = await signIn(db, { ...(input as { email: unknown; password: unknown }), clientAddress: "10.9.9.9" });
      expect(result).toMatchObject({ ok: false, status: 400 });
    }
    const [{ n: after }] = await db.select({ n: count() }).from(signInAttempts);
    expect(after).toBe(before);
  });
});

describe("session cookie", () => {
  it("is httpOnly, SameSite=Lax, path /, and cleared with Max-Age=0", async () => {
    const header = await sessionCookieHeader("A".repeat(43));
    expect(header).toMatch(/^atelier_session=/);
    expect(header).toContain("HttpOnly");
    expect(header).toContain("SameSite=Lax");
    expect(header).toContain("Path=/");
    expect(await clearSessionCookieHeader()).toContain("Max-Age=0");
  });

  it("is Secure in production (unless COOKIE_SECURE=0) and not in development", () => {
    const env = (vars: Record<string, string>) => getEnv({ SESSION_SECRET: "s".repeat(32), ...vars });
    expect(sessionCookieOptions(env({ NODE_ENV: "production" })).secure).toBe(true);
    expect(sessionCookieOptions(env({ NODE_ENV: "production", COOKIE_SECURE: "0" })).secure).toBe(false);
    expect(sessionCookieOptions(env({ NODE_ENV: "development" })).secure).toBe(false);
  });
});
