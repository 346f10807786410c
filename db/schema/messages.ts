/**
 * Messages to people: in-app notifications and the email outbox.
 *
 * Both are written in the same transaction as the change they report (an
 * order placed, a status changed), so a notification never announces a
 * change that was rolled back, and a committed change is never left
 * unannounced. A mailer sends the outbox later and marks what it sent.
 */
import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";
import { encryptedText } from "./encrypted";

export const notifications = pgTable(
  "notifications",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** What happened, e.g. "order.status"; the page renders it in the reader's language. */
    kind: text("kind").notNull(),
    /** The facts the message is made of (order number, statuses, dates), never free text. */
    data: jsonb("data").$type<Record<string, string | number | null>>().notNull(),
    /** Where the notification leads, e.g. "/orders/AT-0000042". */
    href: text("href"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
    /**
     * Set on a notification a retry or a second app server could write again
     * (a quote's expiry sweep, a catalog version's publication): the unique
     * index with ON CONFLICT DO NOTHING keeps it to one per user. Null for
     * notifications written once by their event's own transaction.
     */
    dedupeKey: text("dedupe_key"),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.id),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    uniqueIndex("notifications_dedupe_unique").on(t.userId, t.dedupeKey),
  ],
);

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** Address, subject and body are encrypted (decision 045), and purged after delivery plus OUTBOX_RETENTION_DAYS. */
    toAddress: encryptedText("email_outbox.to_address").notNull(),
    subject: encryptedText("email_outbox.subject").notNull(),
    body: encryptedText("email_outbox.body").notNull(),
    /** An HTML version of the body (sent as multipart/alternative beside the text), or null for text-only mail. Encrypted like the body. */
    html: encryptedText("email_outbox.html"),
    /**
     * A picture the HTML shows inline (`<img src="cid:…">`), drawn by the mailer when it sends: the configured
     * product's picture (decision 050) from its model and visual keys, attached as a CID image. Keys only, no personal data.
     */
    picture: jsonb("picture").$type<EmailPicture>(),
    /** Extra mail headers, e.g. List-Unsubscribe (RFC 8058) on news a customer can stop. */
    headers: jsonb("headers").$type<Record<string, string>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [index("email_outbox_unsent_idx").on(t.id).where(sql`${t.sentAt} is null`)],
);

/** What the mailer draws and attaches for an email's inline picture. */
export interface EmailPicture {
  /** The Content-ID the HTML refers to (`cid:<cid>`). */
  cid: string;
  /** The line's visual model ("sedan", "fridge", …). */
  model: string;
  /** Canonical visual keys (canonicalKeys). */
  keys: string[];
  /** One of PICTURE_WIDTHS; the view is always the front 3/4. */
  width: number;
}

export type NotificationRow = typeof notifications.$inferSelect;
export type EmailRow = typeof emailOutbox.$inferSelect;
