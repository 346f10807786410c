import { Form, useNavigation } from "@remix-run/react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { REASON_MAX_LENGTH, type OrderStatus } from "~/domain/orders";

/** The id of the bulk form: the rows' checkboxes and versions post with it through their `form` attribute. */
export const BULK_FORM_ID = "queue-bulk";

/** The statuses a bulk move offers (scheduled is reached by a build date; received is where orders start). */
const BULK_MOVES: readonly OrderStatus[] = ["in_production", "built", "shipped", "delivered", "cancelled"];

/**
 * With JavaScript, "Export selected" downloads the CSV without leaving the
 * page (Remix would try to render the CSV route as a page); without it the
 * button's own GET to /planning/queue.csv does the same.
 */
function exportWithoutNavigating(event: FormEvent<HTMLFormElement>) {
  const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
  if (submitter?.value !== "export") return;
  event.preventDefault();
  const numbers = new FormData(event.currentTarget).getAll("number");
  window.location.assign(`/planning/queue.csv?${new URLSearchParams(numbers.map((n) => ["number", String(n)]))}`);
}

/**
 * What can be done with the ticked rows: give them one build date, schedule
 * them automatically, move them all to one status (each order checked on its
 * own), export them as CSV. A plain form: it works without JavaScript.
 */
export function QueueBulkBar({ count, firstDay }: { count: number; firstDay: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && String(navigation.formData?.get("intent") ?? "").startsWith("bulk-");
  return (
    <Form method="post" id={BULK_FORM_ID} className="bulk-bar" onSubmit={exportWithoutNavigating} aria-labelledby="bulk-title">
      <h2 id="bulk-title" className="bulk-bar__title">
        {t("queue.bulk.title")} <span className="muted" aria-live="polite">({t("queue.bulk.selected", { n: count })})</span>
      </h2>
      <div className="bulk-bar__row">
        <div className="field">
          <label htmlFor="bulk-date">{t("queue.detail.assignDate")}</label>
          <input id="bulk-date" type="date" name="buildDate" min={firstDay} />
        </div>
        <button type="submit" name="intent" value="bulk-schedule" className="button button--small" disabled={busy}>
          {t("queue.bulk.schedule")}
        </button>
        <button type="submit" name="intent" value="bulk-autoschedule" className="button button--small button--secondary" disabled={busy}>
          {t("queue.bulk.autoschedule")}
        </button>
        <div className="field">
          <label htmlFor="bulk-to">{t("queue.bulk.to")}</label>
          <select id="bulk-to" name="to" defaultValue="">
            <option value="">{t("queue.bulk.chooseStatus")}</option>
            {BULK_MOVES.map((s) => (
              <option key={s} value={s}>
                {t(`orders.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" name="intent" value="bulk-move" className="button button--small" disabled={busy}>
          {t("queue.bulk.move")}
        </button>
        <div className="field bulk-bar__reason">
          <label htmlFor="bulk-reason">{t("queue.detail.reasonOptional")}</label>
          <input id="bulk-reason" type="text" name="reason" maxLength={REASON_MAX_LENGTH} autoComplete="off" />
        </div>
        <button type="submit" name="intent" value="export" formMethod="get" formAction="/planning/queue.csv" className="button button--small button--secondary">
          {t("queue.bulk.export")}
        </button>
      </div>
    </Form>
  );
}
