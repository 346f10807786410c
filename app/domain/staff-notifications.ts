/**
 * What staff are told, and who: the rules behind the notifications written
 * for dealers, sales managers, planners and admins (decision 034). Pure: the
 * writers in app/.server ask it, tests read it.
 */
import { addDays } from "./orders";
import type { OrderStatus } from "./orders";
import type { Role } from "./roles";

/** The kinds of notification staff receive (customers' kinds live beside their writers). */
export const STAFF_NOTIFICATION_KINDS = [
  /** A discount above the dealer's cap waits for a sales manager. */
  "quote.approval-requested",
  /** A sales manager approved / rejected the discount the dealer asked for. */
  "quote.approved",
  "quote.rejected",
  /** The newest version of an open quote is valid for a few more days only. */
  "quote.expiring",
  /** A customer or visitor sent a configuration to the dealership. */
  "lead.received",
  /** An order placed through the dealership moved to another status. */
  "dealership.order-status",
  /** A new catalog version was published. */
  "catalog.published",
] as const;
export type StaffNotificationKind = (typeof STAFF_NOTIFICATION_KINDS)[number];

/** Who hears that a catalog version was published: everyone who works with the catalog (customers hear of their followed configurations instead). */
const HEARS_OF_CATALOG: Record<Role, boolean> = {
  customer: false,
  dealer: true,
  sales_manager: true,
  planner: true,
  admin: true,
};

export function hearsOfCatalog(role: Role): boolean {
  return HEARS_OF_CATALOG[role];
}

/** Where a published catalog's notice leads each role: the area in which they work with it. */
const CATALOG_NOTICE_HREF: Record<Role, string> = {
  customer: "/",
  dealer: "/dealer/quotes/new",
  sales_manager: "/dealer/quotes/new",
  planner: "/planning/demand",
  admin: "/admin/catalog",
};

export function catalogNoticeHref(role: Role): string {
  return CATALOG_NOTICE_HREF[role];
}

/**
 * An order change the dealership hears of: a move to another status (the
 * customer's own news of a changed configuration or a new build date on the
 * same status is not the dealership's).
 */
export function tellsDealership(change: { from: OrderStatus | null; to: OrderStatus }): boolean {
  return change.from !== null && change.from !== change.to;
}

/** A quote's dealer hears of its expiry this many days before its last valid day. */
export const QUOTE_EXPIRY_NOTICE_DAYS = 3;

/** The last valid days that are "expiring" on `today`: from today up to the notice period ahead (both included). */
export function expiringWindow(today: string, days = QUOTE_EXPIRY_NOTICE_DAYS): { from: string; to: string } {
  return { from: today, to: addDays(today, days) };
}

/** One expiry notice per quote and last valid day: a new version with a new date is told again. */
export function quoteExpiryKey(quoteId: string, validUntil: string): string {
  return `quote.expiring:${quoteId}:${validUntil}`;
}

/** One catalog notice per version and user. */
export function catalogPublishedKey(versionId: string): string {
  return `catalog.published:${versionId}`;
}
