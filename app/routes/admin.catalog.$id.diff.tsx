/**
 * /admin/catalog/<id>/diff (admins): what this version changes against the
 * active one, per product line — features, values, rules, prices and
 * modules added, removed or changed — in the catalog's own names.
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requirePermission } from "~/.server/auth/auth.server";
import { getActiveVersion } from "~/.server/catalog/catalog.server";
import { catalogNames } from "~/.server/catalog/catalog-pages.server";
import { readVersion } from "~/.server/catalog/versions.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { diffCatalogs, type LineDiff } from "~/domain/catalog-diff";
import { MARKETS, type Market } from "~/domain/catalog";
import stylesUrl from "~/styles/admin.css?url";
import { title } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];
export const meta: MetaFunction = ({ matches }) => title(matches, "adminCatalog.diff.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "catalog.publish");
  const { language } = await getPreferences(request);
  const db = await getDb();
  const version = await readVersion(db, params.id ?? "");
  if (!version) throw new Response("no such catalog version", { status: 404 });
  const activeInfo = await getActiveVersion({ db });
  const active = activeInfo ? await readVersion(db, activeInfo.id) : null;
  return {
    language,
    version: { id: version.id, label: version.label },
    active: active && { id: active.id, label: active.label },
    diff: active && active.id !== version.id ? diffCatalogs(active.catalog, version.catalog) : null,
    names: catalogNames(active ? [active.catalog, version.catalog] : [version.catalog], language),
  };
}

function money(language: string, market: Market, minor: number | null): string {
  if (minor === null) return "—";
  const { currency, minorDigits } = MARKETS[market];
  return new Intl.NumberFormat(language, { style: "currency", currency }).format(minor / 10 ** minorDigits);
}

function LineChanges({ d, names, language }: { d: LineDiff; names: ReturnType<typeof useLoaderData<typeof loader>>["names"]; language: string }) {
  const { t } = useTranslation();
  const tt = t as unknown as (key: string, values?: Record<string, unknown>) => string;
  const n = names.lines[d.line];
  const value = (code: string | null) => (code === null ? t("adminCatalog.diff.base") : `${n?.values[code] ?? code} (${code})`);
  const list = (key: string, codes: string[], name: (c: string) => string, className: string) =>
    codes.length === 0 ? null : (
      <li className={className}>
        {tt(key, { count: codes.length })} {codes.map(name).join(", ")}
      </li>
    );
  return (
    <section className="card diff-line" data-testid={`diff-${d.line}`}>
      <h2>
        {n?.name ?? d.line} <span className={`status status--${d.change === "removed" ? "retired" : "draft"}`}>{t(`adminCatalog.diff.${d.change}`)}</span>
      </h2>
      <ul>
        {list("adminCatalog.diff.featuresAdded", d.features.added, (c) => n?.features[c] ?? c, "diff-added")}
        {list("adminCatalog.diff.featuresRemoved", d.features.removed, (c) => n?.features[c] ?? c, "diff-removed")}
        {list("adminCatalog.diff.valuesAdded", d.values.added, value, "diff-added")}
        {list("adminCatalog.diff.valuesRemoved", d.values.removed, value, "diff-removed")}
        {d.values.changed.map((v) => (
          <li key={v.code}>{tt("adminCatalog.diff.valueChanged", { value: value(v.code), fields: v.fields.join(", ") })}</li>
        ))}
        {list("adminCatalog.diff.rulesAdded", d.rules.added, (r) => n?.rules[r] ?? r, "diff-added")}
        {list("adminCatalog.diff.rulesRemoved", d.rules.removed, (r) => n?.rules[r] ?? r, "diff-removed")}
        {list("adminCatalog.diff.rulesChanged", d.rules.changed, (r) => n?.rules[r] ?? r, "")}
        {d.fields.length > 0 ? <li>{tt("adminCatalog.diff.lineFields", { fields: d.fields.join(", ") })}</li> : null}
      </ul>
      {d.prices.length > 0 ? (
        <>
          <h3>{t("adminCatalog.diff.prices")}</h3>
          <ul data-testid={`diff-prices-${d.line}`}>
            {d.prices.map((p) => (
              <li key={`${p.value}-${p.market}`}>
                {tt("adminCatalog.diff.priceChange", { value: value(p.value), market: p.market, before: money(language, p.market, p.before), after: money(language, p.market, p.after) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {d.modules.length > 0 ? (
        <>
          <h3>{t("adminCatalog.diff.modules")}</h3>
          <ul>
            {d.modules.map((m) => (
              <li key={`${m.value}-${m.module}`}>
                {tt("adminCatalog.diff.moduleChange", { value: value(m.value), module: names.modules[m.module] ?? m.module, before: m.before ?? 0, after: m.after ?? 0 })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export default function CatalogDiffPage() {
  const { t } = useTranslation();
  const tt = t as unknown as (key: string, values?: Record<string, unknown>) => string;
  const { version, active, diff, names, language } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="diff-title" className="admin-catalog">
      <p>
        <Link to={`/admin/catalog/${encodeURIComponent(version.id)}`}>{t("adminCatalog.backToVersion", { label: version.label })}</Link>
      </p>
      <h1 id="diff-title">{t("adminCatalog.diff.title")}</h1>
      {!active ? (
        <p className="muted">{t("adminCatalog.errors.noActive")}</p>
      ) : !diff ? (
        <p className="muted">{t("adminCatalog.diff.isActive")}</p>
      ) : (
        <>
          <p className="lead">{t("adminCatalog.diff.lead", { from: active.label, to: version.label })}</p>
          {diff.same ? <p data-testid="diff-same">{t("adminCatalog.diff.same")}</p> : null}
          {diff.lines.map((d) => (
            <LineChanges key={d.line} d={d} names={names} language={language} />
          ))}
          {diff.modules.added.length + diff.modules.removed.length + diff.modules.changed.length > 0 ? (
            <section className="card diff-line">
              <h2>{t("adminCatalog.diff.sharedModules")}</h2>
              <p>{tt("adminCatalog.diff.counts", { added: diff.modules.added.join(", ") || "—", removed: diff.modules.removed.join(", ") || "—", changed: diff.modules.changed.join(", ") || "—" })}</p>
            </section>
          ) : null}
          {diff.slots.added.length + diff.slots.removed.length + diff.slots.changed.length > 0 ? (
            <section className="card diff-line">
              <h2>{t("adminCatalog.diff.slots")}</h2>
              <p>{tt("adminCatalog.diff.counts", { added: diff.slots.added.join(", ") || "—", removed: diff.slots.removed.join(", ") || "—", changed: diff.slots.changed.join(", ") || "—" })}</p>
            </section>
          ) : null}
        </>
      )}
    </section>
  );
}
