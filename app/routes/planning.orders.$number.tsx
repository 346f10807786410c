/**
 * /planning/orders/<number>: one order as the planner works it — its
 * configuration by feature, its BOM, its history, the customer's contact —
 * and the actions on it: give or move the build date (refused when the day is
 * full), move it to its next status, cancel it before the frozen horizon.
 *
 * Every form carries the order's version as the page showed it: if someone
 * else changed the order meanwhile, the change is refused with 409 and the
 * page says to reload (nothing is overwritten). Bad input is a 4xx with a
 * message; the loader's data is what a revalidation refreshes.
 */
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLiveOrders } from "~/components/live/use-live-orders";
import { requireRole } from "~/.server/auth/auth.server";
import { getEnv } from "~/.server/platform/env.server";
import { changeStatus, type OrderProblem } from "~/.server/orders/orders.server";
import { scheduleOrder } from "~/.server/planning/planning.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { plannerOrder } from "~/.server/planning/queue.server";
import { formFields, orderActionSchema } from "~/domain/forms/planning";
import { dayOf, isFrozen, nextStatus, type OrderStatus } from "~/domain/orders";
import { buildDateProblem, firstBuildDay } from "~/domain/scheduling";
import { getDb } from "#db/client";
import { readFormData } from "~/utils/form-data.server";
import { languageOf } from "~/utils/meta";
import { getT } from "~/i18n";
import { formatMoney } from "~/utils/money";
import stylesUrl from "~/styles/planning.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = getT(languageOf(matches));
  return [{ title: `${t("queue.detail.title", { number: data?.order.number ?? "" })} · ${t("app.name")}` }];
};

const notFound = () => new Response("Not found", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "planner", "admin");
  const { language } = await getPreferences(request);
  const db = await getDb();
  const order = await plannerOrder(db, { id: user.id, role: user.role }, params.number ?? "", language);
  if (!order) throw notFound();
  const today = dayOf(new Date());
  const horizon = getEnv().ORDER_FROZEN_HORIZON_DAYS;
  const next = nextStatus(order.status);
  const schedulable = order.status === "received" || order.status === "scheduled";
  return {
    language,
    horizon,
    order: {
      ...order,
      orderedAt: order.orderedAt.toISOString(),
      events: order.events.map((e) => ({ ...e, at: e.at.toISOString() })),
    },
    /** What the page offers (the server checks again on submit). */
    can: {
      schedule: schedulable,
      // `scheduled` is reached by giving a build date, not by a bare status change.
      advance: next !== null && next !== "scheduled" && order.buildDate !== null ? next : null,
      cancel: order.status !== "cancelled" && !isFrozen(order, today, horizon),
    },
    firstDay: firstBuildDay(today, order.earliestBuildDate),
  };
}

type Failure = { ok: false; intent: string; code: string; message: string; values: Record<string, string | number> };

const fail = (status: number, intent: string, code: string, message: string, values: Record<string, string | number> = {}) =>
  data({ ok: false, intent, code, message, values } satisfies Failure, { status });

/** The message (an i18n key and its values) for a refusal from the repository. */
function refusal(intent: string, number: string, problem: OrderProblem, extra: { day?: string; horizon: number }) {
  switch (problem.code) {
    case "stale":
      return fail(409, intent, problem.code, "queue.detail.problems.stale", { number });
    case "over-capacity":
      return fail(409, intent, problem.code, "queue.detail.problems.overCapacity", { day: extra.day ?? "" });
    case "frozen":
      return fail(409, intent, problem.code, "queue.detail.problems.frozen", { days: extra.horizon });
    case "not-scheduled":
      return fail(409, intent, problem.code, "queue.detail.problems.notScheduled");
    case "not-forward":
      return fail(409, intent, problem.code, "queue.detail.problems.notForward");
    case "not-found":
      return fail(404, intent, problem.code, "queue.detail.problems.notFound", { number });
    default:
      return fail(problem.status, intent, problem.code, "validation.invalid");
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "planner", "admin");
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
    const result = await scheduleOrder(db, actor, { number, buildDate: input.buildDate, expectedVersion: input.version }, { now });
    if (!result.ok) return refusal(input.intent, number, result.problem, { day: input.buildDate, horizon });
    return { ok: true as const, intent: input.intent, message: "queue.detail.done.schedule", values: { day: input.buildDate } as Record<string, string | number> };
  }
  const to: OrderStatus = input.intent === "cancel" ? "cancelled" : input.to;
  const result = await changeStatus(db, actor, { number, to, expectedVersion: input.version }, { now, horizonDays: horizon });
  if (!result.ok) return refusal(input.intent, number, result.problem, { horizon });
  return { ok: true as const, intent: input.intent, message: "queue.detail.done.status", values: { status: to } as Record<string, string | number> };
}

