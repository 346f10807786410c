import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ORDER_STATUSES, type OrderStatus } from "~/domain/orders";
import { withParams } from "./queue-links";

/**
 * A count as the queue shows it: the number, or "10000+" when it reached the
 * cap that counts under an option-code filter stop at (`cap`; null: exact).
 * `of` are the counts it sums: one reaching the cap makes the sum "or more" too.
 */
export function useQueueCount(cap: number | null) {
  const { t } = useTranslation();
  return (n: number, of: readonly number[] = [n]) => (cap !== null && of.some((c) => c >= cap) ? t("queue.countAtLeast", { n }) : String(n));
}

/** One tab per status with its count under the other filters, and "all" first; the current one is marked. */
export function QueueStatusTabs({ counts, cap, status }: { counts: Record<OrderStatus, number>; cap: number | null; status: OrderStatus | undefined }) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const count = useQueueCount(cap);
  const all = Object.values(counts);
  return (
    <nav className="status-tabs" aria-label={t("queue.statusNav")}>
      <ul>
        <li>
          <Link to={withParams(search, { status: undefined })} aria-current={status ? undefined : "page"}>
            {t("queue.allStatuses")} <span className="count">{count(all.reduce((a, b) => a + b, 0), all)}</span>
          </Link>
        </li>
        {ORDER_STATUSES.map((s) => (
          <li key={s}>
            <Link to={withParams(search, { status: s })} aria-current={status === s ? "page" : undefined}>
              {t(`orders.status.${s}`)} <span className="count">{count(counts[s])}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
