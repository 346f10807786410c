/**
 * A user's in-app notifications: the list (newest first), the unread count
 * the header shows, and marking them read. Every role has one (decision
 * 034); every query here is scoped to the reading user, so nobody lists,
 * counts or marks another's rows. Rows are written beside the events they
 * report (announceOrderChange, the quote and lead repositories, catalog
 * publishing, staff-notifications.server.ts); pages render them from
 * `kind` + `data`.
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

/**
 * Mark one of the user's notifications read. "not-found" for an id that is
 * not theirs (or doesn't exist): the same answer, so ids of other people's
 * rows tell nothing. Marking a read one again keeps its first read time.
 */
export async function markNotificationRead(db: Executor, userId: string, id: number, now: Date = new Date()): Promise<"marked" | "already-read" | "not-found"> {
  const [row] = await db
    .select({ readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.id, id)));
  if (!row) return "not-found";
  if (row.readAt) return "already-read";
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), eq(notifications.id, id), isNull(notifications.readAt)));
  return "marked";
}
