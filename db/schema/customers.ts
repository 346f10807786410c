/**
 * The customer file beside the account: consents, kept as a history so each
 * one's date given or withdrawn is known (rows are only ever added); tier
 * history, feedback after delivery, staff notes and the log of who opened the
 * file.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, pgEnum, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { encryptedText } from "./encrypted";
// Relative imports: drizzle-kit loads this file without the tsconfig path aliases.
import { CONSENT_KINDS } from "../../app/domain/profile";
import { TIER_SOURCES } from "../../app/domain/tiers";
import { orders } from "./orders";
import { customerTierEnum, dealerships, users } from "./users";

export const consentKindEnum = pgEnum("consent_kind", CONSENT_KINDS);

export const consentEvents = pgTable(
  "consent_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: consentKindEnum("kind").notNull(),
    granted: boolean("granted").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("consent_events_user_idx").on(t.userId, t.kind, t.at)],
);

/**
 * Every change of a customer's tier: the rule's (computed, on delivery or by
 * the recompute command) or a sales manager's override, which must say why.
 * Rows are only ever added; users.tier holds the latest.
 */
export const tierSourceEnum = pgEnum("tier_source", TIER_SOURCES);

export const tierEvents = pgTable(
  "tier_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fromTier: customerTierEnum("from_tier").notNull(),
    toTier: customerTierEnum("to_tier").notNull(),
    source: tierSourceEnum("source").notNull(),
    /** Null for the rule's changes (the system's); the sales manager for an override. */
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("tier_events_customer_idx").on(t.customerId, t.at),
    check("tier_events_override_reason", sql`${t.source} <> 'override' or (${t.reason} is not null and length(${t.reason}) > 0)`),
  ],
);

/**
 * The customer's rating of a delivered order, per aspect (1–5), with one
 * comment. One per order, given once and not edited, so staff read what the
 * customer said right after delivery. dealer_rating is null for an order no
 * dealership handled.
 */
export const orderFeedback = pgTable(
  "order_feedback",
  {
    orderId: uuid("order_id")
      .primaryKey()
      .references(() => orders.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    productRating: smallint("product_rating").notNull(),
    dealerRating: smallint("dealer_rating"),
    deliveryRating: smallint("delivery_rating").notNull(),
    comment: encryptedText("order_feedback.comment"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("order_feedback_customer_idx").on(t.customerId),
    check(
      "order_feedback_ratings",
      sql`${t.productRating} between 1 and 5 and ${t.deliveryRating} between 1 and 5 and (${t.dealerRating} is null or ${t.dealerRating} between 1 and 5)`,
    ),
  ],
);

/**
 * Staff notes on a customer, with author and date. A note written at a
 * dealership is read there (and by the maker's staff); a note by the maker's
 * staff (dealership null) is read by everyone who opens the file.
 */
export const customerNotes = pgTable(
  "customer_notes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    dealershipId: uuid("dealership_id").references(() => dealerships.id, { onDelete: "cascade" }),
    body: encryptedText("customer_notes.body").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("customer_notes_customer_idx").on(t.customerId, t.at)],
);

/** Each opening of a customer file by staff: who, whose file, when. Written on every GET, only ever added. */
export const customerFileAccess = pgTable(
  "customer_file_access",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    viewerId: uuid("viewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("customer_file_access_customer_idx").on(t.customerId, t.at), index("customer_file_access_viewer_idx").on(t.viewerId, t.at)],
);
