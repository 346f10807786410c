import { type MetaFunction } from "@remix-run/node";
import { Link, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { roleHome } from "~/domain/roles";
import { MARKETS } from "~/domain/catalog";
import type { loader as rootLoader } from "~/root";
import { title } from "~/utils/meta";
import { currencyName, formatMoney } from "~/utils/money";
import { navigationFor } from "~/utils/navigation";

export const meta: MetaFunction = ({ matches }) => title(matches, "home.title");

/** A welcoming page; the product-line chooser replaces its body in a later issue. */
export default function Index() {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const language = root?.language ?? "en";
  const market = root?.market ?? "US";
  const user = root?.user ?? null;
  // One thousand in the market's currency, to show how prices will read.
  const example = formatMoney(1000 * 10 ** MARKETS[market].minorDigits, market, language);
  const home = user ? navigationFor(user.role).find((item) => item.to === roleHome(user.role)) : undefined;

  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      <ul className="points">
        <li className="card">{t("home.pointGuided")}</li>
        <li className="card">{t("home.pointPriced")}</li>
        <li className="card">{t("home.pointBuilt")}</li>
      </ul>
      <p className="muted" data-testid="prices-in">
        {t("home.pricesIn", { currency: currencyName(market, language), example })}
      </p>
      <div className="actions">
        {user && home ? (
          <Link to={home.to} className="button">
            {t("home.continueCta", { place: t(home.label) })}
          </Link>
        ) : user ? null : (
          <>
            <Link to="/login" className="button">
              {t("home.signInCta")}
            </Link>
            <Link to="/signup" className="button button--secondary">
              {t("home.signUpCta")}
            </Link>
          </>
        )}
      </div>
    </section>
  );
}
