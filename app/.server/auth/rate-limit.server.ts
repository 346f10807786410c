/**
 * Sign-in throttling, counted in the database so every app server sees the
 * same numbers: at most 10 unsuccessful attempts a minute per account and per
 * client address; the next one gets 429 without its password being checked.
 *
 * Only unsuccessful attempts count (failed and blocked ones): people behind
 * one address (a dealership's tablets, the e2e run) can still sign in, while
 * guessing is capped. Blocked attempts count too, so a client that keeps
 * hammering stays blocked until it pauses for a minute.
 *
 * The attempt is recorded *before* counting, so concurrent attempts on other
 * servers see each other (no check-then-act gap).
 */
import { and, count, eq, gt, lt, ne } from "drizzle-orm";
import type { Executor } from "#db/client";
import { signInAttempts } from "#db/schema";

export const SIGN_IN_LIMIT = 10;
export const SIGN_IN_WINDOW_MS = 60 * 1000;
/** Attempts are kept a day (for the record), then pruned. */
export const ATTEMPT_RETENTION_MS = 24 * 60 * 60 * 1000;

export type AttemptOutcome = "failed" | "succeeded" | "blocked";

/** Record an attempt (provisionally failed) and say whether it is over the limit. */
export async function beginSignInAttempt(
  db: Executor,
  key: { email: string; clientAddress: string },
  now: Date,
): Promise<{ attemptId: number; limited: boolean }> {
  const [row] = await db
    .insert(signInAttempts)
    .values({ email: key.email, clientAddress: key.clientAddress, attemptedAt: now, outcome: "failed" })
    .returning({ id: signInAttempts.id });
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const unsuccessfulSince = (column: typeof signInAttempts.email | typeof signInAttempts.clientAddress, value: string) =>
    db
      .select({ n: count() })
      .from(signInAttempts)
      .where(and(eq(column, value), gt(signInAttempts.attemptedAt, since), ne(signInAttempts.outcome, "succeeded")));
  const [[byAccount], [byAddress]] = await Promise.all([
    unsuccessfulSince(signInAttempts.email, key.email),
    unsuccessfulSince(signInAttempts.clientAddress, key.clientAddress),
  ]);
  const limited = byAccount.n > SIGN_IN_LIMIT || byAddress.n > SIGN_IN_LIMIT;
  if (limited) await settleSignInAttempt(db, row.id, "blocked");
  return { attemptId: row.id, limited };
}

export async function settleSignInAttempt(db: Executor, attemptId: number, outcome: AttemptOutcome): Promise<void> {
  await db.update(signInAttempts).set({ outcome }).where(eq(signInAttempts.id, attemptId));
}

export async function pruneSignInAttempts(db: Executor, now: Date): Promise<void> {
  await db.delete(signInAttempts).where(lt(signInAttempts.attemptedAt, new Date(now.getTime() - ATTEMPT_RETENTION_MS)));
}
