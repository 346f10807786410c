/**
 * The production queue's writes: capacity per line and day, scheduling by
 * hand and automatically.
 *
 * Capacity is never exceeded, also when two planners (or two app servers)
 * schedule onto the same line at once: every scheduling transaction first
 * takes a transaction-scoped advisory lock on the product line, so the count
 * of units on a day and the write that adds one can't interleave with another
 * scheduler's. The order's own version guards against a planner acting on an
 * order someone else changed meanwhile.
 */
import { and, eq, gte, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { lineCapacity, lineCapacityDays, orderEvents, orders, queueEntries } from "#db/schema";
import { addDays, cleanReason, dayOf, rescheduleNeedsReason, transitionRefusal, type OrderStatus } from "~/domain/orders";
import { can } from "~/domain/permissions";
import { fail, ok, type Result } from "~/domain/result";
import { autoSchedule, buildDateProblem, SCHEDULING_WINDOW_DAYS, type LineCalendar, type SchedulingOrder } from "~/domain/scheduling";
import { getEnv } from "~/.server/platform/env.server";
import { announceOrderChange } from "~/.server/orders/order-messages.server";
import {
  bumpVersion,
  readOrder,
  reasonTooLong,
  stale,
  transitionFailure,
  type OrderActor,
  type OrderRefusalCode,
  type OrderView,
} from "~/.server/orders/orders.server";

/** Serialize schedulers of one line (transaction-scoped: released at commit or rollback). */
async function lockLine(tx: Executor, line: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`atelier.schedule.${line}`}))`);
}

/** A line's default daily capacity: the planners' setting, or the environment's default. */
export async function defaultCapacity(db: Executor, line: string): Promise<number> {
  const [row] = await db.select({ units: lineCapacity.unitsPerDay }).from(lineCapacity).where(eq(lineCapacity.lineCode, line));
  return row?.units ?? getEnv().DEFAULT_LINE_CAPACITY;
}

export async function setDefaultCapacity(db: Executor, line: string, units: number): Promise<void> {
  await db
    .insert(lineCapacity)
    .values({ lineCode: line, unitsPerDay: units })
    .onConflictDoUpdate({ target: lineCapacity.lineCode, set: { unitsPerDay: units, updatedAt: new Date() } });
}

/** Set one day's capacity (null: back to the line's default). */
export async function setDayCapacity(db: Executor, line: string, day: string, units: number | null): Promise<void> {
  if (units === null) {
    await db.delete(lineCapacityDays).where(and(eq(lineCapacityDays.lineCode, line), eq(lineCapacityDays.day, day)));
    return;
  }
  await db
    .insert(lineCapacityDays)
    .values({ lineCode: line, day, unitsPerDay: units })
    .onConflictDoUpdate({ target: [lineCapacityDays.lineCode, lineCapacityDays.day], set: { unitsPerDay: units } });
}

/** Capacity and load of a line from `from` to `to` (inclusive). */
export async function lineCalendar(db: Executor, line: string, from: string, to: string): Promise<LineCalendar & { defaultUnits: number }> {
  const [defaultUnits, overrides, loads] = await Promise.all([
    defaultCapacity(db, line),
    db
      .select({ day: lineCapacityDays.day, units: lineCapacityDays.unitsPerDay })
      .from(lineCapacityDays)
      .where(and(eq(lineCapacityDays.lineCode, line), gte(lineCapacityDays.day, from), lte(lineCapacityDays.day, to))),
    db
      .select({ day: queueEntries.buildDate, n: sql<number>`count(*)::int` })
      .from(queueEntries)
      .where(and(eq(queueEntries.lineCode, line), gte(queueEntries.buildDate, from), lte(queueEntries.buildDate, to)))
      .groupBy(queueEntries.buildDate),
  ]);
  const byDay = new Map(overrides.map((o) => [o.day, o.units]));
  return {
    defaultUnits,
    capacityOn: (day) => byDay.get(day) ?? defaultUnits,
    load: new Map(loads.map((l) => [l.day!, Number(l.n)])),
  };
}

export interface ScheduleInput {
  number: string;
  buildDate: string;
  expectedVersion: number;
  /** Why: required to move a build date that is inside the frozen horizon; kept with the event. */
  reason?: string;
}

/**
 * Give an order a build date (or move it to another one) by hand. Refused
 * when the day is full, before the order's earliest build day, in the past,
 * when the order is past "scheduled", or — for a build date already inside
 * the frozen horizon — without a reason (422 on "reason").
 */
export async function scheduleOrder(
  db: Executor,
  actor: OrderActor,
  input: ScheduleInput,
  options: { now?: Date; horizonDays?: number } = {},
): Promise<Result<OrderView, OrderRefusalCode>> {
  const now = options.now ?? new Date();
  const horizon = options.horizonDays ?? getEnv().ORDER_FROZEN_HORIZON_DAYS;
  const tooLong = reasonTooLong(input.reason);
  if (tooLong) return tooLong;
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select({ id: orders.id, line: orders.lineCode, status: orders.status, earliest: queueEntries.earliestBuildDate, buildDate: queueEntries.buildDate })
      .from(orders)
      .innerJoin(queueEntries, eq(queueEntries.orderId, orders.id))
      .where(eq(orders.number, input.number));
    if (!order) return fail({ status: 404, code: "not-found", message: `no order ${input.number} in the queue` });
    if (order.status !== "received" && order.status !== "scheduled")
      return fail({ status: 409, code: "not-forward", message: `order ${input.number} is ${order.status}: its build date can no longer change` });
    if (rescheduleNeedsReason(order, dayOf(now), horizon) && cleanReason(input.reason) === null)
      return fail({
        status: 422,
        code: "reason-required",
        message: `order ${input.number} is built on ${order.buildDate}, within the ${horizon}-day frozen horizon: say why it moves`,
        path: "reason",
      });
    const dateProblem = buildDateProblem(input.buildDate, { today: dayOf(now), earliest: order.earliest });
    if (dateProblem === "past-day") return fail({ status: 400, code: "invalid-input", message: "a build date must be after today", path: "buildDate" });
    if (dateProblem === "before-earliest")
      return fail({
        status: 409,
        code: "invalid-input",
        message: `the parts for order ${input.number} are not there before ${order.earliest}: choose that day or a later one`,
        path: "buildDate",
      });
    await lockLine(tx, order.line);
    const calendar = await lineCalendar(tx, order.line, input.buildDate, input.buildDate);
    const load = (calendar.load.get(input.buildDate) ?? 0) - (order.buildDate === input.buildDate ? 1 : 0);
    if (load >= calendar.capacityOn(input.buildDate))
      return fail({
        status: 409,
        code: "over-capacity",
        message: `${input.buildDate} is full for ${order.line} (${calendar.capacityOn(input.buildDate)} units): choose another day or raise that day's capacity`,
        path: "buildDate",
      });
    const result = await assign(tx, actor, { id: order.id, number: input.number, status: order.status }, input.buildDate, input.expectedVersion, now, input.reason);
    return result ?? stale(input.number);
  });
}

