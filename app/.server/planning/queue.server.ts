/**
 * The planners' reads: the order queue (filters, sort, counts per status,
 * keyset paging), an order's detail for the planner, capacity with load per
 * day, and module demand. Writes live in planning.server.ts and
 * orders.server.ts.
 *
 * Paging is by keyset, not offset: a page is "the next `size` orders after
 * this one in the sort order", so page 200 costs what page 1 costs and an
 * order arriving meanwhile doesn't shift the pages (no order skipped or shown
 * twice). Every sort ends in a unique key (the order's id, or its number), so
 * the order is total. The cursor carries the last row's keys exactly —
 * timestamps to the microsecond, as PostgreSQL stores them — so the next page
 * starts precisely after it.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, sql, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import { dealerships, orderLines, orderStatusCounts, orders, queueEntries, users } from "#db/schema";
import { capacityOn, closedDay, type ClosedDay } from "~/domain/calendar";
import { localize, type Language, type Market } from "~/domain/catalog";
import { QUEUE_COUNT_CAP, type QueueFilters, type QueueParams, type QueueSort, type SortDirection } from "~/domain/forms/planning";
import { addDays, ORDER_STATUSES, weekOf, type OrderStatus } from "~/domain/orders";
import type { CustomerTier } from "~/domain/roles";
import { getActiveVersion, getCatalog, getLine, listActiveLines } from "~/.server/catalog/catalog.server";
import { getOrder, type OrderActor } from "~/.server/orders/orders.server";
import { lineCalendar, readWorkingCalendar, type CalendarSettings } from "./planning.server";

export interface QueuePage {
  rows: QueueRow[];
  /** Orders per status for the current filters, leaving out the status filter. */
  counts: Record<OrderStatus, number>;
  /** The counting stopped at QUEUE_COUNT_CAP orders (under an option code): the counts are not shown, only "1000+". */
  countsCapped: boolean;
  /** Orders matching every filter (status included). */
  matching: number;
  /** `matching` is QUEUE_COUNT_CAP and there are more: "1000+". */
  matchingCapped: boolean;
  /** Cursor for the next / previous page, or null at the end / start. */
  next: string | null;
  prev: string | null;
}

