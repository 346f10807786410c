/**
 * Database sessions behind a signed cookie.
 *
 * The cookie holds a random 256-bit token; the sessions table holds only its
 * SHA-256, so reading the table does not yield usable sessions. A session
 * ends after 12 hours without a request (idle) or 7 days after sign-in
 * (absolute), whichever comes first, and at sign-out (row deleted).
 */
import { createHash, randomBytes } from "node:crypto";
import { createCookie, type Cookie, type CookieOptions } from "@remix-run/node";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Executor } from "#db/client";
import { sessions, users, type User } from "#db/schema";
import { getEnv, type Env } from "~/.server/platform/env.server";
import { sessionSecrets } from "./secrets.server";

export const IDLE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often: a write per request would be waste. */
export const TOUCH_INTERVAL_MS = 60 * 1000;

export const SESSION_COOKIE_NAME = "atelier_session";

/** The user as the app sees it: never the password hash. */
export type AuthUser = Pick<User, "id" | "email" | "name" | "role" | "tier" | "preferredLanguage" | "preferredMarket">;

export const authUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  tier: users.tier,
  preferredLanguage: users.preferredLanguage,
  preferredMarket: users.preferredMarket,
} as const;

/** The cookie's attributes for an environment (exported for tests). */
export function sessionCookieOptions(env: Env = getEnv()): CookieOptions {
  return {
    httpOnly: true,
    sameSite: "lax",
    // Secure in production; COOKIE_SECURE=0 lets a production build run on plain http
    // from another host (browsers already accept Secure cookies from http://localhost).
    secure: env.COOKIE_SECURE ?? env.NODE_ENV === "production",
    path: "/",
    maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
    secrets: sessionSecrets(env),
  };
}

let cookie: Cookie | undefined;

function sessionCookie(): Cookie {
  cookie ??= createCookie(SESSION_COOKIE_NAME, sessionCookieOptions());
  return cookie;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url"); // 256 bits → 43 characters
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Set-Cookie value that stores the session token (after sign-in or sign-up). */
export function sessionCookieHeader(sessionId: string): Promise<string> {
  return sessionCookie().serialize(sessionId);
}

/** Set-Cookie value that removes the session cookie (after sign-out). */
export function clearSessionCookieHeader(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

/** The session token of a request, if it carries a well-formed, correctly signed one. */
export async function readSessionToken(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  try {
    const value: unknown = await sessionCookie().parse(header);
    return typeof value === "string" && TOKEN_PATTERN.test(value) ? value : null;
  } catch {
    return null; // malformed cookie: treat as signed out
  }
}

/** Start a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(db: Executor, userId: string, now: Date = new Date()): Promise<string> {
  const token = newSessionToken();
  await db.insert(sessions).values({
    id: hashSessionToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
  });
  return token;
}

/**
 * The user of a live session, refreshing its idle timer. An expired session
 * is deleted on sight.
 */
export async function findSessionUser(db: Executor, token: string, now: Date = new Date()): Promise<AuthUser | null> {
  const id = hashSessionToken(token);
  const [row] = await db
    .select({ user: authUserColumns, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    // Deactivation deletes the sessions; the condition also covers a session started in the same instant.
    .where(and(eq(sessions.id, id), isNull(users.deactivatedAt)))
    .limit(1);
  if (!row) return null;
  const t = now.getTime();
  if (t >= row.expiresAt.getTime() || t >= row.lastSeenAt.getTime() + IDLE_TIMEOUT_MS) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (t - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return row.user;
}

export async function deleteSession(db: Executor, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, hashSessionToken(token)));
}

/** Remove sessions past either expiry (housekeeping, run at sign-in). */
export async function pruneSessions(db: Executor, now: Date = new Date()): Promise<void> {
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - IDLE_TIMEOUT_MS))));
}

/** All sessions of a user end (e.g. after a password change). */
export async function deleteUserSessions(db: Executor, userId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId)));
}
