import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDay } from "~/components/orders/OrderDetails";
import type { Language } from "~/domain/catalog";
import { REASON_MAX_LENGTH, type OrderStatus } from "~/domain/orders";

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

/** The exceptional moves on offer, and whether moving the build date needs a reason (inside the frozen horizon). */
interface OrderExceptions {
  pullAhead: boolean;
  rescheduleNeedsReason: boolean;
}

/** Why: a field in each form that changes the order; required where the move is exceptional (the server says so too). */
function ReasonField({ id, required, hint }: { id: string; required: boolean; hint?: string }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{required ? t("queue.detail.reasonRequired") : t("queue.detail.reasonOptional")}</label>
      <input id={id} type="text" name="reason" maxLength={REASON_MAX_LENGTH} required={required} autoComplete="off" />
      {hint ? <p className="field__hint">{hint}</p> : null}
    </div>
  );
}

/** Give or move the build date, from `firstDay` on; inside the frozen horizon, with a reason. */
function ScheduleForm({ order, firstDay, language, needsReason, horizon }: { order: ActedOrder; firstDay: string; language: Language; needsReason: boolean; horizon: number }) {
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
      {/* Every build date keeps a reason (issue 12): the planner's own, or "manual scheduling"; inside the frozen horizon one is required. */}
      <ReasonField id="reason-schedule" required={needsReason} hint={needsReason ? t("queue.detail.moveReasonHint", { days: horizon }) : undefined} />
      <button type="submit" className="button button--small" disabled={busy}>
        {order.buildDate ? t("queue.detail.move") : t("queue.detail.assign")}
      </button>
    </Form>
  );
}

/** The next status (once its day has come), a pull ahead to today, and cancelling (or, within the frozen horizon, why it can't be cancelled any more). */
function StatusMoves({ order, can, pullAhead, horizon }: { order: ActedOrder; can: OrderMoves; pullAhead: boolean; horizon: number }) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      {can.advance ? (
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="advance" />
          <input type="hidden" name="version" value={order.version} />
          <input type="hidden" name="to" value={can.advance} />
          <ReasonField id="reason-advance" required={false} />
          <button type="submit" className="button button--small" disabled={busy}>
            {t("queue.detail.advance", { status: t(`orders.status.${can.advance}`) })}
          </button>
        </Form>
      ) : null}
      {pullAhead ? (
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="pull-ahead" />
          <input type="hidden" name="version" value={order.version} />
          <ReasonField id="reason-pull-ahead" required hint={t("queue.detail.pullAheadHint")} />
          <button type="submit" className="button button--secondary button--small" disabled={busy}>
            {t("queue.detail.pullAhead")}
          </button>
        </Form>
      ) : null}
      {can.cancel ? (
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="cancel" />
          <input type="hidden" name="version" value={order.version} />
          <ReasonField id="reason-cancel" required />
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

export function OrderActions(props: { order: ActedOrder; can: OrderMoves; exceptions?: OrderExceptions; firstDay: string; horizon: number; language: Language }) {
  const { t } = useTranslation();
  const exceptions = props.exceptions ?? { pullAhead: false, rescheduleNeedsReason: false };
  return (
    <div className="card planning-order__actions">
      <h2>{t("queue.detail.actions")}</h2>
      {props.can.schedule ? (
        <ScheduleForm order={props.order} firstDay={props.firstDay} language={props.language} needsReason={exceptions.rescheduleNeedsReason} horizon={props.horizon} />
      ) : null}
      <StatusMoves order={props.order} can={props.can} pullAhead={exceptions.pullAhead} horizon={props.horizon} />
    </div>
  );
}
