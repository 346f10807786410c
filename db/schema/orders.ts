/**
 * Orders and the production queue.
 *
 * An order is written once, whole, in one transaction: the order (with its
 * configuration and frozen price breakdown), its lines (the BOM), its first
 * status event and its queue entry. `(placed_by, idempotency_key)` is unique,
 * so a retried or doubled submission finds the first order instead of making
 * a second one; `request_hash` tells a true retry from a different body sent
 * with the same key.
 *
 * `version` is the order's optimistic lock: every planner or customer change
 * (status, build date, cancel, change of configuration) says which version it
 * saw and bumps it; a change made against an older version is refused.
 *
 * Personal data of an order sits in one column, `contact` (name, email,
 * phone, delivery address), encrypted (decision 045), so it can be erased on
 * its own while the financial record stays (decision 046).
 */
import { relations, sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
// Relative imports: drizzle-kit loads this file without the tsconfig path aliases.
import { ORDER_STATUSES } from "../../app/domain/orders";
import type { Market } from "../../app/domain/catalog";
import type { PriceBreakdown } from "../../app/domain/engine/types";
import { catalogVersions, productLines } from "./catalog";
import { customerTierEnum, dealerships, users } from "./users";
import { encryptedJson } from "./encrypted";

export const orderStatusEnum = pgEnum("order_status", ORDER_STATUSES);

/** Contact and delivery details as the customer confirmed them. */
export interface OrderContact {
  name: string;
  email: string;
  phone: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
}

export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Sequential, for the order number; never reused. */
    seq: bigint("seq", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    /** What people read and type: "AT-0000042". */
    number: text("number")
      .notNull()
      .generatedAlwaysAs(sql`'AT-' || lpad(seq::text, 7, '0')`),
    /** The customer the unit is built for. */
    customerId: uuid("customer_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    /** Who submitted it: the customer, or a dealer for them. */
    placedBy: uuid("placed_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    dealershipId: uuid("dealership_id").references(() => dealerships.id, { onDelete: "restrict" }),
    /**
     * The client's key for placing this order exactly once. Kept 7 days, then
     * cleared with request_hash by the periodic sweep (decision 044): a retry
     * within that time finds this order; after it, the key is free again.
     */
    idempotencyKey: text("idempotency_key"),
    /** SHA-256 of the canonical request: the same key with another body is refused. Cleared with the key. */
    requestHash: text("request_hash"),
    lineCode: text("line_code").notNull(),
    catalogVersionId: text("catalog_version_id").notNull(),
    choices: text("choices").array().notNull(),
    texts: encryptedJson<Record<string, string>>("orders.texts").notNull(),
    market: text("market").$type<Market>().notNull(),
    currency: text("currency").notNull(),
    /** The price as re-computed by the server when the order was placed (or last changed), frozen. */
    price: jsonb("price").$type<PriceBreakdown>().notNull(),
    total: bigint("total", { mode: "number" }).notNull(),
    contact: encryptedJson<OrderContact>("orders.contact").notNull(),
    /** The customer's tier when ordering: scheduling priority. */
    tier: customerTierEnum("tier").notNull().default("standard"),
    status: orderStatusEnum("status").notNull().default("received"),
    /**
     * The queue entry's build date, copied here by a trigger on queue_entries
     * (migration 0030), so the queue's sort by build date, alone or under a
     * status filter, walks one index of orders instead of joining a million
     * rows (decision 052). Null while unscheduled and once cancelled.
     */
    buildDate: date("build_date", { mode: "string" }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("orders_number_unique").on(t.number),
    uniqueIndex("orders_idempotency_unique").on(t.placedBy, t.idempotencyKey),
    foreignKey({
      name: "orders_line_fk",
      columns: [t.catalogVersionId, t.lineCode],
      foreignColumns: [productLines.versionId, productLines.code],
    }),
    index("orders_customer_idx").on(t.customerId, t.createdAt),
    index("orders_dealership_idx").on(t.dealershipId, t.createdAt),
    index("orders_status_idx").on(t.status, t.createdAt),
    // The queue's sort by build date (nulls last, then id), alone and under a status filter; also its build-week filter.
    // Unscheduled orders (no date) sort last, as if built at the end of time: a keyset walk stays one index range.
    // The columns after id change no order (id is unique): they let a build week's page and counts be read from this
    // index alone (an index-only scan; build_date itself because PostgreSQL only sees through the coalesce with it).
    index("orders_build_idx").on(sql`coalesce(${t.buildDate}, 'infinity'::date)`, t.id, t.buildDate, t.createdAt, t.status, t.tier),
    index("orders_status_build_idx").on(t.status, sql`coalesce(${t.buildDate}, 'infinity'::date)`, t.id),
    index("orders_line_idx").on(t.lineCode, t.createdAt),
    index("orders_created_idx").on(t.createdAt),
    // The queue's "by tier" sort (scheduling priority): tier, then order time, then id.
    index("orders_tier_idx").on(t.tier, t.createdAt, t.id),
    // Option codes, with the filters they are combined with (btree_gin, migration 0032): status, line and dealership
    // in the same GIN index, so "status + line + a common code" is one index scan of the rarest key's entries rather
    // than a bitmap of every order with the code ANDed with the status's (decision 052). Alone, a code uses it as before.
    index("orders_choices_filters_idx").using("gin", t.status, t.lineCode, t.dealershipId, t.choices),
    check("orders_total_non_negative", sql`${t.total} >= 0`),
    check("orders_idempotency_key_length", sql`char_length(${t.idempotencyKey}) between 1 and 200`),
    check("orders_idempotency_key_with_hash", sql`(${t.idempotencyKey} is null) = (${t.requestHash} is null)`),
  ],
);

/** The order's bill of materials, as it was when the order was placed (or last changed). */
export const orderLines = pgTable(
  "order_lines",
  {
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    module: text("module").notNull(),
    quantity: integer("quantity").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.module] }), index("order_lines_module_idx").on(t.module), check("order_lines_quantity_positive", sql`${t.quantity} > 0`)],
);

