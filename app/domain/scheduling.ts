/**
 * Scheduling orders into daily line capacity, and the delivery estimate that
 * follows from it. Pure: the server feeds it the queue it read under a lock
 * and writes back what it decides; the configurator's estimate runs the same
 * code over a snapshot of the queue.
 *
 * Priority: the customer's tier (gold, silver, standard), then the time the
 * order was placed, then its id (so equal orders always come out the same
 * way). Each order goes to the first day on or after its earliest build day
 * that still has room; a day never gets more than its capacity. The
 * calendar's capacity is the line's working calendar (app/domain/calendar.ts):
 * weekends and holidays have none, so nothing lands on them.
 */
import { addDays, daysBetween, TRANSIT_DAYS } from "./orders";
import { CUSTOMER_TIERS, type CustomerTier } from "./roles";

// Written in the engine (conflict resolution reports how a proposal moves it); one function for both.
export { leadTimeDays } from "./engine/lead-time";

export interface SchedulingOrder {
  id: string;
  tier: CustomerTier;
  /** When the order was placed (ISO instant or ms); earlier first within a tier. */
  orderedAt: string | number;
  /** First day the order may be built (its parts' lead time). */
  earliest: string;
}

export interface LineCalendar {
  /** Units the line can build that day. */
  capacityOn(day: string): number;
  /** Units already scheduled per day (days not in the map have none). */
  load: ReadonlyMap<string, number>;
}

export interface ScheduleResult {
  assignments: { id: string; day: string }[];
  /** Orders with no free day within the search window. */
  unplaced: string[];
}

/** How far ahead a free day is searched for (days). */
export const SCHEDULING_WINDOW_DAYS = 366;

const tierRank = (tier: CustomerTier) => CUSTOMER_TIERS.indexOf(tier);
const time = (t: string | number) => (typeof t === "number" ? t : Date.parse(t));

/** The orders in scheduling priority: tier, then order time, then id. */
export function byPriority<T extends SchedulingOrder>(orders: readonly T[]): T[] {
  return [...orders].sort(
    (a, b) => tierRank(a.tier) - tierRank(b.tier) || time(a.orderedAt) - time(b.orderedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * Place `orders` (none of them scheduled yet) into the calendar from day
 * `from` on. Never exceeds a day's capacity, counting what is already there.
 *
 * Days are numbered from `from`; a "next day with room" forest (union-find
 * with path halving) skips full days, so placing n orders over a window of w
 * days costs about O(n log n + w) rather than O(n · w).
 */
export function autoSchedule(orders: readonly SchedulingOrder[], calendar: LineCalendar, from: string, windowDays = SCHEDULING_WINDOW_DAYS): ScheduleResult {
  const days = windowDays + 1;
  const dayName: string[] = new Array(days);
  const room: number[] = new Array(days);
  // next[i] = i while day i has room; otherwise a later day to look at. next[days] is the sentinel "no day".
  const next = new Int32Array(days + 1);
  for (let i = 0; i < days; i++) {
    dayName[i] = addDays(from, i);
    room[i] = Math.max(0, calendar.capacityOn(dayName[i]!) - (calendar.load.get(dayName[i]!) ?? 0));
    next[i] = room[i]! > 0 ? i : i + 1;
  }
  next[days] = days;
  const find = (i: number): number => {
    while (next[i] !== i) {
      next[i] = next[next[i]!]!;
      i = next[i]!;
    }
    return i;
  };

  const assignments: ScheduleResult["assignments"] = [];
  const unplaced: string[] = [];
  for (const order of byPriority(orders)) {
    const start = order.earliest > from ? Math.min(daysBetween(from, order.earliest), days) : 0;
    const day = find(start);
    if (day >= days) {
      unplaced.push(order.id);
      continue;
    }
    room[day]!--;
    if (room[day] === 0) next[day] = day + 1;
    assignments.push({ id: order.id, day: dayName[day]! });
  }
  return { assignments, unplaced };
}

/** First day an order placed on `today` with this lead time may be built (never today itself). */
export function earliestBuildDay(today: string, leadDays: number): string {
  return addDays(today, Math.max(1, leadDays));
}

/** Is `day` still open to planning (a build date, a day's capacity)? Today's production is already running: tomorrow on. */
export function isPlannableDay(day: string, today: string): boolean {
  return day > today;
}

/** Why an order can't be given `day` as its build date, or null if it can: the day has passed, or its parts aren't there yet. */
export function buildDateProblem(day: string, order: { today: string; earliest: string | null }): "past-day" | "before-earliest" | null {
  if (!isPlannableDay(day, order.today)) return "past-day";
  if (order.earliest && day < order.earliest) return "before-earliest";
  return null;
}

/** The first build date a planner may give an order: tomorrow, or its earliest build day if that is later. */
export function firstBuildDay(today: string, earliest: string | null): string {
  const tomorrow = addDays(today, 1);
  return earliest && earliest > tomorrow ? earliest : tomorrow;
}

export interface DeliveryEstimate {
  buildDay: string;
  deliveryDay: string;
}

/**
 * When a configuration ordered now would be delivered: the unscheduled
 * backlog is placed first (it is ahead in the queue unless the new order's
 * tier outranks it), then the new order; delivery follows the build day by
 * the transit time. Null if no day in the window has room.
 */
export function estimateDelivery(input: {
  today: string;
  leadDays: number;
  tier: CustomerTier;
  calendar: LineCalendar;
  backlog: readonly SchedulingOrder[];
  now: number;
}): DeliveryEstimate | null {
  const id = "\u0000estimate";
  const candidate: SchedulingOrder = { id, tier: input.tier, orderedAt: input.now, earliest: earliestBuildDay(input.today, input.leadDays) };
  const { assignments } = autoSchedule([...input.backlog, candidate], input.calendar, addDays(input.today, 1));
  const mine = assignments.find((a) => a.id === id);
  return mine ? { buildDay: mine.day, deliveryDay: addDays(mine.day, TRANSIT_DAYS) } : null;
}