/** `created_at` to the microsecond, in UTC: what a cursor carries (a JS Date would drop the microseconds). */
const createdAtExact = sql<string>`to_char(${orders.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

interface SortKey {
  column: SQL | typeof orders.createdAt;
  /** How a cursor value is written back into SQL. */
  cast: "timestamptz" | "date" | "customer_tier" | "text" | "uuid";
  /** The value the column sorts a null as (a cursor carries the null). */
  nullAs?: string;
}

/**
 * The build date as the queue sorts it: unscheduled orders as if built at the
 * end of time, so they come last ascending and first descending, and a keyset
 * walk is one range of the index on exactly this expression (orders_build_idx).
 */
const buildDateSorted = sql`coalesce(${orders.buildDate}, 'infinity'::date)`;

const SORT_KEYS: Record<QueueSort, SortKey[]> = {
  ordered: [
    { column: orders.createdAt, cast: "timestamptz" },
    { column: sql`${orders.id}`, cast: "uuid" },
  ],
  build: [
    { column: buildDateSorted, cast: "date", nullAs: "infinity" },
    { column: sql`${orders.id}`, cast: "uuid" },
  ],
  // The number is unique: on its own a total order (and it has a unique index).
  number: [{ column: sql`${orders.number}`, cast: "text" }],
  // Scheduling priority: tier, then order time.
  tier: [
    { column: sql`${orders.tier}`, cast: "customer_tier" },
    { column: orders.createdAt, cast: "timestamptz" },
    { column: sql`${orders.id}`, cast: "uuid" },
  ],
};

type CursorValue = string | null;

/**
 * What a queue row is made of: the one place its columns are listed. The row
 * types below are inferred from it (through the query, which knows the left
 * joins' nulls), so a new column is this entry and, for the CSV export, its
 * header and cell in QUEUE_CSV_COLUMNS (queue-csv.server.ts).
 */
const rowSelection = {
  id: orders.id,
  number: orders.number,
  tier: orders.tier,
  line: orders.lineCode,
  status: orders.status,
  buildDate: orders.buildDate,
  orderedAt: orders.createdAt,
  orderedAtExact: createdAtExact,
  dealershipId: orders.dealershipId,
  // Looked up per row returned, not joined: a join lets the planner hash the whole walk and sort it when it
  // misjudges how many rows lie past a deep cursor; without it, the walk stops after the page (decision 052).
  dealershipCode: sql<string | null>`(select ${dealerships.code} from ${dealerships} where ${dealerships.id} = ${orders.dealershipId})`,
  dealershipName: sql<string | null>`(select ${dealerships.name} from ${dealerships} where ${dealerships.id} = ${orders.dealershipId})`,
  total: orders.total,
  currency: orders.currency,
  market: orders.market,
  version: orders.version,
} as const;

type SelectedRow = Awaited<ReturnType<typeof pageQuery>>[number];

/** A row as readers get it: the cursor's exact time left out, the dealership as one object (or null for a direct order). */
function toQueueRow({ orderedAtExact: _cursorOnly, dealershipId, dealershipCode, dealershipName, total, ...row }: SelectedRow) {
  return {
    ...row,
    dealership: dealershipId ? { id: dealershipId, code: dealershipCode!, name: dealershipName! } : null,
    total: Number(total),
  };
}

export type QueueRow = ReturnType<typeof toQueueRow>;

export function cursorValues(sort: QueueSort, row: SelectedRow): CursorValue[] {
  switch (sort) {
    case "ordered":
      return [row.orderedAtExact, row.id];
    case "build":
      return [row.buildDate, row.id];
    case "number":
      return [row.number];
    case "tier":
      return [row.tier, row.orderedAtExact, row.id];
  }
}

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

/** A cursor's values, or null when it isn't one of ours for this sort (tampered, or from another sort). */
export function decodeCursor(sort: QueueSort, cursor: string): CursorValue[] | null {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const keys = SORT_KEYS[sort];
  if (!Array.isArray(values) || values.length !== keys.length) return null;
  const patterns: Record<SortKey["cast"], RegExp> = {
    timestamptz: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
    date: /^\d{4}-\d{2}-\d{2}$/,
    customer_tier: /^(gold|silver|standard)$/,
    text: /^AT-\d{7,}$/,
    uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  };
  for (const [i, key] of keys.entries()) {
    const v = values[i];
    if (v === null && key.nullAs) continue;
    if (typeof v !== "string" || !patterns[key.cast].test(v)) return null;
    if (key.cast === "date" || key.cast === "timestamptz") {
      if (!Number.isFinite(Date.parse(key.cast === "date" ? `${v}T00:00:00Z` : v))) return null;
    }
  }
  return values as CursorValue[];
}

const literal = (key: SortKey, value: CursorValue) => sql`${value ?? key.nullAs}::${sql.raw(key.cast)}`;

/**
 * Rows strictly after `values` in the order `keys` sorted `ascending` (or
 * strictly before, for `ascending: false`, i.e. a descending walk). Written as
 * a row comparison, `(a, b) > ($1, $2)`, which PostgreSQL answers from an
 * index on those columns as one range.
 */
function after(keys: SortKey[], values: CursorValue[], ascending: boolean): SQL {
  const op = sql.raw(ascending ? ">" : "<");
  return sql`(${sql.join(
    keys.map((k) => k.column),
    sql`, `,
  )}) ${op} (${sql.join(
    keys.map((k, i) => literal(k, values[i]!)),
    sql`, `,
  )})`;
}

function orderBy(keys: SortKey[], ascending: boolean): SQL[] {
  return keys.map((k) => (ascending ? asc(k.column) : desc(k.column)));
}

/** Orders built in the week starting `week`: on the sort's expression, so its index answers (no week holds "infinity"). */
const inWeek = (week: string) => sql`${buildDateSorted} between ${week}::date and ${addDays(week, 6)}::date`;

/** Only these orders (the queue's selection, for its CSV export). */
interface Selected {
  numbers?: readonly string[];
}

/** The WHERE of the filters (leaving out status when asked, for the counts). */
export function filterConditions(filters: QueueFilters & Selected, options: { withStatus?: boolean } = {}): SQL[] {
  const where: SQL[] = [];
  if (filters.numbers) where.push(inArray(orders.number, [...filters.numbers]));
  if (filters.status && options.withStatus !== false) where.push(eq(orders.status, filters.status));
  if (filters.line) where.push(eq(orders.lineCode, filters.line));
  if (filters.week) where.push(inWeek(filters.week));
  if (filters.dealership === "none") where.push(isNull(orders.dealershipId));
  else if (filters.dealership) where.push(eq(orders.dealershipId, filters.dealership));
  // `@>` is what the GIN index on choices answers.
  if (filters.code) where.push(sql`${orders.choices} @> array[${filters.code}]::text[]`);
  return where;
}

export class BadCursorError extends Error {
  constructor() {
    super("queue.problems.badCursor");
  }
}

/**
 * The rows of one page (no counts): the query the paging test explains.
 * `offset` skips rows before the page (the benchmark finds a deep page's
 * cursor with it; the app pages by keyset).
 *
 * A build week under any sort but the build date is found first (decision
 * 052): the page's ids are picked from the week's orders alone (a few
 * thousand: what the lines build in a week), read from the build-date
 * index — which carries the order time, status and tier, so for those sorts
 * and the status filter no order row is read — as an array computed once (an
 * InitPlan); then only those rows are fetched. Given the week as a plain
 * condition, PostgreSQL walks the sort's index (the order time, say) hoping
 * to meet the week's orders soon, while they were all placed weeks before
 * it: 1 s at a million orders. Sorted by build date, the week is one range
 * of the walk itself.
 */
export function pageQuery(
  db: Executor,
  params: Pick<QueueParams, keyof QueueFilters | "sort" | "dir" | "size"> & Selected,
  cursor: { after?: CursorValue[]; before?: CursorValue[]; offset?: number } = {},
) {
  const keys = SORT_KEYS[params.sort];
  const ascending = params.dir === "asc";
  // Walking back to the previous page is the same walk in the other direction, then reversed.
  const walkAscending = cursor.before ? !ascending : ascending;
  // The build week to find first (under any sort but the build date).
  const weekFirst = params.sort !== "build" ? params.week : undefined;
  const where = filterConditions(weekFirst ? { ...params, week: undefined } : params);
  if (cursor.after) where.push(after(keys, cursor.after, walkAscending));
  if (cursor.before) where.push(after(keys, cursor.before, walkAscending));
  const sorted = orderBy(keys, walkAscending);
  const limit = params.size + 1;
  if (weekFirst) {
    // The week's orders as a subquery named like the table, so the filters and sort keys (written on `orders`)
    // apply to it as they are; OFFSET 0 keeps PostgreSQL from merging it into the walk of another index.
    const inTheWeek = sql`(select * from ${orders} where ${inWeek(weekFirst)} offset 0) as ${orders}`;
    const ids = db
      .select({ id: sql<string>`${orders.id}` })
      .from(inTheWeek)
      .where(and(...where))
      .orderBy(...sorted)
      .limit(limit)
      .offset(cursor.offset ?? 0);
    return db
      .select(rowSelection)
      .from(orders)
      .where(sql`${orders.id} = any(array(${ids}))`)
      .orderBy(...sorted)
      .limit(limit);
  }
  return db
    .select(rowSelection)
    .from(orders)
    .where(where.length ? and(...where) : undefined)
    .orderBy(...sorted)
    .limit(limit)
    .offset(cursor.offset ?? 0);
}

/** One page of the queue with the counts per status. Throws BadCursorError for a cursor that isn't valid for the sort. */
export async function queuePage(db: Executor, params: QueueParams): Promise<QueuePage> {
  const decode = (c: string | undefined) => {
    if (c === undefined) return undefined;
    const values = decodeCursor(params.sort, c);
    if (!values) throw new BadCursorError();
    return values;
  };
  const cursor = { after: decode(params.after), before: decode(params.before) };
  const [fetched, { counts, capped }] = await Promise.all([pageQuery(db, params, cursor), statusCounts(db, params)]);
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  const matching = !capped ? (params.status ? counts[params.status] : all) : params.status ? await cappedMatching(db, params) : QUEUE_COUNT_CAP;
  const more = fetched.length > params.size;
  const page = fetched.slice(0, params.size);
  if (cursor.before) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  let next: string | null;
  let prev: string | null;
  if (cursor.before) {
    prev = more && first ? encodeCursor(cursorValues(params.sort, first)) : null;
    next = last ? encodeCursor(cursorValues(params.sort, last)) : params.before!;
  } else {
    next = more && last ? encodeCursor(cursorValues(params.sort, last)) : null;
    // Reached by walking forward: the cursor's own row (at least) lies before this page.
    prev = cursor.after ? (first ? encodeCursor(cursorValues(params.sort, first)) : params.after!) : null;
  }
  return {
    rows: page.map(toQueueRow),
    counts,
    countsCapped: capped,
    matching,
    matchingCapped: matching >= QUEUE_COUNT_CAP && capped,
    next,
    prev,
  };
}

export interface StatusCounts {
  counts: Record<OrderStatus, number>;
  /** True when the counting stopped at QUEUE_COUNT_CAP orders: the counts are then only what the first QUEUE_COUNT_CAP had. */
  capped: boolean;
}

/**
 * Orders per status under the filters other than status (decision 052),
 * each way bounded at a million orders and more:
 * - by line and dealership (or none of the filters): the sums kept in
 *   order_status_counts, exact, in the transactions that change them;
 * - with a build week: counted exactly from the orders built that week (a
 *   week holds what the lines build in it, bounded by their capacity);
 * - with an option code (any share of the orders may contain one): counted
 *   over at most QUEUE_COUNT_CAP matching orders; past that, `capped`.
 */
export async function statusCounts(db: Executor, filters: QueueFilters): Promise<StatusCounts> {
  const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
  const where = filterConditions(filters, { withStatus: false });
  let rows: { status: OrderStatus; n: number }[];
  let capped = false;
  if (filters.code) {
    rows = await withCustomPlans(db, (tx) => {
      const sample = tx.select({ status: orders.status }).from(orders).where(and(...where)).limit(QUEUE_COUNT_CAP).as("sample");
      return tx.select({ status: sample.status, n: sql<number>`count(*)::int` }).from(sample).groupBy(sample.status);
    });
    capped = rows.reduce((a, r) => a + Number(r.n), 0) >= QUEUE_COUNT_CAP;
  } else if (filters.week) {
    rows = await db
      .select({ status: orders.status, n: sql<number>`count(*)::int` })
      .from(orders)
      .where(and(...where))
      .groupBy(orders.status);
  } else {
    const kept: SQL[] = [];
    if (filters.line) kept.push(eq(orderStatusCounts.lineCode, filters.line));
    if (filters.dealership === "none") kept.push(isNull(orderStatusCounts.dealershipId));
    else if (filters.dealership) kept.push(eq(orderStatusCounts.dealershipId, filters.dealership));
    rows = await db
      .select({ status: orderStatusCounts.status, n: sql<number>`sum(${orderStatusCounts.n})::bigint` })
      .from(orderStatusCounts)
      .where(kept.length ? and(...kept) : undefined)
      .groupBy(orderStatusCounts.status);
  }
  for (const r of rows) counts[r.status] = Number(r.n);
  return { counts, capped };
}

/** Orders matching every filter, counted up to QUEUE_COUNT_CAP (a status under an option code, when the counts per status were capped). */
async function cappedMatching(db: Executor, filters: QueueFilters): Promise<number> {
  const [row] = await withCustomPlans(db, (tx) => {
    const sample = tx.select({ one: sql`1` }).from(orders).where(and(...filterConditions(filters))).limit(QUEUE_COUNT_CAP).as("sample");
    return tx.select({ n: sql<number>`count(*)::int` }).from(sample);
  });
  return Number(row?.n ?? 0);
}

/**
 * Runs `query` planned for its own values every time (decision 052). Our
 * PostgreSQL statements are prepared (decision 053), and after five runs
 * PostgreSQL may keep one generic plan for any values. For the capped counts
 * under an option code that plan is blind to how common the code, the line,
 * the status are, and to the LIMIT: at a million orders it built a bitmap of
 * ~90,000 orders to count 1,000 (100–190 ms) where the values' own plan reads
 * 1,000 rows or one small GIN range (1–20 ms). One transaction, so the
 * setting ends with it.
 */
export function withCustomPlans<T>(db: Executor, query: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
    return query(tx);
  });
}

/**
 * Every order matching the filters, in the page's sort order, fetched a
 * batch at a time by the same keyset walk (for the CSV export).
 */
export async function* queueRows(db: Executor, params: Omit<QueueParams, "after" | "before" | "size"> & Selected, batch = 1000): AsyncGenerator<QueueRow> {
  let cursor: CursorValue[] | undefined;
  for (;;) {
    const fetched = await pageQuery(db, { ...params, size: batch }, { after: cursor });
    for (const r of fetched.slice(0, batch)) yield toQueueRow(r);
    if (fetched.length <= batch) return;
    cursor = cursorValues(params.sort, fetched[batch - 1]!);
  }
}

/** What the queue's filter controls offer: the active catalog's lines and the dealerships. */
export async function queueFilterOptions(db: Executor, language: Language) {
  const [active, shops] = await Promise.all([
    listActiveLines({ db }),
    db.select({ id: dealerships.id, code: dealerships.code, name: dealerships.name }).from(dealerships).orderBy(asc(dealerships.code)),
  ]);
  return {
    lines: (active?.lines ?? []).map((l) => ({ code: l.code, name: localize(l.name, language) })),
    dealerships: shops,
  };
}

/** Product line names in a language, for every line of the active version (codes the version lacks show as codes). */
export async function lineNames(db: Executor, language: Language): Promise<Record<string, string>> {
  const active = await listActiveLines({ db });
  return Object.fromEntries((active?.lines ?? []).map((l) => [l.code, localize(l.name, language)]));
}

// ---------------------------------------------------------------------------
// An order's detail, as the planner sees it

export interface PlannerOrderView {
  id: string;
  number: string;
  status: OrderStatus;
  version: number;
  tier: CustomerTier;
  line: { code: string; name: string };
  catalogVersion: string;
  market: Market;
  currency: string;
  total: number;
  earliestBuildDate: string | null;
  buildDate: string | null;
  orderedAt: Date;
  dealership: { code: string; name: string } | null;
  /** The customer's account; `id` opens their customer file (/customers/<id>). */
  customer: { id: string; name: string; email: string };
  contact: { name: string; email: string; phone: string; street: string; postalCode: string; city: string; country: string };
  /** The configuration grouped by feature in catalog order, with names in the reader's language. */
  groups: { feature: string; values: { code: string; name: string }[] }[];
  texts: { code: string; name: string; text: string }[];
  bom: { module: string; name: string; quantity: number }[];
  events: { from: OrderStatus | null; to: OrderStatus; actor: string | null; note: string | null; reason: string | null; at: Date }[];
}

/** The planner's view of an order, or null if there is none by that number. */
export async function plannerOrder(db: Executor, actor: OrderActor, number: string, language: Language): Promise<PlannerOrderView | null> {
  const order = await getOrder(db, actor, number);
  if (!order) return null;
  const loaded = await getLine(order.line, order.catalogVersion, { db });
  const catalog = loaded ? await getCatalog(loaded.version, { db }) : null;
  const moduleNames = new Map((catalog?.modules ?? []).map((m) => [m.code, localize(m.name, language)]));
  const chosen = new Set(order.choices);
  const groups: PlannerOrderView["groups"] = [];
  const texts: PlannerOrderView["texts"] = [];
  const known = new Set<string>();
  for (const feature of loaded?.line.features ?? []) {
    if (feature.kind === "text") {
      const text = order.texts[feature.code];
      if (text !== undefined) texts.push({ code: feature.code, name: localize(feature.name, language), text });
      continue;
    }
    const values = feature.values.filter((v) => chosen.has(v.code)).map((v) => ({ code: v.code, name: localize(v.name, language) }));
    values.forEach((v) => known.add(v.code));
    if (values.length > 0) groups.push({ feature: localize(feature.name, language), values });
  }
  // Codes the catalog doesn't name (should not happen: orders are validated) still show, by code.
  const unknown = order.choices.filter((c) => !known.has(c));
  if (unknown.length > 0) groups.push({ feature: "", values: unknown.map((code) => ({ code, name: code })) });

  const people = new Set([order.customerId, ...order.events.map((e) => e.actorId).filter((a): a is string => a !== null)]);
  const [names, shop] = await Promise.all([
    db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, [...people])),
    order.dealershipId ? db.select({ code: dealerships.code, name: dealerships.name }).from(dealerships).where(eq(dealerships.id, order.dealershipId)) : Promise.resolve([]),
  ]);
  const person = new Map(names.map((n) => [n.id, n]));
  const customer = person.get(order.customerId);
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    version: order.version,
    tier: order.tier,
    line: { code: order.line, name: loaded ? localize(loaded.line.name, language) : order.line },
    catalogVersion: order.catalogVersion,
    market: order.market,
    currency: order.currency,
    total: order.total,
    earliestBuildDate: order.earliestBuildDate,
    buildDate: order.buildDate,
    orderedAt: order.createdAt,
    dealership: shop[0] ?? null,
    customer: { id: order.customerId, name: customer?.name ?? "", email: customer?.email ?? "" },
    contact: { ...order.contact },
    groups,
    texts,
    bom: order.bom.map((l) => ({ module: l.module, name: moduleNames.get(l.module) ?? l.module, quantity: l.quantity })),
    events: order.events.map((e) => ({ from: e.from, to: e.to, actor: e.actorId ? (person.get(e.actorId)?.name ?? null) : null, note: e.note, reason: e.reason, at: e.at })),
  };
}

// ---------------------------------------------------------------------------
// Capacity

export interface CapacityDay {
  day: string;
  units: number;
  /** A working day with its own capacity (otherwise shifts × units per shift applies). */
  override: boolean;
  load: number;
  /** Why the line doesn't work that day, or null on a working day. */
  closed: ClosedDay | null;
}

export interface LineCapacityView {
  line: string;
  name: string;
  settings: CalendarSettings;
  /** Coming holidays (from `from` on, also beyond the days shown), by day. */
  holidays: { day: string; name: string }[];
  days: CapacityDay[];
}

/** Each active line's working calendar, and its capacity and scheduled load for each day from `from` to `to`. */
export async function capacityOverview(db: Executor, from: string, to: string, language: Language): Promise<LineCapacityView[]> {
  const active = await listActiveLines({ db });
  const out: LineCapacityView[] = [];
  for (const line of active?.lines ?? []) {
    const { calendar, load } = await lineCalendar(db, line.code, from, to);
    const days: CapacityDay[] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) {
      const closed = closedDay(calendar, day);
      days.push({ day, units: capacityOn(calendar, day), override: !closed && calendar.dayCapacity.has(day), load: load.get(day) ?? 0, closed });
    }
    out.push({
      line: line.code,
      name: localize(line.name, language),
      settings: { workingDays: [...calendar.workingDays], shifts: calendar.shifts, unitsPerShift: calendar.unitsPerShift },
      holidays: [...calendar.holidays].map(([day, name]) => ({ day, name })).sort((a, b) => (a.day < b.day ? -1 : 1)),
      days,
    });
  }
  return out;
}

/** Is `line` a product line of the active catalog? */
export async function isActiveLine(db: Executor, line: string): Promise<boolean> {
  const active = await listActiveLines({ db });
  return (active?.lines ?? []).some((l) => l.code === line);
}

// ---------------------------------------------------------------------------
// Module demand

export interface DemandRow {
  /** The day, or the Monday of the week. */
  period: string;
  module: string;
  quantity: number;
}

/**
 * How many of each module the scheduled orders need, per build day (or per
 * week): the sum of the order lines (BOM) of every order with a build date in
 * the range that isn't cancelled. Sorted by period, then module.
 */
export async function moduleDemand(db: Executor, range: { from: string; to: string; period: "day" | "week"; line?: string }): Promise<DemandRow[]> {
  const where = [gte(queueEntries.buildDate, range.from), lte(queueEntries.buildDate, range.to), ne(orders.status, "cancelled")];
  if (range.line) where.push(eq(queueEntries.lineCode, range.line));
  const rows = await db
    .select({ day: queueEntries.buildDate, module: orderLines.module, quantity: sql<number>`sum(${orderLines.quantity})::int` })
    .from(queueEntries)
    .innerJoin(orders, eq(orders.id, queueEntries.orderId))
    .innerJoin(orderLines, eq(orderLines.orderId, queueEntries.orderId))
    .where(and(...where))
    .groupBy(queueEntries.buildDate, orderLines.module);
  const sums = new Map<string, DemandRow>();
  for (const r of rows) {
    const period = range.period === "week" ? weekOf(r.day!) : r.day!;
    const key = `${period}\u0000${r.module}`;
    const row = sums.get(key) ?? { period, module: r.module, quantity: 0 };
    row.quantity += Number(r.quantity);
    sums.set(key, row);
  }
  return [...sums.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.module < b.module ? -1 : a.module > b.module ? 1 : 0));
}

/**
 * Days from `from` to `to` on which no line of the view works (one line, or
 * every active line): the demand view shows them as closed, with no room
 * to build on them (decision 024).
 */
export async function closedDays(db: Executor, range: { from: string; to: string; line?: string }): Promise<Set<string>> {
  const lines = range.line ? [range.line] : ((await listActiveLines({ db }))?.lines ?? []).map((l) => l.code);
  const calendars = await Promise.all(lines.map((line) => readWorkingCalendar(db, line, range.from, range.to)));
  const closed = new Set<string>();
  if (calendars.length === 0) return closed;
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) if (calendars.every((c) => closedDay(c, day) !== null)) closed.add(day);
  return closed;
}

/** Module names of the active catalog in a language. */
export async function moduleNames(db: Executor, language: Language): Promise<Record<string, string>> {
  const version = await getActiveVersion({ db });
  if (!version) return {};
  const catalog = await getCatalog(version, { db });
  return Object.fromEntries(catalog.modules.map((m) => [m.code, localize(m.name, language)]));
}

/** Every period of a range, so days without demand show as empty columns. */
export function periodsOf(from: string, to: string, period: "day" | "week"): string[] {
  const out: string[] = [];
  if (period === "day") for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  else for (let w = weekOf(from); w <= to; w = addDays(w, 7)) out.push(w);
  return out;
}

export type { SortDirection };
