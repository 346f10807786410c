/**
 * Brings every personal-data column to the current key (decision 045):
 * encrypts plaintext left from before encryption, re-encrypts values of an
 * older key, and (re)computes the users' blind indexes when they are missing
 * or were made with another index key.
 *
 * Runs at start-up (after migrate and seed) and as `npm run privacy:reencrypt`
 * after a key rotation. Only stale rows are touched, so a run with nothing to
 * do costs one indexed scan per table. Each chunk is one transaction that
 * locks its rows, so a concurrent edit is not overwritten with an older value.
 */
import { and, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db, Executor } from "#db/client";
import { configurations, customerNotes, emailOutbox, leads, orderFeedback, orders, quoteVersions, shareCodes, users } from "#db/schema";
import { ENCRYPTED_COLUMNS } from "#db/schema/encrypted";
import { ENCRYPTED_PREFIX, emailIndex, keyRing, personIndexes } from "./personal-data.server";

const CHUNK = 200;

interface Target {
  table: PgTable;
  /** Primary key columns, by property name. */
  key: Record<string, PgColumn>;
  /** Encrypted columns, by property name. */
  columns: Record<string, PgColumn>;
}

/** Every table with encrypted columns; a test checks this covers ENCRYPTED_COLUMNS. */
export const TARGETS: Record<string, Target> = {
  users: { table: users, key: { id: users.id }, columns: { email: users.email, name: users.name, phone: users.phone, address: users.address } },
  orders: { table: orders, key: { id: orders.id }, columns: { contact: orders.contact, texts: orders.texts } },
  email_outbox: { table: emailOutbox, key: { id: emailOutbox.id }, columns: { toAddress: emailOutbox.toAddress, subject: emailOutbox.subject, body: emailOutbox.body, html: emailOutbox.html } },
  quote_versions: { table: quoteVersions, key: { quoteId: quoteVersions.quoteId, version: quoteVersions.version }, columns: { signature: quoteVersions.signature, texts: quoteVersions.texts } },
  share_codes: { table: shareCodes, key: { code: shareCodes.code }, columns: { texts: shareCodes.texts } },
  configurations: { table: configurations, key: { id: configurations.id }, columns: { texts: configurations.texts } },
  leads: { table: leads, key: { id: leads.id }, columns: { name: leads.name, email: leads.email, phone: leads.phone, message: leads.message } },
  customer_notes: { table: customerNotes, key: { id: customerNotes.id }, columns: { body: customerNotes.body } },
  order_feedback: { table: orderFeedback, key: { orderId: orderFeedback.orderId }, columns: { comment: orderFeedback.comment } },
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function staleCondition(name: string, target: Target): SQL {
  const current = `${escapeLike(`${ENCRYPTED_PREFIX}${keyRing().current}:`)}%`;
  const conditions = Object.values(target.columns).map((c) => sql`(${c} is not null and ${c} not like ${current})`);
  if (name === "users") {
    const index = `${escapeLike(`${keyRing().index.id}:`)}%`;
    conditions.push(sql`(${users.erasedAt} is null and (${users.emailIndex} is null or ${users.emailIndex} not like ${index} or ${users.nameIndex} is null))`);
  }
  if (name === "leads") {
    const index = `${escapeLike(`${keyRing().index.id}:`)}%`;
    conditions.push(sql`(${leads.email} is not null and (${leads.emailIndex} is null or ${leads.emailIndex} not like ${index}))`);
  }
  return or(...conditions)!;
}

function keyCondition(target: Target, key: Record<string, unknown>): SQL {
  return and(...Object.entries(target.key).map(([prop, column]) => eq(column, key[prop])))!;
}

/** Bring one table up to date; returns how many rows were rewritten. */
async function reencryptTable(db: Db, name: string, target: Target): Promise<number> {
  const stale = await db.select(target.key).from(target.table).where(staleCondition(name, target));
  for (let i = 0; i < stale.length; i += CHUNK) {
    const chunk = stale.slice(i, i + CHUNK);
    await db.transaction(async (tx) => {
      const keyProp = Object.keys(target.key)[0];
      const rows = (await tx
        .select({ ...target.key, ...target.columns, ...(name === "users" ? { erasedAt: users.erasedAt } : {}) })
        .from(target.table)
        .where(Object.keys(target.key).length === 1 ? inArray(target.key[keyProp], chunk.map((k) => k[keyProp])) : or(...chunk.map((k) => keyCondition(target, k))))
        .for("update")) as Record<string, unknown>[];
      for (const row of rows) {
        const values: Record<string, unknown> = {};
        for (const prop of Object.keys(target.columns)) values[prop] = row[prop];
        if (name === "users") {
          Object.assign(values, row.erasedAt ? {} : personIndexes({ email: row.email as string, name: row.name as string, phone: row.phone as string | null }));
        }
        if (name === "leads") values.emailIndex = row.email ? emailIndex(row.email as string) : null;
        await tx.update(target.table).set(values).where(keyCondition(target, row));
      }
    });
  }
  return stale.length;
}

/** Bring every personal-data column up to the current keys; returns rows rewritten per table. */
export async function reencryptPersonalData(db: Db): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  for (const [name, target] of Object.entries(TARGETS)) done[name] = await reencryptTable(db, name, target);
  return done;
}

/** Tables and columns the re-encryption pass misses (empty when TARGETS covers the schema's encrypted columns). */
export function uncoveredColumns(): string[] {
  return Object.entries(ENCRYPTED_COLUMNS).flatMap(([table, columns]) =>
    columns.filter((c) => !Object.values(TARGETS[table]?.columns ?? {}).some((col) => col.name === c)).map((c) => `${table}.${c}`),
  );
}

/** Users whose blind index is missing (should be none after the pass; for checks). */
export async function usersWithoutIndex(db: Executor): Promise<number> {
  return (await db.select({ id: users.id }).from(users).where(and(isNull(users.erasedAt), isNull(users.emailIndex)))).length;
}
