/**
 * The quote document's buttons on the quote page (/dealer/quotes/<number>),
 * rendered under each version: the PDF (once the version was sent: sending
 * freezes it and gives it the share code the PDF prints) and the full-screen
 * customer view. Plain links, at least 44 px (touch): the PDF opens in a new
 * tab so the quote page stays where it was.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { presentHref, quotePdfHref } from "~/domain/quote-sheet";

export interface QuoteDocumentLinksProps {
  /** "Q-0000042". */
  number: string;
  /** The version shown (the newest is the one that can be signed and ordered). */
  version: number;
  latestVersion: number;
  /** The version's share code once sent (printed on the PDF as text and QR). */
  shareCode: string | null;
}

export function QuoteDocumentLinks({ number, version, latestVersion, shareCode }: QuoteDocumentLinksProps) {
  const { t } = useTranslation();
  const sent = shareCode !== null;
  if (!sent && version !== latestVersion) return null;
  return (
    <div className="actions quote-document-links" role="group" aria-label={t("quoteDocument.links.label")} data-testid={`quote-documents-v${version}`}>
      {sent ? (
        <a href={quotePdfHref(number, version)} target="_blank" rel="noreferrer" className="button button--secondary dealer-target" data-testid="quote-pdf">
          {t("quoteDocument.links.pdf", { version })}
        </a>
      ) : null}
      <Link to={presentHref(number, version === latestVersion ? undefined : version)} className="button button--secondary dealer-target" data-testid="customer-view">
        {t("quoteDocument.links.customerView")}
      </Link>
    </div>
  );
}
