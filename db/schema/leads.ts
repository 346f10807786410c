/**
 * Leads: a configuration sent to a dealership by a customer (their account)
 * or a visitor (the contact they typed in), waiting in its inbox.
 *
 * What was sent is a share code: a snapshot (012), so editing or deleting
 * the saved configuration later doesn't change what the dealership sees.
 * Starting a quote from the lead links the quote; the lead is then "quoted".
 * The visitor's name, email and phone are personal data in few, clearly
 * named columns, like users'.
 */
import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
// Relative imports: drizzle-kit loads this file without the tsconfig path aliases.
import { LEAD_STATUSES, PREFERRED_CONTACTS } from "../../app/domain/leads";
import { encryptedText } from "./encrypted";
import { shareCodes } from "./configurations";
import { quotes } from "./quotes";
import { dealerships, users } from "./users";

export const leadStatusEnum = pgEnum("lead_status", LEAD_STATUSES);
export const preferredContactEnum = pgEnum("preferred_contact", PREFERRED_CONTACTS);

export const leads = pgTable(
  "leads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: uuid("dealership_id")
      .notNull()
      .references(() => dealerships.id, { onDelete: "cascade" }),
    /** The customer's account; null for a visitor (then name and email are set). Their leads go with the account. */
    customerId: uuid("customer_id").references(() => users.id, { onDelete: "cascade" }),
    /** A visitor's contact as typed (a customer's comes from their account); encrypted (decision 045). */
    name: encryptedText("leads.name"),
    email: encryptedText("leads.email"),
    phone: encryptedText("leads.phone"),
    /** Blind index of the visitor's email (`emailIndex()`): the per-email send limit compares it. */
    emailIndex: text("email_index"),
    preferredContact: preferredContactEnum("preferred_contact").notNull().default("email"),
    message: encryptedText("leads.message"),
    /** The configuration as sent (a snapshot). */
    shareCode: text("share_code")
      .notNull()
      .references(() => shareCodes.code, { onDelete: "restrict" }),
    status: leadStatusEnum("status").notNull().default("new"),
    /** The quote started from this lead (set once; a second tap finds it). */
    quoteId: uuid("quote_id").references(() => quotes.id, { onDelete: "set null" }),
    /** Where the form was sent from: only to throttle the public form. */
    clientAddress: text("client_address").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("leads_dealership_idx").on(t.dealershipId, t.createdAt),
    index("leads_customer_idx").on(t.customerId),
    index("leads_client_address_idx").on(t.clientAddress, t.createdAt),
    index("leads_email_index_idx").on(t.emailIndex, t.createdAt),
    // Someone to answer: an account, or a visitor's name and email.
    check("leads_sender", sql`${t.customerId} is not null or (${t.name} is not null and ${t.email} is not null)`),
  ],
);

export type LeadRow = typeof leads.$inferSelect;
