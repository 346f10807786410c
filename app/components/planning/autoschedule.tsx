import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDay } from "~/components/orders/OrderDetails";
import type { Language } from "~/domain/catalog";
import type { OrderStatus } from "~/domain/orders";
import { DismissibleNotice, useKeptResult } from "./dismissible-notice";
import { useResultText } from "./order-notice";

/** "Schedule all unscheduled": the button, which says it is running while its post is under way. */
export function AutoscheduleButton() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "autoschedule";
  return (
    <Form method="post" className="planning__autoschedule">
      <button type="submit" name="intent" value="autoschedule" className="button" disabled={busy}>
        {busy ? t("queue.autoschedule.running") : t("queue.autoschedule.button")}
      </button>
    </Form>
  );
}

type Values = Record<string, string | number>;

/** One selected order's outcome, as the queue's action answers it. */
export type BulkResultRow = { number: string; ok: true; status: OrderStatus; buildDate: string | null } | { number: string; ok: false; code: string; message: string; values: Values };

/** What the queue page's actions answer: the whole queue scheduled, a bulk action's outcome per order, or a refused post. */
export type QueueActionResult =
  | { ok: true; intent: "autoschedule"; scheduled: { number: string; buildDate: string }[]; unplaced: string[]; changed: string[] }
  | { ok: true; intent: "bulk-schedule" | "bulk-autoschedule" | "bulk-move"; done: number; results: BulkResultRow[] }
  | { ok: false; message: string; field?: string };

/** Each selected order: what it is now, or why it was left as it was. */
function BulkResults({ results, language }: { results: BulkResultRow[]; language: Language }) {
  const { t } = useTranslation();
  const text = useResultText(language);
  return (
    <ul className="bulk-results">
      {results.map((r) => (
        <li key={r.number} className={r.ok ? "bulk-results__done" : "bulk-results__refused"}>
          <Link to={`/planning/orders/${r.number}`}>{r.number}</Link>{" "}
          {r.ok
            ? r.status === "scheduled" && r.buildDate
              ? t("queue.bulk.row.scheduled", { day: formatDay(r.buildDate, language) })
              : t("queue.bulk.row.moved", { status: t(`orders.status.${r.status}`) })
            : text(r)}
        </li>
      ))}
    </ul>
  );
}

/**
 * What the last action on the queue did — how many orders it scheduled or
 * moved, which it couldn't and why — or why the post was refused. It stays
 * until the planner dismisses it (live updates refresh the queue meanwhile).
 */
export function QueueNotice({ result: answered, language }: { result: QueueActionResult | undefined; language: Language }) {
  const { t } = useTranslation();
  const [result, dismiss] = useKeptResult(answered);
  if (!result) return null;
  if (!result.ok)
    return (
      <DismissibleNotice tone="problem" onDismiss={dismiss}>
        <p>{(t as (key: string) => string)(result.message)}</p>
      </DismissibleNotice>
    );
  if (result.intent === "autoschedule")
    return (
      <DismissibleNotice tone={result.scheduled.length > 0 || (result.unplaced.length === 0 && result.changed.length === 0) ? "done" : "problem"} onDismiss={dismiss}>
        <p>{t("queue.autoschedule.result", { n: result.scheduled.length })}</p>
        {result.unplaced.length > 0 ? <p>{t("queue.autoschedule.unplaced", { numbers: result.unplaced.join(", ") })}</p> : null}
        {result.changed.length > 0 ? <p>{t("queue.autoschedule.changed", { numbers: result.changed.join(", ") })}</p> : null}
      </DismissibleNotice>
    );
  const key = ({ "bulk-schedule": "queue.bulk.result.schedule", "bulk-autoschedule": "queue.bulk.result.autoschedule", "bulk-move": "queue.bulk.result.move" } as const)[result.intent];
  return (
    <DismissibleNotice tone={result.done > 0 ? "done" : "problem"} onDismiss={dismiss}>
      <p>{t(key, { done: result.done, n: result.results.length })}</p>
      <BulkResults results={result.results} language={language} />
    </DismissibleNotice>
  );
}
