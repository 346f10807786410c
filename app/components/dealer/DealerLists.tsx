/**
 * What the dealership's lists (its quotes on /dealer, its orders on
 * /dealer/orders) share: the filter form with its sort fields, the counts per
 * status as filter links, the pager, a list's problem with its parameters,
 * and the orders' table.
 */
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Market } from "~/domain/catalog";
import { SORT_DIRECTIONS, type SortDirection } from "~/domain/forms/planning";
import type { OrderStatus } from "~/domain/orders";
import { formatMoney } from "~/utils/money";
import { useLanguage } from "~/components/use-language";
import { ErrorList } from "~/components/forms";
import { formatDay, formatTime } from "./QuoteBits";

/** One of a list's choices: its label, then the select (with "All" first, the empty value, where `all` is set). */
export function ListSelect<V extends string>({
  label,
  name,
  values,
  value,
  optionLabel,
  all = false,
}: {
  label: string;
  name: string;
  values: readonly V[];
  value: V | undefined;
  optionLabel: (value: V) => string;
  all?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {label}{" "}
      <select name={name} defaultValue={value ?? ""}>
        {all ? <option value="">{t("dealerLists.all")}</option> : null}
        {values.map((v) => (
          <option key={v} value={v}>
            {optionLabel(v)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A list's GET form: its own fields (`children`), then the sort, its direction and the button that applies them. */
export function ListFilterForm<S extends string>({
  search = false,
  sorts,
  sort,
  dir,
  sortLabel,
  children,
}: {
  /** The form is the list's search (role="search"). */
  search?: boolean;
  sorts: readonly S[];
  sort: S;
  dir: SortDirection;
  sortLabel: (sort: S) => string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Form method="get" role={search ? "search" : undefined} className="dealer-search dealer-filters">
      {children}
      <ListSelect label={t("dealerLists.sort")} name="sort" values={sorts} value={sort} optionLabel={sortLabel} />
      <ListSelect label={t("dealerLists.direction")} name="dir" values={SORT_DIRECTIONS} value={dir} optionLabel={(d) => t(`dealerLists.${d}`)} />
      <button type="submit" className="button dealer-target">
        {t("dealerLists.apply")}
      </button>
    </Form>
  );
}

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
  /** The order's market: the total is in its currency. */
  market: Market;
  buildDate: string | null;
  createdAt: string;
}

/** The dealership's orders, each linking to its order page. */
export function DealerOrderTable({ rows }: { rows: DealerOrderRow[] }) {
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
              <td className="num">{formatMoney(o.total, o.market, language)}</td>
              <td>{o.buildDate ? formatDay(o.buildDate, language) : "\u2014"}</td>
              <td>{formatTime(o.createdAt, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
