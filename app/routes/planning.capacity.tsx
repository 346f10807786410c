/**
 * /planning/capacity: per product line of the active catalog, its working
 * calendar (decision 024) — working weekdays, shifts and units per shift,
 * holidays by name — and the coming weeks day by day: capacity, scheduled
 * load, a working day's own capacity, or why the line is closed that day.
 * Writes go through planning.server.ts.
 *
 * Lowering a day below what is already scheduled there is allowed (a line
 * can lose a shift); the page then shows the day as over capacity, and
 * scheduling adds nothing more to it. Closing a day that has orders (a
 * holiday, a weekday no longer worked) is refused until they are moved: no
 * order is ever left on a day the line doesn't work.
 */
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/.server/auth/auth.server";
import { closedDayMessage } from "~/domain/calendar";
import { CalendarForm, ClosedLabel, HolidayList, useCalendarText, type CapacityResult } from "~/components/planning/calendar-forms";
import { addHoliday, removeHoliday, setCalendarSettings, setDayCapacity, type CalendarRefusalCode } from "~/.server/planning/planning.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { capacityOverview, isActiveLine } from "~/.server/planning/queue.server";
import { capacityActionSchema, capacityFormFields, capacityParamsSchema, fieldIssues, firstIssue, paramsObject } from "~/domain/forms/planning";
import { addDays, dayOf } from "~/domain/orders";
import type { Refusal } from "~/domain/result";
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
  return { lines, weeks: parsed.data.weeks, language, firstDay: from };
}

const refused = (line: string, status: number, message: string, field: string, values: CapacityResult["values"] = {}) =>
  data({ ok: false, message, field, fields: { [field]: message }, line, values } satisfies CapacityResult, { status });

/** A calendar refusal in the planner's words: the day, the holiday's name or the weekday, how many orders. */
function calendarRefusal(line: string, problem: Refusal<CalendarRefusalCode>) {
  switch (problem.code) {
    case "past-day":
      return refused(line, 400, "capacity.problems.pastDay", "day");
    case "closed-day":
      return refused(line, 409, ...closedDayMessage(problem.closed!));
    case "orders-on-day":
      return refused(line, 409, "capacity.problems.ordersOnDay", "day", { day: problem.scheduled!.day, n: problem.scheduled!.orders });
  }
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "queue.manage");
  const raw = capacityFormFields(await readFormData(request));
  const parsed = capacityActionSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = fieldIssues(parsed.error);
    const [field, message] = Object.entries(fields)[0]!;
    // The line the form was sent for, so its messages show beside its fields.
    const line = typeof raw.line === "string" ? raw.line : null;
    return data({ ok: false, message, field, fields, line, values: {} } satisfies CapacityResult, { status: 400 });
  }
  const input = parsed.data;
  const db = await getDb();
  if (!(await isActiveLine(db, input.line))) return refused(input.line, 404, "capacity.problems.unknownLine", "line");
  let result;
  switch (input.intent) {
    case "calendar":
      result = await setCalendarSettings(db, input.line, { workingDays: input.workingDays, shifts: input.shifts, unitsPerShift: input.unitsPerShift });
      break;
    case "holiday":
      result = await addHoliday(db, input.line, { day: input.day, name: input.name });
      break;
    case "open":
      result = await removeHoliday(db, input.line, input.day);
      break;
    default:
      if (!isPlannableDay(input.day, dayOf(new Date()))) return refused(input.line, 400, "capacity.problems.pastDay", "day");
      result = await setDayCapacity(db, input.line, input.day, input.intent === "reset" ? null : (input.units ?? null));
  }
  if (!result.ok) return calendarRefusal(input.line, result.problem);
  return { ok: true, message: "capacity.saved", field: null, fields: {}, line: input.line, values: {} } satisfies CapacityResult;
}

export default function Capacity() {
  const { t } = useTranslation();
  const { lines, weeks, language, firstDay } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const text = useCalendarText(language);
  const weekday = new Intl.DateTimeFormat(language, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
  const showDay = (d: string) => weekday.format(new Date(`${d}T00:00:00Z`));
  // A form's field messages belong to the line it was sent for.
  const fieldsOf = (line: string) => (result && !result.ok && result.line === line ? result.fields : {});

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
          <p>{text(result.message, result.values)}</p>
        </div>
      ) : null}
      {lines.length === 0 ? <p className="card">{t("capacity.noLines")}</p> : null}
      {lines.map((line) => (
        <section key={line.line} className="card capacity-line" aria-labelledby={`cap-${line.line}`}>
          <h2 id={`cap-${line.line}`}>{line.name}</h2>
          <div className="capacity-line__calendar">
            <CalendarForm line={line.line} settings={line.settings} language={language} busy={busy} fields={fieldsOf(line.line)} />
            <HolidayList line={line.line} holidays={line.holidays} firstDay={firstDay} language={language} busy={busy} fields={fieldsOf(line.line)} />
          </div>
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
                    <tr key={d.day} className={d.load > d.units ? "over" : d.closed ? "closed" : full ? "full" : undefined} data-day={d.day}>
                      <th scope="row">{showDay(d.day)}</th>
                      <td className="num">
                        {d.closed && d.load === 0 ? null : (
                          <>
                            <meter min={0} max={Math.max(d.units, 1)} value={Math.min(d.load, Math.max(d.units, 1))} aria-hidden="true" /> {d.load}
                          </>
                        )}
                      </td>
                      <td className="num">
                        {d.closed ? <ClosedLabel closed={d.closed} /> : d.units}
                        {d.override ? <span className="badge">{t("capacity.override")}</span> : null}
                      </td>
                      <td>
                        {d.closed ? null : (
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
                        )}
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
