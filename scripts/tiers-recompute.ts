/**
 * npm run tiers:recompute
 *
 * Apply the tier rule (app/domain/tiers.ts) to every customer: deliveries that
 * left the three-year window lower a tier, which no delivery would notice.
 * Run it nightly. A sales manager's override stands unless the rule computes
 * higher (decision 030). Each customer is one transaction; prints how many
 * changed.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { recomputeAllTiers } from "../app/.server/customers/tiers.server";
import { getEnv } from "../app/.server/platform/env.server";
import { createDb, pgliteDirFor } from "../db/client";

async function main(): Promise<number> {
  const env = getEnv();
  const handle = await createDb(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: pgliteDirFor(env) });
  try {
    const { customers, changed } = await recomputeAllTiers(handle.db);
    console.log(JSON.stringify({ customers, changed }));
    return 0;
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
