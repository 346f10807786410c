/**
 * The production queue's writes: each line's working calendar (weekdays,
 * shifts, holidays, a day's own capacity; decision 024), scheduling by hand
 * and automatically. Nothing is ever scheduled on a day the line doesn't
 * work: such a day has no capacity, and a build date on it is refused by name.
 *
 * Capacity is never exceeded, also when two planners (or two app servers)
 * schedule onto the same line at once: every scheduling transaction first
 * takes a transaction-scoped advisory lock on the product line, so the count
 * of units on a day and the write that adds one can't interleave with another
 * scheduler's. The order's own version guards against a planner acting on an
 * order someone else changed meanwhile.
 */
import { and, eq, gt, gte, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { lineCapacity, lineCapacityDays, lineHolidays, orderEvents, orders, queueEntries } from "#db/schema";
import {
  capacityOn,
  closedDay,
  DEFAULT_SHIFTS,
  DEFAULT_WORKING_DAYS,
  isoWeekday,
  nextWorkingDay,
  normalizeWorkingDays,
  type ClosedDay,
  type Weekday,
  type WorkingCalendar,
} from "~/domain/calendar";
import { addDays, cleanReason, dayOf, rescheduleNeedsReason, schedulingReason, transitionRefusal, type OrderStatus, type SchedulingKind } from "~/domain/orders";
import { can } from "~/domain/permissions";
import { fail, ok, type Refusal, type Result } from "~/domain/result";
import { autoSchedule, buildDateProblem, firstBuildDay, isPlannableDay, SCHEDULING_WINDOW_DAYS, type LineCalendar, type SchedulingOrder } from "~/domain/scheduling";
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

/** What planners set for a line's working calendar (holidays and a day's own capacity are set one day at a time). */
export interface CalendarSettings {
  workingDays: Weekday[];
  shifts: number;
  unitsPerShift: number;
}

export type CalendarRefusalCode = "past-day" | "closed-day" | "orders-on-day";

/** A line's weekdays, shifts and units per shift: the planners' setting, or Monday to Friday, one shift of DEFAULT_LINE_CAPACITY. */
export async function calendarSettings(db: Executor, line: string): Promise<CalendarSettings> {
  const [row] = await db
    .select({ workingDays: lineCapacity.workingDays, shifts: lineCapacity.shifts, unitsPerShift: lineCapacity.unitsPerShift })
    .from(lineCapacity)
    .where(eq(lineCapacity.lineCode, line));
  if (!row) return { workingDays: [...DEFAULT_WORKING_DAYS], shifts: DEFAULT_SHIFTS, unitsPerShift: getEnv().DEFAULT_LINE_CAPACITY };
  return { workingDays: normalizeWorkingDays(row.workingDays), shifts: row.shifts, unitsPerShift: row.unitsPerShift };
}

/**
 * A line's working calendar for the days from `from` to `to`: its settings,
 * the days with their own capacity in that range, and every holiday from
 * `from` on (so "the next working day" is right beyond `to` too).
 */
export async function readWorkingCalendar(db: Executor, line: string, from: string, to: string): Promise<WorkingCalendar> {
  const [settings, overrides, holidays] = await Promise.all([
    calendarSettings(db, line),
    db
      .select({ day: lineCapacityDays.day, units: lineCapacityDays.unitsPerDay })
      .from(lineCapacityDays)
      .where(and(eq(lineCapacityDays.lineCode, line), gte(lineCapacityDays.day, from), lte(lineCapacityDays.day, to))),
    db
      .select({ day: lineHolidays.day, name: lineHolidays.name })
      .from(lineHolidays)
      .where(and(eq(lineHolidays.lineCode, line), gte(lineHolidays.day, from))),
  ]);
  return {
    ...settings,
    holidays: new Map(holidays.map((h) => [h.day, h.name])),
    dayCapacity: new Map(overrides.map((o) => [o.day, o.units])),
  };
}

/** Days after `today` on which orders of `line` are built, with how many (cancelled orders leave the queue). */
async function scheduledDays(tx: Executor, line: string, today: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ day: queueEntries.buildDate, n: sql<number>`count(*)::int` })
    .from(queueEntries)
    .where(and(eq(queueEntries.lineCode, line), gt(queueEntries.buildDate, today)))
    .groupBy(queueEntries.buildDate);
  return new Map(rows.map((r) => [r.day!, Number(r.n)]));
}

