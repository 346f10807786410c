/**
 * Throttling of sign-in and sign-up, counted in the database so every app
 * server sees the same numbers (decision 043, which replaces the per-account
 * lock of decision 004).
 *
 * Sign-in:
 * - per account + address pair, growing delays: the first PAIR_FREE_FAILURES
 *   wrong passwords cost nothing; after that each one must wait
 *   1 s, 2 s, 4 s … (at most 15 minutes) after the previous one. A success
 *   starts the pair afresh. Someone guessing a victim's password from their
 *   own address slows down only themselves: the victim, from anywhere else,
 *   signs in as usual.
 * - per address, a separate and higher ceiling: ADDRESS_FAILURE_LIMIT wrong
 *   passwords in ADDRESS_WINDOW_MS (password spraying across accounts). Only
 *   wrong passwords count, so a dealership's tablets behind one NAT address
 *   sign in freely.
 * Sign-up: at most SIGN_UP_ADDRESS_LIMIT a window per address and
 * SIGN_UP_EMAIL_LIMIT per email (so nobody floods one inbox).
 *
 * Every refusal says when to come back (`retryAfterSeconds`, sent as
 * Retry-After with the 429). The attempt is recorded *before* counting, so
 * concurrent attempts on other servers see each other (no check-then-act gap).
 *
 * No personal data in clear: the table holds keyed HMACs of the normalised
 * email and of the client address (IPv6 by its /64, which one subscriber
 * usually holds whole), keyed from the session secret. Rows are pruned after
 * ATTEMPT_RETENTION_MS.
 */
import { createHmac } from "node:crypto";
import { isIPv6 } from "node:net";
import { and, asc, desc, eq, gt, inArray, lt, ne } from "drizzle-orm";
import type { Executor } from "#db/client";
import { signInAttempts } from "#db/schema";
import { sessionSecrets } from "./secrets.server";

export const PAIR_FREE_FAILURES = 5;
/** Wrong passwords older than this no longer count for the pair. */
export const PAIR_LOOKBACK_MS = 60 * 60 * 1000;
export const PAIR_MAX_DELAY_MS = 15 * 60 * 1000;
export const ADDRESS_FAILURE_LIMIT = 50;
export const ADDRESS_WINDOW_MS = 10 * 60 * 1000;
export const SIGN_UP_WINDOW_MS = 60 * 60 * 1000;
export const SIGN_UP_ADDRESS_LIMIT = 10;
export const SIGN_UP_EMAIL_LIMIT = 3;
/** Attempts are kept a day, then pruned (documented in decision 043 and the README). */
export const ATTEMPT_RETENTION_MS = 24 * 60 * 60 * 1000;

export type AttemptOutcome = "failed" | "succeeded" | "blocked";

export type AttemptVerdict = { attemptId: number; limited: false } | { attemptId: number; limited: true; retryAfterSeconds: number };

/** How long the pair must wait after its latest wrong password, once it has `failures` of them (0 while free). */
export function pairDelayMs(failures: number): number {
  if (failures < PAIR_FREE_FAILURES) return 0;
  return Math.min(1000 * 2 ** (failures - PAIR_FREE_FAILURES), PAIR_MAX_DELAY_MS);
}

let cachedKey: { secret: string; key: Buffer } | undefined;

/** The HMAC key: derived from the signing secret, so there is nothing more to configure (rotating the secret forgets a day of counters at most). */
function attemptKey(): Buffer {
  const secret = sessionSecrets()[0];
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: createHmac("sha256", secret).update("atelier:auth-attempts:v1").digest() };
  return cachedKey.key;
}

const keyed = (label: string, value: string) => createHmac("sha256", attemptKey()).update(`${label}:${value}`).digest("hex");

/**
 * A client address as a rate-limit key: IPv4-mapped IPv6 as plain IPv4, IPv6
 * by its /64 (one subscriber's network), anything unreadable as itself
 * (bounded). Empty: "unknown".
 */
