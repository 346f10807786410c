/**
 * /dealer/orders: the orders made through the dealership, for its dealers and
 * sales managers — by status (with how many are in each), sorted, a page at
 * a time, each opening its order page (/orders/<number>, which the
 * dealership's staff may read). Bad parameters answer 400 with the reason.
 */
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listDealershipOrders } from "~/.server/orders/dealership-orders.server";
import { requireDealer } from "~/.server/quotes/dealer-pages.server";
import { DealerOrderTable, ListFilterForm, ListProblem, Pager, StatusCounts } from "~/components/dealer/DealerLists";
import { DealerPageHead } from "~/components/dealer/QuoteBits";
import dealerStyles from "~/components/dealer/dealer.css?url";
import { DEALER_ORDER_SORTS, dealerOrderListParamsSchema, listLinks } from "~/domain/forms/dealer-lists";
import { firstIssue, paramsObject } from "~/domain/forms/planning";
import { ORDER_STATUSES } from "~/domain/orders";
import { title } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dealerStyles }];

export const meta: MetaFunction = ({ matches }) => title(matches, "dealerLists.ordersTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const { dealer, db } = await requireDealer(request, "order.read.dealership");
  const head = { dealership: dealer.dealership };
  const parsed = dealerOrderListParamsSchema.safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) return data({ ...head, ok: false as const, problem: firstIssue(parsed.error) }, { status: 400 });
  const { rows, ...pages } = await listDealershipOrders(db, dealer, parsed.data);
  return { ...head, ok: true as const, params: parsed.data, orders: rows.map((o) => ({ ...o, createdAt: o.createdAt.toISOString() })), ...pages };
}

export default function DealerOrders() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  return (
    <section className="dealer-page" aria-labelledby="dealer-orders-title">
      <DealerPageHead crumbs={<Link to="/dealer">{t("dealer.title")}</Link>} titleId="dealer-orders-title" title={t("dealerLists.ordersTitle")} />
      <p className="muted">{loaded.dealership.name}</p>
      {loaded.ok ? <OrderList /> : <ListProblem message={loaded.problem.message} resetHref="/dealer/orders" />}
    </section>
  );
}

function OrderList() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  if (!loaded.ok) return null;
  const { params, orders, counts, total, page, pageSize } = loaded;
  const href = listLinks("/dealer/orders", params);
  return (
    <>
      <StatusCounts statuses={ORDER_STATUSES} counts={counts} current={params.status} label={(s) => t(`orders.status.${s}`)} href={(status) => href({ status })} />
      <ListFilterForm sorts={DEALER_ORDER_SORTS} sort={params.sort} dir={params.dir} sortLabel={(s) => t(`dealerLists.orderSorts.${s}`)}>
        {params.status ? <input type="hidden" name="status" value={params.status} /> : null}
      </ListFilterForm>
      {orders.length === 0 ? <p className="muted">{params.status ? t("dealerLists.noMatch") : t("dealerLists.noOrders")}</p> : <DealerOrderTable rows={orders} />}
      <Pager page={page} pageSize={pageSize} total={total} href={(p) => href({ page: p })} />
    </>
  );
}
