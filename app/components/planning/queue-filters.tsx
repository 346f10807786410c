import { Form, Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDay } from "~/components/orders/OrderDetails";
import type { Language } from "~/domain/catalog";
import { PAGE_SIZES, QUEUE_SORTS, type QueueParams } from "~/domain/forms/planning";
import { LineSelect } from "./line-select";
import { withParams } from "./queue-links";

/** What the filter controls offer. */
interface QueueFilterOptions {
  lines: { code: string; name: string }[];
  dealerships: { id: string; code: string; name: string }[];
}

type Params = Omit<QueueParams, "after" | "before">;

function SortFields({ params }: { params: Params }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field">
        <label htmlFor="f-sort">{t("queue.filters.sort")}</label>
        <select id="f-sort" name="sort" defaultValue={params.sort}>
          {QUEUE_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`queue.sort.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-dir">{t("queue.filters.direction")}</label>
        <select id="f-dir" name="dir" defaultValue={params.dir}>
          <option value="asc">{t("queue.sort.asc")}</option>
          <option value="desc">{t("queue.sort.desc")}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-size">{t("queue.filters.size")}</label>
        <select id="f-size" name="size" defaultValue={String(params.size)}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

/** The filters bar: a GET form (the status stays as the tabs set it), reset, and the CSV of everything it matches. */
export function QueueFilters({ params, options, language }: { params: Params; options: QueueFilterOptions; language: Language }) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  return (
    <Form method="get" className="queue-filters" aria-label={t("queue.filters.label")}>
      {params.status ? <input type="hidden" name="status" value={params.status} /> : null}
      <LineSelect id="f-line" lines={options.lines} value={params.line} />
      <div className="field">
        <label htmlFor="f-week">{t("queue.filters.week")}</label>
        <input id="f-week" type="date" name="week" defaultValue={params.week ?? ""} aria-describedby="f-week-hint" />
        <p id="f-week-hint" className="field__hint">
          {params.week ? t("queue.filters.weekOf", { day: formatDay(params.week, language) }) : t("queue.filters.weekHint")}
        </p>
      </div>
      <div className="field">
        <label htmlFor="f-dealership">{t("queue.filters.dealership")}</label>
        <select id="f-dealership" name="dealership" defaultValue={params.dealership ?? ""}>
          <option value="">{t("queue.filters.any")}</option>
          <option value="none">{t("queue.filters.direct")}</option>
          {options.dealerships.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.code})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-code">{t("queue.filters.code")}</label>
        <input id="f-code" name="code" defaultValue={params.code ?? ""} maxLength={64} autoComplete="off" spellCheck={false} />
      </div>
      <SortFields params={params} />
      <div className="queue-filters__actions">
        <button type="submit" className="button button--small">
          {t("queue.filters.apply")}
        </button>
        <Link to="/planning" className="button button--secondary button--small">
          {t("queue.filters.reset")}
        </Link>
        <a href={`/planning/queue.csv${withParams(search, { size: undefined })}`} className="button button--secondary button--small" download>
          {t("queue.exportCsv")}
        </a>
      </div>
    </Form>
  );
}
