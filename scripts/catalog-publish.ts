/**
 * npm run catalog:publish -- ID [--count-timeout SECONDS] [--json]
 *
 * Make an existing draft the active catalog version, after the same checks
 * as the admins' page (scripts/catalog-import.ts stores drafts). The
 * analysis runs here, in the script's own process, rather than relying on
 * one stored by the app. Nothing changes when a check fails.
 */
import { publishDraft, readVersion } from "../app/.server/catalog/versions.server";
import { getEnv } from "../app/.server/platform/env.server";
import { catalogReport } from "../app/domain/catalog-report";
import type { Executor } from "../db/client";
import { openAppDb, runCommand } from "./lib/command";

const USAGE = "usage: npm run catalog:publish -- ID [--count-timeout SECONDS] [--json]";

export interface ScriptOutcome {
  code: number;
  out: string[];
  err: string[];
}

export async function publishFromCommandLine(db: Executor, id: string, options: { countTimeoutMs?: number; now?: Date } = {}): Promise<ScriptOutcome> {
  const out: string[] = [];
  const err: string[] = [];
  const version = await readVersion(db, id);
  if (!version) return { code: 1, out, err: [`error: catalog version ${id} doesn't exist`] };
  if (version.status !== "draft") return { code: 1, out, err: [`error: catalog version ${id} is ${version.status}: only a draft can be published (npm run catalog:rollback -- ${id} makes an earlier version active again)`] };
  const report = catalogReport(version.catalog, options.countTimeoutMs ?? 60_000);
  const done = await publishDraft(db, { actorId: null, id, report, now: options.now });
  if (!done.ok) {
    err.push(`error: ${done.problem.message}; nothing changed`);
    for (const c of done.checks ?? []) for (const p of c.problems) err.push(`  ${c.id}: ${p.key.split(".").pop()} ${JSON.stringify(p.values ?? {})}`);
    return { code: 1, out, err };
  }
  out.push(`Published catalog version ${id}${done.value.replaced ? ` (replacing ${done.value.replaced})` : ""}; ${done.value.notified} followers told.`);
  return { code: 0, out, err };
}

async function main(argv: string[]): Promise<number> {
  let id: string | undefined;
  let countTimeoutMs = 60_000;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--count-timeout") countTimeoutMs = Number(argv[++i]) * 1000;
    else if (a.startsWith("--") || id) {
      console.error(`error: unexpected argument ${a}\n${USAGE}`);
      return 2;
    } else id = a;
  }
  if (!id || !(countTimeoutMs > 0)) {
    console.error(`error: ${!id ? "ID is missing" : "--count-timeout needs seconds"}\n${USAGE}`);
    return 2;
  }
  const env = getEnv();
  const handle = await openAppDb(env);
  try {
    const result = await publishFromCommandLine(handle.db, id, { countTimeoutMs });
    result.out.forEach((l) => console.log(l));
    result.err.forEach((l) => console.error(l));
    return result.code;
  } finally {
    await handle.close();
  }
}

runCommand(import.meta.url, () => main(process.argv.slice(2)));
