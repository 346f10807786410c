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
import { configurations, customerNotes, dealershipCustomers, emailOutbox, leads, orderFeedback, orders, quoteVersions, shareCodes, users } from "#db/schema";
import type { TestDb } from "#db/test-db";
import { demoOrderInput, seededOrdersDb } from "~/.server/orders/orders.testing";
import { placeOrder, type OrderActor } from "~/.server/orders/orders.server";
import { createQuote, dealerContext } from "~/.server/quotes/quotes.server";
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
/** A visitor's lead, personalisation texts, a staff note and a feedback comment (decision 045's second round). */
const IGNAZ = { name: "Ignaz Pflaumbrecht", email: "ignaz.pflaumbrecht@example.test", phone: "+43 664 313 2718", message: "Rueckruf Pflaumbrecht abends" };
const TEXTS = { order: "ORDER-GRAVUR-XQ", quote: "QUOTE-GRAVUR-XQ", saved: "SAVED-GRAVUR-XQ" };
const NOTE = "Hat Hund namens Wurstelkoenig";
const COMMENT = "Lieferant Brezelmeister war super";
const SECRETS = [
  ...[ZOFIA.name, "Quintavex", ZOFIA.email, "600 777 888", ZOFIA.street, "Tajemnicza", "Wroclawek", "Clara Becker", "customer@atelier.test", "Daniel Weber", "+49 89 2180 4412", "ZOFIA-PLATE"],
  ...["Pflaumbrecht", IGNAZ.email, "313 2718", ...Object.values(TEXTS), "Wurstelkoenig", "Brezelmeister"],
];

let t: TestDb;
let db: Db;
let clara: OrderActor;

