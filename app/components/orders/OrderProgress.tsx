/**
 * Where an order stands in its flow (received → scheduled → in production →
 * built → shipped → delivered), as an ordered list the customer can read at a
 * glance: steps done, the current one, the ones still to come. A cancelled
 * order has no progress to show, so it says so instead.
 */
import { useTranslation } from "react-i18next";
import { FLOW, type OrderStatus } from "~/domain/orders";

export function OrderProgress({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  if (status === "cancelled")
    return (
      <p className="order-progress order-progress--cancelled" data-testid="order-progress" data-status={status}>
        {t("orders.status.cancelled")}
      </p>
    );
  const at = FLOW.indexOf(status);
  return (
    <ol className="order-progress" aria-label={t("orderProgress.label", { step: at + 1, steps: FLOW.length })} data-testid="order-progress" data-status={status}>
      {FLOW.map((step, i) => (
        <li key={step} data-state={i < at ? "done" : i === at ? "current" : "todo"} aria-current={i === at ? "step" : undefined}>
          {t(`orders.status.${step}`)}
        </li>
      ))}
    </ol>
  );
}
