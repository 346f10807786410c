/**
 * The one way the app reaches its database.
 *
 * - `DATABASE_URL` unset: PGlite (PostgreSQL compiled to WebAssembly, in this
 *   process) with its data in `PGLITE_DIR` or `.data/pglite`, so `npm start`
 *   needs no server.
 * - `DATABASE_URL` set: PostgreSQL through postgres.js.
 *
 * Both are wrapped by drizzle into the same `Db` type and migrated with
 * drizzle's `migrate()` when opened, so repository code never knows which it
 * has. See docs/decisions/003-database.md.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { getEnv, type Env } from "../app/.server/platform/env.server";
import * as schema from "./schema";

export type Schema = typeof schema;
/** A database handle; both drivers' databases are one of these. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction (`db.transaction(async (tx) => …)`). */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** What repository functions take: a database or a transaction inside it. */
export type Executor = Db | Tx;

export type Driver = "pglite" | "postgres";

/** Stops one LISTEN registration (idempotent). */
export type Unlisten = () => Promise<void>;

export interface DbHandle {
  db: Db;
  driver: Driver;
  /**
   * Receive the payloads NOTIFY sends on `channel` (only of committed
   * transactions). PostgreSQL: one dedicated connection per handle that
   * reconnects by itself (postgres.js); PGlite: its in-process notifications.
   * Registrations end when the handle closes.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<Unlisten>;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** PostgreSQL connection string. When set, `pgliteDir` is ignored. */
  url?: string;
  /** PGlite data folder (created if missing) or `memory://`. Default: `.data/pglite`. */
  pgliteDir?: string;
  /** Apply migrations on open (default true). */
  migrate?: boolean;
  /** postgres.js pool size (default 10). */
  maxConnections?: number;
}

export const MEMORY = "memory://";

/** Where the generated SQL lives: beside this module in source, under the working directory in a build. */
export function migrationsFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, "migrations"), path.resolve("db", "migrations")];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, "meta", "_journal.json")));
  if (!found) throw new Error(`db/migrations not found (looked in ${candidates.join(", ")})`);
  return found;
}

/** PGlite's folder for this environment: PGLITE_DIR, or `<DATA_DIR>/pglite`. */
export function pgliteDirFor(env: Env = getEnv()): string {
  if (env.PGLITE_DIR === MEMORY) return MEMORY;
  return path.resolve(env.PGLITE_DIR ?? path.join(env.DATA_DIR, "pglite"));
}

// Any fixed number works: it only has to be the same for every app server.
const MIGRATION_LOCK_KEY = 0x41544c52;

