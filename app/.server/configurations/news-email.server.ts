/**
 * The email that tells a follower what a new catalog version changes about a
 * saved configuration, in their language: money in their market as the
 * language writes it, dates as the language writes them, absolute links
 * (mail is read outside the app) and the unsubscribe link. Only the changes
 * that happened are listed, one line each.
 */
import type { Language, Market } from "~/domain/catalog";
import { getT } from "~/i18n";
import { formatMoney } from "~/utils/money";
import type { Email } from "~/.server/orders/order-email.server";

export interface NewsEmailFacts {
  /** The customer's name. */
  name: string;
  /** The configuration's name (the customer's own label). */
  configuration: string;
  /** The new catalog version's label. */
  version: string;
  market: Market;
  price: { before: number; after: number } | null;
  /** Names (in the reader's language) of what the nearest configuration leaves out; null: still buildable as saved. */
  leftOut: string[] | null;
  /** The new version has no such product line at all. */
  lineGone: boolean;
  /** Estimated delivery days (YYYY-MM-DD). */
  delivery: { before: string; after: string } | null;
  /** Absolute URL that opens the (nearest) configuration. */
  link: string;
  /** Absolute URL of the unsubscribe page. */
  unsubscribe: string;
}

export function newsEmail(language: Language, facts: NewsEmailFacts): Email {
  const t = getT(language);
  const changes: string[] = [];
  if (facts.lineGone) changes.push(t("follow.email.lineGone"));
  else if (facts.leftOut) changes.push(t("follow.email.unbuildable", { names: facts.leftOut.join(t("follow.email.separator")) }));
  if (facts.price && facts.price.before !== facts.price.after) {
    const money = (minor: number) => formatMoney(minor, facts.market, language);
    changes.push(t("follow.email.price", { before: money(facts.price.before), after: money(facts.price.after) }));
  }
  if (facts.delivery) changes.push(t("follow.email.delivery", { before: formatLongDay(facts.delivery.before, language), after: formatLongDay(facts.delivery.after, language) }));
  const values = {
    name: facts.name,
    configuration: facts.configuration,
    version: facts.version,
    changes: changes.join("\n"),
    href: facts.link,
    unsubscribe: facts.unsubscribe,
  };
  return { subject: t("follow.email.subject", values), body: t("follow.email.body", values) };
}

function formatLongDay(day: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