/** Every status change (and the first "received"), with who, when and why. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    fromStatus: orderStatusEnum("from_status"),
    toStatus: orderStatusEnum("to_status").notNull(),
    /** Null for the system (e.g. automatic scheduling run by nobody in particular). */
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** What else happened: "build date 2026-12-14", "configuration changed", … */
    note: text("note"),
    /** Why, in the actor's words: required for exceptional changes (a pull ahead, a cancel by staff, a move inside the frozen horizon). */
    reason: text("reason"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("order_events_order_idx").on(t.orderId, t.id),
    check("order_events_reason_length", sql`${t.reason} is null or char_length(${t.reason}) between 1 and 500`),
  ],
);

/**
 * The production queue: one entry per order that is to be built, with its
 * build date once scheduled. Removed when the order is cancelled.
 */
export const queueEntries = pgTable(
  "queue_entries",
  {
    orderId: uuid("order_id")
      .primaryKey()
      .references(() => orders.id, { onDelete: "cascade" }),
    lineCode: text("line_code").notNull(),
    /** First day the order may be built (its parts' lead time). */
    earliestBuildDate: date("earliest_build_date", { mode: "string" }).notNull(),
    buildDate: date("build_date", { mode: "string" }),
    enqueuedAt: timestamp("enqueued_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("queue_entries_build_idx").on(t.lineCode, t.buildDate), index("queue_entries_date_idx").on(t.buildDate)],
);

/**
 * Orders per status, product line and dealership (null: placed directly),
 * kept by triggers on orders in the same transaction as every insert, status
 * change and delete (migration 0030, decision 052): the queue's status tabs
 * read these sums instead of counting a million orders. Each row is one of
 * several slots; a transaction holds its own slot until it ends (migration
 * 0034), so concurrent writers never wait on the same row; a count is the sum
 * of its slots, and a slot may go below zero.
 */
export const orderStatusCounts = pgTable(
  "order_status_counts",
  {
    status: orderStatusEnum("status").notNull(),
    lineCode: text("line_code").notNull(),
    dealershipId: uuid("dealership_id"),
    slot: integer("slot").notNull(),
    n: bigint("n", { mode: "number" }).notNull(),
  },
  (t) => [unique("order_status_counts_key").on(t.status, t.lineCode, t.dealershipId, t.slot).nullsNotDistinct()],
);

/**
 * Each product line's working calendar (decision 024): the ISO weekdays it
 * works (1 = Monday … 7 = Sunday), its shifts a day and the units one shift
 * builds. A working day's capacity is shifts × units per shift, unless the day
 * has its own (line_capacity_days); holidays (line_holidays) and the other
 * weekdays have none. No row: Monday to Friday, one shift of
 * DEFAULT_LINE_CAPACITY units.
 */
export const lineCapacity = pgTable(
  "line_capacity",
  {
    lineCode: text("line_code").primaryKey(),
    unitsPerShift: integer("units_per_shift").notNull(),
    shifts: integer("shifts").notNull().default(1),
    workingDays: integer("working_days").array().notNull().default(sql`'{1,2,3,4,5}'`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("line_capacity_units", sql`${t.unitsPerShift} between 0 and 100000`),
    check("line_capacity_shifts", sql`${t.shifts} between 1 and 3`),
    check("line_capacity_working_days", sql`${t.workingDays} <@ '{1,2,3,4,5,6,7}'::integer[] and cardinality(${t.workingDays}) >= 1`),
  ],
);

/** A working day's own capacity (units for the whole day), instead of shifts × units per shift. */
export const lineCapacityDays = pgTable(
  "line_capacity_days",
  {
    lineCode: text("line_code").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    unitsPerDay: integer("units_per_day").notNull(),
  },
  (t) => [primaryKey({ columns: [t.lineCode, t.day] }), check("line_capacity_days_units", sql`${t.unitsPerDay} between 0 and 100000`)],
);

/** Dated closures of a line, with the name planners and customers read ("Christmas Day"). */
export const lineHolidays = pgTable(
  "line_holidays",
  {
    lineCode: text("line_code").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    name: text("name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.lineCode, t.day] }), check("line_holidays_name_length", sql`char_length(${t.name}) between 1 and 100`)],
);

export const ordersRelations = relations(orders, ({ one, many }) => ({
  customer: one(users, { fields: [orders.customerId], references: [users.id] }),
  version: one(catalogVersions, { fields: [orders.catalogVersionId], references: [catalogVersions.id] }),
  lines: many(orderLines),
  events: many(orderEvents),
  queueEntry: one(queueEntries, { fields: [orders.id], references: [queueEntries.orderId] }),
}));

export const orderLinesRelations = relations(orderLines, ({ one }) => ({
  order: one(orders, { fields: [orderLines.orderId], references: [orders.id] }),
}));

export const orderEventsRelations = relations(orderEvents, ({ one }) => ({
  order: one(orders, { fields: [orderEvents.orderId], references: [orders.id] }),
}));

export type OrderRow = typeof orders.$inferSelect;
export type OrderEventRow = typeof orderEvents.$inferSelect;
export type QueueEntryRow = typeof queueEntries.$inferSelect;
