/**
 * /admin/catalog (admins): every catalog version — drafts, the active one,
 * earlier ones — with who made and published it and when; upload a catalog
 * JSON as a draft, start a draft from the active version, roll back to the
 * version active before. An upload larger than MAX_UPLOAD_BYTES answers 413;
 * a catalog that doesn't parse answers 400 naming each problem's path
 * (`productLines[0].features[3].values[2].price.KR`) or, for a JSON syntax
 * error, its line and column; nothing is stored then.
 */
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requirePermission } from "~/.server/auth/auth.server";
import { versionView } from "~/.server/catalog/catalog-pages.server";
import { startAnalysis } from "~/.server/catalog/analysis.server";
import { createDraft, draftFromActive, listVersions, readVersion, rollback } from "~/.server/catalog/versions.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { readCatalogText, type CatalogProblem } from "~/domain/catalog-text";
import stylesUrl from "~/styles/admin.css?url";
import { UPLOAD_BODY_BYTES } from "~/utils/body-limits";
import { readBoundedFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];
export const meta: MetaFunction = ({ matches }) => title(matches, "adminCatalog.title");

/** The largest catalog upload. */
export const MAX_UPLOAD_BYTES = UPLOAD_BODY_BYTES;
const LABEL_MAX = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "catalog.publish");
  const { language } = await getPreferences(request);
  const versions = await listVersions(await getDb());
  // After a rollback the page says which version is active again (the action redirects here with its id).
  const rolledBack = versions.find((v) => v.id === new URL(request.url).searchParams.get("rolledBack") && v.active);
  return { language, versions: versions.map(versionView), rolledBack: rolledBack?.label ?? null };
}

export interface CatalogListAnswer {
  /** i18n key of the form's message. */
  error: string;
  values?: Record<string, string | number>;
  problems?: CatalogProblem[];
}

const answer = (status: number, body: CatalogListAnswer) => data(body, { status });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "catalog.publish");
  const form = await readBoundedFormData(request, MAX_UPLOAD_BYTES);
  if (form === "too-large") return answer(413, { error: "adminCatalog.upload.tooLarge", values: { mb: MAX_UPLOAD_BYTES / 1024 / 1024 } });
  const intent = form.get("intent");
  const db = await getDb();
  const label = String(form.get("label") ?? "").trim();
  if (label.length > LABEL_MAX || label.includes("\u0000")) return answer(400, { error: "adminCatalog.upload.badLabel", values: { max: LABEL_MAX } });

  if (intent === "upload") {
    const file = form.get("file");
    const fromFile = file instanceof File && file.size > 0 ? await file.text() : "";
    const text = fromFile || String(form.get("json") ?? "");
    if (text.trim() === "") return answer(400, { error: "adminCatalog.upload.empty" });
    const read = readCatalogText(text);
    if (!read.ok) return answer(400, { error: "adminCatalog.upload.invalid", problems: read.problems });
    const fileName = file instanceof File && file.size > 0 ? file.name : "";
    const base = fileName.replace(/\.json$/i, "") || "upload";
    const made = await createDraft(db, { actorId: user.id, catalog: read.catalog, label: label || fileName || base, idBase: base });
    if (!made.ok) return answer(made.problem.status, { error: made.problem.message });
    // The analysis starts at once, in its worker: the version page shows its progress.
    await startAnalysis(db, made.value.id, read.catalog);
    return redirect(`/admin/catalog/${encodeURIComponent(made.value.id)}`);
  }
  if (intent === "from-active") {
    const made = await draftFromActive(db, { actorId: user.id, label });
    if (!made.ok) return answer(made.problem.status, { error: "adminCatalog.errors.noActive" });
    const draft = await readVersion(db, made.value.id);
    if (draft) await startAnalysis(db, draft.id, draft.catalog);
    return redirect(`/admin/catalog/${encodeURIComponent(made.value.id)}`);
  }
  if (intent === "rollback") {
    const to = form.get("to");
    const done = await rollback(db, { actorId: user.id, to: typeof to === "string" && to !== "" ? to : undefined });
    if (!done.ok) return answer(done.problem.status, { error: `adminCatalog.errors.${done.problem.code}`, values: { id: typeof to === "string" ? to : "" } });
    return redirect("/admin/catalog?rolledBack=" + encodeURIComponent(done.value.to));
  }
  return answer(400, { error: "adminCatalog.errors.badIntent" });
}

