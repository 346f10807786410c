/**
 * npm run tiers:recompute
 *
 * Apply the tier rule (app/domain/tiers.ts) to every customer: deliveries that
 * left the three-year window lower a tier, which no delivery would notice.
 * Run it nightly. A sales manager's override stands unless the rule computes
 * higher (decision 030). Each customer is one transaction; prints how many
 * changed.
 */
import { recomputeAllTiers } from "../app/.server/customers/tiers.server";
import { getEnv } from "../app/.server/platform/env.server";
import { openAppDb, runCommand } from "./lib/command";

async function main(): Promise<number> {
  const env = getEnv();
  const handle = await openAppDb(env);
  try {
    const { customers, changed } = await recomputeAllTiers(handle.db);
    console.log(JSON.stringify({ customers, changed }));
    return 0;
  } finally {
    await handle.close();
  }
}

runCommand(import.meta.url, () => main());
