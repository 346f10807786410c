/**
 * /planning/sequence: the order a line builds a day's cars in (issue 16,
 * decision 049). Pick a line and a day; the strip shows the sequence (paint
 * colour blocks, a mark per station rule the car needs, cars inside a window
 * that holds too many outlined), its three figures against first come first
 * served, and what moved since publication. Planners move cars by hand —
 * dragging a car in the strip (pointer or touch), the arrow keys on a focused
 * car, or the table's ↑/↓ — and a moved car is locked there; optimise for a time budget (the solver runs in a
 * worker; the progress bar polls /planning/sequence/status), publish (each
 * order gets its position) and export the CSV. The line's station rules and
 * paint settings are edited below the strip. Writes go through
 * sequence.server.ts.
 */
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/.server/auth/auth.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { lineNames } from "~/.server/planning/queue.server";
import {
  daysWithOrders,
  discardDraft,
  linePlant,
  moveInSequence,
  optimiseDay,
  publishDay,
  runStatus,
  saveLineSequencing,
  sequenceDay,
  setLocked,
} from "~/.server/sequencing/sequence.server";
import { useErrorText } from "~/components/forms";
import { SequenceStrip } from "~/components/planning/sequence-strip";
import { localize } from "~/domain/catalog";
import { firstIssue, formFields, paramsObject } from "~/domain/forms/planning";
import { BUDGET_SECONDS, OBJECTIVE_ORDERS, sequenceActionSchema, sequenceParamsSchema } from "~/domain/forms/sequence";
import { addDays, dayOf } from "~/domain/orders";
import type { Objective } from "~/domain/sequencing";
import { parseStationText, scoreOf, stationText } from "~/domain/sequencing/plant";
import { getDb } from "#db/client";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";
import stylesUrl from "~/styles/planning.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta: MetaFunction = ({ matches }) => title(matches, "sequence.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "queue.manage");
  const { language } = await getPreferences(request);
  const parsed = sequenceParamsSchema.safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) throw data({ message: firstIssue(parsed.error).message }, { status: 400 });
  const db = await getDb();
  const names = await lineNames(db, language);
  const lines = Object.entries(names).map(([code, name]) => ({ code, name }));
  const line = parsed.data.line ?? lines[0]?.code;
  if (line && !(line in names)) throw data({ message: "sequence.problems.unknownLine" }, { status: 404 });
  // Days from a week back: yesterday's published sequence is still worth a look.
  const days = line ? await daysWithOrders(db, line, addDays(dayOf(new Date()), -7)) : [];
  const day = parsed.data.day ?? days.find((d) => d.day >= dayOf(new Date()))?.day ?? days[0]?.day ?? dayOf(new Date());
  const view = line ? await sequenceDay(db, line, day) : null;
  if (!view) return { lines, line: line ?? null, day, days, language, view: null, running: false };
  const { plant, orders, ...rest } = view;
  return {
    lines,
    line,
    day,
    days,
    language,
    running: runStatus(line!, day)?.done === false,
    view: {
      ...rest,
      numbers: Object.fromEntries(orders.map((o) => [o.id, o.number])),
      colours: Object.fromEntries(Object.entries(plant.colours).map(([code, name]) => [code, localize(name, language)])),
      stations: plant.stored.stations,
      stationText: stationText(plant.stored.stations),
      paintFeature: plant.stored.paintFeature,
      paintBatchLimit: plant.stored.paintBatchLimit,
      objectives: plant.stored.objectives,
      features: plant.features.map((f) => ({ code: f.code, name: localize(f.name, language) })),
      fcfsScore: view.fcfs ? scoreOf(plant.stored.objectives, view.fcfs) : null,
    },
  };
}

