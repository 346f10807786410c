/**
 * What the dealership's lists (its quotes on /dealer, its orders on
 * /dealer/orders) share: the counts per status as filter links, the pager,
 * a list's problem with its parameters, and the orders' table.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Market } from "~/domain/catalog";
import type { OrderStatus } from "~/domain/orders";
import { formatMoney } from "~/utils/money";
import { useLanguage } from "~/components/use-language";
import { ErrorList } from "~/components/forms";
import { formatDay, formatTime } from "./QuoteBits";

/** "All (12) · Draft (3) · …": each a link that filters the list by that status. */
export function StatusCounts<S extends string>({
  statuses,
  counts,
  current,
  label,
  href,
}: {
  statuses: readonly S[];
  counts: Record<S, number>;
  current: S | undefined;
  label: (status: S) => string;
  href: (status: S | undefined) => string;
}) {
  const { t } = useTranslation();
  const all = statuses.reduce((sum, s) => sum + counts[s], 0);
  return (
    <nav className="dealer-counts" aria-label={t("dealerLists.byStatus")} data-testid="status-counts">
      <Link to={href(undefined)} aria-current={current === undefined ? "page" : undefined} className="dealer-counts__item">
        {t("dealerLists.all")} <span className="dealer-counts__n">{all}</span>
      </Link>
      {statuses.map((s) => (
        <Link key={s} to={href(s)} aria-current={current === s ? "page" : undefined} className="dealer-counts__item" data-status={s}>
          {label(s)} <span className="dealer-counts__n">{counts[s]}</span>
        </Link>
      ))}
    </nav>
  );
}

/** "Page 2 of 5" with the way back and on. */
export function Pager({ page, pageSize, total, href }: { page: number; pageSize: number; total: number; href: (page: number) => string }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1 && page === 1) return null;
  return (
    <nav className="dealer-pager" aria-label={t("dealerLists.pages")}>
      {page > 1 ? <Link to={href(page - 1)}>{t("dealerLists.previous")}</Link> : null}
      <span className="muted">{t("dealerLists.pageOf", { page, pages })}</span>
      {page < pages ? <Link to={href(page + 1)}>{t("dealerLists.next")}</Link> : null}
    </nav>
  );
}

/** A list's parameters the server couldn't read (a 400), with the way back to the whole list. */
export function ListProblem({ message, resetHref }: { message: string; resetHref: string }) {
  const { t } = useTranslation();
  return (
    <div className="card" data-testid="list-problem">
      <ErrorList errors={[message]} className="form-error" />
      <Link to={resetHref}>{t("dealerLists.reset")}</Link>
    </div>
  );
}

export interface DealerOrderRow {
  number: string;
  status: OrderStatus;
  customerName: string;
  line: string;
  total: number;
  buildDate: string | null;
  createdAt: string;
}

/** The dealership's orders, each linking to its order page. */
export function DealerOrderTable({ rows, market }: { rows: DealerOrderRow[]; market: Market }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="dealer-table-wrap">
      <table className="dealer-table" data-testid="order-table">
        <thead>
          <tr>
            <th scope="col">{t("queue.columns.number")}</th>
            <th scope="col">{t("quotes.customer")}</th>
            <th scope="col">{t("queue.columns.line")}</th>
            <th scope="col">{t("queue.columns.status")}</th>
            <th scope="col" className="num">
              {t("queue.columns.total")}
            </th>
            <th scope="col">{t("queue.columns.buildDate")}</th>
            <th scope="col">{t("queue.columns.orderedAt")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.number} data-order={o.number}>
              <th scope="row">
                <Link to={`/orders/${o.number}`} className="dealer-row-link">
                  {o.number}
                </Link>
              </th>
              <td>{o.customerName}</td>
              <td>{o.line}</td>
              <td>{t(`orders.status.${o.status}`)}</td>
              <td className="num">{formatMoney(o.total, market, language)}</td>
              <td>{o.buildDate ? formatDay(o.buildDate, language) : "\u2014"}</td>
              <td>{formatTime(o.createdAt, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