export default function PlannerOrder() {
  const { t } = useTranslation();
  const { order, can, firstDay, language, horizon } = useLoaderData<typeof loader>();
  useLiveOrders({ number: order.number });
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const when = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const day = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" });
  const showDay = (d: string) => day.format(new Date(`${d}T00:00:00Z`));
  const message = (r: NonNullable<typeof result>) => {
    const values: Record<string, string | number> = { ...r.values };
    if (typeof values.day === "string" && /^\d{4}-\d{2}-\d{2}$/.test(values.day)) values.day = showDay(values.day);
    if (typeof values.status === "string") values.status = (t as (key: string) => string)(`orders.status.${values.status}`);
    return (t as (key: string, values: Record<string, string | number>) => string)(r.message, values);
  };

  return (
    <section className="planning planning-order" aria-labelledby="order-title">
      <p>
        <Link to="/planning">{t("queue.detail.back")}</Link>
      </p>
      <h1 id="order-title">{t("queue.detail.title", { number: order.number })}</h1>

      {result ? (
        result.ok ? (
          <div className="planning__notice" role="status">
            <p>{message(result)}</p>
          </div>
        ) : (
          <div className="form-error" role="alert">
            <p>{message(result)}</p>
            {result.code === "stale" ? (
              <p>
                <Link to={`/planning/orders/${order.number}`} reloadDocument>
                  {t("queue.detail.reload")}
                </Link>
              </p>
            ) : null}
            {result.code === "over-capacity" ? (
              <p>
                <Link to="/planning/capacity">{t("queue.detail.toCapacity")}</Link>
              </p>
            ) : null}
          </div>
        )
      ) : null}

      <div className="planning-order__grid">
        <div className="card">
          <h2>{t("queue.detail.summary")}</h2>
          <dl className="facts">
            <dt>{t("queue.columns.status")}</dt>
            <dd>
              <span className={`status status--${order.status}`}>{t(`orders.status.${order.status}`)}</span>
            </dd>
            <dt>{t("queue.columns.tier")}</dt>
            <dd>
              <span className={`tier tier--${order.tier}`}>{t(`queue.tier.${order.tier}`)}</span>
            </dd>
            <dt>{t("queue.columns.line")}</dt>
            <dd>
              {order.line.name} <span className="muted">{order.catalogVersion}</span>
            </dd>
            <dt>{t("queue.columns.buildDate")}</dt>
            <dd>{order.buildDate ? showDay(order.buildDate) : t("queue.unscheduled")}</dd>
            <dt>{t("queue.detail.earliest")}</dt>
            <dd>{order.earliestBuildDate ? showDay(order.earliestBuildDate) : "—"}</dd>
            <dt>{t("queue.columns.orderedAt")}</dt>
            <dd>{when.format(new Date(order.orderedAt))}</dd>
            <dt>{t("queue.columns.dealership")}</dt>
            <dd>{order.dealership ? `${order.dealership.name} (${order.dealership.code})` : t("queue.direct")}</dd>
            <dt>{t("queue.columns.total")}</dt>
            <dd>{formatMoney(order.total, order.market, language)}</dd>
            <dt>{t("queue.detail.version")}</dt>
            <dd>{order.version}</dd>
          </dl>
        </div>

        <div className="card planning-order__actions">
          <h2>{t("queue.detail.actions")}</h2>
          {can.schedule ? (
            <Form method="post" className="form">
              <input type="hidden" name="intent" value="schedule" />
              <input type="hidden" name="version" value={order.version} />
              <div className="field">
                <label htmlFor="build-date">{order.buildDate ? t("queue.detail.moveDate") : t("queue.detail.assignDate")}</label>
                <input id="build-date" type="date" name="buildDate" min={firstDay} defaultValue={order.buildDate ?? firstDay} required />
                <p className="field__hint">{t("queue.detail.earliestHint", { day: showDay(firstDay) })}</p>
              </div>
              <button type="submit" className="button button--small" disabled={busy}>
                {order.buildDate ? t("queue.detail.move") : t("queue.detail.assign")}
              </button>
            </Form>
          ) : null}
          {can.advance ? (
            <Form method="post">
              <input type="hidden" name="intent" value="advance" />
              <input type="hidden" name="version" value={order.version} />
              <input type="hidden" name="to" value={can.advance} />
              <button type="submit" className="button button--small" disabled={busy}>
                {t("queue.detail.advance", { status: t(`orders.status.${can.advance}`) })}
              </button>
            </Form>
          ) : null}
          {can.cancel ? (
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <input type="hidden" name="version" value={order.version} />
              <button type="submit" className="button button--secondary button--small" disabled={busy}>
                {t("queue.detail.cancel")}
              </button>
            </Form>
          ) : order.status !== "cancelled" ? (
            <p className="muted">{t("queue.detail.frozen", { days: horizon })}</p>
          ) : null}
        </div>
      </div>

      <div className="card">
        <h2>{t("queue.detail.configuration")}</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("queue.detail.feature")}</th>
              <th scope="col">{t("queue.detail.code")}</th>
              <th scope="col">{t("queue.detail.value")}</th>
            </tr>
          </thead>
          <tbody>
            {order.groups.flatMap((g) =>
              g.values.map((v, i) => (
                <tr key={`${g.feature}-${v.code}`}>
                  {i === 0 ? (
                    <th scope="rowgroup" rowSpan={g.values.length}>
                      {g.feature}
                    </th>
                  ) : null}
                  <td>
                    <code>{v.code}</code>
                  </td>
                  <td>{v.name}</td>
                </tr>
              )),
            )}
            {order.texts.map((x) => (
              <tr key={x.code}>
                <th scope="row">{x.name}</th>
                <td>
                  <code>{x.code}</code>
                </td>
                <td>{x.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="card">
        <h2>{t("queue.detail.bom")}</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("queue.detail.module")}</th>
              <th scope="col">{t("queue.detail.moduleName")}</th>
              <th scope="col" className="num">
                {t("queue.detail.quantity")}
              </th>
            </tr>
          </thead>
          <tbody>
            {order.bom.map((b) => (
              <tr key={b.module}>
                <td>
                  <code>{b.module}</code>
                </td>
                <td>{b.name}</td>
                <td className="num">{b.quantity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="planning-order__grid">
        <div className="card">
          <h2>{t("queue.detail.history")}</h2>
          <ol className="timeline">
            {order.events.map((e, i) => (
              <li key={i}>
                <strong>{t(`orders.status.${e.to}`)}</strong>{" "}
                <span className="muted">
                  {t("queue.detail.event", { when: when.format(new Date(e.at)), who: e.actor ?? t("queue.detail.system") })}
                </span>
                {e.note ? <div className="muted">{e.note}</div> : null}
              </li>
            ))}
          </ol>
        </div>
        <div className="card">
          <h2>{t("queue.detail.contact")}</h2>
          <address>
            {order.contact.name}
            <br />
            {order.contact.street}
            <br />
            {order.contact.postalCode} {order.contact.city}
            <br />
            {order.contact.country}
            <br />
            <a href={`mailto:${order.contact.email}`}>{order.contact.email}</a>
            <br />
            <a href={`tel:${order.contact.phone.replace(/[^+0-9]/g, "")}`}>{order.contact.phone}</a>
          </address>
          <p className="muted">{t("queue.detail.account", { name: order.customer.name, email: order.customer.email })}</p>
        </div>
      </div>
    </section>
  );
}
