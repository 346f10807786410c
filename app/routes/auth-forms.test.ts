/**
 * The sign-in and sign-up actions against a real database (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL): bad input of every kind is a 400 with a
 * message per field and writes nothing; sign-in redirects with a session;
 * sign-up answers "check your email" alike for new and existing emails; both
 * are throttled with Retry-After (decision 043).
 */
import { count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { emailOutbox, signInAttempts, users } from "#db/schema";
import { attemptKeys } from "~/.server/auth/rate-limit.server";
import { emailIndex } from "~/.server/privacy/personal-data.server";
import { useSeededProcessDb, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { action as loginAction } from "./login";
import { action as signupAction } from "./signup";

let pdb: ProcessDb;
let db: Db;

beforeAll(async () => {
  // The routes use the process's database (getDb): point it at a fresh, seeded one.
  pdb = await useSeededProcessDb();
  db = pdb.db;
  // Migrating and seeding take seconds, and much longer on a busy 2-core machine.
}, 180_000);

afterAll(async () => {
  await pdb?.close();
});

type Reply = { status?: string; error?: Record<string, string[] | null> | null };
type ActionArgs = Parameters<typeof loginAction>[0];

/** Run an action; return either the redirect (Response) or the form reply with its status. */
async function post(
  action: (args: ActionArgs) => Promise<unknown>,
  path: string,
  body: BodyInit,
  headers: HeadersInit = {},
  context = { clientAddress: `test-${path}-${Math.random()}` },
) {
  const request = new Request(`http://localhost${path}`, { method: "POST", body, headers });
  const result = await action({ request, params: {}, context });
  if (result instanceof Response) return { status: result.status, response: result, reply: undefined, headers: result.headers };
  const { data, init } = result as { data: Reply; init: ResponseInit | null };
  return { status: init?.status ?? 200, response: undefined, reply: data, headers: new Headers(init?.headers) };
}

const form = (fields: Record<string, string | Blob | string[]>) => {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return body;
};

const tally = async () => ({
  users: (await db.select({ n: count() }).from(users))[0].n,
  attempts: (await db.select({ n: count() }).from(signInAttempts))[0].n,
});

const LONG_EMAIL = `${"a".repeat(10 * 1024)}@example.test`;

const badInput: [string, () => BodyInit, Record<string, string>, Record<string, string>?][] = [
  ["a missing email", () => form({ password: "atelier-demo", name: "X" }), { email: "validation.required" }],
  ["a 10 KB email", () => form({ email: LONG_EMAIL, password: "atelier-demo", name: "X" }), { email: "validation.tooLong" }],
  ["a malformed email", () => form({ email: "not-an-email", password: "atelier-demo", name: "X" }), { email: "validation.email" }],
  ["an email sent as a file", () => form({ email: new File(["x@y.test"], "email.txt"), password: "atelier-demo", name: "X" }), { email: "validation.invalid" }],
  ["an email sent twice", () => form({ email: ["a@b.test", "c@d.test"], password: "atelier-demo", name: "X" }), { email: "validation.invalid" }],
  [
    "a JSON body",
    () => JSON.stringify({ email: "customer@atelier.test", password: "atelier-demo" }),
    { email: "validation.required", password: "validation.required" },
    { "Content-Type": "application/json" },
  ],
];

describe("sign-in form", () => {
  it.each(badInput)("answers %s with 400 and a message per field, recording nothing", async (_name, body, expected, headers) => {
    const before = await tally();
    const { status, reply } = await post(loginAction, "/login", body(), headers);
    expect(status).toBe(400);
    for (const [field, message] of Object.entries(expected)) expect(reply?.error?.[field]).toEqual([message]);
    expect(await tally()).toEqual(before);
  });

  it("refuses a wrong password with 401 and a translated form error", async () => {
    const { status, reply } = await post(loginAction, "/login", form({ email: "customer@atelier.test", password: "wrong-password" }));
    expect(status).toBe(401);
    expect(reply?.error?.[""]).toEqual(["login.invalid"]);
  });

  it("signs in: redirect to the role's home (or a safe redirectTo) with a session cookie", async () => {
    const home = await post(loginAction, "/login", form({ email: "planner@atelier.test", password: "atelier-demo" }));
    expect(home.status).toBe(302);
    expect(home.response?.headers.get("Location")).toBe("/planning");
    expect(home.response?.headers.get("Set-Cookie")).toMatch(/^atelier_session=.+HttpOnly/i);

    const back = await post(loginAction, "/login", form({ email: "admin@atelier.test", password: "atelier-demo", redirectTo: "/admin?tab=users" }));
    expect(back.response?.headers.get("Location")).toBe("/admin?tab=users");
    const offsite = await post(loginAction, "/login", form({ email: "admin@atelier.test", password: "atelier-demo", redirectTo: "//evil.example" }));
    expect(offsite.response?.headers.get("Location")).toBe("/admin");
  });
});

describe("sign-up form", () => {
  it.each(badInput)("answers %s with 400 and a message per field, writing nothing", async (_name, body, expected, headers) => {
    const before = await tally();
    const { status, reply } = await post(signupAction, "/signup", body(), headers);
    expect(status).toBe(400);
    const errors = (reply as { reply?: Reply } | undefined)?.reply?.error;
    // The sign-up form has no password: the emailed link sets it (decision 043).
    for (const [field, message] of Object.entries(expected)) if (field !== "password") expect(errors?.[field]).toEqual([message]);
    expect(await tally()).toEqual(before);
  });

  it("reports every missing field at once", async () => {
    const { status, reply } = await post(signupAction, "/signup", form({}));
    expect(status).toBe(400);
    expect((reply as { reply?: Reply } | undefined)?.reply?.error).toMatchObject({ email: ["validation.required"], name: ["validation.required"] });
  });

  it("answers a new and an existing email alike (200, 'check your email', no session); only the email differs", async () => {
    const before = (await db.select({ n: count() }).from(emailOutbox))[0].n;
    const fresh = await post(signupAction, "/signup", form({ email: "New.Customer@Example.test", name: "New Customer" }));
    const taken = await post(signupAction, "/signup", form({ email: "customer@atelier.test", name: "Someone Else" }));
    for (const answer of [fresh, taken]) {
      expect(answer.status).toBe(200);
      expect(answer.response).toBeUndefined(); // no redirect, no Set-Cookie
    }
    const shape = (a: typeof fresh) => JSON.stringify(a.reply).replace(/"[^"]*@[^"]*"/g, '"EMAIL"');
    expect(shape(taken)).toBe(shape(fresh));

    const mail = await db.select().from(emailOutbox).orderBy(desc(emailOutbox.id)).limit(2);
    expect((await db.select({ n: count() }).from(emailOutbox))[0].n).toBe(before + 2);
    const byAddress = Object.fromEntries(mail.map((m) => [m.toAddress, m]));
    expect(byAddress["new.customer@example.test"].body).toMatch(/\/set-password\//);
    expect(byAddress["customer@atelier.test"].subject).toBe("You already have an Atelier account");
    expect(byAddress["customer@atelier.test"].body).toContain("/login");
    // The existing account is untouched: its name and password stay.
    const [customer] = await db.select({ name: users.name }).from(users).where(eq(users.emailIndex, emailIndex("customer@atelier.test")));
    expect(customer.name).not.toBe("Someone Else");
    expect((await post(loginAction, "/login", form({ email: "customer@atelier.test", password: "atelier-demo" }))).status).toBe(302);
  });

  it("throttles sign-ups from one address: the 11th in an hour is 429 with Retry-After", async () => {
    const context = { clientAddress: "198.51.100.77" };
    for (let i = 0; i < 10; i++) expect((await post(signupAction, "/signup", form({ email: `burst-${i}@example.test`, name: "Burst" }), {}, context)).status).toBe(200);
    const eleventh = await post(signupAction, "/signup", form({ email: "burst-10@example.test", name: "Burst" }), {}, context);
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers?.get("Retry-After"))).toBeGreaterThan(0);
    expect((eleventh.reply as { reply?: Reply } | undefined)?.reply?.error?.[""]).toEqual(["signup.rateLimited"]);
  });
});

describe("sign-in throttling", () => {
  it("answers 429 with Retry-After while the account + address pair must wait", async () => {
    const clientAddress = "198.51.100.88";
    const { emailHash, addressHash } = attemptKeys("customer@atelier.test", clientAddress);
    const now = new Date();
    await db.insert(signInAttempts).values(Array.from({ length: 10 }, () => ({ kind: "sign-in" as const, emailHash, addressHash, attemptedAt: now, outcome: "failed" as const })));
    const blocked = await post(loginAction, "/login", form({ email: "customer@atelier.test", password: "atelier-demo" }), {}, { clientAddress });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers?.get("Retry-After"))).toBeGreaterThan(20); // 10 wrong passwords: 32 s
    expect(blocked.reply?.error?.[""]).toEqual(["login.rateLimited"]);
    // The same account from another address signs in as usual: nobody else can lock it.
    expect((await post(loginAction, "/login", form({ email: "customer@atelier.test", password: "atelier-demo" }), {}, { clientAddress: "198.51.100.89" })).status).toBe(302);
  });
});
