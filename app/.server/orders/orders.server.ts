/**
 * Orders: placing one exactly once, reading them, and every change of an
 * order's state (status, build date, cancel, new configuration), each in one
 * transaction with its event, the customer's notification and email, and a
 * NOTIFY that live pages listen to.
 *
 * Placing re-checks everything the browser could get wrong or fake: the
 * catalog version must be the active one, the configuration must be complete
 * and valid for the engine, and the server's own price must equal the total
 * the customer confirmed. Exactly once: `(placed_by, idempotency_key)` is
 * unique, the insert is `ON CONFLICT DO NOTHING`, and a concurrent duplicate
 * waits on the first one's row lock, then finds its order. The same key with
 * a different request is refused (422).
 *
 * Changes are optimistic: the caller says which `version` of the order it saw;
 * an update against an older version changes nothing and answers 409.
 */
import { createHash, randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, or, param, sql, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
  dealershipMembers,
  orderEvents,
  orderLines,
  orders,
  queueEntries,
  users,
  type OrderContact,
  type OrderEventRow,
  type OrderRow,
} from "#db/schema";
import type { Market, PricedConfiguration } from "~/domain/catalog";
import { bom, price, validate, type BomLine, type PriceBreakdown } from "~/domain/engine";
import type { Contact } from "~/domain/forms/order";
import { cleanReason, dayOf, REASON_MAX_LENGTH, transitionRefusal, type OrderStatus, type TransitionRefusal } from "~/domain/orders";
import { applyDiscount, discountedBreakdown, discountRefusal, type Discount } from "~/domain/quotes";
import { can } from "~/domain/permissions";
import type { Role } from "~/domain/roles";
import { fail, ok, type Failure, type Result } from "~/domain/result";
import { earliestBuildDay, leadTimeDays } from "~/domain/scheduling";
import { getEnv } from "~/.server/platform/env.server";
import { announceOrderChange, orderChangeMessages, orderPicture, ORDERS_CHANNEL, type OrderPicture } from "./order-messages.server";
import { notifyDealershipOfOrder } from "~/.server/messages/staff-notifications.server";
import { encryptField } from "~/.server/privacy/personal-data.server";
import type { ContactChannel } from "~/domain/profile";
import type { LoadedLine } from "~/.server/catalog/catalog.server";
import { loadLineFor } from "~/.server/configurations/configurations.server";
import { askForFeedback } from "~/.server/customers/feedback.server";
import { recomputeTier } from "~/.server/customers/tiers.server";

export interface OrderActor {
  id: string;
  role: Role;
}

/** The codes of the orders' refusals (the pages translate them; docs/api.md lists them). */
export type OrderRefusalCode =
  | "unknown-line"
  | "unknown-version"
  | "retired-version"
  | "outdated-version"
  | "invalid-configuration"
  | "price-changed"
  | "idempotency-key-reused"
  | "not-found"
  | "stale"
  | "not-forward"
  | "frozen"
  | "not-scheduled"
  | "too-early"
  | "not-ahead"
  | "before-earliest"
  | "reason-required"
  | "over-capacity"
  | "closed-day"
  | "invalid-input";

export interface PlaceOrderInput {
  line: string;
  catalogVersion: string;
  choices: readonly string[];
  texts: Readonly<Record<string, string>>;
  market: Market;
  /** The total (gross, minor units) the customer saw and confirmed. */
  expectedTotal: number;
  contact: Contact;
  idempotencyKey: string;
}

export interface PlaceOrderOptions {
  /** The customer the unit is for (default: the actor). */
  customerId?: string;
  dealershipId?: string | null;
  /** A dealer's discount (from an approved quote), applied to the server's own price. */
  discount?: Discount;
  now?: Date;
}

export interface OrderEvent {
  from: OrderStatus | null;
  to: OrderStatus;
  actorId: string | null;
  note: string | null;
  /** Why, when the actor said (required for exceptional changes). */
  reason: string | null;
  at: Date;
}

