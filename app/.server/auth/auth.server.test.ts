/**
 * Accounts, sessions and the sign-in limit against a real database (PGlite in
 * memory, or PostgreSQL with TEST_DATABASE_URL). Each test uses its own
 * emails and client addresses, so tests don't share rate-limit counters.
 */
import { createHash } from "node:crypto";
import { count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { emailOutbox, sessions, signInAttempts, users } from "#db/schema";
import { redeemAccountToken } from "./account-tokens.server";
import {
  ADDRESS_FAILURE_LIMIT,
  ADDRESS_WINDOW_MS,
  ATTEMPT_RETENTION_MS,
  PAIR_FREE_FAILURES,
  PAIR_MAX_DELAY_MS,
  SIGN_UP_ADDRESS_LIMIT,
  SIGN_UP_EMAIL_LIMIT,
  attemptKeys,
  attemptsOf,
  normaliseAddress,
  pairDelayMs,
  pruneSignInAttempts,
} from "./rate-limit.server";
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

/** Mail to an address, newest first (the address is encrypted, so it is compared after decryption). */
async function mailTo(address: string) {
  const rows = await db.select().from(emailOutbox).orderBy(desc(emailOutbox.id));
  return rows.filter((row) => row.toAddress === address);
}

/** Sign up, then follow the emailed link to set the password (which signs the person in). */
async function signUpThroughEmail(email: string, name: string) {
  const up = await signUp(db, { email, name, clientAddress: `signup-${email}` });
  if (!up.ok) throw new Error(up.message);
  // The address is encrypted with a fresh IV (decision 045): SQL cannot match it, so pick the newest in memory.
  const [mail] = await mailTo(email.trim().toLowerCase());
  const token = /\/set-password\/([A-Za-z0-9_-]{43})/.exec(mail.body)?.[1];
  if (!token) throw new Error(`no link in ${mail.body}`);
  const redeemed = await redeemAccountToken(db, token, PASSWORD);
  if (redeemed.status !== "ok") throw new Error(redeemed.status);
  return redeemed;
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
  it("signs a customer up (through the emailed link), in and out; the old cookie stops working", async () => {
    const up = await signUpThroughEmail("  New.Customer@Example.com", "New Customer");
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
    await signUpThroughEmail("hash@example.com", "Hash");
    const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.emailIndex, emailIndex("hash@example.com")));
    expect(row.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.hash).not.toContain(PASSWORD);
  });

  it("makes no second account for the same email in another case, and answers it alike", async () => {
    const first = await signUpThroughEmail("twice@example.com", "One");
    const again = await signUp(db, { email: "TWICE@example.com", name: "Two", clientAddress: "10.0.0.9" });
    expect(again).toEqual({ ok: true });
    const rows = await db.select({ name: users.name, passwordHash: users.passwordHash }).from(users).where(eq(users.emailIndex, emailIndex("twice@example.com")));
    expect(rows).toEqual([{ name: "One", passwordHash: expect.stringMatching(/^\$argon2id\$/) }]);
    expect(first.user.email).toBe("twice@example.com");
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

describe("sign-in throttling (decision 043)", () => {
  const at = (t0: Date, ms: number) => ({ now: new Date(t0.getTime() + ms) });

  it("slows down the account + address pair with growing delays, telling how long to wait", async () => {
    await createUser("target@example.com");
    const t0 = new Date("2030-03-01T08:00:00Z");
    const attacker = "203.0.113.10";
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      expect(await signIn(db, { email: "target@example.com", password: `guess-${i}`, clientAddress: attacker }, at(t0, i))).toMatchObject({ status: 401 });
    }
    // The 6th comes too soon after the 5th: 1 s to wait; the password is not even checked.
    const early = await signIn(db, { email: "target@example.com", password: PASSWORD, clientAddress: attacker }, at(t0, 10));
    expect(early).toEqual({ ok: false, status: 429, message: "Too many sign-in attempts. Please wait and try again.", retryAfterSeconds: 1 });
    // After the wait, one more guess; each further wrong one doubles the wait: 2 s, 4 s, 8 s …
    let elapsed = 10;
    for (const expected of [2, 4, 8, 16]) {
      elapsed += pairDelayMs(PAIR_FREE_FAILURES + Math.log2(expected) - 1);
      expect(await signIn(db, { email: "target@example.com", password: "guess-again", clientAddress: attacker }, at(t0, elapsed))).toMatchObject({ status: 401 });
      expect(await signIn(db, { email: "target@example.com", password: PASSWORD, clientAddress: attacker }, at(t0, elapsed + 1))).toMatchObject({
        status: 429,
        retryAfterSeconds: expected,
      });
    }
    expect(pairDelayMs(100)).toBe(PAIR_MAX_DELAY_MS);
  });

  it("lets nobody lock someone else out: the owner signs in from another address however many guesses there were", async () => {
    await createUser("victim@example.com");
    const t0 = new Date("2030-04-01T08:00:00Z");
    for (let i = 0; i < 12; i++) {
      await signIn(db, { email: "victim@example.com", password: `guess-${i}`, clientAddress: "203.0.113.20" }, at(t0, i * 60_000));
    }
    const owner = await signIn(db, { email: "victim@example.com", password: PASSWORD, clientAddress: "198.51.100.20" }, at(t0, 12 * 60_000 + 1));
    expect(owner.ok).toBe(true);
  });

  it("starts the pair afresh after a success", async () => {
    await createUser("forgetful@example.com");
    const t0 = new Date("2030-04-02T08:00:00Z");
    const key = { email: "forgetful@example.com", clientAddress: "192.0.2.30" };
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) await signIn(db, { ...key, password: `typo-${i}` }, at(t0, i));
    expect((await signIn(db, { ...key, password: PASSWORD }, at(t0, 2_000))).ok).toBe(true);
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) expect(await signIn(db, { ...key, password: `typo-${i}` }, at(t0, 2_001 + i))).toMatchObject({ status: 401 });
  });

  it("caps wrong passwords per address at a separate, higher ceiling, with the wait until the window frees one", async () => {
    const t0 = new Date("2030-04-03T08:00:00Z");
    const address = "203.0.113.30";
    // ADDRESS_FAILURE_LIMIT wrong passwords on as many accounts (password spraying), the first at t0.
    await db.insert(signInAttempts).values(
      Array.from({ length: ADDRESS_FAILURE_LIMIT }, (_, i) => ({
        ...attemptKeys(`spray-${i}@example.com`, address),
        attemptedAt: new Date(t0.getTime() + i * 1000),
        outcome: "failed" as const,
      })),
    );
    await createUser("sprayed@example.com");
    const now = ADDRESS_FAILURE_LIMIT * 1000;
    const refused = await signIn(db, { email: "sprayed@example.com", password: PASSWORD, clientAddress: address }, at(t0, now));
    expect(refused).toMatchObject({ status: 429, retryAfterSeconds: (ADDRESS_WINDOW_MS - now) / 1000 });
    expect((await signIn(db, { email: "sprayed@example.com", password: PASSWORD, clientAddress: address }, at(t0, ADDRESS_WINDOW_MS + 1))).ok).toBe(true);
  });

  it("lets many people behind one address sign in, typos and all (a dealership's NAT)", async () => {
    const t0 = new Date("2030-05-01T08:00:00Z");
    for (let i = 0; i < 12; i++) await createUser(`office-${i}@example.com`, "dealer");
    for (let i = 0; i < 12; i++) {
      const person = { email: `office-${i}@example.com`, clientAddress: "192.0.2.50" };
      expect(await signIn(db, { ...person, password: "wrong-first" }, at(t0, i * 1000))).toMatchObject({ status: 401 });
      expect((await signIn(db, { ...person, password: PASSWORD }, at(t0, i * 1000 + 500))).ok).toBe(true);
    }
  });

  it("stores keyed hashes, never the email or the address, and forgets attempts after 24 hours", async () => {
    const t0 = new Date("2030-06-01T08:00:00Z");
    await signIn(db, { email: "Recorded@Example.com", password: "nope-nope", clientAddress: "192.0.2.99" }, { now: t0 });
    const rows = await attemptsOf(db, "recorded@example.com", "192.0.2.99");
    expect(rows).toEqual([expect.objectContaining({ kind: "sign-in", outcome: "failed", emailHash: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    expect(JSON.stringify(rows)).not.toMatch(/recorded|192\.0\.2\.99/i);
    expect(rows[0].emailHash).not.toBe(createHash("sha256").update("recorded@example.com").digest("hex")); // keyed, not a plain hash
    await pruneSignInAttempts(db, new Date(t0.getTime() + ATTEMPT_RETENTION_MS - 1000));
    expect(await attemptsOf(db, "recorded@example.com", "192.0.2.99")).toHaveLength(1);
    await pruneSignInAttempts(db, new Date(t0.getTime() + ATTEMPT_RETENTION_MS + 1000));
    expect(await attemptsOf(db, "recorded@example.com", "192.0.2.99")).toHaveLength(0);
  });

  it("keys an address by its meaning: IPv4-mapped IPv6 as IPv4, IPv6 by its /64", () => {
    expect(normaliseAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normaliseAddress("2001:db8:0:1::1")).toBe("2001:db8:0:1::/64");
    expect(normaliseAddress("2001:0db8:0000:0001:ffff:1:2:3")).toBe("2001:db8:0:1::/64");
    expect(normaliseAddress("::1")).toBe("0:0:0:0::/64");
    expect(normaliseAddress("")).toBe("unknown");
    expect(normaliseAddress(undefined)).toBe("unknown");
    expect(attemptKeys("a@example.com", "2001:db8:0:1::5").addressHash).toBe(attemptKeys("A@example.com", "2001:db8:0:1:abcd::9").addressHash);
  });
});

describe("sign-up throttling and answers (decision 043)", () => {
  const outboxTo = mailTo;

  it("answers a new and an existing email the same, and tells the existing owner by email instead", async () => {
    await createUser("existing@example.com");
    const fresh = await signUp(db, { email: "fresh@example.com", name: "Fresh", clientAddress: "192.0.2.60" });
    const taken = await signUp(db, { email: "existing@example.com", name: "Intruder", clientAddress: "192.0.2.60" });
    expect(taken).toEqual(fresh);
    expect(fresh).toEqual({ ok: true });
    const [toExisting] = await outboxTo("existing@example.com");
    expect(toExisting.subject).toBe("You already have an Atelier account");
    expect(toExisting.body).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}/);
    const [toFresh] = await outboxTo("fresh@example.com");
    expect(toFresh.subject).toBe("Finish creating your Atelier account");
    // Nobody is signed in by asking, and the existing account's password still works.
    const [fresher] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.emailIndex, emailIndex("fresh@example.com")));
    expect(fresher.passwordHash).toBe("!unclaimed");
    expect((await signIn(db, { email: "existing@example.com", password: PASSWORD, clientAddress: "192.0.2.61" })).ok).toBe(true);
  });

  it("sends a customer a dealer added (no password yet) the link to set one", async () => {
    await db.insert(users).values({ email: "added@example.com", name: "Added", ...personIndexes({ email: "added@example.com", name: "Added" }), role: "customer", passwordHash: "!unclaimed" });
    expect(await signUp(db, { email: "added@example.com", name: "Added", clientAddress: "192.0.2.62" })).toEqual({ ok: true });
    const [mail] = await outboxTo("added@example.com");
    expect(mail.subject).toBe("Finish creating your Atelier account");
  });

  it("sends nothing for a deactivated account, and still answers the same", async () => {
    await db.insert(users).values({ email: "gone@example.com", name: "Gone", ...personIndexes({ email: "gone@example.com", name: "Gone" }), role: "customer", passwordHash: "!unclaimed", deactivatedAt: new Date() });
    expect(await signUp(db, { email: "gone@example.com", name: "Gone", clientAddress: "192.0.2.63" })).toEqual({ ok: true });
    expect(await outboxTo("gone@example.com")).toHaveLength(0);
  });

  it("throttles sign-ups per address and per email, with the wait", async () => {
    const t0 = new Date("2030-07-01T08:00:00Z");
    for (let i = 0; i < SIGN_UP_ADDRESS_LIMIT; i++) {
      expect(await signUp(db, { email: `many-${i}@example.com`, name: "Many", clientAddress: "203.0.113.40" }, { now: new Date(t0.getTime() + i * 1000) })).toEqual({ ok: true });
    }
    const more = await signUp(db, { email: "many-x@example.com", name: "Many", clientAddress: "203.0.113.40" }, { now: new Date(t0.getTime() + 60_000) });
    expect(more).toEqual({ ok: false, status: 429, message: "Too many sign-up attempts. Please wait and try again.", retryAfterSeconds: 3600 - 60 });

    for (let i = 0; i < SIGN_UP_EMAIL_LIMIT; i++) {
      expect((await signUp(db, { email: "inbox@example.com", name: "Inbox", clientAddress: `203.0.113.${50 + i}` }, { now: t0 })).ok).toBe(true);
    }
    expect(await signUp(db, { email: "inbox@example.com", name: "Inbox", clientAddress: "203.0.113.99" }, { now: t0 })).toMatchObject({ status: 429 });
    expect(await outboxTo("inbox@example.com")).toHaveLength(SIGN_UP_EMAIL_LIMIT);
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
    ["a control character in the name", { email: "short@example.com", name: "Sh\u0000ort" }, "name"],
  ];

  it.each(cases)("sign-up rejects %s with a message on that field and writes nothing", async (_label, input, field) => {
    const [{ n: before }] = await db.select({ n: count() }).from(users);
    const result = await signUp(db, input as { email: unknown; name: unknown });
    expect(result).toMatchObject({ ok: false, status: 400 });
    if (result.ok || result.status !== 400) return;
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
