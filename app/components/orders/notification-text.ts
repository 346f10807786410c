/**
 * The sentence for a notification, from its kind and facts (never stored
 * text), shared by /account/notifications and the dashboard, and the text of
 * the link to what it is about. Customers' and staff's kinds alike (decision
 * 034).
 */
import type { useTranslation } from "react-i18next";
import { MARKET_CODES, type Language, type Market } from "~/domain/catalog";
import { isConfigurationNewsKind } from "~/domain/configuration-news";
import { isOrderStatus } from "~/domain/orders";
import { formatMoney } from "~/utils/money";
import { formatDay } from "./OrderDetails";

type T = ReturnType<typeof useTranslation>["t"];

export function notificationText(n: { kind: string; data: Record<string, unknown> }, typed: T, language: Language): string {
  // Plain-string signature (as ErrorList does): i18next's key types are too deep to check here.
  const t = typed as (key: string, options?: Record<string, string>) => string;
  const number = String(n.data.number ?? "");
  const status = isOrderStatus(n.data.status) ? t(`orders.status.${n.data.status}`) : "";
  const buildDate = typeof n.data.buildDate === "string" ? formatDay(n.data.buildDate, language) : "";
  const name = String(n.data.name ?? "");
  const version = String(n.data.version ?? "");
  const market = (MARKET_CODES as string[]).includes(String(n.data.market)) ? (n.data.market as Market) : null;
  const money = (amount: unknown) => (market && typeof amount === "number" && Number.isSafeInteger(amount) ? formatMoney(amount, market, language) : "");
  const day = (value: unknown) => (typeof value === "string" ? formatDay(value, language) : "");
  const from = isOrderStatus(n.data.from) ? t(`orders.status.${n.data.from}`) : "";
  switch (n.kind) {
    case "configuration.unbuildable":
      return t("notifications.kind.configurationUnbuildable", { name, version });
    case "configuration.price":
      return t("notifications.kind.configurationPrice", { name, version, price: money(n.data.priceAfter), before: money(n.data.priceBefore) });
    case "configuration.delivery":
      return t("notifications.kind.configurationDelivery", { name, version, after: day(n.data.deliveryAfter), before: day(n.data.deliveryBefore) });
    case "order.received":
      return t("notifications.kind.received", { number });
    case "order.scheduled":
      return t("notifications.kind.scheduled", { number, buildDate });
    case "order.changed":
      return t("notifications.kind.changed", { number });
    case "order.status":
      return t("notifications.kind.status", { number, status });
    case "order.feedback":
      return t("notifications.kind.feedback", { number });
    case "quote.approval-requested":
      return t("notifications.kind.approvalRequested", { number, version });
    case "quote.approved":
      return t("notifications.kind.approved", { number, version });
    case "quote.rejected":
      return n.data.comment ? t("notifications.kind.rejectedWithComment", { number, version, comment: String(n.data.comment) }) : t("notifications.kind.rejected", { number, version });
    case "quote.expiring":
      return t("notifications.kind.quoteExpiring", { number, version, validUntil: day(n.data.validUntil) });
    case "lead.received":
      return t("notifications.kind.leadReceived");
    case "dealership.order-status":
      return t("notifications.kind.dealershipOrderStatus", { number, status, from });
    case "catalog.published":
      return t("notifications.kind.catalogPublished", { version });
    case "order.catalog":
      return t("notifications.kind.orderCatalog", { number, version });
    case "quote.catalog":
      return t("notifications.kind.quoteCatalog", { number, version, after: money(n.data.priceAfter), before: money(n.data.priceBefore) });
    default:
      return t("notifications.kind.other", { number });
  }
}

/** The text of a notification's link: what it opens. */
export function notificationLinkText(n: { kind: string; data: Record<string, unknown> }, typed: T): string {
  const t = typed as (key: string, options?: Record<string, string>) => string;
  if (isConfigurationNewsKind(n.kind)) return t("notifications.openConfiguration", { name: String(n.data.name ?? "") });
  if (n.kind.startsWith("quote.")) return t("notifications.openQuote", { number: String(n.data.number ?? "") });
  if (n.kind === "lead.received") return t("notifications.openLead");
  if (n.kind === "catalog.published") return t("notifications.openCatalog", { version: String(n.data.version ?? "") });
  return t("notifications.open", { number: String(n.data.number ?? "") });
}