export function normaliseAddress(address: string | null | undefined): string {
  let value = (address ?? "").trim().toLowerCase().slice(0, 100);
  if (value === "") return "unknown";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (mapped) return mapped[1];
  value = value.replace(/%.*$/, ""); // zone index
  if (!isIPv6(value)) return value;
  const [head, tail = ""] = value.split("::");
  const left = head ? head.split(":") : [];
  const right = value.includes("::") && tail ? tail.split(":") : [];
  const groups = value.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

export function attemptKeys(email: string, clientAddress: string | null | undefined) {
  return { emailHash: keyed("email", email.trim().toLowerCase()), addressHash: keyed("address", normaliseAddress(clientAddress)) };
}

const secondsUntil = (at: number, now: Date) => Math.max(1, Math.ceil((at - now.getTime()) / 1000));

/** Record a sign-in attempt (provisionally failed) and say whether it may go ahead. */
export async function beginSignInAttempt(db: Executor, key: { email: string; clientAddress: string | null | undefined }, now: Date): Promise<AttemptVerdict> {
  const { emailHash, addressHash } = attemptKeys(key.email, key.clientAddress);
  const [row] = await db.insert(signInAttempts).values({ kind: "sign-in", emailHash, addressHash, attemptedAt: now, outcome: "failed" }).returning({ id: signInAttempts.id });
  const others = ne(signInAttempts.id, row.id);
  const [pair, addressEdge] = await Promise.all([
    // The pair's recent answered attempts, newest first: wrong passwords back to the last success. Bounded by the delays.
    db
      .select({ attemptedAt: signInAttempts.attemptedAt, outcome: signInAttempts.outcome })
      .from(signInAttempts)
      .where(
        and(
          eq(signInAttempts.kind, "sign-in"),
          eq(signInAttempts.emailHash, emailHash),
          eq(signInAttempts.addressHash, addressHash),
          gt(signInAttempts.attemptedAt, new Date(now.getTime() - PAIR_LOOKBACK_MS)),
          inArray(signInAttempts.outcome, ["failed", "succeeded"]),
          others,
        ),
      )
      .orderBy(desc(signInAttempts.attemptedAt), desc(signInAttempts.id))
      .limit(200),
    // The address's ADDRESS_FAILURE_LIMIT-th newest wrong password in the window: while it exists, the address is over its ceiling.
    db
      .select({ attemptedAt: signInAttempts.attemptedAt })
      .from(signInAttempts)
      .where(
        and(
          eq(signInAttempts.kind, "sign-in"),
          eq(signInAttempts.addressHash, addressHash),
          gt(signInAttempts.attemptedAt, new Date(now.getTime() - ADDRESS_WINDOW_MS)),
          eq(signInAttempts.outcome, "failed"),
          others,
        ),
      )
      .orderBy(desc(signInAttempts.attemptedAt), desc(signInAttempts.id))
      .offset(ADDRESS_FAILURE_LIMIT - 1)
      .limit(1),
  ]);

  let retryAt = 0;
  const successAt = pair.findIndex((a) => a.outcome === "succeeded");
  const failures = successAt === -1 ? pair.length : successAt;
  if (failures > 0) {
    const free = pair[0].attemptedAt.getTime() + pairDelayMs(failures);
    if (free > now.getTime()) retryAt = free;
  }
  if (addressEdge.length > 0) retryAt = Math.max(retryAt, addressEdge[0].attemptedAt.getTime() + ADDRESS_WINDOW_MS);
  if (retryAt === 0) return { attemptId: row.id, limited: false };
  await settleSignInAttempt(db, row.id, "blocked");
  return { attemptId: row.id, limited: true, retryAfterSeconds: secondsUntil(retryAt, now) };
}

export async function settleSignInAttempt(db: Executor, attemptId: number, outcome: AttemptOutcome): Promise<void> {
  await db.update(signInAttempts).set({ outcome }).where(eq(signInAttempts.id, attemptId));
}

/**
 * Record a sign-up attempt and say whether it may go ahead: at most
 * SIGN_UP_ADDRESS_LIMIT an hour from one address and SIGN_UP_EMAIL_LIMIT an
 * hour for one email, whether or not the email has an account (so the limit
 * itself tells nothing).
 */
export async function beginSignUpAttempt(db: Executor, key: { email: string; clientAddress: string | null | undefined }, now: Date): Promise<AttemptVerdict> {
  const { emailHash, addressHash } = attemptKeys(key.email, key.clientAddress);
  const [row] = await db.insert(signInAttempts).values({ kind: "sign-up", emailHash, addressHash, attemptedAt: now, outcome: "succeeded" }).returning({ id: signInAttempts.id });
  const nth = (column: typeof signInAttempts.emailHash | typeof signInAttempts.addressHash, value: string, limit: number) =>
    db
      .select({ attemptedAt: signInAttempts.attemptedAt })
      .from(signInAttempts)
      .where(
        and(
          eq(signInAttempts.kind, "sign-up"),
          eq(column, value),
          gt(signInAttempts.attemptedAt, new Date(now.getTime() - SIGN_UP_WINDOW_MS)),
          eq(signInAttempts.outcome, "succeeded"),
          ne(signInAttempts.id, row.id),
        ),
      )
      .orderBy(desc(signInAttempts.attemptedAt), desc(signInAttempts.id))
      .offset(limit - 1)
      .limit(1);
  const edges = (await Promise.all([nth(signInAttempts.addressHash, addressHash, SIGN_UP_ADDRESS_LIMIT), nth(signInAttempts.emailHash, emailHash, SIGN_UP_EMAIL_LIMIT)])).flat();
  if (edges.length === 0) return { attemptId: row.id, limited: false };
  await settleSignInAttempt(db, row.id, "blocked");
  const retryAt = Math.max(...edges.map((e) => e.attemptedAt.getTime() + SIGN_UP_WINDOW_MS));
  return { attemptId: row.id, limited: true, retryAfterSeconds: secondsUntil(retryAt, now) };
}

/** Forget attempts older than the retention (run at each sign-in and by the periodic sweep). */
export async function pruneSignInAttempts(db: Executor, now: Date): Promise<void> {
  await db.delete(signInAttempts).where(lt(signInAttempts.attemptedAt, new Date(now.getTime() - ATTEMPT_RETENTION_MS)));
}

/** For tests and the record: a pair's attempts, oldest first. */
export async function attemptsOf(db: Executor, email: string, clientAddress: string) {
  const { emailHash, addressHash } = attemptKeys(email, clientAddress);
  return db
    .select()
    .from(signInAttempts)
    .where(and(eq(signInAttempts.emailHash, emailHash), eq(signInAttempts.addressHash, addressHash)))
    .orderBy(asc(signInAttempts.attemptedAt), asc(signInAttempts.id));
}
