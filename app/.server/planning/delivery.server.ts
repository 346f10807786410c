/**
 * The configurator's delivery estimate: when would this configuration be
 * delivered if it were ordered now? The line's real calendar (capacity per
 * day and what is already scheduled) and its unscheduled backlog go through
 * the same scheduling code the planners' automatic scheduling uses
 * (estimateDelivery in app/domain/scheduling.ts), with the configuration's
 * lead time and the customer's tier.
 *
 * The queue is read once per line every few seconds at most (a snapshot in
 * memory), so a customer clicking through values costs no database work
 * per click; the estimate itself is computed per request.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Executor } from "#db/client";
import { orders, queueEntries } from "#db/schema";
import type { ProductLine } from "~/domain/catalog";
import { addDays, dayOf } from "~/domain/orders";
import type { CustomerTier } from "~/domain/roles";
import { CUSTOMER_TIERS } from "~/domain/roles";
import { byPriority, estimateDelivery, leadTimeDays, SCHEDULING_WINDOW_DAYS, type DeliveryEstimate, type LineCalendar, type SchedulingOrder } from "~/domain/scheduling";
import { lineCalendar } from "./planning.server";

/** How long a line's queue snapshot is reused (ms). */
export const SNAPSHOT_MAX_AGE_MS = 5_000;

export interface QueueSnapshot {
  /** The day the snapshot was read for (its calendar starts the day after). */
  today: string;
  calendar: LineCalendar;
  backlog: SchedulingOrder[];
  readAt: number;
  /** Per tier: the calendar once the backlog ahead of a new order of that tier is placed (filled on first use). */
  ahead?: Map<CustomerTier, LineCalendar>;
}

export interface DeliveryQuote {
  line: string;
  leadTimeDays: number;
  tier: CustomerTier;
  /** Null when no day within the scheduling window has room. */
  buildDay: string | null;
  deliveryDay: string | null;
}

/** Read a line's calendar (from tomorrow, over the scheduling window) and its unscheduled orders. */
export async function readQueueSnapshot(db: Executor, line: string, now: Date): Promise<QueueSnapshot> {
  const today = dayOf(now);
  const from = addDays(today, 1);
  const [calendar, pending] = await Promise.all([
    lineCalendar(db, line, from, addDays(from, SCHEDULING_WINDOW_DAYS)),
    db
      .select({ id: orders.id, tier: orders.tier, orderedAt: orders.createdAt, earliest: queueEntries.earliestBuildDate })
      .from(queueEntries)
      .innerJoin(orders, eq(orders.id, queueEntries.orderId))
      // What automatic scheduling would place (autoScheduleQueue): received orders without a build date.
      .where(and(eq(queueEntries.lineCode, line), isNull(queueEntries.buildDate), inArray(orders.status, ["received"]))),
  ]);
  const backlog = pending.map((p) => ({ id: p.id, tier: p.tier, orderedAt: p.orderedAt.getTime(), earliest: p.earliest }));
  return { today, calendar, backlog, readAt: now.getTime() };
}

// Per database (tests use several) and line: the snapshot being read or last read.
const snapshots = new WeakMap<object, Map<string, Promise<QueueSnapshot>>>();

/**
 * A line's queue snapshot, read at most once per `maxAgeMs` (and again when
 * the day changes). Concurrent callers share one read; a failed read is not kept.
 */
export async function queueSnapshot(db: Executor, line: string, options: { now?: Date; maxAgeMs?: number } = {}): Promise<QueueSnapshot> {
  const now = options.now ?? new Date();
  const maxAge = options.maxAgeMs ?? SNAPSHOT_MAX_AGE_MS;
  let byLine = snapshots.get(db);
  if (!byLine) {
    byLine = new Map();
    snapshots.set(db, byLine);
  }
  const cached = byLine.get(line);
  if (cached) {
    const snapshot = await cached.catch(() => null);
    if (snapshot && snapshot.today === dayOf(now) && now.getTime() - snapshot.readAt < maxAge) return snapshot;
    // Another caller may have replaced it while this one waited.
    const current = byLine.get(line);
    if (current && current !== cached) return queueSnapshot(db, line, options);
  }
  const reading = readQueueSnapshot(db, line, now);
  byLine.set(line, reading);
  reading.catch(() => {
    if (byLine.get(line) === reading) byLine.delete(line);
  });
  return reading;
}

