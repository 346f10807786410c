/**
 * The review's one table: every chosen value grouped by feature, with its code
 * and its price (or the package that includes it), then base price, net, VAT
 * and total. One compact table so the printed summary fits on a page.
 */
import { useTranslation } from "react-i18next";
import { localize, taxLabel, type Language, type ProductLine } from "~/domain/catalog";
import type { PriceBreakdown } from "~/domain/engine";
import { groupConfiguration } from "~/domain/configuration-view";

export interface ReviewTableProps {
  line: ProductLine;
  language: Language;
  choices: readonly string[];
  texts: Readonly<Record<string, string>>;
  breakdown: PriceBreakdown;
  formatMoney: (minor: number) => string;
}

export function ReviewTable({ line, language, choices, texts, breakdown, formatMoney }: ReviewTableProps) {
  const { t } = useTranslation();
  const groups = groupConfiguration(line, choices, texts, language);
  const amounts = new Map<string, number>();
  for (const l of breakdown.lines) if (l.code && (l.kind === "value" || l.kind === "text" || l.kind === "included")) amounts.set(l.code, l.amount);
  const base = breakdown.lines.find((l) => l.kind === "base")?.amount ?? 0;
  return (
    <table className="review-table" data-testid="review-table">
      <thead>
        <tr>
          <th scope="col">{t("review.item")}</th>
          <th scope="col">{t("review.code")}</th>
          <th scope="col">{t("review.amount")}</th>
        </tr>
      </thead>
      <tbody>
        <tr data-kind="base">
          <th scope="row">{t("configurator.price.base", { name: localize(line.name, language) })}</th>
          <td />
          <td>{formatMoney(base)}</td>
        </tr>
      </tbody>
      {groups.map((group) => (
        <tbody key={group.feature} data-feature={group.feature}>
          <tr className="review-table__group">
            <th scope="rowgroup" colSpan={3}>
              {group.name}
            </th>
          </tr>
          {group.items.map((item) => (
            <tr key={item.code} data-code={item.code} data-kind={item.includedIn ? "included" : "value"}>
              <th scope="row">{item.name}</th>
              <td className="code">{item.code}</td>
              <td>
                {item.includedIn ? (
                  // The package's code (it is listed above with its name) keeps the row on one line in print.
                  <abbr title={t("configurator.value.includedIn", { name: item.includedIn })}>{t("review.includedIn", { code: item.includedInCode ?? "" })}</abbr>
                ) : (
                  formatMoney(amounts.get(item.code) ?? 0)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      ))}
      <tfoot>
        <tr data-kind="net">
          <th scope="row" colSpan={2}>
            {t("configurator.price.net")}
          </th>
          <td>{formatMoney(breakdown.net)}</td>
        </tr>
        <tr data-kind="vat">
          <th scope="row" colSpan={2}>
            {taxLabel(breakdown.market, (key, values) => t(key, values))}
          </th>
          <td>{formatMoney(breakdown.vat)}</td>
        </tr>
        <tr data-kind="total" className="review-table__total">
          <th scope="row" colSpan={2}>
            {t("configurator.price.total")}
          </th>
          <td data-testid="price-total-cell">{formatMoney(breakdown.total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
