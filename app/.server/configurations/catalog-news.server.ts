/**
 * News for followers when a catalog version is published: every followed
 * configuration whose owner consents to `saved_configuration_news` is
 * compared under the new version with the version the owner last heard
 * about (their previous news, or the version the configuration was saved
 * with). A configuration that can no longer be built as it was, a price
 * change in the owner's market, or a delivery estimate moved by more than a
 * week (app/domain/configuration-news.ts) becomes an in-app notification,
 * and an email in the owner's language when their contact channel is email.
 *
 * It runs inside the publishing transaction (publishCatalogVersion), so news
 * is never sent for a version that was rolled back. Each (configuration,
 * version) is claimed in configuration_news with ON CONFLICT DO NOTHING:
 * running it again for the same version tells nobody twice.
 */
import { and, desc, eq, inArray, isNotNull, ne } from "drizzle-orm";
import type { Executor } from "#db/client";
import { configurationNews as newsTable, configurations, consentEvents, emailOutbox, notifications, users } from "#db/schema";
import { localize, MARKET_CODES, type Language, type Market, type ProductLine } from "~/domain/catalog";
import { configurationNews, type ConfigurationSide } from "~/domain/configuration-news";
import { normaliseConfiguration, price } from "~/domain/engine";
import { configureHref } from "~/domain/forms/configuration";
import { consentState, sendsEmail } from "~/domain/profile";
import { DEFAULT_LANGUAGE, isLanguage } from "~/i18n";
import { getActiveVersion, getLine, type LoadedLine } from "~/.server/catalog/catalog.server";
import { deliveryEstimate } from "~/.server/planning/delivery.server";
import { absoluteUrl } from "~/.server/platform/env.server";
import { unsubscribePath, unsubscribeToken } from "./follows.server";
import { newsEmail } from "./news-email.server";

/** The market a customer without a stored preference is told prices in (as the site's home market for English). */
const FALLBACK_MARKET: Market = "US";

export interface AnnounceReport {
  /** Followed configurations compared under the version for the first time. */
  checked: number;
  /** Of those, the ones whose owner was notified. */
  notified: string[];
}

/**
 * Tell the followers what `versionId` changes. Does nothing unless it is the
 * active version (publishing an older one is no news). Pass the publishing
 * transaction.
 */