/** Write a build date, the status change to scheduled (if it is one), the event and the announcements. Null if stale. */
async function assign(
  tx: Executor,
  actor: OrderActor | null,
  order: { id: string; number: string; status: OrderStatus },
  day: string,
  expectedVersion: number,
  now: Date,
  reason?: string,
): Promise<Result<OrderView, OrderRefusalCode> | null> {
  const bumped = await bumpVersion(tx, order, expectedVersion, now, { status: "scheduled" });
  if (!bumped) return null;
  await tx.update(queueEntries).set({ buildDate: day }).where(eq(queueEntries.orderId, order.id));
  await tx.insert(orderEvents).values({
    orderId: order.id,
    fromStatus: order.status,
    toStatus: "scheduled",
    actorId: actor?.id ?? null,
    note: `build date ${day}`,
    reason: cleanReason(reason),
    at: now,
  });
  const fresh = (await readOrder(tx, { id: order.id }))!;
  await announceOrderChange(tx, fresh, { kind: "order.scheduled", from: order.status });
  return ok(fresh);
}

export interface PullAheadInput {
  number: string;
  expectedVersion: number;
  /** Why the order jumps the calendar (required). */
  reason: string;
}

/**
 * Pull an order ahead: its build date becomes today and production starts,
 * in one transaction — as the transition rule allows (a received or
 * scheduled order whose build date is later, its parts there, a reason) and
 * within today's capacity on its line, counted under the line's lock as
 * scheduling does. Refused: unknown order (404), not staff (403), the rule
 * (409; 422 without a reason), today full (409 over-capacity), a stale
 * version (409).
 */
