import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "./schema";
import { createTestDb, type TestDb } from "./test-db";
import { personIndexes } from "../app/.server/privacy/personal-data.server";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

/** Rows of a raw query, whichever driver returned them (PGlite: { rows }, postgres.js: an array). */
function rows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

describe("migrations", () => {
  it("create every table of the schema", async () => {
    const result = await t.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(rows<{ table_name: string }>(result).map((r) => r.table_name)).toEqual([
      "account_tokens",
      "api_tokens",
      "audit_log",
      "catalog_analyses",
      "catalog_versions",
      "configuration_news",
      "configurations",
      "consent_events",
      "customer_file_access",
      "customer_notes",
      "dealership_customers",
      "dealership_members",
      "dealerships",
      "email_outbox",
      "leads",
      "line_capacity",
      "line_capacity_days",
      "line_holidays",
      "line_sequence_drafts",
      "line_sequencing_rules",
      "notifications",
      "order_events",
      "order_feedback",
      "order_lines",
      "order_status_counts",
      "orders",
      "product_lines",
      "queue_entries",
      "quote_versions",
      "quotes",
      "recent_views",
      "recommendation_models",
      "sequence_positions",
      "sessions",
      "share_codes",
      "sign_in_attempts",
      "tier_events",
      "users",
    ]);
  });

  it("are recorded in drizzle's journal table", async () => {
    const result = await t.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(rows<{ n: number }>(result)[0].n).toBeGreaterThanOrEqual(2);
  });

  // Emails are encrypted (decision 045): uniqueness, whatever the case, is on their blind index.
  it("enforce unique emails, whatever their case, in the database itself", async () => {
    await t.db.insert(users).values({ email: "one@atelier.test", ...personIndexes({ email: "one@atelier.test", name: "One" }), passwordHash: "x", name: "One" });
    await expect(t.db.insert(users).values({ email: "One@Atelier.test", ...personIndexes({ email: "One@Atelier.test", name: "Two" }), passwordHash: "x", name: "Two" })).rejects.toThrow();
  });
});