export async function createDb(opts: CreateDbOptions = {}): Promise<DbHandle> {
  const shouldMigrate = opts.migrate ?? true;
  if (opts.url) {
    // onnotice: migrate() would otherwise print PostgreSQL NOTICE objects.
    const sql = postgres(opts.url, { onnotice: () => {}, max: opts.maxConnections ?? 10 });
    const db = drizzlePostgres(preparing(sql), { schema });
    try {
      if (shouldMigrate) {
        // Several app servers may start at once: a session-level advisory lock on a
        // reserved connection lets one migrate while the others wait, then find nothing to do.
        const lock = await sql.reserve();
        try {
          await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
          await migratePostgres(db, { migrationsFolder: migrationsFolder() });
        } finally {
          await lock`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
          lock.release();
        }
      }
    } catch (error) {
      await sql.end({ timeout: 5 });
      throw error;
    }
    const listeners = new Registrations();
    return {
      db,
      driver: "postgres",
      listen: (channel, onMessage) =>
        listeners.add(async () => {
          const { unlisten } = await sql.listen(channel, onMessage);
          return unlisten;
        }),
      close: async () => {
        await listeners.closeAll();
        // Also ends the dedicated LISTEN connection.
        await sql.end({ timeout: 5 });
      },
    };
  }

  const dir = opts.pgliteDir ?? path.resolve(".data", "pglite");
  // PGlite does not create a missing folder (or its parents) itself.
  if (dir !== MEMORY) fs.mkdirSync(dir, { recursive: true });
  // PGlite ships contrib extensions separately: btree_gin is what migration 0032 creates (the queue's GIN index).
  const extensions = { btree_gin };
  const client = dir === MEMORY ? new PGlite({ extensions }) : new PGlite(dir, { extensions });
  const db = drizzlePglite(client, { schema });
  try {
    await client.waitReady;
    if (shouldMigrate) await migratePglite(db, { migrationsFolder: migrationsFolder() });
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
  const listeners = new Registrations();
  return {
    db,
    driver: "pglite",
    listen: (channel, onMessage) => listeners.add(() => client.listen(channel, onMessage)),
    close: async () => {
      await listeners.closeAll();
      await client.close();
    },
  };
}

/**
 * The postgres.js client as drizzle sees it, but with every statement that has
 * parameters named and prepared once per connection (decision 053). drizzle
 * prepares only queries built with `.prepare(name)`; the rest went unnamed, and
 * postgres.js sends an unnamed statement with parameters in two round trips
 * (Parse + Describe, wait, then Bind + Execute), parsed and planned each time.
 * Prepared, a repeated statement is one round trip: Bind + Execute. Statements
 * are cached per connection for its lifetime (postgres.js recycles a
 * connection after 30–60 min), keyed by their text: drizzle's texts carry
 * values as parameters, so they repeat.
 */
function preparing(client: postgres.Sql): postgres.Sql {
  type Unsafe = postgres.Sql["unsafe"];
  type Scoped = (inner: postgres.Sql) => unknown;
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe")
        return ((query: string, args?: never[], options?: postgres.UnsafeQueryOptions) => target.unsafe(query, args, { ...options, prepare: true })) as Unsafe;
      // Transactions and savepoints hand drizzle a client of their own: prepare its statements too.
      if (property === "begin" || property === "savepoint")
        return (...args: unknown[]) => {
          const scoped = args.pop() as Scoped;
          const original = Reflect.get(target, property, receiver) as (...a: unknown[]) => unknown;
          return original.call(target, ...args, (inner: postgres.Sql) => scoped(preparing(inner)));
        };
      return Reflect.get(target, property, receiver);
    },
  });
}

/** A handle's live LISTEN registrations, so closing the handle ends them first. */
class Registrations {
  private readonly active = new Set<Unlisten>();

  async add(start: () => Promise<() => Promise<void>>): Promise<Unlisten> {
    const stop = await start();
    let stopped = false;
    const unlisten: Unlisten = async () => {
      if (stopped) return;
      stopped = true;
      this.active.delete(unlisten);
      await stop();
    };
    this.active.add(unlisten);
    return unlisten;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.active].map((u) => u().catch(() => {})));
  }
}

// Kept on globalThis so Vite's dev server, which re-evaluates modules on
// change, never opens a second PGlite on the same folder (that corrupts it).
const GLOBAL_KEY = Symbol.for("atelier.db");
type Holder = { [GLOBAL_KEY]?: Promise<DbHandle> };
const holder = globalThis as Holder;

function openFromEnv(): Promise<DbHandle> {
  const env = getEnv();
  return env.DATABASE_URL ? createDb({ url: env.DATABASE_URL }) : createDb({ pgliteDir: pgliteDirFor(env) });
}

/** The process's database, opened (and migrated) on first use. */
export async function getDb(): Promise<Db> {
  return (await getHandle()).db;
}

/** Which driver the process's database uses (e.g. to choose LISTEN/NOTIFY or an in-process bus). */
export async function getDriver(): Promise<Driver> {
  return (await getHandle()).driver;
}

/** LISTEN on the process's database (see DbHandle.listen). */
export async function listenOnProcessDb(channel: string, onMessage: (payload: string) => void): Promise<Unlisten> {
  return (await getHandle()).listen(channel, onMessage);
}

/** The process's database handle itself (e.g. to keep per-handle state that ends when it is closed and reopened). */
export function getProcessDbHandle(): Promise<DbHandle> {
  return getHandle();
}

function getHandle(): Promise<DbHandle> {
  let pending = holder[GLOBAL_KEY];
  if (!pending) {
    pending = openFromEnv();
    holder[GLOBAL_KEY] = pending;
    // A failed open must not stick: the next call tries again.
    pending.catch(() => {
      if (holder[GLOBAL_KEY] === pending) delete holder[GLOBAL_KEY];
    });
  }
  return pending;
}

/** Close the process's database (on shutdown; PGlite keeps the process alive otherwise). */
export async function closeDb(): Promise<void> {
  const pending = holder[GLOBAL_KEY];
  if (!pending) return;
  delete holder[GLOBAL_KEY];
  const handle = await pending.catch(() => undefined);
  await handle?.close();
}
