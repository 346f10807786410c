/**
 * /account/configurations/compare?id=…&id=…(&id=…): two or three of the
 * customer's saved configurations side by side — picture, price, delivery
 * estimate, then every feature with the differences marked. Fewer than two,
 * more than three or malformed ids: 400; someone else's: 404.
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/.server/auth/auth.server";
import { compareSaved } from "~/.server/configurations/compare.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { useLanguage } from "~/components/use-language";
import { compareQuerySchema } from "~/domain/forms/compare";
import { SceneStill } from "~/scene/SceneStill";
import { getDb } from "#db/client";
import { title } from "~/utils/meta";
import { formatMoney } from "~/utils/money";
import stylesUrl from "~/styles/configurations.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta: MetaFunction = ({ matches }) => title(matches, "compare.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "configuration.save");
  const { market, language } = await getPreferences(request);
  const parsed = compareQuerySchema.safeParse(new URL(request.url).searchParams.getAll("id"));
  if (!parsed.success) return data({ problem: parsed.error.issues[0]!.message, comparison: null, market }, { status: 400 });
  const compared = await compareSaved(await getDb(), user, parsed.data, market, language);
  if (!compared.ok) return data({ problem: "compare.notFound", comparison: null, market }, { status: 404 });
  return { problem: null, comparison: compared.value, market };
}

function formatDay(day: string | null, language: string): string | null {
  return day ? new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`)) : null;
}

export default function Compare() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { problem, comparison, market } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="compare-title" className="compare">
      <p className="breadcrumbs">
        <Link to="/account/configurations">{t("configurations.title")}</Link>
      </p>
      <h1 id="compare-title">{t("compare.title")}</h1>
      {problem || !comparison ? (
        <p className="form-error" role="alert" data-testid="compare-problem">
          {t(problem as "compare.count")}
        </p>
      ) : (
        <div className="compare__scroll">
          <table className="compare__table" data-testid="compare-table">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t("compare.feature")}</span>
                </th>
                {comparison.items.map((item) => (
                  <th scope="col" key={item.id}>
                    <div className="compare__picture">
                      <SceneStill line={item.lineCode} model={item.model} visualKeys={item.visualKeys} label={item.name} pictureWidth={640} />
                    </div>
                    <Link to={item.openUrl}>{item.name}</Link>
                    <div className="muted">{item.lineName}</div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr data-testid="compare-price">
                <th scope="row">{t("compare.price")}</th>
                {comparison.items.map((item) => (
                  <td key={item.id}>{formatMoney(item.total, market, language)}</td>
                ))}
              </tr>
              <tr data-testid="compare-delivery">
                <th scope="row">{t("compare.delivery")}</th>
                {comparison.items.map((item) => (
                  <td key={item.id}>{formatDay(item.deliveryDay, language) ?? t("compare.noEstimate")}</td>
                ))}
              </tr>
              {comparison.rows.map((row) => (
                <tr key={row.feature} className={row.differs ? "compare__row--differs" : undefined} data-feature={row.feature} data-differs={row.differs}>
                  <th scope="row">
                    {row.name}
                    {row.differs ? <span className="compare__badge">{t("compare.differs")}</span> : null}
                  </th>
                  {row.cells.map((cell, i) => (
                    <td key={comparison.items[i]!.id}>{cell.length > 0 ? cell.map((v) => `${v.name}`).join(", ") : "—"}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
