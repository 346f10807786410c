/**
 * Customers' tiers: the rule's (app/domain/tiers.ts) applied on delivery and
 * by the recompute command, and a sales manager's override with a reason.
 * users.tier holds the current tier (scheduling reads it); tier_events keeps
 * every change with who, when, from, to, why and whether it was computed.
 *
 * An override stands against the rule until the rule computes a higher tier:
 * a sales manager who raised a customer is not undone by the next recompute,
 * and one who lowered a customer (say, a fraud case) is not raised back by
 * the old deliveries, only by a new one that lifts the rule above the
 * override.
 */
import { recordAudit } from "~/.server/audit/audit.server";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { orderEvents, orders, tierEvents, users } from "#db/schema";
import { TIER_REASON_MAX } from "~/domain/forms/customer-file";
import { can } from "~/domain/permissions";
import { fail, ok, type Result } from "~/domain/result";
import { CUSTOMER_TIERS, isStaff, type CustomerTier, type Role } from "~/domain/roles";
import { computeTier, TIER_RANK, tierWindowStart, type DeliveredRecord, type TierSource } from "~/domain/tiers";


/** Orders delivered to the customer inside the window (counted from their delivery event), and their value per currency. */
export async function deliveredRecord(db: Executor, customerId: string, now: Date): Promise<DeliveredRecord> {
  const rows = await db
    .select({ currency: orders.currency, n: sql<number>`count(distinct ${orders.id})::int`, value: sql<string>`sum(${orders.total})::text` })
    .from(orders)
    .where(
      and(
        eq(orders.customerId, customerId),
        eq(orders.status, "delivered"),
        sql`exists (select 1 from ${orderEvents} where ${orderEvents.orderId} = ${orders.id} and ${orderEvents.toStatus} = 'delivered' and ${orderEvents.at} >= ${tierWindowStart(now).toISOString()}::timestamptz)`,
      ),
    )
    .groupBy(orders.currency);
  return {
    count: rows.reduce((sum, r) => sum + Number(r.n), 0),
    value: Object.fromEntries(rows.map((r) => [r.currency, Number(r.value)])),
  };
}

export interface TierEventView {
  id: number;
  fromTier: CustomerTier;
  toTier: CustomerTier;
  source: TierSource;
  reason: string | null;
  actorName: string | null;
  at: Date;
}

/** The customer's tier changes, newest first. */
export async function tierHistory(db: Executor, customerId: string): Promise<TierEventView[]> {
  return db
    .select({
      id: tierEvents.id,
      fromTier: tierEvents.fromTier,
      toTier: tierEvents.toTier,
      source: tierEvents.source,
      reason: tierEvents.reason,
      actorName: users.name,
      at: tierEvents.at,
    })
    .from(tierEvents)
    .leftJoin(users, eq(users.id, tierEvents.actorId))
    .where(eq(tierEvents.customerId, customerId))
    .orderBy(desc(tierEvents.id));
}

/**
 * Apply the rule to one customer (call it inside the transaction that
 * delivered an order): writes users.tier and a computed event when the tier
 * changes, nothing otherwise. Returns the tier the customer now has.
 */
export async function recomputeTier(tx: Executor, customerId: string, now: Date = new Date()): Promise<CustomerTier> {
  // Locks the customer's row, so two deliveries at once don't both read the old tier.
  const [user] = await tx.select({ tier: users.tier }).from(users).where(eq(users.id, customerId)).for("update");
  if (!user) throw new Error(`no user ${customerId}`);
  const computed = computeTier(await deliveredRecord(tx, customerId, now));
  const [last] = await tx.select({ source: tierEvents.source }).from(tierEvents).where(eq(tierEvents.customerId, customerId)).orderBy(desc(tierEvents.id)).limit(1);
  const overridden = last?.source === "override";
  const next = overridden && TIER_RANK[computed] <= TIER_RANK[user.tier] ? user.tier : computed;
  if (next !== user.tier) {
    await tx.update(users).set({ tier: next }).where(eq(users.id, customerId));
    await tx.insert(tierEvents).values({ customerId, fromTier: user.tier, toTier: next, source: "computed", at: now });
  }
  return next;
}

/** The recompute command: every customer, one transaction each. Returns how many changed tier. */
export async function recomputeAllTiers(db: Executor, now: Date = new Date()): Promise<{ customers: number; changed: number }> {
  const customers = await db.select({ id: users.id, tier: users.tier }).from(users).where(eq(users.role, "customer"));
  let changed = 0;
  for (const customer of customers) {
    const tier = await db.transaction((tx) => recomputeTier(tx, customer.id, now));
    if (tier !== customer.tier) changed++;
  }
  return { customers: customers.length, changed };
}

export interface TierOverride {
  to: string;
  reason: string;
}

/**
 * A sales manager sets a customer's tier by hand. The caller has checked the
 * customer belongs to the manager's dealership. Refused: not a sales manager
 * (403), an unknown tier or a missing / too long reason (400, by path), the
 * tier the customer already has (409). The tier and its event are written in
 * one transaction.
 */
export async function overrideTier(
  db: Executor,
  actor: { id: string; role: Role },
  customerId: string,
  input: TierOverride,
  now: Date = new Date(),
): Promise<Result<CustomerTier>> {
  if (!can(actor, "tier.override")) return fail({ status: 403, code: "forbidden", message: "only a sales manager overrides a tier" });
  if (!(CUSTOMER_TIERS as readonly string[]).includes(input.to)) return fail({ status: 400, code: "invalid-input", message: "the tier is gold, silver or standard", path: "tier" });
  const reason = input.reason.trim();
  if (reason.length === 0) return fail({ status: 400, code: "reason-required", message: "say why the tier is overridden", path: "reason" });
  if (reason.length > TIER_REASON_MAX)
    return fail({ status: 400, code: "invalid-input", message: `a reason is at most ${TIER_REASON_MAX} characters`, path: "reason" });
  const to = input.to as CustomerTier;
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ tier: users.tier, role: users.role }).from(users).where(eq(users.id, customerId)).for("update");
    if (!user || isStaff(user.role)) return fail({ status: 404, code: "not-found", message: "no such customer" });
    if (user.tier === to) return fail({ status: 409, code: "same-tier", message: `the customer is already ${to}`, path: "tier" });
    await tx.update(users).set({ tier: to }).where(eq(users.id, customerId));
    await tx.insert(tierEvents).values({ customerId, fromTier: user.tier, toTier: to, source: "override", actorId: actor.id, reason, at: now });
    await recordAudit(tx, { actorId: actor.id, action: "tier.override", subject: "customer", subjectId: customerId, before: { tier: user.tier }, after: { tier: to } }, now);
    return ok(to);
  });
}
