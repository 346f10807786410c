/**
 * /admin/audit: the audit log, newest first, filtered by action, actor
 * (email, name or id), subject and date range, fifty to a page, with who
 * (joined at read time), when, what, subject and before/after. The CSV link
 * exports the same filter. Read-only: the page has no action, and the
 * table's trigger refuses UPDATE and DELETE anyway (decision 031).
 */
import { data, type LoaderFunctionArgs, type LinksFunction, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { filterParams, queryAudit } from "~/.server/admin/audit-log.server";
import { invalidReply } from "~/.server/admin/admin-forms.server";
import { requirePermission } from "~/.server/auth/auth.server";
import { getDb } from "#db/client";
import { ErrorList } from "~/components/forms";
import { AUDIT_ACTIONS, AUDIT_SUBJECTS } from "~/domain/audit";
import { auditFilterSchema } from "~/domain/forms/admin";
import peopleStyles from "~/styles/people.css?url";
import { title } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleStyles }];

export const meta: MetaFunction = ({ matches }) => title(matches, "people.audit.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit.read");
  const url = new URL(request.url);
  const params = filterParams(url);
  const parsed = auditFilterSchema.safeParse(params);
  if (!parsed.success) {
    // The filter form again with its messages, and no rows: 400.
    const reply = invalidReply(parsed.error);
    return data({ params, result: null, error: reply.data.error }, { status: 400 });
  }
  const result = await queryAudit(await getDb(), parsed.data);
  return { params, error: null, result: { ...result, rows: result.rows.map((r) => ({ ...r, at: r.at.toISOString() })) } };
}

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

export default function AdminAudit() {
  const { t, i18n } = useTranslation();
  const { params, result, error } = useLoaderData<typeof loader>();
  const csv = `/admin/audit.csv?${new URLSearchParams(Object.entries(params).filter(([k]) => k !== "page"))}`;
  const pageLink = (page: number) => `?${new URLSearchParams({ ...params, page: String(page) })}`;
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
  return (
    <section aria-labelledby="audit-title" className="people-page">
      <h1 id="audit-title">{t("people.audit.title")}</h1>
      <p className="muted">{t("people.audit.lead")}</p>
      <Form method="get" className="form form--inline" aria-label={t("people.audit.filter")}>
        <div className="field">
          <label htmlFor="audit-action">{t("people.audit.action")}</label>
          <select id="audit-action" name="action" defaultValue={params.action ?? ""}>
            <option value="">{t("people.audit.anyAction")}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
          <ErrorList errors={error?.action} />
        </div>
        <div className="field">
          <label htmlFor="audit-actor">{t("people.audit.actor")}</label>
          <input id="audit-actor" name="actor" defaultValue={params.actor ?? ""} placeholder={t("people.audit.actorHint")} />
          <ErrorList errors={error?.actor} />
        </div>
        <div className="field">
          <label htmlFor="audit-subject">{t("people.audit.subject")}</label>
          <select id="audit-subject" name="subject" defaultValue={params.subject ?? ""}>
            <option value="">{t("people.audit.anySubject")}</option>
            {AUDIT_SUBJECTS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <ErrorList errors={error?.subject} />
        </div>
        <div className="field">
          <label htmlFor="audit-subject-id">{t("people.audit.subjectId")}</label>
          <input id="audit-subject-id" name="subjectId" defaultValue={params.subjectId ?? ""} />
          <ErrorList errors={error?.subjectId} />
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("people.audit.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={params.from ?? ""} />
          <ErrorList errors={error?.from} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("people.audit.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={params.to ?? ""} />
          <ErrorList errors={error?.to} />
        </div>
        <button type="submit" className="button button--secondary">
          {t("people.audit.filter")}
        </button>
        <a href={csv} className="button button--secondary" download>
          {t("people.audit.csv")}
        </a>
      </Form>
      <ErrorList errors={error?.page} className="form-error" />

      {result && result.rows.length === 0 ? <p className="muted">{t("people.audit.empty")}</p> : null}
      {result && result.rows.length > 0 ? (
        <>
          <p className="muted">{t("people.audit.total", { count: result.total })}</p>
          <div className="people-scroll">
            <table className="people-table" data-testid="audit">
              <thead>
                <tr>
                  <th scope="col">{t("people.audit.at")}</th>
                  <th scope="col">{t("people.audit.actor")}</th>
                  <th scope="col">{t("people.audit.what")}</th>
                  <th scope="col">{t("people.audit.subject")}</th>
                  <th scope="col">{t("people.audit.before")}</th>
                  <th scope="col">{t("people.audit.after")}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <time dateTime={r.at}>{when.format(new Date(r.at))}</time>
                    </td>
                    <td>{r.actor ? `${r.actor.name ?? r.actor.id}${r.actor.email ? ` <${r.actor.email}>` : ""}` : t("people.audit.system")}</td>
                    <td>
                      <code>{r.action}</code>
                    </td>
                    <td>
                      {r.subject} {r.subjectName ?? <code>{r.subjectId}</code>}
                    </td>
                    <td>
                      <code>{json(r.before)}</code>
                    </td>
                    <td>
                      <code>{json(r.after)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="people-pager" aria-label={t("people.audit.page", { page: result.page, pages: result.pages })}>
            {result.page > 1 ? <Link to={pageLink(result.page - 1)}>{t("people.audit.previous")}</Link> : null}{" "}
            <span>{t("people.audit.page", { page: result.page, pages: result.pages })}</span>{" "}
            {result.page < result.pages ? <Link to={pageLink(result.page + 1)}>{t("people.audit.next")}</Link> : null}
          </nav>
        </>
      ) : null}
    </section>
  );
}
