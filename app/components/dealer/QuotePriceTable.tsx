/**
 * A quote's price as the discount makes it, in the quote's own market and
 * currency (the price carries its market: `list.market`), never the reader's
 * market preference: list price (net), discount, net after the discount, VAT
 * with its rate, total (gross) — `priceRows`, so every figure follows from
 * the ones above it. Under it, which market the quote is priced in, because
 * the site's header shows the reader's own preference, which may differ.
 */
import { useTranslation } from "react-i18next";
import { MARKETS, taxLabel, type Language, type Market } from "~/domain/catalog";
import { percentOf, priceRows, type PriceRowKey } from "~/domain/quote-sheet";
import type { QuotePrice } from "~/domain/quotes";
import { formatMoney } from "~/utils/money";

export function QuotePriceTable({ price, language, always = false }: { price: QuotePrice; language: Language; always?: boolean }) {
  const { t } = useTranslation();
  const market = price.list.market;
  const money = (minor: number) => formatMoney(minor, market, language);
  const label = (key: PriceRowKey): string => {
    switch (key) {
      case "listNet":
        return t("quotes.price.list");
      case "discount":
        return t("quotes.price.discount", { percent: percentOf(price.discountBasisPoints, language) });
      case "net":
        return t("quotes.price.net");
      case "vat":
        return taxLabel(market, (key, values) => t(key, values));
      case "total":
        return t("quotes.price.total");
    }
  };
  const rows = priceRows({ ...price, listNet: price.list.net }, { always });
  const total = rows.at(-1)!;
  return (
    <table className="price-table quote-actions__price" data-testid="quote-price" data-market={market}>
      <tbody>
        {rows.slice(0, -1).map((row) => (
          <tr key={row.key} data-row={row.key}>
            <th scope="row">{label(row.key)}</th>
            <td data-testid={row.key === "discount" ? "quote-discount" : undefined}>{money(row.amount)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="price-table__total" data-row="total">
          <th scope="row">{label("total")}</th>
          <td>
            <output data-testid="quote-total" aria-live="polite">
              {money(total.amount)}
            </output>
          </td>
        </tr>
        <tr>
          <td colSpan={2}>
            <QuoteMarketNote market={market} />
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/** "Priced for Germany (EUR): every amount of this quote is in EUR." */
export function QuoteMarketNote({ market }: { market: Market }) {
  const { t } = useTranslation();
  return (
    <small className="muted quote-market" data-testid="quote-market" data-market={market}>
      {t("quotes.pricedIn", { market: t(`markets.${market}`), currency: MARKETS[market].currency })}
    </small>
  );
}
