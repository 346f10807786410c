/**
 * A dealership's orders as a list for its staff (/dealer/orders): a status
 * filter, sorting, pages and how many orders are in each status. The
 * dealership is a query condition: only orders made through it are read.
 */
import { and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import { orders, queueEntries, users } from "#db/schema";
import { pageByCustomerName } from "~/.server/privacy/person-search.server";
import { DEALER_PAGE_SIZE, type DealerOrderListParams, type DealerOrderSort } from "~/domain/forms/dealer-lists";
import type { Market } from "~/domain/catalog";
import { ORDER_STATUSES, type OrderStatus } from "~/domain/orders";

export interface DealershipOrderRow {
  number: string;
  status: OrderStatus;
  customerName: string;
  line: string;
  total: number;
  market: Market;
  currency: string;
  buildDate: string | null;
  createdAt: Date;
}

export interface DealershipOrderList {
  rows: DealershipOrderRow[];
  /** Orders matching the filter (all pages). */
  total: number;
  /** The dealership's orders per status. */
  counts: Record<OrderStatus, number>;
  page: number;
  pageSize: number;
}

// The status enum sorts in the flow's order (received … delivered, cancelled).
const SORT_COLUMNS: Record<DealerOrderSort, SQL | typeof orders.createdAt> = {
  ordered: orders.createdAt,
  number: sql`${orders.seq}`,
  // Names are encrypted (decision 045): this sorts by number, and the page is sorted by name after decryption.
  customer: sql`${orders.seq}`,
  total: sql`${orders.total}`,
  build: sql`${queueEntries.buildDate}`,
  status: sql`${orders.status}`,
};

/** One page of the orders made through this dealership, as `params` ask. */
export async function listDealershipOrders(db: Executor, dealer: { dealershipId: string }, params: DealerOrderListParams): Promise<DealershipOrderList> {
  const ofDealership = eq(orders.dealershipId, dealer.dealershipId);
  const countRows = await db.select({ status: orders.status, n: count() }).from(orders).where(ofDealership).groupBy(orders.status);
  const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
  for (const r of countRows) counts[r.status] = Number(r.n);
  const total = params.status ? counts[params.status] : ORDER_STATUSES.reduce((sum, s) => sum + counts[s], 0);

  const direction = params.dir === "asc" ? asc : desc;
  // Orders without a build date come last either way.
  const sortKey = params.sort === "build" ? params.dir === "asc" ? sql`${queueEntries.buildDate} asc nulls last` : sql`${queueEntries.buildDate} desc nulls last` : direction(SORT_COLUMNS[params.sort]);
  const rows = await db
    .select({
      number: orders.number,
      status: orders.status,
      customerName: users.name,
      line: orders.lineCode,
      total: orders.total,
      market: orders.market,
      currency: orders.currency,
      buildDate: queueEntries.buildDate,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.customerId))
    .leftJoin(queueEntries, eq(queueEntries.orderId, orders.id))
    .where(and(ofDealership, params.status ? eq(orders.status, params.status) : undefined))
    .orderBy(sortKey, direction(orders.seq))
    // By customer: the dealership's orders are read whole and sorted by decrypted name here.
    .limit(params.sort === "customer" ? Number.MAX_SAFE_INTEGER : DEALER_PAGE_SIZE)
    .offset(params.sort === "customer" ? 0 : (params.page - 1) * DEALER_PAGE_SIZE);
  const page =
    params.sort === "customer"
      ? pageByCustomerName(rows, params.dir, params.page, DEALER_PAGE_SIZE)
      : rows;
  return { rows: page, total, counts, page: params.page, pageSize: DEALER_PAGE_SIZE };
}
