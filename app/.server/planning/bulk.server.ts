/**
 * Bulk actions on the queue: give the selected orders one build date,
 * schedule them automatically, or move them all to one status.
 *
 * Per order, not all-or-nothing (docs/decisions/025): each order goes through
 * the same repository call as on its own page (scheduleOrder, the automatic
 * scheduler, changeStatus), in its own transaction, with the version the
 * planner's page showed. One order refused — a full day, a move the
 * transition rule refuses, a version someone else moved on — leaves the others
 * done, and the answer lists every selected order with what happened to it.
 * All-or-nothing would make one late order block forty good ones, and the
 * planner would still have to find out which one it was.
 */
import type { Executor } from "#db/client";
import type { OrderStatus } from "~/domain/orders";
import type { Refusal } from "~/domain/result";
import { changeStatus, readOrder, type OrderActor, type OrderRefusalCode } from "~/.server/orders/orders.server";
import { autoScheduleQueue, scheduleOrder } from "./planning.server";

/** The selected orders: number → the version the planner's page showed. */
export type BulkSelection = ReadonlyMap<string, number>;

/** A bulk refusal's codes: the repository's, and the automatic scheduler's two of its own. */
export type BulkRefusalCode = OrderRefusalCode | "no-room" | "already-scheduled";

/** What happened to one selected order: its new state, or why it was left as it was (with its build date, for the message). */
export type BulkOutcome =
  | { number: string; ok: true; status: OrderStatus; buildDate: string | null }
  | { number: string; ok: false; problem: Refusal<BulkRefusalCode>; buildDate: string | null; earliest: string | null };

interface Options {
  now?: Date;
  horizonDays?: number;
}

/** A refusal with the order's current build date and earliest day (null for an unknown order). */
async function refused(db: Executor, number: string, problem: Refusal<BulkRefusalCode>): Promise<BulkOutcome> {
  const order = await readOrder(db, { number });
  return { number, ok: false, problem, buildDate: order?.buildDate ?? null, earliest: order?.earliestBuildDate ?? null };
}

/** Give every selected order the same build date (each as scheduleOrder would on its own; the reason defaults to "bulk scheduling"). */
export async function bulkSchedule(db: Executor, actor: OrderActor, selection: BulkSelection, buildDate: string, reason: string | undefined, options: Options = {}): Promise<BulkOutcome[]> {
  const out: BulkOutcome[] = [];
  for (const [number, version] of selection) {
    const result = await scheduleOrder(db, actor, { number, buildDate, expectedVersion: version, reason, how: "bulk" }, options);
    out.push(result.ok ? { number, ok: true, status: result.value.status, buildDate: result.value.buildDate } : await refused(db, number, result.problem));
  }
  return out;
}

/**
 * Schedule the selected orders automatically, as "Schedule all unscheduled"
 * does for the whole queue. Orders that already have a build date, or are past
 * "received", are reported, not moved: automatic scheduling never moves a
 * build date (so never one inside the frozen horizon, see 019).
 */
export async function bulkAutoSchedule(db: Executor, actor: OrderActor, selection: BulkSelection, options: Options = {}): Promise<BulkOutcome[]> {
  const result = await autoScheduleQueue(db, actor, { only: selection, now: options.now });
  const placed = new Map(result.scheduled.map((s) => [s.number, s.buildDate]));
  const out: BulkOutcome[] = [];
  for (const [number, version] of selection) {
    const day = placed.get(number);
    if (day) out.push({ number, ok: true, status: "scheduled", buildDate: day });
    else if (result.unplaced.includes(number))
      out.push(await refused(db, number, { status: 409, code: "no-room", message: `no day in the scheduling window has room for order ${number}` }));
    else if (result.changed.includes(number)) out.push(await refused(db, number, stale(number)));
    else {
      const order = await readOrder(db, { number });
      if (!order) out.push(await refused(db, number, { status: 404, code: "not-found", message: `no order ${number} in the queue` }));
      else if (order.version !== version) out.push(await refused(db, number, stale(number)));
      else if (order.buildDate !== null)
        out.push(await refused(db, number, { status: 409, code: "already-scheduled", message: `order ${number} already has a build date (${order.buildDate})` }));
      else out.push(await refused(db, number, { status: 409, code: "not-forward", message: `order ${number} is ${order.status}: it can't be scheduled` }));
    }
  }
  return out;
}

/** Move every selected order to `to`, each as changeStatus would on its own (the transition rule decides, per order). */
export async function bulkMove(db: Executor, actor: OrderActor, selection: BulkSelection, to: OrderStatus, reason: string | undefined, options: Options = {}): Promise<BulkOutcome[]> {
  const out: BulkOutcome[] = [];
  for (const [number, version] of selection) {
    const result = await changeStatus(db, actor, { number, to, expectedVersion: version, reason }, options);
    out.push(result.ok ? { number, ok: true, status: result.value.status, buildDate: result.value.buildDate } : await refused(db, number, result.problem));
  }
  return out;
}

function stale(number: string): Refusal<BulkRefusalCode> {
  return { status: 409, code: "stale", message: `order ${number} was changed by someone else in the meantime` };
}
