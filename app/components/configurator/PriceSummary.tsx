/**
 * The price breakdown: base price, each chosen value, values a package
 * includes (at no charge, naming the package), personalization, VAT and the
 * total in the market's currency. Used by the sticky summary beside the
 * configurator (collapsible on a phone) and by the review page.
 */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { localize, taxLabel, type Language, type ProductLine } from "~/domain/catalog";
import type { PriceBreakdown } from "~/domain/engine";
import { featureName, valueName } from "~/domain/configuration-view";

export interface PriceBreakdownListProps {
  line: ProductLine;
  language: Language;
  breakdown: PriceBreakdown;
  formatMoney: (minor: number) => string;
  /** Show value codes beside the names (the review page does). */
  showCodes?: boolean;
  /**
   * The breakdown is a list price a discount is taken off later (a dealer's
   * quote): its total is labelled the gross list price, not what is paid.
   */
  listPrice?: boolean;
}

export function PriceBreakdownList({ line, language, breakdown, formatMoney, showCodes = false, listPrice = false }: PriceBreakdownListProps) {
  const { t } = useTranslation();
  return (
    <table className="price-table" data-testid="price-breakdown">
      <tbody>
        {breakdown.lines.map((l, i) => {
          if (l.kind === "vat" || l.kind === "total") return null;
          let label: string;
          let note: string | null = null;
          if (l.kind === "base") label = t("configurator.price.base", { name: localize(line.name, language) });
          else if (l.kind === "text") label = featureName(line, l.code ?? "", language);
          else label = valueName(line, l.code ?? "", language);
          if (l.kind === "included") note = t("configurator.value.includedIn", { name: valueName(line, l.includedIn ?? "", language) });
          return (
            <tr key={`${l.kind}-${l.code ?? i}`} data-kind={l.kind} data-code={l.code}>
              <th scope="row">
                {label}
                {showCodes && l.code ? <span className="code"> {l.code}</span> : null}
                {note ? <span className="price-table__note">{note}</span> : null}
              </th>
              <td>{formatMoney(l.amount)}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr data-kind="net">
          <th scope="row">{t("configurator.price.net")}</th>
          <td>{formatMoney(breakdown.net)}</td>
        </tr>
        <tr data-kind="vat">
          <th scope="row">{taxLabel(breakdown.market, (key, values) => t(key, values))}</th>
          <td>{formatMoney(breakdown.vat)}</td>
        </tr>
        <tr data-kind="total" className="price-table__total">
          <th scope="row">{listPrice ? t("configurator.price.listTotal") : t("configurator.price.total")}</th>
          <td data-testid="price-total-cell">{formatMoney(breakdown.total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

export interface PriceSummaryProps extends Omit<PriceBreakdownListProps, "showCodes"> {
  /** Every required choice made and every rule satisfied. */
  complete: boolean;
  /** How many required features still need a value. */
  missing: number;
  children?: React.ReactNode;
}

/**
 * The sticky summary: the total always in view; the breakdown beside the
 * steps on wide screens, folded behind a toggle on a phone.
 */
export function PriceSummary({ complete, missing, children, ...list }: PriceSummaryProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <aside className="price-summary" aria-labelledby={`${id}-title`} data-expanded={open}>
      <div className="price-summary__head">
        <h2 id={`${id}-title`} className="price-summary__title">
          {list.listPrice ? t("configurator.price.listTitle") : t("configurator.price.title")}
        </h2>
        <p className="price-summary__total">
          <span className="visually-hidden">{list.listPrice ? t("configurator.price.listTotal") : t("configurator.price.total")} </span>
          <output data-testid="price-total" aria-live="polite">
            {list.formatMoney(list.breakdown.total)}
          </output>
        </p>
        <button
          type="button"
          className="price-summary__toggle button button--secondary button--small"
          aria-expanded={open}
          aria-controls={`${id}-details`}
          onClick={() => setOpen((v) => !v)}
        >
          {open ? t("configurator.price.hide") : t("configurator.price.show")}
        </button>
      </div>
      <div id={`${id}-details`} className="price-summary__details">
        <PriceBreakdownList {...list} />
        <p className="price-summary__status" data-testid="completeness">
          {complete ? t("configurator.price.complete") : t("configurator.price.missing", { n: missing })}
        </p>
        {children}
      </div>
    </aside>
  );
}
