/**
 * npm run privacy:reencrypt
 *
 * Brings every personal-data column to the current keys (decision 045):
 * encrypts plaintext, re-encrypts what an older key in PERSONAL_DATA_KEYS
 * encrypted, and recomputes blind indexes made with another
 * PERSONAL_DATA_INDEX_KEY. Rotation: put the new key first in
 * PERSONAL_DATA_KEYS (keep the old one after it), restart the app servers,
 * run this, then drop the old key. The app also runs it at start-up; this
 * command is for doing it at once without a restart. Prints rows rewritten
 * per table.
 */
import { getEnv } from "../app/.server/platform/env.server";
import { reencryptPersonalData } from "../app/.server/privacy/reencrypt.server";
import { openAppDb, runCommand } from "./lib/command";

async function main(): Promise<number> {
  const handle = await openAppDb(getEnv());
  try {
    console.log(JSON.stringify(await reencryptPersonalData(handle.db)));
    return 0;
  } finally {
    await handle.close();
  }
}

runCommand(import.meta.url, () => main());
