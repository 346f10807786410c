/**
 * Small pieces the dealers' pages share: a page's head (breadcrumbs, title,
 * actions), a quote's approval state as a badge, days written the reader's
 * way, and the table of quotes (dealership home and a customer's page).
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Language, Market } from "~/domain/catalog";
import type { ApprovalState } from "~/domain/quotes";
import { formatMoney } from "~/utils/money";
import { useLanguage } from "~/components/use-language";

/** A dealer page's head: the way back (links above the title), the title the page is labelled by, then its actions. */
export function DealerPageHead({ crumbs, titleId, title, children }: { crumbs: ReactNode; titleId: string; title: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  // A nav, not a paragraph: the way back is navigation (and a full-size touch target), not a link in running text.
  return (
    <div className="dealer-page__head">
      <div>
        <nav className="muted" aria-label={t("dealerPages.crumbs")}>
          {crumbs}
        </nav>
        <h1 id={titleId}>{title}</h1>
      </div>
      {children}
    </div>
  );
}

/** "2026-05-01" written the reader's way (the day itself, no time zone shift). */
export function formatDay(day: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

export function formatTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso));
}

export function ApprovalBadge({ state }: { state: ApprovalState }) {
  const { t } = useTranslation();
  return (
    <span className={`approval approval--${state}`} data-approval={state}>
      {t(`quotes.approvalStates.${state}`)}
    </span>
  );
}

export interface QuoteRow {
  number: string;
  customerName: string;
  latestVersion: number;
  total: number;
  /** The quote's market: the total is in its currency, whatever the dealership's or the reader's market. */
  market: Market;
  approval: ApprovalState;
  validUntil: string;
  signed: boolean;
  orderId: string | null;
}

export function QuoteTable({ quotes }: { quotes: QuoteRow[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="dealer-table-wrap">
      <table className="dealer-table" data-testid="quote-table">
        <thead>
          <tr>
            <th scope="col">{t("quotes.number")}</th>
            <th scope="col">{t("quotes.customer")}</th>
            <th scope="col">{t("quotes.version")}</th>
            <th scope="col" className="num">
              {t("quotes.total")}
            </th>
            <th scope="col">{t("quotes.approval")}</th>
            <th scope="col">{t("quotes.validUntil")}</th>
            <th scope="col">{t("quotes.signed")}</th>
            <th scope="col">{t("quotes.order")}</th>
          </tr>
        </thead>
        <tbody>
          {quotes.map((q) => (
            <tr key={q.number} data-quote={q.number}>
              <th scope="row">
                <Link to={`/dealer/quotes/${q.number}`} className="dealer-row-link">
                  {q.number}
                </Link>
              </th>
              <td>{q.customerName}</td>
              <td>{q.latestVersion}</td>
              <td className="num">{formatMoney(q.total, q.market, language)}</td>
              <td>
                <ApprovalBadge state={q.approval} />
              </td>
              <td>{formatDay(q.validUntil, language)}</td>
              <td>{q.signed ? t("quotes.yes") : t("quotes.no")}</td>
              <td>{q.orderId ? t("quotes.ordered") : "\u2014"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
