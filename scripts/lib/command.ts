/**
 * What every command line script shares: the app's database as the server
 * opens it, and running `main` only when the file is the command (tests
 * import the same files).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { getEnv, type Env } from "../../app/.server/platform/env.server";
import { createDb, pgliteDirFor } from "../../db/client";

/** PostgreSQL when DATABASE_URL is set, else the embedded database's folder: the same choice the server makes. */
export function openAppDb(env: Env = getEnv()) {
  return createDb(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: pgliteDirFor(env) });
}

/** Run `main` when `moduleUrl` (the script's import.meta.url) is the file node was started with; its answer is the exit code. */
export function runCommand(moduleUrl: string, main: () => Promise<number>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(path.resolve(process.argv[1])).href) return;
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
