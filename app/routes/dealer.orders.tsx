/**
 * /dealer/orders: the orders made through the dealership, for its dealers and
 * sales managers — by status (with how many are in each), sorted, a page at
 * a time, each opening its order page (/orders/<number>, which the
 * dealership's staff may read). Bad parameters answer 400 with the reason.
 */
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listDealershipOrders } from "~/.server/orders/dealership-orders.server";
import { requireDealer } from "~/.server/quotes/dealer-pages.server";
import { DealerOrderTable, ListProblem, Pager, StatusCounts } from "~/components/dealer/DealerLists";
import { DealerPageHead } from "~/components/dealer/QuoteBits";
import dealerStyles from "~/components/dealer/dealer.css?url";
import { DEALER_ORDER_SORTS, dealerOrderListParamsSchema, listHref, type DealerOrderListParams } from "~/domain/forms/dealer-lists";
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
  const list = await listDealershipOrders(db, dealer, parsed.data);
  return {
    ...head,
    ok: true as const,
    params: parsed.data,
    orders: list.rows.map((o) => ({ ...o, createdAt: o.createdAt.toISOString() })),
    total: list.total,
    counts: list.counts,
    page: list.page,
    pageSize: list.pageSize,
  };
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
  const { params, orders, counts, total, page, pageSize, dealership } = loaded;
  const current: Record<string, string | number | undefined> = { ...params };
  const href = (change: Partial<Record<keyof DealerOrderListParams, string | number | undefined>>) => listHref("/dealer/orders", current, change);
  return (
    <>
      <StatusCounts statuses={ORDER_STATUSES} counts={counts} current={params.status} label={(s) => t(`orders.status.${s}`)} href={(status) => href({ status })} />
      <Form method="get" className="dealer-search dealer-filters">
        {params.status ? <input type="hidden" name="status" value={params.status} /> : null}
        <label>
          {t("dealerLists.sort")}{" "}
          <select name="sort" defaultValue={params.sort}>
            {DEALER_ORDER_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`dealerLists.orderSorts.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("dealerLists.direction")}{" "}
          <select name="dir" defaultValue={params.dir}>
            <option value="asc">{t("dealerLists.asc")}</option>
            <option value="desc">{t("dealerLists.desc")}</option>
          </select>
        </label>
        <button type="submit" className="button dealer-target">
          {t("dealerLists.apply")}
        </button>
      </Form>
      {orders.length === 0 ? <p className="muted">{params.status ? t("dealerLists.noMatch") : t("dealerLists.noOrders")}</p> : <DealerOrderTable rows={orders} market={dealership.market} />}
      <Pager page={page} pageSize={pageSize} total={total} href={(p) => href({ page: p })} />
    </>
  );
}