beforeAll(async () => {
  ({ t, db, clara } = await seededOrdersDb());
  const input = await demoOrderInput(db);
  const placed = await placeOrder(db, clara, { ...input, contact: ZOFIA, idempotencyKey: "privacy-1" });
  if (!placed.ok) throw new Error(JSON.stringify(placed));
  await db.insert(shareCodes).values({ code: "PRVCY234", lineCode: input.line, catalogVersionId: input.catalogVersion, choices: input.choices, texts: { plate: "ZOFIA-PLATE" }, createdBy: clara.id });
  // Written through the schema (as the application writes them), with texts the demo line needn't accept.
  const orderId = placed.value.order.id;
  await db.update(orders).set({ texts: { inscription: TEXTS.order } }).where(eq(orders.id, orderId));
  await db.insert(configurations).values({ ownerId: clara.id, name: "Mine", lineCode: input.line, catalogVersionId: input.catalogVersion, choices: input.choices, texts: { inscription: TEXTS.saved } });
  const [dealerUser] = await db.select({ id: users.id }).from(users).where(eq(users.emailIndex, emailIndex("dealer@atelier.test")));
  const dealer = (await dealerContext(db, dealerUser.id))!;
  await db.insert(dealershipCustomers).values({ dealershipId: dealer.dealershipId, customerId: clara.id, consentToContact: true, createdBy: dealer.userId }).onConflictDoNothing();
  const quote = await createQuote(db, dealer, clara.id, { line: input.line, choices: input.choices, texts: {}, market: input.market, discount: { kind: "percent", value: 0 } });
  if (!quote.ok) throw new Error(JSON.stringify(quote));
  await db.update(quoteVersions).set({ texts: { inscription: TEXTS.quote } });
  await db.insert(leads).values({ dealershipId: dealer.dealershipId, ...IGNAZ, emailIndex: emailIndex(IGNAZ.email), shareCode: "PRVCY234", clientAddress: "203.0.113.9" });
  await db.insert(customerNotes).values({ customerId: clara.id, authorId: dealer.userId, dealershipId: dealer.dealershipId, body: NOTE });
  await db.insert(orderFeedback).values({ orderId, customerId: clara.id, productRating: 5, deliveryRating: 4, comment: COMMENT });
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
    const mail = (await db.select().from(emailOutbox)).find((m) => m.toAddress === ZOFIA.email);
    expect(mail!.body).toContain(ZOFIA.name);
    // The HTML version (decision 050's picture inline) is personal too.
    expect(mail!.html).toContain(ZOFIA.name);
    const [lead] = await db.select().from(leads).where(eq(leads.emailIndex, emailIndex("Ignaz.Pflaumbrecht@example.test")));
    expect(lead).toMatchObject(IGNAZ);
    expect((await db.select({ texts: orders.texts }).from(orders)).map((o) => o.texts)).toContainEqual({ inscription: TEXTS.order });
    expect((await db.select({ texts: quoteVersions.texts }).from(quoteVersions)).map((v) => v.texts)).toContainEqual({ inscription: TEXTS.quote });
    expect((await db.select({ texts: configurations.texts }).from(configurations)).map((c) => c.texts)).toContainEqual({ inscription: TEXTS.saved });
    expect((await db.select({ body: customerNotes.body }).from(customerNotes)).map((n) => n.body)).toContain(NOTE);
    expect((await db.select({ comment: orderFeedback.comment }).from(orderFeedback)).map((f) => f.comment)).toContain(COMMENT);
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
    await db.execute(sql`update orders set contact = ${JSON.stringify({ ...ZOFIA, name: "Legacy Contact" })}, texts = '{"inscription": "LEGACY-ORDER-TEXT"}'`);
    // As 0028 leaves them: jsonb texts cast to their JSON text, a lead without its email's index, plain notes and comments.
    await db.execute(sql`update quote_versions set texts = '{"inscription": "LEGACY-QUOTE-TEXT"}'`);
    await db.execute(sql`update configurations set texts = '{"inscription": "LEGACY-SAVED-TEXT"}'`);
    await db.execute(sql`update leads set name = 'Legacy Visitor', email = 'legacy.visitor@example.test', phone = '+49 2', message = 'Legacy message', email_index = null`);
    await db.execute(sql`update customer_notes set body = 'Legacy note'`);
    await db.execute(sql`update order_feedback set comment = 'Legacy comment'`);
    const zofiasMail = (await db.select({ id: emailOutbox.id, to: emailOutbox.toAddress }).from(emailOutbox)).find((m) => m.to === ZOFIA.email)!;
    await db.execute(sql`update email_outbox set html = '<p>Legacy html mail</p>' where id = ${zofiasMail.id}`);
    expect(await everyRowAsText()).toContain("Legacy Person");
    const done = await reencryptPersonalData(db);
    expect(done).toMatchObject({ users: 1, orders: 1, email_outbox: 1, quote_versions: 1, configurations: 1, leads: 1, customer_notes: 1, order_feedback: 1 });
    const dump = await everyRowAsText();
    for (const plain of ["Legacy Person", "Legacy Contact", "LEGACY-ORDER-TEXT", "LEGACY-QUOTE-TEXT", "LEGACY-SAVED-TEXT", "Legacy Visitor", "legacy.visitor", "Legacy message", "Legacy note", "Legacy comment", "Legacy html mail"])
      expect(dump).not.toContain(plain);
    const [lead] = await db.select({ name: leads.name, message: leads.message }).from(leads).where(eq(leads.emailIndex, emailIndex("legacy.visitor@example.test")));
    expect(lead).toEqual({ name: "Legacy Visitor", message: "Legacy message" });
    expect((await db.select({ html: emailOutbox.html }).from(emailOutbox).where(eq(emailOutbox.id, zofiasMail.id)))[0]!.html).toBe("<p>Legacy html mail</p>");
    expect((await db.select({ texts: orders.texts }).from(orders)).map((o) => o.texts)).toContainEqual({ inscription: "LEGACY-ORDER-TEXT" });
    const [found] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.emailIndex, emailIndex("Legacy.Person@example.test")));
    expect(found).toEqual({ id: row.id, name: "Legacy Person" });
    expect(await reencryptPersonalData(db)).toEqual({ users: 0, orders: 0, email_outbox: 0, quote_versions: 0, share_codes: 0, configurations: 0, leads: 0, customer_notes: 0, order_feedback: 0 });
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
    expect(done).toMatchObject({ configurations: 1, leads: 1, customer_notes: 1, order_feedback: 1, quote_versions: 1 });
    const [lead] = await db.select({ name: leads.name }).from(leads).where(eq(leads.emailIndex, emailIndex("legacy.visitor@example.test", keyRing())));
    expect(lead.name).toBe("Legacy Visitor");
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
