/**
 * A fresh, migrated database for one test file:
 *
 *   const t = await createTestDb();   // in beforeAll
 *   … t.db …
 *   await t.close();                  // in afterAll
 *
 * PGlite in memory by default. With TEST_DATABASE_URL (a server the tests may
 * create databases on, e.g. postgres://postgres@127.0.0.1:5432/postgres) a
 * uniquely named database is created there, migrated, and dropped on close.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { createDb, MEMORY, type DbHandle } from "./client";

export interface TestDb extends DbHandle {
  /** Connection string of the scratch database (PostgreSQL only). */
  url?: string;
}

export async function createTestDb(): Promise<TestDb> {
  const serverUrl = process.env.TEST_DATABASE_URL?.trim();
  if (!serverUrl) return createDb({ pgliteDir: MEMORY });

  const name = `atelier_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { onnotice: () => {}, max: 1 });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let handle: DbHandle;
  try {
    handle = await createDb({ url: url.toString(), maxConnections: 4 });
  } catch (error) {
    await dropDatabase(serverUrl, name);
    throw error;
  }
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      await dropDatabase(serverUrl, name);
    },
  };
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = postgres(serverUrl, { onnotice: () => {}, max: 1 });
  try {
    // WITH (FORCE): a connection a failed test left open must not keep the scratch database alive.
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** The text of the whole error chain of a statement expected to fail (drizzle wraps the driver's error, which names the trigger's message). */
export async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const parts: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) parts.push(e.message);
    return parts.join(" | ");
  }
  throw new Error("expected the statement to fail");
}