export default function CatalogVersions() {
  const { t } = useTranslation();
  const tt = t as unknown as (key: string, values?: Record<string, unknown>) => string;
  const { versions, language, rolledBack } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const when = (iso: string | null) => (iso ? new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso)) : "");
  const active = versions.find((v) => v.active);
  const previous = versions.find((v) => !v.active && v.status !== "draft");

  return (
    <section aria-labelledby="catalog-title" className="admin-catalog">
      <h1 id="catalog-title">{t("adminCatalog.title")}</h1>
      <p className="lead">{t("adminCatalog.lead")}</p>

      {rolledBack && !reply ? (
        <p className="card" role="status" data-testid="rolled-back">
          {t("adminCatalog.rollback.done", { label: rolledBack })}
        </p>
      ) : null}
      {reply ? (
        <div className="form-error" role="alert" data-testid="catalog-error">
          <p>{tt(reply.error, reply.values)}</p>
          {reply.problems ? (
            <ul className="catalog-problems">
              {reply.problems.map((p, i) => (
                <li key={i}>
                  <code>{p.path || t("adminCatalog.upload.document")}</code>
                  {p.line !== undefined ? ` (${tt(p.column !== undefined ? "adminCatalog.upload.lineColumn" : "adminCatalog.upload.line", { line: p.line, column: p.column })})` : null}
                  {": "}
                  {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <div className="admin-catalog__actions">
        <div className="card">
          <h2>{t("adminCatalog.upload.title")}</h2>
          <Form method="post" encType="multipart/form-data" className="form">
            <div className="field">
              <label htmlFor="catalog-file">{t("adminCatalog.upload.file")}</label>
              <input id="catalog-file" name="file" type="file" accept="application/json,.json" />
            </div>
            <div className="field">
              <label htmlFor="catalog-json">{t("adminCatalog.upload.orPaste")}</label>
              <textarea id="catalog-json" name="json" rows={4} spellCheck={false} />
            </div>
            <div className="field">
              <label htmlFor="upload-label">{t("adminCatalog.label")}</label>
              <input id="upload-label" name="label" type="text" maxLength={LABEL_MAX} autoComplete="off" />
            </div>
            <button type="submit" name="intent" value="upload" className="button" disabled={busy}>
              {t("adminCatalog.upload.submit")}
            </button>
          </Form>
        </div>
        <div className="card">
          <h2>{t("adminCatalog.fromActive.title")}</h2>
          {active ? (
            <Form method="post" className="form">
              <p className="muted">{t("adminCatalog.fromActive.lead", { label: active.label })}</p>
              <div className="field">
                <label htmlFor="draft-label">{t("adminCatalog.label")}</label>
                <input id="draft-label" name="label" type="text" maxLength={LABEL_MAX} autoComplete="off" />
              </div>
              <button type="submit" name="intent" value="from-active" className="button button--secondary" disabled={busy}>
                {t("adminCatalog.fromActive.submit")}
              </button>
            </Form>
          ) : (
            <p className="muted">{t("adminCatalog.errors.noActive")}</p>
          )}
          {active && previous ? (
            <Form method="post" className="form admin-catalog__rollback">
              <h2>{t("adminCatalog.rollback.title")}</h2>
              <p className="muted">{t("adminCatalog.rollback.lead", { from: active.label, to: previous.label })}</p>
              <button type="submit" name="intent" value="rollback" className="button button--secondary" disabled={busy}>
                {t("adminCatalog.rollback.submit", { label: previous.label })}
              </button>
            </Form>
          ) : null}
        </div>
      </div>

      <h2>{t("adminCatalog.versions")}</h2>
      <div className="table-scroll">
        <table className="admin-table" data-testid="catalog-versions">
          <thead>
            <tr>
              <th scope="col">{t("adminCatalog.version")}</th>
              <th scope="col">{t("adminCatalog.status")}</th>
              <th scope="col">{t("adminCatalog.made")}</th>
              <th scope="col">{t("adminCatalog.published")}</th>
              <th scope="col">{t("adminCatalog.lines")}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} data-version={v.id}>
                <td>
                  <Link to={`/admin/catalog/${encodeURIComponent(v.id)}`}>{v.label}</Link>
                  <br />
                  <code className="muted">{v.id}</code>
                </td>
                <td>
                  <span className={`status status--${v.active ? "active" : v.status}`}>{t(v.active ? "adminCatalog.statuses.active" : `adminCatalog.statuses.${v.status}`)}</span>
                </td>
                <td>
                  {when(v.createdAt)}
                  {v.createdBy ? <br /> : null}
                  {v.createdBy ? tt("adminCatalog.by", { name: v.createdBy }) : null}
                </td>
                <td>
                  {when(v.publishedAt)}
                  {v.publishedBy ? <br /> : null}
                  {v.publishedBy ? tt("adminCatalog.by", { name: v.publishedBy }) : null}
                </td>
                <td>{v.lines}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
