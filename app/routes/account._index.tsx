/**
 * /account: the customer's dashboard. A few of each thing the account holds —
 * saved configurations (picture and price), open orders with their progress,
 * quotes dealers made, recently viewed, the latest notifications — each
 * linking to its full page. An empty account is guided to the product lines.
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { accountDashboard } from "~/.server/account/dashboard.server";
import { listRecent } from "~/.server/account/recently-viewed.server";
import { requirePermission } from "~/.server/auth/auth.server";
import { listActiveLines } from "~/.server/catalog/catalog.server";
import { listSentLeads } from "~/.server/leads/leads.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { formatTime } from "~/components/dealer/QuoteBits";
import { formatDay, formatInstant } from "~/components/orders/OrderDetails";
import { OrderProgress } from "~/components/orders/OrderProgress";
import ordersStyles from "~/components/orders/orders.css?url";
import { RecentlyViewed } from "~/components/recently-viewed";
import { useLanguage } from "~/components/use-language";
import { SceneStill } from "~/scene/SceneStill";
import { getDb } from "#db/client";
import { title } from "~/utils/meta";
import { formatMoney } from "~/utils/money";
import stylesUrl from "~/styles/account.css?url";
import { notificationText } from "~/components/orders/notification-text";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: ordersStyles },
  { rel: "stylesheet", href: stylesUrl },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "order.read.own");
  const { market, language } = await getPreferences(request);
  const db = await getDb();
  const [dashboard, sent, recent, active] = await Promise.all([
    accountDashboard(db, user.id, market, language),
    listSentLeads(db, user.id),
    listRecent(db, user.id),
    listActiveLines(),
  ]);
  return {
    ...dashboard,
    notifications: dashboard.notifications.map((n) => ({ id: n.id, kind: n.kind, data: n.data, href: n.href, createdAt: n.createdAt.toISOString(), unread: n.readAt === null })),
    sent: sent.map((l) => ({ ...l, createdAt: l.createdAt.toISOString() })),
    recent,
    lineNames: Object.fromEntries((active?.lines ?? []).map((l) => [l.code, l.name])),
    market,
  };
}

export const meta: MetaFunction = ({ matches }) => title(matches, "account.title");

export default function AccountHome() {
  const { t } = useTranslation();
  const language = useLanguage();
  const data = useLoaderData<typeof loader>();
  const empty = data.configurations.length === 0 && data.orders.length === 0 && data.quotes.length === 0 && data.sent.length === 0;

  return (
    <section aria-labelledby="account-title" className="dashboard">
      <h1 id="account-title">{t("account.title")}</h1>
      <nav aria-label={t("account.dashboard.links")} className="dashboard__links">
        <Link to="/account/configurations">{t("configurations.title")}</Link>
        <Link to="/account/orders">{t("accountOrders.title")}</Link>
        <Link to="/account/notifications">
          {t("notifications.title")}
          {data.unread > 0 ? <span className="dashboard__count"> ({t("account.dashboard.unread", { count: data.unread })})</span> : null}
        </Link>
        <Link to="/account/profile">{t("profile.title")}</Link>
        <Link to="/account/api-tokens">{t("apiTokens.manage")}</Link>
      </nav>

      {empty ? (
        <div className="card" data-testid="dashboard-empty">
          <p>{t("account.empty")}</p>
          <Link to="/" className="button">
            {t("account.browse")}
          </Link>
        </div>
      ) : null}

      {data.orders.length > 0 ? (
        <section className="card" aria-labelledby="dash-orders" data-testid="dashboard-orders">
          <h2 id="dash-orders">{t("account.dashboard.orders")}</h2>
          <ul className="dashboard__list">
            {data.orders.map((o) => (
              <li key={o.number} data-number={o.number}>
                <Link to={`/orders/${o.number}`}>{t("orderPage.title", { number: o.number })}</Link> · {o.lineName} · {formatMoney(o.total, o.market, language)}
                {o.buildDate ? <span className="muted"> · {t("orderPage.buildDate")} {formatDay(o.buildDate, language)}</span> : null}
                <OrderProgress status={o.status} />
              </li>
            ))}
          </ul>
          <Link to="/account/orders">{t("account.dashboard.allOrders")}</Link>
        </section>
      ) : null}

      {data.configurations.length > 0 ? (
        <section className="card" aria-labelledby="dash-saved" data-testid="dashboard-configurations">
          <h2 id="dash-saved">{t("configurations.title")}</h2>
          <ul className="dashboard__cards">
            {data.configurations.map((c) => (
              <li key={c.id} data-id={c.id}>
                <div className="dashboard__picture">
                  <SceneStill line={c.lineCode} model={c.model} visualKeys={c.visualKeys} label={c.name} pictureWidth={480} />
                </div>
                <strong>{c.openUrl ? <Link to={c.openUrl}>{c.name}</Link> : c.name}</strong>
                <div className="muted">{c.lineName}</div>
                {c.total !== null ? <div data-testid="saved-price">{formatMoney(c.total, data.market, language)}</div> : null}
              </li>
            ))}
          </ul>
          <Link to="/account/configurations">{t("account.dashboard.allSaved", { count: data.configurationCount })}</Link>
        </section>
      ) : null}

      {data.quotes.length > 0 ? (
        <section className="card" aria-labelledby="dash-quotes" data-testid="dashboard-quotes">
          <h2 id="dash-quotes">{t("account.dashboard.quotes")}</h2>
          <ul className="dashboard__list">
            {data.quotes.map((q) => (
              <li key={q.number} data-number={q.number}>
                {t("account.dashboard.quote", { number: q.number, dealership: q.dealership, line: q.lineName })} · {formatMoney(q.total, q.market, language)}{" "}
                <span className="muted">{q.ordered ? t("account.dashboard.quoteOrdered") : t("account.dashboard.validUntil", { date: formatDay(q.validUntil, language) })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <RecentlyViewed server={data.recent} lineNames={data.lineNames} language={language} />

      {data.notifications.length > 0 ? (
        <section className="card" aria-labelledby="dash-notifications" data-testid="dashboard-notifications">
          <h2 id="dash-notifications">
            {t("notifications.title")} {data.unread > 0 ? <span className="dashboard__count">({t("account.dashboard.unread", { count: data.unread })})</span> : null}
          </h2>
          <ul className="dashboard__list">
            {data.notifications.map((n) => (
              <li key={n.id} className={n.unread ? "dashboard__unread" : undefined}>
                {n.href ? <Link to={n.href}>{notificationText(n, t, language)}</Link> : notificationText(n, t, language)}{" "}
                <span className="muted">{formatInstant(n.createdAt, language)}</span>
              </li>
            ))}
          </ul>
          <Link to="/account/notifications">{t("account.dashboard.allNotifications")}</Link>
        </section>
      ) : null}

      <SentLeads sent={data.sent} />
    </section>
  );
}

/** The configurations the customer sent to dealerships, and how far each got. */
function SentLeads({ sent }: { sent: { id: string; dealership: string; status: string; shareCode: string; line: string; createdAt: string }[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (sent.length === 0) return null;
  return (
    <section id="sent-leads" aria-labelledby="sent-leads-title" className="card" data-testid="sent-leads">
      <h2 id="sent-leads-title">{t("leads.sent.title")}</h2>
      <ul>
        {sent.map((l) => (
          <li key={l.id}>
            {t("leads.sent.item", { dealership: l.dealership, when: formatTime(l.createdAt, language) })} <Link to={`/share/${l.shareCode}`}>{l.line}</Link> ·{" "}
            <span className={`lead-status lead-status--${l.status}`}>{t(`leads.status.${l.status as "new"}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
