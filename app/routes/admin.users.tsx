/**
 * /admin/users: find accounts (email or name, role), invite staff, change a
 * role, deactivate or reactivate, send a password link (an invitation again
 * to someone invited, a claim link to a customer a dealer created). Every
 * change writes its audit entry in its own transaction (users.server.ts).
 * Bad input answers 4xx with the message on its field and changes nothing.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type LinksFunction, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { adminRefusal, invalidReply, postedFields, unknownIntent } from "~/.server/admin/admin-forms.server";
import { changeRole, deactivateUser, dealershipOptions, inviteStaff, reactivateUser, searchUsers, sendPasswordReset } from "~/.server/admin/users.server";
import { requirePermission } from "~/.server/auth/auth.server";
import { getDb } from "#db/client";
import { AdminInput, errorsOf, FieldErrors } from "~/components/admin";
import { ErrorList } from "~/components/forms";
import { inviteSchema, roleChangeSchema, STAFF_ROLES, userIdSchema, userSearchSchema } from "~/domain/forms/admin";
import { ROLES } from "~/domain/roles";
import peopleStyles from "~/styles/people.css?url";
import { title } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleStyles }];

export const meta: MetaFunction = ({ matches }) => title(matches, "people.users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "user.manage");
  const search = new URL(request.url).searchParams;
  const filter = userSearchSchema.parse({ q: search.get("q") ?? undefined, role: search.get("role") ?? undefined });
  const db = await getDb();
  const [users, dealerships] = await Promise.all([searchUsers(db, filter), dealershipOptions(db)]);
  return { me: admin.id, filter, users: users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })), dealerships };
}

const DONE = { invite: "invite", role: "role", deactivate: "deactivate", reactivate: "reactivate", reset: "reset" } as const;

/** A refused invitation says so, so the page shows its messages on the invitation form rather than above the list. */
function forInvite(refused: ReturnType<typeof invalidReply>) {
  return data({ ...refused.data, invite: true as const }, refused.init ?? undefined);
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "user.manage");
  const fields = await postedFields(request);
  const db = await getDb();
  const intent = fields.intent;
  if (intent === "invite") {
    const parsed = inviteSchema.safeParse(fields);
    if (!parsed.success) return forInvite(invalidReply(parsed.error));
    const result = await inviteStaff(db, admin.id, parsed.data);
    return result.ok ? { ok: true as const, done: DONE.invite, userId: result.value.id } : forInvite(adminRefusal(result.problem));
  }
  if (intent === "role") {
    const parsed = roleChangeSchema.safeParse(fields);
    if (!parsed.success) return invalidReply(parsed.error);
    const result = await changeRole(db, admin.id, parsed.data);
    return result.ok ? { ok: true as const, done: DONE.role, userId: result.value.id } : adminRefusal(result.problem);
  }
  if (intent === "deactivate" || intent === "reactivate" || intent === "reset") {
    const parsed = userIdSchema.safeParse(fields);
    if (!parsed.success) return invalidReply(parsed.error);
    const change = intent === "deactivate" ? deactivateUser : intent === "reactivate" ? reactivateUser : sendPasswordReset;
    const result = await change(db, admin.id, parsed.data.userId);
    return result.ok ? { ok: true as const, done: DONE[intent], userId: result.value.id } : adminRefusal(result.problem);
  }
  return unknownIntent();
}

