/**
 * A product line's working calendar (decision 024): which weekdays it works,
 * its dated closures (holidays, with a name), and how much a working day
 * builds — shifts × units per shift, unless a planner gave the day its own
 * capacity. Non-working days build nothing, whatever else is set for them:
 * that is what keeps automatic scheduling, manual scheduling and delivery
 * estimates off weekends and holidays.
 *
 * Days are ISO dates in UTC, as everywhere in planning (app/domain/orders.ts).
 */
import { addDays } from "./orders";

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A line without a calendar of its own works Monday to Friday, one shift. */
export const DEFAULT_WORKING_DAYS: readonly Weekday[] = [1, 2, 3, 4, 5];
export const DEFAULT_SHIFTS = 1;
export const MAX_SHIFTS = 3;
export const HOLIDAY_NAME_MAX_LENGTH = 100;

export interface WorkingCalendar {
  workingDays: readonly Weekday[];
  shifts: number;
  unitsPerShift: number;
  /** Closures: day → name. */
  holidays: ReadonlyMap<string, string>;
  /** Working days with their own capacity (units for the whole day). */
  dayCapacity: ReadonlyMap<string, number>;
}

/** Why a day is not worked, or null when it is. */
export type ClosedDay = { kind: "holiday"; name: string } | { kind: "weekday"; weekday: Weekday };

export function isoWeekday(day: string): Weekday {
  const js = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return (js === 0 ? 7 : js) as Weekday;
}

export function closedDay(calendar: Pick<WorkingCalendar, "workingDays" | "holidays">, day: string): ClosedDay | null {
  const holiday = calendar.holidays.get(day);
  if (holiday !== undefined) return { kind: "holiday", name: holiday };
  const weekday = isoWeekday(day);
  return calendar.workingDays.includes(weekday) ? null : { kind: "weekday", weekday };
}

export function isWorkingDay(calendar: Pick<WorkingCalendar, "workingDays" | "holidays">, day: string): boolean {
  return closedDay(calendar, day) === null;
}

/** Units a line builds on `day`: none on a closed day; the day's own capacity or shifts × units per shift otherwise. */
export function capacityOn(calendar: WorkingCalendar, day: string): number {
  if (!isWorkingDay(calendar, day)) return 0;
  return calendar.dayCapacity.get(day) ?? calendar.shifts * calendar.unitsPerShift;
}

/** A working day's capacity when it has no capacity of its own. */
export function standardDayUnits(calendar: Pick<WorkingCalendar, "shifts" | "unitsPerShift">): number {
  return calendar.shifts * calendar.unitsPerShift;
}

/**
 * The first working day on or after `day`; null when the line works no
 * weekday at all. Holidays are finitely many, so with one working weekday
 * the walk ends within (holidays + 1) weeks.
 */
export function nextWorkingDay(calendar: Pick<WorkingCalendar, "workingDays" | "holidays">, day: string): string | null {
  if (calendar.workingDays.length === 0) return null;
  let d = day;
  while (!isWorkingDay(calendar, d)) d = addDays(d, 1);
  return d;
}

/**
 * The working day `n` working days after `day` (n ≥ 0; for n = 0, the first
 * working day on or after `day`). Null when the line works no weekday.
 */
export function addWorkingDays(calendar: Pick<WorkingCalendar, "workingDays" | "holidays">, day: string, n: number): string | null {
  let d = nextWorkingDay(calendar, day);
  for (let i = 0; i < n && d !== null; i++) d = nextWorkingDay(calendar, addDays(d, 1));
  return d;
}

/** Working days from `from` to `to`, both included (0 when `to` is earlier). */
export function workingDaysBetween(calendar: Pick<WorkingCalendar, "workingDays" | "holidays">, from: string, to: string): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(calendar, d)) n++;
  return n;
}

/** The weekdays as they are kept: each once, in order. */
export function normalizeWorkingDays(days: readonly number[]): Weekday[] {
  return WEEKDAYS.filter((w) => days.includes(w));
}

/** The message key (i18n), field and values that say why a line is closed on a day. */
export function closedDayMessage(closed: ClosedDay & { day: string }): [string, string, Record<string, string | number>] {
  return closed.kind === "holiday"
    ? ["calendar.closed.holiday", "day", { day: closed.day, name: closed.name }]
    : ["calendar.closed.weekday", "day", { day: closed.day, weekday: closed.day }];
}
