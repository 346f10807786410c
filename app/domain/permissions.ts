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
  /** One's own customer profile: contact details, address, preferences, consents. */
  "profile.edit",
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
  /** One's own notification centre: news of one's orders and configurations, and staff's work news (approvals, leads, expiring quotes, the dealership's orders, catalogs). */
  "notification.read",
  /** A dealership's customers and quotes: find, quote, present, sign, order. */
  "quote.manage",
  /** Send a configuration to a dealership as a lead, from one's account (visitors send as guests). */
  "lead.send",
  /** A dealership's leads inbox: read its leads, start quotes from them, mark them contacted or closed. */
  "lead.manage",
  /** Approve or reject a discount that waits for approval. */
  "quote.decide",
  /** Publish catalog versions (the admins' area). */
  "catalog.publish",
  /** The customer file shared across departments: name, tier and its history, orders, feedback, notes (each opening is logged). */
  "customer-file.read",
  /** The file's contact details and sales history: email, phone, address, consents, quotes, saved configurations. Sales, not production. */
  "customer-file.contact",
  /** Add a staff note to a customer file. */
  "customer-file.note",
  /** Override a customer's computed tier, with a reason. */
  "tier.override",
  /** Rate one's own delivered order. */
  "feedback.give",
  /** Who opened which customer file, and when. */
  "customer-file.audit",
  /** The email outbox outside development. */
  "outbox.read",
  /** Accounts: invite staff, change roles, deactivate and reactivate, send password resets and claim links. */
  "user.manage",
  /** Dealerships: their details, discount ceiling, quote validity, and who works there in which role. */
  "dealership.manage",
  /** The audit log and its CSV export. */
  "audit.read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Each permission by role: read across for who holds it. */
export const GRANTS: Record<Permission, Record<Role, boolean>> = {
  "profile.edit": { customer: true, dealer: false, sales_manager: false, planner: false, admin: false },
  "configuration.save": { customer: true, dealer: false, sales_manager: false, planner: false, admin: false },
  "order.place": { customer: true, dealer: false, sales_manager: false, planner: false, admin: false },
  "order.read.own": { customer: true, dealer: false, sales_manager: false, planner: false, admin: false },
  "order.read.dealership": { customer: false, dealer: true, sales_manager: true, planner: false, admin: false },
  "order.read.all": { customer: false, dealer: false, sales_manager: false, planner: true, admin: true },
  "order.manage": { customer: false, dealer: false, sales_manager: false, planner: true, admin: true },
  "queue.manage": { customer: false, dealer: false, sales_manager: false, planner: true, admin: true },
  "notification.read": { customer: true, dealer: true, sales_manager: true, planner: true, admin: true },
  "quote.manage": { customer: false, dealer: true, sales_manager: true, planner: false, admin: false },
  "lead.send": { customer: true, dealer: false, sales_manager: false, planner: false, admin: false },
  "lead.manage": { customer: false, dealer: true, sales_manager: true, planner: false, admin: false },
  "quote.decide": { customer: false, dealer: false, sales_manager: true, planner: false, admin: false },
  "catalog.publish": { customer: false, dealer: false, sales_manager: false, planner: false, admin: true },
  "customer-file.read": { customer: false, dealer: true, sales_manager: true, planner: true, admin: true },
  "customer-file.contact": { customer: false, dealer: true, sales_manager: true, planner: false, admin: true },
  "customer-file.note": { customer: false, dealer: true, sales_manager: true, planner: true, admin: true },
  "tier.override": { customer: false, dealer: false, sales_manager: true, planner: false, admin: false },
  "feedback.give": { customer: true, dealer: false, sales_manager: false, planner: false, admin: false },
  "customer-file.audit": { customer: false, dealer: false, sales_manager: false, planner: false, admin: true },
  "outbox.read": { customer: false, dealer: false, sales_manager: false, planner: false, admin: true },
  "user.manage": { customer: false, dealer: false, sales_manager: false, planner: false, admin: true },
  "dealership.manage": { customer: false, dealer: false, sales_manager: false, planner: false, admin: true },
  "audit.read": { customer: false, dealer: false, sales_manager: false, planner: false, admin: true },
};

/** Whether this user (signed out: null or undefined) holds the permission. */
export function can(user: { role: Role } | null | undefined, permission: Permission): boolean {
  return user ? GRANTS[permission][user.role] : false;
}
