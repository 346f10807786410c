/**
 * What the quote form says about saving: the discount needs a sales manager's
 * approval, the server refused the save (or the quote changed meanwhile), the
 * save is kept until the connection returns, the configuration isn't complete.
 */
import { useTranslation } from "react-i18next";
import { useErrorText } from "~/components/forms";

/** The warnings beside the save button, by their test id: the discount needs approval; the save waits for the connection. */
const WARNINGS = {
  "needs-approval": "quotes.discount.needsApproval",
  offline: "quotes.draft.offline",
} as const;

export function SaveWarning({ kind }: { kind: keyof typeof WARNINGS }) {
  const { t } = useTranslation();
  return (
    <p className="dealer-warning" role="status" data-testid={kind}>
      {t(WARNINGS[kind])}
    </p>
  );
}

/** The server's errors for the whole form; when the quote is stale, a link to load it again. */
export function QuoteFormErrors({ errors, stale, reloadHref }: { errors: string[]; stale: boolean; reloadHref: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (errors.length === 0 && !stale) return null;
  return (
    <div className="form-error" role="alert">
      {errors.map((m) => (
        <p key={m}>{errorText(m)}</p>
      ))}
      {stale ? (
        <p>
          <a href={reloadHref}>{t("quotes.errors.reload")}</a>
        </p>
      ) : null}
    </div>
  );
}

export function IncompleteNotice() {
  const { t } = useTranslation();
  return <p className="muted">{t("quotes.incomplete")}</p>;
}
