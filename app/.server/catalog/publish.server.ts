/**
 * The one place a catalog version becomes the active one: publishing a
 * draft (the import script, the seed, the admins' catalog pages and
 * `catalog:publish` all call `publishCatalogVersion` inside the transaction
 * that stored or checked the version) and rolling back to an earlier one
 * (`rollbackToCatalogVersion`). The followers' news is written in that same
 * transaction, so it is there exactly when the version is active (as is the
 * staff's notice of a newly published version, decision 034).
 *
 * The active version is the published one activated last (decision 035):
 * publishing sets `activated_at`, and so does a rollback, which also retires
 * the version it replaces. The audit entry is the caller's, in the same
 * transaction (callers without a person — the seed, imports — write none).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { catalogVersions } from "#db/schema";
import { announceCatalogVersion, type AnnounceReport } from "~/.server/configurations/catalog-news.server";
import { notifyCatalogPublished } from "~/.server/messages/staff-notifications.server";
import { notifyImpactedOwners } from "./impact.server";

/**
 * Channel on which an activation is announced, from inside its transaction (so only once committed): every
 * process LISTENs and drops what it keeps of the old active version (the page microcache, decision 056).
 */
export const CATALOG_CHANNEL = "atelier_catalog";

async function announceActivation(tx: Executor, versionId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${CATALOG_CHANNEL}, ${versionId})`);
}

export interface ActivateOptions {
  /** Who did it (a user id), kept on the version as its publisher. */
  actorId?: string | null;
}

export async function publishCatalogVersion(tx: Executor, versionId: string, now: Date = new Date(), options: ActivateOptions = {}): Promise<AnnounceReport> {
  const updated = await tx
    .update(catalogVersions)
    .set({ status: "published", publishedAt: now, activatedAt: now, publishedBy: options.actorId ?? null })
    .where(and(eq(catalogVersions.id, versionId), eq(catalogVersions.status, "draft")))
    .returning({ id: catalogVersions.id });
  if (updated.length === 0) throw new Error(`catalog version ${versionId} is not a draft: it can't be published`);
  await notifyCatalogPublished(tx, versionId, now);
  await announceActivation(tx, versionId);
  // Owners of open orders and quotes the version changes hear of it (decision 038).
  await notifyImpactedOwners(tx, versionId, { now });
  return announceCatalogVersion(tx, versionId, { now });
}

/**
 * Make an earlier (published or retired) version the active one again, and
 * retire the one it replaces. The caller has checked that `versionId` is not
 * the active version and locked the versions (see versions.server.ts).
 */
export async function rollbackToCatalogVersion(tx: Executor, versionId: string, replacing: string, now: Date = new Date()): Promise<AnnounceReport> {
  await tx.update(catalogVersions).set({ status: "retired" }).where(and(eq(catalogVersions.id, replacing), eq(catalogVersions.status, "published")));
  await tx.update(catalogVersions).set({ status: "published", activatedAt: now }).where(eq(catalogVersions.id, versionId));
  await announceActivation(tx, versionId);
  // The version active again may change open orders and quotes made since it was replaced (decision 038).
  await notifyImpactedOwners(tx, versionId, { now });
  return announceCatalogVersion(tx, versionId, { now });
}
