import { Link, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDay, formatInstant } from "~/components/orders/OrderDetails";
import type { Language, Market } from "~/domain/catalog";
import { bulkVersionField, DEFAULT_DIRECTION, type QueueSort, type SortDirection } from "~/domain/forms/planning";
import type { OrderStatus } from "~/domain/orders";
import type { CustomerTier } from "~/domain/roles";
import { formatMoney } from "~/utils/money";
import { withParams } from "./queue-links";

/** A queue row as the page shows it: names instead of codes, the time as an ISO string. */
export interface QueueTableRow {
  number: string;
  /** The order's version as the page showed it: a bulk action on it is refused if someone changed it since. */
  version: number;
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

/**
 * The rows the planner ticked for a bulk action. The checkboxes belong to the
 * bulk form (`form` attribute), so they post with it, with or without
 * JavaScript; with it, the page keeps the set to count it and to select all.
 */
export interface QueueSelection {
  /** The id of the bulk form the checkboxes post with. */
  form: string;
  selected: ReadonlySet<string>;
  toggle: (number: string, on: boolean) => void;
  setAll: (on: boolean) => void;
}

/** "Select all on this page": a checkbox that needs JavaScript, so it shows only once the page is hydrated. */
function SelectAll({ rows, selection }: { rows: QueueTableRow[]; selection: QueueSelection }) {
  const { t } = useTranslation();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const all = rows.length > 0 && rows.every((r) => selection.selected.has(r.number));
  return (
    <th scope="col" className="select-cell">
      {hydrated ? <input type="checkbox" checked={all} onChange={(e) => selection.setAll(e.currentTarget.checked)} aria-label={t("queue.bulk.selectAll")} /> : null}
    </th>
  );
}

function OrderRow({ row, language, selection }: { row: QueueTableRow; language: Language; selection?: QueueSelection }) {
  const { t } = useTranslation();
  return (
    <tr>
      {selection ? (
        <td className="select-cell">
          <input
            type="checkbox"
            form={selection.form}
            name="number"
            value={row.number}
            checked={selection.selected.has(row.number)}
            onChange={(e) => selection.toggle(row.number, e.currentTarget.checked)}
            aria-label={t("queue.bulk.selectOrder", { number: row.number })}
          />
          <input type="hidden" form={selection.form} name={bulkVersionField(row.number)} value={row.version} />
        </td>
      ) : null}
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

/** One page of the queue, sortable by its headers, its rows selectable for the bulk form; a card saying so when nothing matches. */
export function QueueTable({ rows, sorting, language, selection }: { rows: QueueTableRow[]; sorting: Sorting; language: Language; selection?: QueueSelection }) {
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
            {selection ? <SelectAll rows={rows} selection={selection} /> : null}
            {COLUMNS.map((column) => (
              <ColumnHeader key={column} column={column} sorting={sorting} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <OrderRow key={row.number} row={row} language={language} selection={selection} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
