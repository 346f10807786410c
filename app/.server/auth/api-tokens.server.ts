/**
 * Per-user API tokens, for dealer systems and scripts that call the JSON API
 * without a browser session (docs/api.md, "Authentication").
 *
 * A token is "atk_" + 32 random bytes in base64url. It is shown once, when it
 * is made; the table keeps only its SHA-256, so reading the database yields no
 * usable token. A token is the user it belongs to, with that user's role;
 * revoking deletes it. `lastUsedAt` is written at most once a minute: a write
 * per request would make every API call a write.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, count, desc, eq, isNull, lte, or } from "drizzle-orm";
import type { Executor } from "#db/client";
import { apiTokens, users } from "#db/schema";
import { authUserColumns, type AuthUser } from "./session.server";

export const TOKEN_PREFIX = "atk_";
/** "atk_" + 43 base64url characters (256 bits). */
export const TOKEN_PATTERN = /^atk_[A-Za-z0-9_-]{43}$/;
/** lastUsedAt is written at most this often. */
export const TOKEN_TOUCH_INTERVAL_MS = 60 * 1000;
/** Tokens one user may hold at once: enough for every system they run, not an unbounded table. */
export const MAX_TOKENS_PER_USER = 20;

export interface ApiTokenInfo {
  id: string;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newApiToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export type CreateTokenResult = { ok: true; token: string; info: ApiTokenInfo } | { ok: false; status: 409; code: "too-many-tokens"; message: string };

/**
 * Make a token for a user. The plain token is in the result and nowhere else:
 * the caller shows it once. `label` is expected already validated (apiTokenCreateSchema).
 */
export async function createApiToken(db: Executor, userId: string, label: string, now: Date = new Date()): Promise<CreateTokenResult> {
  return db.transaction(async (tx) => {
    // Lock the user's row so two concurrent creations can't both pass the limit.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    const [{ n }] = await tx.select({ n: count() }).from(apiTokens).where(eq(apiTokens.userId, userId));
    if (n >= MAX_TOKENS_PER_USER)
      return {
        ok: false as const,
        status: 409 as const,
        code: "too-many-tokens" as const,
        message: `at most ${MAX_TOKENS_PER_USER} tokens per account: revoke one you no longer use first`,
      };
    const token = newApiToken();
    const [info] = await tx
      .insert(apiTokens)
      .values({ userId, tokenHash: hashApiToken(token), label, createdAt: now })
      .returning({ id: apiTokens.id, label: apiTokens.label, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt });
    return { ok: true as const, token, info: info! };
  });
}

/** A user's tokens, newest first (never the token itself: it isn't stored). */
export async function listApiTokens(db: Executor, userId: string): Promise<ApiTokenInfo[]> {
  return db
    .select({ id: apiTokens.id, label: apiTokens.label, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Revoke one of the user's tokens; false if it doesn't exist or isn't theirs. */
export async function revokeApiToken(db: Executor, userId: string, tokenId: string): Promise<boolean> {
  const deleted = await db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
    .returning({ id: apiTokens.id });
  return deleted.length > 0;
}

/** The user a token belongs to, or null for an unknown, revoked or malformed token. */
export async function findTokenUser(db: Executor, token: string, now: Date = new Date()): Promise<AuthUser | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const hash = hashApiToken(token);
  const [row] = await db
    .select({ user: authUserColumns, id: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    // A deactivated account's tokens stop working with its sessions (decision 039).
    .where(and(eq(apiTokens.tokenHash, hash), isNull(users.deactivatedAt)))
    .limit(1);
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOKEN_TOUCH_INTERVAL_MS) {
    // The condition repeats the check in SQL: of many concurrent requests, one writes.
    const before = new Date(now.getTime() - TOKEN_TOUCH_INTERVAL_MS);
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lte(apiTokens.lastUsedAt, before))));
  }
  return row.user;
}

/**
 * What a request's Authorization header says: none, a Bearer token, or
 * something else (which callers treat as an invalid credential, never as
 * "no header": a client that sent credentials must not silently become
 * whoever its cookie says).
 */
export function readBearer(request: Request): { kind: "none" } | { kind: "bearer"; token: string } | { kind: "malformed" } {
  const header = request.headers.get("Authorization");
  if (header === null) return { kind: "none" };
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
  return match ? { kind: "bearer", token: match[1]! } : { kind: "malformed" };
}