export async function announceCatalogVersion(tx: Executor, versionId: string, options: { now?: Date } = {}): Promise<AnnounceReport> {
  const now = options.now ?? new Date();
  const report: AnnounceReport = { checked: 0, notified: [] };
  const active = await getActiveVersion({ db: tx });
  if (!active || active.id !== versionId) return report;

  const followed = await tx
    .select({
      id: configurations.id,
      name: configurations.name,
      line: configurations.lineCode,
      version: configurations.catalogVersionId,
      choices: configurations.choices,
      texts: configurations.texts,
      followedAt: configurations.followedAt,
      ownerId: users.id,
      ownerName: users.name,
      email: users.email,
      language: users.preferredLanguage,
      market: users.preferredMarket,
      channel: users.contactChannel,
      tier: users.tier,
    })
    .from(configurations)
    .innerJoin(users, eq(users.id, configurations.ownerId))
    .where(and(isNotNull(configurations.followedAt), ne(configurations.catalogVersionId, versionId)));
  if (followed.length === 0) return report;

  const events = await tx
    .select({ userId: consentEvents.userId, kind: consentEvents.kind, granted: consentEvents.granted, at: consentEvents.at })
    .from(consentEvents)
    .where(and(inArray(consentEvents.userId, [...new Set(followed.map((f) => f.ownerId))]), eq(consentEvents.kind, "saved_configuration_news")));
  const consents = (userId: string) => consentState(events.filter((e) => e.userId === userId)).saved_configuration_news.granted;

  for (const config of followed) {
    // Withdrawn consent stops the messages; the follow itself stays for when it is given again.
    if (!consents(config.ownerId)) continue;
    const [previous] = await tx
      .select({ version: newsTable.catalogVersionId })
      .from(newsTable)
      .where(and(eq(newsTable.configurationId, config.id), ne(newsTable.catalogVersionId, versionId)))
      .orderBy(desc(newsTable.checkedAt))
      .limit(1);
    const [claimed] = await tx
      .insert(newsTable)
      .values({ configurationId: config.id, catalogVersionId: versionId, checkedAt: now })
      .onConflictDoNothing()
      .returning({ id: newsTable.configurationId });
    if (!claimed) continue;
    report.checked++;

    const market = config.market && (MARKET_CODES as string[]).includes(config.market) ? config.market : FALLBACK_MARKET;
    const language: Language = config.language && isLanguage(config.language) ? config.language : DEFAULT_LANGUAGE;
    const saved = { choices: config.choices, texts: config.texts };
    const baseline = (await getLine(config.line, previous?.version ?? config.version, { db: tx })) ?? (await getLine(config.line, config.version, { db: tx }));
    if (!baseline) continue; // the schema keeps a configuration's own line: unreachable
    const side = async (loaded: LoadedLine, choices: readonly string[], texts: Readonly<Record<string, string>>): Promise<ConfigurationSide> => {
      const estimate = await deliveryEstimate(tx, { line: loaded.line, choices, tier: config.tier }, { now });
      return { choices, texts, total: price(loaded.line, choices, texts, market).total, deliveryDay: estimate.deliveryDay };
    };
    // As the customer last knew it: the saved configuration, made to fit the version they last heard about.
    const known = baseline.version.id === config.version ? saved : nearestIn(baseline, saved);
    const before = await side(baseline, known.choices, known.texts);
    const target = await getLine(config.line, versionId, { db: tx });
    const nearest = target ? nearestIn(target, saved) : null;
    const after = target && nearest ? await side(target, nearest.choices, nearest.texts) : null;
    const news = configurationNews(saved, before, after);
    if (!news) continue;

    // The link opens the nearest valid configuration, as a share code of an older version does.
    const href = nearest ? configureHref(config.line, nearest.choices, nearest.texts) : "/account/configurations";
    const leftOut = news.unbuildable && after ? leftOutCodes(known, nearest!) : [];
    await tx.insert(notifications).values({
      userId: config.ownerId,
      kind: news.kind,
      href,
      data: {
        configuration: config.id,
        name: config.name,
        version: active.label,
        market,
        priceBefore: before.total,
        priceAfter: after?.total ?? null,
        deliveryBefore: news.deliveryMoved ? before.deliveryDay : null,
        deliveryAfter: news.deliveryMoved ? (after?.deliveryDay ?? null) : null,
        leftOut: leftOut.join(","),
        lineGone: after ? 0 : 1,
      },
    });
    if (sendsEmail(config.channel)) {
      const unsubscribe = absoluteUrl(unsubscribePath(unsubscribeToken(config.id, config.followedAt!)));
      const email = newsEmail(language, {
        name: config.ownerName,
        configuration: config.name,
        version: active.label,
        market,
        price: after && news.priceChanged ? { before: before.total, after: after.total } : null,
        leftOut: news.unbuildable && after ? leftOut.map((code) => valueName(baseline.line, code, language)) : null,
        lineGone: !after,
        delivery: news.deliveryMoved ? { before: before.deliveryDay!, after: after!.deliveryDay! } : null,
        link: absoluteUrl(href),
        unsubscribe,
      });
      // RFC 8058: mail programs offer "unsubscribe" themselves and post to the link in one click.
      const headers = { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
      await tx.insert(emailOutbox).values({ toAddress: config.email, subject: email.subject, body: email.body, headers });
    }
    await tx.update(newsTable).set({ kind: news.kind }).where(and(eq(newsTable.configurationId, config.id), eq(newsTable.catalogVersionId, versionId)));
    report.notified.push(config.id);
  }
  return report;
}

/** The normaliser's nearest valid configuration of a line (decision 023). */
function nearestIn(loaded: LoadedLine, config: { choices: readonly string[]; texts: Readonly<Record<string, string>> }) {
  const n = normaliseConfiguration(loaded.compiled, { choices: [...config.choices], texts: { ...config.texts } });
  return { choices: n.choices, texts: n.texts };
}

/** Choices and texts the customer had that the nearest configuration leaves out. */
function leftOutCodes(known: { choices: readonly string[]; texts: Readonly<Record<string, string>> }, nearest: { choices: readonly string[]; texts: Readonly<Record<string, string>> }): string[] {
  const kept = new Set(nearest.choices);
  const texts = Object.keys(known.texts).filter((field) => known.texts[field] !== "" && nearest.texts[field] !== known.texts[field]);
  return [...known.choices.filter((c) => !kept.has(c)), ...texts];
}

function valueName(line: ProductLine, code: string, language: Language): string {
  for (const feature of line.features) {
    if (feature.code === code) return localize(feature.name, language);
    if (feature.kind !== "text") for (const value of feature.values) if (value.code === code) return `${localize(value.name, language)} (${code})`;
  }
  return code;
}
