import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ORDER_STATUSES, type OrderStatus } from "~/domain/orders";
import { withParams } from "./queue-links";

/** One tab per status with its count under the other filters, and "all" first; the current one is marked. */
export function QueueStatusTabs({ counts, status }: { counts: Record<OrderStatus, number>; status: OrderStatus | undefined }) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  return (
    <nav className="status-tabs" aria-label={t("queue.statusNav")}>
      <ul>
        <li>
          <Link to={withParams(search, { status: undefined })} aria-current={status ? undefined : "page"}>
            {t("queue.allStatuses")} <span className="count">{Object.values(counts).reduce((a, b) => a + b, 0)}</span>
          </Link>
        </li>
        {ORDER_STATUSES.map((s) => (
          <li key={s}>
            <Link to={withParams(search, { status: s })} aria-current={status === s ? "page" : undefined}>
              {t(`orders.status.${s}`)} <span className="count">{counts[s]}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
