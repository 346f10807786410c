/**
 * Money on screen. Amounts are integer minor units of the market's currency
 * (cents, fen; yen and won have none); Intl does the locale's grouping, symbol
 * and digits. The locale combines the reader's language with the market's
 * region ("ja-DE" → euros written the Japanese way).
 */
import { MARKETS, type Language, type Market } from "~/domain/catalog";

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(market: Market, language: Language): Intl.NumberFormat {
  const key = `${language}-${market}`;
  let format = formatters.get(key);
  if (!format) {
    const { currency, minorDigits } = MARKETS[market];
    format = new Intl.NumberFormat(key, {
      style: "currency",
      currency,
      minimumFractionDigits: minorDigits,
      maximumFractionDigits: minorDigits,
    });
    formatters.set(key, format);
  }
  return format;
}

export function formatMoney(minor: number, market: Market, language: Language): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`money must be an integer of minor units, got ${minor}`);
  const { minorDigits } = MARKETS[market];
  // Division by a power of ten is exact enough for display; the integer stays the source of truth.
  return formatter(market, language).format(minor / 10 ** minorDigits);
}

/** The currency's display name in the reader's language ("euros", "欧元"). */
export function currencyName(market: Market, language: Language): string {
  const names = new Intl.DisplayNames([language], { type: "currency" });
  return names.of(MARKETS[market].currency) ?? MARKETS[market].currency;
}
