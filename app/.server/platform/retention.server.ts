/**
 * Data kept only for a while (decisions 043, 044, 046; the README's "What is
 * kept, and for how long"):
 *
 * - sign-in and sign-up attempts: 24 hours (sign-in also prunes them as it goes);
 * - orders' idempotency keys: 7 days;
 * - sessions: deleted once expired (idle 12 h or 7 days after sign-in), here
 *   as well as at sign-in;
 * - email: a sent message (address, subject, body) is deleted
 *   OUTBOX_RETENTION_DAYS (default 30) after it was sent — long enough to
 *   answer "did you send it?" — and one the mailer gave up on, as long after
 *   it was written.
 *
 * The audit log names people by id only; request logs carry no personal data.
 * The app server sweeps hourly, like the expiring-quotes sweep; every app
 * server may run it (the deletes are idempotent).
 */
import { and, gte, isNull, lt, or } from "drizzle-orm";
import type { Executor } from "#db/client";
import { emailOutbox } from "#db/schema";
import { pruneSignInAttempts } from "~/.server/auth/rate-limit.server";
import { pruneSessions } from "~/.server/auth/session.server";
import { MAX_ATTEMPTS } from "~/.server/messages/mailer.server";
import { forgetIdempotencyKeys } from "~/.server/orders/idempotency-retention.server";
import { getEnv } from "./env.server";
import { log } from "./logger.server";
import { startPeriodic } from "./periodic.server";

export const RETENTION_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Delete mail past its retention; returns how many messages went. */
export async function purgeOldMail(db: Executor, now: Date = new Date(), retentionDays: number = getEnv().OUTBOX_RETENTION_DAYS): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const gone = await db
    .delete(emailOutbox)
    .where(or(lt(emailOutbox.sentAt, cutoff), and(isNull(emailOutbox.sentAt), gte(emailOutbox.attempts, MAX_ATTEMPTS), lt(emailOutbox.createdAt, cutoff))))
    .returning({ id: emailOutbox.id });
  return gone.length;
}

/** One pass of the retention rules; returns what went, for the log. */
export async function sweepRetention(db: Executor, now: Date = new Date()): Promise<{ idempotencyKeys: number; mail: number }> {
  await pruneSignInAttempts(db, now);
  await pruneSessions(db, now);
  const idempotencyKeys = await forgetIdempotencyKeys(db, now);
  return { idempotencyKeys, mail: await purgeOldMail(db, now) };
}

export function startRetentionSweep(getDb: () => Promise<Executor>, intervalMs = RETENTION_SWEEP_INTERVAL_MS): () => Promise<void> {
  return startPeriodic(
    "retention sweep",
    async () => {
      const { idempotencyKeys, mail } = await sweepRetention(await getDb());
      if (idempotencyKeys > 0) log.info("idempotency keys forgotten", { orders: idempotencyKeys });
      if (mail > 0) log.info("old mail purged", { mail });
    },
    intervalMs,
  );
}
