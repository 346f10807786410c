/**
 * /planning/capacity: per product line of the active catalog, the default
 * units per day and the coming weeks day by day — capacity, scheduled load,
 * whether the day has its own setting — each editable (a day's own capacity,
 * or back to the default). Writes go through planning.server.ts.
 *
 * Lowering a day below what is already scheduled there is allowed (a line
 * can lose a shift); the page then shows the day as over capacity, and
 * scheduling adds nothing more to it.
 */
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/.server/auth/auth.server";
import { useErrorText } from "~/components/forms";
import { setDayCapacity, setDefaultCapacity } from "~/.server/planning/planning.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { capacityOverview, isActiveLine } from "~/.server/planning/queue.server";
import { capacityActionSchema, capacityParamsSchema, firstIssue, formFields, paramsObject } from "~/domain/forms/planning";
import { addDays, dayOf } from "~/domain/orders";
import { isPlannableDay } from "~/domain/scheduling";
import { getDb } from "#db/client";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";
import stylesUrl from "~/styles/planning.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta: MetaFunction = ({ matches }) => title(matches, "capacity.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "queue.manage");
  const { language } = await getPreferences(request);
  const parsed = capacityParamsSchema.safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) throw data({ message: firstIssue(parsed.error).message }, { status: 400 });
  const from = addDays(dayOf(new Date()), 1);
  const to = addDays(from, parsed.data.weeks * 7 - 1);
  const lines = await capacityOverview(await getDb(), from, to, language);
  return { lines, weeks: parsed.data.weeks, language };
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "queue.manage");
  const parsed = capacityActionSchema.safeParse(formFields(await readFormData(request)));
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    return data({ ok: false as const, message: issue.message, field: issue.field, line: null as string | null }, { status: 400 });
  }
  const input = parsed.data;
  const db = await getDb();
  if (!(await isActiveLine(db, input.line))) return data({ ok: false as const, message: "capacity.problems.unknownLine", field: "line", line: input.line }, { status: 404 });
  if (input.intent !== "default" && !isPlannableDay(input.day, dayOf(new Date())))
    return data({ ok: false as const, message: "capacity.problems.pastDay", field: "day", line: input.line }, { status: 400 });
  if (input.intent === "default") await setDefaultCapacity(db, input.line, input.units);
  else await setDayCapacity(db, input.line, input.day, input.intent === "reset" ? null : (input.units ?? null));
  return { ok: true as const, message: "capacity.saved", field: null, line: input.line };
}

export default function Capacity() {
  const { t } = useTranslation();
  const { lines, weeks, language } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const text = useErrorText();
  const weekday = new Intl.DateTimeFormat(language, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
  const showDay = (d: string) => weekday.format(new Date(`${d}T00:00:00Z`));

  return (
    <section className="planning" aria-labelledby="capacity-title">
      <h1 id="capacity-title">{t("capacity.title")}</h1>
      <p className="lead">{t("capacity.lead")}</p>
      <Form method="get" className="inline-form">
        <label htmlFor="weeks">{t("capacity.weeks")}</label>
        <select id="weeks" name="weeks" defaultValue={String(weeks)}>
          {[2, 4, 8, 12].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--small button--secondary">
          {t("capacity.show")}
        </button>
      </Form>
      {result ? (
        <div className={result.ok ? "planning__notice" : "form-error"} role={result.ok ? "status" : "alert"}>
          <p>{text(result.message)}</p>
        </div>
      ) : null}
      {lines.length === 0 ? <p className="card">{t("capacity.noLines")}</p> : null}
      {lines.map((line) => (
        <section key={line.line} className="card capacity-line" aria-labelledby={`cap-${line.line}`}>
          <h2 id={`cap-${line.line}`}>{line.name}</h2>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="default" />
            <input type="hidden" name="line" value={line.line} />
            <label htmlFor={`default-${line.line}`}>{t("capacity.default")}</label>
            <input key={line.defaultUnits} id={`default-${line.line}`} type="number" name="units" min={0} max={100000} defaultValue={line.defaultUnits} required />
            <button type="submit" className="button button--small" disabled={busy}>
              {t("capacity.save")}
            </button>
          </Form>
          <div className="table-scroll">
            <table className="data-table capacity-table">
              <caption className="visually-hidden">{t("capacity.caption", { line: line.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("capacity.day")}</th>
                  <th scope="col" className="num">
                    {t("capacity.load")}
                  </th>
                  <th scope="col" className="num">
                    {t("capacity.capacity")}
                  </th>
                  <th scope="col">{t("capacity.edit")}</th>
                </tr>
              </thead>
              <tbody>
                {line.days.map((d) => {
                  const full = d.load >= d.units;
                  return (
                    <tr key={d.day} className={d.load > d.units ? "over" : full ? "full" : undefined}>
                      <th scope="row">{showDay(d.day)}</th>
                      <td className="num">
                        <meter min={0} max={Math.max(d.units, 1)} value={Math.min(d.load, Math.max(d.units, 1))} aria-hidden="true" /> {d.load}
                      </td>
                      <td className="num">
                        {d.units}
                        {d.override ? <span className="badge">{t("capacity.override")}</span> : null}
                      </td>
                      <td>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="line" value={line.line} />
                          <input type="hidden" name="day" value={d.day} />
                          <label className="visually-hidden" htmlFor={`u-${line.line}-${d.day}`}>
                            {t("capacity.unitsOn", { day: showDay(d.day) })}
                          </label>
                          <input key={d.units} id={`u-${line.line}-${d.day}`} type="number" name="units" min={0} max={100000} defaultValue={d.units} className="units" />
                          <button type="submit" name="intent" value="day" className="button button--small" disabled={busy}>
                            {t("capacity.set")}
                          </button>
                          {d.override ? (
                            <button type="submit" name="intent" value="reset" className="button button--small button--secondary" disabled={busy}>
                              {t("capacity.reset")}
                            </button>
                          ) : null}
                        </Form>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </section>
  );
}
