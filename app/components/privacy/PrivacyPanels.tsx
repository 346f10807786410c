/**
 * The two halves of a privacy page, shared by the customer's own page
 * (/account/privacy) and the admin's page for a customer on request
 * (/admin/users/<id>/privacy): download everything held, and erase after
 * typing the account's email (decision 046).
 */
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type ErasureError = "privacy.erase.mismatch" | "privacy.erase.staff" | "privacy.erase.refused";

export function ExportPanel({ href, lead, testId }: { href: string; lead: "privacy.export.lead" | "privacy.export.adminLead"; testId?: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="privacy-export">
      <h2 id="privacy-export">{t("privacy.export.title")}</h2>
      <p>{t(lead)}</p>
      <a className="button" href={href} download data-testid={testId}>
        {t("privacy.export.download")}
      </a>
    </section>
  );
}

export function ErasePanel({ email, lead, error, testId }: { email: string; lead: "privacy.erase.lead" | "privacy.erase.adminLead"; error: ErasureError | null | undefined; testId?: string }) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  return (
    <section aria-labelledby="privacy-erase">
      <h2 id="privacy-erase">{t("privacy.erase.title")}</h2>
      <p>{t(lead)}</p>
      <Form method="post" className="form">
        <div className="field">
          <label htmlFor="privacy-confirm">{t("privacy.erase.confirm", { email })}</label>
          <input id="privacy-confirm" name="confirm" type="email" autoComplete="off" required aria-invalid={error ? true : undefined} aria-describedby={error ? "privacy-error" : undefined} />
          {error ? (
            <p id="privacy-error" className="field__error" role="alert">
              {t(error)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button--danger" disabled={busy} data-testid={testId}>
          {t("privacy.erase.button")}
        </button>
      </Form>
    </section>
  );
}
