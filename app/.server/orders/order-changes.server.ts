/**
 * A customer changes the configuration of an order before its frozen horizon.
 *
 * The same checks as placing (the version in force, the engine's validation,
 * the server's own price in the order's market, the total the customer
 * confirmed), plus the order's state: its owner, not frozen, and the
 * `version` of the order the customer saw (optimistic locking). The new
 * choices, texts, price and BOM replace the old ones in one transaction with
 * an event ("configuration changed") and the customer's notification; the
 * build date stays.
 */
import { eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { orderEvents, orderLines, queueEntries } from "#db/schema";
import { bom, price, type PriceBreakdown } from "~/domain/engine";
import { dayOf, isFrozen } from "~/domain/orders";
import { fail, ok, type Refusal, type Result } from "~/domain/result";
import { can } from "~/domain/permissions";
import { earliestBuildDay, leadTimeDays } from "~/domain/scheduling";
import { getEnv } from "~/.server/platform/env.server";
import { announceOrderChange } from "./order-messages.server";
import { bumpVersion, canSee, checkOrderable, readOrder, stale, type OrderActor, type OrderRefusalCode, type OrderView } from "./orders.server";

/** The note of the event a change of configuration writes. */
export const CONFIGURATION_CHANGED = "configuration changed";

export interface OrderChangeInput {
  number: string;
  /** The catalog version the new configuration was made in (must be the one in force). */
  catalogVersion: string;
  choices: readonly string[];
  texts: Readonly<Record<string, string>>;
}

export interface ConfirmOrderChangeInput extends OrderChangeInput {
  /** The order's version the customer saw. */
  expectedVersion: number;
  /** The new total the customer confirmed. */
  expectedTotal: number;
}

export interface OrderChangePreview {
  order: OrderView;
  /** The new price, in the order's market. */
  price: PriceBreakdown;
  /** New total minus old total (minor units; negative when cheaper). */
  difference: number;
}

interface ChangeOptions {
  now?: Date;
  horizonDays?: number;
}

/** Why this actor may not change this order's configuration now, or null. */
function refusal(actor: OrderActor, order: OrderView | null, number: string, today: string, horizon: number): Refusal<OrderRefusalCode> | null {
  if (!order || !canSee(actor, order)) return { status: 404, code: "not-found", message: `no order ${number}` };
  if (!can(actor, "order.manage") && order.customerId !== actor.id) return { status: 403, code: "invalid-input", message: "only the order's customer may change it" };
  if (order.status === "cancelled") return { status: 409, code: "not-forward", message: "the order is cancelled: it can no longer be changed" };
  if (isFrozen(order, today, horizon))
    return {
      status: 409,
      code: "frozen",
      message: order.buildDate
        ? `the order is within ${horizon} days of its build date (${order.buildDate}) or already in production: it can no longer be changed`
        : "the order is already in production: it can no longer be changed",
    };
  return null;
}

/**
 * Check a new configuration for an order and price it, without writing:
 * what the "change order" page shows (old and new price, the difference).
 */
export async function previewOrderChange(db: Executor, actor: OrderActor, input: OrderChangeInput, options: ChangeOptions = {}): Promise<Result<OrderChangePreview, OrderRefusalCode>> {
  const now = options.now ?? new Date();
  const horizon = options.horizonDays ?? getEnv().ORDER_FROZEN_HORIZON_DAYS;
  const order = await readOrder(db, { number: input.number });
  const refused = refusal(actor, order, input.number, dayOf(now), horizon);
  if (refused) return fail(refused);
  const checked = await checkConfiguration(db, order!, input);
  if (!checked.ok) return checked;
  return ok({ order: order!, price: checked.value.breakdown, difference: checked.value.breakdown.total - order!.total });
}

async function checkConfiguration(db: Executor, order: OrderView, input: OrderChangeInput) {
  const checked = await checkOrderable(db, { line: order.line, catalogVersion: input.catalogVersion, choices: input.choices, texts: input.texts });
  if (!checked.ok) return checked;
  const { line, version, configuration } = checked.value;
  const breakdown = price(line, configuration.choices, configuration.texts, order.market);
  return ok({ line, version, configuration, breakdown });
}

/**
 * Replace an order's configuration, price and BOM (one transaction, checked
 * against the version the customer saw). Refused: unknown or unseen order
 * (404), someone else's (403), frozen or cancelled (409), a stale version
 * (409), a price other than the one confirmed (409), an invalid
 * configuration (422), a catalog version no longer in force (409).
 */
export async function changeOrderConfiguration(
  db: Executor,
  actor: OrderActor,
  input: ConfirmOrderChangeInput,
  options: ChangeOptions = {},
): Promise<Result<OrderView, OrderRefusalCode>> {
  const now = options.now ?? new Date();
  const today = dayOf(now);
  const horizon = options.horizonDays ?? getEnv().ORDER_FROZEN_HORIZON_DAYS;
  const before = await readOrder(db, { number: input.number });
  const refusedBefore = refusal(actor, before, input.number, today, horizon);
  if (refusedBefore) return fail(refusedBefore);
  const checked = await checkConfiguration(db, before!, input);
  if (!checked.ok) return checked;
  const { line, version, configuration, breakdown } = checked.value;
  if (breakdown.total !== input.expectedTotal)
    return fail({
      status: 409,
      code: "price-changed",
      message: `the new price is ${breakdown.total} (${breakdown.currency} minor units), not the ${input.expectedTotal} that was confirmed: review it and confirm again`,
      path: "expectedTotal",
      total: breakdown.total,
    });

  return db.transaction(async (tx) => {
    // Read again inside the transaction: the horizon is checked on the state the update applies to.
    const order = await readOrder(tx, { id: before!.id });
    const refused = refusal(actor, order, input.number, today, horizon);
    if (refused) return fail(refused);
    const updated = await bumpVersion(tx, order!, input.expectedVersion, now, {
      choices: configuration.choices,
      texts: configuration.texts,
      price: breakdown,
      total: breakdown.total,
      currency: breakdown.currency,
      catalogVersionId: version.id,
    });
    if (!updated) return stale(input.number);
    await tx.delete(orderLines).where(eq(orderLines.orderId, order!.id));
    const lines = bom(line, configuration.choices);
    if (lines.length > 0) await tx.insert(orderLines).values(lines.map((l) => ({ orderId: order!.id, module: l.module, quantity: l.quantity })));
    // The build date stays; an unscheduled order waits for the new parts' lead time.
    if (order!.buildDate === null)
      await tx
        .update(queueEntries)
        .set({ earliestBuildDate: earliestBuildDay(today, leadTimeDays(line, configuration.choices)) })
        .where(eq(queueEntries.orderId, order!.id));
    await tx.insert(orderEvents).values({ orderId: order!.id, fromStatus: order!.status, toStatus: order!.status, actorId: actor.id, note: CONFIGURATION_CHANGED, at: now });
    const fresh = (await readOrder(tx, { id: order!.id }))!;
    await announceOrderChange(tx, fresh, { kind: "order.changed", from: order!.status });
    return ok(fresh);
  });
}
