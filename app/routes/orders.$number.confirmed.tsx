/**
 * /orders/<number>/confirmed: where checkout lands. The order as on its own
 * page, under a thank-you with the order number; the same visibility (its
 * customer, planners and admins; 404 for anyone else).
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireOrderPage } from "~/.server/orders/order-pages.server";
import configuratorStyles from "~/components/configurator/configurator.css?url";
import { OrderDetails, type OrderDetailsData } from "~/components/orders/OrderDetails";
import ordersStyles from "~/components/orders/orders.css?url";
import { useLanguage } from "~/components/use-language";
import { getT } from "~/i18n";
import { languageOf } from "~/utils/meta";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: configuratorStyles },
  { rel: "stylesheet", href: ordersStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return requireOrderPage(request, params.number ?? "");
}

export const meta: MetaFunction = ({ matches }) => {
  const t = getT(languageOf(matches));
  return [{ title: `${t("orderPage.confirmedTitle")} · ${t("app.name")}` }];
};

export default function OrderConfirmed() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const language = useLanguage();
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
