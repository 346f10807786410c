/**
 * Who may do what, as one table: every server check, every page's offer and
 * the shell ask `can(user, permission)`. A new role or a new permission does
 * not compile until each of its cells is decided here.
 *
 * Permissions say what a role may do at all; which order, quote or customer a
 * user may touch (their own, their dealership's) stays in the repositories'
 * queries. See docs/decisions/017-permissions.md.
 */
import type { Role } from "./roles";

export const PERMISSIONS = [
  /** Save configurations to one's account (and share them from there). */
  "configuration.save",
  /** Order for oneself: checkout, the order API, changing one's open order. */
  "order.place",
  /** One's own orders: the account pages and their live events. */
  "order.read.own",
  /** The orders of the dealerships one works at. */
  "order.read.dealership",
  /** Every order, with the names of the staff who handled it. */
  "order.read.all",
  /** Move any order through production, change or cancel it for its customer. */
  "order.manage",
  /** The production queue: scheduling, capacity, demand and their exports. */
  "queue.manage",
  /** Notifications about one's own orders. */
  "notification.read",
  /** A dealership's customers and quotes: find, quote, present, sign, order. */
  "quote.manage",
  /** Approve or reject a discount that waits for approval. */
  "quote.decide",
  /** Publish catalog versions (the admins' area). */
  "catalog.publish",
  /** The customer file shared across departments. */
  "customer-file.read",
  /** The email outbox outside development. */
  "outbox.read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const GRANTS: Record<Role, Record<Permission, boolean>> = {
  customer: {
    "configuration.save": true,
    "order.place": true,
    "order.read.own": true,
    "order.read.dealership": false,
    "order.read.all": false,
    "order.manage": false,
    "queue.manage": false,
    "notification.read": true,
    "quote.manage": false,
    "quote.decide": false,
    "catalog.publish": false,
    "customer-file.read": false,
    "outbox.read": false,
  },
  dealer: {
    "configuration.save": false,
    "order.place": false,
    "order.read.own": false,
    "order.read.dealership": true,
    "order.read.all": false,
    "order.manage": false,
    "queue.manage": false,
    "notification.read": false,
    "quote.manage": true,
    "quote.decide": false,
    "catalog.publish": false,
    "customer-file.read": true,
    "outbox.read": false,
  },
  sales_manager: {
    "configuration.save": false,
    "order.place": false,
    "order.read.own": false,
    "order.read.dealership": true,
    "order.read.all": false,
    "order.manage": false,
    "queue.manage": false,
    "notification.read": false,
    "quote.manage": true,
    "quote.decide": true,
    "catalog.publish": false,
    "customer-file.read": true,
    "outbox.read": false,
  },
  planner: {
    "configuration.save": false,
    "order.place": false,
    "order.read.own": false,
    "order.read.dealership": false,
    "order.read.all": true,
    "order.manage": true,
    "queue.manage": true,
    "notification.read": false,
    "quote.manage": false,
    "quote.decide": false,
    "catalog.publish": false,
    "customer-file.read": true,
    "outbox.read": false,
  },
  admin: {
    "configuration.save": false,
    "order.place": false,
    "order.read.own": false,
    "order.read.dealership": false,
    "order.read.all": true,
    "order.manage": true,
    "queue.manage": true,
    "notification.read": false,
    "quote.manage": false,
    "quote.decide": false,
    "catalog.publish": true,
    "customer-file.read": true,
    "outbox.read": true,
  },
};

/** Whether this user (signed out: null or undefined) holds the permission. */
export function can(user: { role: Role } | null | undefined, permission: Permission): boolean {
  return user ? GRANTS[user.role][permission] : false;
}
