/**
 * /admin/catalog/<id> (admins): one catalog version — status, label, who
 * made and published it and when, its product lines — with its analysis
 * report and BOM proof (run in a worker; the page polls while it runs), the
 * JSON download and what can be done with it: a draft is edited, checked for
 * impact, compared, published or deleted; an earlier version is rolled back
 * to or retired.
 */
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requirePermission } from "~/.server/auth/auth.server";
import { readAnalysis, startAnalysis } from "~/.server/catalog/analysis.server";
import { catalogNames, versionView } from "~/.server/catalog/catalog-pages.server";
import { deleteDraft, readVersion, retireVersion, rollback } from "~/.server/catalog/versions.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { CatalogReportView } from "~/components/admin/catalog-report";
import { localize } from "~/domain/catalog";
import stylesUrl from "~/styles/admin.css?url";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";
import { routerIdle } from "~/utils/router-idle";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];
export const meta: MetaFunction = ({ matches }) => title(matches, "adminCatalog.versionTitle");

/** How often the page asks for the analysis' progress while it runs. */
const POLL_MS = 1000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "catalog.publish");
  const { language } = await getPreferences(request);
  const db = await getDb();
  const version = await readVersion(db, params.id ?? "");
  if (!version) throw new Response("no such catalog version", { status: 404 });
  const analysis = await readAnalysis(db, version.id, version.catalog);
  return {
    language,
    version: versionView(version),
    lines: version.catalog.productLines.map((l) => ({ code: l.code, name: localize(l.name, language), features: l.features.length, rules: l.rules.length })),
    analysis: analysis && { status: analysis.status, stepsDone: analysis.stepsDone, stepsTotal: analysis.stepsTotal, report: analysis.report, error: analysis.error },
    names: catalogNames([version.catalog], language),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "catalog.publish");
  const form = await readFormData(request);
  const db = await getDb();
  const id = params.id ?? "";
  const intent = form.get("intent");
  const refuse = (status: number, code: string) => data({ error: `adminCatalog.errors.${code}` }, { status });
  if (intent === "analyse") {
    const version = await readVersion(db, id);
    if (!version) return refuse(404, "not-found");
    await startAnalysis(db, version.id, version.catalog);
    return redirect(`/admin/catalog/${encodeURIComponent(id)}`);
  }
  if (intent === "delete") {
    const done = await deleteDraft(db, { actorId: user.id, id });
    if (!done.ok) return refuse(done.problem.status, done.problem.code);
    return redirect("/admin/catalog");
  }
  if (intent === "retire") {
    const done = await retireVersion(db, { actorId: user.id, id });
    if (!done.ok) return refuse(done.problem.status, done.problem.code);
    return redirect(`/admin/catalog/${encodeURIComponent(id)}`);
  }
  if (intent === "rollback") {
    const done = await rollback(db, { actorId: user.id, to: id });
    if (!done.ok) return refuse(done.problem.status, done.problem.code);
    return redirect(`/admin/catalog/${encodeURIComponent(id)}`);
  }
  return refuse(400, "badIntent");
}

export default function CatalogVersionPage() {
  const { t } = useTranslation();
  const tt = t as unknown as (key: string, values?: Record<string, unknown>) => string;
  const { version, lines, analysis, names, language } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const busy = navigation.state !== "idle";
  const running = analysis?.status === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      // Not over a submission or a page load under way: the router would abort it (see router-idle.ts).
      if (revalidator.state === "idle" && routerIdle()) revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  const when = (iso: string | null) => (iso ? new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso)) : "—");
  const href = `/admin/catalog/${encodeURIComponent(version.id)}`;
  const draft = version.status === "draft";

  return (
    <section aria-labelledby="version-title" className="admin-catalog">
      <p>
        <Link to="/admin/catalog">{t("adminCatalog.back")}</Link>
      </p>
      <h1 id="version-title">{version.label}</h1>
      <p>
        <span className={`status status--${version.active ? "active" : version.status}`} data-testid="version-status">
          {t(version.active ? "adminCatalog.statuses.active" : `adminCatalog.statuses.${version.status}`)}
        </span>{" "}
        <code>{version.id}</code>
      </p>
      {reply ? (
        <p className="form-error" role="alert">
          {tt(reply.error)}
        </p>
      ) : null}
      <dl className="version-facts">
        <dt>{t("adminCatalog.made")}</dt>
        <dd>
          {when(version.createdAt)}
          {version.createdBy ? ` · ${tt("adminCatalog.by", { name: version.createdBy })}` : null}
        </dd>
        {version.basedOn ? (
          <>
            <dt>{t("adminCatalog.basedOn")}</dt>
            <dd>
              <Link to={`/admin/catalog/${encodeURIComponent(version.basedOn)}`}>{version.basedOn}</Link>
            </dd>
          </>
        ) : null}
        <dt>{t("adminCatalog.published")}</dt>
        <dd>
          {when(version.publishedAt)}
          {version.publishedBy ? ` · ${tt("adminCatalog.by", { name: version.publishedBy })}` : null}
        </dd>
        <dt>{t("adminCatalog.activated")}</dt>
        <dd>{when(version.activatedAt)}</dd>
      </dl>

      <div className="version-actions">
        <a className="button button--secondary button--small" href={`${href}/download`} download>
          {t("adminCatalog.download")}
        </a>
        <Link className="button button--secondary button--small" to={`${href}/diff`}>
          {t("adminCatalog.diff.link")}
        </Link>
        {draft ? (
          <>
            <Link className="button button--secondary button--small" to={`${href}/edit`}>
              {t("adminCatalog.edit")}
            </Link>
            <Link className="button button--secondary button--small" to={`${href}/impact`}>
              {t("adminCatalog.impact")}
            </Link>
            <Link className="button button--small" to={`${href}/publish`} data-testid="publish-link">
              {t("adminCatalog.publish.link")}
            </Link>
            <Form method="post">
              <button type="submit" name="intent" value="delete" className="button button--secondary button--small" disabled={busy}>
                {t("adminCatalog.deleteDraft")}
              </button>
            </Form>
          </>
        ) : null}
        {!draft && !version.active ? (
          <Form method="post">
            <button type="submit" name="intent" value="rollback" className="button button--small" disabled={busy}>
              {t("adminCatalog.rollback.toThis")}
            </button>
          </Form>
        ) : null}
        {version.status === "published" && !version.active ? (
          <Form method="post">
            <button type="submit" name="intent" value="retire" className="button button--secondary button--small" disabled={busy}>
              {t("adminCatalog.retire")}
            </button>
          </Form>
        ) : null}
      </div>

      <h2>{t("adminCatalog.lines")}</h2>
      <ul>
        {lines.map((l) => (
          <li key={l.code}>
            {tt("adminCatalog.lineSummary", { name: l.name, code: l.code, features: l.features, rules: l.rules })}
          </li>
        ))}
      </ul>

      <h2>{t("adminCatalog.report.title")}</h2>
      <CatalogReportView analysis={analysis} names={names} />
      {!running ? (
        <Form method="post">
          <button type="submit" name="intent" value="analyse" className="button button--secondary button--small" disabled={busy} data-testid="analyse">
            {t(analysis ? "adminCatalog.report.again" : "adminCatalog.report.start")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
