/** The quote form's plumbing: the configuration it carries and its save and cancel buttons. */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface QuoteHiddenFieldsProps {
  line: string;
  choices: string[];
  texts: Record<string, string>;
  /** Editing an existing quote: the lock the page was loaded with. */
  expectedLock?: number;
  /** A new quote: the customer it is for. */
  customerId?: string;
}

/** The configuration (and the quote's lock or the customer) as the save action reads them. */
export function QuoteHiddenFields({ line, choices, texts, expectedLock, customerId }: QuoteHiddenFieldsProps) {
  return (
    <>
      <input type="hidden" name="line" value={line} />
      <input type="hidden" name="choices" value={choices.join(",")} />
      <input type="hidden" name="texts" value={JSON.stringify(texts)} />
      {expectedLock !== undefined ? <input type="hidden" name="expectedLock" value={expectedLock} /> : null}
      {customerId ? <input type="hidden" name="customer" value={customerId} /> : null}
    </>
  );
}

export function QuoteSaveButtons({ disabled, submitting, backHref }: { disabled: boolean; submitting: boolean; backHref: string }) {
  const { t } = useTranslation();
  return (
    <div className="quote-actions__buttons">
      <button type="submit" className="button button--block dealer-target" disabled={disabled} data-testid="save-quote">
        {submitting ? t("quotes.saving") : t("quotes.save")}
      </button>
      <Link to={backHref} className="button button--secondary button--block dealer-target">
        {t("quotes.cancel")}
      </Link>
    </div>
  );
}
