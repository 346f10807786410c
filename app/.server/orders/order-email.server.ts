/**
 * The email an order change sends, in the customer's language: the build date
 * written as people read dates there, an absolute link (mail is read outside
 * the app), and no build-date line where none applies (a cancelled or not yet
 * scheduled order has none).
 */
import type { Language } from "~/domain/catalog";
import type { OrderStatus } from "~/domain/orders";
import { getT } from "~/i18n";
import type { OrderChangeKind } from "./order-messages.server";

export interface OrderEmailFacts {
  kind: OrderChangeKind;
  number: string;
  status: OrderStatus;
  name: string;
  buildDate: string | null;
  /** Absolute URL of the order's page. */
  link: string;
  /** Absolute URL of the configuration's picture (decision 050), for the "received" email; the outbox sends plain text, so a link. */
  picture?: string | null;
}

export interface Email {
  subject: string;
  body: string;
}

type Template = "received" | "status" | "scheduled" | "changed" | "cancelled";

export function orderEmail(language: Language, facts: OrderEmailFacts): Email {
  const t = getT(language);
  const template = templateOf(facts);
  const buildDate = facts.buildDate === null ? null : formatLongDay(facts.buildDate, language);
  const values = {
    number: facts.number,
    name: facts.name,
    status: t(`orders.status.${facts.status}`),
    buildDate: buildDate ?? "",
    href: facts.link,
    buildDateSentence: buildDate !== null && showsBuildDate(facts.status) ? t("orders.email.buildDateSentence", { buildDate }) : "",
    pictureSentence: facts.picture ? t("orders.email.pictureSentence", { picture: facts.picture }) : "",
  };
  return { subject: t(`orders.email.${template}.subject`, values), body: t(`orders.email.${template}.body`, values) };
}

function templateOf(facts: OrderEmailFacts): Template {
  if (facts.status === "cancelled") return "cancelled";
  if (facts.kind === "order.received") return "received";
  // A "scheduled" message without a date would read "scheduled for ": say the status instead.
  if (facts.kind === "order.scheduled") return facts.buildDate === null ? "status" : "scheduled";
  return facts.kind === "order.changed" ? "changed" : "status";
}

/** Once built, the build date is history the customer no longer needs in every message. */
function showsBuildDate(status: OrderStatus): boolean {
  return status === "received" || status === "scheduled" || status === "in_production";
}

function formatLongDay(day: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
