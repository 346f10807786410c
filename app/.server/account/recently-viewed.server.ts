/**
 * A signed-in customer's recently viewed lines and shared configurations
 * (app/domain/recently-viewed.ts for the rules). Each view moves the item's
 * time; rows beyond RECENT_LIMIT are deleted in the same transaction, so the
 * table never holds more than the limit per customer.
 */
import { and, desc, eq, notInArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { recentViews } from "#db/schema";
import { getUser } from "~/.server/auth/auth.server";
import { can } from "~/domain/permissions";
import { mergeRecent, RECENT_LIMIT, type RecentItem } from "~/domain/recently-viewed";

export async function listRecent(db: Executor, userId: string): Promise<RecentItem[]> {
  const rows = await db.select().from(recentViews).where(eq(recentViews.userId, userId)).orderBy(desc(recentViews.viewedAt), recentViews.ref).limit(RECENT_LIMIT);
  return rows.map((r) => ({ kind: r.kind, ref: r.ref, line: r.lineCode, at: r.viewedAt.toISOString() }));
}

/** Records views (one opened now, or a visitor's list posted at sign-in), keeping the newest time of each. */
export async function recordViews(db: Executor, userId: string, items: readonly RecentItem[]): Promise<RecentItem[]> {
  if (items.length === 0) return listRecent(db, userId);
  return db.transaction(async (tx) => {
    for (const item of mergeRecent(items)) {
      const at = new Date(item.at);
      await tx
        .insert(recentViews)
        .values({ userId, kind: item.kind, ref: item.ref, lineCode: item.line, viewedAt: at })
        .onConflictDoUpdate({
          target: [recentViews.userId, recentViews.kind, recentViews.ref],
          set: { lineCode: item.line, viewedAt: sql`greatest(${recentViews.viewedAt}, excluded.viewed_at)` },
        });
    }
    const kept = await listRecent(tx, userId);
    await tx.delete(recentViews).where(
      and(
        eq(recentViews.userId, userId),
        notInArray(
          sql`${recentViews.kind} || ':' || ${recentViews.ref}`,
          kept.map((k) => `${k.kind}:${k.ref}`),
        ),
      ),
    );
    return kept;
  });
}

export async function recordView(db: Executor, userId: string, item: Omit<RecentItem, "at">, now: Date = new Date()): Promise<void> {
  await recordViews(db, userId, [{ ...item, at: now.toISOString() }]);
}

export async function clearRecent(db: Executor, userId: string): Promise<number> {
  const gone = await db.delete(recentViews).where(eq(recentViews.userId, userId)).returning({ ref: recentViews.ref });
  return gone.length;
}

/**
 * Notes a page view for the signed-in customer (staff and visitors have no
 * server-side list: a visitor's browser keeps its own). Called by the
 * configurator's and the share page's loaders.
 */
export async function noteView(request: Request, item: Omit<RecentItem, "at">): Promise<void> {
  const user = await getUser(request);
  if (!user || !can(user, "order.read.own")) return;
  await recordView(await getDb(), user.id, item);
}
