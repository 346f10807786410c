/**
 * How long personal data outlives its use (decision 046):
 *
 * - email: a sent message (address, subject, body) is deleted
 *   OUTBOX_RETENTION_DAYS (default 30) after it was sent — long enough to
 *   answer "did you send it?" — and one the mailer gave up on, as long after
 *   it was written;
 * - sessions: deleted once expired (idle 12 h or 7 days after sign-in), by
 *   this sweep as well as at sign-in;
 * - sign-in attempts are pruned by the auth module; the audit log names
 *   people by id only; request logs carry no personal data.
 *
 * Runs hourly on every app server (idempotent deletes), like the quote sweep.
 */
import { and, gte, isNull, lt, or } from "drizzle-orm";
import type { Executor } from "#db/client";
import { emailOutbox } from "#db/schema";
import { pruneSessions } from "~/.server/auth/session.server";
import { MAX_ATTEMPTS } from "~/.server/messages/mailer.server";
import { getEnv } from "~/.server/platform/env.server";
import { log } from "~/.server/platform/logger.server";

const DAY_MS = 24 * 60 * 60 * 1000;
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/** Delete mail past its retention; returns how many messages went. */
export async function purgeOldMail(db: Executor, now: Date = new Date(), retentionDays: number = getEnv().OUTBOX_RETENTION_DAYS): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const gone = await db
    .delete(emailOutbox)
    .where(or(lt(emailOutbox.sentAt, cutoff), and(isNull(emailOutbox.sentAt), gte(emailOutbox.attempts, MAX_ATTEMPTS), lt(emailOutbox.createdAt, cutoff))))
    .returning({ id: emailOutbox.id });
  return gone.length;
}

/** One pass of the retention rules. */
export async function applyRetention(db: Executor, now: Date = new Date()): Promise<{ mail: number }> {
  await pruneSessions(db, now);
  return { mail: await purgeOldMail(db, now) };
}

/** Apply the retention rules now and hourly; the returned function stops it (waiting for a running pass). */
export function startRetentionSweep(getDb: () => Promise<Executor>, intervalMs = SWEEP_INTERVAL_MS): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = (async () => {
      try {
        const { mail } = await applyRetention(await getDb());
        if (mail > 0) log.info("old mail purged", { mail });
      } catch (error) {
        log.error("retention sweep failed", { error });
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(tick, intervalMs);
  // The sweep never keeps a stopping server alive.
  timer.unref?.();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