export async function pullAhead(
  db: Executor,
  actor: OrderActor,
  input: PullAheadInput,
  options: { now?: Date; horizonDays?: number } = {},
): Promise<Result<OrderView, OrderRefusalCode>> {
  const now = options.now ?? new Date();
  const today = dayOf(now);
  const horizon = options.horizonDays ?? getEnv().ORDER_FROZEN_HORIZON_DAYS;
  const tooLong = reasonTooLong(input.reason);
  if (tooLong) return tooLong;
  return db.transaction(async (tx) => {
    const order = await readOrder(tx, { number: input.number });
    if (!order || order.status === "cancelled") return fail({ status: 404, code: "not-found", message: `no order ${input.number} in the queue` });
    if (!can(actor, "order.manage")) return fail({ status: 403, code: "invalid-input", message: "only planners pull orders ahead" });
    const refusal = transitionRefusal(order, "in_production", today, horizon, { by: "staff", pullAhead: true, reason: input.reason });
    if (refusal) return transitionFailure(refusal);
    await lockLine(tx, order.line);
    const calendar = await lineCalendar(tx, order.line, today, today);
    if ((calendar.load.get(today) ?? 0) >= calendar.capacityOn(today))
      return fail({
        status: 409,
        code: "over-capacity",
        message: `today (${today}) is full for ${order.line} (${calendar.capacityOn(today)} units): raise today's capacity to pull order ${input.number} ahead`,
        path: "buildDate",
      });
    const bumped = await bumpVersion(tx, order, input.expectedVersion, now, { status: "in_production" });
    if (!bumped) return stale(input.number);
    await tx.update(queueEntries).set({ buildDate: today }).where(eq(queueEntries.orderId, order.id));
    await tx.insert(orderEvents).values({
      orderId: order.id,
      fromStatus: order.status,
      toStatus: "in_production",
      actorId: actor.id,
      note: order.buildDate ? `build date ${today} (pulled ahead from ${order.buildDate})` : `build date ${today} (pulled ahead)`,
      reason: cleanReason(input.reason),
      at: now,
    });
    const fresh = (await readOrder(tx, { id: order.id }))!;
    await announceOrderChange(tx, fresh, { kind: "order.status", from: order.status });
    return ok(fresh);
  });
}

export interface AutoScheduleResult {
  scheduled: { number: string; buildDate: string }[];
  /** Orders for which no day in the window had room. */
  unplaced: string[];
}

/**
 * Schedule every unscheduled order of a line (or of every line): gold
 * customers first, then silver, then by order time, each on the first day
 * from tomorrow (and its earliest build day) with room.
 */
export async function autoScheduleQueue(db: Executor, actor: OrderActor | null, options: { line?: string; now?: Date } = {}): Promise<AutoScheduleResult> {
  const now = options.now ?? new Date();
  const from = addDays(dayOf(now), 1);
  const lines = options.line
    ? [options.line]
    : (
        await db
          .selectDistinct({ line: queueEntries.lineCode })
          .from(queueEntries)
          .where(isNull(queueEntries.buildDate))
      ).map((r) => r.line);
  const result: AutoScheduleResult = { scheduled: [], unplaced: [] };
  for (const line of lines.sort()) {
    const part = await db.transaction(async (tx) => {
      await lockLine(tx, line);
      const pending = await tx
        .select({ id: orders.id, number: orders.number, status: orders.status, version: orders.version, tier: orders.tier, orderedAt: orders.createdAt, earliest: queueEntries.earliestBuildDate })
        .from(queueEntries)
        .innerJoin(orders, eq(orders.id, queueEntries.orderId))
        .where(and(eq(queueEntries.lineCode, line), isNull(queueEntries.buildDate), inArray(orders.status, ["received"])));
      if (pending.length === 0) return { scheduled: [], unplaced: [] };
      const calendar = await lineCalendar(tx, line, from, addDays(from, SCHEDULING_WINDOW_DAYS));
      const input: SchedulingOrder[] = pending.map((p) => ({ id: p.id, tier: p.tier, orderedAt: p.orderedAt.getTime(), earliest: p.earliest }));
      const plan = autoSchedule(input, calendar, from);
      const byId = new Map(pending.map((p) => [p.id, p]));
      const scheduled: AutoScheduleResult["scheduled"] = [];
      for (const a of plan.assignments) {
        const p = byId.get(a.id)!;
        // Under the line lock nobody else schedules this line; a concurrent status change would make it stale: skip it.
        const done = await assign(tx, actor, { id: p.id, number: p.number, status: p.status }, a.day, p.version, now);
        if (done?.ok) scheduled.push({ number: p.number, buildDate: a.day });
      }
      return { scheduled, unplaced: plan.unplaced.map((id) => byId.get(id)!.number) };
    });
    result.scheduled.push(...part.scheduled);
    result.unplaced.push(...part.unplaced);
  }
  return result;
}

/** Units scheduled per line and day in a range (for capacity views and checks). */
export async function scheduledLoad(db: Executor, from: string, to: string): Promise<{ line: string; day: string; units: number }[]> {
  const rows = await db
    .select({ line: queueEntries.lineCode, day: queueEntries.buildDate, units: sql<number>`count(*)::int` })
    .from(queueEntries)
    .where(and(isNotNull(queueEntries.buildDate), gte(queueEntries.buildDate, from), lte(queueEntries.buildDate, to)))
    .groupBy(queueEntries.lineCode, queueEntries.buildDate)
    .orderBy(queueEntries.lineCode, queueEntries.buildDate);
  return rows.map((r) => ({ line: r.line, day: r.day!, units: Number(r.units) }));
}
