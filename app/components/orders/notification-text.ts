/**
 * The sentence for a notification, from its kind and facts (never stored
 * text), shared by /account/notifications and the dashboard.
 */
import type { useTranslation } from "react-i18next";
import { MARKET_CODES, type Language, type Market } from "~/domain/catalog";
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
    default:
      return t("notifications.kind.other", { number });
  }
}
