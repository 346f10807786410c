import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDay, formatInstant } from "~/components/orders/OrderDetails";
import type { Language, Market } from "~/domain/catalog";
import { DEFAULT_DIRECTION, type QueueSort, type SortDirection } from "~/domain/forms/planning";
import type { OrderStatus } from "~/domain/orders";
import type { CustomerTier } from "~/domain/roles";
import { formatMoney } from "~/utils/money";
import { withParams } from "./queue-links";

/** A queue row as the page shows it: names instead of codes, the time as an ISO string. */
export interface QueueTableRow {
  number: string;
  tier: CustomerTier;
  /** The product line's name in the reader's language. */
  line: string;
  status: OrderStatus;
  buildDate: string | null;
  orderedAt: string;
  /** The dealership's name, or null for an order placed directly. */
  dealership: string | null;
  total: number;
  market: Market;
}

const COLUMNS = ["number", "tier", "line", "status", "buildDate", "orderedAt", "dealership", "total"] as const;
type Column = (typeof COLUMNS)[number];

const SORTABLE: Partial<Record<Column, QueueSort>> = { number: "number", tier: "tier", buildDate: "build", orderedAt: "ordered" };

interface Sorting {
  sort: QueueSort;
  dir: SortDirection;
}

/** A column's header: a link that sorts by it (the current sort's link turns its direction round). */
function ColumnHeader({ column, sorting }: { column: Column; sorting: Sorting }) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const sort = SORTABLE[column];
  const active = sort === sorting.sort;
  const dir = active ? (sorting.dir === "asc" ? "desc" : "asc") : sort ? DEFAULT_DIRECTION[sort] : undefined;
  return (
    <th scope="col" className={column === "total" ? "num" : undefined} aria-sort={active ? (sorting.dir === "asc" ? "ascending" : "descending") : undefined}>
      {sort ? (
        <Link to={withParams(search, { sort, dir })}>
          {t(`queue.columns.${column}`)}
          {active ? <span aria-hidden="true">{sorting.dir === "asc" ? " ▲" : " ▼"}</span> : null}
        </Link>
      ) : (
        t(`queue.columns.${column}`)
      )}
    </th>
  );
}

function OrderRow({ row, language }: { row: QueueTableRow; language: Language }) {
  const { t } = useTranslation();
  return (
    <tr>
      <th scope="row">
        <Link to={`/planning/orders/${row.number}`}>{row.number}</Link>
      </th>
      <td>
        <span className={`tier tier--${row.tier}`}>{t(`queue.tier.${row.tier}`)}</span>
      </td>
      <td>{row.line}</td>
      <td>
        <span className={`status status--${row.status}`}>{t(`orders.status.${row.status}`)}</span>
      </td>
      <td>{row.buildDate ? formatDay(row.buildDate, language) : <span className="muted">{t("queue.unscheduled")}</span>}</td>
      <td>{formatInstant(row.orderedAt, language)}</td>
      <td>{row.dealership ?? <span className="muted">{t("queue.direct")}</span>}</td>
      <td className="num">{formatMoney(row.total, row.market, language)}</td>
    </tr>
  );
}

/** One page of the queue, sortable by its headers; a card saying so when nothing matches. */
export function QueueTable({ rows, sorting, language }: { rows: QueueTableRow[]; sorting: Sorting; language: Language }) {
  const { t } = useTranslation();
  if (rows.length === 0)
    return (
      <div className="card">
        <p>{t("planning.empty")}</p>
      </div>
    );
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t("queue.caption")}</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <ColumnHeader key={column} column={column} sorting={sorting} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <OrderRow key={row.number} row={row} language={language} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
