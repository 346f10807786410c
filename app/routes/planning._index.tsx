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
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLiveOrders } from "~/components/live/use-live-orders";
import { requirePermission } from "~/.server/auth/auth.server";
import { autoScheduleQueue } from "~/.server/planning/planning.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { BadCursorError, lineNames, queueFilterOptions, queuePage } from "~/.server/planning/queue.server";
import { AutoscheduleButton, AutoscheduleNotice } from "~/components/planning/autoschedule";
import { QueueFilters } from "~/components/planning/queue-filters";
import { QueuePager } from "~/components/planning/queue-pager";
import { QueueProblem } from "~/components/planning/queue-problem";
import { QueueStatusTabs } from "~/components/planning/queue-status-tabs";
import { QueueTable, type QueueTableRow } from "~/components/planning/queue-table";
import { firstIssue, paramsObject, queueParamsSchema } from "~/domain/forms/planning";
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
      matching: page.matching,
      next: page.next,
      prev: page.prev,
      rows: page.rows.map((r): QueueTableRow => ({
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

export default function Queue() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  useLiveOrders();
  const result = useActionData<typeof action>();

  return (
    <section className="planning" aria-labelledby="queue-title">
      <div className="planning__head">
        <h1 id="queue-title">{t("queue.title")}</h1>
        <AutoscheduleButton />
      </div>
      <p className="lead">{t("queue.lead")}</p>
      <AutoscheduleNotice result={result} />
      {!loaded.ok ? (
        <QueueProblem message={loaded.problem.message} />
      ) : (
        <>
          <QueueStatusTabs counts={loaded.counts} status={loaded.params.status} />
          <QueueFilters params={loaded.params} options={loaded.options} language={loaded.language} />
          <p className="muted" aria-live="polite">
            {t("queue.matching", { n: loaded.matching })}
          </p>
          <QueueTable rows={loaded.rows} sorting={loaded.params} language={loaded.language} />
          <QueuePager prev={loaded.prev} next={loaded.next} />
        </>
      )}
    </section>
  );
}
