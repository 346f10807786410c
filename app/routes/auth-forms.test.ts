/**
 * The sign-in and sign-up actions against a real database (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL): bad input of every kind is a 400 with a
 * message per field and writes nothing; the good paths redirect with a session.
 */
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { signInAttempts, users } from "#db/schema";
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
async function post(action: (args: ActionArgs) => Promise<unknown>, path: string, body: BodyInit, headers: HeadersInit = {}) {
  const request = new Request(`http://localhost${path}`, { method: "POST", body, headers });
  const result = await action({ request, params: {}, context: { clientAddress: `test-${path}-${Math.random()}` } });
  if (result instanceof Response) return { status: result.status, response: result, reply: undefined };
  const { data, init } = result as { data: Reply; init: ResponseInit | null };
  return { status: init?.status ?? 200, response: undefined, reply: data };
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
    for (const [field, message] of Object.entries(expected)) expect(reply?.error?.[field]).toEqual([message]);
    expect(await tally()).toEqual(before);
  });

  it("reports every missing field at once", async () => {
    const { status, reply } = await post(signupAction, "/signup", form({}));
    expect(status).toBe(400);
    expect(reply?.error).toMatchObject({ email: ["validation.required"], password: ["validation.required"], name: ["validation.required"] });
  });

  it("creates a customer and signs them in; the same email again is a 409 at the email field", async () => {
    const fields = { email: "New.Customer@Example.test", password: "a-long-password", name: "New Customer" };
    const created = await post(signupAction, "/signup", form(fields));
    expect(created.status).toBe(302);
    expect(created.response?.headers.get("Location")).toBe("/account");
    expect(created.response?.headers.get("Set-Cookie")).toMatch(/^atelier_session=/);

    const before = await tally();
    const again = await post(signupAction, "/signup", form({ ...fields, email: "new.customer@example.test" }));
    expect(again.status).toBe(409);
    expect(again.reply?.error?.email).toEqual(["signup.emailTaken"]);
    expect(await tally()).toEqual(before);
  });
});