/**
 * The calendar a new order of `tier` meets: the snapshot's, plus the
 * unscheduled orders that automatic scheduling would place before it.
 *
 * A new order is placed "now", after every order already waiting, so the
 * orders ahead of it are exactly those of its tier or a higher one; orders of
 * lower tiers come after it and can't change its day. Placing them first
 * and then the new order alone on the result gives what estimateDelivery
 * gives with the whole backlog (a property test checks this), but the
 * placing is done once per snapshot and tier instead of once per click, and
 * with a "next day with room" index instead of walking the days per order:
 * thousands of waiting orders cost milliseconds.
 */
export function calendarAhead(snapshot: Pick<QueueSnapshot, "today" | "calendar" | "backlog">, tier: CustomerTier): LineCalendar {
  const rank = CUSTOMER_TIERS.indexOf(tier);
  const ahead = byPriority(snapshot.backlog.filter((o) => CUSTOMER_TIERS.indexOf(o.tier) <= rank));
  const from = addDays(snapshot.today, 1);
  const days = SCHEDULING_WINDOW_DAYS + 1; // from … from + window, as autoSchedule searches
  const names: string[] = [];
  for (let i = 0, day = from; i < days; i++, day = addDays(day, 1)) names.push(day);
  const index = new Map(names.map((day, i) => [day, i]));
  const room = names.map((day) => Math.max(0, snapshot.calendar.capacityOn(day) - (snapshot.calendar.load.get(day) ?? 0)));
  // next[i]: the first day at or after i that may have room (days.length: none); path-compressed.
  const next = Int32Array.from({ length: days + 1 }, (_, i) => i);
  const firstWithRoom = (start: number): number => {
    let day = start;
    while (day < days && room[day] === 0) day = next[day] === day ? day + 1 : next[day]!;
    for (let k = start; k < day; ) {
      const following = next[k] === k ? k + 1 : next[k]!;
      next[k] = day;
      k = following;
    }
    return day;
  };
  const load = new Map(snapshot.calendar.load);
  for (const order of ahead) {
    const start = order.earliest <= from ? 0 : index.get(order.earliest);
    if (start === undefined) continue; // beyond the window: unplaced
    const day = firstWithRoom(start);
    if (day >= days) continue;
    room[day]!--;
    load.set(names[day]!, (load.get(names[day]!) ?? 0) + 1);
  }
  return { capacityOn: snapshot.calendar.capacityOn, load };
}

/** estimateDelivery over a snapshot, with the backlog ahead placed once per snapshot and tier. */
export function estimateFromSnapshot(snapshot: QueueSnapshot, input: { leadDays: number; tier: CustomerTier; now: number }): DeliveryEstimate | null {
  snapshot.ahead ??= new Map();
  let calendar = snapshot.ahead.get(input.tier);
  if (!calendar) {
    calendar = calendarAhead(snapshot, input.tier);
    snapshot.ahead.set(input.tier, calendar);
  }
  return estimateDelivery({ today: snapshot.today, leadDays: input.leadDays, tier: input.tier, calendar, backlog: [], now: input.now });
}

/** The estimated build and delivery day of `choices` on `line`, ordered now by a customer of `tier`. */
export async function deliveryEstimate(
  db: Executor,
  input: { line: ProductLine; choices: readonly string[]; tier: CustomerTier },
  options: { now?: Date; maxAgeMs?: number } = {},
): Promise<DeliveryQuote> {
  const now = options.now ?? new Date();
  const snapshot = await queueSnapshot(db, input.line.code, { now, maxAgeMs: options.maxAgeMs });
  const leadDays = leadTimeDays(input.line, input.choices);
  const estimate = estimateFromSnapshot(snapshot, { leadDays, tier: input.tier, now: now.getTime() });
  return {
    line: input.line.code,
    leadTimeDays: leadDays,
    tier: input.tier,
    buildDay: estimate?.buildDay ?? null,
    deliveryDay: estimate?.deliveryDay ?? null,
  };
}
