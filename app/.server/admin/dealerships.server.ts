/**
 * The admins' side of dealerships (/admin/dealerships): their details (shown
 * on quotes and in the customers' dealer choice, read from here when those
 * are made), the discount ceiling, quote validity, and who works there in
 * which role with which cap. Each change writes its audit entry in its own
 * transaction; entries hold ids and values, not people's names.
 */
import { and, asc, count, eq, inArray, isNull, notInArray } from "drizzle-orm";
import type { Executor } from "#db/client";
import { dealershipMembers, dealerships, users, type Dealership } from "#db/schema";
import { recordAudit } from "~/.server/audit/audit.server";
import type { AuditValue } from "~/domain/audit";
import type { DealershipInput, MemberInput } from "~/domain/forms/admin";
import { fail, ok, type Result } from "~/domain/result";
import { DEALERSHIP_ROLES, type DealershipRole, type Role } from "~/domain/roles";
import { isDealershipRole } from "./users.server";
import { byName } from "~/.server/privacy/person-search.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DealershipListRow {
  id: string;
  code: string;
  name: string;
  market: string;
  city: string | null;
  members: number;
}

export async function listDealershipsForAdmin(db: Executor): Promise<DealershipListRow[]> {
  return db
    .select({
      id: dealerships.id,
      code: dealerships.code,
      name: dealerships.name,
      market: dealerships.market,
      city: dealerships.city,
      members: count(dealershipMembers.userId),
    })
    .from(dealerships)
    .leftJoin(dealershipMembers, eq(dealershipMembers.dealershipId, dealerships.id))
    .groupBy(dealerships.id)
    .orderBy(asc(dealerships.name));
}

export interface DealershipMemberView {
  userId: string;
  name: string;
  email: string;
  role: DealershipRole;
  discountCapBasisPoints: number;
  active: boolean;
}

export async function getDealershipForAdmin(db: Executor, id: string): Promise<{ dealership: Dealership; members: DealershipMemberView[] } | null> {
  if (!UUID.test(id)) return null;
  const [dealership] = await db.select().from(dealerships).where(eq(dealerships.id, id));
  if (!dealership) return null;
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: dealershipMembers.role,
      discountCapBasisPoints: dealershipMembers.discountCapBasisPoints,
      deactivatedAt: users.deactivatedAt,
    })
    .from(dealershipMembers)
    .innerJoin(users, eq(users.id, dealershipMembers.userId))
    .where(eq(dealershipMembers.dealershipId, id));
  // Names are encrypted (decision 045): sorted here, not in SQL.
  rows.sort(byName);
  return { dealership, members: rows.map(({ deactivatedAt, ...m }) => ({ ...m, active: !deactivatedAt })) };
}

/** Staff who could join a dealership: dealers and sales managers not working there yet. */
export async function memberCandidates(db: Executor, dealershipId: string): Promise<{ id: string; name: string; email: string; role: Role }[]> {
  const here = db.select({ id: dealershipMembers.userId }).from(dealershipMembers).where(eq(dealershipMembers.dealershipId, dealershipId));
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(inArray(users.role, [...DEALERSHIP_ROLES]), notInArray(users.id, here), isNull(users.erasedAt)));
  return rows.sort(byName);
}

const columnsOf = (input: DealershipInput) => ({
  code: input.code,
  name: input.name,
  market: input.market as Dealership["market"],
  street: input.street ?? null,
  postalCode: input.postalCode ?? null,
  city: input.city ?? null,
  country: input.country ?? null,
  phone: input.phone ?? null,
  email: input.email ?? null,
  discountCapBasisPoints: input.discountCap,
  quoteValidityDays: input.quoteValidityDays,
});
type Columns = ReturnType<typeof columnsOf>;

const codeTaken = (): Result<never> => fail({ status: 409, code: "code-taken", message: "another dealership has this code", path: "code" });
const unknownDealership = (): Result<never> => fail({ status: 404, code: "unknown-dealership", message: "no such dealership" });

async function codeInUse(tx: Executor, code: string, except?: string): Promise<boolean> {
  const [row] = await tx.select({ id: dealerships.id }).from(dealerships).where(eq(dealerships.code, code));
  return !!row && row.id !== except;
}

export async function createDealership(db: Executor, actorId: string, input: DealershipInput, now: Date = new Date()): Promise<Result<{ id: string }>> {
  return db.transaction(async (tx) => {
    const values = columnsOf(input);
    if (await codeInUse(tx, values.code)) return codeTaken();
    const [created] = await tx
      .insert(dealerships)
      .values({ ...values, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: dealerships.id });
    if (!created) return codeTaken();
    await recordAudit(tx, { actorId, action: "dealership.create", subject: "dealership", subjectId: created.id, after: values }, now);
    return ok({ id: created.id });
  });
}

