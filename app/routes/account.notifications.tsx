/**
 * /account/notifications: what happened to the customer's orders and the
 * configurations they follow, newest first, written in the reader's language
 * from each notification's kind and facts, each linking to its order or
 * (nearest) configuration. "Mark all as read" marks those the page
 * showed (a newer one stays unread) and clears the header's badge.
 */
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLiveOrders } from "~/components/live/use-live-orders";
import { requirePermission } from "~/.server/auth/auth.server";
import { listNotifications, markNotificationsRead } from "~/.server/messages/notifications.server";
import { formatInstant } from "~/components/orders/OrderDetails";
import { notificationText } from "~/components/orders/notification-text";
import ordersStyles from "~/components/orders/orders.css?url";
import { isConfigurationNewsKind } from "~/domain/configuration-news";
import { markReadSchema } from "~/domain/forms/order-page";
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
  const submission = parseWithZod(await readFormData(request), { schema: markReadSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await markNotificationsRead(await getDb(), user.id, submission.value.upTo);
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
            <li key={n.id} data-unread={n.unread} data-kind={n.kind}>
              {n.unread ? <strong className="order-status">{t("notifications.new")}</strong> : null} <span>{notificationText(n, t, language)}</span>
              <br />
              <time dateTime={n.createdAt} className="muted">
                {formatInstant(n.createdAt, language)}
              </time>
              {n.href ? (
                <>
                  {" · "}
                  <Link to={n.href}>
                    {isConfigurationNewsKind(n.kind)
                      ? t("notifications.openConfiguration", { name: String(n.data.name ?? "") })
                      : t("notifications.open", { number: String(n.data.number ?? "") })}
                  </Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
