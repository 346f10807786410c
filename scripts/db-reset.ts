/**
 * `npm run db:reset`: throw the database away and build it again — migrate,
 * then seed (demo data always on PGlite; on PostgreSQL with SEED_DEMO=1).
 *
 * - PGlite (DATABASE_URL unset): deletes the data folder (PGLITE_DIR or
 *   .data/pglite). Stop the app first: one process per folder.
 * - PostgreSQL: drops the `public` schema (every table, type and function)
 *   and drizzle's journal schema, then recreates `public`.
 *
 * With NODE_ENV=production it refuses unless given --force.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import postgres from "postgres";
import { getEnv, type Env } from "../app/.server/platform/env.server";
import { MEMORY, pgliteDirFor } from "../db/client";
import { seed, shouldSeedDemo, type SeedResult } from "../db/seed";
import { openAppDb } from "./lib/command";

export interface ResetResult {
  target: string;
  seeded: SeedResult;
}

export async function resetDatabase(env: Env = getEnv(), options: { force?: boolean } = {}): Promise<ResetResult> {
  if (env.NODE_ENV === "production" && !options.force) {
    throw new Error("Refusing to reset a production database without --force.");
  }
  let target: string;
  if (env.DATABASE_URL) {
    const sql = postgres(env.DATABASE_URL, { onnotice: () => {}, max: 1 });
    try {
      await sql.unsafe("drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;");
    } finally {
      await sql.end({ timeout: 5 });
    }
    target = redact(env.DATABASE_URL);
  } else {
    const dir = pgliteDirFor(env);
    if (dir !== MEMORY) {
      const resolved = path.resolve(dir);
      if (resolved === path.parse(resolved).root || resolved === process.cwd()) {
        throw new Error(`Refusing to delete ${resolved}: point PGLITE_DIR at a data folder of its own.`);
      }
      fs.rmSync(resolved, { recursive: true, force: true });
    }
    target = dir;
  }
  const handle = await openAppDb(env);
  try {
    const demo = shouldSeedDemo(env);
    const seeded = await seed(handle.db, { demo, orders: demo, history: demo, sequencingDay: demo });
    return { target, seeded };
  } finally {
    await handle.close();
  }
}

/** A connection string without its password, for printing. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(PostgreSQL)";
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  resetDatabase(getEnv(), { force: process.argv.includes("--force") }).then(
    ({ target, seeded }) => {
      console.log(`Database rebuilt: ${target}`);
      console.log(
        `Seeded: ${seeded.users} users, ${seeded.dealerships} dealerships, catalog ${seeded.catalogVersion ?? "none"}` +
          (seeded.notes.length ? ` (${seeded.notes.join("; ")})` : ""),
      );
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
