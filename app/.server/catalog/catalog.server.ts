/**
 * The catalog as the server uses it: which version is active, and each
 * product line compiled for the engine.
 *
 * A version's catalog never changes once published (a database trigger
 * enforces it), and compiling is pure and deterministic, so both are cached
 * in memory for the life of the process: the catalog per version, the
 * compiled line per (version, line). Only the version's row (status: a
 * published version may be retired at any time) is read on every call.
 * Drafts are never served from here: they may still change.
 *
 * The cache key includes the publication time, so a database rebuilt with
 * the same version id but other content (db:reset, tests) is not mistaken
 * for the old one.
 */
import { and, desc, eq, ne } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { catalogVersions, productLines, type CatalogStatus } from "#db/schema";
import { parseCatalog, type Catalog, type Localized, type Market, type ProductLine } from "~/domain/catalog";
import { compileLine, complete, price, shipPairTable, type CompiledLine, type ShippedPairTable } from "~/domain/engine";

export interface VersionInfo {
  id: string;
  label: string;
  status: CatalogStatus;
  publishedAt: Date | null;
}

export interface LineSummary {
  code: string;
  name: Localized;
  position: number;
}

/** A product line ready for the engine. */
export interface LoadedLine {
  version: VersionInfo;
  /** The version is the active one (what new configurations are made with). */
  active: boolean;
  line: ProductLine;
  compiled: CompiledLine;
}

export interface CatalogOptions {
  /** Database to use (default: the process's). */
  db?: Executor;
}

const versionColumns = {
  id: catalogVersions.id,
  label: catalogVersions.label,
  status: catalogVersions.status,
  publishedAt: catalogVersions.publishedAt,
} as const;

/**
 * The active catalog version: the published one activated last (published,
 * or rolled back to: decision 035), or null when nothing is published.
 */
export async function getActiveVersion(options: CatalogOptions = {}): Promise<VersionInfo | null> {
  const db = options.db ?? (await getDb());
  const [row] = await db
    .select(versionColumns)
    .from(catalogVersions)
    .where(eq(catalogVersions.status, "published"))
    .orderBy(desc(catalogVersions.activatedAt), desc(catalogVersions.id))
    .limit(1);
  return row ?? null;
}

/** A published or retired version by id (null for unknown ids and drafts). */
export async function getVersion(versionId: string, options: CatalogOptions = {}): Promise<VersionInfo | null> {
  const db = options.db ?? (await getDb());
  const [row] = await db
    .select(versionColumns)
    .from(catalogVersions)
    .where(and(eq(catalogVersions.id, versionId), ne(catalogVersions.status, "draft")))
    .limit(1);
  return row ?? null;
}

/**
 * A product line as each published or retired version that has it holds it,
 * the most recently activated first (the active version's, when it has the
 * line): what a picture of an older order, quote or saved configuration is
 * drawn from, also once the line has left the catalog.
 */
export async function lineInEveryVersion(lineCode: string, options: CatalogOptions = {}): Promise<ProductLine[]> {
  const db = options.db ?? (await getDb());
  const versions = await db.select(versionColumns).from(catalogVersions).where(ne(catalogVersions.status, "draft")).orderBy(desc(catalogVersions.activatedAt));
  const lines: ProductLine[] = [];
  for (const version of versions) {
    const line = (await getCatalog(version, { db })).productLines.find((l) => l.code === lineCode);
    if (line) lines.push(line);
  }
  return lines;
}

/** The active version and its product lines in catalog order, or null when nothing is published. */
export async function listActiveLines(
  options: CatalogOptions = {},
): Promise<{ version: VersionInfo; lines: LineSummary[] } | null> {
  const db = options.db ?? (await getDb());
  const version = await getActiveVersion({ db });
  if (!version) return null;
  const lines = await db
    .select({ code: productLines.code, name: productLines.name, position: productLines.position })
    .from(productLines)
    .where(eq(productLines.versionId, version.id))
    .orderBy(productLines.position, productLines.code);
  return { version, lines };
}

const catalogs = new Map<string, Promise<Catalog>>();
const compiledLines = new Map<string, CompiledLine>();

const cacheKey = (version: VersionInfo) => `${version.id}@${version.publishedAt?.toISOString() ?? ""}`;

/** The whole catalog of a published or retired version (parsed once, then cached). */
export async function getCatalog(version: VersionInfo, options: CatalogOptions = {}): Promise<Catalog> {
  if (version.status === "draft") throw new Error(`catalog version ${version.id} is a draft: not served`);
  const key = cacheKey(version);
  let pending = catalogs.get(key);
  if (!pending) {
    pending = (async () => {
      const db = options.db ?? (await getDb());
      const [row] = await db.select({ catalog: catalogVersions.catalog }).from(catalogVersions).where(eq(catalogVersions.id, version.id));
      if (!row) throw new Error(`catalog version ${version.id} not found`);
      // Parsed again (it was checked on import): defaults are filled in and a bad row fails loudly here.
      return parseCatalog(row.catalog);
    })();
    catalogs.set(key, pending);
    // A failed load must not stick.
    pending.catch(() => {
      if (catalogs.get(key) === pending) catalogs.delete(key);
    });
  }
  return pending;
}

/**
 * A product line of the active version, or of `versionId` (published or
 * retired), compiled for the engine. Null when the version or the line
 * doesn't exist (or the version is a draft).
 */
export async function getLine(lineCode: string, versionId?: string, options: CatalogOptions = {}): Promise<LoadedLine | null> {
  const db = options.db ?? (await getDb());
  const active = await getActiveVersion({ db });
  const version = versionId === undefined || versionId === active?.id ? active : await getVersion(versionId, { db });
  if (!version) return null;
  const catalog = await getCatalog(version, { db });
  const line = catalog.productLines.find((l) => l.code === lineCode);
  if (!line) return null;
  const key = `${cacheKey(version)}\u0000${line.code}`;
  let compiled = compiledLines.get(key);
  if (!compiled) {
    compiled = compileLine(line);
    compiledLines.set(key, compiled);
  }
  return { version, active: version.id === active?.id, line, compiled };
}

const shippedTables = new WeakMap<CompiledLine, ShippedPairTable | null>();

/**
 * The line's pair table for the browser (lines with tables; null otherwise), built once per
 * compiled line on the server: the configurator page ships it with the line, so no customer's
 * second click pays for building it (decision 033).
 */
export function shippedPairTable(loaded: LoadedLine): ShippedPairTable | null {
  let t = shippedTables.get(loaded.compiled);
  if (t === undefined) {
    t = shipPairTable(loaded.compiled);
    shippedTables.set(loaded.compiled, t);
  }
  return t;
}

const startingPrices = new Map<string, number | null>();

/**
 * The lowest-priced complete configuration's total in a market (what "from
 * €…" shows), or null when the line has no complete configuration. The
 * engine's `complete` is a greedy cheapest completion, not a proven minimum.
 */
export function startingPrice(loaded: LoadedLine, market: Market): number | null {
  const key = `${cacheKey(loaded.version)}\u0000${loaded.line.code}\u0000${market}`;
  if (!startingPrices.has(key)) {
    const choices = complete(loaded.compiled, { choices: [] }, { market });
    startingPrices.set(key, choices ? price(loaded.line, choices, {}, market).total : null);
  }
  return startingPrices.get(key)!;
}
