/**
 * /planning: the production queue. Filters, sort and page live in the URL
 * (parsed with the shared zod schema; a bad parameter is a 400 page with the
 * reason and a way back, never a 500). Pages are keyset cursors, so a deep
 * page costs what the first one does. "Schedule all unscheduled" runs the
 * automatic scheduler and shows what it did. Ticked rows take bulk actions
 * (one build date, automatic scheduling, one status move, CSV export), each
 * order on its own: the answer lists which moved and which were refused and
 * why (docs/decisions/025). Notices stay until the planner dismisses them.
 *
 * Everything the page shows comes from the loader, so a revalidation (e.g.
 * when a live update arrives) refreshes it.
 */
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLiveOrders } from "~/components/live/use-live-orders";
import { requirePermission } from "~/.server/auth/auth.server";
import { autoScheduleQueue } from "~/.server/planning/planning.server";
import { bulkAction } from "~/.server/planning/queue-actions.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { BadCursorError, lineNames, queueFilterOptions, queuePage } from "~/.server/planning/queue.server";
import { AutoscheduleButton, QueueNotice } from "~/components/planning/autoschedule";
import { BULK_FORM_ID, QueueBulkBar } from "~/components/planning/queue-bulk";
import { QueueFilters } from "~/components/planning/queue-filters";
import { QueuePager } from "~/components/planning/queue-pager";
import { QueueProblem } from "~/components/planning/queue-problem";
import { QueueStatusTabs } from "~/components/planning/queue-status-tabs";
import { QueueTable, type QueueSelection, type QueueTableRow } from "~/components/planning/queue-table";
import { addDays, dayOf } from "~/domain/orders";
import { bulkActionSchema, bulkFields, firstIssue, paramsObject, queueParamsSchema } from "~/domain/forms/planning";
import { getDb } from "#db/client";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";
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
      countsCapped: page.countsCapped,
      matching: page.matching,
      matchingCapped: page.matchingCapped,
      next: page.next,
      prev: page.prev,
      firstDay: addDays(dayOf(new Date()), 1),
      rows: page.rows.map((r): QueueTableRow => ({
        number: r.number,
        version: r.version,
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
  const actor = { id: user.id, role: user.role };
  const form = await readFormData(request);
  const db = await getDb();
  if (form.get("intent") === "autoschedule") {
    const result = await autoScheduleQueue(db, actor);
    return { ok: true as const, intent: "autoschedule" as const, scheduled: result.scheduled, unplaced: result.unplaced, changed: result.changed };
  }
  const parsed = bulkActionSchema.safeParse(bulkFields(form));
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    return data({ ok: false as const, message: issue.message, field: issue.field }, { status: 400 });
  }
  return bulkAction(db, actor, parsed.data);
}

export default function Queue() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  useLiveOrders();
  const result = useActionData<typeof action>();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // A bulk action answered: its notice lists the orders, so the ticks have done their job.
  useEffect(() => {
    if (result && "intent" in result && result.intent !== "autoschedule") setSelected(new Set());
  }, [result]);
  const rows = loaded.ok ? loaded.rows : [];
  const selection: QueueSelection = {
    form: BULK_FORM_ID,
    selected,
    toggle: (number, on) =>
      setSelected((current) => {
        const next = new Set(current);
        if (on) next.add(number);
        else next.delete(number);
        return next;
      }),
    setAll: (on) => setSelected(on ? new Set(rows.map((r) => r.number)) : new Set()),
  };

  return (
    <section className="planning" aria-labelledby="queue-title">
      <div className="planning__head">
        <h1 id="queue-title">{t("queue.title")}</h1>
        <AutoscheduleButton />
      </div>
      <p className="lead">{t("queue.lead")}</p>
      <QueueNotice result={result} language={loaded.language} />
      {!loaded.ok ? (
        <QueueProblem message={loaded.problem.message} />
      ) : (
        <>
          <QueueStatusTabs counts={loaded.counts} capped={loaded.countsCapped} status={loaded.params.status} />
          <QueueFilters params={loaded.params} options={loaded.options} language={loaded.language} />
          <p className="muted" aria-live="polite">
            {t("queue.matching", { n: loaded.matchingCapped ? t("queue.countAtLeast", { n: loaded.matching }) : loaded.matching })}
          </p>
          {loaded.rows.length > 0 ? <QueueBulkBar count={[...selected].filter((n) => rows.some((r) => r.number === n)).length} firstDay={loaded.firstDay} /> : null}
          <QueueTable rows={loaded.rows} sorting={loaded.params} language={loaded.language} selection={selection} />
          <QueuePager prev={loaded.prev} next={loaded.next} />
        </>
      )}
    </section>
  );
}
