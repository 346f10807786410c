/**
 * How long an order's idempotency key is kept (decision 044). Within the
 * period a retry with the same key finds the order it placed (or is refused
 * with 422 if the body differs); after it the key and its request hash are
 * cleared from the order, so the key is free again and nothing derived from
 * the request stays behind. Clients retry within minutes, and the order page
 * makes a new key for every form it renders, so a week is generous; it must
 * stay at least 24 hours (what API clients are told in docs/api.md).
 */
import { and, isNotNull, lt } from "drizzle-orm";
import type { Executor } from "#db/client";
import { orders } from "#db/schema";

export const IDEMPOTENCY_KEY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** Clear the keys of orders placed before the retention period; returns how many. Safe to run on every app server at once. */
export async function forgetIdempotencyKeys(db: Executor, now: Date): Promise<number> {
  const cleared = await db
    .update(orders)
    .set({ idempotencyKey: null, requestHash: null })
    .where(and(isNotNull(orders.idempotencyKey), lt(orders.createdAt, new Date(now.getTime() - IDEMPOTENCY_KEY_RETENTION_MS))))
    .returning({ id: orders.id });
  return cleared.length;
}
