import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { QUEUE_COUNT_CAP } from "~/domain/forms/planning";
import { ORDER_STATUSES, type OrderStatus } from "~/domain/orders";
import { withParams } from "./queue-links";

/** One tab per status with its count under the other filters, and "all" first; the current one is marked. */
export function QueueStatusTabs({ counts, capped, status }: { counts: Record<OrderStatus, number>; capped: boolean; status: OrderStatus | undefined }) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  // Counting stopped at QUEUE_COUNT_CAP orders (an option-code filter, decision 052): "All" says so, the statuses show no count.
  const all = capped ? t("queue.countAtLeast", { n: QUEUE_COUNT_CAP }) : Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <nav className="status-tabs" aria-label={t("queue.statusNav")}>
      <ul>
        <li>
          <Link to={withParams(search, { status: undefined })} aria-current={status ? undefined : "page"}>
            {t("queue.allStatuses")} <span className="count">{all}</span>
          </Link>
        </li>
        {ORDER_STATUSES.map((s) => (
          <li key={s}>
            <Link to={withParams(search, { status: s })} aria-current={status === s ? "page" : undefined}>
              {t(`orders.status.${s}`)} {capped ? null : <span className="count">{counts[s]}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
