/**
 * Notifications for staff that no single page action writes (decision 034):
 * an order of the dealership moving to another status, a catalog version
 * published, and a quote about to expire. The first two are written inside
 * the transaction of the event that causes them (a rolled-back change tells
 * nobody); the expiry has no event, so a sweep the app server runs on an
 * interval writes it, and the notifications' unique dedupe key keeps it to
 * one per quote and last valid day however often, and on however many
 * servers, the sweep runs.
 *
 * Approval requests and decisions (quotes.server.ts) and leads received
 * (leads.server.ts) are written by their own repositories.
 */
import { and, eq, gte, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { catalogVersions, dealershipMembers, notifications, quotes, quoteVersions, users } from "#db/schema";
import type { OrderStatus } from "~/domain/orders";
import { dayOf } from "~/domain/orders";
import { ROLES } from "~/domain/roles";
import {
  catalogNoticeHref,
  catalogPublishedKey,
  expiringWindow,
  hearsOfCatalog,
  quoteExpiryKey,
  QUOTE_EXPIRY_NOTICE_DAYS,
  tellsDealership,
} from "~/domain/staff-notifications";
import { log } from "~/.server/platform/logger.server";
import { startPeriodic } from "~/.server/platform/periodic.server";

/**
 * Tell the dealership's dealers and sales managers that one of its orders
 * moved to another status. Pass the change's transaction.
 */
export async function notifyDealershipOfOrder(
  tx: Executor,
  order: { number: string; status: OrderStatus; dealershipId: string | null },
  from: OrderStatus | null,
): Promise<number> {
  if (!order.dealershipId || !tellsDealership({ from, to: order.status })) return 0;
  const staff = await tx.select({ id: dealershipMembers.userId }).from(dealershipMembers).where(eq(dealershipMembers.dealershipId, order.dealershipId));
  if (staff.length === 0) return 0;
  await tx.insert(notifications).values(
    staff.map((s) => ({
      userId: s.id,
      kind: "dealership.order-status",
      data: { number: order.number, status: order.status, from },
      href: `/orders/${order.number}`,
    })),
  );
  return staff.length;
}

/**
 * Tell staff that `versionId` was published, inside the publishing
 * transaction. The first version an installation publishes is no news (no
 * one worked with a catalog before it), and a version is announced once per
 * person however often publishing is run again.
 */
export async function notifyCatalogPublished(tx: Executor, versionId: string, now: Date = new Date()): Promise<number> {
  const [version] = await tx.select({ label: catalogVersions.label }).from(catalogVersions).where(eq(catalogVersions.id, versionId));
  if (!version) return 0;
  const [earlier] = await tx
    .select({ id: catalogVersions.id })
    .from(catalogVersions)
    .where(and(ne(catalogVersions.id, versionId), sql`${catalogVersions.publishedAt} is not null`))
    .limit(1);
  if (!earlier) return 0;
  const roles = ROLES.filter(hearsOfCatalog);
  const staff = await tx.select({ id: users.id, role: users.role }).from(users).where(inArray(users.role, roles));
  if (staff.length === 0) return 0;
  const written = await tx
    .insert(notifications)
    .values(
      staff.map((s) => ({
        userId: s.id,
        kind: "catalog.published",
        data: { version: version.label },
        href: catalogNoticeHref(s.role),
        dedupeKey: catalogPublishedKey(versionId),
        createdAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  return written.length;
}

/**
 * Tell each open quote's dealer that its newest version's last valid day is
 * within the notice period. Quotes that became orders, and dealers no longer
 * at the quote's dealership, are not told. One INSERT … ON CONFLICT DO
 * NOTHING per run: two servers sweeping at once write each notice once (the
 * second waits on the first's unique-index entry, then skips it).
 * Returns how many notices were written.
 */
export async function sweepExpiringQuotes(db: Executor, options: { now?: Date; days?: number } = {}): Promise<number> {
  const { from, to } = expiringWindow(dayOf(options.now ?? new Date()), options.days ?? QUOTE_EXPIRY_NOTICE_DAYS);
  const expiring = await db
    .select({ id: quotes.id, number: quotes.number, dealer: quotes.createdBy, version: quoteVersions.version, validUntil: quoteVersions.validUntil })
    .from(quotes)
    .innerJoin(quoteVersions, and(eq(quoteVersions.quoteId, quotes.id), eq(quoteVersions.version, quotes.latestVersion)))
    .innerJoin(dealershipMembers, and(eq(dealershipMembers.dealershipId, quotes.dealershipId), eq(dealershipMembers.userId, quotes.createdBy)))
    .where(and(isNull(quotes.orderId), gte(quoteVersions.validUntil, from), lte(quoteVersions.validUntil, to)));
  if (expiring.length === 0) return 0;
  const written = await db
    .insert(notifications)
    .values(
      expiring.map((q) => ({
        userId: q.dealer,
        kind: "quote.expiring",
        data: { number: q.number, version: q.version, validUntil: q.validUntil },
        href: `/dealer/quotes/${q.number}`,
        dedupeKey: quoteExpiryKey(q.id, q.validUntil),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  return written.length;
}

export const QUOTE_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Sweep for expiring quotes when the server starts and then every hour while
 * it runs (no cron needed); runs never overlap. Returns a stop function.
 */
export function startQuoteExpirySweep(getDb: () => Promise<Executor>, intervalMs = QUOTE_SWEEP_INTERVAL_MS): () => Promise<void> {
  return startPeriodic(
    "expiring quotes sweep",
    async () => {
      const written = await sweepExpiringQuotes(await getDb());
      if (written > 0) log.info("expiring quotes told", { notices: written });
    },
    intervalMs,
  );
}
