/**
 * The audit log against a real database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL): entries can be added and never changed or deleted (the
 * database refuses, whoever asks); deleting a user keeps their entries
 * without them; and the writers outside the admins' area (tier override,
 * customer-file opening) log in the same transaction as their change.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { auditLog, dealershipCustomers, users } from "#db/schema";
import { failureOf, type TestDb } from "#db/test-db";
import { createCustomer, userId } from "~/.server/configurations/configurations.testing";
import { openCustomerFile } from "~/.server/customers/customer-file.server";
import { dealershipId } from "~/.server/customers/customers.testing";
import { overrideTier } from "~/.server/customers/tiers.server";
import { seededOrdersDb } from "~/.server/orders/orders.testing";
import { recordAudit } from "./audit.server";

let t: TestDb;
let db: Db;
let admin: string;

beforeAll(async () => {
  ({ t, db } = await seededOrdersDb());
  admin = await userId(db, "admin@atelier.test");
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const entriesFor = (subjectId: string) => db.select().from(auditLog).where(eq(auditLog.subjectId, subjectId)).orderBy(auditLog.id);

describe("audit log", () => {
  it("keeps an entry with who, what, before and after", async () => {
    await recordAudit(db, { actorId: admin, action: "user.role", subject: "user", subjectId: "u-1", before: { role: "dealer" }, after: { role: "sales_manager" } });
    const [row] = await entriesFor("u-1");
    expect(row).toMatchObject({ actorId: admin, action: "user.role", subject: "user", before: { role: "dealer" }, after: { role: "sales_manager" } });
  });

  it("refuses to change or delete an entry", async () => {
    await recordAudit(db, { actorId: admin, action: "catalog.publish", subject: "catalog-version", subjectId: "v-keep" });
    expect(await failureOf(db.update(auditLog).set({ action: "catalog.retire" }).where(eq(auditLog.subjectId, "v-keep")))).toMatch(/append-only: entry \d+ can't be updated/);
    await expect(db.update(auditLog).set({ actorId: null }).where(eq(auditLog.subjectId, "v-keep"))).resolves.toBeDefined();
    expect(await failureOf(db.delete(auditLog).where(eq(auditLog.subjectId, "v-keep")))).toMatch(/append-only: entry \d+ can't be deleted/);
    const rows = await entriesFor("v-keep");
    expect(rows).toHaveLength(1);
    expect(rows[0].action).toBe("catalog.publish");
  });

  it("keeps a deleted user's entries, without the user", async () => {
    const gone = await createCustomer(db, "gone@example.test");
    await recordAudit(db, { actorId: gone, action: "customer-file.open", subject: "customer", subjectId: "c-gone" });
    await db.delete(users).where(eq(users.id, gone));
    const [row] = await entriesFor("c-gone");
    expect(row).toMatchObject({ actorId: null, action: "customer-file.open" });
  });

  it("logs a tier override with the tiers before and after, and nothing for a refused one", async () => {
    const manager = await userId(db, "manager@atelier.test");
    const customer = await createCustomer(db, "tiered@example.test");
    expect((await overrideTier(db, { id: manager, role: "sales_manager" }, customer, { to: "gold", reason: "fleet buyer" })).ok).toBe(true);
    expect((await overrideTier(db, { id: manager, role: "sales_manager" }, customer, { to: "gold", reason: "again" })).ok).toBe(false);
    const rows = await entriesFor(customer);
    expect(rows.map((r) => [r.action, r.before, r.after, r.actorId])).toEqual([["tier.override", { tier: "standard" }, { tier: "gold" }, manager]]);
  });

  it("logs each opening of a customer file, and none when the reader doesn't reach it", async () => {
    const dealer = await userId(db, "dealer@atelier.test");
    const munich = await dealershipId(db, "MUC-01");
    const shanghai = await dealershipId(db, "SHA-01");
    const customer = await createCustomer(db, "opened@example.test");
    await db.insert(dealershipCustomers).values({ dealershipId: munich, customerId: customer, consentToContact: true });
    expect(await openCustomerFile(db, { id: dealer, role: "dealer", dealershipId: munich }, customer)).not.toBeNull();
    expect(await openCustomerFile(db, { id: dealer, role: "dealer", dealershipId: shanghai }, customer)).toBeNull();
    const opened = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, customer), eq(auditLog.action, "customer-file.open")));
    expect(opened[0].n).toBe(1);
  });
});
