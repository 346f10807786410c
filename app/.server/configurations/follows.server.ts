/**
 * Following a saved configuration: the owner asks to be told when a new
 * catalog version changes its price, whether it can be built, or its
 * delivery estimate (catalog-news.server.ts does the telling).
 *
 * Following is news the customer asked for, so it goes with the
 * `saved_configuration_news` consent: following gives it (recorded in the
 * consent history, in the same transaction) when it isn't given yet, and
 * withdrawing it in the profile stops every message while the follows stay.
 *
 * Every email about a followed configuration carries a one-click
 * unsubscribe link that needs no sign-in: a token signed with a key derived
 * from the server's session secret, naming the configuration and the moment
 * it was followed. Stopping clears that moment, so a link works once, and a
 * link from an earlier follow can't end a later one.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { configurations, consentEvents } from "#db/schema";
import { fail, ok, type Result } from "~/domain/result";
import { sessionSecrets } from "~/.server/auth/secrets.server";
import { getProfile } from "~/.server/customers/profile.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface FollowOutcome {
  followedAt: Date;
  /** Following gave the news consent just now (it had not been given, or was withdrawn). */
  consentGiven: boolean;
}

const notFound = () => fail({ status: 404 as const, code: "not-found" as const, message: "no such configuration" });

/** Follow one of the owner's configurations (following again keeps the first moment); gives the news consent if needed. */
export async function followConfiguration(db: Executor, ownerId: string, id: string, now: Date = new Date()): Promise<Result<FollowOutcome, "not-found">> {
  if (!UUID.test(id)) return notFound();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(configurations)
      // updated_at is the customer's own edits (the list's order): following isn't one.
      // A Date inside raw sql isn't mapped by the column (postgres.js refuses it): pass the instant as text.
      .set({ followedAt: sql`coalesce(${configurations.followedAt}, ${now.toISOString()}::timestamptz)`, updatedAt: sql`${configurations.updatedAt}` })
      .where(and(eq(configurations.id, id), eq(configurations.ownerId, ownerId)))
      .returning({ followedAt: configurations.followedAt });
    if (!row?.followedAt) return notFound();
    const profile = await getProfile(tx, ownerId);
    const consentGiven = !!profile && !profile.consents.saved_configuration_news.granted;
    if (consentGiven) await tx.insert(consentEvents).values({ userId: ownerId, kind: "saved_configuration_news", granted: true, at: now });
    return ok({ followedAt: row.followedAt, consentGiven });
  });
}

/** Stop following one of the owner's configurations (not following already is fine). */
export async function unfollowConfiguration(db: Executor, ownerId: string, id: string): Promise<Result<null, "not-found">> {
  if (!UUID.test(id)) return notFound();
  const rows = await db
    .update(configurations)
    .set({ followedAt: null, updatedAt: sql`${configurations.updatedAt}` })
    .where(and(eq(configurations.id, id), eq(configurations.ownerId, ownerId)))
    .returning({ id: configurations.id });
  return rows.length > 0 ? ok(null) : notFound();
}

// ---- unsubscribe links

const PURPOSE = "atelier/unsubscribe/v1";
const TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;

/** One key per session secret (the first signs, all verify: rotation), derived so the cookie key itself never signs a link. */
function keys(): Buffer[] {
  return sessionSecrets().map((secret) => createHmac("sha256", secret).update(PURPOSE).digest());
}

const sign = (key: Buffer, payload: string) => createHmac("sha256", key).update(payload).digest("base64url");

/** The token of an unsubscribe link for a configuration followed since `followedAt`. */
export function unsubscribeToken(configurationId: string, followedAt: Date): string {
  const payload = `${configurationId.toLowerCase()}.${followedAt.getTime().toString(36)}`;
  return `${payload}.${sign(keys()[0]!, payload)}`;
}

/** The app path of the unsubscribe page for a token. */
export const unsubscribePath = (token: string) => `/unsubscribe/${token}`;

/** A token's configuration and follow moment when its signature holds; null for anything else (never throws). */
export function readUnsubscribeToken(token: string): { configurationId: string; followedAt: Date } | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, id, at, signature] = match;
  const payload = `${id}.${at}`;
  const given = Buffer.from(signature!, "base64url");
  const valid = keys().some((key) => {
    const expected = Buffer.from(sign(key, payload), "base64url");
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  const ms = parseInt(at!, 36);
  return valid && Number.isSafeInteger(ms) ? { configurationId: id!, followedAt: new Date(ms) } : null;
}

/** What an unsubscribe link stops: the configuration's name, while the follow it was made for still stands. */
export async function unsubscribeTarget(db: Executor, token: string): Promise<{ name: string } | null> {
  const read = readUnsubscribeToken(token);
  if (!read) return null;
  const [row] = await db
    .select({ name: configurations.name })
    .from(configurations)
    .where(and(eq(configurations.id, read.configurationId), eq(configurations.followedAt, read.followedAt)));
  return row ?? null;
}

/** Stop the follow a link was made for; null when the token is invalid or already used (or the follow has changed). */
export async function unsubscribe(db: Executor, token: string): Promise<{ name: string } | null> {
  const read = readUnsubscribeToken(token);
  if (!read) return null;
  const [row] = await db
    .update(configurations)
    .set({ followedAt: null, updatedAt: sql`${configurations.updatedAt}` })
    .where(and(eq(configurations.id, read.configurationId), eq(configurations.followedAt, read.followedAt)))
    .returning({ name: configurations.name });
  return row ?? null;
}
