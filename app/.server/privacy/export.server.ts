/**
 * Everything the application holds about one person, as one JSON document
 * (GDPR Art. 15 and 20; decision 046): profile, consents, saved
 * configurations, share codes, quotes, orders (with their status history),
 * feedback, notifications and leads. Decrypted (it is for the person), staff
 * notes about them left out only where they are the dealership's work
 * (customer notes are included: they are about the person).
 */
import { asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
  configurations,
  consentEvents,
  customerNotes,
  dealerships,
  leads,
  notifications,
  orderEvents,
  orderFeedback,
  orders,
  quotes,
  quoteVersions,
  shareCodes,
  users,
} from "#db/schema";

/** The export's format version: a reader can tell what it gets. */
export const EXPORT_FORMAT = "atelier.personal-data.v1";

export async function exportPersonalData(db: Executor, userId: string, now: Date = new Date()) {
  const [profile] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      phone: users.phone,
      address: users.address,
      role: users.role,
      tier: users.tier,
      contactChannel: users.contactChannel,
      preferredLanguage: users.preferredLanguage,
      preferredMarket: users.preferredMarket,
      preferredDealership: dealerships.name,
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(dealerships, eq(dealerships.id, users.preferredDealershipId))
    .where(eq(users.id, userId));
  if (!profile) return null;
  const theirOrders = await db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      line: orders.lineCode,
      catalogVersion: orders.catalogVersionId,
      choices: orders.choices,
      texts: orders.texts,
      market: orders.market,
      currency: orders.currency,
      total: orders.total,
      price: orders.price,
      contact: orders.contact,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .where(eq(orders.customerId, userId))
    .orderBy(asc(orders.seq));
  const orderIds = theirOrders.map((o) => o.id);
  const events = orderIds.length
    ? await db.select({ orderId: orderEvents.orderId, from: orderEvents.fromStatus, to: orderEvents.toStatus, at: orderEvents.at }).from(orderEvents).where(inArray(orderEvents.orderId, orderIds)).orderBy(asc(orderEvents.at))
    : [];
  const theirQuotes = await db
    .select({ id: quotes.id, number: quotes.number, dealership: dealerships.name, createdAt: quotes.createdAt })
    .from(quotes)
    .innerJoin(dealerships, eq(dealerships.id, quotes.dealershipId))
    .where(eq(quotes.customerId, userId))
    .orderBy(asc(quotes.seq));
  const versions = theirQuotes.length
    ? await db
        .select({
          quoteId: quoteVersions.quoteId,
          version: quoteVersions.version,
          line: quoteVersions.lineCode,
          choices: quoteVersions.choices,
          texts: quoteVersions.texts,
          currency: quoteVersions.currency,
          total: quoteVersions.total,
          validUntil: quoteVersions.validUntil,
          sentAt: quoteVersions.sentAt,
          signature: quoteVersions.signature,
          signedAt: quoteVersions.signedAt,
        })
        .from(quoteVersions)
        .where(inArray(quoteVersions.quoteId, theirQuotes.map((q) => q.id)))
        .orderBy(asc(quoteVersions.version))
    : [];
  return {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    profile,
    consents: await db.select({ kind: consentEvents.kind, granted: consentEvents.granted, at: consentEvents.at }).from(consentEvents).where(eq(consentEvents.userId, userId)).orderBy(asc(consentEvents.at)),
    configurations: await db
      .select({ id: configurations.id, name: configurations.name, line: configurations.lineCode, catalogVersion: configurations.catalogVersionId, choices: configurations.choices, texts: configurations.texts, createdAt: configurations.createdAt, updatedAt: configurations.updatedAt })
      .from(configurations)
      .where(eq(configurations.ownerId, userId))
      .orderBy(asc(configurations.createdAt)),
    shareCodes: await db.select({ code: shareCodes.code, line: shareCodes.lineCode, choices: shareCodes.choices, texts: shareCodes.texts, createdAt: shareCodes.createdAt }).from(shareCodes).where(eq(shareCodes.createdBy, userId)).orderBy(asc(shareCodes.createdAt)),
    quotes: theirQuotes.map(({ id, ...q }) => ({ ...q, versions: versions.filter((v) => v.quoteId === id).map(({ quoteId: _q, ...v }) => v) })),
    orders: theirOrders.map(({ id, ...o }) => ({ ...o, history: events.filter((e) => e.orderId === id).map(({ orderId: _o, ...e }) => e) })),
    feedback: await db
      .select({ order: orders.number, productRating: orderFeedback.productRating, dealerRating: orderFeedback.dealerRating, deliveryRating: orderFeedback.deliveryRating, comment: orderFeedback.comment, createdAt: orderFeedback.createdAt })
      .from(orderFeedback)
      .innerJoin(orders, eq(orders.id, orderFeedback.orderId))
      .where(eq(orderFeedback.customerId, userId)),
    notifications: await db.select({ kind: notifications.kind, data: notifications.data, href: notifications.href, createdAt: notifications.createdAt, readAt: notifications.readAt }).from(notifications).where(eq(notifications.userId, userId)).orderBy(asc(notifications.id)),
    leads: await db.select({ dealership: dealerships.name, message: leads.message, status: leads.status, createdAt: leads.createdAt }).from(leads).innerJoin(dealerships, eq(dealerships.id, leads.dealershipId)).where(eq(leads.customerId, userId)),
    notesAboutYou: await db.select({ body: customerNotes.body, at: customerNotes.at }).from(customerNotes).where(eq(customerNotes.customerId, userId)).orderBy(asc(customerNotes.at)),
  };
}

export type PersonalDataExport = NonNullable<Awaited<ReturnType<typeof exportPersonalData>>>;
