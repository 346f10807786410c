/**
 * What a new catalog version changes about a followed configuration, and
 * which of it is worth telling the customer: the configuration can no longer
 * be built as it was (its nearest valid configuration differs), its price in
 * the customer's market changed, or its estimated delivery moved by more than
 * a week (a few days either way is the queue's ordinary breathing, not news).
 */
import { daysBetween } from "./orders";

export const DELIVERY_NEWS_THRESHOLD_DAYS = 7;

/** The notification kinds, the most important first (one notification names the most important change). */
export const CONFIGURATION_NEWS_KINDS = ["configuration.unbuildable", "configuration.price", "configuration.delivery"] as const;
export type ConfigurationNewsKind = (typeof CONFIGURATION_NEWS_KINDS)[number];

export interface ConfigurationSide {
  choices: readonly string[];
  texts: Readonly<Record<string, string>>;
  /** Total in the customer's market, minor units. */
  total: number;
  /** Estimated delivery day (YYYY-MM-DD), null when none is in sight. */
  deliveryDay: string | null;
}

export interface ConfigurationNews {
  kind: ConfigurationNewsKind;
  unbuildable: boolean;
  priceChanged: boolean;
  deliveryMoved: boolean;
}

/**
 * Compare a configuration as the customer last knew it (`before`: as saved,
 * or its nearest configuration in the version of their last news) with its
 * nearest valid configuration under the new version (`after`; null: the line
 * is gone). "Unbuildable" is news when the new version leaves out something
 * the customer saved that the last one didn't (becoming buildable again is
 * told by its price). Null when nothing worth telling changed.
 */
export function configurationNews(
  saved: Pick<ConfigurationSide, "choices" | "texts">,
  before: ConfigurationSide,
  after: ConfigurationSide | null,
): ConfigurationNews | null {
  if (!after) return { kind: "configuration.unbuildable", unbuildable: true, priceChanged: false, deliveryMoved: false };
  const same = (a: Pick<ConfigurationSide, "choices" | "texts">, b: Pick<ConfigurationSide, "choices" | "texts">) =>
    sameList(a.choices, b.choices) && sameTexts(a.texts, b.texts);
  const unbuildable = !same(after, saved) && !same(after, before);
  const priceChanged = before.total !== after.total;
  const deliveryMoved =
    before.deliveryDay !== null && after.deliveryDay !== null && Math.abs(daysBetween(before.deliveryDay, after.deliveryDay)) > DELIVERY_NEWS_THRESHOLD_DAYS;
  const kind = unbuildable ? "configuration.unbuildable" : priceChanged ? "configuration.price" : deliveryMoved ? "configuration.delivery" : null;
  return kind ? { kind, unbuildable, priceChanged, deliveryMoved } : null;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => c === b[i]);

function sameTexts(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = (r: Readonly<Record<string, string>>) => Object.keys(r).filter((k) => r[k] !== "");
  return keys(a).length === keys(b).length && keys(a).every((k) => a[k] === b[k]);
}

export function isConfigurationNewsKind(kind: unknown): kind is ConfigurationNewsKind {
  return typeof kind === "string" && (CONFIGURATION_NEWS_KINDS as readonly string[]).includes(kind);
}
