/**
 * Impact of a catalog version on live business (decision 038): which open
 * orders (not yet frozen), open quotes (neither expired nor ordered), saved
 * configurations and share codes the engine would refuse under it, or price
 * differently, each with its nearest valid configuration and its price before
 * (under its own version) and after. Reading only: nothing changes them.
 *
 * `draftImpact` is what the impact page and the publish confirmation show;
 * `notifyImpactedOwners` runs the same comparison inside the publishing
 * transaction and tells the owners of open orders and quotes. Followers of
 * saved configurations already hear from catalog-news (with their consent,
 * decision 027), so they are not told twice.
 */
import { and, eq, gte, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { configurations, notifications, orders, queueEntries, quotes, quoteVersions, shareCodes, users } from "#db/schema";
import { MARKET_CODES, type Catalog, type Market } from "~/domain/catalog";
import { configurationImpact, IMPACT_GROUPS, type ConfigurationImpact, type ImpactGroupName } from "~/domain/catalog-impact";
import { compileLine, price, type CompiledLine } from "~/domain/engine";
import { dayOf, isFrozen } from "~/domain/orders";
import { getLine, type LoadedLine } from "~/.server/catalog/catalog.server";
import { loadVersionForEdit } from "~/.server/catalog/draft-edit.server";
import { getEnv } from "~/.server/platform/env.server";


/** Prices of configurations without a market of their own (a customer who never chose one), as catalog-news does. */
const FALLBACK_MARKET: Market = "US";
/** Items listed per group; the counts cover all of them. */
export const IMPACT_LIST_LIMIT = 50;

export interface ImpactItem extends ConfigurationImpact {
  /** The order's or quote's id, the configuration's id, the share code. */
  id: string;
  /** What people read: an order or quote number, a configuration's name, the share code. */
  label: string;
  line: string;
  market: Market;
  /** Who is told after publishing (an order's customer, a quote's author, a configuration's owner). */
  ownerId: string | null;
}

export interface ImpactGroup {
  checked: number;
  unbuildable: number;
  price: number;
  /** Unbuildable first, then price changes; at most `limit`. */
  items: ImpactItem[];
}

export interface ImpactReport {
  versionId: string;
  groups: Record<ImpactGroupName, ImpactGroup>;
}

interface Held {
  id: string;
  label: string;
  line: string;
  version: string;
  choices: string[];
  texts: Record<string, string>;
  market: string | null;
  ownerId: string | null;
}

/** The impact of draft `draftId` on live business, or null when there is no such version. */
export async function draftImpact(db: Executor, draftId: string, options: { now?: Date; limit?: number } = {}): Promise<ImpactReport | null> {
  const version = await loadVersionForEdit(db, draftId);
  if (!version) return null;
  return catalogImpact(db, draftId, version.catalog, options);
}

/** Compare everything open against `catalog` (the content of version `versionId`). */
export async function catalogImpact(
  db: Executor,
  versionId: string,
  catalog: Catalog,
  options: { now?: Date; limit?: number; groups?: readonly ImpactGroupName[] } = {},
): Promise<ImpactReport> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? IMPACT_LIST_LIMIT;
  const wanted = options.groups ?? IMPACT_GROUPS;
  const held = await openBusiness(db, versionId, now, wanted);
  const compiled = new Map<string, CompiledLine | null>();
  const target = (line: string) => {
    if (!compiled.has(line)) {
      const found = catalog.productLines.find((l) => l.code === line);
      compiled.set(line, found ? compileLine(found) : null);
    }
    return compiled.get(line)!;
  };
  // Each item's own version, loaded once per (version, line) rather than once per item.
  const own = new Map<string, LoadedLine | null>();
  const groups = {} as Record<ImpactGroupName, ImpactGroup>;
  for (const name of IMPACT_GROUPS) {
    const items: ImpactItem[] = [];
    if (!wanted.includes(name)) {
      groups[name] = { checked: 0, unbuildable: 0, price: 0, items };
      continue;
    }
    for (const h of held[name]) {
      const market = (MARKET_CODES as string[]).includes(h.market ?? "") ? (h.market as Market) : FALLBACK_MARKET;
      const ownKey = `${h.version}\u0000${h.line}`;
      if (!own.has(ownKey)) own.set(ownKey, await getLine(h.line, h.version, { db }));
      const ownLine = own.get(ownKey);
      const before = ownLine ? price(ownLine.line, h.choices, h.texts, market).total : null;
      const impact = configurationImpact(target(h.line), h, market, before);
      if (impact.kind !== "unchanged") items.push({ ...impact, id: h.id, label: h.label, line: h.line, market, ownerId: h.ownerId });
    }
    items.sort((a, b) => Number(b.kind === "unbuildable") - Number(a.kind === "unbuildable"));
    groups[name] = {
      checked: held[name].length,
      unbuildable: items.filter((i) => i.kind === "unbuildable").length,
      price: items.filter((i) => i.kind === "price").length,
      items: items.slice(0, limit),
    };
  }
  return { versionId, groups };
}

