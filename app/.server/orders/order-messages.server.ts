/**
 * What an order change tells people, written inside the change's own
 * transaction: the customer's in-app notification, an email in the outbox
 * (in the customer's language, to the order's contact address), and a
 * PostgreSQL NOTIFY on the orders channel, which PostgreSQL delivers to
 * listeners only when the transaction commits (PGlite does the same in
 * process). A move to another status also tells the staff of the order's
 * dealership (decision 034). A rolled-back change therefore announces nothing.
 */
import { eq, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { emailOutbox, notifications, users, type EmailPicture } from "#db/schema";
import { visualKeysOf } from "~/domain/configuration-view";
import type { OrderStatus } from "~/domain/orders";
import { sendsEmail, type ContactChannel } from "~/domain/profile";
import type { ProductLine } from "~/domain/catalog";
import { canonicalKeys, picturePath } from "~/scene/picture-url";
import { getLine } from "~/.server/catalog/catalog.server";
import { notifyDealershipOfOrder } from "~/.server/messages/staff-notifications.server";
import { absoluteUrl } from "~/.server/platform/env.server";
import { DEFAULT_LANGUAGE, isLanguage } from "~/i18n";
import { orderEmail } from "./order-email.server";

/** The NOTIFY channel of order changes (live planner and order pages listen on it). */
export const ORDERS_CHANNEL = "atelier_orders";

export type OrderChangeKind = "order.received" | "order.status" | "order.scheduled" | "order.changed";

/** What travels on the channel: enough for a page to decide whether to refresh, no personal data. */
export interface OrderChangeMessage {
  kind: OrderChangeKind;
  number: string;
  status: OrderStatus;
  from: OrderStatus | null;
  line: string;
  customerId: string;
  dealershipId: string | null;
  buildDate: string | null;
  version: number;
}

export interface ChangedOrder {
  number: string;
  status: OrderStatus;
  line: string;
  /** The configuration, for the picture in the "received" and "changed" emails. */
  catalogVersion?: string;
  choices?: readonly string[];
  customerId: string;
  dealershipId: string | null;
  buildDate: string | null;
  version: number;
  contact: { email: string; name: string };
}

/** The Content-ID of the configuration's picture in an order email's HTML. */
export const ORDER_PICTURE_CID = "configuration-picture@atelier";
/** Drawn at the quote PDF's width, so both share the picture cache. */
export const ORDER_PICTURE_WIDTH = 640;

/** A configuration's picture (decision 050): its absolute address and what the mailer draws it from. */
export interface OrderPicture {
  href: string;
  model: string;
  keys: string[];
}

export function orderPicture(line: ProductLine, choices: readonly string[]): OrderPicture {
  const keys = canonicalKeys(visualKeysOf(line, choices));
  const model = line.visualModel ?? line.code;
  return { href: absoluteUrl(picturePath(line.code, keys, { width: ORDER_PICTURE_WIDTH, model })), model, keys };
}

/** The order's picture, or null when its line is gone. */
async function pictureOf(tx: Executor, order: ChangedOrder): Promise<OrderPicture | null> {
  if (!order.choices) return null;
  const loaded = await getLine(order.line, order.catalogVersion, { db: tx });
  return loaded ? orderPicture(loaded.line, order.choices) : null;
}

/** What an order change writes and sends, made in memory: the statements that write it are the caller's. */
export interface OrderChangeMessages {
  notification: { userId: string; kind: OrderChangeKind; data: Record<string, string | number | null>; href: string };
  /** Null when the customer chose "in the app only". `picture`: what the mailer attaches for the HTML's inline image, if it shows one. */
  email: { toAddress: string; subject: string; body: string; html: string; picture: EmailPicture | null } | null;
  /** The NOTIFY payload (an OrderChangeMessage as JSON). */
  payload: string;
}

export function orderChangeMessages(
  order: ChangedOrder,
  change: { kind: OrderChangeKind; from: OrderStatus | null },
  customer: { language: string | null; channel: ContactChannel | null } | undefined,
  /** The configuration's picture for the "received" and "changed" emails (orderPicture), null for none. */
  picture: OrderPicture | null,
): OrderChangeMessages {
  const href = `/orders/${order.number}`;
  const data = { number: order.number, status: order.status, from: change.from, buildDate: order.buildDate };
  const language = customer?.language && isLanguage(customer.language) ? customer.language : DEFAULT_LANGUAGE;
  const { subject, body, html } = orderEmail(language, {
    kind: change.kind,
    number: order.number,
    status: order.status,
    name: order.contact.name,
    buildDate: order.buildDate,
    link: absoluteUrl(href),
    picture: picture && { href: picture.href, cid: ORDER_PICTURE_CID },
  });
  // Attached only where the HTML shows it (a cancellation, say, does not).
  const shown = picture && html.includes(`cid:${ORDER_PICTURE_CID}`) ? { cid: ORDER_PICTURE_CID, model: picture.model, keys: picture.keys, width: ORDER_PICTURE_WIDTH } : null;
  const message: OrderChangeMessage = {
    kind: change.kind,
    number: order.number,
    status: order.status,
    from: change.from,
    line: order.line,
    customerId: order.customerId,
    dealershipId: order.dealershipId,
    buildDate: order.buildDate,
    version: order.version,
  };
  return {
    notification: { userId: order.customerId, kind: change.kind, data, href },
    // A customer who chose "in the app only" gets the notification and no email.
    email: sendsEmail(customer?.channel) ? { toAddress: order.contact.email, subject, body, html, picture: shown } : null,
    payload: JSON.stringify(message),
  };
}

export async function announceOrderChange(
  tx: Executor,
  order: ChangedOrder,
  change: { kind: OrderChangeKind; from: OrderStatus | null },
): Promise<void> {
  const [customer] = await tx.select({ language: users.preferredLanguage, channel: users.contactChannel }).from(users).where(eq(users.id, order.customerId));
  // The configuration is the news of these two; a status move's email goes without it.
  const picture = change.kind === "order.received" || change.kind === "order.changed" ? await pictureOf(tx, order) : null;
  const { notification, email, payload } = orderChangeMessages(order, change, customer, picture);
  await tx.insert(notifications).values(notification);
  await notifyDealershipOfOrder(tx, order, change.from);
  if (email) await tx.insert(emailOutbox).values(email);
  await tx.execute(sql`select pg_notify(${ORDERS_CHANNEL}, ${payload})`);
}
