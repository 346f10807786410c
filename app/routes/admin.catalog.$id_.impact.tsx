/**
 * /admin/catalog/<id>/impact: what publishing a draft would do to live
 * business (impact.server.ts, decision 038): per group (open orders, open
 * quotes, saved configurations, share codes) how many were checked, how many
 * the engine would refuse or price differently, and the first of them with
 * their nearest valid configuration and price before and after. Reading only.
 */
import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NotADraft } from "~/components/admin/NotADraft";
import { getDb } from "#db/client";
import { requirePermission } from "~/.server/auth/auth.server";
import { invalidDraft, loadVersionForEdit } from "~/.server/catalog/draft-edit.server";
import { catalogImpact } from "~/.server/catalog/impact.server";
import { IMPACT_GROUPS } from "~/domain/catalog-impact";
import { getPreferences } from "~/.server/platform/preferences.server";
import type { Market } from "~/domain/catalog";
import { formatMoney } from "~/utils/money";
import { title } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => title(matches, "admin.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "catalog.publish");
  const { language } = await getPreferences(request);
  const db = await getDb();
  const version = await loadVersionForEdit(db, params.id ?? "").catch(invalidDraft);
  if (!version) throw data({ message: "no such catalog version" }, { status: 404 });
  if (version.status !== "draft")
    return data({ draft: false as const, id: version.id, label: version.label, status: version.status, language }, { status: 409 });
  const report = await catalogImpact(db, version.id, version.catalog);
  return { draft: true as const, id: version.id, label: version.label, language, groups: report.groups };
}

export default function DraftImpact() {
  const loaded = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (!loaded.draft) return <NotADraft id={loaded.id} status={loaded.status} />;
  const { id, label, language, groups } = loaded;
  const money = (amount: number | null, market: Market) => (amount === null ? t("catalogImpact.noNearest") : formatMoney(amount, market, language));
  return (
    <section aria-labelledby="impact-title">
      <h1 id="impact-title">{t("catalogImpact.title", { label })}</h1>
      <p className="lead">{t("catalogImpact.lead")}</p>
      <p>
        <Link to={`/admin/catalog/${encodeURIComponent(id)}/edit`}>{t("catalogImpact.back")}</Link>
      </p>
      {IMPACT_GROUPS.map((name) => {
        const group = groups[name];
        return (
          <section key={name} className="card" data-testid={`impact-${name}`} data-unbuildable={group.unbuildable} data-price={group.price}>
            <h2>{t(`catalogImpact.groups.${name}`)}</h2>
            <p>{t("catalogImpact.checked", { checked: group.checked, unbuildable: group.unbuildable, price: group.price })}</p>
            {group.items.length === 0 ? (
              <p className="muted">{t("catalogImpact.none")}</p>
            ) : (
              <div className="table-scroll">
                {group.items.length < group.unbuildable + group.price ? <p className="muted">{t("catalogImpact.shown", { shown: group.items.length })}</p> : null}
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("catalogImpact.item")}</th>
                      <th scope="col">{t("catalogImpact.lineCol")}</th>
                      <th scope="col">{t("catalogImpact.change")}</th>
                      <th scope="col">{t("catalogImpact.leftOut")}</th>
                      <th scope="col">{t("catalogImpact.nearest")}</th>
                      <th scope="col" className="num">
                        {t("catalogImpact.before")}
                      </th>
                      <th scope="col" className="num">
                        {t("catalogImpact.after")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {group.items.map((item) => (
                      <tr key={item.id} data-kind={item.kind} data-item={item.label}>
                        <td>{item.label}</td>
                        <td>{item.line}</td>
                        <td>{item.kind === "unbuildable" ? t("catalogImpact.unbuildable") : t("catalogImpact.priceChange")}</td>
                        <td>{item.leftOut.join(", ")}</td>
                        <td>{item.nearest ? item.nearest.choices.join(" ") : t("catalogImpact.noNearest")}</td>
                        <td className="num">{money(item.priceBefore, item.market)}</td>
                        <td className="num">{money(item.priceAfter, item.market)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </section>
  );
}