type ActionResult = { ok: boolean; message: string; values?: Record<string, string | number> };
const refused = (status: number, message: string, values?: Record<string, string | number>) => data<ActionResult>({ ok: false, message, values }, { status });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "queue.manage");
  const parsed = sequenceActionSchema.safeParse(formFields(await readFormData(request)));
  if (!parsed.success) return refused(400, firstIssue(parsed.error).message);
  const input = parsed.data;
  const db = await getDb();
  const plant = await linePlant(db, input.line);
  if (!plant) return refused(404, "sequence.problems.unknownLine");
  const back = () => redirect(`/planning/sequence?line=${encodeURIComponent(input.line)}&day=${input.day ?? ""}`);
  switch (input.intent) {
    case "rules": {
      const stations = parseStationText(input.stations, plant.valueCodes);
      if (!stations.ok) return refused(400, stations.problem, { line: stations.line });
      if (input.paintFeature !== "" && !plant.features.some((f) => f.code === input.paintFeature)) return refused(400, "sequence.problems.paintFeature");
      await saveLineSequencing(db, user.id, input.line, {
        stations: stations.stations,
        paintFeature: input.paintFeature === "" ? null : input.paintFeature,
        paintBatchLimit: input.paintBatchLimit === "" ? null : input.paintBatchLimit,
        objectives: input.objectives.split(",") as Objective[],
      });
      return data<ActionResult>({ ok: true, message: "sequence.rulesSaved" });
    }
    case "move": {
      const result = await moveInSequence(db, user.id, input.line, input.day, { orderId: input.order, to: input.to });
      return result.ok ? back() : refused(result.problem.status, `sequence.problems.${result.problem.code}`);
    }
    case "lock": {
      const result = await setLocked(db, user.id, input.line, input.day, input.order, input.locked === "1");
      return result.ok ? back() : refused(result.problem.status, `sequence.problems.${result.problem.code}`);
    }
    case "discard":
      await discardDraft(db, input.line, input.day);
      return back();
    case "optimise": {
      const result = await optimiseDay(db, user.id, input.line, input.day, input.budget * 1000);
      if (!result.ok) return refused(result.problem.status, `sequence.problems.${result.problem.code}`);
      return data<ActionResult>({ ok: true, message: "sequence.optimised", values: { high: result.value.hiPriority, paint: result.value.paintChanges, low: result.value.loPriority } });
    }
    case "publish": {
      const result = await publishDay(db, user.id, input.line, input.day);
      if (!result.ok) return refused(result.problem.status, `sequence.problems.${result.problem.code}`);
      return data<ActionResult>({ ok: true, message: "sequence.published", values: { n: result.value.positions, moved: result.value.moved } });
    }
  }
}

interface RunStatusView {
  elapsedMs: number;
  budgetMs: number;
  best: { hiPriority: number; paintChanges: number; loPriority: number } | null;
  done: boolean;
}

