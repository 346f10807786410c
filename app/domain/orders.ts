/**
 * Orders as data: the status flow, the frozen horizon, and the calendar
 * arithmetic on build dates. Pure, so the planners' pages, the customer's
 * order page and the server's checks all use the same rules.
 *
 * Days are ISO dates ("2026-12-01") in UTC: a build date is a day on the
 * line, not an instant.
 */

export const ORDER_STATUSES = ["received", "scheduled", "in_production", "built", "shipped", "delivered", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The production flow, in order; `cancelled` is off to the side. */
export const FLOW: readonly OrderStatus[] = ["received", "scheduled", "in_production", "built", "shipped", "delivered"];

/** Days before the build date from which an order can no longer be cancelled or changed. */
export const DEFAULT_FROZEN_HORIZON_DAYS = 5;

/** Days from the build date to delivery at the customer (transport and handover). */
export const TRANSIT_DAYS = 10;

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === "string" && (ORDER_STATUSES as readonly string[]).includes(value);
}

/** The status after `status` in the flow, or null at the end (and for cancelled). */
export function nextStatus(status: OrderStatus): OrderStatus | null {
  const i = FLOW.indexOf(status);
  return i >= 0 && i < FLOW.length - 1 ? FLOW[i + 1]! : null;
}

export interface OrderState {
  status: OrderStatus;
  /** Null until scheduled. */
  buildDate: string | null;
}

/** True from `horizonDays` days before the build date on: the order is being prepared for the line. */
export function isFrozen(order: OrderState, today: string, horizonDays = DEFAULT_FROZEN_HORIZON_DAYS): boolean {
  if (order.status !== "received" && order.status !== "scheduled") return true;
  if (order.buildDate === null) return false;
  return today >= addDays(order.buildDate, -horizonDays);
}

export type TransitionRefusal =
  | { code: "not-forward"; message: string }
  | { code: "frozen"; message: string }
  | { code: "not-scheduled"; message: string };

/**
 * Why `to` is not allowed from the order's state, or null if it is. The flow
 * moves one step forward at a time; `scheduled` is reached by giving a build
 * date (scheduling), not by a bare status change; `cancelled` only before the
 * frozen horizon.
 */
export function transitionRefusal(order: OrderState, to: OrderStatus, today: string, horizonDays = DEFAULT_FROZEN_HORIZON_DAYS): TransitionRefusal | null {
  if (to === "cancelled") {
    if (order.status === "cancelled") return { code: "not-forward", message: "the order is already cancelled" };
    if (isFrozen(order, today, horizonDays))
      return {
        code: "frozen",
        message: order.buildDate
          ? `the order is within ${horizonDays} days of its build date (${order.buildDate}) or already in production: it can no longer be cancelled`
          : "the order is already in production: it can no longer be cancelled",
      };
    return null;
  }
  if (to === "scheduled") return { code: "not-scheduled", message: "an order is scheduled by giving it a build date" };
  if (nextStatus(order.status) !== to)
    return { code: "not-forward", message: `an order moves forward one step at a time: ${order.status} can't become ${to}` };
  if (order.buildDate === null) return { code: "not-scheduled", message: "the order has no build date yet: schedule it first" };
  return null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Is `value` a real calendar day written as YYYY-MM-DD? */
export function isIsoDay(value: unknown): value is string {
  if (typeof value !== "string" || !ISO_DAY.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === value;
}

export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Monday of the ISO week `day` is in. */
export function weekOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}
