/**
 * A user's in-app notifications: the list (newest first), the unread count
 * the header shows, and marking them read. Rows are written by
 * announceOrderChange; pages render them from `kind` + `data`.
 */
import { and, count, desc, eq, isNull, lte } from "drizzle-orm";
import type { Executor } from "#db/client";
import { notifications, type NotificationRow } from "#db/schema";

export type NotificationView = Pick<NotificationRow, "id" | "kind" | "data" | "href" | "createdAt" | "readAt">;

export async function listNotifications(db: Executor, userId: string, options: { limit?: number } = {}): Promise<NotificationView[]> {
  return db
    .select({ id: notifications.id, kind: notifications.kind, data: notifications.data, href: notifications.href, createdAt: notifications.createdAt, readAt: notifications.readAt })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.id))
    .limit(Math.min(options.limit ?? 100, 500));
}

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/**
 * Mark the user's notifications read, up to `upToId` (the newest one the page
 * showed), so one that arrived after the page was rendered stays unread.
 * Returns how many were marked.
 */
export async function markNotificationsRead(db: Executor, userId: string, upToId: number, now: Date = new Date()): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), lte(notifications.id, upToId)))
    .returning({ id: notifications.id });
  return rows.length;
}
