/**
 * Home: the product-line chooser. Each line of the active catalog version with
 * a picture (the 3D view's still, in the colours of its cheapest complete
 * configuration), its translated name and its starting price in the visitor's
 * market (base price + cheapest completion, from the engine).
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listRecent } from "~/.server/account/recently-viewed.server";
import { getUser } from "~/.server/auth/auth.server";
import { getLine, listActiveLines, startingPrice } from "~/.server/catalog/catalog.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import configuratorStyles from "~/components/configurator/configurator.css?url";
import { MARKETS, localize } from "~/domain/catalog";
import { RecentlyViewed } from "~/components/recently-viewed";
import { complete, effectiveChoices } from "~/domain/engine";
import { can } from "~/domain/permissions";
import { getDb } from "#db/client";
import type { loader as rootLoader } from "~/root";
import { SceneStill } from "~/scene/SceneStill";
import { title } from "~/utils/meta";
import { currencyName, formatMoney } from "~/utils/money";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: configuratorStyles }];

export const meta: MetaFunction = ({ matches }) => title(matches, "home.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const [active, { market }, user] = await Promise.all([listActiveLines(), getPreferences(request), getUser(request)]);
  // A customer's list comes from the account; a visitor's (null here) from the browser.
  const recent = user && can(user, "order.read.own") ? await listRecent(await getDb(), user.id) : null;
  if (!active) return { version: null, lines: [], recent };
  const lines = [];
  for (const summary of active.lines) {
    const loaded = await getLine(summary.code, active.version.id);
    if (!loaded) continue;
    // The picture shows the configuration the starting price is for.
    const cheapest = complete(loaded.compiled, { choices: [] }, { market }) ?? [];
    const values = new Map(loaded.line.features.flatMap((f) => (f.kind === "text" ? [] : f.values.map((v) => [v.code, v] as const))));
    lines.push({
      code: loaded.line.code,
      name: loaded.line.name,
      description: loaded.line.description ?? null,
      model: loaded.line.visualModel ?? loaded.line.code,
      visualKeys: effectiveChoices(loaded.line, cheapest).flatMap((c) => values.get(c)?.visualKey ?? []),
      from: startingPrice(loaded, market),
    });
  }
  return { version: { id: active.version.id, label: active.version.label }, lines, recent };
}

export default function Index() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const language = root?.language ?? "en";
  const market = root?.market ?? "US";
  // One thousand in the market's currency, to show how prices read.
  const example = formatMoney(1000 * 10 ** MARKETS[market].minorDigits, market, language);

  return (
    <section aria-labelledby="home-title" className="chooser">
      <h1 id="home-title">{t("home.title")}</h1>
      <p className="lead">{t("chooser.lead")}</p>
      {data.lines.length === 0 ? (
        <p className="card muted">{t("chooser.empty")}</p>
      ) : (
        <ul className="chooser__lines" role="list">
          {data.lines.map((line) => {
            const name = localize(line.name, language);
            return (
              <li key={line.code} className="line-card" data-line={line.code}>
                <Link to={`/configure/${line.code}`} className="line-card__link" aria-label={t("chooser.configureLine", { name })}>
                  <div className="line-card__picture">
                    <SceneStill line={line.code} model={line.model} visualKeys={line.visualKeys} pictureWidth={640} />
                  </div>
                  <div className="line-card__text">
                    <h2 className="line-card__name">{name}</h2>
                    {line.description ? <p className="muted line-card__description">{localize(line.description, language)}</p> : null}
                    {line.from !== null ? (
                      <p className="line-card__price" data-testid="starting-price">
                        {t("chooser.from", { price: formatMoney(line.from, market, language) })}
                      </p>
                    ) : null}
                    <span className="button line-card__cta" aria-hidden="true">
                      {t("chooser.configure")}
                    </span>
                  </div>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      <RecentlyViewed server={data.recent} lineNames={Object.fromEntries(data.lines.map((l) => [l.code, l.name]))} language={language} />
      <p className="muted" data-testid="prices-in">
        {t("home.pricesIn", { currency: currencyName(market, language), example })}
      </p>
    </section>
  );
}
