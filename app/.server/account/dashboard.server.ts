/**
 * The customer's dashboard (/account): a few of each thing the account holds —
 * saved configurations with their picture and price, open orders with where
 * they stand, quotes dealers made for the customer, the latest notifications —
 * each with a link to its full page. Read-only, scoped by the customer's id.
 */
import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Executor } from "#db/client";
import { dealerships, quotes, quoteVersions } from "#db/schema";
import { getLine } from "~/.server/catalog/catalog.server";
import { savedItemView, type SavedItemView } from "~/.server/configurations/configuration-pages.server";
import { listConfigurations } from "~/.server/configurations/configurations.server";
import { listNotifications, unreadCount, type NotificationView } from "~/.server/messages/notifications.server";
import { listCustomerOrders } from "~/.server/orders/orders.server";
import { localize, type Language, type Market } from "~/domain/catalog";
import { visualKeysOf } from "~/domain/configuration-view";
import type { OrderStatus } from "~/domain/orders";

/** How many of each kind the dashboard shows; the full lists are one link away. */
export const DASHBOARD_LIMIT = 4;

export interface DashboardConfiguration extends SavedItemView {
  /** The product line's code, for its picture. */
  lineCode: string;
  model: string;
  visualKeys: string[];
}

export interface DashboardOrder {
  number: string;
  status: OrderStatus;
  lineName: string;
  market: Market;
  total: number;
  buildDate: string | null;
}

export interface DashboardQuote {
  number: string;
  dealership: string;
  lineName: string;
  market: Market;
  total: number;
  validUntil: string;
  ordered: boolean;
}

export interface Dashboard {
  configurations: DashboardConfiguration[];
  configurationCount: number;
  orders: DashboardOrder[];
  quotes: DashboardQuote[];
  notifications: NotificationView[];
  unread: number;
}

const OPEN = (s: OrderStatus) => s !== "delivered" && s !== "cancelled";

export async function accountDashboard(db: Executor, customerId: string, market: Market, language: Language): Promise<Dashboard> {
  const saved = await listConfigurations(db, customerId);
  const configurations: DashboardConfiguration[] = [];
  for (const s of saved.slice(0, DASHBOARD_LIMIT)) {
    const view = await savedItemView(db, s, market, language);
    const loaded = await getLine(s.line, s.version, { db });
    configurations.push({ ...view, lineCode: s.line, model: loaded?.line.visualModel ?? s.line, visualKeys: loaded ? visualKeysOf(loaded.line, s.choices) : [] });
  }

  const lineName = async (code: string, version: string) => {
    const loaded = await getLine(code, version, { db });
    return loaded ? localize(loaded.line.name, language) : code;
  };

  const orders: DashboardOrder[] = [];
  for (const o of (await listCustomerOrders(db, customerId)).filter((o) => OPEN(o.status)).slice(0, DASHBOARD_LIMIT))
    orders.push({ number: o.number, status: o.status, lineName: await lineName(o.line, o.catalogVersion), market: o.market, total: o.total, buildDate: o.buildDate ?? null });

  // Only what the dealer handed over: a version still being edited is not the customer's to see.
  const quoteRows = await db
    .select({
      number: quotes.number,
      dealership: dealerships.name,
      line: quoteVersions.lineCode,
      catalogVersion: quoteVersions.catalogVersionId,
      market: quoteVersions.market,
      total: quoteVersions.total,
      validUntil: quoteVersions.validUntil,
      orderId: quotes.orderId,
    })
    .from(quotes)
    .innerJoin(dealerships, eq(dealerships.id, quotes.dealershipId))
    .innerJoin(quoteVersions, eq(quoteVersions.quoteId, quotes.id))
    .where(and(eq(quotes.customerId, customerId), isNotNull(quoteVersions.sentAt)))
    .orderBy(desc(quoteVersions.sentAt), desc(quoteVersions.version));
  const seen = new Set<string>();
  const quoteList: DashboardQuote[] = [];
  for (const q of quoteRows) {
    // The newest sent version of each quote.
    if (seen.has(q.number) || quoteList.length >= DASHBOARD_LIMIT) continue;
    seen.add(q.number);
    quoteList.push({ number: q.number, dealership: q.dealership, lineName: await lineName(q.line, q.catalogVersion), market: q.market, total: q.total, validUntil: q.validUntil, ordered: q.orderId !== null });
  }

  return {
    configurations,
    configurationCount: saved.length,
    orders,
    quotes: quoteList,
    notifications: await listNotifications(db, customerId, { limit: DASHBOARD_LIMIT }),
    unread: await unreadCount(db, customerId),
  };
}
