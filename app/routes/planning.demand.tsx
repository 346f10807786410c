/**
 * /planning/demand: how many of each module the scheduled orders need, per
 * build day or per week (the BOM exploded over the queue), as a table and a
 * chart, with a CSV export of the same numbers. Days (or weeks) on which the
 * line — or, for all lines, every line — doesn't work are marked closed. The
 * range and period live in the URL; a bad parameter is a 400 page with the
 * reason. The chart groups modules by family, or shows one picked family
 * module by module, against the line's capacity (app/domain/demand.ts); the
 * table has every number.
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/.server/auth/auth.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { capacityOverview, closedDays, moduleDemand, moduleNames, periodsOf, queueFilterOptions } from "~/.server/planning/queue.server";
import { useErrorText } from "~/components/forms";
import { feedbackAverages, type FeedbackAverage } from "~/.server/customers/feedback.server";
import { FEEDBACK_ASPECTS } from "~/domain/forms/customer-file";
import { DemandChart, type DemandSeries } from "~/components/planning/demand-chart";
import { demandChartData } from "~/domain/demand";
import { LineSelect } from "~/components/planning/line-select";
import { DEMAND_PERIODS, demandParamsSchema, firstIssue, paramsObject } from "~/domain/forms/planning";
import { addDays, dayOf, weekOf } from "~/domain/orders";
import { getDb } from "#db/client";
import { title } from "~/utils/meta";
import stylesUrl from "~/styles/planning.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta: MetaFunction = ({ matches }) => title(matches, "demand.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "queue.manage");
  const { language } = await getPreferences(request);
  const db = await getDb();
  const { lines } = await queueFilterOptions(db, language);
  const parsed = demandParamsSchema(dayOf(new Date())).safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) return data({ ok: false as const, message: firstIssue(parsed.error).message, lines, language }, { status: 400 });
  const params = parsed.data;
  const [rows, names, closed, calendars, ratings] = await Promise.all([
    moduleDemand(db, params),
    moduleNames(db, language),
    closedDays(db, params),
    capacityOverview(db, params.from, params.to, language),
    feedbackAverages(db),
  ]);
  const periods = periodsOf(params.from, params.to, params.period);
  const index = new Map(periods.map((p, i) => [p, i]));
  // Units the line (or every line) can build per period: what a family with one module per unit is compared with.
  const capacity = periods.map(() => 0);
  for (const line of calendars.filter((c) => !params.line || c.line === params.line))
    for (const d of line.days) capacity[index.get(params.period === "week" ? weekOf(d.day) : d.day)!]! += d.units;
  const byModule = new Map<string, number[]>();
  for (const r of rows) {
    const values = byModule.get(r.module) ?? periods.map(() => 0);
    values[index.get(r.period)!] += r.quantity;
    byModule.set(r.module, values);
  }
  const modules = [...byModule.entries()]
    .map(([module, values]) => ({ module, name: names[module] ?? module, values, total: values.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || (a.module < b.module ? -1 : 1));
  // Per day: which columns are days the line (or every line) doesn't work. A week always has working days in it, or none at all.
  const closedPeriods = periods.map((p) => (params.period === "day" ? closed.has(p) : [0, 1, 2, 3, 4, 5, 6].every((i) => closed.has(addDays(p, i)))));
  return { ok: true as const, params, periods, closed: closedPeriods, modules, capacity, lines, language, ratings };
}

export default function Demand() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const { language, lines } = loaded;
  const text = useErrorText();
  const format = new Intl.DateTimeFormat(language, { day: "numeric", month: "short", timeZone: "UTC" });
  const label = (p: string) => format.format(new Date(`${p}T00:00:00Z`));

  if (!loaded.ok)
    return (
      <section className="planning" aria-labelledby="demand-title">
        <h1 id="demand-title">{t("demand.title")}</h1>
        <div className="card planning__problem" role="alert">
          <p>{text(loaded.message)}</p>
          <Link to="/planning/demand" className="button">
            {t("demand.reset")}
          </Link>
        </div>
      </section>
    );

  const { params, periods, modules, closed } = loaded;
  const labels = periods.map((p) => (params.period === "week" ? t("demand.weekOf", { day: label(p) }) : label(p)));
  const chart = demandChartData(modules, { family: params.family });
  const charted: DemandSeries[] = chart.groups.map((g) => ({ key: g.key, label: params.family ? (modules.find((m) => m.module === g.key)?.name ?? g.key) : g.key, values: g.values }));
  const rest = chart.rest
    ? { label: params.family ? t("demand.other", { n: chart.rest.modules.length }) : t("demand.otherFamilies", { n: chart.rest.groups }), values: chart.rest.values, drawn: chart.rest.drawn }
    : null;
  const totals = periods.map((_, i) => modules.reduce((a, m) => a + m.values[i]!, 0));

  return (
    <section className="planning" aria-labelledby="demand-title">
      <h1 id="demand-title">{t("demand.title")}</h1>
      <p className="lead">{t("demand.lead")}</p>
      <Form method="get" className="queue-filters">
        <div className="field">
          <label htmlFor="d-from">{t("demand.from")}</label>
          <input id="d-from" type="date" name="from" defaultValue={params.from} required />
        </div>
        <div className="field">
          <label htmlFor="d-to">{t("demand.to")}</label>
          <input id="d-to" type="date" name="to" defaultValue={params.to} required />
        </div>
        <fieldset className="field">
          <legend>{t("demand.period")}</legend>
          {DEMAND_PERIODS.map((p) => (
            <label key={p} className="radio">
              <input type="radio" name="period" value={p} defaultChecked={params.period === p} /> {t(`demand.periods.${p}`)}
            </label>
          ))}
        </fieldset>
        <LineSelect id="d-line" lines={lines} value={params.line} />
        <div className="field">
          <label htmlFor="d-family">{t("demand.family")}</label>
          <select id="d-family" name="family" defaultValue={params.family ?? ""}>
            <option value="">{t("demand.allFamilies")}</option>
            {chart.families.map((f) => (
              <option key={f.family} value={f.family}>
                {t("demand.familyOption", { family: f.family, n: f.modules })}
              </option>
            ))}
          </select>
        </div>
        <div className="queue-filters__actions">
          <button type="submit" className="button button--small">
            {t("demand.show")}
          </button>
          <a href={`/planning/demand.csv${search.toString() ? `?${search}` : ""}`} className="button button--secondary button--small" download>
            {t("demand.exportCsv")}
          </a>
        </div>
      </Form>

      {modules.length === 0 ? (
        <div className="card">
          <p>{t("demand.empty")}</p>
        </div>
      ) : (
        <>
          <DemandChart periods={periods} labels={labels} series={charted} rest={rest} capacity={loaded.capacity} />
          <div className="table-scroll">
            <table className="data-table demand-table">
              <caption className="visually-hidden">{t("demand.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("demand.module")}</th>
                  {periods.map((p, i) => (
                    <th key={p} scope="col" className={closed[i] ? "num closed" : "num"} data-closed={closed[i] ? "" : undefined}>
                      {labels[i]}
                      {closed[i] ? <span className="muted"> · {t("demand.closed")}</span> : null}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t("demand.total")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {modules.map((m) => (
                  <tr key={m.module}>
                    <th scope="row">
                      {m.name} <code className="muted">{m.module}</code>
                    </th>
                    {m.values.map((v, i) => (
                      <td key={periods[i]} className={closed[i] ? "num closed" : "num"}>
                        {v === 0 ? "" : v}
                      </td>
                    ))}
                    <td className="num">
                      <strong>{m.total}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("demand.allModules")}</th>
                  {totals.map((v, i) => (
                    <td key={periods[i]} className="num">
                      {v}
                    </td>
                  ))}
                  <td className="num">
                    <strong>{totals.reduce((a, b) => a + b, 0)}</strong>
                  </td>
                </tr>
                <tr>
                  <th scope="row">{t("demand.capacityRow")}</th>
                  {loaded.capacity.map((v, i) => (
                    <td key={periods[i]} className="num">
                      {v}
                    </td>
                  ))}
                  <td className="num">
                    <strong>{loaded.capacity.reduce((a, b) => a + b, 0)}</strong>
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
      <FeedbackAverages ratings={loaded.ratings} lineName={(code) => lines.find((l) => l.code === code)?.name ?? code} />
    </section>
  );
}

/** Customers' ratings after delivery, averaged per product line (all time): what planners and admins learn from feedback. */
function FeedbackAverages({ ratings, lineName }: { ratings: FeedbackAverage[]; lineName: (code: string) => string }) {
  const { t } = useTranslation();
  const one = (n: number | null) => (n === null ? "\u2014" : n.toFixed(1));
  return (
    <section aria-labelledby="ratings-title" className="card" data-testid="feedback-averages">
      <h2 id="ratings-title">{t("feedback.averagesTitle")}</h2>
      <p className="muted">{t("feedback.averagesLead")}</p>
      {ratings.length === 0 ? (
        <p className="muted">{t("feedback.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("feedback.line")}</th>
                <th scope="col" className="num">
                  {t("feedback.count")}
                </th>
                {FEEDBACK_ASPECTS.map((aspect) => (
                  <th key={aspect} scope="col" className="num">
                    {t(`feedback.aspect.${aspect}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ratings.map((r) => (
                <tr key={r.line}>
                  <th scope="row">{lineName(r.line)}</th>
                  <td className="num">{r.count}</td>
                  <td className="num">{one(r.product)}</td>
                  <td className="num">{one(r.dealer)}</td>
                  <td className="num">{one(r.delivery)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
