/**
 * Erasing an account (GDPR Art. 17; decision 046). One transaction:
 *
 * - the user row stays (orders and quotes point at it) but loses everything
 *   personal: email becomes `erased-<id>@invalid`, the name a marker, phone
 *   and address go, the blind indexes are cleared (so the email can sign up
 *   again), the password can never verify, and it is deactivated;
 * - sessions, API tokens and one-time links are deleted: nothing signs in as it;
 * - orders keep their financial record (lines, price, total, market,
 *   currency, status, dates) but their contact becomes the marker (the
 *   delivery country stays: it decided the taxes) and their personal texts go;
 * - signatures on its quotes are removed (the signed date stays), the
 *   personalisation texts of its quote versions and share codes are emptied
 *   (prices and totals stay);
 * - what is only about the person goes: saved configurations, notifications,
 *   consents, leads (its account's, and those a visitor sent with its email,
 *   found by the blind index), the dealership links, the customer file's notes and
 *   access log, feedback comments, recently viewed, unsent and sent mail to
 *   the address;
 * - the audit log records who erased it, and when (by id only).
 */
import { and, eq, inArray, isNotNull, or } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
  accountTokens,
  apiTokens,
  configurations,
  consentEvents,
  customerFileAccess,
  customerNotes,
  dealershipCustomers,
  emailOutbox,
  leads,
  notifications,
  orderFeedback,
  orders,
  quotes,
  quoteVersions,
  recentViews,
  sessions,
  shareCodes,
  users,
} from "#db/schema";
import { recordAudit } from "~/.server/audit/audit.server";
import { emailIndex } from "./personal-data.server";
import { fail, ok, type Result } from "~/domain/result";
import { isStaff } from "~/domain/roles";

/** The name an erased account and its orders show. */
export const ERASED_NAME = "—";
/** Where an erased account's email pointed; `.invalid` never resolves (RFC 2606). */
export const erasedEmail = (userId: string) => `erased-${userId}@invalid`;
/** Not a PHC string: no password ever verifies against it. */
const ERASED_HASH = "!erased";

export interface ErasureSummary {
  orders: number;
  quotes: number;
}

/**
 * Erase a customer's account: `actorId` is the customer (self-service) or an
 * admin acting on a request. Staff accounts are refused (409): an admin
 * deactivates them, and their records are the dealership's.
 */
export async function eraseAccount(db: Executor, actorId: string, userId: string, now: Date = new Date()): Promise<Result<ErasureSummary>> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, role: users.role, email: users.email, erasedAt: users.erasedAt }).from(users).where(eq(users.id, userId)).for("update");
    if (!user) return fail({ status: 404, code: "unknown-user", message: "no such user", path: "userId" });
    if (user.erasedAt) return fail({ status: 409, code: "already-erased", message: "this account is erased already", path: "userId" });
    if (isStaff(user.role)) return fail({ status: 409, code: "staff-account", message: "staff accounts are deactivated, not erased", path: "userId" });

    // Mail to the address, sent or not: the outbox is small (sent mail is purged after its retention), and addresses are encrypted.
    const mail = await tx.select({ id: emailOutbox.id, to: emailOutbox.toAddress }).from(emailOutbox);
    const mailIds = mail.filter((m) => m.to.toLowerCase() === user.email.toLowerCase()).map((m) => m.id);
    if (mailIds.length > 0) await tx.delete(emailOutbox).where(inArray(emailOutbox.id, mailIds));

    const theirOrders = await tx.select({ id: orders.id, contact: orders.contact }).from(orders).where(eq(orders.customerId, user.id));
    for (const order of theirOrders) {
      await tx
        .update(orders)
        .set({ contact: { name: ERASED_NAME, email: "", phone: "", street: "", postalCode: "", city: "", country: order.contact.country }, texts: {} })
        .where(eq(orders.id, order.id));
    }
    const theirQuotes = await tx.select({ id: quotes.id }).from(quotes).where(eq(quotes.customerId, user.id));
    if (theirQuotes.length > 0) {
      const quoteIds = theirQuotes.map((q) => q.id);
      // The signed date stays (the check pairs it with a signature): the drawing itself becomes empty.
      await tx
        .update(quoteVersions)
        .set({ signature: "" })
        .where(and(inArray(quoteVersions.quoteId, quoteIds), isNotNull(quoteVersions.signedAt)));
      // An inscription is personal; the version's price and total (computed when it was written) stay.
      await tx.update(quoteVersions).set({ texts: {} }).where(inArray(quoteVersions.quoteId, quoteIds));
    }
    await tx.update(shareCodes).set({ texts: {}, createdBy: null }).where(eq(shareCodes.createdBy, user.id));
    await tx.update(orderFeedback).set({ comment: null }).where(eq(orderFeedback.customerId, user.id));

    for (const table of [sessions, apiTokens, accountTokens, notifications, consentEvents, recentViews] as const) await tx.delete(table).where(eq(table.userId, user.id));
    await tx.delete(configurations).where(eq(configurations.ownerId, user.id));
    await tx.delete(leads).where(or(eq(leads.customerId, user.id), eq(leads.emailIndex, emailIndex(user.email))));
    await tx.delete(dealershipCustomers).where(eq(dealershipCustomers.customerId, user.id));
    await tx.delete(customerNotes).where(eq(customerNotes.customerId, user.id));
    await tx.delete(customerFileAccess).where(eq(customerFileAccess.customerId, user.id));

    await tx
      .update(users)
      .set({
        email: erasedEmail(user.id),
        emailIndex: null,
        name: ERASED_NAME,
        nameIndex: null,
        phone: null,
        phoneIndex: null,
        address: null,
        passwordHash: ERASED_HASH,
        preferredDealershipId: null,
        preferredLanguage: null,
        preferredMarket: null,
        deactivatedAt: now,
        erasedAt: now,
        updatedAt: now,
      })
      .where(eq(users.id, user.id));
    const summary = { orders: theirOrders.length, quotes: theirQuotes.length };
    await recordAudit(tx, { actorId: actorId === user.id ? user.id : actorId, action: "user.erase", subject: "user", subjectId: user.id, after: { self: actorId === user.id, ...summary } }, now);
    return ok(summary);
  });
}
