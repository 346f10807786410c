import fs from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signIn } from "../app/.server/auth/auth.server";
import { getEnv } from "../app/.server/platform/env.server";
import { catalogVersions, dealershipMembers, dealerships, productLines, users } from "./schema";
import { DEMO_CATALOG_VERSION, DEMO_PASSWORD, demoCatalogFile, seed, shouldSeedDemo } from "./seed";
import { createTestDb, type TestDb } from "./test-db";

const FIXTURE = path.join(path.dirname(new URL(import.meta.url).pathname), "fixtures", "tiny-catalog.json");
const MISSING = path.join(path.dirname(FIXTURE), "no-such-catalog.json");

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

async function counts() {
  const [[u], [d], [m], [v], [l]] = await Promise.all([
    t.db.select({ n: count() }).from(users),
    t.db.select({ n: count() }).from(dealerships),
    t.db.select({ n: count() }).from(dealershipMembers),
    t.db.select({ n: count() }).from(catalogVersions),
    t.db.select({ n: count() }).from(productLines),
  ]);
  return { users: u.n, dealerships: d.n, members: m.n, versions: v.n, lines: l.n };
}

describe("seed", () => {
  it("adds nothing without demo", async () => {
    expect(await seed(t.db, { demo: false, catalogFile: FIXTURE })).toMatchObject({ users: 0, catalogVersion: null });
    expect(await counts()).toEqual({ users: 0, dealerships: 0, members: 0, versions: 0, lines: 0 });
  });

  it("seeds the demo people and notes a missing catalog file instead of failing", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const result = await seed(t.db, { demo: true, catalogFile: MISSING });
    expect(result).toMatchObject({ users: 6, dealerships: 2, catalogVersion: null });
    expect(result.notes.join(" ")).toMatch(/not found/);
    expect(warn).toHaveBeenCalledOnce();
    expect(await counts()).toEqual({ users: 6, dealerships: 2, members: 3, versions: 0, lines: 0 });
  });

  it("gives every demo account its role, and the dealers their dealerships", async () => {
    const rows = await t.db
      .select({ email: users.email, role: users.role, shop: dealerships.code, as: dealershipMembers.role })
      .from(users)
      .leftJoin(dealershipMembers, eq(dealershipMembers.userId, users.id))
      .leftJoin(dealerships, eq(dealerships.id, dealershipMembers.dealershipId));
    // Emails are encrypted (decision 045): sorted after reading.
    rows.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
    expect(rows).toEqual([
      { email: "admin@atelier.test", role: "admin", shop: null, as: null },
      { email: "customer@atelier.test", role: "customer", shop: null, as: null },
      { email: "dealer2@atelier.test", role: "dealer", shop: "SHA-01", as: "dealer" },
      { email: "dealer@atelier.test", role: "dealer", shop: "MUC-01", as: "dealer" },
      { email: "manager@atelier.test", role: "sales_manager", shop: "MUC-01", as: "sales_manager" },
      { email: "planner@atelier.test", role: "planner", shop: null, as: null },
    ]);
  });

  it("lets every demo account sign in with the demo password", async () => {
    const emails = (await t.db.select({ email: users.email }).from(users)).map((u) => u.email);
    for (const email of emails) {
      const result = await signIn(t.db, { email, password: DEMO_PASSWORD, clientAddress: "seed-test" });
      expect(result, email).toMatchObject({ ok: true, user: { email } });
    }
  });

  it("seeds the catalog once the file exists, without touching the people", async () => {
    const result = await seed(t.db, { demo: true, catalogFile: FIXTURE });
    expect(result).toMatchObject({ users: 0, catalogVersion: DEMO_CATALOG_VERSION.id });
    const [version] = await t.db.select().from(catalogVersions);
    expect(version).toMatchObject({ id: DEMO_CATALOG_VERSION.id, status: "published" });
    expect(version.publishedAt).toBeInstanceOf(Date);
    expect(version.catalog.productLines.map((l) => l.code)).toEqual(["tiny-sedan", "tiny-estate"]);
    const lines = await t.db.select().from(productLines).orderBy(productLines.position);
    expect(lines.map((l) => [l.code, l.name.en])).toEqual([
      ["tiny-sedan", "Tiny sedan"],
      ["tiny-estate", "Tiny estate"],
    ]);
    expect(await counts()).toEqual({ users: 6, dealerships: 2, members: 3, versions: 1, lines: 2 });
  });

  it("does nothing on a database that is already seeded", async () => {
    const before = await counts();
    const result = await seed(t.db, { demo: true, catalogFile: FIXTURE });
    expect(result).toMatchObject({ users: 0, dealerships: 0, catalogVersion: null });
    expect(await counts()).toEqual(before);
  });

  it.skipIf(!fs.existsSync(demoCatalogFile()))("finds and parses the repository's demo catalog (db/catalog/demo.json)", async () => {
    const other = await createTestDb();
    try {
      const result = await seed(other.db, { demo: true });
      expect(result.catalogVersion).toBe(DEMO_CATALOG_VERSION.id);
      const [{ n }] = await other.db.select({ n: count() }).from(productLines);
      expect(n).toBeGreaterThanOrEqual(3); // sedan, a sibling on the same platform, another trade
    } finally {
      await other.close();
    }
  });
});

describe("shouldSeedDemo", () => {
  const url = "postgres://postgres@127.0.0.1:5432/atelier";
  it("seeds the embedded database, and PostgreSQL only with SEED_DEMO=1", () => {
    expect(shouldSeedDemo(getEnv({}))).toBe(true);
    expect(shouldSeedDemo(getEnv({ DATABASE_URL: url }))).toBe(false);
    expect(shouldSeedDemo(getEnv({ DATABASE_URL: url, SEED_DEMO: "1" }))).toBe(true);
    expect(shouldSeedDemo(getEnv({ DATABASE_URL: url, SEED_DEMO: "0" }))).toBe(false);
    expect(shouldSeedDemo(getEnv({ DATABASE_URL: "", SEED_DEMO: "" }))).toBe(true);
  });
});