const closing = (day: string, n: number) =>
  fail<CalendarRefusalCode>({
    status: 409,
    code: "orders-on-day",
    message: `${n} order(s) are built on ${day}: move them to another day before the line closes that day`,
    path: "day",
    scheduled: { day, orders: n },
  });

/**
 * Set a line's working weekdays, shifts and units per shift. Refused (409)
 * when a weekday it stops working still has orders built on it from
 * tomorrow on: planners move them first, so no order sits on a closed day.
 * Under the line's scheduling lock, so no scheduler adds one meanwhile.
 */
export async function setCalendarSettings(db: Executor, line: string, settings: CalendarSettings, options: { now?: Date } = {}): Promise<Result<void, CalendarRefusalCode>> {
  const today = dayOf(options.now ?? new Date());
  const workingDays = normalizeWorkingDays(settings.workingDays);
  return db.transaction(async (tx) => {
    await lockLine(tx, line);
    for (const [day, n] of [...(await scheduledDays(tx, line, today))].sort(([a], [b]) => (a < b ? -1 : 1)))
      if (!workingDays.includes(isoWeekday(day))) return closing(day, n);
    const values = { workingDays, shifts: settings.shifts, unitsPerShift: settings.unitsPerShift };
    await tx
      .insert(lineCapacity)
      .values({ lineCode: line, ...values })
      .onConflictDoUpdate({ target: lineCapacity.lineCode, set: { ...values, updatedAt: new Date() } });
    return ok(undefined);
  });
}

/** Close a line on `day` (after today) under a name; renaming an existing holiday is the same call. Refused while orders are built that day. */
export async function addHoliday(db: Executor, line: string, holiday: { day: string; name: string }, options: { now?: Date } = {}): Promise<Result<void, CalendarRefusalCode>> {
  const today = dayOf(options.now ?? new Date());
  if (!isPlannableDay(holiday.day, today)) return fail({ status: 400, code: "past-day", message: "a holiday must be after today", path: "day" });
  return db.transaction(async (tx) => {
    await lockLine(tx, line);
    const n = (await scheduledDays(tx, line, today)).get(holiday.day);
    if (n) return closing(holiday.day, n);
    await tx
      .insert(lineHolidays)
      .values({ lineCode: line, day: holiday.day, name: holiday.name })
      .onConflictDoUpdate({ target: [lineHolidays.lineCode, lineHolidays.day], set: { name: holiday.name } });
    return ok(undefined);
  });
}

/** Open a line again on a holiday (nothing to do when it isn't one). */
export async function removeHoliday(db: Executor, line: string, day: string, options: { now?: Date } = {}): Promise<Result<void, CalendarRefusalCode>> {
  if (!isPlannableDay(day, dayOf(options.now ?? new Date()))) return fail({ status: 400, code: "past-day", message: "only a coming holiday can be removed", path: "day" });
  await db.delete(lineHolidays).where(and(eq(lineHolidays.lineCode, line), eq(lineHolidays.day, day)));
  return ok(undefined);
}

/** The refusal for a build date (or a day's capacity) on a day the line doesn't work, naming the holiday or the weekday. */
export function closedDayRefusal(line: string, day: string, closed: ClosedDay): Refusal<"closed-day"> {
  const why = closed.kind === "holiday" ? `${day} is a holiday on ${line} (${closed.name})` : `${WEEKDAY_NAMES[closed.weekday - 1]} (${day}) is not a working day on ${line}`;
  return { status: 409, code: "closed-day", message: `${why}: choose a working day`, path: "day", closed: { ...closed, day } };
}

