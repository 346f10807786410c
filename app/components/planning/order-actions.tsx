import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDay } from "~/components/orders/OrderDetails";
import type { Language } from "~/domain/catalog";
import type { OrderStatus } from "~/domain/orders";

/** The order as the forms need it: every form carries the version the page showed (the optimistic lock). */
interface ActedOrder {
  status: OrderStatus;
  version: number;
  buildDate: string | null;
}

/** What the page offers (the server checks again on submit). */
interface OrderMoves {
  schedule: boolean;
  advance: OrderStatus | null;
  cancel: boolean;
}

/** Give or move the build date, from `firstDay` on. */
function ScheduleForm({ order, firstDay, language }: { order: ActedOrder; firstDay: string; language: Language }) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post" className="form">
      <input type="hidden" name="intent" value="schedule" />
      <input type="hidden" name="version" value={order.version} />
      <div className="field">
        <label htmlFor="build-date">{order.buildDate ? t("queue.detail.moveDate") : t("queue.detail.assignDate")}</label>
        <input id="build-date" type="date" name="buildDate" min={firstDay} defaultValue={order.buildDate ?? firstDay} required />
        <p className="field__hint">{t("queue.detail.earliestHint", { day: formatDay(firstDay, language) })}</p>
      </div>
      <button type="submit" className="button button--small" disabled={busy}>
        {order.buildDate ? t("queue.detail.move") : t("queue.detail.assign")}
      </button>
    </Form>
  );
}

/** The next status, and cancelling (or, within the frozen horizon, why it can't be cancelled any more). */
function StatusMoves({ order, can, horizon }: { order: ActedOrder; can: OrderMoves; horizon: number }) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      {can.advance ? (
        <Form method="post">
          <input type="hidden" name="intent" value="advance" />
          <input type="hidden" name="version" value={order.version} />
          <input type="hidden" name="to" value={can.advance} />
          <button type="submit" className="button button--small" disabled={busy}>
            {t("queue.detail.advance", { status: t(`orders.status.${can.advance}`) })}
          </button>
        </Form>
      ) : null}
      {can.cancel ? (
        <Form method="post">
          <input type="hidden" name="intent" value="cancel" />
          <input type="hidden" name="version" value={order.version} />
          <button type="submit" className="button button--secondary button--small" disabled={busy}>
            {t("queue.detail.cancel")}
          </button>
        </Form>
      ) : order.status !== "cancelled" ? (
        <p className="muted">{t("queue.detail.frozen", { days: horizon })}</p>
      ) : null}
    </>
  );
}

export function OrderActions(props: { order: ActedOrder; can: OrderMoves; firstDay: string; horizon: number; language: Language }) {
  const { t } = useTranslation();
  return (
    <div className="card planning-order__actions">
      <h2>{t("queue.detail.actions")}</h2>
      {props.can.schedule ? <ScheduleForm order={props.order} firstDay={props.firstDay} language={props.language} /> : null}
      <StatusMoves order={props.order} can={props.can} horizon={props.horizon} />
    </div>
  );
}
