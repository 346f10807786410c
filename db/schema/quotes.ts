/**
 * Dealers' customers and quotes.
 *
 * A dealership's customers are accounts (role customer) linked to it: a
 * customer who walks into a dealership may already have an account, and one
 * a dealer creates gets an account without a password (they may claim it
 * later). Which dealership serves which customer, and whether they agreed to
 * be contacted, is the link's business.
 *
 * A quote is a series of versions; a version is never changed once sent, so
 * what the customer was shown and signed stays readable. Editing a sent quote
 * makes a new version; only the newest can become an order. A version keeps
 * its catalog version, configuration and prices (list and discounted).
 */
import { relations, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
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
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { encryptedJson, encryptedText } from "./encrypted";
// Relative imports: drizzle-kit loads this file without the tsconfig path aliases.
import type { Market } from "../../app/domain/catalog";
import { APPROVAL_STATES, DISCOUNT_KINDS, type QuotePrice } from "../../app/domain/quotes";
import { productLines } from "./catalog";
import { orders } from "./orders";
import { dealerships, users } from "./users";

export const discountKindEnum = pgEnum("discount_kind", DISCOUNT_KINDS);
export const approvalStateEnum = pgEnum("approval_state", APPROVAL_STATES);

export const dealershipCustomers = pgTable(
  "dealership_customers",
  {
    dealershipId: uuid("dealership_id")
      .notNull()
      .references(() => dealerships.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The customer agreed to be contacted by this dealership. */
    consentToContact: boolean("consent_to_contact").notNull(),
    consentAt: timestamp("consent_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.dealershipId, t.customerId] }), index("dealership_customers_customer_idx").on(t.customerId)],
);

export const quotes = pgTable(
  "quotes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seq: bigint("seq", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    /** What people read and type: "Q-0000042". */
    number: text("number")
      .notNull()
      .generatedAlwaysAs(sql`'Q-' || lpad(seq::text, 7, '0')`),
    dealershipId: uuid("dealership_id")
      .notNull()
      .references(() => dealerships.id, { onDelete: "restrict" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    /** The newest version's number. */
    latestVersion: integer("latest_version").notNull().default(1),
    /** Set once the quote became an order. */
    orderId: uuid("order_id").references(() => orders.id, { onDelete: "set null" }),
    /** Optimistic lock over the quote and its newest version. */
    lockVersion: integer("lock_version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("quotes_number_unique").on(t.number),
    index("quotes_dealership_idx").on(t.dealershipId, t.updatedAt),
    index("quotes_customer_idx").on(t.customerId),
  ],
);

export const quoteVersions = pgTable(
  "quote_versions",
  {
    quoteId: uuid("quote_id")
      .notNull()
      .references(() => quotes.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    lineCode: text("line_code").notNull(),
    catalogVersionId: text("catalog_version_id").notNull(),
    choices: text("choices").array().notNull(),
    texts: encryptedJson<Record<string, string>>("quote_versions.texts").notNull(),
    market: text("market").$type<Market>().notNull(),
    currency: text("currency").notNull(),
    discountKind: discountKindEnum("discount_kind").notNull().default("percent"),
    /** Basis points for percent, minor units for amount. */
    discountValue: bigint("discount_value", { mode: "number" }).notNull().default(0),
    /** List and discounted prices as computed when the version was made (frozen). */
    price: jsonb("price").$type<QuotePrice>().notNull(),
    total: bigint("total", { mode: "number" }).notNull(),
    validUntil: date("valid_until", { mode: "string" }).notNull(),
    /** Null while the dealer is still editing; set when handed to the customer. */
    sentAt: timestamp("sent_at", { withTimezone: true }),
    approval: approvalStateEnum("approval").notNull().default("not_needed"),
    approvedBy: uuid("approved_by").references(() => users.id, { onDelete: "set null" }),
    /** The sales manager's comment on the decision (required for a rejection: the dealer reads it). */
    approvalComment: text("approval_comment"),
    /** Why the dealer asks for a discount above their cap (only on a version that needs approval). */
    approvalJustification: text("approval_justification"),
    approvalAt: timestamp("approval_at", { withTimezone: true }),
    /** The customer's signature (SVG path data drawn on the tablet): personal data. */
    signature: encryptedText("quote_versions.signature"),
    signedAt: timestamp("signed_at", { withTimezone: true }),
    /** Share code that reopens this version's configuration (printed on the PDF as text and QR). */
    shareCode: text("share_code"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.quoteId, t.version] }),
    foreignKey({
      name: "quote_versions_line_fk",
      columns: [t.catalogVersionId, t.lineCode],
      foreignColumns: [productLines.versionId, productLines.code],
    }),
    index("quote_versions_approval_idx").on(t.approval),
    check("quote_versions_total_non_negative", sql`${t.total} >= 0`),
    check("quote_versions_discount_non_negative", sql`${t.discountValue} >= 0`),
    check("quote_versions_signed", sql`(${t.signature} is null) = (${t.signedAt} is null)`),
  ],
);

export const quotesRelations = relations(quotes, ({ many, one }) => ({
  versions: many(quoteVersions),
  dealership: one(dealerships, { fields: [quotes.dealershipId], references: [dealerships.id] }),
  customer: one(users, { fields: [quotes.customerId], references: [users.id] }),
}));

export const quoteVersionsRelations = relations(quoteVersions, ({ one }) => ({
  quote: one(quotes, { fields: [quoteVersions.quoteId], references: [quotes.id] }),
}));

export type QuoteRow = typeof quotes.$inferSelect;
export type QuoteVersionRow = typeof quoteVersions.$inferSelect;
export type DealershipCustomerRow = typeof dealershipCustomers.$inferSelect;
