/**
 * Test support for the configuration repository, the API and the account and
 * share pages (imported by tests only): a seeded database for the process,
 * extra customers, signed-in requests, the demo sedan configured, and a
 * second catalog version.
 */
import { eq } from "drizzle-orm";
import { closeDb, getDb, MEMORY, type Db, type Executor } from "#db/client";
import { catalogVersions, users } from "#db/schema";
import { emailIndex, personIndexes } from "~/.server/privacy/personal-data.server";
import { demoCatalogFile, insertPublishedVersion, seed } from "#db/seed";
import { createTestDb, type TestDb } from "#db/test-db";
import { readFileSync } from "node:fs";
import { parseCatalog, type Catalog } from "~/domain/catalog";
import { complete, price, type PriceBreakdown } from "~/domain/engine";
import { sessionCookieHeader } from "~/.server/auth/auth.server";
import { createSession } from "~/.server/auth/session.server";
import { getLine, type LoadedLine } from "~/.server/catalog/catalog.server";

export interface ProcessDb {
  db: Db;
  close(): Promise<void>;
}

/**
 * Point the process's database (getDb, which routes use) at a fresh one —
 * PGlite in memory, or a scratch PostgreSQL database with TEST_DATABASE_URL —
 * and seed the demo data.
 */
export async function useSeededProcessDb(): Promise<ProcessDb> {
  let scratch: TestDb | undefined;
  if (process.env.TEST_DATABASE_URL) {
    scratch = await createTestDb();
    process.env.DATABASE_URL = scratch.url;
  } else {
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DIR = MEMORY;
  }
  const db = await getDb();
  await seed(db, { demo: true });
  return {
    db,
    async close() {
      await closeDb();
      await scratch?.close();
    },
  };
}

/** A customer account without the cost of a real password hash (it never signs in with a password). */
export async function createCustomer(db: Executor, email: string): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({ email, name: email.split("@")[0], ...personIndexes({ email, name: email.split("@")[0] }), passwordHash: "test-only: no password", role: "customer" })
    .returning({ id: users.id });
  return row.id;
}

export async function userId(db: Executor, email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.emailIndex, emailIndex(email)));
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

/** A Cookie header value signing in as the user (a real session row). */
export async function sessionCookie(db: Executor, id: string): Promise<string> {
  const token = await createSession(db, id, new Date());
  return (await sessionCookieHeader(token)).split(";")[0];
}

/** A Cookie header value signing in as the account with that email (a seeded one, usually). */
export async function signInAs(db: Executor, email: string): Promise<string> {
  return sessionCookie(db, await userId(db, email));
}

/** A Cookie header value signing in as a new customer account: someone who is not the demo customer. */
export async function newCustomerCookie(db: Executor, email: string): Promise<string> {
  return sessionCookie(db, await createCustomer(db, email));
}

/** Who the route tests sign in as: user ids, and the Cookie header value of a real session each. */
export interface People {
  /** Clara Becker, the seeded demo customer (customer@atelier.test). */
  clara: string;
  claraCookie: string;
  /** A customer who is not Clara (neighbour@example.test, no password). */
  other: string;
  otherCookie: string;
  /** The seeded dealer at Atelier München (dealer@atelier.test). */
  dealer: string;
  dealerCookie: string;
  /** The seeded planner (planner@atelier.test). */
  planner: string;
  plannerCookie: string;
}

/** Sign in the people route tests need (creating the second customer): call once per seeded database. */
export async function signInPeople(db: Executor): Promise<People> {
  const clara = await userId(db, "customer@atelier.test");
  const other = await createCustomer(db, "neighbour@example.test");
  const dealer = await userId(db, "dealer@atelier.test");
  const planner = await userId(db, "planner@atelier.test");
  return {
    clara,
    claraCookie: await sessionCookie(db, clara),
    other,
    otherCookie: await sessionCookie(db, other),
    dealer,
    dealerCookie: await sessionCookie(db, dealer),
    planner,
    plannerCookie: await sessionCookie(db, planner),
  };
}

export const DEMO_SEDAN = "sedan-a6l";

/** The demo sedan with `choices` completed by the engine, priced for the German market. */
export async function demoSedan(db: Executor, choices: string[] = []): Promise<{ loaded: LoadedLine; choices: string[]; price: PriceBreakdown }> {
  const loaded = await getLine(DEMO_SEDAN, undefined, { db });
  if (!loaded) throw new Error(`${DEMO_SEDAN} is not in the seeded catalog`);
  const completed = complete(loaded.compiled, { choices }, { market: "DE" });
  if (!completed) throw new Error(`${DEMO_SEDAN} has no complete configuration with ${choices.join(", ")}`);
  return { loaded, choices: completed, price: price(loaded.line, completed, {}, "DE") };
}

export function demoCatalog(): Catalog {
  return parseCatalog(JSON.parse(readFileSync(demoCatalogFile(), "utf8")));
}

/**
 * Publish a changed copy of the demo catalog as a new version and retire the
 * demo version, as an admin would when the model year changes.
 */
export async function publishSuccessor(db: Executor, id: string, change: (catalog: Catalog) => void): Promise<void> {
  const catalog = demoCatalog();
  change(catalog);
  await insertPublishedVersion(db, { id, label: id, catalog: parseCatalog(catalog) }, new Date(Date.now() + 1000));
  await db.update(catalogVersions).set({ status: "retired" }).where(eq(catalogVersions.id, "demo-2026.1"));
}
