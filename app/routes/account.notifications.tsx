/**
 * /account/notifications: every role's notification centre (decision 034).
 * A customer reads what happened to their orders and the configurations they
 * follow; staff read their work news (approvals asked and decided, leads,
 * expiring quotes, their dealership's orders, new catalogs). Newest first,
 * written in the reader's language from each notification's kind and facts,
 * each linking to its thing. "Mark as read" marks one, "Mark all as read"
 * those the page showed (a newer one stays unread); both clear the header's
 * badge. Only the reader's own rows are listed or marked: another's id
 * answers 404, as one that doesn't exist.
 */
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLiveOrders } from "~/components/live/use-live-orders";
import { requirePermission } from "~/.server/auth/auth.server";
import { listNotifications, markNotificationRead, markNotificationsRead } from "~/.server/messages/notifications.server";
import { formatInstant } from "~/components/orders/OrderDetails";
import { notificationLinkText, notificationText } from "~/components/orders/notification-text";
import ordersStyles from "~/components/orders/orders.css?url";
import { notificationActionSchema } from "~/domain/forms/notifications";
import type { loader as rootLoader } from "~/root";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";
import { getDb } from "#db/client";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: ordersStyles }];

export const meta: MetaFunction = ({ matches }) => title(matches, "notifications.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "notification.read");
  const rows = await listNotifications(await getDb(), user.id);
  return {
    notifications: rows.map((n) => ({ id: n.id, kind: n.kind, data: n.data, href: n.href, createdAt: n.createdAt.toISOString(), unread: n.readAt === null })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "notification.read");
  const submission = parseWithZod(await readFormData(request), { schema: notificationActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const db = await getDb();
  if ("id" in submission.value) {
    const marked = await markNotificationRead(db, user.id, submission.value.id);
    if (marked === "not-found") return data(submission.reply({ formErrors: [`no notification ${submission.value.id}`] }), { status: 404 });
  } else {
    await markNotificationsRead(db, user.id, submission.value.upTo);
  }
  return redirect("/account/notifications");
}

export default function Notifications() {
  const { t } = useTranslation();
  const { notifications } = useLoaderData<typeof loader>();
  useLiveOrders();
  const language = useRouteLoaderData<typeof rootLoader>("root")?.language ?? "en";
  const navigation = useNavigation();
  const unread = notifications.filter((n) => n.unread);
  return (
    <section aria-labelledby="notifications-title">
      <h1 id="notifications-title">{t("notifications.title")}</h1>
      <p className="lead">{t("notifications.lead")}</p>
      {unread.length > 0 ? (
        <Form method="post">
          <input type="hidden" name="upTo" value={notifications[0]!.id} />
          <button type="submit" className="button button--secondary" disabled={navigation.state !== "idle"} data-testid="mark-read">
            {t("notifications.markAllRead")}
          </button>
        </Form>
      ) : null}
      {notifications.length === 0 ? (
        <p className="card">{t("notifications.empty")}</p>
      ) : (
        <ul className="notification-list" data-testid="notifications">
          {notifications.map((n) => (
            <li key={n.id} data-unread={n.unread} data-kind={n.kind} data-id={n.id}>
              {n.unread ? <strong className="order-status">{t("notifications.new")}</strong> : null} <span>{notificationText(n, t, language)}</span>
              <br />
              <time dateTime={n.createdAt} className="muted">
                {formatInstant(n.createdAt, language)}
              </time>
              {n.href ? (
                <>
                  {" · "}
                  <Link to={n.href}>{notificationLinkText(n, t)}</Link>
                </>
              ) : null}
              {n.unread ? (
                <Form method="post" className="notification-read">
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="button button--secondary button--small" disabled={navigation.state !== "idle"} data-testid="mark-one-read">
                    {t("notifications.markRead")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
