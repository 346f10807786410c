import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGES, MARKET_CODES, type Language, type Market } from "~/domain/catalog";

/**
 * Language and market switch. A plain POST form so it works before hydration
 * and without JavaScript; with JavaScript a change submits it at once.
 */
export function PreferencesForm({ language, market }: { language: Language; market: Market }) {
  const { t } = useTranslation();
  const location = useLocation();
  const submitOnChange = (event: React.ChangeEvent<HTMLSelectElement>) => event.currentTarget.form?.requestSubmit();
  return (
    <Form method="post" action="/preferences" className="preferences" aria-label={t("preferences.label")} preventScrollReset>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <span className="preferences__pair">
        <label htmlFor="pref-language">{t("preferences.language")}</label>
        <select id="pref-language" name="language" defaultValue={language} key={`l-${language}`} onChange={submitOnChange}>
          {LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {t(`languages.${code}`)}
            </option>
          ))}
        </select>
      </span>
      <span className="preferences__pair">
        <label htmlFor="pref-market">{t("preferences.market")}</label>
        <select id="pref-market" name="market" defaultValue={market} key={`m-${market}`} onChange={submitOnChange}>
          {MARKET_CODES.map((code) => (
            <option key={code} value={code}>
              {t(`markets.${code}`)}
            </option>
          ))}
        </select>
      </span>
      <button type="submit" className="button button--secondary button--small">
        {t("preferences.apply")}
      </button>
    </Form>
  );
}
