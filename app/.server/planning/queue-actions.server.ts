/**
 * The queue page's bulk action (/planning, intents bulk-*): run it on the
 * selection and answer every selected order's outcome in the planner's words.
 * The answer's status is 200 when at least one order moved; when none did,
 * 404 if none of the numbers exists, otherwise 409 — with the list either way,
 * so the page says which and why.
 */
import { data } from "@remix-run/node";
import type { Executor } from "#db/client";
import type { BulkAction } from "~/domain/forms/planning";
import { dayOf, type OrderStatus } from "~/domain/orders";
import { buildDateProblem } from "~/domain/scheduling";
import { getEnv } from "~/.server/platform/env.server";
import type { OrderActor } from "~/.server/orders/orders.server";
import { bulkAutoSchedule, bulkMove, bulkSchedule, type BulkOutcome } from "./bulk.server";
import { refusalText } from "./refusal-messages.server";

/** One selected order's line in the result: what it is now, or why it was left as it was (an i18n key with values). */
export type BulkResultRow =
  | { number: string; ok: true; status: OrderStatus; buildDate: string | null }
  | { number: string; ok: false; code: string; message: string; values: Record<string, string | number> };

export interface BulkResult {
  ok: true;
  intent: BulkAction["intent"];
  /** How many of the selected orders moved. */
  done: number;
  results: BulkResultRow[];
}

export async function bulkAction(db: Executor, actor: OrderActor, action: BulkAction, now = new Date()) {
  const horizon = getEnv().ORDER_FROZEN_HORIZON_DAYS;
  // A day that is wrong for every order is the form's mistake, not forty refusals.
  if (action.intent === "bulk-schedule" && buildDateProblem(action.buildDate, { today: dayOf(now), earliest: null }) === "past-day")
    return data({ ok: false as const, message: "queue.detail.problems.pastDay", field: "buildDate" }, { status: 400 });
  const selection = new Map(action.orders.map((o) => [o.number, o.version]));
  const options = { now, horizonDays: horizon };
  let outcomes: BulkOutcome[];
  if (action.intent === "bulk-schedule") outcomes = await bulkSchedule(db, actor, selection, action.buildDate, action.reason, options);
  else if (action.intent === "bulk-autoschedule") outcomes = await bulkAutoSchedule(db, actor, selection, options);
  else outcomes = await bulkMove(db, actor, selection, action.to, action.reason, options);
  const day = action.intent === "bulk-schedule" ? action.buildDate : undefined;
  const results: BulkResultRow[] = outcomes.map((o) => {
    if (o.ok) return o;
    const { code, message, values } = refusalText(action.intent, o.number, o.problem, { day, horizon, buildDate: o.buildDate, earliest: o.earliest });
    return { number: o.number, ok: false, code, message, values };
  });
  const done = results.filter((r) => r.ok).length;
  const status = done > 0 ? 200 : results.every((r) => !r.ok && r.code === "not-found") ? 404 : 409;
  return data({ ok: true, intent: action.intent, done, results } satisfies BulkResult, { status });
}
