/**
 * /planning/orders/<number>: one order as the planner works it — its
 * configuration by feature, its BOM, its history (who, when, why), the
 * customer's contact — and the actions on it: give or move the build date
 * (refused when the day is full or the line doesn't work that day, naming
 * the holiday or the weekday; with a reason inside the frozen horizon),
 * move it to its next status once its build date has come, pull it ahead to
 * today (with a reason), cancel it before the frozen horizon (with a reason).
 * The moves offered are the transition rule's (`allowedMoves`), so the page
 * offers exactly what the server accepts.
 *
 * Every form carries the order's version as the page showed it: if someone
 * else changed the order meanwhile, the change is refused with 409 and the
 * page says to reload (nothing is overwritten). Bad input is a 4xx with a
 * message; the loader's data is what a revalidation refreshes.
 */
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLiveOrders } from "~/components/live/use-live-orders";
import { OrderActions } from "~/components/planning/order-actions";
import { BomTable, ConfigurationTable } from "~/components/planning/order-contents";
import { OrderNotice } from "~/components/planning/order-notice";
import { OrderContactCard, OrderTimeline } from "~/components/planning/order-people";
import { OrderSummary } from "~/components/planning/order-summary";
import { requirePermission } from "~/.server/auth/auth.server";
import { getEnv } from "~/.server/platform/env.server";
import { changeStatus, type OrderRefusalCode } from "~/.server/orders/orders.server";
import { firstWorkingBuildDay, isLineWorking, pullAhead, scheduleOrder } from "~/.server/planning/planning.server";
import { refusalText, type RefusalFacts } from "~/.server/planning/refusal-messages.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { plannerOrder } from "~/.server/planning/queue.server";
import { sequencePositionOf } from "~/.server/sequencing/sequence.server";
import { formFields, orderActionSchema } from "~/domain/forms/planning";
import { allowedMoves, dayOf, rescheduleNeedsReason, type OrderStatus } from "~/domain/orders";
import type { Refusal } from "~/domain/result";
import { buildDateProblem } from "~/domain/scheduling";
import { getDb } from "#db/client";
import { readFormData } from "~/utils/form-data.server";
import { languageOf } from "~/utils/meta";
import { getT } from "~/i18n";
import stylesUrl from "~/styles/planning.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = getT(languageOf(matches));
  return [{ title: `${t("queue.detail.title", { number: data?.order.number ?? "" })} · ${t("app.name")}` }];
};

const notFound = () => new Response("Not found", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "queue.manage");
  const { language } = await getPreferences(request);
  const db = await getDb();
  const order = await plannerOrder(db, { id: user.id, role: user.role }, params.number ?? "", language);
  if (!order) throw notFound();
  const today = dayOf(new Date());
  const horizon = getEnv().ORDER_FROZEN_HORIZON_DAYS;
  const moves = allowedMoves(order, today, horizon, "staff");
  const schedulable = order.status === "received" || order.status === "scheduled";
  return {
    language,
    horizon,
    order: {
      ...order,
      orderedAt: order.orderedAt.toISOString(),
      events: order.events.map((e) => ({ ...e, at: e.at.toISOString() })),
    },
    /** What the page offers: the transition rule's allowed moves (the server checks again on submit). */
    can: {
      schedule: schedulable,
      advance: moves.find((m) => m.to !== "cancelled" && !m.pullAhead)?.to ?? null,
      cancel: moves.some((m) => m.to === "cancelled"),
    },
    /** Moves beyond the flow's next step, and which forms must say why. */
    exceptions: {
      // Production starts only on a day the line works (decision 024): pullAhead would refuse it.
      pullAhead: moves.some((m) => m.pullAhead) && (await isLineWorking(db, order.line.code, today)),
      rescheduleNeedsReason: schedulable && rescheduleNeedsReason(order, today, horizon),
    },
    firstDay: await firstWorkingBuildDay(db, order.line.code, today, order.earliestBuildDate),
    /** Its place in the published sequence of its build day (decision 049), if that day is sequenced. */
    sequence: await sequencePositionOf(db, order.id),
  };
}

type Failure = { ok: false; intent: string; code: string; message: string; values: Record<string, string | number> };

const fail = (status: number, intent: string, code: string, message: string, values: Record<string, string | number> = {}) =>
  data({ ok: false, intent, code, message, values } satisfies Failure, { status });

