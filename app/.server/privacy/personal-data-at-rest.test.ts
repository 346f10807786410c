/**
 * Personal data is not readable in the database (decision 045): after
 * migrate + seed + an order, no table holds a known name, email, phone or
 * address in clear — checked by reading every row of every table as text
 * (PGlite and PostgreSQL), and on PostgreSQL by grepping a real `pg_dump`.
 * Rows written before encryption are converted by the re-encryption pass, and
 * a key rotation re-encrypts everything while lookups keep working.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { emailOutbox, orders, shareCodes, users } from "#db/schema";
import type { TestDb } from "#db/test-db";
import { demoOrderInput, seededOrdersDb } from "~/.server/orders/orders.testing";
import { placeOrder, type OrderActor } from "~/.server/orders/orders.server";
import { emailIndex, keyRing, parseKeyRing, setKeyRing } from "./personal-data.server";
import { reencryptPersonalData, uncoveredColumns } from "./reencrypt.server";

const ZOFIA = {
  name: "Zofia Quintavex",
  email: "zofia.quintavex@example.test",
  phone: "+48 600 777 888",
  street: "Ulica Tajemnicza 42",
  postalCode: "50-001",
  city: "Wroclawek",
  country: "PL",
};
const SECRETS = [ZOFIA.name, "Quintavex", ZOFIA.email, "600 777 888", ZOFIA.street, "Tajemnicza", "Wroclawek", "Clara Becker", "customer@atelier.test", "Daniel Weber", "+49 89 2180 4412", "ZOFIA-PLATE"];

let t: TestDb;
let db: Db;
let clara: OrderActor;

beforeAll(async () => {
  ({ t, db, clara } = await seededOrdersDb());
  const input = await demoOrderInput(db);
  const placed = await placeOrder(db, clara, { ...input, contact: ZOFIA, idempotencyKey: "privacy-1" });
  if (!placed.ok) throw new Error(JSON.stringify(placed));
  await db.insert(shareCodes).values({ code: "PRVCY234", lineCode: input.line, catalogVersionId: input.catalogVersion, choices: input.choices, texts: { plate: "ZOFIA-PLATE" }, createdBy: clara.id });
}, 60_000);
afterAll(async () => {
  setKeyRing(undefined);
  await t?.close();
});

/** Rows of a raw query, whichever driver answered (PGlite wraps them in `rows`, postgres.js is the array). */
async function query<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(q)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Every row of every table of the public schema, as PostgreSQL prints it. */
async function everyRowAsText(): Promise<string> {
  const tables = await query<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  let text = "";
  for (const { table_name } of tables) {
    const rows = await query<{ row: string }>(sql`select t::text as row from ${sql.identifier(table_name)} t`);
    text += rows.map((r) => r.row).join("\n");
  }
  return text;
}

const leaked = (dump: string) => SECRETS.filter((s) => dump.toLowerCase().includes(s.toLowerCase()));

describe("personal data at rest", () => {
  it("the re-encryption pass covers every encrypted column of the schema", () => {
    expect(uncoveredColumns()).toEqual([]);
  });

  it("reads back in clear through the application", async () => {
    const [order] = await db.select({ contact: orders.contact }).from(orders).where(eq(orders.customerId, clara.id));
    expect(order.contact).toEqual(ZOFIA);
    const [share] = await db.select({ texts: shareCodes.texts }).from(shareCodes).where(eq(shareCodes.code, "PRVCY234"));
    expect(share.texts).toEqual({ plate: "ZOFIA-PLATE" });
    const [who] = await db.select({ name: users.name }).from(users).where(eq(users.emailIndex, emailIndex("Customer@Atelier.test")));
    expect(who.name).toBe("Clara Becker");
    expect((await db.select().from(emailOutbox)).some((m) => m.toAddress === ZOFIA.email)).toBe(true);
  });

  it("no table holds a name, email, phone, address or personal text in clear", async () => {
    expect(leaked(await everyRowAsText())).toEqual([]);
  });

  it("a pg_dump of the database shows none of it (PostgreSQL)", async (ctx) => {
    if (!t.url) return ctx.skip();
    const pgDump = ["/usr/bin/pg_dump", ...["16", "15", "17"].map((v) => `/usr/lib/postgresql/${v}/bin/pg_dump`)].find((p) => fs.existsSync(p));
    if (!pgDump) throw new Error("pg_dump is not installed");
    const { stdout } = await promisify(execFile)(pgDump, ["--data-only", "--no-owner", t.url], { maxBuffer: 256 * 1024 * 1024 });
    expect(stdout).toContain("pd:v1:");
    expect(leaked(stdout)).toEqual([]);
  });

  it("encrypts rows written in clear before encryption, and indexes them", async () => {
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.emailIndex, emailIndex("dealer@atelier.test")));
    // As 0024 leaves a row written before it: plaintext, no blind index.
    await db.execute(sql`update users set email = 'legacy.person@example.test', name = 'Legacy Person', phone = '+49 1', email_index = null, name_index = null where id = ${row.id}`);
    await db.execute(sql`update orders set contact = ${JSON.stringify({ ...ZOFIA, name: "Legacy Contact" })}`);
    expect(await everyRowAsText()).toContain("Legacy Person");
    const done = await reencryptPersonalData(db);
    expect(done).toMatchObject({ users: 1, orders: 1 });
    const dump = await everyRowAsText();
    expect(dump).not.toContain("Legacy Person");
    expect(dump).not.toContain("Legacy Contact");
    const [found] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.emailIndex, emailIndex("Legacy.Person@example.test")));
    expect(found).toEqual({ id: row.id, name: "Legacy Person" });
    expect(await reencryptPersonalData(db)).toEqual({ users: 0, orders: 0, email_outbox: 0, quote_versions: 0, share_codes: 0 });
  });

  it("rotates keys: a new key encrypts, the old still decrypts, the pass re-encrypts, then the old key can go", async () => {
    const old = keyRing();
    const key = () => randomBytes(32).toString("base64");
    const oldKeys = [...old.keys].map(([id, k]) => `${id}:${k.toString("base64")}`).join(",");
    const newKey = `r2:${key()}`;
    const newIndex = `ri2:${key()}`;
    setKeyRing(parseKeyRing(`${newKey},${oldKeys}`, newIndex));
    const [before] = await db.select({ contact: orders.contact }).from(orders).limit(1);
    expect(before.contact.city).toBe(ZOFIA.city);
    const done = await reencryptPersonalData(db);
    const [{ n: userCount }] = await query<{ n: number }>(sql`select count(*)::int as n from users`);
    expect(done.users).toBe(userCount);
    expect(done.orders).toBeGreaterThan(0);
    expect(done.email_outbox).toBeGreaterThan(0);
    expect(done.share_codes).toBe(1);
    // The old key is gone: everything still reads, and sign-in's lookup uses the new index key.
    setKeyRing(parseKeyRing(newKey, newIndex));
    const [after] = await db.select({ contact: orders.contact }).from(orders).limit(1);
    expect(after.contact.city).toBe(ZOFIA.city);
    expect(await db.select({ m: emailOutbox.body }).from(emailOutbox)).not.toHaveLength(0);
    const [who] = await db.select({ name: users.name }).from(users).where(eq(users.emailIndex, emailIndex("customer@atelier.test")));
    expect(who.name).toBe("Clara Becker");
    expect(leaked(await everyRowAsText())).toEqual([]);
  });
});
