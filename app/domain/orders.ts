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
  /** First day the parts are there (the lead time); a pull ahead can't go before it. Unknown: not checked. */
  earliestBuildDate?: string | null;
}

/** True from `horizonDays` days before the build date on: the order is being prepared for the line. */
export function isFrozen(order: OrderState, today: string, horizonDays = DEFAULT_FROZEN_HORIZON_DAYS): boolean {
  if (order.status !== "received" && order.status !== "scheduled") return true;
  if (order.buildDate === null) return false;
  return today >= addDays(order.buildDate, -horizonDays);
}

/** Longest reason a status or schedule change keeps (characters, after trimming). */
export const REASON_MAX_LENGTH = 500;

/** A reason as it is kept: trimmed, and null when there is none. */
export function cleanReason(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}

/**
 * How a build date was set, kept as the event's reason when the planner gave
 * none of their own: every schedule change says why (issue 12, item 12), and
 * an order scheduled by the machine says so. Stored in English like every
 * reason; pages show these few in the reader's language (`orders.reasons.*`).
 */
export const SCHEDULING_REASONS = { manual: "manual scheduling", bulk: "bulk scheduling", automatic: "automatic scheduling" } as const;
export type SchedulingKind = keyof typeof SCHEDULING_REASONS;

/** The reason a schedule change keeps: the planner's own, or how it was done. */
export function schedulingReason(how: SchedulingKind, given: string | null | undefined): string {
  return cleanReason(given) ?? SCHEDULING_REASONS[how];
}

/** Who moves an order: its customer, or staff (planners, admins). Whether they may at all is a permission (`order.manage`). */
export type MoveBy = "customer" | "staff";

export interface MoveOptions {
  /** Who moves it (default: the customer). Decides which moves are exceptional and need a reason. */
  by?: MoveBy;
  /** Start production today although the build date is later (or not set): the build date moves to today. */
  pullAhead?: boolean;
  /** Why: optional for ordinary steps, required for exceptional ones (a pull ahead, a cancel by staff). */
  reason?: string | null;
}

export type TransitionCode = "not-forward" | "frozen" | "not-scheduled" | "too-early" | "not-ahead" | "before-earliest" | "reason-required";

export interface TransitionRefusal {
  code: TransitionCode;
  message: string;
  /** The input the refusal is about (a missing reason). */
  path?: "reason";
}

/** Steps that happen on the line: not before the build date. */
const ON_THE_LINE: readonly OrderStatus[] = ["in_production", "built", "shipped"];

/**
 * The one rule for status moves: why moving the order to `to` on `today` is
 * not allowed, or null if it is. Pages offer what it allows (`allowedMoves`)
 * and the server checks the same before writing.
 *
 * - The flow moves one step forward at a time; `scheduled` is reached by
 *   giving a build date (scheduling), not by a bare status change.
 * - Production follows the calendar: `in_production`, `built` and `shipped`
 *   not before the build date, `delivered` not before the day after it.
 * - A pull ahead (staff only, with a reason) starts production today for a
 *   received or scheduled order whose build date is later or unset, once its
 *   parts are there; the build date becomes today.
 * - `cancelled` only before the frozen horizon; staff say why.
 */
export function transitionRefusal(order: OrderState, to: OrderStatus, today: string, horizonDays = DEFAULT_FROZEN_HORIZON_DAYS, move: MoveOptions = {}): TransitionRefusal | null {
  const refusal = move.pullAhead ? pullAheadRefusal(order, to, today, move.by ?? "customer") : stepRefusal(order, to, today, horizonDays);
  if (refusal) return refusal;
  if (isExceptional(to, move) && cleanReason(move.reason) === null)
    return {
      code: "reason-required",
      message: move.pullAhead ? "say why the order is pulled ahead" : "say why the order is cancelled",
      path: "reason",
    };
  return null;
}

function stepRefusal(order: OrderState, to: OrderStatus, today: string, horizonDays: number): TransitionRefusal | null {
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
  if (ON_THE_LINE.includes(to) && today < order.buildDate)
    return {
      code: "too-early",
      message: `the order's build date is ${order.buildDate}: it can't be ${to.replace("_", " ")} before then (a planner may pull it ahead to today)`,
    };
  if (to === "delivered" && today <= order.buildDate)
    return { code: "too-early", message: `the order is built on ${order.buildDate}: it can't be delivered before the day after` };
  return null;
}

function pullAheadRefusal(order: OrderState, to: OrderStatus, today: string, by: MoveBy): TransitionRefusal | null {
  if (to !== "in_production" || (order.status !== "received" && order.status !== "scheduled"))
    return { code: "not-forward", message: "only a received or scheduled order can be pulled ahead into production" };
  if (by !== "staff") return { code: "not-forward", message: "only planners pull an order ahead" };
  if (order.buildDate !== null && order.buildDate <= today)
    return { code: "not-ahead", message: `the order's build date (${order.buildDate}) has come: start production without pulling it ahead` };
  if (order.earliestBuildDate && order.earliestBuildDate > today)
    return { code: "before-earliest", message: `the parts for the order are not there before ${order.earliestBuildDate}: it can't be pulled ahead to today` };
  return null;
}

/** Moves that need a reason: a pull ahead, a cancel by staff. */
function isExceptional(to: OrderStatus, move: MoveOptions): boolean {
  return move.pullAhead === true || (to === "cancelled" && move.by === "staff");
}

export interface AllowedMove {
  to: OrderStatus;
  pullAhead: boolean;
  /** Whether the move needs a reason (exceptional) or takes one if given. */
  reason: "required" | "optional";
}

/** Every move `transitionRefusal` allows `by` on `today` (with a reason where one is required): what a page offers. */
export function allowedMoves(order: OrderState, today: string, horizonDays = DEFAULT_FROZEN_HORIZON_DAYS, by: MoveBy = "customer"): AllowedMove[] {
  const candidates = [...ORDER_STATUSES.map((to) => ({ to, pullAhead: false })), { to: "in_production" as const, pullAhead: true }];
  const allowed: AllowedMove[] = [];
  for (const { to, pullAhead } of candidates) {
    const refusal = transitionRefusal(order, to, today, horizonDays, { by, pullAhead });
    if (refusal === null) allowed.push({ to, pullAhead, reason: "optional" });
    else if (refusal.code === "reason-required") allowed.push({ to, pullAhead, reason: "required" });
  }
  return allowed;
}

/**
 * Moving a build date that is already inside the frozen horizon is a firm
 * change (the line is being prepared): planners may, but must say why.
 */
export function rescheduleNeedsReason(order: OrderState, today: string, horizonDays = DEFAULT_FROZEN_HORIZON_DAYS): boolean {
  return order.status === "scheduled" && order.buildDate !== null && today >= addDays(order.buildDate, -horizonDays);
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
