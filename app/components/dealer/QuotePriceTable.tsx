/** The quoted price as the discount makes it: list, discount, net, VAT and the total. */
import { useTranslation } from "react-i18next";
import type { Language, Market } from "~/domain/catalog";
import type { QuotePrice } from "~/domain/quotes";
import { formatMoney } from "~/utils/money";

export function QuotePriceTable({ quoted, market, language }: { quoted: QuotePrice; market: Market; language: Language }) {
  const { t } = useTranslation();
  const money = (minor: number) => formatMoney(minor, market, language);
  return (
    <table className="price-table quote-actions__price" data-testid="quote-price">
      <tbody>
        <tr>
          <th scope="row">{t("quotes.price.list")}</th>
          <td>{money(quoted.list.net)}</td>
        </tr>
        <tr>
          <th scope="row">{t("quotes.price.discount", { percent: quoted.discountBasisPoints / 100 })}</th>
          <td data-testid="quote-discount">{`\u2212${money(quoted.discountAmount)}`}</td>
        </tr>
        <tr>
          <th scope="row">{t("quotes.price.net")}</th>
          <td>{money(quoted.net)}</td>
        </tr>
        <tr>
          <th scope="row">{t("quotes.price.vat")}</th>
          <td>{money(quoted.vat)}</td>
        </tr>
      </tbody>
      <tfoot>
        <tr className="price-table__total">
          <th scope="row">{t("quotes.price.total")}</th>
          <td>
            <output data-testid="quote-total" aria-live="polite">
              {money(quoted.total)}
            </output>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
