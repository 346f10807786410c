import { useTranslation } from "react-i18next";
import { formatDay, formatInstant } from "~/components/orders/OrderDetails";
import type { Language, Market } from "~/domain/catalog";
import type { OrderStatus } from "~/domain/orders";
import type { CustomerTier } from "~/domain/roles";
import { formatMoney } from "~/utils/money";

interface OrderSummaryFacts {
  status: OrderStatus;
  tier: CustomerTier;
  line: { name: string };
  catalogVersion: string;
  buildDate: string | null;
  earliestBuildDate: string | null;
  orderedAt: string;
  dealership: { code: string; name: string } | null;
  total: number;
  market: Market;
  version: number;
}

/** The order at a glance: status, priority, line, dates, who sold it, total, and the version the forms carry. */
export function OrderSummary({ order, language }: { order: OrderSummaryFacts; language: Language }) {
  const { t } = useTranslation();
  return (
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
        <dd>{order.buildDate ? formatDay(order.buildDate, language) : t("queue.unscheduled")}</dd>
        <dt>{t("queue.detail.earliest")}</dt>
        <dd>{order.earliestBuildDate ? formatDay(order.earliestBuildDate, language) : "—"}</dd>
        <dt>{t("queue.columns.orderedAt")}</dt>
        <dd>{formatInstant(order.orderedAt, language)}</dd>
        <dt>{t("queue.columns.dealership")}</dt>
        <dd>{order.dealership ? `${order.dealership.name} (${order.dealership.code})` : t("queue.direct")}</dd>
        <dt>{t("queue.columns.total")}</dt>
        <dd>{formatMoney(order.total, order.market, language)}</dd>
        <dt>{t("queue.detail.version")}</dt>
        <dd>{order.version}</dd>
      </dl>
    </div>
  );
}
