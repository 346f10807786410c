import { useTranslation } from "react-i18next";
import { formatInstant, useReasonText } from "~/components/orders/OrderDetails";
import type { Language } from "~/domain/catalog";
import type { Contact } from "~/domain/forms/order";
import type { OrderStatus } from "~/domain/orders";

interface OrderEvent {
  to: OrderStatus;
  /** Who made the change, or null for the system. */
  actor: string | null;
  note: string | null;
  /** Why, in the actor's words. */
  reason?: string | null;
  at: string;
}

/** The order's history: each status it reached, when, by whom, with the note and the reason. */
export function OrderTimeline({ events, language }: { events: OrderEvent[]; language: Language }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  return (
    <div className="card">
      <h2>{t("queue.detail.history")}</h2>
      <ol className="timeline">
        {events.map((e, i) => (
          <li key={i}>
            <strong>{t(`orders.status.${e.to}`)}</strong>{" "}
            <span className="muted">{t("queue.detail.event", { when: formatInstant(e.at, language), who: e.actor ?? t("queue.detail.system") })}</span>
            {e.note ? <div className="muted">{e.note}</div> : null}
            {e.reason ? <div className="timeline__reason">{t("queue.detail.reasonShown", { reason: reasonText(e.reason) })}</div> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Where the order goes and whom to call about it, and the account that placed it. */
export function OrderContactCard({ contact, customer }: { contact: Contact; customer: { name: string; email: string } }) {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h2>{t("queue.detail.contact")}</h2>
      <address>
        {contact.name}
        <br />
        {contact.street}
        <br />
        {contact.postalCode} {contact.city}
        <br />
        {contact.country}
        <br />
        <a href={`mailto:${contact.email}`}>{contact.email}</a>
        <br />
        {/* A tel: link dials digits and a leading +, nothing else. */}
        <a href={`tel:${contact.phone.replace(/[^+0-9]/g, "")}`}>{contact.phone}</a>
      </address>
      <p className="muted">{t("queue.detail.account", { name: customer.name, email: customer.email })}</p>
    </div>
  );
}
