/**
 * The dealership's quotes as a list: search (quote number, customer name or
 * email), status and validity filters, sorting, pages, and how many quotes
 * are in each status. Scope is a query condition, as everywhere in the
 * dealers' repositories: only the acting dealer's dealership's quotes are
 * ever read.
 *
 * A quote's status is its newest version's (see QUOTE_STATUSES), written once
 * here as SQL so the filter, the counts and the rows agree.
 */
import { and, asc, count, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import { quotes, quoteVersions, users } from "#db/schema";
import { DEALER_PAGE_SIZE, QUOTE_STATUSES, type QuoteListParams, type QuoteSort, type QuoteStatus } from "~/domain/forms/dealer-lists";
import { matchesPerson, pageByCustomerName } from "~/.server/privacy/person-search.server";
import { isLatestVersion, QUOTE_LIST_COLUMNS, type DealerContext, type QuoteSummary } from "./quotes.server";

/** The newest version's status, first that holds (the order of QUOTE_STATUSES' comment). */
const statusOf = sql<QuoteStatus>`(case
  when ${quotes.orderId} is not null then 'ordered'
  when ${quoteVersions.signedAt} is not null then 'signed'
  when ${quoteVersions.approval} = 'rejected' then 'rejected'
  when ${quoteVersions.approval} = 'pending' then 'pending'
  when ${quoteVersions.sentAt} is not null then 'sent'
  else 'draft' end)`;

const SORT_COLUMNS: Record<QuoteSort, SQL | typeof quotes.updatedAt> = {
  updated: quotes.updatedAt,
  number: sql`${quotes.seq}`,
  // Names are encrypted (decision 045): this sorts by the order number, and the page is sorted by name after decryption.
  customer: sql`${quotes.seq}`,
  total: sql`${quoteVersions.total}`,
  validUntil: sql`${quoteVersions.validUntil}`,
};

/** A quote as /dealer lists it: the summary, with its order's number, its status and whether it has expired. */
export interface QuoteListRow extends QuoteSummary {
  orderNumber: string | null;
  status: QuoteStatus;
  expired: boolean;
}

export interface QuoteList {
  rows: QuoteListRow[];
  /** Quotes matching every filter (all pages). */
  total: number;
  /** Quotes matching the search and validity, per status (the status filter's choices). */
  counts: Record<QuoteStatus, number>;
  page: number;
  pageSize: number;
}

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One page of the dealership's quotes as `params` ask, on `today` (what "expired" means). */
export async function searchQuotes(db: Executor, dealer: Pick<DealerContext, "dealershipId">, params: QuoteListParams, today: string): Promise<QuoteList> {
  const pattern = `%${escapeLike(params.q)}%`;
  const base = and(
    eq(quotes.dealershipId, dealer.dealershipId),
    params.q === "" ? undefined : or(ilike(quotes.number, pattern), matchesPerson(params.q)),
    params.validity === "valid" ? gte(quoteVersions.validUntil, today) : params.validity === "expired" ? lt(quoteVersions.validUntil, today) : undefined,
  );
  const countRows = await db
    .select({ status: statusOf, n: count() })
    .from(quotes)
    .innerJoin(users, eq(users.id, quotes.customerId))
    .innerJoin(quoteVersions, isLatestVersion)
    .where(base)
    .groupBy(statusOf);
  const counts = Object.fromEntries(QUOTE_STATUSES.map((s) => [s, 0])) as Record<QuoteStatus, number>;
  for (const r of countRows) counts[r.status] = Number(r.n);
  const total = params.status ? counts[params.status] : QUOTE_STATUSES.reduce((sum, s) => sum + counts[s], 0);

  const direction = params.dir === "asc" ? asc : desc;
  const rows = await db
    .select({
      ...QUOTE_LIST_COLUMNS,
      orderNumber: sql<string | null>`(select number from orders where orders.id = ${quotes.orderId})`,
      status: statusOf,
      updatedAt: quotes.updatedAt,
    })
    .from(quotes)
    .innerJoin(users, eq(users.id, quotes.customerId))
    .innerJoin(quoteVersions, isLatestVersion)
    .where(and(base, params.status ? sql`${statusOf} = ${params.status}` : undefined))
    .orderBy(direction(SORT_COLUMNS[params.sort]), direction(quotes.seq))
    // By customer: the dealership's matching quotes are read whole and sorted by decrypted name here.
    .limit(params.sort === "customer" ? Number.MAX_SAFE_INTEGER : DEALER_PAGE_SIZE)
    .offset(params.sort === "customer" ? 0 : (params.page - 1) * DEALER_PAGE_SIZE);
  const page =
    params.sort === "customer"
      ? pageByCustomerName(rows, params.dir, params.page, DEALER_PAGE_SIZE)
      : rows;
  return {
    rows: page.map(({ signedAt, ...r }) => ({ ...r, signed: signedAt !== null, expired: r.validUntil < today })),
    total,
    counts,
    page: params.page,
    pageSize: DEALER_PAGE_SIZE,
  };
}