export default function Sequence() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const { lines, line, day, days, view, running, language } = useLoaderData<typeof loader>();
  // The figures in the page language's digit grouping (a ROADEF day's score runs to eight digits).
  const numbers = useMemo(() => new Intl.NumberFormat(language), [language]);
  const figure = (n: number | null | undefined) => (n === null || n === undefined ? null : numbers.format(n));
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const busy = navigation.state !== "idle";
  const optimiser = useFetcher<typeof action>();
  const [status, setStatus] = useState<RunStatusView | null>(null);
  const optimising = optimiser.state !== "idle" || running;
  const [budget, setBudget] = useState<number>(BUDGET_SECONDS.default);

  // While the optimisation runs, ask how far it has got twice a second, one question at a time. A plain fetch, not a
  // Remix fetcher: the router aborts a fetcher's load when a revalidation starts (the optimiser's answer arriving
  // mid-poll), and single fetch logs that aborted read as an error though nothing failed (see router-idle.ts).
  useEffect(() => {
    if (!optimising || !line) return;
    setStatus(null); // not the last run's finished bar
    const url = `/planning/sequence/status?line=${encodeURIComponent(line)}&day=${day}`;
    let stopped = false;
    let asking = false;
    const timer = setInterval(() => {
      if (asking) return;
      asking = true;
      fetch(url, { headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? (response.json() as Promise<RunStatusView | null>) : null))
        .then((answer) => {
          if (!stopped) setStatus(answer);
        })
        // A poll that failed (offline, a restart) is only a late progress bar: the next one asks again.
        .catch(() => {})
        .finally(() => {
          asking = false;
        });
    }, 500);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [optimising, line, day]);

  // The latest answer shows, whether it came from the optimiser's fetcher or a page form.
  const [shown, setShown] = useState<ActionResult | undefined>(result);
  useEffect(() => setShown(result), [result]);
  useEffect(() => {
    if (optimiser.data) setShown(optimiser.data);
  }, [optimiser.data]);
  const progress = status && optimising ? Math.min(1, status.elapsedMs / Math.max(1, status.budgetMs)) : optimising ? 0 : null;
  const query = line ? `line=${encodeURIComponent(line)}&day=${day}` : "";

  return (
    <section className="planning sequence" aria-labelledby="sequence-title">
      <h1 id="sequence-title">{t("sequence.title")}</h1>
      <p className="lead">{t("sequence.lead")}</p>
      <Form method="get" className="inline-form">
        <label htmlFor="seq-line">{t("sequence.line")}</label>
        <select id="seq-line" name="line" defaultValue={line ?? ""}>
          {lines.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name}
            </option>
          ))}
        </select>
        <label htmlFor="seq-day">{t("sequence.day")}</label>
        <input id="seq-day" type="date" name="day" defaultValue={day} list="seq-days" />
        <datalist id="seq-days">
          {days.map((d) => (
            <option key={d.day} value={d.day}>
              {t("sequence.dayOrders", { day: d.day, n: d.n })}
            </option>
          ))}
        </datalist>
        <button type="submit" className="button button--small button--secondary">
          {t("sequence.show")}
        </button>
      </Form>
      {days.length > 0 ? (
        <p className="sequence__days">
          {t("sequence.daysWithOrders")}{" "}
          {days.map((d) => (
            <Link key={d.day} to={`/planning/sequence?line=${encodeURIComponent(line ?? "")}&day=${d.day}`} className={d.day === day ? "badge badge--current" : "badge"}>
              {t("sequence.dayOrders", { day: d.day, n: d.n })}
            </Link>
          ))}
        </p>
      ) : null}
      {shown ? (
        <div className={shown.ok ? "planning__notice" : "form-error"} role={shown.ok ? "status" : "alert"}>
          <p>{i18n.exists(shown.message) ? (t as unknown as (key: string, values?: object) => string)(shown.message, shown.values ?? {}) : errorText(shown.message)}</p>
        </div>
      ) : null}
      {!view ? (
        <p className="card">{t("sequence.noLines")}</p>
      ) : view.sequence.length === 0 ? (
        <p className="card">{t("sequence.noOrders")}</p>
      ) : (
        <>
          <p>
            {t(`sequence.source.${view.source}`)}
            {view.locked.length > 0 ? ` · ${t("sequence.lockedCount", { n: view.locked.length })}` : null}
          </p>
          <SequenceStrip
            cars={view.sequence.map((id, i) => ({
              id,
              number: view.numbers[id],
              colour: view.units[i].colour,
              colourName: view.units[i].colour ? (view.colours[view.units[i].colour!] ?? view.units[i].colour!) : "",
              options: view.units[i].options,
              violated: (view.violations[i] ?? []).length > 0,
              locked: view.locked.includes(id),
            }))}
            disabled={busy || optimising}
            onMove={(order, to) => submit({ intent: "move", line: line ?? "", day, order, to: String(to) }, { method: "post", preventScrollReset: true })}
          />
          <table className="data-table sequence-figures">
            <caption>{t("sequence.figures")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sequence.sequenceCol")}</th>
                <th scope="col" className="num">{t("sequence.high")}</th>
                <th scope="col" className="num">{t("sequence.paint")}</th>
                <th scope="col" className="num">{t("sequence.low")}</th>
                <th scope="col" className="num">{t("sequence.score")}</th>
              </tr>
            </thead>
            <tbody>
              <tr data-row="current">
                <th scope="row">{t("sequence.current")}</th>
                <td className="num">{figure(view.evaluation?.hiPriority)}</td>
                <td className="num">{figure(view.evaluation?.paintChanges)}</td>
                <td className="num">{figure(view.evaluation?.loPriority)}</td>
                <td className="num">{figure(view.evaluation?.score)}</td>
              </tr>
              <tr data-row="fcfs">
                <th scope="row">{t("sequence.fcfs")}</th>
                <td className="num">{figure(view.fcfs?.hiPriority)}</td>
                <td className="num">{figure(view.fcfs?.paintChanges)}</td>
                <td className="num">{figure(view.fcfs?.loPriority)}</td>
                <td className="num">{figure(view.fcfsScore)}</td>
              </tr>
            </tbody>
          </table>
          {view.problems.length > 0 ? (
            <div className="form-error" role="alert">
              <p>{t("sequence.problems.batch-limit")}</p>
            </div>
          ) : null}
          <optimiser.Form method="post" className="inline-form sequence-optimise">
            <input type="hidden" name="line" value={line ?? ""} />
            <input type="hidden" name="day" value={day} />
            <label htmlFor="seq-budget">{t("sequence.budget")}</label>
            <input id="seq-budget" type="range" name="budget" min={BUDGET_SECONDS.min} max={BUDGET_SECONDS.max} value={budget} onChange={(e) => setBudget(Number(e.target.value))} />
            <output htmlFor="seq-budget">{t("sequence.seconds", { n: budget })}</output>
            <button type="submit" name="intent" value="optimise" className="button" disabled={optimising || busy}>
              {t("sequence.optimise")}
            </button>
            {progress !== null ? (
              <span role="status" className="sequence-progress">
                <progress max={1} value={progress} aria-label={t("sequence.progress")} />
                {status?.best ? ` ${t("sequence.bestSoFar", { high: status.best.hiPriority, paint: status.best.paintChanges, low: status.best.loPriority })}` : null}
              </span>
            ) : null}
          </optimiser.Form>
          <div className="inline-form">
            <Form method="post">
              <input type="hidden" name="line" value={line ?? ""} />
              <input type="hidden" name="day" value={day} />
              <button type="submit" name="intent" value="publish" className="button" disabled={optimising || busy}>
                {t("sequence.publish")}
              </button>
              {view.source === "draft" ? (
                <button type="submit" name="intent" value="discard" className="button button--secondary" disabled={optimising || busy}>
                  {t("sequence.discard")}
                </button>
              ) : null}
            </Form>
            <a className="button button--secondary" href={`/planning/sequence.csv?${query}`} download>
              {t("sequence.export")}
            </a>
          </div>
          <div className="table-scroll">
            <table className="data-table sequence-table">
              <caption className="visually-hidden">{t("sequence.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">{t("sequence.position")}</th>
                  <th scope="col">{t("sequence.order")}</th>
                  <th scope="col">{t("sequence.colour")}</th>
                  <th scope="col">{t("sequence.stations")}</th>
                  <th scope="col">{t("sequence.moved")}</th>
                  <th scope="col">{t("sequence.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {view.sequence.map((id, i) => {
                  const unit = view.units[i];
                  const change = view.changes.find((c) => c.id === id);
                  const locked = view.locked.includes(id);
                  return (
                    <tr key={id} data-order={view.numbers[id]}>
                      <td className="num">{i + 1}</td>
                      <td>
                        <Link to={`/planning/orders/${view.numbers[id]}`}>{view.numbers[id]}</Link>
                      </td>
                      <td>{unit.colour ? (view.colours[unit.colour] ?? unit.colour) : "—"}</td>
                      <td>
                        {unit.options.join(", ")}
                        {(view.violations[i] ?? []).length > 0 ? <span className="badge badge--warning">{t("sequence.violated", { rules: view.violations[i].join(", ") })}</span> : null}
                      </td>
                      <td>{change ? (change.from === null ? t("sequence.new") : t("sequence.movedFrom", { from: change.from, to: change.to })) : null}</td>
                      <td>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="line" value={line ?? ""} />
                          <input type="hidden" name="day" value={day} />
                          <input type="hidden" name="order" value={id} />
                          <input type="hidden" name="locked" value={locked ? "0" : "1"} />
                          <button type="submit" name="intent" value="move" onClick={(e) => (e.currentTarget.form!.elements.namedItem("to") as HTMLInputElement).value = String(i - 1)} className="button button--small button--secondary" disabled={busy || optimising || i === 0} aria-label={t("sequence.upOf", { order: view.numbers[id] })}>
                            ↑
                          </button>
                          <button type="submit" name="intent" value="move" onClick={(e) => (e.currentTarget.form!.elements.namedItem("to") as HTMLInputElement).value = String(i + 1)} className="button button--small button--secondary" disabled={busy || optimising || i === view.sequence.length - 1} aria-label={t("sequence.downOf", { order: view.numbers[id] })}>
                            ↓
                          </button>
                          <input type="hidden" name="to" defaultValue={String(i)} />
                          <button type="submit" name="intent" value="lock" className="button button--small button--secondary" disabled={busy || optimising} aria-pressed={locked}>
                            {locked ? t("sequence.unlock") : t("sequence.lock")}
                          </button>
                        </Form>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
      {view ? (
        <section className="card" aria-labelledby="seq-rules">
          <h2 id="seq-rules">{t("sequence.rules.title")}</h2>
          <p>{t("sequence.rules.help")}</p>
          <Form method="post" className="stack">
            <input type="hidden" name="line" value={line ?? ""} />
            <input type="hidden" name="day" value={day} />
            <label htmlFor="seq-stations">{t("sequence.rules.stations")}</label>
            <textarea id="seq-stations" name="stations" rows={5} defaultValue={view.stationText} key={view.stationText} />
            <label htmlFor="seq-paint">{t("sequence.rules.paintFeature")}</label>
            <select id="seq-paint" name="paintFeature" defaultValue={view.paintFeature ?? ""}>
              <option value="">{t("sequence.rules.noPaint")}</option>
              {view.features.map((f) => (
                <option key={f.code} value={f.code}>
                  {f.name}
                </option>
              ))}
            </select>
            <label htmlFor="seq-batch">{t("sequence.rules.batchLimit")}</label>
            <input id="seq-batch" type="number" name="paintBatchLimit" min={1} max={1000} defaultValue={view.paintBatchLimit ?? ""} />
            <label htmlFor="seq-objectives">{t("sequence.rules.objectives")}</label>
            <select id="seq-objectives" name="objectives" defaultValue={view.objectives.join(",")}>
              {OBJECTIVE_ORDERS.map((o) => (
                <option key={o} value={o}>
                  {o
                    .split(",")
                    .map((x) => t(`sequence.${x as "high" | "paint" | "low"}`))
                    .join(" › ")}
                </option>
              ))}
            </select>
            <button type="submit" name="intent" value="rules" className="button" disabled={busy}>
              {t("sequence.rules.save")}
            </button>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