/** The message (an i18n key and its values) for a refusal from the repository. */
function refusal(intent: string, number: string, problem: Refusal<OrderRefusalCode>, facts: RefusalFacts) {
  const { status, code, message, values } = refusalText(intent, number, problem, facts);
  return fail(status, intent, code, message, values);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "queue.manage");
  const number = params.number ?? "";
  const parsed = orderActionSchema.safeParse(formFields(await readFormData(request)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(400, "", "invalid-input", issue?.message ?? "validation.invalid", { field: issue?.path.join(".") ?? "" });
  }
  const input = parsed.data;
  const actor = { id: user.id, role: user.role };
  const db = await getDb();
  const now = new Date();
  const horizon = getEnv().ORDER_FROZEN_HORIZON_DAYS;
  const order = await plannerOrder(db, actor, number, "en");
  if (!order) return fail(404, input.intent, "not-found", "queue.detail.problems.notFound", { number });
  // The page was of an older version: whatever changed (even the very step asked for), the planner must see it first.
  // (The repository checks the version again in its UPDATE, for a change that lands between this read and that write.)
  if (order.version !== input.version) return fail(409, input.intent, "stale", "queue.detail.problems.stale", { number });

  if (input.intent === "schedule") {
    const problem = buildDateProblem(input.buildDate, { today: dayOf(now), earliest: order.earliestBuildDate });
    if (problem === "past-day") return fail(400, input.intent, "invalid-input", "queue.detail.problems.pastDay");
    if (problem === "before-earliest") return fail(409, input.intent, "invalid-input", "queue.detail.problems.beforeEarliest", { day: order.earliestBuildDate! });
    const result = await scheduleOrder(db, actor, { number, buildDate: input.buildDate, expectedVersion: input.version, reason: input.reason }, { now, horizonDays: horizon });
    if (!result.ok) return refusal(input.intent, number, result.problem, { day: input.buildDate, horizon });
    return { ok: true as const, intent: input.intent, message: "queue.detail.done.schedule", values: { day: input.buildDate } as Record<string, string | number> };
  }
  const facts = { horizon, buildDate: order.buildDate, earliest: order.earliestBuildDate, day: dayOf(now) };
  if (input.intent === "pull-ahead") {
    const result = await pullAhead(db, actor, { number, expectedVersion: input.version, reason: input.reason ?? "" }, { now, horizonDays: horizon });
    if (!result.ok) return refusal(input.intent, number, result.problem, facts);
    return { ok: true as const, intent: input.intent, message: "queue.detail.done.pullAhead", values: { day: dayOf(now) } as Record<string, string | number> };
  }
  const to: OrderStatus = input.intent === "cancel" ? "cancelled" : input.to;
  const result = await changeStatus(db, actor, { number, to, expectedVersion: input.version, reason: input.reason }, { now, horizonDays: horizon });
  if (!result.ok) return refusal(input.intent, number, result.problem, facts);
  return { ok: true as const, intent: input.intent, message: "queue.detail.done.status", values: { status: to } as Record<string, string | number> };
}

export default function PlannerOrder() {
  const { t } = useTranslation();
  const { order, can, exceptions, firstDay, language, horizon, sequence } = useLoaderData<typeof loader>();
  useLiveOrders({ number: order.number });
  const result = useActionData<typeof action>();

  return (
    <section className="planning planning-order" aria-labelledby="order-title">
      <p>
        <Link to="/planning">{t("queue.detail.back")}</Link>
      </p>
      <h1 id="order-title">{t("queue.detail.title", { number: order.number })}</h1>
      <OrderNotice result={result} number={order.number} language={language} />
      {sequence ? (
        <p data-testid="sequence-position">
          <Link to={`/planning/sequence?line=${encodeURIComponent(order.line.code)}&day=${sequence.day}`}>{t("sequence.orderPosition", { position: sequence.position, day: sequence.day })}</Link>
        </p>
      ) : null}
      <div className="planning-order__grid">
        <OrderSummary order={order} language={language} />
        <OrderActions order={order} can={can} exceptions={exceptions} firstDay={firstDay} horizon={horizon} language={language} />
      </div>
      <ConfigurationTable groups={order.groups} texts={order.texts} />
      <BomTable bom={order.bom} />
      <div className="planning-order__grid">
        <OrderTimeline events={order.events} language={language} />
        <OrderContactCard contact={order.contact} customer={order.customer} />
      </div>
      <p>
        <Link to={`/customers/${order.customer.id}`} className="touch-target" data-testid="customer-file-link">
          {t("customers.openFile")}
        </Link>
      </p>
    </section>
  );
}
