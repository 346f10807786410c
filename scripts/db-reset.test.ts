import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getEnv } from "../app/.server/platform/env.server";
import { createDb } from "../db/client";
import { users } from "../db/schema";
import { HISTORY_EMAIL_DOMAIN } from "../db/seed-history";
import { createTestDb } from "../db/test-db";
import { resetDatabase } from "./db-reset";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-reset-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("db:reset", () => {
  it("refuses a production database without --force", async () => {
    await expect(resetDatabase(getEnv({ NODE_ENV: "production", PGLITE_DIR: path.join(tmp, "never") }))).rejects.toThrow(/--force/);
    expect(fs.existsSync(path.join(tmp, "never"))).toBe(false);
  });

  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))("rebuilds the PGlite folder from scratch and seeds the demo", async () => {
    const dir = path.join(tmp, "pglite");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "leftover"), "from an older database");
    const result = await resetDatabase(getEnv({ NODE_ENV: "development", PGLITE_DIR: dir }));
    expect(result.seeded.users).toBe(6);
    // Like start-up: the synthetic order history for the recommendations too (60 customers, 120 orders a line).
    expect(result.seeded.history).toBe(3 * 120);
    expect(fs.existsSync(path.join(dir, "leftover"))).toBe(false);
    const handle = await createDb({ pgliteDir: dir });
    try {
      const [{ n }] = await handle.db.select({ n: count() }).from(users);
      expect(n).toBe(6 + 60);
    } finally {
      await handle.close();
    }
  }, 120_000); // two on-disk PGlite starts and the demo seed: slow on a busy 2-core machine

  it.skipIf(!process.env.TEST_DATABASE_URL)("drops everything on PostgreSQL and seeds only with SEED_DEMO=1", async () => {
    const scratch = await createTestDb();
    try {
      await scratch.db.execute(sql`create table stray (id int)`);
      await scratch.db.insert(users).values({ email: "old@example.com", passwordHash: "x", name: "Old" });

      const plain = await resetDatabase(getEnv({ NODE_ENV: "development", DATABASE_URL: scratch.url }));
      expect(plain.seeded.users).toBe(0);
      const tables = await scratch.db.execute(
        sql`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = 'stray'`,
      );
      expect((tables as unknown as { n: number }[])[0].n).toBe(0);
      expect((await scratch.db.select({ n: count() }).from(users))[0].n).toBe(0);

      const demo = await resetDatabase(getEnv({ NODE_ENV: "development", DATABASE_URL: scratch.url, SEED_DEMO: "1" }));
      expect(demo.seeded.users).toBe(6);
      // The six demo accounts, beside the synthetic order history's customers (who can't sign in).
      // Emails are encrypted (decision 045): told apart after reading.
      const emails = (await scratch.db.select({ email: users.email }).from(users)).map((u) => u.email);
      expect(emails.filter((e) => !e.endsWith(`@${HISTORY_EMAIL_DOMAIN}`))).toHaveLength(6);
      expect(emails.filter((e) => e.endsWith(`@${HISTORY_EMAIL_DOMAIN}`)).length).toBeGreaterThan(0);
    } finally {
      await scratch.close();
    }
  }, 60_000);
});
