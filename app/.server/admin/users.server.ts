/**
 * The admins' side of accounts (/admin/users): find people, invite staff,
 * change a role, deactivate and reactivate, send a password reset or a claim
 * link. Each change and its audit entry share one transaction (decision 031);
 * entries hold ids and roles, never names or emails.
 *
 * Guard rails (decision 039): the last active admin can't be deactivated or
 * demoted (409; such changes take one lock first, so they can't race), and a dealer or sales manager always works at a dealership —
 * the role can't be given without one, and membership follows the role.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { accountTokens, dealershipMembers, dealerships, users } from "#db/schema";
import { recordAudit } from "~/.server/audit/audit.server";
import { sendAccountLink } from "~/.server/auth/account-tokens.server";
import { deleteUserSessions } from "~/.server/auth/session.server";
import type { InviteInput, RoleChangeInput } from "~/domain/forms/admin";
import { fail, ok, type Result } from "~/domain/result";
import { DEALERSHIP_ROLES, type DealershipRole, type Role } from "~/domain/roles";
import { byName, matchesPerson } from "~/.server/privacy/person-search.server";
import { personIndexes } from "~/.server/privacy/personal-data.server";

/** Password hashes that are not PHC strings: no password verifies against them until one is set by a link. */
export const UNCLAIMED_HASH = "!unclaimed";
export const INVITED_HASH = "!invited";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isDealershipRole = (role: Role): role is DealershipRole => (DEALERSHIP_ROLES as readonly string[]).includes(role);

/** Where an account stands: active, waiting for its first password (invited staff, unclaimed customers), or deactivated. */
export type AccountState = "active" | "invited" | "unclaimed" | "deactivated";

export interface UserListRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  state: AccountState;
  createdAt: Date;
  dealerships: { id: string; name: string; role: DealershipRole }[];
}

const stateOf = (row: { passwordHash: string; deactivatedAt: Date | null }): AccountState =>
  row.deactivatedAt ? "deactivated" : row.passwordHash === INVITED_HASH ? "invited" : row.passwordHash === UNCLAIMED_HASH ? "unclaimed" : "active";

/**
 * Accounts whose exact email, or every word of whose name, is `q`; of one role
 * if given; staff first, then by name. Email and name are encrypted, so the
 * search goes through their blind indexes (whole words, not parts: decision
 * 045), and the order by name is made on the page read (the newest accounts
 * of each group when there are more than the limit).
 */
export async function searchUsers(db: Executor, filter: { q?: string; role?: Role }, options: { limit?: number } = {}): Promise<UserListRow[]> {
  const q = (filter.q ?? "").trim();
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      passwordHash: users.passwordHash,
      deactivatedAt: users.deactivatedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(q === "" ? undefined : matchesPerson(q), filter.role ? eq(users.role, filter.role) : undefined))
    .orderBy(sql`${users.role} = 'customer'`, desc(users.createdAt), asc(users.id))
    .limit(Math.min(options.limit ?? 100, 500));
  rows.sort((a, b) => Number(a.role === "customer") - Number(b.role === "customer") || byName(a, b));
  const ids = rows.map((r) => r.id);
  const memberships = ids.length
    ? await db
        .select({ userId: dealershipMembers.userId, id: dealerships.id, name: dealerships.name, role: dealershipMembers.role })
        .from(dealershipMembers)
        .innerJoin(dealerships, eq(dealerships.id, dealershipMembers.dealershipId))
        .where(inArray(dealershipMembers.userId, ids))
        .orderBy(asc(dealerships.name))
    : [];
  return rows.map(({ passwordHash, deactivatedAt, ...r }) => ({
    ...r,
    state: stateOf({ passwordHash, deactivatedAt }),
    dealerships: memberships.filter((m) => m.userId === r.id).map(({ userId: _u, ...m }) => m),
  }));
}

type Refused = Result<never>;
const unknownUser = (): Refused => fail({ status: 404, code: "unknown-user", message: "no such user", path: "userId" });
const unknownDealership = (): Refused => fail({ status: 400, code: "unknown-dealership", message: "no such dealership", path: "dealershipId" });
const lastAdmin = (): Refused =>
  fail({ status: 409, code: "last-admin", message: "this is the last active admin: make someone else an admin first", path: "userId" });

