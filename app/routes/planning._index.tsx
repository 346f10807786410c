/**
 * /planning: the production queue. Filters, sort and page live in the URL
 * (parsed with the shared zod schema; a bad parameter is a 400 page with the
 * reason and a way back, never a 500). Pages are keyset cursors, so a deep
 * page costs what the first one does. "Schedule all unscheduled" runs the
 * automatic scheduler and shows what it did.
 *
 * Everything the page shows comes from the loader, so a revalidation (e.g.
 * when a live update arrives) refreshes it.
 */
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLiveOrders } from "~/components/live/use-live-orders";
import { requirePermission } from "~/.server/auth/auth.server";
import { autoScheduleQueue } from "~/.server/planning/planning.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { BadCursorError, lineNames, queueFilterOptions, queuePage } from "~/.server/planning/queue.server";
import { ErrorList, useErrorText } from "~/components/forms";
import { DEFAULT_DIRECTION, firstIssue, PAGE_SIZES, paramsObject, queueParamsSchema, QUEUE_SORTS, type QueueSort } from "~/domain/forms/planning";
import { ORDER_STATUSES } from "~/domain/orders";
import { getDb } from "#db/client";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";
import { formatMoney } from "~/utils/money";
import stylesUrl from "~/styles/planning.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta: MetaFunction = ({ matches }) => title(matches, "queue.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "queue.manage");
  const { language } = await getPreferences(request);
  const db = await getDb();
  const url = new URL(request.url);
  const options = await queueFilterOptions(db, language);
  const parsed = queueParamsSchema.safeParse(paramsObject(url.searchParams));
  const problem = (message: string, field: string) =>
    data({ ok: false as const, problem: { message, field }, options, language }, { status: 400 });
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    return problem(issue.message, issue.field);
  }
  try {
    const [page, names] = await Promise.all([queuePage(db, parsed.data), lineNames(db, language)]);
    return {
      ok: true as const,
      params: parsed.data,
      options,
      language,
      counts: page.counts,
      matching: page.matching,
      next: page.next,
      prev: page.prev,
      rows: page.rows.map((r) => ({
        number: r.number,
        tier: r.tier,
        line: names[r.line] ?? r.line,
        status: r.status,
        buildDate: r.buildDate,
        orderedAt: r.orderedAt.toISOString(),
        dealership: r.dealership?.name ?? null,
        total: r.total,
        market: r.market,
      })),
    };
  } catch (error) {
    if (error instanceof BadCursorError) return problem(error.message, "after");
    throw error;
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "queue.manage");
  const form = await readFormData(request);
  if (form.get("intent") !== "autoschedule") return data({ ok: false as const, message: "validation.invalid" }, { status: 400 });
  const db = await getDb();
  const result = await autoScheduleQueue(db, { id: user.id, role: user.role });
  return { ok: true as const, scheduled: result.scheduled, unplaced: result.unplaced };
}

/** The current search params with some changed (undefined removes one); the cursors go unless given. */
function withParams(current: URLSearchParams, change: Record<string, string | undefined>): string {
  const next = new URLSearchParams(current);
  next.delete("after");
  next.delete("before");
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined || value === "") next.delete(key);
    else next.set(key, value);
  }
  const query = next.toString();
  return query ? `?${query}` : "";
}

const SORTABLE: Partial<Record<string, QueueSort>> = { number: "number", tier: "tier", buildDate: "build", orderedAt: "ordered" };

