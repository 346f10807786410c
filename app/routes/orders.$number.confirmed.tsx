/**
 * /orders/<number>/confirmed: where checkout lands. The order as on its own
 * page, under a thank-you with the order number; the same visibility (its
 * customer, planners and admins; 404 for anyone else).
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/.server/auth/auth.server";
import { orderPageData } from "~/.server/orders/order-pages.server";
import configuratorStyles from "~/components/configurator/configurator.css?url";
import { OrderDetails, type OrderDetailsData } from "~/components/orders/OrderDetails";
import ordersStyles from "~/components/orders/orders.css?url";
import { getT } from "~/i18n";
import type { loader as rootLoader } from "~/root";
import { languageOf } from "~/utils/meta";
import { getDb } from "#db/client";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: configuratorStyles },
  { rel: "stylesheet", href: ordersStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await orderPageData(await getDb(), user, params.number ?? "");
  if (!page) throw new Response("Not found", { status: 404 });
  return page;
}

export const meta: MetaFunction = ({ matches }) => {
  const t = getT(languageOf(matches));
  return [{ title: `${t("orderPage.confirmedTitle")} · ${t("app.name")}` }];
};

export default function OrderConfirmed() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const language = root?.language ?? "en";
  const number = loaded.order.number;
  return (
    <OrderDetails
      data={loaded as unknown as OrderDetailsData}
      language={language}
      heading={
        <div className="order-notice" role="status" data-testid="order-confirmed">
          <p>
            <strong>{t("orderPage.confirmedTitle")}</strong>
          </p>
          <p>{t("orderPage.confirmedLead", { number, email: loaded.order.contact.email })}</p>
        </div>
      }
    >
      <p className="actions">
        <Link to={`/orders/${number}`} className="button">
          {t("orderPage.follow")}
        </Link>
        <Link to="/account/orders" className="button button--secondary">
          {t("orderPage.allOrders")}
        </Link>
      </p>
    </OrderDetails>
  );
}
