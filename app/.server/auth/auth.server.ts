/**
 * Accounts and sessions: the only module routes use for who-is-this.
 * See docs/decisions/004-sessions-and-auth.md.
 *
 * Request helpers use the process database (getDb) unless given one, and the
 * real clock unless given `now`; tests pass both.
 *
 *   const user = await requireUser(request);                // page: redirects to /login
 *   const user = await requireApiUser(request);             // API: 401 JSON
 *   const user = await requirePermission(request, "queue.manage");    // 403 without it (~/domain/permissions)
 */
import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { users } from "#db/schema";
import { fieldErrors, signInSchema, signUpSchema } from "~/domain/forms/auth";
import { can, type Permission } from "~/domain/permissions";
import { emailIndex, personIndexes } from "~/.server/privacy/personal-data.server";
import { sendAccountLink } from "./account-tokens.server";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { beginSignInAttempt, beginSignUpAttempt, pruneSignInAttempts, settleSignInAttempt } from "./rate-limit.server";
import {
  authUserColumns,
  createSession,
  deleteSession,
  findSessionUser,
  pruneSessions,
  readSessionToken,
  type AuthUser,
} from "./session.server";

export { clearSessionCookieHeader, sessionCookieHeader, type AuthUser } from "./session.server";

export interface AuthOptions {
  /** Database to use (default: the process's, from getDb()). */
  db?: Executor;
  /** The current time (default: the clock). */
  now?: Date;
}

export const AUTH_MESSAGES = {
  invalidInput: "Please check the form: some fields are missing or not valid.",
  invalidCredentials: "The email or password is incorrect.",
  rateLimited: "Too many sign-in attempts. Please wait and try again.",
  signUpRateLimited: "Too many sign-up attempts. Please wait and try again.",
  unauthorized: "You need to sign in.",
  forbidden: "Your account does not have access to this page.",
  deactivated: "This account has been deactivated. Ask an administrator of Atelier to reactivate it.",
} as const;

export type SignUpResult =
  | { ok: true }
  | { ok: false; status: 400; message: string; fieldErrors: Record<string, string[]> }
  | { ok: false; status: 429; message: string; retryAfterSeconds: number };

/** Passwords of accounts nobody has set a password for yet: no password verifies against them (decision 039). */
const UNCLAIMED = "!unclaimed";
const INVITED = "!invited";

/**
 * Ask for a customer account (staff accounts are made by admins or the seed).
 * The answer is the same whether or not the email has an account, so the form
 * tells nobody who is a customer (decision 043); what differs is the email
 * the address's owner receives, through the outbox, in the same transaction:
 * - a new email: an account without a password (like one a dealer made) and
 *   a link to set the password, which signs the person in;
 * - an account nobody has set a password for yet (a sign-up not finished, a
 *   customer a dealer added): that link again; an invited staff member: the
 *   invitation again;
 * - any other account: "you already have an account", with a link to set a
 *   new password in case it was forgotten;
 * - a deactivated account: nothing.
 * Input is parsed with the form's schema first and attempts are throttled
 * per address and per email (429 with Retry-After) before anything else.
 */
export async function signUp(
  db: Executor,
  input: { email: unknown; name: unknown; clientAddress?: string | null },
  options: { now?: Date } = {},
): Promise<SignUpResult> {
  const parsed = signUpSchema.safeParse({ email: input.email, name: input.name });
  if (!parsed.success) {
    return { ok: false, status: 400, message: AUTH_MESSAGES.invalidInput, fieldErrors: fieldErrors(parsed.error) };
  }
  const { email, name } = parsed.data;
  const now = options.now ?? new Date();
  await pruneSignInAttempts(db, now);
  const attempt = await beginSignUpAttempt(db, { email, clientAddress: input.clientAddress }, now);
  if (attempt.limited) return { ok: false, status: 429, message: AUTH_MESSAGES.signUpRateLimited, retryAfterSeconds: attempt.retryAfterSeconds };

  await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ email, ...personIndexes({ email, name }), passwordHash: UNCLAIMED, name, role: "customer", createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: users.emailIndex })
      .returning({ id: users.id });
    if (created) {
      await sendAccountLink(tx, { userId: created.id, purpose: "claim", createdBy: null, template: "signup" }, now);
      return;
    }
    const [existing] = await tx
      .select({ id: users.id, passwordHash: users.passwordHash, deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(eq(users.emailIndex, emailIndex(email)))
      .limit(1);
    if (!existing || existing.deactivatedAt) return;
    if (existing.passwordHash === UNCLAIMED) await sendAccountLink(tx, { userId: existing.id, purpose: "claim", createdBy: null, template: "signup" }, now);
    else if (existing.passwordHash === INVITED) await sendAccountLink(tx, { userId: existing.id, purpose: "invite", createdBy: null }, now);
    else await sendAccountLink(tx, { userId: existing.id, purpose: "reset", createdBy: null, template: "signupExisting" }, now);
  });
  return { ok: true };
}