const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** Set a working day's own capacity (null: back to shifts × units per shift). A closed day has none to set (409). */
export async function setDayCapacity(db: Executor, line: string, day: string, units: number | null): Promise<Result<void, CalendarRefusalCode>> {
  if (units === null) {
    await db.delete(lineCapacityDays).where(and(eq(lineCapacityDays.lineCode, line), eq(lineCapacityDays.day, day)));
    return ok(undefined);
  }
  const closed = closedDay(await readWorkingCalendar(db, line, day, day), day);
  if (closed) return fail(closedDayRefusal(line, day, closed));
  await db
    .insert(lineCapacityDays)
    .values({ lineCode: line, day, unitsPerDay: units })
    .onConflictDoUpdate({ target: [lineCapacityDays.lineCode, lineCapacityDays.day], set: { unitsPerDay: units } });
  return ok(undefined);
}

/** The first build date a planner may give an order of `line`: its first build day (firstBuildDay), or the line's next working day after it. */
export async function firstWorkingBuildDay(db: Executor, line: string, today: string, earliest: string | null): Promise<string> {
  const first = firstBuildDay(today, earliest);
  return nextWorkingDay(await readWorkingCalendar(db, line, first, first), first) ?? first;
}

/** Does `line` work on `day`? */
export async function isLineWorking(db: Executor, line: string, day: string): Promise<boolean> {
  return closedDay(await readWorkingCalendar(db, line, day, day), day) === null;
}

/** Capacity and load of a line from `from` to `to` (inclusive), with the working calendar they come from. */
export async function lineCalendar(db: Executor, line: string, from: string, to: string): Promise<LineCalendar & { calendar: WorkingCalendar }> {
  const [calendar, loads] = await Promise.all([
    readWorkingCalendar(db, line, from, to),
    db
      .select({ day: queueEntries.buildDate, n: sql<number>`count(*)::int` })
      .from(queueEntries)
      .where(and(eq(queueEntries.lineCode, line), gte(queueEntries.buildDate, from), lte(queueEntries.buildDate, to)))
      .groupBy(queueEntries.buildDate),
  ]);
  return {
    calendar,
    capacityOn: (day) => capacityOn(calendar, day),
    load: new Map(loads.map((l) => [l.day!, Number(l.n)])),
  };
}

export interface ScheduleInput {
  number: string;
  buildDate: string;
  expectedVersion: number;
  /** Why: required to move a build date that is inside the frozen horizon; kept with the event. */
  reason?: string;
  /** How it is scheduled (default: by hand): the reason kept when none is given. */
  how?: Exclude<SchedulingKind, "automatic">;
}

/**
 * Give an order a build date (or move it to another one) by hand. Refused
 * when the line doesn't work that day (409 closed-day, naming the holiday or
 * the weekday), when the day is full, before the order's earliest build day, in the past,
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
    const closed = closedDay(calendar.calendar, input.buildDate);
    if (closed) return fail(closedDayRefusal(order.line, input.buildDate, closed));
    const load = (calendar.load.get(input.buildDate) ?? 0) - (order.buildDate === input.buildDate ? 1 : 0);
    if (load >= calendar.capacityOn(input.buildDate))
      return fail({
        status: 409,
        code: "over-capacity",
        message: `${input.buildDate} is full for ${order.line} (${calendar.capacityOn(input.buildDate)} units): choose another day or raise that day's capacity`,
        path: "buildDate",
      });
    const reason = schedulingReason(input.how ?? "manual", input.reason);
    const result = await assign(tx, actor, { id: order.id, number: input.number, status: order.status }, input.buildDate, input.expectedVersion, now, reason);
    return result ?? stale(input.number);
  });
}

/** Write a build date, the status change to scheduled (if it is one), the event with its reason, and the announcements. Null if stale. */
async function assign(
  tx: Executor,
  actor: OrderActor | null,
  order: { id: string; number: string; status: OrderStatus },
  day: string,
  expectedVersion: number,
  now: Date,
  reason: string,
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
    reason,
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
 * (409; 422 without a reason), today closed (409 closed-day) or full (409 over-capacity), a stale
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
    const closed = closedDay(calendar.calendar, today);
    if (closed) return fail(closedDayRefusal(order.line, today, closed));
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
  /** Orders someone else changed between the plan and its write (or, for a selection, since the page showed them): left as they are. */
  changed: string[];
}

