/**
 * The one place a catalog version becomes published (and, being the newest,
 * active): the import script and the seed both call it inside the
 * transaction that stored the version, and the followers' news is written in
 * that same transaction, so it is there exactly when the version is (as is
 * the staff's notice of the new version, decision 034).
 */
import { sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { catalogVersions } from "#db/schema";
import { announceCatalogVersion, type AnnounceReport } from "~/.server/configurations/catalog-news.server";
import { notifyCatalogPublished } from "~/.server/messages/staff-notifications.server";

export async function publishCatalogVersion(tx: Executor, versionId: string, now: Date = new Date()): Promise<AnnounceReport> {
  await tx
    .update(catalogVersions)
    .set({ status: "published", publishedAt: now })
    .where(sql`${catalogVersions.id} = ${versionId}`);
  await notifyCatalogPublished(tx, versionId, now);
  return announceCatalogVersion(tx, versionId, { now });
}