/** The user's row, locked for the rest of the transaction; null for an unknown or malformed id. */
async function lockUser(tx: Executor, userId: string) {
  if (!UUID.test(userId)) return null;
  const [row] = await tx
    .select({ id: users.id, role: users.role, passwordHash: users.passwordHash, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  return row ?? null;
}

/** Any number that names the "who may remove an admin" lock; taken by every change that can remove one. */
const ADMINS_LOCK = 0x41444d4e; // "ADMN"

/**
 * Serialise the changes that can leave the app without an admin (a role
 * change, a deactivation): a transaction-scoped advisory lock taken first,
 * before any row lock, so two admins removing each other at once run one
 * after the other (the second then sees it would remove the last) instead of
 * deadlocking on each other's rows.
 */
async function lockAdmins(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ADMINS_LOCK})`);
}

/** Whether an active admin other than `userId` exists (call under lockAdmins). */
async function anotherActiveAdmin(tx: Executor, userId: string): Promise<boolean> {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.deactivatedAt)));
  return admins.some((a) => a.id !== userId);
}

async function dealershipExists(tx: Executor, id: string | undefined): Promise<boolean> {
  if (!id) return false;
  const [row] = await tx.select({ id: dealerships.id }).from(dealerships).where(eq(dealerships.id, id));
  return !!row;
}

async function membershipIds(tx: Executor, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: dealershipMembers.dealershipId })
    .from(dealershipMembers)
    .where(eq(dealershipMembers.userId, userId))
    .orderBy(asc(dealershipMembers.dealershipId));
  return rows.map((r) => r.id);
}

/**
 * Create a staff account and email it a one-time link to set its password
 * (nobody, not even the admin, knows a password meanwhile). 409 for an email
 * that has an account already.
 */
export async function inviteStaff(db: Executor, actorId: string, input: InviteInput, now: Date = new Date()): Promise<Result<{ id: string }>> {
  return db.transaction(async (tx) => {
    if (isDealershipRole(input.role) && !(await dealershipExists(tx, input.dealershipId))) return unknownDealership();
    const [created] = await tx
      .insert(users)
      .values({ email: input.email, ...personIndexes(input), name: input.name, role: input.role, passwordHash: INVITED_HASH, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: users.emailIndex })
      .returning({ id: users.id });
    if (!created) return fail({ status: 409, code: "email-taken", message: "an account with this email already exists", path: "email" });
    const dealershipIds: string[] = [];
    if (isDealershipRole(input.role) && input.dealershipId) {
      await tx.insert(dealershipMembers).values({ dealershipId: input.dealershipId, userId: created.id, role: input.role, createdAt: now });
      dealershipIds.push(input.dealershipId);
    }
    await sendAccountLink(tx, { userId: created.id, purpose: "invite", createdBy: actorId }, now);
    await recordAudit(tx, { actorId, action: "user.invite", subject: "user", subjectId: created.id, after: { role: input.role, dealershipIds } }, now);
    return ok({ id: created.id });
  });
}

/**
 * Give a staff member another staff role. A dealer or sales manager works at
 * the dealership given (added there if new; their other memberships take the
 * new role too: one person, one role); any other role leaves every
 * dealership. A customer's account doesn't become staff (409).
 */
export async function changeRole(db: Executor, actorId: string, input: RoleChangeInput, now: Date = new Date()): Promise<Result<{ id: string }>> {
  return db.transaction(async (tx) => {
    await lockAdmins(tx);
    const user = await lockUser(tx, input.userId);
    if (!user) return unknownUser();
    if (user.role === "customer")
      return fail({
        status: 409,
        code: "customer-role",
        message: "a customer's account does not become staff: invite the person with a staff email",
        path: "role",
      });
    if (user.role === "admin" && input.role !== "admin" && !user.deactivatedAt && !(await anotherActiveAdmin(tx, user.id))) return lastAdmin();
    if (isDealershipRole(input.role) && !(await dealershipExists(tx, input.dealershipId))) return unknownDealership();
    const before = { role: user.role, dealershipIds: await membershipIds(tx, user.id) };
    await tx.update(users).set({ role: input.role, updatedAt: now }).where(eq(users.id, user.id));
    if (isDealershipRole(input.role) && input.dealershipId) {
      await tx.update(dealershipMembers).set({ role: input.role }).where(eq(dealershipMembers.userId, user.id));
      await tx.insert(dealershipMembers).values({ dealershipId: input.dealershipId, userId: user.id, role: input.role, createdAt: now }).onConflictDoNothing();
    } else {
      await tx.delete(dealershipMembers).where(eq(dealershipMembers.userId, user.id));
    }
    const after = { role: input.role, dealershipIds: await membershipIds(tx, user.id) };
    await recordAudit(tx, { actorId, action: "user.role", subject: "user", subjectId: user.id, before, after }, now);
    return ok({ id: user.id });
  });
}

/**
 * Deactivate an account: its sessions end at once (rows deleted; the session
 * lookup also refuses a deactivated account), its API tokens and unused
 * links stop working, and sign-in says it is deactivated.
 */
export async function deactivateUser(db: Executor, actorId: string, userId: string, now: Date = new Date()): Promise<Result<{ id: string }>> {
  return db.transaction(async (tx) => {
    await lockAdmins(tx);
    const user = await lockUser(tx, userId);
    if (!user) return unknownUser();
    if (user.deactivatedAt) return fail({ status: 409, code: "already-deactivated", message: "this account is deactivated already", path: "userId" });
    if (user.role === "admin" && !(await anotherActiveAdmin(tx, user.id))) return lastAdmin();
    await tx.update(users).set({ deactivatedAt: now, updatedAt: now }).where(eq(users.id, user.id));
    await deleteUserSessions(tx, user.id);
    await tx
      .update(accountTokens)
      .set({ usedAt: now })
      .where(and(eq(accountTokens.userId, user.id), isNull(accountTokens.usedAt)));
    await recordAudit(tx, { actorId, action: "user.deactivate", subject: "user", subjectId: user.id, before: { active: true }, after: { active: false } }, now);
    return ok({ id: user.id });
  });
}

export async function reactivateUser(db: Executor, actorId: string, userId: string, now: Date = new Date()): Promise<Result<{ id: string }>> {
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user) return unknownUser();
    if (!user.deactivatedAt) return fail({ status: 409, code: "not-deactivated", message: "this account is active", path: "userId" });
    await tx.update(users).set({ deactivatedAt: null, updatedAt: now }).where(eq(users.id, user.id));
    await recordAudit(tx, { actorId, action: "user.reactivate", subject: "user", subjectId: user.id, before: { active: false }, after: { active: true } }, now);
    return ok({ id: user.id });
  });
}

/**
 * Email a one-time link to set a new password. Someone invited who never set
 * one gets a fresh invitation instead; a customer a dealer created gets a
 * claim link. A deactivated account gets nothing (409: reactivate it first).
 */
export async function sendPasswordReset(
  db: Executor,
  actorId: string,
  userId: string,
  now: Date = new Date()
): Promise<Result<{ id: string; purpose: "invite" | "reset" | "claim" }>> {
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user) return unknownUser();
    if (user.deactivatedAt) return fail({ status: 409, code: "deactivated", message: "this account is deactivated: reactivate it first", path: "userId" });
    const purpose = user.passwordHash === INVITED_HASH ? "invite" : user.passwordHash === UNCLAIMED_HASH ? "claim" : "reset";
    await sendAccountLink(tx, { userId: user.id, purpose, createdBy: actorId }, now);
    await recordAudit(
      tx,
      { actorId, action: purpose === "claim" ? "user.claim-link" : "user.password-reset", subject: "user", subjectId: user.id, after: { purpose } },
      now
    );
    return ok({ id: user.id, purpose });
  });
}

/**
 * Send a "claim your account" link to a customer a dealer created (no
 * password yet). Called in the transaction that creates the account
 * (addCustomer), and from the admins' page to send it again.
 */
export async function sendClaimLink(tx: Executor, actorId: string | null, userId: string, now: Date = new Date()): Promise<void> {
  await sendAccountLink(tx, { userId, purpose: "claim", createdBy: actorId }, now);
  await recordAudit(tx, { actorId, action: "user.claim-link", subject: "user", subjectId: userId, after: { purpose: "claim" } }, now);
}

/** The dealerships to offer in the role forms. */
export async function dealershipOptions(db: Executor): Promise<{ id: string; name: string; code: string }[]> {
  return db.select({ id: dealerships.id, name: dealerships.name, code: dealerships.code }).from(dealerships).orderBy(asc(dealerships.name));
}
