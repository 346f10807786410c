/**
 * npm run catalog:import -- FILE [--id ID] [--label LABEL] [--publish] [--count-timeout SECONDS] [--json]
 *
 * Validate a catalog (an Atelier .json, or a DIMACS file / CLib folder, which
 * become a one-line catalog), analyse every product line, and store it as a
 * new catalog version (a draft, or published with --publish). A catalog with
 * a product line that has no complete configuration is refused, naming the
 * rules that contradict each other. Nothing is stored when anything fails:
 * the version and its product lines are written in one transaction.
 */
import path from "node:path";
import { eq } from "drizzle-orm";
import { publishCatalogVersion } from "../app/.server/catalog/publish.server";
import { newVersionId } from "../app/.server/catalog/version-ids.server";
import { getEnv } from "../app/.server/platform/env.server";
import { parseCatalog, type Catalog } from "../app/domain/catalog";
import { analyseLine, analysisJson, type LineAnalysis } from "../app/domain/engine/analyse";
import { ImportError } from "../app/domain/import/errors";
import type { Executor } from "../db/client";
import { catalogVersions, productLines } from "../db/schema";
import { loadSource, type Source } from "./lib/sources";
import { openAppDb, runCommand } from "./lib/command";

export interface ImportOptions {
  id: string;
  label: string;
  publish?: boolean;
  /** Stop counting a line after this long (the count is informative; the checks that refuse are not cut short). */
  countTimeoutMs?: number;
  now?: Date;
}

export interface ImportResult {
  id: string;
  status: "draft" | "published";
  analyses: LineAnalysis[];
}

/** Why a catalog was refused (nothing was stored). */
export class CatalogRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CatalogRefused";
  }
}

/** A source as a catalog: DIMACS and CLib sources are one product line. */
export function catalogOf(source: Source): Catalog {
  if (source.kind === "catalog") return source.catalog;
  return parseCatalog({ modules: [], productLines: [source.imported.line] });
}

/**
 * Analyse and store a catalog as a new version, all or nothing. Throws
 * CatalogRefused when a product line has no complete configuration or the
 * version id is taken.
 */
export async function importCatalogVersion(db: Executor, catalog: Catalog, options: ImportOptions): Promise<ImportResult> {
  const analyses = catalog.productLines.map((line) => analyseLine(line, { countTimeoutMs: options.countTimeoutMs, explainDead: 5 }));
  const broken = analyses.filter((a) => a.conflict !== null);
  if (broken.length > 0) {
    throw new CatalogRefused(
      broken
        .map((a) => `product line ${a.line} has no complete configuration: ${describeConflict(a.conflict!)}`)
        .join("; "),
    );
  }
  const now = options.now ?? new Date();
  await db.transaction(async (tx) => {
    const taken = await tx.select({ id: catalogVersions.id }).from(catalogVersions).where(eq(catalogVersions.id, options.id));
    if (taken.length > 0) throw new CatalogRefused(`catalog version "${options.id}" already exists (versions are immutable; pick a new --id)`);
    await tx.insert(catalogVersions).values({ id: options.id, label: options.label, catalog, createdAt: now });
    await tx
      .insert(productLines)
      .values(catalog.productLines.map((line, position) => ({ versionId: options.id, code: line.code, name: line.name, position })));
    // Publishing tells the followers of saved configurations what changed, in this same transaction.
    if (options.publish) await publishCatalogVersion(tx, options.id, now);
  });
  return { id: options.id, status: options.publish ? "published" : "draft", analyses };
}

function describeConflict(rules: string[]): string {
  if (rules.length === 0) return "its features can't all be answered";
  if (rules.length === 1) return `rule ${rules[0]} can never hold`;
  return `rules ${rules.join(", ")} contradict each other`;
}

/** A version id from the file name, the time and a random suffix, e.g. "demo-20260105-143012-3fa9c1": two imports in the same second differ. */
export function defaultVersionId(file: string, now = new Date(), random?: () => string): string {
  return newVersionId(path.basename(path.resolve(file), path.extname(file)), now, random);
}

const USAGE = "usage: npm run catalog:import -- FILE [--id ID] [--label LABEL] [--publish] [--count-timeout SECONDS] [--json]";

async function main(argv: string[]): Promise<number> {
  let file: string | undefined;
  let id: string | undefined;
  let label: string | undefined;
  let publish = false;
  let json = false;
  let countTimeoutMs: number | undefined = 60_000;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--id") id = argv[++i];
    else if (a === "--label") label = argv[++i];
    else if (a === "--publish") publish = true;
    else if (a === "--json") json = true;
    else if (a === "--count-timeout") countTimeoutMs = Number(argv[++i]) * 1000;
    else if (a.startsWith("--") || file) {
      console.error(`error: unexpected argument ${a}\n${USAGE}`);
      return 2;
    } else file = a;
  }
  if (!file || (id !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(id)) || !(countTimeoutMs! > 0)) {
    console.error(`error: ${!file ? "FILE is missing" : id !== undefined ? "--id uses letters, digits, '_', '.', '-'" : "--count-timeout needs seconds"}\n${USAGE}`);
    return 2;
  }
  let catalog: Catalog;
  try {
    catalog = catalogOf(loadSource(file));
  } catch (e) {
    if (e instanceof ImportError) {
      console.error(`error: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const env = getEnv();
  const handle = await openAppDb(env);
  try {
    const versionId = id ?? defaultVersionId(file);
    const result = await importCatalogVersion(handle.db, catalog, {
      id: versionId,
      label: label ?? `${path.basename(file)} (imported ${new Date().toISOString().slice(0, 10)})`,
      publish,
      countTimeoutMs,
    });
    if (json) process.stdout.write(`${JSON.stringify({ id: result.id, status: result.status, analysis: analysisJson(result.analyses) })}\n`);
    else {
      console.log(`Stored catalog version ${result.id} (${result.status}) from ${file}:`);
      for (const a of result.analyses) {
        const count = a.configurations === null ? "count timed out" : `${a.configurations} configurations`;
        console.log(`  ${a.line}: ${a.variables} features, ${a.values} values, ${a.rules} rules, ${count}, ${a.dead.length} dead, ${a.core.length} core values`);
        if (a.dead.length > 0) console.log(`    dead values: ${a.dead.join(", ")}`);
      }
    }
    return 0;
  } catch (e) {
    if (e instanceof CatalogRefused) {
      console.error(`error: ${file}: refused, nothing stored: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await handle.close();
  }
}

runCommand(import.meta.url, () => main(process.argv.slice(2)));
