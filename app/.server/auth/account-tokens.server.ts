/**
 * One-time links to set a password: a staff invitation, a password reset, a
 * customer claiming the account a dealer made for them (decision 039).
 *
 * The link carries a random 256-bit token; the table keeps only its SHA-256,
 * so a leaked table opens no account. A token works once and until it
 * expires; sending a new link for the same purpose ends the older ones.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "#db/client";
import { accountTokens, emailOutbox, users, type AccountTokenPurpose } from "#db/schema";
import { DEFAULT_LANGUAGE, getT, isLanguage } from "~/i18n";
import { absoluteUrl } from "~/.server/platform/env.server";
import { hashPassword } from "./password.server";
import { createSession, deleteUserSessions, type AuthUser, authUserColumns } from "./session.server";

/** How long each kind of link works: a reset is urgent and sensitive; an invitation or a claim waits for someone to read mail. */
export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  invite: 7 * 24 * 60 * 60 * 1000,
  reset: 2 * 60 * 60 * 1000,
  claim: 14 * 24 * 60 * 60 * 1000,
};

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const hashAccountToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The public page a link opens. */
export const accountLinkPath = (token: string) => `/set-password/${token}`;

/**
 * Issue a token (ending the user's older unused ones of the same purpose) and
 * put the email with its link in the outbox, in the user's language. Call it
 * in the transaction of the change it belongs to. Returns the token (tests
 * and the caller's audit entry never store it).
 */
export async function sendAccountLink(
  tx: Executor,
  input: {
    userId: string;
    purpose: AccountTokenPurpose;
    createdBy: string | null;
    /** The email's wording (`people.email.<template>`) when it is not the purpose's own: a sign-up's (decision 043). */
    template?: "signup" | "signupExisting";
  },
  now: Date = new Date()
): Promise<string> {
  const [user] = await tx.select({ email: users.email, name: users.name, language: users.preferredLanguage }).from(users).where(eq(users.id, input.userId));
  if (!user) throw new Error(`no user ${input.userId}`);
  await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.userId, input.userId), eq(accountTokens.purpose, input.purpose), isNull(accountTokens.usedAt)));
  const token = randomBytes(32).toString("base64url");
  await tx
    .insert(accountTokens)
    .values({
      userId: input.userId,
      tokenHash: hashAccountToken(token),
      purpose: input.purpose,
      createdAt: now,
      expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[input.purpose]),
      createdBy: input.createdBy,
    });
  const t = getT(user.language && isLanguage(user.language) ? user.language : DEFAULT_LANGUAGE);
  const values = { name: user.name, link: absoluteUrl(accountLinkPath(token)), email: user.email, login: absoluteUrl("/login") };
  const template = input.template ?? input.purpose;
  await tx
    .insert(emailOutbox)
    .values({ toAddress: user.email, subject: t(`people.email.${template}.subject`, values), body: t(`people.email.${template}.body`, values) });
  return token;
}

export type TokenLookup =
  | { status: "ok"; purpose: AccountTokenPurpose; user: { id: string; email: string; name: string } }
  /** No such token (or not one at all): 404. */
  | { status: "unknown" }
  /** Used already, expired, or its account was deactivated since: 410. */
  | { status: "gone" };

async function findToken(db: Executor, token: string, now: Date, forUpdate: boolean) {
  if (!TOKEN_PATTERN.test(token)) return { lookup: { status: "unknown" } as TokenLookup };
  const query = db
    .select({
      id: accountTokens.id,
      purpose: accountTokens.purpose,
      expiresAt: accountTokens.expiresAt,
      usedAt: accountTokens.usedAt,
      user: { id: users.id, email: users.email, name: users.name, deactivatedAt: users.deactivatedAt },
    })
    .from(accountTokens)
    .innerJoin(users, eq(users.id, accountTokens.userId))
    .where(eq(accountTokens.tokenHash, hashAccountToken(token)));
  const [row] = forUpdate ? await query.for("update", { of: accountTokens }) : await query;
  if (!row) return { lookup: { status: "unknown" } as TokenLookup };
  if (row.usedAt || row.expiresAt.getTime() <= now.getTime() || row.user.deactivatedAt) return { lookup: { status: "gone" } as TokenLookup };
  const { deactivatedAt: _d, ...user } = row.user;
  return { lookup: { status: "ok", purpose: row.purpose, user } as TokenLookup, id: row.id };
}

/** What a link's page shows, without using the token. */
export async function lookupAccountToken(db: Executor, token: string, now: Date = new Date()): Promise<TokenLookup> {
  return (await findToken(db, token, now, false)).lookup;
}

export type RedeemResult = { status: "ok"; user: AuthUser; sessionId: string } | { status: "unknown" } | { status: "gone" };

/**
 * Set the password with a link's token and sign the person in: the token is
 * locked and marked used in the same transaction that sets the password, so
 * two tabs submitting at once set it once. Every other session of the
 * account ends (a reset is often about someone else having got in).
 */
export async function redeemAccountToken(db: Executor, token: string, password: string, now: Date = new Date()): Promise<RedeemResult> {
  if (!TOKEN_PATTERN.test(token)) return { status: "unknown" };
  const passwordHash = await hashPassword(password); // before the transaction: ~50 ms of CPU
  return db.transaction(async (tx) => {
    const found = await findToken(tx, token, now, true);
    if (found.lookup.status !== "ok" || !found.id) return found.lookup as RedeemResult;
    const userId = found.lookup.user.id;
    await tx.update(accountTokens).set({ usedAt: now }).where(eq(accountTokens.id, found.id));
    const [user] = await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId)).returning(authUserColumns);
    await deleteUserSessions(tx, userId);
    return { status: "ok" as const, user: user!, sessionId: await createSession(tx, userId, now) };
  });
}