export type SignInResult =
  | { ok: true; user: AuthUser; sessionId: string }
  | { ok: false; status: 400 | 401 | 403; message: string; fieldErrors?: Record<string, string[]> }
  | { ok: false; status: 429; message: string; retryAfterSeconds: number };

/**
 * Check credentials and start a new session (always a new id: no fixation).
 * 400 for input that fails the schema (not counted, never stored), 429 (with
 * the seconds to wait) while the account + address pair must wait after its
 * wrong passwords or the address is over its ceiling (rate-limit.server.ts),
 * 401 for a wrong email or password (the same answer for both), 403 for the
 * right password of a deactivated account (said only after the password
 * checked out, so it tells nothing to someone guessing).
 */
export async function signIn(
  db: Executor,
  input: { email: unknown; password: unknown; clientAddress?: string | null },
  options: { now?: Date } = {},
): Promise<SignInResult> {
  const parsed = signInSchema.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) {
    return { ok: false, status: 400, message: AUTH_MESSAGES.invalidInput, fieldErrors: fieldErrors(parsed.error) };
  }
  const { email, password } = parsed.data;
  const now = options.now ?? new Date();

  await Promise.all([pruneSignInAttempts(db, now), pruneSessions(db, now)]);
  const attempt = await beginSignInAttempt(db, { email, clientAddress: input.clientAddress }, now);
  if (attempt.limited) return { ok: false, status: 429, message: AUTH_MESSAGES.rateLimited, retryAfterSeconds: attempt.retryAfterSeconds };

  const [account] = await db
    .select({ ...authUserColumns, passwordHash: users.passwordHash, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(eq(users.emailIndex, emailIndex(email)))
    .limit(1);
  const valid = account ? await verifyPassword(account.passwordHash, password) : await verifyAgainstDummy(password);
  if (!account || !valid) return { ok: false, status: 401, message: AUTH_MESSAGES.invalidCredentials };

  await settleSignInAttempt(db, attempt.attemptId, "succeeded");
  if (account.deactivatedAt) return { ok: false, status: 403, message: AUTH_MESSAGES.deactivated };
  const { passwordHash: _hash, deactivatedAt: _deactivated, ...user } = account;
  return { ok: true, user, sessionId: await createSession(db, user.id, now) };
}

/** End the request's session server-side (the old cookie stops working). Pair with clearSessionCookieHeader(). */
export async function signOut(request: Request, options: AuthOptions = {}): Promise<void> {
  const token = await readSessionToken(request);
  if (!token) return;
  await deleteSession(options.db ?? (await getDb()), token);
}

/** The signed-in user, or null. */
export async function getUser(request: Request, options: AuthOptions = {}): Promise<AuthUser | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
  return findSessionUser(options.db ?? (await getDb()), token, options.now ?? new Date());
}

/** The signed-in user; otherwise throws a redirect to /login that comes back here afterwards. */
export async function requireUser(request: Request, options: AuthOptions = {}): Promise<AuthUser> {
  const user = await getUser(request, options);
  if (user) return user;
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`);
}

/** For resource/API routes: the signed-in user, or a thrown 401 JSON response. */
export async function requireApiUser(request: Request, options: AuthOptions = {}): Promise<AuthUser> {
  const user = await getUser(request, options);
  if (user) return user;
  throw Response.json({ error: "unauthorized", message: AUTH_MESSAGES.unauthorized }, { status: 401 });
}

function forbidden(): Response {
  return Response.json({ error: "forbidden", message: AUTH_MESSAGES.forbidden }, { status: 403 });
}

/**
 * The signed-in user if they hold `permission`. Signed out: redirect to
 * /login (as requireUser); signed in without it: a thrown 403.
 */
export async function requirePermission(request: Request, permission: Permission, options: AuthOptions = {}): Promise<AuthUser> {
  const user = await requireUser(request, options);
  if (!can(user, permission)) throw forbidden();
  return user;
}

/** requirePermission for API routes: 401 JSON when signed out, 403 JSON without the permission. */
export async function requireApiPermission(request: Request, permission: Permission, options: AuthOptions = {}): Promise<AuthUser> {
  const user = await requireApiUser(request, options);
  if (!can(user, permission)) throw forbidden();
  return user;
}
