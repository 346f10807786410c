/**
 * `npm run recommend:rebuild [-- --json]`: rebuild every product line's
 * recommendation model now, from the orders of the customers whose
 * `recommendations` consent is granted at this moment (what the app server
 * also does every night at 02:30 UTC). Run it after a customer withdraws
 * consent to take their orders out at once, or from cron where app servers
 * are restarted more often than nightly, e.g.:
 *
 *   30 2 * * *  cd /srv/atelier && DATABASE_URL=… npm run recommend:rebuild
 *
 * Uses DATABASE_URL (or the embedded PGlite folder: stop the app first, one
 * process per folder).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { getEnv, type Env } from "../app/.server/platform/env.server";
import { rebuildRecommendations, type RebuildResult } from "../app/.server/recommendations/recommendations.server";
import { openAppDb } from "./lib/command";

export async function rebuildCommand(env: Env = getEnv()): Promise<RebuildResult> {
  const handle = await openAppDb(env);
  try {
    return await rebuildRecommendations(handle.db);
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const json = process.argv.includes("--json");
  rebuildCommand().then(
    (result) => {
      if (json) console.log(JSON.stringify(result));
      else {
        for (const l of result.lines) console.log(`${l.line}: ${l.rules} rules from ${l.orders} orders`);
        console.log(`Rebuilt ${result.lines.length} models in ${Math.round(result.ms)} ms`);
      }
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
