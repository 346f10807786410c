/**
 * npm run catalog:rollback [-- ID]
 *
 * Make an earlier catalog version active again in one step — ID, or else the
 * version active before the current one — and retire the current one, as
 * the admins' page does (decision 035). Refused, changing nothing, when there
 * is nothing to roll back to.
 */
import { rollback } from "../app/.server/catalog/versions.server";
import { getEnv } from "../app/.server/platform/env.server";
import type { Executor } from "../db/client";
import type { ScriptOutcome } from "./catalog-publish";
import { openAppDb, runCommand } from "./lib/command";

const USAGE = "usage: npm run catalog:rollback [-- ID]";

export async function rollbackFromCommandLine(db: Executor, to?: string, now?: Date): Promise<ScriptOutcome> {
  const done = await rollback(db, { actorId: null, to, now });
  if (!done.ok) return { code: 1, out: [], err: [`error: ${done.problem.message}; nothing changed`] };
  return { code: 0, out: [`Catalog version ${done.value.to} is active again; ${done.value.from} is retired.`], err: [] };
}

async function main(argv: string[]): Promise<number> {
  if (argv.length > 1 || argv.some((a) => a.startsWith("--"))) {
    console.error(`error: unexpected argument ${argv.find((a) => a.startsWith("--")) ?? argv[1]}\n${USAGE}`);
    return 2;
  }
  const env = getEnv();
  const handle = await openAppDb(env);
  try {
    const result = await rollbackFromCommandLine(handle.db, argv[0]);
    result.out.forEach((l) => console.log(l));
    result.err.forEach((l) => console.error(l));
    return result.code;
  } finally {
    await handle.close();
  }
}

runCommand(import.meta.url, () => main(process.argv.slice(2)));
