/**
 * An order as its customer sees it: number and status, the configuration with
 * codes and the frozen price, delivery dates, contact, and the status
 * timeline. Pure rendering of the loader's data, so a revalidation (e.g. a
 * live update) refreshes it.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ReviewTable } from "~/components/configurator/ReviewTable";
import { localize, type Language, type ProductLine } from "~/domain/catalog";
import type { PriceBreakdown } from "~/domain/engine";
import { SCHEDULING_REASONS, type OrderStatus, type SchedulingKind } from "~/domain/orders";
import { OrderProgress } from "./OrderProgress";
import { formatMoney } from "~/utils/money";

/** A reason in the reader's language when it is one the system writes (how a build date was set); anyone's own words as they wrote them. */
export function useReasonText(): (reason: string) => string {
  const { t } = useTranslation();
  const standard = new Map(Object.entries(SCHEDULING_REASONS).map(([kind, text]) => [text as string, kind as SchedulingKind]));
  return (reason) => {
    const kind = standard.get(reason);
    return kind ? t(`orders.reasons.${kind}`) : reason;
  };
}

export interface OrderDetailsData {
  order: {
    number: string;
    status: OrderStatus;
    line: string;
    catalogVersion: string;
    choices: string[];
    texts: Record<string, string>;
    price: PriceBreakdown;
    contact: { name: string; email: string; phone: string; street: string; postalCode: string; city: string; country: string };
    buildDate: string | null;
    createdAt: string;
  };
  line: ProductLine | null;
  timeline: {
    from: OrderStatus | null;
    to: OrderStatus;
    note: string | null;
    /** Why, as the one who made the change gave it. */
    reason?: string | null;
    at: string;
    actor: { kind: "you" } | { kind: "customer" } | { kind: "system" } | { kind: "staff"; role: string; name: string | null };
  }[];
  estimatedDelivery: string | null;
  /** estimatedDelivery comes from the line's queue, not yet from a build date. */
  deliveryEstimated?: boolean;
}

export function formatDay(day: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

export function formatInstant(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso));
}

export function StatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <span className="order-status" data-status={status} data-testid="order-status">
      {t(`orders.status.${status}`)}
    </span>
  );
}

export function OrderDetails({ data, language, heading, children }: { data: OrderDetailsData; language: Language; heading?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const { order, line } = data;
  const money = (minor: number) => formatMoney(minor, order.price.market, language);
  const c = order.contact;
  return (
    <article className="order-page" aria-labelledby="order-title" data-testid="order-page" data-number={order.number}>
      <header>
        {heading}
        <h1 id="order-title">{t("orderPage.title", { number: order.number })}</h1>
        <p>
          <StatusBadge status={order.status} /> <span className="muted">{t("orderPage.placedOn", { date: formatInstant(order.createdAt, language) })}</span>
        </p>
        <OrderProgress status={order.status} />
      </header>

      {children}

      <section aria-labelledby="order-delivery">
        <h2 id="order-delivery">{t("orderPage.delivery")}</h2>
        {order.buildDate && order.status !== "cancelled" ? (
          <dl className="order-facts">
            <dt>{t("orderPage.buildDate")}</dt>
            <dd data-testid="build-date">{formatDay(order.buildDate, language)}</dd>
            <dt>{t("orderPage.estimatedDelivery")}</dt>
            <dd data-testid="estimated-delivery">{data.estimatedDelivery ? formatDay(data.estimatedDelivery, language) : ""}</dd>
          </dl>
        ) : order.status === "cancelled" ? (
          <p>{t("orderPage.locked.cancelled")}</p>
        ) : (
          <>
            <p>{t("orderPage.notScheduled")}</p>
            {data.estimatedDelivery ? (
              <dl className="order-facts">
                <dt>{t("orderPage.estimatedDelivery")}</dt>
                <dd data-testid="estimated-delivery">{t("orderPage.deliveryFromQueue", { date: formatDay(data.estimatedDelivery, language) })}</dd>
              </dl>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="order-configuration">
        <h2 id="order-configuration">{t("orderPage.configuration")}</h2>
        {line ? (
          <>
            <p className="muted">{t("orderPage.line", { line: localize(line.name, language), version: order.catalogVersion })}</p>
            <ReviewTable line={line} language={language} choices={order.choices} texts={order.texts} breakdown={order.price} formatMoney={money} />
          </>
        ) : (
          <p>
            {order.choices.join(", ")} · {t("configurator.price.total")} {money(order.price.total)}
          </p>
        )}
      </section>

      <section aria-labelledby="order-contact">
        <h2 id="order-contact">{t("orderPage.contact")}</h2>
        <address className="order-address">
          {c.name}
          <br />
          {c.street}
          <br />
          {c.postalCode} {c.city}
          <br />
          {c.country}
          <br />
          {c.email} · {c.phone}
        </address>
      </section>

      <section aria-labelledby="order-history">
        <h2 id="order-history">{t("orderPage.history")}</h2>
        <ol className="timeline" data-testid="order-timeline">
          {data.timeline.map((e, i) => (
            <li key={`${e.at}-${i}`} data-status={e.to}>
              <strong>{e.note === "configuration changed" ? t("orderPage.configurationChanged") : t(`orders.status.${e.to}`)}</strong>{" "}
              <span>
                <ActorText actor={e.actor} />
              </span>
              <br />
              <time dateTime={e.at}>{formatInstant(e.at, language)}</time>
              {e.note && e.note !== "configuration changed" ? <span className="muted"> · {e.note}</span> : null}
              {e.reason ? <div className="timeline__reason">{t("orderPage.reason", { reason: reasonText(e.reason) })}</div> : null}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function ActorText({ actor }: { actor: OrderDetailsData["timeline"][number]["actor"] }) {
  const { t } = useTranslation();
  switch (actor.kind) {
    case "you":
      return <>{t("orderPage.by.you")}</>;
    case "customer":
      return <>{t("orderPage.by.customer")}</>;
    case "system":
      return <>{t("orderPage.by.system")}</>;
    case "staff": {
      const role = t(`roles.${actor.role as "planner"}`);
      return <>{actor.name ? t("orderPage.by.staffNamed", { name: actor.name, role }) : t("orderPage.by.staff", { role })}</>;
    }
  }
}