/** Open business not made with `versionId` itself. */
async function openBusiness(db: Executor, versionId: string, now: Date, wanted: readonly ImpactGroupName[]): Promise<Record<ImpactGroupName, Held[]>> {
  const today = dayOf(now);
  const horizon = getEnv().ORDER_FROZEN_HORIZON_DAYS;
  const none = Promise.resolve([]);
  const orderRows = !wanted.includes("orders") ? [] : await db
    .select({
      id: orders.id,
      label: orders.number,
      line: orders.lineCode,
      version: orders.catalogVersionId,
      choices: orders.choices,
      texts: orders.texts,
      market: orders.market,
      ownerId: orders.customerId,
      status: orders.status,
      buildDate: queueEntries.buildDate,
    })
    .from(orders)
    .leftJoin(queueEntries, eq(queueEntries.orderId, orders.id))
    .where(and(inArray(orders.status, ["received", "scheduled"]), ne(orders.catalogVersionId, versionId)));
  // Frozen orders are being prepared for the line: the catalog can't touch them (app/domain/orders.ts).
  const openOrders = orderRows.filter((o) => !isFrozen({ status: o.status, buildDate: o.buildDate }, today, horizon));

  const quoteRows = !wanted.includes("quotes") ? await none : await db
    .select({
      id: quotes.id,
      label: quotes.number,
      line: quoteVersions.lineCode,
      version: quoteVersions.catalogVersionId,
      choices: quoteVersions.choices,
      texts: quoteVersions.texts,
      market: quoteVersions.market,
      ownerId: quotes.createdBy,
    })
    .from(quotes)
    .innerJoin(quoteVersions, and(eq(quoteVersions.quoteId, quotes.id), eq(quoteVersions.version, quotes.latestVersion)))
    .where(and(isNull(quotes.orderId), gte(quoteVersions.validUntil, today), ne(quoteVersions.catalogVersionId, versionId)));

  const configurationRows = !wanted.includes("configurations") ? await none : await db
    .select({
      id: configurations.id,
      label: configurations.name,
      line: configurations.lineCode,
      version: configurations.catalogVersionId,
      choices: configurations.choices,
      texts: configurations.texts,
      market: users.preferredMarket,
      ownerId: configurations.ownerId,
    })
    .from(configurations)
    .innerJoin(users, eq(users.id, configurations.ownerId))
    .where(ne(configurations.catalogVersionId, versionId));

  const shareRows = !wanted.includes("shareCodes") ? await none : await db
    .select({
      id: shareCodes.code,
      label: shareCodes.code,
      line: shareCodes.lineCode,
      version: shareCodes.catalogVersionId,
      choices: shareCodes.choices,
      texts: shareCodes.texts,
      market: users.preferredMarket,
      ownerId: shareCodes.createdBy,
    })
    .from(shareCodes)
    .leftJoin(users, eq(users.id, shareCodes.createdBy))
    .where(ne(shareCodes.catalogVersionId, versionId));

  return {
    orders: openOrders.map(({ status: _status, buildDate: _buildDate, ...o }) => o),
    quotes: quoteRows,
    configurations: configurationRows,
    shareCodes: shareRows,
  };
}

/**
 * After `versionId` was published (call inside the publishing transaction,
 * after the status change): tell each open order's customer that their order
 * keeps its configuration and frozen price, and each open quote's author that
 * the quote would change if quoted again. Returns how many were told.
 */
export async function notifyImpactedOwners(tx: Executor, versionId: string, options: { now?: Date } = {}): Promise<{ orders: number; quotes: number }> {
  const row = await loadVersionForEdit(tx, versionId);
  if (!row) return { orders: 0, quotes: 0 };
  const report = await catalogImpact(tx, versionId, row.catalog, {
    now: options.now,
    limit: Number.MAX_SAFE_INTEGER,
    groups: ["orders", "quotes"],
  });
  const told = { orders: 0, quotes: 0 };
  // Publishing the same version again (a retried command, a rollback to it) tells nobody twice.
  const toldBefore = async (userId: string, kind: string, number: string) =>
    (
      await tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind), sql`${notifications.data}->>'number' = ${number}`, sql`${notifications.data}->>'versionId' = ${versionId}`))
        .limit(1)
    ).length > 0;
  for (const item of report.groups.orders.items) {
    if (!item.ownerId || (await toldBefore(item.ownerId, "order.catalog", item.label))) continue;
    await tx.insert(notifications).values({
      userId: item.ownerId,
      kind: "order.catalog",
      href: `/orders/${item.label}`,
      data: { number: item.label, version: row.label, versionId, unbuildable: item.kind === "unbuildable" ? 1 : 0 },
    });
    told.orders++;
  }
  for (const item of report.groups.quotes.items) {
    if (!item.ownerId || (await toldBefore(item.ownerId, "quote.catalog", item.label))) continue;
    await tx.insert(notifications).values({
      userId: item.ownerId,
      kind: "quote.catalog",
      href: `/dealer/quotes/${item.label}`,
      data: {
        number: item.label,
        version: row.label,
        versionId,
        market: item.market,
        unbuildable: item.kind === "unbuildable" ? 1 : 0,
        priceBefore: item.priceBefore,
        priceAfter: item.priceAfter,
      },
    });
    told.quotes++;
  }
  return told;
}
