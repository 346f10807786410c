/**
 * API tokens against a real database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL): only the hash is stored, a token finds its user until
 * it is revoked, revoking is for the owner only, lastUsedAt is written at
 * most once a minute, and an account holds a bounded number of tokens.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { apiTokens } from "#db/schema";
import { createTestDb, type TestDb } from "#db/test-db";
import {
  createApiToken,
  findTokenUser,
  hashApiToken,
  listApiTokens,
  MAX_TOKENS_PER_USER,
  readBearer,
  revokeApiToken,
  TOKEN_TOUCH_INTERVAL_MS,
} from "./api-tokens.server";
import { createCustomer } from "~/.server/configurations/configurations.testing";

let t: TestDb;
let db: Db;
let ann: string;
let bob: string;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  ann = await createCustomer(db, "ann@example.test");
  bob = await createCustomer(db, "bob@example.test");
});

afterAll(async () => {
  await t?.close();
});

async function make(userId: string, label = "Dealer system", now?: Date) {
  const made = await createApiToken(db, userId, label, now);
  if (!made.ok) throw new Error(made.message);
  return made;
}

describe("API tokens", () => {
  it("stores only the SHA-256 and finds the token's user", async () => {
    const { token, info } = await make(ann);
    expect(token).toMatch(/^atk_[A-Za-z0-9_-]{43}$/);
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, info.id));
    expect(row!.tokenHash).toBe(hashApiToken(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    expect(await findTokenUser(db, token)).toMatchObject({ id: ann, role: "customer", email: "ann@example.test" });
    expect(await findTokenUser(db, `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(await findTokenUser(db, "atk_short")).toBeNull();
  });

  it("lists the owner's tokens newest first, without the token", async () => {
    const first = await make(bob, "First", new Date("2026-01-01T00:00:00Z"));
    const second = await make(bob, "Second", new Date("2026-01-02T00:00:00Z"));
    const list = await listApiTokens(db, bob);
    expect(list.map((x) => x.label)).toEqual(["Second", "First"]);
    expect(JSON.stringify(list)).not.toContain(first.token.slice(4));
    expect(JSON.stringify(list)).not.toContain(second.token.slice(4));
    expect(await listApiTokens(db, ann)).not.toContainEqual(expect.objectContaining({ label: "First" }));
  });

  it("revokes only the owner's token, and a revoked token finds nobody", async () => {
    const { token, info } = await make(ann, "To revoke");
    expect(await revokeApiToken(db, bob, info.id)).toBe(false);
    expect(await findTokenUser(db, token)).not.toBeNull();
    expect(await revokeApiToken(db, ann, info.id)).toBe(true);
    expect(await revokeApiToken(db, ann, info.id)).toBe(false);
    expect(await findTokenUser(db, token)).toBeNull();
  });

  it("writes lastUsedAt at most once a minute", async () => {
    const { token, info } = await make(ann, "Touch");
    const lastUsed = async () => (await db.select().from(apiTokens).where(eq(apiTokens.id, info.id)))[0]!.lastUsedAt;
    const t0 = new Date("2026-03-01T10:00:00Z");
    await findTokenUser(db, token, t0);
    expect(await lastUsed()).toEqual(t0);
    await findTokenUser(db, token, new Date(t0.getTime() + TOKEN_TOUCH_INTERVAL_MS - 1));
    expect(await lastUsed()).toEqual(t0);
    const later = new Date(t0.getTime() + TOKEN_TOUCH_INTERVAL_MS);
    await findTokenUser(db, token, later);
    expect(await lastUsed()).toEqual(later);
  });

  it("refuses more than the maximum per account, even when asked concurrently", async () => {
    const carl = await createCustomer(db, "carl@example.test");
    const results = await Promise.all(Array.from({ length: MAX_TOKENS_PER_USER + 5 }, (_, i) => createApiToken(db, carl, `T${i}`)));
    expect(results.filter((r) => r.ok)).toHaveLength(MAX_TOKENS_PER_USER);
    expect(results.find((r) => !r.ok)).toMatchObject({ status: 409, code: "too-many-tokens" });
    expect(await listApiTokens(db, carl)).toHaveLength(MAX_TOKENS_PER_USER);
  });

  it("reads the Authorization header: none, a Bearer token, or malformed", () => {
    const req = (value?: string) => new Request("http://localhost/", { headers: value === undefined ? {} : { Authorization: value } });
    expect(readBearer(req())).toEqual({ kind: "none" });
    expect(readBearer(req("Bearer atk_x"))).toEqual({ kind: "bearer", token: "atk_x" });
    expect(readBearer(req("bearer   atk_x"))).toEqual({ kind: "bearer", token: "atk_x" });
    for (const bad of ["", "Bearer", "Bearer a b", "Basic abc", "atk_x"]) expect(readBearer(req(bad)), bad).toEqual({ kind: "malformed" });
  });
});
