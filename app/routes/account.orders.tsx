/**
 * /account/orders: the customer's orders, newest first, with status, build
 * date and total; each opens its order page.
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/.server/auth/auth.server";
import { getLine } from "~/.server/catalog/catalog.server";
import { listCustomerOrders } from "~/.server/orders/orders.server";
import { formatDay, formatInstant, StatusBadge } from "~/components/orders/OrderDetails";
import ordersStyles from "~/components/orders/orders.css?url";
import { useLanguage } from "~/components/use-language";
import { localize, type Localized } from "~/domain/catalog";
import { title } from "~/utils/meta";
import { formatMoney } from "~/utils/money";
import { getDb } from "#db/client";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: ordersStyles }];

export const meta: MetaFunction = ({ matches }) => title(matches, "accountOrders.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "order.read.own");
  const db = await getDb();
  const orders = await listCustomerOrders(db, user.id);
  // Line names per (line, version): a handful of lookups served by the catalog cache.
  const names = new Map<string, Localized | null>();
  for (const o of orders) {
    const key = `${o.line}\u0000${o.catalogVersion}`;
    if (!names.has(key)) names.set(key, (await getLine(o.line, o.catalogVersion, { db }))?.line.name ?? null);
  }
  return {
    orders: orders.map((o) => ({
      number: o.number,
      status: o.status,
      line: o.line,
      lineName: names.get(`${o.line}\u0000${o.catalogVersion}`) ?? null,
      market: o.market,
      total: o.total,
      buildDate: o.status === "cancelled" ? null : o.buildDate,
      createdAt: o.createdAt.toISOString(),
    })),
  };
}

export default function AccountOrders() {
  const { t } = useTranslation();
  const { orders } = useLoaderData<typeof loader>();
  const language = useLanguage();
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">{t("accountOrders.title")}</h1>
      <p className="lead">{t("accountOrders.lead")}</p>
      {orders.length === 0 ? (
        <div className="card">
          <p>{t("accountOrders.empty")}</p>
          <Link to="/" className="button">
            {t("account.browse")}
          </Link>
        </div>
      ) : (
        <table className="orders-table" data-testid="orders-table">
          <thead>
            <tr>
              <th scope="col">{t("accountOrders.number")}</th>
              <th scope="col">{t("accountOrders.product")}</th>
              <th scope="col">{t("accountOrders.ordered")}</th>
              <th scope="col">{t("accountOrders.status")}</th>
              <th scope="col">{t("accountOrders.buildDate")}</th>
              <th scope="col">{t("accountOrders.total")}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.number} data-number={o.number}>
                <th scope="row">
                  <Link to={`/orders/${o.number}`}>{o.number}</Link>
                </th>
                <td>{o.lineName ? localize(o.lineName, language) : o.line}</td>
                <td>{formatInstant(o.createdAt, language)}</td>
                <td>
                  <StatusBadge status={o.status} />
                </td>
                <td>{o.buildDate ? formatDay(o.buildDate, language) : t("accountOrders.notScheduled")}</td>
                <td>{formatMoney(o.total, o.market, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
