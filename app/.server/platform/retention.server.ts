/**
 * Data kept only for a while (decisions 043, 044; the README's "What is kept,
 * and for how long"): sign-in and sign-up attempts (24 hours) and orders'
 * idempotency keys (7 days). The app server sweeps them hourly, like the
 * expiring-quotes sweep; sign-in also prunes attempts as it goes.
 */
import type { Executor } from "#db/client";
import { pruneSignInAttempts } from "~/.server/auth/rate-limit.server";
import { forgetIdempotencyKeys } from "~/.server/orders/idempotency-retention.server";
import { log } from "./logger.server";
import { startPeriodic } from "./periodic.server";

export const RETENTION_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export async function sweepRetention(db: Executor, now: Date = new Date()): Promise<{ idempotencyKeys: number }> {
  await pruneSignInAttempts(db, now);
  return { idempotencyKeys: await forgetIdempotencyKeys(db, now) };
}

export function startRetentionSweep(getDb: () => Promise<Executor>, intervalMs = RETENTION_SWEEP_INTERVAL_MS): () => Promise<void> {
  return startPeriodic(
    "retention sweep",
    async () => {
      const { idempotencyKeys } = await sweepRetention(await getDb());
      if (idempotencyKeys > 0) log.info("idempotency keys forgotten", { orders: idempotencyKeys });
    },
    intervalMs,
  );
}
