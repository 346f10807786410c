/**
 * Feedback after delivery: when an order is delivered its customer is asked
 * (a notification linking to the order's form); they rate the product, the
 * dealer (when one handled the order) and the delivery 1–5, with a comment,
 * once per order — not edited afterwards, so what staff read is what the
 * customer said on delivery. Staff read it on the order and the customer
 * file; planners and admins read the averages per product line.
 */
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { notifications, orderFeedback, orders } from "#db/schema";
import type { FeedbackInput } from "~/domain/forms/customer-file";
import { fail, ok, type Result } from "~/domain/result";

export interface Feedback {
  orderId: string;
  number: string;
  line: string;
  productRating: number;
  dealerRating: number | null;
  deliveryRating: number;
  comment: string | null;
  createdAt: Date;
}

/** The notification that asks for feedback (its kind, read by the notifications page). */
export const FEEDBACK_REQUEST = "order.feedback";

/** Ask the customer of a just-delivered order for feedback: call in the transaction that delivered it. */
export async function askForFeedback(tx: Executor, order: { number: string; customerId: string; status: string }): Promise<void> {
  await tx.insert(notifications).values({
    userId: order.customerId,
    kind: FEEDBACK_REQUEST,
    data: { number: order.number, status: order.status },
    href: `/orders/${order.number}#feedback`,
  });
}

/**
 * Record the customer's feedback on their delivered order. Refused: not their
 * order or no such order (404, as the order page answers), not delivered yet
 * (409 not-delivered), already rated (409 already-given), a dealer rating on
 * an order no dealership handled or none on one that was (400, path dealer).
 */
export async function giveFeedback(
  db: Executor,
  actor: { id: string },
  number: string,
  input: FeedbackInput,
  now: Date = new Date(),
): Promise<Result<Feedback>> {
  const [order] = await db
    .select({ id: orders.id, customerId: orders.customerId, status: orders.status, dealershipId: orders.dealershipId, line: orders.lineCode })
    .from(orders)
    .where(eq(orders.number, number));
  if (!order || order.customerId !== actor.id) return fail({ status: 404, code: "not-found", message: `no order ${number}` });
  if (order.status !== "delivered") return fail({ status: 409, code: "not-delivered", message: `order ${number} is not delivered yet: rate it once it is` });
  const handled = order.dealershipId !== null;
  if (handled && input.dealer === undefined) return fail({ status: 400, code: "invalid-input", message: "rate the dealer 1 to 5", path: "dealer" });
  if (!handled && input.dealer !== undefined) return fail({ status: 400, code: "invalid-input", message: "no dealer handled this order", path: "dealer" });
  const [row] = await db
    .insert(orderFeedback)
    .values({
      orderId: order.id,
      customerId: actor.id,
      productRating: input.product,
      dealerRating: input.dealer ?? null,
      deliveryRating: input.delivery,
      comment: input.comment ? input.comment : null,
      createdAt: now,
    })
    // Two submissions at once: the second finds the first's row and is refused like a later one.
    .onConflictDoNothing()
    .returning();
  if (!row) return fail({ status: 409, code: "already-given", message: `order ${number} was already rated` });
  return ok({ ...row, number, line: order.line });
}

const feedbackColumns = {
  orderId: orderFeedback.orderId,
  number: orders.number,
  line: orders.lineCode,
  productRating: orderFeedback.productRating,
  dealerRating: orderFeedback.dealerRating,
  deliveryRating: orderFeedback.deliveryRating,
  comment: orderFeedback.comment,
  createdAt: orderFeedback.createdAt,
};

/** The feedback on one order, or null (not rated yet). Whoever calls it has checked the reader may see the order. */
export async function orderFeedbackFor(db: Executor, orderId: string): Promise<Feedback | null> {
  const [row] = await db.select(feedbackColumns).from(orderFeedback).innerJoin(orders, eq(orders.id, orderFeedback.orderId)).where(eq(orderFeedback.orderId, orderId));
  return row ?? null;
}

/** Feedback on these orders (the customer file's, already narrowed to what its reader may see), newest first. */
export async function feedbackOnOrders(db: Executor, orderIds: readonly string[]): Promise<Feedback[]> {
  if (orderIds.length === 0) return [];
  return db
    .select(feedbackColumns)
    .from(orderFeedback)
    .innerJoin(orders, eq(orders.id, orderFeedback.orderId))
    .where(inArray(orderFeedback.orderId, [...orderIds]))
    .orderBy(desc(orderFeedback.createdAt));
}

export interface FeedbackAverage {
  line: string;
  count: number;
  /** Averages to one decimal; dealer is null when no rated order had a dealer. */
  product: number;
  dealer: number | null;
  delivery: number;
}

/** Average ratings per product line, for planners and admins. */
export async function feedbackAverages(db: Executor): Promise<FeedbackAverage[]> {
  const rows = await db
    .select({
      line: orders.lineCode,
      count: sql<number>`count(*)::int`,
      product: sql<string>`round(avg(${orderFeedback.productRating}), 1)::text`,
      dealer: sql<string | null>`round(avg(${orderFeedback.dealerRating}), 1)::text`,
      delivery: sql<string>`round(avg(${orderFeedback.deliveryRating}), 1)::text`,
    })
    .from(orderFeedback)
    .innerJoin(orders, eq(orders.id, orderFeedback.orderId))
    .groupBy(orders.lineCode)
    .orderBy(asc(orders.lineCode));
  return rows.map((r) => ({ line: r.line, count: Number(r.count), product: Number(r.product), dealer: r.dealer === null ? null : Number(r.dealer), delivery: Number(r.delivery) }));
}