export default function Queue() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  useLiveOrders();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "autoschedule";
  const { options, language } = loaded;
  const text = useErrorText();

  const when = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const day = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" });
  const showDay = (d: string) => day.format(new Date(`${d}T00:00:00Z`));

  return (
    <section className="planning" aria-labelledby="queue-title">
      <div className="planning__head">
        <h1 id="queue-title">{t("queue.title")}</h1>
        <Form method="post" className="planning__autoschedule">
          <button type="submit" name="intent" value="autoschedule" className="button" disabled={busy}>
            {busy ? t("queue.autoschedule.running") : t("queue.autoschedule.button")}
          </button>
        </Form>
      </div>
      <p className="lead">{t("queue.lead")}</p>

      {result ? (
        result.ok ? (
          <div className="planning__notice" role="status">
            <p>{t("queue.autoschedule.result", { n: result.scheduled.length })}</p>
            {result.unplaced.length > 0 ? <p>{t("queue.autoschedule.unplaced", { numbers: result.unplaced.join(", ") })}</p> : null}
          </div>
        ) : (
          <ErrorList errors={[result.message]} className="form-error" />
        )
      ) : null}

      {!loaded.ok ? (
        <div className="card planning__problem" role="alert">
          <h2>{t("queue.problems.title")}</h2>
          <p>{text(loaded.problem.message)}</p>
          <Link to="/planning" className="button">
            {t("queue.filters.reset")}
          </Link>
        </div>
      ) : (
        <>
          <nav className="status-tabs" aria-label={t("queue.statusNav")}>
            <ul>
              <li>
                <Link to={withParams(search, { status: undefined })} aria-current={loaded.params.status ? undefined : "page"}>
                  {t("queue.allStatuses")} <span className="count">{Object.values(loaded.counts).reduce((a, b) => a + b, 0)}</span>
                </Link>
              </li>
              {ORDER_STATUSES.map((s) => (
                <li key={s}>
                  <Link to={withParams(search, { status: s })} aria-current={loaded.params.status === s ? "page" : undefined}>
                    {t(`orders.status.${s}`)} <span className="count">{loaded.counts[s]}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>

          <Form method="get" className="queue-filters" aria-label={t("queue.filters.label")}>
            {loaded.params.status ? <input type="hidden" name="status" value={loaded.params.status} /> : null}
            <div className="field">
              <label htmlFor="f-line">{t("queue.filters.line")}</label>
              <select id="f-line" name="line" defaultValue={loaded.params.line ?? ""}>
                <option value="">{t("queue.filters.any")}</option>
                {options.lines.map((l) => (
                  <option key={l.code} value={l.code}>
                    {l.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-week">{t("queue.filters.week")}</label>
              <input id="f-week" type="date" name="week" defaultValue={loaded.params.week ?? ""} aria-describedby="f-week-hint" />
              <p id="f-week-hint" className="field__hint">
                {loaded.params.week ? t("queue.filters.weekOf", { day: showDay(loaded.params.week) }) : t("queue.filters.weekHint")}
              </p>
            </div>
            <div className="field">
              <label htmlFor="f-dealership">{t("queue.filters.dealership")}</label>
              <select id="f-dealership" name="dealership" defaultValue={loaded.params.dealership ?? ""}>
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
              <input id="f-code" name="code" defaultValue={loaded.params.code ?? ""} maxLength={64} autoComplete="off" spellCheck={false} />
            </div>
            <div className="field">
              <label htmlFor="f-sort">{t("queue.filters.sort")}</label>
              <select id="f-sort" name="sort" defaultValue={loaded.params.sort}>
                {QUEUE_SORTS.map((s) => (
                  <option key={s} value={s}>
                    {t(`queue.sort.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-dir">{t("queue.filters.direction")}</label>
              <select id="f-dir" name="dir" defaultValue={loaded.params.dir}>
                <option value="asc">{t("queue.sort.asc")}</option>
                <option value="desc">{t("queue.sort.desc")}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-size">{t("queue.filters.size")}</label>
              <select id="f-size" name="size" defaultValue={String(loaded.params.size)}>
                {PAGE_SIZES.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
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

          <p className="muted" aria-live="polite">
            {t("queue.matching", { n: loaded.matching })}
          </p>

          {loaded.rows.length === 0 ? (
            <div className="card">
              <p>{t("planning.empty")}</p>
            </div>
          ) : (
            <div className="table-scroll">
              <table className="data-table">
                <caption className="visually-hidden">{t("queue.caption")}</caption>
                <thead>
                  <tr>
                    {(["number", "tier", "line", "status", "buildDate", "orderedAt", "dealership", "total"] as const).map((column) => {
                      const sort = SORTABLE[column];
                      const active = sort === loaded.params.sort;
                      const dir = active ? (loaded.params.dir === "asc" ? "desc" : "asc") : sort ? DEFAULT_DIRECTION[sort] : undefined;
                      return (
                        <th
                          key={column}
                          scope="col"
                          className={column === "total" ? "num" : undefined}
                          aria-sort={active ? (loaded.params.dir === "asc" ? "ascending" : "descending") : undefined}
                        >
                          {sort ? (
                            <Link to={withParams(search, { sort, dir })}>
                              {t(`queue.columns.${column}`)}
                              {active ? <span aria-hidden="true">{loaded.params.dir === "asc" ? " ▲" : " ▼"}</span> : null}
                            </Link>
                          ) : (
                            t(`queue.columns.${column}`)
                          )}
                        </th>
                      );
                    })}
                  </tr>
                </thead>
                <tbody>
                  {loaded.rows.map((r) => (
                    <tr key={r.number}>
                      <th scope="row">
                        <Link to={`/planning/orders/${r.number}`}>{r.number}</Link>
                      </th>
                      <td>
                        <span className={`tier tier--${r.tier}`}>{t(`queue.tier.${r.tier}`)}</span>
                      </td>
                      <td>{r.line}</td>
                      <td>
                        <span className={`status status--${r.status}`}>{t(`orders.status.${r.status}`)}</span>
                      </td>
                      <td>{r.buildDate ? showDay(r.buildDate) : <span className="muted">{t("queue.unscheduled")}</span>}</td>
                      <td>{when.format(new Date(r.orderedAt))}</td>
                      <td>{r.dealership ?? <span className="muted">{t("queue.direct")}</span>}</td>
                      <td className="num">{formatMoney(r.total, r.market, language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <nav className="pager" aria-label={t("queue.pager.label")}>
            {loaded.prev ? (
              <Link to={withParams(search, { before: loaded.prev })} rel="prev">
                {t("queue.pager.prev")}
              </Link>
            ) : (
              <span className="muted">{t("queue.pager.prev")}</span>
            )}
            {loaded.next ? (
              <Link to={withParams(search, { after: loaded.next })} rel="next">
                {t("queue.pager.next")}
              </Link>
            ) : (
              <span className="muted">{t("queue.pager.next")}</span>
            )}
          </nav>
        </>
      )}
    </section>
  );
}