/** An order as pages and the API show it. */
export interface OrderView extends PricedConfiguration {
  id: string;
  number: string;
  status: OrderStatus;
  version: number;
  customerId: string;
  placedBy: string;
  dealershipId: string | null;
  price: PriceBreakdown;
  total: number;
  contact: OrderContact;
  tier: OrderRow["tier"];
  earliestBuildDate: string | null;
  buildDate: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrderDetail extends OrderView {
  bom: BomLine[];
  events: OrderEvent[];
}

const orderColumns = {
  id: orders.id,
  number: orders.number,
  status: orders.status,
  version: orders.version,
  customerId: orders.customerId,
  placedBy: orders.placedBy,
  dealershipId: orders.dealershipId,
  line: orders.lineCode,
  catalogVersion: orders.catalogVersionId,
  choices: orders.choices,
  texts: orders.texts,
  market: orders.market,
  currency: orders.currency,
  price: orders.price,
  total: orders.total,
  contact: orders.contact,
  tier: orders.tier,
  earliestBuildDate: queueEntries.earliestBuildDate,
  buildDate: queueEntries.buildDate,
  createdAt: orders.createdAt,
  updatedAt: orders.updatedAt,
} as const;

/** SHA-256 of what was asked, with choices sorted and keys in a fixed order: a retry hashes the same. */
export function requestHash(input: PlaceOrderInput, customerId: string, discount?: Discount): string {
  const texts = Object.fromEntries(Object.entries(input.texts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const c = input.contact;
  const canonical = JSON.stringify([
    customerId,
    input.line,
    input.catalogVersion,
    [...input.choices].sort(),
    texts,
    input.market,
    input.expectedTotal,
    [c.name, c.email, c.phone, c.street, c.postalCode, c.city, c.country],
    discount ? [discount.kind, discount.value] : null,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

async function findByKey(db: Executor, placedBy: string, key: string) {
  const [row] = await db
    .select({ ...orderColumns, requestHash: orders.requestHash })
    .from(orders)
    .leftJoin(queueEntries, eq(queueEntries.orderId, orders.id))
    .where(and(eq(orders.placedBy, placedBy), eq(orders.idempotencyKey, key)))
    .limit(1);
  return row;
}

/** The answer to a repeated key: the first order if the request is the same, 422 otherwise. */
function replay(existing: NonNullable<Awaited<ReturnType<typeof findByKey>>>, hash: string): Result<{ order: OrderView; created: boolean }, OrderRefusalCode> {
  if (existing.requestHash !== hash)
    return fail({
      status: 422,
      code: "idempotency-key-reused",
      message: "this idempotency key was already used for a different order: use a new key for a new order",
      path: "idempotencyKey",
    });
  const { requestHash: _, ...order } = existing;
  return ok({ order, created: false });
}

/** A configuration that may be ordered (or an order changed to): its line, version and the checked configuration. */
export interface Orderable {
  line: LoadedLine["line"];
  version: LoadedLine["version"];
  configuration: { line: string; catalogVersion: string; choices: string[]; texts: Record<string, string> };
}

/**
 * What every order path checks before pricing: the catalog version must be
 * the one in force (an older one: 409 with the way forward), and the
 * configuration complete and valid for the engine (every problem listed, 422).
 * `what` words the refusal ("built", "quoted").
 */
export async function checkOrderable(
  db: Executor,
  input: { line: string; catalogVersion?: string; choices: readonly string[]; texts: Readonly<Record<string, string>> },
  what = "built",
): Promise<Result<Orderable, OrderRefusalCode>> {
  const loaded = await loadLineFor(db, { line: input.line, version: input.catalogVersion });
  if (!loaded.ok) return loaded;
  const { line, version } = loaded.value;
  if (!loaded.value.active)
    return fail({
      status: 409,
      code: version.status === "retired" ? "retired-version" : "outdated-version",
      message: `catalog version "${version.id}" is no longer the one in force: open the configuration again in the configurator, which moves it to the current catalog, and review the price`,
      path: "catalogVersion",
    });
  const configuration = { line: line.code, catalogVersion: version.id, choices: [...input.choices], texts: { ...input.texts } };
  const problems = validate(line, configuration);
  if (problems.length > 0)
    return fail({
      status: 422,
      code: "invalid-configuration",
      message: `the configuration can't be ${what} as it is: ${problems.map((p) => p.message).join("; ")}`,
      path: "choices",
      problems,
    });
  return ok({ line, version, configuration });
}

/**
 * Place an order exactly once. Returns the order and whether this call
 * created it (false: the same key and request were seen before).
 */
export async function placeOrder(
  db: Executor,
  actor: OrderActor,
  input: PlaceOrderInput,
  options: PlaceOrderOptions = {},
): Promise<Result<{ order: OrderView; created: boolean }, OrderRefusalCode>> {
  const customerId = options.customerId ?? actor.id;
  const hash = requestHash(input, customerId, options.discount);
  const now = options.now ?? new Date();

  // One read: the order under this key (a retry after success is the common case: answered without re-checking), the
  // customer's tier, language and channel, and — for a new order — its number, drawn now so the email can name it.
  const [facts] = await db
    .select({
      ...orderColumns,
      requestHash: orders.requestHash,
      customerTier: users.tier,
      customerLanguage: users.preferredLanguage,
      customerChannel: users.contactChannel,
      seq: sql<string | null>`case when ${orders.id} is null then nextval(pg_get_serial_sequence('orders', 'seq'))::text end`,
    })
    .from(users)
    .leftJoin(orders, and(eq(orders.placedBy, actor.id), eq(orders.idempotencyKey, input.idempotencyKey)))
    .leftJoin(queueEntries, eq(queueEntries.orderId, orders.id))
    .where(eq(users.id, customerId))
    .limit(1);
  if (facts?.id) {
    const { customerTier: _t, customerLanguage: _l, customerChannel: _c, seq: _s, ...seen } = facts;
    return replay(seen as NonNullable<Awaited<ReturnType<typeof findByKey>>>, hash);
  }
  // A customer that isn't there: no number was drawn; look for the key alone (the refusal comes after the checks, as before).
  if (!facts) {
    const seen = await findByKey(db, actor.id, input.idempotencyKey);
    if (seen) return replay(seen, hash);
  }

  const checked = await checkOrderable(db, input);
  if (!checked.ok) return checked;
  const { line, version, configuration } = checked.value;

  const listPrice = price(line, configuration.choices, configuration.texts, input.market);
  if (options.discount && discountRefusal(options.discount, listPrice.net))
    return fail({ status: 400, code: "invalid-input", message: discountRefusal(options.discount, listPrice.net)!.message, path: "discount" });
  const breakdown = options.discount ? discountedBreakdown(applyDiscount(listPrice, options.discount)) : listPrice;
  if (breakdown.total !== input.expectedTotal)
    return fail({
      status: 409,
      code: "price-changed",
      message: `the price is now ${breakdown.total} (${breakdown.currency} minor units), not the ${input.expectedTotal} that was confirmed: review the new price and confirm again`,
      path: "expectedTotal",
      total: breakdown.total,
    });

  if (!facts || facts.seq === null) return fail({ status: 404, code: "not-found", message: "no such customer", path: "customer" });
  const seq = Number(facts.seq);
  const order: OrderView = {
    id: randomUUID(),
    number: orderNumber(seq),
    status: "received",
    version: 1,
    customerId,
    placedBy: actor.id,
    dealershipId: options.dealershipId ?? null,
    line: line.code,
    catalogVersion: version.id,
    choices: configuration.choices,
    texts: configuration.texts,
    market: input.market,
    currency: breakdown.currency,
    price: breakdown,
    total: breakdown.total,
    contact: { ...input.contact },
    tier: facts.customerTier!,
    earliestBuildDate: earliestBuildDay(dayOf(now), leadTimeDays(line, configuration.choices)),
    buildDate: null,
    createdAt: now,
    updatedAt: now,
  };
  const customer = { language: facts.customerLanguage, channel: facts.customerChannel };
  const picture = orderPicture(line, configuration.choices);
  const write = (ex: Executor) =>
    insertOrder(ex, order, { seq, idempotencyKey: input.idempotencyKey, requestHash: hash, bom: bom(line, configuration.choices), customer, picture });
  const created = order.dealershipId
    ? // The dealership's staff are told too (decision 034): their notifications in the same transaction.
      await db.transaction(async (tx) => (await write(tx)) && (await notifyDealershipOfOrder(tx, order, null), true))
    : await write(db);
  if (created) return ok({ order, created: true });
  // A concurrent request with the same key committed first (the insert waited on its row): answer with its order.
  const existing = await findByKey(db, actor.id, input.idempotencyKey);
  if (!existing) throw new Error("idempotency conflict without a row");
  return replay(existing, hash);
}

/** "AT-0000042": the orders.number column's expression (`'AT-' || lpad(seq::text, 7, '0')`), for a number drawn before the insert. */
export function orderNumber(seq: number): string {
  return `AT-${String(seq).padStart(7, "0").slice(0, 7)}`;
}

/**
 * Write a new order in ONE statement (decision 053): the order, its BOM, its
 * first event, its queue entry, the customer's notification and email, and the
 * NOTIFY, as data-modifying CTEs that all hang on the order's insert. A single
 * statement is atomic by itself, so no BEGIN / COMMIT round trips; `ON
 * CONFLICT DO NOTHING` on (placed_by, idempotency_key) makes a concurrent
 * duplicate wait on the first one's row and then write nothing (false).
 * Personal data is encrypted here, as the schema's column types do for drizzle.
 */
async function insertOrder(
  db: Executor,
  order: OrderView,
  extra: {
    seq: number;
    idempotencyKey: string;
    requestHash: string;
    bom: BomLine[];
    customer: { language: string | null; channel: ContactChannel | null };
    picture: OrderPicture | null;
  },
): Promise<boolean> {
  const { notification, email, payload } = orderChangeMessages(order, { kind: "order.received", from: null }, extra.customer, extra.picture);
  // Times as text: drizzle's postgres.js setup leaves Date serialising to the column types, which raw SQL has not.
  const at = order.createdAt.toISOString();
  // Arrays go as one parameter each (param): drizzle would spread them into a list, one statement text per length.
  // postgres.js answers with the rows, PGlite with { rows }.
  const result: unknown = await db.execute(sql`
    with o as (
      insert into orders (id, seq, customer_id, placed_by, dealership_id, idempotency_key, request_hash, line_code, catalog_version_id,
        choices, texts, market, currency, price, total, contact, tier, created_at, updated_at)
      overriding system value
      values (${order.id}, ${extra.seq}, ${order.customerId}, ${order.placedBy}, ${order.dealershipId}, ${extra.idempotencyKey}, ${extra.requestHash},
        ${order.line}, ${order.catalogVersion}, ${param(order.choices)}::text[], ${encryptField(JSON.stringify(order.texts), "orders.texts")}, ${order.market},
        ${order.currency}, ${JSON.stringify(order.price)}::jsonb, ${order.total}, ${encryptField(JSON.stringify(order.contact), "orders.contact")},
        ${order.tier}::customer_tier, ${at}::timestamptz, ${at}::timestamptz)
      on conflict (placed_by, idempotency_key) do nothing
      returning id
    ), bom as (
      insert into order_lines (order_id, module, quantity)
      select o.id, b.module, b.quantity from o, unnest(${param(extra.bom.map((l) => l.module))}::text[], ${param(extra.bom.map((l) => l.quantity))}::int[]) as b(module, quantity)
    ), event as (
      insert into order_events (order_id, from_status, to_status, actor_id, at) select o.id, null, 'received', ${order.placedBy}, ${at}::timestamptz from o
    ), queue as (
      insert into queue_entries (order_id, line_code, earliest_build_date, enqueued_at) select o.id, ${order.line}, ${order.earliestBuildDate}::date, ${at}::timestamptz from o
    ), note as (
      insert into notifications (user_id, kind, data, href) select ${notification.userId}, ${notification.kind}, ${JSON.stringify(notification.data)}::jsonb, ${notification.href} from o
    ), mail as (
      insert into email_outbox (to_address, subject, body, html, picture)
      select ${email && encryptField(email.toAddress, "email_outbox.to_address")}, ${email && encryptField(email.subject, "email_outbox.subject")},
        ${email && encryptField(email.body, "email_outbox.body")}, ${email && encryptField(email.html, "email_outbox.html")},
        ${email?.picture ? JSON.stringify(email.picture) : null}::jsonb from o where ${email !== null}
    )
    select o.id, pg_notify(${ORDERS_CHANNEL}, ${payload}) from o`);
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return rows.length > 0;
}

/** An order by id or number, whoever asks (callers check who may see it). */
export async function readOrder(db: Executor, where: { id: string } | { number: string }): Promise<OrderView | null> {
  const [row] = await db
    .select(orderColumns)
    .from(orders)
    .leftJoin(queueEntries, eq(queueEntries.orderId, orders.id))
    .where("id" in where ? eq(orders.id, where.id) : eq(orders.number, where.number))
    .limit(1);
  return row ?? null;
}

/** Who may see an order: its customer, whoever placed it, planners and admins. Dealers: their dealership's. */
export function canSee(actor: OrderActor & { dealershipIds?: readonly string[] }, order: Pick<OrderView, "customerId" | "placedBy" | "dealershipId">): boolean {
  if (can(actor, "order.read.all")) return true;
  if (order.customerId === actor.id || order.placedBy === actor.id) return true;
  return order.dealershipId !== null && (actor.dealershipIds ?? []).includes(order.dealershipId);
}

const ORDER_NUMBER = /^AT-\d{7,}$/;

/**
 * The orders an actor may read, as a query condition (undefined: every
 * order): planners and admins all of them; everyone the orders they are the
 * customer of or placed; a dealership's staff also every order of the
 * dealerships they work at (docs/decisions/017: the permission names the
 * scope, the query applies it).
 */
export function readableBy(db: Executor, actor: OrderActor): SQL | undefined {
  if (can(actor, "order.read.all")) return undefined;
  const own = or(eq(orders.customerId, actor.id), eq(orders.placedBy, actor.id));
  if (!can(actor, "order.read.dealership")) return own;
  const theirDealerships = db.select({ id: dealershipMembers.dealershipId }).from(dealershipMembers).where(eq(dealershipMembers.userId, actor.id));
  return or(own, inArray(orders.dealershipId, theirDealerships));
}

/** An order by number with its BOM and history, or null if it doesn't exist or the actor may not read it (the same answer). */
export async function getOrder(db: Executor, actor: OrderActor, number: string): Promise<OrderDetail | null> {
  if (!ORDER_NUMBER.test(number)) return null;
  const [order] = await db
    .select(orderColumns)
    .from(orders)
    .leftJoin(queueEntries, eq(queueEntries.orderId, orders.id))
    .where(and(eq(orders.number, number), readableBy(db, actor)))
    .limit(1);
  if (!order) return null;
  const [lines, events] = await Promise.all([
    db.select({ module: orderLines.module, quantity: orderLines.quantity }).from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.module)),
    db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id)).orderBy(asc(orderEvents.id)),
  ]);
  return { ...order, bom: lines, events: events.map(toEvent) };
}

const toEvent = (e: OrderEventRow): OrderEvent => ({ from: e.fromStatus, to: e.toStatus, actorId: e.actorId, note: e.note, reason: e.reason, at: e.at });

/** A customer's orders, newest first. */
export async function listCustomerOrders(db: Executor, customerId: string, options: { limit?: number } = {}): Promise<OrderView[]> {
  return db
    .select(orderColumns)
    .from(orders)
    .leftJoin(queueEntries, eq(queueEntries.orderId, orders.id))
    .where(eq(orders.customerId, customerId))
    .orderBy(desc(orders.createdAt), desc(orders.seq))
    .limit(Math.min(options.limit ?? 100, 500));
}

export interface ChangeStatusInput {
  number: string;
  to: OrderStatus;
  /** The version of the order the actor saw. */
  expectedVersion: number;
  note?: string;
  /** Why: kept with the event; required where the move is exceptional (a cancel by staff). */
  reason?: string;
}

/**
 * Move an order to its next status, or cancel it before the frozen horizon,
 * as the one rule (`transitionRefusal`) allows on the day: production not
 * before the build date. Planners move orders through production; a customer
 * may only cancel their own order. Refused: unknown or unseen order (404), a
 * stale version (409), a step that isn't forward, comes too early or too late
 * (409), a missing or too long reason (422 / 400, path "reason").
 */
export async function changeStatus(
  db: Executor,
  actor: OrderActor & { dealershipIds?: readonly string[] },
  input: ChangeStatusInput,
  options: { now?: Date; horizonDays?: number } = {},
): Promise<Result<OrderView, OrderRefusalCode>> {
  const now = options.now ?? new Date();
  const horizon = options.horizonDays ?? getEnv().ORDER_FROZEN_HORIZON_DAYS;
  return db.transaction(async (tx) => {
    const order = await readOrder(tx, { number: input.number });
    if (!order || !canSee(actor, order)) return fail({ status: 404, code: "not-found", message: `no order ${input.number}` });
    const staff = can(actor, "order.manage");
    if (!staff && (input.to !== "cancelled" || order.customerId !== actor.id))
      return fail({ status: 403, code: "invalid-input", message: "only planners move orders through production; a customer may cancel their own order" });
    const tooLong = reasonTooLong(input.reason);
    if (tooLong) return tooLong;
    const refusal = transitionRefusal(order, input.to, dayOf(now), horizon, { by: staff ? "staff" : "customer", reason: input.reason });
    if (refusal) return transitionFailure(refusal);
    const updated = await bumpVersion(tx, order, input.expectedVersion, now, { status: input.to });
    if (!updated) return stale(input.number);
    if (input.to === "cancelled") await tx.delete(queueEntries).where(eq(queueEntries.orderId, order.id));
    await tx.insert(orderEvents).values({
      orderId: order.id,
      fromStatus: order.status,
      toStatus: input.to,
      actorId: actor.id,
      note: input.note ?? null,
      reason: cleanReason(input.reason),
      at: now,
    });
    const fresh = (await readOrder(tx, { id: order.id }))!;
    await announceOrderChange(tx, fresh, { kind: "order.status", from: order.status });
    if (input.to === "delivered") {
      // Delivery is what the tier rule counts and what the customer is asked to rate: both in this transaction.
      await recomputeTier(tx, fresh.customerId, now);
      await askForFeedback(tx, fresh);
    }
    return ok(fresh);
  });
}

/**
 * `update … set version = version + 1 where id = … and version = expected`:
 * the row-level check that makes concurrent changes safe. Null when someone
 * else changed the order first.
 */
export async function bumpVersion(
  tx: Executor,
  order: Pick<OrderView, "id">,
  expectedVersion: number,
  now: Date,
  set: Partial<Pick<OrderRow, "status" | "choices" | "texts" | "price" | "total" | "currency" | "catalogVersionId">> = {},
): Promise<{ version: number } | null> {
  const [row] = await tx
    .update(orders)
    .set({ ...set, version: sql`${orders.version} + 1`, updatedAt: now })
    .where(and(eq(orders.id, order.id), eq(orders.version, expectedVersion)))
    .returning({ version: orders.version });
  return row ?? null;
}

/** The rule's refusal as the repository answers it: a missing reason is the input's fault (422), anything else a conflict with the order's state (409). */
export function transitionFailure(refusal: TransitionRefusal): Failure<OrderRefusalCode> {
  return fail({ status: refusal.code === "reason-required" ? 422 : 409, ...refusal });
}

/** A reason longer than events keep: 400 on "reason" (forms cap it first; this guards other callers). */
export function reasonTooLong(reason: string | null | undefined): Failure<OrderRefusalCode> | null {
  const kept = cleanReason(reason);
  return kept !== null && kept.length > REASON_MAX_LENGTH
    ? fail({ status: 400, code: "invalid-input", message: `a reason is at most ${REASON_MAX_LENGTH} characters`, path: "reason" })
    : null;
}

export function stale(number: string): Failure<OrderRefusalCode> {
  return fail({
    status: 409,
    code: "stale",
    message: `order ${number} was changed by someone else in the meantime: reload it to see the change, then try again`,
  });
}
