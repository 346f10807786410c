/**
 * /admin/catalog/<id>/publish (admins): the confirmation before a draft
 * becomes the active version. It says what will happen (which version it
 * replaces, that followers of saved configurations are told), lists the
 * pre-publish checks with what fails, and what the draft changes for open
 * orders, quotes, saved configurations and share codes (the counts; the
 * lists are on /impact), and publishes only when all checks pass
 * (409 otherwise, and 409 for a version that isn't a draft).
 */
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requirePermission } from "~/.server/auth/auth.server";
import { getActiveVersion } from "~/.server/catalog/catalog.server";
import { draftImpact } from "~/.server/catalog/impact.server";
import { IMPACT_GROUPS } from "~/domain/catalog-impact";
import { publishChecks, publishDraft, readVersion } from "~/.server/catalog/versions.server";
import stylesUrl from "~/styles/admin.css?url";
import { title } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];
export const meta: MetaFunction = ({ matches }) => title(matches, "adminCatalog.publish.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "catalog.publish");
  const db = await getDb();
  const version = await readVersion(db, params.id ?? "");
  if (!version) throw new Response("no such catalog version", { status: 404 });
  const active = await getActiveVersion({ db });
  const checks = version.status === "draft" ? await publishChecks(db, version.id, version.catalog) : [];
  // Counts only: the lists with each one's nearest valid configuration are on the impact page.
  const impact = version.status === "draft" ? await draftImpact(db, version.id, { limit: 0 }) : null;
  const changes = impact
    ? IMPACT_GROUPS.map((group) => ({ group, checked: impact.groups[group].checked, unbuildable: impact.groups[group].unbuildable, price: impact.groups[group].price }))
    : [];
  return { version: { id: version.id, label: version.label, status: version.status }, active: active && { id: active.id, label: active.label }, checks, changes };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "catalog.publish");
  const id = params.id ?? "";
  const done = await publishDraft(await getDb(), { actorId: user.id, id });
  if (!done.ok) return data({ error: `adminCatalog.errors.${done.problem.code}`, checks: done.checks ?? null }, { status: done.problem.status });
  return redirect(`/admin/catalog/${encodeURIComponent(id)}`);
}

export default function PublishPage() {
  const { t } = useTranslation();
  const tt = t as unknown as (key: string, values?: Record<string, unknown>) => string;
  const { version, active, checks: loaded, changes } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const checks = reply?.checks ?? loaded;
  const ready = version.status === "draft" && checks.every((c) => c.ok);
  return (
    <section aria-labelledby="publish-title" className="admin-catalog">
      <p>
        <Link to={`/admin/catalog/${encodeURIComponent(version.id)}`}>{t("adminCatalog.backToVersion", { label: version.label })}</Link>
      </p>
      <h1 id="publish-title">{t("adminCatalog.publish.title")}</h1>
      {reply ? (
        <p className="form-error" role="alert">
          {tt(reply.error)}
        </p>
      ) : null}
      {version.status !== "draft" ? (
        <p className="muted">{t("adminCatalog.errors.not-draft")}</p>
      ) : (
        <>
          <div className="card">
            <h2>{t("adminCatalog.publish.whatHappens")}</h2>
            <ul>
              <li>{active ? t("adminCatalog.publish.replaces", { label: version.label, active: active.label }) : t("adminCatalog.publish.first", { label: version.label })}</li>
              <li>{t("adminCatalog.publish.frozen")}</li>
              <li>{t("adminCatalog.publish.followers")}</li>
              <li>{t("adminCatalog.publish.orders")}</li>
              <li>{t("adminCatalog.publish.rollback")}</li>
            </ul>
          </div>
          <div className="card" data-testid="publish-impact">
            <h2>{t("adminCatalog.publish.impact.title")}</h2>
            {changes.every((c) => c.unbuildable + c.price === 0) ? (
              <p data-testid="publish-impact-none">{t("adminCatalog.publish.impact.none")}</p>
            ) : (
              <>
                <p>{t("adminCatalog.publish.impact.lead")}</p>
                <ul>
                  {changes.map((c) => (
                    <li key={c.group} data-group={c.group} data-unbuildable={c.unbuildable} data-price={c.price}>
                      {t("adminCatalog.publish.impact.group", {
                        group: t(`adminCatalog.publish.impact.groups.${c.group}`),
                        checked: String(c.checked),
                        unbuildable: String(c.unbuildable),
                        price: String(c.price),
                      })}
                    </li>
                  ))}
                </ul>
                <p className="muted">{t("adminCatalog.publish.impact.after")}</p>
              </>
            )}
            <Link to={`/admin/catalog/${encodeURIComponent(version.id)}/impact`}>{t("adminCatalog.publish.impact.details")}</Link>
          </div>
          <div className="card">
            <h2>{t("adminCatalog.checks.title")}</h2>
            <ul className="publish-checks" data-testid="publish-checks">
              {checks.map((c) => (
                <li key={c.id} className={c.ok ? "check--ok" : "check--failed"} data-check={c.id} data-ok={c.ok}>
                  <strong>{tt(`adminCatalog.checks.${c.id}.title`)}</strong>
                  {c.problems.length > 0 ? (
                    <ul>
                      {c.problems.map((p, i) => (
                        <li key={i}>{tt(p.key, p.values)}</li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
            {!ready ? (
              <p className="muted">
                <Link to={`/admin/catalog/${encodeURIComponent(version.id)}`}>{t("adminCatalog.publish.fixFirst")}</Link>
              </p>
            ) : null}
          </div>
          <Form method="post">
            <button type="submit" className="button" disabled={!ready || navigation.state !== "idle"} data-testid="publish-confirm">
              {t("adminCatalog.publish.confirm", { label: version.label })}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