export default function AdminUsers() {
  const { t } = useTranslation();
  const { filter, users, dealerships, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const replied = errorsOf(actionData);
  const invite = actionData && "invite" in actionData;
  /** Messages of the invitation form sit on its fields; a row action's refusal is said above the list. */
  const errors = invite ? replied : undefined;
  const rowErrors = invite ? undefined : replied;
  const done = actionData && "ok" in actionData ? actionData.done : null;
  const submittedUser = navigation.formData?.get("userId");

  return (
    <section aria-labelledby="users-title" className="people-page">
      <h1 id="users-title">{t("people.users.title")}</h1>
      <p className="muted">{t("people.users.lead")}</p>
      {done ? (
        <p role="status" className="notice">
          {t(`people.users.done.${done as keyof typeof DONE}`)}
        </p>
      ) : null}

      <Form method="get" className="form form--inline" role="search">
        <div className="field">
          <label htmlFor="users-q">{t("people.users.searchLabel")}</label>
          <input id="users-q" name="q" type="search" defaultValue={filter.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="users-role">{t("people.users.roleFilter")}</label>
          <select id="users-role" name="role" defaultValue={filter.role ?? ""}>
            <option value="">{t("people.users.anyRole")}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t("people.users.search")}
        </button>
      </Form>

      {rowErrors ? <ErrorList errors={Object.values(rowErrors).flat()} className="form-error" /> : null}

      {users.length === 0 ? (
        <p className="muted">{t("people.users.empty")}</p>
      ) : (
        <div className="people-scroll">
          <table className="people-table" data-testid="users">
            <thead>
              <tr>
                <th scope="col">{t("people.users.name")}</th>
                <th scope="col">{t("people.users.email")}</th>
                <th scope="col">{t("people.users.role")}</th>
                <th scope="col">{t("people.users.status")}</th>
                <th scope="col">{t("people.users.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} aria-busy={busy && submittedUser === u.id}>
                  <td>{u.name}</td>
                  <td>{u.email}</td>
                  <td>
                    {t(`roles.${u.role}`)}
                    {u.dealerships.map((d) => (
                      <span key={d.id} className="muted">
                        {" \u00b7 "}
                        {d.name}
                      </span>
                    ))}
                  </td>
                  <td>{t(`people.users.states.${u.state}`)}</td>
                  <td>
                    <Link to={`/admin/users/${u.id}/privacy`} className="button button--secondary">
                      {t("people.users.privacy")}
                    </Link>
                    {u.role !== "customer" ? (
                      <Form method="post" className="form form--inline">
                        <input type="hidden" name="intent" value="role" />
                        <input type="hidden" name="userId" value={u.id} />
                        <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                          {t("people.users.role")}
                        </label>
                        <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                          {STAFF_ROLES.map((role) => (
                            <option key={role} value={role}>
                              {t(`roles.${role}`)}
                            </option>
                          ))}
                        </select>
                        <label className="visually-hidden" htmlFor={`dealership-${u.id}`}>
                          {t("people.users.dealership")}
                        </label>
                        <select id={`dealership-${u.id}`} name="dealershipId" defaultValue={u.dealerships[0]?.id ?? ""}>
                          <option value="">{t("people.users.noDealership")}</option>
                          {dealerships.map((d) => (
                            <option key={d.id} value={d.id}>
                              {d.name}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button button--secondary" disabled={busy}>
                          {t("people.users.changeRole")}
                        </button>
                      </Form>
                    ) : null}
                    <Form method="post" className="form form--inline">
                      <input type="hidden" name="userId" value={u.id} />
                      {u.state === "deactivated" ? (
                        <button type="submit" name="intent" value="reactivate" className="button button--secondary" disabled={busy}>
                          {t("people.users.reactivate")}
                        </button>
                      ) : (
                        <>
                          <button type="submit" name="intent" value="reset" className="button button--secondary" disabled={busy}>
                            {u.state === "unclaimed" ? t("people.users.sendClaim") : t("people.users.sendReset")}
                          </button>
                          {u.id !== me || u.role !== "admin" ? (
                            <button type="submit" name="intent" value="deactivate" className="button button--danger" disabled={busy}>
                              {t("people.users.deactivate")}
                            </button>
                          ) : null}
                        </>
                      )}
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="invite-title" className="card">
        <h2 id="invite-title">{t("people.users.inviteTitle")}</h2>
        <p className="muted">{t("people.users.inviteHint")}</p>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <AdminInput name="name" label={t("people.users.name")} errors={errors} idPrefix="invite-" />
          <AdminInput name="email" label={t("people.users.email")} type="email" errors={errors} idPrefix="invite-" />
          <div className="field">
            <label htmlFor="invite-role">{t("people.users.role")}</label>
            <select id="invite-role" name="role" defaultValue="dealer">
              {STAFF_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </select>
            <FieldErrors errors={errors} name="role" />
          </div>
          <div className="field">
            <label htmlFor="invite-dealership">{t("people.users.dealership")}</label>
            <select id="invite-dealership" name="dealershipId" defaultValue="">
              <option value="">{t("people.users.noDealership")}</option>
              {dealerships.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
            <FieldErrors errors={errors} name="dealershipId" />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t("people.users.invite")}
          </button>
        </Form>
      </section>
    </section>
  );
}
