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
import { emailOutbox, notifications, users } from "#db/schema";
import { visualKeysOf } from "~/domain/configuration-view";
import type { OrderStatus } from "~/domain/orders";
import { sendsEmail } from "~/domain/profile";
import { picturePath } from "~/scene/picture-url";
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

interface ChangedOrder {
  number: string;
  status: OrderStatus;
  line: string;
  /** The configuration, for the picture in the "received" email. */
  catalogVersion?: string;
  choices?: readonly string[];
  customerId: string;
  dealershipId: string | null;
  buildDate: string | null;
  version: number;
  contact: { email: string; name: string };
}

/** The absolute address of the order's picture (decision 050), or null when its line is gone. */
async function pictureUrl(tx: Executor, order: ChangedOrder): Promise<string | null> {
  if (!order.choices) return null;
  const loaded = await getLine(order.line, order.catalogVersion, { db: tx });
  return loaded ? absoluteUrl(picturePath(order.line, visualKeysOf(loaded.line, order.choices), { width: 640 })) : null;
}

export async function announceOrderChange(
  tx: Executor,
  order: ChangedOrder,
  change: { kind: OrderChangeKind; from: OrderStatus | null },
): Promise<void> {
  const href = `/orders/${order.number}`;
  const data = { number: order.number, status: order.status, from: change.from, buildDate: order.buildDate };
  await tx.insert(notifications).values({ userId: order.customerId, kind: change.kind, data, href });
  await notifyDealershipOfOrder(tx, order, change.from);

  const [customer] = await tx.select({ language: users.preferredLanguage, channel: users.contactChannel }).from(users).where(eq(users.id, order.customerId));
  const language = customer?.language && isLanguage(customer.language) ? customer.language : DEFAULT_LANGUAGE;
  const { subject, body } = orderEmail(language, {
    kind: change.kind,
    number: order.number,
    status: order.status,
    name: order.contact.name,
    buildDate: order.buildDate,
    link: absoluteUrl(href),
    picture: change.kind === "order.received" ? await pictureUrl(tx, order) : null,
  });
  // A customer who chose "in the app only" gets the notification above and no email.
  if (sendsEmail(customer?.channel)) await tx.insert(emailOutbox).values({ toAddress: order.contact.email, subject, body });

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
  await tx.execute(sql`select pg_notify(${ORDERS_CHANNEL}, ${JSON.stringify(message)})`);
}
