/**
 * /orders/<number>: the order, its configuration and frozen price, delivery
 * dates and status timeline. Its customer, the staff of its dealership,
 * planners and admins may see it; anyone else gets 404, as for an order that
 * doesn't exist. Before the
 * frozen horizon the customer may cancel it or change its configuration
 * ("edit" opens it in the configurator and remembers which order is being
 * changed). Once delivered, its customer rates it (once); the rating is shown
 * to whoever sees the order.
 */
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLiveOrders } from "~/components/live/use-live-orders";
import { requireUser } from "~/.server/auth/auth.server";
import { orderChangeCookie, requireOrderPage } from "~/.server/orders/order-pages.server";
import { changeStatus, getOrder } from "~/.server/orders/orders.server";
import { giveFeedback } from "~/.server/customers/feedback.server";
import configuratorStyles from "~/components/configurator/configurator.css?url";
import { ErrorList } from "~/components/forms";
import { formatDay, OrderDetails, type OrderDetailsData } from "~/components/orders/OrderDetails";
import ordersStyles from "~/components/orders/orders.css?url";
import { useLanguage } from "~/components/use-language";
import type { Language } from "~/domain/catalog";
import { configureHref } from "~/domain/forms/configuration";
import { FEEDBACK_ASPECTS, FEEDBACK_COMMENT_MAX, type FeedbackAspect } from "~/domain/forms/customer-file";
import { orderActionSchema } from "~/domain/forms/order-page";
import { getT } from "~/i18n";
import { readFormData } from "~/utils/form-data.server";
import { languageOf } from "~/utils/meta";
import { getDb } from "#db/client";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: configuratorStyles },
  { rel: "stylesheet", href: ordersStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return requireOrderPage(request, params.number ?? "");
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = getT(languageOf(matches));
  return [{ title: `${t("orderPage.title", { number: data?.order.number ?? "" })} · ${t("app.name")}` }];
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const number = params.number ?? "";
  const submission = parseWithZod(await readFormData(request), { schema: orderActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const db = await getDb();
  const actor = { id: user.id, role: user.role };
  if (submission.value.intent === "edit") {
    const order = await getOrder(db, actor, number);
    if (!order) throw new Response("Not found", { status: 404 });
    if (order.customerId !== user.id) return data(submission.reply({ formErrors: ["orderPage.refused.notYours"] }), { status: 403 });
    return redirect(configureHref(order.line, order.choices, order.texts), { headers: { "Set-Cookie": await orderChangeCookie.serialize(order.number) } });
  }
  if (submission.value.intent === "feedback") {
    const { intent: _, ...rating } = submission.value;
    const given = await giveFeedback(db, actor, number, rating);
    if (given.ok) return redirect(`/orders/${number}#feedback`);
    const { problem } = given;
    if (problem.status === 404) throw new Response("Not found", { status: 404 });
    if (problem.path) return data(submission.reply({ fieldErrors: { [problem.path]: ["validation.invalid"] } }), { status: problem.status });
    return data(submission.reply({ formErrors: [`feedback.refused.${problem.code === "already-given" ? "alreadyGiven" : "notDelivered"}`] }), { status: problem.status });
  }
  const result = await changeStatus(db, actor, { number, to: "cancelled", expectedVersion: submission.value.expectedVersion });
  if (result.ok) return redirect(`/orders/${number}`);
  const { problem } = result;
  if (problem.status === 404) throw new Response("Not found", { status: 404 });
  const key = problem.code === "frozen" ? "frozen" : problem.code === "stale" ? "stale" : problem.status === 403 ? "notYours" : "notCancellable";
  return data(submission.reply({ formErrors: [`orderPage.refused.${key}`] }), { status: problem.status });
}

export default function OrderPage() {
  const loaded = useLoaderData<typeof loader>();
  useLiveOrders({ number: loaded.order.number });
  const language = useLanguage();
  return (
    <OrderDetails data={loaded as unknown as OrderDetailsData} language={language}>
      <CustomerActions language={language} />
      <OrderFeedback />
    </OrderDetails>
  );
}

/** Cancel and change (or why not), for the order's customer. */
function CustomerActions({ language }: { language: Language }) {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  if (!loaded.isOwner) return null;
  const busy = navigation.state !== "idle";
  const errors = reply && "error" in reply ? (reply.error?.[""] ?? undefined) : undefined;
  return (
    <div className="order-customer-actions">
      <ErrorList errors={errors ?? undefined} className="form-error" />
      {loaded.lock ? (
        <p className="order-notice" data-testid="order-locked">
          {t(`orderPage.locked.${loaded.lock}`, { days: loaded.horizonDays })}
        </p>
      ) : (
        <>
          <p className="order-notice" data-testid="order-changeable">
            {loaded.changeableUntil
              ? t("orderPage.changeableUntil", { date: formatDay(loaded.changeableUntil, language) })
              : t("orderPage.changeableBefore", { days: loaded.horizonDays })}
          </p>
          <div className="actions">
            <Form method="post" action={`/orders/${loaded.order.number}`}>
              <button type="submit" name="intent" value="edit" className="button" disabled={busy} data-testid="change-order">
                {t("orderPage.change")}
              </button>
            </Form>
            <Form
              method="post"
              action={`/orders/${loaded.order.number}`}
              onSubmit={(event) => {
                if (!window.confirm(t("orderPage.cancelConfirm"))) event.preventDefault();
              }}
            >
              <input type="hidden" name="expectedVersion" value={loaded.order.version} />
              <button type="submit" name="intent" value="cancel" className="button button--secondary" disabled={busy} data-testid="cancel-order">
                {t("orderPage.cancel")}
              </button>
            </Form>
          </div>
        </>
      )}
      <p>
        <Link to="/account/orders">{t("orderPage.allOrders")}</Link>
      </p>
    </div>
  );
}

/** The rating of a delivered order: the owner's form until they rate it, then what they said (shown to staff too). */
function OrderFeedback() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { feedback, canRate, order } = loaded;
  if (!feedback && !canRate) return null;
  const handled = order.dealershipId !== null;
  const aspects = FEEDBACK_ASPECTS.filter((aspect) => aspect !== "dealer" || handled);
  const errors = reply && "error" in reply ? reply.error : undefined;
  return (
    <section id="feedback" aria-labelledby="feedback-title" className="card order-feedback" data-testid="order-feedback">
      <h2 id="feedback-title">{t("feedback.title")}</h2>
      {feedback ? (
        <dl className="order-feedback__given">
          {aspects.map((aspect) => (
            <div key={aspect}>
              <dt>{t(`feedback.aspect.${aspect}`)}</dt>
              <dd data-testid={`feedback-${aspect}`}>{t("feedback.stars", { n: String(ratingOf(feedback, aspect) ?? "") })}</dd>
            </div>
          ))}
          {feedback.comment ? (
            <div>
              <dt>{t("feedback.comment")}</dt>
              <dd className="order-feedback__comment">{feedback.comment}</dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <Form method="post" action={`/orders/${order.number}#feedback`}>
          <p className="muted">{t("feedback.lead")}</p>
          <ErrorList errors={errors?.[""] ?? undefined} className="form-error" />
          {aspects.map((aspect) => (
            <fieldset key={aspect} className="order-feedback__aspect">
              <legend>{t(`feedback.aspect.${aspect}`)}</legend>
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} className="order-feedback__star">
                  <input type="radio" name={aspect} value={n} required />
                  {n}
                </label>
              ))}
              <ErrorList errors={errors?.[aspect] ?? undefined} />
            </fieldset>
          ))}
          <label className="field">
            <span>{t("feedback.comment")}</span>
            <textarea name="comment" maxLength={FEEDBACK_COMMENT_MAX} rows={3} />
          </label>
          <ErrorList errors={errors?.comment ?? undefined} />
          <button type="submit" name="intent" value="feedback" className="button" disabled={navigation.state !== "idle"} data-testid="give-feedback">
            {t("feedback.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}

function ratingOf(feedback: { productRating: number; dealerRating: number | null; deliveryRating: number }, aspect: FeedbackAspect): number | null {
  return aspect === "product" ? feedback.productRating : aspect === "dealer" ? feedback.dealerRating : feedback.deliveryRating;
}
