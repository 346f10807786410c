/**
 * Test helpers for the customer file: an order walked all the way to
 * delivered through the real status moves (so delivery's side effects — the
 * tier rule, the feedback request — run as in production).
 */
import { dealerships } from "#db/schema";
import type { Executor } from "#db/client";
import { eq } from "drizzle-orm";
import { addDays, dayOf } from "~/domain/orders";
import { changeStatus, placeOrder, type OrderActor, type OrderView } from "~/.server/orders/orders.server";
import { demoOrderInput } from "~/.server/orders/orders.testing";
import { scheduleOrder } from "~/.server/planning/planning.server";
import { workingDay } from "~/.server/planning/planning.testing";

let keys = 0;

/** The demo dealership's id (Atelier München, MUC-01) or Shanghai's (SHA-01). */
export async function dealershipId(db: Executor, code: "MUC-01" | "SHA-01" = "MUC-01"): Promise<string> {
  const [row] = await db.select({ id: dealerships.id }).from(dealerships).where(eq(dealerships.code, code));
  return row!.id;
}

/**
 * An order of the demo sedan for `customer`, placed by them (or by `dealer`
 * for them at the dealer's dealership), taken by the planner to `to`
 * (default delivered) on the plant's days.
 */
export async function orderThrough(
  db: Executor,
  planner: OrderActor,
  customer: OrderActor,
  options: { dealer?: OrderActor; dealershipId?: string; to?: "received" | "delivered" } = {},
): Promise<OrderView> {
  const input = { ...(await demoOrderInput(db)), idempotencyKey: `file-${++keys}-${Date.now()}` };
  const placed = options.dealer
    ? await placeOrder(db, options.dealer, input, { customerId: customer.id, dealershipId: options.dealershipId! })
    : await placeOrder(db, customer, input);
  if (!placed.ok) throw new Error(placed.problem.message);
  let order = placed.value.order;
  if (options.to === "received") return order;
  const buildDate = await workingDay(db, order.line, order.earliestBuildDate!);
  const at = (day: string) => ({ now: new Date(`${day}T12:00:00Z`) });
  const scheduled = await scheduleOrder(db, planner, { number: order.number, buildDate, expectedVersion: order.version }, at(dayOf(new Date())));
  if (!scheduled.ok) throw new Error(scheduled.problem.message);
  order = scheduled.value;
  for (const [to, day] of [
    ["in_production", buildDate],
    ["built", buildDate],
    ["shipped", buildDate],
    ["delivered", addDays(buildDate, 2)],
  ] as const) {
    const moved = await changeStatus(db, planner, { number: order.number, to, expectedVersion: order.version }, at(day));
    if (!moved.ok) throw new Error(`${to}: ${moved.problem.message}`);
    order = moved.value;
  }
  return order;
}