/**
 * Schedule every unscheduled order of a line (or of every line): gold
 * customers first, then silver, then by order time, each on the first
 * working day from tomorrow (and its earliest build day) with room. With
 * `only` (order number → the version the planner saw), just those of them
 * that are still unscheduled; one whose version moved on is left alone and
 * reported in `changed`. Each line is one transaction under its lock; every
 * event says "automatic scheduling".
 */
export async function autoScheduleQueue(
  db: Executor,
  actor: OrderActor | null,
  options: { line?: string; now?: Date; only?: ReadonlyMap<string, number> } = {},
): Promise<AutoScheduleResult> {
  const now = options.now ?? new Date();
  const from = addDays(dayOf(now), 1);
  const selected = options.only ? [...options.only.keys()] : null;
  if (selected?.length === 0) return { scheduled: [], unplaced: [], changed: [] };
  const pendingWhere = (line?: string) =>
    and(
      line ? eq(queueEntries.lineCode, line) : undefined,
      isNull(queueEntries.buildDate),
      inArray(orders.status, ["received"]),
      selected ? inArray(orders.number, selected) : undefined,
    );
  const lines = options.line
    ? [options.line]
    : (await db.selectDistinct({ line: queueEntries.lineCode }).from(queueEntries).innerJoin(orders, eq(orders.id, queueEntries.orderId)).where(pendingWhere())).map((r) => r.line);
  const result: AutoScheduleResult = { scheduled: [], unplaced: [], changed: [] };
  for (const line of lines.sort()) {
    const part = await db.transaction(async (tx) => {
      await lockLine(tx, line);
      const found = await tx
        .select({ id: orders.id, number: orders.number, status: orders.status, version: orders.version, tier: orders.tier, orderedAt: orders.createdAt, earliest: queueEntries.earliestBuildDate })
        .from(queueEntries)
        .innerJoin(orders, eq(orders.id, queueEntries.orderId))
        .where(pendingWhere(line));
      const changed = found.filter((p) => options.only && options.only.get(p.number) !== p.version).map((p) => p.number);
      const pending = found.filter((p) => !changed.includes(p.number));
      if (pending.length === 0) return { scheduled: [], unplaced: [], changed };
      const calendar = await lineCalendar(tx, line, from, addDays(from, SCHEDULING_WINDOW_DAYS));
      const input: SchedulingOrder[] = pending.map((p) => ({ id: p.id, tier: p.tier, orderedAt: p.orderedAt.getTime(), earliest: p.earliest }));
      const plan = autoSchedule(input, calendar, from);
      const byId = new Map(pending.map((p) => [p.id, p]));
      const scheduled: AutoScheduleResult["scheduled"] = [];
      for (const a of plan.assignments) {
        const p = byId.get(a.id)!;
        // Under the line lock nobody else schedules this line; a concurrent status change makes it stale: it is reported, not written.
        const done = await assign(tx, actor, { id: p.id, number: p.number, status: p.status }, a.day, p.version, now, schedulingReason("automatic", null));
        if (done?.ok) scheduled.push({ number: p.number, buildDate: a.day });
        else changed.push(p.number);
      }
      return { scheduled, unplaced: plan.unplaced.map((id) => byId.get(id)!.number), changed };
    });
    result.scheduled.push(...part.scheduled);
    result.unplaced.push(...part.unplaced);
    result.changed.push(...part.changed);
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