/** Change a dealership's details; the audit entry holds only the fields that changed. */
export async function updateDealership(
  db: Executor,
  actorId: string,
  id: string,
  input: DealershipInput,
  now: Date = new Date()
): Promise<Result<{ id: string }>> {
  if (!UUID.test(id)) return unknownDealership();
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(dealerships).where(eq(dealerships.id, id)).for("update");
    if (!current) return unknownDealership();
    const values = columnsOf(input);
    if (await codeInUse(tx, values.code, id)) return codeTaken();
    const before: Record<string, AuditValue> = {};
    const after: Record<string, AuditValue> = {};
    for (const key of Object.keys(values) as (keyof Columns)[]) {
      if (current[key] !== values[key]) {
        before[key] = current[key];
        after[key] = values[key];
      }
    }
    if (Object.keys(after).length === 0) return ok({ id });
    await tx
      .update(dealerships)
      .set({ ...values, updatedAt: now })
      .where(eq(dealerships.id, id));
    await recordAudit(tx, { actorId, action: "dealership.update", subject: "dealership", subjectId: id, before, after }, now);
    return ok({ id });
  });
}

/**
 * Add a dealer or sales manager to a dealership, or change a member's role or
 * cap there. One person holds one role: a member's dealership role is their
 * account's role, so changing it here changes the account's role too (and
 * their role at any other dealership), with a "user.role" entry beside the
 * membership's.
 */
export async function saveMember(
  db: Executor,
  actorId: string,
  dealershipId: string,
  input: MemberInput,
  mode: "add" | "update",
  now: Date = new Date()
): Promise<Result<{ userId: string }>> {
  if (!UUID.test(dealershipId)) return unknownDealership();
  return db.transaction(async (tx) => {
    const [dealership] = await tx.select({ id: dealerships.id }).from(dealerships).where(eq(dealerships.id, dealershipId));
    if (!dealership) return unknownDealership();
    const [user] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, input.userId)).for("update");
    if (!user) return fail({ status: 404, code: "unknown-user", message: "no such user", path: "userId" });
    if (!isDealershipRole(user.role))
      return fail({
        status: 409,
        code: "not-dealership-staff",
        message: "only dealers and sales managers work at a dealership: change the person's role first",
        path: "userId",
      });
    const [membership] = await tx
      .select({ role: dealershipMembers.role, cap: dealershipMembers.discountCapBasisPoints })
      .from(dealershipMembers)
      .where(and(eq(dealershipMembers.dealershipId, dealershipId), eq(dealershipMembers.userId, user.id)));
    if (mode === "add" && membership) return fail({ status: 409, code: "already-member", message: "this person works here already", path: "userId" });
    if (mode === "update" && !membership) return fail({ status: 404, code: "not-a-member", message: "this person does not work here", path: "userId" });
    if (membership) {
      await tx
        .update(dealershipMembers)
        .set({ role: input.role, discountCapBasisPoints: input.discountCap })
        .where(and(eq(dealershipMembers.dealershipId, dealershipId), eq(dealershipMembers.userId, user.id)));
    } else {
      await tx.insert(dealershipMembers).values({ dealershipId, userId: user.id, role: input.role, discountCapBasisPoints: input.discountCap, createdAt: now });
    }
    await recordAudit(
      tx,
      {
        actorId,
        action: "dealership.member",
        subject: "dealership",
        subjectId: dealershipId,
        before: membership ? { userId: user.id, role: membership.role, discountCapBasisPoints: membership.cap } : null,
        after: { userId: user.id, role: input.role, discountCapBasisPoints: input.discountCap },
      },
      now
    );
    if (user.role !== input.role) {
      await tx.update(users).set({ role: input.role, updatedAt: now }).where(eq(users.id, user.id));
      await tx.update(dealershipMembers).set({ role: input.role }).where(eq(dealershipMembers.userId, user.id));
      await recordAudit(
        tx,
        { actorId, action: "user.role", subject: "user", subjectId: user.id, before: { role: user.role }, after: { role: input.role } },
        now
      );
    }
    return ok({ userId: user.id });
  });
}

/**
 * Take someone off a dealership. A dealer or sales manager must keep one
 * dealership (409 for their last): change their role or deactivate them
 * instead.
 */
export async function removeMember(
  db: Executor,
  actorId: string,
  dealershipId: string,
  userId: string,
  now: Date = new Date()
): Promise<Result<{ userId: string }>> {
  if (!UUID.test(dealershipId)) return unknownDealership();
  if (!UUID.test(userId)) return fail({ status: 404, code: "not-a-member", message: "this person does not work here", path: "userId" });
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, userId)).for("update");
    const memberships = user
      ? await tx
          .select({ dealershipId: dealershipMembers.dealershipId, role: dealershipMembers.role, cap: dealershipMembers.discountCapBasisPoints })
          .from(dealershipMembers)
          .where(eq(dealershipMembers.userId, userId))
      : [];
    const here = memberships.find((m) => m.dealershipId === dealershipId);
    if (!user || !here) return fail({ status: 404, code: "not-a-member", message: "this person does not work here", path: "userId" });
    if (memberships.length === 1 && isDealershipRole(user.role))
      return fail({
        status: 409,
        code: "last-membership",
        message: "a dealer or sales manager works at a dealership: change the person's role or deactivate them instead",
        path: "userId",
      });
    await tx.delete(dealershipMembers).where(and(eq(dealershipMembers.dealershipId, dealershipId), eq(dealershipMembers.userId, userId)));
    await recordAudit(
      tx,
      {
        actorId,
        action: "dealership.member",
        subject: "dealership",
        subjectId: dealershipId,
        before: { userId, role: here.role, discountCapBasisPoints: here.cap },
        after: null,
      },
      now
    );
    return ok({ userId });
  });
}
